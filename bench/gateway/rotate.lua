-- wrk script: every request carries the next value of a file in one header, so the load spreads over
-- many users/tokens. Requests are built once per thread in init(); each thread starts at its own offset.
--   wrk ... -s bench/gateway/rotate.lua URL -- FILE HEADER [PREFIX]
local requests = {}
local index = 0

function init(args)
  local file, header, prefix = args[1], args[2], args[3] or ""
  for line in io.lines(file) do
    if #line > 0 then
      requests[#requests + 1] = wrk.format(nil, nil, { [header] = prefix .. line })
    end
  end
  index = math.random(#requests)
end

function request()
  index = index % #requests + 1
  return requests[index]
end
