"""Forms of the template editor. They parse what was typed (option lines, show-if values, decimals);
the rules that need the whole version (unique codes, earlier questions, bounds) are the services'."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from diagnoza.models import PytanieSzablonu, SekcjaSzablonu, SzablonArkusza, WersjaSzablonu
from diagnoza.services_szablony import TYPY_Z_OPCJAMI
from doradztwo.models import Obszar

T = PytanieSzablonu.Typ
MAKS_DLUGOSC_WARTOSCI = 50


class SzablonForm(forms.Form):
    nazwa = forms.CharField(label=_("Nazwa szablonu"), max_length=200,
                            error_messages={"required": _("Podaj nazwę szablonu.")})
    opis = forms.CharField(label=_("Opis"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Zespoły zobaczą go nad arkuszem."))
    tryb = forms.ChoiceField(label=_("Tryb wypełniania"), choices=SzablonArkusza.Tryb.choices,
                             initial=SzablonArkusza.Tryb.WSPOLNY, widget=forms.RadioSelect)

    def clean_nazwa(self):
        return self.cleaned_data["nazwa"].strip()

    def clean_opis(self):
        return self.cleaned_data["opis"].strip()


class SekcjaForm(forms.Form):
    tytul = forms.CharField(label=_("Tytuł sekcji"), max_length=300,
                            error_messages={"required": _("Podaj tytuł sekcji.")})
    opis = forms.CharField(label=_("Opis"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    obszar = forms.ModelChoiceField(label=_("Obszar"), queryset=Obszar.objects.order_by("numer", "kod"),
                                    required=False, empty_label=_("— sekcja bez obszaru —"),
                                    help_text=_("Wyniki sekcji liczą się do wybranego obszaru."),
                                    error_messages={"invalid_choice": _("Wybierz obszar z listy.")})

    @classmethod
    def dla(cls, sekcja: SekcjaSzablonu) -> "SekcjaForm":
        return cls(initial={"tytul": sekcja.tytul, "opis": sekcja.opis, "obszar": sekcja.obszar_id})

    def clean_tytul(self):
        return self.cleaned_data["tytul"].strip()

    def clean_opis(self):
        return self.cleaned_data["opis"].strip()


class PytanieForm(forms.Form):
    """One question of any type. Options are "value|label" lines; show-if is the code of an earlier
    question and the answers (one per line) that show this one."""

    typ = forms.ChoiceField(label=_("Typ pytania"), choices=T.choices, initial=T.SKALA,
                            error_messages={"invalid_choice": _("Wybierz typ pytania z listy.")})
    kod = forms.SlugField(
        label=_("Kod"), max_length=40,
        help_text=_("Krótki, niepowtarzalny w wersji, np. o04-p2. Wyniki kolejnych wersji porównuje się po kodzie, "
                    "więc nie zmieniaj go bez potrzeby."),
        error_messages={"required": _("Podaj kod pytania."),
                        "invalid": _("Kod może zawierać tylko litery bez polskich znaków, cyfry, „-” i „_”.")},
    )
    tresc = forms.CharField(label=_("Treść pytania lub stwierdzenia"), widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Podaj treść pytania.")})
    pomoc = forms.CharField(label=_("Podpowiedź"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Wyświetla się pod pytaniem, np. przykłady albo źródło danych."))
    wymagane = forms.BooleanField(label=_("Odpowiedź wymagana"), required=False, initial=True)
    nie_wiem = forms.BooleanField(label=_("Dopuszcza odpowiedź „nie dotyczy / nie wiem”"), required=False,
                                  initial=True)
    opcje = forms.CharField(
        label=_("Odpowiedzi do wyboru"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dla skali i pytań wyboru: jedna odpowiedź w wierszu, w postaci wartość|etykieta, "
                    "np. 1|zdecydowanie nie. Punkty skali mają wartości liczbowe."),
    )
    minimum = forms.DecimalField(label=_("Minimum"), required=False, max_digits=14, decimal_places=2, localize=True,
                                 help_text=_("Tylko dla liczby."))
    maksimum = forms.DecimalField(label=_("Maksimum"), required=False, max_digits=14, decimal_places=2,
                                  localize=True, help_text=_("Tylko dla liczby."))
    jednostka = forms.CharField(label=_("Jednostka"), required=False, max_length=30,
                                help_text=_("Tylko dla liczby, np. zł, osób, %."))
    pokaz_jesli_kod = forms.CharField(
        label=_("Pokaż tylko, gdy pytanie o kodzie"), required=False, max_length=40,
        help_text=_("Kod wcześniejszego pytania. Zostaw puste, aby pytanie było zawsze widoczne."),
    )
    pokaz_jesli_wartosci = forms.CharField(
        label=_("…ma jedną z odpowiedzi"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wartości odpowiedzi (nie etykiety), jedna w wierszu, np. 1 albo tak."),
    )

    @classmethod
    def dla(cls, pytanie: PytanieSzablonu) -> "PytanieForm":
        """An unbound form showing the saved question."""
        warunek = pytanie.pokaz_jesli or {}
        return cls(initial={
            "typ": pytanie.typ, "kod": pytanie.kod, "tresc": pytanie.tresc, "pomoc": pytanie.pomoc,
            "wymagane": pytanie.wymagane, "nie_wiem": pytanie.nie_wiem,
            "opcje": "\n".join(f"{value}|{label}" for value, label in pytanie.opcje),
            "minimum": pytanie.minimum, "maksimum": pytanie.maksimum, "jednostka": pytanie.jednostka,
            "pokaz_jesli_kod": warunek.get("kod", ""),
            "pokaz_jesli_wartosci": "\n".join(str(v) for v in warunek.get("wartosci", [])),
        })

    def clean_tresc(self):
        return self.cleaned_data["tresc"].strip()

    def clean_pomoc(self):
        return self.cleaned_data["pomoc"].strip()

    def clean_jednostka(self):
        return self.cleaned_data["jednostka"].strip()

    def clean_pokaz_jesli_kod(self):
        return self.cleaned_data["pokaz_jesli_kod"].strip()

    def clean_pokaz_jesli_wartosci(self):
        return [line.strip() for line in self.cleaned_data["pokaz_jesli_wartosci"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        typ = cleaned.get("typ")
        if typ in TYPY_Z_OPCJAMI and "opcje" in cleaned:
            try:
                cleaned["opcje"] = _opcje(cleaned["opcje"], skala=typ == T.SKALA)
            except ValidationError as error:
                self.add_error("opcje", error)
        else:
            cleaned["opcje"] = []
        return cleaned

    def dane(self) -> dict:
        """The cleaned form as the service's fields."""
        c = self.cleaned_data
        return {
            "kod": c["kod"], "tresc": c["tresc"], "pomoc": c["pomoc"], "typ": c["typ"], "wymagane": c["wymagane"],
            "opcje": c["opcje"], "nie_wiem": c["nie_wiem"], "minimum": c["minimum"], "maksimum": c["maksimum"],
            "jednostka": c["jednostka"],
            "pokaz_jesli": {"kod": c["pokaz_jesli_kod"], "wartosci": c["pokaz_jesli_wartosci"]},
        }


def _opcje(text: str, *, skala: bool) -> list:
    """ "value|label" lines → [[value, label], …]; a choice line without "|" is its own label."""
    opcje, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, sep, label = line.partition("|")
        value, label = value.strip(), label.strip()
        if not sep:
            if skala:
                errors.append(_("Wiersz %(n)d: zapisz punkt skali jako liczba|opis, np. 1|zdecydowanie nie.")
                              % {"n": number})
                continue
            label = value
        if not value or not label:
            errors.append(_("Wiersz %(n)d: podaj wartość i etykietę.") % {"n": number})
            continue
        if len(value) > MAKS_DLUGOSC_WARTOSCI:
            errors.append(_("Wiersz %(n)d: wartość może mieć najwyżej %(max)d znaków.")
                          % {"n": number, "max": MAKS_DLUGOSC_WARTOSCI})
            continue
        if skala:
            try:
                value = int(value)
            except ValueError:
                errors.append(_("Wiersz %(n)d: wartość punktu skali musi być liczbą całkowitą.") % {"n": number})
                continue
        if str(value) in seen:
            errors.append(_("Wiersz %(n)d: wartość „%(v)s” już jest na liście.") % {"n": number, "v": value})
            continue
        seen.add(str(value))
        opcje.append([value, label])
    if errors:
        raise ValidationError(errors)
    return opcje


class WersjaEdycjiForm(forms.Form):
    wersja = forms.ModelChoiceField(
        label=_("Wersja szablonu"),
        queryset=WersjaSzablonu.objects.filter(stan=WersjaSzablonu.Stan.OPUBLIKOWANA)
        .select_related("szablon").order_by("szablon__nazwa", "szablon_id", "-numer"),
        empty_label=None,
        help_text=_("Tylko wersje opublikowane. Po założeniu pierwszego arkusza wersji nie można zmienić."),
        error_messages={"required": _("Wybierz wersję szablonu."),
                        "invalid_choice": _("Wybierz opublikowaną wersję szablonu z listy.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wersja"].label_from_instance = _etykieta_wersji


def _etykieta_wersji(wersja: WersjaSzablonu) -> str:
    return _("%(nazwa)s — wersja %(numer)d (opublikowana %(data)s)") % {
        "nazwa": wersja.szablon.nazwa, "numer": wersja.numer,
        "data": formats.date_format(timezone.localtime(wersja.opublikowana), "SHORT_DATE_FORMAT") if wersja.opublikowana else "—",
    }
