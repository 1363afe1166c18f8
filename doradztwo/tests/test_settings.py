import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from doradztwo.env import env_bool, env_int, env_list

BASE_DIR = Path(settings.BASE_DIR)


def _run_manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_with_only_the_production_variables():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(48)[:64],
        "ALLOWED_HOSTS": "example.org",
    }
    result = _run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {"PATH": os.environ["PATH"], "DEBUG": "False", "ALLOWED_HOSTS": "example.org"}
    result = _run_manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_environment_helpers_fail_loudly_on_bad_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL", True)
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_BOOL", "False")
    assert env_bool("X_BOOL", True) is False
    monkeypatch.setenv("X_LIST", " a.pl, b.pl ,")
    assert env_list("X_LIST", []) == ["a.pl", "b.pl"]


def test_sqlite_default_uses_immediate_transactions_wal_and_a_timeout():
    env = {"PATH": os.environ["PATH"]}
    code = (
        "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='doradztwo.settings';django.setup();"
        "from django.conf import settings as s;from django.db import connection as c;"
        "o=s.DATABASES['default']['OPTIONS'];c.ensure_connection();"
        "print(o['transaction_mode'],o['timeout'],c.cursor().execute('PRAGMA journal_mode').fetchone()[0])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["IMMEDIATE", "20", "wal"], result.stderr


def test_celery_is_eager_without_redis_and_acks_late_always():
    from doradztwo import settings as project_settings  # as configured, before test fixtures
    from doradztwo.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert project_settings.CELERY_TASK_ALWAYS_EAGER is (not project_settings.REDIS_URL)


def test_polish_first_warsaw_time_and_db_sessions():
    assert settings.LANGUAGE_CODE == "pl"
    assert [code for code, _ in settings.LANGUAGES] == ["pl", "en"]
    assert settings.TIME_ZONE == "Europe/Warsaw"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    # Sliding sessions are extended by OdswiezanieSesjiMiddleware at most once a minute (test_auth.py).
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.MIDDLEWARE.index("doradztwo.middleware.OdswiezanieSesjiMiddleware") == \
        settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in policy


TEMPLATE_FILES = sorted((BASE_DIR / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_templates_have_no_inline_styles_scripts_or_raw_htmx_attributes(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=", text), "style= attribute (CSP forbids inline styles)"
    assert "<style" not in text, "<style> block (CSP forbids inline styles)"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script> (CSP forbids it)"
    assert not re.search(r"\shx-[a-z]", text), "write htmx attributes as data-hx-* (CONVENTIONS §7)"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"


def test_vendor_check_finds_the_locked_front_end_assets():
    from doradztwo import vendor

    found, versions = vendor.problems()
    assert found == []
    assert set(versions) == {"bootstrap", "htmx.org"}


def test_vendor_check_flags_a_template_that_loads_from_a_cdn(settings, tmp_path):
    from doradztwo import vendor

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    (tmp_path / "package-lock.json").write_text((BASE_DIR / "package-lock.json").read_text())
    settings.BASE_DIR = tmp_path
    found, _versions = vendor.problems()
    assert any("loads an asset from another host" in problem for problem in found)
