"""Forms of the indicator catalogue. They parse what was typed (input lines, a decimal comma, the
formula's syntax); the rules that need the whole catalogue (unique code, names the formula uses,
inputs still in use) are the services'."""

import keyword
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from diagnoza import wzory
from diagnoza.models import DanaWskaznika, ObszarZasobow, Wskaznik
from diagnoza.services_wskazniki import NAZWA_DANEJ
from diagnoza.services_zadanie import liczba
from jst.models import JST

MAKS_DANYCH = 30
RODZAJE_JST = [(value, label) for value, label in JST.Rodzaj.choices if value != JST.Rodzaj.WOJEWODZTWO]
ZRODLA = {value: value for value in DanaWskaznika.Zrodlo.values}


def liczba_tekstem(value: Decimal) -> str:
    """A stored decimal as a Polish user would type it: 100 (not 100,0000), 0,5."""
    value = Decimal(value)
    text = format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize(), "f")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def dane_tekstem(dane) -> str:
    """Inputs as the text area shows them: one per line, `nazwa | opis danej | jednostka | źródło`."""
    return "\n".join(f"{d.nazwa} | {d.etykieta} | {d.jednostka} | {d.zrodlo}" for d in dane)


def _zrodlo(text: str) -> str | None:
    """The source by its code (sio, gus, …) or its full label, case-insensitively."""
    text = text.strip().lower()
    for value, label in DanaWskaznika.Zrodlo.choices:
        if text in (value, str(label).lower()):
            return value
    return None


def parsuj_dane(tekst: str) -> list[dict]:
    """Parse the inputs text area. Raises ValidationError listing every bad line (by number)."""
    wejscia, bledy, nazwy = [], [], set()
    kody = ", ".join(DanaWskaznika.Zrodlo.values)
    for nr, line in enumerate((tekst or "").splitlines(), start=1):
        if not line.strip():
            continue
        czesci = [c.strip() for c in line.split("|")]
        if len(czesci) != 4:
            bledy.append(_g("Wiersz %(n)d: wpisz cztery części oddzielone znakiem „|”: nazwa | opis danej | "
                            "jednostka | źródło.") % {"n": nr})
            continue
        nazwa, etykieta, jednostka, zrodlo_tekst = czesci
        if not NAZWA_DANEJ.match(nazwa) or keyword.iskeyword(nazwa) or len(nazwa) > 40:
            bledy.append(_g("Wiersz %(n)d: nazwa „%(nazwa)s” może zawierać tylko małe litery bez polskich znaków, "
                            "cyfry i „_”, nie może zaczynać się cyfrą ani być słowem języka Python (np. „and”) i "
                            "może mieć najwyżej 40 znaków.") % {"n": nr, "nazwa": nazwa})
        elif nazwa in nazwy:
            bledy.append(_g("Wiersz %(n)d: nazwa „%(nazwa)s” powtarza się — każda dana musi mieć inną nazwę.")
                         % {"n": nr, "nazwa": nazwa})
        nazwy.add(nazwa)
        if not etykieta or len(etykieta) > 200:
            bledy.append(_g("Wiersz %(n)d: wpisz opis danej (najwyżej 200 znaków).") % {"n": nr})
        if len(jednostka) > 40:
            bledy.append(_g("Wiersz %(n)d: jednostka może mieć najwyżej 40 znaków.") % {"n": nr})
        zrodlo = _zrodlo(zrodlo_tekst)
        if zrodlo is None:
            bledy.append(_g("Wiersz %(n)d: nieznane źródło „%(zrodlo)s”. Wpisz jedno z: %(kody)s.")
                         % {"n": nr, "zrodlo": zrodlo_tekst, "kody": kody})
        wejscia.append({"nazwa": nazwa, "etykieta": etykieta, "jednostka": jednostka, "zrodlo": zrodlo})
    if bledy:
        raise ValidationError(bledy)
    if not wejscia:
        raise ValidationError(_g("Podaj co najmniej jedną daną, z której liczy się wskaźnik."))
    if len(wejscia) > MAKS_DANYCH:
        raise ValidationError(_g("Wskaźnik może mieć najwyżej %(n)d danych.") % {"n": MAKS_DANYCH})
    return wejscia


class WskaznikForm(forms.Form):
    kod = forms.SlugField(
        label=_("Kod"), max_length=40,
        help_text=_("Krótki, niepowtarzalny, np. uczn_oddz. Po zapisaniu pierwszych wartości nie można go zmienić."),
        error_messages={"required": _("Podaj kod wskaźnika."),
                        "invalid": _("Kod może zawierać tylko litery bez polskich znaków, cyfry, „-” i „_”.")},
    )
    nazwa = forms.CharField(label=_("Nazwa"), max_length=200, error_messages={"required": _("Podaj nazwę wskaźnika.")})
    obszar_zasobow = forms.TypedChoiceField(
        label=_("Obszar zasobów"), choices=[("", "—"), *ObszarZasobow.choices], coerce=int,
        error_messages={"required": _("Wybierz obszar zasobów."),
                        "invalid_choice": _("Wybierz obszar zasobów z listy.")},
    )
    opis = forms.CharField(label=_("Opis i interpretacja"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    wejscia = forms.CharField(
        label=_("Dane do wzoru"), widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=_("Jedna dana w wierszu: nazwa | opis danej | jednostka | źródło, np. uczniowie | Liczba uczniów | "
                    "osób | sio. Nazwy piszesz we wzorze (małe litery bez polskich znaków, cyfry, „_”). Źródła: "
                    "sio, gus, budzet, egzaminy, ankieta, wlasne."),
        error_messages={"required": _("Podaj co najmniej jedną daną, z której liczy się wskaźnik.")},
    )
    wzor = forms.CharField(
        label=_("Wzór"), max_length=wzory.MAKS_DLUGOSC, widget=forms.TextInput(attrs={"spellcheck": "false"}),
        help_text=_("Działania + − × ÷ (albo * /), nawiasy, liczby i nazwy danych, np. (wydatki - subwencja) / "
                    "uczniowie."),
        error_messages={"required": _("Wpisz wzór.")},
    )
    jednostka = forms.CharField(label=_("Jednostka wyniku"), max_length=40, required=False,
                                help_text=_("np. %, zł, uczniów"))
    mnoznik = forms.DecimalField(
        label=_("Mnożnik"), max_digits=12, decimal_places=4, localize=True, initial=1,
        help_text=_("Wynik wzoru mnoży się przez tę liczbę, np. 100 dla procentów."),
        error_messages={"required": _("Podaj mnożnik (zwykle 1 albo 100)."), "invalid": _("Wpisz liczbę, np. 100."),
                        "max_digits": _("Mnożnik jest za duży."),
                        "max_decimal_places": _("Mnożnik może mieć najwyżej 4 miejsca po przecinku."),
                        "max_whole_digits": _("Mnożnik jest za duży.")},
    )
    miejsca = forms.IntegerField(
        label=_("Miejsca po przecinku"), min_value=0, max_value=4, initial=2,
        error_messages={"required": _("Podaj liczbę miejsc po przecinku (0–4)."),
                        "invalid": _("Podaj liczbę miejsc po przecinku (0–4)."),
                        "min_value": _("Podaj liczbę miejsc po przecinku (0–4)."),
                        "max_value": _("Podaj liczbę miejsc po przecinku (0–4).")},
    )
    typ_okresu = forms.ChoiceField(
        label=_("Okres"), choices=Wskaznik.TypOkresu.choices, initial=Wskaznik.TypOkresu.SZKOLNY,
        widget=forms.RadioSelect, error_messages={"required": _("Wybierz rodzaj okresu."),
                                                  "invalid_choice": _("Wybierz rodzaj okresu.")},
    )
    rodzaje_jst = forms.MultipleChoiceField(
        label=_("Rodzaje JST"), choices=RODZAJE_JST, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Nie zaznaczaj żadnego, jeśli wskaźnik dotyczy wszystkich rodzajów JST."),
        error_messages={"invalid_choice": _("Wybierz rodzaje JST z listy.")},
    )
    zrodlo_definicji = forms.CharField(label=_("Źródło definicji"), max_length=300, required=False)
    aktywny = forms.BooleanField(
        label=_("Aktywny"), required=False, initial=True,
        help_text=_("Nieaktywnego wskaźnika zespoły nie mogą wybrać; zapisane wartości zostają."),
    )
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kod_zablokowany: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if kod_zablokowany:
            # Stored values and the team's pages refer to the code: fixed once values exist.
            self.fields["kod"].disabled = True
            self.fields["kod"].help_text = _("Kodu nie można zmienić, bo wskaźnik ma już zapisane wartości.")

    @classmethod
    def poczatkowe(cls, wskaznik: Wskaznik) -> dict:
        return {
            "kod": wskaznik.kod, "nazwa": wskaznik.nazwa, "obszar_zasobow": wskaznik.obszar_zasobow,
            "opis": wskaznik.opis, "wejscia": dane_tekstem(wskaznik.dane.all()), "wzor": wskaznik.wzor,
            "jednostka": wskaznik.jednostka, "mnoznik": liczba_tekstem(wskaznik.mnoznik),
            "miejsca": wskaznik.miejsca, "typ_okresu": wskaznik.typ_okresu, "rodzaje_jst": wskaznik.rodzaje_jst,
            "zrodlo_definicji": wskaznik.zrodlo_definicji, "aktywny": wskaznik.aktywny, "wersja": wskaznik.wersja,
        }

    def _tekst(self, pole: str) -> str:
        return self.cleaned_data[pole].replace("\x00", "").strip()

    def clean_nazwa(self):
        return self._tekst("nazwa")

    def clean_opis(self):
        return self._tekst("opis")

    def clean_jednostka(self):
        return self._tekst("jednostka")

    def clean_zrodlo_definicji(self):
        return self._tekst("zrodlo_definicji")

    def clean_wzor(self):
        wzor = self._tekst("wzor")
        wzory.sprawdz(wzor)  # the syntax; the names are checked against the inputs by the service
        return wzor

    def clean_wejscia(self):
        return parsuj_dane(self.cleaned_data["wejscia"])

    def clean_rodzaje_jst(self):
        chosen = set(self.cleaned_data["rodzaje_jst"])
        return [value for value, _label in RODZAJE_JST if value in chosen]  # a stable order to compare

    def dane(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("wejscia", "wersja")}


class PodgladForm(forms.Form):
    """Sample inputs for "Sprawdź wzór": one number per input of the saved indicator."""

    def __init__(self, *args, wskaznik: Wskaznik, **kwargs):
        super().__init__(*args, prefix="p", **kwargs)
        for dana in wskaznik.dane.all():
            label = f"{dana.etykieta} ({dana.nazwa}{', ' + dana.jednostka if dana.jednostka else ''})"
            self.fields[dana.nazwa] = forms.CharField(
                label=label, max_length=40, error_messages={"required": _("Wpisz wartość.")},
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def clean(self):
        cleaned = super().clean()
        for nazwa in list(cleaned):
            try:
                cleaned[nazwa] = liczba(cleaned[nazwa])
            except ValidationError as error:
                self.add_error(nazwa, error)
        return cleaned


class FiltrForm(forms.Form):
    """Filters of the catalogue list (GET)."""

    obszar = forms.TypedChoiceField(label=_("Obszar zasobów"), required=False, coerce=int, empty_value=None,
                                    choices=[("", _("wszystkie obszary")), *ObszarZasobow.choices],
                                    error_messages={"invalid_choice": _("Wybierz obszar zasobów z listy.")})
    aktywny = forms.TypedChoiceField(label=_("Stan"), required=False, coerce=lambda v: v == "1", empty_value=None,
                                     choices=[("", _("wszystkie")), ("1", _("aktywne")), ("0", _("nieaktywne"))],
                                     error_messages={"invalid_choice": _("Wybierz stan z listy.")})
