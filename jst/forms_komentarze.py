"""Forms of the comment threads on a participation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doradztwo.komentarze import MAKS_DLUGOSC

# Sections of the participation that carry threads; later capabilities comment on their own objects.
SEKCJE_UDZIALU = {
    "ogolne": _("Uwagi ogólne"),
    "zespol": _("Zespół JST"),
}


def _tresc(label):
    return forms.CharField(
        label=label, max_length=MAKS_DLUGOSC, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Wpisz treść komentarza."),
                        "max_length": _("Komentarz może mieć najwyżej %(limit_value)d znaków (ma %(show_value)d).")},
    )


class KomentarzForm(forms.Form):
    """A new thread in one section; `prywatny` only for those who see advisers' private notes."""

    sekcja = forms.ChoiceField(choices=list(SEKCJE_UDZIALU.items()), widget=forms.HiddenInput)
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


class OdpowiedzForm(forms.Form):
    tresc = _tresc(_("Odpowiedź"))
    wroc = forms.CharField(widget=forms.HiddenInput, required=False)
