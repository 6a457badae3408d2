-- A fake BAR game behind a fake `Spring` table that behaves like Recoil's LuaUI API: the same
-- function names, argument orders and multiple returns, nothing (nil) for what the local player
-- may not read, `n`/`unknown` keys in GetTeamUnitsCounts, unit call-ins only for readable ally
-- teams, GameOver() without arguments. Everything is deterministic: the same options give the
-- same game, so a test (or the e2e overlay test) can compare the widget's output with truth().
--
-- The model: ally teams of teams (+ Gaia), one player per team (AI teams are hosted by player 0),
-- spectators, units of a small BAR-like catalogue, an economy that changes once per game second.
-- Drive it with game:step(wallSeconds) (draw frames and simulation frames, as the engine does)
-- or with the scripted actions (spawn, finish, destroy, give, killTeam, gameOver, ...).

local FakeGame = {}
FakeGame.__index = FakeGame

local GAME_SPEED = 30
local DAY_FRAMES = GAME_SPEED * 86400
local floor = math.floor

-- Unit catalogue: BAR-like names; the numbers are the fake's own.
local CATALOGUE = {
	{ name = "armcom", human = "Armada Commander",
		cost = 1250, weapons = 2, speed = 37.5, buildSpeed = 300, canAssist = true, commander = true },
	{ name = "corcom", human = "Cortex Commander",
		cost = 1250, weapons = 2, speed = 36, buildSpeed = 300, canAssist = true, commander = true },
	{ name = "legcom", human = "Legion Commander",
		cost = 1250, weapons = 2, speed = 36, buildSpeed = 300, canAssist = true, commander = true },
	{ name = "armpw", human = "Pawn", cost = 54, weapons = 1, speed = 83 },
	{ name = "corak", human = "Grunt", cost = 55, weapons = 1, speed = 80 },
	{ name = "leggob", human = "Goblin", cost = 60, weapons = 1, speed = 85 },
	{ name = "armllt", human = "Sentry", cost = 85, weapons = 1, speed = 0 },
	{ name = "corllt", human = "Guard", cost = 85, weapons = 1, speed = 0 },
	{ name = "armck", human = "Construction Bot",
		cost = 110, weapons = 0, speed = 35, buildSpeed = 85, canAssist = true },
	{ name = "corck", human = "Construction Bot",
		cost = 110, weapons = 0, speed = 34, buildSpeed = 85, canAssist = true },
	{ name = "armlab", human = "Bot Lab", cost = 500, weapons = 0, speed = 0, buildSpeed = 100, canAssist = false },
	{ name = "armsolar", human = "Solar Collector", cost = 155, weapons = 0, speed = 0 },
	{ name = "armmex", human = "Metal Extractor", cost = 50, weapons = 0, speed = 0 },
	{ name = "armnanotc", human = "Construction Turret",
		cost = 210, weapons = 0, speed = 0, buildSpeed = 200.5, canAssist = true },
	{ name = "armguard", human = "Guardian", cost = 1400, weapons = 1, speed = 0 },
	{ name = "armbanth", human = "Bantha", cost = 6200, weapons = 3, speed = 30 },
	{ name = "corkorg", human = "Juggernaut", cost = 28000, weapons = 4, speed = 25 },
}
local FACTION_COMMANDER = { armada = "armcom", cortex = "corcom", legion = "legcom" }
local FACTION_BUILDS = {
	armada = { "armpw", "armck", "armllt", "armsolar", "armmex", "armpw", "armnanotc", "armlab" },
	cortex = { "corak", "corck", "corllt", "armsolar", "armmex", "corak" },
	legion = { "leggob", "corck", "corllt", "armsolar", "armmex", "leggob" },
}
local SIDES = { "armada", "cortex", "legion" }
local NOTABLE = { armada = "armbanth", cortex = "corkorg", legion = "armbanth" }

-- Names from harmless to hostile: quotes, backslashes, HTML, control bytes, non-ASCII, an
-- invalid UTF-8 byte, a long name.
local NAMES = {
	"Alpha", 'Zoë "Ace" Müller', "<img src=x onerror=alert(1)>", "Tab\tand\nnewline", "back\\slash",
	"日本語の名前", "Rocket🚀", "bad\255byte", "Bravo", "Charlie", "ctrl\1\2\31\127", "Delta",
	"Echo", "Foxtrot", "Golf", string.rep("Long", 16),
}
local COUNTRIES = { "DE", "US", "FR", "PL", "BR", "SE", "", "JP" }
local PALETTE = {
	{ 0.04, 0.38, 0.91 }, { 0.91, 0.16, 0.12 }, { 0.98, 0.85, 0.1 }, { 0.1, 0.75, 0.2 },
	{ 0.6, 0.2, 0.85 }, { 1, 0.5, 0 }, { 0.2, 0.9, 0.9 }, { 1, 0.4, 0.7 },
	{ 0.55, 0.35, 0.2 }, { 0.5, 0.5, 0.5 }, { 0.9, 0.9, 0.9 }, { 0.3, 0.5, 0.1 },
	{ 0, 0, 0.5 }, { 0.5, 0, 0 }, { 0.7, 0.7, 0.2 }, { 0.05, 0.05, 0.05 },
}

-- Parses "1v1", "2x8" (2 ally teams of 8), "4v4", "ffa16" (16 ally teams of 1).
local function parseShape(shape)
	shape = shape or "1v1"
	local n = shape:match("^ffa(%d+)$")
	if n then
		return tonumber(n), 1
	end
	local a, b = shape:match("^(%d+)x(%d+)$")
	if a then
		return tonumber(a), tonumber(b)
	end
	local p, q = shape:match("^(%d+)v(%d+)$")
	if p and p == q then
		return 2, tonumber(p)
	end
	error("unknown game shape " .. tostring(shape) .. " (use 1v1, 4v4, 2x8, ffa16)")
end

local function proxy(fields)
	-- Engine defs are proxies: fields read through __index; pairs() on them yields nothing.
	return setmetatable({}, { __index = fields, __newindex = function() error("UnitDefs are read-only", 2) end })
end

local function buildDefs()
	local defs, byName = {}, {}
	for i, c in ipairs(CATALOGUE) do
		local weapons = {}
		for w = 1, c.weapons do
			weapons[w] = { weaponDef = w }
		end
		local params = {}
		if c.commander then
			params.iscommander = "1"
		end
		local def = proxy({
			id = i,
			name = c.name,
			humanName = c.human,
			translatedHumanName = c.human,
			metalCost = c.cost,
			energyCost = c.cost * 10,
			buildSpeed = c.buildSpeed or 0,
			canAssist = c.canAssist or false,
			speed = c.speed,
			weapons = weapons,
			customParams = params,
			isBuilder = (c.buildSpeed or 0) > 0,
			isFactory = c.name == "armlab",
		})
		defs[i] = def
		byName[c.name] = def
	end
	return defs, byName
end

function FakeGame.new(opts)
	opts = opts or {}
	local self = setmetatable({}, FakeGame)
	self.opts = opts
	local allyCount, perAlly = parseShape(opts.shape)
	self.unitDefs, self.unitDefNames = buildDefs()
	self.clock = 0 -- wall seconds (Spring timers)
	self.frame = 0
	self.frameDebt = 0
	self.started = false
	self.over = false
	self.paused = false
	self.speed = opts.speed or 1
	self.replay = opts.replay or false
	self.echoes = {}
	self.faults = {}
	self.units = {}
	self.dying = {} -- destroyed units still in their team's unit list
	self.nextUnitID = 100
	self.allyTeams = {}
	self.teams = {}
	self.players = {}
	self.listeners = {} -- things that want every call-in (the widget host)
	local seed = opts.seed or 0
	local aiTeams = opts.aiTeams or 0
	local teamCount = allyCount * perAlly
	for a = 0, allyCount - 1 do
		self.allyTeams[a] = { id = a, teams = {} }
	end
	for t = 0, teamCount - 1 do
		local a = floor(t / perAlly)
		local side = SIDES[(t + seed) % 3 + 1]
		local ai = t >= teamCount - aiTeams
		local team = {
			id = t,
			ally = a,
			leader = ai and 0 or t,
			dead = false,
			ai = ai,
			side = side,
			aiName = ai and ("SimpleAI " .. t) or nil,
			color = PALETTE[(t + seed) % #PALETTE + 1],
			startUnit = self.unitDefNames[FACTION_COMMANDER[side]].id,
			res = { metal = {}, energy = {} },
			stats = {
				metalUsed = 0, metalProduced = 0, metalExcess = 0, metalReceived = 0, metalSent = 0,
				energyUsed = 0, energyProduced = 0, energyExcess = 0, energyReceived = 0, energySent = 0,
				damageDealt = 0, damageReceived = 0, unitsProduced = 0, unitsDied = 0, unitsReceived = 0,
				unitsSent = 0, unitsCaptured = 0, unitsOutCaptured = 0, unitsKilled = 0,
			},
		}
		self.teams[t] = team
		table.insert(self.allyTeams[a].teams, t)
		if not ai then
			self.players[t] = {
				id = t,
				name = NAMES[(t + seed) % #NAMES + 1],
				active = true,
				spectator = false,
				team = t,
				ally = a,
				ping = 0.02 + t * 0.005,
				cpu = 0.1 + t * 0.01,
				country = COUNTRIES[t % #COUNTRIES + 1],
				rank = t % 8,
				skill = t % 5 == 4 and "~20" or string.format("[%d.%d]", 10 + t * 3, t % 10),
			}
		end
	end
	self.aiHosts = {} -- player id -> hosts an AI team
	for _, team in pairs(self.teams) do
		if team.ai then
			self.aiHosts[team.leader] = true
		end
	end
	self.gaiaAlly = allyCount
	self.gaiaTeam = teamCount
	self.allyTeams[allyCount] = { id = allyCount, teams = { teamCount } }
	self.teams[teamCount] = {
		id = teamCount, ally = allyCount, leader = -1, dead = false, ai = false, side = "", color = { 0.5, 0.5, 0.5 },
		res = { metal = {}, energy = {} }, stats = {}, gaia = true,
	}
	-- Spectators after the players; the first is the local caster unless the viewer is a player.
	local specCount = opts.spectators or 2
	local firstSpec = teamCount
	for i = 0, specCount - 1 do
		local id = firstSpec + i
		self.players[id] = {
			id = id, name = i == 0 and "CasterOne" or ("Spec" .. i), active = true, spectator = true,
			team = 0, ally = 0, ping = 0.03, cpu = 0.05, country = "GB", rank = 3, skill = nil,
		}
	end
	if opts.viewer == "player" then
		self.localPlayer = 0
		self.spectating = false
		self.fullView = false
	else
		assert(specCount > 0, "a spectator viewer needs a spectator")
		self.localPlayer = firstSpec
		self.spectating = true
		self.fullView = opts.fullView ~= false
	end
	for _, team in pairs(self.teams) do
		self:updateEconomy(team)
	end
	self.Spring = self:makeSpring()
	self.Game = {
		gameSpeed = GAME_SPEED,
		gameName = "Beyond All Reason",
		gameShortName = "BYAR",
		gameVersion = "test-27780-fake",
		mapName = "Supreme Isthmus v1.9",
	}
	self.Engine = opts.engine or { version = "2025.04.08", versionFull = "2025.04.08 fake" }
	return self
end

--------------------------------------------------------------------------------
-- Visibility (LuaUI: full read only for spectators in full view, else the local ally team)
--------------------------------------------------------------------------------

-- opts.lobbyAlly: the local ally team the engine reports before the game starts (it sets the real
-- one at start without a PlayerChanged).
function FakeGame:localAlly()
	if not self.started and self.opts.lobbyAlly then
		return self.opts.lobbyAlly
	end
	return self.players[self.localPlayer].ally
end

function FakeGame:canRead(ally)
	return (self.spectating and self.fullView) or ally == self:localAlly()
end

function FakeGame:canReadTeam(team)
	local t = self.teams[team]
	return t ~= nil and self:canRead(t.ally)
end

function FakeGame:inLos(unit)
	return unit.id % 3 == 0
end

function FakeGame:inRadar(unit)
	return unit.id % 3 == 1
end

function FakeGame:unitVisible(unit)
	return self:canReadTeam(unit.team) or self:inLos(unit) or self:inRadar(unit)
end

--------------------------------------------------------------------------------
-- Economy: per-second values change once per game second, like the engine's SlowUpdate
--------------------------------------------------------------------------------

function FakeGame:updateEconomy(team)
	local t, s = team.id, floor(self.frame / GAME_SPEED)
	local m, e = team.res.metal, team.res.energy
	if team.gaia or team.dead then
		for _, r in ipairs({ m, e }) do
			r.current, r.storage, r.pull, r.income, r.expense = 0, 0, 0, 0, 0
			r.share, r.sent, r.received, r.excess = 0.99, 0, 0, 0
		end
		return
	end
	m.income = 3.37 + t * 0.5 + s * 0.02
	m.expense = m.income * 0.8
	m.pull = m.expense * 1.1
	m.current = 200.25 + (s * 7 + t * 13) % 300
	m.storage = 1000 + 500 * floor(s / 120)
	m.share, m.sent, m.received, m.excess = 0.99, 0, (t % 2) * 1.5, 0
	e.income = 20.6 + t * 3 + s * 0.4
	e.expense = e.income * 0.9
	e.pull = e.expense * 1.05
	e.current = 1000.5 + (s * 31 + t * 17) % 2000
	e.storage = 6000
	e.share, e.sent, e.received, e.excess = 0.95, 0, 0, (s % 10 == 0) and 12.5 or 0
end

function FakeGame:slowUpdate()
	for _, team in pairs(self.teams) do
		if not team.gaia and not team.dead then
			self:updateEconomy(team)
			local st = team.stats
			st.metalProduced = st.metalProduced + team.res.metal.income
			st.energyProduced = st.energyProduced + team.res.energy.income
			st.metalUsed = st.metalUsed + team.res.metal.expense
			st.energyUsed = st.energyUsed + team.res.energy.expense
			st.energyExcess = st.energyExcess + team.res.energy.excess
		end
	end
end

--------------------------------------------------------------------------------
-- Call-ins: delivered to every listener (the widget host) with the engine's visibility rules
--------------------------------------------------------------------------------

function FakeGame:listen(listener)
	self.listeners[#self.listeners + 1] = listener
end

function FakeGame:callin(name, ...)
	for _, l in ipairs(self.listeners) do
		l:callin(name, ...)
	end
end

local function attackerArgs(self, attackerTeam)
	if attackerTeam == nil then
		return nil, nil, nil
	end
	if self:canReadTeam(attackerTeam) then
		return 1, 1, attackerTeam
	end
	return nil, nil, nil
end

--------------------------------------------------------------------------------
-- Scripted actions
--------------------------------------------------------------------------------

-- A new unit of `defName` for `team`; finished at once unless opts.building.
function FakeGame:spawn(team, defName, building)
	local def = assert(self.unitDefNames[defName], "no unit def " .. tostring(defName))
	local id = self.nextUnitID
	self.nextUnitID = id + 1
	local unit = { id = id, def = def.id, team = team, built = not building }
	self.units[id] = unit
	self.teams[team].unitCount = (self.teams[team].unitCount or 0) + 1
	if self:canReadTeam(team) then
		self:callin("UnitCreated", id, def.id, team, nil)
		if unit.built then
			self:callin("UnitFinished", id, def.id, team)
		end
	end
	if unit.built then
		self.teams[team].stats.unitsProduced = self.teams[team].stats.unitsProduced + 1
	end
	return id
end

function FakeGame:finish(unitID)
	local unit = assert(self.units[unitID], "no unit " .. unitID)
	if unit.built then
		return
	end
	unit.built = true
	self.teams[unit.team].stats.unitsProduced = self.teams[unit.team].stats.unitsProduced + 1
	if self:canReadTeam(unit.team) then
		self:callin("UnitFinished", unitID, unit.def, unit.team)
	end
end

-- A destroyed unit is dead at once but, as in the engine, stays in its team's unit list while it
-- dies (its death animation; for ever in Spring 106 without a unit script): one game second here.
function FakeGame:destroy(unitID, attackerTeam)
	local unit = assert(self.units[unitID], "no unit " .. unitID)
	self.units[unitID] = nil
	self.lastDestroyed = unit
	unit.diedAt = self.frame
	self.dying[unitID] = unit
	self.teams[unit.team].unitCount = self.teams[unit.team].unitCount - 1
	local victim = self.teams[unit.team].stats
	victim.unitsDied = victim.unitsDied + 1
	victim.damageReceived = victim.damageReceived + 150.5
	if attackerTeam then
		local killer = self.teams[attackerTeam].stats
		killer.unitsKilled = killer.unitsKilled + 1
		killer.damageDealt = killer.damageDealt + 150.5
	end
	if self:canReadTeam(unit.team) then
		local aID, aDef, aTeam = attackerArgs(self, attackerTeam)
		self:callin("UnitDestroyed", unitID, unit.def, unit.team, aID, aDef, aTeam, nil)
	end
end

-- Transfers a unit: UnitTaken for the old owner's view, then UnitGiven for the new one's.
function FakeGame:give(unitID, newTeam)
	local unit = assert(self.units[unitID], "no unit " .. unitID)
	local oldTeam = unit.team
	unit.team = newTeam
	self.teams[oldTeam].unitCount = self.teams[oldTeam].unitCount - 1
	self.teams[newTeam].unitCount = (self.teams[newTeam].unitCount or 0) + 1
	self.teams[oldTeam].stats.unitsSent = self.teams[oldTeam].stats.unitsSent + 1
	self.teams[newTeam].stats.unitsReceived = self.teams[newTeam].stats.unitsReceived + 1
	if self:canReadTeam(oldTeam) then
		self:callin("UnitTaken", unitID, unit.def, oldTeam, newTeam)
	end
	if self:canReadTeam(newTeam) then
		self:callin("UnitGiven", unitID, unit.def, newTeam, oldTeam)
	end
end

function FakeGame:unitsOf(team, filter)
	local ids = {}
	for id, u in pairs(self.units) do
		if u.team == team and (not filter or filter(u, self.unitDefs[u.def])) then
			ids[#ids + 1] = id
		end
	end
	table.sort(ids)
	return ids
end

function FakeGame:commanderOf(team)
	return self:unitsOf(team, function(_, def) return def.customParams.iscommander ~= nil end)[1]
end

-- The team dies: its units go (without call-ins, like a resign), then TeamDied. The engine takes
-- the AI off a dead AI team (GetTeamInfo's hasAI false, GetAIInfo nothing).
function FakeGame:killTeam(team)
	local t = self.teams[team]
	if t.dead then
		return
	end
	for _, id in ipairs(self:unitsOf(team)) do
		self:destroy(id, nil)
	end
	t.dead = true
	t.ai = false
	self:updateEconomy(t)
	self:callin("TeamDied", team)
end

function FakeGame:start()
	self.started = true
	self:callin("GameStart")
	for t, team in pairs(self.teams) do
		if not team.gaia then
			self:spawn(t, FACTION_COMMANDER[team.side] or "armcom") -- a random side: BAR picks at spawn
		end
	end
end

-- Ends the game: every ally team but `winner` dies, then GameOver() with no arguments (BAR).
function FakeGame:gameOver(winner)
	winner = winner or 0
	for t, team in pairs(self.teams) do
		if not team.gaia and team.ally ~= winner and not team.dead then
			self:killTeam(t)
		end
	end
	self.over = true
	self:callin("GameOver")
end

-- The game ends without killing anyone (BAR's game_end.lua once no other ally team is played,
-- e.g. when the last player of one left without resigning): GameOver() with no arguments.
function FakeGame:endGame()
	self.over = true
	self:callin("GameOver")
end

-- A unit levels up the way BAR's unit_evolution.lua does it: a finished `defName` unit in its
-- place, `unit_evolved` on the old unit naming the new one, then the old one destroyed.
function FakeGame:evolve(unitID, defName)
	local old = assert(self.units[unitID], "no unit " .. unitID)
	local new = self:spawn(old.team, defName)
	old.rulesParams = { unit_evolved = new }
	self:destroy(unitID, nil)
	return new
end

-- A player resigns: a spectator from now on, their team's leader -1 (as the engine does it).
function FakeGame:resign(playerID)
	local p = self.players[playerID]
	p.spectator = true
	self.teams[p.team].leader = -1
	self:callin("PlayerChanged", playerID)
end

-- The local spectator's camera follows a team (/specteam, BAR's camera lock): its ally team
-- changes, then PlayerChanged.
function FakeGame:specTeam(team)
	local p = self.players[self.localPlayer]
	p.team, p.ally = team, self.teams[team].ally
	self:callin("PlayerChanged", self.localPlayer)
end

function FakeGame:setPaused(playerID, paused)
	self.paused = paused
	self:callin("GamePaused", playerID, paused)
end

function FakeGame:removePlayer(playerID)
	local p = self.players[playerID]
	p.active = false
	self:callin("PlayerRemoved", playerID, 2)
end

-- The local player's view changes (/specfullview, or a player becoming a spectator).
function FakeGame:setView(spectating, fullView)
	self.spectating = spectating
	self.fullView = spectating and fullView
	if spectating then
		self.players[self.localPlayer].spectator = true
	end
	self:callin("PlayerChanged", self.localPlayer)
end

-- Fills every non-Gaia team with `count` finished units of its faction at once (benchmarks).
function FakeGame:populate(count)
	for t, team in pairs(self.teams) do
		if not team.gaia and not team.dead then
			local builds = FACTION_BUILDS[team.side]
			for i = 1, count do
				self:spawn(t, builds[(i - 1) % #builds + 1])
			end
		end
	end
end

--------------------------------------------------------------------------------
-- Time: draw frames (Update) and simulation frames (GameFrame), as the engine runs them
--------------------------------------------------------------------------------

function FakeGame:simFrame()
	self.frame = self.frame + 1
	for id, u in pairs(self.dying) do
		if self.frame - u.diedAt >= GAME_SPEED then
			self.dying[id] = nil
		end
	end
	if self.frame % GAME_SPEED == 0 then
		self:slowUpdate()
	end
	if self.script then
		self.script(self, self.frame)
	end
	self:callin("GameFrame", self.frame)
end

-- One draw frame of `dt` wall seconds: simulation frames at the game speed, then Update(dt).
function FakeGame:step(dt)
	self.clock = self.clock + dt
	if self.started and not self.paused and not self.over then
		self.frameDebt = self.frameDebt + dt * GAME_SPEED * self.speed
		while self.frameDebt >= 1 do
			self.frameDebt = self.frameDebt - 1
			self:simFrame()
		end
	end
	self:callin("Update", dt)
end

-- Runs `seconds` of wall time in draw frames of 1/fps.
function FakeGame:run(seconds, fps)
	local dt = 1 / (fps or 30)
	local steps = floor(seconds / dt + 0.5)
	for _ = 1, steps do
		self:step(dt)
	end
end

--------------------------------------------------------------------------------
-- A scripted match (play_fake_game.lua and the e2e tests): builds, kills, a notable unit, a gift,
-- a commander kill and a team death, a player leaving, game over at `duration` game seconds.
--------------------------------------------------------------------------------

function FakeGame:autoplay(duration, opts)
	opts = opts or {}
	local teamIDs = {}
	for t, team in pairs(self.teams) do
		if not team.gaia then
			teamIDs[#teamIDs + 1] = t
		end
	end
	table.sort(teamIDs)
	local T = #teamIDs
	local building = {} -- unitID -> frame it finishes
	local buildIndex = {}
	local function at(fraction)
		return floor(duration * fraction) * GAME_SPEED
	end
	local function enemyOf(team)
		for _, t in ipairs(teamIDs) do
			if self.teams[t].ally ~= self.teams[team].ally and not self.teams[t].dead then
				return t
			end
		end
		return nil
	end
	local notableTeam = teamIDs[math.min(2, T)]
	local notableUnit
	local victimTeam = teamIDs[T]
	local maxUnits = opts.unitsPerTeam or 60
	self.script = function(game, frame)
		for id, doneAt in pairs(building) do
			if frame >= doneAt then
				building[id] = nil
				if game.units[id] then
					game:finish(id)
				end
			end
		end
		if frame % GAME_SPEED ~= 0 then
			return
		end
		local s = frame / GAME_SPEED
		if s % 2 == 0 then
			for _, t in ipairs(teamIDs) do
				local team = game.teams[t]
				if not team.dead and #game:unitsOf(t) < maxUnits then
					local builds = FACTION_BUILDS[team.side]
					buildIndex[t] = (buildIndex[t] or 0) % #builds + 1
					local id = game:spawn(t, builds[buildIndex[t]], true)
					building[id] = frame + 3 * GAME_SPEED
				end
			end
		end
		if s % 5 == 0 and s > 0 then
			local t = teamIDs[(s / 5) % T + 1]
			local victims = game:unitsOf(t, function(u, def) return u.built and def.customParams.iscommander == nil end)
			local killer = enemyOf(t)
			if victims[1] and killer and not game.teams[t].dead then
				game:destroy(victims[1], killer)
			end
		end
		if frame == at(0.3) - 3 * GAME_SPEED then
			notableUnit = game:spawn(notableTeam, NOTABLE[game.teams[notableTeam].side], true)
			building[notableUnit] = at(0.3)
		end
		if frame == at(0.4) then
			local mates = game.allyTeams[game.teams[teamIDs[1]].ally].teams
			local mine = game:unitsOf(teamIDs[1], function(u, def) return u.built and def.customParams.iscommander == nil end)
			if #mates > 1 and mine[1] then
				game:give(mine[#mine], mates[2])
			end
		end
		if frame == at(0.55) and notableUnit and game.units[notableUnit] then
			game:destroy(notableUnit, enemyOf(notableTeam))
		end
		if frame == at(0.65) and T > 2 then
			local com = game:commanderOf(victimTeam)
			if com then
				game:destroy(com, enemyOf(victimTeam))
			end
		end
		if frame == at(0.65) + GAME_SPEED and T > 2 then
			game:killTeam(victimTeam)
		end
		if frame == at(0.75) and T > 2 and game.players[victimTeam] then
			game:removePlayer(victimTeam)
		end
		if frame >= duration * GAME_SPEED and not game.over then
			game:gameOver(game.teams[teamIDs[1]].ally)
		end
	end
end

--------------------------------------------------------------------------------
-- Truth: the model's own figures, by a full scan (the widget tracks them incrementally)
--------------------------------------------------------------------------------

function FakeGame:truthTeam(t)
	local team = self.teams[t]
	local v = { army_value = 0, defense_value = 0, build_power = 0, commanders_alive = 0, unit_count = 0 }
	for _, u in pairs(self.units) do
		if u.team == t then
			v.unit_count = v.unit_count + 1
			if u.built then
				local def = self.unitDefs[u.def]
				local armed = #def.weapons > 0
				if armed and def.speed > 0 then
					v.army_value = v.army_value + def.metalCost
				elseif armed then
					v.defense_value = v.defense_value + def.metalCost
				end
				if def.buildSpeed > 0 and def.canAssist then
					v.build_power = v.build_power + def.buildSpeed
				end
				if def.customParams.iscommander then
					v.commanders_alive = v.commanders_alive + 1
				end
			end
		end
	end
	-- What a caster knows the team as: its AI or its player (player t), whether or not the team has
	-- died (the engine then takes its AI off) or its player resigned (leader -1).
	v.id, v.ally_team, v.dead, v.ai, v.side = t, team.ally, team.dead, team.aiName ~= nil, team.side
	v.name = team.aiName or self.players[t].name
	v.color = string.format("#%02x%02x%02x", floor(team.color[1] * 255 + 0.5), floor(team.color[2] * 255 + 0.5),
		floor(team.color[3] * 255 + 0.5))
	v.metal, v.energy = team.res.metal, team.res.energy
	return v
end

function FakeGame:truth()
	local teams = {}
	for t, team in pairs(self.teams) do
		if not team.gaia then
			teams[#teams + 1] = self:truthTeam(t)
		end
	end
	table.sort(teams, function(a, b) return a.id < b.id end)
	return { frame = self.frame, started = self.started, over = self.over, paused = self.paused, teams = teams }
end

--------------------------------------------------------------------------------
-- The Spring table
--------------------------------------------------------------------------------

local function resourceValues(r)
	return r.current, r.storage, r.pull, r.income, r.expense, r.share, r.sent, r.received, r.excess
end

local function teamArg(self, team)
	if type(team) ~= "number" then
		error("bad argument #1 (number expected, got " .. type(team) .. ")", 3)
	end
	return self.teams[team]
end

function FakeGame:makeSpring()
	local game = self
	local S = {}

	function S.Echo(...)
		local parts = {}
		for i = 1, select("#", ...) do
			parts[i] = tostring((select(i, ...)))
		end
		game.echoes[#game.echoes + 1] = table.concat(parts, ", ")
		if game.printEchoes then
			print(game.echoes[#game.echoes])
		end
	end

	-- Timers are opaque to Lua (lightuserdata in the engine): only DiffTimers reads them.
	local Timer = {}
	function S.GetTimer()
		return setmetatable({ ms = floor(game.clock * 1000) }, Timer)
	end
	function S.GetTimerMicros()
		return setmetatable({ us = floor(game.clock * 1000000) }, Timer)
	end
	function S.DiffTimers(a, b, returnMs, fromMicroSecs)
		assert(getmetatable(a) == Timer and getmetatable(b) == Timer, "DiffTimers wants two timers")
		local d
		if fromMicroSecs then
			d = assert(a.us and b.us, "fromMicroSecs needs GetTimerMicros timers") and (a.us - b.us) / 1000000
		else
			d = assert(a.ms and b.ms, "GetTimerMicros timers need fromMicroSecs") and (a.ms - b.ms) / 1000
		end
		return returnMs and d * 1000 or d
	end

	function S.GetGameFrame()
		return game.frame % DAY_FRAMES, floor(game.frame / DAY_FRAMES)
	end
	-- The speed set, the speed the simulation keeps (lower when it cannot keep up), paused.
	function S.GetGameSpeed()
		return game.speed, game.actualSpeed or game.speed, game.paused
	end
	function S.IsGameOver()
		return game.over
	end
	function S.IsReplay()
		return game.replay
	end
	function S.GetSpectatingState()
		return game.spectating, game.spectating and game.fullView, game.spectating and game.fullView
	end
	function S.GetLocalPlayerID()
		return game.localPlayer
	end
	function S.GetLocalAllyTeamID()
		return game:localAlly()
	end
	function S.GetGaiaTeamID()
		return game.gaiaTeam
	end

	function S.GetAllyTeamList()
		local list = {}
		for a = 0, game.gaiaAlly do
			list[#list + 1] = a
		end
		return list
	end
	function S.GetTeamList(allyTeam)
		if allyTeam == nil then
			local list = {}
			for t = 0, game.gaiaTeam do
				list[#list + 1] = t
			end
			return list
		end
		if type(allyTeam) ~= "number" then
			error("bad argument #1 to 'GetTeamList' (number expected, got " .. type(allyTeam) .. ")", 2)
		end
		local a = game.allyTeams[allyTeam]
		if not a then
			return nil
		end
		local list = {}
		for i, t in ipairs(a.teams) do
			list[i] = t
		end
		return list
	end
	-- GetPlayerList([teamID[, active]]), the two arguments in either order.
	function S.GetPlayerList(a, b)
		local teamID, active = -1, false
		for _, v in ipairs({ a, b }) do
			if type(v) == "number" then
				teamID = v
			elseif type(v) == "boolean" then
				active = v
			end
		end
		local ids = {}
		for id, p in pairs(game.players) do
			if (teamID < 0 or (p.team == teamID and not p.spectator)) and (not active or p.active) then
				ids[#ids + 1] = id
			end
		end
		table.sort(ids)
		return ids
	end
	function S.GetPlayerInfo(playerID, getOpts)
		local p = game.players[playerID]
		if not p then
			return
		end
		local hasAI = game.aiHosts[playerID] or false
		local opts = nil
		if getOpts ~= false then
			opts = { skill = p.skill, skilluncertainty = "3.1" }
		end
		return p.name, p.active, p.spectator, p.team, p.ally, p.ping, p.cpu, p.country, p.rank, hasAI, opts, false
	end
	function S.GetAIInfo(teamID)
		local team = teamArg(game, teamID)
		if not team or not team.ai then
			return nil
		end
		return teamID, team.aiName, team.leader, "SimpleAI", "1.0", {}
	end
	-- BAR names its AI teams once, in ainame_<team> (opts.aiNameParams = false: a game without).
	function S.GetGameRulesParam(name)
		local t = type(name) == "string" and tonumber(name:match("^ainame_(%d+)$"))
		local team = t and game.teams[t]
		return game.opts.aiNameParams ~= false and team and team.aiName or nil
	end
	function S.GetTeamInfo(teamID, getKeys)
		local team = teamArg(game, teamID)
		if not team then
			return nil
		end
		if getKeys == false then
			return teamID, team.leader, team.dead, team.ai, team.side, team.ally, 1
		end
		return teamID, team.leader, team.dead, team.ai, team.side, team.ally, 1, {}
	end
	function S.GetTeamAllyTeamID(teamID)
		local team = teamArg(game, teamID)
		return team and team.ally
	end
	function S.GetTeamColor(teamID)
		local team = teamArg(game, teamID)
		if not team then
			return nil
		end
		return team.color[1], team.color[2], team.color[3], 1
	end
	function S.GetTeamRulesParam(teamID, name)
		local team = teamArg(game, teamID)
		if not team or name ~= "startUnit" then
			return nil
		end
		if game:canRead(team.ally) or game.over then -- BAR sets it {allied=true, public=false}
			return team.startUnit
		end
		return nil
	end

	local function readableStats(teamID)
		local team = teamArg(game, teamID)
		if team and (game:canRead(team.ally) or game.over) then
			return team
		end
		return nil
	end
	function S.GetTeamResources(teamID, resource)
		local team = teamArg(game, teamID)
		if not team or not game:canRead(team.ally) then
			return -- nothing at all, as the engine
		end
		local kind = type(resource) == "string" and resource:sub(1, 1)
		if kind == "m" then
			return resourceValues(team.res.metal)
		elseif kind == "e" then
			return resourceValues(team.res.energy)
		end
		return nil
	end
	-- One entry per 15 s of game, the last one being the live running total.
	function S.GetTeamStatsHistory(teamID, startIdx, endIdx)
		local team = readableStats(teamID)
		if not team then
			return
		end
		local count = floor(game.frame / (15 * GAME_SPEED)) + 1
		if startIdx == nil then
			return count
		end
		endIdx = math.min(endIdx or count, count)
		local list = {}
		for i = startIdx, endIdx do
			local entry = { time = (i - 1) * 15, frame = game.frame }
			for k, v in pairs(team.stats) do
				entry[k] = i == count and v or v * (i / count)
			end
			list[#list + 1] = entry
		end
		return list
	end
	function S.GetTeamUnitCount(teamID)
		local team = teamArg(game, teamID)
		if not team then
			return nil
		end
		if game:canRead(team.ally) then
			return team.unitCount or 0
		end
		local n = 0
		for _, u in pairs(game.units) do
			if u.team == teamID and game:unitVisible(u) then
				n = n + 1
			end
		end
		return n
	end
	-- unitDefID -> count plus `n` (number of defs); for enemies only LOS-typed units, radar blips
	-- under `unknown`.
	function S.GetTeamUnitsCounts(teamID)
		local team = teamArg(game, teamID)
		if not team then
			return nil
		end
		local counts, defs, unknown = {}, 0, 0
		local full = game:canRead(team.ally)
		for _, u in pairs(game.units) do
			if u.team == teamID then
				if full or game:inLos(u) then
					if not counts[u.def] then
						defs = defs + 1
					end
					counts[u.def] = (counts[u.def] or 0) + 1
				elseif game:inRadar(u) then
					unknown = unknown + 1
				end
			end
		end
		counts.n = defs
		if unknown > 0 then
			counts.unknown = unknown
		end
		return counts
	end
	function S.GetTeamUnits(teamID)
		local team = teamArg(game, teamID)
		if not team then
			return nil
		end
		local ids = {}
		for _, list in ipairs({ game.units, game.dying }) do
			for id, u in pairs(list) do
				if u.team == teamID and game:unitVisible(u) then
					ids[#ids + 1] = id
				end
			end
		end
		table.sort(ids)
		return ids
	end
	local function visibleUnit(unitID)
		local u = game.units[unitID] or game.dying[unitID]
		if u and (game:canReadTeam(u.team) or game:inLos(u)) then
			return u
		end
		return nil
	end
	function S.GetUnitIsBeingBuilt(unitID)
		local u = visibleUnit(unitID)
		if not u then
			return nil
		end
		return not u.built, u.built and 1 or 0.5
	end
	function S.GetUnitIsDead(unitID)
		local u = visibleUnit(unitID)
		if not u then
			return nil
		end
		return game.dying[unitID] ~= nil
	end
	function S.GetUnitDefID(unitID)
		local u = visibleUnit(unitID)
		return u and u.def
	end
	-- A destroyed unit's params stay readable through its UnitDestroyed call-in.
	function S.GetUnitRulesParam(unitID, name)
		local u = game.units[unitID] or game.lastDestroyed
		return u and u.id == unitID and u.rulesParams and u.rulesParams[name] or nil
	end

	-- Fault injection: game.faults[name] = true makes Spring[name] throw, as a broken engine or
	-- game function would.
	local wrapped = {}
	for name, fn in pairs(S) do
		wrapped[name] = function(...)
			if game.faults[name] then
				error("fake fault in Spring." .. name, 2)
			end
			return fn(...)
		end
	end
	return wrapped
end

return FakeGame
