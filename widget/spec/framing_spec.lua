local helpers = require("helpers")

describe("framing", function()
	local env, t

	setup(function()
		env = helpers.setup({ noServer = true })
		t = env.t
	end)
	teardown(function()
		helpers.teardown(env)
	end)

	it("writes a 4-byte big-endian length", function()
		local cases = {
			[1] = { 0, 0, 0, 1 },
			[255] = { 0, 0, 0, 255 },
			[256] = { 0, 0, 1, 0 },
			[65535] = { 0, 0, 255, 255 },
			[65536] = { 0, 1, 0, 0 },
			[70000] = { 0, 1, 17, 112 },
			[1048576] = { 0, 16, 0, 0 },
			[16777215] = { 0, 255, 255, 255 },
		}
		for len, bytes in pairs(cases) do
			assert.same(bytes, { t.lengthPrefix(len):byte(1, 4) }, "length " .. len)
		end
	end)

	-- The frame as it goes out: the lead (length, head, seq), then the body unchanged.
	local function frame(kind, seq, body)
		local lead, rest = t.frameMessage(kind, seq, body)
		if not lead then
			return nil, rest
		end
		assert.equal(body, rest)
		return lead .. rest
	end

	it("frames a message: length, head with the seq, then the body", function()
		local body = ',"frame":0,"reason":"shutdown"}'
		local framed = frame("goodbye", 7, body)
		local payload = '{"type":"goodbye","schema_version":1,"seq":7' .. body
		assert.equal(helpers.frame(payload), framed)
		assert.same({ type = "goodbye", schema_version = 1, seq = 7, frame = 0, reason = "shutdown" },
			helpers.decode(payload))
	end)

	it("refuses frames over the 1 MiB limit (the bridge's default, far below 2^24)", function()
		assert.equal(1048576, t.MAX_FRAME)
		local ok = frame("state", 1, "," .. string.rep(" ", t.MAX_FRAME - 50) .. "}")
		assert.is_string(ok)
		local framed, err = frame("state", 1, "," .. string.rep(" ", t.MAX_FRAME) .. "}")
		assert.is_nil(framed)
		assert.matches("over the 1048576%-byte frame limit", err)
	end)

	it("is decoded by the bridge, frame after frame, at sizes around every byte boundary", function()
		local raw = {}
		local sizes = { 1, 200, 255, 256, 257, 65535, 65536, 65537, 300000 }
		for i, size in ipairs(sizes) do
			local filler = string.rep("a", size - 60)
			raw[i] = frame("goodbye", i, ',"frame":' .. i .. ',"reason":"' .. filler .. '"}')
				or frame("goodbye", i, ',"frame":0,"reason":"x"}')
		end
		local results = helpers.bridgeParse(nil, false, table.concat(raw))
		assert.equal(#sizes, #results)
		for i, r in ipairs(results) do
			assert.is_true(r.ok, r.error)
			assert.equal(i, r.value.seq)
		end
	end)
end)
