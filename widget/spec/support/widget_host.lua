-- Loads the real widget file the way BAR's widget handler does (luaui/barwidgets.lua): a fresh
-- environment that is the widget table itself, its __index a System table holding only what BAR
-- exposes (no _G, no load); SetConfigData before Initialize; every call-in under pcall, and an
-- error in one removes the widget ("Removed widget: ..."), which the specs check never happens.
-- Actions registered with widgetHandler:AddAction receive text commands like BAR's /commands.

local WidgetHost = {}
WidgetHost.__index = WidgetHost

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
-- LIVEDATA_WIDGET=path runs the specs against another copy of the widget (an older one, say).
WidgetHost.WIDGET_PATH = os.getenv("LIVEDATA_WIDGET") or (here .. "/../../api_livedata_export.lua")

local LUA_NAMES = {
	"assert", "error", "print", "next", "pairs", "ipairs", "tonumber", "tostring", "type",
	"collectgarbage", "gcinfo", "unpack", "select", "dofile", "loadfile", "loadstring",
	"getmetatable", "setmetatable", "rawequal", "rawget", "rawset", "getfenv", "setfenv",
	"pcall", "xpcall", "_VERSION", "io", "os", "math", "debug", "table", "string", "package", "coroutine",
}

-- opts: config (saved settings table, or nil), socket (defaults to the real LuaSocket; false for
-- none, as with LuaSocketEnabled=0).
function WidgetHost.load(game, opts)
	opts = opts or {}
	local self = setmetatable({ game = game, actions = {}, removed = false, errors = {}, savedConfig = nil }, WidgetHost)
	local system = {}
	for _, name in ipairs(LUA_NAMES) do
		system[name] = _G[name]
	end
	system.require = function(name)
		error("module '" .. tostring(name) .. "' not found (BAR's require reads the VFS)", 2)
	end
	system.Spring = game.Spring
	system.Game = game.Game
	system.Engine = game.Engine
	system.UnitDefs = game.unitDefs
	system.UnitDefNames = game.unitDefNames
	if opts.socket ~= false then
		system.socket = opts.socket or require("socket")
	end
	system.LIVEDATA_TEST = true

	local widget = setmetatable({}, { __index = system })
	widget.widget = widget
	widget.widgetHandler = {
		AddAction = function(_, cmd, fn, data, types)
			self.actions[cmd] = { fn = fn, data = data, types = types }
			return true
		end,
		RemoveAction = function(_, cmd)
			self.actions[cmd] = nil
			return true
		end,
	}
	self.widget = widget
	local chunk = assert(loadfile(WidgetHost.WIDGET_PATH))
	setfenv(chunk, widget)
	chunk()
	self.test = widget._test
	self.info = widget:GetInfo()
	if opts.config ~= nil then
		self:callin("SetConfigData", opts.config)
	end
	game:listen(self)
	self:callin("Initialize")
	return self
end

-- Calls a call-in like the handler: pcall, and removal on error.
function WidgetHost:callin(name, ...)
	if self.removed then
		return
	end
	local fn = self.widget[name]
	if type(fn) ~= "function" then
		return
	end
	local ok, err = pcall(fn, self.widget, ...)
	if not ok then
		self.errors[#self.errors + 1] = name .. ": " .. tostring(err)
		local echoes = self.game.echoes
		echoes[#echoes + 1] = "Error in " .. name .. "(): " .. tostring(err)
		echoes[#echoes + 1] = "Removed widget: " .. tostring(self.info.name)
		self.removed = true
	end
end

-- A console line as typed after the slash, e.g. "livedata port 9000".
function WidgetHost:command(line)
	local words = {}
	for w in line:gmatch("%S+") do
		words[#words + 1] = w
	end
	local cmd = table.remove(words, 1)
	local action = self.actions[cmd]
	if not action or self.removed then
		return false
	end
	local optLine = line:match("^%s*%S+%s*(.-)%s*$")
	local ok, handled = pcall(action.fn, cmd, optLine, words, action.data, false, false, {})
	if not ok then
		self.errors[#self.errors + 1] = "action " .. cmd .. ": " .. tostring(handled)
		self.removed = true
		return false
	end
	return handled
end

-- Disables the widget as the handler does: Shutdown, then the config is saved.
function WidgetHost:shutdown()
	self:callin("Shutdown")
	if not self.removed then
		self.savedConfig = self.widget:GetConfigData()
	end
	self.removed = true
	return self.savedConfig
end

-- Console lines echoed since the index `from` (default: all), joined by newlines.
function WidgetHost:echoes(from)
	local lines = {}
	for i = from or 1, #self.game.echoes do
		lines[#lines + 1] = self.game.echoes[i]
	end
	return table.concat(lines, "\n")
end

return WidgetHost
