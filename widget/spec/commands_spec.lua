local helpers = require("helpers")
local TestServer = require("test_server")

describe("/livedata commands", function()
	local env

	before_each(function()
		env = helpers.setup({ game = { shape = "1v1" } })
		assert.is_true(helpers.connected(env))
	end)
	after_each(function()
		helpers.teardown(env)
	end)

	-- Runs a command; returns what it echoed.
	local function run(line)
		local from = #env.game.echoes + 1
		assert.is_true(env.host:command(line), "the action did not handle " .. line)
		return env.host:echoes(from)
	end

	it("registers one text action, livedata", function()
		assert.same({ "livedata" }, (function()
			local names = {}
			for name, a in pairs(env.host.actions) do
				names[#names + 1] = name
				assert.equal("t", a.types)
			end
			return names
		end)())
	end)

	it("status reports the connection, view, queue, rates and timings", function()
		helpers.run(env, 2)
		local out = run("livedata status")
		assert.matches("state CONNECTED 127%.0%.0%.1:" .. env.server.port, out)
		assert.matches("view: full %(all teams%), phase lobby", out)
		assert.matches("auto%-reconnect on %(longest wait 30 s%)", out)
		assert.matches("queue %d+/500 %(%d+/384 KiB%), dropped 0, coalesced states %d+, sent %d+ messages", out)
		assert.matches("B/s, update [%d.]+ ms mean / [%d.]+ ms max", out)
		assert.equal(out, run("livedata")) -- no argument: status
	end)

	it("status writes counts past 2^24 as plain digits, as in the engine", function()
		-- Text from `..` on a number is the Lua build's own (exponents in a float build): the
		-- widget writes every number itself. Each value is exact in a 32-bit float.
		local t = env.host.test
		t.queue.dropped = 16777218
		t.queue.coalesced = 30000000
		t.stats.messages = 123456792
		t.stats.errors = 20000000
		local out = run("livedata status")
		assert.matches("dropped 16777218, coalesced states 30000000, sent 123456792 messages", out)
		assert.matches("errors 20000000$", out)
		assert.is_nil(out:find("e%+"), out)
	end)

	it("help lists every command with its arguments", function()
		local out = run("livedata help")
		for _, word in ipairs({ "status", "connect", "disconnect", "reconnect", "host", "port", "interval",
			"setqueuesize", "clearqueue", "testmessage", "loglevel", "autoreconnect", "retrymax", "budget", "notable",
			"help" }) do
			assert.matches("/livedata " .. word, out)
		end
	end)

	it("gives a one-line usage for bad arguments and changes nothing", function()
		local cases = {
			{ "livedata port 99999", "usage: /livedata port <1%-65535> %(port must be a whole number from 1 to 65535%)" },
			{ "livedata port", "usage: /livedata port <1%-65535>$" },
			{ "livedata port 1 2", "usage: /livedata port" },
			{ "livedata host example.com", "usage: /livedata host <IPv4 address, e.g. 127.0.0.1>" },
			{ "livedata interval 0", "state_interval must be seconds from 0.1 to 60" },
			{ "livedata interval soon", "state_interval must be" },
			{ "livedata setqueuesize 2", "queue_size must be a whole number from 16 to 5000" },
			{ "livedata loglevel loud", "log_level must be error, warn, info or debug" },
			{ "livedata autoreconnect maybe", "usage: /livedata autoreconnect <on|off>" },
			{ "livedata retrymax 0", "retry_max must be whole seconds from 1 to 300" },
			{ "livedata retrymax 301", "retry_max must be whole seconds from 1 to 300" },
			{ "livedata retrymax 2.5", "usage: /livedata retrymax <longest wait between reconnect attempts, 1%-300 s>" },
			{ "livedata status now", "usage: /livedata status$" },
			{ "livedata frobnicate", "usage: /livedata <command>; /livedata help lists them" },
		}
		local before = env.host.widget:GetConfigData()
		for _, c in ipairs(cases) do
			local out = run(c[1])
			assert.matches(c[2], out)
			assert.is_nil(out:find("\n"), "more than one line for " .. c[1])
		end
		assert.same(before, env.host.widget:GetConfigData())
	end)

	it("port and host reconnect to the new endpoint", function()
		local other = TestServer.start()
		assert.matches("port = " .. other.port, run("livedata port " .. other.port))
		helpers.runUntil(env, function()
			other:poll()
			return #other.conns == 1 and #other.conns[1].messages > 0
		end, 2)
		assert.equal("hello", other.conns[1].messages[1].type)
		helpers.run(env, 0.2)
		local old = env.server.conns[1]
		assert.equal("reconnect", old.messages[#old.messages].reason)
		assert.matches("host = 127%.0%.0%.1", run("livedata host localhost"))
		assert.equal("127.0.0.1", env.t.settings.host)
		other:close()
	end)

	it("interval changes how often states are sent", function()
		env.game:start()
		assert.matches("state_interval = 0.5", run("livedata interval 0.5"))
		helpers.run(env, 1)
		local before = #env.server.conns[1].messages
		helpers.run(env, 10)
		local states = 0
		for i = before + 1, #env.server.conns[1].messages do
			if env.server.conns[1].messages[i].type == "state" then
				states = states + 1
			end
		end
		assert.is_true(states >= 19 and states <= 21, states .. " states in 10 s")
	end)

	it("setqueuesize, clearqueue and testmessage manage the queue", function()
		env.host:command("livedata disconnect")
		env.host:command("livedata connect") -- CONNECTING now: messages wait in the queue
		local waiting = env.t.Queue.count(env.t.queue)
		for _ = 1, 30 do
			env.game:setPaused(0, true)
		end
		assert.matches("queue size 16: dropped the " .. (waiting + 30 - 16) .. " oldest messages",
			run("livedata setqueuesize 16"))
		assert.equal(16, env.t.Queue.count(env.t.queue))
		assert.matches("cleared 16 queued messages", run("livedata clearqueue"))
		assert.equal(0, env.t.Queue.count(env.t.queue))
		assert.matches("queued a state message now %(%d+ bytes, built and encoded in [%d.]+ ms%)",
			run("livedata testmessage"))
		assert.equal(1, env.t.Queue.count(env.t.queue))
	end)

	it("loglevel, autoreconnect, budget and notable set their settings", function()
		assert.matches("log_level = debug", run("livedata loglevel DEBUG"))
		assert.matches("auto_reconnect = off", run("livedata autoreconnect off"))
		assert.matches("frame_budget = 4096", run("livedata budget 4096"))
		assert.matches("notable_cost = 250", run("livedata notable 250"))
		assert.matches("retry_max = 90", run("livedata retrymax 90"))
		local saved = env.host.widget:GetConfigData()
		assert.equal("debug", saved.log_level)
		assert.is_false(saved.auto_reconnect)
		assert.equal(4096, saved.frame_budget)
		assert.equal(250, saved.notable_cost)
		assert.equal(90, saved.retry_max)
	end)

	it("reconnect opens a new connection at once", function()
		run("livedata reconnect")
		assert.is_true(helpers.connected(env))
		helpers.run(env, 0.2)
		assert.equal(2, #env.server.conns)
		assert.equal("reconnect", env.server.conns[1].messages[#env.server.conns[1].messages].reason)
	end)
end)
