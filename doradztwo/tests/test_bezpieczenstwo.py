"""Headers and sessions (issue 11): cookies in production, the Polish lock-out page with its unlock
time, and the CSP header. The browser side of CSP (0 `securitypolicyviolation` events) is checked on
every browser test by doradztwo/tests/browser/conftest.py; its self-test is browser/test_csp.py."""

import json
import os
import secrets
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from doradztwo.blokada import komunikat

BASE_DIR = Path(settings.BASE_DIR)
WARSZAWA = ZoneInfo("Europe/Warsaw")
HASLO = "haslo-testowe-123"
COOKIE_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
]


@pytest.fixture(scope="module")
def produkcja():
    """The settings as production builds them: DEBUG=False and nothing but the required variables."""
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(48)[:64],
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "doradztwo.settings",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {COOKIE_SETTINGS!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_http_only_and_same_site_lax(produkcja):
    assert produkcja["DEBUG"] is False
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert produkcja[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert produkcja[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert produkcja[f"{cookie}_COOKIE_SAMESITE"] == "Lax", cookie
    assert produkcja["SECURE_SSL_REDIRECT"] is True
    assert produkcja["SECURE_HSTS_SECONDS"] >= 31536000
    assert produkcja["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.django_db
def test_with_production_cookie_settings_the_login_sets_flagged_session_and_csrf_cookies(
    client, personas, settings, produkcja
):
    for name, value in produkcja.items():
        if "COOKIE" in name:
            setattr(settings, name, value)
    # Behind the proxy, as in production (CONVENTIONS §6).
    login = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    csrf = login.cookies[settings.CSRF_COOKIE_NAME]
    response = client.post("/accounts/login/", {"username": "ros1", "password": HASLO,
                                                "csrfmiddlewaretoken": csrf.value},
                           headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 302
    for cookie in (csrf, response.cookies[settings.SESSION_COOKIE_NAME]):
        assert cookie["secure"] is True, cookie.key
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key


def test_no_script_of_ours_reads_the_csrf_cookie_so_it_can_be_http_only():
    for script in (BASE_DIR / "static").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "document.cookie" not in text, script
        assert settings.CSRF_COOKIE_NAME not in text, script


def _nieudane(client, username, ip, razy):
    return [client.post("/accounts/login/", {"username": username, "password": "zle-haslo"}, REMOTE_ADDR=ip)
            for _ in range(razy)]


@pytest.mark.django_db
def test_a_locked_out_login_gets_a_polish_page_saying_when_to_try_again_in_warsaw_time(client, personas):
    limit = settings.AXES_FAILURE_LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    # 14:20 in Warsaw in winter (UTC+1).
    with time_machine.travel(datetime(2026, 1, 15, 14, 20, tzinfo=WARSZAWA), tick=False) as podroz:
        odpowiedzi = _nieudane(client, "jst-a-lider", "10.0.0.9", limit)
        assert [r.status_code for r in odpowiedzi[:-1]] == [200] * (limit - 1)
        zablokowane = odpowiedzi[-1]  # the failure that reaches the limit already gets the page
        assert zablokowane.status_code == 429
        html = zablokowane.content.decode()
        assert "<h1>Logowanie czasowo zablokowane</h1>" in html
        assert "Spróbuj ponownie za 15 minut, po godzinie 14:35, albo ustaw nowe hasło." in html
        assert zablokowane["Retry-After"] == "900"
        assert zablokowane["Content-Type"].startswith("text/html")

        # Trying again (even with the right password) does not push the unlock time on.
        podroz.shift(10 * 60)
        znowu = client.post("/accounts/login/", {"username": "jst-a-lider", "password": HASLO},
                            REMOTE_ADDR="10.0.0.9")
        assert znowu.status_code == 429
        assert "Spróbuj ponownie za 5 minut, po godzinie 14:35" in znowu.content.decode()
        assert znowu["Retry-After"] == "300"

        podroz.shift(5 * 60 + 1)
        po_czasie = client.post("/accounts/login/", {"username": "jst-a-lider", "password": HASLO},
                                REMOTE_ADDR="10.0.0.9")
        assert po_czasie.status_code == 302


@pytest.mark.django_db
def test_the_unlock_time_follows_summer_time(client, personas):
    with time_machine.travel(datetime(2026, 7, 1, 9, 5, tzinfo=WARSZAWA), tick=False):
        zablokowane = _nieudane(client, "pro1", "10.0.0.10", settings.AXES_FAILURE_LIMIT)[-1]
    assert zablokowane.status_code == 429
    assert "po godzinie 09:20" in zablokowane.content.decode()


@pytest.mark.django_db
def test_an_htmx_login_attempt_while_locked_out_gets_the_message_as_text_and_keeps_the_page(client, personas):
    with time_machine.travel(datetime(2026, 1, 15, 8, 0, 30, tzinfo=WARSZAWA), tick=False):
        _nieudane(client, "ros2", "10.0.0.11", settings.AXES_FAILURE_LIMIT)
        response = client.post("/accounts/login/", {"username": "ros2", "password": HASLO},
                               REMOTE_ADDR="10.0.0.11", headers={"HX-Request": "true"})
    assert response.status_code == 429
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["HX-Reswap"] == "none"
    # 08:15:30 is shown rounded up, never too early.
    assert response.content.decode() == "Spróbuj ponownie za 15 minut, po godzinie 08:16, albo ustaw nowe hasło."


def test_the_message_names_the_day_when_the_unlock_is_after_midnight_and_counts_one_minute_right():
    teraz = datetime(2026, 3, 2, 23, 59, 10, tzinfo=WARSZAWA)
    assert komunikat(datetime(2026, 3, 3, 0, 10, tzinfo=WARSZAWA), teraz) == (
        "Spróbuj ponownie za 11 minut, po godzinie 00:10 (03.03.2026), albo ustaw nowe hasło.")
    jedna = komunikat(datetime(2026, 3, 2, 23, 59, 50, tzinfo=WARSZAWA), datetime(2026, 3, 2, 23, 59, 20,
                                                                                     tzinfo=WARSZAWA))
    assert jedna.startswith("Spróbuj ponownie za 1 minutę, po godzinie 00:00 (03.03.2026)")


@pytest.mark.django_db
def test_the_lockout_page_carries_the_strict_content_security_policy(client, personas):
    zablokowane = _nieudane(client, "koordynator", "10.0.0.12", settings.AXES_FAILURE_LIMIT)[-1]
    policy = zablokowane["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_nul_characters_are_dropped_from_parameters_and_the_rest_of_the_text_kept(rf):
    """PostgreSQL refuses NUL in text: a forged one in a hand-read reason was a 500 (issue 11)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from doradztwo.middleware import UsunZnakiNulMiddleware

    seen = {}

    def view(request):
        seen.update(get=request.GET.getlist("q"), post=request.POST.getlist("powod\x00"),
                    clean_key=request.POST.getlist("powod"), file=request.FILES["plik"].read())
        return None

    request = rf.post("/x/?q=a%00b&q=c", {"powod\x00": ["Zażółć\x00 gęślą", "jaźń"],
                                          "plik": SimpleUploadedFile("a.txt", b"a\x00b")})
    UsunZnakiNulMiddleware(view)(request)
    assert seen == {"get": ["ab", "c"], "post": [], "clean_key": ["Zażółć gęślą", "jaźń"], "file": b"a\x00b"}
    plain = rf.post("/x/", {"powod": "bez zmian"})
    post = plain.POST
    UsunZnakiNulMiddleware(lambda r: None)(plain)
    assert plain.POST is post  # nothing to drop: the same object, no copy


def test_every_test_security_md_cites_exists():
    """SECURITY.md names the test proving each protection (`file::test`, then `::test` in the same
    file): a renamed or deleted test must not leave a claim without its proof."""
    import re

    text = (BASE_DIR / "SECURITY.md").read_text(encoding="utf-8")
    missing, cited, current = [], 0, None
    for token in re.findall(r"`([^`]*::[^`]*)`", text):
        path, _, name = token.partition("::")
        if path:
            current = path
        if not name.startswith("test_") or current is None:
            continue
        cited += 1
        source = (BASE_DIR / current).read_text(encoding="utf-8") if (BASE_DIR / current).exists() else ""
        if not re.search(rf"^def {re.escape(name)}\(", source, re.MULTILINE):
            missing.append(f"{current}::{name}")
    assert cited > 50
    assert not missing, "SECURITY.md cites tests that do not exist:\n" + "\n".join(missing)
