-- A LuaSocket stand-in for specs that need the kernel's send buffer under control, byte for byte:
-- each socket has `bufferSize` bytes of send buffer of which `queued` wait for the peer (the peer
-- reads them with net:drain(n)). send(data, i, j) takes what fits and reports the rest as LuaSocket
-- 2.0.2 does (nil, "timeout", last index sent); select(nil, {s}, 0) says writable as Linux does
-- for TCP: free space at least half of what is queued (so a writable socket always has a third of
-- its buffer free). connect() succeeds at once (or is refused: net.refuse = true).
--
--   local net = FakeSocket.new({ bufferSize = 65536 })
--   WidgetHost.load(game, { socket = net.socket })
--   net:frames()  -- what the current socket wrote: decoded frames, and bytes of a cut frame
local dkjson = require("dkjson")

local FakeSocket = {}

local Sock = {}
Sock.__index = Sock

function Sock:settimeout()
	return 1
end

function Sock:setoption()
	return 1
end

function Sock:connect()
	if self.net.refuse then
		return nil, "connection refused"
	end
	if self.connected then
		return nil, "already connected"
	end
	self.connected = true
	return 1
end

function Sock:getpeername()
	if self.connected then
		return "127.0.0.1", 9876
	end
	return nil, "getpeername failed"
end

function Sock:free()
	return self.bufferSize - self.queued
end

function Sock:isWritable()
	local free = self:free()
	return self.connected and not self.closed and free > 0 and free >= self.queued / 2
end

function Sock:send(data, i, j)
	i = i or 1
	j = j or #data
	if self.closed or self.peerClosed then
		return nil, "closed", i - 1
	end
	local want = j - i + 1
	local n = math.min(want, math.max(0, self:free()))
	if n > 0 then
		self.written[#self.written + 1] = data:sub(i, i + n - 1)
		self.queued = self.queued + n
	end
	self.sends = self.sends + 1
	if n < want then
		return nil, "timeout", i + n - 1
	end
	return j
end

function Sock:receive()
	if self.peerClosed then
		return nil, "closed", ""
	end
	return nil, "timeout", ""
end

function Sock:close()
	self.closed = true
	return 1
end

function Sock:bytes()
	return table.concat(self.written)
end

local function bigEndian(s, i)
	local a, b, c, d = s:byte(i, i + 3)
	return ((a * 256 + b) * 256 + c) * 256 + d
end

-- The socket's written bytes as frames: decoded messages, and how many bytes a cut frame left at
-- the end (0 when every frame is whole).
function Sock:frames()
	local s, at, out = self:bytes(), 1, {}
	while #s - at + 1 >= 4 do
		local len = bigEndian(s, at)
		if #s - at + 1 < 4 + len then
			break
		end
		out[#out + 1] = dkjson.decode(s:sub(at + 4, at + 3 + len), 1, dkjson.null)
		at = at + 4 + len
	end
	return out, #s - at + 1
end

function FakeSocket.new(opts)
	opts = opts or {}
	local net = { sockets = {}, refuse = false, bufferSize = opts.bufferSize or 65536 }
	local socket = { _VERSION = "LuaSocket 2.0.2 (fake)" }
	function socket.tcp()
		local s = setmetatable({
			net = net, bufferSize = net.bufferSize, queued = 0, written = {}, sends = 0,
			connected = false, closed = false, peerClosed = false,
		}, Sock)
		net.sockets[#net.sockets + 1] = s
		return s
	end
	function socket.select(recvt, sendt, timeout)
		assert(timeout == 0, "select must not wait")
		local readable, writable = {}, {}
		for _, s in ipairs(recvt or {}) do
			if s.peerClosed then
				readable[#readable + 1] = s
				readable[s] = true
			end
		end
		for _, s in ipairs(sendt or {}) do
			if s:isWritable() then
				writable[#writable + 1] = s
				writable[s] = true
			end
		end
		if #readable == 0 and #writable == 0 then
			return readable, writable, "timeout"
		end
		return readable, writable
	end
	net.socket = socket
	-- The socket made last.
	function net.current()
		return net.sockets[#net.sockets]
	end
	-- The peer reads n bytes (all when n is nil) of the current socket's buffer.
	function net.drain(n)
		local s = net.current()
		s.queued = n and math.max(0, s.queued - n) or 0
	end
	-- Leaves the current socket exactly `room` bytes of free send buffer.
	function net.room(room)
		local s = net.current()
		s.bufferSize = s.queued + room
	end
	function net.frames()
		return net.current():frames()
	end
	return net
end

return FakeSocket
