-- The engine lane's test game (engine/test-game.ts assembles it with the engine's stock gadgets and
-- a generated box model into <write-dir>/games/livedata-test.sdd).
return {
	name = "LiveData Test",
	shortName = "LDT",
	game = "LiveData Test",
	shortGame = "LDT",
	version = "1",
	modtype = 1,
	depend = { "Spring Cursors" }, -- without it the engine stops on the missing cursor
}
