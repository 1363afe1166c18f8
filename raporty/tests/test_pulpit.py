"""Dashboards (issue 10): the edition's JST × milestone matrix and its panels, the adviser's and the
team's start pages. Milestones come from the artefacts; lateness from the edition's stage calendar."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

WARSZAWA = ZoneInfo("Europe/Warsaw")
# 1 March 2023: in the 2022/2023 edition, meeting 2 (and the HDR) were due by 23 February.
MARZEC_2023 = datetime.datetime(2023, 3, 1, 12, tzinfo=WARSZAWA)
MAX_ZAPYTAN = 15


# --- data builders ---------------------------------------------------------------------------------


def kalendarz(edycja):
    from doradztwo.kalendarz import DOMYSLNY_KALENDARZ, planowane_daty
    from doradztwo.models import EtapKalendarza

    EtapKalendarza.objects.bulk_create([
        EtapKalendarza(edycja=edycja, kod=kod, nazwa=str(nazwa), kolejnosc=i,
                       data_od=planowane_daty(edycja.data_od, edycja.data_do, start, koniec)[0],
                       data_do=planowane_daty(edycja.data_od, edycja.data_do, start, koniec)[1])
        for i, (kod, nazwa, start, koniec, _opis) in enumerate(DOMYSLNY_KALENDARZ, start=1)
    ])


def _obszar():
    from doradztwo.models import Obszar

    return Obszar.objects.get(kod="zarzadzanie")


def _dzialanie(wersja, autor, nazwa, do, **kwargs):
    from hdr.models import Dzialanie

    return Dzialanie.objects.create(wersja_hdr=wersja, nazwa=nazwa, od=datetime.date(2023, 2, 1), do=do,
                                    zmienil=autor, **kwargs)


def jst_a_caly_cykl(world):
    """JST A went through the whole cycle: every artefact done, the report accepted."""
    from diagnoza.models import Arkusz, DiagnozaPoglebiona, WersjaSzablonu, WyborObszaru, ZadanieDanych
    from hdr.models import Hdr, MonitoringDzialania, WersjaHdr
    from jst.models import Udzial, Wizyta
    from raporty.models import RaportKoncowy

    u, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    Udzial.objects.filter(pk=u.pk).update(etap="zakonczony", stan_zespolu="zatwierdzona")
    Arkusz.objects.create(udzial=u, wersja_szablonu=WersjaSzablonu.objects.first(), stan="zatwierdzona")
    WyborObszaru.objects.create(udzial=u, obszar=_obszar(), uzasadnienie="Najniższe wyniki.", kto=lider)
    ZadanieDanych.objects.create(udzial=u, stan="zatwierdzona")
    for typ, dzien in (("spotkanie_1", datetime.date(2022, 12, 12)), ("spotkanie_2", datetime.date(2023, 2, 6))):
        Wizyta.objects.create(udzial=u, typ=typ, od=dzien, do=dzien + datetime.timedelta(days=1), miejsce="Bolesławiec",
                              autor=world["personas"]["ros1"])
    DiagnozaPoglebiona.objects.create(udzial=u, stan="zatwierdzona")
    hdr = Hdr.objects.create(udzial=u, obszar=_obszar())
    wersja = WersjaHdr.objects.create(hdr=hdr, numer=1, stan="zatwierdzona", okres_od=datetime.date(2023, 2, 1),
                                      okres_do=datetime.date(2023, 6, 30), utworzyl=lider,
                                      zatwierdzona=datetime.datetime(2023, 2, 10, 10, tzinfo=WARSZAWA))
    for i in range(2):
        d = _dzialanie(wersja, lider, f"Procedura naboru {i}", datetime.date(2023, 2, 20))
        MonitoringDzialania.objects.create(hdr=hdr, klucz=d.klucz, status="zrealizowane", postep=100)
    RaportKoncowy.objects.create(udzial=u, forma="dobra_praktyka", stan="zatwierdzona")


def jst_b_w_polowie_hdr(world):
    """JST B stopped mid-HDR: meeting 2 held, the HDR still a draft after its deadline."""
    from diagnoza.models import Arkusz, DiagnozaPoglebiona, WersjaSzablonu, WyborObszaru, ZadanieDanych
    from hdr.models import Hdr, WersjaHdr
    from jst.models import Udzial, Wizyta

    u, lider = world["udzial_b"], world["personas"]["jst-b-lider"]
    Udzial.objects.filter(pk=u.pk).update(etap="spotkanie_2", stan_zespolu="zatwierdzona")
    Arkusz.objects.create(udzial=u, wersja_szablonu=WersjaSzablonu.objects.first(), stan="zatwierdzona")
    WyborObszaru.objects.create(udzial=u, obszar=_obszar(), uzasadnienie="Kadry.", kto=lider)
    ZadanieDanych.objects.create(udzial=u, stan="zlozona")
    for typ, dzien in (("spotkanie_1", datetime.date(2022, 12, 14)), ("spotkanie_2", datetime.date(2023, 2, 8))):
        Wizyta.objects.create(udzial=u, typ=typ, od=dzien, do=dzien + datetime.timedelta(days=1), miejsce="Dwikozy",
                              autor=world["personas"]["ros2"])
    DiagnozaPoglebiona.objects.create(udzial=u, stan="zatwierdzona")
    hdr = Hdr.objects.create(udzial=u, obszar=_obszar())
    WersjaHdr.objects.create(hdr=hdr, numer=1, stan="robocza", okres_od=datetime.date(2023, 3, 1),
                             okres_do=datetime.date(2023, 6, 30), utworzyl=lider)


_licznik = iter(range(10_000, 99_999))


def wiele_jst(edycja, n, *, ros, pro, autor, wojewodztwa=("mazowieckie", "lubelskie")):
    """`n` participations at every level of the cycle (level = i % 11), built with bulk_create: teams
    with leaders, assignments, the artefacts of each reached milestone, an HDR with actions, reports."""
    from diagnoza.models import Arkusz, DiagnozaPoglebiona, WersjaSzablonu, WyborObszaru, ZadanieDanych
    from doradztwo.models import Uzytkownik
    from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr
    from jst.models import JST, CzlonekZespolu, PrzydzialDoradcy, Udzial, Wizyta, ZmianaEtapu
    from raporty.models import RaportKoncowy

    etapy = list(Udzial.Etap.values)
    numery = [next(_licznik) for _ in range(n)]
    jsty = JST.objects.bulk_create([
        JST(teryt=f"7{k:05d}2", klucz=f"7{k:05d}", nazwa=f"Testowa {k}", wojewodztwo=wojewodztwa[k % len(wojewodztwa)],
            rodzaj=JST.Rodzaj.GMINA_WIEJSKA if k % 3 else JST.Rodzaj.POWIAT, powiat="testowy",
            stan_na=datetime.date(2024, 1, 1))
        for k in numery])
    poziomy = [i % 11 for i in range(n)]
    udzialy = Udzial.objects.bulk_create([
        Udzial(edycja=edycja, jst=j, etap=etapy[min(p, 11)], stan_zespolu="zatwierdzona" if p >= 1 else "robocza")
        for j, p in zip(jsty, poziomy, strict=True)])
    liderzy = Uzytkownik.objects.bulk_create([
        Uzytkownik(username=f"lider{k}@example.org", first_name="Lider", last_name=f"L{k}", password="!")
        for k in numery])
    CzlonekZespolu.objects.bulk_create([
        CzlonekZespolu(udzial=u, uzytkownik=lider, funkcja="naczelnik", rodzaj="pracownik_jst", lider=True)
        for u, lider in zip(udzialy, liderzy, strict=True)])
    PrzydzialDoradcy.objects.bulk_create(
        [PrzydzialDoradcy(udzial=u, doradca=ros, rola="ROS", od=edycja.data_od) for u in udzialy]
        + [PrzydzialDoradcy(udzial=u, doradca=pro, rola="PRO", od=edycja.data_od) for u in udzialy])
    ZmianaEtapu.objects.bulk_create([ZmianaEtapu(udzial=u, z_etapu="", na_etap=u.etap, kto=autor, powod="test")
                                     for u in udzialy])
    pary = list(zip(udzialy, poziomy, strict=True))
    wersja_szablonu = WersjaSzablonu.objects.first()
    Arkusz.objects.bulk_create([Arkusz(udzial=u, wersja_szablonu=wersja_szablonu,
                                       stan="zlozona" if p == 2 else "zatwierdzona") for u, p in pary if p >= 2])
    WyborObszaru.objects.bulk_create([WyborObszaru(udzial=u, obszar=_obszar(), uzasadnienie="test", kto=autor)
                                      for u, p in pary if p >= 3])
    ZadanieDanych.objects.bulk_create([ZadanieDanych(udzial=u, stan="zatwierdzona") for u, p in pary if p >= 4])
    Wizyta.objects.bulk_create(
        [Wizyta(udzial=u, typ="spotkanie_1", od=datetime.date(2022, 12, 1), do=datetime.date(2022, 12, 2),
                miejsce="urząd", autor=autor) for u, p in pary if p >= 5]
        + [Wizyta(udzial=u, typ="spotkanie_2", od=datetime.date(2023, 2, 1), do=datetime.date(2023, 2, 2),
                  miejsce="urząd", autor=autor) for u, p in pary if p >= 7])
    DiagnozaPoglebiona.objects.bulk_create([DiagnozaPoglebiona(udzial=u, stan="zatwierdzona")
                                            for u, p in pary if p >= 6])
    hdry = Hdr.objects.bulk_create([Hdr(udzial=u, obszar=_obszar()) for u, p in pary if p >= 7])
    wersje = WersjaHdr.objects.bulk_create([
        WersjaHdr(hdr=h, numer=1, stan="zatwierdzona" if h.udzial.etap != "spotkanie_2" else "zlozona",
                  okres_od=datetime.date(2023, 2, 1), okres_do=datetime.date(2023, 6, 30), utworzyl=autor)
        for h in hdry])
    dzialania = Dzialanie.objects.bulk_create([
        Dzialanie(wersja_hdr=w, nazwa=f"Działanie {i}", klucz=uuid.uuid4(), od=datetime.date(2023, 2, 1),
                  do=datetime.date(2023, 2, 15) if i == 0 else datetime.date(2023, 5, 15), zmienil=autor)
        for w in wersje if w.stan == "zatwierdzona" for i in range(2)])
    MonitoringDzialania.objects.bulk_create([
        MonitoringDzialania(hdr_id=d.wersja_hdr.hdr_id, klucz=d.klucz, status="w_trakcie", postep=40)
        for d in dzialania])
    RaportKoncowy.objects.bulk_create([RaportKoncowy(udzial=u, forma="studium_refleksji", stan="zlozona")
                                       for u, p in pary if p >= 10])
    return udzialy


@pytest.fixture
def edycja_2022(world):
    """The 2022/2023 edition with its calendar, JST A through the whole cycle and JST B mid-HDR."""
    kalendarz(world["edycja"])
    jst_a_caly_cykl(world)
    jst_b_w_polowie_hdr(world)
    return world["edycja"]


def _url(edycja, **query):
    from urllib.parse import urlencode

    base = reverse("raporty:pulpit_edycji", args=[edycja.pk])
    return f"{base}?{urlencode(query)}" if query else base


def _macierz(response) -> dict[str, object]:
    return {w.udzial.jst.nazwa_pelna: w for w in response.context["strona"].object_list}


def _tekst(wiersz, kod) -> str:
    k = wiersz.komorka(kod)
    return f"{k.tekst}{' · po terminie' if k.opozniony else ''}"


# --- the edition dashboard -------------------------------------------------------------------------


@time_machine.travel(MARZEC_2023, tick=False)
def test_koordynator_sees_the_2022_matrix_filters_to_one_voivodeship_and_drills_into_jst_b(client_as, world,
                                                                                           edycja_2022):
    client = client_as("koordynator")
    response = client.get(_url(edycja_2022))
    assert response.status_code == 200
    macierz = _macierz(response)
    a, b = macierz["Powiat bolesławiecki"], macierz["Gmina Dwikozy"]
    assert a.udzial.etap == "zakonczony" and b.udzial.etap == "spotkanie_2"
    assert [k.status for k in a.komorki] == ["gotowe"] * 10
    assert _tekst(a, "raport") == "przyjęty" and _tekst(a, "wdrazanie") == "100% · zrealizowane 2 z 2"
    assert _tekst(b, "dane") == "złożone, czeka na akceptację"
    assert _tekst(b, "hdr") == "w przygotowaniu · po terminie"
    html = response.content.decode()
    assert "Kamienie milowe JST" in html and "po terminie" in html and "przyjęty" in html

    filtered = client.get(_url(edycja_2022, wojewodztwo="świętokrzyskie"))
    assert list(_macierz(filtered)) == ["Gmina Dwikozy"]
    drill = reverse("jst:udzial", args=[world["udzial_b"].pk])
    assert f'href="{drill}"' in filtered.content.decode()
    assert "Gmina Dwikozy" in client.get(drill).content.decode()


def test_koordynator2_sees_only_the_current_edition(client_as, world):
    client = client_as("koordynator2")
    assert client.get(_url(world["edycja"])).status_code == 404
    assert client.get(reverse("raporty:pulpit_godziny", args=[world["edycja"].pk])).status_code == 404
    assert client.get(_url(world["edycja2"])).status_code == 200
    start = client.get("/").content.decode()
    assert _url(world["edycja2"]) in start and _url(world["edycja"]) not in start


def test_advisers_and_teams_may_not_open_an_edition_dashboard(client_as, world):
    assert client_as("ros1").get(_url(world["edycja"])).status_code == 403
    assert client_as("jst-a-lider").get(_url(world["edycja"])).status_code == 403


@time_machine.travel(MARZEC_2023, tick=False)
def test_a_stage_passed_without_its_artefact_counts_as_reached_and_a_missing_one_is_late(client_as, world):
    from jst.models import Udzial

    kalendarz(world["edycja"])
    Udzial.objects.filter(pk=world["udzial_a"].pk).update(etap="obszar_wybrany", stan_zespolu="zatwierdzona")
    a = _macierz(client_as("koordynator").get(_url(world["edycja"])))["Powiat bolesławiecki"]
    assert a.komorka("arkusz").status == "etap" and not a.komorka("arkusz").opozniony
    assert _tekst(a, "arkusz") == "osiągnięty (zmiana etapu)"
    assert _tekst(a, "dane") == "nie rozpoczęto · po terminie"
    assert _tekst(a, "spotkanie_1") == "nie zapisano · po terminie"
    assert _tekst(a, "wdrazanie") == "brak zatwierdzonego HDR"  # its stage has not ended on 1 March


@time_machine.travel(datetime.datetime(2023, 6, 5, 12, tzinfo=WARSZAWA), tick=False)
def test_implementation_counts_as_done_only_once_the_participation_moves_on_to_its_report(client_as, world):
    from jst.models import Udzial

    kalendarz(world["edycja"])
    Udzial.objects.filter(pk=world["udzial_a"].pk).update(etap="wdrazanie", stan_zespolu="zatwierdzona")
    Udzial.objects.filter(pk=world["udzial_b"].pk).update(etap="raport_zlozony", stan_zespolu="zatwierdzona")
    macierz = _macierz(client_as("koordynator").get(_url(world["edycja"])))
    a, b = macierz["Powiat bolesławiecki"], macierz["Gmina Dwikozy"]
    assert _tekst(a, "hdr") == "osiągnięty (zmiana etapu)"
    assert _tekst(a, "wdrazanie") == "trwa (zmiana etapu), brak HDR w systemie · po terminie"
    assert _tekst(b, "wdrazanie") == "osiągnięty (zmiana etapu)"
    assert _tekst(b, "raport") == "osiągnięty (zmiana etapu)"


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_overdue_list_names_who_is_responsible(client_as, world, edycja_2022):
    response = client_as("koordynator").get(_url(edycja_2022))
    zaleglosci = [(z.udzial.jst.nazwa, z.co, z.odpowiada) for z in response.context["zaleglosci"]]
    assert ("Dwikozy", "HDR zatwierdzony", "Żaneta Żółkiewska (lider zespołu)") in zaleglosci
    assert not any(nazwa == "bolesławiecki" for nazwa, *_ in zaleglosci)
    html = response.content.decode()
    assert "Kto odpowiada" in html and "Żaneta Żółkiewska (lider zespołu)" in html


@time_machine.travel(MARZEC_2023, tick=False)
def test_a_late_meeting_is_the_adviser_pairs_and_a_submitted_item_waits_for_the_coordinator(client_as, world):
    from jst.models import Udzial

    kalendarz(world["edycja"])
    Udzial.objects.filter(pk=world["udzial_b"].pk).update(etap="dane_zebrane", stan_zespolu="zatwierdzona")
    response = client_as("koordynator").get(_url(world["edycja"]))
    b = _macierz(response)["Gmina Dwikozy"]
    assert b.komorka("spotkanie_1").opozniony
    odpowiada = {z.co: z.odpowiada for z in response.context["zaleglosci"] if z.udzial.pk == world["udzial_b"].pk}
    assert odpowiada["Spotkanie nr 1"] == "ROS: Renata Rostek, PRO: Piotr Promiński"
    assert odpowiada["Spotkanie nr 2"] == "ROS: Renata Rostek, PRO: Piotr Promiński"
    assert odpowiada["Diagnoza pogłębiona"] == "Żaneta Żółkiewska (lider zespołu)"


@time_machine.travel(MARZEC_2023, tick=False)
def test_an_overdue_hdr_action_shows_in_the_implementation_cell_and_the_overdue_list_with_its_owner(client_as,
                                                                                                    world):
    from hdr.models import Hdr, WersjaHdr
    from jst.models import Udzial

    kalendarz(world["edycja"])
    u = world["udzial_a"]
    lider = world["personas"]["jst-a-lider"]
    Udzial.objects.filter(pk=u.pk).update(etap="wdrazanie", stan_zespolu="zatwierdzona")
    hdr = Hdr.objects.create(udzial=u, obszar=_obszar())
    wersja = WersjaHdr.objects.create(hdr=hdr, numer=1, stan="zatwierdzona", okres_od=datetime.date(2023, 2, 1),
                                      okres_do=datetime.date(2023, 6, 30), utworzyl=lider)
    _dzialanie(wersja, lider, "Regulamin naboru", datetime.date(2023, 2, 20), wlasciciel_nazwa="Jan Skarbnik")
    _dzialanie(wersja, lider, "Szkolenie dyrektorów", datetime.date(2023, 5, 20))
    response = client_as("koordynator").get(_url(world["edycja"]))
    a = _macierz(response)["Powiat bolesławiecki"]
    assert _tekst(a, "wdrazanie") == "0% · zrealizowane 0 z 2; 1 działanie opóźnione · po terminie"
    assert ("Działanie HDR: Regulamin naboru", "Jan Skarbnik", 9) in [
        (z.co, z.odpowiada, z.dni) for z in response.context["zaleglosci"]]
    assert "9 dni" in response.content.decode()


@time_machine.travel(MARZEC_2023, tick=False)
def test_late_only_shows_just_the_jsts_with_delays(client_as, world, edycja_2022):
    response = client_as("koordynator").get(_url(edycja_2022, opoznione="on"))
    assert list(_macierz(response)) == ["Gmina Dwikozy"]
    assert response.context["liczba_jst"] == 2  # the whole edition still counted


@time_machine.travel(MARZEC_2023, tick=False)
def test_filters_by_kind_stage_and_adviser(client_as, world, edycja_2022):
    client = client_as("koordynator")
    assert list(_macierz(client.get(_url(edycja_2022, rodzaj="powiat")))) == ["Powiat bolesławiecki"]
    assert list(_macierz(client.get(_url(edycja_2022, etap="spotkanie_2")))) == ["Gmina Dwikozy"]
    ros2 = world["doradcy"]["ros2"]
    assert list(_macierz(client.get(_url(edycja_2022, doradca=ros2.pk)))) == ["Gmina Dwikozy"]
    response = client.get(_url(edycja_2022, doradca="999999"))
    assert response.status_code == 200 and response.context["filtr"].errors


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_matrix_shows_50_jsts_a_page_and_counts_the_whole_edition(client_as, world, edycja_2022):
    wiele_jst(edycja_2022, 58, ros=world["doradcy"]["ros1"], pro=world["doradcy"]["pro1"],
              autor=world["personas"]["koordynator"])
    client = client_as("koordynator")
    first = client.get(_url(edycja_2022))
    assert len(first.context["strona"].object_list) == 50
    second = client.get(_url(edycja_2022, strona=2))
    assert len(second.context["strona"].object_list) == 10
    podsumowanie = {p["kamien"].kod: p for p in second.context["podsumowanie"]}
    rows = list(first.context["strona"].object_list) + list(second.context["strona"].object_list)
    assert len({w.udzial.pk for w in rows}) == 60
    reached = sum(1 for w in rows if w.komorka("obszar").osiagniety)
    assert podsumowanie["obszar"]["osiagniete"] == reached and reached > 10
    assert "JST 51–60 z 60 spełniających kryteria" in second.content.decode()


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_sql_milestone_flags_agree_with_the_cells_and_the_panels_with_a_full_computation(world, edycja_2022):
    """The dashboard counts the whole edition from SQL flags and builds full rows for one page only:
    both must tell the same story as building every row."""
    from hdr.models import MonitoringDzialania, WersjaHdr
    from jst.models import Udzial
    from raporty import pulpit, pulpit_flagi

    udzialy = wiele_jst(edycja_2022, 33, ros=world["doradcy"]["ros1"], pro=world["doradcy"]["pro1"],
                        autor=world["personas"]["koordynator"])
    # More variety: a cancelled action, and a newer approved version that replaces the one in force.
    w = WersjaHdr.objects.filter(hdr__udzial=udzialy[9], stan="zatwierdzona").first()
    d = w.dzialania.first()
    MonitoringDzialania.objects.filter(hdr=w.hdr, klucz=d.klucz).update(status="anulowane")
    w8 = WersjaHdr.objects.filter(hdr__udzial=udzialy[8], stan="zatwierdzona").first()
    WersjaHdr.objects.create(hdr=w8.hdr, numer=2, stan="zatwierdzona", okres_od=w8.okres_od, okres_do=w8.okres_do,
                             utworzyl=world["personas"]["koordynator"])
    dzis = datetime.date(2023, 3, 1)
    qs = Udzial.objects.filter(edycja=edycja_2022)
    wszystkie = list(pulpit.z_artefaktami(qs).prefetch_related(pulpit._aktualne_przydzialy()))
    pelne = {w.udzial.pk: w for w in pulpit.wiersze(wszystkie, dzis=dzis, historia=pulpit.daty_etapow(qs))}

    flagi = pulpit_flagi.flagi_edycji(edycja_2022, pulpit.KAMIENIE, dzis=dzis)
    assert sorted(f.pk for f in flagi) == sorted(pelne)
    for f in flagi:
        w = pelne[f.pk]
        assert list(f.osiagniete) == [k.osiagniety for k in w.komorki], w.udzial
        assert f.dzialania_opoznione == sum(1 for d in w.dzialania if d.opoznione)

    dane = pulpit.pulpit_edycji(edycja_2022, dzis=dzis)
    assert dane["z_opoznieniami"] == sum(1 for w in pelne.values() if w.opoznione) > 0
    for i, p in enumerate(dane["podsumowanie"]):
        assert p["osiagniete"] == sum(1 for w in pelne.values() if w.komorki[i].osiagniety)
        assert p["opoznione"] == sum(1 for w in pelne.values() if w.komorki[i].opozniony)
    pozycja = {f.pk: i for i, f in enumerate(flagi)}
    oczekiwane = sorted((z for w in pelne.values() for z in w.zaleglosci),
                        key=lambda z: (z.termin, pozycja[z.udzial.pk], z.co))
    assert dane["liczba_zaleglosci"] == len(oczekiwane) > 30
    assert [(z.udzial.pk, z.co, z.termin, z.odpowiada, z.link) for z in dane["zaleglosci"]] == [
        (z.udzial.pk, z.co, z.termin, z.odpowiada, z.link) for z in oczekiwane[:30]]
    assert dane["dzialania"]["opoznione"] == sum(1 for w in pelne.values() for d in w.dzialania if d.opoznione)
    assert dane["dzialania"]["razem"] == sum(len(w.dzialania) for w in pelne.values())
    # The page's rows are the full rows of the first 50 JSTs in the matrix's order.
    strona = dane["strona"].object_list
    assert [w.udzial.pk for w in strona] == [f.pk for f in flagi[:len(strona)]]
    assert [[k.tekst for k in w.komorki] for w in strona] == [[k.tekst for k in pelne[w.udzial.pk].komorki]
                                                               for w in strona]


@time_machine.travel(MARZEC_2023, tick=False)
def test_late_only_pages_keep_the_filters_in_their_links(client_as, world, edycja_2022):
    wiele_jst(edycja_2022, 120, ros=world["doradcy"]["ros1"], pro=world["doradcy"]["pro1"],
              autor=world["personas"]["koordynator"])
    client = client_as("koordynator")
    first = client.get(_url(edycja_2022, opoznione="on", wojewodztwo="mazowieckie"))
    assert first.context["strona"].paginator.count > 50
    assert all(w.opoznione for w in first.context["strona"].object_list)
    html = first.content.decode()
    assert 'href="?opoznione=on&amp;wojewodztwo=mazowieckie&amp;strona=2"' in html
    assert 'aria-current="page"' in html
    second = client.get(_url(edycja_2022, opoznione="on", wojewodztwo="mazowieckie", strona=2))
    assert {w.udzial.pk for w in second.context["strona"].object_list}.isdisjoint(
        w.udzial.pk for w in first.context["strona"].object_list)


@time_machine.travel(MARZEC_2023, tick=False)
def test_charts_have_their_tables_funnel_areas_and_hdr_actions(client_as, world, edycja_2022):
    response = client_as("koordynator").get(_url(edycja_2022))
    assert response.context["lejek"].tabela[0] == ["Zgłoszony", "2"]
    assert response.context["lejek"].tabela[-1] == ["Zakończony", "1"]
    assert response.context["obszary"].tabela == [[str(_obszar()), "2"]]
    assert response.context["dzialania"] == {"razem": 2, "opoznione": 0, "zrealizowane": 2}
    html = response.content.decode()
    assert html.count("Dane wykresu w tabeli") == 3 and 'role="img"' in html


def test_an_edition_without_jsts_has_a_dashboard_that_says_so(client_as, world):
    html = client_as("koordynator2").get(_url(world["edycja2"], wojewodztwo="lubuskie")).content.decode()
    assert "Żadna JST nie spełnia kryteriów." in html
    from jst.models import Udzial

    Udzial.objects.filter(edycja=world["edycja2"]).delete()
    assert "W tej edycji nie ma jeszcze JST." in client_as("koordynator2").get(_url(world["edycja2"])).content.decode()


def _zapytania(client, url, **headers) -> int:
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(MARZEC_2023, tick=False)
@pytest.mark.parametrize("query", [{}, {"wojewodztwo": "mazowieckie", "doradca": "ROS1", "opoznione": "on"}])
def test_the_edition_dashboard_runs_the_same_queries_at_20_and_200_jsts(client_as, world, edycja_2022,
                                                                         django_assert_num_queries, query):
    ros1, pro1 = world["doradcy"]["ros1"], world["doradcy"]["pro1"]
    query = {k: (ros1.pk if v == "ROS1" else v) for k, v in query.items()}
    autor = world["personas"]["koordynator"]
    wiele_jst(edycja_2022, 18, ros=ros1, pro=pro1, autor=autor)
    client = client_as("koordynator")
    url = _url(edycja_2022, **query)
    at_20 = _zapytania(client, url)
    assert at_20 <= MAX_ZAPYTAN
    wiele_jst(edycja_2022, 180, ros=ros1, pro=pro1, autor=autor)
    cache.clear()
    with django_assert_num_queries(at_20):
        response = client.get(url)
    assert response.context["liczba_jst"] == 200


@time_machine.travel(MARZEC_2023, tick=False)
@pytest.mark.parametrize("name", ["raporty:pulpit_godziny", "raporty:pulpit_liczby"])
def test_each_panel_fragment_runs_the_same_queries_at_20_and_200_jsts(client_as, world, edycja_2022,
                                                                      django_assert_num_queries, name):
    from jst.models import WpisZdalny

    ros1, pro1 = world["doradcy"]["ros1"], world["doradcy"]["pro1"]
    autor = world["personas"]["koordynator"]

    def z_godzinami(n):
        udzialy = wiele_jst(edycja_2022, n, ros=ros1, pro=pro1, autor=autor)
        WpisZdalny.objects.bulk_create([
            WpisZdalny(doradca=ros1, udzial=u, data=datetime.date(2023, 1, 10), poczatek=datetime.time(9),
                       minuty=90, forma="telefon", temat="Wsparcie") for u in udzialy])

    z_godzinami(18)
    client = client_as("koordynator")
    url = reverse(name, args=[edycja_2022.pk])
    at_20 = _zapytania(client, url, HTTP_HX_REQUEST="true")
    assert at_20 <= MAX_ZAPYTAN
    z_godzinami(180)
    cache.clear()
    with django_assert_num_queries(at_20):
        client.get(url, HTTP_HX_REQUEST="true")


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_hours_panel_is_a_fragment_for_htmx_and_a_page_otherwise_with_balance_per_pair(client_as, world,
                                                                                            edycja_2022):
    from jst.models import WpisZdalny

    WpisZdalny.objects.create(doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"],
                              data=datetime.date(2022, 11, 10), poczatek=datetime.time(9), minuty=90,
                              forma="telefon", temat="Arkusz")
    client = client_as("koordynator")
    url = reverse("raporty:pulpit_godziny", args=[edycja_2022.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "<h1" not in fragment
    page = client.get(url).content.decode()
    assert "<h1>Godziny doradztwa zdalnego wobec normy</h1>" in page
    # Norm 1 h × 6 months (Oct–Mar) for ros1 × JST A; 1,5 h logged: balance −4,5 h.
    assert "1,5 h" in fragment and "−4,5 h" in fragment and "Roman Rosiński (ROS)" in fragment


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_hours_panel_summarises_this_month_and_lists_the_advisers_and_pairs_most_behind(client_as, world,
                                                                                            edycja_2022):
    from jst.models import WpisZdalny

    WpisZdalny.objects.create(doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"],
                              data=datetime.date(2023, 3, 1), poczatek=datetime.time(9), minuty=90,
                              forma="telefon", temat="Plan")
    response = client_as("koordynator").get(reverse("raporty:pulpit_godziny", args=[edycja_2022.pk]),
                                            HTTP_HX_REQUEST="true")
    c = response.context
    # Four pairs, all assigned in March 2023 (norm 1 h); only ros1 × JST A logged anything this month.
    assert (c["liczba_par"], c["par_w_miesiacu"], c["ponizej_w_miesiacu"]) == (4, 4, 3)
    assert (c["doradcow_ponizej_w_miesiacu"], c["jst_ponizej_w_miesiacu"]) == (3, 2)
    assert [str(d.doradca) for d in c["doradcy"]][-1] == "Roman Rosiński"  # the least behind comes last
    assert [p.saldo_h for p in c["pary"]] == ["−6,0 h", "−6,0 h", "−6,0 h", "−4,5 h"]
    html = response.content.decode()
    assert "W miesiącu marzec 2023" in html and "par doradca × JST — 3 z 4; doradców — 3; JST — 2." in html
    assert "Doradcy z największym niedoborem godzin" in html and '<th scope="row"' in html


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_counts_panel_shows_jsts_by_kind_and_voivodeship_people_hours_visit_days_and_reports(client_as, world,
                                                                                                  edycja_2022):
    from jst.models import WpisZdalny

    WpisZdalny.objects.create(doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"],
                              data=datetime.date(2022, 11, 10), poczatek=datetime.time(9), minuty=150,
                              forma="telefon", temat="Arkusz")
    response = client_as("koordynator").get(reverse("raporty:pulpit_liczby", args=[edycja_2022.pk]),
                                            HTTP_HX_REQUEST="true")
    c = response.context
    assert c["rodzaje"] == [("gmina wiejska", 1), ("powiat", 1)]
    assert c["wojewodztwa"] == [("dolnośląskie", 1), ("świętokrzyskie", 1)]
    assert dict(c["osoby"])["dyrektor szkoły lub placówki"] == 2 and c["liderzy"] == 2 and c["razem_osob"] == 5
    assert dict(c["doradcy"]) == {"doradcy ROS": 2, "doradcy PRO": 2}
    assert c["godziny_zdalne"] == "2,5 h"
    assert c["wizyty"] == 4 and c["dni_wizyt"] == 8
    assert {r["forma"]: (r["razem"], r["przyjete"]) for r in c["raporty"]}["opis dobrej praktyki"] == (1, 1)


# --- the adviser's start page ----------------------------------------------------------------------


def _komentarz(udzial, autor, tresc, *, prywatny=False, watek=None):
    from doradztwo.models import Komentarz

    return Komentarz.objects.create(typ_obiektu=ContentType.objects.get_for_model(udzial), id_obiektu=str(udzial.pk),
                                    udzial=udzial, autor=autor, tresc=tresc, prywatny=prywatny, watek=watek)


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_adviser_sees_what_waits_for_them(client_as, world, edycja_2022):
    from jst.models import KartaCzasuPracy, Udzial, Wizyta

    p = world["personas"]
    ros2 = world["doradcy"]["ros2"]
    # A team's question waits; a thread ros2 answered last does not.
    _komentarz(world["udzial_b"], p["jst-b-lider"], "Jak liczyć wskaźnik?")
    answered = _komentarz(world["udzial_b"], p["jst-b-czlonek"], "Czy spotkanie w piątek?")
    _komentarz(world["udzial_b"], p["ros2"], "Tak, o 10.", watek=answered)
    # Meeting 1 is not recorded although its stage has begun (JST B is at the data task).
    Udzial.objects.filter(pk=world["udzial_b"].pk).update(etap="dane_zebrane")
    Wizyta.objects.filter(udzial=world["udzial_b"]).delete()
    # Timesheets: October–December approved, January returned, February never submitted.
    for miesiac, stan in ((10, "zatwierdzona"), (11, "zatwierdzona"), (12, "zatwierdzona")):
        KartaCzasuPracy.objects.create(doradca=ros2, edycja=edycja_2022, miesiac=datetime.date(2022, miesiac, 1),
                                       stan=stan)
    KartaCzasuPracy.objects.create(doradca=ros2, edycja=edycja_2022, miesiac=datetime.date(2023, 1, 1), stan="zwrocona")

    response = client_as("ros2").get("/")
    dane = response.context["doradca"]
    (b,) = dane["udzialy"]
    assert b.watki_do_odpowiedzi == 1
    assert b.brakuje_godzin == "1,0 h"  # March: norm 1 h, nothing logged
    assert [str(t) for t in b.wizyty_do_zapisania] == ["spotkanie w JST nr 1", "spotkanie w JST nr 2"]
    assert [(k["nazwa"], k["zwrocona"]) for k in dane["karty_do_zlozenia"]] == [("styczeń 2023", True),
                                                                               ("luty 2023", False)]
    html = response.content.decode()
    assert "1 wątek komentarzy czeka na odpowiedź" in html
    assert "w tym miesiącu brakuje 1,0 h doradztwa zdalnego" in html
    assert "zapisz wizytę: spotkanie w JST nr 1" in html
    assert reverse("jst:moja_karta", args=[edycja_2022.pk, datetime.date(2023, 2, 1)]) in html
    assert "Gmina Dwikozy" in html and "Powiat bolesławiecki" not in html


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_adviser_start_page_stays_within_15_queries_at_any_number_of_jsts(client_as, world, edycja_2022,
                                                                              django_assert_num_queries):
    ros1, pro1 = world["doradcy"]["ros1"], world["doradcy"]["pro1"]
    autor = world["personas"]["koordynator"]
    udzialy = wiele_jst(edycja_2022, 9, ros=ros1, pro=pro1, autor=autor)
    _komentarz(udzialy[0], autor, "Pytanie koordynatora")
    client = client_as("ros1")
    at_10 = _zapytania(client, "/")
    assert at_10 <= MAX_ZAPYTAN
    for u in wiele_jst(edycja_2022, 90, ros=ros1, pro=pro1, autor=autor)[:20]:
        _komentarz(u, autor, "Pytanie koordynatora")
    cache.clear()
    with django_assert_num_queries(at_10):
        response = client.get("/")
    assert len(response.context["doradca"]["udzialy"]) == 100


# --- the team's start page -------------------------------------------------------------------------


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_team_sees_next_steps_deadlines_what_is_late_and_public_comments_only(client_as, world, edycja_2022):
    p = world["personas"]
    _komentarz(world["udzial_b"], p["ros2"], "Prosimy o harmonogram do piątku.")
    _komentarz(world["udzial_b"], p["ros2"], "Notatka: zespół potrzebuje wsparcia w HDR.", prywatny=True)
    response = client_as("jst-b-czlonek").get("/")
    (w,) = response.context["zespol"]
    assert [k.kamien.kod for k in w.nastepne] == ["hdr", "wdrazanie"]
    assert [z.co for z in w.zaleglosci] == ["HDR zatwierdzony"]
    assert [t["co"] for t in w.terminy] == ["Wdrażanie HDR", "Raport końcowy"]
    html = response.content.decode()
    assert "Następne kroki" in html and "Co jest po terminie" in html and "Najbliższe terminy" in html
    assert "Prosimy o harmonogram do piątku." in html
    assert "Notatka: zespół potrzebuje wsparcia" not in html


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_team_sees_upcoming_deadlines_of_the_calendar_and_hdr_actions(client_as, world, edycja_2022):
    from hdr.models import WersjaHdr

    wersja = WersjaHdr.objects.get(hdr__udzial=world["udzial_a"])
    _dzialanie(wersja, world["personas"]["jst-a-lider"], "Konsultacje z dyrektorami", datetime.date(2023, 3, 20))
    (w,) = client_as("jst-a-lider").get("/").context["zespol"]
    assert {"co": "Działanie HDR: Konsultacje z dyrektorami", "termin": datetime.date(2023, 3, 20)} in w.terminy


@time_machine.travel(MARZEC_2023, tick=False)
def test_the_team_start_page_stays_within_15_queries_in_several_teams(client_as, world, edycja_2022,
                                                                      django_assert_num_queries):
    from jst.tests.factories import CzlonekZespoluFactory, UdzialFactory

    lider = world["personas"]["jst-a-lider"]
    _komentarz(world["udzial_a"], world["personas"]["ros1"], "Gratulacje!")
    client = client_as("jst-a-lider")
    at_1 = _zapytania(client, "/")
    assert at_1 <= MAX_ZAPYTAN
    for _ in range(3):  # the same person in teams of other editions' JSTs, each with a calendar and a comment
        udzial = UdzialFactory()
        kalendarz(udzial.edycja)
        CzlonekZespoluFactory(udzial=udzial, uzytkownik=lider)
        _komentarz(udzial, world["personas"]["koordynator"], "Witamy")
    cache.clear()
    with django_assert_num_queries(at_1):
        response = client.get("/")
    assert len(response.context["zespol"]) == 4
