-- luacheck config (npm run lint: `luacheck --quiet widget`). Paths are relative to this file.
std = "lua51"
max_line_length = 120
self = false -- call-ins are methods (widget:Update) that rarely use self

files["widget/api_livedata_export.lua"] = {
	-- What the widget reads from BAR's widget environment; `widget` is its own table.
	globals = { "widget" },
	read_globals = { "Spring", "socket", "Game", "Engine", "UnitDefs", "UnitDefNames", "widgetHandler", "LIVEDATA_TEST" },
}
files["widget/spec"] = { std = "+busted" }
