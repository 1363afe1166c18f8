"""Forms of the deep diagnosis. They carry what the user typed (choices come precomputed from the page's
rows, so a page of many forms runs no query per form); diagnoza.services_poglebiona validates and its
messages go next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnoza.models import Luka, Przyczyna
from diagnoza.services_poglebiona import POLA_TEKSTOWE

WYMAGANE = {"required": _("To pole jest wymagane.")}
ZLY_WYBOR = {"invalid_choice": _("Tej pozycji nie ma już na liście — odśwież stronę i wybierz ponownie."),
             "required": _("To pole jest wymagane.")}


def _tekst(label, *, rows=3, max_length=5000, required=True, help_text=""):
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}), error_messages=WYMAGANE)


class _Pozycja(forms.Form):
    """Common to the item forms: the row's version and autosave markers on the text fields."""

    rodzaj = ""
    wersja = forms.IntegerField(widget=forms.HiddenInput(attrs={"data-autozapis-wersja": "1"}), required=False)

    def __init__(self, *args, wybory: dict | None = None, autozapis: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.wybory = wybory or {}
        if autozapis:
            for pole in POLA_TEKSTOWE[self.rodzaj]:
                if pole in self.fields:
                    self.fields[pole].widget.attrs["data-autozapis-pole"] = pole

    def dane(self) -> dict:
        """What the service gets: the cleaned values without the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != "wersja"}


class UstalenieForm(_Pozycja):
    rodzaj = "ustalenia"
    tresc = _tekst(_("Jak jest? — ustalenie"), rows=4,
                   help_text=_("Opiszcie stan obecny w wybranym obszarze: fakty, liczby, obserwacje."))
    wartosci = forms.MultipleChoiceField(label=_("Dowody: wartości wskaźników z zadania"), required=False,
                                         widget=forms.CheckboxSelectMultiple, error_messages=ZLY_WYBOR)
    pliki = forms.MultipleChoiceField(label=_("Dowody: pliki JST"), required=False,
                                      widget=forms.CheckboxSelectMultiple, error_messages=ZLY_WYBOR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for pole in ("wartosci", "pliki"):
            choices = self.wybory.get(pole) or []
            if choices:
                self.fields[pole].choices = choices
            else:
                del self.fields[pole]


class StanDocelowyForm(_Pozycja):
    rodzaj = "stany"
    tresc = _tekst(_("Jak chcemy, żeby było? — stan docelowy"), rows=3,
                   help_text=_("Opiszcie stan, do którego dążycie, tak aby dało się sprawdzić, czy go osiągnięto."))


class PrzyczynaForm(_Pozycja):
    rodzaj = "przyczyny"
    tresc = _tekst(_("Co powoduje, że nie mamy stanu docelowego? — przyczyna"), rows=3)
    kategoria = forms.ChoiceField(label=_("Kategoria przyczyny"),
                                  choices=[("", _("— wybierz kategorię —")), *Przyczyna.Kategoria.choices],
                                  error_messages={"required": _("Wybierz kategorię przyczyny."),
                                                  "invalid_choice": _("Wybierz kategorię przyczyny.")})
    interesariusze = forms.CharField(label=_("Konsultowani interesariusze"), max_length=500, required=False,
                                     help_text=_("Z kim rozmawialiście o tej przyczynie, np. dyrektorzy szkół, "
                                                 "rada rodziców, skarbnik."))


class LukaForm(_Pozycja):
    rodzaj = "luki"
    tresc = _tekst(_("Opis luki rozwojowej"), rows=3,
                   help_text=_("Czego brakuje między stanem obecnym a docelowym?"))
    ustalenie = forms.ChoiceField(label=_("Jak jest? (ustalenie)"), error_messages=ZLY_WYBOR)
    stan_docelowy = forms.ChoiceField(label=_("Jak chcemy, żeby było? (stan docelowy)"), error_messages=ZLY_WYBOR)
    przyczyny = forms.MultipleChoiceField(label=_("Przyczyny"), required=False, widget=forms.CheckboxSelectMultiple,
                                          error_messages=ZLY_WYBOR)
    status = forms.ChoiceField(label=_("Decyzja"), choices=Luka.Status.choices, widget=forms.RadioSelect,
                               initial=Luka.Status.NOWA, error_messages=ZLY_WYBOR)
    ranga = forms.CharField(label=_("Miejsce wśród priorytetów"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                            help_text=_("Dla priorytetu: 1 — najważniejsza luka. Pozostałe przesuną się."))
    powod_odlozenia = forms.CharField(label=_("Powód odłożenia"), max_length=2000, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text=_("Wymagany, gdy odkładacie lukę."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        brak = [("", _("— wybierz —"))]
        self.fields["ustalenie"].choices = brak + (self.wybory.get("ustalenia") or [])
        self.fields["stan_docelowy"].choices = brak + (self.wybory.get("stany") or [])
        if self.wybory.get("przyczyny"):
            self.fields["przyczyny"].choices = self.wybory["przyczyny"]
        else:
            del self.fields["przyczyny"]


class CelForm(_Pozycja):
    rodzaj = "cele"
    luka = forms.ChoiceField(label=_("Luka priorytetowa"), error_messages=ZLY_WYBOR)
    tresc = _tekst(_("Co chcemy osiągnąć"), rows=2, help_text=_("Cel konkretny, mierzalny, osiągalny, istotny i "
                                                               "określony w czasie (SMART)."))
    wskaznik = forms.CharField(label=_("Wskaźnik (miernik)"), max_length=300, error_messages=WYMAGANE)
    wartosc_bazowa = forms.CharField(label=_("Wartość bazowa"), max_length=100, error_messages=WYMAGANE)
    wartosc_docelowa = forms.CharField(label=_("Wartość docelowa"), max_length=100, error_messages=WYMAGANE)
    termin = forms.CharField(label=_("Termin"), max_length=20, error_messages={"required": _("Podaj termin.")},
                             help_text=_("Data w formacie dd.mm.rrrr, np. 30.06.2023."),
                             widget=forms.TextInput(attrs={"placeholder": "dd.mm.rrrr", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["luka"].choices = [("", _("— wybierz lukę —"))] + (self.wybory.get("priorytetowe") or [])


FORMULARZE: dict[str, type[_Pozycja]] = {
    "ustalenia": UstalenieForm,
    "stany": StanDocelowyForm,
    "przyczyny": PrzyczynaForm,
    "luki": LukaForm,
    "cele": CelForm,
}
