-- wrk script for S4: every request is a doit GET /emit to the next of the connected clients' keys (u0 … u<keys-1>).
-- usage: wrk -t2 -c64 -d10s -s load/rotate.lua http://127.0.0.1:8580 -- <keys> <pad>
-- The requests are built once, in init: formatting each one anew cost wrk CPU that both servers share the cores with.
local requests, keys, counter = {}, 1000, 0

function init(args)
  keys = tonumber(args[1] or "1000")
  local pad = args[2] or ""
  for k = 0, keys - 1 do
    requests[k] = wrk.format("GET", "/emit?id=u" .. k .. "&message=h&pad=" .. pad)
  end
  counter = math.random(0, keys - 1)  -- the two wrk threads start at different keys
end

function request()
  counter = (counter + 1) % keys
  return requests[counter]
end
