"""The administrator's audit page: every entry of `WpisAudytu`, newest first, filtered and paginated."""

import json

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doradztwo.access import require_admin
from doradztwo.filters_audyt import WpisAudytuFilter
from doradztwo.models import WpisAudytu

NA_STRONE = 50
# The compact view of `dane`: at most this many keys, each value cut to this many characters;
# anything cut is available whole under a <details>.
ZWIEZLE_KLUCZE = 6
ZWIEZLE_ZNAKI = 80


def _wartosc(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def _zwiezle(dane) -> dict:
    """`dane` as a few "key: value" pairs, plus the whole JSON when something had to be cut."""
    if not isinstance(dane, dict):
        dane = {"": dane}
    pola, skrocone = [], len(dane) > ZWIEZLE_KLUCZE
    for klucz, value in list(dane.items())[:ZWIEZLE_KLUCZE]:
        tekst = _wartosc(value)
        if len(tekst) > ZWIEZLE_ZNAKI:
            tekst, skrocone = Truncator(tekst).chars(ZWIEZLE_ZNAKI), True
        pola.append((klucz, tekst))
    pelne = json.dumps(dane, ensure_ascii=False, indent=2) if skrocone else None
    return {"pola": pola, "pelne": pelne}


@require_GET
def lista(request):
    require_admin(request.user)
    filtr = WpisAudytuFilter(
        request.GET, queryset=WpisAudytu.objects.select_related("kto", "typ_obiektu").order_by("-kiedy", "-pk")
    )
    # With a wrong filter the admin's intent is unknown: show nothing rather than a misleading list.
    wpisy = filtr.qs if filtr.is_valid() else WpisAudytu.objects.none()
    strona = Paginator(wpisy, NA_STRONE).get_page(request.GET.get("strona"))
    for wpis in strona:
        wpis.zwiezle = _zwiezle(wpis.dane)
    return render(request, "doradztwo/audyt/lista.html", {"filtr": filtr, "strona": strona})
