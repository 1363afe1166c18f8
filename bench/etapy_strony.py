"""Stage "strony-<role>": server time (median, p95) and SQL query count of each main page of a role,
measured one request at a time against gunicorn; for the edition dashboard also its raw-SQL floor.

Who: the scale edition's coordinator, a superuser, the ROS adviser of the first participation, its
team leader and another member. "One JST" pages use the first participation (lowest id): with a final
report (half of the JSTs have one; the first always does), 5 members, 15 actions, ~24 remote entries."""

import concurrent.futures
import time

from bench.klient import Klient, podsumuj, zaloguj

# (URL name, which kwargs): "E" the edition, "U" the participation, "" none.
STRONY = {
    "koordynator": [
        ("raporty:start", ""), ("raporty:pulpit_edycji", "E"), ("raporty:pulpit_godziny", "E"),
        ("raporty:pulpit_liczby", "E"), ("jst:udzialy", "E"), ("edycje:szczegoly", "E"),
        ("diagnoza:przeglad_edycji", "E"), ("diagnoza:przeglad_zadan", "E"), ("hdr:przeglad_edycji", "E"),
        ("raporty:raporty_edycji", "E"), ("jst:karty_edycji", "E"), ("jst:godziny_edycji", "E"),
        ("jst:wydarzenia_edycji", "E"), ("raporty:eksporty", "E"), ("jst:udzial", "U"), ("diagnoza:arkusz", "U"),
        ("hdr:hdr", "U"), ("jst:doradcy", ""), ("jst:rejestr", ""),
    ],
    "admin": [("raporty:start", ""), ("edycje:lista", ""), ("koordynatorzy", ""), ("audyt:lista", "")],
    "doradca": [
        ("raporty:start", ""), ("jst:moje_wpisy", ""), ("jst:moje_godziny", ""), ("jst:moje_karty", ""),
        ("jst:udzial", "U"), ("diagnoza:arkusz", "U"), ("diagnoza:wyniki", "U"), ("diagnoza:poglebiona", "U"),
        ("hdr:hdr", "U"), ("jst:wpisy_zdalne_udzialu", "U"), ("jst:wizyty", "U"), ("jst:komentarze", "U"),
    ],
    "lider": [
        ("raporty:start", ""), ("jst:udzial", "U"), ("diagnoza:arkusz", "U"), ("diagnoza:wyniki", "U"),
        ("diagnoza:zadanie", "U"), ("diagnoza:poglebiona", "U"), ("hdr:hdr", "U"), ("raporty:raport", "U"),
        ("jst:wizyty", "U"), ("jst:komentarze", "U"), ("powiadomienia:lista", ""),
    ],
    "czlonek": [("raporty:start", ""), ("diagnoza:arkusz", "U"), ("hdr:hdr", "U")],
}
BUDZET_ETAPU_S = 480  # under the 10-minute limit with gunicorn's start and the floor
PROBEK = 20
MIN_PROBEK = 3


def osoby() -> dict:
    """The personas of the scale edition (Django set up)."""
    from django.contrib.auth import get_user_model

    from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial
    from raporty.skala import DOMENA, KOORDYNATOR

    User = get_user_model()
    udzial = Udzial.objects.select_related("edycja").order_by("pk").first()
    admin, _ = User.objects.get_or_create(username=f"admin@{DOMENA}", defaults={
        "email": f"admin@{DOMENA}", "is_superuser": True, "is_staff": True, "first_name": "Adam",
        "last_name": "Administrator"})
    zespol = list(CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik")
                  .order_by("-lider", "pk"))
    ros = PrzydzialDoradcy.objects.select_related("doradca__uzytkownik").get(udzial=udzial, rola="ROS", do__isnull=True)
    return {"udzial": udzial, "edycja": udzial.edycja, "koordynator": User.objects.get(username=KOORDYNATOR),
            "admin": admin, "doradca": ros.doradca.uzytkownik, "lider": zespol[0].uzytkownik,
            "czlonek": zespol[1].uzytkownik}


def adres(nazwa: str, argumenty: str, o: dict) -> str:
    from django.urls import reverse

    kwargs = {"E": {"pk": o["edycja"].pk}, "U": {"pk": o["udzial"].pk}}.get(argumenty, {})
    return reverse(nazwa, kwargs=kwargs)


def zmierz(klient: Klient, sciezka: str, budzet_s: float, workers: int) -> dict:
    """Warm every gunicorn worker (its template cache) with a concurrent burst when the page is fast,
    then time requests one at a time until PROBEK samples or the budget is spent (at least MIN_PROBEK)."""
    start = time.monotonic()
    pierwszy = klient.get(sciezka)
    if pierwszy.klient_ms < 1000:
        sesja = (klient.sessionid, klient.csrf)
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda _i: Klient(klient.port, sesja).get(sciezka), range(2 * workers)))
    probki = []
    if pierwszy.status >= 500 or pierwszy.status == 0:
        # A failing page (e.g. over gunicorn's 30 s timeout) is confirmed once, not timed 3 times.
        probki = [pierwszy, klient.get(sciezka)]
    else:
        while len(probki) < MIN_PROBEK or (len(probki) < PROBEK and time.monotonic() - start < budzet_s):
            probki.append(klient.get(sciezka))
    serwer = [p.serwer_ms for p in probki if p.serwer_ms is not None]
    zapytania = sorted({p.zapytania for p in probki if p.zapytania is not None})
    return {
        "sciezka": sciezka, "status": sorted({p.status for p in probki}), "serwer_ms": podsumuj(serwer),
        "klient_ms": podsumuj([p.klient_ms for p in probki]), "zapytania": zapytania[-1] if zapytania else None,
        # gunicorn kills a worker after its 30 s timeout: the client then sees a 500 without our headers.
        "limit_czasu": any(p.status >= 500 and p.serwer_ms is None and p.klient_ms >= 29_000 for p in probki),
        "zapytania_rozne": zapytania, "bajty": probki[-1].bajty,
    }


def podloga_pulpitu(edycja_id: int, budzet_s: float = 20) -> dict:
    """The floor of the edition dashboard: the raw SQL aggregates of what it shows — participations
    per stage with their milestone artefacts counted (sheet, area, data task, meetings, deep diagnosis,
    HDR in force, final report) and the actions of the versions in force by status with the overdue
    ones. Two statements, no ORM, no Python per row; executed and fetched like the page's queries."""
    from django.db import connection

    from diagnoza.models import Arkusz, DiagnozaPoglebiona, WyborObszaru, ZadanieDanych
    from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr
    from jst.models import Udzial, Wizyta
    from raporty.models import RaportKoncowy

    t = {m.__name__: m._meta.db_table for m in (Arkusz, DiagnozaPoglebiona, WyborObszaru, ZadanieDanych, Dzialanie,
                                                 Hdr, MonitoringDzialania, WersjaHdr, Udzial, Wizyta, RaportKoncowy)}
    etapy = f"""
        WITH v AS (
          SELECT v.udzial_id, min(v.od) FILTER (WHERE v.typ = 'spotkanie_1') AS s1,
                 min(v.od) FILTER (WHERE v.typ = 'spotkanie_2') AS s2
          FROM {t['Wizyta']} v JOIN {t['Udzial']} u ON u.id = v.udzial_id
          WHERE u.edycja_id = %(e)s GROUP BY v.udzial_id),
        h AS (
          SELECT h.udzial_id, max(wh.numer) AS hdr
          FROM {t['Hdr']} h JOIN {t['WersjaHdr']} wh ON wh.hdr_id = h.id AND wh.stan = 'zatwierdzona'
          JOIN {t['Udzial']} u ON u.id = h.udzial_id WHERE u.edycja_id = %(e)s GROUP BY h.udzial_id)
        SELECT u.etap, w.obszar_id, count(*),
               count(*) FILTER (WHERE u.stan_zespolu = 'zatwierdzona'),
               count(*) FILTER (WHERE a.stan IN ('zlozona', 'zatwierdzona')),
               count(*) FILTER (WHERE z.stan IN ('zlozona', 'zatwierdzona')),
               count(*) FILTER (WHERE v.s1 <= current_date), count(*) FILTER (WHERE v.s2 <= current_date),
               count(*) FILTER (WHERE d.stan IN ('zlozona', 'zatwierdzona')),
               count(*) FILTER (WHERE h.hdr IS NOT NULL),
               count(*) FILTER (WHERE r.stan IN ('zlozona', 'zatwierdzona'))
        FROM {t['Udzial']} u
        LEFT JOIN {t['Arkusz']} a ON a.udzial_id = u.id AND a.czlonek_id IS NULL
        LEFT JOIN {t['WyborObszaru']} w ON w.udzial_id = u.id
        LEFT JOIN {t['ZadanieDanych']} z ON z.udzial_id = u.id
        LEFT JOIN {t['DiagnozaPoglebiona']} d ON d.udzial_id = u.id
        LEFT JOIN {t['RaportKoncowy']} r ON r.udzial_id = u.id
        LEFT JOIN v ON v.udzial_id = u.id
        LEFT JOIN h ON h.udzial_id = u.id
        WHERE u.edycja_id = %(e)s
        GROUP BY u.etap, w.obszar_id"""
    dzialania = f"""
        WITH w AS (
          SELECT DISTINCT ON (h.id) h.id AS hdr_id, wh.id AS wersja_id
          FROM {t['Hdr']} h JOIN {t['Udzial']} u ON u.id = h.udzial_id
          JOIN {t['WersjaHdr']} wh ON wh.hdr_id = h.id AND wh.stan = 'zatwierdzona'
          WHERE u.edycja_id = %(e)s ORDER BY h.id, wh.numer DESC)
        SELECT coalesce(m.status, 'planowane') AS status, count(*),
               count(*) FILTER (WHERE d."do" < current_date
                                AND coalesce(m.status, 'planowane') NOT IN ('zrealizowane', 'anulowane'))
        FROM w JOIN {t['Dzialanie']} d ON d.wersja_hdr_id = w.wersja_id
        LEFT JOIN {t['MonitoringDzialania']} m ON m.hdr_id = w.hdr_id AND m.klucz = d.klucz
        GROUP BY 1"""
    czasy = []
    start = time.monotonic()
    with connection.cursor() as cur:
        while len(czasy) < 5 or (len(czasy) < 20 and time.monotonic() - start < budzet_s):
            t0 = time.perf_counter()
            for sql in (etapy, dzialania):
                cur.execute(sql, {"e": edycja_id})
                cur.fetchall()
            czasy.append((time.perf_counter() - t0) * 1000)
    return {"opis": "2 raw SQL aggregates (stages × milestones × area; actions in force by status, overdue)",
            "ms": podsumuj(czasy)}


def etap(rola: str, n: int, gunicorn_env: dict) -> dict:
    from bench.srodowisko import PRACA, Gunicorn

    o = osoby()
    strony = STRONY[rola]
    with Gunicorn(gunicorn_env, PRACA / "logs" / f"gunicorn-strony-{rola}-{n}.log") as g:
        klient = Klient(g.port, zaloguj(o[rola]))
        # Every worker's first request pays for imports, URL resolvers and catalogues: not a page's cost.
        sesja = (klient.sessionid, klient.csrf)
        with concurrent.futures.ThreadPoolExecutor(g.workers) as pool:
            list(pool.map(lambda _i: Klient(g.port, sesja).get(adres("raporty:start", "", o)), range(4 * g.workers)))
        wyniki = []
        koniec = time.monotonic() + BUDZET_ETAPU_S
        for i, (nazwa, argumenty) in enumerate(strony):
            budzet = max(2.0, min(20.0, (koniec - time.monotonic()) / (len(strony) - i)))
            wynik = {"nazwa": nazwa, **zmierz(klient, adres(nazwa, argumenty, o), budzet, g.workers)}
            wyniki.append(wynik)
            print(f"  {rola:<11} {nazwa:<28} {wynik['status']} median {wynik['serwer_ms'].get('mediana')} ms, "
                  f"p95 {wynik['serwer_ms'].get('p95')} ms, {wynik['zapytania']} queries (n={wynik['serwer_ms']['n']})",
                  flush=True)
    dane = {"rola": rola, "osoba": o[rola].username, "udzial": o["udzial"].pk, "strony": wyniki,
            "gunicorn_workers": g.workers}
    if rola == "koordynator":
        dane["podloga_pulpitu"] = podloga_pulpitu(o["edycja"].pk)
        print(f"  dashboard floor: {dane['podloga_pulpitu']['ms']}")
    return dane
