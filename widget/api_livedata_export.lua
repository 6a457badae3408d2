--------------------------------------------------------------------------------
-- Live Data Export (bar-livedata)
--
-- Streams the live game (teams, players, economy, army value, events) to the bar-livedata bridge
-- at 127.0.0.1:9876 as length-prefixed JSON (protocol v1) for stream overlays.
-- Drop this one file into LuaUI/Widgets/, enable it once (F11, or
-- /luaui enablewidget Live Data Export), then type /livedata help.
--
-- Sections: settings, log, clock and stats, JSON encoder, framing, queue, connection,
-- collection, events, commands, call-ins. Every call-in's work runs under pcall: a fault is
-- logged (rate-limited) and counted, never fatal. Nothing blocks: the socket never waits.
-- Specs reach the sections through widget._test, which exists only when the loader sets
-- LIVEDATA_TEST (never in the game).
--------------------------------------------------------------------------------

local WIDGET_NAME = "Live Data Export"
local WIDGET_VERSION = "1.0.0"

function widget:GetInfo()
	return {
		name = WIDGET_NAME,
		desc = "Streams live game data (teams, economy, army value, events) to the bar-livedata "
			.. "bridge on 127.0.0.1 for stream overlays. Type /livedata help.",
		author = "bar-livedata",
		date = "2026",
		license = "MIT",
		layer = 0,
		enabled = true,
	}
end

local Spring = Spring
local floor, huge, min = math.floor, math.huge, math.min
local format, byte, char, find, gsub, sub, lower, match =
	string.format, string.byte, string.char, string.find, string.gsub, string.sub, string.lower, string.match
local concat, sort = table.concat, table.sort
local type, pairs, ipairs, pcall, tostring, tonumber, select, setmetatable =
	type, pairs, ipairs, pcall, tostring, tonumber, select, setmetatable

local GAME_SPEED = 30 -- simulation frames per game second
local DAY_FRAMES = GAME_SPEED * 86400 -- Spring.GetGameFrame() splits the frame count in days

--------------------------------------------------------------------------------
-- Settings: kept between games through GetConfigData/SetConfigData
--------------------------------------------------------------------------------

local LOG_LEVELS = { error = 1, warn = 2, info = 3, debug = 4 }

local function checkHost(v)
	if v == "localhost" then
		return "127.0.0.1" -- a name would need a blocking DNS lookup on the game thread
	end
	if type(v) ~= "string" then
		return nil
	end
	local a, b, c, d = match(v, "^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)$")
	if a and tonumber(a) <= 255 and tonumber(b) <= 255 and tonumber(c) <= 255 and tonumber(d) <= 255 then
		return v
	end
	return nil
end

local function wholeIn(lo, hi)
	return function(v)
		v = tonumber(v)
		if v and v == floor(v) and v >= lo and v <= hi then
			return v
		end
		return nil
	end
end

local function numberIn(lo, hi)
	return function(v)
		v = tonumber(v)
		if v and v == v and v >= lo and v <= hi then
			return v
		end
		return nil
	end
end

local BOOL_WORDS = {
	on = true, ["true"] = true, yes = true, ["1"] = true,
	off = false, ["false"] = false, no = false, ["0"] = false,
}

local function checkBool(v)
	if type(v) == "boolean" then
		return v
	end
	if type(v) == "string" then
		return BOOL_WORDS[lower(v)]
	end
	return nil
end

local function checkLevel(v)
	if type(v) == "string" and LOG_LEVELS[lower(v)] then
		return lower(v)
	end
	return nil
end

-- Ordered: the order of /livedata status and of the saved table.
local SETTING_SPECS = {
	{ key = "host", default = "127.0.0.1", check = checkHost, expect = "an IPv4 address such as 127.0.0.1" },
	{ key = "port", default = 9876, check = wholeIn(1, 65535), expect = "a whole number from 1 to 65535" },
	{ key = "auto_reconnect", default = true, check = checkBool, expect = "on or off" },
	{ key = "retry_max", default = 30, check = wholeIn(1, 300), expect = "whole seconds from 1 to 300" },
	{ key = "state_interval", default = 1, check = numberIn(0.1, 60), expect = "seconds from 0.1 to 60" },
	{ key = "log_level", default = "info", check = checkLevel, expect = "error, warn, info or debug" },
	{ key = "queue_size", default = 500, check = wholeIn(16, 5000), expect = "a whole number from 16 to 5000" },
	{ key = "frame_budget", default = 65536, check = wholeIn(1024, 1048576), expect = "bytes from 1024 to 1048576" },
	{ key = "notable_cost", default = 1000, check = numberIn(0, 1000000), expect = "metal from 0 to 1000000" },
}
local SETTING_BY_KEY = {}
for _, spec in ipairs(SETTING_SPECS) do
	SETTING_BY_KEY[spec.key] = spec
end

local settings = {}
for _, spec in ipairs(SETTING_SPECS) do
	settings[spec.key] = spec.default
end

-- Replaces unknown or invalid saved values by defaults; returns one line naming them, or nil.
local function loadSettings(saved)
	local fixed = {}
	if type(saved) ~= "table" then
		saved = {}
		fixed[1] = "saved settings were not a table"
	end
	for _, spec in ipairs(SETTING_SPECS) do
		local raw = saved[spec.key]
		local value = nil
		if raw ~= nil then
			value = spec.check(raw)
			if value == nil then
				fixed[#fixed + 1] = spec.key .. "=" .. tostring(raw) .. " (want " .. spec.expect .. ")"
			end
		end
		settings[spec.key] = value == nil and spec.default or value
	end
	local unknown = {}
	for k in pairs(saved) do
		if not SETTING_BY_KEY[k] then
			unknown[#unknown + 1] = tostring(k)
		end
	end
	sort(unknown)
	for _, k in ipairs(unknown) do
		fixed[#fixed + 1] = "unknown setting " .. k
	end
	if #fixed == 0 then
		return nil
	end
	return "saved settings: using defaults for " .. concat(fixed, ", ")
end

local function settingsCopy()
	local copy = {}
	for _, spec in ipairs(SETTING_SPECS) do
		copy[spec.key] = settings[spec.key]
	end
	return copy
end

--------------------------------------------------------------------------------
-- Log
--------------------------------------------------------------------------------

local function say(msg)
	Spring.Echo("[livedata] " .. msg)
end

local function log(level, msg)
	if LOG_LEVELS[level] <= LOG_LEVELS[settings.log_level] then
		say(msg)
	end
end

--------------------------------------------------------------------------------
-- Clock and stats. Wall time from Spring timers (socket.gettime/os.time are float-quantised in
-- the engine); microsecond timers for profiling where the engine has them.
--------------------------------------------------------------------------------

local epoch = Spring.GetTimer()
local clock = { now = 0 } -- seconds since load, refreshed once per Update

local function clockNow()
	return Spring.DiffTimers(Spring.GetTimer(), epoch)
end

local getMicros = Spring.GetTimerMicros
local function tick()
	if getMicros then
		return getMicros()
	end
	return Spring.GetTimer()
end
local function msSince(t0)
	if getMicros then
		return Spring.DiffTimers(getMicros(), t0, true, true)
	end
	return Spring.DiffTimers(Spring.GetTimer(), t0, true)
end

local STATS_WINDOW = 10 -- seconds per rolling window

local function newMeter()
	return { sum = 0, n = 0, max = 0 }
end

local function newWindow(start)
	return {
		start = start,
		update = newMeter(),
		collect = newMeter(),
		serialize = newMeter(),
		send = newMeter(),
		bytes = 0,
		messages = 0,
	}
end

local stats = {
	cur = newWindow(0),
	last = nil,
	messages = 0, -- messages fully sent since load
	kib = 0, -- bytes sent since load, split so the float counter stays exact
	bytes = 0,
	errors = 0,
}

local function meter(m, ms)
	m.sum = m.sum + ms
	m.n = m.n + 1
	if ms > m.max then
		m.max = ms
	end
end

local function countSent(bytes)
	stats.cur.bytes = stats.cur.bytes + bytes
	local total = stats.bytes + bytes
	local k = floor(total / 1024)
	stats.kib = stats.kib + k
	stats.bytes = total - k * 1024
end

local function rollStats(now)
	if now - stats.cur.start >= STATS_WINDOW then
		stats.cur.seconds = now - stats.cur.start
		stats.last = stats.cur
		stats.cur = newWindow(now)
	end
end

--------------------------------------------------------------------------------
-- JSON encoder. Our own: every control character escaped, invalid UTF-8 replaced by U+FFFD,
-- numbers written by us (whole numbers plain, others rounded to 2 decimals, NaN/inf -> null),
-- objects with a fixed key order ("shapes", where a missing value is written as null).
--------------------------------------------------------------------------------

local Json = {}
do
	local NULL = setmetatable({}, { __tostring = function() return "null" end })
	Json.null = NULL
	local MAX_DEPTH = 32
	local INT_LIMIT = 2147483647 -- "%d" is exact for whole numbers up to 2^31 - 1 on every build

	local SMALL = {}
	for i = 0, 999 do
		SMALL[i] = format("%d", i)
	end
	local CENTS = {} -- .01 .. .99 without a trailing zero
	for c = 1, 99 do
		if c % 10 == 0 then
			CENTS[c] = "." .. SMALL[c / 10]
		elseif c < 10 then
			CENTS[c] = ".0" .. SMALL[c]
		else
			CENTS[c] = "." .. SMALL[c]
		end
	end

	-- Exact decimal digits of a whole number of any size: binary digits peeled off by exact
	-- halvings, then rebuilt in base-10000 limbs (every step stays below 2^24, exact in floats).
	local function bigWhole(v)
		local bits, nb = {}, 0
		while v >= 1 do
			local half = floor(v / 2)
			nb = nb + 1
			bits[nb] = v - half * 2
			v = half
		end
		local limbs = { 0 }
		for i = nb, 1, -1 do
			local carry = bits[i]
			for j = 1, #limbs do
				local x = limbs[j] * 2 + carry
				if x >= 10000 then
					limbs[j] = x - 10000
					carry = 1
				else
					limbs[j] = x
					carry = 0
				end
			end
			if carry > 0 then
				limbs[#limbs + 1] = carry
			end
		end
		local parts = { format("%d", limbs[#limbs]) }
		for j = #limbs - 1, 1, -1 do
			local s = format("%d", limbs[j])
			parts[#parts + 1] = sub("000", 1, 4 - #s) .. s
		end
		return concat(parts)
	end

	local function wholeString(v)
		if v < 1000 then
			return SMALL[v]
		elseif v <= INT_LIMIT then
			return format("%d", v)
		end
		return bigWhole(v)
	end

	local function number(v)
		if v >= 0 and v < 1000 and v == floor(v) then -- the common case first (NaN fails v >= 0)
			return SMALL[v]
		end
		if v ~= v or v == huge or v == -huge then
			return "null"
		end
		local neg = v < 0
		if neg then
			v = -v
		end
		local whole = floor(v)
		local frac = v - whole -- exact: the fraction's bits are already in v
		local s
		if frac == 0 then
			s = wholeString(whole)
		else
			local c = floor(frac * 100 + 0.5)
			if c >= 100 then
				whole = whole + 1
				c = 0
			end
			if c == 0 then
				s = wholeString(whole)
			else
				s = wholeString(whole) .. CENTS[c]
			end
		end
		if neg and s ~= "0" then
			return "-" .. s
		end
		return s
	end
	Json.number = number

	local ESCAPES = {
		['"'] = '\\"', ["\\"] = "\\\\",
		["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
	}
	do
		local HEX = "0123456789abcdef"
		for i = 0, 31 do
			local c = char(i)
			if not ESCAPES[c] then
				local lo = i % 16
				local hi = (i - lo) / 16
				ESCAPES[c] = "\\u00" .. sub(HEX, hi + 1, hi + 1) .. sub(HEX, lo + 1, lo + 1)
			end
		end
		ESCAPES["\127"] = "\\u007f"
	end
	local REPLACEMENT = "\239\191\189" -- U+FFFD

	-- Length of a valid UTF-8 sequence starting at i, or nil (strict: no overlongs, surrogates
	-- or code points above U+10FFFF).
	local function utf8Length(s, i, b)
		local b2 = byte(s, i + 1)
		if not b2 or b2 < 0x80 or b2 > 0xBF then
			return nil
		end
		if b >= 0xC2 and b <= 0xDF then
			return 2
		end
		local b3 = byte(s, i + 2)
		if not b3 or b3 < 0x80 or b3 > 0xBF then
			return nil
		end
		if b >= 0xE0 and b <= 0xEF then
			if (b == 0xE0 and b2 < 0xA0) or (b == 0xED and b2 > 0x9F) then
				return nil
			end
			return 3
		end
		local b4 = byte(s, i + 3)
		if not b4 or b4 < 0x80 or b4 > 0xBF then
			return nil
		end
		if b >= 0xF0 and b <= 0xF4 then
			if (b == 0xF0 and b2 < 0x90) or (b == 0xF4 and b2 > 0x8F) then
				return nil
			end
			return 4
		end
		return nil
	end

	local function fixUtf8(s)
		local out, n, i, len, from = nil, 0, 1, #s, 1
		while i <= len do
			local b = byte(s, i)
			if b < 0x80 then
				i = i + 1
			else
				local l = utf8Length(s, i, b)
				if l then
					i = i + l
				else
					out = out or {}
					out[n + 1] = sub(s, from, i - 1)
					out[n + 2] = REPLACEMENT
					n = n + 2
					i = i + 1
					from = i
				end
			end
		end
		if not out then
			return s
		end
		out[n + 1] = sub(s, from)
		return concat(out)
	end

	-- Quoted strings are cached: names and enum values repeat in every state.
	local CACHE_MAX = 1024
	local quoted, cached = {}, 0
	local function quote(s)
		local q = quoted[s]
		if q then
			return q
		end
		local body = s
		if find(body, "[\128-\255]") then
			body = fixUtf8(body)
		end
		if find(body, '[%z\1-\31"\\\127]') then
			body = gsub(body, '[%z\1-\31"\\\127]', ESCAPES)
		end
		q = '"' .. body .. '"'
		if cached >= CACHE_MAX then
			quoted, cached = {}, 0
		end
		quoted[s] = q
		cached = cached + 1
		return q
	end
	Json.quote = quote

	local shapes = setmetatable({}, { __mode = "k" })
	-- Per shaped table: [i] = field i's last value, [-i] = the text of field i ("n") or of the run
	-- starting at field i ("s").
	local memos = setmetatable({}, { __mode = "k" })

	-- A shape is an ordered key list compiled to its separators, and to those joined with the
	-- values a field often holds (null, true, false, 0), so those take one piece. A "body" shape
	-- writes the rest of an object whose head ({"type":..,"seq":N) the framing layer adds.
	-- kinds (optional): a letter per key, consecutive equal letters making one run:
	--   "n": a number or nil, written without asking its type (a wrong guess costs one slower
	--        second pass over the message, never a different text: see Json.encode); a number
	--        unchanged over the table's last messages reuses its text;
	--   "s": a value that seldom changes; each table keeps its run's text and reuses it while
	--        every value is the same (a table value is never reused: its contents may change);
	--   ".": anything (the default).
	function Json.shape(keys, body, kinds)
		local pre, null, yes, no, zero = {}, {}, {}, {}, {}
		for i, k in ipairs(keys) do
			local p = ((i == 1 and not body) and "{" or ",") .. quote(k) .. ":"
			pre[i], null[i], yes[i], no[i], zero[i] = p, p .. "null", p .. "true", p .. "false", p .. "0"
		end
		local from, to, kind = {}, {}, {}
		local function kindOf(i)
			local c = kinds and sub(kinds, i, i) or ""
			return (c == "n" or c == "s") and c or "."
		end
		for i = 1, #keys do
			local c = kindOf(i)
			local r = #kind
			if r > 0 and kind[r] == c then
				to[r] = i
			else
				from[r + 1], to[r + 1], kind[r + 1] = i, i, c
			end
		end
		return {
			keys = keys, pre = pre, null = null, yes = yes, no = no, zero = zero, n = #keys,
			from = from, to = to, kind = kind, runs = #kind, numbers = #kind == 1 and kind[1] == "n",
			close = (#keys == 0 and not body) and "{}" or "}",
		}
	end

	function Json.withShape(t, shape)
		shapes[t] = shape
		memos[t] = nil -- texts of another shape's fields
		return t
	end

	-- 3-digit groups of whole numbers from 1000 up, so those too are written as cached pieces.
	local PAD3 = {}
	for i = 0, 999 do
		PAD3[i] = i >= 100 and SMALL[i] or (i >= 10 and "0" or "00") .. SMALL[i]
	end
	local GROUPS_BELOW = 16777216 -- 2^24: whole numbers and their 1000s splits exact in floats too

	-- The encoder writes pieces into one reused buffer; every writer takes the index of the last
	-- piece written and returns the new one (a local in the loops, not an upvalue).
	local buf, depth, guessing = {}, 0, true
	local value, putTable

	-- number(v) as pieces: cached strings only, unless the whole part is 2^24 or more. v % 1 is
	-- v - floor(v), exact (the fraction's bits are already in v), without a call.
	local function putNumber(v, m)
		if v ~= v or v == huge or v == -huge then
			m = m + 1
			buf[m] = "null"
			return m
		end
		local neg = v < 0
		if neg then
			v = -v
		end
		local f = v % 1
		local w = v - f
		local c = 0
		if f ~= 0 then
			c = f * 100 + 0.5
			c = c - c % 1
			if c >= 100 then
				w = w + 1
				c = 0
			end
		end
		if neg and (w ~= 0 or c ~= 0) then
			m = m + 1
			buf[m] = "-"
		end
		if w < 1000 then
			m = m + 1
			buf[m] = SMALL[w]
		elseif w < GROUPS_BELOW then
			-- w % 1000 divides in floating point: a quotient rounded to the next whole number
			-- leaves the remainder 1000 off, fixed here; then w - lo is a multiple of 1000 and the
			-- division exact.
			local lo = w % 1000
			if lo < 0 then
				lo = lo + 1000
			elseif lo >= 1000 then
				lo = lo - 1000
			end
			local hi = (w - lo) / 1000
			if hi < 1000 then
				buf[m + 1], buf[m + 2] = SMALL[hi], PAD3[lo]
				m = m + 2
			else
				local mid = hi % 1000
				if mid < 0 then
					mid = mid + 1000
				elseif mid >= 1000 then
					mid = mid - 1000
				end
				buf[m + 1], buf[m + 2], buf[m + 3] = SMALL[(hi - mid) / 1000], PAD3[mid], PAD3[lo]
				m = m + 3
			end
		else
			m = m + 1
			buf[m] = wholeString(w)
		end
		if c > 0 then
			m = m + 1
			buf[m] = CENTS[c]
		end
		return m
	end

	local function key(k)
		local tk = type(k)
		if tk == "string" then
			return quote(k) .. ":"
		elseif tk == "number" and k == k and k ~= huge and k ~= -huge then
			return '"' .. number(k) .. '":'
		end
		error("cannot encode a key of type " .. tk, 0)
	end

	-- Fields a..b of a shaped table, any values.
	local function putFields(t, shape, a, b, m)
		local keys, pre = shape.keys, shape.pre
		for i = a, b do
			local v = t[keys[i]]
			local tv = type(v)
			if tv == "number" then
				if v == 0 then
					m = m + 1
					buf[m] = shape.zero[i]
				else
					m = m + 1
					buf[m] = pre[i]
					m = putNumber(v, m)
				end
			elseif tv == "string" then
				buf[m + 1], buf[m + 2] = pre[i], quoted[v] or quote(v)
				m = m + 2
			elseif tv == "boolean" then
				m = m + 1
				buf[m] = v and shape.yes[i] or shape.no[i]
			elseif tv == "nil" then
				m = m + 1
				buf[m] = shape.null[i]
			else
				m = m + 1
				buf[m] = pre[i]
				if tv == "table" and v ~= NULL then
					m = putTable(v, m)
				else
					m = value(v, m)
				end
			end
		end
		return m
	end

	-- Fields a..b declared numbers: no type() call. Anything else fails the first comparison
	-- (Lua 5.1 never orders a number against another type), which Json.encode catches. A number
	-- the same as in the table's last two messages is one piece: its text, joined once (a number
	-- that keeps changing never costs a string).
	local function putNumbers(t, shape, a, b, m)
		local keys, pre, zero = shape.keys, shape.pre, shape.zero
		local memo = memos[t]
		if not memo then
			memo = {}
			memos[t] = memo
		end
		for i = a, b do
			local v = t[keys[i]]
			if v == nil then
				m = m + 1
				buf[m] = shape.null[i]
			elseif v == 0 then
				m = m + 1
				buf[m] = zero[i]
			else
				local last = memo[i]
				local text = v == last and memo[-i]
				if text then
					m = m + 1
					buf[m] = text
				else
					local m0 = m
					if v > 0 and v < 999 then -- putNumber's common case, inlined
						local f = v % 1
						local w = v - f
						buf[m + 1] = pre[i]
						if f == 0 then
							buf[m + 2] = SMALL[w]
							m = m + 2
						else
							local c = f * 100 + 0.5
							c = c - c % 1
							if c >= 100 then
								buf[m + 2] = SMALL[w + 1]
								m = m + 2
							elseif c > 0 then
								buf[m + 2], buf[m + 3] = SMALL[w], CENTS[c]
								m = m + 3
							else
								buf[m + 2] = SMALL[w]
								m = m + 2
							end
						end
					else
						m = m + 1
						buf[m] = pre[i]
						m = putNumber(v, m)
					end
					if v ~= last then
						memo[i], memo[-i] = v, nil
					elseif text == false then -- the third time running: worth a string
						memo[-i] = concat(buf, "", m0 + 1, m)
					else
						memo[-i] = false
					end
				end
			end
		end
		return m
	end

	-- A run a..b of seldom-changing fields: the text written last time when every value is the same.
	local function putStable(t, shape, a, b, m)
		local keys = shape.keys
		local memo = memos[t]
		if memo then
			local text = memo[-a]
			if text then
				for i = a, b do
					if t[keys[i]] ~= memo[i] then
						text = nil
						break
					end
				end
				if text then
					m = m + 1
					buf[m] = text
					return m
				end
			end
		else
			memo = {}
			memos[t] = memo
		end
		local m0 = m
		m = putFields(t, shape, a, b, m)
		local plain = true
		for i = a, b do
			local v = t[keys[i]]
			memo[i] = v
			if type(v) == "table" then
				plain = false
			end
		end
		memo[-a] = plain and concat(buf, "", m0 + 1, m) or nil
		return m
	end

	local function putShaped(t, shape, m)
		if shape.numbers and guessing then -- a shape of numbers only: one run
			m = putNumbers(t, shape, 1, shape.n, m)
			m = m + 1
			buf[m] = shape.close
			return m
		end
		local kind, from, to = shape.kind, shape.from, shape.to
		for r = 1, shape.runs do
			local k = kind[r]
			if k == "n" and guessing then
				m = putNumbers(t, shape, from[r], to[r], m)
			elseif k == "s" then
				m = putStable(t, shape, from[r], to[r], m)
			else
				m = putFields(t, shape, from[r], to[r], m)
			end
		end
		m = m + 1
		buf[m] = shape.close
		return m
	end

	putTable = function(t, m)
		depth = depth + 1
		if depth > MAX_DEPTH then
			error("nesting deeper than " .. number(MAX_DEPTH) .. " (a cycle?)", 0)
		end
		local shape = shapes[t]
		if shape then
			m = putShaped(t, shape, m)
		else
			-- An array when every key is a whole number from 1 to #t (holes become null);
			-- an empty table is an empty array; anything else is an object.
			local len = #t
			local isArray = true
			for k in pairs(t) do
				if type(k) ~= "number" or k < 1 or k > len or k % 1 ~= 0 then
					isArray = false
					break
				end
			end
			if isArray then
				if len == 0 then
					m = m + 1
					buf[m] = "[]"
				else
					m = m + 1
					buf[m] = "["
					for i = 1, len do
						if i > 1 then
							m = m + 1
							buf[m] = ","
						end
						m = value(t[i], m)
					end
					m = m + 1
					buf[m] = "]"
				end
			else
				local first = true
				for k, v in pairs(t) do
					m = m + 1
					buf[m] = (first and "{" or ",") .. key(k)
					first = false
					m = value(v, m)
				end
				m = m + 1
				buf[m] = "}"
			end
		end
		depth = depth - 1
		return m
	end

	value = function(v, m)
		local tv = type(v)
		if tv == "number" then
			return putNumber(v, m)
		elseif tv == "string" then
			m = m + 1
			buf[m] = quoted[v] or quote(v)
		elseif tv == "boolean" then
			m = m + 1
			buf[m] = v and "true" or "false"
		elseif tv == "table" then
			if v == NULL then
				m = m + 1
				buf[m] = "null"
			else
				return putTable(v, m)
			end
		elseif tv == "nil" then
			m = m + 1
			buf[m] = "null"
		else
			error("cannot encode a " .. tv, 0)
		end
		return m
	end

	-- Returns the JSON text, or nil and a one-line reason. When the first pass fails (a field
	-- declared "n" held something else, or v cannot be encoded) a second pass asks every value's
	-- type, as for a shape without kinds: the text is the same either way.
	function Json.encode(v)
		depth, guessing = 0, true
		local ok, m = pcall(value, v, 0)
		if not ok then
			depth, guessing = 0, false
			ok, m = pcall(value, v, 0)
			guessing = true
			if not ok then
				return nil, tostring(m)
			end
		end
		local s = concat(buf, "", 1, m)
		for i = m + 1, #buf do -- drop pieces left over from a bigger message
			buf[i] = nil
		end
		return s
	end
end

--------------------------------------------------------------------------------
-- Framing: a 4-byte big-endian length, then the JSON bytes. Lengths are floats in the engine,
-- exact below 2^24: frames are capped at the bridge's default limit (1 MiB), far below that.
--------------------------------------------------------------------------------

local MAX_FRAME = 1048576

local function lengthPrefix(len)
	local b2 = floor(len / 65536)
	local r = len - b2 * 65536
	local b3 = floor(r / 256)
	return char(0, b2, b3, r - b3 * 256)
end

-- Each message type's head; the encoded body continues it with ',"frame":...}'.
local HEADS = {}
for _, kind in ipairs({ "hello", "state", "event", "goodbye" }) do
	HEADS[kind] = '{"type":"' .. kind .. '","schema_version":1,"seq":'
end

-- One frame for a message, as two strings: the lead (length, head, seq) and the body, sent one
-- after the other so a big state is never copied. nil and a reason when it would break the limit.
local function frameMessage(kind, seq, body)
	local seqText = Json.number(seq)
	local head = HEADS[kind]
	local len = #head + #seqText + #body
	if len > MAX_FRAME then
		return nil, kind .. " message of " .. Json.number(len) .. " bytes is over the "
			.. Json.number(MAX_FRAME) .. "-byte frame limit"
	end
	return lengthPrefix(len) .. head .. seqText, body
end

--------------------------------------------------------------------------------
-- Queue: FIFO of encoded message bodies with two caps, a message count (the queue_size setting)
-- and a byte ceiling (QUEUE_MAX_BYTES). The newest state waits in one slot (a newer state replaces
-- it: "coalesced"); events are kept in order; on overflow of either cap the oldest message is
-- dropped and counted. The message being sent ("in flight") leaves the queue and returns to its
-- front when the connection drops before it is fully sent.
-- seq: assigned at enqueue while connected, renumbered after each new connection's hello. Every
-- dropped message leaves a gap, at its place: a drop while connected skips the seq it had; drops
-- no later message has shown yet ("unseen": overflow drops the oldest, so they sit right before
-- the queue's front) push the numbering after the next hello on by as many. A replaced state may
-- leave a gap too, as the protocol says.
--------------------------------------------------------------------------------

-- What the queue may hold, counted as body bytes plus MESSAGE_COST per message: what Lua spends
-- beside the body to keep one queued (the string's header and a slot in four tables, whose hash
-- parts grow by doubling: 215-380 bytes measured under Lua 5.1). With 400 the ceiling never lets
-- more than ~880 messages in, so those tables stay at 1024 slots, and a sweep of event sizes
-- (10-2000 bytes, a 20 KB state beside them) peaks at 364 KB of queue memory: the 500 KB budget
-- (an hour with the bridge down) holds at any queue_size up to 5000. At the default 500 the count
-- cap comes first (500 events of ~250 bytes charge ~317 KiB of the 384).
-- A single message is always kept, whatever its size (a state is at most MAX_FRAME).
local QUEUE_MAX_BYTES = 393216
local MESSAGE_COST = 400

local Queue = {}

function Queue.new(cap, maxBytes)
	return {
		cap = cap,
		maxBytes = maxBytes or QUEUE_MAX_BYTES,
		bytes = 0, -- charged bytes of what waits (bodies + MESSAGE_COST each), the state included
		head = 1,
		tail = 0,
		kinds = {},
		bodies = {},
		orders = {},
		seqs = {},
		state = nil, -- { body, order, seq } of the unsent state
		flight = nil, -- { kind, body, order, seq, unseen } taken for sending
		nextOrder = 1,
		dropped = 0,
		coalesced = 0,
		unseen = 0, -- drops (and clears) that no fully sent message has shown as a seq gap yet
	}
end

local function charge(body)
	return #body + MESSAGE_COST
end

function Queue.count(q)
	return q.tail - q.head + 1 + (q.state and 1 or 0)
end

local function dropOldest(q)
	local s = q.state
	if q.tail >= q.head and (not s or q.orders[q.head] < s.order) then
		local h = q.head
		q.bytes = q.bytes - charge(q.bodies[h])
		q.kinds[h], q.bodies[h], q.orders[h], q.seqs[h] = nil, nil, nil, nil
		q.head = h + 1
	elseif s then
		q.bytes = q.bytes - charge(s.body)
		q.state = nil
	else
		return
	end
	q.dropped = q.dropped + 1
	q.unseen = q.unseen + 1
end

-- Drops the oldest until one more message charging `size` fits both caps (or nothing is left).
local function makeRoom(q, size)
	while Queue.count(q) > 0 and (Queue.count(q) >= q.cap or q.bytes + size > q.maxBytes) do
		dropOldest(q)
	end
end

local function nextOrder(q)
	if Queue.count(q) == 0 and not q.flight then
		q.head, q.tail, q.nextOrder, q.bytes = 1, 0, 1, 0 -- keeps indexes and orders small (exact floats)
	end
	local o = q.nextOrder
	q.nextOrder = o + 1
	return o
end

function Queue.push(q, kind, body, seq)
	local order = nextOrder(q)
	local size = charge(body)
	makeRoom(q, size)
	local t = q.tail + 1
	q.tail = t
	q.kinds[t], q.bodies[t], q.orders[t], q.seqs[t] = kind, body, order, seq
	q.bytes = q.bytes + size
end

function Queue.pushState(q, body, seq)
	local order = nextOrder(q)
	if q.state then
		q.bytes = q.bytes - charge(q.state.body)
		q.state = nil
		q.coalesced = q.coalesced + 1
	end
	local size = charge(body)
	makeRoom(q, size)
	q.state = { body = body, order = order, seq = seq }
	q.bytes = q.bytes + size
end

-- Takes the oldest message for sending: kind, body, seq (nil when empty).
function Queue.take(q)
	local s = q.state
	local f
	if q.tail >= q.head and (not s or q.orders[q.head] < s.order) then
		local h = q.head
		f = { kind = q.kinds[h], body = q.bodies[h], order = q.orders[h], seq = q.seqs[h] }
		q.kinds[h], q.bodies[h], q.orders[h], q.seqs[h] = nil, nil, nil, nil
		q.head = h + 1
	elseif s then
		f = { kind = "state", body = s.body, order = s.order, seq = s.seq }
		q.state = nil
	else
		return nil
	end
	q.bytes = q.bytes - charge(f.body)
	f.unseen = q.unseen -- the drops before it: its seq shows them once it is through
	q.flight = f
	return f.kind, f.body, f.seq
end

-- The in-flight message went out whole.
function Queue.done(q)
	local f = q.flight
	if f then
		q.unseen = q.unseen > f.unseen and q.unseen - f.unseen or 0
	end
	q.flight = nil
end

-- The in-flight message did not get through: back to the front (a state only when no newer one
-- is waiting).
function Queue.restore(q)
	local f = q.flight
	if not f then
		return
	end
	q.flight = nil
	if f.kind == "state" then
		if q.state then
			q.coalesced = q.coalesced + 1
			return
		end
		q.state = { body = f.body, order = f.order, seq = f.seq }
	else
		local h = q.head - 1
		q.head = h
		q.kinds[h], q.bodies[h], q.orders[h], q.seqs[h] = f.kind, f.body, f.order, f.seq
	end
	q.bytes = q.bytes + charge(f.body)
	while Queue.count(q) > 1 and (Queue.count(q) > q.cap or q.bytes > q.maxBytes) do
		dropOldest(q)
	end
end

-- Numbers every queued message in send order, from `first` plus the unseen drops (they come
-- right before the front); returns the next free number.
function Queue.renumber(q, first)
	local seq = first + q.unseen
	local s = q.state
	local stateDone = not s
	for i = q.head, q.tail do
		if not stateDone and s.order < q.orders[i] then
			s.seq = seq
			seq = seq + 1
			stateDone = true
		end
		q.seqs[i] = seq
		seq = seq + 1
	end
	if not stateDone then
		s.seq = seq
		seq = seq + 1
	end
	return seq
end

-- Empties the queue (/livedata clearqueue); what it held leaves a seq gap like a drop.
function Queue.clear(q)
	local n = Queue.count(q)
	for i = q.head, q.tail do
		q.kinds[i], q.bodies[i], q.orders[i], q.seqs[i] = nil, nil, nil, nil
	end
	q.head, q.tail, q.state, q.bytes = 1, 0, nil, 0
	q.unseen = q.unseen + n
	return n
end

-- New cap; drops the oldest messages that no longer fit. Returns how many were dropped.
function Queue.setCap(q, cap)
	q.cap = cap
	local before = q.dropped
	while Queue.count(q) > cap do
		dropOldest(q)
	end
	return q.dropped - before
end

local queue = Queue.new(settings.queue_size)

--------------------------------------------------------------------------------
-- Connection: DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, ERROR, every transition logged
-- at the default log level. Non-blocking LuaSocket (settimeout(0) at once; completion seen with
-- socket.select(nil, {s}, 0)); a connect deadline of its own (on Windows a refused connect never
-- turns writable); a send-progress deadline (a bridge that stopped reading is left); backoff 1 s,
-- 2, 4 ... up to the retry_max setting (30 s), back to 1 s after a connection that stayed up and
-- kept taking data.
--------------------------------------------------------------------------------

local DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, ERROR =
	"DISCONNECTED", "CONNECTING", "CONNECTED", "RECONNECTING", "ERROR"

local CONNECT_TIMEOUT = 3 -- seconds
local BACKOFF_FIRST = 1 -- seconds; doubles up to settings.retry_max
local GOOD_CONNECTION = 10 -- seconds up (and taking data) before the backoff starts again from 1 s
local LIVENESS_INTERVAL = 0.5 -- seconds between checks that the bridge has not closed
-- Seconds with bytes waiting to go and none taken by the socket before the connection is given
-- up as stalled. A bridge that reads takes a state within milliseconds; 15 s is far beyond any
-- pause of a healthy one (a garbage collection, a busy disk, a machine briefly swapping: the
-- faults tests freeze the bridge for 5-10 s and expect the widget to wait) and still short enough
-- that a bridge that hangs, or one on another machine that vanished without closing (a cable, a
-- sleeping PC: TCP itself takes many minutes to notice), is replaced within a quarter minute.
-- Overlays already say "disconnected" after 4 s without a state, so waiting longer costs nothing.
local STALL_TIMEOUT = 15

local conn = {
	state = DISCONNECTED,
	sock = nil,
	set = {}, -- { sock } for socket.select, reused
	deadline = 0,
	retryAt = 0,
	backoff = BACKOFF_FIRST,
	connectedAt = nil,
	checkAt = 0,
	holding = false, -- queued messages are waiting for probation to end (and one pump after it)
	probation = 0, -- queued messages wait until then: a bridge that accepts and at once closes
	-- (e.g. full) must not swallow events the widget believes sent
	progressAt = 0, -- when the socket last took bytes, or had nothing waiting
	serial = 0, -- connections made since load
	nextSeq = 1,
	out = nil, -- the frame being sent: its lead (length, head, seq) ...
	outBody = nil, -- ... and its body
	outLen = 0, -- bytes in the frame
	outPos = 0, -- bytes of it already sent
	outQueued = false, -- it came from the queue (else it is a hello)
	lastError = nil,
	failures = 0, -- failed attempts since the last connection
	manualOff = false, -- the user disconnected: no automatic reconnect
}

local collecting -- forward: is the widget building messages (defined under Collection)
local onConnected -- forward: the hello and a fresh state (defined under Collection)

local function setState(new, detail, level)
	local old = conn.state
	conn.state = new
	log(level or "info", old .. " -> " .. new .. (detail and (" (" .. detail .. ")") or ""))
end

local function setOut(lead, body, queued)
	conn.out, conn.outBody, conn.outLen, conn.outPos, conn.outQueued = lead, body, #lead + #body, 0, queued
end

local function clearOut()
	conn.out, conn.outBody, conn.outLen, conn.outPos, conn.outQueued = nil, nil, 0, 0, false
end

local function closeSocket()
	if conn.sock then
		pcall(conn.sock.close, conn.sock)
	end
	conn.sock = nil
	conn.set[1] = nil
	conn.connectedAt = nil
	if conn.out then
		if conn.outQueued then
			Queue.restore(queue)
		end
		clearOut()
	end
end

local function endpoint()
	return settings.host .. ":" .. Json.number(settings.port)
end

-- A failed attempt or a lost connection: wait and retry, or stop.
local function failed(reason, now)
	closeSocket()
	conn.lastError = reason
	conn.failures = conn.failures + 1
	if conn.manualOff then
		setState(DISCONNECTED, reason)
	elseif settings.auto_reconnect then
		local delay = min(conn.backoff, settings.retry_max)
		conn.retryAt = now + delay
		conn.backoff = min(delay * 2, settings.retry_max)
		-- The first failure of a streak is a warning; the retries after it log at debug level (the
		-- in-game console is on stream while the bridge is away). /livedata status shows them.
		local level = conn.failures == 1 and "warn" or "debug"
		setState(RECONNECTING, reason .. "; retry in " .. Json.number(delay) .. " s", level)
	else
		setState(DISCONNECTED, reason .. "; auto-reconnect is off")
	end
end

local function fatal(reason)
	closeSocket()
	conn.lastError = reason
	setState(ERROR, reason, "error")
end

local function startConnect(now)
	if type(socket) ~= "table" or not socket.tcp then
		return fatal("LuaSocket is not available (LuaSocketEnabled=0 in springsettings.cfg?)")
	end
	closeSocket()
	local s, err = socket.tcp()
	if not s then
		return failed("cannot create a socket: " .. tostring(err), now)
	end
	s:settimeout(0)
	conn.sock = s
	conn.set[1] = s
	local ok, cerr = s:connect(settings.host, settings.port)
	if ok then
		setState(CONNECTING, endpoint())
		return onConnected(now)
	elseif cerr == "timeout" then
		conn.deadline = now + CONNECT_TIMEOUT
		if conn.failures > 0 then
			setState(CONNECTING, endpoint() .. ", attempt " .. Json.number(conn.failures + 1), "debug")
		else
			setState(CONNECTING, endpoint())
		end
	elseif cerr == "connect denied" then
		fatal("the game may not connect to " .. endpoint()
			.. ": allow it in TCPAllowConnect in springsettings.cfg, then restart the game")
	else
		failed(tostring(cerr), now)
	end
end

-- Is the socket writable now (connect finished, or room in the kernel's send buffer)?
local function writable()
	local _, w = socket.select(nil, conn.set, 0)
	return w ~= nil and w[1] ~= nil
end

local function checkConnecting(now)
	if writable() then
		if conn.sock:getpeername() then
			return onConnected(now)
		end
		local _, err = conn.sock:connect(settings.host, settings.port) -- names the failure
		return failed(tostring(err or "connection failed"), now)
	end
	if now >= conn.deadline then
		failed("no answer from " .. endpoint() .. " within " .. CONNECT_TIMEOUT .. " s", now)
	end
end

-- The bridge sends nothing; a readable socket means it closed (or spoke, which we ignore).
local function checkAlive(now)
	conn.checkAt = now + LIVENESS_INTERVAL
	local readable = socket.select(conn.set, nil, 0)
	if readable and readable[1] then
		local _, err = conn.sock:receive(4096)
		if err and err ~= "timeout" then
			failed(err == "closed" and "the bridge closed the connection" or ("receive failed: " .. tostring(err)), now)
			return false
		end
	end
	-- Up for a while and the bridge reading what it gets: the next failure starts over at 1 s.
	if conn.connectedAt and now - conn.connectedAt >= GOOD_CONNECTION
		and now - conn.progressAt <= 2 * LIVENESS_INTERVAL then
		conn.backoff = BACKOFF_FIRST
		conn.failures = 0
		conn.connectedAt = nil
	end
	return true
end

-- Sends frames until `budget` bytes went, the queue is empty or the kernel buffer is full; a
-- partial send resumes from the exact byte next time. Queued messages wait while `hold` (only the
-- hello goes during probation; at shutdown only the frame in flight). Returns false and the error
-- when the socket failed.
local function pump(budget, hold, now)
	local sock = conn.sock
	while budget > 0 do
		if not conn.out then
			if hold then
				conn.progressAt = now
				return true
			end
			local kind, body, seq = Queue.take(queue)
			if not kind then
				conn.progressAt = now
				return true
			end
			local lead, err = frameMessage(kind, seq, body)
			if lead then
				setOut(lead, body, true)
			else -- cannot happen for bodies the queue accepted; never loop on it
				Queue.done(queue)
				log("error", err)
			end
		else
			local pos, leadLen = conn.outPos, #conn.out
			local t0 = tick()
			local sentTo, err, partial
			if pos < leadLen then
				sentTo, err, partial = sock:send(conn.out, pos + 1, min(leadLen, pos + budget))
				sentTo = sentTo or partial or pos
			else
				local from = pos - leadLen
				sentTo, err, partial = sock:send(conn.outBody, from + 1, min(#conn.outBody, from + budget))
				sentTo = (sentTo or partial or from) + leadLen
			end
			meter(stats.cur.send, msSince(t0))
			if sentTo > pos then
				conn.progressAt = now
			end
			budget = budget - (sentTo - pos)
			countSent(sentTo - pos)
			conn.outPos = sentTo
			if sentTo >= conn.outLen then
				if conn.outQueued then
					Queue.done(queue)
				end
				clearOut()
				stats.messages = stats.messages + 1
				stats.cur.messages = stats.cur.messages + 1
			elseif err == "timeout" then
				return true -- the kernel buffer is full: the bridge is slow or stalled
			elseif err then
				return false, err
			end
		end
	end
	return true
end

local function connectionStep(now)
	local st = conn.state
	if st == CONNECTED then
		if now >= conn.checkAt and not checkAlive(now) then
			return
		end
		conn.holding = now < conn.probation
		if conn.out or Queue.count(queue) > 0 then
			local ok, err = pump(settings.frame_budget, conn.holding, now)
			if not ok then
				return failed("send failed: " .. tostring(err), now)
			end
			if conn.out and now - conn.progressAt >= STALL_TIMEOUT then
				return failed("the bridge took no data for " .. Json.number(STALL_TIMEOUT) .. " s (stalled)", now)
			end
		else
			conn.progressAt = now
		end
	elseif st == CONNECTING then
		checkConnecting(now)
	elseif st == RECONNECTING then
		if now >= conn.retryAt then
			startConnect(now)
		end
	end
end

-- Leaving a connection (shutdown, disconnect, reconnect) writes only whole frames and never
-- waits: the frame in flight, if part-sent, is finished when the socket takes the rest at once;
-- if it cannot be, nothing more is written (no goodbye after a cut frame). Then, while the socket
-- is writable, queued messages and the goodbye, each in one send and all of them within
-- CLOSE_WRITE bytes: a writable TCP socket has room for far more than that (Linux reports it
-- writable with at least a third of its send buffer free, 4.5 KiB at the smallest), so no send is
-- cut. Whatever waits beyond that (a big state, usually) stays queued: sent on the next connection,
-- or lost at shutdown, where the bridge has the state before it (at most an interval old).
local CLOSE_WRITE = 1024

-- One send of a whole frame; true when the socket took all of it.
local function writeWhole(lead, body)
	local data = lead .. body
	local sentTo, _, partial = conn.sock:send(data)
	local n = sentTo or partial or 0
	countSent(n)
	if n < #data then
		log("warn", "the socket cut a " .. Json.number(#data) .. "-byte frame at byte " .. Json.number(n) .. " while closing")
		return false
	end
	stats.messages = stats.messages + 1
	stats.cur.messages = stats.cur.messages + 1
	return true
end

-- Returns whether the goodbye went out.
local function sayGoodbyeAndClose(goodbyeBody)
	local said = false
	if conn.state == CONNECTED and conn.sock then
		local now = clock.now
		local clean = true
		if conn.out and conn.outPos > 0 then
			local ok = pump(conn.outLen - conn.outPos, true, now)
			clean = ok and not conn.out
			if not clean then
				log("info", "closing with a message part-sent (the socket would not take the rest at once): no goodbye")
			end
		end
		if clean and conn.out and not conn.outQueued then
			clean = false -- the hello never went: nothing may follow it
		end
		if clean and conn.out then -- taken, not one byte sent: back to the queue
			Queue.restore(queue)
			clearOut()
		end
		local room = CLOSE_WRITE
		while clean and Queue.count(queue) > 0 do
			local kind, body, seq = Queue.take(queue)
			local lead = frameMessage(kind, seq, body)
			if not lead or #lead + #body > room or not writable() then
				Queue.restore(queue)
				break
			end
			if writeWhole(lead, body) then
				Queue.done(queue)
				room = room - #lead - #body
			else
				Queue.restore(queue)
				clean = false
			end
		end
		if clean and goodbyeBody then
			local lead = frameMessage("goodbye", conn.nextSeq, goodbyeBody)
			conn.nextSeq = conn.nextSeq + 1
			if lead and #lead + #goodbyeBody <= room and writable() then
				said = writeWhole(lead, goodbyeBody)
			end
		end
	end
	closeSocket()
	return said
end

--------------------------------------------------------------------------------
-- Collection: the state message, read through the engine's own visibility rules. Unit values
-- (army, defense, build power, commanders) are tracked incrementally from unit call-ins, with
-- one full scan when the widget starts mid-game or the readable ally teams change.
--------------------------------------------------------------------------------

local RESOURCE_SHAPE = Json.shape({
	"current", "storage", "income", "expense", "pull", "share", "sent", "received", "excess",
}, false, "nnnnnnnnn")
local STATS_SHAPE = Json.shape({
	"damage_dealt", "damage_received", "units_killed", "units_died", "units_produced",
	"metal_produced", "energy_produced", "metal_excess", "energy_excess",
}, false, "nnnnnnnnn")
local TEAM_SHAPE = Json.shape({
	"id", "ally_team", "name", "color", "faction", "dead", "ai", "leader_player_id", "metal", "energy",
	"unit_count", "army_value", "defense_value", "build_power", "commanders_alive", "stats",
}, false, "ssssssss..nnnnn.")
local PLAYER_SHAPE = Json.shape({
	"id", "name", "team", "ally_team", "spectator", "active", "ping_ms", "cpu", "country", "rank", "skill",
}, false, "ssssssnnsss")
local ALLY_SHAPE = Json.shape({ "id", "team_ids", "dead" })
local STATE_BODY = Json.shape({
	"frame", "game_seconds", "speed", "paused", "phase", "full_view", "winners", "ally_teams", "teams", "players",
}, true, "nnn")
local HELLO_BODY = Json.shape({ "frame", "widget", "engine", "game", "local_player" }, true)
local GOODBYE_BODY = Json.shape({ "frame", "reason" }, true)
local HELLO_WIDGET = Json.shape({ "name", "version" })
local HELLO_ENGINE = Json.shape({ "version" })
local HELLO_GAME = Json.shape({ "name", "version", "map", "replay" })
local HELLO_PLAYER = Json.shape({ "id", "name", "spectator", "full_view" })

local game = {
	started = false,
	over = false,
	winners = {},
	latestFrame = 0,
	spectating = false,
	fullView = false,
	myPlayerID = 0,
	myAllyTeamID = 0,
	gaiaTeamID = -1,
	gaiaAllyTeamID = -1,
	allies = {}, -- ally entries (shaped), in id order, Gaia's left out
	teamIDs = {}, -- team ids in id order, Gaia left out
	teamAlly = {}, -- team id -> ally team id
	lastStateAt = -huge,
	lastStateFrame = -huge,
	stateWanted = false,
	ready = false, -- view, topology and units read (setUpCollection); no state before
	setUpAt = 0, -- when setUpCollection is tried again after a fault
}

local units = {
	defs = {}, -- unitDefID -> { cost, army, defense, bp, com, name, human } or false
	finished = {}, -- unitID -> team, for finished units only
	army = {},
	defense = {},
	bp = {},
	coms = {},
}

local COMMANDER_FACTION = {} -- commander unitDefID -> faction (BAR's startUnit)
local SIDE_FACTION = { armada = "armada", cortex = "cortex", legion = "legion" }

local function gameFrame()
	local f, days = Spring.GetGameFrame()
	return f + (days or 0) * DAY_FRAMES
end

local function truthy(v)
	return v == true or v == 1
end

local function canRead(allyTeam)
	return game.fullView or allyTeam == game.myAllyTeamID
end

local function defInfo(defID)
	local d = units.defs[defID]
	if d == nil then
		local ud = defID and UnitDefs[defID]
		if not ud then
			d = false
		else
			local cost = tonumber(ud.metalCost) or 0
			local armed = type(ud.weapons) == "table" and #ud.weapons > 0
			local mobile = (tonumber(ud.speed) or 0) > 0
			local speed = tonumber(ud.buildSpeed) or 0
			local params = ud.customParams
			d = {
				cost = cost,
				army = (armed and mobile) and cost or 0,
				defense = (armed and not mobile) and cost or 0,
				bp = (speed > 0 and ud.canAssist) and speed or 0,
				com = type(params) == "table" and params.iscommander ~= nil and params.iscommander ~= false,
				name = tostring(ud.name or defID),
				human = tostring(ud.translatedHumanName or ud.humanName or ud.name or defID),
			}
		end
		units.defs[defID] = d
	end
	return d
end

local function addValues(team, d, sign)
	units.army[team] = (units.army[team] or 0) + sign * d.army
	units.defense[team] = (units.defense[team] or 0) + sign * d.defense
	units.bp[team] = (units.bp[team] or 0) + sign * d.bp
	if d.com then
		units.coms[team] = (units.coms[team] or 0) + sign
	end
end

local function unitFinished(unitID, defID, team)
	local d = defInfo(defID)
	if not d or units.finished[unitID] ~= nil then
		return nil
	end
	units.finished[unitID] = team
	addValues(team, d, 1)
	return d
end

-- Returns the unit's def info when it was a tracked finished unit.
local function unitGone(unitID, defID)
	local team = units.finished[unitID]
	if team == nil then
		return nil
	end
	units.finished[unitID] = nil
	local d = defInfo(defID)
	if d then
		addValues(team, d, -1)
	end
	return d
end

-- UnitGiven and UnitTaken both report a transfer; moving to the new team is idempotent. Without
-- full view only one of them comes when the unit crosses to or from a team this view cannot read:
-- a unit arriving from one (given, captured) was never tracked, so it is looked up (counted if
-- finished; one still being built is counted by its UnitFinished); a unit leaving for one is
-- forgotten, since no call-in about it will come any more.
local function unitMoved(unitID, defID, newTeam)
	local team = units.finished[unitID]
	if team == newTeam then
		return
	end
	local ally = game.teamAlly[newTeam]
	if ally == nil then
		ally = Spring.GetTeamAllyTeamID(newTeam)
	end
	if not canRead(ally) then
		if team ~= nil then
			unitGone(unitID, defID)
		end
		return
	end
	if team == nil then
		if Spring.GetUnitIsBeingBuilt(unitID) == false then
			unitFinished(unitID, defID, newTeam)
		end
		return
	end
	local d = defInfo(defID)
	if d then
		addValues(team, d, -1)
		addValues(newTeam, d, 1)
	end
	units.finished[unitID] = newTeam
end

local function rescanUnits()
	units.finished, units.army, units.defense, units.bp, units.coms = {}, {}, {}, {}, {}
	for _, team in ipairs(game.teamIDs) do
		if canRead(game.teamAlly[team]) then
			local list = Spring.GetTeamUnits(team)
			if list then
				for i = 1, #list do
					local u = list[i]
					-- A unit dying (its death animation) is still listed, and already counted out.
					if not Spring.GetUnitIsBeingBuilt(u) and not Spring.GetUnitIsDead(u) then
						unitFinished(u, Spring.GetUnitDefID(u), team)
					end
				end
			end
		end
	end
end

local function refreshTopology()
	game.gaiaTeamID = Spring.GetGaiaTeamID() or -1
	local gaiaAlly = -1
	if game.gaiaTeamID >= 0 then
		gaiaAlly = select(6, Spring.GetTeamInfo(game.gaiaTeamID, false)) or -1
	end
	game.gaiaAllyTeamID = gaiaAlly
	local old = {}
	for _, a in ipairs(game.allies) do
		old[a.id] = a
	end
	local allies, teamIDs, teamAlly = {}, {}, {}
	for _, at in ipairs(Spring.GetAllyTeamList() or {}) do
		if at ~= gaiaAlly then
			local ids = {}
			for _, t in ipairs(Spring.GetTeamList(at) or {}) do
				if t ~= game.gaiaTeamID then
					ids[#ids + 1] = t
					teamAlly[t] = at
					teamIDs[#teamIDs + 1] = t
				end
			end
			if #ids > 0 then
				sort(ids)
				local entry = old[at] or Json.withShape({ id = at, dead = false }, ALLY_SHAPE)
				entry.team_ids = ids
				allies[#allies + 1] = entry
			end
		end
	end
	sort(allies, function(a, b) return a.id < b.id end)
	sort(teamIDs)
	game.allies, game.teamIDs, game.teamAlly = allies, teamIDs, teamAlly
end

-- Returns true when what the widget may read changed. In full view every team is readable
-- whatever the local ally team: BAR's camera lock switches it (specteam) several times a lock.
local function refreshView()
	local spec, full = Spring.GetSpectatingState()
	local fullView = (spec and full) and true or false
	local ally = Spring.GetLocalAllyTeamID()
	local changed = fullView ~= game.fullView or (not fullView and ally ~= game.myAllyTeamID)
	game.spectating = spec and true or false
	game.fullView = fullView
	game.myAllyTeamID = ally
	game.myPlayerID = Spring.GetLocalPlayerID()
	return changed
end

-- Is the team still played: an AI (skirmish or Lua) or an active player of the team? The engine
-- never marks the team of a player who left without resigning dead; BAR's game_end.lua counts it
-- out all the same.
local function controlled(team)
	if truthy(select(4, Spring.GetTeamInfo(team, false))) then
		return true
	end
	local luaAI = Spring.GetTeamLuaAI and Spring.GetTeamLuaAI(team)
	if type(luaAI) == "string" and luaAI ~= "" then
		return true
	end
	for _, pid in ipairs(Spring.GetPlayerList(team, true) or {}) do
		local _, active, spec = Spring.GetPlayerInfo(pid, false)
		if truthy(active) and not truthy(spec) then
			return true
		end
	end
	return false
end

-- Winners the way BAR's game_end.lua decides them (its GameOver call-in has no arguments): the
-- ally teams with a team alive and still controlled, none when every ally team is (undecided).
local function computeWinners()
	local alive = {}
	for _, a in ipairs(game.allies) do
		for _, t in ipairs(a.team_ids) do
			if not truthy(select(3, Spring.GetTeamInfo(t, false))) and controlled(t) then
				alive[#alive + 1] = a.id
				break
			end
		end
	end
	if #alive == #game.allies then
		return {}
	end
	return alive
end

local HEX = {}
for i = 0, 255 do
	HEX[i] = format("%02x", i)
end

local function channel(x)
	x = tonumber(x) or 0
	if x ~= x or x < 0 then
		return 0
	elseif x > 1 then
		return 255
	end
	return floor(x * 255 + 0.5)
end

local function nonNegativeId(v)
	v = tonumber(v)
	if v and v >= 0 and v == floor(v) then
		return v
	end
	return nil
end

local function parseSkill(opts)
	local s = type(opts) == "table" and opts.skill
	if type(s) ~= "string" or find(s, "~", 1, true) then -- "~": the player hides the rating
		return nil
	end
	return tonumber(match(s, "-?%d+%.?%d*"))
end

local NO_WINNERS = {}
local stateMsg = Json.withShape({ winners = {}, ally_teams = {}, teams = {}, players = {} }, STATE_BODY)
local teamEntries = {} -- team id -> persistent shaped entry, with its resource and stats tables
local playerEntries = {} -- player id -> persistent shaped entry
local skills = {} -- player id -> rating (false: none), read once with the player options
local rawColors = {} -- team id -> { r, g, b } as the engine last gave them

local function fillResource(r, current, storage, pull, income, expense, share, sent, received, excess)
	if current == nil then
		return nil
	end
	r.current, r.storage, r.pull, r.income, r.expense = current, storage, pull, income, expense
	r.share, r.sent, r.received, r.excess = share, sent, received, excess
	return r
end

local function fillStats(team, entry)
	local n = Spring.GetTeamStatsHistory(team)
	if not n or n < 1 then
		return nil
	end
	local history = Spring.GetTeamStatsHistory(team, n, n)
	local h = history and history[1]
	if not h then
		return nil
	end
	local s = entry.statsTable
	s.damage_dealt, s.damage_received = h.damageDealt, h.damageReceived
	s.units_killed, s.units_died, s.units_produced = h.unitsKilled, h.unitsDied, h.unitsProduced
	s.metal_produced, s.energy_produced = h.metalProduced, h.energyProduced
	s.metal_excess, s.energy_excess = h.metalExcess, h.energyExcess
	return s
end

local function teamEntry(team)
	local e = teamEntries[team]
	if not e then
		e = Json.withShape({ id = team, ai = false }, TEAM_SHAPE)
		e.metalTable = Json.withShape({}, RESOURCE_SHAPE)
		e.energyTable = Json.withShape({}, RESOURCE_SHAPE)
		e.statsTable = Json.withShape({}, STATS_SHAPE)
		teamEntries[team] = e
	end
	return e
end

local function factionOf(team, side)
	local startUnit = Spring.GetTeamRulesParam(team, "startUnit")
	local f = startUnit and COMMANDER_FACTION[startUnit]
	if f then
		return f
	end
	return SIDE_FACTION[type(side) == "string" and lower(side) or ""] or "unknown"
end

local function collectPlayers(msg)
	local list = Spring.GetPlayerList() or {}
	local players = msg.players
	local n = 0
	for i = 1, #list do
		local pid = list[i]
		local name, active, spec, team, allyTeam, ping, cpu, country, rank = Spring.GetPlayerInfo(pid, false)
		if name then
			local p = playerEntries[pid]
			if not p then
				p = Json.withShape({ id = pid }, PLAYER_SHAPE)
				playerEntries[pid] = p
			end
			if skills[pid] == nil then
				skills[pid] = parseSkill(select(11, Spring.GetPlayerInfo(pid, true))) or false
			end
			p.name = tostring(name)
			p.active = active == true or active == 1 -- truthy(), inlined here and below
			p.spectator = spec == true or spec == 1
			p.team = nonNegativeId(team) or 0
			p.ally_team = nonNegativeId(allyTeam) or 0
			p.ping_ms = tonumber(ping) and ping * 1000 or nil
			p.cpu = tonumber(cpu) and cpu * 100 or nil
			p.country = (type(country) == "string" and country ~= "") and country or nil
			p.rank = tonumber(rank) and nonNegativeId(floor(rank))
			p.skill = skills[pid] or nil
			n = n + 1
			players[n] = p
		end
	end
	for i = n + 1, #players do
		players[i] = nil
	end
end

-- Fills the entry's name, leader and AI flag, keeping the last ones known: the engine takes the AI
-- off a dead AI team and gives a resigned player's team leader -1, yet the team is still theirs.
local function fillIdentity(e, team, leader, isAI)
	local aiName = Spring.GetGameRulesParam("ainame_" .. Json.number(team)) -- BAR's AI names
	if type(aiName) == "string" and aiName ~= "" then
		isAI = true
	elseif isAI then
		aiName = select(2, Spring.GetAIInfo(team))
	end
	if isAI then
		e.ai = true
	end
	if leader then
		e.leader_player_id = leader
	end
	if e.ai then
		if type(aiName) == "string" and aiName ~= "" then
			e.name = aiName
		end
	else
		local p = e.leader_player_id and playerEntries[e.leader_player_id]
		local name = p and p.name
		if not name and e.leader_player_id then
			name = Spring.GetPlayerInfo(e.leader_player_id, false)
		end
		if type(name) == "string" then
			e.name = name
		end
	end
	if e.name == nil then
		e.name = "Team " .. Json.number(team)
	end
end

local function collectTeams(msg)
	local teams, teamIDs, teamAlly = msg.teams, game.teamIDs, game.teamAlly
	local fullView, myAlly = game.fullView, game.myAllyTeamID
	for i = 1, #teamIDs do
		local team = teamIDs[i]
		local e = teamEntries[team] or teamEntry(team)
		local _, leader, isDead, hasAI, side = Spring.GetTeamInfo(team, false)
		local ally = teamAlly[team]
		local readable = fullView or ally == myAlly -- canRead(ally)
		e.ally_team = ally
		e.dead = isDead == true or isDead == 1
		fillIdentity(e, team, nonNegativeId(leader), hasAI == true or hasAI == 1)
		-- The colour's text changes only with the engine's numbers (a NaN is never equal: read again).
		local r, g, b = Spring.GetTeamColor(team)
		local raw = rawColors[team]
		if not raw or r ~= raw[1] or g ~= raw[2] or b ~= raw[3] then
			rawColors[team] = { r, g, b }
			r, g, b = channel(r), channel(g), channel(b)
			if r ~= e.r or g ~= e.g or b ~= e.b then
				e.r, e.g, e.b = r, g, b
				e.color = "#" .. HEX[r] .. HEX[g] .. HEX[b]
			end
		end
		-- Read until known: in the lobby the start unit may change; once the game runs a known
		-- faction is settled, an unknown one (a random start unit not yet readable) is read again
		-- with every state (one GetTeamRulesParam per such team) until it is known.
		if not game.started or e.faction == nil or e.faction == "unknown" then
			e.faction = factionOf(team, side)
		end
		-- The engine returns nothing for what this view may not read; our own unit tracking
		-- covers readable ally teams only.
		e.metal = fillResource(e.metalTable, Spring.GetTeamResources(team, "metal"))
		e.energy = fillResource(e.energyTable, Spring.GetTeamResources(team, "energy"))
		e.stats = fillStats(team, e)
		if readable then
			e.unit_count = Spring.GetTeamUnitCount(team)
			e.army_value = units.army[team] or 0
			e.defense_value = units.defense[team] or 0
			e.build_power = units.bp[team] or 0
			e.commanders_alive = units.coms[team] or 0
		else
			e.unit_count, e.army_value, e.defense_value, e.build_power, e.commanders_alive = nil, nil, nil, nil, nil
		end
		teams[i] = e
	end
	for i = #teamIDs + 1, #teams do
		teams[i] = nil
	end
	local allies, list = msg.ally_teams, game.allies
	for i = 1, #list do
		local a = list[i]
		local dead = true
		local ids = a.team_ids
		for j = 1, #ids do
			if not teamEntries[ids[j]].dead then
				dead = false
				break
			end
		end
		a.dead = dead
		allies[i] = a
	end
	for i = #list + 1, #allies do
		allies[i] = nil
	end
end

local function phase()
	if game.over then
		return "over"
	elseif game.started then
		return "running"
	end
	return "lobby"
end

-- Fills the persistent state message (players first: team names come from them).
local function collectState()
	local msg = stateMsg
	if not game.started then
		refreshTopology() -- the lobby may still change
	end
	local f = gameFrame()
	local speed, _, paused = Spring.GetGameSpeed() -- the speed set, not the one the sim keeps up
	msg.frame = f
	msg.game_seconds = f / GAME_SPEED
	msg.speed = tonumber(speed) or 1
	msg.paused = truthy(paused)
	msg.phase = phase()
	msg.full_view = game.fullView
	msg.winners = game.over and game.winners or NO_WINNERS
	collectPlayers(msg)
	collectTeams(msg)
	return msg
end

-- The widget builds messages while it is or wants to be connected.
collecting = function()
	local st = conn.state
	return st == CONNECTED or st == CONNECTING or st == RECONNECTING
end

-- Encodes and queues one message body; false when it could not be encoded.
local function enqueue(kind, body)
	local t0 = tick()
	local text, err = Json.encode(body)
	meter(stats.cur.serialize, msSince(t0))
	if not text then
		stats.errors = stats.errors + 1
		log("error", "could not encode a " .. kind .. " message: " .. err)
		return false
	end
	if #text + 64 > MAX_FRAME then
		stats.errors = stats.errors + 1
		log("error", kind .. " message of " .. Json.number(#text) .. " bytes is over the frame limit; dropped")
		return false
	end
	local seq = nil
	if conn.state == CONNECTED then
		seq = conn.nextSeq
		conn.nextSeq = seq + 1
	end
	if kind == "state" then
		Queue.pushState(queue, text, seq)
	else
		Queue.push(queue, kind, text, seq)
	end
	return true
end

local function queueState(now)
	game.lastStateAt = now
	game.lastStateFrame = game.latestFrame
	game.stateWanted = false
	local t0 = tick()
	local msg = collectState()
	meter(stats.cur.collect, msSince(t0))
	return enqueue("state", msg)
end

-- One state per `state_interval` game seconds (at most 10 a second while the game catches up),
-- and at least one per `state_interval` wall seconds (lobby, pause).
local MIN_STATE_GAP = 0.1

local function stateDue(now)
	if not game.ready then
		return false -- what may be read is not known yet (see setUpCollection)
	end
	if conn.state == CONNECTED and conn.holding then
		return false -- it would only replace the state waiting for probation to end: a seq gap
	end
	local since = now - game.lastStateAt
	if since < MIN_STATE_GAP then
		return false
	end
	return game.stateWanted
		or game.latestFrame - game.lastStateFrame >= settings.state_interval * GAME_SPEED
		or since >= settings.state_interval
end

local function helloBody()
	local name = Spring.GetPlayerInfo(game.myPlayerID, false)
	local engine = Engine and Engine.version
	if engine == nil or engine == "" then -- empty in Spring 106 and some Recoil builds
		engine = Engine and Engine.versionFull
	end
	return Json.withShape({
		frame = gameFrame(),
		widget = Json.withShape({ name = WIDGET_NAME, version = WIDGET_VERSION }, HELLO_WIDGET),
		engine = Json.withShape({ version = tostring(engine or "unknown") }, HELLO_ENGINE),
		game = Json.withShape({
			name = tostring(Game.gameName or "unknown"),
			version = tostring(Game.gameVersion or "unknown"),
			map = tostring(Game.mapName or "unknown"),
			replay = Spring.IsReplay() and true or false,
		}, HELLO_GAME),
		local_player = Json.withShape({
			id = nonNegativeId(game.myPlayerID) or 0,
			name = tostring(name or ""),
			spectator = game.spectating,
			full_view = game.fullView,
		}, HELLO_PLAYER),
	}, HELLO_BODY)
end

onConnected = function(now)
	conn.serial = conn.serial + 1
	setState(CONNECTED, endpoint())
	conn.connectedAt = now
	conn.progressAt = now
	conn.checkAt = now + LIVENESS_INTERVAL
	conn.probation = conn.checkAt
	conn.holding = true
	conn.lastError = nil
	pcall(conn.sock.setoption, conn.sock, "tcp-nodelay", true) -- events go out at once
	-- hello is seq 1 on every connection; what waited in the queue follows it, after a gap as
	-- long as the drops no message has shown yet.
	conn.nextSeq = Queue.renumber(queue, 2)
	local text, err = Json.encode(helloBody())
	local lead = text and frameMessage("hello", 1, text)
	if not lead then
		return fatal("cannot build the hello message: " .. tostring(err))
	end
	setOut(lead, text, false)
	if not queue.state then
		game.stateWanted = true -- a state right after the hello (one waiting is at most one interval old)
	end
end

-- The encoded goodbye body (nil if it cannot be built: the connection then just closes).
local function goodbyeBody(reason)
	local ok, f = pcall(gameFrame) -- a goodbye even when the engine's clock call fails
	return (Json.encode(Json.withShape({ frame = ok and f or game.latestFrame, reason = reason }, GOODBYE_BODY)))
end

--------------------------------------------------------------------------------
-- Events: sent at once (queued in order, never coalesced).
--------------------------------------------------------------------------------

local EVENT_FIELDS = {
	game_start = {},
	game_over = { "winners" },
	team_died = { "team" },
	commander_destroyed = { "team", "attacker_team" },
	unit_finished = { "unit_def", "unit_name", "team", "cost" },
	unit_destroyed = { "unit_def", "unit_name", "team", "cost", "attacker_team" },
	paused = { "player" },
	unpaused = { "player" },
	player_left = { "player", "name" },
}
local eventBodies = {}
for name, fields in pairs(EVENT_FIELDS) do
	local keys = { "frame", "game_seconds", "event" }
	for _, f in ipairs(fields) do
		keys[#keys + 1] = f
	end
	eventBodies[name] = Json.withShape({ event = name }, Json.shape(keys, true))
end

local function emit(name, ...)
	if not collecting() then
		return
	end
	local body = eventBodies[name]
	local f = gameFrame()
	body.frame = f
	body.game_seconds = f / GAME_SPEED
	local fields = EVENT_FIELDS[name]
	for i = 1, #fields do
		body[fields[i]] = (select(i, ...))
	end
	enqueue("event", body)
end

local function isGaia(team)
	return team == game.gaiaTeamID
end

local function onUnitFinished(unitID, defID, team)
	local d = unitFinished(unitID, defID, team)
	if d and not d.com and d.cost >= settings.notable_cost and not isGaia(team) then
		emit("unit_finished", d.name, d.human, team, d.cost)
	end
end

local function onUnitDestroyed(unitID, defID, team, attackerTeam)
	local d = unitGone(unitID, defID)
	if not d or isGaia(team) then
		return
	end
	-- BAR's unit_evolution.lua replaces a levelling-up unit (a commander, mostly): it names the new
	-- unit in the old one's unit_evolved, then destroys the old one. The new one is counted when
	-- it is finished; nothing was destroyed.
	if Spring.GetUnitRulesParam(unitID, "unit_evolved") ~= nil then
		return
	end
	attackerTeam = nonNegativeId(attackerTeam)
	if d.com then
		emit("commander_destroyed", team, attackerTeam)
	elseif d.cost >= settings.notable_cost then
		emit("unit_destroyed", d.name, d.human, team, d.cost, attackerTeam)
	end
end

local onViewChanged -- forward (defined with the other call-in work below)

local function onGameStart()
	game.started = true
	refreshTopology()
	-- The engine sets the local ally team at start without a PlayerChanged.
	if refreshView() then
		onViewChanged()
	end
	emit("game_start")
	game.stateWanted = true
end

local function onGameOver()
	if game.over then
		return
	end
	game.over = true
	refreshTopology()
	game.winners = computeWinners()
	emit("game_over", game.winners)
	game.stateWanted = true
end

local function onTeamDied(team)
	if isGaia(team) then
		return
	end
	emit("team_died", team)
	game.stateWanted = true
end

local function onPaused(playerID, paused)
	emit(paused and "paused" or "unpaused", nonNegativeId(playerID))
	game.stateWanted = true
end

local function onPlayerRemoved(playerID)
	local p = playerEntries[playerID]
	local name, _, spec = Spring.GetPlayerInfo(playerID, false)
	if p then
		name, spec = p.name, p.spectator
	end
	if name and not truthy(spec) then
		emit("player_left", playerID, tostring(name))
	end
	game.stateWanted = true
end

-- What may be read changed: units counted afresh. Debug level: a caster's camera lock can
-- switch the view several times a minute, and the console is on stream.
onViewChanged = function()
	log("debug", game.fullView and "full view: exporting every team"
		or "no full view: exporting only your ally team (full_view: false)")
	rescanUnits()
	for _, e in pairs(teamEntries) do
		e.faction = nil -- the start units readable now may differ
	end
end

local function onPlayerChanged(playerID)
	skills[playerID] = nil
	if playerID == game.myPlayerID and refreshView() then
		onViewChanged()
	end
	game.stateWanted = true
end

--------------------------------------------------------------------------------
-- Commands: /livedata ...
--------------------------------------------------------------------------------

local function manualConnect(now)
	conn.manualOff = false
	conn.backoff = BACKOFF_FIRST
	conn.failures = 0
	if conn.state == CONNECTED then
		sayGoodbyeAndClose(goodbyeBody("reconnect"))
	end
	startConnect(now)
end

local function manualDisconnect()
	conn.manualOff = true
	if conn.state == DISCONNECTED then
		return false
	end
	sayGoodbyeAndClose(goodbyeBody("disconnect"))
	setState(DISCONNECTED, "by command")
	return true
end

local function fmtMs(x)
	return Json.number(x) .. " ms"
end

local function statusLines()
	local w = stats.last or stats.cur
	local seconds = w.seconds or (clock.now - w.start)
	local function mean(m)
		return m.n > 0 and m.sum / m.n or 0
	end
	local lines = {
		"state " .. conn.state .. " " .. endpoint()
			.. (conn.state == RECONNECTING and (", retry in " .. Json.number(conn.retryAt - clock.now) .. " s") or "")
			.. (conn.lastError and (", last error: " .. conn.lastError) or ""),
		"view: " .. (game.fullView and "full (all teams)" or "partial (own ally team only)")
			.. ", phase " .. phase() .. ", auto-reconnect " .. (settings.auto_reconnect and "on" or "off")
			.. " (longest wait " .. Json.number(settings.retry_max) .. " s)"
			.. (conn.manualOff and " (paused by disconnect)" or ""),
		"queue " .. Json.number(Queue.count(queue)) .. "/" .. Json.number(queue.cap)
			.. " (" .. Json.number(floor(queue.bytes / 1024)) .. "/" .. Json.number(floor(queue.maxBytes / 1024))
			.. " KiB), dropped " .. Json.number(queue.dropped) .. ", coalesced states " .. Json.number(queue.coalesced)
			.. ", sent " .. Json.number(stats.messages) .. " messages, "
			.. Json.number(stats.kib + stats.bytes / 1024) .. " KiB",
		"last " .. Json.number(seconds) .. " s: " .. Json.number(seconds > 0 and w.bytes / seconds or 0) .. " B/s"
			.. ", update " .. fmtMs(mean(w.update)) .. " mean / " .. fmtMs(w.update.max) .. " max"
			.. ", state " .. fmtMs(mean(w.collect)) .. ", serialize " .. fmtMs(mean(w.serialize))
			.. " / " .. fmtMs(w.serialize.max) .. ", send " .. fmtMs(mean(w.send)) .. " / " .. fmtMs(w.send.max),
		"settings: interval " .. Json.number(settings.state_interval) .. " s, log " .. settings.log_level
			.. ", budget " .. Json.number(settings.frame_budget) .. " B/frame, notable units from "
			.. Json.number(settings.notable_cost) .. " metal, errors " .. Json.number(stats.errors),
	}
	return lines
end

local USAGE = {
	status = "/livedata status",
	connect = "/livedata connect",
	disconnect = "/livedata disconnect",
	reconnect = "/livedata reconnect",
	host = "/livedata host <IPv4 address, e.g. 127.0.0.1>",
	port = "/livedata port <1-65535>",
	interval = "/livedata interval <seconds, 0.1-60>",
	setqueuesize = "/livedata setqueuesize <16-5000>",
	clearqueue = "/livedata clearqueue",
	testmessage = "/livedata testmessage",
	loglevel = "/livedata loglevel <error|warn|info|debug>",
	autoreconnect = "/livedata autoreconnect <on|off>",
	retrymax = "/livedata retrymax <longest wait between reconnect attempts, 1-300 s>",
	budget = "/livedata budget <bytes per frame, 1024-1048576>",
	notable = "/livedata notable <metal cost, 0-1000000>",
	help = "/livedata help",
}
local HELP_ORDER = {
	"status", "connect", "disconnect", "reconnect", "host", "port", "interval", "setqueuesize",
	"clearqueue", "testmessage", "loglevel", "autoreconnect", "retrymax", "budget", "notable", "help",
}

-- Setting commands: command word -> setting key.
local SETTING_COMMANDS = {
	host = "host",
	port = "port",
	interval = "state_interval",
	setqueuesize = "queue_size",
	loglevel = "log_level",
	autoreconnect = "auto_reconnect",
	retrymax = "retry_max",
	budget = "frame_budget",
	notable = "notable_cost",
}

local function showValue(v)
	if type(v) == "number" then
		return Json.number(v)
	elseif type(v) == "boolean" then
		return v and "on" or "off"
	end
	return tostring(v)
end

local function applySetting(key, value, now)
	local old = settings[key]
	settings[key] = value
	if key == "queue_size" then
		local dropped = Queue.setCap(queue, value)
		if dropped > 0 then
			say("queue size " .. Json.number(value) .. ": dropped the " .. Json.number(dropped) .. " oldest messages")
		end
	elseif conn.manualOff then
		return -- connection settings wait for /livedata connect
	elseif (key == "host" or key == "port") and old ~= value then
		if conn.state == CONNECTED then
			sayGoodbyeAndClose(goodbyeBody("reconnect"))
		end
		conn.backoff = BACKOFF_FIRST
		conn.failures = 0
		startConnect(now)
	elseif key == "auto_reconnect" and value and conn.state == DISCONNECTED then
		startConnect(now)
	elseif key == "retry_max" then
		conn.backoff = min(conn.backoff, value)
		if conn.state == RECONNECTING and conn.retryAt > now + value then
			conn.retryAt = now + value
		end
	end
end

local commands = {}

function commands.status()
	for _, line in ipairs(statusLines()) do
		say(line)
	end
end

function commands.connect(now)
	say("connecting to " .. endpoint())
	manualConnect(now)
end

function commands.disconnect()
	if manualDisconnect() then
		say("disconnected; auto-reconnect paused until /livedata connect")
	else
		say("already disconnected; auto-reconnect paused until /livedata connect")
	end
end

function commands.reconnect(now)
	say("reconnecting to " .. endpoint())
	manualConnect(now)
end

function commands.clearqueue()
	say("cleared " .. Json.number(Queue.clear(queue)) .. " queued messages")
end

function commands.testmessage(now)
	if not collecting() then
		say("not connected: /livedata connect first")
		return
	end
	local t0 = tick()
	local ok = queueState(now)
	local body = queue.state and queue.state.body
	if ok and body then
		say("queued a state message now (" .. Json.number(#body) .. " bytes, built and encoded in "
			.. fmtMs(msSince(t0)) .. ")")
	else
		say("could not build a state message (see the log above)")
	end
end

function commands.help()
	say("commands: " .. concat(HELP_ORDER, ", "))
	for _, word in ipairs(HELP_ORDER) do
		say("  " .. USAGE[word])
	end
end

local function runCommand(words, now)
	local word = words[1] and lower(words[1]) or "status"
	local key = SETTING_COMMANDS[word]
	if key then
		local arg = words[2]
		local spec = SETTING_BY_KEY[key]
		local value = nil
		if arg ~= nil and words[3] == nil then
			value = spec.check(arg)
		end
		if value == nil then
			say("usage: " .. USAGE[word] .. (arg and (" (" .. key .. " must be " .. spec.expect .. ")") or ""))
			return
		end
		applySetting(key, value, now)
		say(key .. " = " .. showValue(value))
		return
	end
	local fn = commands[word]
	if not fn or words[2] ~= nil then
		say("usage: " .. (USAGE[word] or "/livedata <command>; /livedata help lists them"))
		return
	end
	fn(now)
end

--------------------------------------------------------------------------------
-- Call-ins. Each one's work runs under pcall; an error is counted and logged at most once per
-- call-in every ERROR_LOG_INTERVAL seconds, and never reaches the widget handler.
--------------------------------------------------------------------------------

local ERROR_LOG_INTERVAL = 10
local errorLog = {} -- call-in name -> { at, suppressed }

local function reportError(name, err)
	stats.errors = stats.errors + 1
	local e = errorLog[name]
	if not e then
		e = { at = -huge, suppressed = 0 }
		errorLog[name] = e
	end
	if clock.now - e.at >= ERROR_LOG_INTERVAL then
		local more = e.suppressed > 0 and (" (" .. e.suppressed .. " more since the last report)") or ""
		e.at, e.suppressed = clock.now, 0
		pcall(log, "error", name .. " failed: " .. tostring(err) .. more) -- even Echo may fail
	else
		e.suppressed = e.suppressed + 1
	end
end

local function guard(name, fn, ...)
	local ok, err = pcall(fn, ...)
	if not ok then
		reportError(name, err)
	end
	return ok
end

local pendingSettingsNote = nil

-- What the widget reads once before it collects (again after a fault, every SETUP_RETRY seconds).
local SETUP_RETRY = 2

local function setUpCollection()
	game.ready = false
	refreshView()
	refreshTopology()
	game.latestFrame = gameFrame()
	game.started = game.started or game.latestFrame > 0
	if Spring.IsGameOver() then
		game.over = true
		game.winners = computeWinners()
	end
	if game.started then
		rescanUnits()
	end
	game.ready = true
end

local function update()
	local t0 = tick()
	local now = clockNow()
	clock.now = now
	rollStats(now)
	if not game.ready and now >= game.setUpAt then
		game.setUpAt = now + SETUP_RETRY
		if guard("collection setup", setUpCollection) then
			log("info", "collection set up: " .. (game.fullView and "full view" or "partial view (own ally team only)"))
		end
	end
	if collecting() and stateDue(now) then
		guard("state", queueState, now)
	end
	guard("connection", connectionStep, now)
	meter(stats.cur.update, msSince(t0))
end

-- Each step on its own: a fault in one (a Spring call that throws) is logged and the others still
-- run, so the /livedata commands and the connection work whatever collection setup does; that
-- one is tried again from Update until it succeeds.
local function initialize()
	guard("Initialize (clock)", function()
		clock.now = clockNow()
	end)
	if pendingSettingsNote then
		guard("Initialize (settings)", say, pendingSettingsNote) -- shown at every log level
		pendingSettingsNote = nil
	end
	queue.cap = settings.queue_size
	guard("Initialize (unit defs)", function()
		for faction, name in pairs({ armada = "armcom", cortex = "corcom", legion = "legcom" }) do
			local def = UnitDefNames and UnitDefNames[name]
			if def and def.id then
				COMMANDER_FACTION[def.id] = faction
			end
		end
	end)
	guard("Initialize (commands)", function()
		widgetHandler:AddAction("livedata", function(_, _, words)
			guard("command", runCommand, words or {}, clock.now)
			return true
		end, nil, "t")
	end)
	game.setUpAt = clock.now + SETUP_RETRY
	local ready = guard("Initialize (collection setup)", setUpCollection)
	guard("Initialize (log)", log, "info", "v" .. WIDGET_VERSION .. " loaded; "
		.. (ready and (game.fullView and "full view" or "partial view (own ally team only)")
			or ("collection setup failed, retrying every " .. SETUP_RETRY .. " s"))
		.. "; /livedata help lists the commands")
	guard("Initialize (connect)", startConnect, clock.now)
end

function widget:Initialize()
	guard("Initialize", initialize)
end

function widget:Shutdown()
	local was, said = conn.state, false
	if was == CONNECTED then
		guard("Shutdown (goodbye)", function()
			said = sayGoodbyeAndClose(goodbyeBody("shutdown"))
		end)
	end
	guard("Shutdown (close)", closeSocket)
	if was ~= DISCONNECTED then
		guard("Shutdown (state)", setState, DISCONNECTED,
			"widget shut down" .. (was == CONNECTED and (said and ", goodbye sent" or ", no goodbye") or ""))
	end
	guard("Shutdown (commands)", function()
		widgetHandler:RemoveAction("livedata")
	end)
end

function widget:GetConfigData()
	return settingsCopy()
end

function widget:SetConfigData(data)
	guard("SetConfigData", function()
		pendingSettingsNote = loadSettings(data)
	end)
end

function widget:Update()
	guard("Update", update)
end

function widget:GameFrame(n)
	game.latestFrame = n
end

function widget:GameStart()
	guard("GameStart", onGameStart)
end

function widget:GameOver()
	guard("GameOver", onGameOver)
end

function widget:GamePaused(playerID, paused)
	guard("GamePaused", onPaused, playerID, paused)
end

function widget:TeamDied(teamID)
	guard("TeamDied", onTeamDied, teamID)
end

function widget:TeamChanged()
	guard("TeamChanged", refreshTopology)
end

function widget:PlayerChanged(playerID)
	guard("PlayerChanged", onPlayerChanged, playerID)
end

function widget:PlayerAdded()
	guard("PlayerAdded", refreshTopology)
end

function widget:PlayerRemoved(playerID)
	guard("PlayerRemoved", onPlayerRemoved, playerID)
end

function widget:UnitFinished(unitID, unitDefID, unitTeam)
	guard("UnitFinished", onUnitFinished, unitID, unitDefID, unitTeam)
end

function widget:UnitDestroyed(unitID, unitDefID, unitTeam, _, _, attackerTeam)
	guard("UnitDestroyed", onUnitDestroyed, unitID, unitDefID, unitTeam, attackerTeam)
end

function widget:UnitGiven(unitID, unitDefID, newTeam)
	guard("UnitGiven", unitMoved, unitID, unitDefID, newTeam)
end

function widget:UnitTaken(unitID, unitDefID, _, newTeam)
	guard("UnitTaken", unitMoved, unitID, unitDefID, newTeam)
end

--------------------------------------------------------------------------------
-- Test access (specs and benchmarks only; LIVEDATA_TEST is never set in the game)
--------------------------------------------------------------------------------

if LIVEDATA_TEST then
	widget._test = {
		Json = Json,
		Queue = Queue,
		queue = queue,
		conn = conn,
		game = game,
		units = units,
		settings = settings,
		stats = stats,
		clock = clock,
		lengthPrefix = lengthPrefix,
		frameMessage = frameMessage,
		collectState = collectState,
		queueState = queueState,
		enqueue = enqueue,
		statusLines = statusLines,
		MAX_FRAME = MAX_FRAME,
		STALL_TIMEOUT = STALL_TIMEOUT,
		QUEUE_MAX_BYTES = QUEUE_MAX_BYTES,
		MESSAGE_COST = MESSAGE_COST,
		CLOSE_WRITE = CLOSE_WRITE,
		STATES = {
			DISCONNECTED = DISCONNECTED, CONNECTING = CONNECTING, CONNECTED = CONNECTED,
			RECONNECTING = RECONNECTING, ERROR = ERROR,
		},
	}
end
