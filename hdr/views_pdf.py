"""The HDR as a PDF: GET serves the stored current file (or a page with "Przygotuj PDF"), POST
starts the job (CONVENTIONS §3: a GET never creates work)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from doradztwo.views_zadania import serve_result
from doradztwo.zadania import aktualny_plik, trwajace, zadanie_zlec
from hdr.access import get_hdr_for_user
from hdr.zadania import HDR_PDF


@require_http_methods(["GET", "POST"])
def hdr_pdf(request, pk):
    udzial, _rola, hdr = get_hdr_for_user(request.user, pk)  # any role in the participation
    parametry = {"udzial": udzial.pk}
    dostepny = hdr is not None
    if request.method == "POST" and dostepny:
        job = zadanie_zlec(rodzaj=HDR_PDF, parametry=parametry, actor=request.user)
        return redirect("zadania:zadanie", pk=job.pk)
    if dostepny:
        gotowe = aktualny_plik(HDR_PDF, parametry)
        if gotowe is not None:
            return serve_result(gotowe)
    w_toku = trwajace(HDR_PDF, parametry) if dostepny else None
    if w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser):
        return redirect("zadania:zadanie", pk=w_toku.pk)
    return render(request, "hdr/pdf/strona.html", {"udzial": udzial, "dostepny": dostepny, "w_toku": w_toku})
