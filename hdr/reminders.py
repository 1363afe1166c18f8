"""Reminder kinds of the HDR (issue 10): the plan not submitted by the end of meeting 2 in the calendar,
and actions of the version in force due soon or overdue (neither done nor cancelled) — to the action's
owner from the team and the team leader. An action is keyed by its stable `klucz`, so a new version of
the plan does not repeat a reminder; a moved due date is a new period and reminds again."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.przeglad import StanPrzegladu
from doradztwo.przypomnienia import Nalezne, Regula, RodzajPrzypomnienia, data_pl, dni_wczesniej, zarejestruj
from hdr.models import Dzialanie, MonitoringDzialania, WersjaHdr
from hdr.monitoring import ZAKONCZONE
from jst.models import Udzial
from jst.reminders import ZLOZONE, zarejestruj_dokument_po_terminie, zespoly


def dzialania_otwarte(edycja, *, od: datetime.date | None, do: datetime.date) -> list[Dzialanie]:
    """Actions of each HDR's version in force with a due date in [od, do], neither done nor cancelled,
    with their participation and owner: four queries."""
    w_mocy: dict[int, tuple[int, int]] = {}
    for pk, hdr_id, numer in WersjaHdr.objects.filter(
            hdr__udzial__edycja=edycja, stan=StanPrzegladu.ZATWIERDZONA).values_list("pk", "hdr_id", "numer"):
        if hdr_id not in w_mocy or numer > w_mocy[hdr_id][1]:
            w_mocy[hdr_id] = (pk, numer)
    qs = Dzialanie.objects.filter(wersja_hdr_id__in=[pk for pk, _n in w_mocy.values()], do__lte=do).exclude(
        wersja_hdr__hdr__udzial__etap=Udzial.Etap.ZAKONCZONY)
    if od is not None:
        qs = qs.filter(do__gte=od)
    dzialania = list(qs.select_related("wlasciciel__uzytkownik", "wersja_hdr__hdr__udzial__jst")
                     .order_by("do", "pk"))
    stany = {(hdr_id, klucz): status for hdr_id, klucz, status in MonitoringDzialania.objects.filter(
        hdr__udzial__edycja=edycja).values_list("hdr_id", "klucz", "status")}
    return [d for d in dzialania if stany.get((d.wersja_hdr.hdr_id, d.klucz)) not in ZAKONCZONE]


def _nalezne_dzialan(dzialania: list[Dzialanie], *, tytul, tresc, opis) -> list[Nalezne]:
    liderzy = zespoly({d.wersja_hdr.hdr.udzial_id for d in dzialania}, lider=True)
    items = []
    for d in dzialania:
        udzial = d.wersja_hdr.hdr.udzial
        odbiorcy = [d.wlasciciel.uzytkownik] if d.wlasciciel_id and d.wlasciciel.aktywny \
            and d.wlasciciel.udzial_id == udzial.pk else []
        params = {"nazwa": d.nazwa, "jst": udzial.jst.nazwa_pelna, "data": data_pl(d.do)}
        items.append(Nalezne(
            obiekt=d, id_obiektu=str(d.klucz), okres=d.do.isoformat(),
            odbiorcy=odbiorcy + liderzy.get(udzial.pk, []),
            tytul=str(tytul) % params, tresc=str(tresc) % params, opis=str(opis) % params,
            link=reverse("hdr:hdr", args=[udzial.pk]),
        ))
    return items


def _dzialanie_wkrotce(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    dzialania = dzialania_otwarte(regula.edycja, od=dzis, do=regula.horyzont(dzis))
    return _nalezne_dzialan(
        dzialania,
        tytul=_("Termin działania HDR %(data)s: %(nazwa)s"),
        tresc=_("Działanie „%(nazwa)s” z HDR (%(jst)s) ma termin zakończenia %(data)s. Po jego realizacji "
                "zaktualizuj postęp w HDR."),
        opis=_("%(jst)s — „%(nazwa)s”, termin %(data)s"),
    )


def _dzialanie_po_terminie(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    dzialania = dzialania_otwarte(regula.edycja, od=None, do=dzis - datetime.timedelta(days=1))
    return _nalezne_dzialan(
        dzialania,
        tytul=_("Działanie HDR po terminie: %(nazwa)s"),
        tresc=_("Termin działania „%(nazwa)s” z HDR (%(jst)s) minął %(data)s, a działanie nie jest oznaczone jako "
                "zrealizowane ani anulowane. Zaktualizuj jego postęp w HDR."),
        opis=_("%(jst)s — „%(nazwa)s”, termin minął %(data)s"),
    )


zarejestruj_dokument_po_terminie(
    kod="hdr_po_terminie", kolejnosc=80,
    nazwa=gettext_lazy("HDR po terminie"),
    opis=gettext_lazy("Harmonogram działań rozwojowych nie został złożony do akceptacji do końca etapu "
                      "„Spotkanie doradcze w JST nr 2 — HDR” w kalendarzu edycji."),
    kod_etapu="spotkanie_2", etap_udzialu="hdr_zatwierdzony",
    zlozone=lambda edycja: WersjaHdr.objects.filter(hdr__udzial__edycja=edycja, stan__in=ZLOZONE)
    .values("hdr__udzial_id"),
    tytul=gettext_lazy("HDR po terminie — %(jst)s"),
    tresc=gettext_lazy("Harmonogram działań rozwojowych (%(jst)s) nie został jeszcze złożony do akceptacji, a "
                       "planowany termin etapu „%(etap)s” minął %(data)s."),
    dokument=gettext_lazy("HDR"),
    link=lambda u: reverse("hdr:hdr", args=[u.pk]),
)
zarejestruj(RodzajPrzypomnienia(
    kod="dzialanie_wkrotce", kolejnosc=90, zbierz=_dzialanie_wkrotce,
    nazwa=gettext_lazy("Zbliżający się termin działania HDR"),
    opis=gettext_lazy("Działanie zatwierdzonego HDR ma termin zakończenia w ciągu wskazanej liczby dni i nie "
                      "jest zrealizowane ani anulowane."),
    adresaci=gettext_lazy("osoba odpowiedzialna z zespołu i lider zespołu"), **dni_wczesniej(domyslnie=7, maksimum=60),
))
zarejestruj(RodzajPrzypomnienia(
    kod="dzialanie_po_terminie", kolejnosc=100, zbierz=_dzialanie_po_terminie, zaleglosc=True,
    nazwa=gettext_lazy("Działanie HDR po terminie"),
    opis=gettext_lazy("Termin działania zatwierdzonego HDR minął, a działanie nie jest zrealizowane ani "
                      "anulowane. Przypomnienie wysyłane jest raz na termin."),
    adresaci=gettext_lazy("osoba odpowiedzialna z zespołu i lider zespołu"),
))
