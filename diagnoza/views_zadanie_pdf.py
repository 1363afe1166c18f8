"""The presentation handout of the data-collection task: GET serves the stored current file (or a page
with "Przygotuj PDF"), POST starts the job (CONVENTIONS §3: a GET never creates work)."""

from django.views.decorators.http import require_http_methods

from diagnoza.access import get_zadanie_for_user
from diagnoza.zadania_zadanie import ZADANIE_PDF
from doradztwo.views_zadania import strona_pliku


@require_http_methods(["GET", "POST"])
def zadanie_pdf(request, pk):
    udzial, _rola, zadanie = get_zadanie_for_user(request.user, pk)  # any role in the participation
    return strona_pliku(request, ZADANIE_PDF, {"udzial": udzial.pk}, dostepny=zadanie is not None,
                        szablon="diagnoza/zadanie_pdf/strona.html", kontekst={"udzial": udzial})
