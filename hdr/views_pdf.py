"""The HDR as a PDF: GET serves the stored current file (or a page with "Przygotuj PDF"), POST
starts the job (CONVENTIONS §3: a GET never creates work)."""

from django.views.decorators.http import require_http_methods

from doradztwo.views_zadania import strona_pliku
from hdr.access import get_hdr_for_user
from hdr.zadania import HDR_PDF


@require_http_methods(["GET", "POST"])
def hdr_pdf(request, pk):
    udzial, _rola, hdr = get_hdr_for_user(request.user, pk)  # any role in the participation
    return strona_pliku(request, HDR_PDF, {"udzial": udzial.pk}, dostepny=hdr is not None,
                        szablon="hdr/pdf/strona.html", kontekst={"udzial": udzial})
