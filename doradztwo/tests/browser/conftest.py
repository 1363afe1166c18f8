"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright. Never downloads a browser.

Every browser context any test opens (through `signed_in_context` or straight from `browser`) records
Content-Security-Policy violations: an init script pushes each `securitypolicyviolation` event into
`window.__cspViolations` (the array the accessibility gate reads) and reports it to Python. When the
test ends, the autouse `csp_violations` fixture fails it if any violation happened on one of our
pages — a document whose path our urlconf resolves, outside `admin:` (CONVENTIONS §3). Pages a test
serves itself on unknown paths (the gate's self-test) are not ours. browser/test_csp.py proves the
check can fail.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop; Django's ORM calls from the test thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


CSP_BINDING = "__zglosNaruszenieCsp"  # the name the listener below calls
CSP_LISTENER = """
(function () {
  if (window.__cspNasluch) { return; }
  window.__cspNasluch = true;
  window.__cspViolations = window.__cspViolations || [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
                                ' at ' + e.sourceFile + ':' + e.lineNumber);
    if (window.__zglosNaruszenieCsp) {
      window.__zglosNaruszenieCsp({directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI || 'inline',
                 source: (e.sourceFile || '') + ':' + e.lineNumber, document: e.documentURI});
    }
  }, true);
})();
"""


def is_our_page(url: str) -> bool:
    """A document served by one of our views: a path our urlconf resolves, outside `admin:`."""
    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return "admin" not in match.namespaces


class CspViolations:
    """The CSP violations reported by the browser contexts of one test."""

    def __init__(self):
        self.contexts = []
        self.records = []

    def watch(self, context):
        context.add_init_script(CSP_LISTENER)
        context.expose_function(CSP_BINDING, self.record)
        self.contexts.append(context)

    def record(self, violation: dict):
        self.records.append(violation)

    def flush(self):
        """One round trip per open page, so reports already sent by the pages are received."""
        from playwright.sync_api import Error

        for context in self.contexts:
            for page in list(context.pages):
                try:
                    page.evaluate("0")
                except Error:  # closed meanwhile, or navigating: nothing left to receive
                    pass

    def on_our_pages(self) -> list[str]:
        self.flush()
        return [
            f"{r['directive']} blocked {r['blocked']} at {r['source']} on {r['document']}"
            for r in self.records
            if is_our_page(r["document"])
        ]

    def assert_none(self):
        found = self.on_our_pages()
        assert not found, f"{len(found)} CSP violation(s) on our pages:\n" + "\n".join(found)

    def take(self) -> list[str]:
        """The violations on our pages so far, forgotten afterwards (for tests that cause one on purpose)."""
        found = self.on_our_pages()
        self.records.clear()
        return found


_current: CspViolations | None = None


@pytest.fixture(autouse=True)
def csp_violations():
    """Every browser test ends with 0 CSP violations on our pages."""
    global _current
    _current = CspViolations()
    yield _current
    watched, _current = _current, None
    watched.assert_none()


class _Browser:
    """The session's Chromium; every context it opens reports CSP violations to the running test."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def new_context(self, **options):
        context = self._real.new_context(**options)
        if _current is not None:
            _current.watch(context)
        return context

    def new_page(self, **options):
        page = self._real.new_page(**options)  # a page with its own context
        if _current is not None:
            _current.watch(page.context)
        return page


def _require(condition: bool, what: str):
    if condition:
        return
    if os.environ.get("BROWSER_GATE_REQUIRED") == "1":
        pytest.fail(f"{what} is required under CI=true")
    pytest.skip(f"{what} not installed (laptop fallback)")


@pytest.fixture(scope="session")
def browser():
    _require(os.path.exists(CHROMIUM), "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield _Browser(chromium)
        chromium.close()


@pytest.fixture
def java():
    path = shutil.which("java")
    _require(path is not None, "Java (for the HTML validator vnu)")
    return path


@pytest.fixture
def signed_in_context(browser, live_server, personas, csp_violations):
    """`signed_in_context("ros1")` → a new browser context with that persona's session cookie."""
    from django.conf import settings
    from django.test import Client

    contexts = []

    def _make(persona, **options):
        options.setdefault("locale", "pl-PL")  # our users' browsers ask for Polish
        # Bootstrap scrolls smoothly unless reduced motion is asked for; every click would wait for it.
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**options)
        contexts.append(context)
        if persona != "anon":
            client = Client()
            client.force_login(personas[persona])
            context.add_cookies([{
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }])
        return context

    yield _make
    csp_violations.flush()  # before closing: the last reports of open pages still arrive
    for context in contexts:
        context.close()
