local helpers = require("helpers")

describe("queue", function()
	local env, Queue

	setup(function()
		env = helpers.setup({ noServer = true })
		Queue = env.t.Queue
	end)
	teardown(function()
		helpers.teardown(env)
	end)

	local function drain(q)
		local out = {}
		while true do
			local kind, body, seq = Queue.take(q)
			if not kind then
				return out
			end
			Queue.done(q)
			out[#out + 1] = kind .. ":" .. body .. (seq and ("#" .. seq) or "")
		end
	end

	it("is first in, first out", function()
		local q = Queue.new(10)
		Queue.push(q, "event", "a")
		Queue.push(q, "event", "b")
		Queue.pushState(q, "s1")
		Queue.push(q, "event", "c")
		assert.same({ "event:a", "event:b", "state:s1", "event:c" }, drain(q))
		assert.equal(0, Queue.count(q))
	end)

	it("replaces an unsent state with the newer one, at the newer one's place, and keeps events", function()
		local q = Queue.new(10)
		Queue.pushState(q, "s1")
		Queue.push(q, "event", "a")
		Queue.pushState(q, "s2")
		Queue.push(q, "event", "b")
		Queue.pushState(q, "s3")
		assert.equal(3, Queue.count(q))
		assert.equal(2, q.coalesced)
		assert.same({ "event:a", "event:b", "state:s3" }, drain(q))
	end)

	it("drops the oldest message on overflow and counts it", function()
		local q = Queue.new(3)
		for _, b in ipairs({ "a", "b", "c", "d", "e" }) do
			Queue.push(q, "event", b)
		end
		assert.equal(2, q.dropped)
		assert.same({ "event:c", "event:d", "event:e" }, drain(q))
		q = Queue.new(3)
		Queue.pushState(q, "s1")
		Queue.push(q, "event", "a")
		Queue.push(q, "event", "b")
		Queue.push(q, "event", "c") -- the state is the oldest
		assert.same({ "event:a", "event:b", "event:c" }, drain(q))
		assert.equal(1, q.dropped)
	end)

	it("shrinks to a smaller cap by dropping the oldest, and clears", function()
		local q = Queue.new(10)
		for _, b in ipairs({ "a", "b", "c", "d" }) do
			Queue.push(q, "event", b)
		end
		assert.equal(2, Queue.setCap(q, 2))
		assert.same({ "event:c", "event:d" }, drain(q))
		Queue.push(q, "event", "x")
		Queue.pushState(q, "s")
		assert.equal(2, Queue.clear(q))
		assert.equal(0, Queue.count(q))
		assert.same({}, drain(q))
	end)

	it("puts a message that did not get through back at the front", function()
		local q = Queue.new(10)
		Queue.push(q, "event", "a")
		Queue.push(q, "event", "b")
		assert.equal("event", (Queue.take(q)))
		Queue.push(q, "event", "c")
		Queue.restore(q)
		assert.same({ "event:a", "event:b", "event:c" }, drain(q))
	end)

	it("restores a state in flight only when no newer state waits", function()
		local q = Queue.new(10)
		Queue.pushState(q, "s1")
		Queue.take(q)
		Queue.restore(q)
		assert.same({ "state:s1" }, drain(q))
		Queue.pushState(q, "s1")
		Queue.take(q)
		Queue.pushState(q, "s2")
		Queue.restore(q)
		assert.equal(1, q.coalesced)
		assert.same({ "state:s2" }, drain(q))
	end)

	it("numbers the queue in send order after a new connection's hello", function()
		local q = Queue.new(10)
		Queue.push(q, "event", "a")
		Queue.pushState(q, "s1")
		Queue.push(q, "event", "b")
		assert.equal(5, Queue.renumber(q, 2))
		assert.same({ "event:a#2", "state:s1#3", "event:b#4" }, drain(q))
	end)

	describe("seq gaps", function()
		it("leaves a gap after the hello as long as the drops while disconnected", function()
			local q = Queue.new(3)
			for _, b in ipairs({ "a", "b", "c", "d", "e" }) do
				Queue.push(q, "event", b) -- disconnected: no seq yet
			end
			assert.equal(7, Queue.renumber(q, 2)) -- 2 and 3 were a and b: dropped
			assert.same({ "event:c#4", "event:d#5", "event:e#6" }, drain(q))
			assert.equal(0, q.unseen) -- shown: the next connection starts right after its hello
			Queue.push(q, "event", "f")
			assert.equal(3, Queue.renumber(q, 2))
		end)

		it("a drop a later message has not shown yet carries over to the next connection", function()
			local q = Queue.new(3)
			for i, b in ipairs({ "a", "b", "c", "d", "e" }) do
				Queue.push(q, "event", b, i + 1) -- connected: seq 2..6; a and b dropped (2, 3 skipped)
			end
			assert.equal("c", select(2, Queue.take(q)))
			Queue.restore(q) -- the connection died before c went through
			assert.equal(7, Queue.renumber(q, 2)) -- the next hello is followed by the gap of a and b
			assert.same({ "event:c#4", "event:d#5", "event:e#6" }, drain(q))
		end)

		it("counts drops behind the message in flight apart from those before it", function()
			local q = Queue.new(3)
			for i, b in ipairs({ "a", "b", "c", "d", "e" }) do
				Queue.push(q, "event", b, i + 1) -- a, b dropped
			end
			Queue.take(q) -- c in flight
			Queue.push(q, "event", "f", 7)
			Queue.push(q, "event", "g", 8) -- d dropped, behind c
			Queue.done(q) -- c through: its seq 4 showed a and b, not d
			assert.equal(1, q.unseen)
			Queue.restore(q)
			assert.equal(6, Queue.renumber(q, 2))
			assert.same({ "event:e#3", "event:f#4", "event:g#5" }, drain(q))
		end)

		it("clearqueue leaves a gap like a drop", function()
			local q = Queue.new(10)
			Queue.push(q, "event", "a")
			Queue.pushState(q, "s")
			assert.equal(2, Queue.clear(q))
			Queue.push(q, "event", "b")
			assert.equal(5, Queue.renumber(q, 2))
		end)
	end)

	describe("byte ceiling", function()
		local COST = 0

		setup(function()
			COST = env.t.MESSAGE_COST
		end)

		it("drops the oldest when the bytes would pass the ceiling, whatever the count cap", function()
			local body = string.rep("x", 1000)
			local q = Queue.new(5000, 3 * (1002 + COST))
			for i = 1, 10 do
				Queue.push(q, "event", body .. i)
				assert.is_true(q.bytes <= q.maxBytes)
			end
			assert.equal(3, Queue.count(q)) -- room for three of ~1000 bytes (and one character)
			assert.equal(7, q.dropped)
			Queue.pushState(q, string.rep("s", 1500)) -- a bigger state makes room for itself
			assert.equal(2, Queue.count(q))
			assert.equal(9, q.dropped)
			assert.same({ "event:" .. body .. "10", "state:" .. string.rep("s", 1500) }, drain(q))
			assert.equal(0, q.bytes)
		end)

		it("keeps a single message bigger than the ceiling", function()
			local q = Queue.new(16, 1000)
			Queue.push(q, "event", "a")
			Queue.pushState(q, string.rep("s", 5000))
			assert.equal(1, Queue.count(q))
			assert.equal(1, q.dropped)
		end)

		it("keeps its byte count exact through takes, restores and coalesced states", function()
			local q = Queue.new(16)
			Queue.push(q, "event", "abc")
			Queue.pushState(q, "s1")
			Queue.take(q)
			Queue.pushState(q, "s22") -- replaces s1
			Queue.restore(q)
			assert.equal(3 + 3 + 2 * COST, q.bytes)
			drain(q)
			assert.equal(0, q.bytes)
		end)

		-- The budget of issue 3: at most 500 KB of queue memory, whatever queue_size says (up to 5000).
		for _, size in ipairs({ 40, 90, 250, 1000 }) do
			it("holds 5000 messages' worth of " .. size .. "-byte events in less than 500 KB", function()
				collectgarbage("collect")
				local before = collectgarbage("count")
				local q = Queue.new(5000)
				local pad = string.rep("e", size - 8)
				for i = 1, 20000 do
					Queue.push(q, "event", pad .. string.format("%08d", i))
				end
				if size == 250 then
					Queue.pushState(q, string.rep("s", 20000)) -- a 2x8 state waits too
				end
				collectgarbage("collect")
				local kb = collectgarbage("count") - before
				assert.is_true(kb < 500, kb .. " KB for " .. Queue.count(q) .. " messages")
				assert.is_true(q.dropped > 0)
			end)
		end
	end)

	it("stays small and exact over a long run (indexes reset when empty)", function()
		local q = Queue.new(16)
		for i = 1, 100000 do
			Queue.push(q, "event", "e")
			if i % 2 == 0 then
				Queue.pushState(q, "s")
			end
			if i % 3 == 0 then
				drain(q)
			end
		end
		assert.is_true(q.tail < 100 and q.nextOrder < 100)
	end)
end)
