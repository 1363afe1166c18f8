"""The JST summary as a PDF and every summary of an edition as a ZIP: GET serves the stored current
file (or a page with the button that starts it), POST starts the job and goes to its page
(CONVENTIONS §3: a GET never creates work)."""

from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_http_methods

from doradztwo.access import get_edycja_for_user
from doradztwo.views_zadania import strona_pliku
from jst.access import get_udzial_for_user
from jst.models import Udzial
from raporty.zadania_podsumowania import PODSUMOWANIA_EDYCJI, PODSUMOWANIE_JST, moze_pobrac


@require_http_methods(["GET", "POST"])
def podsumowanie_pdf(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk)
    if not moze_pobrac(rola):
        raise PermissionDenied
    return strona_pliku(request, PODSUMOWANIE_JST, {"udzial": udzial.pk}, dostepny=True,
                        szablon="raporty/podsumowanie/pdf.html", kontekst={"udzial": udzial, "rola": rola})


@require_http_methods(["GET", "POST"])
def podsumowania_zip(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    liczba = Udzial.objects.filter(edycja=edycja).count()
    return strona_pliku(request, PODSUMOWANIA_EDYCJI, {"edycja": edycja.pk}, dostepny=liczba > 0,
                        szablon="raporty/podsumowanie/zip.html", kontekst={"edycja": edycja, "liczba": liczba})
