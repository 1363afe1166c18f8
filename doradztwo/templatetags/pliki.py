"""`{% pliki_udzialu udzial %}`: the short file list with the upload link for the participation page;
`{{ plik.typ|typ_pliku }}`: "PDF", "DOCX", "JPEG"…"""

from django import template

from doradztwo.pliki import etykieta_typu

register = template.Library()

OSTATNIE = 5


@register.filter
def typ_pliku(mime: str) -> str:
    return etykieta_typu(mime)


@register.inclusion_tag("doradztwo/pliki/_udzial.html", takes_context=True)
def pliki_udzialu(context, udzial):
    # doradztwo never imports jst at module level (dependency direction doradztwo ← jst).
    from jst.access import role_in
    from jst.views_pliki import pliki_widoczne

    user = context["request"].user
    rola = context.get("rola")
    if rola is None or not hasattr(rola, "can_write"):
        rola = role_in(user, udzial)
    if rola is None:  # the page itself already refused an outsider; show nothing rather than fail
        return {"udzial": udzial, "widoczne": False}
    qs = pliki_widoczne(user, udzial, rola)
    return {
        "udzial": udzial,
        "widoczne": True,
        "pliki": list(qs.order_by("-dodany", "-pk")[:OSTATNIE]),
        "liczba": qs.count(),
        "moze_dodac": rola.can_write,
    }
