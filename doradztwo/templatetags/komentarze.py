"""`{% watki_komentarzy udzial "zespol" %}` — a section's threads with the forms to add, reply, resolve;
`{% liczba_nierozwiazanych udzial %}` — unresolved threads the user may see.

Both take the user's role from the page's `rola` when it is the participation's role (the
participation page has it), else ask `role_in` once. jst is imported inside functions (doradztwo ← jst).
"""

from django import template

from doradztwo import komentarze

register = template.Library()


def _rola(context, udzial):
    from jst.access import RolaWUdziale, role_in

    rola = context.get("rola")
    if isinstance(rola, RolaWUdziale) and context.get("udzial") == udzial:
        return rola
    return role_in(context["request"].user, udzial)


def _watki_sekcji(request, udzial, sekcja: str, rola) -> list:
    """A page shows the threads of several sections of one participation: the first section asks
    for the threads of all of them (two queries), the others read them from the request."""
    pamiec = request.__dict__.setdefault("_watki_komentarzy", {})
    klucz = (udzial.pk, rola)
    if klucz not in pamiec:
        po_sekcjach: dict[str, list] = {}
        for watek in komentarze.watki(udzial, None, rola=rola):
            po_sekcjach.setdefault(watek.sekcja, []).append(watek)
        pamiec[klucz] = po_sekcjach
    return pamiec[klucz].get(sekcja, [])


@register.inclusion_tag("doradztwo/komentarze/_watki.html", takes_context=True)
def watki_komentarzy(context, udzial, sekcja):
    from jst.forms_komentarze import KomentarzForm, OdpowiedzForm, nazwa_sekcji

    request = context["request"]
    rola = _rola(context, udzial)
    if rola is None:  # nobody outside the participation reads its threads
        return {"widoczne": False}
    bledny = context.get("komentarz_bledny") or {}
    # After a refused POST the page is rendered at the POST's URL: the view passes where to go back.
    wroc = context.get("komentarze_wroc") or request.get_full_path()
    lista = _watki_sekcji(request, udzial, sekcja, rola)
    for watek in lista:
        if bledny.get("watek") == watek.pk:
            watek.formularz = bledny["form"]
        else:
            watek.formularz = OdpowiedzForm(initial={"wroc": wroc}, auto_id=f"odpowiedz-{watek.pk}-%s")
    if bledny.get("sekcja") == sekcja:
        formularz = bledny["form"]
    else:
        formularz = KomentarzForm(initial={"sekcja": sekcja, "wroc": wroc}, rola=rola,
                                  auto_id=f"komentarz-{sekcja}-%s")
    return {
        "widoczne": True, "udzial": udzial, "sekcja": sekcja, "nazwa_sekcji": nazwa_sekcji(sekcja) or sekcja,
        "rola": rola, "watki": lista, "formularz": formularz, "wroc": wroc, "moze_pisac": rola.can_write,
    }


@register.simple_tag(takes_context=True)
def liczba_nierozwiazanych(context, udzial) -> int:
    rola = _rola(context, udzial)
    return 0 if rola is None else komentarze.liczba_nierozwiazanych(udzial, rola)
