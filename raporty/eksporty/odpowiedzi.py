"""Answers of an edition's diagnostic sheets: one row per answer (job kind "odpowiedzi_arkuszy").
Comments are never exported."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu
from doradztwo.przeglad import StanPrzegladu
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna

ODPOWIEDZI_ARKUSZY = "odpowiedzi_arkuszy"

T = PytanieSzablonu.Typ
_STANY = dict(StanPrzegladu.choices)


def wartosc_odpowiedzi(odpowiedz: Odpowiedz):
    """The answer as a typed value: a number for scale and number questions, a date for dates,
    option labels for choices, text otherwise (None when unanswered or "nie wiem")."""
    pytanie, value = odpowiedz.pytanie, odpowiedz.wartosc
    if odpowiedz.nie_wiem or value in (None, "", []):
        return None
    if pytanie.typ == T.SKALA:
        return int(value) if str(value).lstrip("-").isdigit() else str(value)
    if pytanie.typ == T.LICZBA:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if pytanie.typ == T.DATA:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if pytanie.typ in (T.JEDNOKROTNY, T.WIELOKROTNY):
        labels = {str(v): label for v, label in pytanie.opcje}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def _arkusz_osoby(odpowiedz: Odpowiedz) -> str:
    czlonek = odpowiedz.arkusz.czlonek
    return str(czlonek.uzytkownik) if czlonek is not None else _("wspólny")


# The one definition of the columns; docs/exports.md documents them (a test compares the two).
KOLUMNY_ODPOWIEDZI: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda o: o.arkusz.udzial.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda o: o.arkusz.udzial.jst.teryt),
    (gettext_lazy("JST"), lambda o: str(o.arkusz.udzial.jst.nazwa_pelna)),
    (gettext_lazy("Arkusz"), _arkusz_osoby),
    (gettext_lazy("Nr sekcji"), lambda o: o.pytanie.sekcja.kolejnosc),
    (gettext_lazy("Obszar"), lambda o: o.pytanie.sekcja.obszar.kod if o.pytanie.sekcja.obszar_id else ""),
    (gettext_lazy("Kod pytania"), lambda o: o.pytanie.kod),
    (gettext_lazy("Treść pytania"), lambda o: o.pytanie.tresc),
    (gettext_lazy("Wartość"), wartosc_odpowiedzi),
    (gettext_lazy("Nie wiem"), lambda o: o.nie_wiem),
    (gettext_lazy("Autor odpowiedzi"), lambda o: str(o.autor)),
    (gettext_lazy("Data zmiany"), lambda o: o.zmieniona),
    (gettext_lazy("Stan arkusza"), lambda o: str(_STANY.get(o.arkusz.stan, o.arkusz.stan))),
]


def odpowiedzi_edycji(edycja_id: int):
    """Every answer of the edition's sheets, with everything the columns read, in one query."""
    return (Odpowiedz.objects.filter(arkusz__udzial__edycja_id=edycja_id)
            .select_related("arkusz__udzial__edycja", "arkusz__udzial__jst", "arkusz__czlonek__uzytkownik",
                            "pytanie__sekcja__obszar", "autor")
            .order_by("arkusz__udzial__jst__teryt", "arkusz__czlonek_id", "arkusz_id",
                      "pytanie__sekcja__kolejnosc", "pytanie__kolejnosc", "pytanie_id"))


def _odcisk(edycja) -> tuple:
    # Sheet states change without touching answers: they are part of the fingerprint.
    return (odcisk_zapytania(Odpowiedz.objects.filter(arkusz__udzial__edycja=edycja), "wersja", "zmieniona"),
            odcisk_zapytania(Arkusz.objects.filter(udzial__edycja=edycja), "stan", "wersja"))


ODPOWIEDZI = eksport_zarejestruj(Eksport(
    slug="odpowiedzi-arkuszy", kolejnosc=30, rodzaj=ODPOWIEDZI_ARKUSZY, plik="odpowiedzi-arkuszy",
    tytul=gettext_lazy("Odpowiedzi z arkuszy diagnostycznych"),
    opis=gettext_lazy("Jeden wiersz na każdą odpowiedź ze wszystkich arkuszy diagnostycznych edycji: JST, sekcja "
                      "i obszar, kod i treść pytania, wartość, autor i data zmiany oraz stan arkusza."),
    arkusz=gettext_lazy("Odpowiedzi"), kolumny=KOLUMNY_ODPOWIEDZI,
    wiersze=lambda edycja: odpowiedzi_edycji(edycja.pk).iterator(chunk_size=PORCJA),
    liczba=lambda edycja: Odpowiedz.objects.filter(arkusz__udzial__edycja=edycja).count(),
    odcisk=_odcisk,
))
