"""Forms of the data-collection task. They only carry what the user typed; the services validate
(numbers with a decimal comma, periods, limits) and their messages go next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnoza.models import ObszarZadania, ObszarZasobow


class ObszarForm(forms.Form):
    obszar_zasobow = forms.TypedChoiceField(label=_("Obszar zasobów"), coerce=int,
                                            choices=[("", _("— wybierz obszar —")), *ObszarZasobow.choices],
                                            error_messages={"required": _("Wybierz obszar zasobów."),
                                                            "invalid_choice": _("Wybierz obszar zasobów z listy.")})
    wariant = forms.TypedChoiceField(label=_("Wariant"), coerce=int, widget=forms.RadioSelect,
                                     choices=ObszarZadania.Wariant.choices,
                                     error_messages={"required": _("Wybierz wariant."),
                                                     "invalid_choice": _("Wybierz wariant.")})


class WnioskiForm(forms.Form):
    interpretacja = forms.CharField(label=_("Interpretacja danych"), required=False, max_length=10000,
                                    widget=forms.Textarea(attrs={"rows": 5}),
                                    help_text=_("Co pokazują dane? Jak wypadamy na tle lat ubiegłych i innych JST?"))
    wnioski = forms.CharField(label=_("Wnioski"), required=False, max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Co z tego wynika dla wybranego obszaru i dalszej diagnozy?"))
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)


class WartoscForm(forms.Form):
    """Inputs of one period: a text field per indicator input (d_<name>), kept as typed."""

    okres = forms.CharField(label=_("Okres"), max_length=20, error_messages={"required": _("Podaj okres.")})
    uwaga = forms.CharField(label=_("Uwaga (np. źródło, zastrzeżenia)"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    powod = forms.CharField(label=_("Powód zmiany"), required=False, max_length=100)
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, wskaznik, pokaz_powod=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["okres"].help_text = (_("Rok szkolny, np. 2022/2023.") if wskaznik.typ_okresu == "szkolny"
                                          else _("Rok kalendarzowy, np. 2023."))
        fields = {}
        for dana in wskaznik.dane.all():
            label = f"{dana.etykieta} ({dana.jednostka})" if dana.jednostka else dana.etykieta
            fields[f"d_{dana.nazwa}"] = forms.CharField(
                label=label, max_length=40, help_text=_("Źródło: %(zrodlo)s") % {"zrodlo": dana.get_zrodlo_display()},
                error_messages={"required": _("Wpisz wartość.")},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        # The period first, then the inputs in the catalogue's order, then the note.
        ordered = {"okres": self.fields.pop("okres"), **fields}
        ordered.update(self.fields)
        self.fields = ordered
        if not pokaz_powod:
            del self.fields["powod"]
        else:
            self.fields["powod"].help_text = _("Zadanie było już złożone — napisz, dlaczego zmieniasz dane.")


class TabelaForm(forms.Form):
    tytul = forms.CharField(label=_("Tytuł tabeli"), max_length=200, error_messages={"required": _("Podaj tytuł tabeli.")})
    kolumny = forms.CharField(label=_("Kolumny"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                              help_text=_("Jedna kolumna w wierszu: nazwa | jednostka, np. „Liczba uczniów | osób”."),
                              error_messages={"required": _("Podaj co najmniej jedną kolumnę.")})
    wiersze = forms.CharField(label=_("Wiersze danych"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
                              max_length=100000,
                              help_text=_("Jeden wiersz tabeli w linii; komórki oddzielaj średnikiem „;” albo "
                                          "tabulatorem (można wkleić z arkusza kalkulacyjnego)."))
    zrodlo = forms.CharField(label=_("Źródło danych"), max_length=300,
                             error_messages={"required": _("Podaj źródło danych.")})
    uwagi = forms.CharField(label=_("Uwagi"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ZalacznikForm(forms.Form):
    plik = forms.FileField(label=_("Załącznik do tabeli"), error_messages={"required": _("Wybierz plik.")})
    opis = forms.CharField(label=_("Opis pliku"), required=False, max_length=300)
