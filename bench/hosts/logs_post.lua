-- wrk script: POST /api/v1/logs with an API key (TINKR_BENCH_KEY), counting replies that are not 200.
wrk.method = "POST"
wrk.body = '{"service":"payments-api","since":"1h","limit":100}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TINKR_BENCH_KEY")

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nrequests_per_s %.1f\nerrors %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
      summary.errors.timeout))
end
