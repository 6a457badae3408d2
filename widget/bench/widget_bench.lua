-- Widget benchmark (npm run bench:widget): figures, not assertions. Runs the real widget file in
-- the fake game (widget/spec/support) under stock Lua 5.1 and prints:
--   * one state build + encode + frame, median and p99 ms, for 2x8 and 16-team FFA with 200
--     units per team (budget: 0.5 ms median);
--   * ms per idle Update, connected and waiting to reconnect (budget: 0.02 ms);
--   * KB of garbage per state message;
--   * our encoder against Debian's dkjson on the same state (budget: ours >= 1.5x faster);
--   * queue memory after an hour of game with the bridge down, at the default settings
--     (budget: 500 KB).
-- Timing uses os.clock (CPU time of this process, so other work on the machine does not count)
-- and socket.gettime for the long runs: the benchmark runs outside the game.

local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../spec/support/"
package.path = root .. "?.lua;" .. package.path

local socket = require("socket")
local dkjson = require("dkjson")
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")
local TestServer = require("test_server")

local now = os.clock

local function percentile(sorted, p)
	return sorted[math.max(1, math.ceil(#sorted * p))]
end

local function fmt(x, digits)
	return string.format("%." .. (digits or 3) .. "f", x)
end

-- A spectator in full view watching `shape` with 200 finished units per team, the widget loaded.
local function scene(shape, config)
	local game = FakeGame.new({ shape = shape, spectators = 4, aiTeams = shape:match("ffa") and 1 or 0 })
	game:start()
	game:populate(200)
	game:run(30)
	local host = WidgetHost.load(game, { config = config or { port = TestServer.refusedPort() } })
	return game, host, host.test
end

-- One state as the widget sends it: collected, encoded, framed (lead + body); returns its size.
local function stateOnce(t)
	local lead, body = t.frameMessage("state", 1, t.Json.encode(t.collectState()))
	return #lead + #body
end

-- Plain copy of a shaped state with dkjson.null where ours writes null (nil in the table).
local NULLABLE = {
	"leader_player_id", "metal", "energy", "unit_count", "army_value", "defense_value", "build_power",
	"commanders_alive", "stats", "ping_ms", "cpu", "country", "rank", "skill",
}
local function plainCopy(v)
	if type(v) ~= "table" then
		return v
	end
	local out = {}
	for k, x in pairs(v) do
		if type(k) ~= "string" or not k:match("Table$") and k ~= "r" and k ~= "g" and k ~= "b" then
			out[k] = plainCopy(x)
		end
	end
	if v.id ~= nil then
		for _, k in ipairs(NULLABLE) do
			if v[k] == nil and (v.ally_team ~= nil) then
				out[k] = dkjson.null
			end
		end
	end
	return out
end

-- The Spring calls one state makes, replayed alone against the fake: the share of the figure that
-- is the fake engine (Lua) rather than the widget; the engine's C functions cost far less.
local function springShare(game, t)
	local calls = {}
	local real = {}
	for name, fn in pairs(game.Spring) do
		real[name] = fn
		game.Spring[name] = function(...)
			calls[#calls + 1] = { fn = fn, n = select("#", ...), ... }
			return fn(...)
		end
	end
	t.collectState()
	for name, fn in pairs(real) do
		game.Spring[name] = fn
	end
	return function()
		for i = 1, #calls do
			local c = calls[i]
			c.fn(unpack(c, 1, c.n))
		end
	end, #calls
end

-- Times fn n times; between runs (untimed) `between` may change the game, so every state differs
-- (identical strings would be interned and cost nothing).
local function timeRuns(n, fn, between)
	for _ = 1, math.min(100, n) do
		fn()
	end
	local samples = {}
	for i = 1, n do
		if between then
			between()
		end
		local t0 = now()
		fn()
		samples[i] = (now() - t0) * 1000
	end
	table.sort(samples)
	return samples
end

print(string.format("widget benchmark, %s, LuaSocket %s", _VERSION, socket._VERSION))
print("")
print("state build + encode + frame (200 units per team, spectator in full view)")
for _, shape in ipairs({ "2x8", "ffa16" }) do
	local game, host, t = scene(shape)
	local size = stateOnce(t)
	game.speed = 30 -- one game second per draw frame: new figures in every state
	local function advance()
		game:step(1 / 30)
	end
	local samples = timeRuns(2000, function()
		stateOnce(t)
	end, advance)
	local replay, callCount = springShare(game, t)
	local fake = timeRuns(2000, replay)
	-- Garbage per state: GC stopped, memory before and after each (fresh) state.
	collectgarbage("collect")
	collectgarbage("stop")
	local garbage, runs = 0, 200
	for _ = 1, runs do
		advance()
		local before = collectgarbage("count")
		stateOnce(t)
		garbage = garbage + collectgarbage("count") - before
	end
	garbage = garbage / runs
	collectgarbage("restart")
	-- Encoder against dkjson on the same state.
	local state = t.collectState()
	local plain = plainCopy(state)
	local ours = timeRuns(1000, function()
		t.Json.encode(state)
	end)
	local theirs = timeRuns(1000, function()
		dkjson.encode(plain)
	end)
	local same = dkjson.decode("{" .. t.Json.encode(state):sub(2)) -- a state body continues a head
	local check = dkjson.decode(dkjson.encode(plain))
	assert(#same.teams == #check.teams and #same.players == #check.players)
	print(string.format("  %-6s %6d bytes  median %s ms  p99 %s ms (of which %d fake Spring calls %s ms)  "
		.. "garbage %s KB/state", shape, size, fmt(percentile(samples, 0.5)), fmt(percentile(samples, 0.99)),
		callCount, fmt(percentile(fake, 0.5)), fmt(garbage, 1)))
	print(string.format("         encode only: ours %s ms, dkjson %s ms: ours is %sx faster", fmt(percentile(ours, 0.5)),
		fmt(percentile(theirs, 0.5)), fmt(percentile(theirs, 0.5) / percentile(ours, 0.5), 2)))
	host:shutdown()
end

print("")
print("idle Update (nothing due, nothing queued; the fake engine's Spring calls included)")
do
	local server = TestServer.start()
	local game, host, t = scene("2x8", { port = server.port, state_interval = 60 })
	game.speed = 0 -- no simulation frames: only the widget's own Update work is measured
	for _ = 1, 90 do
		game:step(1 / 60)
		server:poll()
	end
	assert(t.conn.state == "CONNECTED" and t.queue.state == nil and t.conn.out == nil, "not idle")
	local n = 100000
	local t0 = now()
	for _ = 1, n do
		game.clock = game.clock + 1 / 60
		host:callin("Update", 1 / 60)
	end
	local connected = (now() - t0) * 1000 / n
	server:close()
	host:shutdown()
	local game2, host2, t2 = scene("2x8", { port = TestServer.refusedPort(), state_interval = 60 })
	game2.speed = 0
	for _ = 1, 90 do
		game2:step(1 / 30)
	end
	assert(t2.conn.state == "RECONNECTING")
	t2.conn.retryAt = math.huge
	t0 = now()
	for _ = 1, n do
		game2.clock = game2.clock + 1 / 60
		host2:callin("Update", 1 / 60)
	end
	local waiting = (now() - t0) * 1000 / n
	host2:shutdown()
	print(string.format("  connected %s ms per Update, waiting to reconnect %s ms per Update", fmt(connected, 4),
		fmt(waiting, 4)))
end

print("")
print("queue memory after an hour of game with the bridge down (default settings, 2x8, 200 units per team)")
do
	local game, host, t = scene("2x8", { port = TestServer.refusedPort() })
	-- Many notable units: one finished and one destroyed every 3 game seconds, on top of the
	-- scripted match (states every second, kills, commanders, pauses).
	local churn = {}
	local base = game.script
	game.script = function(g, frame)
		if base then
			base(g, frame)
		end
		if frame % 90 == 0 then
			local team = (frame / 90) % 16
			if not g.teams[team].dead then
				churn[#churn + 1] = g:spawn(team, "armbanth")
			end
			local old = table.remove(churn, 1)
			if old and g.units[old] then
				g:destroy(old, (team + 8) % 16)
			end
		end
	end
	local t0 = now()
	game:run(3600, 30)
	local elapsed = now() - t0
	collectgarbage("collect")
	local withQueue = collectgarbage("count")
	local queued, dropped, coalesced = t.Queue.count(t.queue), t.queue.dropped, t.queue.coalesced
	t.Queue.clear(t.queue)
	collectgarbage("collect")
	local without = collectgarbage("count")
	print(string.format("  %d messages queued (cap %d), %d dropped, %d states coalesced: %s KB "
		.. "(simulated in %s s)", queued, t.queue.cap, dropped, coalesced, fmt(withQueue - without, 1), fmt(elapsed, 1)))
	host:shutdown()
end
