"""The presentation handout of the data-collection task: GET serves the stored current file (or a page
with "Przygotuj PDF"), POST starts the job (CONVENTIONS §3: a GET never creates work)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from diagnoza.access import get_zadanie_for_user
from diagnoza.zadania_zadanie import ZADANIE_PDF
from doradztwo.views_zadania import serve_result
from doradztwo.zadania import aktualny_plik, trwajace, zadanie_zlec


@require_http_methods(["GET", "POST"])
def zadanie_pdf(request, pk):
    udzial, _rola, zadanie = get_zadanie_for_user(request.user, pk)  # any role in the participation
    parametry = {"udzial": udzial.pk}
    dostepny = zadanie is not None  # before the team starts the task there is nothing to print
    if request.method == "POST" and dostepny:
        job = zadanie_zlec(rodzaj=ZADANIE_PDF, parametry=parametry, actor=request.user)
        return redirect("zadania:zadanie", pk=job.pk)
    if dostepny:
        gotowe = aktualny_plik(ZADANIE_PDF, parametry)
        if gotowe is not None:
            return serve_result(gotowe)
    w_toku = trwajace(ZADANIE_PDF, parametry) if dostepny else None
    if w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser):
        return redirect("zadania:zadanie", pk=w_toku.pk)
    return render(request, "diagnoza/zadanie_pdf/strona.html",
                  {"udzial": udzial, "dostepny": dostepny, "w_toku": w_toku})
