-- Widget benchmark (npm run bench:widget): figures, not assertions. Runs the real widget file in
-- the fake game (widget/spec/support), under stock Lua 5.1 and under the engine's 32-bit-float Lua
-- (run.sh runs both), and prints every figure with its budget and "met" or "MISSED":
--   * one state build + encode + frame, median and p99 ms, for 2x8 and 16-team FFA with 200
--     units per team (budget: 0.5 ms median);
--   * an Update that builds and sends a state, connected to a reading listener (budget: 2 ms, the
--     seed's most per frame);
--   * one send attempt (socket send of a frame or part of one; budget 0.3 ms);
--   * one queue operation: push, push of a state, take, done (budget 0.1 ms);
--   * ms per idle Update, connected and waiting to reconnect (budget: 0.02 ms);
--   * KB of garbage per state message, and how much of it the fake Spring calls make (no budget);
--   * our encoder against Debian's dkjson on the same states (budget: ours >= 1.5x faster);
--   * bandwidth, KB/s, for 2x8 at one state a second through the scripted match (budget 100 KB/s);
--   * queue memory after an hour of the scripted match with the bridge down, at the default queue
--     size and at the largest (5000) (budget: 500 KB).
-- Timing uses os.clock (CPU time of this process, so other work on the machine does not count;
-- under the float Lua it is a float too, so its resolution is printed); the widget's own clock is
-- the fake game's, which the benchmark moves by hand.

local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../spec/support/"
package.path = root .. "?.lua;" .. package.path

local socket = require("socket")
local dkjson = require("dkjson")
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")
local TestServer = require("test_server")

local now = os.clock
local FLOAT = 2 ^ 24 + 1 == 2 ^ 24

-- Every figure: value, unit, budget ({ max = n }, { min = n } or nil for none) and the verdict.
local missed = 0
local function figure(label, value, unit, budget, digits)
	local text = string.format("%." .. (digits or 3) .. "f", value)
	local verdict, limit = "(no budget)", ""
	if budget and budget.max then
		limit = "budget <= " .. budget.max .. " " .. unit
		verdict = value <= budget.max and "met" or "MISSED"
	elseif budget and budget.min then
		limit = "budget >= " .. budget.min .. " " .. unit
		verdict = value >= budget.min and "met" or "MISSED"
	end
	if verdict == "MISSED" then
		missed = missed + 1
	end
	print(string.format("  %-52s %10s %-5s %-22s %s", label, text, unit, limit, verdict))
end

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

-- A listener that reads and discards (a bridge lives in its own process: what it keeps must not
-- swell this Lua heap, whose collector the timed Updates pay for). poll() accepts and reads.
local function sink()
	local srv = assert(socket.bind("127.0.0.1", 0))
	srv:settimeout(0)
	local _, port = srv:getsockname()
	local self = { port = tonumber(port), peers = {}, bytes = 0 }
	function self.poll()
		local c = srv:accept()
		if c then
			c:settimeout(0)
			self.peers[#self.peers + 1] = c
		end
		for _, p in ipairs(self.peers) do
			while true do
				local data, _, partial = p:receive(1048576)
				local got = data or partial
				if not got or #got == 0 then
					break
				end
				self.bytes = self.bytes + #got
			end
		end
	end
	function self.close()
		for _, p in ipairs(self.peers) do
			p:close()
		end
		srv:close()
	end
	return self
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

print(string.format("widget benchmark, %s with %s numbers, %s", _VERSION, FLOAT and "32-bit float" or "double",
	socket._VERSION))

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
	-- Of which the fake engine's: its tables (one stats history entry per team and state, a player
	-- list), which the engine allocates alike.
	local fakeGarbage = 0
	for _ = 1, runs do
		local before = collectgarbage("count")
		replay()
		fakeGarbage = fakeGarbage + collectgarbage("count") - before
	end
	fakeGarbage = fakeGarbage / runs
	collectgarbage("restart")
	-- Encoder against dkjson on the same states, a new one before each run (ours reuses the text
	-- of values unchanged since the table's last message: one state encoded over and over would
	-- be all such values).
	local state, plain
	local function fresh()
		advance()
		state = t.collectState()
		plain = plainCopy(state)
	end
	fresh()
	local ours = timeRuns(1000, function()
		t.Json.encode(state)
	end, fresh)
	local theirs = timeRuns(1000, function()
		dkjson.encode(plain)
	end, fresh)
	local same = dkjson.decode("{" .. t.Json.encode(state):sub(2)) -- a state body continues a head
	local check = dkjson.decode(dkjson.encode(plain))
	assert(#same.teams == #check.teams and #same.players == #check.players)
	print(string.format("  %s: %d bytes a state; %d fake Spring calls in it take %s ms of it (the engine's C calls "
		.. "cost far less)", shape, size, callCount, fmt(percentile(fake, 0.5))))
	figure(shape .. " state, median", percentile(samples, 0.5), "ms", { max = 0.5 })
	figure(shape .. " state, p99", percentile(samples, 0.99), "ms")
	figure(shape .. " garbage per state", garbage, "KB", nil, 1)
	figure(shape .. "   of it the fake Spring calls' tables", fakeGarbage, "KB", nil, 1)
	figure(shape .. " encoder: dkjson time / ours", percentile(theirs, 0.5) / percentile(ours, 0.5), "x", { min = 1.5 }, 2)
	host:shutdown()
end

print("")
print("an Update that builds and sends a state (2x8, 200 units per team, connected, the listener reading;")
print("the collector's steps included: the widget's garbage and the fake game's)")
local sendTimes = {}
do
	local server = sink()
	local game, host, t = scene("2x8", { port = server.port })
	for _ = 1, 60 do
		game:step(1 / 30)
		server.poll()
	end
	assert(t.conn.state == "CONNECTED" and t.conn.out == nil, "not connected")
	-- Every send call of the widget's socket, timed.
	local methods = getmetatable(t.conn.sock).__index
	local realSend = methods.send
	methods.send = function(...)
		local t0 = now()
		local a, b, c = realSend(...)
		sendTimes[#sendTimes + 1] = (now() - t0) * 1000
		return a, b, c
	end
	local samples, n = {}, 1000
	local sentBefore = t.stats.messages
	for i = 1, n do
		for _ = 1, 30 do -- a game second goes by (untimed): new figures, and a state is due
			game:simFrame()
		end
		game.clock = game.clock + 1
		server.poll()
		local t0 = now()
		host:callin("Update", 1 / 30)
		samples[i] = (now() - t0) * 1000
	end
	methods.send = realSend
	assert(t.stats.messages - sentBefore == n, "not one state sent per Update")
	table.sort(samples)
	figure("Update with a state, median", percentile(samples, 0.5), "ms", { max = 2 })
	figure("Update with a state, p99", percentile(samples, 0.99), "ms", { max = 2 })
	figure("Update with a state, max", samples[#samples], "ms")
	table.sort(sendTimes)
	figure("one send attempt (" .. #sendTimes .. " timed), median", percentile(sendTimes, 0.5), "ms", { max = 0.3 },
		4)
	figure("one send attempt, p99", percentile(sendTimes, 0.99), "ms", { max = 0.3 }, 4)
	server.close()
	host:shutdown()
end

print("")
print("queue operations (a full queue of 500, 200-byte events, a 14 KB state)")
do
	local game, host, t = scene("1v1", { port = TestServer.refusedPort() })
	local Queue = t.Queue
	local bodies = {}
	for i = 1, 100 do
		bodies[i] = string.rep("e", 192) .. string.format("%08d", i)
	end
	local stateBody = string.rep("s", 14000)
	local q = Queue.new(500)
	for i = 1, 500 do
		Queue.push(q, "event", bodies[i % 100 + 1])
	end
	local n = 200000
	local function perOp(ops, fn)
		local t0 = now()
		fn()
		return (now() - t0) * 1000 / ops
	end
	local push = perOp(n, function()
		for i = 1, n do
			Queue.push(q, "event", bodies[i % 100 + 1]) -- full: drops the oldest each time
		end
	end)
	local pushState = perOp(n, function()
		for _ = 1, n do
			Queue.pushState(q, stateBody) -- replaces the waiting state
		end
	end)
	local cycle = perOp(3 * n, function()
		for i = 1, n do
			Queue.push(q, "event", bodies[i % 100 + 1])
			Queue.take(q)
			Queue.done(q)
		end
	end)
	local renumber = perOp(1000, function()
		for _ = 1, 1000 do
			Queue.renumber(q, 2)
		end
	end)
	figure("push an event (full queue: one dropped)", push, "ms", { max = 0.1 }, 5)
	figure("push a state (one coalesced)", pushState, "ms", { max = 0.1 }, 5)
	figure("push, take, done: per operation", cycle, "ms", { max = 0.1 }, 5)
	figure("renumber 500 queued (once per connection)", renumber, "ms", nil, 4)
	host:shutdown()
	game.echoes = {}
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
	figure("idle Update, connected", connected, "ms", { max = 0.02 }, 4)
	figure("idle Update, waiting to reconnect", waiting, "ms", { max = 0.02 }, 4)
end

print("")
print("bandwidth: 2x8, 200 units per team, one state a second, 300 s of the scripted match at speed 1")
do
	local server = sink()
	local game, host, t = scene("2x8", { port = server.port })
	game:autoplay(330, { unitsPerTeam = 260 })
	for _ = 1, 60 do
		game:step(1 / 30)
		server.poll()
	end
	assert(t.conn.state == "CONNECTED")
	local function sent()
		return t.stats.kib * 1024 + t.stats.bytes
	end
	local bytes0, clock0, messages0, received0 = sent(), game.clock, t.stats.messages, server.bytes
	for _ = 1, 300 * 30 do
		game:step(1 / 30)
		server.poll()
	end
	local seconds = game.clock - clock0
	local rate = (sent() - bytes0) / 1024 / seconds
	print(string.format("  %d messages in %s s: %d bytes sent, %d received", t.stats.messages - messages0,
		fmt(seconds, 1), sent() - bytes0, server.bytes - received0))
	figure("bandwidth, 2x8 at 1 state/s", rate, "KB/s", { max = 100 }, 1)
	server.close()
	host:shutdown()
end

print("")
print("queue memory after an hour of the scripted match with the bridge down (2x8, 200 units per team)")
for _, queueSize in ipairs({ 500, 5000 }) do
	local game, host, t = scene("2x8", { port = TestServer.refusedPort(), queue_size = queueSize })
	-- The scripted match (builds, kills, a notable unit, a gift, a commander kill, a team death, a
	-- player leaving, game over at the hour) and on top of it many notable units: one finished and
	-- one destroyed every 3 game seconds. States every second coalesce; events queue.
	game:autoplay(3600, { unitsPerTeam = 260 })
	local churn = {}
	local base = game.script
	game.script = function(g, frame)
		base(g, frame)
		if frame % 90 == 0 and not g.over then
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
	assert(game.over, "the scripted match did not end")
	collectgarbage("collect")
	local withQueue = collectgarbage("count")
	local q = t.queue
	local queued, dropped, coalesced, charged = t.Queue.count(q), q.dropped, q.coalesced, q.bytes
	-- What the queue holds, its tables included (emptied tables keep their slots: replace them).
	q.kinds, q.bodies, q.orders, q.seqs, q.state = {}, {}, {}, {}, nil
	collectgarbage("collect")
	local kb = withQueue - collectgarbage("count")
	print(string.format("  queue_size %d: %d messages queued (%d KiB charged of %d), %d dropped, %d states coalesced "
		.. "(the hour simulated in %s s)", queueSize, queued, math.floor(charged / 1024), math.floor(q.maxBytes / 1024),
		dropped, coalesced, fmt(elapsed, 1)))
	figure("queue memory, queue_size " .. queueSize, kb, "KB", { max = 500 }, 1)
	host:shutdown()
end

print("")
local clockNow = now()
local resolution = FLOAT and 2 ^ (math.floor(math.log(clockNow) / math.log(2)) - 23) or 1e-6
print(string.format("timer: os.clock, resolution about %s ms at the end (%s s of CPU)", fmt(resolution * 1000, 4),
	fmt(clockNow, 1)))
print(missed == 0 and "every budget met" or (missed .. " budget(s) MISSED"))
