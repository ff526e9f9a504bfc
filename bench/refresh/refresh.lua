-- wrk script: each in-flight request rotates a chain (a session) that no other request holds at that moment.
-- The tokens file (BENCH_TOKENS_FILE, one refresh token a line) is split between wrk's threads; each thread keeps
-- its chains in a queue: request() takes a token, response() puts the successor back. With more chains per thread
-- than connections per thread, a connection always finds a free chain, and no chain is ever refreshed twice at once
-- (so the grace window never plays a part: every request is a real rotation).
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  ready = {}
  failures = 0
  local n = 0
  for line in io.lines(os.getenv("BENCH_TOKENS_FILE")) do
    if n % tonumber(os.getenv("BENCH_THREADS")) == id then
      ready[#ready + 1] = line
    end
    n = n + 1
  end
end

function request()
  local token = table.remove(ready, 1)
  if token == nil then
    -- Every chain of this thread is lost (only after failures): send a refresh that fails, visibly.
    token = "lost"
  end
  return wrk.format("POST", "/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    local successor = string.match(body, '"refresh_token":"([^"]+)"')
    if successor then
      ready[#ready + 1] = successor
    end
  else
    failures = failures + 1
  end
end
