-- A player exports only what the engine lets them read (full_view: false, enemy figures null);
-- a spectator in full view exports everything; switching view is picked up (PlayerChanged).
local helpers = require("helpers")

local teamById = helpers.teamById

local ENEMY_NULLS = { "metal", "energy", "unit_count", "army_value", "defense_value", "build_power",
	"commanders_alive", "stats" }

describe("visibility", function()
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	local function play(seconds)
		env.game:autoplay(200)
		env.game:start()
		helpers.run(env, seconds)
	end

	-- Pauses the game and waits for a state built after it, to compare with the truth.
	local function settle()
		env.game:setPaused(0, true)
		helpers.run(env, 1.5)
	end

	it("a player sees their own ally team only and says full_view: false", function()
		env = helpers.setup({ game = { shape = "2x2", viewer = "player" } })
		assert.is_true(helpers.connected(env))
		local hello = env.server.conns[1].messages[1]
		assert.same({ id = 0, name = "Alpha", spectator = false, full_view = false }, hello.local_player)
		play(70)
		settle()
		local state = env.server:last("state")
		assert.is_false(state.full_view)
		for _, id in ipairs({ 0, 1 }) do
			local team, truth = teamById(state, id), env.game:truthTeam(id)
			assert.equal(truth.army_value, team.army_value)
			assert.equal(truth.unit_count, team.unit_count)
			assert.is_table(team.metal)
			assert.is_table(team.stats)
		end
		for _, id in ipairs({ 2, 3 }) do
			local team = teamById(state, id)
			for _, field in ipairs(ENEMY_NULLS) do
				assert.equal(helpers.null, team[field], field .. " of enemy team " .. id)
			end
			-- what everyone may read is still there
			assert.equal(env.game:truthTeam(id).name, team.name)
			assert.equal(env.game:truthTeam(id).color, team.color)
			assert.equal(env.game.teams[id].side, team.faction)
		end
		-- No call-ins for enemy units: no notable-unit events about enemy teams.
		for _, m in ipairs(env.server.conns[1].messages) do
			if m.event == "unit_finished" or m.event == "unit_destroyed" then
				assert.is_true(m.team <= 1, "an event about enemy team " .. m.team)
			end
		end
	end)

	it("picks up a switch to full view and then reports every team exactly", function()
		env = helpers.setup({ game = { shape = "2x2", viewer = "player" } })
		assert.is_true(helpers.connected(env))
		play(30)
		env.game:setView(true, true) -- the player resigned and spectates in full view
		settle()
		local state = env.server:last("state")
		assert.is_true(state.full_view)
		for id = 0, 3 do
			local team, truth = teamById(state, id), env.game:truthTeam(id)
			for _, field in ipairs({ "army_value", "defense_value", "build_power", "commanders_alive", "unit_count" }) do
				assert.equal(truth[field], team[field], field .. " of team " .. id)
			end
			assert.is_table(team.metal)
		end
		-- the change logs at debug level only: the console is on stream
		assert.is_nil(env.host:echoes():find("full view: exporting", 1, true))
	end)

	it("a spectator leaving full view drops to its ally team, and comes back", function()
		env = helpers.setup({ game = { shape = "2x2" } })
		assert.is_true(helpers.connected(env))
		play(20)
		env.game:setView(true, false)
		helpers.run(env, 1.5)
		local partial = env.server:last("state")
		assert.is_false(partial.full_view)
		assert.equal(helpers.null, teamById(partial, 3).metal)
		assert.is_table(teamById(partial, 0).metal)
		helpers.run(env, 20) -- enemy units come and go unseen meanwhile
		env.game:setView(true, true)
		settle()
		local full = env.server:last("state")
		assert.is_true(full.full_view)
		for id = 0, 3 do
			assert.equal(env.game:truthTeam(id).army_value, teamById(full, id).army_value)
		end
	end)

	-- Without full view the engine sends only the call-in of the side this view can read: UnitGiven
	-- for a unit arriving from an enemy, UnitTaken for one leaving to an enemy.
	for _, viewer in ipairs({ { viewer = "player" }, { fullView = false } }) do
		local who = viewer.viewer and "a player" or "a spectator without full view"
		it(who .. " counts units that come from teams it cannot read, and forgets those that go to them", function()
			env = helpers.setup({ game = { shape = "2x2", viewer = viewer.viewer, fullView = viewer.fullView } })
			assert.is_true(helpers.connected(env))
			local game = env.game
			game:start()
			helpers.run(env, 1)
			local banth = game:spawn(2, "armbanth") -- the enemy's: no call-in
			local com = game:commanderOf(3)
			local nano = game:spawn(3, "armnanotc")
			local building = game:spawn(2, "armpw", true)
			game:give(banth, 0) -- bought (given, captured) from the enemy
			game:give(com, 1)
			game:give(nano, 1)
			game:give(building, 0)
			local pawn = game:spawn(0, "armpw")
			game:give(pawn, 3) -- ours, gone to the enemy
			helpers.run(env, 1)
			game:finish(building) -- finished in our team: counted once, by its UnitFinished
			settle()
			local state = env.server:last("state")
			for _, id in ipairs({ 0, 1 }) do
				local team, truth = teamById(state, id), game:truthTeam(id)
				for _, field in ipairs({ "army_value", "defense_value", "build_power", "commanders_alive", "unit_count" }) do
					assert.equal(truth[field], team[field], field .. " of team " .. id)
				end
			end
			assert.equal(1250 + 6200 + 54, teamById(state, 0).army_value)
			assert.equal(2, teamById(state, 1).commanders_alive)
			assert.equal(300 + 300 + 200.5, teamById(state, 1).build_power)
			assert.is_nil(env.t.units.finished[pawn]) -- no call-in will come for it any more
			game:setPaused(0, false)
			game:destroy(banth, 3)
			helpers.run(env, 1)
			local last = env.server:last("event")
			assert.same({ "unit_destroyed", "armbanth", 0, 6200 }, { last.event, last.unit_def, last.team, last.cost })
			game:destroy(pawn, 0) -- not readable: nothing to do
			game:destroy(com, 2)
			settle()
			state = env.server:last("state")
			assert.equal(1250 + 54, teamById(state, 0).army_value)
			assert.equal(1, teamById(state, 1).commanders_alive)
			local events = {}
			for _, m in ipairs(env.server.conns[1].messages) do
				if m.type == "event" and m.event ~= "paused" and m.event ~= "unpaused" then
					events[#events + 1] = m.event .. ":" .. tostring(m.team)
				end
			end
			-- the pawn died unseen; the commander given to team 1 is a commander of team 1
			assert.same({ "game_start:nil", "unit_destroyed:0", "commander_destroyed:1" }, events)
		end)
	end

	it("after game over a player may read the enemy's stats, as the engine allows", function()
		env = helpers.setup({ game = { shape = "1v1", viewer = "player" } })
		assert.is_true(helpers.connected(env))
		play(10)
		env.game:gameOver(0)
		helpers.run(env, 1.5)
		local state = env.server:last("state")
		assert.equal("over", state.phase)
		assert.is_table(teamById(state, 1).stats)
		assert.equal(helpers.null, teamById(state, 1).metal)
		assert.same({ 0 }, state.winners)
	end)
end)
