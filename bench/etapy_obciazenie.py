"""Stages "autozapis" (autosave of one answer with 50 concurrent editors) and "obciazenie" (a bounded
mixed load on loopback).

Every sheet of the scale data is submitted and approved, and a submitted sheet refuses answers; so the
sheets these stages write to are reopened (state "robocza") for the stage and put back afterwards.
Each editor is a team member of one of those JSTs and owns a share of its sheet's questions: five
people fill one sheet together, as a team does, without conflicting on a question."""

import json
import random
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager

from bench.klient import Klient, podsumuj, zaloguj

EDYTOROW = 50
ZAPISOW_NA_EDYTORA = 20
PRZERWA_S = (0.5, 1.5)  # an editor's pause between two autosaves (about one a second: a fast typist)
CZAS_OBCIAZENIA_S = 60
ROZGRZEWKA_S = 5
WIRTUALNYCH = 16  # concurrent virtual users of the mixed load (closed loop, no think time)


@contextmanager
def otwarte_arkusze(udzialy):
    """Reopen the sheets of these participations for the stage; restore their states afterwards."""
    from diagnoza.models import Arkusz

    stany = dict(Arkusz.objects.filter(udzial__in=udzialy, czlonek__isnull=True).values_list("pk", "stan"))
    Arkusz.objects.filter(pk__in=stany).update(stan="robocza")
    try:
        yield
    finally:
        for stan in set(stany.values()):
            Arkusz.objects.filter(pk__in=[pk for pk, s in stany.items() if s == stan]).update(stan=stan)


def redaktorzy(ile: int):
    """[(user, participation id, [(question id, current version, current value)])] — team members of
    the first participations, each owning every fifth question of the sheet."""
    from diagnoza.models import Odpowiedz, PytanieSzablonu
    from jst.models import CzlonekZespolu, Udzial

    udzialy = list(Udzial.objects.order_by("pk").values_list("pk", flat=True)[: max(1, -(-ile // 5))])
    czlonkowie = list(CzlonekZespolu.objects.filter(udzial__in=udzialy, aktywny=True).select_related("uzytkownik")
                      .order_by("udzial_id", "pk"))
    pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja__arkusze__udzial_id=udzialy[0])
                   .order_by("sekcja__kolejnosc", "kolejnosc").values_list("pk", "opcje"))
    odpowiedzi = {(u, p): (w, v) for u, p, w, v in Odpowiedz.objects.filter(
        arkusz__udzial__in=udzialy, arkusz__czlonek__isnull=True).values_list(
            "arkusz__udzial_id", "pytanie_id", "wersja", "wartosc")}
    wynik = []
    po_udziale = defaultdict(list)
    for c in czlonkowie:
        po_udziale[c.udzial_id].append(c)
    for udzial_id in udzialy:
        zespol = po_udziale[udzial_id]
        for k, c in enumerate(zespol):
            moje = []
            for i, (pk, opcje) in enumerate(pytania):
                if i % len(zespol) == k:
                    wersja, wartosc = odpowiedzi.get((udzial_id, pk), (0, None))
                    moje.append([pk, wersja, wartosc, [o[0] for o in opcje] or [1]])
            wynik.append((c.uzytkownik, udzial_id, moje))
    return wynik[:ile], udzialy


class Redaktor:
    """One editor's browser: saves its questions in turn, each save changing the value (a real write)."""

    def __init__(self, port: int, user, udzial_id: int, pytania: list):
        from django.urls import reverse

        self.klient = Klient(port, zaloguj(user))
        self.url = reverse("diagnoza:odpowiedz", kwargs={"pk": udzial_id})
        self.pytania = pytania
        self.i = 0
        self.konflikty = 0

    def zapisz(self):
        pytanie = self.pytania[self.i % len(self.pytania)]
        self.i += 1
        pk, wersja, wartosc, opcje = pytanie
        nowa = opcje[(opcje.index(wartosc) + 1) % len(opcje)] if wartosc in opcje else opcje[0]
        wynik = self.klient.post(self.url, {"pytanie": pk, "wartosc": nowa, "wersja": wersja})
        if wynik.status == 200:
            dane = json.loads(wynik.tresc)
            pytanie[1], pytanie[2] = dane["wersja"], dane["wartosc"]
        elif wynik.status == 409:
            self.konflikty += 1
            dane = json.loads(wynik.tresc)
            pytanie[1], pytanie[2] = dane["wersja"], dane["wartosc"]
        return wynik


def autozapis(n: int, env: dict) -> dict:
    from bench.srodowisko import PRACA, Gunicorn

    lista, udzialy = redaktorzy(EDYTOROW)
    with otwarte_arkusze(udzialy), Gunicorn(env, PRACA / "logs" / f"gunicorn-autozapis-{n}.log") as g:
        redaktorzy_ = [Redaktor(g.port, user, udzial_id, pytania) for user, udzial_id, pytania in lista]
        for r in redaktorzy_[:10]:  # warm the workers (imports, templates of the JSON path)
            r.zapisz()
        wyniki, blokada = [], threading.Lock()
        bariera = threading.Barrier(len(redaktorzy_))

        def praca(r):
            los = random.Random(r.url + str(r.pytania[0][0]))
            bariera.wait()
            moje = []
            for _ in range(ZAPISOW_NA_EDYTORA):
                moje.append(r.zapisz())
                time.sleep(los.uniform(*PRZERWA_S))
            with blokada:
                wyniki.extend(moje)

        start = time.perf_counter()
        watki = [threading.Thread(target=praca, args=(r,)) for r in redaktorzy_]
        for w in watki:
            w.start()
        for w in watki:
            w.join()
        czas = time.perf_counter() - start
    statusy = Counter(w.status for w in wyniki)
    return {
        "edytorow": len(redaktorzy_), "arkuszy": len(udzialy), "zapisow": len(wyniki), "czas_s": round(czas, 2),
        "na_sekunde": round(len(wyniki) / czas, 1), "statusy": {str(k): v for k, v in sorted(statusy.items())},
        "bledy": sum(v for k, v in statusy.items() if k != 200),
        "konflikty": sum(r.konflikty for r in redaktorzy_),
        "serwer_ms": podsumuj([w.serwer_ms for w in wyniki if w.serwer_ms is not None]),
        "klient_ms": podsumuj([w.klient_ms for w in wyniki]),
        "zapytania": sorted({w.zapytania for w in wyniki if w.zapytania is not None}),
        "gunicorn_workers": g.workers,
        "przerwa_s": list(PRZERWA_S),
        "uwagi": "each editor saves again 0.5–1.5 s after the previous save answered (about one save a second "
                 "each); client time includes waiting for a free gunicorn worker, server time does not",
    }


def obciazenie(n: int, env: dict) -> dict:
    """Mixed load: 40 % team pages (participation, HDR, start page), 30 % the sheet page, 20 % autosave
    POSTs, 10 % the edition dashboard; WIRTUALNYCH users at once for CZAS_OBCIAZENIA_S seconds."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bench.srodowisko import PRACA, Gunicorn
    from raporty.skala import KOORDYNATOR

    lista, udzialy = redaktorzy(WIRTUALNYCH)
    koordynator = get_user_model().objects.get(username=KOORDYNATOR)
    from jst.models import Udzial

    edycja_id = Udzial.objects.get(pk=udzialy[0]).edycja_id
    pulpit = reverse("raporty:pulpit_edycji", kwargs={"pk": edycja_id})
    rng = random.Random(12)
    with otwarte_arkusze(udzialy), Gunicorn(env, PRACA / "logs" / f"gunicorn-obciazenie-{n}.log") as g:
        uzytkownicy = []
        for user, udzial_id, pytania in lista:
            r = Redaktor(g.port, user, udzial_id, pytania)
            strony = [reverse("jst:udzial", kwargs={"pk": udzial_id}), reverse("hdr:hdr", kwargs={"pk": udzial_id}),
                      reverse("raporty:start")]
            uzytkownicy.append((r, strony, reverse("diagnoza:arkusz", kwargs={"pk": udzial_id}),
                                Klient(g.port, zaloguj(koordynator))))
        wyniki, blokada = [], threading.Lock()
        stop = threading.Event()
        t0 = time.monotonic()

        def praca(i):
            r, strony, arkusz, koord = uzytkownicy[i]
            los = random.Random(rng.random())
            while not stop.is_set():
                x = los.random()
                if x < 0.4:
                    rodzaj, w = "zespol", r.klient.get(los.choice(strony))
                elif x < 0.7:
                    rodzaj, w = "arkusz", r.klient.get(arkusz)
                elif x < 0.9:
                    rodzaj, w = "autozapis", r.zapisz()
                else:
                    rodzaj, w = "pulpit", koord.get(pulpit)
                kiedy = time.monotonic() - t0
                with blokada:
                    wyniki.append((kiedy, rodzaj, w))

        watki = [threading.Thread(target=praca, args=(i,)) for i in range(len(uzytkownicy))]
        for w in watki:
            w.start()
        time.sleep(ROZGRZEWKA_S + CZAS_OBCIAZENIA_S)
        stop.set()
        for w in watki:
            w.join()
    okno = [(k, r, w) for k, r, w in wyniki if ROZGRZEWKA_S <= k < ROZGRZEWKA_S + CZAS_OBCIAZENIA_S]
    bledy = [w for _k, _r, w in okno if w.status not in (200,) or w.blad]
    po_rodzaju = {}
    for rodzaj in ("zespol", "arkusz", "autozapis", "pulpit"):
        moje = [w for _k, r, w in okno if r == rodzaj]
        po_rodzaju[rodzaj] = {"zadan": len(moje), "serwer_ms": podsumuj([w.serwer_ms for w in moje if w.serwer_ms]),
                              "klient_ms": podsumuj([w.klient_ms for w in moje])}
    return {
        "wirtualnych": len(uzytkownicy), "czas_s": CZAS_OBCIAZENIA_S, "rozgrzewka_s": ROZGRZEWKA_S,
        "zadan": len(okno), "na_sekunde": round(len(okno) / CZAS_OBCIAZENIA_S, 1), "bledy": len(bledy),
        "statusy": {str(k): v for k, v in sorted(Counter(w.status for _k, _r, w in okno).items())},
        "przyklady_bledow": sorted({w.blad or str(w.status) for w in bledy})[:5],
        "po_rodzaju": po_rodzaju, "gunicorn_workers": g.workers,
        "uwagi": "the load generator (Python threads) runs on the same 2 cores as gunicorn and PostgreSQL",
    }
