"""Stages of the background work: "pdf-jeden" (one JST summary PDF), "pdf-200-w1" / "pdf-200-w2" (the
summaries of all 200 JSTs as jobs for a Celery worker with 1 or 2 processes, extrapolated to 2,807) and
"eksporty-csv" / "eksporty-xlsx" (every export of the edition: time and peak memory, each in a fresh
process so that its peak is its own)."""

import json
import statistics
import subprocess
import time

from bench.klient import podsumuj

PROB_PDF = 5


def _koordynator():
    from django.contrib.auth import get_user_model

    from raporty.skala import KOORDYNATOR

    return get_user_model().objects.get(username=KOORDYNATOR)


def pdf_jeden(n: int) -> dict:
    """WeasyPrint in this process, as a worker runs it: one warm-up render (fonts, templates), then
    PROB_PDF timed renders of the first participation's summary."""
    from pypdf import PdfReader

    from jst.models import Udzial
    from raporty.zadania_podsumowania import render

    udzial = Udzial.objects.select_related("jst", "edycja").order_by("pk").first()
    t0 = time.perf_counter()
    pdf = render(udzial)
    pierwszy = (time.perf_counter() - t0) * 1000
    czasy = []
    for _ in range(PROB_PDF):
        t0 = time.perf_counter()
        pdf = render(udzial)
        czasy.append((time.perf_counter() - t0) * 1000)
    import io

    return {"udzial": udzial.pk, "pierwszy_ms": round(pierwszy, 1), "ms": podsumuj(czasy), "bajty": len(pdf),
            "stron": len(PdfReader(io.BytesIO(pdf)).pages)}


def _czekaj(ids: list[int], limit_s: float) -> bool:
    """Wait until the jobs have ended; False when the time ran out first."""
    from doradztwo.models import Zadanie

    koniec = time.monotonic() + limit_s
    while time.monotonic() < koniec:
        if not Zadanie.objects.filter(pk__in=ids, status__in=[Zadanie.Status.OCZEKUJE, Zadanie.Status.W_TOKU]).exists():
            return True
        time.sleep(0.5)
    return False


def _zlec(udzialy, actor) -> list[int]:
    from django.db import transaction

    from doradztwo.outbox import oproznij
    from doradztwo.zadania import zadanie_zlec
    from raporty.zadania_podsumowania import PODSUMOWANIE_JST

    with transaction.atomic():
        ids = [zadanie_zlec(rodzaj=PODSUMOWANIE_JST, parametry={"udzial": u.pk}, actor=actor).pk for u in udzialy]
    while oproznij():  # after-commit flushes take 200 rows each; hand over the rest
        pass
    return ids


def _wyczysc() -> None:
    """Forget stored summaries: every job below renders its PDF (no reuse of a file made earlier)."""
    from doradztwo.models import Zadanie
    from raporty.zadania_podsumowania import PODSUMOWANIE_JST

    Zadanie.objects.filter(rodzaj=PODSUMOWANIE_JST).delete()


BUDZET_HURTEM_S = 500  # of the stage's 10 minutes; jobs not done by then are dropped and the rate is
# extrapolated from those done


def pdf_hurtem(n: int, workers: int, env: dict) -> dict:
    """The summaries of every participation, one job each, queued at once through the outbox to a
    Celery worker with `workers` processes. Timed from the queueing to the last job's end (or, when the
    budget runs out first, the rate of the jobs done so far)."""
    from django.conf import settings

    from bench.srodowisko import PRACA, Celery
    from doradztwo.models import Zadanie
    from jst.models import Udzial

    if not settings.REDIS_URL:
        raise SystemExit("pdf-200-w*: needs Redis (a real Celery worker); install redis-server or set REDIS_URL")
    from django.utils import timezone

    etap_start = time.monotonic()
    actor = _koordynator()
    udzialy = list(Udzial.objects.order_by("pk"))
    _wyczysc()
    with Celery(env, workers, PRACA / "logs" / f"celery-pdf-{n}-w{workers}.log"):
        rozgrzewka = _zlec(udzialy[:workers], actor)  # each process loads fonts and templates once
        _czekaj(rozgrzewka, 120)
        _wyczysc()
        start, start_bazy = time.perf_counter(), timezone.now()
        ids = _zlec(udzialy, actor)
        wszystkie = _czekaj(ids, BUDZET_HURTEM_S - (time.monotonic() - etap_start))
        czas = time.perf_counter() - start
        if not wszystkie:  # the rest never runs: a claimed-but-deleted job is skipped by the worker
            Zadanie.objects.filter(pk__in=ids, status=Zadanie.Status.OCZEKUJE).delete()
    zadania = list(Zadanie.objects.filter(pk__in=ids).values_list("status", "rozpoczete", "zakonczone"))
    gotowe = [z for z in zadania if z[0] == Zadanie.Status.GOTOWE]
    trwanie = [(k - s).total_seconds() * 1000 for _st, s, k in gotowe if s and k]
    if gotowe and not wszystkie:
        czas = (max(k for _st, _s, k in gotowe) - start_bazy).total_seconds()
    na_jst = czas / max(len(gotowe), 1)
    return {"workers": workers, "zadan": len(ids), "gotowe": len(gotowe), "wszystkie": wszystkie,
            "czas_s": round(czas, 1), "na_jst_s": round(na_jst, 3), "zadanie_ms": podsumuj(trwanie),
            "ekstrapolacja_200_s": round(na_jst * len(ids), 0), "ekstrapolacja_2807_s": round(na_jst * 2807, 0),
            "uwagi": "2,807 JSTs extrapolated linearly from the jobs done" + (
                "" if wszystkie else f" (only {len(gotowe)} of {len(ids)} within the stage's budget; the 200 "
                                     "extrapolated too)")}


def eksporty(n: int, format_: str, env: dict) -> dict:
    from bench.srodowisko import PY, ROOT
    from raporty.eksporty import EKSPORTY

    wyniki = []
    for slug, eksport in EKSPORTY.items():
        proces = subprocess.run([PY, str(ROOT / "bench" / "eksport_jeden.py"), slug, format_], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=280)
        if proces.returncode != 0:
            wyniki.append({"slug": slug, "rodzaj": eksport.rodzaj, "blad": proces.stderr[-2000:]})
            print(f"  {slug} {format_}: FAILED\n{proces.stderr[-2000:]}", flush=True)
            continue
        wynik = json.loads(proces.stdout.strip().splitlines()[-1])
        wyniki.append(wynik)
        print(f"  {slug:<28} {format_}: {wynik['czas_s']:7.2f} s, {wynik['wierszy']:>8} rows, "
              f"peak +{wynik['szczyt_ponad_start_b'] / 2**20:.1f} MiB, file {wynik['bajty'] / 2**20:.1f} MiB", flush=True)
    czasy = [w["czas_s"] for w in wyniki if "czas_s" in w]
    return {"format": format_, "eksporty": wyniki, "razem_s": round(sum(czasy), 1),
            "mediana_s": round(statistics.median(czasy), 2) if czasy else None}
