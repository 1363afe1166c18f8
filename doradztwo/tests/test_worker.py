"""A real Celery worker on Redis runs a job end to end (required under CI=true; CONVENTIONS §8)."""

import time
from pathlib import Path

import pytest
from django.db import transaction

from doradztwo import zadania
from doradztwo.models import Zadanie
from doradztwo.tests.worker import worker_na_redisie_testow
from jst.zadania import SKLAD_ZESPOLU

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    with worker_na_redisie_testow(settings, tmp_path, "test") as process:
        yield process


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
