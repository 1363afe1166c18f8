"""The coordinator's publication form: the redacted copy of an accepted report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from raporty.models import RaportKoncowy, ZdjecieRaportu
from raporty.publikacja import MAKS_TEKSTU, pola_sekcji


class ZdjeciaField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ZdjecieRaportu) -> str:
        return obj.podpis


class PublikacjaForm(forms.Form):
    tytul = forms.CharField(label=_("Tytuł"), max_length=300)
    lead = forms.CharField(label=_("Streszczenie (lead)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Dwa–trzy zdania widoczne na liście dobrych praktyk."))
    okres = forms.CharField(label=_("Okres realizacji"), required=False, max_length=100)
    pokaz_kontakt = forms.BooleanField(label=_("Pokaż osobę do kontaktu"), required=False)
    zdjecia = ZdjeciaField(label=_("Zdjęcia do publikacji"), queryset=ZdjecieRaportu.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple,
                           help_text=_("Tylko zdjęcia, na których publikację osoby na zdjęciu wyraziły zgodę. "
                                       "Zdjęcia zostaną zapisane ponownie, bez metadanych (EXIF)."))
    potwierdzam = forms.BooleanField(
        label=_("Potwierdzam, że tekst nie zawiera danych osobowych poza danymi osób, które wyraziły zgodę"),
        error_messages={"required": _("Potwierdź, że tekst nie zawiera danych osobowych poza danymi osób, "
                                      "które wyraziły zgodę.")})

    def __init__(self, *args, raport: RaportKoncowy, **kwargs):
        super().__init__(*args, **kwargs)
        self.raport = raport
        self.klucze = []
        pola = {}
        for klucz, tytul, pomoc in pola_sekcji(raport):
            self.klucze.append(klucz)
            pola[f"sekcja_{klucz}"] = forms.CharField(label=tytul, help_text=pomoc, required=False,
                                                      max_length=MAKS_TEKSTU, widget=forms.Textarea(attrs={"rows": 6}))
        # Title and lead first, then the sections, then the rest.
        porzadek = ["tytul", "lead", *pola, "okres", "pokaz_kontakt", "zdjecia", "potwierdzam"]
        self.fields.update(pola)
        self.fields = {nazwa: self.fields[nazwa] for nazwa in porzadek}
        if raport.kontakt_zgoda and raport.kontakt_imie_nazwisko:
            self.fields["pokaz_kontakt"].help_text = _("%(kto)s wyraził(a) zgodę na publikację swoich danych.") % {
                "kto": raport.kontakt_imie_nazwisko}
        else:
            del self.fields["pokaz_kontakt"]
        zdjecia = raport.zdjecia.filter(zgoda=True).order_by("kolejnosc", "pk")
        if zdjecia.exists():
            self.fields["zdjecia"].queryset = zdjecia
        else:
            del self.fields["zdjecia"]

    def dane_uslugi(self) -> dict:
        dane = self.cleaned_data
        return {
            "tytul": dane["tytul"], "lead": dane["lead"], "okres": dane["okres"],
            "sekcje": {k: dane.get(f"sekcja_{k}", "") for k in self.klucze},
            "pokaz_kontakt": dane.get("pokaz_kontakt", False),
            "zdjecia": list(dane.get("zdjecia") or []),
            "potwierdzenie": dane["potwierdzam"],
        }
