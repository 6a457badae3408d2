-- Static checks on the widget file: engine API names, Lua 5.1 only, nothing that blocks, lint.
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")
local REPO = here .. "/../.."
-- The engine's function list lives beside the repository (../shared, as in CI's clean clone).
local SPRING_LIST = REPO .. "/../shared/data/recoil-luaui-spring-functions.txt"

local function read(path)
	local f = io.open(path, "rb")
	if not f then
		return nil
	end
	local s = f:read("*a")
	f:close()
	return s
end

local function springList()
	local text = read(SPRING_LIST)
	assert(text, "cannot read " .. SPRING_LIST .. ": the list of Recoil's LuaUI Spring functions is expected in "
		.. "../shared/data/ beside the repository")
	local names = {}
	for line in text:gmatch("[^\n]+") do
		if not line:match("^#") then
			names[line:match("^%s*(.-)%s*$")] = true
		end
	end
	return names
end

-- The widget's code without comments.
local function code()
	local s = assert(read(WidgetHost.WIDGET_PATH))
	s = s:gsub("%-%-%[(=*)%[.-%]%1%]", ""):gsub("%-%-[^\n]*", "")
	return s
end

describe("the widget file", function()
	it("calls only Spring functions the engine gives LuaUI widgets", function()
		local known = springList()
		local used = {}
		for name in code():gmatch("Spring%.([%a_][%w_]*)") do
			used[name] = true
		end
		assert.is_true(next(used) ~= nil)
		for name in pairs(used) do
			assert.is_true(known[name] == true, "Spring." .. name .. " is not in " .. SPRING_LIST)
		end
	end)

	it("is tested against a fake that offers only real Spring functions", function()
		local known = springList()
		for name in pairs(FakeGame.new().Spring) do
			assert.is_true(known[name] == true, "the fake offers Spring." .. name .. ", which the engine has not")
		end
	end)

	it("is Lua 5.1: it compiles under 5.1 and uses nothing newer", function()
		assert.equal("Lua 5.1", _VERSION)
		assert.is_function(loadfile(WidgetHost.WIDGET_PATH))
		local src = code()
		for _, pattern in ipairs({ "table%.unpack", "table%.pack", "table%.move", "string%.pack", "string%.unpack",
			"utf8%.", "math%.type", "math%.tointeger", "bit32", "%f[%w_]bit%.", "<<", ">>", "rawlen", "_ENV",
			"%f[%w_]goto%f[^%w_]", "::", "%f[%w_]load%s*%(", "//" }) do
			assert.is_nil(src:find(pattern), "uses " .. pattern)
		end
	end)

	it("never blocks and never reads the wall clock through LuaSocket or os", function()
		local src = code()
		for _, pattern in ipairs({ "socket%.sleep", "socket%.connect", "socket%.gettime", "socket%.dns", "os%.time",
			"os%.clock", "%f[%w_]io%.", "%f[%w_]require%s*[%(\"']", "%f[%w_]_G%f[^%w_]", "%f[%w_]print%s*%(" }) do
			assert.is_nil(src:find(pattern), "uses " .. pattern)
		end
		-- settimeout(0) at once after creating the socket, and every select polls with timeout 0.
		assert.matches("socket%.tcp%(%)\n[^\n]*\n[^\n]*\n[^\n]*\n%s*s:settimeout%(0%)", src)
		local selects = 0
		for args in src:gmatch("socket%.select(%b())") do
			selects = selects + 1
			assert.matches(", 0%)$", args)
		end
		assert.equal(2, selects)
		assert.matches('"127%.0%.0%.1"', src)
	end)

	it("is luacheck clean", function()
		local status = os.execute("cd " .. REPO .. " && luacheck --quiet --no-color widget/api_livedata_export.lua"
			.. " >/dev/null")
		assert.equal(0, status)
	end)
end)
