#!/usr/bin/env python3
"""Serve Mentorplan the way production does and measure its pages under load.

    python3 benchmarks/run.py                          # every page, 10,000 partnerships
    python3 benchmarks/run.py --partnerships 1000 --duration 5s
    python3 benchmarks/run.py --sizes 1000,10000,50000 # growth: plan page, coordinator's home
    python3 benchmarks/run.py --only "plan page" --duration 5s   # a few pages (floor always)
    python3 benchmarks/run.py --only "dashboard,export"   # pages matching any of the terms

What it does, in order:

1. Installs wrk from Debian's packages when missing (as root), and the locked
   dependencies into .venv/ through dev.py; then runs itself again in .venv/.
2. Creates its own PostgreSQL database (default ``mentorplan_bench`` on
   127.0.0.1), migrates it and fills it with ``manage.py scale_data`` (people =
   2 × partnerships, 4 cohorts, 20 comments a plan, seed 1). A database already
   built for the same size is reused (``--rebuild`` builds it anew).
3. Collects static files and starts granian as the README's production command
   does (WSGI, one worker per core, 2 threads each), with a deployment's settings read from the
   environment (DEBUG off, PostgreSQL, Redis cache) plus the floor view
   (``mentorplan.settings_benchmark``).
4. Signs in the coordinator, the mentor and the mentee that scale_data printed,
   with real POSTs to the sign-in form, and for each page of ``pages.PAGES``:
   checks the page answers 200 as that person; counts its SQL queries in this
   process (Django's test client on the same database, the second of two
   requests); warms the server with wrk; resets the workers' peak memory; runs
   wrk for a fixed time (and at most ``--max-requests``); reads the peak memory.
5. Writes the table to benchmarks/results.md (between markers, so notes around
   it stay), the raw figures to benchmarks/out/, and stops the server.

Only loopback addresses are ever targeted. The run stops with a non-zero exit
when any page answered anything but what it should (a 302 to the sign-in page
is a failure, not a fast page).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
RESULTS = BENCH / "results.md"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
GRANIAN = ROOT / ".venv" / "bin" / "granian"
IN_VENV = "MENTORPLAN_BENCH_IN_VENV"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/mentorplan_bench"
HOST = "127.0.0.1"  # loopback only: the load generator never targets anything else
WRK_THREADS = 2
SEED = 1
# What scale_data builds: raised when it builds new kinds of rows (2: meetings), so a
# database built by an older scale_data is built again rather than reused.
DATA_VERSION = 2


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--partnerships", type=int, default=10_000, help="data size (pages run)")
    parser.add_argument(
        "--sizes",
        default="",
        help="comma-separated partnership counts: measure only the growth pages at each "
        "size (e.g. 1000,10000,50000) instead of every page at --partnerships",
    )
    parser.add_argument("--duration", default="10s", help="measured time per page (e.g. 10s)")
    parser.add_argument("--warmup", default="2s", help="warm-up time per page, not measured")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap per page")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="granian workers")
    parser.add_argument(
        "--threads",
        type=int,
        default=2,
        help="granian blocking threads per worker, as in the README's production command",
    )
    parser.add_argument(
        "--max-alone-ms",
        type=float,
        default=1000,
        help="pages slower than this alone are reported, not loaded",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only pages whose name has this text (comma-separated: any of them)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="instead of loading: profile N requests of each page in-process (pyinstrument, "
        "DEBUG off, the same database) to benchmarks/out/profile-<page>.txt",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data even if present")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        help="a PostgreSQL database this script owns (dropped and rebuilt for a new size); "
        "its name must contain 'bench'",
    )
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args(argv)
    args.duration_s = seconds(args.duration)
    args.warmup_s = seconds(args.warmup)
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.only_terms = [t.strip().lower() for t in args.only.split(",") if t.strip()]
    db_name = urllib.parse.urlparse(args.database_url).path.lstrip("/")
    if "bench" not in db_name:
        parser.error(f"the database name must contain 'bench' (it is dropped): {db_name!r}")
    if urllib.parse.urlparse(args.cache_url).hostname not in (HOST, "localhost"):
        parser.error("the cache must be on this machine")
    return args


def seconds(text: str) -> int:
    match = re.fullmatch(r"(\d+)\s*(s|m)?", text.strip())
    if not match:
        raise SystemExit(f"A duration looks like 10s or 2m, not {text!r}.")
    return int(match[1]) * (60 if match[2] == "m" else 1)


# Step 1: tools, outside the venv ---------------------------------------------------


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            "The benchmark drives the server with wrk. Install it with your package manager "
            "(Debian/Ubuntu: `sudo apt-get install wrk`) and run this again."
        )
    say("installing wrk from Debian's packages ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def reexec_in_venv(argv) -> None:
    sys.path.insert(0, str(ROOT))
    import dev  # the project's own set-up: finds Python 3.12+, uv sync --locked

    # With the dev group, as `dev.py test` and `dev.py lint` install it: a
    # --no-dev sync would remove pytest and ruff from a .venv others are using.
    dev.ensure_venv(dev=True)
    env = {**os.environ, IN_VENV: "1"}
    os.execve(VENV_PYTHON, [str(VENV_PYTHON), str(Path(__file__).resolve()), *argv], env)


# Step 2: the environment a deployment sets, and the data ---------------------------


def server_env(args) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentorplan.settings_benchmark",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": args.database_url,
        "CONN_MAX_AGE": "60",
        "CACHE_URL": args.cache_url,
        # Plain http on loopback: without these, every request would be
        # redirected to https and the cookies would never be sent back. A
        # deployment keeps them on (its TLS proxy speaks https).
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args, capture=False) -> str:
    result = subprocess.run(
        [VENV_PYTHON, "manage.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        check=False,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(map(str, args))} failed (exit {result.returncode}).")
    return result.stdout or ""


def maintenance(args, sql: str) -> None:
    """Run CREATE/DROP DATABASE from the server's maintenance database."""
    import psycopg

    url = urllib.parse.urlparse(args.database_url)
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(sql)


def prepare_data(args, env, partnerships: int) -> dict:
    """Build (or reuse) the scale data for this size; return who to sign in as."""
    from django.db import connections

    db_name = urllib.parse.urlparse(args.database_url).path.lstrip("/")
    state_file = OUT / f"data-{db_name}.json"
    people = 2 * partnerships
    wanted = {
        "partnerships": partnerships,
        "people": people,
        "seed": SEED,
        "data_version": DATA_VERSION,
    }
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if not args.rebuild and {k: state.get(k) for k in wanted} == wanted:
        say(f"reusing the data built {state['built']} ({partnerships:,} partnerships)")
        manage(env, "migrate", "--no-input", "-v0")
        return state
    connections.close_all()
    say(f"building {partnerships:,} partnerships in a new database {db_name!r} ...")
    state_file.unlink(missing_ok=True)
    maintenance(args, f'DROP DATABASE IF EXISTS "{db_name}"')
    maintenance(args, f'CREATE DATABASE "{db_name}"')
    manage(env, "migrate", "--no-input", "-v0")
    started = time.perf_counter()
    output = manage(
        env,
        *("scale_data", "--people", people, "--partnerships", partnerships),
        *("--cohorts", 4, "--comments", 20, "--seed", SEED),
        capture=True,
    )
    print(output, end="")

    def found(pattern):
        match = re.search(pattern, output)
        if not match:
            sys.exit(f"scale_data's output has no line matching {pattern!r}.")
        return match[1]

    state = {
        **wanted,
        "built": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "build_seconds": round(time.perf_counter() - started, 1),
        "database_size": found(r"Database size: (.+)"),
        "password": found(r'password "([^"]+)"'),
        "logins": {
            "coordinator": found(r"coordinator:\s+(\S+@\S+)"),
            "mentor": found(r"mentor with \d+ mentees:\s+(\S+@\S+)"),
            "mentee": found(r"mentee with [^:\n]*:\s+(\S+@\S+)"),
        },
        "mentor_mentees": int(found(r"mentor with (\d+) mentees")),
    }
    state_file.write_text(json.dumps(state, indent=2))
    return state


# Step 3: the server ------------------------------------------------------------------


class Server:
    """granian as the README's production command runs it, on a loopback port."""

    def __init__(self, env, port: int, workers: int, threads: int):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.base = f"http://{HOST}:{port}"
        self.log = OUT / "granian.log"
        self.process = None

    def command(self):
        return [
            str(GRANIAN),
            *("--interface", "wsgi", "--host", HOST, "--port", str(self.port)),
            *("--workers", str(self.workers), "--blocking-threads", str(self.threads)),
            "mentorplan.wsgi:application",
        ]

    def start(self) -> None:
        say(f"starting {' '.join(self.command()[1:])}")
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"granian exited at start:\n{self.log.read_text()[-3000:]}")
            try:
                answer = fetch(self.base + "/accounts/login/")
                if answer.status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"granian did not answer within 60 s:\n{self.log.read_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        """The processes granian started (its workers), found through /proc."""
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                children.append(int(entry.name))
        return children

    def reset_peak_memory(self) -> bool:
        """Reset the workers' peak RSS (VmHWM) to their current RSS; Linux ≥ 4.0."""
        try:
            for pid in self.worker_pids():
                Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            return False
        return True

    def peak_memory_mib(self) -> float | None:
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match[1]) / 1024)
        return max(peaks) if peaks else None

    def cpu_ticks(self) -> int:
        ticks = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime + stime
        return ticks

    def wait_idle(self, timeout=300) -> float:
        """Wait until requests left running by the last load have finished; return the wait.

        wrk stops at its deadline, but the server goes on with the requests it
        had: the next page must not be measured while they still run. Idle is
        when the workers use (almost) no CPU and no query of ours is running.
        """
        from django.db import connection

        started = time.monotonic()
        ticks = self.cpu_ticks()
        while time.monotonic() - started < timeout:
            time.sleep(0.5)
            now = self.cpu_ticks()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'active' AND pid <> pg_backend_pid()"
                )
                busy = cursor.fetchone()[0]
            if now - ticks <= 5 and not busy:
                break
            ticks = now
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in self.worker_pids():
                os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait()
        say("server stopped")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# Step 4: signing in, checking and measuring ----------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def cookies(self) -> dict:
        pairs = (h.split(";", 1)[0].split("=", 1) for h in self.headers.get_all("Set-Cookie") or [])
        return {name.strip(): value.strip() for name, value in pairs}


def fetch(url, *, headers=None, data=None) -> Answer:
    assert urllib.parse.urlparse(url).hostname == HOST, url
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read().decode(errors="replace"))


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def sign_in(base, email, password) -> dict:
    """A real sign-in: GET the form (CSRF cookie and token), POST it; return the cookies."""
    form = fetch(base + "/accounts/login/")
    cookies = form.cookies()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
    if form.status != 200 or not token:
        sys.exit(f"The sign-in form did not load (status {form.status}).")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token[1], "login": email, "password": password}
    ).encode()
    answer = fetch(
        base + "/accounts/login/",
        headers={
            "Cookie": cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        data=body,
    )
    cookies.update(answer.cookies())
    # The "signed in" message: a browser shows it once on the next page. Sent
    # with every request of the load, it would be rendered on every page.
    cookies.pop("messages", None)
    if answer.status != 302 or "sessionid" not in cookies:
        sys.exit(f"Signing in as {email} failed (status {answer.status}).")
    return cookies


def form_body(form) -> list[tuple[str, str]]:
    """A part's edit form as the browser submits it unchanged, version left as a placeholder."""
    from datetime import date

    pairs = []
    for bound in form:
        if bound.name == "version":
            pairs.append(("version", "__VERSION__"))
            continue
        value = bound.value()
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is None or v is False:
                continue
            if v is True:
                v = "on"
            elif isinstance(v, date):
                v = v.isoformat()
            pairs.append((bound.name, str(v)))
    return pairs


def save_form(kind, partnership):
    """What a save of ``kind`` writes in ``partnership``, as its form is submitted unchanged.

    ``kind`` is a versioned plan part (``plans.views.parts.PARTS``) or ``notes``,
    the shared notes of the partnership's last meeting held. Returns who saves
    (``MENTEE`` or ``MENTOR``), the versioned row, the form's fields (the version
    left as a placeholder), the path the form posts to, and whether a save
    answers with ``HX-Retarget`` (a plan part re-renders its sections; the notes
    answer 200 and a conflict 409); or None when there is nothing of the kind.
    """
    from django.urls import reverse

    from benchmarks.pages import NOTES, last_meeting_with_notes
    from mentorplan.plans.permissions import MENTEE, MENTOR
    from mentorplan.plans.views.parts import PARTS

    if kind == NOTES:
        meeting = last_meeting_with_notes(partnership)
        if meeting is None:
            return None
        notes = meeting.notes
        fields = [("text", notes.text), ("version", "__VERSION__")]
        path = reverse("meetings:notes-save", args=[meeting.pk])
        return SimpleNamespace(who=MENTEE, item=notes, fields=fields, path=path, retarget=False)
    part = PARTS[kind]
    plan = getattr(partnership, "plan", None)
    item = part.queryset(plan).order_by("pk").first() if plan is not None else None
    if item is None:
        return None
    return SimpleNamespace(
        who=MENTOR if part.editor == MENTOR else MENTEE,
        item=item,
        fields=form_body(part.form(instance=item, plan=plan)),
        path=None,
        retarget=True,
    )


def save_path(page, scene, partnership, form) -> str:
    """The URL a save posts to: the page's, moved to ``partnership`` and its row."""
    if form.path is not None:
        return form.path
    path = scene.url(page).replace(f"/{scene.partnership}/", f"/{partnership.pk}/", 1)
    return re.sub(rf"/{page.save}/\d+/", f"/{page.save}/{form.item.pk}/", path)


def save_targets(page, scene, state, base, count) -> list[dict]:
    """One row per connection, each in the partnership of a different person of the cohort."""
    from mentorplan.partnerships.models import Partnership
    from mentorplan.plans.permissions import MENTOR

    partnerships = (
        Partnership.objects.filter(cohort_id=scene.cohort, status=Partnership.Status.ACTIVE)
        .exclude(pk=scene.partnership)
        .select_related("plan", "mentee", "mentor")
        .order_by("pk")
    )
    targets, people = [], set()
    for partnership in partnerships.iterator():
        form = save_form(page.save, partnership)
        if form is None:
            continue
        person = partnership.mentor if form.who == MENTOR else partnership.mentee
        if person.pk in people or not person.has_usable_password():
            continue
        people.add(person.pk)
        cookies = sign_in(base, person.email, state["password"])
        targets.append(
            {
                "path": save_path(page, scene, partnership, form),
                "cookie": cookie_header(cookies),
                "csrf": cookies.get("csrftoken", ""),
                "body": urllib.parse.urlencode(form.fields),
                "retarget": form.retarget,
                "model": form.item,
            }
        )
        if len(targets) == count:
            break
    if not targets:
        sys.exit(f"No partnership of the cohort has a {page.save} to save.")
    return targets


def write_targets(targets) -> Path:
    """The Lua table versioned_save.lua reads, with each part's current version."""
    # Saves of the warm-up still running in the server bump versions after wrk
    # has stopped: wait until the versions stand still before reading them.
    versions = None
    while True:
        for t in targets:
            t["model"].refresh_from_db(fields=["version"])
        if versions == (versions := [t["model"].version for t in targets]):
            break
        time.sleep(1)
    lines = ["return {"]
    for t in targets:
        entry = {k: t[k] for k in ("path", "cookie", "csrf", "body", "retarget")}
        assert all(v.isascii() for v in entry.values() if isinstance(v, str))
        fields = ", ".join(f"{k} = {json.dumps(v)}" for k, v in entry.items())
        lines.append(f"  {{ {fields}, version = {t['model'].version} }},")
    lines.append("}")
    path = OUT / "save_targets.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


def page_request(client, page, scene):
    """A function asking for ``page`` once with Django's test client, in this process.

    The form a save submits is built first, outside what is measured. A non-200 stops the run.
    """
    from mentorplan.partnerships.models import Partnership

    headers = {"HX-Request": "true"} if page.htmx else {}
    url = scene.url(page)
    data = None
    if page.save:
        partnership = Partnership.objects.select_related("plan").get(pk=scene.partnership)
        form = save_form(page.save, partnership)
        data = dict(form.fields)
        data["version"] = str(form.item.version)

    def ask():
        if data is not None:
            response = client.post(url, data, headers=headers)
            data["version"] = str(int(data["version"]) + 1)
        else:
            response = client.get(url, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: the test client got {response.status_code} for {url}")
        if response.streaming:
            # A streamed body (an export) is read as its rows are sent: read it to the end,
            # so its queries and time are counted, as wrk's request waits for the last byte.
            for _ in response.streaming_content:
                pass

    return ask


def signed_in_client(user):
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    if user is not None:
        client.force_login(user)
    return client


def count_queries(page, scene, user) -> tuple[int, float, float]:
    """One request in this process, alone: its SQL queries, their time and its time (ms).

    The second of two requests, as a warm worker sees it.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ask = page_request(signed_in_client(user), page, scene)
    ask()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        ask()
        alone_ms = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return len(queries), sql_ms, alone_ms


def profile_page(page, scene, user, requests: int) -> Path:
    """Profile ``requests`` warm requests of a page in this process (pyinstrument) to out/."""
    from pyinstrument import Profiler

    ask = page_request(signed_in_client(user), page, scene)
    for _ in range(3):
        ask()
    profiler = Profiler()
    with profiler:
        for _ in range(requests):
            ask()
    slug = re.sub(r"[^a-z0-9]+", "-", page.name.lower()).strip("-")
    path = OUT / f"profile-{slug}.txt"
    # The call tree (library frames folded), then every function by its own time.
    tree = profiler.output_text(unicode=True)
    flat = profiler.output_text(unicode=True, flat=True, show_all=True)
    path.write_text(f"{tree}\n\nBy own time:\n{flat}")
    say(
        f"    {profiler.last_session.duration * 1000 / requests:.1f} ms a request "
        f"over {requests}: {path.relative_to(ROOT)}"
    )
    return path


def run_wrk(url, *, headers, script, threads, connections, duration, max_requests, extra_env=None):
    command = [
        "wrk",
        *("-t", str(threads), "-c", str(connections), "-d", f"{duration}s"),
        *("--timeout", "10s", "-s", str(BENCH / script)),
    ]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    env = {
        **os.environ,
        "BENCH_LUA_DIR": str(BENCH),
        "BENCH_MAX_REQUESTS_PER_THREAD": str(-(-max_requests // threads)),
        **(extra_env or {}),
    }
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=duration + 60, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        sys.exit(f"wrk failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def measure_page(page, *, args, server, scene, sessions, users, state) -> dict:
    url = server.base + scene.url(page)
    row = {"name": page.name, "who": page.who or "anonymous", "url": scene.url(page)}
    headers = []
    if page.who:
        headers.append("Cookie: " + cookie_header(sessions[page.who]))
    if page.htmx:
        headers.append("HX-Request: true")
    row["queries"], row["sql_ms"], row["alone_ms"] = count_queries(page, scene, users.get(page.who))
    if row["alone_ms"] > args.max_alone_ms:
        # Under load such a page would only queue: with 16 connections on 2
        # cores no request could finish in the run, and the requests left
        # running would spill into the next page's. Its figure is the time alone.
        return {**row, "too_slow": True, "failed": False}
    load = {"connections": args.connections, "threads": WRK_THREADS, "script": "page.lua"}
    extra_env = {}
    if page.save:
        targets = save_targets(page, scene, state, server.base, args.connections)
        # One connection per thread: each thread keeps its own part's version.
        load = {"connections": len(targets), "threads": len(targets)}
        load["script"] = "versioned_save.lua"
        headers = []
    else:
        check = fetch(url, headers=dict(h.split(": ", 1) for h in headers))
        if check.status != 200:
            sys.exit(f"{page.name}: {url} answered {check.status}, not 200, as {row['who']}.")
    for phase, duration in (("warm-up", args.warmup_s), ("measure", args.duration_s)):
        if page.save:
            extra_env["BENCH_TARGETS"] = str(write_targets(targets))
        if phase == "measure":
            memory_reset = server.reset_peak_memory()
        figures = run_wrk(
            url,
            headers=headers,
            script=load["script"],
            threads=load["threads"],
            connections=load["connections"],
            duration=duration,
            max_requests=args.max_requests,
            extra_env=extra_env,
        )
        row[f"{phase}_drain_s"] = round(server.wait_idle(), 1)
    row.update(figures)
    row["connections"] = load["connections"]
    row["peak_mib"] = server.peak_memory_mib() if memory_reset else None
    row["peak_is_lifetime"] = not memory_reset
    row["failed"] = figures["unexpected"] + figures["socket_errors"] > 0
    row["too_slow"] = figures["requests"] == 0
    return row


def prepare(args, env, partnerships):
    """Set Django up on the benchmark's data: its state, the people who sign in, the scene."""
    import django

    from benchmarks.pages import scene_for

    os.environ.update(env)
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections

    state = prepare_data(args, env, partnerships)
    connections.close_all()
    User = get_user_model()
    users = {who: User.objects.get(email=email) for who, email in state["logins"].items()}
    return state, users, scene_for(mentee=users["mentee"], mentor=users["mentor"])


def profile(args, env, pages, partnerships) -> None:
    """Profile each page in this process on the benchmark's data; nothing is served or loaded."""
    _, users, scene = prepare(args, env, partnerships)
    for number, page in enumerate(pages, 1):
        say(f"[{number}/{len(pages)}] profiling {page.name} ...")
        profile_page(page, scene, users.get(page.who), args.profile)


def measure(args, env, pages, partnerships) -> dict:
    """Build or reuse the data, serve it, measure ``pages``; return everything for the report."""
    state, users, scene = prepare(args, env, partnerships)
    server = Server(env, args.port or free_port(), args.workers, args.threads)
    server.start()
    rows = []
    try:
        sessions = {
            who: sign_in(server.base, email, state["password"])
            for who, email in state["logins"].items()
        }
        for number, page in enumerate(pages, 1):
            say(f"[{number}/{len(pages)}] {page.name} ...")
            row = measure_page(
                page, args=args, server=server, scene=scene, sessions=sessions, users=users,
                state=state,
            )  # fmt: skip
            if "rps" not in row:
                say(f"    not loaded: {row['alone_ms']:.0f} ms alone, {row['queries']} queries")
                rows.append(row)
                continue
            say(
                f"    {row['rps']:.0f} req/s, p50 {row['p50_us'] / 1000:.1f} ms, "
                f"p95 {row['p95_us'] / 1000:.1f} ms, p99 {row['p99_us'] / 1000:.1f} ms, "
                f"{row['queries']} queries ({row['sql_ms']:.0f} ms SQL, "
                f"{row['alone_ms']:.0f} ms alone)" + ("  FAILED" if row["failed"] else "")
            )
            rows.append(row)
    finally:
        server.stop()
    reminders = measure_reminders() if not args.only else None
    floor = rows[0]
    for row in rows:
        if "rps" in row:
            row["rps_vs_floor"] = row["rps"] / floor["rps"]
            row["p50_vs_floor"] = row["p50_us"] / floor["p50_us"]
    return {"partnerships": partnerships, "data": state, "rows": rows, "reminders": reminders}


def measure_reminders() -> dict:
    """One reminder run over the whole data set, in this process: its time and peak memory.

    It is the hourly task's work (``reminders_run``: find what is due in every
    zone, keep each reminder once, queue the emails) on a morning when nothing has
    been sent yet, and it is rolled back so every run of the benchmark meets the
    same morning.
    """
    import tracemalloc

    from django.db import transaction

    from mentorplan.notifications.reminders import reminders_run

    say("one reminder run over the data (rolled back) ...")
    tracemalloc.start()
    started = time.perf_counter()
    with transaction.atomic():
        counts = reminders_run()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {**counts, "seconds": round(seconds, 2), "peak_mib": round(peak / 2**20, 1)}
    say(f"    {figures}")
    return figures


# Step 5: the report -----------------------------------------------------------------


def environment(args) -> dict:
    import django
    import granian
    import psycopg
    import redis
    from django.db import connection

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    redis_version = redis.Redis.from_url(args.cache_url).info()["redis_version"]
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu}, {os.cpu_count()} cores, {mem_kib / 1024 / 1024:.0f} GiB RAM, "
        f"Linux {os.uname().release}",
        "versions": f"Python {sys.version.split()[0]}, Django {django.__version__}, "
        f"granian {granian.__version__}, psycopg {psycopg.__version__}, "
        f"PostgreSQL {postgres.split()[0]}, Redis {redis_version}, wrk {wrk_version}",
    }


def ms(us) -> str:
    return f"{us / 1000:.1f}"


def peak(row) -> str:
    if row["peak_mib"] is None:
        return "n/a"
    return f"{row['peak_mib']:.0f}" + (" (lifetime)" if row["peak_is_lifetime"] else "")


def header(args, env_info, command) -> list[str]:
    return [
        f"Measured {env_info['date']} with `{command}`.",
        "",
        f"- Machine: {env_info['machine']}.",
        f"- Versions: {env_info['versions']}.",
        f"- Server: granian WSGI, {args.workers} workers of {args.threads} threads, "
        "DEBUG off, PostgreSQL with CONN_MAX_AGE=60, Redis cache, WhiteNoise; "
        "`mentorplan.settings_benchmark` (a deployment's settings plus the floor's URL).",
        f"- Load: wrk on the same machine, {WRK_THREADS} threads and {args.connections} "
        f"connections, {args.warmup_s} s warm-up then {args.duration_s} s per page (at most "
        f"{args.max_requests:,} requests), loopback only. The save runs one connection per "
        "thread, each saving its own goal with the right version.",
        "- req/s ÷ floor: the page's requests per second over the floor's in the same run; "
        "p50 × floor: its median latency over the floor's. Queries: SQL queries of one "
        "request (a warm one, counted in-process with Django's test client), SQL ms: their "
        "time, alone ms: that request's whole time, with nothing else running. Peak MB: the "
        "larger of the workers' peak resident memory during that page's measured run.",
        "",
    ]


TABLE = (
    "| page | as | req/s | req/s ÷ floor | p50 ms | p95 ms | p99 ms | p50 × floor "
    "| queries | SQL ms | alone ms | peak MB | requests |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
)


def row_cells(row) -> str:
    if "rps" not in row:
        return (
            f"| {row['name']} **not loaded: too slow alone** | {row['who']} | – | – | – | – | – "
            f"| – | {row['queries']} | {row['sql_ms']:.1f} | {row['alone_ms']:.1f} | – | – |"
        )
    flag = " **FAILED: " + row_failure(row) + "**" if row["failed"] else ""
    if row["too_slow"]:
        flag = f" **no request finished in {row['duration_us'] / 1e6:.0f} s**"
    return (
        f"| {row['name']}{flag} | {row['who']} | {row['rps']:.0f} | {row['rps_vs_floor']:.2f} "
        f"| {ms(row['p50_us'])} | {ms(row['p95_us'])} | {ms(row['p99_us'])} "
        f"| {row['p50_vs_floor']:.1f} | {row['queries']} | {row['sql_ms']:.1f} "
        f"| {row['alone_ms']:.1f} | {peak(row)} | {row['requests']:,} |"
    )


def row_failure(row) -> str:
    if row["requests"] == 0:
        return f"no request finished in {row['duration_us'] / 1e6:.0f} s"
    return (
        f"{row['unexpected']} unexpected answers (last: {row['last_unexpected']}), "
        f"{row['socket_errors']} socket errors"
    )


def pages_section(args, env_info, result, command) -> str:
    data = result["data"]
    lines = [
        f"## Every page at {result['partnerships']:,} partnerships",
        "",
        *header(args, env_info, command),
        f"Data: `manage.py scale_data --people {data['people']} --partnerships "
        f"{data['partnerships']} --cohorts 4 --comments 20 --seed {SEED}`, built "
        f"{data['built']} in {data.get('build_seconds', '?')} s; database size "
        f"{data['database_size']}. The mentor has {data['mentor_mentees']} mentees.",
        "",
        *TABLE,
        *(row_cells(row) for row in result["rows"]),
        "",
        "Slowest at p95: "
        + "; ".join(
            f"{row['name']} ({ms(row['p95_us'])} ms, {row['queries']} queries)"
            for row in sorted(result["rows"], key=lambda r: -r.get("p95_us", 0))[:5]
        )
        + ".",
        "",
    ]
    reminders = result.get("reminders")
    if reminders:
        lines += [
            f"One reminder run over the {result['partnerships']:,} partnerships (the hourly "
            f"task, in-process, rolled back): {reminders['seconds']} s, peak Python memory "
            f"{reminders['peak_mib']} MiB (tracemalloc); {reminders['found']:,} reminders due, "
            f"{reminders['new']:,} new, {reminders['emails']:,} emails queued.",
            "",
        ]
    slow = [row for row in result["rows"] if "rps" not in row or row["too_slow"]]
    if slow:
        lines += [
            "Too slow to load (no figure under load): "
            + "; ".join(f"{r['name']} ({r['alone_ms']:.0f} ms alone)" for r in slow)
            + ".",
            "",
        ]
    return "\n".join(lines)


def growth_section(args, env_info, results, command) -> str:
    lines = [
        "## Growth with data size",
        "",
        *header(args, env_info, command),
        "| partnerships | database | page | as | req/s | req/s ÷ floor | p50 ms | p95 ms "
        "| p99 ms | queries | SQL ms | alone ms | peak MB |",
        "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for result in sorted(results, key=lambda r: r["partnerships"]):
        for row in result["rows"]:
            if "rps" not in row:
                lines.append(
                    f"| {result['partnerships']:,} | {result['data']['database_size']} "
                    f"| {row['name']} **not loaded: too slow alone** | {row['who']} | – | – "
                    f"| – | – | – | {row['queries']} | {row['sql_ms']:.1f} "
                    f"| {row['alone_ms']:.1f} | – |"
                )
                continue
            flag = " **FAILED**" if row["failed"] else ""
            lines.append(
                f"| {result['partnerships']:,} | {result['data']['database_size']} "
                f"| {row['name']}{flag} | {row['who']} | {row['rps']:.0f} "
                f"| {row['rps_vs_floor']:.2f} | {ms(row['p50_us'])} | {ms(row['p95_us'])} "
                f"| {ms(row['p99_us'])} | {row['queries']} | {row['sql_ms']:.1f} "
                f"| {row['alone_ms']:.1f} | {peak(row)} |"
            )
    lines.append("")
    return "\n".join(lines)


def write_section(name: str, text: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if start not in current:
        current = current.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, rest = current.split(start, 1)
    after = rest.split(end, 1)[1]
    RESULTS.write_text(f"{before}{start}\n{text}{end}{after}")


def chosen(page, terms) -> bool:
    """Whether ``--only`` picks the page: its name has one of the terms (all pages without)."""
    return not terms or any(term in page.name.lower() for term in terms)


def main(argv) -> None:
    args = parse_args(argv)
    if not os.environ.get(IN_VENV):
        ensure_wrk()
        reexec_in_venv(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.pages import PAGES

    OUT.mkdir(parents=True, exist_ok=True)
    env = server_env(args)
    floor, rest = PAGES[0], PAGES[1:]
    command = "python3 benchmarks/run.py " + " ".join(argv)
    if args.size_list:
        pages = [floor, *(p for p in rest if p.growth)]
        sizes = args.size_list
    else:
        pages = [floor, *(p for p in rest if chosen(p, args.only_terms))]
        sizes = [args.partnerships]
    per_page = args.warmup_s + args.duration_s + 2
    say(
        f"{len(pages)} pages × {len(sizes)} size(s) × about {per_page} s = about "
        f"{len(pages) * len(sizes) * per_page / 60:.0f} min of load, plus building data "
        "(about 30 s per 1,000 partnerships) and signing in"
    )
    import redis

    # The benchmark's own cache database: start it empty, so sign-in throttling
    # counts and cached pages from an earlier run do not carry over.
    redis.Redis.from_url(args.cache_url).flushdb()
    # Pages name their static files through the manifest, served or profiled.
    os.environ.update(env)
    manage(env, "collectstatic", "--no-input", "-v0")
    if args.profile:
        profile(args, env, pages[1:] or pages, sizes[0])
        return
    results = [measure(args, env, pages, size) for size in sizes]
    env_info = environment(args)
    (OUT / f"results-{datetime.now(UTC):%Y%m%dT%H%M%S}.json").write_text(
        json.dumps({"environment": env_info, "args": argv, "results": results}, indent=2)
    )
    if args.size_list:
        write_section("growth", growth_section(args, env_info, results, command.strip()))
    else:
        write_section("pages", pages_section(args, env_info, results[0], command.strip()))
    say(f"wrote {RESULTS.relative_to(ROOT)}")
    failed = [row["name"] for result in results for row in result["rows"] if row["failed"]]
    if failed:
        sys.exit(f"These pages answered something other than a 200: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
