-- Run by float-lua.process.test.ts: passes only under a float Lua whose LuaSocket shares its number type.
describe("the float Lua", function()
  it("reports itself", function()
    print(("FLOAT-SPEC %s 2^24+1==2^24:%s"):format(_VERSION, tostring(2 ^ 24 + 1 == 2 ^ 24)))
  end)

  it("rounds numbers to 32-bit floats", function()
    assert.is_true(2 ^ 24 + 1 == 2 ^ 24)
    assert.are.equal(2 ^ 24, tonumber("16777217"))
  end)

  it("gets float-quantised times from LuaSocket", function()
    -- Epoch seconds as a float step by 128; a double build of socket.core would push garbage.
    local now = require("socket").gettime()
    assert.are.equal(0, now % 128)
    assert.is_true(math.abs(now - os.time()) <= 256)
  end)
end)
