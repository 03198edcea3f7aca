"""Time, size and peak memory of a cohort's exports, in-process, on the benchmark's data.

Run with the benchmark's settings and data (after ``run.py`` has built them), in
Django's shell, from the repository's root::

    DJANGO_SETTINGS_MODULE=mentorplan.settings_benchmark \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentorplan_bench \\
    CACHE_URL=redis://127.0.0.1:6379/3 DEBUG=false SECRET_KEY=x \\
    ALLOWED_HOSTS=testserver,localhost SECURE_SSL_REDIRECT=false \\
    .venv/bin/python manage.py shell < benchmarks/export_memory.py

For the largest cohort of the scale program (``EXPORT_PROGRAM``, default
``scale``; the first of equals), the scale coordinator (its login in
``benchmarks/out/data-<database>.json``) asks for each export, every CSV table
of ``reports.exports.TABLES`` and the workbook, with Django's test client and
reads the streamed body to its end. Each export is measured in a process of its
own (this script runs itself again in Django's shell, one export each), so one
export's memory does not hide another's:

- peak RSS growth: the process's peak resident memory (``resource.getrusage``)
  after the first request of the export over the peak before it (Django set up,
  the coordinator signed in, the export's code imported by a request answered 404);
- time: the median of ``EXPORT_REPEAT`` (3) further requests, untraced;
- queries: SQL queries of one request;
- peak Python memory: the peak of Python's allocations during one more request
  (``tracemalloc``) over what was allocated before it.

Prints a Markdown table and writes the figures to
``benchmarks/out/export-memory-<database>.json``.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import urllib.parse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.programs.models import Cohort
from mentorplan.reports.exports import TABLES

REPEAT = int(os.environ.get("EXPORT_REPEAT", "3"))
PROGRAM = os.environ.get("EXPORT_PROGRAM", "scale")
ONLY = "EXPORT_ONLY"  # set in the process measuring one export: its index in exports_of
LINE = "EXPORT_JSON "


def database_name() -> str:
    return urllib.parse.urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")


def data_state() -> dict:
    path = settings.BASE_DIR / "benchmarks" / "out" / f"data-{database_name()}.json"
    return json.loads(path.read_text())


def largest_cohort():
    return (
        Cohort.objects.filter(program__slug=PROGRAM)
        .annotate(pairs=Count("partnerships"))
        .order_by("-pairs", "pk")
        .first()
    )


def exports_of(cohort) -> list[tuple[str, str]]:
    urls = [
        (f"{table}.csv", reverse("reports:cohort-export-csv", args=[cohort.pk, table]))
        for table in TABLES
    ]
    return [*urls, ("workbook .xlsx", reverse("reports:cohort-export-xlsx", args=[cohort.pk]))]


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def ask(client, url, status=200) -> int:
    """One export, its streamed body read to the end and dropped; returns its bytes."""
    response = client.get(url)
    if response.status_code != status:
        raise SystemExit(f"{url} answered {response.status_code}, not {status}")
    if not response.streaming:
        return len(response.content)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size  # the test client closed the response after its last chunk


def measure_one(index: int) -> dict:
    """In a process of its own: one export of the largest cohort, every figure."""
    state = data_state()
    cohort = largest_cohort()
    name, url = exports_of(cohort)[index]
    client = Client()
    client.force_login(get_user_model().objects.get(email=state["logins"]["coordinator"]))
    # The request's path and the exports' code, without an export: a table that is none.
    ask(client, reverse("reports:cohort-export-csv", args=[cohort.pk, "none"]), status=404)
    before = peak_rss_kib()
    size = ask(client, url)
    rss_growth = peak_rss_kib() - before
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        ask(client, url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        ask(client, url)
    query_count = len(queries)  # read now: the log is emptied by the next request
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    ask(client, url)
    python_peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return {
        "export": name,
        "url": url,
        "bytes": size,
        "queries": query_count,
        "seconds": round(statistics.median(times), 3),
        "python_peak_mib": round(python_peak / 2**20, 2),
        "rss_growth_mib": round(rss_growth / 1024, 1),
        "rss_before_mib": round(before / 1024, 1),
    }


def measure_exports() -> dict:
    """Each export in a new Django shell running this script; their figures together."""
    state = data_state()
    cohort = largest_cohort()
    script = settings.BASE_DIR / "benchmarks" / "export_memory.py"
    rows = []
    for index, (name, _) in enumerate(exports_of(cohort)):
        with script.open() as stdin:
            result = subprocess.run(
                [sys.executable, "manage.py", "shell"],
                cwd=settings.BASE_DIR,
                env={**os.environ, ONLY: str(index)},
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        line = next((x for x in result.stdout.splitlines() if x.startswith(LINE)), None)
        if result.returncode != 0 or line is None:
            raise SystemExit(f"{name}: failed\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        rows.append(json.loads(line.removeprefix(LINE)))
        print(line, flush=True)
    return {
        "database": database_name(),
        "partnerships": state["partnerships"],
        "cohort": {"pk": cohort.pk, "name": cohort.name, "partnerships": cohort.pairs},
        "repeat": REPEAT,
        "rows": rows,
    }


def report(result) -> None:
    cohort = result["cohort"]
    print(
        f"\n{result['partnerships']:,} partnerships ({result['database']}), cohort "
        f"{cohort['name']!r} (#{cohort['pk']}, {cohort['partnerships']:,} partnerships):\n"
    )
    print("| export | bytes | queries | s | peak Python MiB | peak RSS growth MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in result["rows"]:
        print(
            f"| {row['export']} | {row['bytes']:,} | {row['queries']} | {row['seconds']:.2f} "
            f"| {row['python_peak_mib']:.1f} | {row['rss_growth_mib']:.1f} |"
        )
    out = settings.BASE_DIR / "benchmarks" / "out" / f"export-memory-{result['database']}.json"
    out.write_text(json.dumps(result, indent=2))
    print(f"\nwrote {out}")


if ONLY in os.environ:
    print(LINE + json.dumps(measure_one(int(os.environ[ONLY]))), flush=True)
else:
    report(measure_exports())
