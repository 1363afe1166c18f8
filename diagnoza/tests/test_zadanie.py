"""The data-collection task: two resource areas, indicators computed from typed inputs (Polish number
format, n/d on division by zero), data tables, interpretation, the review and `dane_zebrane`, the
comparison with JSTs of the same kind (three at least), conflicts and reasons for change."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza import services_zadanie as services
from diagnoza.models import ObszarZadania, WartoscWskaznika, Wskaznik, WyborObszaru, ZadanieDanych
from doradztwo.models import Obszar

pytestmark = pytest.mark.django_db


def _wybor(udzial, kto):
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod="budzet"), "kto": kto, "uzasadnienie": "Budżet oświaty to nasz problem."})


@pytest.fixture
def zadanie(world):
    lider = world["personas"]["jst-a-lider"]
    _wybor(world["udzial_a"], lider)
    return services.zadanie_zaloz(udzial=world["udzial_a"], actor=lider)


def url(name, udzial, **kwargs):
    return reverse(f"diagnoza:{name}", kwargs={"pk": udzial.pk, **kwargs})


def _klient(world, persona):
    """A client of its own (the `client_as` fixture re-signs one shared client)."""
    from django.test import Client

    client = Client()
    client.force_login(world["personas"][persona])
    return client


def _wskaznik(kod):
    return Wskaznik.objects.prefetch_related("dane").get(kod=kod)


def test_the_task_starts_only_after_the_area_of_the_sheet_was_chosen(world, client_as):
    with pytest.raises(ValidationError, match="po wyborze obszaru"):
        services.zadanie_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])
    page = client_as("jst-a-lider").get(url("zadanie", world["udzial_a"])).content.decode()
    assert "po wyborze obszaru z arkusza" in page and "Dodaj obszar" not in page


def test_the_team_builds_the_task_in_the_browser_and_the_leader_submits_it(world, client_as, zadanie,
                                                                          django_capture_on_commit_callbacks):
    udzial = world["udzial_a"]
    lider, czlonek = _klient(world, "jst-a-lider"), _klient(world, "jst-a-czlonek")
    assert lider.post(url("zadanie_obszar_dodaj", udzial), {"obszar_zasobow": "4", "wariant": "2"}).status_code == 302
    assert czlonek.post(url("zadanie_obszar_dodaj", udzial), {"obszar_zasobow": "2", "wariant": "1"}).status_code == 302
    third = lider.post(url("zadanie_obszar_dodaj", udzial), {"obszar_zasobow": "1", "wariant": "2"})
    assert third.status_code == 400 and "dwa obszary zasobów" in third.content.decode()

    finanse = ObszarZadania.objects.get(zadanie=zadanie, obszar_zasobow=4)
    infra = ObszarZadania.objects.get(zadanie=zadanie, obszar_zasobow=2)
    doplata, pokrycie = _wskaznik("doplata_uczen"), _wskaznik("pokrycie_subw")
    assert lider.post(url("zadanie_wskazniki", udzial, obszar_pk=finanse.pk),
                      {"wskazniki": [doplata.pk, pokrycie.pk], "wersja": finanse.wersja}).status_code == 302
    assert set(finanse.wskazniki.values_list("kod", flat=True)) == {"doplata_uczen", "pokrycie_subw"}

    # Inputs as a Polish user types them: spaces between thousands, a decimal comma.
    response = czlonek.post(url("wartosc_nowa", udzial, wskaznik_pk=doplata.pk), {
        "okres": "2022", "d_wydatki": "1 000 000,00", "d_subwencja": "600 000", "d_uczniowie": "300"})
    assert response.status_code == 302
    value = WartoscWskaznika.objects.get(wskaznik=doplata)
    assert value.wynik == Decimal("1333.33") and value.autor.username == "jst-a-czlonek"
    assert lider.post(url("wartosc_nowa", udzial, wskaznik_pk=pokrycie.pk), {
        "okres": "2022", "d_subwencja": "600000", "d_wydatki": "0"}).status_code == 302
    assert WartoscWskaznika.objects.get(wskaznik=pokrycie).wynik is None  # n/d: division by zero

    page = lider.get(url("zadanie", udzial)).content.decode()
    assert "1\xa0333,33" in page or "1 333,33" in page
    assert "n/d" in page and "<svg" in page and "za mało danych (porównanie od 3 JST)" in page

    assert lider.post(url("tabela_nowa", udzial, obszar_pk=infra.pk), {
        "tytul": "Budynki szkół", "kolumny": "Szkoła\nPowierzchnia | m²\nRok budowy",
        "wiersze": "SP 1; 2 400; 1968\nSP 2\t1 150\t2004", "zrodlo": "ewidencja środków trwałych",
    }).status_code == 302
    tabela = infra.tabele.get()
    assert tabela.kolumny[1] == {"nazwa": "Powierzchnia", "jednostka": "m²"}
    assert tabela.wiersze == [["SP 1", "2 400", "1968"], ["SP 2", "1 150", "2004"]]

    refused = lider.post(url("zadanie_stan", udzial, akcja="zloz"), follow=True).content.decode()
    assert "napisz interpretację i wnioski" in refused
    for o in (finanse, infra):
        o.refresh_from_db()
        assert lider.post(url("zadanie_wnioski", udzial, obszar_pk=o.pk), {
            f"o{o.pk}-interpretacja": "Dopłata rośnie.", f"o{o.pk}-wnioski": "Trzeba planować sieć szkół.",
            f"o{o.pk}-wersja": o.wersja}).status_code == 302
    assert czlonek.post(url("zadanie_stan", udzial, akcja="zloz")).status_code == 403  # the leader submits
    with django_capture_on_commit_callbacks(execute=True):
        lider.post(url("zadanie_stan", udzial, akcja="zloz"))
    zadanie.refresh_from_db()
    udzial.refresh_from_db()
    assert zadanie.stan == "zlozona" and zadanie.zlozone_raz and udzial.etap == "dane_zebrane"

    locked = czlonek.post(url("wartosc", udzial, wartosc_pk=value.pk), {
        "okres": "2022", "d_wydatki": "1", "d_subwencja": "1", "d_uczniowie": "1", "wersja": value.wersja,
        "powod": "x"})
    assert locked.status_code == 400 and "zablokowane" in locked.content.decode()

    client_as("koordynator").post(url("zadanie_stan", udzial, akcja="zwroc"), {"powod": "popraw dane za 2022"})
    zadanie.refresh_from_db()
    assert zadanie.stan == "zwrocona"
    # After the first submission a change needs a reason, and the reason stays in the history.
    no_reason = czlonek.post(url("wartosc", udzial, wartosc_pk=value.pk), {
        "okres": "2022", "d_wydatki": "900 000", "d_subwencja": "600 000", "d_uczniowie": "300",
        "wersja": value.wersja})
    assert no_reason.status_code == 400 and "podaj powód zmiany" in no_reason.content.decode()
    assert 'value="900 000"' in no_reason.content.decode()  # what was typed is kept
    assert czlonek.post(url("wartosc", udzial, wartosc_pk=value.pk), {
        "okres": "2022", "d_wydatki": "900 000", "d_subwencja": "600 000", "d_uczniowie": "300",
        "wersja": value.wersja, "powod": "korekta sprawozdania"}).status_code == 302
    value.refresh_from_db()
    assert value.wynik == Decimal("1000.00")
    assert value.history.first().history_change_reason == "korekta sprawozdania"
    history = czlonek.get(url("wartosc", udzial, wartosc_pk=value.pk)).content.decode()
    assert "korekta sprawozdania" in history and "1\xa0333,33" in history.replace(" ", "\xa0")


@pytest.mark.parametrize(("dane", "pole", "komunikat"), [
    ({"okres": "2022", "d_wydatki": "dużo", "d_subwencja": "1", "d_uczniowie": "1"}, "d_wydatki", "Wpisz liczbę"),
    ({"okres": "22/23", "d_wydatki": "1", "d_subwencja": "1", "d_uczniowie": "1"}, "okres", "rok kalendarzowy"),
    ({"okres": "2022", "d_wydatki": "1e99", "d_subwencja": "1", "d_uczniowie": "1"}, "d_wydatki", "za duża"),
    ({"okres": "2022", "d_wydatki": "NaN", "d_subwencja": "1", "d_uczniowie": "1"}, "d_wydatki", "za duża"),
    ({"okres": "2022", "d_wydatki": "", "d_subwencja": "1", "d_uczniowie": "1"}, "d_wydatki", "Wpisz wartość"),
    ({"okres": "2022", "d_wydatki": "999 999 999 999 999", "d_subwencja": "1", "d_uczniowie": "0,000001"}, "okres",
     "Wynik jest za duży"),
])
def test_bad_inputs_get_a_polish_message_next_to_the_field_and_keep_what_was_typed(world, client_as, zadanie,
                                                                                  dane, pole, komunikat):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=world["personas"]["jst-a-lider"])
    doplata = _wskaznik("doplata_uczen")
    services.wskazniki_wybierz(obszar=obszar, wskazniki=[doplata], wersja=obszar.wersja,
                               actor=world["personas"]["jst-a-lider"])
    response = client_as("jst-a-lider").post(url("wartosc_nowa", world["udzial_a"], wskaznik_pk=doplata.pk), dane)
    html = response.content.decode()
    assert response.status_code == 400 and komunikat in html
    assert f'id="error_1_id_{pole}"' in html or f"id_{pole}" in html
    assert 'value="1"' in html and not WartoscWskaznika.objects.exists()


def test_a_school_year_indicator_wants_consecutive_years(world, zadanie):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=1, wariant=2, actor=world["personas"]["jst-a-lider"])
    uczn_etat = _wskaznik("uczn_etat")
    services.wskazniki_wybierz(obszar=obszar, wskazniki=[uczn_etat], wersja=obszar.wersja,
                               actor=world["personas"]["jst-a-lider"])
    with pytest.raises(ValidationError, match="2022/2023"):
        services.wartosc_zapisz(zadanie=zadanie, wskaznik=uczn_etat, okres="2022/2024",
                                dane={"uczniowie": "1", "etaty_nauczycieli": "1"}, actor=world["personas"]["jst-a-lider"])
    v = services.wartosc_zapisz(zadanie=zadanie, wskaznik=uczn_etat, okres="2022-2023",
                                dane={"uczniowie": "943", "etaty_nauczycieli": "100"}, actor=world["personas"]["jst-a-lider"])
    assert (v.okres, v.rok, v.wynik) == ("2022/2023", 2022, Decimal("9.43"))


def test_an_indicator_not_for_this_kind_of_jst_cannot_be_chosen(world, zadanie):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=3, wariant=2, actor=world["personas"]["jst-a-lider"])
    with pytest.raises(ValidationError, match="nie dotyczy tej JST"):  # JST A is a powiat; pre-school is gminas'
        services.wskazniki_wybierz(obszar=obszar, wskazniki=[_wskaznik("skol_przedszk")], wersja=obszar.wersja,
                                   actor=world["personas"]["jst-a-lider"])


def test_a_stale_edit_of_a_value_is_409_with_both_values_and_saves_nothing(world, client_as, zadanie):
    lider = world["personas"]["jst-a-lider"]
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
    w = _wskaznik("subw_uczen")
    services.wskazniki_wybierz(obszar=obszar, wskazniki=[w], wersja=obszar.wersja, actor=lider)
    v = services.wartosc_zapisz(zadanie=zadanie, wskaznik=w, okres="2022", dane={"subwencja": "100", "uczniowie": "10"},
                                actor=lider)
    services.wartosc_zapisz(zadanie=zadanie, wskaznik=w, okres="2022", dane={"subwencja": "200", "uczniowie": "10"},
                            wartosc=v, wersja=v.wersja, actor=lider)
    response = client_as("jst-a-czlonek").post(url("wartosc", world["udzial_a"], wartosc_pk=v.pk), {
        "okres": "2022", "d_subwencja": "300", "d_uczniowie": "10", "wersja": v.wersja})
    html = response.content.decode()
    assert response.status_code == 409 and "Zapisane teraz" in html and "<td>200</td><td>300</td>" in html
    v.refresh_from_db()
    assert v.wynik == Decimal("20.00")


def _jst_z_wartoscia(world, nazwa, teryt, wynik_dane, rodzaj="powiat"):
    from jst.models import JST, Udzial
    from jst.tests.factories import JSTFactory

    jst = JSTFactory(teryt=teryt, klucz=teryt[:6], nazwa=nazwa, rodzaj=rodzaj)
    udzial = Udzial.objects.create(edycja=world["edycja"], jst=jst)
    w = _wskaznik("subw_uczen")
    WartoscWskaznika.objects.create(udzial=udzial, wskaznik=w, okres="2022", rok=2022, dane=wynik_dane,
                                    wynik=services.wynik(w, wynik_dane), autor=world["personas"]["admin"])
    assert JST.objects.filter(teryt=teryt).exists()
    return udzial


def test_the_comparison_is_hidden_with_two_jsts_of_a_kind_and_shown_with_three(world, client_as, zadanie):
    lider = world["personas"]["jst-a-lider"]
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
    w = _wskaznik("subw_uczen")
    services.wskazniki_wybierz(obszar=obszar, wskazniki=[w], wersja=obszar.wersja, actor=lider)
    services.wartosc_zapisz(zadanie=zadanie, wskaznik=w, okres="2022", dane={"subwencja": "9000", "uczniowie": "1"},
                            actor=lider)
    _jst_z_wartoscia(world, "Powiat X", "0202", {"subwencja": "8000", "uczniowie": "1"})
    # A gmina's value never counts for a powiat.
    _jst_z_wartoscia(world, "Gmina Y", "0203011", {"subwencja": "1", "uczniowie": "1"}, rodzaj="gmina_wiejska")
    page = client_as("jst-a-lider").get(url("zadanie", world["udzial_a"])).content.decode()
    assert "za mało danych (porównanie od 3 JST)" in page and "średnia JST tego rodzaju w edycji" not in page
    assert services.porownanie(world["udzial_a"], [w.pk]) == {}

    _jst_z_wartoscia(world, "Powiat Z", "0204", {"subwencja": "7000", "uczniowie": "1"})
    assert services.porownanie(world["udzial_a"], [w.pk])[(w.pk, "2022")]["n"] == 3
    page = client_as("jst-a-lider").get(url("zadanie", world["udzial_a"])).content.decode()
    assert "8\xa0000,00" in page.replace(" ", "\xa0") and "(3 JST)" in page
    assert "średnia JST tego rodzaju w edycji" in page  # the chart's second series
    assert "Powiat X" not in page and "Powiat Z" not in page  # anonymised


def test_advisers_read_the_task_but_cannot_change_it(world, client_as, zadanie):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=world["personas"]["jst-a-lider"])
    assert client_as("ros1").get(url("zadanie", world["udzial_a"])).status_code == 200
    assert client_as("ros1").post(url("tabela_nowa", world["udzial_a"], obszar_pk=obszar.pk), {
        "tytul": "X", "kolumny": "a", "wiersze": "1", "zrodlo": "x"}).status_code == 403
    assert client_as("ros2").get(url("zadanie", world["udzial_a"])).status_code == 404


def test_a_table_row_with_the_wrong_number_of_cells_names_the_line(world, client_as, zadanie):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=world["personas"]["jst-a-lider"])
    response = client_as("jst-a-lider").post(url("tabela_nowa", world["udzial_a"], obszar_pk=obszar.pk), {
        "tytul": "Budynki", "kolumny": "Szkoła\nRok", "wiersze": "SP 1; 1968\nSP 2", "zrodlo": "x"})
    html = response.content.decode()
    assert response.status_code == 400 and "Wiersz 2 ma 1 komórek, a tabela ma 2 kolumn" in html
    assert "SP 1; 1968" in html


def test_the_task_page_runs_a_fixed_number_of_queries(world, client_as, zadanie):
    lider = world["personas"]["jst-a-lider"]
    finanse = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
    infra = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=lider)
    ws = [_wskaznik("subw_uczen"), _wskaznik("wyd_biez_uczen")]
    services.wskazniki_wybierz(obszar=finanse, wskazniki=ws, wersja=finanse.wersja, actor=lider)
    client = client_as("jst-a-lider")

    def add(lata, tabel):
        for rok in lata:
            for w in ws:
                services.wartosc_zapisz(zadanie=zadanie, wskaznik=w, okres=str(rok),
                                        dane={d.nazwa: str(rok) for d in w.dane.all()}, actor=lider)
        for i in range(tabel):
            services.tabela_zapisz(obszar=infra, dane={"tytul": f"T{i}", "kolumny": "a\nb", "wiersze": "1;2",
                                                      "zrodlo": "x"}, actor=lider)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("zadanie", world["udzial_a"])).status_code == 200
        return len(ctx.captured_queries)

    add([2019], 1)
    small = count()
    add(range(2020, 2024), 6)
    assert count() == small


def test_removing_an_area_is_refused_once_submitted(world, zadanie):
    obszar = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=world["personas"]["jst-a-lider"])
    ZadanieDanych.objects.filter(pk=zadanie.pk).update(stan="zlozona")
    with pytest.raises(ValidationError, match="zablokowane"):
        services.obszar_usun(obszar=obszar, actor=world["personas"]["jst-a-lider"])


def test_numbers_on_the_page_round_half_up_and_inputs_show_as_typed():
    from django.utils import translation

    from diagnoza.views_zadanie import liczba

    with translation.override("pl"):
        assert liczba(Decimal("7449.8066"), 2).replace("\xa0", " ") == "7 449,81"
        assert liczba(Decimal("0.125"), 2) == "0,13"
        assert liczba("300", None) == "300" and liczba(None, 2) == "n/d"
