"""Answers of an edition's diagnostic sheets: one row per answer (job kind "odpowiedzi_arkuszy").
Comments are never exported."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu
from doradztwo.przeglad import StanPrzegladu
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna, raz

ODPOWIEDZI_ARKUSZY = "odpowiedzi_arkuszy"

T = PytanieSzablonu.Typ
_STANY = dict(StanPrzegladu.choices)


def wartosc_odpowiedzi(odpowiedz):
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


def _arkusz_osoby(odpowiedz) -> str:
    def oblicz(arkusz):
        return str(arkusz.czlonek.uzytkownik) if arkusz.czlonek is not None else _("wspólny")
    return raz(odpowiedz.arkusz, "_eksport_osoba", oblicz)


def _jst(odpowiedz) -> str:
    return raz(odpowiedz.arkusz, "_eksport_jst", lambda arkusz: str(arkusz.udzial.jst.nazwa_pelna))


def _stan_arkusza(odpowiedz) -> str:
    return raz(odpowiedz.arkusz, "_eksport_stan", lambda arkusz: str(_STANY.get(arkusz.stan, arkusz.stan)))


# The one definition of the columns; docs/exports.md documents them (a test compares the two).
KOLUMNY_ODPOWIEDZI: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda o: o.arkusz.udzial.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda o: o.arkusz.udzial.jst.teryt),
    (gettext_lazy("JST"), _jst),
    (gettext_lazy("Arkusz"), _arkusz_osoby),
    (gettext_lazy("Nr sekcji"), lambda o: o.pytanie.sekcja.kolejnosc),
    (gettext_lazy("Obszar"), lambda o: o.pytanie.sekcja.obszar.kod if o.pytanie.sekcja.obszar_id else ""),
    (gettext_lazy("Kod pytania"), lambda o: o.pytanie.kod),
    (gettext_lazy("Treść pytania"), lambda o: o.pytanie.tresc),
    (gettext_lazy("Wartość"), wartosc_odpowiedzi),
    (gettext_lazy("Nie wiem"), lambda o: o.nie_wiem),
    (gettext_lazy("Autor odpowiedzi"), lambda o: raz(o.autor, "_eksport_nazwa", str)),
    (gettext_lazy("Data zmiany"), lambda o: o.zmieniona),
    (gettext_lazy("Stan arkusza"), _stan_arkusza),
]


_KOLEJNOSC = ("arkusz__udzial__jst__teryt", "arkusz__czlonek_id", "arkusz_id", "pytanie__sekcja__kolejnosc",
              "pytanie__kolejnosc", "pytanie_id")


def odpowiedzi_do_eksportu(edycja_id: int, *, porcja: int = PORCJA):
    """The rows of the export, by JST, sheet and question, for a national edition: the answers
    alone are fetched in chunks as plain values, and their sheets, questions and authors — a few
    thousand objects shared by 200,000 answers — once each, in three queries. select_related built
    nine model instances per answer: 35 s for the national edition's 202,104 answers."""
    wszystkie = Odpowiedz.objects.filter(arkusz__udzial__edycja_id=edycja_id)
    arkusze = _Wspolne(Arkusz.objects.select_related("udzial__edycja", "udzial__jst", "czlonek__uzytkownik"),
                       udzial__edycja_id=edycja_id)
    pytania = _Wspolne(PytanieSzablonu.objects.select_related("sekcja__obszar"),
                       pk__in=wszystkie.values("pytanie_id"))
    autorzy = _Wspolne(get_user_model().objects.all(), pk__in=wszystkie.values("autor_id"))
    odpowiedzi = (wszystkie.order_by(*_KOLEJNOSC)
                  .values_list("arkusz_id", "pytanie_id", "autor_id", "wartosc", "nie_wiem", "zmieniona"))
    for arkusz_id, pytanie_id, autor_id, wartosc, nie_wiem, zmieniona in odpowiedzi.iterator(chunk_size=porcja):
        yield _Wiersz(arkusze[arkusz_id], pytania[pytanie_id], autorzy[autor_id], wartosc, nie_wiem, zmieniona)


class _Wiersz:
    """One answer as the columns read it (a model instance per answer costs more than the row itself)."""

    __slots__ = ("arkusz", "pytanie", "autor", "wartosc", "nie_wiem", "zmieniona")

    def __init__(self, arkusz, pytanie, autor, wartosc, nie_wiem, zmieniona):
        self.arkusz, self.pytanie, self.autor = arkusz, pytanie, autor
        self.wartosc, self.nie_wiem, self.zmieniona = wartosc, nie_wiem, zmieniona


class _Wspolne(dict):
    """id → object, loaded in one query; one that appeared while the export ran (a sheet or an author
    new since) is fetched on its own instead of failing the job."""

    def __init__(self, qs, **warunki):
        super().__init__((obj.pk, obj) for obj in qs.filter(**warunki))
        self.qs = qs

    def __missing__(self, pk):
        self[pk] = self.qs.get(pk=pk)
        return self[pk]


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
    wiersze=lambda edycja: odpowiedzi_do_eksportu(edycja.pk),
    liczba=lambda edycja: Odpowiedz.objects.filter(arkusz__udzial__edycja=edycja).count(),
    odcisk=_odcisk,
))
