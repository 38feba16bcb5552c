-- wrk script: POST /api/v1/logs with an API key (TINKR_BENCH_KEY). A reply whose status is 400 or
-- more is one of wrk's own errors (summary.errors.status), which done() reports with the rest.
-- There is no response() function on purpose: defining one makes wrk hand every reply's headers and
-- body to Lua, work its SCRIPTING notes call expensive, done on the same two cores as the server
-- being measured, for a count wrk already keeps.
wrk.method = "POST"
wrk.body = '{"service":"payments-api","since":"1h","limit":100}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TINKR_BENCH_KEY")

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nrequests_per_s %.1f\nerrors %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
      summary.errors.timeout))
end
