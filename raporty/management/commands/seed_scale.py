"""`manage.py seed_scale --jst N`: one national-scale edition for the benchmarks (issue 12, bench/).

Refuses a database that already has participations: the counts it prints are then exactly the
database's, and a half-seeded run is impossible (everything is one transaction). Reset by dropping the
database (the bench harness uses one database per size)."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from jst.models import JST, Udzial


class Command(BaseCommand):
    help = "Builds one realistic national-scale edition (default: every JST of the TERYT register)."

    def add_arguments(self, parser):
        parser.add_argument("--jst", type=int, default=None,
                            help="number of JSTs (default: all of the register, 2,807)")
        parser.add_argument("--dzis", type=datetime.date.fromisoformat, default=None,
                            help="the day the data is built for, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        from jst.rejestr import jst_importuj_teryt
        from raporty.skala import BladSkali, zbuduj

        if Udzial.objects.exists():
            raise CommandError("The database already has participations: seed_scale builds its edition only on a "
                               "database without any (drop it or use a new one).")
        start = time.perf_counter()
        if not JST.objects.exists():
            self.stdout.write(f"TERYT register imported: {jst_importuj_teryt(actor=None)}")
        try:
            liczniki = zbuduj(options["jst"], stdout=self.stdout, dzis=options["dzis"])
        except BladSkali as exc:
            raise CommandError(str(exc)) from exc
        czas = time.perf_counter() - start
        self.stdout.write("Rows inserted:")
        for model, n in liczniki.items():
            self.stdout.write(f"  {model:<40} {n:>9,}".replace(",", " "))
        self.stdout.write(f"  {'total':<40} {sum(liczniki.values()):>9,}".replace(",", " "))
        self.stdout.write(f"seed_scale: {time.perf_counter() - start:.1f} s" if czas else "")
