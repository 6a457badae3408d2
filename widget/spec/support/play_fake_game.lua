-- Plays a scripted fake BAR game in real time with the REAL widget file inside it, talking to a
-- real bridge over real LuaSocket. The game clock follows the wall clock (this harness sleeps
-- between draw frames; the widget never does). Everything about the game is deterministic for
-- the same options, so tests can compare what the overlay shows with --truth.
--
--   lua5.1 widget/spec/support/play_fake_game.lua --port 9876 --shape 2x8 --duration 120
--
-- Options (defaults in brackets):
--   --host H            bridge host [127.0.0.1]        --port P          bridge TCP port [9876]
--   --shape S           1v1, 4v4, 2x8 (2 ally teams of 8), ffa16 ... [2x8]
--   --ai N              AI teams [0]                   --spectators N    [2]
--   --viewer V          spectator or player [spectator]
--   --no-full-view      a spectator without full view  --seed N          names/colours/factions [0]
--   --lobby S           wall seconds before the game starts [1]
--   --duration S        game seconds until game over [120]
--   --linger S          wall seconds after game over before the widget shuts down [2]
--   --speed X           game speed factor [1]          --fps N           draw frames per second [30]
--   --units N           most units alive per team [60]
--   --pause-at S:D      pause at game second S for D wall seconds (repeatable)
--   --interval S, --queue-size N, --budget N, --notable N, --log-level L   the widget's settings
--   --sndbuf N          shrink the socket's send buffer to N bytes (provokes partial sends)
--   --truth             print "truth <json>" (the fake game's own figures) every game second
--   --trace             print "queued <json>" for every message the widget queues
--                       ({kind, seq, body, queue: messages waiting after it was queued}),
--                       "sent <json>" ({kind, seq}) as the queue hands it out
--                       and "wrote <json>" ({kind, seq, at, connection}) once the socket took its last byte
--                       (connection: the widget's count of connections made, 1 for the first),
--                       at: wall-clock seconds (socket.gettime(), the epoch), the end-to-end
--                       benchmark's start of the clock (under the 32-bit-float Lua an epoch
--                       time is exact only to 128 s: there `at` means nothing)
--   --mem               print "mem <kb>" every game minute: this Lua state's memory (the widget
--                       and the fake game) in whole kilobytes after a full garbage collection
--   --log               print the widget's console lines as "echo <text>"
-- Other output lines: "status <text>" at start, game start and game over; at the end
-- "done <json>" ({messages, dropped, coalesced, errors, partial_frames, queued_at_exit: what waited
-- when the game ended, unsent_at_exit: what the final flush could not send}).

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path

local socket = require("socket")
local dkjson = require("dkjson")
local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")

local function usage(msg)
	io.stderr:write("play_fake_game: " .. msg .. "\n(see the options at the top of play_fake_game.lua)\n")
	os.exit(2)
end

local opts = {
	host = "127.0.0.1", port = 9876, shape = "2x8", ai = 0, spectators = 2, viewer = "spectator", fullView = true,
	seed = 0, lobby = 1, duration = 120, linger = 2, speed = 1, fps = 30, units = 60, pauses = {},
}
local config = {}
do
	local i = 1
	local function value()
		i = i + 1
		if arg[i] == nil then
			usage(arg[i - 1] .. " needs a value")
		end
		return arg[i]
	end
	local function number()
		local v = tonumber(value())
		if not v then
			usage(arg[i - 1] .. " needs a number, not " .. tostring(arg[i]))
		end
		return v
	end
	while arg[i] do
		local a = arg[i]
		if a == "--host" then opts.host = value()
		elseif a == "--port" then opts.port = number()
		elseif a == "--shape" then opts.shape = value()
		elseif a == "--ai" then opts.ai = number()
		elseif a == "--spectators" then opts.spectators = number()
		elseif a == "--viewer" then opts.viewer = value()
		elseif a == "--no-full-view" then opts.fullView = false
		elseif a == "--seed" then opts.seed = number()
		elseif a == "--lobby" then opts.lobby = number()
		elseif a == "--duration" then opts.duration = number()
		elseif a == "--linger" then opts.linger = number()
		elseif a == "--speed" then opts.speed = number()
		elseif a == "--fps" then opts.fps = number()
		elseif a == "--units" then opts.units = number()
		elseif a == "--pause-at" then
			local s, d = value():match("^([%d.]+):([%d.]+)$")
			if not s then
				usage("--pause-at wants GAME_SECOND:WALL_SECONDS")
			end
			opts.pauses[#opts.pauses + 1] = { at = tonumber(s) * 30, wall = tonumber(d) }
		elseif a == "--interval" then config.state_interval = number()
		elseif a == "--queue-size" then config.queue_size = number()
		elseif a == "--budget" then config.frame_budget = number()
		elseif a == "--notable" then config.notable_cost = number()
		elseif a == "--log-level" then config.log_level = value()
		elseif a == "--sndbuf" then opts.sndbuf = number()
		elseif a == "--truth" then opts.truth = true
		elseif a == "--trace" then opts.trace = true
		elseif a == "--mem" then opts.mem = true
		elseif a == "--log" then opts.log = true
		else usage("unknown option " .. a) end
		i = i + 1
	end
end
config.host, config.port = opts.host, opts.port

local function emit(kind, value)
	io.stdout:write(kind, " ", type(value) == "string" and value or dkjson.encode(value), "\n")
	io.stdout:flush()
end

-- With --sndbuf, every socket LuaSocket connects gets a small kernel send buffer (a real socket
-- option on the real socket, so a stalled reader fills it quickly).
if opts.sndbuf then
	local probe = assert(socket.tcp())
	local methods = getmetatable(probe).__index
	probe:close()
	local connect = methods.connect
	methods.connect = function(s, ...)
		local ok, err = connect(s, ...)
		s:setoption("send-buffer-size", opts.sndbuf)
		return ok, err
	end
end

local game = FakeGame.new({
	shape = opts.shape, aiTeams = opts.ai, spectators = opts.spectators, viewer = opts.viewer,
	fullView = opts.fullView, seed = opts.seed, speed = opts.speed,
})
if opts.log then
	local echoes = game.echoes
	game.echoes = setmetatable({}, {
		__newindex = function(t, k, v)
			rawset(t, k, v)
			emit("echo", v)
		end,
	})
	for i, v in ipairs(echoes) do
		game.echoes[i] = v
	end
end

local host = WidgetHost.load(game, { config = config })
local t = host.test
if opts.trace then
	local Queue = t.Queue
	local push, pushState, take, done = Queue.push, Queue.pushState, Queue.take, Queue.done
	Queue.push = function(q, kind, body, seq)
		push(q, kind, body, seq)
		emit("queued", { kind = kind, seq = seq or dkjson.null, body = body, queue = Queue.count(q) })
	end
	Queue.pushState = function(q, body, seq)
		pushState(q, body, seq)
		emit("queued", { kind = "state", seq = seq or dkjson.null, body = body, queue = Queue.count(q) })
	end
	Queue.take = function(q)
		local kind, body, seq = take(q)
		if kind then
			emit("sent", { kind = kind, seq = seq })
		end
		return kind, body, seq
	end
	-- The widget calls done right after the send that handed over the frame's last byte.
	Queue.done = function(q)
		local f = q.flight
		if f then
			emit("wrote", { kind = f.kind, seq = f.seq or dkjson.null, at = socket.gettime(), connection = t.conn.serial })
		end
		return done(q)
	end
end
game:autoplay(opts.duration, { unitsPerTeam = opts.units })

emit("status", "playing " .. opts.shape .. " against " .. opts.host .. ":" .. opts.port)
-- Wall seconds since the start. Under the engine's 32-bit-float Lua an epoch time such as
-- socket.gettime() is exact only to 128 s, so there the clock is the time slept plus the CPU time
-- used (os.clock, small and exact), which runs a little slow at worst; stock Lua reads the clock.
local FLOAT_NUMBERS = 2 ^ 24 + 1 == 2 ^ 24
local start, cpuStart, slept = socket.gettime(), os.clock(), 0
local function elapsed()
	if FLOAT_NUMBERS then
		return slept + (os.clock() - cpuStart)
	end
	return socket.gettime() - start
end
local frameTime = 1 / opts.fps
local overAt, pauseIndex, resumeAt = nil, 1, nil
local partialFrames = 0 -- draw frames that ended with a message part-sent (resumed next frame)
local lastTruth = -1
local lastMem = 0
table.sort(opts.pauses, function(a, b) return a.at < b.at end)

while true do
	local now = elapsed()
	game:step(math.max(0, now - game.clock))
	if t.conn.out and t.conn.outPos > 0 and t.conn.outPos < t.conn.outLen then
		partialFrames = partialFrames + 1
	end
	if not game.started and now >= opts.lobby then
		game:start()
		emit("status", "game started")
	end
	local p = opts.pauses[pauseIndex]
	if p and not game.paused and game.frame >= p.at then
		game:setPaused(game.localPlayer, true)
		resumeAt = now + p.wall
		pauseIndex = pauseIndex + 1
	elseif game.paused and resumeAt and now >= resumeAt then
		game:setPaused(game.localPlayer, false)
		resumeAt = nil
	end
	if opts.truth and game.frame >= (lastTruth + 1) * 30 then
		lastTruth = math.floor(game.frame / 30)
		emit("truth", game:truth())
	end
	if opts.mem and game.frame >= (lastMem + 1) * 1800 then
		lastMem = math.floor(game.frame / 1800)
		collectgarbage("collect")
		emit("mem", string.format("%d", collectgarbage("count")))
	end
	if game.over and not overAt then
		overAt = now
		emit("status", "game over")
	end
	if overAt and now - overAt >= opts.linger then
		break
	end
	if host.removed then
		emit("status", "the widget was removed: " .. table.concat(host.errors, "; "))
		os.exit(1)
	end
	local spare = frameTime - (elapsed() - now)
	if spare > 0 then
		socket.sleep(spare)
		slept = slept + spare
	end
end

local waiting = t.Queue.count(t.queue) + (t.conn.out and 1 or 0)
host:shutdown()
emit("done", {
	messages = t.stats.messages, dropped = t.queue.dropped, coalesced = t.queue.coalesced, errors = t.stats.errors,
	partial_frames = partialFrames, queued_at_exit = waiting, unsent_at_exit = t.Queue.count(t.queue),
})
