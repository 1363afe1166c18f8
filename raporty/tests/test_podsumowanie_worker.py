"""A real Celery worker on Redis renders JST A's summary (issue 9, "Done when"): Polish text intact,
an area name from the sheet chart and a month label from the HDR timeline; a second request reuses
the file; an HDR edit makes the next request render anew. Required under CI=true (CONVENTIONS §8),
skipped locally without PostgreSQL and Redis."""

import datetime
import time

import pytest
from django.urls import reverse

from doradztwo.models import Zadanie
from doradztwo.tests.worker import worker_na_redisie_testow
from raporty.tests.test_podsumowanie import ARKUSZ, POLSKIE, PRYWATNE, SKALA, _hdr, tekst_pdf
from raporty.zadania_podsumowania import PODSUMOWANIE_JST

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
KONIEC = {"gotowe", "blad", "brak_dostepu"}


@pytest.fixture
def worker(settings, tmp_path):
    # `--include` registers the summary job kinds in the worker whatever the app's ready() imports.
    with worker_na_redisie_testow(settings, tmp_path, "podsumowanie", "--include=raporty.zadania_podsumowania") as p:
        yield p


def _czekaj(client, url, seconds=90) -> Zadanie:
    """POST (the job is dispatched after commit to the worker), then wait for it to end."""
    response = client.post(url)
    assert response.status_code == 302
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = Zadanie.objects.get(pk=job_id)
        if job.status in KONIEC:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job.status} after {seconds} s")


def _pobierz(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_a_real_worker_renders_jst_a_summary_reuses_it_and_renders_anew_after_an_hdr_edit(worker, world, client_as):
    from diagnoza import services as diagnoza_services
    from diagnoza.models import PytanieSzablonu, WyborObszaru
    from doradztwo.models import Obszar
    from hdr.models import WersjaHdr
    from hdr.services import dzialanie_zapisz

    if not Obszar.objects.exists():
        # An earlier transaction=True test in this process flushed the rows the migrations seed.
        import importlib

        from django.apps import apps

        importlib.import_module("doradztwo.migrations.0002_obszary").utworz_obszary(apps, None)
    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    wersja = diagnoza_services.szablon_utworz_z_danych(dane=ARKUSZ, skala=SKALA)
    diagnoza_services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=world["personas"]["koordynator"])
    arkusz = diagnoza_services.arkusz_zaloz(udzial=udzial, actor=lider)
    for kod, wartosc in (("b1", 2), ("b2", 3), ("r1", 4)):
        diagnoza_services.odpowiedz_zapisz(arkusz=arkusz, pytanie=PytanieSzablonu.objects.get(
            sekcja__wersja=wersja, kod=kod), wartosc=wartosc, nie_wiem=False, wersja=0, actor=lider)
    WyborObszaru.objects.create(udzial=udzial, obszar=Obszar.objects.get(kod="budzet"), kto=lider,
                                uzasadnienie="Najniższa średnia w arkuszu; zespół zgodził się na spotkaniu.")
    _hdr(world, stan="robocza")
    start = WersjaHdr.objects.get(hdr__udzial=udzial)

    client = client_as("jst-a-lider")
    url = reverse("raporty:podsumowanie_pdf", kwargs={"pk": udzial.pk})
    job = _czekaj(client, url)
    assert job.status == "gotowe" and job.postep == 100, job.komunikat
    text = tekst_pdf(_pobierz(client, url))
    assert POLSKIE in text and "Planowanie budżetowe" in text
    assert "lis2022" in text.replace(" ", "")
    assert not any(p in text for p in PRYWATNE)

    # A second request (another role) reuses the stored file: no new render.
    drugi = client_as("koordynator")
    assert _pobierz(drugi, url)
    kopia = _czekaj(drugi, url)
    assert kopia.pk != job.pk and kopia.plik.name == job.plik.name

    # An HDR edit: the next request finds no current file and the worker renders a new one.
    d = start.dzialania.get(nazwa=POLSKIE)
    dzialanie_zapisz(wersja_hdr=start, dzialanie=d, wersja=d.wersja, actor=lider, dane={
        "nazwa": d.nazwa, "wlasciciel_nazwa": d.wlasciciel_nazwa, "od": d.od, "do": datetime.date(2023, 2, 28)})
    client = client_as("jst-a-lider")
    assert "Przygotuj PDF" in client.get(url).content.decode()
    nowy = _czekaj(client, url)
    assert nowy.status == "gotowe" and nowy.plik.name != job.plik.name, nowy.komunikat
    assert "28.02.2023" in tekst_pdf(_pobierz(client, url))
    assert Zadanie.objects.filter(rodzaj=PODSUMOWANIE_JST, status="gotowe").values("plik").distinct().count() == 2
