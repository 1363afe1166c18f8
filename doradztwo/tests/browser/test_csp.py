"""The CSP-violation check every browser test ends with (browser/conftest.py), and that it can fail."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INLINE = (
    "<!DOCTYPE html><html lang='pl'><head><meta charset='utf-8'><title>Wstrzyknięty</title></head>"
    "<body><main><h1>Wstrzyknięty skrypt</h1><script>document.title = 'x';</script></main></body></html>"
)


def _our_policy() -> str:
    return Client().get("/accounts/login/")["Content-Security-Policy"]


def _serve_inline_script(context, pattern):
    context.route(pattern, lambda route: route.fulfill(
        body=INLINE, content_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": _our_policy()},
    ))


def test_an_inline_script_on_one_of_our_urls_fails_the_check_with_directive_and_url(
    live_server, signed_in_context, csp_violations
):
    """A check that cannot fail is no check: our own policy, an inline script, one of our URLs."""
    context = signed_in_context("anon")
    _serve_inline_script(context, "**/deklaracja-dostepnosci/")
    page = context.new_page()
    page.goto(live_server.url + "/deklaracja-dostepnosci/", wait_until="load")
    assert page.title() == "Wstrzyknięty"  # the script was blocked
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__cspViolations"))
    with pytest.raises(AssertionError, match=r"script-src(-elem)? blocked inline .* on http://.*/deklaracja-dostepnosci/"):
        csp_violations.assert_none()
    assert len(csp_violations.take()) == 1  # forgotten: this test itself ends clean
    csp_violations.assert_none()


def test_a_page_the_test_serves_on_an_unknown_path_is_not_counted(live_server, signed_in_context, csp_violations):
    context = signed_in_context("anon")
    _serve_inline_script(context, "**/zly-formularz/")
    page = context.new_page()
    page.goto(live_server.url + "/zly-formularz/", wait_until="load")
    assert page.evaluate("() => window.__cspViolations")  # recorded in the page…
    assert csp_violations.on_our_pages() == []  # …but not one of ours


def test_contexts_opened_straight_from_the_browser_are_watched_too(live_server, browser, csp_violations):
    page = browser.new_page()
    _serve_inline_script(page.context, "**/rodo/")
    page.goto(live_server.url + "/rodo/", wait_until="load")
    assert len(csp_violations.take()) == 1
    page.context.close()


def test_the_lockout_page_in_a_real_browser_is_polish_says_when_and_breaks_no_policy(
    live_server, signed_in_context, csp_violations
):
    page = signed_in_context("anon").new_page()
    page.goto(live_server.url + "/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("input[name=username]", "jst-b-lider")
        page.fill("input[name=password]", "zle-haslo")
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Logowanie czasowo zablokowane"
    assert "Spróbuj ponownie za 15 minut, po godzinie " in page.locator("main").inner_text()
    assert page.evaluate("() => window.__cspViolations") == []
