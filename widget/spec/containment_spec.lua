-- A fault anywhere in the widget's work is logged (rate-limited) and counted; it never reaches
-- the widget handler, which would remove the widget.
local helpers = require("helpers")

describe("error containment", function()
	local env

	before_each(function()
		env = helpers.setup({ game = { shape = "2x2" } })
		assert.is_true(helpers.connected(env))
		env.game:start()
		helpers.run(env, 1)
	end)
	after_each(function()
		helpers.teardown(env)
	end)

	local function errorLines(from)
		local n = 0
		for i = from or 1, #env.game.echoes do
			if env.game.echoes[i]:find("failed: ") then
				n = n + 1
			end
		end
		return n
	end

	it("a Spring call that throws while building states does not remove the widget", function()
		local statesBefore = #env.server.conns[1].messages
		env.game.faults.GetTeamResources = true
		local from = #env.game.echoes + 1
		helpers.run(env, 25)
		assert.is_false(env.host.removed)
		assert.is_true(env.t.stats.errors >= 20)
		assert.equal(3, errorLines(from)) -- one line per 10 s at most
		assert.matches("state failed: .*fake fault in Spring%.GetTeamResources", env.host:echoes(from))
		assert.matches("%(%d+ more since the last report%)", env.host:echoes(from))
		env.game.faults.GetTeamResources = nil
		helpers.run(env, 3)
		local states = 0
		for i = statesBefore + 1, #env.server.conns[1].messages do
			if env.server.conns[1].messages[i].type == "state" then
				states = states + 1
			end
		end
		assert.is_true(states >= 2, "states resumed")
	end)

	it("faults in every call-in and the clock itself are contained", function()
		for _, name in ipairs({ "GetGameFrame", "GetTimer", "GetSpectatingState", "GetPlayerInfo", "GetTeamInfo",
			"GetTeamList", "GetUnitIsBeingBuilt", "Echo" }) do
			env.game.faults[name] = true
		end
		local unit = env.game:spawn(0, "armbanth")
		env.game:destroy(unit, 2)
		env.game:setPaused(0, true)
		env.game:setPaused(0, false)
		env.game:setView(true, false)
		env.game:removePlayer(3)
		env.game:killTeam(3)
		helpers.run(env, 3)
		env.host:command("livedata status")
		env.game:gameOver(0)
		helpers.run(env, 1)
		assert.is_false(env.host.removed)
		assert.same({}, env.host.errors)
		assert.is_true(env.t.stats.errors > 0)
		env.game.faults = {}
		helpers.run(env, 2)
		assert.equal("CONNECTED", env.t.conn.state)
		env.host:shutdown()
		assert.same({}, env.host.errors)
	end)

	it("an unencodable message is dropped with a log line, and the rest goes on", function()
		local from = #env.game.echoes + 1
		local queued = env.t.Queue.count(env.t.queue)
		assert.is_false(env.t.enqueue("event", { event = "odd", handler = print }))
		assert.equal(queued, env.t.Queue.count(env.t.queue))
		assert.matches("could not encode a event message: cannot encode a function", env.host:echoes(from))
		local unit = env.game:spawn(1, "armbanth")
		helpers.run(env, 1)
		local last = env.server:last("event")
		assert.same({ "unit_finished", unit and 1 }, { last.event, last.team })
	end)
end)
