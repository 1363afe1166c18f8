"""The coordinator's overview of the data-collection task in an edition (the edition's coordinators
and administrators; other roles 403, another edition's coordinator 404)."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from diagnoza.przeglad_zadan import przeglad_zadan as wiersze_przegladu
from diagnoza.przeglad_zadan import stany_do_filtra, wskazniki_edycji
from doradztwo.access import get_edycja_for_user


class FiltrZadanForm(forms.Form):
    stan = forms.ChoiceField(label=_("Stan zadania"), required=False, choices=stany_do_filtra)


@require_GET
def przeglad_zadan(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    filtr = FiltrZadanForm(request.GET or None)
    # An unknown state shows its error next to the select and the whole list, never a 500.
    stan = filtr.cleaned_data["stan"] if filtr.is_valid() else ""
    return render(request, "diagnoza/przeglad_zadan/przeglad.html", {
        "edycja": edycja, "filtr": filtr, "stan": stan,
        "wiersze": wiersze_przegladu(edycja, stan=stan), "wskazniki": wskazniki_edycji(edycja),
    })
