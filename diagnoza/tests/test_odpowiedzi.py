import pytest
from django.core.exceptions import ValidationError

from diagnoza import services
from diagnoza.models import Odpowiedz

pytestmark = pytest.mark.django_db

DANE = {"nazwa": "Arkusz testowy", "sekcje": [
    {"obszar": "budzet", "tytul": "4. Planowanie budżetowe",
     "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."},
                 {"kod": "b2", "tresc": "Co roku analizujemy wydatki (art. 30a KN)."}]},
]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]


@pytest.fixture
def arkusz(world):
    wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA)
    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=world["personas"]["koordynator"])
    return services.arkusz_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])


def _q(arkusz, kod):
    return arkusz.wersja_szablonu.sekcje.get().pytania.get(kod=kod)


def test_different_questions_never_conflict(arkusz, world):
    lider, czlonek = world["personas"]["jst-a-lider"], world["personas"]["jst-a-czlonek"]
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(arkusz, "b1"), wartosc=3, wersja=0, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(arkusz, "b2"), wartosc="2", wersja=0, actor=czlonek)
    assert {(o.pytanie.kod, o.wartosc, o.autor.username) for o in Odpowiedz.objects.all()} == {
        ("b1", 3, "jst-a-lider"), ("b2", 2, "jst-a-czlonek")}


def test_a_stale_save_of_the_same_question_shows_the_other_value_and_saves_nothing(arkusz, world):
    lider, czlonek = world["personas"]["jst-a-lider"], world["personas"]["jst-a-czlonek"]
    q = _q(arkusz, "b1")
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc=3, wersja=0, actor=lider)
    with pytest.raises(services.KonfliktOdpowiedzi) as conflict:
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc=1, wersja=0, actor=czlonek)
    assert (conflict.value.aktualna.wartosc, conflict.value.aktualna.autor) == (3, lider)
    assert Odpowiedz.objects.get().wartosc == 3
    # The user chooses their value: saved against the version they were shown.
    chosen = services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc=1, wersja=conflict.value.aktualna.wersja,
                                       actor=czlonek)
    assert (chosen.wartosc, chosen.autor, chosen.wersja) == (1, czlonek, 2)
    assert [h.history_user.username for h in chosen.history.order_by("history_date")] == ["jst-a-lider", "jst-a-czlonek"]


def test_the_same_value_resent_from_the_browser_is_not_a_conflict(arkusz, world):
    lider = world["personas"]["jst-a-lider"]
    q = _q(arkusz, "b1")
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc=4, wersja=0, actor=lider)
    again = services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc="4", wersja=0, actor=lider)
    assert again.wersja == 1


@pytest.mark.parametrize(("wartosc", "komunikat"), [
    (7, "Wybierz jedną z podanych odpowiedzi."),
    ("abc", "Wybierz jedną z podanych odpowiedzi."),
])
def test_invalid_values_get_a_polish_message(arkusz, world, wartosc, komunikat):
    with pytest.raises(ValidationError) as error:
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(arkusz, "b1"), wartosc=wartosc, wersja=0,
                                  actor=world["personas"]["jst-a-lider"])
    assert error.value.messages == [komunikat]
    assert not Odpowiedz.objects.exists()


def test_a_submitted_sheet_is_locked(arkusz, world):
    arkusz.stan = "zlozona"
    arkusz.save(update_fields=["stan"])
    with pytest.raises(ValidationError, match="zablokowane"):
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=_q(arkusz, "b1"), wartosc=2, wersja=0,
                                  actor=world["personas"]["jst-a-lider"])


def test_a_new_template_version_leaves_answers_and_the_old_version_unchanged(arkusz, world):
    q = _q(arkusz, "b1")
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q, wartosc=2, wersja=0, actor=world["personas"]["jst-a-lider"])
    nowa = services.wersja_nowa(wersja=arkusz.wersja_szablonu, actor=world["personas"]["koordynator"])
    kopia = nowa.sekcje.get().pytania.get(kod="b1")
    kopia.tresc = "Dyrektorzy współtworzą budżet oświaty."
    kopia.save(update_fields=["tresc"])
    q.refresh_from_db()
    assert q.tresc == "Dyrektorzy biorą udział w planowaniu budżetu." and nowa.numer == 2
    arkusz.refresh_from_db()
    assert arkusz.wersja_szablonu.numer == 1 and Odpowiedz.objects.get().wartosc == 2
    with pytest.raises(ValidationError):
        services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=nowa, actor=world["personas"]["koordynator"])


@pytest.mark.parametrize(("typ", "opcje", "wartosc", "wynik"), [
    ("liczba", [], "12,5", "12.5"),
    ("tak_nie", [], "TAK", "tak"),
    ("wielokrotny", [["a", "A"], ["b", "B"]], ["b", "a", "b"], ["a", "b"]),
    ("data", [], "2026-03-02", "2026-03-02"),
    ("data", [], "02.03.2026", "2026-03-02"),
    ("tekst_krotki", [], "  Łódź  ", "Łódź"),
])
def test_each_question_type_normalises_its_value(typ, opcje, wartosc, wynik):
    from diagnoza.models import PytanieSzablonu

    assert services.waliduj(PytanieSzablonu(typ=typ, opcje=opcje), wartosc) == wynik


def test_numbers_outside_their_bounds_are_refused_with_the_bound():
    from decimal import Decimal

    from diagnoza.models import PytanieSzablonu

    pytanie = PytanieSzablonu(typ="liczba", minimum=Decimal("0"), maksimum=Decimal("100"))
    with pytest.raises(ValidationError, match="większa niż 100"):
        services.waliduj(pytanie, "101")
    with pytest.raises(ValidationError, match="Wpisz liczbę"):
        services.waliduj(pytanie, "dużo")
