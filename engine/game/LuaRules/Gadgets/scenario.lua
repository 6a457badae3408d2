-- The engine lane's scenario: what a BAR game does, at fixed game frames (engine/engine.test.ts
-- checks each step in what the widget exported). Steps are 3 game seconds apart or more (0.3 s
-- at 10x speed): room for the states the lane reads between them. Teams 0 and 1 are ally team 0,
-- team 2 ally team 1.
function gadget:GetInfo()
	return { name = "LiveData scenario", desc = "Scripted test game", layer = 100, enabled = true }
end

local SECOND = 30

if gadgetHandler:IsSyncedCode() then
	local made = {}

	local function commanderOf(team)
		for _, u in ipairs(Spring.GetTeamUnits(team) or {}) do
			if UnitDefs[Spring.GetUnitDefID(u)].customParams.iscommander then
				return u
			end
		end
	end

	local function besides(unitID, dx)
		local x, y, z = Spring.GetUnitPosition(unitID)
		return x + dx, y, z
	end

	local STEPS = {
		-- A 1200-metal tank for team 0 and a 50-metal scout for team 2, started as nanoframes...
		[2 * SECOND] = function()
			local x, y, z = besides(commanderOf(0), 80)
			made.tank = Spring.CreateUnit("tank", x, y, z, 0, 0, true)
			x, y, z = besides(commanderOf(2), -80)
			made.scout = Spring.CreateUnit("scout", x, y, z, 0, 2, true)
		end,
		-- ...and finished.
		[4 * SECOND] = function()
			Spring.SetUnitHealth(made.tank, { build = 1 })
			Spring.SetUnitHealth(made.scout, { build = 1 })
		end,
		-- Team 0 gives its tank to its ally, team 1.
		[7 * SECOND] = function()
			Spring.TransferUnit(made.tank, 1, true)
		end,
		-- Team 2's commander kills team 1's.
		[10 * SECOND] = function()
			Spring.AddUnitDamage(commanderOf(1), 1e6, 0, commanderOf(2))
		end,
		-- Team 0's commander evolves the way BAR's unit_evolution.lua does it: the old unit names
		-- the new one in unit_evolved, then goes.
		[13 * SECOND] = function()
			local old = commanderOf(0)
			local x, y, z = Spring.GetUnitPosition(old)
			local new = Spring.CreateUnit("commander2", x, y, z, 0, 0)
			Spring.SetUnitRulesParam(old, "unit_evolved", new, { public = true })
			Spring.DestroyUnit(old, false, true)
		end,
		[16 * SECOND] = function()
			SendToUnsynced("scenario_pause")
		end,
		-- BAR's camera lock with "hide enemies" on the spectator (unsynced below)...
		[17 * SECOND] = function()
			SendToUnsynced("scenario_camera_lock")
		end,
		-- ...and unlocked.
		[20 * SECOND] = function()
			SendToUnsynced("scenario_camera_free")
		end,
		-- Ally team 1 is wiped out by team 0: the stock game_end.lua then ends the game.
		[23 * SECOND] = function()
			local killer = commanderOf(0)
			for _, u in ipairs(Spring.GetTeamUnits(2) or {}) do
				Spring.AddUnitDamage(u, 1e6, 0, killer)
			end
		end,
	}

	function gadget:GameFrame(f)
		local step = STEPS[f]
		if step then
			step()
		end
	end
else
	-- Unsynced: the pause and unpause (game frames stop while paused, so the unpause is timed on the
	-- wall clock), and the quit a moment after the game is over (headless keeps running otherwise).
	local pausedAt, overAt

	function gadget:Initialize()
		gadgetHandler:AddSyncAction("scenario_pause", function()
			Spring.SendCommands("pause 1")
			pausedAt = Spring.GetTimer()
		end)
		-- What camera_lockcamera.lua sends when a caster locks onto a player of team 2 with "hide
		-- enemies": the followed team's view (specteam), full view off; then back.
		gadgetHandler:AddSyncAction("scenario_camera_lock", function()
			Spring.SendCommands("specteam 1", "specteam 2", "specfullview 0")
		end)
		gadgetHandler:AddSyncAction("scenario_camera_free", function()
			Spring.SendCommands("specfullview 3", "specteam 1", "specteam 0")
		end)
	end

	function gadget:GameOver()
		overAt = Spring.GetTimer()
	end

	function gadget:Update()
		local now = Spring.GetTimer()
		if pausedAt and Spring.DiffTimers(now, pausedAt) > 1 then
			pausedAt = nil
			Spring.SendCommands("pause 0")
		end
		if overAt and Spring.DiffTimers(now, overAt) > 2 then
			overAt = nil
			Spring.SendCommands("quitforce")
		end
	end
end
