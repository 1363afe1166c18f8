"""Benchmark: `import_teryt` of the bundled register (2,807 JSTs) on a fresh SQLite database.

Run from the project root:  .venv/bin/python bench/import_teryt.py
Times a first import into an empty table, a no-op re-import of the same file, and a name and a
code search. It uses a throwaway SQLite file in a temporary directory, never the project database.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doradztwo.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from jst.models import JST
        from jst.rejestr import jst_importuj_teryt, szukaj_jst

        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} ({tmp}/bench.sqlite3)")

        start = time.perf_counter()
        raport = jst_importuj_teryt(actor=None)
        print(f"fresh import:     {time.perf_counter() - start:6.2f} s  {raport}")

        start = time.perf_counter()
        raport = jst_importuj_teryt(actor=None)
        print(f"no-op re-import:  {time.perf_counter() - start:6.2f} s  {raport}")
        print(f"rows: {JST.objects.count()} JST, {JST.history.count()} history rows")

        for q in ("gór", "1465"):
            start = time.perf_counter()
            for _ in range(100):
                szukaj_jst(q)
            print(f"szukaj_jst({q!r}): {(time.perf_counter() - start) * 10:6.2f} ms per search (100 runs)")


if __name__ == "__main__":
    main()
