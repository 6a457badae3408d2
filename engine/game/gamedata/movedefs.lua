return {
	{ name = "TANK2", footprintX = 2, footprintZ = 2, maxSlope = 36, maxWaterDepth = 22, crushStrength = 50 },
}
