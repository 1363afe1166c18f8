"""One export of the scale edition as a worker runs it, in a fresh process: `python bench/eksport_jeden.py
<slug> <csv|xlsx>` (called by the "eksporty-*" stages with the bench environment). Prints one JSON line:
time of the job (fingerprint, rows, file written to storage), rows, file size, and the process's resident
memory at start and at its peak (VmHWM), so the peak above the start is the export's own."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")


def _pamiec(pole: str) -> int:
    for linia in Path("/proc/self/status").read_text().splitlines():
        if linia.startswith(pole + ":"):
            return int(linia.split()[1]) * 1024
    return 0


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from doradztwo import zadania
    from doradztwo.models import Edycja, Zadanie
    from raporty.eksporty import EKSPORTY
    from raporty.skala import KOORDYNATOR

    slug, format_ = sys.argv[1], sys.argv[2]
    eksport = EKSPORTY[slug]
    edycja = Edycja.objects.filter(nazwa__startswith="Doradztwo dla JST – skala").get()
    wierszy = eksport.liczba(edycja)
    koordynator = get_user_model().objects.get(username=KOORDYNATOR)
    zadanie = Zadanie.objects.create(rodzaj=eksport.rodzaj, zlecajacy=koordynator,
                                     parametry={"edycja": edycja.pk, "format": format_})
    try:  # reset the high-water mark to the current size: the peak measured below is the export's
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    start_rss = _pamiec("VmRSS")
    t0 = time.perf_counter()
    wynik = zadania.wykonaj(zadanie.pk)
    czas = time.perf_counter() - t0
    szczyt = _pamiec("VmHWM")
    zadanie.refresh_from_db()
    bajty = zadanie.plik.size if zadanie.plik else 0
    if zadanie.plik:
        zadanie.plik.delete(save=False)
    print(json.dumps({"slug": slug, "rodzaj": eksport.rodzaj, "format": format_, "wynik": wynik,
                      "czas_s": round(czas, 3), "wierszy": wierszy, "bajty": bajty, "start_rss_b": start_rss,
                      "szczyt_rss_b": szczyt, "szczyt_ponad_start_b": max(szczyt - start_rss, 0)}))


if __name__ == "__main__":
    main()
