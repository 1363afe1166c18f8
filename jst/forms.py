from django import forms
from django.utils.translation import gettext_lazy as _

from doradztwo.forms import OsobaForm
from jst.models import CzlonekZespolu, Udzial


class ListaKodowForm(forms.Form):
    kody = forms.CharField(
        label=_("Kody TERYT"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wklej kody TERYT JST (np. 0201 albo 2609022), oddzielone spacją, przecinkiem lub nową linią."),
        max_length=8000,  # about 1,000 codes: a whole edition at once, never a runaway transaction
    )


class ZapiszJstForm(forms.Form):
    jst = forms.IntegerField(widget=forms.HiddenInput)


class EtapForm(forms.Form):
    wersja = forms.IntegerField(widget=forms.HiddenInput)
    etap = forms.ChoiceField(label=_("Nowy etap"), choices=Udzial.Etap.choices)
    powod = forms.CharField(label=_("Powód zmiany"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class CzlonekEdycjaForm(forms.Form):
    wersja = forms.IntegerField(widget=forms.HiddenInput)
    first_name = forms.CharField(label=_("Imię"), max_length=150)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=150)
    telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    rodzaj = forms.ChoiceField(label=_("Kto to jest"), choices=CzlonekZespolu.Rodzaj.choices)
    funkcja = forms.CharField(label=_("Funkcja"), max_length=200)
    nazwa_szkoly = forms.CharField(label=_("Nazwa szkoły lub placówki"), max_length=300, required=False,
                                   help_text=_("Tylko dla dyrektora."))

    @staticmethod
    def wartosci(czlonek) -> dict:
        user = czlonek.uzytkownik
        return {"wersja": czlonek.wersja, "first_name": user.first_name, "last_name": user.last_name,
                "telefon": user.telefon, "rodzaj": czlonek.rodzaj, "funkcja": czlonek.funkcja,
                "nazwa_szkoly": czlonek.nazwa_szkoly}


class PowodForm(forms.Form):
    powod = forms.CharField(label=_("Powód"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class CzlonekForm(OsobaForm):
    rodzaj = forms.ChoiceField(label=_("Kto to jest"), choices=CzlonekZespolu.Rodzaj.choices)
    funkcja = forms.CharField(label=_("Funkcja"), max_length=200,
                              help_text=_("np. naczelnik wydziału oświaty, skarbnik, dyrektor SP nr 2"))
    nazwa_szkoly = forms.CharField(label=_("Nazwa szkoły lub placówki"), max_length=300, required=False,
                                   help_text=_("Tylko dla dyrektora."))
    lider = forms.BooleanField(label=_("Lider zespołu"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("rodzaj") == CzlonekZespolu.Rodzaj.DYREKTOR and not (data.get("nazwa_szkoly") or "").strip():
            self.add_error("nazwa_szkoly", _("Podaj nazwę szkoły lub placówki, którą kieruje dyrektor."))
        return data
