"""Remote-advice hours per adviser × JST × month against the edition's norm, with the running balance
— the arithmetic of `jst.normy` (the same numbers as the coordinator's hour grid). Rows are
aggregates (the database sums the minutes), two queries whatever the number of entries."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from jst.models import PrzydzialDoradcy, WpisZdalny
from jst.normy import MiesiacNormy, ParaNormy, siatka_edycji
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import Kolumna

SETNE, DZIESIATE = Decimal("0.01"), Decimal("0.1")


def godziny_liczba(value: Decimal) -> Decimal:
    """Hours as a number with one decimal place, two when needed: 0,5 · 0,25 · −1,0 · 0,33."""
    value = Decimal(value or 0).quantize(SETNE, rounding=ROUND_HALF_UP)
    if value == value.quantize(DZIESIATE):
        value = value.quantize(DZIESIATE)
    return abs(value) if value == 0 else value


@dataclass
class WierszGodzin:
    para: ParaNormy
    miesiac: MiesiacNormy


def wiersze_godzin(edycja) -> Iterator[WierszGodzin]:
    for para in siatka_edycji(edycja, timezone.localdate()):
        for miesiac in para.miesiace:
            yield WierszGodzin(para, miesiac)


def _doradca(w: WierszGodzin) -> str:
    user = w.para.doradca.uzytkownik
    return user.get_full_name() or user.get_username()


KOLUMNY_GODZIN: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda w: w.para.udzial.edycja.nazwa),
    (gettext_lazy("Doradca"), _doradca),
    (gettext_lazy("Rola"), lambda w: ", ".join(sorted(w.para.role, reverse=True))),
    (gettext_lazy("TERYT"), lambda w: w.para.udzial.jst.teryt),
    (gettext_lazy("JST"), lambda w: str(w.para.udzial.jst.nazwa_pelna)),
    (gettext_lazy("Rok"), lambda w: w.miesiac.miesiac.year),
    (gettext_lazy("Miesiąc"), lambda w: w.miesiac.miesiac.month),
    (gettext_lazy("Zalogowano (h)"), lambda w: godziny_liczba(w.miesiac.zalogowano)),
    (gettext_lazy("Norma (h)"), lambda w: godziny_liczba(w.miesiac.norma)),
    (gettext_lazy("Różnica w miesiącu (h)"), lambda w: godziny_liczba(w.miesiac.zalogowano - w.miesiac.norma)),
    (gettext_lazy("Saldo narastająco (h)"), lambda w: godziny_liczba(w.miesiac.saldo)),
    (gettext_lazy("Status"), lambda w: w.miesiac.status_etykieta),
]


def _odcisk(edycja) -> tuple:
    return (
        str(edycja.norma_godzin), edycja.data_od.isoformat(), edycja.data_do.isoformat(),
        odcisk_zapytania(WpisZdalny.objects.filter(udzial__edycja=edycja), "doradca_id", "udzial_id", "data",
                         "minuty"),
        odcisk_zapytania(PrzydzialDoradcy.objects.filter(udzial__edycja=edycja), "doradca_id", "udzial_id", "rola",
                         "od", "do"),
    )


def _liczba(edycja) -> int:
    # Pairs × months up to today: a cheap upper bound is enough for progress.
    return max(1, PrzydzialDoradcy.objects.filter(udzial__edycja=edycja).count() * 12)


GODZINY = eksport_zarejestruj(Eksport(
    slug="godziny", kolejnosc=60, rodzaj="eksport_godziny", plik="godziny-doradcow",
    tytul=gettext_lazy("Godziny doradztwa zdalnego wobec normy"),
    opis=gettext_lazy("Jeden wiersz na doradcę, JST i miesiąc: zalogowane godziny, norma edycji, różnica, saldo "
                      "narastająco i status normy — te same liczby co w siatce godzin doradców."),
    arkusz=gettext_lazy("Godziny"), kolumny=KOLUMNY_GODZIN, wiersze=wiersze_godzin, liczba=_liczba,
    odcisk=_odcisk, wedlug_dnia=True,  # norm months run up to the current month
))
