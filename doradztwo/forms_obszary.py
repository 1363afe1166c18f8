"""The catalogue editor's form for one area (Obszar)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Obszar

POLA_LIST = ("zadania", "narzedzia_zarzadcze", "narzedzia_rozwoju")


def _label(field: str):
    return capfirst(Obszar._meta.get_field(field).verbose_name)


class ObszarForm(forms.Form):
    """Texts of an area; the three lists are one item per line. Carries the row's version."""

    nazwa = forms.CharField(
        label=_label("nazwa"), max_length=300,
        error_messages={"required": _("Podaj nazwę obszaru.")},
    )
    opis = forms.CharField(label=_label("opis"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    zadania = forms.CharField(
        label=_label("zadania"), required=False, help_text=_("Jedna pozycja w wierszu."),
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    narzedzia_zarzadcze = forms.CharField(
        label=_label("narzedzia_zarzadcze"), required=False, help_text=_("Jedna pozycja w wierszu."),
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    narzedzia_rozwoju = forms.CharField(
        label=_label("narzedzia_rozwoju"), required=False, help_text=_("Jedna pozycja w wierszu."),
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    aktywny = forms.BooleanField(label=_label("aktywny"), required=False)
    wersja = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def dla(cls, obszar: Obszar) -> "ObszarForm":
        """An unbound form showing the saved values."""
        return cls(initial={
            "nazwa": obszar.nazwa, "opis": obszar.opis, "zadania": obszar.zadania,
            "narzedzia_zarzadcze": obszar.narzedzia_zarzadcze, "narzedzia_rozwoju": obszar.narzedzia_rozwoju,
            "aktywny": obszar.aktywny, "wersja": obszar.wersja,
        })

    @staticmethod
    def _normalizuj_liste(text: str) -> str:
        # One item per line: trim each line and drop blank ones, so counts match what users see.
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())

    def clean_zadania(self):
        return self._normalizuj_liste(self.cleaned_data["zadania"])

    def clean_narzedzia_zarzadcze(self):
        return self._normalizuj_liste(self.cleaned_data["narzedzia_zarzadcze"])

    def clean_narzedzia_rozwoju(self):
        return self._normalizuj_liste(self.cleaned_data["narzedzia_rozwoju"])

    def clean_opis(self):
        return self.cleaned_data["opis"].strip()

    def clean(self):
        cleaned = super().clean()
        if "wersja" in self.errors:
            # The hidden field has no visible place for its error: say it at the top of the form.
            raise ValidationError(_("Formularz nie zawiera wersji obszaru. Otwórz edycję ponownie "
                                    "i wprowadź zmiany jeszcze raz."))
        return cleaned
