"""The exports page of an edition and each export's URL: GET serves the stored file while it still
matches the data (`?format=csv|xlsx`) or shows the page; POST starts the job and goes to its page
(CONVENTIONS §3: a GET never creates work)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doradztwo.access import get_edycja_for_user
from doradztwo.views_zadania import serve_result
from doradztwo.zadania import BrakDostepu, aktualny_plik, trwajace, zadanie_zlec
from raporty.eksporty import EKSPORTY, FORMATY, stan_eksportow
from raporty.eksporty.odpowiedzi import ODPOWIEDZI
from raporty.eksporty.rejestr import naglowki


class FormatForm(forms.Form):
    format = forms.ChoiceField(label=_("Format pliku"), choices=[("csv", "CSV"), ("xlsx", "XLSX")],
                               error_messages={"required": _("Wybierz format pliku: CSV albo XLSX."),
                                               "invalid_choice": _("Wybierz format pliku: CSV albo XLSX.")})


def _strona(request, edycja, *, wybrany=None, form=None, brak_pliku=None):
    stany = stan_eksportow(edycja)
    pozycje = []
    for slug, eksport in EKSPORTY.items():
        formaty = []
        for format_ in FORMATY:
            stan = stany[slug][format_]
            w_toku = stan.w_toku
            moje = w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser)
            formaty.append({"format": format_, "etykieta": format_.upper(), "gotowe": stan.gotowe,
                            "w_toku": w_toku is not None, "zadanie": w_toku if moje else None})
        pozycje.append({"eksport": eksport, "formaty": formaty,
                        "kolumny": naglowki(eksport)})
    return render(request, "raporty/eksporty/eksporty.html",
                  {"edycja": edycja, "pozycje": pozycje, "wybrany": wybrany, "form": form, "brak_pliku": brak_pliku})


@require_GET
def eksporty(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    return _strona(request, edycja)


def _eksport(request, edycja, eksport):
    if request.method == "POST":
        form = FormatForm(request.POST)
        if form.is_valid():
            parametry = {"edycja": edycja.pk, "format": form.cleaned_data["format"]}
            try:
                job = zadanie_zlec(rodzaj=eksport.rodzaj, parametry=parametry, actor=request.user)
            except BrakDostepu:
                raise PermissionDenied from None
            return redirect("zadania:zadanie", pk=job.pk)
        return _strona(request, edycja, wybrany=eksport, form=form)
    format_ = request.GET.get("format")
    if format_ not in FORMATY:
        return _strona(request, edycja, wybrany=eksport)
    parametry = {"edycja": edycja.pk, "format": format_}
    gotowe = aktualny_plik(eksport.rodzaj, parametry)
    if gotowe is not None:
        return serve_result(gotowe)
    w_toku = trwajace(eksport.rodzaj, parametry)
    if w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser):
        return redirect("zadania:zadanie", pk=w_toku.pk)
    return _strona(request, edycja, wybrany=eksport, brak_pliku=format_.upper())


@require_http_methods(["GET", "POST"])
def eksport(request, pk, slug):
    edycja = get_edycja_for_user(request.user, pk)
    wybrany = EKSPORTY.get(slug)
    if wybrany is None:
        raise Http404
    return _eksport(request, edycja, wybrany)


@require_http_methods(["GET", "POST"])
def eksport_odpowiedzi(request, pk):
    """The answers export's first address (kept for links and bookmarks)."""
    edycja = get_edycja_for_user(request.user, pk)
    return _eksport(request, edycja, ODPOWIEDZI)
