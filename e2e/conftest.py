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
        self.last_checked = None
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("framenavigated", self._on_navigated)

    def _on_console(self, msg):
        if msg.type == "error":
            source = msg.location.get("url") or self.page.url
            self.console_errors.append(f"{msg.text} ({source})")

    def _on_navigated(self, frame):
        if frame != self.page.main_frame:
            return
        # htmx's first hx-push-url replaces the current history entry with itself
        # before pushing the new one: the page just checked, not a new one.
        if not self.unchecked and frame.url == self.last_checked:
            return
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
    if getattr(page, "_e2e_without_js", False):
        return _scan_copy(page)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def _scan_copy(page):
    """Scan a page shown with JavaScript off, from a copy where axe can run.

    axe waits on timers, which never fire with JavaScript off. The copy gets the
    page's HTML as it is now (a POST's answer cannot be fetched again) and the
    same style sheets, but none of the site's scripts, so it looks the same.
    """
    url = page.url.split("#")[0]
    html = page.content()
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()
        copy.route(
            lambda u: u.split("#")[0] == url,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        copy.route("**/*.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
        copy.goto(page.url)
        return _scan(copy)
    finally:
        context.close()


def _watch(page):
    page.set_default_timeout(10_000)
    page._e2e_watch = PageWatch(page)
    return page


def _assert_all_checked(page):
    watch = page._e2e_watch
    leftover = watch.skipped + watch.unchecked
    assert not leftover, f"Pages visited without check_page(): {leftover}"
    assert not watch.console_errors, "Console errors:\n" + "\n".join(watch.console_errors)


@pytest.fixture
def page(page, request):
    """pytest-playwright's page, watched for console errors and unchecked pages."""
    yield _watch(page)
    if getattr(request.node, "e2e_call_failed", True):
        return  # the test's own failure says more
    _assert_all_checked(page)


@pytest.fixture
def new_page(browser, browser_context_args, request):
    """Open a page in a browser context of its own: a second person, or JavaScript off.

    ``new_page(java_script_enabled=False)`` passes its arguments to the new
    context. The page is watched like ``page``; check it with ``check_page(on=...)``.
    """
    contexts = []

    def open_page(**context_args):
        context = browser.new_context(**{**browser_context_args, **context_args})
        contexts.append(context)
        opened = _watch(context.new_page())
        opened._e2e_without_js = context_args.get("java_script_enabled") is False
        return opened

    yield open_page
    try:
        if not getattr(request.node, "e2e_call_failed", True):
            for context in contexts:
                for opened in context.pages:
                    _assert_all_checked(opened)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def check_page(page):
    """Check the page as it is now: no axe violations, no console errors.

    ``allow_console`` lists regular expressions of console errors this page is
    expected to log (e.g. Chrome's note about a 410 response). ``on`` checks a
    page from ``new_page`` instead of the test's own.
    """

    def check(*, allow_console=(), on=None):
        target = on or page
        watch = target._e2e_watch
        target.wait_for_load_state("load")
        violations = _scan(target)
        assert not violations, _format_violations(target.url, violations)
        errors = [
            e for e in watch.console_errors if not any(re.search(p, e) for p in allow_console)
        ]
        assert not errors, "Console errors:\n" + "\n".join(errors)
        watch.console_errors.clear()
        watch.skipped.extend(watch.unchecked[:-1])
        watch.unchecked.clear()
        watch.last_checked = target.url

    return check


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to /tmp/e2e-shots/; ``phone=True`` also at 390 px wide.

    The phone-width layout is scanned with axe too, since reflow can hide or
    overlap things that are fine on a laptop.
    """
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(name, *, phone=False, on=None):
        target = on or page
        # Hiding the caret (Playwright's default) leaves style="" on every input;
        # htmx's settle then copies that attribute, which the CSP refuses.
        options = {"full_page": True, "caret": "initial"}
        target.screenshot(path=SHOTS_DIR / f"{name}-laptop.png", **options)
        if phone:
            target.set_viewport_size(PHONE)
            try:
                target.screenshot(path=SHOTS_DIR / f"{name}-phone.png", **options)
                violations = _scan(target)
                assert not violations, _format_violations(f"{target.url} (phone)", violations)
            finally:
                target.set_viewport_size(LAPTOP)

    return take


@pytest.fixture
def sign_in(page, check_page):
    """Sign in through the real login form, checking the form page on the way."""

    def do(user, password=PASSWORD, *, on=None):
        target = on or page
        target.goto("/accounts/login/")
        check_page(on=target)
        target.get_by_label("Email").fill(user.email)
        target.get_by_label("Password").fill(password)
        target.get_by_role("button", name="Sign in").click()
        target.wait_for_load_state("load")

    return do
