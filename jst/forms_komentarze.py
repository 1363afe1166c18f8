"""Forms of the comment threads on a participation."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from doradztwo.komentarze import MAKS_DLUGOSC

# Sections of the participation that carry threads: fixed ones, and numbered ones of the sheet
# (`arkusz-<section>`), the data task (`zadanie-<resource area>`) and the deep diagnosis
# (`poglebiona-<part>`).
SEKCJE_UDZIALU = {
    "ogolne": _("Uwagi ogólne"),
    "zespol": _("Zespół JST"),
    "hdr": _("HDR"),
}
_WZORY_SEKCJI = [
    (re.compile(r"arkusz-(\d{1,3})"), _("Arkusz diagnostyczny, sekcja %(x)s")),
    (re.compile(r"zadanie-([1-7])"), _("Zadanie wdrożeniowe, obszar zasobów %(x)s")),
    (re.compile(r"poglebiona-([a-z_]{1,30})"), _("Diagnoza pogłębiona: %(x)s")),
    (re.compile(r"raport-([a-z_]{1,30})"), _("Raport końcowy, sekcja: %(x)s")),
]


_CZESCI_POGLEBIONEJ = {
    "poglebiona-ustalenia": _("Diagnoza pogłębiona: Jak jest?"),
    "poglebiona-stany": _("Diagnoza pogłębiona: Jak chcemy, żeby było?"),
    "poglebiona-przyczyny": _("Diagnoza pogłębiona: Co powoduje obecny stan?"),
    "poglebiona-luki": _("Diagnoza pogłębiona: luki rozwojowe"),
    "poglebiona-cele": _("Diagnoza pogłębiona: cele"),
}


def nazwa_sekcji(klucz) -> str | None:
    """The section's label, or None for a key no page uses (a tampered form)."""
    klucz = str(klucz or "")
    if klucz in SEKCJE_UDZIALU:
        return str(SEKCJE_UDZIALU[klucz])
    if klucz in _CZESCI_POGLEBIONEJ:
        return str(_CZESCI_POGLEBIONEJ[klucz])
    for wzor, etykieta in _WZORY_SEKCJI:
        match = wzor.fullmatch(klucz)
        if match:
            return etykieta % {"x": match[1].replace("_", " ")}
    return None


def _tresc(label):
    return forms.CharField(
        label=label, max_length=MAKS_DLUGOSC, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Wpisz treść komentarza."),
                        "max_length": _("Komentarz może mieć najwyżej %(limit_value)d znaków (ma %(show_value)d).")},
    )


class KomentarzForm(forms.Form):
    """A new thread in one section; `prywatny` only for those who see advisers' private notes."""

    sekcja = forms.CharField(max_length=40, widget=forms.HiddenInput)
    tresc = _tresc(_("Nowy komentarz"))
    prywatny = forms.BooleanField(
        label=_("Tylko dla doradców i koordynatorów"), required=False,
        help_text=_("Zespół JST nie zobaczy tego wątku ani nie dostanie o nim powiadomienia."),
    )
    wroc = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rola, **kwargs):
        super().__init__(*args, **kwargs)
        if not rola.widzi_notatki_doradcow:
            del self.fields["prywatny"]

    def clean_sekcja(self):
        sekcja = self.cleaned_data["sekcja"]
        if nazwa_sekcji(sekcja) is None:
            raise forms.ValidationError(_("Nieznana sekcja komentarzy."))
        return sekcja


class OdpowiedzForm(forms.Form):
    tresc = _tresc(_("Odpowiedź"))
    wroc = forms.CharField(widget=forms.HiddenInput, required=False)
