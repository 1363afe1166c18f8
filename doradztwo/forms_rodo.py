"""Forms of the administrator's personal-data pages (/rodo/osoby/…, /rodo/retencja/…)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doradztwo.rodo import MAKS_LAT


class SzukajOsobyForm(forms.Form):
    q = forms.CharField(label=_("Imię, nazwisko, login lub e-mail"), max_length=200, required=False)


class AnonimizacjaForm(forms.Form):
    """Irreversible: the administrator types the person's login and the reason (kept in the audit)."""

    powod = forms.CharField(label=_("Powód anonimizacji"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Np. „Osoba zakończyła udział w programie i poprosiła o usunięcie danych "
                                        "(wniosek z 12.03.2027)”. Powód trafia do dziennika audytu."))
    potwierdzenie = forms.CharField(label=_("Wpisz login osoby, aby potwierdzić"), max_length=150)

    def __init__(self, *args, login: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.login = login

    def clean_powod(self):
        powod = self.cleaned_data["powod"].strip()
        if not powod:
            raise forms.ValidationError(_("Podaj powód anonimizacji."))
        return powod

    def clean_potwierdzenie(self):
        wpisane = self.cleaned_data["potwierdzenie"].strip()
        if wpisane.lower() != self.login.lower():
            raise forms.ValidationError(_("To nie jest login tej osoby. Anonimizacji nie można cofnąć — wpisz login "
                                          "dokładnie."))
        return wpisane


class RetencjaForm(forms.Form):
    lata = forms.IntegerField(label=_("Liczba lat przechowywania"), min_value=1, max_value=MAKS_LAT,
                              help_text=_("Liczona od końca roku, w którym zakończyła się edycja programu."))
    podstawa = forms.CharField(label=_("Podstawa prawna i uzasadnienie"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("Wyświetlana przy każdym zachowanym dokumencie na stronie osoby."))
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
