"""The coordinator's overview of the data-collection task in an edition: one row per participation
(state in words, the two resource areas with their variant, indicators with values, tables, the date of
submission, a link to the task), a filter by state, per indicator the JSTs that chose it and reported,
and a fixed number of queries whatever the number of participations."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnoza import services_zadanie as services
from diagnoza.models import ObszarZadania, TabelaDanych, WartoscWskaznika, Wskaznik, WyborObszaru, ZadanieDanych
from diagnoza.przeglad_zadan import udzialy_przegladu
from doradztwo.models import Obszar, ZmianaStanu
from jst.models import Udzial
from jst.tests.factories import JSTFactory, UdzialFactory

pytestmark = pytest.mark.django_db


def _url(edycja, **query):
    url = reverse("diagnoza:przeglad_zadan", args=[edycja.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _wskaznik(kod):
    return Wskaznik.objects.prefetch_related("dane").get(kod=kod)


@pytest.fixture
def zlozone_a(world):
    """JST A's complete task, submitted by the leader: finances with two indicators (both with values),
    infrastructure with one data table."""
    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    WyborObszaru.objects.create(udzial=udzial, obszar=Obszar.objects.get(kod="budzet"), kto=lider,
                                uzasadnienie="Budżet oświaty to nasz najważniejszy problem.")
    zadanie = services.zadanie_zaloz(udzial=udzial, actor=lider)
    finanse = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
    infra = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=lider)
    ws = [_wskaznik("subw_uczen"), _wskaznik("wyd_biez_uczen")]
    services.wskazniki_wybierz(obszar=finanse, wskazniki=ws, wersja=finanse.wersja, actor=lider)
    for w in ws:
        services.wartosc_zapisz(zadanie=zadanie, wskaznik=w, okres="2022",
                                dane={d.nazwa: "10" for d in w.dane.all()}, actor=lider)
    services.tabela_zapisz(obszar=infra, actor=lider, dane={"tytul": "Budynki", "kolumny": "Szkoła\nRok budowy",
                                                            "wiersze": "SP 1; 1968", "zrodlo": "ewidencja"})
    for o in (finanse, infra):
        o.refresh_from_db()
        services.wnioski_zapisz(obszar=o, interpretacja="Interpretacja.", wnioski="Wnioski.", wersja=o.wersja,
                                actor=lider)
    return services.zadanie_zmien_stan(zadanie=zadanie, akcja="zloz", actor=lider)


def test_each_participation_has_a_row_with_state_areas_progress_submission_and_a_link(world, client_as, zlozone_a):
    response = client_as("koordynator").get(_url(world["edycja"]))
    assert response.status_code == 200
    wiersze = {r.udzial.jst.teryt: r for r in response.context["wiersze"]}
    assert set(wiersze) == {"0201", "2609022"}  # the other edition's participation is not listed
    a, b = wiersze["0201"], wiersze["2609022"]
    assert a.stan_etykieta == "złożona do akceptacji" and b.stan_etykieta == "nie rozpoczęte"
    assert [(o.obszar_zasobow, o.wariant) for o in a.obszary] == [(2, 1), (4, 2)]
    assert (a.wskazniki_z_danymi, a.wskazniki_wybrane, a.tabele) == (2, 2, 1)
    assert a.zlozone.date() == timezone.localdate() and b.zlozone is None and b.obszary == []
    html = response.content.decode()
    assert reverse("diagnoza:zadanie", args=[world["udzial_a"].pk]) in html
    assert reverse("diagnoza:zadanie", args=[world["udzial_b"].pk]) in html
    assert "Infrastruktura" in html and "wariant 2 — wskaźniki" in html and "2 z 2" in html
    assert timezone.localdate().strftime("%d.%m.%Y") in html


def test_an_indicator_without_values_is_not_counted_as_reported(world, client_as, zlozone_a):
    services.zadanie_zmien_stan(zadanie=zlozone_a, akcja="zwroc", powod="uzupełnijcie dane",
                                actor=world["personas"]["koordynator"])
    WartoscWskaznika.objects.filter(udzial=world["udzial_a"], wskaznik__kod="subw_uczen").delete()
    response = client_as("koordynator").get(_url(world["edycja"]))
    (a,) = [r for r in response.context["wiersze"] if r.udzial.pk == world["udzial_a"].pk]
    assert (a.wskazniki_z_danymi, a.wskazniki_wybrane) == (1, 2)
    assert a.stan_etykieta == "zwrócona do poprawy" and a.zlozone is not None  # the last submission stays
    assert "1 z 2" in response.content.decode()


def test_rows_are_sorted_by_jst_name(world, client_as):
    for teryt, nazwa in (("0261011", "Cedynia"), ("0262011", "Adamów"), ("0263011", "Bełchatów")):
        UdzialFactory(edycja=world["edycja"], jst=JSTFactory(teryt=teryt, klucz=teryt[:6], nazwa=nazwa))
    response = client_as("admin").get(_url(world["edycja"]))
    nazwy = [r.udzial.jst.nazwa for r in response.context["wiersze"]]
    assert [n for n in nazwy if n in ("Adamów", "Bełchatów", "Cedynia")] == ["Adamów", "Bełchatów", "Cedynia"]


@pytest.mark.parametrize(("stan", "widoczne"), [
    ("zlozona", {"0201"}), ("brak", {"2609022"}), ("robocza", set()), ("", {"0201", "2609022"})])
def test_the_state_filter_keeps_only_matching_participations(world, client_as, zlozone_a, stan, widoczne):
    response = client_as("koordynator").get(_url(world["edycja"], stan=stan))
    assert {r.udzial.jst.teryt for r in response.context["wiersze"]} == widoczne


def test_an_unknown_state_in_the_filter_is_explained_next_to_the_select_and_shows_everything(world, client_as):
    response = client_as("koordynator").get(_url(world["edycja"], stan="xyz"))
    html = response.content.decode()
    assert response.status_code == 200 and "Wybierz poprawną wartość" in html and 'id="id_stan"' in html
    assert len(response.context["wiersze"]) == 2


def test_per_indicator_the_edition_counts_jsts_that_chose_it_and_reported_by_kind(world, client_as, zlozone_a):
    # Two more JSTs with values of subw_uczen (a gmina and a powiat), and one of another edition.
    for teryt, rodzaj, edycja in (("0202", "powiat", world["edycja"]), ("0203011", "gmina_wiejska", world["edycja"]),
                                  ("0204", "powiat", world["edycja2"])):
        udzial = Udzial.objects.create(edycja=edycja, jst=JSTFactory(teryt=teryt, klucz=teryt[:6], rodzaj=rodzaj))
        WartoscWskaznika.objects.create(udzial=udzial, wskaznik=_wskaznik("subw_uczen"), okres="2021", rok=2021,
                                        dane={"subwencja": "1", "uczniowie": "1"}, wynik=1,
                                        autor=world["personas"]["admin"])
    response = client_as("koordynator").get(_url(world["edycja"]))
    wiersze = {r.wskaznik.kod: r for r in response.context["wskazniki"]}
    subw, wyd, doplata = wiersze["subw_uczen"], wiersze["wyd_biez_uczen"], wiersze["doplata_uczen"]
    assert (subw.wybrane, subw.zglaszajace, subw.po_rodzaju) == (1, 3, [("powiat", 2), ("gmina wiejska", 1)])
    assert (wyd.wybrane, wyd.zglaszajace) == (1, 1)
    assert (doplata.wybrane, doplata.zglaszajace, doplata.po_rodzaju) == (0, 0, [])
    assert len(wiersze) == Wskaznik.objects.filter(aktywny=True).count()  # the whole active catalogue
    assert "powiat: 2; gmina wiejska: 1" in response.content.decode()


def _uczestnicy_z_zadaniami(world, n):
    """n participations of the edition, each with a task: two areas (indicators with a value, a table)
    and a submission, so that every part of a row has something to load."""
    edycja, autor = world["edycja"], world["personas"]["jst-a-lider"]
    ws = [_wskaznik("subw_uczen"), _wskaznik("wyd_biez_uczen")]
    typ = ContentType.objects.get_for_model(ZadanieDanych)
    for _ in range(n):
        udzial = UdzialFactory(edycja=edycja)
        zadanie = ZadanieDanych.objects.create(udzial=udzial, stan="zlozona", zlozone_raz=True)
        finanse = ObszarZadania.objects.create(zadanie=zadanie, obszar_zasobow=4, wariant=2)
        finanse.wskazniki.set(ws)
        infra = ObszarZadania.objects.create(zadanie=zadanie, obszar_zasobow=2, wariant=1)
        TabelaDanych.objects.create(obszar=infra, tytul="T", kolumny=[{"nazwa": "a", "jednostka": ""}],
                                    wiersze=[["1"]], zrodlo="x", zmienil=autor)
        WartoscWskaznika.objects.create(udzial=udzial, wskaznik=ws[0], okres="2022", rok=2022,
                                        dane={"subwencja": "1", "uczniowie": "1"}, wynik=1, autor=autor)
        ZmianaStanu.objects.create(typ_obiektu=typ, id_obiektu=str(zadanie.pk), pole="stan", z_stanu="robocza",
                                   na_stan="zlozona", akcja="zloz", kto=autor)


def test_the_overview_runs_a_fixed_number_of_queries_at_10_and_100_participations(world, client_as,
                                                                                  django_assert_num_queries):
    client = client_as("koordynator")
    url = _url(world["edycja"], stan="zlozona")
    _uczestnicy_z_zadaniami(world, 10)
    client.get(url)  # warm-up: session and caches
    with CaptureQueriesContext(connection) as at_10:
        response = client.get(url)
    assert len(response.context["wiersze"]) == 10
    _uczestnicy_z_zadaniami(world, 90)
    with django_assert_num_queries(len(at_10.captured_queries)):
        response = client.get(url)
    rows = response.context["wiersze"]
    # One page of 50 rows out of 100; every part of each shown row is loaded.
    assert response.context["strona"].paginator.count == 100 and len(rows) == 50
    assert all((r.wskazniki_z_danymi, r.wskazniki_wybrane, r.tabele) == (1, 2, 1) for r in rows)
    assert all(isinstance(r.zlozone, datetime.datetime) for r in rows)
    with django_assert_num_queries(len(at_10.captured_queries)):
        assert len(client.get(url + "&strona=2").context["wiersze"]) == 50


def test_the_overview_shows_50_jsts_a_page_in_name_order_and_the_page_links_keep_the_filter(world, client_as,
                                                                                            zlozone_a):
    _uczestnicy_z_zadaniami(world, 60)  # 61 submitted tasks with JST A, and JST B not started
    client = client_as("koordynator")
    kolejnosc = [u.pk for u in udzialy_przegladu(world["edycja"], stan="zlozona")]
    first = client.get(_url(world["edycja"], stan="zlozona"))
    assert [r.udzial.pk for r in first.context["wiersze"]] == kolejnosc[:50]
    html = first.content.decode()
    assert "?stan=zlozona&amp;strona=2" in html and 'aria-current="page"' in html and "Strona 1 z 2" in html
    assert "JST 1–50 z 61" in html
    second = client.get(_url(world["edycja"], stan="zlozona", strona=2))
    assert [r.udzial.pk for r in second.context["wiersze"]] == kolejnosc[50:]
    assert all(r.stan_etykieta == "złożona do akceptacji" for r in second.context["wiersze"])
    assert "?stan=zlozona&amp;strona=1" in second.content.decode()
    # The indicator summary covers the whole edition on every page.
    wiersze = {r.wskaznik.kod: r for r in second.context["wskazniki"]}
    assert (wiersze["subw_uczen"].wybrane, wiersze["subw_uczen"].zglaszajace) == (61, 61)
    # A page past the end shows the last one; without the filter both participations' pages count 62.
    assert client.get(_url(world["edycja"], stan="zlozona", strona=9)).context["strona"].number == 2
    assert client.get(_url(world["edycja"])).context["strona"].paginator.count == 62

