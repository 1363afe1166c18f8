"""Forms of the final report. They carry what the user typed and the version the editor was opened with;
raporty.services validates and enforces the lock, and its messages go next to the fields."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Plik
from doradztwo.pliki import dozwolone_opis, limit_rozmiaru
from hdr.models import FormaRaportu
from raporty.services import BEZ_RAPORTU, ETYKIETY_STANU, LIMITY, MAKS_SEKCJI, POLA_DANYCH

WYMAGANE = {"required": _("To pole jest wymagane.")}
WERSJA = {"data-autozapis-wersja": "1"}


class _Wersja(forms.Form):
    wersja = forms.IntegerField(widget=forms.HiddenInput(attrs=WERSJA), required=False)

    def dane(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "wersja"}


class RozpocznijForm(forms.Form):
    """Only when no approved HDR plans the form: the team chooses it."""

    forma = forms.ChoiceField(label=_("Forma raportu końcowego"), choices=FormaRaportu.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Wybierz formę raportu końcowego."),
                                              "invalid_choice": _("Wybierz formę raportu końcowego.")})


class SekcjaForm(_Wersja):
    """One section's text; the page's autosave sends it field by field, the button posts the form."""

    tresc = forms.CharField(label=_("Treść sekcji"), required=False, max_length=MAKS_SEKCJI,
                            widget=forms.Textarea(attrs={"rows": 8, "data-autozapis-pole": "tresc"}))

    def __init__(self, *args, definicja=None, **kwargs):
        super().__init__(*args, **kwargs)
        if definicja is not None:
            self.fields["tresc"].label = definicja.tytul
            self.fields["tresc"].help_text = definicja.pomoc


class DaneForm(_Wersja):
    """The title and, by form, the contact person (good practice) or the interviewee (reportage)."""

    tytul = forms.CharField(label=_("Tytuł raportu"), max_length=LIMITY["tytul"], required=False)
    kontakt_imie_nazwisko = forms.CharField(label=_("Imię i nazwisko"), max_length=200, required=False)
    kontakt_funkcja = forms.CharField(label=_("Funkcja"), max_length=200, required=False,
                                      help_text=_("Np. naczelnik wydziału edukacji starostwa."))
    kontakt_email = forms.EmailField(label=_("E-mail"), max_length=254, required=False,
                                     error_messages={"invalid": _("Podaj poprawny adres e-mail, np. "
                                                                  "jan.kowalski@powiat.pl.")})
    kontakt_telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False,
                                      widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
    kontakt_zgoda = forms.BooleanField(
        label=_("Osoba do kontaktu zgodziła się na publikację tych danych w bazie dobrych praktyk"),
        required=False,
        help_text=_("Bez zgody dane kontaktowe nie zostaną opublikowane; zobaczą je tylko zespół, doradcy "
                    "i koordynatorzy."))
    rozmowca = forms.CharField(label=_("Rozmówca (imię i nazwisko)"), max_length=200, required=False)
    rozmowca_funkcja = forms.CharField(label=_("Funkcja rozmówcy"), max_length=200, required=False,
                                       help_text=_("Np. wójt gminy, dyrektor szkoły, członek zespołu."))
    rozmowca_zgoda = forms.BooleanField(label=_("Rozmówca zgodził się na publikację wywiadu"), required=False)

    def __init__(self, *args, forma: str, **kwargs):
        super().__init__(*args, **kwargs)
        pola = set(POLA_DANYCH.get(forma, ())) | {"wersja"}
        for name in list(self.fields):
            if name not in pola:
                del self.fields[name]
        if forma == FormaRaportu.MINIREPORTAZ:
            self.fields["tytul"].label = _("Tytuł minireportażu")


class DokumentyForm(forms.Form):
    pliki = forms.MultipleChoiceField(
        label=_("Pliki JST, które są dokumentami wzorcowymi"), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tego pliku nie ma już na liście — odśwież stronę i wybierz ponownie.")})

    def __init__(self, *args, pliki=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pliki"].choices = [(str(p.pk), f"{p.nazwa} — {p.opis}" if p.opis else p.nazwa) for p in pliki]


def _pomoc_dokumentu() -> str:
    return _("Można dodać: %(dozwolone)s. Najwyżej %(limit)s.") % {
        "dozwolone": dozwolone_opis(Plik.Rodzaj.DOKUMENT), "limit": filesizeformat(limit_rozmiaru())}


def _pomoc_zdjecia() -> str:
    return _("Zdjęcie PNG albo JPEG, najwyżej %(limit)s. Usuwamy z niego dane EXIF (m.in. miejsce i "
             "urządzenie).") % {"limit": filesizeformat(limit_rozmiaru())}


class DokumentForm(forms.Form):
    # The type is checked by the service from the file's content; `accept` only helps the picker.
    plik = forms.FileField(label=_("Nowy dokument wzorcowy"), help_text=lazy(_pomoc_dokumentu, str)(),
                           widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.ods,.txt,.csv"}),
                           error_messages={"required": _("Wybierz plik.")})
    opis = forms.CharField(label=_("Opis (nieobowiązkowy)"), max_length=300, required=False,
                           help_text=_("Np. wzór zarządzenia, procedura, harmonogram."))


class PytanieForm(_Wersja):
    pytanie = forms.CharField(label=_("Pytanie"), max_length=LIMITY["pytanie"], error_messages=WYMAGANE,
                              widget=forms.Textarea(attrs={"rows": 2}))
    odpowiedz = forms.CharField(label=_("Odpowiedź"), max_length=LIMITY["odpowiedz"], required=False,
                                widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, autozapis: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if autozapis:
            for name in ("pytanie", "odpowiedz"):
                self.fields[name].widget.attrs["data-autozapis-pole"] = name


class ZdjecieForm(forms.Form):
    plik = forms.FileField(label=_("Zdjęcie"), help_text=lazy(_pomoc_zdjecia, str)(),
                           widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
                           error_messages={"required": _("Wybierz plik ze zdjęciem.")})
    podpis = forms.CharField(label=_("Podpis"), max_length=LIMITY["podpis"], error_messages=WYMAGANE)
    zgoda = forms.BooleanField(label=_("Osoby na zdjęciu zgodziły się na jego publikację"), required=False,
                               help_text=_("Zdjęcie bez zgody zostaje w raporcie, ale nie trafi do publikacji."))


class ZdjecieEdycjaForm(forms.Form):
    """Caption and consent; `*_przed` carry the values the form was opened with (the conflict check)."""

    podpis = forms.CharField(label=_("Podpis"), max_length=LIMITY["podpis"], error_messages=WYMAGANE)
    zgoda = forms.BooleanField(label=_("Osoby na zdjęciu zgodziły się na jego publikację"), required=False)
    podpis_przed = forms.CharField(widget=forms.HiddenInput, required=False)
    zgoda_przed = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_z(zdjecie) -> dict:
        return {"podpis": zdjecie.podpis, "zgoda": zdjecie.zgoda, "podpis_przed": zdjecie.podpis,
                "zgoda_przed": "1" if zdjecie.zgoda else ""}

    def poprzednie(self) -> dict:
        return {"podpis": self.cleaned_data.get("podpis_przed", ""), "zgoda": self.cleaned_data.get("zgoda_przed") == "1"}


class ZwrotForm(forms.Form):
    """The coordinator's return: a required reason and optional remarks per section."""

    powod = forms.CharField(label=_("Powód zwrotu"), max_length=LIMITY["powod"], error_messages=WYMAGANE,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, sekcje=(), **kwargs):
        super().__init__(*args, **kwargs)
        for d in sekcje:
            self.fields[f"uwaga-{d.klucz}"] = forms.CharField(
                label=_("Uwagi do sekcji: %(sekcja)s") % {"sekcja": d.tytul}, max_length=LIMITY["uwaga"],
                required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def uwagi(self) -> dict:
        return {name.removeprefix("uwaga-"): value for name, value in self.cleaned_data.items()
                if name.startswith("uwaga-") and value}


class FiltrRaportowForm(forms.Form):
    """The coordinator's list of an edition's reports: keep one report state."""

    stan = forms.ChoiceField(label=_("Stan raportu"), required=False, choices=lambda: [
        ("", _("wszystkie")), (BEZ_RAPORTU, _("nie rozpoczęty")), *ETYKIETY_STANU.items()])
