-- The test game's LuaUI entry point (the engine takes luaui.lua only from the game archive): the
-- engine's stock luaui.lua, run after the stand-ins spring-headless and Spring 106 need.

-- spring-headless has no OpenGL: the stock handler's fonts still call gl.CreateList and friends.
local function noop() end
gl = setmetatable(gl or {}, { __index = function() return noop end })

-- Spring 106 lacks two reads Recoil has; each stand-in answers from a call 106 has. Nothing else is
-- stood in for: the widget meets the engine as it is.

-- Recoil: Spring.GetUnitIsBeingBuilt (rts/Lua/LuaSyncedRead.cpp) returns beingBuilt, buildProgress;
-- 106's GetUnitHealth has the build progress as its 5th value.
if Spring.GetUnitIsBeingBuilt == nil then
	Spring.GetUnitIsBeingBuilt = function(unitID)
		local progress = select(5, Spring.GetUnitHealth(unitID))
		if progress == nil then
			return nil
		end
		return progress < 1, progress
	end
end

-- Recoil: Spring.GetTeamAllyTeamID (rts/Lua/LuaSyncedRead.cpp) returns the team's ally team;
-- 106's GetTeamInfo has it as its 6th value.
if Spring.GetTeamAllyTeamID == nil then
	Spring.GetTeamAllyTeamID = function(teamID)
		return (select(6, Spring.GetTeamInfo(teamID)))
	end
end

VFS.Include("luaui.lua", nil, VFS.RAW_ONLY)
