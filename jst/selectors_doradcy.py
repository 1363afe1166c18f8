"""Read queries of the adviser directory: one query per list, whatever the number of advisers."""

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from doradztwo.access import editions_for, require_coordinator
from jst.access import active_assignment_q
from jst.models import Doradca, PrzydzialDoradcy


def _polish(field: str):
    """Polish alphabetical order (Ł after L, Ż last) where the database can collate it."""
    if connection.vendor == "postgresql":
        return Collate(field, "pl-x-icu")
    return field


def doradcy_w_kolejnosci(qs: QuerySet[Doradca] | None = None) -> QuerySet[Doradca]:
    """Advisers with their account, sorted by surname, first name (Polish collation on PostgreSQL)."""
    qs = Doradca.objects.all() if qs is None else qs
    return qs.select_related("uzytkownik").order_by(
        _polish("uzytkownik__last_name"), _polish("uzytkownik__first_name"), "pk"
    )


def doradcy_katalog(user) -> QuerySet[Doradca]:
    """The directory: every adviser (a catalogue shared by all coordinators, CONVENTIONS §4), with the
    number of current assignments computed in the same query."""
    require_coordinator(user)
    biezace = (
        PrzydzialDoradcy.objects.filter(active_assignment_q(), doradca=OuterRef("pk"))
        .order_by()
        .values("doradca")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return doradcy_w_kolejnosci().annotate(
        biezace_przydzialy=Coalesce(Subquery(biezace, output_field=IntegerField()), Value(0))
    )


def przydzialy_doradcy(doradca: Doradca) -> list[PrzydzialDoradcy]:
    """All assignments of an adviser, newest first, each with `stan`: biezacy / zakonczony / planowany
    (the same dates as jst.access.active_assignment_q)."""
    today = timezone.localdate()
    przydzialy = list(
        PrzydzialDoradcy.objects.filter(doradca=doradca)
        .select_related("udzial__jst", "udzial__edycja")
        .order_by("-od", "-pk")
    )
    for przydzial in przydzialy:
        if przydzial.od > today:
            przydzial.stan = "planowany"
        elif przydzial.do is not None and przydzial.do < today:
            przydzial.stan = "zakonczony"
        else:
            przydzial.stan = "biezacy"
    return przydzialy


def edycje_koordynowane_ids(user) -> set[int]:
    """Editions whose participation pages the user may open (links only where they would not 404)."""
    return set(editions_for(user).values_list("pk", flat=True))


def przydzialy_otwarte(udzial) -> list[PrzydzialDoradcy]:
    """The participation's open ROS/PRO assignments (at most one per role, by constraint)."""
    return list(
        PrzydzialDoradcy.objects.filter(udzial=udzial, do__isnull=True)
        .select_related("doradca__uzytkownik")
        .order_by("rola")
    )
