-- wrk script: POST /auth/login round-robin over the users the benchmark signed up (users.txt: one email a line).
local users = {}
for line in io.lines(os.getenv("BENCH_USERS_FILE")) do users[#users + 1] = line end
local counter = 0

request = function()
  counter = counter + 1
  local email = users[(counter % #users) + 1]
  local body = '{"email":"' .. email .. '","password":"correct horse battery staple"}'
  return wrk.format("POST", "/auth/login", { ["Content-Type"] = "application/json" }, body)
end
