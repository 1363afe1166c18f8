"""A real Celery worker on Redis runs a job end to end (required under CI=true; CONVENTIONS §8)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from doradztwo import zadania
from doradztwo.models import Zadanie
from jst.zadania import SKLAD_ZESPOLU

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def worker(settings, tmp_path):
    from doradztwo import settings as project_settings
    from doradztwo.celery import app

    if not project_settings.REDIS_URL or connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true needs PostgreSQL and Redis for the worker test")
        pytest.skip("needs PostgreSQL and Redis (make test starts them)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": project_settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_VISIBILITY_TIMEOUT": "10",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "doradztwo", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--hostname=test@%h"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1):
            assert process.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, "the worker did not start"
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _wait(job_id, statuses, seconds=60):
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = Zadanie.objects.get(pk=job_id)
        seen.append(job.postep)
        if job.status in statuses:
            return job, seen
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job.status} after {seconds} s")


def test_a_real_worker_renders_the_roster_once_and_refuses_a_requester_without_access(worker, world, settings):
    from doradztwo.tasks import wykonaj_zadanie
    from jst.services import zespol_usun_czlonka

    udzial = world["udzial_a"]
    job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": udzial.pk},
                               actor=world["personas"]["koordynator"])  # committed: the outbox dispatches
    job, progress = _wait(job.pk, {"gotowe", "blad", "brak_dostepu"})
    assert job.status == "gotowe" and job.postep == 100, job.komunikat
    assert job.plik.read().startswith(b"%PDF")

    wykonaj_zadanie.delay(job.pk)  # a duplicate delivery
    time.sleep(3)
    files = list((Path(settings.MEDIA_ROOT) / "zadania").rglob("*.pdf"))
    assert len(files) == 1
    assert Zadanie.objects.get(pk=job.pk).zakonczone == job.zakonczone

    lider = world["personas"]["jst-a-lider"]
    with transaction.atomic():  # the team changes, the leader orders the roster and leaves before it runs
        czlonek = world["czlonek_a3"]
        czlonek.funkcja = "sekretarz powiatu"
        czlonek.save(update_fields=["funkcja"])
        lost = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": udzial.pk}, actor=lider)
        zespol_usun_czlonka(czlonek=udzial.zespol.get(uzytkownik=lider), actor=world["personas"]["koordynator"])
    lost, _ = _wait(lost.pk, {"gotowe", "blad", "brak_dostepu"})
    assert lost.status == "brak_dostepu" and not lost.plik
