-- The connection state machine against real sockets on 127.0.0.1, with the game's clock (the
-- fake Spring timers) standing still between draw frames so backoff and deadlines are exact.
local helpers = require("helpers")
local TestServer = require("test_server")
local FakeSocket = require("fake_socket")
local socket = require("socket")

local function stateOf(env)
	return env.t.conn.state
end

-- Steps frames until the widget has left `state`; returns the clock when it did.
local function leaves(env, state, seconds)
	helpers.runUntil(env, function()
		return stateOf(env) ~= state
	end, seconds)
	return env.game.clock
end

describe("connection", function()
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	it("connects without blocking and sends hello first, as seq 1", function()
		env = helpers.setup()
		assert.equal("CONNECTING", stateOf(env)) -- Initialize only starts the connect
		assert.is_true(helpers.connected(env))
		helpers.run(env, 0.7) -- queued messages follow once the connection passed a liveness check
		local conn = env.server.conns[1]
		assert.equal("hello", conn.messages[1].type)
		assert.equal(1, conn.messages[1].seq)
		assert.equal("state", conn.messages[2].type)
		assert.equal(2, conn.messages[2].seq)
		local log = env.host:echoes()
		assert.matches("DISCONNECTED %-> CONNECTING %(127%.0%.0%.1:%d+%)", log)
		assert.matches("CONNECTING %-> CONNECTED", log)
	end)

	it("backs off 1, 2, 4 ... 30 s while the bridge refuses, logging the first failure as news", function()
		env = helpers.setup({ noServer = true, config = { port = TestServer.refusedPort(), log_level = "debug" } })
		local delays = {}
		for _ = 1, 8 do
			leaves(env, "CONNECTING", 5)
			assert.equal("RECONNECTING", stateOf(env))
			local failedAt = env.game.clock
			local retryAt = leaves(env, "RECONNECTING", 40)
			delays[#delays + 1] = math.floor(retryAt - failedAt + 0.5)
		end
		assert.same({ 1, 2, 4, 8, 16, 30, 30, 30 }, delays)
		assert.matches("connection refused", env.t.conn.lastError)
		local log = env.host:echoes()
		assert.matches("CONNECTING %-> RECONNECTING %(connection refused; retry in 1 s%)", log)
		assert.matches("retry in 30 s", log)
	end)

	-- The in-game console is on stream: while the bridge is away only the first failure of a streak
	-- shows at the default level; the retries after it log at debug level.
	for _, level in ipairs({ "info", "debug" }) do
		it("logs the transitions at log level " .. level .. ", one line each, retries only at debug", function()
			local port = TestServer.refusedPort()
			env = helpers.setup({ noServer = true, config = { port = port, log_level = level } })
			helpers.run(env, 6) -- refused: retries after 1 and 2 s, the next one due 4 s later
			local lines = {}
			for _, line in ipairs(env.game.echoes) do
				if line:find(" %-> ") then
					lines[#lines + 1] = line:gsub("^%[livedata%] ", "")
				end
			end
			local ep = "127.0.0.1:" .. port
			local want = {
				"DISCONNECTED -> CONNECTING (" .. ep .. ")",
				"CONNECTING -> RECONNECTING (connection refused; retry in 1 s)",
			}
			if level == "debug" then
				want[3] = "RECONNECTING -> CONNECTING (" .. ep .. ", attempt 2)"
				want[4] = "CONNECTING -> RECONNECTING (connection refused; retry in 2 s)"
				want[5] = "RECONNECTING -> CONNECTING (" .. ep .. ", attempt 3)"
				want[6] = "CONNECTING -> RECONNECTING (connection refused; retry in 4 s)"
			end
			assert.same(want, lines)
			env.host:shutdown()
			assert.matches("RECONNECTING %-> DISCONNECTED %(widget shut down%)$", env.host:echoes())
		end)
	end

	it("logs the shutdown of a live connection", function()
		env = helpers.setup()
		assert.is_true(helpers.connected(env))
		env.host:shutdown()
		assert.matches("CONNECTED %-> DISCONNECTED %(widget shut down, goodbye sent%)$", env.host:echoes())
	end)

	it("waits at most retry_max seconds between attempts", function()
		env = helpers.setup({ noServer = true, config = { port = TestServer.refusedPort(), retry_max = 5 } })
		local delays = {}
		for _ = 1, 6 do
			leaves(env, "CONNECTING", 5)
			local failedAt = env.game.clock
			delays[#delays + 1] = math.floor(leaves(env, "RECONNECTING", 40) - failedAt + 0.5)
		end
		assert.same({ 1, 2, 4, 5, 5, 5 }, delays)
		leaves(env, "CONNECTING", 5)
		env.host:command("livedata retrymax 2") -- a shorter wait takes effect at once
		local failedAt = env.game.clock
		assert.near(2, leaves(env, "RECONNECTING", 40) - failedAt, 0.05)
	end)

	it("keeps a connect deadline of its own when the connect never completes", function()
		-- A listener whose accept queue is full: SYNs go unanswered, as with a refused connect on
		-- Windows that never turns writable.
		local srv = assert(socket.bind("127.0.0.1", 0, 0))
		local _, port = srv:getsockname()
		local filler = socket.tcp()
		filler:settimeout(0)
		filler:connect("127.0.0.1", port)
		socket.sleep(0.05)
		env = helpers.setup({ noServer = true, config = { port = tonumber(port) } })
		assert.equal("CONNECTING", stateOf(env))
		local startedAt = env.game.clock
		local gaveUpAt = leaves(env, "CONNECTING", 10)
		assert.equal("RECONNECTING", stateOf(env))
		assert.near(3, gaveUpAt - startedAt, 0.05)
		assert.matches("no answer from 127%.0%.0%.1:%d+ within 3 s", env.t.conn.lastError)
		filler:close()
		srv:close()
	end)

	it("starts the backoff again from 1 s after a connection that stayed up", function()
		env = helpers.setup({ config = { log_level = "debug" } })
		assert.is_true(helpers.connected(env))
		helpers.run(env, 1)
		env.server:dropConnections() -- short-lived: the backoff keeps growing
		leaves(env, "CONNECTED", 2)
		assert.equal(2, env.t.conn.backoff)
		assert.is_true(helpers.connected(env))
		helpers.run(env, 11) -- a good connection
		assert.equal(1, env.t.conn.backoff)
		env.server:dropConnections()
		local lostAt = leaves(env, "CONNECTED", 2)
		assert.matches("closed", env.t.conn.lastError) -- seen by the liveness check or a send
		local retryAt = leaves(env, "RECONNECTING", 5)
		assert.near(1, retryAt - lostAt, 0.05)
	end)

	it("stays disconnected after /livedata disconnect until /livedata connect", function()
		env = helpers.setup()
		assert.is_true(helpers.connected(env))
		helpers.run(env, 0.5)
		env.host:command("livedata disconnect")
		assert.equal("DISCONNECTED", stateOf(env))
		helpers.run(env, 0.2)
		local first = env.server.conns[1]
		assert.is_true(first.closed)
		assert.same({ type = "goodbye", schema_version = 1, seq = first.messages[#first.messages].seq,
			frame = 0, reason = "disconnect" }, first.messages[#first.messages])
		helpers.run(env, 60)
		assert.equal("DISCONNECTED", stateOf(env))
		assert.equal(1, #env.server.conns)
		env.host:command("livedata connect")
		assert.is_true(helpers.connected(env))
		assert.equal(2, #env.server.conns)
	end)

	it("does not retry when auto-reconnect is off", function()
		env = helpers.setup({ config = { auto_reconnect = false } })
		assert.is_true(helpers.connected(env))
		env.server:dropConnections()
		leaves(env, "CONNECTED", 2)
		assert.equal("DISCONNECTED", stateOf(env))
		helpers.run(env, 40)
		assert.equal(1, #env.server.conns)
	end)

	it("enters ERROR, without retrying, when LuaSocket is missing", function()
		env = helpers.setup({ noServer = true, socket = false })
		assert.equal("ERROR", stateOf(env))
		assert.matches("LuaSocket is not available", env.host:echoes())
		helpers.run(env, 5)
		assert.equal("ERROR", stateOf(env))
		assert.is_false(env.host.removed)
	end)

	it("resends on the next connection what a dropped one did not deliver, after a new hello", function()
		env = helpers.setup({ game = { shape = "1v1" } })
		assert.is_true(helpers.connected(env))
		env.game:start()
		helpers.run(env, 1)
		env.server:dropConnections()
		leaves(env, "CONNECTED", 2)
		-- While it is down: events queue, states coalesce.
		env.game:setPaused(0, true)
		env.game:setPaused(0, false)
		helpers.run(env, 3)
		assert.is_true(helpers.runUntil(env, function()
			local c = env.server.conns[2]
			return c and #c.messages >= 4
		end, 5))
		local second = env.server.conns[2].messages
		assert.equal("hello", second[1].type)
		assert.equal(1, second[1].seq)
		assert.same({ "paused", "unpaused" }, { second[2].event, second[3].event })
		assert.same({ 2, 3 }, { second[2].seq, second[3].seq })
		assert.equal("state", second[4].type)
	end)

	it("holds queued events back from a bridge that accepts and at once closes", function()
		env = helpers.setup({ game = { shape = "1v1" } })
		env.server.rejecting = true
		env.game:start()
		for i = 1, 5 do
			env.game:setPaused(0, i % 2 == 1)
			helpers.run(env, 2)
		end
		assert.is_true(env.server.rejected >= 2)
		env.server.rejecting = false
		assert.is_true(helpers.runUntil(env, function()
			return env.t.conn.state == "CONNECTED" and env.t.Queue.count(env.t.queue) == 0
		end, 40))
		helpers.run(env, 0.5)
		local events = {}
		for _, m in ipairs(env.server.conns[1].messages) do
			if m.type == "event" then
				events[#events + 1] = m.event
			end
		end
		assert.same({ "game_start", "paused", "unpaused", "paused", "unpaused", "paused" }, events)
	end)

	describe("seq", function()
		-- The seqs of one connection's messages, and the numbers missing between them.
		local function seqs(conn)
			local list, missing = {}, 0
			for i, m in ipairs(conn.messages) do
				list[i] = m.seq
				if i > 1 then
					missing = missing + (m.seq - list[i - 1] - 1)
				end
			end
			return list, missing
		end

		it("messages dropped while disconnected leave a gap right after the hello", function()
			local port = TestServer.refusedPort()
			env = helpers.setup({ noServer = true, game = { shape = "1v1" }, config = { port = port, queue_size = 16 } })
			env.game:start()
			for i = 1, 30 do
				env.game:setPaused(0, i % 2 == 1)
			end
			helpers.run(env, 2)
			local dropped = env.t.queue.dropped
			assert.is_true(dropped >= 15)
			env.server = TestServer.start(port)
			assert.is_true(helpers.runUntil(env, function()
				local c = env.server.conns[1]
				return c and #c.messages >= 16
			end, 40))
			local msgs = env.server.conns[1].messages
			assert.same({ "hello", 1 }, { msgs[1].type, msgs[1].seq })
			-- the first queued message follows the dropped ones (the oldest went): a gap of exactly them
			assert.equal(2 + dropped, msgs[2].seq)
			for i = 3, #msgs do
				assert.equal(msgs[i - 1].seq + 1, msgs[i].seq)
			end
			assert.equal("unpaused", msgs[#msgs - 1].event) -- the newest events, the state last
			assert.equal("state", msgs[#msgs].type)
		end)

		it("messages dropped while connected leave gaps too, one seq each", function()
			env = helpers.setup({ game = { shape = "2x8", spectators = 1000 }, config = { queue_size = 16 } })
			assert.is_true(helpers.connected(env))
			env.game:start()
			helpers.run(env, 1)
			env.server.paused = true
			for _ = 1, 600 do -- until the socket buffers are full
				env.t.queueState(env.game.clock)
				env.game:step(1 / 30)
				env.server:poll()
				if env.t.conn.out and env.t.conn.outPos > 0 then
					break
				end
			end
			local coalesced = env.t.queue.coalesced
			for i = 1, 40 do
				env.game:setPaused(0, i % 2 == 1)
			end
			assert.is_true(env.t.queue.dropped >= 24) -- 40 events (and maybe a state) for 16 places
			env.server.paused = false
			helpers.runUntil(env, function()
				return env.t.conn.out == nil and env.t.Queue.count(env.t.queue) == 0
			end, 30)
			helpers.run(env, 1)
			local _, missing = seqs(env.server.conns[1])
			assert.equal(env.t.queue.dropped + env.t.queue.coalesced, missing)
			assert.is_true(env.t.queue.coalesced >= coalesced)
		end)
	end)

	describe("sending", function()
		it("spends at most the per-frame byte budget and resumes from the exact byte", function()
			env = helpers.setup({ game = { shape = "2x8", spectators = 40 }, config = { frame_budget = 1024 } })
			assert.is_true(helpers.connected(env))
			env.game:start()
			local maxPerFrame, partials = 0, 0
			for _ = 1, 300 do
				local before = env.server.conns[1].bytes
				local sent0 = env.t.stats.kib * 1024 + env.t.stats.bytes
				env.game:step(1 / 30)
				local sent = env.t.stats.kib * 1024 + env.t.stats.bytes - sent0
				maxPerFrame = math.max(maxPerFrame, sent)
				if env.t.conn.out and env.t.conn.outPos > 0 then
					partials = partials + 1
				end
				env.server:poll()
				assert.is_true(env.server.conns[1].bytes >= before)
			end
			assert.is_true(maxPerFrame <= 1024)
			assert.is_true(partials > 10)
			for _, m in ipairs(env.server.conns[1].messages) do
				assert.is_nil(m.decode_error)
			end
			assert.is_true(#env.server.conns[1].messages >= 5)
		end)

		it("gives up a real bridge that stops reading for 15 s and reconnects, with backoff", function()
			env = helpers.setup({ game = { shape = "2x8", spectators = 1000 }, config = { frame_budget = 1048576 } })
			assert.is_true(helpers.connected(env))
			env.game:start()
			helpers.run(env, 0.5)
			env.server.paused = true
			local c = env.t.conn
			local pausedAt, from = env.game.clock, #env.game.echoes + 1
			for _ = 1, 40 * 30 do -- a big state every frame: the socket buffers fill, then nothing moves
				env.t.queueState(env.game.clock)
				env.game:step(1 / 30)
				env.server:poll()
				if c.state ~= "CONNECTED" then
					break
				end
			end
			assert.equal("RECONNECTING", c.state)
			local droppedAt = env.game.clock
			assert.is_true(droppedAt - pausedAt >= 15)
			assert.near(15, droppedAt - c.progressAt, 0.05) -- 15 s after the socket last took a byte
			assert.matches("CONNECTED %-> RECONNECTING %(the bridge took no data for 15 s %(stalled%); retry in 1 s%)",
				env.host:echoes(from))
			assert.is_nil(env.t.queue.flight)
			assert.is_not_nil(env.t.queue.state) -- the newest state waits for the next connection
			assert.equal(2, c.backoff) -- a stalled connection is no good one: the backoff goes on
			env.server.paused = false
			assert.is_true(helpers.runUntil(env, function()
				local second = env.server.conns[2]
				return second and #second.messages >= 2
			end, 5))
			local second = env.server.conns[2].messages
			assert.same({ "hello", 1, "state", 2 }, { second[1].type, second[1].seq, second[2].type, second[2].seq })
			for _, m in ipairs(env.server.conns[1].messages) do
				assert.is_nil(m.decode_error) -- what the first one got whole is fine; its cut last frame is dropped
			end
		end)

		it("puts the message in flight of a stalled connection back at the front of the queue", function()
			local net = FakeSocket.new({ bufferSize = 1048576 })
			env = helpers.setup({ noServer = true, socket = net.socket, game = { shape = "1v1" },
				config = { state_interval = 60 } })
			helpers.run(env, 1)
			env.game:start()
			helpers.run(env, 1)
			net.drain()
			net.room(40) -- part of the next message, then nothing more
			env.game:setPaused(0, true)
			env.game:setPaused(0, false)
			env.game:step(1 / 30)
			local c = env.t.conn
			assert.is_true(c.out ~= nil and c.outPos == 40, "no part-sent event")
			local body = c.outBody
			local lastByteAt = c.progressAt
			local droppedAt = leaves(env, "CONNECTED", 20)
			assert.near(15, droppedAt - lastByteAt, 0.05)
			assert.equal("RECONNECTING", c.state)
			local q = env.t.queue
			assert.same({ "event", body }, { q.kinds[q.head], q.bodies[q.head] }) -- first out next time
			assert.equal(3, env.t.Queue.count(q)) -- and behind it the unpaused event and a state
			assert.is_true(helpers.runUntil(env, function()
				return #net.sockets == 2 and #net.frames() >= 3
			end, 5))
			local frames, cut = net.frames()
			assert.equal(0, cut)
			assert.same({ "hello", "paused", "unpaused" }, { frames[1].type, frames[2].event, frames[3].event })
			assert.same({ 1, 2, 3 }, { frames[1].seq, frames[2].seq, frames[3].seq })
		end)

		it("survives a bridge that stops reading: partial sends wait, states coalesce, events arrive", function()
			env = helpers.setup({ game = { shape = "2x8", spectators = 1000 }, config = { frame_budget = 1048576 } })
			assert.is_true(helpers.connected(env))
			env.game:start()
			helpers.run(env, 0.5)
			env.server.paused = true
			local stalledFrames, pauses = 0, 0
			for i = 1, 600 do
				env.t.queueState(env.game.clock) -- a big state every frame fills the socket buffers fast
				if i % 10 == 0 then
					pauses = pauses + 1
					env.game:setPaused(0, pauses % 2 == 1)
				end
				env.game:step(1 / 30)
				env.server:poll()
				local c = env.t.conn
				if c.out and c.outPos > 0 and c.outPos < c.outLen then
					stalledFrames = stalledFrames + 1 -- a frame left part-sent: resumed from this byte
				end
				if stalledFrames >= 40 then
					break
				end
			end
			assert.is_true(stalledFrames >= 40, "the kernel buffers never filled")
			assert.is_true(env.t.queue.coalesced > 0)
			assert.equal("CONNECTED", stateOf(env))
			env.server.paused = false
			helpers.runUntil(env, function()
				return env.t.conn.out == nil and env.t.Queue.count(env.t.queue) == 0
			end, 30)
			helpers.run(env, 1)
			local msgs = env.server.conns[1].messages
			local events, lastSeq = {}, 0
			for _, m in ipairs(msgs) do
				assert.is_nil(m.decode_error)
				assert.is_true(m.seq > lastSeq)
				if m.seq > lastSeq + 1 then -- only coalesced states may be missing
					assert.is_true(env.t.queue.coalesced >= m.seq - lastSeq - 1)
				end
				lastSeq = m.seq
				if m.type == "event" then
					events[#events + 1] = m.event
				end
			end
			local expected = { "game_start" }
			for i = 1, pauses do
				expected[#expected + 1] = i % 2 == 1 and "paused" or "unpaused"
			end
			assert.same(expected, events)
		end)
	end)
end)
