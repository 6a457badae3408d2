-- The test game's units: a start commander (customParams.iscommander, as BAR marks them) and its
-- evolved level, both builders; armed mobile units, tank at 1000 metal or more (a notable unit),
-- scout below.
local function unit(name, cost, extra)
	local def = {
		name = name,
		objectName = "box.s3o",
		buildCostMetal = cost,
		buildCostEnergy = cost,
		buildTime = cost,
		maxDamage = 1000,
		footprintX = 2,
		footprintZ = 2,
		movementClass = "TANK2",
		maxVelocity = 2,
		acceleration = 0.1,
		brakeRate = 0.1,
		turnRate = 500,
		explodeAs = "BOOM",
		selfDestructAs = "BOOM",
	}
	for k, v in pairs(extra) do
		def[k] = v
	end
	return def
end

local function commander(name, level, cost)
	return unit(name, cost, {
		maxDamage = 3000,
		maxVelocity = 1,
		builder = true,
		canAssist = true,
		workerTime = 100,
		buildDistance = 100,
		buildOptions = { "tank", "scout" },
		customParams = { iscommander = "1", evolution_level = tostring(level) },
	})
end

local ARMED = { weapons = { { name = "GUN" } } }

return {
	commander = commander("commander", 1, 1500),
	commander2 = commander("commander2", 2, 2000),
	tank = unit("tank", 1200, ARMED),
	scout = unit("scout", 50, ARMED),
}
