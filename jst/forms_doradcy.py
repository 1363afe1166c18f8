"""Forms of the adviser directory and of ROS/PRO assignments. Validation of rules lives in
jst/services_doradcy.py; these forms check input only."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doradztwo.forms import DataInput, OsobaForm
from jst.models import Doradca, PrzydzialDoradcy
from jst.selectors_doradcy import doradcy_w_kolejnosci

# The 16 voivodeships, written as in the TERYT register (JST.wojewodztwo); proper names, not translated.
WOJEWODZTWA = [
    "dolnośląskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "łódzkie", "małopolskie", "mazowieckie",
    "opolskie", "podkarpackie", "podlaskie", "pomorskie", "śląskie", "świętokrzyskie", "warmińsko-mazurskie",
    "wielkopolskie", "zachodniopomorskie",
]
WOJEWODZTWA_CHOICES = [(w, w) for w in WOJEWODZTWA]


class DoradcaForm(OsobaForm):
    specjalnosc = forms.ChoiceField(label=_("Specjalność"), choices=Doradca.Specjalnosc.choices)
    wojewodztwo = forms.ChoiceField(label=_("Województwo"), required=False,
                                    choices=[("", _("— nie podano —")), *WOJEWODZTWA_CHOICES])
    notatka = forms.CharField(label=_("Notatka (doświadczenie, obszary)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))



class DoradcaEdycjaForm(DoradcaForm):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
    aktywny = forms.BooleanField(label=_("Aktywny doradca"), required=False,
                                 help_text=_("Nieaktywnego doradcy nie można przydzielić do JST."))

    def __init__(self, *args, doradca: Doradca, **kwargs):
        user = doradca.uzytkownik
        kwargs.setdefault("initial", {
            "imie": user.first_name, "nazwisko": user.last_name, "email": user.email, "telefon": user.telefon,
            "specjalnosc": doradca.specjalnosc, "wojewodztwo": doradca.wojewodztwo,
            "notatka": doradca.notatka, "aktywny": doradca.aktywny, "wersja": doradca.wersja,
        })
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Adres kontaktowy; jeśli był loginem, login zmieni się razem z nim.")
        if doradca.wojewodztwo and doradca.wojewodztwo not in WOJEWODZTWA:
            # Keep a value from before the list existed selectable, so saving the form does not drop it.
            self.fields["wojewodztwo"].choices = [*self.fields["wojewodztwo"].choices,
                                                  (doradca.wojewodztwo, doradca.wojewodztwo)]


class DoradcaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Doradca) -> str:
        user = obj.uzytkownik
        name = f"{user.last_name} {user.first_name}".strip() or user.get_username()
        details = ", ".join(part for part in (obj.specjalnosc, obj.wojewodztwo) if part)
        return f"{name} ({details})"


def _clamp(day: datetime.date, start: datetime.date, end: datetime.date) -> datetime.date:
    return min(max(day, start), end)


class PrzydzialForm(forms.Form):
    rola = forms.ChoiceField(label=_("Rola w parze doradców"), choices=PrzydzialDoradcy.Rola.choices,
                             widget=forms.RadioSelect)
    doradca = DoradcaChoiceField(label=_("Doradca"), queryset=Doradca.objects.none(),
                                 empty_label=_("— wybierz doradcę —"))
    od = forms.DateField(label=_("Od dnia"), widget=DataInput,
                         help_text=_("Jeśli ta rola ma już doradcę, jego przydział skończy się dzień wcześniej."))

    def __init__(self, *args, udzial, **kwargs):
        edycja = udzial.edycja
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("od", _clamp(timezone.localdate(), edycja.data_od, edycja.data_do))
        super().__init__(*args, **kwargs)
        self.fields["doradca"].queryset = doradcy_w_kolejnosci(Doradca.objects.filter(aktywny=True))
        self.fields["od"].widget.attrs.update({"min": edycja.data_od.isoformat(), "max": edycja.data_do.isoformat()})


class PrzydzialZakonczForm(forms.Form):
    do = forms.DateField(label=_("Ostatni dzień przydziału"), widget=DataInput, required=False,
                         help_text=_("Puste pole oznacza dzisiaj."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("do", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_do(self) -> datetime.date:
        return self.cleaned_data["do"] or timezone.localdate()
