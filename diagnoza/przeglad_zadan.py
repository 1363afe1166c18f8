"""The coordinator's overview of the data-collection task in an edition: one row per participation
(state, the two resource areas, how far the data is), and per indicator how many JSTs of the edition
chose it and reported values (by kind of JST, since the comparison needs three of a kind). Read
queries only, a fixed number of them whatever the number of participations: the rows are built for
one page of participations, the indicator summary is aggregated in SQL over the whole edition."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Func, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from diagnoza.models import ObszarZadania, TabelaDanych, WartoscWskaznika, Wskaznik, ZadanieDanych
from doradztwo.models import Edycja, ZmianaStanu
from doradztwo.przeglad import StanPrzegladu
from jst.models import JST, Udzial
from jst.selectors import polish_order

NIE_ROZPOCZETE = "brak"  # filter value: the team has not started the task


def stany_do_filtra() -> list[tuple[str, str]]:
    return [("", _("wszystkie")), (NIE_ROZPOCZETE, _("nie rozpoczęte")), *StanPrzegladu.choices]


@dataclass
class WierszZadania:
    udzial: Udzial
    zadanie: ZadanieDanych | None
    stan_etykieta: str
    obszary: list[ObszarZadania]  # each with n_wskaznikow, n_z_danymi, n_tabel
    zlozone: datetime.datetime | None  # the last submission

    @property
    def wskazniki_wybrane(self) -> int:
        return sum(o.n_wskaznikow for o in self.obszary)

    @property
    def wskazniki_z_danymi(self) -> int:
        return sum(o.n_z_danymi for o in self.obszary)

    @property
    def tabele(self) -> int:
        return sum(o.n_tabel for o in self.obszary)


@dataclass
class WierszWskaznika:
    wskaznik: Wskaznik
    wybrane: int  # JSTs that chose it in their task
    zglaszajace: int  # JSTs that entered values for at least one period
    po_rodzaju: list[tuple[str, int]] = field(default_factory=list)  # (kind label, JSTs), most first


def udzialy_przegladu(edycja: Edycja, *, stan: str = "") -> QuerySet[Udzial]:
    """The edition's participations with their task, sorted by JST name; `stan` filters by the task's
    review state ("brak": not started). The view paginates it and builds rows for one page only."""
    udzialy = (Udzial.objects.filter(edycja=edycja).select_related("jst", "zadanie_danych")
               .order_by(polish_order("jst__nazwa"), "jst__teryt"))
    if stan == NIE_ROZPOCZETE:
        udzialy = udzialy.filter(zadanie_danych__isnull=True)
    elif stan:
        udzialy = udzialy.filter(zadanie_danych__stan=stan)
    return udzialy


def _ile(qs) -> Subquery:
    # COUNT as a plain function, not an aggregate: one scalar subquery, no GROUP BY added to it.
    return Subquery(qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
                    output_field=IntegerField())


def wiersze_zadan(udzialy: Iterable[Udzial]) -> list[WierszZadania]:
    """Rows of the given participations (one page, loaded with `udzialy_przegladu`). Two queries
    whatever the size of the edition: the areas with their counts (each a subquery of one area, never
    a join of every value of every indicator) and the submission dates."""
    udzialy = list(udzialy)
    zadania = [u.zadanie_danych for u in udzialy if getattr(u, "zadanie_danych", None) is not None]
    obszary: dict[int, list[ObszarZadania]] = defaultdict(list)
    zlozone: dict[str, datetime.datetime] = {}
    if zadania:
        przez = ObszarZadania.wskazniki.through.objects.filter(obszarzadania=OuterRef("pk"))
        for o in (ObszarZadania.objects.filter(zadanie__in=zadania).annotate(udzial_id=F("zadanie__udzial_id"))
                  .annotate(n_wskaznikow=_ile(przez),
                            # an indicator counts once it has a value of this participation for any period
                            n_z_danymi=_ile(przez.filter(Exists(WartoscWskaznika.objects.filter(
                                wskaznik=OuterRef("wskaznik_id"), udzial=OuterRef(OuterRef("udzial_id")))))),
                            n_tabel=_ile(TabelaDanych.objects.filter(obszar=OuterRef("pk"))))
                  .order_by("obszar_zasobow")):
            obszary[o.zadanie_id].append(o)
        zlozone = dict(ZmianaStanu.objects.filter(
            typ_obiektu__app_label="diagnoza", typ_obiektu__model="zadaniedanych", pole="stan", akcja="zloz",
            id_obiektu__in=[str(z.pk) for z in zadania])
            .values("id_obiektu").annotate(kiedy=Max("kiedy")).values_list("id_obiektu", "kiedy"))
    etykiety = dict(StanPrzegladu.choices)
    wiersze = []
    for udzial in udzialy:
        zadanie = getattr(udzial, "zadanie_danych", None)
        wiersze.append(WierszZadania(
            udzial=udzial, zadanie=zadanie,
            stan_etykieta=str(etykiety.get(zadanie.stan, zadanie.stan)) if zadanie else str(_("nie rozpoczęte")),
            obszary=obszary.get(zadanie.pk, []) if zadanie else [],
            zlozone=zlozone.get(str(zadanie.pk)) if zadanie else None,
        ))
    return wiersze


def wskazniki_edycji(edycja: Edycja) -> list[WierszWskaznika]:
    """Per indicator of the catalogue (active ones, and any other the edition used): how many JSTs
    chose it and how many reported values, by kind. Three queries."""
    wybrane = dict(ObszarZadania.wskazniki.through.objects.filter(obszarzadania__zadanie__udzial__edycja=edycja)
                   .values("wskaznik_id").annotate(n=Count("obszarzadania__zadanie__udzial", distinct=True))
                   .values_list("wskaznik_id", "n"))
    po_rodzaju: dict[int, dict[str, int]] = defaultdict(dict)
    for r in (WartoscWskaznika.objects.filter(udzial__edycja=edycja)
              .values("wskaznik_id", "udzial__jst__rodzaj").annotate(n=Count("udzial", distinct=True))):
        po_rodzaju[r["wskaznik_id"]][r["udzial__jst__rodzaj"]] = r["n"]
    etykiety = dict(JST.Rodzaj.choices)
    wiersze = []
    for w in Wskaznik.objects.order_by("kod"):
        rodzaje = po_rodzaju.get(w.pk, {})
        if not w.aktywny and not rodzaje and not wybrane.get(w.pk):
            continue
        wiersze.append(WierszWskaznika(
            wskaznik=w, wybrane=wybrane.get(w.pk, 0),
            zglaszajace=sum(rodzaje.values()),  # a JST has one kind, so the kinds add up
            po_rodzaju=sorted(((str(etykiety.get(k, k)), n) for k, n in rodzaje.items()), key=lambda p: (-p[1], p[0])),
        ))
    return wiersze
