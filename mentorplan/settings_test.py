"""Settings for the test suite: production settings with fast, local stand-ins."""

import os

# Production defaults stay on (DEBUG off, secure headers); only what a test
# server over plain http on localhost cannot do is switched off.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: F403
from .settings import BASE_DIR, DATABASES, STATIC_ROOT, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Email: the test runner replaces every MAILERS entry with the in-memory backend.
# Tasks run at once in the test process; the tests that start the real worker
# (notifications/tests/test_worker_restart.py) hand it the database backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "MENTORPLAN_TEST_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a worker started by a test can open the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_URL = "http://testserver"

# Tests serve static files straight from the apps (no collectstatic); WhiteNoise
# still looks at STATIC_ROOT, which a fresh clone does not have yet.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
