"""Read queries with the visibility filter and everything the page needs (fixed query counts)."""

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Collate
from django.utils import timezone

from jst.access import active_assignment_q, is_active_assignment
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial


def polish_order(field: str):
    """Polish alphabetical order (Ł after L, Ż last) on PostgreSQL; plain order elsewhere."""
    if connection.vendor == "postgresql":
        return Collate(field, "pl-x-icu")
    return field


def udzialy_edycji(edycja):
    """Participations of an edition for the list page, each with its current ROS/PRO and team size."""
    return (
        Udzial.objects.filter(edycja=edycja)
        .select_related("jst", "edycja")
        .annotate(liczba_czlonkow=Count("zespol", filter=Q(zespol__aktywny=True), distinct=True))
        .prefetch_related(
            Prefetch(
                "przydzialy",
                queryset=PrzydzialDoradcy.objects.filter(active_assignment_q()).select_related("doradca__uzytkownik"),
                to_attr="aktualne_przydzialy",
            )
        )
        .order_by(polish_order("jst__nazwa"), "jst__teryt")
    )


def szczegoly_udzialu(udzial: Udzial, *, koordynatorzy: list | None = None, zespol: list[CzlonekZespolu] | None = None,
                      przydzialy: list[PrzydzialDoradcy] | None = None) -> dict:
    """Everything the participation page shows: team, assignments (current and past), stage history.
    `koordynatorzy`, `zespol` and `przydzialy` as `jst.access.get_udzial_page_for_user` loaded them,
    else loaded here."""
    if zespol is None:
        zespol = list(
            CzlonekZespolu.objects.filter(udzial=udzial).select_related("uzytkownik")
            .order_by("-aktywny", "-lider", "uzytkownik__last_name", "uzytkownik__first_name")
        )
    if przydzialy is None:
        przydzialy = list(udzial.przydzialy.select_related("doradca__uzytkownik").order_by("rola", "-od"))
    today = timezone.localdate()
    for p in przydzialy:
        p.aktualny = is_active_assignment(p, today)
    return {
        "zespol": zespol,
        "aktywni": [c for c in zespol if c.aktywny],
        "byli": [c for c in zespol if not c.aktywny],
        "przydzialy": przydzialy,
        "poprzednie_przydzialy": [p for p in przydzialy if not p.aktualny],
        "zmiany_etapu": udzial.zmiany_etapu.select_related("kto").order_by("-kiedy", "-pk"),
        "koordynatorzy": (koordynatorzy if koordynatorzy is not None
                          else udzial.edycja.koordynatorzy.order_by("last_name", "first_name")),
        "kalendarz": udzial.edycja.kalendarz.all(),
    }
