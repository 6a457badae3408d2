-- What real BAR games do that a plain fake game did not (issue 11, section 2). The engine lane
-- (engine/engine.test.ts) shows in spring-headless what the engine can show: a dead AI team's
-- name, the evolving commander, the set speed, the engine name. What it cannot (a player who
-- resigns or leaves, BAR's camera lock with "hide enemies", the lobby's local ally team, a bridge
-- away) is proven here in the fake only, and each spec says so.
local helpers = require("helpers")

local teamById = helpers.teamById

local function events(env, name)
	local list = {}
	for _, m in ipairs(env.server.conns[1].messages) do
		if m.type == "event" and m.event == name then
			list[#list + 1] = m
		end
	end
	return list
end

-- Pauses the game and waits for a state built after it.
local function settle(env)
	env.game:setPaused(0, true)
	helpers.run(env, 1.5)
	return env.server:last("state")
end

describe("BAR games", function()
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	local function started(gameOpts, config)
		env = helpers.setup({ game = gameOpts, config = config })
		assert.is_true(helpers.connected(env))
		env.game:start()
		helpers.run(env, 1.5)
	end

	describe("team names and AI flags survive death and resignation", function()
		for _, params in ipairs({ true, false }) do
			local how = params and "from its ainame_ rules param" or "remembered (no ainame_ rules param)"
			it("a dead AI team keeps its AI name and ai: true, " .. how, function()
				started({ shape = "1v1", aiTeams = 1, aiNameParams = params })
				env.game:killTeam(1)
				-- as the engine: the dead team's AI is gone
				assert.is_false(select(4, env.game.Spring.GetTeamInfo(1)))
				assert.is_nil(env.game.Spring.GetAIInfo(1))
				local team = teamById(settle(env), 1)
				assert.same({ "SimpleAI 1", true, true, 0 }, { team.name, team.ai, team.dead, team.leader_player_id })
			end)
		end

		it("a resigned player's team keeps its player's name and leader (fake only)", function()
			started({ shape = "1v1" })
			env.game:resign(1)
			assert.equal(-1, select(2, env.game.Spring.GetTeamInfo(1))) -- as the engine
			local team = teamById(settle(env), 1)
			assert.same({ 'Zoë "Ace" Müller', false, 1 }, { team.name, team.ai, team.leader_player_id })
		end)
	end)

	it("a side whose last player left without resigning has lost, as BAR's game_end.lua counts (fake only)", function()
		started({ shape = "1v1" })
		env.game:removePlayer(1) -- gone, not resigned: the engine never marks the team dead
		env.game:endGame()
		helpers.run(env, 1)
		local over = events(env, "game_over")
		assert.equal(1, #over)
		assert.same({ 0 }, over[1].winners)
		assert.is_false(teamById(env.server:last("state"), 1).dead)
	end)

	it("an AI team is still played: its side has not lost (fake only)", function()
		started({ shape = "1v1", aiTeams = 1 })
		env.game:removePlayer(0)
		env.game:endGame()
		helpers.run(env, 1)
		assert.same({ 1 }, events(env, "game_over")[1].winners)
	end)

	it("an evolving commander is not destroyed, and its new level counts as the commander", function()
		started({ shape = "1v1" })
		local new = env.game:evolve(env.game:commanderOf(0), "armcom")
		local team = teamById(settle(env), 0)
		assert.same({}, events(env, "commander_destroyed"))
		assert.equal(1, team.commanders_alive)
		env.game:setPaused(0, false)
		env.game:destroy(new, 1) -- a real death still counts
		helpers.run(env, 1)
		local destroyed = events(env, "commander_destroyed")
		assert.equal(1, #destroyed)
		assert.same({ 0, 1 }, { destroyed[1].team, destroyed[1].attacker_team })
	end)

	describe("BAR's camera lock (fake only: 106 has no camera lock)", function()
		local function countingTeamUnits()
			local calls = { n = 0 }
			local S = env.game.Spring
			local real = S.GetTeamUnits
			S.GetTeamUnits = function(...)
				calls.n = calls.n + 1
				return real(...)
			end
			return calls
		end

		it("in full view an ally-team switch (specteam) rescans nothing and says nothing", function()
			started({ shape = "2x2" })
			local calls = countingTeamUnits()
			local echoes = #env.game.echoes
			for _, team in ipairs({ 2, 3, 0, 2 }) do
				env.game:specTeam(team)
				helpers.run(env, 0.2)
			end
			assert.equal(0, calls.n)
			assert.equal(echoes, #env.game.echoes)
			local state = settle(env)
			assert.is_true(state.full_view)
			for id = 0, 3 do
				assert.equal(env.game:truthTeam(id).army_value, teamById(state, id).army_value)
			end
		end)

		it("with 'hide enemies' full view goes off and on: rescans, logged at debug level only", function()
			started({ shape = "2x2" })
			local calls = countingTeamUnits()
			local echoes = #env.game.echoes
			env.game:specTeam(2)
			env.game:setView(true, false)
			helpers.run(env, 1)
			assert.is_false(env.server:last("state").full_view)
			assert.equal(helpers.null, teamById(env.server:last("state"), 0).army_value)
			env.game:setView(true, true)
			assert.is_true(calls.n > 0)
			assert.equal(echoes, #env.game.echoes)
			local state = settle(env)
			for id = 0, 3 do
				assert.equal(env.game:truthTeam(id).army_value, teamById(state, id).army_value)
			end
		end)
	end)

	it("a rescan does not count a unit still dying (its death animation keeps it listed)", function()
		started({ shape = "2x2" })
		env.game:destroy(env.game:commanderOf(1), 2)
		env.game:setView(true, false) -- "hide enemies" at the moment a commander dies
		env.game:setView(true, true)
		local team = teamById(settle(env), 1)
		assert.equal(0, team.commanders_alive)
		assert.equal(env.game:truthTeam(1).army_value, team.army_value)
	end)

	it("game start refreshes the view: the engine sets the local ally team without PlayerChanged (fake only)", function()
		env = helpers.setup({ game = { shape = "2x2", viewer = "player", lobbyAlly = 1 } })
		assert.is_true(helpers.connected(env))
		env.game:start()
		local state = settle(env)
		assert.equal(env.game:truthTeam(0).army_value, teamById(state, 0).army_value)
		assert.equal(helpers.null, teamById(state, 2).army_value)
	end)

	it("speed is the speed players set, not the one the simulation keeps up", function()
		started({ shape = "1v1", speed = 10 })
		env.game.actualSpeed = 7.5
		helpers.run(env, 1.5)
		assert.equal(10, env.server:last("state").speed)
	end)

	it("sends Engine.versionFull as the engine where Engine.version is empty (Spring 106)", function()
		env = helpers.setup({ game = { engine = { version = "", versionFull = "106.0" } } })
		assert.is_true(helpers.connected(env))
		assert.equal("106.0", env.server.conns[1].messages[1].engine.version)
	end)

	it("leaves no seq gap on a healthy connection: states wait for the liveness check, not replace", function()
		env = helpers.setup()
		for _ = 1, 45 do -- a state wanted every draw frame (players joining while the game loads)
			env.game:callin("PlayerChanged", 0)
			helpers.run(env, 1 / 30)
		end
		helpers.run(env, 1)
		local seqs, want = {}, {}
		for i, m in ipairs(env.server.conns[1].messages) do
			seqs[i], want[i] = m.seq, i
		end
		assert.is_true(#seqs >= 3)
		assert.same(want, seqs)
	end)
end)
