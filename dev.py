#!/usr/bin/env python3
"""Set up Mentorplan on this machine and serve the demo, or run the tests.

    python3 dev.py serve   # set up, load demo data, serve http://127.0.0.1:8000
    python3 dev.py test    # set up, then run the whole test suite (pytest arguments may follow)
    python3 dev.py lint    # set up, then ruff check, ruff format --check and the import layers

Needs only a Python 3 with pip and venv to start: it finds a Python 3.12+ for
the app, installs uv into .tools/, installs the locked dependencies into .venv/
and, for the browser tests, Debian's chromium (never a downloaded browser).
"""

import glob
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
TOOLS = ROOT / ".tools"
MIN_PYTHON = (3, 12)
CHROMIUM = "/usr/bin/chromium"


def say(message: str) -> None:
    print(f"[mentorplan] {message}", flush=True)


def run(*args, env=None, check=True):
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=check)


def python_version(executable: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python() -> str | None:
    """A Python 3.12+ interpreter: this one, one on PATH, or one installed by pyenv."""
    candidates = [sys.executable]
    candidates += [shutil.which(f"python3.{minor}") for minor in range(20, 11, -1)]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.*/bin/python3"), reverse=True)
    candidates += sorted(glob.glob("/usr/bin/python3.*"), reverse=True)
    candidates += sorted(glob.glob("/usr/local/bin/python3.*"), reverse=True)
    best = None
    for candidate in filter(None, candidates):
        if candidate.endswith("-config"):
            continue
        version = python_version(candidate)
        if version and version >= MIN_PYTHON and (best is None or version > best[0]):
            best = (version, candidate)
    return best[1] if best else None


def ensure_uv() -> Path:
    uv = TOOLS / "bin" / "uv"
    if not uv.exists():
        say("installing uv into .tools/ ...")
        run(sys.executable, "-m", "venv", TOOLS)
        run(TOOLS / "bin" / "python", "-m", "pip", "install", "--quiet", "uv")
    return uv


def ensure_venv(*, dev: bool) -> None:
    uv = ensure_uv()
    python = find_python()
    env = dict(os.environ)
    if python is None:
        if os.environ.get("UV_PYTHON_DOWNLOADS") == "never":
            sys.exit(
                "Mentorplan needs Python 3.12 or newer and none was found "
                "(looked on PATH, in pyenv's versions and /usr/bin).\n"
                "Install one (for example `apt-get install python3.12`, `pyenv install 3.12`, "
                "or from python.org), then run this command again."
            )
        say("no Python 3.12+ found; asking uv to download one (needs internet) ...")
        python = "3.12"
    else:
        # A Python was found: never let uv try to fetch another one.
        env.setdefault("UV_PYTHON_DOWNLOADS", "never")
    args = [uv, "sync", "--locked", "--python", python]
    if not dev:
        args.append("--no-dev")
    say(f"installing locked dependencies into .venv/ (Python at {python}) ...")
    result = run(*args, env=env, check=False)
    if result.returncode != 0:
        sys.exit("Installing the dependencies failed; see uv's message above.")


def ensure_chromium() -> None:
    """Browser tests drive Debian's chromium; install it with apt if it is missing."""
    if Path(CHROMIUM).exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"The browser tests need Chromium at {CHROMIUM}. Install it with your package "
            "manager (Debian/Ubuntu: `sudo apt-get install chromium`) and run this again."
        )
    say("installing Debian's chromium for the browser tests ...")
    quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=quiet)
    run("apt-get", "install", "-y", "-qq", "chromium", env=quiet)


def manage(*args, env=None, check=True):
    return run(VENV / "bin" / "python", "manage.py", *args, env=env, check=check)


def serve() -> None:
    ensure_venv(dev=False)
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    manage("migrate", "--no-input", env=env)
    manage("createcachetable", env=env)
    manage("demo", env=env)
    say("starting the task worker (sends emails; they print here) and the scheduler ...")
    # The worker runs tasks; the scheduler (django-crontask) queues the timed ones:
    # emails due every minute, reminders and digests every hour.
    background = [
        subprocess.Popen([VENV / "bin" / "python", "manage.py", *args], cwd=ROOT, env=env)
        for args in (["db_worker", "--no-reload"], ["crontask", "--no-heartbeat"])
    ]
    say("serving http://127.0.0.1:8000 — press Ctrl+C to stop")
    try:
        manage("runserver", "127.0.0.1:8000", env=env, check=False)
    except KeyboardInterrupt:
        pass
    finally:
        for process in background:
            process.send_signal(signal.SIGINT)
        for process in background:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test(pytest_args: list[str]) -> None:
    ensure_venv(dev=True)
    ensure_chromium()
    result = run(VENV / "bin" / "pytest", *pytest_args, check=False)
    sys.exit(result.returncode)


def lint() -> None:
    ensure_venv(dev=True)
    check = run(VENV / "bin" / "ruff", "check", ".", check=False)
    fmt = run(VENV / "bin" / "ruff", "format", "--check", ".", check=False)
    # The layers of DESIGN.md: an app importing one above it fails here.
    layers = run(VENV / "bin" / "lint-imports", check=False)
    sys.exit(check.returncode or fmt.returncode or layers.returncode)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve":
        serve()
    elif command == "lint":
        lint()
    elif command == "test":
        test(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
