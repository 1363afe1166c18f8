"""The edition dashboard (coordinators of the edition and administrators) and its secondary panels,
which the dashboard loads as htmx fragments; opened directly, a panel is a page of its own."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from doradztwo.access import get_edycja_for_user
from jst.models import Udzial
from raporty import godziny_pulpitu, pulpit
from raporty.filters_pulpit import PulpitFilter


@require_GET
def pulpit_edycji(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    filtr = PulpitFilter(request.GET or None, queryset=Udzial.objects.filter(edycja=edycja), edycja=edycja)
    dane = pulpit.pulpit_edycji(edycja, pasujace=filtr.qs if filtr.is_bound else None,
                                tylko_opoznione=filtr.tylko_opoznione, strona=request.GET.get("strona"))
    return render(request, "raporty/pulpit/edycja.html", {"edycja": edycja, "filtr": filtr, **dane})


def _panel(request, edycja, nazwa: str, context: dict):
    context = {"edycja": edycja, **context}
    if request.htmx:
        return render(request, f"raporty/pulpit/_{nazwa}.html", context)
    return render(request, f"raporty/pulpit/{nazwa}.html", context)


@require_GET
def pulpit_godziny(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    return _panel(request, edycja, "godziny", godziny_pulpitu.godziny_edycji(edycja))


@require_GET
def pulpit_liczby(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    return _panel(request, edycja, "liczby", pulpit.liczby_edycji(edycja))
