-- Shared by the wrk scripts: a cap on requests, counting responses that are not
-- what the page should answer, and a summary run.py reads (one JSON line).
--
-- wrk counts 3xx as success; here only the expected status counts, so a lost
-- session (a 302 to the sign-in page) fails the run instead of being measured.

local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS_PER_THREAD") or "0")
local all_threads = {}

function bench_setup(thread)
  table.insert(all_threads, thread)
  thread:set("thread_no", #all_threads)
end

function bench_init()
  answered, unexpected, last_unexpected = 0, 0, ""
end

-- Called by each script's response(); ok says whether this response counts.
function bench_count(ok, status)
  answered = answered + 1
  if not ok then
    unexpected = unexpected + 1
    last_unexpected = tostring(status)
  end
  if max_requests > 0 and answered >= max_requests then
    wrk.thread:stop()
  end
end

function bench_done(summary, latency, extra)
  local unexpected_total, last = 0, ""
  for _, thread in ipairs(all_threads) do
    unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
    local l = thread:get("last_unexpected")
    if l and l ~= "" then last = l end
  end
  local e = summary.errors
  local fields = {
    string.format('"requests":%d', summary.requests),
    string.format('"duration_us":%d', summary.duration),
    string.format('"bytes":%d', summary.bytes),
    string.format('"socket_errors":%d', e.connect + e.read + e.write + e.timeout),
    string.format('"wrk_status_errors":%d', e.status),
    string.format('"unexpected":%d', unexpected_total),
    string.format('"last_unexpected":"%s"', last),
    string.format('"mean_us":%.1f', latency.mean),
    string.format('"p50_us":%d', latency:percentile(50)),
    string.format('"p90_us":%d', latency:percentile(90)),
    string.format('"p95_us":%d', latency:percentile(95)),
    string.format('"p99_us":%d', latency:percentile(99)),
    string.format('"max_us":%d', latency.max),
  }
  for key, value in pairs(extra or {}) do
    table.insert(fields, string.format('"%s":%d', key, value))
  end
  io.write("BENCH_JSON {" .. table.concat(fields, ",") .. "}\n")
end
