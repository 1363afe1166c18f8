"""Reminder kinds of `raporty` (issue 10): the final report not submitted by the end of its calendar stage,
and the coordinators' weekly digest of what is late in their edition — it collects the due items of every
registered kind marked `zaleglosc` (each app's `reminders.py`), with the edition's own day/lead-time
settings, whether or not the kind's reminders are switched on."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.przypomnienia import Nalezne, Regula, RodzajPrzypomnienia, data_pl, reguly_edycji, zarejestruj
from jst.reminders import ZLOZONE, zarejestruj_dokument_po_terminie
from raporty.models import RaportKoncowy

# Lines per kind in the digest; the rest is counted (the edition's pages list everything).
POZYCJI_W_PODSUMOWANIU = 20


def zaleglosci(edycja, dzis: datetime.date) -> list[tuple[Regula, list[Nalezne]]]:
    """Every late-work kind's current items in the edition (kinds with nothing late are left out)."""
    result = []
    for regula in reguly_edycji(edycja):
        if regula.rodzaj.zaleglosc:
            items = list(regula.rodzaj.zbierz(regula, dzis))
            if items:
                result.append((regula, items))
    return result


def _podsumowanie(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    if dzis.isoweekday() < (regula.dni or 1):
        return []
    edycja = regula.edycja
    late = zaleglosci(edycja, dzis)
    if not late:
        return []
    rok, tydzien, _dzien = dzis.isocalendar()
    lines = [_("Stan na %(data)s. Zaległości w edycji „%(edycja)s”:") % {"data": data_pl(dzis), "edycja": edycja.nazwa}]
    for r, items in late:
        lines.append("")
        lines.append(_("%(rodzaj)s: %(n)d") % {"rodzaj": r.rodzaj.nazwa, "n": len(items)})
        lines.extend(f"– {item.opis}" for item in items[:POZYCJI_W_PODSUMOWANIU])
        if len(items) > POZYCJI_W_PODSUMOWANIU:
            lines.append(_("(pokazano %(k)d z %(n)d)") % {"k": POZYCJI_W_PODSUMOWANIU, "n": len(items)})
    razem = sum(len(items) for _r, items in late)
    return [Nalezne(
        obiekt=edycja, okres=f"{rok}-W{tydzien:02d}", odbiorcy=list(edycja.koordynatorzy.all()),
        tytul=_("Zaległości w edycji %(edycja)s (tydzień %(tydzien)d): %(n)d") % {
            "edycja": edycja.nazwa, "tydzien": tydzien, "n": razem},
        tresc="\n".join(lines),
        link=reverse("edycje:szczegoly", args=[edycja.pk]),
        opis=_("Podsumowanie tygodnia %(tydzien)d/%(rok)d — pozycji: %(n)d") % {"tydzien": tydzien, "rok": rok,
                                                                                "n": razem},
    )]


zarejestruj_dokument_po_terminie(
    kod="raport_po_terminie", kolejnosc=110,
    nazwa=gettext_lazy("Raport końcowy po terminie"),
    opis=gettext_lazy("Raport końcowy nie został złożony do końca etapu „Raport końcowy” w kalendarzu edycji."),
    kod_etapu="raport", etap_udzialu="raport_zlozony",
    zlozone=lambda edycja: RaportKoncowy.objects.filter(udzial__edycja=edycja, stan__in=ZLOZONE).values("udzial_id"),
    tytul=gettext_lazy("Raport końcowy po terminie — %(jst)s"),
    tresc=gettext_lazy("Raport końcowy (%(jst)s) nie został jeszcze złożony, a planowany termin etapu "
                       "„%(etap)s” minął %(data)s."),
    dokument=gettext_lazy("raport końcowy"),
    link=lambda u: reverse("jst:udzial", args=[u.pk]),
)
zarejestruj(RodzajPrzypomnienia(
    kod="podsumowanie_tygodniowe", kolejnosc=120, zbierz=_podsumowanie,
    nazwa=gettext_lazy("Tygodniowe podsumowanie zaległości"),
    opis=gettext_lazy("Raz w tygodniu, od wskazanego dnia tygodnia: lista wszystkich zaległości w edycji "
                      "(godziny, karty czasu pracy, dokumenty i działania HDR po terminie). Nie jest wysyłane, "
                      "gdy nic nie zalega."),
    adresaci=gettext_lazy("koordynatorzy edycji"),
    parametr=gettext_lazy("Dzień tygodnia (1 = poniedziałek, 7 = niedziela)"), domyslnie=1, minimum=1, maksimum=7,
))
