"""The monthly norm grid and the running balance (issue 8)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jst.models import JST, PrzydzialDoradcy, Udzial, WpisZdalny
from jst.normy import (
    Status,
    godziny,
    kolumny_edycji,
    miesiace,
    siatka_doradcy,
    siatka_edycji,
    status_dla,
    strona_siatki_edycji,
    tabela,
)

D = datetime.date
GRUDZIEN_2022 = datetime.datetime(2022, 12, 15, 12, tzinfo=datetime.UTC)


def _log(world, persona, data, minuty, udzial=None, poczatek=datetime.time(10)):
    return WpisZdalny.objects.create(doradca=world["doradcy"][persona], udzial=udzial or world["udzial_a"],
                                     data=data, poczatek=poczatek, minuty=minuty, forma="telefon", temat="t")


def _para(pary, udzial, doradca):
    return next(p for p in pary if p.udzial.pk == udzial.pk and p.doradca.pk == doradca.pk)


def test_status_is_met_partial_or_missing():
    assert status_dla(Decimal("1.5"), Decimal("1")) is Status.SPELNIONA
    assert status_dla(Decimal("1"), Decimal("1")) is Status.SPELNIONA
    assert status_dla(Decimal("0.25"), Decimal("1")) is Status.CZESCIOWO
    assert status_dla(Decimal("0"), Decimal("1")) is Status.BRAK


def test_hours_are_written_the_polish_way():
    assert godziny(Decimal("1.5")) == "1,5 h"
    assert godziny(Decimal("0.25")) == "0,25 h"
    assert godziny(Decimal("-1")) == "−1,0 h"


def test_months_include_partial_ones_at_both_ends():
    assert miesiace(D(2022, 10, 31), D(2022, 12, 1)) == [D(2022, 10, 1), D(2022, 11, 1), D(2022, 12, 1)]
    assert miesiace(D(2022, 12, 2), D(2022, 12, 1)) == []


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_october_half_november_one_and_a_half_december_nothing_gives_minus_one_hour(world):
    _log(world, "ros1", D(2022, 10, 20), 30)
    _log(world, "ros1", D(2022, 11, 3), 60)
    _log(world, "ros1", D(2022, 11, 17), 30)
    para = _para(siatka_doradcy(world["doradcy"]["ros1"]), world["udzial_a"], world["doradcy"]["ros1"])
    assert [m.miesiac for m in para.miesiace] == [D(2022, 10, 1), D(2022, 11, 1), D(2022, 12, 1)]  # no future
    assert [m.zalogowano for m in para.miesiace] == [Decimal("0.5"), Decimal("1.5"), Decimal("0")]
    assert [m.status for m in para.miesiace] == [Status.CZESCIOWO, Status.SPELNIONA, Status.BRAK]
    assert [m.saldo for m in para.miesiace] == [Decimal("-0.5"), Decimal("0"), Decimal("-1")]
    assert para.saldo == Decimal("-1.0")
    assert para.saldo_h == "−1,0 h"


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_the_adviser_sees_the_balance_and_statuses_in_words_on_their_grid(world, client_as):
    _log(world, "ros1", D(2022, 10, 20), 30)
    _log(world, "ros1", D(2022, 11, 3), 90)
    html = client_as("ros1").get(reverse("jst:moje_godziny")).content.decode()
    for text in ("paź 2022", "lis 2022", "gru 2022", "0,5 h / 1,0 h", "częściowo", "spełniona", "brak", "−1,0 h"):
        assert text in html, text
    assert "sty 2023" not in html


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_a_month_with_one_day_of_assignment_counts_in_full_and_ends_with_the_assignment(world):
    doradca = world["doradcy"]["ros1"]
    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], doradca=doradca).update(
        od=D(2022, 10, 31), do=D(2022, 11, 1))
    para = _para(siatka_doradcy(doradca), world["udzial_a"], doradca)
    assert [(m.miesiac, m.norma) for m in para.miesiace] == [(D(2022, 10, 1), Decimal("1.0")),
                                                              (D(2022, 11, 1), Decimal("1.0"))]


def test_an_open_assignment_of_a_past_edition_stops_at_the_editions_end(world):
    para = _para(siatka_edycji(world["edycja"]), world["udzial_b"], world["doradcy"]["pro2"])
    assert para.miesiace[0].miesiac == D(2022, 10, 1)
    assert para.miesiace[-1].miesiac == D(2023, 5, 1)
    assert para.norma == Decimal("8.0")


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_the_coordinators_grid_lists_every_pair_and_filters_by_adviser_jst_and_status(world, client_as):
    _log(world, "ros1", D(2022, 10, 20), 240)  # 4 h against 3 h so far: met overall
    client = client_as("koordynator")
    url = reverse("jst:godziny_edycji", args=[world["edycja"].pk])
    response = client.get(url)
    assert len(response.context["tabela"].wiersze) == 4
    rows = client.get(url, {"status": "spelniona"}).context["tabela"].wiersze
    assert [(r.doradca.pk, r.udzial.pk) for r in rows] == [(world["doradcy"]["ros1"].pk, world["udzial_a"].pk)]
    rows = client.get(url, {"jst": world["udzial_b"].jst.teryt}).context["tabela"].wiersze  # by TERYT or name
    assert {r.udzial.pk for r in rows} == {world["udzial_b"].pk}
    rows = client.get(url, {"jst": world["udzial_b"].jst.nazwa[:4]}).context["tabela"].wiersze
    assert {r.udzial.pk for r in rows} == {world["udzial_b"].pk}
    rows = client.get(url, {"doradca": world["doradcy"]["pro2"].pk}).context["tabela"].wiersze
    assert [r.doradca.pk for r in rows] == [world["doradcy"]["pro2"].pk]
    pro2 = world["doradcy"]["pro2"].uzytkownik
    rows = client.get(url, {"doradca": f"{pro2.first_name} {pro2.last_name}"}).context["tabela"].wiersze
    assert [r.doradca.pk for r in rows] == [world["doradcy"]["pro2"].pk]
    rows = client.get(url, {"status": "ponizej"}).context["tabela"].wiersze
    assert len(rows) == 3 and all(r.status != Status.SPELNIONA for r in rows)
    tabela = response.context["tabela"]
    assert tabela.suma.zalogowano == Decimal(4) and tabela.suma.norma == Decimal(12)


def _many_jsts(world, n):
    """n more JSTs in the edition, each advised by ros1, with two entries: rows made with bulk_create."""
    start = JST.objects.count()
    jsts = JST.objects.bulk_create([
        JST(teryt=f"9{start + i:06d}", klucz=f"9{start + i:05d}", nazwa=f"Testowa {start + i}",
            rodzaj=JST.Rodzaj.GMINA_WIEJSKA, wojewodztwo="mazowieckie", powiat="x", stan_na=D(2024, 1, 1))
        for i in range(n)])
    udzialy = Udzial.objects.bulk_create([Udzial(edycja=world["edycja"], jst=j) for j in jsts])
    doradca = world["doradcy"]["ros1"]
    PrzydzialDoradcy.objects.bulk_create([PrzydzialDoradcy(udzial=u, doradca=doradca, rola="ROS", od=D(2022, 10, 5))
                                          for u in udzialy])
    WpisZdalny.objects.bulk_create([
        WpisZdalny(doradca=doradca, udzial=u, data=D(2022, 10 + k, 7), poczatek=datetime.time(8 + (i % 12), 15 * k),
                   minuty=15, forma="telefon", temat="t")
        for i, u in enumerate(udzialy) for k in (0, 1)])


@pytest.mark.parametrize("persona,name", [("ros1", "jst:moje_godziny"), ("koordynator", "jst:godziny_edycji")])
@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_the_grids_run_a_fixed_number_of_queries_at_10_and_100_jsts(world, client_as, django_assert_num_queries,
                                                                    persona, name):
    client = client_as(persona)
    url = reverse(name, args=[world["edycja"].pk] if name == "jst:godziny_edycji" else None)
    _many_jsts(world, 8)  # + JST A and B: 10
    client.get(url)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    ctx = response.context
    rows = ctx["tabela"].wiersze if name == "jst:godziny_edycji" else ctx["tabele"][0]["tabela"].wiersze
    assert len([r for r in rows if r.doradca.pk == world["doradcy"]["ros1"].pk]) == 9  # JST A + 8
    _many_jsts(world, 90)
    with django_assert_num_queries(len(ten.captured_queries)):
        assert client.get(url).status_code == 200


def _figures(pary):
    return [(p.doradca.pk, p.udzial.pk, p.role, [(m.miesiac, m.norma, m.zalogowano, m.saldo) for m in p.miesiace])
            for p in pary]


@pytest.mark.parametrize("status", ["", "ponizej", "spelniona", "brak"])
@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_the_pages_of_the_grid_add_up_to_the_full_computation(world, status):
    _log(world, "ros1", D(2022, 10, 20), 240)
    _log(world, "pro2", D(2022, 9, 20), 45, udzial=world["udzial_b"])  # before the edition: no column, in the total
    _log(world, "ros2", D(2022, 11, 3), 60)  # ros2 advises B, not A: no pair, counted nowhere
    _many_jsts(world, 60)
    edycja = world["edycja"]
    wszystkie = [p for p in siatka_edycji(edycja) if not status or p.status == status
                 or (status == "ponizej" and p.status != Status.SPELNIONA)]
    pelna = tabela(wszystkie, kolumny_edycji(edycja))
    rows = []
    for numer in (1, 2, 3):
        strona, t = strona_siatki_edycji(edycja, status=status, numer=numer, na_stronie=30)
        if strona.number != numer:
            break
        rows += t.wiersze
        assert [m.etykieta for m in t.sumy] == [m.etykieta for m in pelna.sumy]
        assert [(m.norma, m.zalogowano) for m in t.sumy] == [(m.norma, m.zalogowano) for m in pelna.sumy]
        assert (t.suma.norma, t.suma.zalogowano, t.suma.status) == (pelna.suma.norma, pelna.suma.zalogowano,
                                                                    pelna.suma.status)
    assert _figures(rows) == _figures(wszystkie)
    assert len(rows) == strona.paginator.count


@time_machine.travel(GRUDZIEN_2022, tick=False)
def test_the_coordinators_grid_shows_50_pairs_a_page_and_its_links_keep_the_filters(world, client_as):
    _log(world, "ros1", D(2022, 10, 20), 240)  # JST A: met; each of the 60 new JSTs: 0.5 h of 3 h
    _many_jsts(world, 60)
    ros1 = world["doradcy"]["ros1"]
    client = client_as("koordynator")
    url = reverse("jst:godziny_edycji", args=[world["edycja"].pk])
    filtry = {"doradca": ros1.pk, "status": "ponizej"}
    first = client.get(url, filtry)
    second = client.get(url, {**filtry, "strona": 2})
    pierwsze, drugie = first.context["tabela"].wiersze, second.context["tabela"].wiersze
    assert (len(pierwsze), len(drugie)) == (50, 10)
    pary = [(r.doradca.pk, r.udzial.pk) for r in pierwsze + drugie]
    assert len(set(pary)) == 60 and {d for d, _u in pary} == {ros1.pk}
    assert world["udzial_a"].pk not in {u for _d, u in pary}
    html = first.content.decode()
    assert f'href="?doradca={ros1.pk}&amp;status=ponizej&amp;strona=2"' in html
    assert 'aria-label="Strony siatki godzin"' in html and 'aria-current="page"' in html
    assert "Pary doradca–JST 1–50 z 60" in html
    for response in (first, second):  # the totals cover every page
        suma = response.context["tabela"].suma
        assert (suma.norma, suma.zalogowano) == (Decimal(180), Decimal(30))
