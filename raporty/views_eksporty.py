"""The answers export of an edition: GET shows the page (or serves the stored current file for
`?format=`), POST starts the job and goes to its page."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doradztwo.access import get_edycja_for_user
from doradztwo.views_zadania import serve_result
from doradztwo.zadania import aktualny_plik, trwajace, zadanie_zlec
from raporty.eksporty import FORMATY, ODPOWIEDZI_ARKUSZY


class FormatForm(forms.Form):
    format = forms.ChoiceField(label=_("Format pliku"), choices=[("csv", "CSV"), ("xlsx", "XLSX")],
                               error_messages={"required": _("Wybierz format pliku: CSV albo XLSX."),
                                               "invalid_choice": _("Wybierz format pliku: CSV albo XLSX.")})


@require_http_methods(["GET", "POST"])
def eksport_odpowiedzi(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    form = FormatForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        parametry = {"edycja": edycja.pk, "format": form.cleaned_data["format"]}
        job = zadanie_zlec(rodzaj=ODPOWIEDZI_ARKUSZY, parametry=parametry, actor=request.user)
        return redirect("zadania:zadanie", pk=job.pk)
    wybrany = request.GET.get("format")
    if request.method == "GET" and wybrany in FORMATY:
        gotowe = aktualny_plik(ODPOWIEDZI_ARKUSZY, {"edycja": edycja.pk, "format": wybrany})
        if gotowe is not None:
            return serve_result(gotowe)
    formaty = []
    for format_ in FORMATY:
        parametry = {"edycja": edycja.pk, "format": format_}
        w_toku = trwajace(ODPOWIEDZI_ARKUSZY, parametry)
        moje = w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser)
        formaty.append({"format": format_, "etykieta": format_.upper(),
                        "gotowe": aktualny_plik(ODPOWIEDZI_ARKUSZY, parametry) is not None,
                        "w_toku": w_toku is not None, "zadanie": w_toku if moje else None})
    return render(request, "raporty/eksporty/odpowiedzi.html", {"edycja": edycja, "form": form, "formaty": formaty})
