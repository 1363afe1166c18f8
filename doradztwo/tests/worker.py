"""Real Celery workers for the tests that need one (CONVENTIONS §8): a worker process on this test's
database with a 10 s visibility timeout, started and waited for in one place. `worker_na_redisie_testow`
uses the suite's Redis (the `worker` fixtures of test_worker.py and raporty's summary test);
test_awarie.py starts its own workers on a private Redis with `uruchom` and `czekaj_na_workera`."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

BASE_DIR = Path(django_settings.BASE_DIR)


def url_bazy(nazwa: str | None = None) -> str:
    """DATABASE_URL of this test's database (or of another database `nazwa` on the same server)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{nazwa or db['NAME']}"


def srodowisko(redis_url: str, media, **dodatkowe: str) -> dict:
    """A worker's environment: this test's database, the given Redis and media folder."""
    return {**os.environ, "DATABASE_URL": url_bazy(), "REDIS_URL": redis_url, "MEDIA_ROOT": str(media),
            "CELERY_VISIBILITY_TIMEOUT": "10", **dodatkowe}


def uruchom(nazwa: str, env: dict, log: Path, *argumenty: str, pula: str = "solo",
            start_new_session: bool = False) -> subprocess.Popen:
    """Start a worker named `nazwa`, its output in `log`; `czekaj_na_workera` waits until it answers."""
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "doradztwo", "worker", f"--pool={pula}", "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", f"--hostname={nazwa}@%h", *argumenty],
            cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=start_new_session)


def czekaj_na_workera(app, proces: subprocess.Popen, nazwa: str, log: Path, sekundy: float = 60) -> None:
    """Wait until this worker (not any other on the broker) answers a ping; fail with its log if it died."""
    wezel = f"{nazwa}@{socket.gethostname()}"
    koniec = time.monotonic() + sekundy
    while not app.control.ping(destination=[wezel], timeout=0.5):
        assert proces.poll() is None, log.read_text()
        if time.monotonic() >= koniec:
            raise AssertionError(f"worker {nazwa} did not start within {sekundy} s\n{log.read_text()[-4000:]}")


@contextmanager
def worker_na_redisie_testow(settings, tmp_path: Path, nazwa: str, *argumenty: str):
    """A worker on the suite's Redis and PostgreSQL (skipped locally without them, required under
    CI=true); this process stops running tasks eagerly while it lives."""
    from doradztwo import settings as project_settings
    from doradztwo.celery import app

    if not project_settings.REDIS_URL or connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true needs PostgreSQL and Redis for the worker test")
        pytest.skip("needs PostgreSQL and Redis (make test starts them)")
    log = tmp_path / "worker.log"
    proces = uruchom(nazwa, srodowisko(project_settings.REDIS_URL, settings.MEDIA_ROOT), log, *argumenty)
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        czekaj_na_workera(app, proces, nazwa, log)
        yield proces
    finally:
        proces.terminate()
        proces.wait(timeout=20)
