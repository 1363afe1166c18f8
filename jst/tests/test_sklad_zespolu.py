import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from doradztwo import zadania
from doradztwo.models import Zadanie
from jst.zadania import SKLAD_ZESPOLU

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_leader_gets_the_roster_pdf_with_polish_names_and_the_url_then_serves_the_stored_file(
    client_as, world, django_capture_on_commit_callbacks
):
    udzial = world["udzial_a"]
    client = client_as("jst-a-lider")
    url = reverse("jst:sklad_zespolu_pdf", args=[udzial.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Przygotuj PDF" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Zadanie.objects.get()
    assert response["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert (job.status, job.postep) == ("gotowe", 100)
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    text = _pdf_text(b"".join(served.streaming_content))
    assert "Łucja Liderska" in text and "Czesław Członkowski" in text and "Roman Rosiński" in text
    assert "Skład zespołu JST" in text


def test_a_changed_team_makes_the_stored_file_stale(client_as, world, django_capture_on_commit_callbacks):
    udzial = world["udzial_a"]
    client = client_as("koordynator")
    url = reverse("jst:sklad_zespolu_pdf", args=[udzial.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)  # unchanged data: the stored file is reused, no second job
    assert Zadanie.objects.count() == 1
    czlonek = world["czlonek_a3"]
    czlonek.funkcja = "sekretarz"
    czlonek.wersja += 1
    czlonek.save(update_fields=["funkcja", "wersja"])
    assert "Przygotuj PDF" in client.get(url).content.decode()


def test_running_the_task_twice_stores_one_file(world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": world["udzial_a"].pk},
                                   actor=world["personas"]["koordynator"])
    assert zadania.wykonaj(job.pk) == "pominiete"
    files = list((settings.MEDIA_ROOT / "zadania").rglob("*.pdf"))
    assert len(files) == 1


def test_a_requester_who_lost_access_gets_no_file(world, django_capture_on_commit_callbacks):
    from jst.services import zespol_usun_czlonka

    lider = world["personas"]["jst-a-lider"]
    udzial = world["udzial_a"]
    job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": udzial.pk}, actor=lider)
    zespol_usun_czlonka(czlonek=udzial.zespol.get(uzytkownik=lider), actor=world["personas"]["koordynator"])
    assert zadania.wykonaj(job.pk) == "brak_dostepu"
    job.refresh_from_db()
    assert job.status == "brak_dostepu" and not job.plik and job.komunikat.startswith("Brak dostępu")


def test_a_team_member_who_is_not_the_leader_cannot_order_the_roster(client_as, world):
    response = client_as("jst-a-czlonek").post(reverse("jst:sklad_zespolu_pdf", args=[world["udzial_a"].pk]))
    assert response.status_code == 403 and Zadanie.objects.count() == 0


def test_the_job_page_shows_progress_then_the_link_or_a_polish_error_with_retry(client_as, world, monkeypatch,
                                                                                django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": world["udzial_a"].pk},
                               actor=world["personas"]["koordynator"])
    page = client.get(reverse("zadania:zadanie", args=[job.pk])).content.decode()
    assert "<progress" in page and 'data-hx-trigger="every 2s"' in page

    def boom(*args, **kwargs):
        raise RuntimeError("weasyprint exploded")

    monkeypatch.setattr("doradztwo.pdf.render_pdf", boom)
    assert zadania.wykonaj(job.pk) == "blad"
    page = client.get(reverse("zadania:zadanie", args=[job.pk])).content.decode()
    assert "Nie udało się przygotować pliku" in page and "Spróbuj ponownie" in page
    assert "weasyprint exploded" not in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("zadania:ponow", args=[job.pk]))
    nowe = Zadanie.objects.latest("pk")
    assert nowe.pk != job.pk and nowe.status == "gotowe"
    assert response["Location"] == reverse("zadania:zadanie", args=[nowe.pk])
    assert "Pobierz" in client.get(response["Location"]).content.decode()


def test_a_transient_error_is_retried_then_stored_as_an_error(world, monkeypatch):
    from django.db import OperationalError

    job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": world["udzial_a"].pk},
                               actor=world["personas"]["koordynator"])

    def flaky(*args, **kwargs):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr("doradztwo.pdf.render_pdf", flaky)
    for _ in range(2):
        with pytest.raises(zadania.BladPrzejsciowy):
            zadania.wykonaj(job.pk)
        job.refresh_from_db()
        assert job.status == "oczekuje"
    assert zadania.wykonaj(job.pk) == "blad"
    assert mail.outbox == []


def test_a_file_made_for_one_user_is_reused_for_another_under_their_own_job(client_as, world,
                                                                           django_capture_on_commit_callbacks):
    url = reverse("jst:sklad_zespolu_pdf", args=[world["udzial_a"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_as("koordynator").post(url)
    response = client_as("jst-a-lider").post(url)
    mine = Zadanie.objects.get(zlecajacy=world["personas"]["jst-a-lider"])
    assert mine.status == "gotowe" and mine.plik.name == Zadanie.objects.get(zlecajacy__username="koordynator").plik.name
    assert client_as("jst-a-lider").get(response["Location"]).status_code == 200
