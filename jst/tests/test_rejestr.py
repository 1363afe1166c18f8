"""The JST register: `import_teryt` on the bundled TERYT file, yearly refreshes, malformed files,
the search selectors and the register screens."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.models import WpisAudytu
from jst.models import JST
from jst.rejestr import (
    DOMYSLNY_PLIK,
    BladImportuTeryt,
    jst_importuj_teryt,
    stan_rejestru,
    szukaj_jst,
    wczytaj_terc,
    znajdz_po_kodzie,
)
from jst.tests.factories import JSTFactory

R = JST.Rodzaj
LINIE = DOMYSLNY_PLIK.read_text(encoding="utf-8").splitlines()


def _plik(tmp_path: Path, linie: list[str], nazwa: str = "terc.csv") -> Path:
    plik = tmp_path / nazwa
    plik.write_text("\n".join(linie) + "\n", encoding="utf-8")
    return plik


def _nr(kod: str) -> int:
    """The 1-based line of the bundled file that holds `kod`."""
    return next(i for i, linia in enumerate(LINIE, start=1) if linia.startswith(kod + ","))


def _zastap(kod: str, nowa: str | None) -> list[str]:
    """The bundled lines with the row of `kod` replaced by `nowa` (None removes it)."""
    linie = list(LINIE)
    i = _nr(kod) - 1
    if nowa is None:
        del linie[i]
    else:
        linie[i] = nowa
    return linie


def _stan_tabeli() -> list[tuple]:
    return list(JST.objects.order_by("pk").values_list(
        "pk", "teryt", "teryt_gminy", "klucz", "nazwa", "rodzaj", "wojewodztwo", "powiat", "stan_na", "aktywna"))


@pytest.fixture
def zaimportowany(db):
    return jst_importuj_teryt(actor=None)


# --- The real import ------------------------------------------------------------------------------


def test_the_bundled_register_gives_2807_jsts_counted_by_kind(zaimportowany):
    ile = {r: JST.objects.filter(rodzaj=r).count() for r in R.values}
    assert ile[R.WOJEWODZTWO] == 16
    assert ile[R.POWIAT] == 314
    assert ile[R.MIASTO_NA_PRAWACH_POWIATU] == 66
    # 2,477 gminas, of which the 66 city-county gminas are merged into their cities.
    assert ile[R.GMINA_MIEJSKA] + ile[R.GMINA_WIEJSKA] + ile[R.GMINA_MIEJSKO_WIEJSKA] == 2411
    assert (ile[R.GMINA_MIEJSKA], ile[R.GMINA_WIEJSKA], ile[R.GMINA_MIEJSKO_WIEJSKA]) == (302 - 66, 1464, 711)
    assert JST.objects.count() == 2807
    assert (zaimportowany.utworzone, zaimportowany.zaktualizowane, zaimportowany.bez_zmian) == (2807, 0, 0)
    assert not JST.objects.filter(aktywna=False).exists()
    assert JST.objects.filter(teryt_gminy__isnull=False).count() == 66


def test_every_imported_row_gets_a_history_row_with_the_import_reason(zaimportowany):
    assert JST.history.count() == 2807
    assert set(JST.history.values_list("history_change_reason", flat=True)) == {"import TERYT 2024-01-01"}
    assert WpisAudytu.objects.filter(akcja="jst.import_teryt").count() == 1


def test_a_city_with_county_rights_is_one_jst_found_by_both_its_codes(zaimportowany):
    warszawa = JST.objects.get(teryt="1465")
    assert (warszawa.teryt_gminy, warszawa.klucz, warszawa.rodzaj, warszawa.nazwa) == (
        "1465011", "1465", R.MIASTO_NA_PRAWACH_POWIATU, "Warszawa")
    assert not JST.objects.filter(teryt="1465011").exists()
    assert znajdz_po_kodzie("1465") == warszawa
    assert znajdz_po_kodzie("1465011") == warszawa
    assert znajdz_po_kodzie(" 1465 011 ") == warszawa
    assert szukaj_jst("1465")[0] == warszawa
    assert szukaj_jst("1465011") == [warszawa]


def test_the_stable_key_is_2_4_or_6_digits_by_kind(zaimportowany):
    assert JST.objects.get(teryt="02").klucz == "02"
    assert JST.objects.get(teryt="0201").klucz == "0201"
    assert JST.objects.get(teryt="0201022").klucz == "020102"


def test_reimporting_an_unchanged_file_writes_nothing(zaimportowany):
    przed = _stan_tabeli()
    with CaptureQueriesContext(connection) as zapytania:
        raport = jst_importuj_teryt(actor=None)
    assert (raport.utworzone, raport.zaktualizowane, raport.dezaktywowane, raport.reaktywowane) == (0, 0, 0, 0)
    assert raport.bez_zmian == 2807
    zapisy = [q["sql"] for q in zapytania.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert zapisy == []
    assert _stan_tabeli() == przed
    assert JST.history.count() == 2807
    assert WpisAudytu.objects.filter(akcja="jst.import_teryt").count() == 1


def test_the_command_imports_the_bundled_copy_and_prints_its_report_in_one_line(db):
    out = StringIO()
    call_command("import_teryt", stdout=out)
    assert out.getvalue().strip().splitlines() == [
        "Rejestr TERYT, stan na 2024-01-01: utworzono 2807, zaktualizowano 0, dezaktywowano 0, "
        "reaktywowano 0, bez zmian 0."
    ]
    assert JST.objects.count() == 2807


def test_the_bundled_copy_keeps_its_source_note():
    note = (DOMYSLNY_PLIK.parent / "terc_source.md").read_text(encoding="utf-8")
    assert "Źródło: GUS, rejestr TERYT (TERC), stan na 2024-01-01" in note
    assert LINIE[1].endswith(",2024-01-01")


# --- Yearly refresh -------------------------------------------------------------------------------


def test_a_yearly_refresh_updates_the_same_row_when_rodz_changes(zaimportowany, tmp_path):
    przed = JST.objects.get(teryt="0201022")
    assert przed.rodzaj == R.GMINA_WIEJSKA
    linie = _zastap("0201022", "0201023,Bolesławiec,gmina_miejsko_wiejska,dolnośląskie,bolesławiecki,2024-01-01")
    linie = [linia.replace(",2024-01-01", ",2025-01-01") for linia in linie]

    out = StringIO()
    call_command("import_teryt", str(_plik(tmp_path, linie)), stdout=out)

    po = JST.objects.get(pk=przed.pk)
    assert (po.teryt, po.klucz, po.rodzaj, po.stan_na) == (
        "0201023", "020102", R.GMINA_MIEJSKO_WIEJSKA, datetime.date(2025, 1, 1))
    assert JST.objects.count() == 2807
    assert not JST.objects.filter(teryt="0201022").exists()
    assert "zaktualizowano 1," in out.getvalue() and "bez zmian 2806." in out.getvalue()
    historia = po.history.order_by("-history_date", "-history_id").first()
    assert (historia.teryt, historia.rodzaj, historia.history_change_reason) == (
        "0201023", R.GMINA_MIEJSKO_WIEJSKA, "import TERYT 2025-01-01")
    assert historia.prev_record.teryt == "0201022"
    assert po.history.count() == 2
    # The source line shows the newest register; untouched rows keep the date of their data.
    assert JST.objects.get(teryt="0201011").stan_na == datetime.date(2024, 1, 1)
    assert stan_rejestru() == datetime.date(2025, 1, 1)


def test_a_renamed_unit_keeps_its_row_and_its_participations(zaimportowany, tmp_path):
    powiat = JST.objects.get(teryt="0206")
    linie = _zastap("0206", "0206,karkonoski nowy,powiat,dolnośląskie,karkonoski nowy,2024-01-01")
    raport = jst_importuj_teryt(plik=_plik(tmp_path, linie), actor=None)
    assert raport.zaktualizowane == 1
    assert JST.objects.get(pk=powiat.pk).nazwa == "karkonoski nowy"


def test_a_unit_missing_from_a_new_file_is_deactivated_and_comes_back_when_it_reappears(zaimportowany, tmp_path):
    dwikozy = JST.objects.get(teryt="2609022")
    bez_dwikozy = _plik(tmp_path, _zastap("2609022", None))

    raport = jst_importuj_teryt(plik=bez_dwikozy, actor=None)
    dwikozy.refresh_from_db()
    assert (raport.dezaktywowane, raport.bez_zmian) == (1, 2806)
    assert dwikozy.aktywna is False
    assert JST.objects.count() == 2807
    assert szukaj_jst("Dwikozy") == []
    assert szukaj_jst("Dwikozy", tylko_aktywne=False) == [dwikozy]
    assert znajdz_po_kodzie("2609022") == dwikozy  # the caller sees it is inactive

    raport = jst_importuj_teryt(actor=None)
    dwikozy.refresh_from_db()
    assert (raport.reaktywowane, raport.dezaktywowane, raport.bez_zmian) == (1, 0, 2806)
    assert dwikozy.aktywna is True
    assert list(dwikozy.history.order_by("history_date", "history_id").values_list("aktywna", flat=True)) == [
        True, False, True]


def test_a_city_with_county_rights_missing_from_a_new_file_is_one_deactivation(zaimportowany, tmp_path):
    linie = [linia for linia in LINIE if not linia.startswith("1465")]
    raport = jst_importuj_teryt(plik=_plik(tmp_path, linie), actor=None)
    assert raport.dezaktywowane == 1
    assert JST.objects.get(teryt="1465").aktywna is False


def test_an_older_file_is_refused_so_it_cannot_roll_back_newer_changes(zaimportowany, tmp_path):
    linie = [linia.replace(",2024-01-01", ",2020-01-01") for linia in LINIE]
    przed = _stan_tabeli()
    with pytest.raises(BladImportuTeryt, match="starszy niż rejestr w bazie"):
        jst_importuj_teryt(plik=_plik(tmp_path, linie), actor=None)
    assert _stan_tabeli() == przed


# --- Malformed files ------------------------------------------------------------------------------

ZEPSUTE = {
    "naglowek": (lambda: ["teryt;name;kind"] + LINIE[1:], 1, "nieprawidłowy nagłówek"),
    "kolumny": (lambda: _zastap("0201", "0201,bolesławiecki,powiat,dolnośląskie"), _nr("0201"),
                "liczba kolumn: 4, wymagana: 6"),
    "dlugosc_kodu": (lambda: _zastap("0201", "020,bolesławiecki,powiat,dolnośląskie,bolesławiecki,2024-01-01"),
                     _nr("0201"), "„020” ma złą długość (cyfr: 3); rodzaj „powiat” wymaga cyfr: 4"),
    "nie_cyfry": (lambda: _zastap("0201", "02O1,bolesławiecki,powiat,dolnośląskie,bolesławiecki,2024-01-01"),
                  _nr("0201"), "„02O1” może zawierać tylko cyfry"),
    "rodzaj": (lambda: _zastap("0201", "0201,bolesławiecki,starostwo,dolnośląskie,bolesławiecki,2024-01-01"),
               _nr("0201"), "nieznany rodzaj „starostwo”"),
    "rodz_nie_pasuje": (lambda: _zastap("0201022", "0201022,Bolesławiec,gmina_miejska,dolnośląskie,bolesławiecki,"
                                                   "2024-01-01"), _nr("0201022"), "(RODZ) nie pasuje"),
    "data": (lambda: _zastap("0201", "0201,bolesławiecki,powiat,dolnośląskie,bolesławiecki,01.01.2024"),
             _nr("0201"), "nieprawidłowa data „01.01.2024”"),
    "data_spoza_kalendarza": (lambda: _zastap("0201", "0201,bolesławiecki,powiat,dolnośląskie,bolesławiecki,"
                                                      "2024-02-30"), _nr("0201"), "nieprawidłowa data"),
    "dwie_daty": (lambda: _zastap("0201", "0201,bolesławiecki,powiat,dolnośląskie,bolesławiecki,2025-01-01"),
                  _nr("0201"), "plik musi być jednym stanem rejestru"),
    "powtorzony_kod": (lambda: LINIE + [LINIE[_nr("3218") - 1]], len(LINIE) + 1,
                       f"kod „3218” powtarza się (pierwszy raz w wierszu {_nr('3218')})"),
    "ten_sam_klucz": (lambda: LINIE + ["0201023,Bolesławiec,gmina_miejsko_wiejska,dolnośląskie,bolesławiecki,"
                                       "2024-01-01"], len(LINIE) + 1, "te same pierwsze 6 cyfr co „0201022”"),
    "gmina_miasta_bez_miasta": (lambda: _zastap("1465", None), _nr("1465011") - 1,
                                "brak powiatu ani miasta na prawach powiatu „1465” dla gminy „1465011”"),
    "miasto_bez_gminy": (lambda: _zastap("1465011", None), _nr("1465"),
                         "miasto na prawach powiatu „1465” nie ma swojej gminy miejskiej „1465011”"),
    "inna_gmina_w_miescie": (lambda: LINIE + ["1465022,Wawer,gmina_wiejska,mazowieckie,Warszawa,2024-01-01"],
                             len(LINIE) + 1, "jedyną gminą może być gmina miejska „1465011”"),
    "powiat_bez_wojewodztwa": (lambda: LINIE + ["3401,nowy,powiat,nowe,nowy,2024-01-01"], len(LINIE) + 1,
                               "brak województwa „34”"),
}


@pytest.mark.parametrize("przypadek", ZEPSUTE, ids=list(ZEPSUTE))
def test_a_malformed_file_is_refused_naming_its_line_and_changes_nothing(przypadek, db, tmp_path):
    linie, wiersz, fragment = ZEPSUTE[przypadek]
    JSTFactory(teryt="0201", klucz="0201", nazwa="stara nazwa", rodzaj=R.POWIAT, powiat="stara nazwa")
    przed, historia = _stan_tabeli(), JST.history.count()

    with pytest.raises(CommandError) as blad:
        call_command("import_teryt", str(_plik(tmp_path, linie())), stdout=StringIO())

    assert f"Wiersz {wiersz}: " in str(blad.value)
    assert fragment in str(blad.value)
    assert _stan_tabeli() == przed
    assert JST.history.count() == historia


def test_a_file_that_is_not_utf8_is_refused_naming_its_line(db, tmp_path):
    plik = tmp_path / "terc.csv"
    plik.write_bytes("\n".join(LINIE[:3]).encode("utf-8") + "\n0201011,Bolesławiec".encode("iso-8859-2"))
    with pytest.raises(BladImportuTeryt, match="Wiersz 4: tekst nie jest w kodowaniu UTF-8"):
        wczytaj_terc(plik)


def test_an_empty_or_missing_file_is_refused_with_a_clear_message(db, tmp_path):
    (tmp_path / "pusty.csv").write_text("", encoding="utf-8")
    with pytest.raises(BladImportuTeryt, match="jest pusty"):
        wczytaj_terc(tmp_path / "pusty.csv")
    with pytest.raises(CommandError, match="Nie można odczytać pliku"):
        call_command("import_teryt", str(tmp_path / "brak.csv"))


def test_an_error_on_the_last_line_leaves_a_full_register_untouched(zaimportowany, tmp_path):
    linie = _zastap("0201022", "0201023,Bolesławiec,gmina_miejsko_wiejska,dolnośląskie,bolesławiecki,2024-01-01")
    linie.append(linie[-1])  # the same code twice, at the very end
    przed = _stan_tabeli()
    with pytest.raises(BladImportuTeryt, match=f"Wiersz {len(linie)}: kod"):
        jst_importuj_teryt(plik=_plik(tmp_path, linie), actor=None)
    assert _stan_tabeli() == przed
    assert JST.history.count() == 2807


def test_every_bad_line_is_listed_not_only_the_first(db, tmp_path):
    linie = _zastap("0201", "0201,bolesławiecki,powiat,dolnośląskie,bolesławiecki,2024-13-01")
    linie = linie + ["99,xx,gmina,xx,,2024-01-01"]
    with pytest.raises(BladImportuTeryt) as blad:
        wczytaj_terc(_plik(tmp_path, linie))
    wiersze = list(dict.fromkeys(b.split(":")[0] for b in blad.value.bledy))
    assert wiersze == [f"Wiersz {_nr('0201')}", f"Wiersz {len(linie)}"]


def test_a_code_still_held_by_a_unit_gone_from_the_file_is_refused(db, tmp_path):
    # A former city-county still holding the gmina code a unit of the new file claims.
    JSTFactory(teryt="0299", klucz="0299", teryt_gminy="0201011", nazwa="Dawne", rodzaj=R.MIASTO_NA_PRAWACH_POWIATU)
    with pytest.raises(BladImportuTeryt, match=f"Wiersz {_nr('0201011')}: kod „0201011” ma w bazie inną JST"):
        jst_importuj_teryt(actor=None)
    assert JST.objects.count() == 1


# --- Search ---------------------------------------------------------------------------------------


def _jst(teryt, nazwa, rodzaj=R.GMINA_WIEJSKA, **kw):
    klucz = teryt[:6] if len(teryt) == 7 else teryt
    return JSTFactory(teryt=teryt, klucz=klucz, nazwa=nazwa, rodzaj=rodzaj, **kw)


def test_a_code_search_matches_either_code_by_prefix_with_exact_matches_first(db):
    gmina_w = _jst("0201022", "Bolesławiec")
    gmina_m = _jst("0201011", "Bolesławiec", R.GMINA_MIEJSKA)
    powiat = _jst("0201", "bolesławiecki", R.POWIAT)
    miasto = _jst("0261", "Jelenia Góra", R.MIASTO_NA_PRAWACH_POWIATU, teryt_gminy="0261011")
    _jst("1201011", "Bochnia", R.GMINA_MIEJSKA)

    assert szukaj_jst("0201") == [powiat, gmina_m, gmina_w]
    assert szukaj_jst("020101") == [gmina_m]
    assert szukaj_jst("026101") == [miasto]
    assert szukaj_jst("02") == [powiat, gmina_m, gmina_w, miasto]
    assert szukaj_jst(" 02 01 ", limit=1) == [powiat]


def test_a_name_search_puts_names_starting_with_the_query_first_then_polish_order(db):
    nazwy = ["Żary", "Zabrze", "Łask", "Lubawa", "Mława", "Adamów", "Czarna", "Ćwiartki", "Ostrów", "Biała"]
    jst = {n: _jst(f"30{i:02d}012", n) for i, n in enumerate(nazwy)}
    wynik = [j.nazwa for j in szukaj_jst("a")]
    assert wynik == ["Adamów", "Biała", "Czarna", "Ćwiartki", "Lubawa", "Łask", "Mława", "Zabrze", "Żary"]
    # Case folds beyond ASCII (SQLite's LIKE would not); Łask starts with "ła", so it leads.
    assert szukaj_jst("ŁA") == [jst["Łask"], jst["Biała"], jst["Mława"]]
    assert szukaj_jst("ostrów") == [jst["Ostrów"]]


def test_same_names_are_ordered_by_code_and_the_limit_holds(db):
    wiejska = _jst("0201022", "Bolesławiec")
    miejska = _jst("0201011", "Bolesławiec", R.GMINA_MIEJSKA)
    for i in range(25):
        _jst(f"04{i:02d}012", f"Bolesławiec Nowy {i:02d}")
    assert szukaj_jst("bolesławiec")[:2] == [miejska, wiejska]
    assert len(szukaj_jst("bolesławiec")) == 20
    assert len(szukaj_jst("bolesławiec", limit=5)) == 5
    assert szukaj_jst("bolesławiec", limit=0) == []


def test_the_search_filters_by_voivodeship_and_kind_and_hides_inactive_units(db):
    a = _jst("0201022", "Alfa", wojewodztwo="dolnośląskie")
    b = _jst("3001022", "Alfa", wojewodztwo="wielkopolskie")
    c = _jst("3002", "alfański", R.POWIAT, wojewodztwo="wielkopolskie")
    _jst("3003022", "Alfa", aktywna=False)
    assert szukaj_jst("alfa") == [a, b, c]
    assert szukaj_jst("alfa", wojewodztwo="wielkopolskie") == [b, c]
    assert szukaj_jst("alfa", rodzaj=R.POWIAT) == [c]
    assert len(szukaj_jst("alfa", tylko_aktywne=False)) == 4


def test_find_by_code_takes_exact_codes_only(db):
    gmina = _jst("0201022", "Bolesławiec")
    assert znajdz_po_kodzie("0201022") == gmina
    assert znajdz_po_kodzie("0201 022\n") == gmina
    assert znajdz_po_kodzie("020102") is None
    assert znajdz_po_kodzie("9999999") is None
    assert znajdz_po_kodzie("  ") is None


# --- Screens --------------------------------------------------------------------------------------


def test_the_register_page_lists_matches_with_label_codes_active_flag_and_source(world, client_as):
    _jst("1465", "Warszawa", R.MIASTO_NA_PRAWACH_POWIATU, teryt_gminy="1465011", wojewodztwo="mazowieckie",
         powiat="Warszawa")
    response = client_as("koordynator").get(reverse("jst:rejestr"), {"q": "warsz"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Miasto Warszawa, miasto na prawach powiatu, woj. mazowieckie" in html
    assert "<td>1465</td>" in html and "<td>1465011</td>" in html
    assert "Źródło: GUS, rejestr TERYT (TERC), stan na 01.01.2024." in html
    assert [j.nazwa for j in response.context["wyniki"]] == ["Warszawa"]


def test_the_register_page_filters_by_kind_and_shows_inactive_units_on_request(world, client_as):
    _jst("3001022", "Nieczynna", aktywna=False)
    client = client_as("koordynator2")
    response = client.get(reverse("jst:rejestr"), {"rodzaj": R.POWIAT})
    assert [j.teryt for j in response.context["wyniki"]] == ["0201"]
    assert client.get(reverse("jst:rejestr"), {"q": "Nieczynna"}).context["wyniki"] == []
    response = client.get(reverse("jst:rejestr"), {"q": "Nieczynna", "nieaktywne": "on"})
    assert [j.nazwa for j in response.context["wyniki"]] == ["Nieczynna"]


def test_a_bad_filter_value_shows_an_error_next_to_the_field_not_a_500(world, client_as):
    response = client_as("admin").get(reverse("jst:rejestr"), {"q": "Dwikozy", "rodzaj": "kraj"})
    assert response.status_code == 200
    assert response.context["form"].errors["rodzaj"]
    assert 'value="Dwikozy"' in response.content.decode()


def test_the_register_page_says_so_when_there_are_more_results_than_shown(world, client_as):
    for i in range(21):
        _jst(f"04{i:02d}012", f"Gmina testowa {i:02d}")
    response = client_as("koordynator").get(reverse("jst:rejestr"), {"q": "testowa"})
    assert len(response.context["wyniki"]) == 20
    assert "Pokazano tylko pierwsze wyniki (limit: 20)" in response.content.decode()


@pytest.mark.parametrize("naglowki", [{}, {"HTTP_HX_REQUEST": "true"}], ids=["plain", "htmx"])
def test_the_live_search_returns_a_list_fragment_with_jst_ids(naglowki, world, client_as):
    response = client_as("koordynator").get(reverse("jst:szukaj"), {"q": "Dwikozy"}, **naglowki)
    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith("<ul") and html.endswith("</ul>") and "<html" not in html
    assert f'data-jst-id="{world["jst_b"].pk}"' in html
    assert world["jst_b"].opis in html
    assert html.count("data-jst-id") == 1


def test_the_live_search_lists_nothing_for_an_empty_query(world, client_as):
    html = client_as("koordynator").get(reverse("jst:szukaj"), {"q": "  "}).content.decode()
    assert "data-jst-id" not in html and "<li" not in html


def test_an_anonymous_live_search_gets_401_not_a_redirect(db, client):
    response = client.get(reverse("jst:szukaj"), {"q": "a"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 401


def _zapytania(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("nazwa_url", ["jst:rejestr", "jst:szukaj"])
@pytest.mark.parametrize("q", ["Gmina", "30"])
def test_register_screens_run_a_fixed_number_of_queries(nazwa_url, q, world, client_as, django_assert_num_queries):
    client = client_as("koordynator")
    url = reverse(nazwa_url)
    JSTFactory.create_batch(10)
    ile, response = _zapytania(client, url, {"q": q})
    assert len(response.context["wyniki"]) >= 10
    JSTFactory.create_batch(90)
    with django_assert_num_queries(ile):
        response = client.get(url, {"q": q})
    assert len(response.context["wyniki"]) == 20


def test_a_file_with_many_bad_lines_shows_the_first_twenty_and_counts_the_rest(db, tmp_path):
    linie = [LINIE[0]] + [f"{i:02d},x,kraj,x,,2024-01-01" for i in range(25)]
    with pytest.raises(BladImportuTeryt) as blad:
        wczytaj_terc(_plik(tmp_path, linie))
    komunikat = str(blad.value).splitlines()
    assert komunikat[0] == "Nie zaimportowano rejestru TERYT; baza bez zmian."
    assert len(komunikat) == 1 + 20 + 1
    assert komunikat[1].startswith("Wiersz 2: nieznany rodzaj „kraj”")
    assert komunikat[-1] == "…i 30 kolejnych błędów."
