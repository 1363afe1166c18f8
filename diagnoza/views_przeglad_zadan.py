"""The coordinator's overview of the data-collection task in an edition (the edition's coordinators
and administrators; other roles 403, another edition's coordinator 404)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from diagnoza.przeglad_zadan import stany_do_filtra, udzialy_przegladu, wiersze_zadan, wskazniki_edycji
from doradztwo.access import get_edycja_for_user

NA_STRONIE = 50  # JSTs a page: an edition has up to ~2,800


class FiltrZadanForm(forms.Form):
    stan = forms.ChoiceField(label=_("Stan zadania"), required=False, choices=stany_do_filtra)


@require_GET
def przeglad_zadan(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    filtr = FiltrZadanForm(request.GET or None)
    # An unknown state shows its error next to the select and the whole list, never a 500.
    stan = filtr.cleaned_data["stan"] if filtr.is_valid() else ""
    strona = Paginator(udzialy_przegladu(edycja, stan=stan), NA_STRONIE).get_page(request.GET.get("strona"))
    return render(request, "diagnoza/przeglad_zadan/przeglad.html", {
        "edycja": edycja, "filtr": filtr, "stan": stan, "strona": strona,
        "wiersze": wiersze_zadan(strona.object_list), "wskazniki": wskazniki_edycji(edycja),
    })
