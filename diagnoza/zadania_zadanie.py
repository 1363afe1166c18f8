"""Background job of the data-collection task: the handout for the team's 10-minute presentation.

"zadanie_pdf" ({"udzial": id}): the JST, the edition, the area chosen from the sheet, and per resource
area the data tables or the indicators (inputs, results, the anonymised comparison, a chart),
followed by the interpretation and conclusions. No comments of any kind are printed (private notes
must never reach the team, CONVENTIONS §4)."""

from django.conf import settings
from django.utils import timezone, translation

from diagnoza.models import (
    DanaWskaznika,
    ObszarZadania,
    TabelaDanych,
    WartoscWskaznika,
    WyborObszaru,
    ZadanieDanych,
)
from doradztwo.przeglad import StanPrzegladu
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from jst.access import role_in
from jst.models import Udzial

ZADANIE_PDF = "zadanie_pdf"


def _udzial(parametry) -> Udzial | None:
    return Udzial.objects.select_related("jst", "edycja").filter(pk=parametry.get("udzial")).first()


def _ma_dostep(user, parametry) -> bool:
    """Any role in the participation: the handout carries the team's own work and no notes."""
    udzial = _udzial(parametry)
    return udzial is not None and role_in(user, udzial) is not None


def _klucz(parametry) -> str:
    """A digest of everything printed: any changed value, table, text, indicator definition, state or
    the comparison (other JSTs' values move the average) makes the stored file stale."""
    from diagnoza.services_zadanie import porownanie

    udzial = _udzial(parametry)
    if udzial is None:
        return ""
    zadanie = ZadanieDanych.objects.filter(udzial=udzial).values_list("pk", "stan", "wersja").first()
    wybor = WyborObszaru.objects.filter(udzial=udzial).values_list("obszar_id", "obszar__nazwa").first()
    obszary = list(ObszarZadania.objects.filter(zadanie__udzial=udzial).order_by("pk").values_list(
        "pk", "obszar_zasobow", "wariant", "wersja", "interpretacja", "wnioski"))
    wybrane = list(ObszarZadania.wskazniki.through.objects.filter(obszarzadania__zadanie__udzial=udzial)
                   .order_by("pk").values_list(
                       "obszarzadania_id", "wskaznik_id", "wskaznik__wersja", "wskaznik__nazwa", "wskaznik__wzor",
                       "wskaznik__jednostka", "wskaznik__mnoznik", "wskaznik__miejsca", "wskaznik__opis",
                       "wskaznik__typ_okresu"))
    ids = sorted({w[1] for w in wybrane})
    dane = list(DanaWskaznika.objects.filter(wskaznik_id__in=ids).order_by("pk").values_list(
        "pk", "wskaznik_id", "nazwa", "etykieta", "jednostka", "kolejnosc"))
    wartosci = list(WartoscWskaznika.objects.filter(udzial=udzial, wskaznik_id__in=ids).order_by("pk").values_list(
        "pk", "wskaznik_id", "okres", "dane", "wynik", "uwaga", "wersja"))
    tabele = list(TabelaDanych.objects.filter(obszar__zadanie__udzial=udzial).order_by("pk").values_list(
        "pk", "obszar_id", "wersja", "tytul", "kolumny", "wiersze", "zrodlo", "uwagi"))
    srednie = sorted((k[0], k[1], str(v["srednia"]), v["n"]) for k, v in porownanie(udzial, ids).items())
    return skrot(ZADANIE_PDF, udzial.pk, udzial.jst.nazwa, udzial.jst.rodzaj, udzial.jst.teryt, udzial.edycja.nazwa,
                 zadanie, wybor, obszary, wybrane, dane, wartosci, tabele, srednie)


def _wykres_bez_tabeli(wykres):
    """The chart's SVG only: the handout prints the same numbers in its own table (with the inputs),
    and WeasyPrint would show the chart's `<details>` table open as a duplicate."""
    if not wykres:
        return wykres
    from django.utils.safestring import mark_safe

    svg, _sep, _rest = str(wykres).partition("<details")
    return mark_safe(svg)  # a prefix of the chart helper's escaped markup


def dane_do_druku(udzial) -> dict:
    """The task as printed (shared with the tests): the reused page helpers compute the indicator rows,
    the comparison and the charts exactly as the task page shows them."""
    from diagnoza.services_zadanie import MIN_POROWNANIA
    from diagnoza.views_zadanie import obszary_zadania, wskazniki_z_wartosciami

    zadanie = ZadanieDanych.objects.filter(udzial=udzial).first()
    obszary = obszary_zadania(zadanie)
    wskazniki_z_wartosciami(udzial, obszary)
    for o in obszary:
        for w in o.wskazniki.all():
            w.wykres = _wykres_bez_tabeli(w.wykres)
    stan = zadanie.stan if zadanie else StanPrzegladu.ROBOCZA
    return {
        "udzial": udzial, "edycja": udzial.edycja, "zadanie": zadanie, "obszary": obszary,
        "stan_etykieta": dict(StanPrzegladu.choices).get(stan, stan),
        "wybor": WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first(),
        "min_porownania": MIN_POROWNANIA,
    }


def _wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf

    udzial = _udzial(zadanie.parametry)
    postep(10, "")
    # The stored file is shared by everyone while the data is unchanged, so it is made in the
    # project's language whatever the requester's interface language is.
    with translation.override(settings.LANGUAGE_CODE):
        kontekst = dane_do_druku(udzial)
        postep(50, "")
        pdf = render_pdf("diagnoza/zadanie_pdf/pdf.html", {**kontekst, "wygenerowano": timezone.now()})
    postep(90, "")
    return f"zadanie-wdrozeniowe-{udzial.jst.teryt}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=ZADANIE_PDF, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
