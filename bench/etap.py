"""One stage of the benchmark in its own process: `python bench/etap.py <stage> <N>`.

bench/run.py calls it with the bench environment (DEBUG=False, bench.settings_bench, DATABASE_URL of
the database `bench_<N>`) and a 10-minute timeout; the stage writes bench/results/<stage>-<N>.json."""

import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")


def zapisz(nazwa: str, n: int, dane: dict, czas_s: float) -> Path:
    from bench.srodowisko import WYNIKI

    WYNIKI.mkdir(parents=True, exist_ok=True)
    plik = WYNIKI / f"{nazwa}-{n}.json"
    tresc = {"etap": nazwa, "jst": n, "data": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
             "czas_etapu_s": round(czas_s, 1), "tlo": json.loads(os.environ.get("BENCH_TLO") or "{}"), **dane}
    plik.write_text(json.dumps(tresc, ensure_ascii=False, indent=1, default=str) + "\n")
    return plik


def env_gunicorn() -> dict:
    """This process's environment is the bench's (bench/run.py made it): gunicorn gets the same."""
    return dict(os.environ)


def seed(n: int) -> dict:
    import subprocess

    from bench.srodowisko import PY

    env = dict(os.environ)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    start = time.perf_counter()
    subprocess.run([PY, "manage.py", "seed_scale", "--jst", str(n)], cwd=ROOT, env=env, check=True)
    czas = time.perf_counter() - start
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection

    wiersze = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in ("doradztwo", "jst", "diagnoza", "hdr", "raporty") \
                and not model._meta.label.split(".")[1].startswith("Historical"):
            n_wierszy = model.objects.count()
            if n_wierszy:
                wiersze[model._meta.label] = n_wierszy
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        rozmiar = cur.fetchone()[0]
        cur.execute("ANALYZE")  # fresh statistics, as autovacuum would have after a bulk load
    return {"seed_s": round(czas, 1), "wiersze": dict(sorted(wiersze.items())), "wierszy_razem": sum(wiersze.values()),
            "rozmiar_bazy_b": rozmiar}


def main() -> None:
    nazwa, n = sys.argv[1], int(sys.argv[2])
    start = time.perf_counter()
    if nazwa == "seed":
        dane = seed(n)
    else:
        import django

        django.setup()
        if nazwa.startswith("strony-"):
            from bench.etapy_strony import etap

            dane = etap(nazwa.removeprefix("strony-"), n, env_gunicorn())
        elif nazwa == "autozapis":
            from bench.etapy_obciazenie import autozapis

            dane = autozapis(n, env_gunicorn())
        elif nazwa == "obciazenie":
            from bench.etapy_obciazenie import obciazenie

            dane = obciazenie(n, env_gunicorn())
        elif nazwa == "pdf-jeden":
            from bench.etapy_zadania import pdf_jeden

            dane = pdf_jeden(n)
        elif nazwa.startswith("pdf-200-w"):
            from bench.etapy_zadania import pdf_hurtem

            dane = pdf_hurtem(n, int(nazwa.removeprefix("pdf-200-w")), env_gunicorn())
        elif nazwa.startswith("eksporty-"):
            from bench.etapy_zadania import eksporty

            dane = eksporty(n, nazwa.removeprefix("eksporty-"), env_gunicorn())
        else:
            raise SystemExit(f"unknown stage {nazwa}")
    plik = zapisz(nazwa, n, dane, time.perf_counter() - start)
    print(f"  → {plik.relative_to(ROOT)} ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
