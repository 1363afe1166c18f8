"""Forms of the monthly timesheet: submit, the coordinator's decision, the month of the bulk page."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from jst.karty import miesiace_edycji
from jst.normy import pelna_nazwa_miesiaca


class ZlozKarteForm(forms.Form):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecyzjaKartyForm(forms.Form):
    AKCJE = [("zatwierdz", _("Zatwierdź")), ("zwroc", _("Zwróć do poprawy")), ("otworz", _("Otwórz ponownie"))]

    akcja = forms.ChoiceField(label=_("Decyzja"), choices=AKCJE, widget=forms.HiddenInput)
    powod = forms.CharField(label=_("Powód (wymagany przy zwrocie i ponownym otwarciu)"), required=False,
                            max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("akcja") in ("zwroc", "otworz") and not (data.get("powod") or "").strip():
            self.add_error("powod", _("Podaj powód — doradca zobaczy go w powiadomieniu."))
        return data


def _miesiac_z_tekstu(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None


class MiesiacEdycjiForm(forms.Form):
    """The month of the bulk page, `rrrr-mm`, limited to the edition's months."""

    miesiac = forms.ChoiceField(label=_("Miesiąc"))

    def __init__(self, *args, edycja, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["miesiac"].choices = [(m.strftime("%Y-%m"), pelna_nazwa_miesiaca(m))
                                          for m in miesiace_edycji(edycja)]
        self.fields["miesiac"].error_messages["invalid_choice"] = _("Wybierz miesiąc trwania edycji.")

    def clean_miesiac(self) -> datetime.date:
        return _miesiac_z_tekstu(self.cleaned_data["miesiac"])


class KartyEdycjiForm(MiesiacEdycjiForm):
    """The month page's filters: the month and an adviser's name."""

    doradca = forms.CharField(label=_("Doradca (imię lub nazwisko)"), required=False, max_length=100)
