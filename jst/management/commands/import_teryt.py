from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from jst.rejestr import DOMYSLNY_PLIK, BladImportuTeryt, jst_importuj_teryt


class Command(BaseCommand):
    help = _("Importuje rejestr JST z pliku TERYT (TERC) w formacie terc.csv; domyślnie kopię z jst/data/.")

    def add_arguments(self, parser):
        parser.add_argument("plik", nargs="?", default=str(DOMYSLNY_PLIK),
                            help=_("ścieżka do pliku terc.csv (domyślnie %(default)s)"))

    def handle(self, *args, **options):
        try:
            raport = jst_importuj_teryt(plik=options["plik"], actor=None)
        except BladImportuTeryt as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(raport))
