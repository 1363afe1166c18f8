"""The edition dashboard's whole-edition numbers without loading the edition (issue 12).

One SQL statement decides, for every participation of the edition, which milestones are reached and
carries what the panels need (stage, chosen area, the actions in force counted by status, the
overdue ones and the earliest overdue end); it reads the same artefacts as `pulpit._komorka` with
the same rules (a passed stage stands in for a missing artefact). Python then only sums small
integers — no model instances — and builds full rows (`pulpit.wiersze`) for the 50 participations
of the current page and the few that own the longest-overdue items.

`raporty/tests/test_pulpit.py` checks row by row that these flags agree with the cells."""

import datetime
from dataclasses import dataclass

from django.db import connection

from diagnoza.models import Arkusz, DiagnozaPoglebiona, WyborObszaru, ZadanieDanych
from doradztwo.models import Obszar
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, StatusDzialania, WersjaHdr
from jst.models import JST, Udzial, Wizyta
from raporty.models import RaportKoncowy

ETAPY = list(Udzial.Etap.values)
OSIAGNIETE_STANY = ("zlozona", "zatwierdzona")  # submitted or approved: the milestone counts as reached
STATUSY = [s for s, _n in StatusDzialania.choices]
ZAKONCZONE = (StatusDzialania.ZREALIZOWANE, StatusDzialania.ANULOWANE)


@dataclass(slots=True)
class Flagi:
    """One participation: milestone codes reached, and the numbers the panels add up."""

    pk: int
    pasuje: bool  # matches the dashboard's filters (before "late only")
    etap: str
    obszar_id: int | None
    obszar: tuple[int, str] | None  # the chosen area's number and name
    osiagniete: tuple[bool, ...]  # aligned to pulpit.KAMIENIE
    dzialania: tuple[int, ...]  # actions in force by status, aligned to STATUSY
    dzialania_opoznione: int
    pierwsze_opoznione: datetime.date | None  # the earliest end among the overdue actions


def _od(etap: str) -> list[str]:
    """`etap` and every later stage."""
    return ETAPY[ETAPY.index(etap):]


def _w(kolumna: str, wartosci) -> tuple[str, list]:
    wartosci = list(wartosci)
    return f"{kolumna} IN ({', '.join(['%s'] * len(wartosci))})", wartosci


def _osiagniety(kamien, dzis: datetime.date) -> tuple[str, list]:
    """SQL condition (and its parameters) for "this milestone is reached": mirrors `pulpit._komorka`
    plus the stage override of `pulpit.kamienie_udzialu` (only a missing artefact is overridden)."""
    po_etapie, p_etap = _w("u.etap", _od(kamien.etap))

    def przeglad(alias: str) -> tuple[str, list]:
        stan, p_stan = _w(f"{alias}.stan", OSIAGNIETE_STANY)
        return f"({stan} OR ({alias}.id IS NULL AND {po_etapie}))", p_stan + p_etap

    kod = kamien.kod
    if kod == "zespol":
        return "u.stan_zespolu = %s", ["zatwierdzona"]
    if kod == "arkusz":
        return przeglad("a")
    if kod == "obszar":
        return f"(wo.id IS NOT NULL OR {po_etapie})", p_etap
    if kod == "dane":
        return przeglad("zd")
    if kod == "poglebiona":
        return przeglad("dp")
    if kod == "raport":
        return przeglad("rk")
    if kod in ("spotkanie_1", "spotkanie_2"):
        kolumna = "v.s1" if kod == "spotkanie_1" else "v.s2"
        return f"({kolumna} <= %s OR ({kolumna} IS NULL AND {po_etapie}))", [dzis] + p_etap
    if kod == "hdr":
        stan, p_stan = _w("wn.stan", OSIAGNIETE_STANY)
        return (f"(wm.id IS NOT NULL OR {stan} OR (wm.id IS NULL AND wn.stan IS NULL AND {po_etapie}))",
                p_stan + p_etap)
    if kod == "wdrazanie":
        # Done when every action in force that is not cancelled is done (and there is at least one).
        return (f"((wm.id IS NOT NULL AND COALESCE(ds.aktywne, 0) > 0 AND ds.zrobione = ds.aktywne)"
                f" OR (wm.id IS NULL AND {po_etapie}))", p_etap)
    raise ValueError(kod)


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def flagi_edycji(edycja, kamienie, *, dzis: datetime.date, pasujace=None) -> list[Flagi]:
    """Every participation of the edition, in the matrix's order (Polish alphabetical order of the
    JST name, then TERYT). `pasujace`: the filtered queryset of participations. One query."""
    q = connection.ops.quote_name
    # Parameters in the order their placeholders appear: the CTEs, the SELECT list, the WHERE.
    params: list = [Wizyta.Typ.SPOTKANIE_1, Wizyta.Typ.SPOTKANIE_2, edycja.pk, edycja.pk, edycja.pk]
    kolumny_statusow = [f"SUM(CASE WHEN d.status = %s THEN 1 ELSE 0 END) AS s{i}" for i in range(len(STATUSY))]
    params += STATUSY
    opoznione = f"d.{q('do')} < %s AND d.status NOT IN (%s, %s)"
    params += [StatusDzialania.ANULOWANE, StatusDzialania.ZREALIZOWANE, dzis, *ZAKONCZONE, dzis, *ZAKONCZONE]
    if pasujace is not None:
        sub_sql, sub_params = pasujace.values("pk").query.sql_with_params()
        pasuje = f"CASE WHEN u.id IN ({sub_sql}) THEN 1 ELSE 0 END"
        params += list(sub_params)
    else:
        pasuje = "1"
    warunki = []
    for kamien in kamienie:
        sql, p = _osiagniety(kamien, dzis)
        warunki.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END")
        params += p
    params.append(edycja.pk)
    kolejnosc = 'j.nazwa COLLATE "pl-x-icu", j.teryt' if connection.vendor == "postgresql" else "j.nazwa, j.teryt"
    sql = f"""
    WITH v AS (
        SELECT w.udzial_id, MIN(CASE WHEN w.typ = %s THEN w.od END) AS s1, MIN(CASE WHEN w.typ = %s THEN w.od END) AS s2
        FROM {_t(Wizyta)} w JOIN {_t(Udzial)} e ON e.id = w.udzial_id WHERE e.edycja_id = %s GROUP BY w.udzial_id),
    wm AS (
        SELECT h.udzial_id, x.id, x.hdr_id
        FROM {_t(Hdr)} h JOIN {_t(Udzial)} e ON e.id = h.udzial_id JOIN {_t(WersjaHdr)} x ON x.hdr_id = h.id
        WHERE e.edycja_id = %s AND x.stan = 'zatwierdzona' AND NOT EXISTS (
            SELECT 1 FROM {_t(WersjaHdr)} y WHERE y.hdr_id = x.hdr_id AND y.stan = 'zatwierdzona' AND y.numer > x.numer)),
    wn AS (
        SELECT h.udzial_id, x.stan
        FROM {_t(Hdr)} h JOIN {_t(Udzial)} e ON e.id = h.udzial_id JOIN {_t(WersjaHdr)} x ON x.hdr_id = h.id
        WHERE e.edycja_id = %s AND NOT EXISTS (
            SELECT 1 FROM {_t(WersjaHdr)} y WHERE y.hdr_id = x.hdr_id AND y.numer > x.numer)),
    d AS (
        SELECT wm.udzial_id, dz.{q('do')}, COALESCE(NULLIF(m.status, ''), 'planowane') AS status
        FROM wm JOIN {_t(Dzialanie)} dz ON dz.wersja_hdr_id = wm.id
        LEFT JOIN {_t(MonitoringDzialania)} m ON m.hdr_id = wm.hdr_id AND m.klucz = dz.klucz),
    ds AS (
        SELECT d.udzial_id, {", ".join(kolumny_statusow)},
               SUM(CASE WHEN d.status <> %s THEN 1 ELSE 0 END) AS aktywne,
               SUM(CASE WHEN d.status = %s THEN 1 ELSE 0 END) AS zrobione,
               SUM(CASE WHEN {opoznione} THEN 1 ELSE 0 END) AS opoznione,
               MIN(CASE WHEN {opoznione} THEN d.{q('do')} END) AS pierwsze_opoznione
        FROM d GROUP BY d.udzial_id)
    SELECT u.id, {pasuje}, u.etap, wo.obszar_id, o.numer, o.nazwa, {", ".join(warunki)},
           {", ".join(f"COALESCE(ds.s{i}, 0)" for i in range(len(STATUSY)))},
           COALESCE(ds.opoznione, 0), ds.pierwsze_opoznione
    FROM {_t(Udzial)} u JOIN {_t(JST)} j ON j.id = u.jst_id
    LEFT JOIN {_t(Arkusz)} a ON a.udzial_id = u.id AND a.czlonek_id IS NULL
    LEFT JOIN {_t(WyborObszaru)} wo ON wo.udzial_id = u.id
    LEFT JOIN {_t(Obszar)} o ON o.id = wo.obszar_id
    LEFT JOIN {_t(ZadanieDanych)} zd ON zd.udzial_id = u.id
    LEFT JOIN {_t(DiagnozaPoglebiona)} dp ON dp.udzial_id = u.id
    LEFT JOIN {_t(RaportKoncowy)} rk ON rk.udzial_id = u.id
    LEFT JOIN v ON v.udzial_id = u.id
    LEFT JOIN wm ON wm.udzial_id = u.id
    LEFT JOIN wn ON wn.udzial_id = u.id
    LEFT JOIN ds ON ds.udzial_id = u.id
    WHERE u.edycja_id = %s
    ORDER BY {kolejnosc}"""
    n = len(kamienie)
    m = len(STATUSY)
    wynik = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            pierwsze = row[7 + n + m]
            if isinstance(pierwsze, str):  # SQLite returns dates as text
                pierwsze = datetime.date.fromisoformat(pierwsze)
            wynik.append(Flagi(pk=row[0], pasuje=bool(row[1]), etap=row[2], obszar_id=row[3],
                               obszar=(row[4], row[5]) if row[3] is not None else None,
                               osiagniete=tuple(bool(x) for x in row[6:6 + n]),
                               dzialania=tuple(int(x) for x in row[6 + n:6 + n + m]),
                               dzialania_opoznione=int(row[6 + n + m]), pierwsze_opoznione=pierwsze))
    return wynik
