-- The state and event messages against the fake game's own truth, for games of N teams driven
-- through the widget's call-ins.
local helpers = require("helpers")
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")

local function byId(list, id)
	for _, x in ipairs(list) do
		if x.id == id then
			return x
		end
	end
	return nil
end

local function round2(x)
	return math.floor(x * 100 + 0.5) / 100
end

-- Every team of the state equals the truth (full view).
local function assertMatchesTruth(state, game)
	local truth = game:truth()
	assert.equal(#truth.teams, #state.teams)
	for _, tt in ipairs(truth.teams) do
		local st = assert(byId(state.teams, tt.id), "team " .. tt.id)
		for _, f in ipairs({ "ally_team", "name", "color", "dead", "ai", "unit_count", "army_value", "defense_value",
			"build_power", "commanders_alive" }) do
			local want = tt[f]
			if f == "name" then
				want = want:gsub("\255", "\239\191\189")
			end
			assert.equal(want, st[f], f .. " of team " .. tt.id)
		end
		assert.equal(tt.side, st.faction)
		for _, res in ipairs({ "metal", "energy" }) do
			for _, f in ipairs({ "current", "storage", "income", "expense", "pull", "share", "sent", "received", "excess" }) do
				assert.near(round2(tt[res][f]), st[res][f], 0.0051, res .. "." .. f .. " of team " .. tt.id)
			end
		end
	end
end

describe("collection", function()
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	local function settle()
		env.game:setPaused(0, true)
		helpers.run(env, 1.5)
		return env.server:last("state")
	end

	for _, shape in ipairs({ "1v1", "2x8", "ffa16", "4v4" }) do
		it("exports a " .. shape .. " game as the engine sees it", function()
			env = helpers.setup({ game = { shape = shape, aiTeams = 1, spectators = 3 } })
			assert.is_true(helpers.connected(env))
			env.game:autoplay(60)
			env.game:start()
			helpers.run(env, 45)
			local state = settle()
			assertMatchesTruth(state, env.game)
			assert.equal("running", state.phase)
			assert.is_true(state.paused)
			assert.is_true(state.full_view)
			assert.same({}, state.winners)
			local teamCount = #env.game:truth().teams
			local players = 0
			for _ in pairs(env.game.players) do
				players = players + 1
			end
			assert.equal(players, #state.players)
			-- ally teams hold every team once, Gaia left out
			local seen = 0
			for _, a in ipairs(state.ally_teams) do
				seen = seen + #a.team_ids
				assert.is_true(a.id < env.game.gaiaAlly)
			end
			assert.equal(teamCount, seen)
		end)
	end

	it("reads players as the protocol wants them (ping in ms, cpu in percent, hidden skill null)", function()
		env = helpers.setup({ game = { shape = "ffa16", spectators = 2 } })
		assert.is_true(helpers.connected(env))
		helpers.run(env, 1.5)
		local state = env.server:last("state")
		local p1 = byId(state.players, 1)
		assert.same({ id = 1, name = 'Zoë "Ace" Müller', team = 1, ally_team = 1, spectator = false, active = true,
			ping_ms = 25, cpu = 11, country = "US", rank = 1, skill = 13.1 }, p1)
		assert.equal(helpers.null, byId(state.players, 4).skill) -- "~20": privacy mode
		assert.equal(helpers.null, byId(state.players, 6).country) -- empty country code
		assert.equal("bad\239\191\189byte", byId(state.players, 7).name)
		assert.is_true(byId(state.players, 16).spectator)
		assert.equal("lobby", state.phase)
		assert.equal(0, state.frame)
	end)

	it("names AI teams by their AI name", function()
		env = helpers.setup({ game = { shape = "1v1", aiTeams = 1 } })
		assert.is_true(helpers.connected(env))
		helpers.run(env, 1.5)
		local team = byId(env.server:last("state").teams, 1)
		assert.is_true(team.ai)
		assert.equal("SimpleAI 1", team.name)
		assert.equal(0, team.leader_player_id)
	end)

	it("tracks unit values incrementally through builds, kills and transfers", function()
		env = helpers.setup({ game = { shape = "2x2" } })
		assert.is_true(helpers.connected(env))
		local game = env.game
		game:start()
		local lab = game:spawn(0, "armlab", true)
		local pawn = game:spawn(0, "armpw")
		local nano = game:spawn(0, "armnanotc")
		local llt = game:spawn(0, "armllt")
		helpers.run(env, 1)
		game:finish(lab)
		game:give(pawn, 1)
		game:give(nano, 2) -- to the enemy
		game:destroy(llt, 2)
		local unfinished = game:spawn(1, "armbanth", true)
		game:destroy(unfinished, 3) -- never finished: no value to remove
		local state = settle()
		assertMatchesTruth(state, game)
		local t0 = byId(state.teams, 0)
		assert.equal(1250, t0.army_value) -- the commander
		assert.equal(0, t0.defense_value)
		assert.equal(300, t0.build_power) -- the lab cannot assist
		assert.equal(1250 + 54, byId(state.teams, 1).army_value) -- its commander and the gifted pawn
		assert.equal(300 + 200.5, byId(state.teams, 2).build_power) -- the captured turret assists
	end)

	it("picks up a game already running when enabled mid-game (one full scan)", function()
		local game = FakeGame.new({ shape = "2x8" })
		game:start()
		game:populate(30)
		game:run(20)
		local server = require("test_server").start()
		local host = WidgetHost.load(game, { config = { port = server.port } })
		env = { game = game, host = host, t = host.test, server = server }
		local state = settle()
		assertMatchesTruth(state, game)
		assert.equal("running", state.phase)
	end)

	it("sends every event at once, with what the protocol asks", function()
		env = helpers.setup({ game = { shape = "2x2", spectators = 2 } })
		assert.is_true(helpers.connected(env))
		local game = env.game
		game:start()
		helpers.run(env, 0.1)
		local banth = game:spawn(1, "armbanth")
		local cheap = game:spawn(1, "armpw")
		game:destroy(cheap, 2)
		game:destroy(banth, 2)
		game:destroy(game:commanderOf(3), 0)
		game:setPaused(4, true)
		game:setPaused(4, false)
		game:removePlayer(3)
		game:removePlayer(5) -- a spectator: no event
		game:killTeam(3)
		helpers.run(env, 0.1)
		game:gameOver(0)
		helpers.run(env, 1.5)
		local events = {}
		for _, m in ipairs(env.server.conns[1].messages) do
			if m.type == "event" then
				m.type, m.schema_version, m.seq, m.frame = nil, nil, nil, nil
				events[#events + 1] = m
			end
		end
		local s = events[2].game_seconds
		assert.same({
			{ event = "game_start", game_seconds = 0 },
			{ event = "unit_finished", game_seconds = s, unit_def = "armbanth", unit_name = "Bantha", team = 1, cost = 6200 },
			{ event = "unit_destroyed", game_seconds = s, unit_def = "armbanth", unit_name = "Bantha", team = 1, cost = 6200,
				attacker_team = 2 },
			{ event = "commander_destroyed", game_seconds = s, team = 3, attacker_team = 0 },
			{ event = "paused", game_seconds = s, player = 4 },
			{ event = "unpaused", game_seconds = s, player = 4 },
			{ event = "player_left", game_seconds = s, player = 3, name = "Tab\tand\nnewline" },
			{ event = "team_died", game_seconds = s, team = 3 },
			-- game over: team 2 dies, its units with it (the commander by no one's hand)
			{ event = "commander_destroyed", game_seconds = events[9].game_seconds, team = 2, attacker_team = helpers.null },
			{ event = "team_died", game_seconds = events[9].game_seconds, team = 2 },
			{ event = "game_over", game_seconds = events[9].game_seconds, winners = { 0 } },
		}, events)
		local state = env.server:last("state")
		assert.equal("over", state.phase)
		assert.same({ 0 }, state.winners)
		assert.same({ { id = 0, team_ids = { 0, 1 }, dead = false }, { id = 1, team_ids = { 2, 3 }, dead = true } },
			state.ally_teams)
	end)

	it("uses the notable-unit threshold from the settings", function()
		env = helpers.setup({ game = { shape = "1v1" }, config = { notable_cost = 100 } })
		assert.is_true(helpers.connected(env))
		env.game:start()
		env.game:spawn(0, "armck") -- 110 metal
		env.game:spawn(0, "armpw") -- 54 metal
		helpers.run(env, 0.5)
		local last = env.server:last("event")
		assert.same({ "unit_finished", "armck" }, { last.event, last.unit_def })
	end)

	it("reads the faction from the start unit, else from the side", function()
		env = helpers.setup({ game = { shape = "ffa16", spectators = 1 } })
		assert.is_true(helpers.connected(env))
		env.game.teams[1].startUnit = env.game.unitDefNames.legcom.id
		env.game.teams[2].startUnit = nil
		env.game.teams[2].side = "Random"
		env.game.teams[3].startUnit = nil
		env.game.teams[3].side = "Cortex"
		helpers.run(env, 1.5)
		local state = env.server:last("state")
		assert.same({ "legion", "unknown", "cortex" },
			{ byId(state.teams, 1).faction, byId(state.teams, 2).faction, byId(state.teams, 3).faction })
	end)

	it("reads a faction still unknown once the game runs again, until it is known, and only that one", function()
		env = helpers.setup({ game = { shape = "ffa16", spectators = 1 } })
		local game = env.game
		game.teams[5].startUnit = nil -- a random start unit, not settled yet
		game.teams[5].side = "random"
		assert.is_true(helpers.connected(env))
		game:start()
		helpers.run(env, 1.5)
		assert.equal("unknown", byId(env.server:last("state").teams, 5).faction)
		local reads = {}
		local real = game.Spring.GetTeamRulesParam
		game.Spring.GetTeamRulesParam = function(team, name)
			reads[team] = (reads[team] or 0) + 1
			return real(team, name)
		end
		helpers.run(env, 3)
		assert.same({ 5 }, (function()
			local teams = {}
			for t in pairs(reads) do
				teams[#teams + 1] = t
			end
			return teams
		end)()) -- the known ones are not read again
		assert.is_true(reads[5] >= 2 and reads[5] <= 4, "one read per state")
		game.teams[5].startUnit = game.unitDefNames.corcom.id
		helpers.run(env, 1.5)
		assert.equal("cortex", byId(env.server:last("state").teams, 5).faction)
		reads = {}
		helpers.run(env, 3)
		assert.is_nil(next(reads)) -- known now: read no more
		game.Spring.GetTeamRulesParam = real
	end)

	it("sends one state per game second, more at higher game speed, heartbeats when paused", function()
		env = helpers.setup({ game = { shape = "1v1" } })
		assert.is_true(helpers.connected(env))
		env.game:start()
		helpers.run(env, 1)
		local function statesIn(seconds)
			local before = #env.server.conns[1].messages
			helpers.run(env, seconds)
			local n = 0
			for i = before + 1, #env.server.conns[1].messages do
				if env.server.conns[1].messages[i].type == "state" then
					n = n + 1
				end
			end
			return n
		end
		assert.near(10, statesIn(10), 1)
		env.game.speed = 4
		assert.near(40, statesIn(10), 2)
		env.game.speed = 1
		env.game:setPaused(0, true)
		helpers.run(env, 1)
		assert.near(10, statesIn(10), 1)
	end)
end)
