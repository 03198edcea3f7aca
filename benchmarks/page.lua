-- A GET page. The URL and headers (session cookie, HX-Request) come from wrk's
-- command line; run.py passes the status the page must answer.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local expected = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "200")

setup = bench_setup
init = bench_init

function response(status, headers, body)
  bench_count(status == expected, status)
end

function done(summary, latency, requests)
  bench_done(summary, latency)
end
