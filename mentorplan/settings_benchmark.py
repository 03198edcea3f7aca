"""Settings for the benchmark (benchmarks/run.py): a deployment's settings plus the floor.

Everything a deployment reads from the environment is read the same way here;
run.py sets that environment (DEBUG off, PostgreSQL, Redis). Only two things
are added: the URLconf that serves the floor view next to the app's URLs, and
the folder its template lives in. Static files are collected under
benchmarks/out/ so a run never rewrites var/static of a server beside it.
"""

from .settings import *  # noqa: F403
from .settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmarks" / "templates"]
STATIC_ROOT = BASE_DIR / "benchmarks" / "out" / "static"
