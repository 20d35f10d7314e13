-- wrk script: GET /api/v1/clusters?page=N&pageSize=50 with N random in 1..pages, as the token's user.
-- Usage: wrk … -s pages.lua URL -- TOKEN PAGES [no-cache]   (no-cache: ask the server to skip its output cache)
local token, pages, headers

function init(args)
  token = args[1]
  pages = tonumber(args[2])
  headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if args[3] == "no-cache" then
    headers["Cache-Control"] = "no-cache"
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local page = math.random(1, pages)
  return wrk.format("GET", "/api/v1/clusters?page=" .. page .. "&pageSize=50", headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT p50_ms=%.2f p99_ms=%.2f rps=%.1f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
