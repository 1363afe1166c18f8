"""The dashboard's hours panel (issue 12): the whole edition's remote-advice hours against the norm in a
few numbers — totals, this month's pairs below the norm, the advisers and the adviser × JST pairs most
behind — instead of a row per pair (5,600 at national scale; the month-by-month grid stays on
`jst:godziny_edycji`).

The rules are `jst.normy`'s: a pair's norm months are the months it is assigned for at least one day,
clipped to the edition and to today; its logged hours are everything logged up to the end of the
current month; its status compares the two. The database sums the minutes; Python only counts months
per assignment. Four queries whatever the number of pairs."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from doradztwo.wykresy import wykres_slupkowy
from jst import normy
from jst.models import Doradca, PrzydzialDoradcy, Udzial, WpisZdalny

NAJGORSZYCH_DORADCOW = 10
NAJGORSZYCH_PAR = 20


@dataclass
class Bilans:
    """Norm and logged hours of a pair or an adviser, with the texts of `jst.normy`."""

    norma: Decimal = normy.ZERO
    zalogowano: Decimal = normy.ZERO

    @property
    def saldo(self) -> Decimal:
        return self.zalogowano - self.norma

    @property
    def status(self) -> normy.Status:
        return normy.status_dla(self.zalogowano, self.norma)

    @property
    def status_etykieta(self) -> str:
        return str(self.status.label)

    @property
    def norma_h(self) -> str:
        return normy.godziny(self.norma)

    @property
    def zalogowano_h(self) -> str:
        return normy.godziny(self.zalogowano)

    @property
    def saldo_h(self) -> str:
        return normy.godziny(self.saldo)


@dataclass
class Para(Bilans):
    doradca_id: int = 0
    udzial_id: int = 0
    nazwa_jst: str = ""
    role: list[str] = field(default_factory=list)
    miesiace: set = field(default_factory=set)
    w_tym_miesiacu: bool = False  # assigned in the current month
    ponizej_w_miesiacu: bool = False  # and logged less than the month's norm
    doradca: Doradca | None = None
    udzial: Udzial | None = None


@dataclass
class BilansDoradcy(Bilans):
    doradca_id: int = 0
    jst: int = 0
    ponizej: int = 0  # pairs whose balance is below the norm
    doradca: Doradca | None = None


def _miesiace(od: datetime.date, do: datetime.date) -> int:
    return (do.year - od.year) * 12 + do.month - od.month + 1 if od <= do else 0


def godziny_edycji(edycja, dzis: datetime.date | None = None) -> dict:
    dzis = dzis or timezone.localdate()
    ten_miesiac = dzis.replace(day=1)
    nastepny = normy.nastepny_miesiac(ten_miesiac)
    norma_miesiaca = edycja.norma_godzin

    pary: dict[tuple[int, int], Para] = {}
    for doradca_id, udzial_id, rola, od, do, nazwa in (
            PrzydzialDoradcy.objects.filter(udzial__edycja=edycja).order_by("pk")
            .values_list("doradca_id", "udzial_id", "rola", "od", "do", "udzial__jst__nazwa")):
        para = pary.get((doradca_id, udzial_id))
        if para is None:
            para = pary[(doradca_id, udzial_id)] = Para(doradca_id=doradca_id, udzial_id=udzial_id, nazwa_jst=nazwa)
        if rola not in para.role:
            para.role.append(rola)
        # normy.miesiace_przydzialu: clipped to the edition (an open assignment ends with it) and to today.
        start, end = max(od, edycja.data_od), min(do or edycja.data_do, edycja.data_do, dzis)
        if start <= end:
            para.miesiace.add((start, end))
            para.w_tym_miesiacu |= end >= ten_miesiac
    minuty = {(r["doradca_id"], r["udzial_id"]): r for r in (
        WpisZdalny.objects.filter(udzial__edycja=edycja, data__lt=nastepny).values("doradca_id", "udzial_id")
        .annotate(razem=Sum("minuty"), w_miesiacu=Sum("minuty", filter=Q(data__gte=ten_miesiac))).order_by())}

    statusy = Counter()
    doradcy: dict[int, BilansDoradcy] = {}
    for klucz, para in pary.items():
        if len(para.miesiace) == 1:
            (zakres,) = para.miesiace
            liczba = _miesiace(*zakres)
        else:  # several assignments of one adviser to one JST: their months merge
            liczba = len({m for od, do in para.miesiace for m in normy.miesiace(od, do)})
        para.norma = norma_miesiaca * liczba
        wpisy = minuty.get(klucz)
        para.zalogowano = normy.minuty_na_godziny(wpisy["razem"] if wpisy else 0)
        w_miesiacu = normy.minuty_na_godziny(wpisy["w_miesiacu"] if wpisy else 0)
        para.ponizej_w_miesiacu = para.w_tym_miesiacu and w_miesiacu < norma_miesiaca
        statusy[para.status] += 1
        d = doradcy.setdefault(para.doradca_id, BilansDoradcy(doradca_id=para.doradca_id))
        d.jst += 1
        d.norma += para.norma
        d.zalogowano += para.zalogowano
        d.ponizej += para.status != normy.Status.SPELNIONA

    najgorsze_pary = sorted(pary.values(), key=lambda p: (p.saldo, p.nazwa_jst.lower(), p.udzial_id,
                                                          p.doradca_id))[:NAJGORSZYCH_PAR]
    najgorsi = sorted(doradcy.values(), key=lambda d: (d.saldo, d.doradca_id))[:NAJGORSZYCH_DORADCOW]
    # Names only for the rows shown: two queries.
    potrzebni = {p.doradca_id for p in najgorsze_pary} | {d.doradca_id for d in najgorsi}
    osoby = Doradca.objects.select_related("uzytkownik").in_bulk(potrzebni) if potrzebni else {}
    jsty = (Udzial.objects.select_related("jst").in_bulk({p.udzial_id for p in najgorsze_pary})
            if najgorsze_pary else {})
    for p in najgorsze_pary:
        p.doradca, p.udzial = osoby[p.doradca_id], jsty[p.udzial_id]
    for d in najgorsi:
        d.doradca = osoby[d.doradca_id]

    w_miesiacu = [p for p in pary.values() if p.w_tym_miesiacu]
    ponizej = [p for p in w_miesiacu if p.ponizej_w_miesiacu]
    wykres = None
    if pary:
        wykres = wykres_slupkowy(
            _("Pary doradca × JST według wykonania normy godzin"),
            [capfirst(str(s.label)) for s in normy.Status], [statusy[s] for s in normy.Status],
            opis=_("Wykres słupkowy: liczba par doradca × JST, które spełniły normę godzin doradztwa zdalnego, "
                   "spełniły ją częściowo albo nie mają godzin (razem %(n)d par). Dokładne liczby są w tabeli pod "
                   "wykresem.") % {"n": len(pary)},
            naglowek_wartosci=_("Liczba par"),
        )
    return {
        "liczba_par": len(pary),
        "liczba_doradcow": len(doradcy),
        "razem": Bilans(norma=sum((p.norma for p in pary.values()), normy.ZERO),
                        zalogowano=sum((p.zalogowano for p in pary.values()), normy.ZERO)),
        "wykres": wykres,
        "miesiac": normy.pelna_nazwa_miesiaca(ten_miesiac),
        "norma_miesiaca": normy.godziny(norma_miesiaca),
        "par_w_miesiacu": len(w_miesiacu),
        "ponizej_w_miesiacu": len(ponizej),
        "doradcow_ponizej_w_miesiacu": len({p.doradca_id for p in ponizej}),
        "jst_ponizej_w_miesiacu": len({p.udzial_id for p in ponizej}),
        "doradcy": najgorsi,
        "pary": najgorsze_pary,
    }
