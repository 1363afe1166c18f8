"""The benchmark harness (`make bench`): national-scale data, page timings and query counts, autosave
under 50 editors, PDFs, exports and a mixed load — on PostgreSQL with DEBUG=False behind gunicorn —
then docs/performance.md from bench/results/*.json.

    .venv/bin/python bench/run.py                      # every stage at 20, 200 and 2,807 JSTs
    .venv/bin/python bench/run.py --jst 20,200         # some sizes (BENCH_JST="20,200" does the same)
    .venv/bin/python bench/run.py --etap strony-lider  # some stages (repeatable)
    .venv/bin/python bench/run.py --od-nowa            # measure again even where results exist
    .venv/bin/python bench/run.py --raport             # only regenerate docs/performance.md

Resumable: a stage whose bench/results/<stage>-<N>.json exists is skipped (the database `bench_<N>`
is kept too), so an interrupted run continues where it stopped. Each stage runs in its own process
with a 10-minute limit. Refuses SQLite and DEBUG=True (bench/srodowisko.py)."""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.srodowisko import (  # noqa: E402
    PY,
    WYNIKI,
    Odmowa,
    Postgres,
    Redis,
    czekaj_na_cisze,
    env_django,
    maszyna,
    sprawdz_odmowy,
)

ROZMIARY = (20, 200, 2807)
STRONY = ("strony-koordynator", "strony-admin", "strony-doradca", "strony-lider", "strony-czlonek")
LIMIT_S = 600


def etapy_dla(n: int) -> list[str]:
    etapy = ["seed", *STRONY, "autozapis", "pdf-jeden"]
    if n == 200:
        etapy += ["pdf-200-w1", "pdf-200-w2"]
    return [*etapy, "eksporty-csv", "eksporty-xlsx", "obciazenie"]


def wersje(pg: Postgres) -> dict:
    from importlib.metadata import version

    pakiety = {p: version(p) for p in ("django", "gunicorn", "psycopg2-binary", "celery", "weasyprint", "openpyxl")}
    return {"postgresql": pg.wersja(), **pakiety}


def uruchom(etap: str, n: int, env: dict) -> bool:
    cisza = czekaj_na_cisze(float(os.environ.get("BENCH_CISZA_S", "180")))
    print(f"== {etap} at {n} JSTs (CPU idle before: {cisza['cpu_wolne_przed']}, waited {cisza['czekano_s']} s)",
          flush=True)
    env = {**env, "BENCH_TLO": json.dumps(cisza)}
    start = time.monotonic()
    try:
        wynik = subprocess.run([PY, str(ROOT / "bench" / "etap.py"), etap, str(n)], cwd=ROOT, env=env,
                               timeout=LIMIT_S)
        ok = wynik.returncode == 0
        blad = "" if ok else f"exit code {wynik.returncode}"
    except subprocess.TimeoutExpired:
        ok, blad = False, f"over the {LIMIT_S // 60}-minute limit of a stage"
    if not ok:
        print(f"!! {etap} at {n} JSTs failed: {blad}", flush=True)
        WYNIKI.mkdir(parents=True, exist_ok=True)
        (WYNIKI / f"blad-{etap}-{n}.json").write_text(json.dumps(
            {"etap": etap, "jst": n, "blad": blad, "czas_etapu_s": round(time.monotonic() - start, 1)}) + "\n")
    else:
        (WYNIKI / f"blad-{etap}-{n}.json").unlink(missing_ok=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jst", default=os.environ.get("BENCH_JST", ",".join(map(str, ROZMIARY))))
    parser.add_argument("--etap", action="append", default=[])
    parser.add_argument("--od-nowa", action="store_true")
    parser.add_argument("--raport", action="store_true")
    args = parser.parse_args()
    try:
        sprawdz_odmowy()
    except Odmowa as odmowa:
        print(odmowa.komunikat, file=sys.stderr)
        return 2
    if not args.raport:
        rozmiary = [int(x) for x in args.jst.replace(" ", ",").split(",") if x]
        bledy = 0
        try:
            with Postgres() as pg, Redis() as redis:
                print(f"PostgreSQL: {'own throwaway cluster' if pg.wlasny else 'DATABASE_URL'} "
                      f"({pg.url.rsplit('@', 1)[-1]}); Redis: {redis.url or 'none'}", flush=True)
                WYNIKI.mkdir(parents=True, exist_ok=True)
                (WYNIKI / "maszyna.json").write_text(json.dumps(
                    {"maszyna": maszyna(), "wersje": wersje(pg), "postgres_wlasny": pg.wlasny,
                     "data": time.strftime("%Y-%m-%d")}, ensure_ascii=False, indent=1) + "\n")
                # The manifest static storage (DEBUG=False) needs collected files, as `make gunicorn` does.
                subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True,
                               env=env_django(pg.url_bazy("postgres"), redis.url))
                for n in rozmiary:
                    baza = f"bench_{n}"
                    env = env_django(pg.url_bazy(baza), redis.url)
                    for etap in etapy_dla(n):
                        if args.etap and etap not in args.etap and not (etap == "seed" and not pg.istnieje(baza)):
                            continue
                        wynik = WYNIKI / f"{etap}-{n}.json"
                        if etap == "seed":
                            if pg.istnieje(baza) and wynik.exists() and not (args.od_nowa and "seed" in args.etap):
                                continue
                            pg.utworz(baza)
                            for stary in WYNIKI.glob(f"*-{n}.json"):  # measured on the data being replaced
                                stary.unlink()
                        elif wynik.exists() and not args.od_nowa:
                            continue
                        if not uruchom(etap, n, env):
                            bledy += 1
                            if etap == "seed":
                                break
        except Odmowa as odmowa:
            print(odmowa.komunikat, file=sys.stderr)
            return 2
    from bench.raport import generuj

    plik = generuj()
    print(f"{plik.relative_to(ROOT)} regenerated from bench/results/*.json")
    return 1 if not args.raport and bledy else 0


if __name__ == "__main__":
    sys.exit(main())
