-- The fake engine must behave like Recoil's LuaUI API where the widget depends on it.
local FakeGame = require("fake_game")

describe("the fake Spring", function()
	local game, S

	before_each(function()
		game = FakeGame.new({ shape = "2x2", viewer = "player" })
		S = game.Spring
		game:start()
		game:populate(6)
	end)

	it("returns nothing for what a player may not read", function()
		assert.equal(9, select("#", S.GetTeamResources(0, "metal")))
		assert.equal(9, select("#", S.GetTeamResources(1, "e"))) -- only the first letter counts
		assert.equal(0, select("#", S.GetTeamResources(2, "metal")))
		assert.is_nil(S.GetTeamStatsHistory(3))
		assert.is_nil(S.GetTeamRulesParam(2, "startUnit"))
		assert.is_number(S.GetTeamRulesParam(1, "startUnit"))
		assert.is_true(S.GetTeamUnitCount(2) < #game:unitsOf(2)) -- LOS and radar only
	end)

	it("counts enemy units only by type in LOS, radar blips as unknown, plus n", function()
		local own = S.GetTeamUnitsCounts(0)
		local defs, total = 0, 0
		for k, v in pairs(own) do
			if k ~= "n" then
				defs, total = defs + 1, total + v
			end
		end
		assert.equal(own.n, defs)
		assert.equal(#game:unitsOf(0), total)
		assert.is_nil(own.unknown)
		local enemy = S.GetTeamUnitsCounts(2)
		assert.is_number(enemy.unknown)
		assert.is_number(enemy.n)
	end)

	it("has the engine's argument orders and multiple returns", function()
		assert.equal(12, select("#", S.GetPlayerInfo(0)))
		assert.is_table(select(11, S.GetPlayerInfo(0)))
		assert.is_nil(select(11, S.GetPlayerInfo(0, false)))
		assert.equal(8, select("#", S.GetTeamInfo(0)))
		assert.equal(7, select("#", S.GetTeamInfo(0, false)))
		assert.same(S.GetPlayerList(1, true), S.GetPlayerList(true, 1))
		assert.same({ 1 }, S.GetPlayerList(1))
		assert.same({ 0, 1, 2, 3, 4 }, S.GetTeamList()) -- Gaia included
		assert.same({ 0, 1, 2 }, S.GetAllyTeamList())
		assert.is_nil(S.GetTeamList(7))
		assert.has_error(function() S.GetTeamList("0") end)
		game.frame = 30 * 86400 + 5
		assert.same({ 5, 1 }, { S.GetGameFrame() })
	end)

	it("measures time with opaque timers", function()
		local a, am = S.GetTimer(), S.GetTimerMicros()
		game.clock = game.clock + 0.25
		assert.equal(0.25, S.DiffTimers(S.GetTimer(), a))
		assert.equal(250, S.DiffTimers(S.GetTimer(), a, true))
		assert.equal(250, S.DiffTimers(S.GetTimerMicros(), am, true, true))
		assert.has_error(function() return a + 1 end)
	end)

	it("has proxy UnitDefs that pairs() cannot walk", function()
		local def = game.unitDefNames.armcom
		assert.equal("armcom", def.name)
		assert.is_nil(next(def))
		assert.has_error(function() def.name = "x" end)
	end)

	it("delivers unit call-ins only for readable ally teams", function()
		local seen = {}
		game:listen({ callin = function(_, name, _, _, team) if name == "UnitFinished" then seen[#seen + 1] = team end end })
		game:spawn(1, "armpw")
		game:spawn(2, "armpw")
		assert.same({ 1 }, seen)
	end)
end)
