-- A start commander (customParams.iscommander, as BAR marks them) and its evolved level.
local function commander(name, level, cost)
	return {
		name = name,
		objectName = "box.s3o",
		buildCostMetal = cost,
		buildCostEnergy = cost,
		buildTime = cost,
		maxDamage = 3000,
		footprintX = 2,
		footprintZ = 2,
		movementClass = "TANK2",
		maxVelocity = 1,
		acceleration = 0.1,
		brakeRate = 0.1,
		turnRate = 500,
		builder = true,
		canAssist = true,
		workerTime = 100,
		buildDistance = 100,
		buildOptions = { "tank", "scout" },
		explodeAs = "BOOM",
		selfDestructAs = "BOOM",
		customParams = { iscommander = "1", evolution_level = tostring(level) },
	}
end

return {
	commander = commander("commander", 1, 1500),
	commander2 = commander("commander2", 2, 2000),
}
