-- Leaving a connection (Shutdown, disconnect) never leaves a cut frame the widget could have
-- avoided, and never blocks: the frame in flight is finished only if the socket takes the rest at
-- once, the goodbye goes only whole. The kernel's send buffer is the fake socket's, so the room it
-- has is exact.
local helpers = require("helpers")
local FakeSocket = require("fake_socket")

describe("closing", function()
	local env, net

	after_each(function()
		helpers.teardown(env)
	end)

	-- A connected widget past its probation (queued messages flow), over the fake socket.
	local function connected(opts)
		net = FakeSocket.new({ bufferSize = 1048576 })
		env = helpers.setup({ noServer = true, socket = net.socket, game = opts and opts.game or { shape = "1v1" } })
		assert.equal("CONNECTED", env.t.conn.state) -- the fake connects at once
		helpers.run(env, 1)
		assert.is_nil(env.t.conn.out)
		return env.t.conn
	end

	-- Connected in a 2x8 game with a state cut after 3000 bytes: the socket has no more room.
	local function partSent()
		local c = connected({ game = { shape = "2x8", spectators = 300 } })
		env.game:start()
		net.room(3000)
		env.t.queueState(env.game.clock)
		env.game:step(1 / 30)
		assert.is_true(c.out ~= nil and c.outPos > 0 and c.outPos < c.outLen, "no part-sent frame")
	end

	local function types(frames)
		local out = {}
		for _, m in ipairs(frames) do
			out[#out + 1] = m.event or m.type
		end
		return out
	end

	it("sends the goodbye whole when nothing is in flight", function()
		connected()
		env.host:shutdown()
		local frames, cut = net.frames()
		assert.equal(0, cut)
		assert.same({ type = "goodbye", schema_version = 1, seq = frames[#frames].seq, frame = 0, reason = "shutdown" },
			frames[#frames])
		assert.matches("CONNECTED %-> DISCONNECTED %(widget shut down, goodbye sent%)", env.host:echoes())
	end)

	it("starts no queued frame the socket might cut: small ones go whole, a big state waits, then the goodbye",
		function()
			connected({ game = { shape = "2x8", spectators = 300 } })
			env.game:start()
			helpers.run(env, 1)
			-- Hold the queue (as in the probation after a connect) and queue an event, a big state, an event.
			env.t.conn.probation = math.huge
			env.game:setPaused(0, true)
			env.t.queueState(env.game.clock)
			env.game:setPaused(0, false)
			assert.is_true(#env.t.queue.state.body > (env.t.CLOSE_WRITE or 1024))
			net.drain()
			net.room(4000) -- room for part of the state, not all of it
			local before = #net.frames()
			env.host:shutdown()
			local frames, cut = net.frames()
			assert.equal(0, cut, "a cut frame at the end of the stream")
			local tail = {}
			for i = before + 1, #frames do
				tail[#tail + 1] = frames[i]
			end
			assert.same({ "paused", "goodbye" }, types(tail))
			-- the state and the event after it are missing: the goodbye's seq says so
			assert.equal(tail[1].seq + 3, tail[2].seq)
		end)

	it("finishes a part-sent frame when the socket takes the rest at once, then says goodbye", function()
		partSent()
		net.drain() -- the bridge read everything: room again
		net.room(1048576)
		env.host:shutdown()
		local frames, cut = net.frames()
		assert.equal(0, cut)
		assert.same({ "state", "goodbye" }, { frames[#frames - 1].type, frames[#frames].type })
	end)

	it("writes nothing more after a part-sent frame the socket will not take: no goodbye", function()
		partSent()
		local sock = net.current()
		local bytes = #sock:bytes()
		local from = #env.game.echoes + 1
		env.host:shutdown()
		assert.equal(bytes, #sock:bytes())
		assert.is_nil(sock:bytes():find('"goodbye"', 1, true))
		assert.is_true(sock.closed)
		assert.matches("part%-sent .*no goodbye", env.host:echoes(from))
		assert.matches("CONNECTED %-> DISCONNECTED %(widget shut down, no goodbye%)", env.host:echoes(from))
	end)

	it("skips the goodbye when the socket is not writable (it could cut even that)", function()
		connected()
		local sock = net.current()
		sock.queued = 30000 -- the bridge is behind ...
		net.room(40) -- ... and the buffer all but full: fewer free bytes than a goodbye
		local bytes = #sock:bytes()
		env.host:shutdown()
		assert.equal(bytes, #sock:bytes())
		local _, cut = net.frames()
		assert.equal(0, cut)
	end)

	it("a part-sent frame cut by a disconnect goes again, whole, on the next connection", function()
		local c = connected({ game = { shape = "2x8", spectators = 300 } })
		env.game:start()
		env.host:command("livedata interval 60") -- no newer state to replace it
		helpers.run(env, 0.5)
		net.room(3000)
		env.t.queueState(env.game.clock)
		env.game:step(1 / 30)
		assert.is_true(c.out ~= nil and c.outPos > 0, "no part-sent frame")
		local body = c.outBody
		env.host:command("livedata disconnect")
		assert.equal("DISCONNECTED", c.state)
		assert.is_nil(net.current():bytes():find('"goodbye"', 1, true))
		assert.equal(body, env.t.queue.state.body) -- back in the queue
		env.host:command("livedata connect")
		helpers.run(env, 1)
		local frames, cut = net.frames()
		assert.equal(0, cut)
		assert.same({ "hello", "state" }, { frames[1].type, frames[2].type })
		assert.equal(2, frames[2].seq)
		assert.equal(helpers.decode("{" .. body:sub(2)).frame, frames[2].frame)
	end)
end)
