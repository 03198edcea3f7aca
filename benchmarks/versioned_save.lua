-- Saving a versioned part of a plan (a goal), the way the htmx form does.
--
-- Each save must carry the version the form was opened at, and a save bumps it,
-- so replaying one request would measure the conflict path, not a save. Here
-- every wrk thread has exactly one connection and its own part (of its own
-- person's plan, so no two connections wait on one row lock), and it counts the
-- version up after each save. A save answers 200 with HX-Retarget (the
-- re-rendered sections); a conflict answers 200 with the form and no such
-- header: it is counted as unexpected, and the thread takes the current version
-- from the form so that the next request is a save again.
--
-- BENCH_TARGETS names a Lua file (written by run.py) returning one table per
-- thread: { path=, cookie=, csrf=, body= (with __VERSION__), version= }.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local targets = dofile(os.getenv("BENCH_TARGETS"))

setup = bench_setup

function init(args)
  bench_init()
  target = targets[thread_no]
  saves, conflicts = 0, 0
end

function request()
  local body = string.gsub(target.body, "__VERSION__", tostring(target.version))
  return wrk.format("POST", target.path, {
    ["Cookie"] = target.cookie,
    ["X-CSRFToken"] = target.csrf,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  local saved = status == 200 and (headers["HX-Retarget"] or headers["hx-retarget"]) ~= nil
  if saved then
    saves = saves + 1
    target.version = target.version + 1
  else
    local current = body and string.match(body, 'name="version" value="(%d+)"')
    if current then
      conflicts = conflicts + 1
      target.version = tonumber(current)
    end
  end
  bench_count(saved, status)
end

function done(summary, latency, requests)
  bench_done(summary, latency)
end
