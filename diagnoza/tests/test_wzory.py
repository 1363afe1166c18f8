"""The formula engine over the seeded catalogue (issue 6, "Done when"): the published fixture rows,
one hand-written exact case and one zero-denominator case per seeded formula, the forbidden
constructs with their Polish messages, ROUND_HALF_UP and the typographic signs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from diagnoza.models import Wskaznik
from diagnoza.wzory import BrakWyniku, nazwy_we_wzorze, oblicz, sprawdz

D = Decimal


def _oblicz(kod: str, dane: dict) -> Decimal:
    """The SEEDED row's formula, multiplier and decimal places, as stored by migration 0004."""
    w = Wskaznik.objects.get(kod=kod)
    return oblicz(w.wzor, {k: D(v) for k, v in dane.items()}, mnoznik=w.mnoznik, miejsca=w.miejsca)


# --- domain-details §5.2: the published rows ------------------------------------------------------
# Per-pupil amounts are published; totals are rebuilt with 1000 pupils. A publication rounds from
# unrounded totals, so one unit of the last published digit is allowed (7 349,42 vs 7 349,41).

FIXTURES = [
    # JST, year, wydatki/uczeń, subwencja/uczeń, dopłata (published), its unit, pokrycie % (published)
    ("Gmina Michałowice 2019", "15893.73", "8544.31", "7349.41", "0.01", "53.76"),
    ("Gmina Suchy Las 2022", "22464", "9135", "13329", "1", "40.66"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("jst", "wydatki", "subwencja", "doplata", "jednostka", "pokrycie"), FIXTURES,
                         ids=[f[0] for f in FIXTURES])
def test_seeded_doplata_and_pokrycie_reproduce_the_published_rows(jst, wydatki, subwencja, doplata, jednostka,
                                                                    pokrycie):
    uczniowie = D(1000)
    dane = {"wydatki": D(wydatki) * uczniowie, "subwencja": D(subwencja) * uczniowie, "uczniowie": uczniowie}

    assert abs(_oblicz("doplata_uczen", dane) - D(doplata)) <= D(jednostka)
    assert abs(_oblicz("pokrycie_subw", dane) - D(pokrycie)) <= D("0.01")
    assert abs(_oblicz("wyd_biez_uczen", dane) - D(wydatki)) <= D(jednostka)
    assert abs(_oblicz("subw_uczen", dane) - D(subwencja)) <= D(jednostka)


@pytest.mark.django_db
def test_michalowice_doplata_computed_from_rounded_per_pupil_amounts_is_one_grosz_above_the_publication():
    uczniowie = D(1000)
    dane = {"wydatki": D("15893730"), "subwencja": D("8544310"), "uczniowie": uczniowie}
    assert _oblicz("doplata_uczen", dane) == D("7349.42")
    assert _oblicz("pokrycie_subw", dane) == D("53.76")


# --- One exact case per seeded formula, written out by hand -------------------------------------

PRZYPADKI = {
    "skol_przedszk": ({"dzieci_wychowanie": "287", "dzieci_3_5": "200"}, "143.50"),
    "skol_sp": ({"uczniowie_sp": "1074", "ludnosc_7_14": "1000"}, "107.40"),
    "uczn_oddz": ({"uczniowie": "601", "oddzialy": "27"}, "22.26"),  # 22,259…
    "etaty_oddz": ({"etaty_nauczycieli": "63", "oddzialy": "27"}, "2.33"),  # 2,333…
    "uczn_etat": ({"uczniowie": "601", "etaty_nauczycieli": "63.7"}, "9.43"),  # 9,4348…
    "uczn_pomieszcz": ({"uczniowie": "515", "pomieszczenia": "24"}, "21.46"),  # 21,4583…
    # FIO's example gmina: 70 000 zł per notional FTE ÷ 8 333,33 zł subsidy per pupil = 8,4.
    "efekt_zatr": ({"wynagrodzenia": "4200000", "etaty_nauczycieli": "60", "subwencja": "5000000",
                    "uczniowie": "600"}, "8.40"),
    "wyd_biez_uczen": ({"wydatki": "1000000.00", "uczniowie": "300"}, "3333.33"),
    "subw_uczen": ({"subwencja": "600000.00", "uczniowie": "300"}, "2000.00"),
    "doplata_uczen": ({"wydatki": "1000000.00", "subwencja": "600000.00", "uczniowie": "300"}, "1333.33"),
    "pokrycie_subw": ({"subwencja": "600000.00", "wydatki": "1000000.00"}, "60.00"),
    "budzet_osw": ({"dzial_801": "41000000.50", "dzial_854": "2224360.50"}, "43224361.00"),
    "dotacje_niepubl": ({"dotacje_przedszkola": "600000", "dotacje_szkoly": "122845"}, "722845.00"),
    "dyplomowani_proc": ({"dyplomowani": "45", "nauczyciele": "120"}, "37.50"),
    "utrzymanie_uczen": ({"media": "150000", "remonty": "80000.55", "sprzatanie": "20000", "uczniowie": "400"},
                         "625.00"),  # 250 000,55 ÷ 400 = 625,001375
    "kohorta_7": ({"dzieci_7_lat": "100", "dzieci_za_5_lat": "85"}, "-15.00"),
    "procedury_proc": ({"zadania_z_procedura": "7", "zadania": "12"}, "58.33"),  # 58,333…
    "czas_arkuszy": ({"suma_dni": "93", "arkusze": "4"}, "23.3"),  # 23,25 → 23,3 (one place, half up)
    "rodzice_zadowoleni": ({"zadowoleni": "312", "ankietowani": "400"}, "78.00"),
    "konsultacje_udzial": ({"uczestnicy": "45", "zaproszeni": "180"}, "25.00"),
    "dzialania_na_czas": ({"na_czas": "7", "dzialania": "9"}, "77.78"),  # 77,777…
    "egzamin_roznica": ({"wynik_jst": "61.5", "wynik_woj": "58.25"}, "3.25"),
}

# A zero denominator for every seeded formula that divides.
ZERO = {
    "skol_przedszk": {"dzieci_wychowanie": "10", "dzieci_3_5": "0"},
    "skol_sp": {"uczniowie_sp": "10", "ludnosc_7_14": "0"},
    "uczn_oddz": {"uczniowie": "10", "oddzialy": "0"},
    "etaty_oddz": {"etaty_nauczycieli": "10", "oddzialy": "0"},
    "uczn_etat": {"uczniowie": "10", "etaty_nauczycieli": "0"},
    "uczn_pomieszcz": {"uczniowie": "10", "pomieszczenia": "0"},
    "efekt_zatr": {"wynagrodzenia": "4200000", "etaty_nauczycieli": "60", "subwencja": "0", "uczniowie": "600"},
    "wyd_biez_uczen": {"wydatki": "1000", "uczniowie": "0"},
    "subw_uczen": {"subwencja": "1000", "uczniowie": "0"},
    "doplata_uczen": {"wydatki": "1000", "subwencja": "600", "uczniowie": "0"},
    "pokrycie_subw": {"subwencja": "600", "wydatki": "0"},
    "dyplomowani_proc": {"dyplomowani": "0", "nauczyciele": "0"},
    "utrzymanie_uczen": {"media": "1", "remonty": "1", "sprzatanie": "1", "uczniowie": "0"},
    "kohorta_7": {"dzieci_7_lat": "0", "dzieci_za_5_lat": "85"},
    "procedury_proc": {"zadania_z_procedura": "0", "zadania": "0"},
    "czas_arkuszy": {"suma_dni": "93", "arkusze": "0"},
    "rodzice_zadowoleni": {"zadowoleni": "0", "ankietowani": "0"},
    "konsultacje_udzial": {"uczestnicy": "0", "zaproszeni": "0"},
    "dzialania_na_czas": {"na_czas": "0", "dzialania": "0"},
}


@pytest.mark.django_db
def test_every_seeded_indicator_has_a_hand_written_case_and_every_division_a_zero_case():
    seeded = dict(Wskaznik.objects.values_list("kod", "wzor"))
    assert len(seeded) == 22
    assert set(PRZYPADKI) == set(seeded)
    assert set(ZERO) == {kod for kod, wzor in seeded.items() if "/" in wzor or "÷" in wzor}


@pytest.mark.django_db
@pytest.mark.parametrize("kod", sorted(PRZYPADKI))
def test_each_seeded_formula_gives_the_exact_decimal_written_out_by_hand(kod):
    dane, expected = PRZYPADKI[kod]
    wynik = _oblicz(kod, dane)
    assert wynik == D(expected)
    assert wynik.as_tuple().exponent == D(expected).as_tuple().exponent  # rounded to the row's places


@pytest.mark.django_db
@pytest.mark.parametrize("kod", sorted(ZERO))
def test_each_seeded_division_by_zero_gives_no_result_shown_as_nd(kod):
    with pytest.raises(BrakWyniku):
        _oblicz(kod, ZERO[kod])


@pytest.mark.django_db
def test_every_seeded_formula_passes_the_check_against_its_own_inputs_and_uses_them_all():
    for w in Wskaznik.objects.prefetch_related("dane"):
        nazwy = {d.nazwa for d in w.dane.all()}
        sprawdz(w.wzor, nazwy)
        assert nazwy_we_wzorze(w.wzor) == nazwy, w.kod


# --- Forbidden constructs -------------------------------------------------------------------------

NIEDOZWOLONA = "Niedozwolona konstrukcja we wzorze: %s. Dozwolone są + − * / i nawiasy."


@pytest.mark.parametrize(("wzor", "komunikat"), [
    ("uczniowie.real", NIEDOZWOLONA % "odwołanie do atrybutu"),
    ("__import__('os')", NIEDOZWOLONA % "wywołanie funkcji"),
    ("abs(uczniowie)", NIEDOZWOLONA % "wywołanie funkcji"),
    ("9**9**9", NIEDOZWOLONA % "potęgowanie (**)"),
    ("uczniowie % 2", NIEDOZWOLONA % "reszta z dzielenia (%)"),
    ("uczniowie // 2", NIEDOZWOLONA % "dzielenie całkowite (//)"),
    ("uczniowie > 2", NIEDOZWOLONA % "porównanie"),
    ("uczniowie and 2", NIEDOZWOLONA % "operator logiczny"),
    ("lambda: 1", NIEDOZWOLONA % "funkcja lambda"),
    ("uczniowie[0]", NIEDOZWOLONA % "indeksowanie"),
    ("'uczniowie'", "We wzorze mogą być tylko liczby i nazwy danych."),
    ("uczniowie / (oddzialy", "Wzór jest niepoprawny — sprawdź nawiasy i działania (dozwolone: + − * / i nawiasy)."),
    ("", "Wpisz wzór."),
])
def test_a_forbidden_construct_is_refused_with_a_polish_message(wzor, komunikat):
    with pytest.raises(ValidationError) as error:
        sprawdz(wzor, {"uczniowie", "oddzialy"})
    assert error.value.messages == [komunikat]


def test_a_huge_power_is_refused_before_anything_is_computed():
    with pytest.raises(ValidationError) as error:
        oblicz("9**9**9", {})
    assert error.value.messages == [NIEDOZWOLONA % "potęgowanie (**)"]


def test_an_unknown_input_name_is_refused_with_the_names():
    with pytest.raises(ValidationError) as error:
        sprawdz("(wydatki - subwencja) / uczen + x", {"wydatki", "subwencja", "uczniowie"})
    assert error.value.messages == [
        "Wzór używa nieznanych danych: uczen, x. Dodaj je do listy danych albo popraw wzór."]


def test_a_formula_longer_than_the_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        sprawdz("+".join(["a"] * 300), {"a"})
    assert error.value.messages == ["Wzór może mieć najwyżej 500 znaków."]


# --- Rounding and typography ----------------------------------------------------------------------


@pytest.mark.parametrize(("wzor", "miejsca", "expected"), [
    ("1/8", 2, "0.13"),
    ("-1/8", 2, "-0.13"),
    ("1 / 8", 1, "0.1"),
    ("5/2", 0, "3"),
    ("-5/2", 0, "-3"),
    ("2/3", 4, "0.6667"),
])
def test_results_are_rounded_half_up_away_from_zero(wzor, miejsca, expected):
    assert oblicz(wzor, {}, miejsca=miejsca) == D(expected)


def test_the_multiplier_applies_before_rounding():
    assert oblicz("a / b", {"a": D(1), "b": D(3)}, mnoznik=D(100), miejsca=2) == D("33.33")


@pytest.mark.parametrize("wzor", [
    "(wydatki − subwencja) ÷ uczniowie",
    "(wydatki – subwencja) / uczniowie × 1",
    "(wydatki - subwencja) * 1,0 / uczniowie",
    "(wydatki − subwencja) · 0,5 ÷ uczniowie × 2",
])
def test_typographic_signs_and_a_decimal_comma_in_constants_are_accepted(wzor):
    dane = {"wydatki": D("1000000.00"), "subwencja": D("600000.00"), "uczniowie": D(300)}
    assert oblicz(wzor, dane) == D("1333.33")


def test_a_decimal_comma_constant_keeps_its_exact_value():
    assert oblicz("uczniowie × 0,1", {"uczniowie": D(3)}, miejsca=4) == D("0.3000")
