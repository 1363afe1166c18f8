import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diagnoza import services
from diagnoza.models import PytanieSzablonu
from diagnoza.zadania import ARKUSZ_PUSTY, ARKUSZ_WYPELNIONY  # importing registers the job kinds
from doradztwo import zadania
from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import Zadanie

pytestmark = pytest.mark.django_db

DANE = {"nazwa": "Arkusz diagnostyczny — próba", "opis": "Zaznacz, w jakim stopniu zgadzasz się ze stwierdzeniem.",
        "sekcje": [
            {"obszar": "budzet", "tytul": "4. Planowanie budżetowe",
             "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu.",
                          "pomoc": "Pomyśl o ostatnim roku."},
                         {"kod": "b2", "tresc": "Co roku analizujemy wydatki na oświatę."}]},
            {"obszar": "rodzice", "tytul": "6. Współpraca z rodzicami",
             "pytania": [{"kod": "r1", "tresc": "Rodzice współdecydują o ważnych sprawach szkół."}]},
        ]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]
PRYWATNY = "ZNACZNIK-PRYWATNY-a81d"
PUBLICZNY = "ZNACZNIK-PUBLICZNY-5be0"


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def wersja(world):
    koordynator = world["personas"]["koordynator"]
    wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA, opublikuj=False)
    PytanieSzablonu.objects.create(sekcja=wersja.sekcje.get(kolejnosc=2), kolejnosc=2, kod="r-liczba",
                                   tresc="Ile spotkań z radami rodziców odbyło się w roku?",
                                   typ=PytanieSzablonu.Typ.LICZBA, jednostka="spotkań", opcje=[])
    wersja = services.wersja_opublikuj(wersja=wersja, actor=koordynator)
    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=koordynator)
    return wersja


def _q(wersja, kod):
    return PytanieSzablonu.objects.get(sekcja__wersja=wersja, kod=kod)


def _zamow_i_pobierz(client, url, capture) -> bytes:
    assert "Przygotuj PDF" in client.get(url).content.decode()
    with capture(execute=True):
        response = client.post(url)
    job = Zadanie.objects.latest("pk")
    assert response["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert (job.status, job.postep) == ("gotowe", 100)
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")
    return b"".join(served.streaming_content)


def test_a_team_member_prints_the_blank_sheet_with_polish_text_and_boxes_to_tick(
    client_as, world, wersja, django_capture_on_commit_callbacks
):
    url = reverse("diagnoza:arkusz_pusty_pdf", args=[world["edycja"].pk])
    text = _pdf_text(_zamow_i_pobierz(client_as("jst-a-czlonek"), url, django_capture_on_commit_callbacks))
    assert "Arkusz diagnostyczny — próba" in text and "Doradztwo dla JST 2022/2023" in text
    assert "4. Planowanie budżetowe" in text and "6. Współpraca z rodzicami" in text
    assert "Dyrektorzy biorą udział w planowaniu budżetu." in text and "Pomyśl o ostatnim roku." in text
    assert "zdecydowanie nie" in text and "zdecydowanie tak" in text and "nie dotyczy / nie wiem" in text
    assert "Ile spotkań z radami rodziców odbyło się w roku?" in text and "spotkań" in text
    assert text.count("☐") >= 2 * 5 and "☒" not in text  # 4 points + "nie wiem" per statement, none ticked


def test_the_filled_sheet_shows_the_answers_and_no_comment_public_or_private(
    client_as, world, wersja, django_capture_on_commit_callbacks
):
    udzial = world["udzial_a"]
    lider, czlonek = world["personas"]["jst-a-lider"], world["personas"]["jst-a-czlonek"]
    arkusz = services.arkusz_zaloz(udzial=udzial, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "b1"), wartosc=3, wersja=0, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "b2"), nie_wiem=True, wartosc=None, wersja=0,
                              actor=czlonek)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "r-liczba"), wartosc="2,5", wersja=0, actor=czlonek)
    komentarz_dodaj(obiekt=arkusz, udzial=udzial, sekcja="arkusz-1", tresc=PRYWATNY, prywatny=True,
                    autor=world["personas"]["ros1"])
    komentarz_dodaj(obiekt=arkusz, udzial=udzial, sekcja="arkusz-1", tresc=PUBLICZNY, autor=world["personas"]["pro1"])
    url = reverse("diagnoza:arkusz_pdf", args=[udzial.pk])
    text = _pdf_text(_zamow_i_pobierz(client_as("jst-a-lider"), url, django_capture_on_commit_callbacks))
    assert "Powiat bolesławiecki" in text and "0201" in text and "Arkusz zespołu" in text
    assert "Łucja Liderska" in text and "Czesław Członkowski" in text
    assert text.count("☒") == 2  # b1 = 3 and b2 = "nie wiem"; r1 unanswered
    assert "2,5 spotkań" in text
    assert PRYWATNY not in text and PUBLICZNY not in text


def test_in_individual_mode_each_members_copy_is_printed(world, wersja, django_capture_on_commit_callbacks):
    udzial = world["udzial_a"]
    lider, czlonek = world["personas"]["jst-a-lider"], world["personas"]["jst-a-czlonek"]
    for user, value in ((lider, 1), (czlonek, 4)):
        arkusz = services.arkusz_zaloz(udzial=udzial, czlonek=udzial.zespol.get(uzytkownik=user), actor=user)
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "b1"), wartosc=value, wersja=0, actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        job = zadania.zadanie_zlec(rodzaj=ARKUSZ_WYPELNIONY, parametry={"udzial": udzial.pk}, actor=lider)
    job.refresh_from_db()
    text = _pdf_text(job.plik.read())
    assert "Arkusz: Czesław Członkowski" in text and "Arkusz: Łucja Liderska" in text
    assert text.count("☒") == 2


@pytest.mark.parametrize(("persona", "status"), [
    ("ros2", 200), ("jst-b-czlonek", 200), ("koordynator", 200), ("admin", 200),
    ("koordynator2", 404), ("doradca-spoza", 404)])
def test_the_blank_sheet_is_for_the_editions_coordinators_and_participants(client_as, world, wersja, persona, status):
    url = reverse("diagnoza:arkusz_pusty_pdf", args=[world["edycja"].pk])
    assert client_as(persona).get(url).status_code == status


@pytest.mark.parametrize(("persona", "status"), [
    ("jst-a-czlonek", 200), ("pro1", 200), ("koordynator", 200),
    ("ros2", 404), ("jst-b-lider", 404), ("koordynator2", 404), ("doradca-spoza", 404)])
def test_the_filled_sheet_is_for_anyone_with_a_role_in_the_participation(client_as, world, wersja, persona, status):
    url = reverse("diagnoza:arkusz_pdf", args=[world["udzial_a"].pk])
    assert client_as(persona).get(url).status_code == status
    response = client_as(persona).post(url)
    assert response.status_code == (302 if status == 200 else status)
    assert Zadanie.objects.exists() == (status == 200)


def test_the_jobs_refuse_outsiders(world, wersja):
    for rodzaj, parametry in ((ARKUSZ_PUSTY, {"edycja": world["edycja"].pk}),
                              (ARKUSZ_WYPELNIONY, {"udzial": world["udzial_a"].pk})):
        for persona in ("koordynator2", "doradca-spoza"):
            with pytest.raises(zadania.BrakDostepu):
                zadania.zadanie_zlec(rodzaj=rodzaj, parametry=parametry, actor=world["personas"][persona])
    with pytest.raises(zadania.BrakDostepu):
        zadania.zadanie_zlec(rodzaj=ARKUSZ_WYPELNIONY, parametry={"udzial": world["udzial_a"].pk},
                             actor=world["personas"]["jst-b-lider"])


def test_a_member_removed_before_the_worker_runs_gets_no_file(world, wersja):
    from jst.services import zespol_usun_czlonka

    udzial, czlonek = world["udzial_a"], world["personas"]["jst-a-czlonek"]
    job = zadania.zadanie_zlec(rodzaj=ARKUSZ_WYPELNIONY, parametry={"udzial": udzial.pk}, actor=czlonek)
    zespol_usun_czlonka(czlonek=udzial.zespol.get(uzytkownik=czlonek), actor=world["personas"]["koordynator"])
    assert zadania.wykonaj(job.pk) == "brak_dostepu"


def test_without_a_template_for_the_edition_there_is_nothing_to_print_and_no_job(client_as, world):
    client = client_as("jst-a-lider")
    for url in (reverse("diagnoza:arkusz_pusty_pdf", args=[world["edycja"].pk]),
                reverse("diagnoza:arkusz_pdf", args=[world["udzial_a"].pk])):
        page = client.get(url).content.decode()
        assert "nie wybrał jeszcze szablonu" in page and "Przygotuj PDF" not in page
        assert client.post(url).status_code == 200
    assert not Zadanie.objects.exists()


def test_a_changed_answer_makes_the_stored_filled_pdf_stale_but_a_repeat_order_reuses_it(world, wersja):
    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    arkusz = services.arkusz_zaloz(udzial=udzial, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "b1"), wartosc=2, wersja=0, actor=lider)
    parametry = {"udzial": udzial.pk}
    job = zadania.zadanie_zlec(rodzaj=ARKUSZ_WYPELNIONY, parametry=parametry, actor=lider)
    Zadanie.objects.filter(pk=job.pk).update(  # a finished job (no render needed to test the key)
        status=Zadanie.Status.GOTOWE, plik="zadania/x.pdf", klucz_danych=zadania.REJESTR[ARKUSZ_WYPELNIONY]
        .klucz_danych(parametry))
    assert zadania.aktualny_plik(ARKUSZ_WYPELNIONY, parametry).pk == job.pk
    assert zadania.zadanie_zlec(rodzaj=ARKUSZ_WYPELNIONY, parametry=parametry, actor=lider).pk == job.pk
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(wersja, "b1"), wartosc=4, wersja=1, actor=lider)
    assert zadania.aktualny_plik(ARKUSZ_WYPELNIONY, parametry) is None
