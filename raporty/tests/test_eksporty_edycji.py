"""The exports page of an edition and every export on it: columns documented, Polish-Excel CSV,
native XLSX cells, correct content on a small fixture, private notes never exported, contacts for
coordinators only, a fixed number of queries whatever the number of rows."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from diagnoza.models import (
    Arkusz,
    DiagnozaPoglebiona,
    Odpowiedz,
    PytanieSzablonu,
    WartoscWskaznika,
    WersjaSzablonu,
    Wskaznik,
    WyborObszaru,
    ZadanieDanych,
)
from doradztwo import zadania
from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import Obszar, Zadanie
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, Postep, WersjaHdr
from jst.models import KosztPodrozy, PrzydzialDoradcy, Udzial, Wizyta, WpisZdalny
from raporty.eksporty import EKSPORTY, csv_porcje
from raporty.models import RaportKoncowy
from raporty.tests.test_eksporty import arkusz_xlsx, eksportuj, naglowki_z_dokumentacji, wiersze_csv

pytestmark = pytest.mark.django_db

D = datetime.date
MARZEC_2023 = datetime.datetime(2023, 3, 1, 11, tzinfo=datetime.UTC)
GRUDZIEN_2022 = datetime.datetime(2022, 12, 15, 12, tzinfo=datetime.UTC)
PRYWATNE = "ZNACZNIK-PRYWATNY-b71e"
FORMULA = '=HYPERLINK("http://zle.example") PKP'
SLUGI = list(EKSPORTY)


def artefakty(world, udzial: Udzial, *, lider, czlonkowie, ros, pro) -> dict:
    """Every artefact an export reads, for one participation (built directly: the exports read
    data, the services that make it are tested in their apps)."""
    lider_user = lider.uzytkownik
    Udzial.objects.filter(pk=udzial.pk).update(stan_zespolu="zatwierdzona", etap="wdrazanie")
    arkusz = Arkusz.objects.create(udzial=udzial, stan="zatwierdzona",
                                   wersja_szablonu=WersjaSzablonu.objects.filter(stan="opublikowana").first())
    pytanie = PytanieSzablonu.objects.filter(sekcja__wersja=arkusz.wersja_szablonu, typ="skala").first()
    Odpowiedz.objects.create(arkusz=arkusz, pytanie=pytanie, wartosc=3, autor=lider_user)
    WyborObszaru.objects.create(udzial=udzial, obszar=Obszar.objects.get(kod="zarzadzanie"), uzasadnienie="x",
                                kto=lider_user)
    ZadanieDanych.objects.create(udzial=udzial, stan="zlozona")
    DiagnozaPoglebiona.objects.create(udzial=udzial, stan="zatwierdzona")
    w1 = Wizyta.objects.create(udzial=udzial, typ="spotkanie_1", od=D(2023, 1, 12), do=D(2023, 1, 13),
                               miejsce="Starostwo Powiatowe", spotkanie_z_wlodarzem=True, autor=ros.uzytkownik,
                               notatki_prywatne=PRYWATNE, notatki_wlodarz=PRYWATNE)
    w1.doradcy.set([ros, pro])
    w1.uczestnicy.set(czlonkowie[:2])
    w2 = Wizyta.objects.create(udzial=udzial, typ="spotkanie_2", od=D(2023, 3, 2), do=D(2023, 3, 3),
                               miejsce="Starostwo Powiatowe", autor=ros.uzytkownik)
    w2.doradcy.set([ros, pro])
    KosztPodrozy.objects.create(doradca=ros, wizyta=w1, edycja=udzial.edycja, data=D(2023, 1, 12), transport=FORMULA,
                                kwota_transport=Decimal("182.40"), kwota_nocleg=Decimal("240.00"))
    KosztPodrozy.objects.create(doradca=ros, wizyta=w1, edycja=udzial.edycja, data=D(2023, 1, 13),
                                kwota_inne=Decimal("10.00"), opis="parking")
    KosztPodrozy.objects.create(doradca=pro, edycja=udzial.edycja, data=D(2023, 2, 20), kwota_transport=Decimal("55.50"),
                                transport="bus")
    hdr = Hdr.objects.create(udzial=udzial, obszar=Obszar.objects.get(kod="zarzadzanie"))
    wersja = WersjaHdr.objects.create(hdr=hdr, numer=1, stan="zatwierdzona", okres_od=D(2022, 11, 1),
                                      okres_do=D(2023, 6, 30), zatwierdzona=datetime.datetime(
                                          2022, 11, 10, 13, 5, tzinfo=datetime.UTC), utworzyl=lider_user)
    dzialania = [Dzialanie.objects.create(wersja_hdr=wersja, kolejnosc=i, nazwa=f"Działanie {i}", od=D(2022, 11, 15),
                                          do=D(2023, 2, 10), wlasciciel=lider, kwota=Decimal("1500.00"),
                                          zmienil=lider_user, raport_koncowy=i == 2)
                 for i in range(3)]
    szkic = WersjaHdr.objects.create(hdr=hdr, numer=2, stan="robocza", okres_od=D(2022, 11, 1),
                                     okres_do=D(2023, 6, 30), utworzyl=lider_user)
    Dzialanie.objects.create(wersja_hdr=szkic, nazwa="SZKIC-NIE-W-MOCY", od=D(2023, 1, 1), do=D(2023, 9, 1),
                             zmienil=lider_user)
    MonitoringDzialania.objects.create(hdr=hdr, klucz=dzialania[0].klucz, status="zrealizowane", postep=100)
    MonitoringDzialania.objects.create(hdr=hdr, klucz=dzialania[1].klucz, status="w_trakcie", postep=50,
                                       wartosc_aktualna="3 procedury")
    Postep.objects.create(hdr=hdr, klucz=dzialania[0].klucz, data=D(2023, 2, 1), status="zrealizowane", postep=100,
                          notatka=PRYWATNE, autor=lider_user)
    RaportKoncowy.objects.create(udzial=udzial, forma="dobra_praktyka", stan="zlozona")
    WartoscWskaznika.objects.create(udzial=udzial, wskaznik=Wskaznik.objects.get(kod="uczn_oddz"), okres="2021/2022",
                                    rok=2021, dane={"oddzialy": "20", "uczniowie": "445"}, wynik=Decimal("22.2500"),
                                    autor=lider_user)
    for data, minuty in ((D(2022, 10, 20), 30), (D(2022, 11, 3), 60), (D(2022, 11, 17), 30)):
        WpisZdalny.objects.create(doradca=ros, udzial=udzial, data=data, poczatek=datetime.time(10), minuty=minuty,
                                  forma="telefon", temat="t", ustalenia=PRYWATNE)
    komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="udzial", tresc=PRYWATNE, prywatny=True, autor=ros.uzytkownik)
    return {"wizyty": [w1, w2], "dzialania": dzialania}


@pytest.fixture
def dane(world):
    """JST A with everything; JST B with nothing but its team and advisers."""
    lider = world["udzial_a"].zespol.get(lider=True)
    lider.uzytkownik.telefon = "+48 75 612 34 56"
    lider.uzytkownik.save(update_fields=["telefon"])
    czlonkowie = list(world["udzial_a"].zespol.order_by("-lider", "pk"))
    return artefakty(world, world["udzial_a"], lider=lider, czlonkowie=czlonkowie, ros=world["doradcy"]["ros1"],
                     pro=world["doradcy"]["pro1"])


def wiecej_jst(world, n: int) -> None:
    """n more participations of the edition, each with every artefact (advised by ros1 and pro1)."""
    from jst.tests.factories import CzlonekZespoluFactory, PrzydzialDoradcyFactory, UdzialFactory

    ros, pro = world["doradcy"]["ros1"], world["doradcy"]["pro1"]
    for _i in range(n):
        udzial = UdzialFactory(edycja=world["edycja"])
        lider = CzlonekZespoluFactory(udzial=udzial, lider=True)
        czlonek = CzlonekZespoluFactory(udzial=udzial, rodzaj="dyrektor", nazwa_szkoly="SP 1")
        PrzydzialDoradcyFactory(udzial=udzial, doradca=ros, rola=PrzydzialDoradcy.Rola.ROS)
        PrzydzialDoradcyFactory(udzial=udzial, doradca=pro, rola=PrzydzialDoradcy.Rola.PRO)
        artefakty(world, udzial, lider=lider, czlonkowie=[lider, czlonek], ros=ros, pro=pro)


def _po_jst(rows: list[dict], jst: str = "Powiat bolesławiecki") -> list[dict]:
    return [r for r in rows if r["JST"] == jst]


# --- Every export: documented columns, Polish-Excel CSV, native XLSX ---------------------------------


@pytest.mark.parametrize("slug", SLUGI)
def test_every_exports_columns_in_code_are_the_ones_documented(slug):
    eksport = EKSPORTY[slug]
    assert [str(naglowek) for naglowek, _getter in eksport.kolumny] == naglowki_z_dokumentacji(str(eksport.tytul))


@pytest.mark.parametrize("slug", SLUGI)
@time_machine.travel(MARZEC_2023, tick=False)
def test_every_xlsx_reads_back_with_the_documented_headers_and_at_least_one_row(
    slug, world, dane, client_as, django_capture_on_commit_callbacks
):
    data = eksportuj(client_as("koordynator"), world["edycja"], slug, "xlsx", django_capture_on_commit_callbacks)
    header, rows = arkusz_xlsx(data)
    assert header == naglowki_z_dokumentacji(str(EKSPORTY[slug].tytul))
    assert rows


@pytest.mark.parametrize("slug", SLUGI)
@time_machine.travel(MARZEC_2023, tick=False)
def test_every_csv_has_a_bom_semicolons_the_documented_headers_and_polish_dates(
    slug, world, dane, client_as, django_capture_on_commit_callbacks
):
    data = eksportuj(client_as("koordynator"), world["edycja"], slug, "csv", django_capture_on_commit_callbacks)
    assert data.startswith(b"\xef\xbb\xbf" + ";".join(naglowki_z_dokumentacji(str(EKSPORTY[slug].tytul))).encode())
    rows = wiersze_csv(data)
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")) or value.lstrip("-").replace(",", "").isdigit(), value
            if value[:2].isdigit() and value[2:3] in ".-/" and len(value) >= 10:
                assert value[2] == "." and value[5] == "." and value[6:10].isdigit(), value  # dd.mm.rrrr


@pytest.mark.parametrize("slug", SLUGI)
@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@time_machine.travel(MARZEC_2023, tick=False)
def test_no_private_note_or_comment_reaches_any_export(slug, format_, world, dane, client_as,
                                                       django_capture_on_commit_callbacks):
    data = eksportuj(client_as("koordynator"), world["edycja"], slug, format_, django_capture_on_commit_callbacks)
    if format_ == "xlsx":
        header, rows = arkusz_xlsx(data)
        text = " ".join(str(cell.value) for row in rows for cell in row.values())
    else:
        text = data.decode("utf-8-sig")
    assert PRYWATNE not in text
    assert "SZKIC-NIE-W-MOCY" not in text


# --- Content ---------------------------------------------------------------------------------------


@time_machine.travel(MARZEC_2023, tick=False)
def test_participations_show_each_milestone_derived_from_its_artefact(world, dane, client_as,
                                                                      django_capture_on_commit_callbacks):
    data = eksportuj(client_as("koordynator"), world["edycja"], "udzialy", "csv", django_capture_on_commit_callbacks)
    rows = wiersze_csv(data)
    assert [r["TERYT"] for r in rows] == ["0201", "2609022"]
    a, b = rows
    assert (a["Etap"], a["Doradca ROS"], a["Doradca PRO"]) == ("wdrażanie HDR", "Roman Rosiński", "Paulina Prokop")
    assert (a["Lider zespołu"], a["Członkowie zespołu"], a["Rodzaj JST"]) == ("Łucja Liderska", "3", "powiat")
    assert (a["Zespół zatwierdzony"], a["Arkusz złożony"], a["Stan arkusza"]) == ("tak", "tak", "zatwierdzona")
    assert (a["Obszar wybrany"], a["Kod obszaru"], a["Dane zebrane"]) == ("tak", "zarzadzanie", "tak")
    assert a["Stan zadania wdrożeniowego"] == "złożona do akceptacji"
    assert (a["Spotkanie 1"], a["Spotkanie 2"], a["Diagnoza pogłębiona złożona"]) == ("12.01.2023", "02.03.2023", "tak")
    assert (a["HDR zatwierdzony"], a["Wersja HDR w mocy"], a["Data zatwierdzenia HDR"]) == ("tak", "1", "10.11.2022 14:05")
    # 3 actions ended 10.02.2023: one done (100 %), one in progress (50 %), one never updated (0 %).
    assert (a["Działania HDR"], a["Działania zrealizowane"], a["Działania opóźnione"]) == ("3", "1", "2")
    assert a["Realizacja HDR (%)"] == "50"
    assert (a["Forma raportu"], a["Raport złożony"], a["Raport przyjęty"]) == ("opis dobrej praktyki", "tak", "nie")
    assert (b["Zespół zatwierdzony"], b["Arkusz złożony"], b["Stan arkusza"], b["Obszar wybrany"]) == (
        "nie", "nie", "", "nie")
    assert (b["Spotkanie 1"], b["HDR zatwierdzony"], b["Działania HDR"], b["Realizacja HDR (%)"]) == ("", "nie", "", "")


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_participations_export_and_the_edition_dashboard_agree_on_milestones_and_hdr_progress(
        world, dane, client_as, django_capture_on_commit_callbacks):
    from raporty.pulpit import wiersze, z_artefaktami

    # Done (100 %), 25 % and cancelled: the mean of 100 and 25 is 62.5, rounded half up to 63.
    hdr = Hdr.objects.get(udzial=world["udzial_a"])
    MonitoringDzialania.objects.filter(hdr=hdr, klucz=dane["dzialania"][1].klucz).update(postep=25)
    MonitoringDzialania.objects.create(hdr=hdr, klucz=dane["dzialania"][2].klucz, status="anulowane", postep=0)
    a = wiersze_csv(eksportuj(client_as("koordynator"), world["edycja"], "udzialy", "csv",
                              django_capture_on_commit_callbacks))[0]
    w = wiersze(list(z_artefaktami(Udzial.objects.filter(pk=world["udzial_a"].pk))), dzis=D(2023, 3, 1))[0]
    assert a["Realizacja HDR (%)"] == "63"
    assert w.komorka("wdrazanie").tekst.startswith("63% · zrealizowane 1 z 2")
    assert (a["Arkusz złożony"], a["Dane zebrane"], a["Raport złożony"], a["Raport przyjęty"]) == (
        "tak", "tak", "tak", "nie")
    assert [w.komorka(kod).status for kod in ("arkusz", "dane", "raport")] == ["gotowe", "zlozone", "zlozone"]
    assert a["Spotkanie 2"] == "02.03.2023" and w.komorka("spotkanie_2").data == D(2023, 3, 2)


@time_machine.travel(MARZEC_2023, tick=False)
def test_participations_xlsx_has_number_date_and_datetime_cells(world, dane, client_as,
                                                                django_capture_on_commit_callbacks):
    data = eksportuj(client_as("koordynator"), world["edycja"], "udzialy", "xlsx", django_capture_on_commit_callbacks)
    _header, rows = arkusz_xlsx(data)
    a = rows[0]
    assert (a["Realizacja HDR (%)"].data_type, a["Realizacja HDR (%)"].value) == ("n", 50)
    assert a["Spotkanie 1"].is_date and a["Spotkanie 1"].value == datetime.datetime(2023, 1, 12)
    assert a["Data zatwierdzenia HDR"].value == datetime.datetime(2022, 11, 10, 14, 5)  # Warsaw wall-clock
    assert a["TERYT"].data_type == "s" and a["TERYT"].value == "0201"


@time_machine.travel(MARZEC_2023, tick=False)
def test_contacts_list_the_active_team_then_current_advisers_with_email_and_a_guarded_phone(
    world, dane, client_as, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    rows = _po_jst(wiersze_csv(eksportuj(client, world["edycja"], "kontakty", "csv",
                                         django_capture_on_commit_callbacks)))
    assert [(r["Rola"], r["Nazwisko"]) for r in rows] == [
        ("lider zespołu", "Liderska"), ("członek zespołu", "Członkowski"), ("członek zespołu", "Kowalski"),
        ("doradca ROS", "Rosiński"), ("doradca PRO", "Prokop")]
    lider = rows[0]
    assert (lider["Imię"], lider["E-mail"]) == ("Łucja", "jst-a-lider@example.org")
    assert lider["Telefon"] == "'+48 75 612 34 56"  # Excel must not read "+…" as a formula
    assert (rows[1]["Rodzaj członka zespołu"], rows[1]["Szkoła lub placówka"]) == (
        "dyrektor szkoły lub placówki", "Szkoła Podstawowa nr 1")
    assert rows[3]["Od"] == "05.10.2022"
    _header, cells = arkusz_xlsx(eksportuj(client, world["edycja"], "kontakty", "xlsx",
                                           django_capture_on_commit_callbacks))
    telefon = cells[0]["Telefon"]
    assert (telefon.data_type, telefon.value) == ("s", "+48 75 612 34 56")


@time_machine.travel(MARZEC_2023, tick=False)
def test_a_removed_team_member_and_a_replaced_adviser_are_not_contacts(world, dane, client_as,
                                                                        django_capture_on_commit_callbacks):
    world["czlonek_a3"].aktywny = False
    world["czlonek_a3"].save(update_fields=["aktywny"])
    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], rola="PRO").update(do=D(2023, 1, 31))
    rows = _po_jst(wiersze_csv(eksportuj(client_as("koordynator"), world["edycja"], "kontakty", "csv",
                                         django_capture_on_commit_callbacks)))
    assert [r["Nazwisko"] for r in rows] == ["Liderska", "Członkowski", "Rosiński"]


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_hours_october_half_november_one_and_a_half_december_nothing_end_at_minus_one(
    world, dane, client_as, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    rows = [r for r in wiersze_csv(eksportuj(client, world["edycja"], "godziny", "csv",
                                             django_capture_on_commit_callbacks))
            if r["Doradca"] == "Roman Rosiński"]
    assert [(r["Rok"], r["Miesiąc"], r["Zalogowano (h)"], r["Norma (h)"], r["Różnica w miesiącu (h)"],
             r["Saldo narastająco (h)"], r["Status"]) for r in rows] == [
        ("2022", "10", "0,5", "1,0", "-0,5", "-0,5", "częściowo"),
        ("2022", "11", "1,5", "1,0", "0,5", "0,0", "spełniona"),
        ("2022", "12", "0,0", "1,0", "-1,0", "-1,0", "brak"),
    ]
    assert {r["Rola"] for r in rows} == {"ROS"} and {r["TERYT"] for r in rows} == {"0201"}
    _header, cells = arkusz_xlsx(eksportuj(client, world["edycja"], "godziny", "xlsx",
                                           django_capture_on_commit_callbacks))
    grudzien = [r for r in cells if r["Doradca"].value == "Roman Rosiński"][-1]
    assert grudzien["Saldo narastająco (h)"].data_type == "n"
    assert Decimal(str(grudzien["Saldo narastająco (h)"].value)) == Decimal("-1")
    assert grudzien["Saldo narastająco (h)"].number_format == "#,##0.0"


@time_machine.travel(MARZEC_2023, tick=False)
def test_visits_sum_each_advisers_costs_and_list_costs_without_a_visit(world, dane, client_as,
                                                                       django_capture_on_commit_callbacks):
    rows = wiersze_csv(eksportuj(client_as("koordynator"), world["edycja"], "wizyty", "csv",
                                 django_capture_on_commit_callbacks))
    assert [(r["Rodzaj wiersza"], r["Od"], r["Doradca"]) for r in rows] == [
        ("wizyta", "12.01.2023", "Roman Rosiński"), ("wizyta", "12.01.2023", "Paulina Prokop"),
        ("wizyta", "02.03.2023", "Roman Rosiński"), ("wizyta", "02.03.2023", "Paulina Prokop"),
        ("koszt bez wizyty", "20.02.2023", "Paulina Prokop")]
    ros = rows[0]
    assert (ros["Rodzaj wizyty"], ros["Do"], ros["Dni"], ros["Uczestnicy z zespołu"]) == (
        "spotkanie w JST nr 1", "13.01.2023", "2", "2")
    assert (ros["Spotkanie z włodarzem"], ros["Specjalność doradcy"]) == ("tak", "ROS")
    assert (ros["Transport (zł)"], ros["Nocleg (zł)"], ros["Inne (zł)"], ros["Razem (zł)"], ros["Pozycje kosztów"]) == (
        "182,40", "240,00", "10,00", "432,40", "2")
    assert ros["Trasa i opis kosztów"] == "'" + FORMULA + "; parking"
    assert (rows[1]["Razem (zł)"], rows[1]["Pozycje kosztów"]) == ("0,00", "0")
    koszt = rows[-1]
    assert (koszt["TERYT"], koszt["Dni"], koszt["Transport (zł)"], koszt["Razem (zł)"]) == ("", "", "55,50", "55,50")


@time_machine.travel(MARZEC_2023, tick=False)
def test_hdr_actions_come_from_the_version_in_force_with_status_progress_and_overdue(
    world, dane, client_as, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    rows = wiersze_csv(eksportuj(client, world["edycja"], "dzialania-hdr", "csv", django_capture_on_commit_callbacks))
    assert [r["Działanie"] for r in rows] == ["Działanie 0", "Działanie 1", "Działanie 2"]
    assert [(r["Status"], r["Postęp (%)"], r["Opóźnione"]) for r in rows] == [
        ("zrealizowane", "100", "nie"), ("w trakcie", "50", "tak"), ("planowane", "0", "tak")]
    first = rows[0]
    assert (first["Wersja HDR"], first["Początek"], first["Koniec"], first["Kwota (zł)"]) == (
        "1", "15.11.2022", "10.02.2023", "1500,00")
    assert (first["Osoba odpowiedzialna"], first["Ostatnia aktualizacja"], first["Obszar"]) == (
        "Łucja Liderska", "01.02.2023", Obszar.objects.get(kod="zarzadzanie").nazwa)
    assert rows[1]["Wartość osiągnięta"] == "3 procedury"
    assert [r["Raport końcowy"] for r in rows] == ["nie", "nie", "tak"]
    _header, cells = arkusz_xlsx(eksportuj(client, world["edycja"], "dzialania-hdr", "xlsx",
                                           django_capture_on_commit_callbacks))
    assert cells[0]["Kwota (zł)"].data_type == "n" and cells[0]["Kwota (zł)"].number_format == "#,##0.00"
    assert cells[0]["Koniec"].is_date


@time_machine.travel(MARZEC_2023, tick=False)
def test_indicator_values_show_inputs_in_catalogue_order_and_the_rounded_result(
    world, dane, client_as, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    (row,) = wiersze_csv(eksportuj(client, world["edycja"], "wskazniki", "csv", django_capture_on_commit_callbacks))
    assert (row["Kod wskaźnika"], row["Okres"], row["Rok"]) == ("uczn_oddz", "2021/2022", "2021")
    assert row["Dane wejściowe"] == "uczniowie = 445; oddzialy = 20"
    assert (row["Wynik"], row["Jednostka"], row["Autor"]) == ("22,25", "uczniów", "Łucja Liderska")
    _header, (cells,) = arkusz_xlsx(eksportuj(client, world["edycja"], "wskazniki", "xlsx",
                                              django_capture_on_commit_callbacks))
    assert cells["Wynik"].data_type == "n" and Decimal(str(cells["Wynik"].value)) == Decimal("22.25")


# --- Access ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [
    ("ros1", 403), ("pro1", 403), ("doradca-spoza", 403), ("jst-a-lider", 403), ("koordynator2", 404), ("anon", 302)])
def test_the_contacts_export_is_refused_to_advisers_teams_and_other_editions(world, client_as, persona, status):
    client = client_as(persona)
    url = reverse("raporty:eksport", args=[world["edycja"].pk, "kontakty"])
    assert client.get(url).status_code == status
    assert client.get(url, {"format": "csv"}).status_code == status
    assert client.post(url, {"format": "xlsx"}).status_code == status
    assert client.get(reverse("raporty:eksporty", args=[world["edycja"].pk])).status_code == status
    assert not Zadanie.objects.exists()


def test_the_contacts_job_itself_refuses_an_adviser_and_rechecks_before_writing(world):
    with pytest.raises(zadania.BrakDostepu):
        zadania.zadanie_zlec(rodzaj="eksport_kontakty", parametry={"edycja": world["edycja"].pk, "format": "csv"},
                             actor=world["personas"]["ros1"])
    koordynator = world["personas"]["koordynator"]
    job = zadania.zadanie_zlec(rodzaj="eksport_kontakty", parametry={"edycja": world["edycja"].pk, "format": "csv"},
                               actor=koordynator)
    world["edycja"].koordynatorzy.remove(koordynator)
    assert zadania.wykonaj(job.pk) == "brak_dostepu"


def test_an_unknown_export_is_404(world, client_as):
    url = reverse("raporty:eksport", args=[world["edycja"].pk, "nie-ma-takiego"])
    assert client_as("koordynator").get(url).status_code == 404
    assert client_as("koordynator").post(url, {"format": "csv"}).status_code == 404


# --- The page, jobs and stored files ------------------------------------------------------------------


def test_the_page_lists_every_export_with_csv_and_xlsx_buttons_and_a_get_starts_nothing(world, client_as):
    client = client_as("koordynator")
    page = client.get(reverse("raporty:eksporty", args=[world["edycja"].pk])).content.decode()
    for slug, eksport in EKSPORTY.items():
        assert str(eksport.tytul) in page
        assert f'action="{reverse("raporty:eksport", args=[world["edycja"].pk, slug])}"' in page
    assert page.count('value="csv"') == page.count('value="xlsx"') == len(EKSPORTY)
    response = client.get(reverse("raporty:eksport", args=[world["edycja"].pk, "godziny"]), {"format": "xlsx"})
    assert response.status_code == 200 and "Aktualnego pliku XLSX eksportu „Godziny doradztwa zdalnego wobec normy” nie ma" in (
        response.content.decode())
    assert not Zadanie.objects.exists()


@time_machine.travel(MARZEC_2023, tick=False)
def test_a_stored_file_is_offered_until_its_data_changes(world, dane, client_as, django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    eksportuj(client, world["edycja"], "kontakty", "csv", django_capture_on_commit_callbacks)
    url = reverse("raporty:eksport", args=[world["edycja"].pk, "kontakty"])
    page = client.get(reverse("raporty:eksporty", args=[world["edycja"].pk])).content.decode()
    assert f'{url}?format=csv"' in page and "Aktualny plik CSV jest gotowy (przygotowany 01.03.2023 12:00)" in page
    lider = world["personas"]["jst-a-lider"]
    lider.telefon = "600 100 200"  # a person's phone is part of the data the file came from
    lider.save(update_fields=["telefon"])
    assert not client.get(url, {"format": "csv"}).has_header("Content-Disposition")
    assert f'{url}?format=csv"' not in client.get(reverse("raporty:eksporty", args=[world["edycja"].pk])).content.decode()


def test_a_daily_export_is_made_again_the_next_day_and_a_plain_one_is_not(world, dane, client_as,
                                                                          django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    with time_machine.travel(MARZEC_2023, tick=False):
        eksportuj(client, world["edycja"], "dzialania-hdr", "csv", django_capture_on_commit_callbacks)
        eksportuj(client, world["edycja"], "wskazniki", "csv", django_capture_on_commit_callbacks)
    with time_machine.travel(MARZEC_2023 + datetime.timedelta(days=1), tick=False):
        client = client_as("koordynator")  # a new day, a new session
        dzialania = client.get(reverse("raporty:eksport", args=[world["edycja"].pk, "dzialania-hdr"]), {"format": "csv"})
        wskazniki = client.get(reverse("raporty:eksport", args=[world["edycja"].pk, "wskazniki"]), {"format": "csv"})
    assert not dzialania.has_header("Content-Disposition")  # "overdue" may have changed overnight
    assert wskazniki.has_header("Content-Disposition")


def test_a_running_job_of_mine_is_shown_with_its_progress_and_someone_elses_without_a_link(world, client_as):
    parametry = {"edycja": world["edycja"].pk, "format": "csv"}
    job = zadania.zadanie_zlec(rodzaj="eksport_udzialy", parametry=parametry, actor=world["personas"]["koordynator"])
    client = client_as("koordynator")
    page = client.get(reverse("raporty:eksporty", args=[world["edycja"].pk])).content.decode()
    assert reverse("zadania:zadanie", args=[job.pk]) in page
    url = reverse("raporty:eksport", args=[world["edycja"].pk, "udzialy"])
    assert client.get(url, {"format": "csv"})["Location"] == reverse("zadania:zadanie", args=[job.pk])
    page = client_as("admin").get(reverse("raporty:eksporty", args=[world["edycja"].pk])).content.decode()
    assert reverse("zadania:zadanie", args=[job.pk]) in page  # administrators see every job


# --- Flat memory and fixed queries -------------------------------------------------------------------


def test_the_csv_is_written_in_chunks_and_only_the_first_starts_with_the_bom():
    kolumny = [("Liczba", lambda n: n), ("Kwota", lambda n: Decimal(n) / 4)]
    porcje = list(csv_porcje(kolumny, iter(range(1200)), co=500))
    assert len(porcje) == 3
    assert porcje[0].startswith(b"\xef\xbb\xbfLiczba;Kwota\r\n0;0\r\n1;0,25\r\n")
    assert not any(p.startswith(b"\xef\xbb\xbf") for p in porcje[1:])
    assert sum(p.count(b"\r\n") for p in porcje) == 1201


@pytest.mark.parametrize("slug", SLUGI)
@time_machine.travel(MARZEC_2023, tick=False)
def test_each_export_runs_a_fixed_number_of_queries_whatever_the_number_of_rows(slug, world, dane):
    koordynator = world["personas"]["koordynator"]
    counts = []
    for dodac in (0, 6):
        wiecej_jst(world, dodac)
        job = zadania.zadanie_zlec(rodzaj=EKSPORTY[slug].rodzaj, parametry={"edycja": world["edycja"].pk,
                                                                            "format": "csv"}, actor=koordynator)
        with CaptureQueriesContext(connection) as queries:
            assert zadania.wykonaj(job.pk) == "gotowe"
        # Progress is written at most once per 10 % of the rows: bounded, but more steps with more rows.
        postep = [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "doradztwo_zadanie" SET "postep"')]
        assert len(postep) <= 11
        counts.append(len(queries) - len(postep))
    assert counts[0] == counts[1]


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_exports_page_runs_a_fixed_number_of_queries_whatever_the_data(world, dane, client_as,
                                                                           django_assert_num_queries,
                                                                           django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    url = reverse("raporty:eksporty", args=[world["edycja"].pk])
    eksportuj(client, world["edycja"], "udzialy", "csv", django_capture_on_commit_callbacks)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    n = len(small.captured_queries)  # read now: the connection's query log is a bounded deque
    wiecej_jst(world, 6)
    eksportuj(client, world["edycja"], "wizyty", "xlsx", django_capture_on_commit_callbacks)
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


@time_machine.travel(MARZEC_2023, tick=False)
def test_a_coordinator_using_english_pages_still_gets_the_polish_headers_and_values(
    world, dane, client_as, settings, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("raporty:eksporty", args=[world["edycja"].pk]))
    assert page.headers["Content-Language"] == "en"
    rows = wiersze_csv(eksportuj(client, world["edycja"], "udzialy", "csv", django_capture_on_commit_callbacks))
    with translation.override("pl"):  # the English pages left English active in this thread
        tytul = str(EKSPORTY["udzialy"].tytul)
    assert list(rows[0]) == naglowki_z_dokumentacji(tytul)
    assert (rows[0]["Zespół zatwierdzony"], rows[0]["Etap"]) == ("tak", "wdrażanie HDR")
