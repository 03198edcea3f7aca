"""Settings for the benchmark (benchmarks/run.py): a deployment's settings plus the floor.

Everything a deployment reads from the environment is read the same way here;
run.py sets that environment (DEBUG off, PostgreSQL, Redis). Only three things
are changed: the URLconf that serves the floor view next to the app's URLs, the
folder its template lives in, and allauth's sign-in limit per address: the run
signs in one person per connection for each save it measures (35 real sign-ins
from 127.0.0.1 within a minute or two), more than a deployment lets one address
try, and sign-in limits are not what it measures. Static files are collected under
benchmarks/out/ so a run never rewrites var/static of a server beside it.
"""

from .settings import *  # noqa: F403
from .settings import ACCOUNT_RATE_LIMITS, BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmarks" / "templates"]
STATIC_ROOT = BASE_DIR / "benchmarks" / "out" / "static"
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "1000/m/ip"}
