import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza import services
from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu, SzablonArkusza, WyborObszaru
from diagnoza.services_wyniki import obszar_wybierz
from diagnoza.wyniki import sugestie, wyniki_arkusza
from doradztwo.models import Obszar, Powiadomienie, WpisAudytu
from doradztwo.przeglad import PRZEGLAD, zmien_stan
from doradztwo.services import KonfliktWersji
from jst.models import CzlonekZespolu, Udzial, ZmianaEtapu
from jst.tests.factories import UdzialFactory

pytestmark = pytest.mark.django_db

DANE = {"nazwa": "Arkusz testowy (wyniki)", "sekcje": [
    {"obszar": "budzet", "tytul": "Planowanie budżetowe",
     "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."},
                 {"kod": "b2", "tresc": "Co roku analizujemy wydatki na oświatę."},
                 {"kod": "b3", "tresc": "Budżet oświaty jest powiązany ze strategią."}]},
    {"obszar": "rodzice", "tytul": "Współpraca z rodzicami",
     "pytania": [{"kod": "r1", "tresc": "Rodzice współdecydują o sprawach szkół."},
                 {"kod": "r2", "tresc": "Pytamy rodziców o zdanie."}]},
    {"obszar": "dyrektor", "tytul": "Wspieranie dyrektorów",
     "pytania": [{"kod": "d1", "tresc": "Dyrektorzy mają wsparcie JST."}]},
]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]
UZASADNIENIE = "Najniższa średnia w arkuszu, zespół zgodził się na spotkaniu."


@pytest.fixture
def wersja(world):
    wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA)
    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=world["personas"]["koordynator"])
    return wersja


@pytest.fixture
def arkusz(wersja, world):
    return services.arkusz_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])


def _pytanie(arkusz, kod):
    return PytanieSzablonu.objects.get(sekcja__wersja=arkusz.wersja_szablonu, kod=kod)


def _odpowiedz(arkusz, kod, wartosc=None, *, nie_wiem=False, actor):
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_pytanie(arkusz, kod), wartosc=wartosc, nie_wiem=nie_wiem,
                              wersja=0, actor=actor)


def _zloz(arkusz, actor):
    zmien_stan(arkusz, przejscia=PRZEGLAD, akcja="zloz", actor=actor, nazwa="arkusz")


def _po_obszarze(wyniki):
    return {w.obszar.kod: w for w in wyniki}


@pytest.fixture
def wypelniony(arkusz, world):
    """JST A's shared sheet: budżet 2, 3, "nie wiem" (mean 2.5); rodzice 4 and nothing; dyrektor 1."""
    lider = world["personas"]["jst-a-lider"]
    _odpowiedz(arkusz, "b1", 2, actor=lider)
    _odpowiedz(arkusz, "b2", 3, actor=world["personas"]["jst-a-czlonek"])
    _odpowiedz(arkusz, "b3", nie_wiem=True, actor=lider)
    _odpowiedz(arkusz, "r1", 4, actor=lider)
    _odpowiedz(arkusz, "d1", 1, actor=lider)
    return arkusz


@pytest.fixture
def zlozony(wypelniony, world):
    _zloz(wypelniony, world["personas"]["jst-a-lider"])
    return wypelniony


# --- Computations ---------------------------------------------------------------------------


def test_shared_mode_gives_the_mean_the_nie_wiem_share_and_progress_per_area_without_spread(wypelniony):
    wyniki = _po_obszarze(wyniki_arkusza([wypelniony]))
    budzet, rodzice, dyrektor = wyniki["budzet"], wyniki["rodzice"], wyniki["dyrektor"]
    assert (budzet.srednia, budzet.nie_wiem, budzet.odpowiedziane, budzet.wymagane) == (2.5, 1 / 3, 3, 3)
    assert (rodzice.srednia, rodzice.nie_wiem, rodzice.odpowiedziane, rodzice.wymagane) == (4.0, 0.0, 1, 2)
    assert dyrektor.srednia == 1.0
    assert {w.rozrzut for w in wyniki.values()} == {None}


def test_only_scale_questions_count_in_the_results(wypelniony, world):
    budzet = wypelniony.wersja_szablonu.sekcje.get(obszar__kod="budzet")
    tekst = PytanieSzablonu.objects.create(sekcja=budzet, kolejnosc=9, kod="b-tekst", tresc="Uwagi",
                                           typ=PytanieSzablonu.Typ.TEKST_KROTKI, wymagane=True)
    services.odpowiedz_zapisz(arkusz=wypelniony, pytanie=tekst, wartosc="12", wersja=0,
                              actor=world["personas"]["jst-a-lider"])
    wynik = _po_obszarze(wyniki_arkusza([wypelniony]))["budzet"]
    assert (wynik.srednia, wynik.odpowiedziane, wynik.wymagane) == (2.5, 3, 3)


def test_individual_mode_pools_the_members_answers_and_gives_the_spread_of_their_area_means(wersja, world):
    SzablonArkusza.objects.filter(pk=wersja.szablon_id).update(tryb=SzablonArkusza.Tryb.INDYWIDUALNY)
    udzial, p = world["udzial_a"], world["personas"]
    lider = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik=p["jst-a-lider"])
    czlonek = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik=p["jst-a-czlonek"])
    a1 = services.arkusz_zaloz(udzial=udzial, czlonek=lider, actor=p["jst-a-lider"])
    a2 = services.arkusz_zaloz(udzial=udzial, czlonek=czlonek, actor=p["jst-a-czlonek"])
    _odpowiedz(a1, "b1", 1, actor=p["jst-a-lider"])
    _odpowiedz(a1, "b2", 1, actor=p["jst-a-lider"])
    _odpowiedz(a2, "b1", 4, actor=p["jst-a-czlonek"])
    _odpowiedz(a2, "b2", 3, actor=p["jst-a-czlonek"])
    _odpowiedz(a2, "b3", nie_wiem=True, actor=p["jst-a-czlonek"])

    wyniki = _po_obszarze(wyniki_arkusza([a1, a2]))
    budzet = wyniki["budzet"]
    assert budzet.srednia == 2.25  # (1 + 1 + 4 + 3) / 4
    assert budzet.rozrzut == 1.25  # member means 1.0 and 3.5
    assert budzet.nie_wiem == 1 / 5
    assert (budzet.odpowiedziane, budzet.wymagane) == (5, 6)  # 3 required questions × 2 copies
    assert (wyniki["rodzice"].srednia, wyniki["rodzice"].rozrzut) == (None, None)


def test_the_results_page_shows_the_spread_column_in_individual_mode(wersja, client_as, world):
    udzial, p = world["udzial_a"], world["personas"]
    for username, wartosci in (("jst-a-lider", (1, 1)), ("jst-a-czlonek", (4, 3))):
        czlonek = CzlonekZespolu.objects.get(udzial=udzial, uzytkownik=p[username])
        kopia = services.arkusz_zaloz(udzial=udzial, czlonek=czlonek, actor=p[username])
        for kod, wartosc in zip(("b1", "b2"), wartosci, strict=True):
            _odpowiedz(kopia, kod, wartosc, actor=p[username])
    html = client_as("ros1").get(reverse("diagnoza:wyniki", args=[udzial.pk])).content.decode()
    assert "Rozrzut (odchylenie standardowe)" in html and "2,25" in html and "1,25" in html


def test_results_take_a_fixed_number_of_queries(wypelniony, django_assert_num_queries):
    with django_assert_num_queries(3):
        wyniki_arkusza([wypelniony])


def test_suggestions_are_the_areas_with_the_lowest_means_and_skip_areas_without_a_gap(wypelniony):
    wyniki = wyniki_arkusza([wypelniony])
    assert [w.obszar.kod for w in sugestie(wyniki, n=2)] == ["dyrektor", "budzet"]
    assert [w.luka for w in sugestie(wyniki)] == [3.0, 1.5]  # rodzice (mean 4) has no gap to suggest
    Odpowiedz.objects.filter(pytanie__kod="d1").delete()
    assert [w.obszar.kod for w in sugestie(wyniki_arkusza([wypelniony]))] == ["budzet"]


# --- The results page -----------------------------------------------------------------------


def test_a_team_member_sees_the_area_table_in_polish_format_the_chart_and_the_suggestion(zlozony, client_as, world):
    response = client_as("jst-a-czlonek").get(reverse("diagnoza:wyniki", args=[world["udzial_a"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2,50" in html and "33%" in html and "3 / 3" in html  # mean, "nie wiem" share, answered/required
    assert "<svg" in html and "Dane wykresu w tabeli" in html
    assert "Sugestia: obszary z największą luką" in html and "System niczego nie wybiera" in html
    assert "Zespół nie wybrał jeszcze obszaru." in html
    assert reverse("diagnoza:wybor_obszaru", args=[world["udzial_a"].pk]) not in html  # not theirs to choose


def test_the_results_page_shows_the_choice_to_advisers(zlozony, client_as, world):
    obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="dyrektor"), uzasadnienie=UZASADNIENIE,
                   actor=world["personas"]["jst-a-lider"], wersja=0)
    html = client_as("pro1").get(reverse("diagnoza:wyniki", args=[world["udzial_a"].pk])).content.decode()
    assert str(Obszar.objects.get(kod="dyrektor")) in html and UZASADNIENIE in html


# --- The area choice ------------------------------------------------------------------------


def _post(client, udzial, obszar_kod="dyrektor", uzasadnienie=UZASADNIENIE, wersja=0):
    return client.post(reverse("diagnoza:wybor_obszaru", args=[udzial.pk]), {
        "obszar": Obszar.objects.get(kod=obszar_kod).pk, "uzasadnienie": uzasadnienie, "wersja": wersja})


@pytest.mark.parametrize("persona", ["jst-a-czlonek", "ros1"])
def test_team_members_and_advisers_cannot_choose_the_area(zlozony, client_as, world, persona):
    assert _post(client_as(persona), world["udzial_a"]).status_code == 403
    assert not WyborObszaru.objects.exists()


def test_the_leader_chooses_the_area_and_lands_on_the_results(zlozony, client_as, world):
    response = _post(client_as("jst-a-lider"), world["udzial_a"])
    assert response.status_code == 302
    assert response["Location"] == reverse("diagnoza:wyniki", args=[world["udzial_a"].pk])
    wybor = WyborObszaru.objects.get()
    assert (wybor.obszar.kod, wybor.uzasadnienie, wybor.kto.username) == ("dyrektor", UZASADNIENIE, "jst-a-lider")


def test_the_area_cannot_be_chosen_before_the_sheet_is_submitted(wypelniony, client_as, world):
    client = client_as("jst-a-lider")
    url = reverse("diagnoza:wybor_obszaru", args=[world["udzial_a"].pk])
    page = client.get(url).content.decode()
    assert "Obszar można wybrać dopiero po złożeniu arkusza diagnostycznego." in page
    assert 'name="uzasadnienie"' not in page
    response = _post(client, world["udzial_a"])
    assert response.status_code == 200
    assert "Obszar można wybrać dopiero po złożeniu arkusza diagnostycznego." in response.content.decode()
    assert UZASADNIENIE in response.content.decode()  # what was typed stays in the form
    assert not WyborObszaru.objects.exists()
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "zgloszony"


@pytest.mark.parametrize("uzasadnienie", ["", "Bo tak.", "   krótko             "])
def test_a_justification_of_at_least_twenty_characters_is_required(zlozony, client_as, world, uzasadnienie):
    response = _post(client_as("jst-a-lider"), world["udzial_a"], uzasadnienie=uzasadnienie)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Napisz uzasadnienie wyboru." in html or "Uzasadnienie musi mieć co najmniej 20 znaków" in html
    assert not WyborObszaru.objects.exists()


def test_the_service_refuses_a_short_justification_and_an_inactive_area(zlozony, world):
    lider = world["personas"]["jst-a-lider"]
    obszar = Obszar.objects.get(kod="dyrektor")
    with pytest.raises(ValidationError) as error:
        obszar_wybierz(udzial=world["udzial_a"], obszar=obszar, uzasadnienie="za krótko", actor=lider, wersja=0)
    assert "uzasadnienie" in error.value.message_dict
    Obszar.objects.filter(pk=obszar.pk).update(aktywny=False)
    obszar.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        obszar_wybierz(udzial=world["udzial_a"], obszar=obszar, uzasadnienie=UZASADNIENIE, actor=lider, wersja=0)
    assert "obszar" in error.value.message_dict
    assert not WyborObszaru.objects.exists()


def test_a_choice_from_a_stale_form_gets_409_shows_both_choices_and_saves_nothing(zlozony, client_as, world):
    assert _post(client_as("jst-a-lider"), world["udzial_a"], "dyrektor").status_code == 302
    response = _post(client_as("koordynator"), world["udzial_a"], "rodzice",
                     uzasadnienie="Koordynator widzi potrzebę pracy z rodzicami.", wersja=0)
    assert response.status_code == 409
    html = response.content.decode()
    assert str(Obszar.objects.get(kod="dyrektor")) in html and str(Obszar.objects.get(kod="rodzice")) in html
    assert "Nic nie zostało zapisane" in html and "Łucja" in html  # who saved the current choice
    wybor = WyborObszaru.objects.get()
    assert (wybor.obszar.kod, wybor.wersja) == ("dyrektor", 1)
    # Saving again from the conflict page (it now carries the current version) records the user's choice.
    assert _post(client_as("koordynator"), world["udzial_a"], "rodzice", wersja=1).status_code == 302
    assert WyborObszaru.objects.get().obszar.kod == "rodzice"


def test_the_service_raises_a_conflict_with_the_saved_choice(zlozony, world):
    lider, koordynator = world["personas"]["jst-a-lider"], world["personas"]["koordynator"]
    obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="dyrektor"), uzasadnienie=UZASADNIENIE,
                   actor=lider, wersja=0)
    with pytest.raises(KonfliktWersji) as conflict:
        obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="budzet"), uzasadnienie=UZASADNIENIE,
                       actor=koordynator, wersja=0)
    assert (conflict.value.aktualny.obszar.kod, conflict.value.aktualny.kto) == ("dyrektor", lider)


def test_choosing_advances_the_stage_audits_and_notifies_the_advisers_and_coordinators(
        zlozony, world, django_capture_on_commit_callbacks):
    p = world["personas"]
    with django_capture_on_commit_callbacks(execute=True):
        obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="dyrektor"),
                       uzasadnienie=UZASADNIENIE, actor=p["jst-a-lider"], wersja=0)
    udzial = Udzial.objects.get(pk=world["udzial_a"].pk)
    assert udzial.etap == "obszar_wybrany"
    zmiana = ZmianaEtapu.objects.get(udzial=udzial, na_etap="obszar_wybrany")
    assert zmiana.kto == p["jst-a-lider"] and "Wybrano obszar" in zmiana.powod
    assert WpisAudytu.objects.filter(akcja="obszar.wybrany", kto=p["jst-a-lider"]).exists()
    odbiorcy = set(Powiadomienie.objects.filter(rodzaj="obszar.wybrany").values_list("odbiorca__username", flat=True))
    assert odbiorcy == {"ros1", "pro1", "koordynator"}
    powiadomienie = Powiadomienie.objects.filter(odbiorca=p["ros1"]).get()
    assert "wybrany obszar" in powiadomienie.tytul and UZASADNIENIE in powiadomienie.tresc
    assert powiadomienie.link == reverse("diagnoza:wyniki", args=[udzial.pk])
    assert {m.to[0] for m in mail.outbox} == {p["ros1"].email, p["pro1"].email, p["koordynator"].email}


def test_choosing_never_moves_the_stage_backwards(zlozony, world):
    Udzial.objects.filter(pk=world["udzial_a"].pk).update(etap="wdrazanie")
    obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="dyrektor"), uzasadnienie=UZASADNIENIE,
                   actor=world["personas"]["koordynator"], wersja=0)
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "wdrazanie"


# --- The coordinator's overview -------------------------------------------------------------


def test_the_overview_shows_state_progress_choice_and_area_means_per_jst(zlozony, client_as, world):
    obszar_wybierz(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="dyrektor"), uzasadnienie=UZASADNIENIE,
                   actor=world["personas"]["jst-a-lider"], wersja=0)
    response = client_as("koordynator").get(reverse("diagnoza:przeglad_edycji", args=[world["edycja"].pk]))
    wiersze = {r.udzial.jst.teryt: r for r in response.context["wiersze"]}
    obszary = [o.kod for o in response.context["obszary"]]
    a, b = wiersze["0201"], wiersze["2609022"]
    assert (a.stan, a.odpowiedziane, a.wymagane, a.wybor.obszar.kod) == ("zlozona", 5, 6, "dyrektor")
    assert a.srednie[obszary.index("budzet")] == 2.5 and a.srednie[obszary.index("planowanie")] is None
    assert len(a.srednie) == 12
    assert (b.stan, b.wybor, set(b.srednie)) == (None, None, {None})
    html = response.content.decode()
    assert "Złożona do akceptacji" in html and "brak arkusza" in html and "2,5" in html


def _uczestnicy_z_arkuszami(edycja, wersja, n, autor):
    pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja))
    udzialy = [UdzialFactory(edycja=edycja) for _ in range(n)]
    arkusze = Arkusz.objects.bulk_create([Arkusz(udzial=u, wersja_szablonu=wersja) for u in udzialy])
    Odpowiedz.objects.bulk_create([
        Odpowiedz(arkusz=a, pytanie=q, wartosc=(i % 4) + 1, autor=autor)
        for a in arkusze for i, q in enumerate(pytania)
    ])


def test_the_overview_runs_a_fixed_number_of_queries_at_10_and_100_participations(wersja, client_as, world):
    client = client_as("koordynator")
    url = reverse("diagnoza:przeglad_edycji", args=[world["edycja"].pk])
    autor = world["personas"]["jst-a-lider"]
    _uczestnicy_z_arkuszami(world["edycja"], wersja, 8, autor)  # 10 with JST A and B
    with CaptureQueriesContext(connection) as at_10:
        assert client.get(url).status_code == 200
    _uczestnicy_z_arkuszami(world["edycja"], wersja, 90, autor)
    with CaptureQueriesContext(connection) as at_100:
        response = client.get(url)
    assert response.context["strona"].paginator.count == 100 and len(response.context["wiersze"]) == 50
    assert len(at_100.captured_queries) == len(at_10.captured_queries)
    with CaptureQueriesContext(connection) as page_2:
        response = client.get(url + "?strona=2")
    assert len(response.context["wiersze"]) == 50 and len(page_2.captured_queries) == len(at_10.captured_queries)


def test_the_overview_shows_50_jsts_a_page_in_name_order_with_their_own_results(wersja, client_as, world):
    from diagnoza.wyniki import udzialy_edycji

    _uczestnicy_z_arkuszami(world["edycja"], wersja, 58, world["personas"]["jst-a-lider"])  # 60 with JST A and B
    client = client_as("koordynator")
    url = reverse("diagnoza:przeglad_edycji", args=[world["edycja"].pk])
    kolejnosc = [u.pk for u in udzialy_edycji(world["edycja"])]
    first = client.get(url)
    html = first.content.decode()
    assert [r.udzial.pk for r in first.context["wiersze"]] == kolejnosc[:50]
    assert "?strona=2" in html and 'aria-current="page"' in html and "Strona 1 z 2" in html and "JST 1–50 z 60" in html
    second = client.get(url + "?strona=2")
    rows = second.context["wiersze"]
    assert [r.udzial.pk for r in rows] == kolejnosc[50:]
    # Each shown row's results are its own sheet's, computed for the page only.
    for r in rows:
        if r.udzial.pk in (world["udzial_a"].pk, world["udzial_b"].pk):
            assert r.stan is None and r.wymagane == 0
        else:
            (arkusz,) = Arkusz.objects.filter(udzial=r.udzial)
            oczekiwane = wyniki_arkusza([arkusz])
            assert r.stan == "robocza" and r.wymagane == sum(w.wymagane for w in oczekiwane) > 0
            assert [s for s in r.srednie if s is not None] == [w.srednia for w in oczekiwane if w.obszar]
