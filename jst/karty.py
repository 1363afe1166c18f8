"""Monthly timesheets (karta czasu pracy, issue 8): an adviser's remote entries and visit days of one
month in one edition, submitted by the adviser and approved or returned by the edition's coordinator
(doradztwo.przeglad). An approved month is locked: `sprawdz_miesiac_otwarty` is called by every
service that creates, edits or deletes remote entries and visits."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.models import Edycja
from doradztwo.przeglad import PRZEGLAD, StanPrzegladu, historia, zmien_stan
from doradztwo.services import KonfliktWersji
from jst.models import Doradca, KartaCzasuPracy, Wizyta, WpisZdalny
from jst.normy import godziny, minuty_na_godziny, nastepny_miesiac, pelna_nazwa_miesiaca


def pierwszy_dzien(data: datetime.date) -> datetime.date:
    return data.replace(day=1)


def miesiac_zablokowany(doradca, edycja, data: datetime.date) -> bool:
    """True when the adviser's card for the month of `data` in `edycja` is approved."""
    return KartaCzasuPracy.objects.filter(
        doradca=doradca, edycja=edycja, miesiac=pierwszy_dzien(data), stan=StanPrzegladu.ZATWIERDZONA,
    ).exists()


def sprawdz_miesiac_otwarty(*, doradca, edycja, data: datetime.date) -> None:
    """Refuse any change to remote entries or visits dated in an approved month (evidence of EU-funded hours)."""
    if miesiac_zablokowany(doradca, edycja, data):
        raise ValidationError(
            _("Miesiąc %(m)s jest zatwierdzony na karcie czasu pracy — wpisów nie można dodawać, "
              "zmieniać ani usuwać.") % {"m": pelna_nazwa_miesiaca(pierwszy_dzien(data))},
            code="miesiac_zatwierdzony",
        )


# --- queries -------------------------------------------------------------------------------------

def etykieta_stanu(stan: str) -> str:
    return str(dict(StanPrzegladu.choices).get(stan, stan))


def edycje_doradcy(doradca: Doradca):
    """Editions in which the adviser has (or had) an assignment."""
    return Edycja.objects.filter(udzialy__przydzialy__doradca=doradca).distinct().order_by("-data_od")


def doradca_w_edycji(doradca: Doradca, edycja: Edycja) -> bool:
    return doradca.przydzialy.filter(udzial__edycja=edycja).exists()


def miesiac_w_edycji(edycja: Edycja, miesiac: datetime.date) -> bool:
    return pierwszy_dzien(edycja.data_od) <= miesiac <= edycja.data_do


def miesiace_edycji(edycja: Edycja) -> list[datetime.date]:
    result, month = [], pierwszy_dzien(edycja.data_od)
    while month <= edycja.data_do:
        result.append(month)
        month = nastepny_miesiac(month)
    return result


def miesiac_domyslny(edycja: Edycja, dzis: datetime.date | None = None) -> datetime.date:
    """The current month when it is inside the edition, else the edition's nearest end."""
    dzis = pierwszy_dzien(dzis or timezone.localdate())
    months = miesiace_edycji(edycja)
    return min(max(dzis, months[0]), months[-1])


@dataclass
class DzienWizyty:
    wizyta: Wizyta
    od: datetime.date
    do: datetime.date

    @property
    def dni(self) -> int:
        return (self.do - self.od).days + 1


class _StanKarty:
    """The month's state and hours, as the timesheet and the edition's list of timesheets show them
    (`karta`: the stored timesheet or None, `minuty`: the month's logged minutes)."""

    @property
    def stan(self) -> str:
        return self.karta.stan if self.karta else StanPrzegladu.ROBOCZA

    @property
    def stan_etykieta(self) -> str:
        return etykieta_stanu(self.stan)

    @property
    def godziny_h(self) -> str:
        return godziny(minuty_na_godziny(self.minuty))


@dataclass
class Karta(_StanKarty):
    """Everything the timesheet page and the PDF show."""

    doradca: Doradca
    edycja: Edycja
    miesiac: datetime.date
    karta: KartaCzasuPracy | None
    wpisy: list[WpisZdalny] = field(default_factory=list)
    wizyty: list[DzienWizyty] = field(default_factory=list)
    dni_wizyt: int = 0

    @property
    def wersja(self) -> int:
        return self.karta.wersja if self.karta else 0

    @property
    def zatwierdzona(self) -> bool:
        return self.stan == StanPrzegladu.ZATWIERDZONA

    @property
    def minuty(self) -> int:
        return sum(w.minuty for w in self.wpisy)

    @property
    def godziny(self) -> Decimal:
        return minuty_na_godziny(self.minuty)

    @property
    def nazwa_miesiaca(self) -> str:
        return pelna_nazwa_miesiaca(self.miesiac)

    @property
    def mozna_zlozyc(self) -> bool:
        return self.stan in PRZEGLAD["zloz"].z and self.miesiac <= timezone.localdate()

    def mozna(self, akcja: str) -> bool:
        return self.stan in PRZEGLAD[akcja].z

    @property
    def mozna_zatwierdzic(self) -> bool:
        return self.mozna("zatwierdz")

    @property
    def mozna_zwrocic(self) -> bool:
        return self.mozna("zwroc")

    @property
    def mozna_otworzyc(self) -> bool:
        return self.mozna("otworz")

    def historia(self) -> list:
        zmiany = list(historia(self.karta, "stan")) if self.karta else []
        for zmiana in zmiany:
            zmiana.etykieta = etykieta_stanu(zmiana.na_stan)
        return zmiany


def _wizyty_miesiaca(doradca: Doradca, edycja: Edycja, miesiac: datetime.date):
    koniec = nastepny_miesiac(miesiac)
    return Wizyta.objects.filter(doradcy=doradca, udzial__edycja=edycja, od__lt=koniec, do__gte=miesiac)


def dni_w_miesiacu(od: datetime.date, do: datetime.date, miesiac: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The part of [od, do] inside the month."""
    ostatni = nastepny_miesiac(miesiac) - datetime.timedelta(days=1)
    return max(od, miesiac), min(do, ostatni)


def policz_dni(zakresy) -> int:
    """Distinct calendar days covered by (od, do) ranges: two visits on one day are one day of work."""
    dni: set[datetime.date] = set()
    for od, do in zakresy:
        day = od
        while day <= do:
            dni.add(day)
            day += datetime.timedelta(days=1)
    return len(dni)


def karta_miesiaca(doradca: Doradca, edycja: Edycja, miesiac: datetime.date) -> Karta:
    """The adviser's timesheet for a month: a fixed number of queries."""
    koniec = nastepny_miesiac(miesiac)
    karta = KartaCzasuPracy.objects.filter(doradca=doradca, edycja=edycja, miesiac=miesiac).first()
    wpisy = list(WpisZdalny.objects.filter(doradca=doradca, udzial__edycja=edycja, data__gte=miesiac, data__lt=koniec)
                 .select_related("udzial__jst").order_by("data", "poczatek", "pk"))
    wizyty = []
    for wizyta in _wizyty_miesiaca(doradca, edycja, miesiac).select_related("udzial__jst").order_by("od", "pk"):
        od, do = dni_w_miesiacu(wizyta.od, wizyta.do, miesiac)
        wizyty.append(DzienWizyty(wizyta, od, do))
    return Karta(doradca=doradca, edycja=edycja, miesiac=miesiac, karta=karta, wpisy=wpisy, wizyty=wizyty,
                 dni_wizyt=policz_dni((w.od, w.do) for w in wizyty))


@dataclass
class WierszEdycji(_StanKarty):
    doradca: Doradca
    karta: KartaCzasuPracy | None
    minuty: int = 0
    dni_wizyt: int = 0


def doradcy_edycji(edycja: Edycja, *, szukaj: str = "") -> QuerySet[Doradca]:
    """The edition's advisers in the order of the month page, optionally by name (every word must match)."""
    doradcy = (Doradca.objects.filter(przydzialy__udzial__edycja=edycja).distinct().select_related("uzytkownik")
               .order_by("uzytkownik__last_name", "uzytkownik__first_name", "pk"))
    for slowo in szukaj.split():
        doradcy = doradcy.filter(Q(uzytkownik__last_name__icontains=slowo) | Q(uzytkownik__first_name__icontains=slowo))
    return doradcy


def karty_edycji(edycja: Edycja, miesiac: datetime.date, doradcy: Iterable[Doradca] | None = None) -> list[WierszEdycji]:
    """The advisers (by default every adviser of the edition; the month page passes one page of them) with
    the month's state and totals: four queries whatever the count, sums only for the advisers given."""
    koniec = nastepny_miesiac(miesiac)
    doradcy = list(doradcy_edycji(edycja) if doradcy is None else doradcy)
    ids = [d.pk for d in doradcy]
    karty = {k.doradca_id: k for k in KartaCzasuPracy.objects.filter(edycja=edycja, miesiac=miesiac,
                                                                     doradca_id__in=ids)}
    minuty = dict(WpisZdalny.objects.filter(udzial__edycja=edycja, data__gte=miesiac, data__lt=koniec,
                                            doradca_id__in=ids)
                  .values("doradca").annotate(suma=Sum("minuty")).values_list("doradca", "suma"))
    zakresy: dict[int, list] = {}
    for doradca_id, od, do in (Wizyta.doradcy.through.objects
                               .filter(wizyta__udzial__edycja=edycja, wizyta__od__lt=koniec, wizyta__do__gte=miesiac,
                                       doradca_id__in=ids)
                               .values_list("doradca_id", "wizyta__od", "wizyta__do")):
        zakresy.setdefault(doradca_id, []).append(dni_w_miesiacu(od, do, miesiac))
    return [WierszEdycji(d, karty.get(d.pk), minuty.get(d.pk) or 0, policz_dni(zakresy.get(d.pk, [])))
            for d in doradcy]


def liczba_do_zatwierdzenia(edycja: Edycja, miesiac: datetime.date) -> int:
    """Submitted cards of the month: what the bulk approval (`karty_zatwierdz_miesiac`) would approve."""
    return KartaCzasuPracy.objects.filter(edycja=edycja, miesiac=miesiac, stan=StanPrzegladu.ZLOZONA).count()


# --- services ------------------------------------------------------------------------------------

def _link(karta: KartaCzasuPracy) -> str:
    return reverse("jst:karta", kwargs={"pk": karta.edycja_id, "doradca_pk": karta.doradca_id,
                                        "miesiac": karta.miesiac})


def _sprawdz_wersje(karta: KartaCzasuPracy | None, wersja: int | None) -> None:
    # A card not yet created has version 0 on the page.
    current = karta.wersja if karta else 0
    if wersja is not None and int(wersja) != current:
        raise KonfliktWersji(karta)


@transaction.atomic
def karta_zloz(*, doradca: Doradca, edycja: Edycja, miesiac: datetime.date, actor,
               wersja: int | None = None) -> KartaCzasuPracy:
    """The adviser submits their month (the row is created on first submission)."""
    if miesiac > timezone.localdate():
        raise ValidationError(_("Nie można złożyć karty za miesiąc, który jeszcze się nie zaczął."))
    existing = KartaCzasuPracy.objects.select_for_update().filter(doradca=doradca, edycja=edycja,
                                                                  miesiac=miesiac).first()
    _sprawdz_wersje(existing, wersja)
    karta = existing or KartaCzasuPracy.objects.create(doradca=doradca, edycja=edycja, miesiac=miesiac)
    nazwa = pelna_nazwa_miesiaca(miesiac)
    zmien_stan(karta, przejscia=PRZEGLAD, akcja="zloz", actor=actor, nazwa="karta_czasu_pracy",
               odbiorcy=list(edycja.koordynatorzy.all()),
               tytul=_("Karta czasu pracy do akceptacji: %(kto)s, %(m)s") % {"kto": doradca, "m": nazwa},
               tresc=_("%(kto)s złożył(a) kartę czasu pracy za %(m)s (%(e)s).") % {
                   "kto": doradca, "m": nazwa, "e": edycja.nazwa},
               link=_link(karta))
    return karta


TRESCI = {
    "zatwierdz": (gettext_lazy("Karta czasu pracy za %(m)s zatwierdzona"),
                  gettext_lazy("Koordynator zatwierdził Twoją kartę czasu pracy za %(m)s (%(e)s). Wpisy z tego "
                               "miesiąca są zablokowane.")),
    "zwroc": (gettext_lazy("Karta czasu pracy za %(m)s zwrócona do poprawy"),
              gettext_lazy("Koordynator zwrócił Twoją kartę czasu pracy za %(m)s (%(e)s) do poprawy.")),
    "otworz": (gettext_lazy("Karta czasu pracy za %(m)s ponownie otwarta"),
               gettext_lazy("Koordynator ponownie otworzył Twoją kartę czasu pracy za %(m)s (%(e)s). Wpisy z tego "
                            "miesiąca można znów zmieniać.")),
}
AKCJE_KOORDYNATORA = tuple(TRESCI)


def _zmien_jako_koordynator(karta: KartaCzasuPracy, *, akcja: str, powod: str, actor) -> None:
    tytul, tresc = TRESCI[akcja]
    params = {"m": pelna_nazwa_miesiaca(karta.miesiac), "e": karta.edycja.nazwa}
    zmien_stan(karta, przejscia=PRZEGLAD, akcja=akcja, actor=actor, powod=powod, nazwa="karta_czasu_pracy",
               odbiorcy=[karta.doradca.uzytkownik], tytul=str(tytul) % params, tresc=str(tresc) % params,
               link=_link(karta))


@transaction.atomic
def karta_decyzja(*, doradca: Doradca, edycja: Edycja, miesiac: datetime.date, akcja: str, actor,
                  powod: str = "", wersja: int | None = None) -> KartaCzasuPracy:
    """The coordinator approves, returns (reason required) or reopens (reason required) a month."""
    if akcja not in AKCJE_KOORDYNATORA:
        raise ValidationError(_("Nieznana operacja."))
    existing = KartaCzasuPracy.objects.select_for_update().select_related("edycja", "doradca__uzytkownik").filter(
        doradca=doradca, edycja=edycja, miesiac=miesiac).first()
    _sprawdz_wersje(existing, wersja)
    # Approving a month the adviser never submitted is allowed (PRZEGLAD: robocza → zatwierdzona).
    karta = existing or KartaCzasuPracy.objects.create(doradca=doradca, edycja=edycja, miesiac=miesiac)
    _zmien_jako_koordynator(karta, akcja=akcja, powod=powod, actor=actor)
    return karta


@transaction.atomic
def karty_zatwierdz_miesiac(*, edycja: Edycja, miesiac: datetime.date, actor) -> int:
    """Approve every submitted card of the month at once (one audit entry and notification each)."""
    karty = list(KartaCzasuPracy.objects.select_related("edycja", "doradca__uzytkownik").filter(
        edycja=edycja, miesiac=miesiac, stan=StanPrzegladu.ZLOZONA).order_by("pk"))
    for karta in karty:
        _zmien_jako_koordynator(karta, akcja="zatwierdz", powod="", actor=actor)
    return len(karty)


def klucz_karty(doradca: Doradca, edycja: Edycja, miesiac: datetime.date) -> list:
    """What the printed card is made of (for the PDF job's data digest)."""
    koniec = nastepny_miesiac(miesiac)
    karta = KartaCzasuPracy.objects.filter(doradca=doradca, edycja=edycja, miesiac=miesiac).values_list(
        "stan", "wersja").first()
    wpisy = list(WpisZdalny.objects.filter(doradca=doradca, udzial__edycja=edycja, data__gte=miesiac, data__lt=koniec)
                 .order_by("pk").values_list("pk", "wersja"))
    wizyty = list(_wizyty_miesiaca(doradca, edycja, miesiac).order_by("pk").values_list("pk", "wersja", "od", "do"))
    return [karta, wpisy, wizyty, str(doradca), edycja.nazwa]

