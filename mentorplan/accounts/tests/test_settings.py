"""Start-up refuses malformed environment values, naming the variable at fault.

Each case imports the production settings in a fresh interpreter, since settings
are read once per process.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
SETUP = "import django; django.setup()"


def _run(args, **env):
    base = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "mentorplan.settings",
        "SECRET_KEY": "x" * 60,
        # Keep the subprocess away from the developer's database file and logs.
        "DATABASE_URL": "sqlite:///:memory:",
    }
    base.update(env)
    env = {k: v for k, v in base.items() if v is not None}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'"),
        ({"SESSION_COOKIE_SECURE": "sure"}, "SESSION_COOKIE_SECURE must be true or false"),
        ({"CONN_MAX_AGE": "abc"}, "CONN_MAX_AGE must be a whole number, not 'abc'"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
        ({"CACHE_URL": "ftp://x"}, "CACHE_URL must be redis://..., db:// or locmem://"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is not a database address"),
        ({"DEBUG": "false", "SECRET_KEY": None}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "false", "SECRET_KEY": ""}, "SECRET_KEY must be set when DEBUG is off"),
        ({"SITE_URL": "mentorplan.example.org"}, "SITE_URL must start with http://"),
        ({"DEFAULT_USER_TIME_ZONE": "Mars/Base"}, "DEFAULT_USER_TIME_ZONE must be a time zone"),
        (
            {"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"},
            "EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true",
        ),
    ],
)
def test_bad_env_value_stops_start_up(env, expected):
    result = _run(["-c", SETUP], **env)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert expected in last_line


def test_good_env_starts():
    result = _run(["-c", SETUP], DEBUG="true", SECRET_KEY=None, CONN_MAX_AGE="0")
    assert result.returncode == 0, result.stderr


def test_deploy_check_passes_with_production_env():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60)[:60],
        ALLOWED_HOSTS="mentorplan.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
