-- Saving a versioned row (a goal of a plan, a meeting's notes), the way the htmx form does.
--
-- Each save must carry the version the form was opened at, and a save bumps it,
-- so replaying one request would measure the conflict path, not a save. Here
-- every wrk thread has exactly one connection and its own row (of its own
-- person's plan or meeting, so no two connections wait on one row lock), and it
-- counts the version up after each save. A plan part's save answers 200 with
-- HX-Retarget (the re-rendered sections), and a conflict 200 with the form and
-- no such header; the notes answer 200 (their part of the meeting page), and a
-- conflict 409 with the form. A conflict is counted as unexpected, and the
-- thread takes the current version from the form so that the next request is a
-- save again.
--
-- BENCH_TARGETS names a Lua file (written by run.py) returning one table per
-- thread: { path=, cookie=, csrf=, body= (with __VERSION__), retarget= (whether
-- a save answers with HX-Retarget), version= }.
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
  local retargeted = (headers["HX-Retarget"] or headers["hx-retarget"]) ~= nil
  local saved = status == 200 and (retargeted or not target.retarget)
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
