"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Every page a test visits must pass an axe scan (WCAG 2.1 A and AA) and log no
console errors; a CSP violation shows up as a console error, so this also checks
that no page needs an inline script or style. ``check_page`` does both, and the
``page`` fixture fails a test that navigated somewhere without checking it.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from mentorplan.accounts.tests.factories import PASSWORD

SHOTS_DIR = Path("/tmp/e2e-shots")
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the page fixture skip its leftover checks when the test itself failed.
    report = yield
    if report.when == "call":
        item.e2e_call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args():
    # Debian's chromium, never a browser downloaded by `playwright install`
    # (see shared/TOOLCHAIN.md).
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "viewport": LAPTOP}


@pytest.fixture
def e2e_world(transactional_db, world):
    """The shared ``world``, committed so the live server's thread can see it."""
    return world


class PageWatch:
    """Console errors and navigations of one page, so each page state gets checked."""

    def __init__(self, page):
        self.page = page
        self.console_errors = []
        self.unchecked = []  # main-frame URLs loaded since the last check
        self.skipped = []  # pages navigated away from without a check
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("framenavigated", self._on_navigated)

    def _on_console(self, msg):
        if msg.type == "error":
            source = msg.location.get("url") or self.page.url
            self.console_errors.append(f"{msg.text} ({source})")

    def _on_navigated(self, frame):
        if frame == self.page.main_frame:
            self.unchecked.append(frame.url)


def _format_violations(url, violations):
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"\n* {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"    > {check['message']}")
    return "\n".join(lines)


def _scan(page):
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


@pytest.fixture
def page(page, request):
    """pytest-playwright's page, watched for console errors and unchecked pages."""
    page.set_default_timeout(10_000)
    watch = PageWatch(page)
    page._e2e_watch = watch
    yield page
    if getattr(request.node, "e2e_call_failed", True):
        return  # the test's own failure says more
    leftover = watch.skipped + watch.unchecked
    assert not leftover, f"Pages visited without check_page(): {leftover}"
    assert not watch.console_errors, "Console errors:\n" + "\n".join(watch.console_errors)


@pytest.fixture
def check_page(page):
    """Check the page as it is now: no axe violations, no console errors.

    ``allow_console`` lists regular expressions of console errors this page is
    expected to log (e.g. Chrome's note about a 410 response).
    """

    def check(*, allow_console=()):
        watch = page._e2e_watch
        page.wait_for_load_state("load")
        violations = _scan(page)
        assert not violations, _format_violations(page.url, violations)
        errors = [
            e for e in watch.console_errors if not any(re.search(p, e) for p in allow_console)
        ]
        assert not errors, "Console errors:\n" + "\n".join(errors)
        watch.console_errors.clear()
        watch.skipped.extend(watch.unchecked[:-1])
        watch.unchecked.clear()

    return check


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to /tmp/e2e-shots/; ``phone=True`` also at 390 px wide.

    The phone-width layout is scanned with axe too, since reflow can hide or
    overlap things that are fine on a laptop.
    """
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(name, *, phone=False):
        page.screenshot(path=SHOTS_DIR / f"{name}-laptop.png", full_page=True)
        if phone:
            page.set_viewport_size(PHONE)
            try:
                page.screenshot(path=SHOTS_DIR / f"{name}-phone.png", full_page=True)
                violations = _scan(page)
                assert not violations, _format_violations(f"{page.url} (phone)", violations)
            finally:
                page.set_viewport_size(LAPTOP)

    return take


@pytest.fixture
def sign_in(page, check_page):
    """Sign in through the real login form, checking the form page on the way."""

    def do(user, password=PASSWORD):
        page.goto("/accounts/login/")
        check_page()
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")

    return do
