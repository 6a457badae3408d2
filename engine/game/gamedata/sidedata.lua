return {
	{ name = "Testers", startUnit = "commander" },
}
