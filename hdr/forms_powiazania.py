"""The form linking a remote entry to an HDR action. It offers only the actions of this JST's HDR
(hdr.services_powiazania.dzialania_do_wyboru); the service checks the rules again."""

import uuid

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def etykieta_dzialania(d) -> str:
    if d.z_wersji_roboczej is not None:
        return gettext("%(nazwa)s (wersja robocza %(n)d)") % {"nazwa": d.nazwa, "n": d.z_wersji_roboczej}
    return d.nazwa


class PowiazanieForm(forms.Form):
    dzialanie = forms.ChoiceField(
        label=_("Działanie HDR"), required=False,
        help_text=_("Wybierz „bez powiązania”, aby usunąć powiązanie."),
        error_messages={"invalid_choice": _("Wybierz działanie z obowiązującej lub roboczej wersji HDR tej JST.")})
    # The key shown when the form was opened ("" = no link): a change by someone else since is a conflict.
    widziane = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, dzialania=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dzialanie"].choices = [("", _("— bez powiązania —"))] + [
            (str(d.klucz), etykieta_dzialania(d)) for d in dzialania]

    @staticmethod
    def _klucz(value: str) -> uuid.UUID | None:
        try:
            return uuid.UUID(value) if value else None
        except ValueError:
            return None

    def clean_dzialanie(self) -> uuid.UUID | None:
        return self._klucz(self.cleaned_data["dzialanie"])

    def clean_widziane(self) -> uuid.UUID | None:
        return self._klucz(self.cleaned_data["widziane"])
