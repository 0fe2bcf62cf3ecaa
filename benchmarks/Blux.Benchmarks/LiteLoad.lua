-- wrk script: one echo task per request, with detailed audit, submitted with ?wait so the answer
-- comes when the task has finished (the whole flow). The token comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BLUX_TOKEN")
wrk.body = '{"type":"echo","context":{"user_id":"load","environment":"development","sensitivity":"low"},' ..
           '"doctrine_requirements":{"require_reflection":false,"sandbox_execution":false,"audit_level":"detailed"},' ..
           '"payload":{"message":"hello","n":1}}'

-- BLUX_TASK_IDS=1: every request carries a task_id of its own, as a client that retries safely
-- would send (Guard remembers each for twice the freshness window; Lite looks each up first).
if os.getenv("BLUX_TASK_IDS") == "1" then
  local threads = 0
  setup = function(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
  end
  local counter = 0
  request = function()
    counter = counter + 1
    local body = string.format('{"task_id":"load-%d-%d-%d",', os.time(), thread_id, counter) .. string.sub(wrk.body, 2)
    return wrk.format(nil, nil, nil, body)
  end
end

done = function(summary, latency, requests)
  io.write(string.format("tasks/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50: %.2f ms  p90: %.2f ms  p99: %.2f ms  max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
