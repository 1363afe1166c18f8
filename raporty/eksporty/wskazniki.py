"""Indicator values of the data-collection task: one row per JST × indicator × period, with the
inputs as entered and the computed result (rounded as the catalogue says)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy

from diagnoza.models import ObszarZasobow, WartoscWskaznika, Wskaznik
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna

_OBSZARY = dict(ObszarZasobow.choices)


def wartosci_edycji(edycja):
    """One query, plus one per chunk for the indicators' inputs (their order in the catalogue)."""
    return (WartoscWskaznika.objects.filter(udzial__edycja=edycja)
            .select_related("udzial__jst", "udzial__edycja", "wskaznik", "autor")
            .prefetch_related("wskaznik__dane")
            .order_by("udzial__jst__teryt", "wskaznik__obszar_zasobow", "wskaznik__kod", "rok", "okres", "pk"))


def _liczba_tekst(value) -> str:
    try:
        return format(Decimal(str(value)), "f").replace(".", ",")
    except (InvalidOperation, ValueError):
        return str(value)


def dane_wejsciowe(w: WartoscWskaznika) -> str:
    """"uczniowie = 120; wydatki = 1234,5" in the catalogue's order of inputs (inputs no longer in
    the catalogue last, by name)."""
    dane = dict(w.dane or {})
    nazwy = [d.nazwa for d in w.wskaznik.dane.all() if d.nazwa in dane]
    nazwy += sorted(set(dane) - set(nazwy))
    return "; ".join(f"{nazwa} = {_liczba_tekst(dane[nazwa])}" for nazwa in nazwy)


def wynik(w: WartoscWskaznika) -> Decimal | None:
    if w.wynik is None:
        return None
    return w.wynik.quantize(Decimal(1).scaleb(-w.wskaznik.miejsca))


KOLUMNY_WSKAZNIKOW: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda w: w.udzial.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda w: w.udzial.jst.teryt),
    (gettext_lazy("JST"), lambda w: str(w.udzial.jst.nazwa_pelna)),
    (gettext_lazy("Obszar zasobów"), lambda w: str(_OBSZARY.get(w.wskaznik.obszar_zasobow, ""))),
    (gettext_lazy("Kod wskaźnika"), lambda w: w.wskaznik.kod),
    (gettext_lazy("Wskaźnik"), lambda w: w.wskaznik.nazwa),
    (gettext_lazy("Okres"), lambda w: w.okres),
    (gettext_lazy("Rok"), lambda w: w.rok),
    (gettext_lazy("Dane wejściowe"), dane_wejsciowe),
    (gettext_lazy("Wynik"), wynik),
    (gettext_lazy("Jednostka"), lambda w: w.wskaznik.jednostka),
    (gettext_lazy("Autor"), lambda w: str(w.autor)),
    (gettext_lazy("Data zmiany"), lambda w: w.zmieniona),
]


def _odcisk(edycja) -> tuple:
    return (
        odcisk_zapytania(WartoscWskaznika.objects.filter(udzial__edycja=edycja), "wersja", "zmieniona", "wynik"),
        odcisk_zapytania(Wskaznik.objects.filter(wartosci__udzial__edycja=edycja).distinct(), "kod", "nazwa",
                         "jednostka", "miejsca", "obszar_zasobow", "wersja"),
    )


WSKAZNIKI = eksport_zarejestruj(Eksport(
    slug="wskazniki", kolejnosc=40, rodzaj="eksport_wskazniki", plik="wartosci-wskaznikow",
    tytul=gettext_lazy("Wartości wskaźników"),
    opis=gettext_lazy("Jeden wiersz na JST, wskaźnik i okres z zadania wdrożeniowego: kod i nazwa wskaźnika, okres, "
                      "dane wejściowe, wynik i jednostka."),
    arkusz=gettext_lazy("Wskaźniki"), kolumny=KOLUMNY_WSKAZNIKOW,
    wiersze=lambda edycja: wartosci_edycji(edycja).iterator(chunk_size=PORCJA),
    liczba=lambda edycja: WartoscWskaznika.objects.filter(udzial__edycja=edycja).count(), odcisk=_odcisk,
))
