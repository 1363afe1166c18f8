from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Plik
from doradztwo.pliki import dozwolone_opis, limit_rozmiaru


def _pomoc() -> str:
    return _("Dokumenty: %(dokumenty)s. Zdjęcia: %(zdjecia)s. Najwyżej %(limit)s.") % {
        "dokumenty": dozwolone_opis(Plik.Rodzaj.DOKUMENT),
        "zdjecia": dozwolone_opis(Plik.Rodzaj.ZDJECIE),
        "limit": filesizeformat(limit_rozmiaru()),
    }


class PlikForm(forms.Form):
    # The type is checked by the service from the file's content; `accept` only helps the picker.
    plik = forms.FileField(
        label=_("Plik"),
        help_text=lazy(_pomoc, str)(),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.ods,.txt,.csv,.png,.jpg,.jpeg"}),
    )
    rodzaj = forms.ChoiceField(label=_("Rodzaj"), choices=Plik.Rodzaj.choices, initial=Plik.Rodzaj.DOKUMENT,
                               widget=forms.RadioSelect)
    opis = forms.CharField(label=_("Opis (nieobowiązkowy)"), max_length=300, required=False)
