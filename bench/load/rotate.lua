-- wrk script for S4: every request is a doit GET /emit to the next of the connected clients' keys (u0 … u<keys-1>).
-- usage: wrk -t2 -c64 -d10s -s load/rotate.lua http://127.0.0.1:8580 -- <keys> <pad>
local keys, pad, counter = 1000, "", 0

function init(args)
  keys = tonumber(args[1] or "1000")
  pad = args[2] or ""
  counter = math.random(0, keys - 1)  -- the two wrk threads start at different keys
end

function request()
  counter = (counter + 1) % keys
  return wrk.format("GET", "/emit?id=u" .. counter .. "&message=h&pad=" .. pad)
end
