"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright. Never downloads a browser."""

import os
import shutil

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
        yield chromium
        chromium.close()


@pytest.fixture
def java():
    path = shutil.which("java")
    _require(path is not None, "Java (for the HTML validator vnu)")
    return path


@pytest.fixture
def signed_in_context(browser, live_server, personas):
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
    for context in contexts:
        context.close()
