"""Forms of the HDR plan. Forms parse what people type (dates dd.mm.rrrr, amounts with a decimal comma);
hdr.services checks the rules (period, owner, goals, final report)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from hdr.models import FormaRaportu

FORMATY_DATY = ["%d.%m.%Y", "%Y-%m-%d"]


class DataPl(forms.DateInput):
    """A text field in dd.mm.rrrr: whatever was typed comes back unchanged after an error."""

    def __init__(self):
        super().__init__(format="%d.%m.%Y", attrs={"placeholder": "dd.mm.rrrr", "inputmode": "numeric",
                                                    "autocomplete": "off", "maxlength": "10"})


def pole_daty(label, help_text=""):
    return forms.DateField(label=label, widget=DataPl(), input_formats=FORMATY_DATY, help_text=help_text,
                           error_messages={"required": _("Podaj datę w formacie dd.mm.rrrr."),
                                           "invalid": _("Podaj datę w formacie dd.mm.rrrr.")})


def kwota_z_tekstu(text: str) -> Decimal | None:
    """An amount as Polish users type it: "12 500,50", "12500.5", "12 500 zł"; empty → None."""
    text = re.sub(r"\s|zł$|zł\.$", "", str(text or "").replace("\xa0", " ").strip().lower()).replace(",", ".")
    if not text:
        return None
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise forms.ValidationError(_("Wpisz kwotę w złotych, np. 12 500,00."))
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover — the pattern above admits only numbers
        raise forms.ValidationError(_("Wpisz kwotę w złotych, np. 12 500,00.")) from None
    if value < 0:
        raise forms.ValidationError(_("Kwota nie może być ujemna."))
    if value.as_tuple().exponent < -2:
        raise forms.ValidationError(_("Kwota może mieć najwyżej 2 miejsca po przecinku."))
    if value >= Decimal("1e12"):
        raise forms.ValidationError(_("Kwota jest za duża."))
    return value


def kwota_do_pola(value: Decimal | None) -> str:
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


class OkresForm(forms.Form):
    """The period the JST chose and the risks; with `wersja` when a draft version is edited."""

    okres_od = pole_daty(_("Początek okresu HDR"))
    okres_do = pole_daty(_("Koniec okresu HDR"), _("Okres wybiera JST; wszystkie działania mieszczą się w nim."))
    ryzyka = forms.CharField(label=_("Ryzyka i założenia"), required=False, max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PowodForm(forms.Form):
    powod = forms.CharField(label=_("Powód zmiany HDR"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Np. przesunięcie terminu, nowe działanie po rozmowie z dyrektorami."),
                            error_messages={"required": _("Podaj powód zmiany HDR.")})


class CelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(cel)s (luka: %(luka)s)") % {"cel": obj.tresc, "luka": str(obj.luka)[:80]}


class CzlonekChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        user = obj.uzytkownik
        return f"{user.get_full_name() or user.get_username()} ({obj.funkcja})"


class DzialanieForm(forms.Form):
    nazwa = forms.CharField(label=_("Nazwa działania"), max_length=300,
                            error_messages={"required": _("Podaj nazwę działania.")})
    opis = forms.CharField(label=_("Opis i kroki"), required=False, max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Kolejne kroki w osobnych wierszach."))
    cele = CelChoiceField(label=_("Cele, którym służy działanie"), queryset=None, required=False,
                          widget=forms.CheckboxSelectMultiple,
                          error_messages={"invalid_choice": _("Wybierz cele spośród celów luk priorytetowych."),
                                          "invalid_pk_value": _("Wybierz cele spośród celów luk priorytetowych.")})
    narzedzia_zarzadcze = forms.MultipleChoiceField(
        label=_("Narzędzia i rozwiązania zarządcze (z katalogu obszaru)"), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Wybierz narzędzia z katalogu obszaru.")})
    narzedzia_rozwoju = forms.MultipleChoiceField(
        label=_("Narzędzia wspierające personalny rozwój organizacji (z katalogu obszaru)"), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Wybierz narzędzia z katalogu obszaru.")})
    narzedzia_inne = forms.CharField(label=_("Inne narzędzia"), required=False, max_length=500)
    wlasciciel = CzlonekChoiceField(label=_("Osoba odpowiedzialna z zespołu"), queryset=None, required=False,
                                    empty_label=_("— osoba spoza zespołu (wpisz poniżej) —"),
                                    error_messages={"invalid_choice": _("Wybierz aktywnego członka zespołu.")})
    wlasciciel_nazwa = forms.CharField(label=_("albo osoba odpowiedzialna spoza zespołu"), required=False,
                                       max_length=200, help_text=_("Imię, nazwisko i funkcja, np. dyrektor CUW."))
    wspolrealizatorzy = forms.CharField(label=_("Współrealizatorzy"), required=False, max_length=500)
    od = pole_daty(_("Początek"))
    do = pole_daty(_("Koniec"))
    zasoby_ludzie = forms.CharField(label=_("Zasoby ludzkie"), required=False, max_length=500)
    kwota = forms.CharField(label=_("Kwota (zł)"), required=False, max_length=30,
                            widget=forms.TextInput(attrs={"inputmode": "decimal"}), help_text=_("Np. 12 500,00."))
    zrodlo_finansowania = forms.CharField(label=_("Źródło finansowania"), required=False, max_length=300)
    materialy = forms.CharField(label=_("Zasoby materialne"), required=False, max_length=500)
    miernik = forms.CharField(label=_("Miernik sukcesu (wskaźnik)"), required=False, max_length=300)
    wartosc_bazowa = forms.CharField(label=_("Wartość bazowa"), required=False, max_length=100)
    wartosc_docelowa = forms.CharField(label=_("Wartość docelowa"), required=False, max_length=100)
    sposob_monitorowania = forms.CharField(label=_("Sposób monitorowania"), required=False, max_length=500,
                                           help_text=_("Jak, jak często i kto sprawdza postęp."))
    raport_koncowy = forms.BooleanField(label=_("To jest działanie „raport końcowy”"), required=False,
                                        help_text=_("Jedno w każdej wersji HDR; termin raportu to koniec działania."))
    forma_raportu = forms.ChoiceField(label=_("Forma raportu końcowego"), required=False,
                                      choices=[("", "—"), *FormaRaportu.choices],
                                      error_messages={"invalid_choice": _("Wybierz formę raportu końcowego.")})
    autor_raportu = forms.CharField(label=_("Autor raportu"), required=False, max_length=200)
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cele, czlonkowie, obszar, obecne_narzedzia=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cele"].queryset = cele
        self.fields["wlasciciel"].queryset = czlonkowie
        zarzadcze, rozwoju = obszar.lista_narzedzi_zarzadczych, obszar.lista_narzedzi_rozwoju
        # A tool already on the action stays selectable even if the catalogue dropped it since.
        spoza = [t for t in obecne_narzedzia if t not in zarzadcze and t not in rozwoju]
        self.fields["narzedzia_zarzadcze"].choices = [(t, t) for t in [*zarzadcze, *spoza]]
        self.fields["narzedzia_rozwoju"].choices = [(t, t) for t in rozwoju]
        if not rozwoju:
            del self.fields["narzedzia_rozwoju"]

    def clean_kwota(self):
        return kwota_z_tekstu(self.cleaned_data.get("kwota"))

    def dane(self) -> dict:
        """Typed values for hdr.services.dzialanie_zapisz."""
        cd = dict(self.cleaned_data)
        cd["narzedzia"] = [*cd.pop("narzedzia_zarzadcze", []), *cd.pop("narzedzia_rozwoju", [])]
        cd.pop("wersja", None)
        return cd


def initial_dzialania(d) -> dict:
    """The edit form's initial values from an action."""
    return {
        "nazwa": d.nazwa, "opis": d.opis, "cele": list(d.cele.all()), "narzedzia_zarzadcze": list(d.narzedzia or []),
        "narzedzia_rozwoju": list(d.narzedzia or []), "narzedzia_inne": d.narzedzia_inne,
        "wlasciciel": d.wlasciciel_id, "wlasciciel_nazwa": d.wlasciciel_nazwa,
        "wspolrealizatorzy": d.wspolrealizatorzy, "od": d.od, "do": d.do, "zasoby_ludzie": d.zasoby_ludzie,
        "kwota": kwota_do_pola(d.kwota), "zrodlo_finansowania": d.zrodlo_finansowania, "materialy": d.materialy,
        "miernik": d.miernik, "wartosc_bazowa": d.wartosc_bazowa, "wartosc_docelowa": d.wartosc_docelowa,
        "sposob_monitorowania": d.sposob_monitorowania, "raport_koncowy": d.raport_koncowy,
        "forma_raportu": d.forma_raportu, "autor_raportu": d.autor_raportu, "wersja": d.wersja,
    }
