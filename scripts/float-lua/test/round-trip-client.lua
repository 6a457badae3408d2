-- Client for float-lua.process.test.ts: sends one frame per size (4-byte big-endian length computed with the
-- widget's float-safe arithmetic, then a body of repeated digits) through a non-blocking LuaSocket,
-- then prints each length the server acks (a frame whose body is that length as 4 big-endian bytes).
-- Usage: lua5.1 round-trip-client.lua PORT SIZE...
local socket = require("socket")

local port = assert(tonumber(arg[1]), "usage: round-trip-client.lua PORT SIZE...")
local sizes = {}
for i = 2, #arg do
  sizes[#sizes + 1] = assert(tonumber(arg[i]), "a size is not a number")
end

local function be32(n)
  return string.char(
    math.floor(n / 16777216) % 256,
    math.floor(n / 65536) % 256,
    math.floor(n / 256) % 256,
    n % 256
  )
end

local function read_be32(bytes)
  local a, b, c, d = bytes:byte(1, 4)
  return ((a * 256 + b) * 256 + c) * 256 + d
end

-- Waits of 50 ms at most, 20 s in all: a broken peer fails the run instead of hanging it.
local waits = 0
local function wait(readers, writers)
  waits = waits + 1
  assert(waits <= 400, "timed out")
  socket.select(readers, writers, 0.05)
end

local client = socket.tcp()
client:settimeout(0)
local connected, err = client:connect("127.0.0.1", port)
while not connected do
  assert(err == "timeout" or err == "Operation already in progress", err)
  wait(nil, { client })
  connected, err = client:connect("127.0.0.1", port)
  if err == "already connected" then
    connected = true
  end
end

local function send_all(data)
  local sent = 0
  while sent < #data do
    local last, send_err, partial = client:send(data, sent + 1)
    if last then
      sent = last
    else
      assert(send_err == "timeout", send_err)
      sent = partial
      wait(nil, { client })
    end
  end
end

local function receive_exact(n)
  local parts, have = {}, 0
  while have < n do
    local data, receive_err, partial = client:receive(n - have)
    local got = data or partial
    parts[#parts + 1] = got
    have = have + #got
    if not data then
      assert(receive_err == "timeout", receive_err)
      wait({ client }, nil)
    end
  end
  return table.concat(parts)
end

-- One send buffer per frame: send indices past 2^24 are not exact floats, so a longer buffer
-- would resend or skip bytes.
for _, size in ipairs(sizes) do
  send_all(be32(size) .. string.rep("0123456789", math.floor(size / 10) + 1):sub(1, size))
end

for _ = 1, #sizes do
  assert(read_be32(receive_exact(4)) == 4, "an ack frame carries one 4-byte length")
  print(("ACK %d"):format(read_be32(receive_exact(4))))
end
client:close()
