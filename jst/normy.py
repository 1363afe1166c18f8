"""Remote-advice hours against the edition's norm (issue 8): per adviser × JST, every calendar month in
which the adviser is assigned for at least one day (partial months count in full) up to the current
month, logged vs norm with a status in text, and the running balance Σ(logged − norm).

The arithmetic (`policz_pary`, `tabela`) is pure; the selectors (`siatka_doradcy`, `siatka_edycji`)
run a fixed number of queries: the assignments with their JST and edition, and the logged minutes
summed by the database per adviser × JST × month. The coordinator's page (`strona_siatki_edycji`)
builds objects and month sums only for the pairs of the page it shows: an edition has thousands."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Edycja
from jst.models import JST, Doradca, PrzydzialDoradcy, WpisZdalny

ZERO = Decimal("0")


class Status(models.TextChoices):
    SPELNIONA = "spelniona", _("spełniona")
    CZESCIOWO = "czesciowo", _("częściowo")
    BRAK = "brak", _("brak")


def status_dla(zalogowano: Decimal, norma: Decimal) -> Status:
    if zalogowano >= norma:  # a norm of 0 counts as met
        return Status.SPELNIONA
    if zalogowano > 0:
        return Status.CZESCIOWO
    return Status.BRAK


def godziny(value: Decimal | int | float | None) -> str:
    """Hours in Polish format: "1,5 h", "0,25 h", "−1,0 h" (a true minus sign)."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    miejsca = 1 if value == value.quantize(Decimal("0.1")) else 2
    text = formats.number_format(abs(value), decimal_pos=miejsca, use_l10n=True, force_grouping=True)
    return f"{'−' if value < 0 else ''}{text} h"


def minuty_na_godziny(minuty: int) -> Decimal:
    return Decimal(minuty or 0) / Decimal(60)


def pierwszy_dzien(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def nastepny_miesiac(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def miesiace(od: datetime.date, do: datetime.date) -> list[datetime.date]:
    """First days of every month touched by [od, do] (empty when od > do)."""
    result, month = [], pierwszy_dzien(od)
    while od <= do and month <= do:
        result.append(month)
        month = nastepny_miesiac(month)
    return result


def etykieta_miesiaca(month: datetime.date) -> str:
    """"paź 2022" in Polish (Django's localised three-letter month names)."""
    return dateformat.format(month, "b Y")


def pelna_nazwa_miesiaca(month: datetime.date) -> str:
    """"październik 2022"."""
    return dateformat.format(month, "F Y").lower()


class _Bilans:
    """Status and hour texts of a month or a pair (anything with `norma`, `zalogowano` and `saldo`)."""

    @property
    def status(self) -> Status:
        return status_dla(self.zalogowano, self.norma)

    @property
    def status_etykieta(self) -> str:
        return str(self.status.label)

    @property
    def norma_h(self) -> str:
        return godziny(self.norma)

    @property
    def zalogowano_h(self) -> str:
        return godziny(self.zalogowano)

    @property
    def saldo_h(self) -> str:
        return godziny(self.saldo)


@dataclass
class MiesiacNormy(_Bilans):
    miesiac: datetime.date
    norma: Decimal = ZERO
    zalogowano: Decimal = ZERO
    saldo: Decimal = ZERO

    @property
    def etykieta(self) -> str:
        return etykieta_miesiaca(self.miesiac)


@dataclass
class ParaNormy(_Bilans):
    """One adviser × one JST: the norm months in order, each with its running balance."""

    doradca: Doradca
    udzial: object
    role: list[str] = field(default_factory=list)
    miesiace: list[MiesiacNormy] = field(default_factory=list)
    komorki: list[MiesiacNormy | None] = field(default_factory=list)  # aligned to a table's columns

    @property
    def norma(self) -> Decimal:
        return sum((m.norma for m in self.miesiace), ZERO)

    @property
    def zalogowano(self) -> Decimal:
        return sum((m.zalogowano for m in self.miesiace), ZERO)

    @property
    def saldo(self) -> Decimal:
        return self.zalogowano - self.norma

    @property
    def miesiac(self) -> dict[datetime.date, MiesiacNormy]:
        return {m.miesiac: m for m in self.miesiace}


def miesiace_przydzialu(przydzial: PrzydzialDoradcy, edycja: Edycja, dzis: datetime.date) -> list[datetime.date]:
    """Norm months of one assignment: clipped to the edition (an open assignment of a past edition ends
    with it) and to today (no future months)."""
    return _miesiace_normy(przydzial.od, przydzial.do, edycja, dzis)


def _miesiace_normy(od: datetime.date, do: datetime.date | None, edycja: Edycja,
                    dzis: datetime.date) -> list[datetime.date]:
    return miesiace(max(od, edycja.data_od), min(do or edycja.data_do, edycja.data_do, dzis))


def policz_pary(przydzialy: Iterable[PrzydzialDoradcy], minuty: dict[tuple[int, int, datetime.date], int],
                dzis: datetime.date) -> list[ParaNormy]:
    """Pairs from assignments (several assignments of one adviser to one JST merge) and the minutes
    logged per (adviser id, participation id, first day of month). Months with entries outside the
    assignment (e.g. after it was shortened) still show, with a norm of 0."""
    pary: dict[tuple[int, int], ParaNormy] = {}
    norm_months: dict[tuple[int, int], set] = defaultdict(set)
    logged_by_pair: dict[tuple[int, int], dict[datetime.date, int]] = defaultdict(dict)
    for (d, u, m), v in minuty.items():  # grouped once: a scan per pair was quadratic at national scale
        if m <= dzis:
            logged_by_pair[(d, u)][m] = v
    for p in przydzialy:
        key = (p.doradca_id, p.udzial_id)
        para = pary.get(key)
        if para is None:
            para = pary[key] = ParaNormy(doradca=p.doradca, udzial=p.udzial)
        if p.rola not in para.role:
            para.role.append(p.rola)
        norm_months[key].update(miesiace_przydzialu(p, p.udzial.edycja, dzis))
    for key, para in pary.items():
        norma = para.udzial.edycja.norma_godzin
        logged = logged_by_pair.get(key, {})
        months = sorted(norm_months[key] | set(logged))
        saldo = ZERO
        for month in months:
            entry = MiesiacNormy(month, norma if month in norm_months[key] else ZERO,
                                 minuty_na_godziny(logged.get(month, 0)))
            saldo += entry.zalogowano - entry.norma
            entry.saldo = saldo
            para.miesiace.append(entry)
    return sorted(pary.values(), key=lambda p: (p.udzial.jst.nazwa_pelna.lower(), p.udzial.pk,
                                                p.doradca.uzytkownik.last_name.lower(), p.doradca.pk))


def _minuty(wpisy) -> dict[tuple[int, int, datetime.date], int]:
    rows = (wpisy.annotate(m=TruncMonth("data")).values("doradca_id", "udzial_id", "m")
            .annotate(s=Sum("minuty")).order_by())
    return {(r["doradca_id"], r["udzial_id"], pierwszy_dzien(r["m"])): r["s"] for r in rows}


def _przydzialy():
    return PrzydzialDoradcy.objects.select_related("doradca__uzytkownik", "udzial__jst", "udzial__edycja")


def siatka_doradcy(doradca: Doradca, dzis: datetime.date | None = None) -> list[ParaNormy]:
    """The adviser's JSTs (former ones too) × months. Two queries."""
    dzis = dzis or timezone.localdate()
    return policz_pary(_przydzialy().filter(doradca=doradca), _minuty(WpisZdalny.objects.filter(doradca=doradca)),
                       dzis)


def siatka_edycji(edycja: Edycja, dzis: datetime.date | None = None) -> list[ParaNormy]:
    """Every adviser × JST pair of the edition. Two queries."""
    dzis = dzis or timezone.localdate()
    return policz_pary(_przydzialy().filter(udzial__edycja=edycja),
                       _minuty(WpisZdalny.objects.filter(udzial__edycja=edycja)), dzis)


@dataclass
class Tabela:
    """A grid for a template: month columns, pairs with cells aligned, per-month and overall totals."""

    kolumny: list[datetime.date]
    wiersze: list[ParaNormy]
    sumy: list[MiesiacNormy]
    suma: ParaNormy | None = None

    @property
    def etykiety(self) -> list[str]:
        return [etykieta_miesiaca(m) for m in self.kolumny]


def tabela(pary: list[ParaNormy], kolumny: list[datetime.date] | None = None) -> Tabela:
    if kolumny is None:
        kolumny = sorted({m.miesiac for p in pary for m in p.miesiace})
    sumy = {m: MiesiacNormy(m) for m in kolumny}
    for para in pary:
        by_month = para.miesiac
        para.komorki = [by_month.get(m) for m in kolumny]
        for m in para.miesiace:
            if m.miesiac in sumy:
                sumy[m.miesiac].norma += m.norma
                sumy[m.miesiac].zalogowano += m.zalogowano
    razem = ParaNormy(doradca=None, udzial=None, miesiace=[MiesiacNormy(m.miesiac, m.norma, m.zalogowano)
                                                          for p in pary for m in p.miesiace])
    return Tabela(kolumny=kolumny, wiersze=pary, sumy=[sumy[m] for m in kolumny], suma=razem)


def kolumny_edycji(edycja: Edycja, dzis: datetime.date | None = None) -> list[datetime.date]:
    dzis = dzis or timezone.localdate()
    return miesiace(edycja.data_od, min(edycja.data_do, dzis))


# --- the coordinator's grid, one page at a time --------------------------------------------------

NA_STRONIE = 50
PONIZEJ_NORMY = "ponizej"  # the status filter's "below the norm": partly met or nothing logged


@dataclass
class Bilans(_Bilans):
    """Totals of many pairs (the grid's "Razem" across every page)."""

    norma: Decimal = ZERO
    zalogowano: Decimal = ZERO

    @property
    def saldo(self) -> Decimal:
        return self.zalogowano - self.norma


@dataclass
class _Para:
    """What the whole edition needs of a pair before a page is chosen: norm months, logged total, order."""

    klucz_sortowania: tuple
    miesiace: set = field(default_factory=set)
    minuty: int = 0


def filtr_par(*, doradca: str = "", jst: str = "") -> Q:
    """Filters of the grid as a Q valid on both PrzydzialDoradcy and WpisZdalny (both have `doradca`
    and `udzial`): an adviser by name (every word) or id, a JST by name or TERYT prefix."""
    q = Q()
    doradca, jst = (doradca or "").strip(), (jst or "").strip()
    if doradca.isdigit():
        q &= Q(doradca_id=int(doradca))
    else:
        for slowo in doradca.split():
            q &= Q(doradca__uzytkownik__last_name__icontains=slowo) | Q(doradca__uzytkownik__first_name__icontains=slowo)
    if jst.isdigit():
        q &= Q(udzial__jst__teryt__startswith=jst) | Q(udzial__jst__teryt_gminy__startswith=jst)
    elif jst:
        q &= Q(udzial__jst__nazwa__icontains=jst)
    return q


def _pasuje(status: Status, wybrany: str) -> bool:
    if not wybrany:
        return True
    if wybrany == PONIZEJ_NORMY:
        return status is not Status.SPELNIONA
    return status == wybrany


def strona_siatki_edycji(edycja: Edycja, *, filtr: Q | None = None, status: str = "", numer=None,
                         na_stronie: int = NA_STRONIE, dzis: datetime.date | None = None):
    """One page of the edition's adviser × JST grid and the totals of every pair matching the filters.

    Five queries whatever the size of the edition: the filtered assignments as plain tuples (norm months
    and order of every pair), the minutes logged per pair (overall status, the status filter, totals),
    the page's assignments with their adviser and JST, the page's minutes per month, and the minutes
    per month of every matching pair for the column totals. Returns (page, Tabela)."""
    dzis = dzis or timezone.localdate()
    filtr = filtr if filtr is not None else Q()
    koniec = nastepny_miesiac(pierwszy_dzien(dzis))  # entries of the current month count, later ones not
    kolumny = kolumny_edycji(edycja, dzis)
    norma = edycja.norma_godzin

    pary: dict[tuple[int, int], _Para] = {}
    prefiksy = {r: JST(nazwa="", rodzaj=r).nazwa_pelna for r in JST.Rodzaj.values}  # "Gmina ", "Powiat "…
    okresy: dict[tuple, list[datetime.date]] = {}  # most assignments share their dates
    for d, u, od, do, nazwa, rodzaj, nazwisko in (
            PrzydzialDoradcy.objects.filter(filtr, udzial__edycja=edycja).order_by()
            .values_list("doradca_id", "udzial_id", "od", "do", "udzial__jst__nazwa", "udzial__jst__rodzaj",
                         "doradca__uzytkownik__last_name")):
        para = pary.get((d, u))
        if para is None:
            # The order of policz_pary: JST's full name, participation, adviser's surname, adviser.
            nazwa_pelna = prefiksy.get(rodzaj, prefiksy[JST.Rodzaj.GMINA_WIEJSKA]) + nazwa
            para = pary[(d, u)] = _Para((nazwa_pelna.lower(), u, nazwisko.lower(), d))
        if (od, do) not in okresy:
            okresy[(od, do)] = _miesiace_normy(od, do, edycja, dzis)
        para.miesiace.update(okresy[(od, do)])
    wpisy = WpisZdalny.objects.filter(filtr, udzial__edycja=edycja, data__lt=koniec).order_by()
    for d, u, minuty in wpisy.values_list("doradca_id", "udzial_id").annotate(s=Sum("minuty")):
        if (d, u) in pary:
            pary[(d, u)].minuty = minuty or 0

    wybrane = [key for key, para in pary.items()
               if _pasuje(status_dla(minuty_na_godziny(para.minuty), norma * len(para.miesiace)), status)]
    wybrane.sort(key=lambda key: pary[key].klucz_sortowania)
    strona = Paginator(wybrane, na_stronie).get_page(numer)

    klucze = list(strona.object_list)
    doradcy, udzialy = {d for d, _u in klucze}, {u for _d, u in klucze}
    na_tej = set(klucze)
    przydzialy = [p for p in _przydzialy().filter(udzial__edycja=edycja, doradca_id__in=doradcy, udzial_id__in=udzialy)
                  if (p.doradca_id, p.udzial_id) in na_tej]
    minuty = _minuty(WpisZdalny.objects.filter(udzial__edycja=edycja, doradca_id__in=doradcy, udzial_id__in=udzialy))
    na_stronie_pary = {(p.doradca.pk, p.udzial.pk): p for p in policz_pary(przydzialy, minuty, dzis)}
    wiersze = [na_stronie_pary[key] for key in klucze]
    for para in wiersze:
        by_month = para.miesiac
        para.komorki = [by_month.get(m) for m in kolumny]

    miesiace_norm: Counter = Counter()
    for key in wybrane:
        miesiace_norm.update(pary[key].miesiace)
    suma = Bilans(norma=norma * sum(miesiace_norm.values()),
                  zalogowano=minuty_na_godziny(sum(pary[key].minuty for key in wybrane)))
    minuty_miesiecy: Counter = Counter()
    for m, minuty_miesiaca in _minuty_miesiecy(wpisy.filter(data__gte=kolumny[0]) if kolumny else wpisy.none(),
                                               wybrane if status else None):
        minuty_miesiecy[m] += minuty_miesiaca
    sumy = [MiesiacNormy(m, norma * miesiace_norm[m], minuty_na_godziny(minuty_miesiecy[m])) for m in kolumny]
    return strona, Tabela(kolumny=kolumny, wiersze=wiersze, sumy=sumy, suma=suma)


def _minuty_miesiecy(wpisy, wybrane: list[tuple[int, int]] | None):
    """(month, minutes) of the matching pairs. Without a status filter the pairs are exactly those with an
    assignment that match the SQL filters, so the database sums by month (a dozen rows); the status filter
    is computed here, so then the sums come per pair × month and only the chosen pairs count."""
    if wybrane is None:
        rows = (wpisy.filter(Exists(PrzydzialDoradcy.objects.filter(doradca=OuterRef("doradca"),
                                                                    udzial=OuterRef("udzial"))))
                .annotate(m=TruncMonth("data")).values_list("m").annotate(s=Sum("minuty")))
        for m, s in rows:
            yield pierwszy_dzien(m), s or 0
        return
    wybrane = set(wybrane)
    rows = wpisy.annotate(m=TruncMonth("data")).values_list("doradca_id", "udzial_id", "m").annotate(s=Sum("minuty"))
    for d, u, m, s in rows:
        if (d, u) in wybrane:
            yield pierwszy_dzien(m), s or 0
