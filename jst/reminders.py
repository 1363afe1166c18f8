"""Reminder kinds of advisers' work and events (issue 10), found by `doradztwo.przypomnienia`.

Also the shared pieces the apps to the right reuse: who hears about a participation's late document
(the team leader and the current advisers) and the "document not submitted by its calendar date" rule.
Every collector runs a fixed number of queries per edition, whatever the number of JSTs."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.models import EtapKalendarza
from doradztwo.przeglad import StanPrzegladu
from doradztwo.przypomnienia import (
    PO_TERMINIE,
    Nalezne,
    Regula,
    RodzajPrzypomnienia,
    data_pl,
    dni_wczesniej,
    zarejestruj,
)
from jst.access import active_assignment_q
from jst.models import (
    CzlonekZespolu,
    KartaCzasuPracy,
    PrzydzialDoradcy,
    Rejestracja,
    Udzial,
    Wizyta,
    WpisZdalny,
    Wydarzenie,
)
from jst.normy import godziny, nastepny_miesiac, pelna_nazwa_miesiaca

ETAPY = list(Udzial.Etap.values)
ZLOZONE = (StanPrzegladu.ZLOZONA, StanPrzegladu.ZATWIERDZONA)


def zakres_dat(od: datetime.date, do: datetime.date) -> str:
    return data_pl(od) if od == do else f"{data_pl(od)} – {data_pl(do)}"


def zespoly(udzial_ids: Iterable[int], *, lider: bool = False) -> dict[int, list]:
    """participation id → its active team members' accounts (only the leader's with `lider`): one query."""
    qs = CzlonekZespolu.objects.filter(udzial_id__in=list(udzial_ids), aktywny=True)
    if lider:
        qs = qs.filter(lider=True)
    people: dict[int, list] = defaultdict(list)
    for c in qs.select_related("uzytkownik"):
        people[c.udzial_id].append(c.uzytkownik)
    return people


def lider_i_doradcy(udzial_ids: Iterable[int], dzis: datetime.date) -> dict[int, list]:
    """participation id → [active team leader, current ROS/PRO advisers]: two queries."""
    ids = list(udzial_ids)
    people = zespoly(ids, lider=True)
    for p in (PrzydzialDoradcy.objects.filter(active_assignment_q(dzis), udzial_id__in=ids)
              .select_related("doradca__uzytkownik").order_by("udzial_id", "rola")):
        people[p.udzial_id].append(p.doradca.uzytkownik)
    return people


def dokumenty_po_terminie(regula: Regula, dzis: datetime.date, *, kod_etapu: str, etap_udzialu: str,
                          zlozone, tytul: str, tresc: str, dokument: str,
                          link: Callable[[Udzial], str]) -> list[Nalezne]:
    """Participations whose document is not submitted `regula.dni` days after the end of the calendar
    stage `kod_etapu`. Submitted means an artefact among `zlozone` (a queryset of participation ids) or a
    stage at or past `etap_udzialu` (also after a coordinator's override). The period is the deadline:
    a coordinator who moves it gets a new reminder after the new date. Four queries."""
    etap = EtapKalendarza.objects.filter(edycja=regula.edycja, kod=kod_etapu).first()
    if etap is None or dzis < etap.data_do + datetime.timedelta(days=regula.dni or 1):
        return []
    udzialy = list(Udzial.objects.filter(edycja=regula.edycja)
                   .exclude(etap__in=ETAPY[ETAPY.index(etap_udzialu):])
                   .exclude(pk__in=zlozone).select_related("jst").order_by("pk"))
    odbiorcy = lider_i_doradcy((u.pk for u in udzialy), dzis)
    items = []
    for u in udzialy:
        params = {"jst": u.jst.nazwa_pelna, "data": data_pl(etap.data_do), "etap": etap.nazwa}
        items.append(Nalezne(
            obiekt=u, okres=etap.data_do.isoformat(), odbiorcy=odbiorcy.get(u.pk, []),
            tytul=str(tytul) % params, tresc=str(tresc) % params, link=link(u),
            opis=_("%(jst)s — %(dokument)s, termin %(data)s") % {**params, "dokument": dokument},
        ))
    return items


def zarejestruj_dokument_po_terminie(*, kod: str, kolejnosc: int, nazwa, opis, kod_etapu: str, etap_udzialu: str,
                                     zlozone: Callable, tytul, tresc, dokument,
                                     link: Callable[[Udzial], str]) -> RodzajPrzypomnienia:
    """Register a `dokumenty_po_terminie` kind (to the team leader and the current advisers, late work in
    the coordinators' digest). `zlozone(edycja)` gives the ids of the edition's participations whose
    document is submitted."""
    def zbierz(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
        return dokumenty_po_terminie(regula, dzis, kod_etapu=kod_etapu, etap_udzialu=etap_udzialu,
                                     zlozone=zlozone(regula.edycja), tytul=tytul, tresc=tresc, dokument=dokument,
                                     link=link)

    return zarejestruj(RodzajPrzypomnienia(kod=kod, kolejnosc=kolejnosc, zbierz=zbierz, nazwa=nazwa, opis=opis,
                                           adresaci=gettext_lazy("lider zespołu i doradcy JST"), **PO_TERMINIE))


# --- Remote hours by day N of the month ------------------------------------------------------------


def _zdalne_brak(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    edycja = regula.edycja
    if dzis.day < (regula.dni or 1) or not edycja.data_od <= dzis <= edycja.data_do:
        return []
    poczatek = dzis.replace(day=1)
    przydzialy = list(PrzydzialDoradcy.objects.filter(active_assignment_q(dzis), udzial__edycja=edycja,
                                                      doradca__aktywny=True)
                      .exclude(udzial__etap=Udzial.Etap.ZAKONCZONY)
                      .select_related("doradca__uzytkownik", "udzial__jst").order_by("udzial_id", "rola"))
    z_wpisami = set(WpisZdalny.objects.filter(udzial__edycja=edycja, data__gte=poczatek, data__lte=dzis)
                    .values_list("doradca_id", "udzial_id").distinct())
    miesiac, okres = pelna_nazwa_miesiaca(poczatek), poczatek.strftime("%Y-%m")
    items = []
    for p in przydzialy:
        if (p.doradca_id, p.udzial_id) in z_wpisami:
            continue
        params = {"jst": p.udzial.jst.nazwa_pelna, "miesiac": miesiac, "dzien": regula.dni or 1,
                  "norma": godziny(edycja.norma_godzin)}
        items.append(Nalezne(
            obiekt=p.udzial, okres=okres, odbiorcy=[p.doradca.uzytkownik],
            tytul=_("Brak godzin doradztwa zdalnego: %(jst)s") % params,
            tresc=_("W tym miesiącu (%(miesiac)s) nie ma jeszcze żadnego wpisu doradztwa zdalnego w JST: "
                    "%(jst)s. Norma edycji to %(norma)s na miesiąc na doradcę i JST.") % params,
            link=reverse("jst:wpis_zdalny_nowy"),
            opis=_("%(jst)s — brak godzin zdalnych (%(miesiac)s)") % params,
        ))
    return items


# --- Timesheet by day N of the next month ----------------------------------------------------------


def _karta_niezlozona(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    edycja = regula.edycja
    if dzis.day < (regula.dni or 1):
        return []
    nastepny = dzis.replace(day=1)
    miesiac = (nastepny - datetime.timedelta(days=1)).replace(day=1)
    if not edycja.data_od.replace(day=1) <= miesiac <= edycja.data_do:
        return []
    doradcy = {}
    for p in (PrzydzialDoradcy.objects.filter(udzial__edycja=edycja, od__lt=nastepny_miesiac(miesiac))
              .filter(Q(do__isnull=True) | Q(do__gte=miesiac)).select_related("doradca__uzytkownik")
              .order_by("doradca_id")):
        doradcy.setdefault(p.doradca_id, p.doradca)
    zlozone = set(KartaCzasuPracy.objects.filter(edycja=edycja, miesiac=miesiac, stan__in=ZLOZONE)
                  .values_list("doradca_id", flat=True))
    params = {"miesiac": pelna_nazwa_miesiaca(miesiac), "edycja": edycja.nazwa, "dzien": regula.dni or 1}
    link = reverse("jst:moja_karta", kwargs={"edycja_pk": edycja.pk, "miesiac": miesiac})
    return [
        Nalezne(
            obiekt=edycja, okres=miesiac.strftime("%Y-%m"), odbiorcy=[doradca.uzytkownik],
            tytul=_("Karta czasu pracy za %(miesiac)s czeka na złożenie") % params,
            tresc=_("Karta czasu pracy za %(miesiac)s (%(edycja)s) nie została jeszcze złożona. Karty składa się "
                    "do %(dzien)d. dnia następnego miesiąca.") % params,
            link=link,
            opis=_("%(kto)s — karta czasu pracy za %(miesiac)s") % {**params, "kto": doradca},
        )
        for doradca_id, doradca in doradcy.items() if doradca_id not in zlozone
    ]


# --- Events and visits in N days -------------------------------------------------------------------


def _wydarzenie_wkrotce(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    wydarzenia = {w.pk: w for w in Wydarzenie.objects.filter(
        edycja=regula.edycja, od__gte=dzis, od__lte=regula.horyzont(dzis))}
    zapisani: dict[int, list] = defaultdict(list)
    for r in (Rejestracja.objects.filter(wydarzenie_id__in=list(wydarzenia), czlonek__aktywny=True)
              .select_related("czlonek__uzytkownik").order_by("pk")):
        zapisani[r.wydarzenie_id].append(r.czlonek.uzytkownik)
    items = []
    for pk, w in wydarzenia.items():
        if not zapisani.get(pk):
            continue
        params = {"nazwa": w.nazwa, "daty": zakres_dat(w.od, w.do), "data": data_pl(w.od),
                  "miejsce": w.miejsce or w.link or _("miejsce zostanie podane")}
        items.append(Nalezne(
            obiekt=w, okres=w.od.isoformat(), odbiorcy=zapisani[pk],
            tytul=_("Wydarzenie %(data)s: %(nazwa)s") % params,
            tresc=_("Przypominamy o wydarzeniu „%(nazwa)s”, na które jesteś zapisany(-a): %(daty)s, "
                    "%(miejsce)s.") % params,
            link=reverse("jst:wydarzenie", args=[pk]),
            opis=_("%(nazwa)s — %(daty)s") % params,
        ))
    return items


def _wizyta_wkrotce(regula: Regula, dzis: datetime.date) -> list[Nalezne]:
    wizyty = list(Wizyta.objects.filter(udzial__edycja=regula.edycja, od__gte=dzis, od__lte=regula.horyzont(dzis))
                  .select_related("udzial__jst").prefetch_related("doradcy__uzytkownik").order_by("od", "pk"))
    team = zespoly(w.udzial_id for w in wizyty)
    items = []
    for w in wizyty:
        # Only the type, dates and place: never the advisers' private notes (CONVENTIONS §4).
        params = {"typ": w.get_typ_display(), "jst": w.udzial.jst.nazwa_pelna, "daty": zakres_dat(w.od, w.do),
                  "data": data_pl(w.od), "miejsce": w.miejsce}
        items.append(Nalezne(
            obiekt=w, okres=w.od.isoformat(),
            odbiorcy=[d.uzytkownik for d in w.doradcy.all()] + team.get(w.udzial_id, []),
            tytul=_("%(typ)s %(data)s: %(jst)s") % {**params, "typ": capfirst(params["typ"])},
            tresc=_("Przypominamy o wizycie: %(typ)s, %(jst)s, %(daty)s, %(miejsce)s.") % params,
            link=reverse("jst:wizyta", kwargs={"pk": w.udzial_id, "wizyta_pk": w.pk}),
            opis=_("%(jst)s — %(typ)s, %(daty)s") % params,
        ))
    return items


zarejestruj(RodzajPrzypomnienia(
    kod="zdalne_brak", kolejnosc=10, zbierz=_zdalne_brak, zaleglosc=True,
    nazwa=gettext_lazy("Brak godzin doradztwa zdalnego w JST"),
    opis=gettext_lazy("Doradca nie ma w bieżącym miesiącu żadnego wpisu doradztwa zdalnego dla JST, "
                      "do której jest przydzielony, a minął wskazany dzień miesiąca."),
    adresaci=gettext_lazy("doradca"),
    parametr=gettext_lazy("Dzień miesiąca"), domyslnie=20, minimum=1, maksimum=28,
))
zarejestruj(RodzajPrzypomnienia(
    kod="karta_niezlozona", kolejnosc=20, zbierz=_karta_niezlozona, zaleglosc=True,
    nazwa=gettext_lazy("Niezłożona karta czasu pracy"),
    opis=gettext_lazy("Karta czasu pracy za poprzedni miesiąc nie została złożona do wskazanego dnia "
                      "następnego miesiąca."),
    adresaci=gettext_lazy("doradca"),
    parametr=gettext_lazy("Dzień następnego miesiąca"), domyslnie=5, minimum=1, maksimum=28,
))
zarejestruj(RodzajPrzypomnienia(
    kod="wydarzenie_wkrotce", kolejnosc=30, zbierz=_wydarzenie_wkrotce,
    nazwa=gettext_lazy("Zbliżające się wydarzenie"),
    opis=gettext_lazy("Wydarzenie edycji zaczyna się za wskazaną liczbę dni lub wcześniej."),
    adresaci=gettext_lazy("zapisani członkowie zespołów"), **dni_wczesniej(domyslnie=3, maksimum=30),
))
zarejestruj(RodzajPrzypomnienia(
    kod="wizyta_wkrotce", kolejnosc=40, zbierz=_wizyta_wkrotce,
    nazwa=gettext_lazy("Zbliżająca się wizyta w JST"),
    opis=gettext_lazy("Wizyta doradców w JST zaczyna się za wskazaną liczbę dni lub wcześniej."),
    adresaci=gettext_lazy("doradcy wizyty i zespół JST"), **dni_wczesniej(domyslnie=3, maksimum=30),
))
