"""The indicator catalogue editor: list by resource area with filters, create and edit with inputs
typed one per line, the formula checked next to its field, edit conflicts, recomputing stored values,
the "Sprawdź wzór" preview and who may use it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza.forms_wskazniki import WskaznikForm, dane_tekstem
from diagnoza.models import DanaWskaznika, ObszarZasobow, WartoscWskaznika, Wskaznik
from diagnoza.services_wskazniki import wskaznik_zmien
from doradztwo.models import WpisAudytu

pytestmark = pytest.mark.django_db

DANE_DOPLATY = ("wydatki | Bieżące wydatki oświatowe | zł | budzet\n"
                "subwencja | Część oświatowa subwencji ogólnej | zł | budzet\n"
                "uczniowie | Liczba uczniów | osób | sio")


def formularz(**zmiany) -> dict:
    """POST data of a valid new indicator (Polish typing: a decimal comma)."""
    dane = {
        "kod": "doplata_test", "nazwa": "Dopłata testowa na ucznia", "obszar_zasobow": "4", "opis": "",
        "wejscia": DANE_DOPLATY, "wzor": "(wydatki − subwencja) ÷ uczniowie", "jednostka": "zł",
        "mnoznik": "1", "miejsca": "2", "typ_okresu": "kalendarzowy", "rodzaje_jst": [], "zrodlo_definicji": "",
        "aktywny": "on",
    }
    dane.update(zmiany)
    return {k: v for k, v in dane.items() if v is not None}


def formularz_z(wskaznik: Wskaznik, **zmiany) -> dict:
    """The edit form as the page shows it for `wskaznik`, with `zmiany`."""
    dane = {k: v for k, v in WskaznikForm.poczatkowe(wskaznik).items()}
    dane["aktywny"] = "on" if dane["aktywny"] else None
    dane.update(zmiany)
    return {k: v for k, v in dane.items() if v is not None}


def url(name, **kwargs):
    return reverse(f"diagnoza:{name}", kwargs=kwargs or None)


@pytest.fixture
def doplata():
    return Wskaznik.objects.get(kod="doplata_uczen")


# --- The list -------------------------------------------------------------------------------------


def test_the_list_groups_the_seeded_catalogue_by_the_seven_resource_areas(client_as, world):
    response = client_as("koordynator").get(url("wskazniki"))
    assert response.status_code == 200
    grupy = response.context["grupy"]
    assert [g["numer"] for g in grupy] == list(ObszarZasobow.values)
    finanse = next(g for g in grupy if g["numer"] == ObszarZasobow.FINANSOWE)
    assert {w.kod for w in finanse["wskazniki"]} == {"wyd_biez_uczen", "subw_uczen", "doplata_uczen", "pokrycie_subw",
                                                     "budzet_osw", "dotacje_niepubl"}
    html = response.content.decode()
    for label in ObszarZasobow.labels:
        assert str(label) in html
    assert "(wydatki - subwencja) / uczniowie" in html
    # An indicator for every JST kind says so; a gmina-only one names the kinds.
    doplata = next(w for w in finanse["wskazniki"] if w.kod == "doplata_uczen")
    assert doplata.rodzaje_tekstem == "wszystkie"
    skol = Wskaznik.objects.get(kod="skol_przedszk")
    assert f'href="{url("wskaznik", pk=skol.pk)}"' in html
    assert "gmina miejska, gmina wiejska, gmina miejsko-wiejska, miasto na prawach powiatu" in html


def test_the_list_filters_by_resource_area_and_by_active(client_as, world):
    Wskaznik.objects.filter(kod="subw_uczen").update(aktywny=False)
    client = client_as("koordynator")

    response = client.get(url("wskazniki"), {"obszar": "4", "aktywny": "0"})
    assert [g["numer"] for g in response.context["grupy"]] == [4]
    assert [w.kod for w in response.context["grupy"][0]["wskazniki"]] == ["subw_uczen"]

    response = client.get(url("wskazniki"), {"aktywny": "1"})
    kody = {w.kod for g in response.context["grupy"] for w in g["wskazniki"]}
    assert len(kody) == 21 and "subw_uczen" not in kody

    response = client.get(url("wskazniki"), {"obszar": "99"})  # a bad filter: an error, the whole list
    assert response.status_code == 200
    assert response.context["filtr"].errors["obszar"] == ["Wybierz obszar zasobów z listy."]
    assert response.context["liczba"] == 22


def _zapytania(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_runs_a_fixed_number_of_queries(client_as, django_assert_num_queries, world):
    client = client_as("koordynator")

    def dodaj(od, n):
        for i in range(od, od + n):
            w = Wskaznik.objects.create(kod=f"lista_{i}", nazwa=f"Wskaźnik {i}", obszar_zasobow=i % 7 + 1,
                                        wzor="a / b", rodzaje_jst=["powiat"] if i % 2 else [], aktywny=bool(i % 3))
            DanaWskaznika.objects.create(wskaznik=w, nazwa="a", etykieta="A", zrodlo="sio")
            WartoscWskaznika.objects.create(udzial=world["udzial_a"], wskaznik=w, okres="2023", rok=2023,
                                            dane={"a": "1"}, autor=world["personas"]["jst-a-lider"])

    dodaj(0, 10)
    _zapytania(client, url("wskazniki"))  # warm-up: per-process caches fill on the first request
    measured = _zapytania(client, url("wskazniki"))
    dodaj(10, 90)
    with django_assert_num_queries(measured):
        response = client.get(url("wskazniki"))
    assert response.context["liczba"] == 122
    assert sum(w.liczba_wartosci for g in response.context["grupy"] for w in g["wskazniki"]) == 100


# --- Create ---------------------------------------------------------------------------------------


def test_a_coordinator_creates_an_indicator_with_its_inputs_in_order(client_as, world):
    response = client_as("koordynator").post(url("wskaznik_nowy"), formularz(
        mnoznik="1,5", miejsca="1", rodzaje_jst=["powiat", "gmina_wiejska"], kod="nowy-1"))
    w = Wskaznik.objects.get(kod="nowy-1")
    assert response.status_code == 302 and response["Location"] == url("wskaznik", pk=w.pk)
    assert (w.nazwa, w.obszar_zasobow, w.mnoznik, w.miejsca, w.typ_okresu, w.aktywny) == (
        "Dopłata testowa na ucznia", 4, Decimal("1.5"), 1, "kalendarzowy", True)
    assert w.rodzaje_jst == ["gmina_wiejska", "powiat"]
    assert [(d.nazwa, d.etykieta, d.jednostka, d.zrodlo, d.kolejnosc) for d in w.dane.all()] == [
        ("wydatki", "Bieżące wydatki oświatowe", "zł", "budzet", 1),
        ("subwencja", "Część oświatowa subwencji ogólnej", "zł", "budzet", 2),
        ("uczniowie", "Liczba uczniów", "osób", "sio", 3),
    ]
    wpis = WpisAudytu.objects.get(akcja="wskaznik.utworzony")
    assert wpis.kto == world["personas"]["koordynator"] and wpis.id_obiektu == str(w.pk)
    assert w.history.first().history_user == world["personas"]["koordynator"]


def test_an_input_the_formula_does_not_use_is_saved_with_a_warning(client_as, world):
    client = client_as("admin")
    response = client.post(url("wskaznik_nowy"), formularz(
        wejscia=DANE_DOPLATY + "\noddzialy | Liczba oddziałów | oddziałów | SIO"), follow=True)
    assert response.status_code == 200
    w = Wskaznik.objects.get(kod="doplata_test")
    assert [d.nazwa for d in w.dane.all()] == ["wydatki", "subwencja", "uczniowie", "oddzialy"]
    komunikaty = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Wzór nie używa danych: oddzialy.") for m in komunikaty)


@pytest.mark.parametrize(("zmiany", "pole", "komunikat"), [
    ({"wejscia": "wydatki | Wydatki | zł\nuczniowie | Liczba uczniów | osób | sio"}, "wejscia",
     "Wiersz 1: wpisz cztery części oddzielone znakiem „|”: nazwa | opis danej | jednostka | źródło."),
    ({"wejscia": "wydatki | Wydatki | zł | budzet\nUczniowie | Liczba uczniów | osób | sio"}, "wejscia",
     "Wiersz 2: nazwa „Uczniowie” może zawierać tylko małe litery bez polskich znaków, cyfry i „_”, nie może "
     "zaczynać się cyfrą ani być słowem języka Python (np. „and”) i może mieć najwyżej 40 znaków."),
    ({"wejscia": "wydatki | Wydatki | zł | budzet\n\nuczniów | Liczba | osób | sio"}, "wejscia",
     "Wiersz 3: nazwa „uczniów” może zawierać tylko małe litery bez polskich znaków, cyfry i „_”, nie może "
     "zaczynać się cyfrą ani być słowem języka Python (np. „and”) i może mieć najwyżej 40 znaków."),
    ({"wejscia": "and | Koniunkcja | | sio"}, "wejscia",
     "Wiersz 1: nazwa „and” może zawierać tylko małe litery bez polskich znaków, cyfry i „_”, nie może "
     "zaczynać się cyfrą ani być słowem języka Python (np. „and”) i może mieć najwyżej 40 znaków."),
    ({"wejscia": "a | A | | sio\na | A again | | gus"}, "wejscia",
     "Wiersz 2: nazwa „a” powtarza się — każda dana musi mieć inną nazwę."),
    ({"wejscia": "a | A | | bdl"}, "wejscia",
     "Wiersz 1: nieznane źródło „bdl”. Wpisz jedno z: sio, gus, budzet, egzaminy, ankieta, wlasne."),
    ({"wejscia": "a |  | | sio"}, "wejscia", "Wiersz 1: wpisz opis danej (najwyżej 200 znaków)."),
    ({"wejscia": "  \n"}, "wejscia", "Podaj co najmniej jedną daną, z której liczy się wskaźnik."),
    ({"wzor": "abs(wydatki) / uczniowie"}, "wzor",
     "Niedozwolona konstrukcja we wzorze: wywołanie funkcji. Dozwolone są + − * / i nawiasy."),
    ({"wzor": "(wydatki - subwencja) / uczen"}, "wzor",
     "Wzór używa nieznanych danych: uczen. Dodaj je do listy danych albo popraw wzór."),
    ({"wzor": "wydatki ** 2"}, "wzor",
     "Niedozwolona konstrukcja we wzorze: potęgowanie (**). Dozwolone są + − * / i nawiasy."),
    ({"kod": "doplata_uczen"}, "kod", "Wskaźnik o kodzie „doplata_uczen” już istnieje. Wybierz inny kod."),
    ({"kod": "dopłata"}, "kod", "Kod może zawierać tylko litery bez polskich znaków, cyfry, „-” i „_”."),
    ({"mnoznik": "sto"}, "mnoznik", "Wpisz liczbę, np. 100."),
    ({"mnoznik": "0"}, "mnoznik", "Mnożnik musi być większy od zera."),
    ({"miejsca": "5"}, "miejsca", "Podaj liczbę miejsc po przecinku (0–4)."),
    ({"rodzaje_jst": ["wojewodztwo"]}, "rodzaje_jst", "Wybierz rodzaje JST z listy."),
    ({"obszar_zasobow": "8"}, "obszar_zasobow", "Wybierz obszar zasobów z listy."),
])
def test_bad_input_is_refused_next_to_its_field_and_everything_typed_is_kept(client_as, world, zmiany, pole,
                                                                              komunikat):
    dane = formularz(**zmiany)
    response = client_as("koordynator").post(url("wskaznik_nowy"), dane)
    assert response.status_code == 200
    assert response.context["form"].errors[pole] == [komunikat]
    assert not Wskaznik.objects.filter(nazwa="Dopłata testowa na ucznia").exists()
    html = response.content.decode()
    assert "Dopłata testowa na ucznia" in html
    for field in ("wzor", "wejscia"):
        typed = dane[field].splitlines()[0].strip()
        assert not typed or typed.replace(">", "&gt;").replace("'", "&#x27;") in html


def test_the_inputs_accept_a_source_by_its_label_and_an_empty_unit(client_as, world):
    response = client_as("koordynator").post(url("wskaznik_nowy"), formularz(
        wejscia="a | Dana A | | GUS (Bank Danych Lokalnych)\nb | Dana B | szt. | Wlasne", wzor="a × b"))
    assert response.status_code == 302
    assert [(d.nazwa, d.jednostka, d.zrodlo) for d in Wskaznik.objects.get(kod="doplata_test").dane.all()] == [
        ("a", "", "gus"), ("b", "szt.", "wlasne")]


# --- Edit -----------------------------------------------------------------------------------------


def test_the_edit_page_shows_the_saved_indicator_with_its_inputs_one_per_line(client_as, world, doplata):
    response = client_as("koordynator").get(url("wskaznik", pk=doplata.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["wejscia"] == (
        "wydatki | Bieżące wydatki oświatowe | zł | budzet\n"
        "subwencja | Część oświatowa subwencji ogólnej | zł | budzet\n"
        "uczniowie | Liczba uczniów | osób | sio")
    assert form.initial["mnoznik"] == "1"
    assert 'name="wersja" value="1"' in response.content.decode()
    assert WskaznikForm.poczatkowe(Wskaznik.objects.get(kod="pokrycie_subw"))["mnoznik"] == "100"


def test_a_coordinator_of_another_edition_edits_the_shared_catalogue(client_as, world, doplata):
    response = client_as("koordynator2").post(url("wskaznik", pk=doplata.pk), formularz_z(
        doplata, nazwa="Dopłata ze środków własnych JST na ucznia", mnoznik="0,5", aktywny=None))
    assert response.status_code == 302
    doplata.refresh_from_db()
    assert (doplata.nazwa, doplata.mnoznik, doplata.aktywny, doplata.wersja) == (
        "Dopłata ze środków własnych JST na ucznia", Decimal("0.5"), False, 2)
    wpis = WpisAudytu.objects.get(akcja="wskaznik.zmieniony")
    assert wpis.kto == world["personas"]["koordynator2"]
    assert wpis.dane["pola"] == ["aktywny", "mnoznik", "nazwa"]


def test_saving_without_changes_writes_nothing(client_as, world, doplata):
    response = client_as("koordynator").post(url("wskaznik", pk=doplata.pk), formularz_z(doplata))
    assert response.status_code == 302
    doplata.refresh_from_db()
    assert doplata.wersja == 1
    assert not WpisAudytu.objects.filter(akcja="wskaznik.zmieniony").exists()


def test_editing_the_inputs_replaces_them_as_a_set(client_as, world, doplata):
    zachowana = DanaWskaznika.objects.get(wskaznik=doplata, nazwa="uczniowie")
    wejscia = ("uczniowie | Uczniowie ogółem | osób | sio\n"
               "wydatki_biezace | Bieżące wydatki oświatowe | zł | budzet\n"
               "subwencja | Część oświatowa subwencji ogólnej | zł | budzet")
    response = client_as("koordynator").post(url("wskaznik", pk=doplata.pk), formularz_z(
        doplata, wejscia=wejscia, wzor="(wydatki_biezace - subwencja) / uczniowie"))
    assert response.status_code == 302
    assert [(d.nazwa, d.etykieta, d.kolejnosc) for d in doplata.dane.all()] == [
        ("uczniowie", "Uczniowie ogółem", 1), ("wydatki_biezace", "Bieżące wydatki oświatowe", 2),
        ("subwencja", "Część oświatowa subwencji ogólnej", 3)]
    assert doplata.dane.get(nazwa="uczniowie").pk == zachowana.pk
    doplata.refresh_from_db()
    assert doplata.wersja == 2
    assert WpisAudytu.objects.get(akcja="wskaznik.zmieniony").dane["dane_przed"][0][0] == "wydatki"


def test_removing_an_input_the_formula_still_uses_is_refused_next_to_the_inputs(client_as, world, doplata):
    wejscia = "wydatki | Wydatki | zł | budzet\nuczniowie | Liczba uczniów | osób | sio"
    response = client_as("koordynator").post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, wejscia=wejscia))
    assert response.status_code == 200
    assert response.context["form"].errors["wejscia"] == [
        "Nie można usunąć danych, których używa wzór: subwencja. Najpierw zmień wzór."]
    assert "wzor" not in response.context["form"].errors
    assert doplata.dane.count() == 3
    assert "Wydatki | zł | budzet" in response.content.decode()  # what was typed stays


def test_the_code_cannot_change_once_values_exist_and_the_page_says_so(client_as, world, doplata):
    WartoscWskaznika.objects.create(udzial=world["udzial_a"], wskaznik=doplata, okres="2023", rok=2023,
                                    dane={"wydatki": "1", "subwencja": "1", "uczniowie": "1"}, wynik=0,
                                    autor=world["personas"]["jst-a-lider"])
    client = client_as("koordynator")
    html = client.get(url("wskaznik", pk=doplata.pk)).content.decode()
    assert "Kodu nie można zmienić, bo wskaźnik ma już zapisane wartości." in html
    response = client.post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, kod="inny_kod", nazwa="Dopłata"))
    assert response.status_code == 302
    doplata.refresh_from_db()
    assert (doplata.kod, doplata.nazwa) == ("doplata_uczen", "Dopłata")


def test_the_service_refuses_a_new_code_once_values_exist(world, doplata):
    from django.core.exceptions import ValidationError

    WartoscWskaznika.objects.create(udzial=world["udzial_a"], wskaznik=doplata, okres="2023", rok=2023,
                                    dane={}, autor=world["personas"]["jst-a-lider"])
    form = WskaznikForm(formularz_z(doplata, kod="inny_kod"))
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as error:
        wskaznik_zmien(wskaznik=doplata, dane=form.dane(), wejscia=form.cleaned_data["wejscia"], wersja=1,
                       actor=world["personas"]["koordynator"])
    assert error.value.message_dict == {"kod": ["Kodu nie można zmienić, bo wskaźnik ma już zapisane wartości."]}


def test_a_stale_save_answers_409_shows_both_values_and_saves_nothing(client_as, world, doplata):
    stale = formularz_z(doplata, nazwa="Moja nazwa", wzor="(wydatki - subwencja) ÷ uczniowie")
    form = WskaznikForm(formularz_z(doplata, nazwa="Nazwa kolegi"))
    assert form.is_valid()
    wskaznik_zmien(wskaznik=doplata, dane=form.dane(), wejscia=form.cleaned_data["wejscia"], wersja=1,
                   actor=world["personas"]["koordynator2"])

    response = client_as("koordynator").post(url("wskaznik", pk=doplata.pk), stale)

    assert response.status_code == 409
    doplata.refresh_from_db()
    assert (doplata.nazwa, doplata.wersja) == ("Nazwa kolegi", 2)
    konflikt = {r["pole"]: (r["zapisane"], r["wpisane"]) for r in response.context["konflikt"]}
    assert konflikt == {"Nazwa": ("Nazwa kolegi", "Moja nazwa"),
                        "Wzór": ("(wydatki - subwencja) / uczniowie", "(wydatki - subwencja) ÷ uczniowie")}
    html = response.content.decode()
    assert "Zmiany innej osoby" in html and "Nazwa kolegi" in html and 'value="Moja nazwa"' in html
    assert 'name="wersja" value="2"' in html  # saving again is a deliberate choice
    assert client_as("koordynator").post(url("wskaznik", pk=doplata.pk),
                                         {**stale, "wersja": "2"}).status_code == 302
    doplata.refresh_from_db()
    assert doplata.nazwa == "Moja nazwa"


def test_changing_the_formula_recomputes_the_stored_values(client_as, world, doplata):
    wartosc = WartoscWskaznika.objects.create(
        udzial=world["udzial_a"], wskaznik=doplata, okres="2023", rok=2023,
        dane={"wydatki": "1000000.00", "subwencja": "600000.00", "uczniowie": "300"}, wynik=Decimal("1333.33"),
        autor=world["personas"]["jst-a-lider"])
    client = client_as("koordynator")

    response = client.post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, wzor="wydatki / uczniowie"),
                           follow=True)
    wartosc.refresh_from_db()
    assert wartosc.wynik == Decimal("3333.33")
    assert "Przeliczono zapisane wartości wskaźnika (zmienione wyniki: 1)." in [
        str(m) for m in response.context["messages"]]
    assert any(str(m).startswith("Wzór nie używa danych: subwencja.") for m in response.context["messages"])

    doplata.refresh_from_db()
    client.post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, miejsca="0", mnoznik="0,001"))
    wartosc.refresh_from_db()
    assert wartosc.wynik == Decimal("3")

    doplata.refresh_from_db()
    client.post(url("wskaznik", pk=doplata.pk), formularz_z(
        doplata, wejscia=dane_tekstem(doplata.dane.all()) + "\noddzialy | Oddziały | | sio",
        wzor="wydatki / uczniowie / oddzialy"))
    wartosc.refresh_from_db()
    assert wartosc.wynik is None  # the new input is not filled in yet: n/d


def test_a_change_of_the_name_alone_does_not_recompute(client_as, world, doplata):
    wartosc = WartoscWskaznika.objects.create(
        udzial=world["udzial_a"], wskaznik=doplata, okres="2023", rok=2023,
        dane={"wydatki": "1000000.00", "subwencja": "600000.00", "uczniowie": "300"}, wynik=Decimal("1"),
        autor=world["personas"]["jst-a-lider"])
    client_as("koordynator").post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, nazwa="Dopłata"))
    wartosc.refresh_from_db()
    assert wartosc.wynik == Decimal("1")


# --- "Sprawdź wzór" -------------------------------------------------------------------------------


def test_the_preview_computes_the_saved_formula_in_polish_number_format(client_as, world, doplata):
    response = client_as("koordynator").get(url("wskaznik_sprawdz", pk=doplata.pk), {
        "p-wydatki": "1 000 000,00", "p-subwencja": "600000", "p-uczniowie": "300"})
    assert response.status_code == 200
    assert response.context["wynik"] == "1\xa0333,33"
    assert "1\xa0333,33 zł</strong>" in response.content.decode()
    assert not Wskaznik.history.filter(id=doplata.pk).exclude(history_type="+").exists()


def test_the_preview_shows_nd_for_a_zero_denominator_and_errors_next_to_the_inputs(client_as, world, doplata):
    client = client_as("admin")
    response = client.get(url("wskaznik_sprawdz", pk=doplata.pk), {
        "p-wydatki": "10", "p-subwencja": "5", "p-uczniowie": "0"})
    assert response.context["wynik"] == "n/d"

    response = client.get(url("wskaznik_sprawdz", pk=doplata.pk), {"p-wydatki": "dużo", "p-subwencja": "5"})
    podglad = response.context["podglad"]
    assert podglad.errors["wydatki"] == ["Wpisz liczbę, np. 1 234,56."]
    assert podglad.errors["uczniowie"] == ["Wpisz wartość."]
    assert response.context["wynik"] is None
    assert 'value="dużo"' in response.content.decode()


def test_the_preview_of_a_result_too_large_to_show_is_an_error_not_a_crash(client_as, world, doplata):
    Wskaznik.objects.filter(pk=doplata.pk).update(wzor="wydatki * 1e30")
    response = client_as("koordynator").get(url("wskaznik_sprawdz", pk=doplata.pk), {
        "p-wydatki": "100000000000000", "p-subwencja": "1", "p-uczniowie": "1"})
    assert response.status_code == 200
    assert response.context["podglad"].non_field_errors() == ["Wynik jest za duży, aby go zapisać — sprawdź wpisane dane i jednostki."]


# --- Who may use it -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["jst-a-lider", "jst-b-czlonek", "ros1", "pro2", "doradca-spoza"])
def test_team_members_and_advisers_get_403_and_change_nothing(client_as, world, doplata, persona):
    client = client_as(persona)
    assert client.get(url("wskazniki")).status_code == 403
    assert client.get(url("wskaznik", pk=doplata.pk)).status_code == 403
    assert client.post(url("wskaznik", pk=doplata.pk), formularz_z(doplata, nazwa="Zmiana")).status_code == 403
    assert client.post(url("wskaznik_nowy"), formularz()).status_code == 403
    doplata.refresh_from_db()
    assert doplata.nazwa == "Dopłata ze środków własnych na ucznia"
    assert not Wskaznik.objects.filter(kod="doplata_test").exists()


def test_an_unknown_indicator_is_404_for_a_coordinator(client_as, world):
    assert client_as("koordynator").get(url("wskaznik", pk=999999)).status_code == 404
