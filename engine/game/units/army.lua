-- Armed mobile units: tank costs 1000 metal or more (a notable unit), scout does not.
local function unit(name, cost)
	return {
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
		weapons = { { name = "GUN" } },
		explodeAs = "BOOM",
		selfDestructAs = "BOOM",
	}
end

return {
	tank = unit("tank", 1200),
	scout = unit("scout", 50),
}
