"""Printable sheet PDFs: GET serves the stored current file (or a page with "Przygotuj PDF"),
POST starts the job (CONVENTIONS §3: a GET never creates work)."""

from django.views.decorators.http import require_http_methods

from diagnoza.zadania import ARKUSZ_PUSTY, ARKUSZ_WYPELNIONY, get_edycja_uczestnika, mozna_drukowac, wersja_edycji
from doradztwo.access import role_in_edition
from doradztwo.views_zadania import strona_pliku
from jst.access import get_udzial_for_user


def _pdf(request, rodzaj, parametry, *, dostepny, kontekst):
    """Both sheet PDFs; `dostepny` is False while the edition has no sheet template."""
    return strona_pliku(request, rodzaj, parametry, dostepny=dostepny, szablon="diagnoza/arkusz_pdf/strona.html",
                        kontekst=kontekst)


@require_http_methods(["GET", "POST"])
def arkusz_pusty_pdf(request, pk):
    edycja = get_edycja_uczestnika(request.user, pk)
    return _pdf(request, ARKUSZ_PUSTY, {"edycja": edycja.pk}, dostepny=wersja_edycji(edycja.pk) is not None,
                kontekst={"edycja": edycja, "pusty": True,
                          "koordynuje": role_in_edition(request.user, edycja) is not None})


@require_http_methods(["GET", "POST"])
def arkusz_pdf(request, pk):
    udzial, _rola = get_udzial_for_user(request.user, pk)  # any role in the participation
    return _pdf(request, ARKUSZ_WYPELNIONY, {"udzial": udzial.pk}, dostepny=mozna_drukowac(udzial),
                kontekst={"udzial": udzial, "edycja": udzial.edycja, "pusty": False})
