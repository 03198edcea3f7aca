"""The checks every browser test relies on do catch problems (so a green run means something)."""

import pytest

pytestmark = pytest.mark.e2e


def test_check_page_reports_axe_violations_and_console_errors(page, live_server, check_page):
    page.goto("/accounts/login/")
    check_page()
    watch = page._e2e_watch

    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    with pytest.raises(AssertionError, match="image-alt"):
        check_page()
    page.evaluate("document.querySelector('main img').alt = ''")

    # The CSP has no 'unsafe-inline': an inline script is refused, with a console error.
    page.evaluate(
        "const s = document.createElement('script');"
        "s.textContent = 'window.ran = true'; document.body.append(s);"
    )
    with pytest.raises(AssertionError, match="Content Security Policy"):
        check_page()
    assert page.evaluate("window.ran") is None
    watch.console_errors.clear()
    check_page()
