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
