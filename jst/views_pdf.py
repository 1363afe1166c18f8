"""The team roster PDF: GET serves the stored file (or shows the job), POST starts the job."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from doradztwo.views_zadania import serve_result
from doradztwo.zadania import aktualny_plik, trwajace, zadanie_zlec
from jst.access import get_udzial_for_user
from jst.zadania import SKLAD_ZESPOLU


@require_http_methods(["GET", "POST"])
def sklad_zespolu_pdf(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk)
    if not (rola.koordynuje or rola.rola.value == "lider"):
        raise PermissionDenied
    parametry = {"udzial": udzial.pk}
    if request.method == "POST":
        job = zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry=parametry, actor=request.user)
        return redirect("zadania:zadanie", pk=job.pk)
    gotowe = aktualny_plik(SKLAD_ZESPOLU, parametry)
    if gotowe is not None:
        return serve_result(gotowe)
    w_toku = trwajace(SKLAD_ZESPOLU, parametry)
    if w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser):
        return redirect("zadania:zadanie", pk=w_toku.pk)
    return render(request, "jst/udzialy/sklad_zespolu_pdf.html", {"udzial": udzial, "w_toku": w_toku})
