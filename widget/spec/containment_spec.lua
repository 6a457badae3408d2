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

-- A fault while the widget starts (a Spring call that throws in Initialize) costs only what it
-- touches: the commands are registered and the connection starts all the same, and collection
-- setup is tried again until it works.
describe("a fault during Initialize", function()
	local FakeGame = require("fake_game")
	local WidgetHost = require("widget_host")
	local TestServer = require("test_server")
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	it("leaves the /livedata commands and the connection working, and collection starts once it can", function()
		env = helpers.setup({ game = { shape = "2x2" },
			faults = { GetSpectatingState = true, GetAllyTeamList = true, IsGameOver = true } })
		assert.is_false(env.host.removed)
		assert.same({}, env.host.errors)
		assert.matches("Initialize %(collection setup%) failed: .*fake fault in Spring%.GetSpectatingState",
			env.host:echoes())
		assert.is_truthy(env.host.actions.livedata, "the /livedata action was not registered")
		assert.is_true(helpers.connected(env))
		helpers.run(env, 1)
		local from = #env.game.echoes + 1
		assert.is_true(env.host:command("livedata status"))
		assert.matches("state CONNECTED 127%.0%.0%.1:" .. env.server.port, env.host:echoes(from))
		local messages = env.server.conns[1].messages
		assert.equal("hello", messages[1].type)
		for _, m in ipairs(messages) do
			assert.not_equal("state", m.type) -- no state while the view is unknown
		end
		env.game.faults = {}
		helpers.run(env, 3)
		assert.matches("collection set up: full view", env.host:echoes())
		local state = env.server:last("state")
		assert.is_true(state.full_view)
		assert.equal(4, #state.teams)
	end)

	it("mid-game: the unit scan is tried again, and the values come out right", function()
		local game = FakeGame.new({ shape = "2x2" })
		game:start()
		game:populate(10)
		game:run(5)
		game.faults.GetUnitIsBeingBuilt = true
		local server = TestServer.start()
		local host = WidgetHost.load(game, { config = { port = server.port } })
		env = { game = game, host = host, t = host.test, server = server }
		assert.is_truthy(host.actions.livedata)
		assert.is_true(helpers.connected(env))
		helpers.run(env, 3)
		assert.is_nil(server:last("state"))
		game.faults = {}
		helpers.run(env, 3)
		local state = server:last("state")
		for _, team in ipairs(state.teams) do
			assert.equal(game:truthTeam(team.id).army_value, team.army_value)
			assert.equal(game:truthTeam(team.id).build_power, team.build_power)
		end
	end)
end)
