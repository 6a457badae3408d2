-- A real TCP listener on 127.0.0.1 for specs (the widget under test connects to it with real
-- LuaSocket). Non-blocking: poll() accepts and reads whatever has arrived, splits it into
-- length-prefixed frames and decodes each with dkjson. Connections are kept apart so specs can
-- check that every connection starts with a hello and numbers its messages from 1.

local socket = require("socket")
local dkjson = require("dkjson")

local TestServer = {}
TestServer.__index = TestServer

-- port: 0 (default) for an ephemeral one. backlog: the listen queue. Set `paused` to stop reading,
-- `rejecting` to close every new connection at once.
function TestServer.start(port, backlog)
	local srv = assert(socket.bind("127.0.0.1", port or 0, backlog or 8))
	srv:settimeout(0)
	local _, boundPort = srv:getsockname()
	return setmetatable({ srv = srv, port = tonumber(boundPort), conns = {}, paused = false }, TestServer)
end

local function bigEndian(s, i)
	local a, b, c, d = s:byte(i, i + 3)
	return ((a * 256 + b) * 256 + c) * 256 + d
end

-- Splits complete frames off conn.buffer into conn.frames (raw) and conn.messages (decoded).
local function parse(conn)
	while #conn.buffer >= 4 do
		local len = bigEndian(conn.buffer, 1)
		if #conn.buffer < 4 + len then
			return
		end
		local payload = conn.buffer:sub(5, 4 + len)
		conn.buffer = conn.buffer:sub(5 + len)
		conn.frames[#conn.frames + 1] = payload
		local value, _, err = dkjson.decode(payload, 1, dkjson.null)
		conn.messages[#conn.messages + 1] = value or { decode_error = err, raw = payload }
	end
end

function TestServer:poll()
	for _, c in ipairs(self.doomed or {}) do
		c:close()
	end
	self.doomed = {}
	while true do
		local c = self.srv:accept()
		if not c then
			break
		end
		c:settimeout(0)
		if self.rejecting then -- a full bridge: accepts, then closes unread (at the next poll)
			self.doomed[#self.doomed + 1] = c
			self.rejected = (self.rejected or 0) + 1
		else
			self.conns[#self.conns + 1] = { sock = c, buffer = "", frames = {}, messages = {}, closed = false, bytes = 0 }
		end
	end
	if self.paused then
		return
	end
	for _, conn in ipairs(self.conns) do
		while not conn.closed do -- read all that has arrived
			local data, err, partial = conn.sock:receive(1048576)
			local got = data or partial
			if got and #got > 0 then
				conn.bytes = conn.bytes + #got
				conn.buffer = conn.buffer .. got
				parse(conn)
			end
			if err == "closed" then
				conn.closed = true
				conn.sock:close()
			elseif err then
				break
			end
		end
	end
end

-- Every decoded message of every connection, in arrival order.
function TestServer:messages()
	local all = {}
	for _, conn in ipairs(self.conns) do
		for _, m in ipairs(conn.messages) do
			all[#all + 1] = m
		end
	end
	return all
end

function TestServer:last(kind)
	local all = self:messages()
	for i = #all, 1, -1 do
		if all[i].type == kind then
			return all[i]
		end
	end
	return nil
end

-- Closes every accepted connection (the bridge going away), keeping the listener.
function TestServer:dropConnections()
	for _, conn in ipairs(self.conns) do
		if not conn.closed then
			conn.sock:close()
			conn.closed = true
		end
	end
end

function TestServer:close()
	self:dropConnections()
	self.srv:close()
end

-- A free port on which nothing listens (bound, then closed): connects to it are refused.
function TestServer.refusedPort()
	local s = assert(socket.bind("127.0.0.1", 0))
	local _, port = s:getsockname()
	s:close()
	return tonumber(port)
end

return TestServer
