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


@pytest.fixture
def indywidualna(wersja):
    from diagnoza.models import SzablonArkusza

    SzablonArkusza.objects.filter(pk=wersja.szablon_id).update(tryb=SzablonArkusza.Tryb.INDYWIDUALNY)
    return wersja


def test_individual_mode_each_member_fills_their_own_copy_without_conflicts(client_as, world, indywidualna):
    p1 = _pytania(indywidualna)[0]
    udzial = world["udzial_a"]
    url = reverse("diagnoza:odpowiedz", args=[udzial.pk])
    assert client_as("jst-a-lider").post(url, {"pytanie": p1.pk, "wartosc": "1", "wersja": "0"}).status_code == 200
    # The same question from version 0 is not a conflict: the member answers their own copy.
    assert client_as("jst-a-czlonek").post(url, {"pytanie": p1.pk, "wartosc": "4", "wersja": "0"}).status_code == 200
    values = dict(Odpowiedz.objects.filter(pytanie=p1).values_list("arkusz__czlonek__uzytkownik__username", "wartosc"))
    assert values == {"jst-a-lider": 1, "jst-a-czlonek": 4}
    assert Arkusz.objects.filter(udzial=udzial, czlonek__isnull=True).count() == 1  # the shared row: state only

    page = client_as("jst-a-czlonek").get(reverse("diagnoza:arkusz", args=[udzial.pk])).content.decode()
    assert f'id="p{p1.pk}-4" value="4" checked' in page and f'id="p{p1.pk}-1" value="1" checked' not in page
    assert "każdy członek zespołu odpowiada osobno" in page


def test_individual_mode_advisers_choose_whose_copy_they_read(client_as, world, indywidualna):
    from jst.models import CzlonekZespolu

    p1 = _pytania(indywidualna)[0]
    udzial = world["udzial_a"]
    client_as("jst-a-lider").post(reverse("diagnoza:odpowiedz", args=[udzial.pk]),
                                  {"pytanie": p1.pk, "wartosc": "2", "wersja": "0"})
    lider = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik__username="jst-a-lider")
    url = reverse("diagnoza:arkusz", args=[udzial.pk])
    page = client_as("ros1").get(url, {"osoba": lider.pk}).content.decode()
    assert f'id="p{p1.pk}-2" value="2" checked' in page and "Łucja Liderska" in page
    czlonek = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik__username="jst-a-czlonek")
    other = client_as("ros1").get(url, {"osoba": czlonek.pk}).content.decode()
    assert 'value="2" checked' not in other and "jeszcze bez odpowiedzi" in other
    # A member of another JST's team is not a choice here.
    obcy = CzlonekZespolu.objects.get(udzial=world["udzial_b"], uzytkownik__username="jst-b-lider")
    assert client_as("ros1").get(url, {"osoba": obcy.pk}).status_code == 404
    assert client_as("ros1").get(url, {"osoba": "x"}).status_code == 404


def test_individual_mode_the_leader_submits_only_when_every_member_has_answered(client_as, world, indywidualna):
    from jst.models import CzlonekZespolu

    udzial, personas = world["udzial_a"], world["personas"]
    pytania = _pytania(indywidualna, 72)
    lider = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik__username="jst-a-lider")
    kopia = services.arkusz_zaloz(udzial=udzial, czlonek=lider, actor=personas["jst-a-lider"])
    for p in pytania:
        services.odpowiedz_zapisz(arkusz=kopia, pytanie=p, wartosc=3, wersja=0, actor=personas["jst-a-lider"])
    client = client_as("jst-a-lider")
    page = client.post(reverse("diagnoza:arkusz_stan", args=[udzial.pk, "zloz"]), follow=True).content.decode()
    assert "Nie wszyscy członkowie zespołu odpowiedzieli" in page and "brakujące odpowiedzi: 72" in page
    wspolny = Arkusz.objects.get(udzial=udzial, czlonek__isnull=True)
    assert wspolny.stan == "robocza"
    for czlonek in CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).exclude(pk=lider.pk):
        kopia2 = services.arkusz_zaloz(udzial=udzial, czlonek=czlonek, actor=czlonek.uzytkownik)
        for p in pytania:
            services.odpowiedz_zapisz(arkusz=kopia2, pytanie=p, nie_wiem=True, wartosc=None, wersja=0,
                                      actor=czlonek.uzytkownik)
    client.post(reverse("diagnoza:arkusz_stan", args=[udzial.pk, "zloz"]))
    wspolny.refresh_from_db()
    assert wspolny.stan == "zlozona"
    # Submission locks every member's copy.
    locked = client_as("jst-a-czlonek").post(reverse("diagnoza:odpowiedz", args=[udzial.pk]),
                                             {"pytanie": pytania[0].pk, "wartosc": "2", "wersja": "1"})
    assert locked.status_code == 400 and "zablokowane" in locked.json()["blad"]


def test_show_if_on_a_multiple_choice_answer_counts_any_listed_value(world, wersja):
    from diagnoza.models import PytanieSzablonu

    sekcja = wersja.sekcje.order_by("kolejnosc").first()
    wybor = PytanieSzablonu.objects.create(sekcja=sekcja, kolejnosc=20, kod="m1", tresc="Które?",
                                           typ=PytanieSzablonu.Typ.WIELOKROTNY, opcje=[["a", "A"], ["b", "B"]])
    zalezne = PytanieSzablonu.objects.create(sekcja=sekcja, kolejnosc=21, kod="m2", tresc="Dlaczego B?",
                                             typ=PytanieSzablonu.Typ.TEKST_KROTKI, wymagane=True,
                                             pokaz_jesli={"kod": "m1", "wartosci": ["b"]})
    lider = world["personas"]["jst-a-lider"]
    arkusz = services.arkusz_zaloz(udzial=world["udzial_a"], actor=lider)
    assert zalezne not in services.brakujace_odpowiedzi(arkusz)  # hidden while m1 is unanswered
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=wybor, wartosc=["a", "b"], wersja=0, actor=lider)
    assert zalezne in services.brakujace_odpowiedzi(arkusz)
