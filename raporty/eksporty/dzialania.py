"""HDR actions of the version in force (the newest approved one) of every JST, with their current
monitoring state; "overdue" is computed on the day of the export (`hdr.monitoring.czy_opoznione`)."""

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from doradztwo.przeglad import StanPrzegladu
from hdr.models import Dzialanie, MonitoringDzialania, Postep, StatusDzialania, WersjaHdr
from hdr.monitoring import czy_opoznione
from hdr.services import osoba_odpowiedzialna
from jst.models import CzlonekZespolu
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna, raz

_STATUSY = dict(StatusDzialania.choices)


def _monitoring(pole: str):
    return Subquery(MonitoringDzialania.objects.filter(hdr=OuterRef("wersja_hdr__hdr"), klucz=OuterRef("klucz"))
                    .values(pole)[:1])


def dzialania_w_mocy(edycja):
    w_mocy = (WersjaHdr.objects.filter(hdr=OuterRef("wersja_hdr__hdr"), stan=StanPrzegladu.ZATWIERDZONA)
              .order_by("-numer").values("pk")[:1])
    ostatni = (Postep.objects.filter(hdr=OuterRef("wersja_hdr__hdr"), klucz=OuterRef("klucz")).order_by()
               .values("klucz").annotate(m=Max("data")).values("m")[:1])
    return (Dzialanie.objects
            .filter(wersja_hdr__hdr__udzial__edycja=edycja, wersja_hdr__stan=StanPrzegladu.ZATWIERDZONA)
            .filter(wersja_hdr_id=Subquery(w_mocy))
            .select_related("wersja_hdr__hdr__obszar", "wersja_hdr__hdr__udzial__jst",
                            "wersja_hdr__hdr__udzial__edycja", "wlasciciel__uzytkownik")
            .annotate(m_status=_monitoring("status"), m_postep=_monitoring("postep"),
                      m_wartosc=_monitoring("wartosc_aktualna"), ostatnia_aktualizacja=Subquery(ostatni))
            .order_by("wersja_hdr__hdr__udzial__jst__teryt", "od", "kolejnosc", "pk"))


def wiersze_dzialan(edycja, *, porcja: int = PORCJA):
    """The rows of `dzialania_w_mocy`, for a national edition (42,000 actions): the actions alone come
    in chunks, each with only the columns read; the versions in force with their JST and area, the
    monitoring states, the last progress dates and the team members are read once each (a query each)
    and attached. Correlated subqueries and five related objects per action took 10.7 s."""
    dzis = timezone.localdate()
    w_mocy = (WersjaHdr.objects.filter(hdr=OuterRef("hdr"), stan=StanPrzegladu.ZATWIERDZONA)
              .order_by("-numer").values("pk")[:1])
    wersje = {w.pk: w for w in WersjaHdr.objects.filter(hdr__udzial__edycja=edycja, stan=StanPrzegladu.ZATWIERDZONA)
              .filter(pk=Subquery(w_mocy))
              .select_related("hdr__obszar", "hdr__udzial__jst", "hdr__udzial__edycja")}
    monitoring = {(h, k): (status, postep, wartosc) for h, k, status, postep, wartosc in
                  MonitoringDzialania.objects.filter(hdr__udzial__edycja=edycja)
                  .values_list("hdr_id", "klucz", "status", "postep", "wartosc_aktualna")}
    ostatnie = {(h, k): m for h, k, m in Postep.objects.filter(hdr__udzial__edycja=edycja).order_by()
                .values("hdr_id", "klucz").annotate(m=Max("data")).values_list("hdr_id", "klucz", "m")}
    # Only the name of each responsible member (osoba_odpowiedzialna's rule), not 14,000 objects.
    osoby = {pk: f"{imie} {nazwisko}".strip() or login for pk, imie, nazwisko, login in
             CzlonekZespolu.objects.filter(udzial__edycja=edycja)
             .values_list("pk", "uzytkownik__first_name", "uzytkownik__last_name", "uzytkownik__username")}
    dzialania = (Dzialanie.objects.filter(wersja_hdr__in=list(wersje))
                 .only("wersja_hdr_id", "klucz", "nazwa", "od", "do", "wlasciciel_id", "wlasciciel_nazwa",
                       "wspolrealizatorzy", "kwota", "zrodlo_finansowania", "miernik", "wartosc_bazowa",
                       "wartosc_docelowa", "raport_koncowy")
                 .order_by("wersja_hdr__hdr__udzial__jst__teryt", "od", "kolejnosc", "pk"))
    for d in dzialania.iterator(chunk_size=porcja):
        d.wersja_hdr = wersja = wersje[d.wersja_hdr_id]
        if d.wlasciciel_id in osoby:
            d.osoba = osoby[d.wlasciciel_id]
        else:  # no member, or one added while the export ran
            d.osoba = osoba_odpowiedzialna(d)
        d.m_status, d.m_postep, d.m_wartosc = monitoring.get((wersja.hdr_id, d.klucz), (None, None, None))
        d.ostatnia_aktualizacja = ostatnie.get((wersja.hdr_id, d.klucz))
        d.status = d.m_status or StatusDzialania.PLANOWANE
        d.opoznione = czy_opoznione(d.do, d.status, dzis)
        yield d


def _udzial(d: Dzialanie):
    return d.wersja_hdr.hdr.udzial


KOLUMNY_DZIALAN: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda d: _udzial(d).edycja.nazwa),
    (gettext_lazy("TERYT"), lambda d: _udzial(d).jst.teryt),
    (gettext_lazy("JST"), lambda d: raz(_udzial(d).jst, "_eksport_nazwa", lambda jst: str(jst.nazwa_pelna))),
    (gettext_lazy("Obszar"), lambda d: d.wersja_hdr.hdr.obszar.nazwa),
    (gettext_lazy("Wersja HDR"), lambda d: d.wersja_hdr.numer),
    (gettext_lazy("Data zatwierdzenia HDR"), lambda d: d.wersja_hdr.zatwierdzona),
    (gettext_lazy("Działanie"), lambda d: d.nazwa),
    (gettext_lazy("Początek"), lambda d: d.od),
    (gettext_lazy("Koniec"), lambda d: d.do),
    (gettext_lazy("Osoba odpowiedzialna"), lambda d: d.osoba),
    (gettext_lazy("Współrealizatorzy"), lambda d: d.wspolrealizatorzy),
    (gettext_lazy("Kwota (zł)"), lambda d: d.kwota),
    (gettext_lazy("Źródło finansowania"), lambda d: d.zrodlo_finansowania),
    (gettext_lazy("Miernik sukcesu"), lambda d: d.miernik),
    (gettext_lazy("Wartość bazowa"), lambda d: d.wartosc_bazowa),
    (gettext_lazy("Wartość docelowa"), lambda d: d.wartosc_docelowa),
    (gettext_lazy("Wartość osiągnięta"), lambda d: d.m_wartosc or ""),
    (gettext_lazy("Status"), lambda d: str(_STATUSY.get(d.status, d.status))),
    (gettext_lazy("Postęp (%)"), lambda d: d.m_postep or 0),
    (gettext_lazy("Opóźnione"), lambda d: d.opoznione),
    (gettext_lazy("Ostatnia aktualizacja"), lambda d: d.ostatnia_aktualizacja),
    (gettext_lazy("Raport końcowy"), lambda d: d.raport_koncowy),
]


def _odcisk(edycja) -> tuple:
    return (
        odcisk_zapytania(WersjaHdr.objects.filter(hdr__udzial__edycja=edycja), "hdr_id", "numer", "stan",
                         "zatwierdzona", "hdr__obszar_id"),
        odcisk_zapytania(Dzialanie.objects.filter(wersja_hdr__hdr__udzial__edycja=edycja,
                                                  wersja_hdr__stan=StanPrzegladu.ZATWIERDZONA), "wersja", "zmienione"),
        odcisk_zapytania(MonitoringDzialania.objects.filter(hdr__udzial__edycja=edycja), "wersja", "status", "postep"),
        odcisk_zapytania(Postep.objects.filter(hdr__udzial__edycja=edycja), "klucz", "data"),
    )


DZIALANIA = eksport_zarejestruj(Eksport(
    slug="dzialania-hdr", kolejnosc=50, rodzaj="eksport_dzialania_hdr", plik="dzialania-hdr",
    tytul=gettext_lazy("Działania HDR"),
    opis=gettext_lazy("Jeden wiersz na działanie z obowiązującej (najnowszej zatwierdzonej) wersji HDR każdej JST: "
                      "nazwa, daty, osoba odpowiedzialna, zasoby, miernik, status, postęp i opóźnienie liczone "
                      "na dzień eksportu."),
    arkusz=gettext_lazy("Działania HDR"), kolumny=KOLUMNY_DZIALAN, wiersze=wiersze_dzialan,
    liczba=lambda edycja: dzialania_w_mocy(edycja).count(), odcisk=_odcisk, wedlug_dnia=True,
))
