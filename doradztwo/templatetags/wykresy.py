"""`{% wykres w %}` renders any chart of doradztwo/wykresy.py (figure, SVG, table in <details>);
`{% wykres_etapow edycja %}`: the edition page's chart of participations per stage (one query)."""

from django import template
from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from doradztwo.wykresy import Wykres, wykres_slupkowy

register = template.Library()


@register.inclusion_tag("doradztwo/wykresy/wykres.html")
def wykres(w: Wykres):
    return {"wykres": w}


@register.inclusion_tag("doradztwo/wykresy/_etapy_edycji.html")
def wykres_etapow(edycja):
    # doradztwo never imports jst at module level (dependency direction doradztwo ← jst).
    from jst.models import Udzial

    liczby = dict(Udzial.objects.filter(edycja=edycja).values_list("etap").annotate(n=Count("pk")).order_by())
    etapy = Udzial.Etap.choices
    razem = sum(liczby.values())
    w = wykres_slupkowy(
        _("Liczba JST na poszczególnych etapach"),
        [capfirst(str(nazwa)) for _kod, nazwa in etapy],
        [liczby.get(kod, 0) for kod, _nazwa in etapy],
        opis=_("Wykres słupkowy: liczba JST na każdym z %(n)d etapów udziału w edycji, razem %(razem)d JST. "
               "Dokładne liczby są w tabeli pod wykresem.") % {"n": len(etapy), "razem": razem},
        naglowek_wartosci=_("Liczba JST"),
    )
    return {"wykres": w, "razem": razem}
