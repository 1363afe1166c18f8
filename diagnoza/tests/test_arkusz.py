import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza import services
from diagnoza.models import Arkusz, ArkuszEdycji, Odpowiedz, WersjaSzablonu

pytestmark = pytest.mark.django_db


@pytest.fixture
def wersja(world):
    wersja = WersjaSzablonu.objects.get(szablon__nazwa__startswith="Arkusz diagnostyczny", numer=1)
    ArkuszEdycji.objects.create(edycja=world["edycja"], wersja=wersja)
    return wersja


def _pytania(wersja, n=2):
    from diagnoza.models import PytanieSzablonu

    return list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).order_by("sekcja__kolejnosc", "kolejnosc")[:n])


def test_the_seeded_template_has_twelve_areas_with_four_to_six_statements_each(wersja):
    sekcje = list(wersja.sekcje.prefetch_related("pytania").select_related("obszar"))
    assert len(sekcje) == 12 and all(4 <= s.pytania.count() <= 6 for s in sekcje)
    assert [s.obszar.numer for s in sekcje] == list(range(1, 13))
    assert all(p.opcje[0] == [1, "zdecydowanie nie"] for s in sekcje for p in s.pytania.all())


def test_autosave_answers_in_json_saved_conflict_and_invalid(client_as, world, wersja):
    p1, p2 = _pytania(wersja)
    url = reverse("diagnoza:odpowiedz", args=[world["udzial_a"].pk])
    lider = client_as("jst-a-lider")
    saved = lider.post(url, {"pytanie": p1.pk, "wartosc": "3", "wersja": "0"})
    assert saved.status_code == 200 and saved.json()["wersja"] == 1 and saved.json()["etykieta"] == "raczej tak"
    czlonek = client_as("jst-a-czlonek")
    other = czlonek.post(url, {"pytanie": p2.pk, "nie_wiem": "1", "wersja": "0"})
    assert other.status_code == 200  # a different question never conflicts
    conflict = czlonek.post(url, {"pytanie": p1.pk, "wartosc": "1", "wersja": "0"})
    assert conflict.status_code == 409
    assert conflict.json()["autor"] == "Łucja Liderska" and conflict.json()["etykieta"] == "raczej tak"
    assert Odpowiedz.objects.get(pytanie=p1).wartosc == 3
    bad = czlonek.post(url, {"pytanie": p1.pk, "wartosc": "9", "wersja": "1"})
    assert bad.status_code == 400 and bad.json()["blad"] == "Wybierz jedną z podanych odpowiedzi."


def test_an_anonymous_autosave_gets_401_so_the_page_keeps_the_input(client, world, wersja):
    url = reverse("diagnoza:odpowiedz", args=[world["udzial_a"].pk])
    response = client.post(url, {"pytanie": _pytania(wersja)[0].pk, "wartosc": "2"}, headers={"HX-Request": "true"})
    assert response.status_code == 401


def test_a_question_of_another_version_is_404(client_as, world, wersja):
    other = services.szablon_utworz_z_danych(dane={"nazwa": "Inny", "sekcje": [
        {"obszar": "budzet", "tytul": "X", "pytania": [{"kod": "x1", "tresc": "X"}]}]}, skala=[(1, "a")])
    pytanie = other.sekcje.get().pytania.get()
    response = client_as("jst-a-lider").post(reverse("diagnoza:odpowiedz", args=[world["udzial_a"].pk]),
                                             {"pytanie": pytanie.pk, "wartosc": "1", "wersja": "0"})
    assert response.status_code == 404


def test_the_leader_submits_only_a_complete_sheet_and_it_locks(client_as, world, wersja,
                                                              django_capture_on_commit_callbacks):
    from doradztwo.models import Powiadomienie

    udzial = world["udzial_a"]
    lider = client_as("jst-a-lider")
    url = reverse("diagnoza:odpowiedz", args=[udzial.pk])
    lider.post(url, {"pytanie": _pytania(wersja)[0].pk, "wartosc": "2", "wersja": "0"})
    page = lider.post(reverse("diagnoza:arkusz_stan", args=[udzial.pk, "zloz"]), follow=True).content.decode()
    assert "Brakuje odpowiedzi na 71 wymaganych pytań" in page
    arkusz = Arkusz.objects.get()
    for pytanie in _pytania(wersja, 72)[1:]:
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=pytanie, wartosc=3, wersja=0,
                                  actor=world["personas"]["jst-a-czlonek"])
    with django_capture_on_commit_callbacks(execute=True):
        lider.post(reverse("diagnoza:arkusz_stan", args=[udzial.pk, "zloz"]))
    arkusz.refresh_from_db()
    udzial.refresh_from_db()
    assert arkusz.stan == "zlozona" and udzial.etap == "arkusz_zlozony"
    assert Powiadomienie.objects.filter(odbiorca__username__in=["koordynator", "ros1", "pro1"]).count() == 3
    locked = lider.post(url, {"pytanie": _pytania(wersja)[0].pk, "wartosc": "4", "wersja": "1"})
    assert locked.status_code == 400 and "zablokowane" in locked.json()["blad"]
    client_as("koordynator").post(reverse("diagnoza:arkusz_stan", args=[udzial.pk, "zwroc"]),
                                  {"powod": "uzupełnienie po spotkaniu 1"})
    arkusz.refresh_from_db()
    assert arkusz.stan == "zwrocona"


def test_the_sheet_page_runs_the_same_number_of_queries_for_12_and_72_answers(client_as, world, wersja):
    client = client_as("jst-a-lider")
    url = reverse("diagnoza:arkusz", args=[world["udzial_a"].pk])
    arkusz = services.arkusz_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])
    pytania = _pytania(wersja, 72)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for p in pytania[:12]:
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=p, wartosc=2, wersja=0, actor=world["personas"]["jst-a-lider"])
    at_12 = count()
    for p in pytania[12:]:
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=p, wartosc=2, wersja=0, actor=world["personas"]["jst-a-lider"])
    assert count() == at_12
