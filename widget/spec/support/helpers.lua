-- Shared spec helpers: a fake game with the real widget loaded, connected to a real listener.
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")
local TestServer = require("test_server")
local dkjson = require("dkjson")

local helpers = {}

-- A game, the widget loaded into it and (unless opts.noServer) a real listener it connects to.
-- opts: game (FakeGame options), config (saved settings), noServer, socket, faults (Spring
-- functions that throw from the start, Initialize included: { GetSpectatingState = true }).
function helpers.setup(opts)
	opts = opts or {}
	local env = {}
	if not opts.noServer then
		env.server = TestServer.start()
	end
	env.game = FakeGame.new(opts.game)
	for name, on in pairs(opts.faults or {}) do
		env.game.faults[name] = on
	end
	local config = opts.config or {}
	if env.server and config.port == nil then
		config.port = env.server.port
	end
	env.host = WidgetHost.load(env.game, { config = config, socket = opts.socket })
	env.t = env.host.test
	return env
end

function helpers.teardown(env)
	if env.host and not env.host.removed then
		env.host:shutdown()
	end
	if env.server then
		env.server:close()
	end
end

-- Runs draw frames of 1/30 s (polling the listener after each) until pred() or `seconds` pass.
function helpers.runUntil(env, pred, seconds)
	local steps = math.floor((seconds or 5) * 30 + 0.5)
	for _ = 1, steps do
		env.game:step(1 / 30)
		if env.server then
			env.server:poll()
		end
		if pred and pred() then
			return true
		end
	end
	return pred == nil
end

function helpers.connected(env)
	return helpers.runUntil(env, function()
		return env.t.conn.state == "CONNECTED" and env.t.conn.out == nil
	end, 2)
end

-- Runs `seconds` of game time, polling the listener.
function helpers.run(env, seconds)
	helpers.runUntil(env, nil, seconds)
end

local function splitLines(s)
	local lines = {}
	for line in s:gmatch("[^\n]+") do
		lines[#lines + 1] = line
	end
	return lines
end

local function frame(payload)
	local n = #payload
	return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
		.. payload
end
helpers.frame = frame

-- Hands frames (raw bytes, or payload strings framed here) to the bridge's own decoder and
-- parser in Node; returns one { ok, value | error } per frame. validate: also check the schema.
function helpers.bridgeParse(payloads, validate, raw)
	local path = os.tmpname()
	local f = assert(io.open(path, "wb"))
	if raw then
		f:write(raw)
	else
		for _, p in ipairs(payloads) do
			f:write(frame(p))
		end
	end
	f:close()
	local cmd = "node --import tsx spec/support/bridge-parse.ts " .. (validate and "--validate " or "") .. path .. " 2>&1"
	local pipe = assert(io.popen(cmd))
	local out = pipe:read("*a")
	pipe:close()
	os.remove(path)
	local results = {}
	for _, line in ipairs(splitLines(out)) do
		local value = dkjson.decode(line, 1, dkjson.null)
		results[#results + 1] = value or { ok = false, error = "not JSON from bridge-parse: " .. line }
	end
	return results
end

-- The team `id` of a decoded state message.
function helpers.teamById(state, id)
	for _, t in ipairs(state.teams) do
		if t.id == id then
			return t
		end
	end
	return nil
end

helpers.decode = function(s)
	return dkjson.decode(s, 1, dkjson.null)
end
helpers.null = dkjson.null

return helpers
