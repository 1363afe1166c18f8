"""HDR actions of the version in force (the newest approved one) of every JST, with their current
monitoring state; "overdue" is computed on the day of the export (`hdr.monitoring.czy_opoznione`).
One query per chunk: the monitoring state comes in as correlated subqueries."""

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from doradztwo.przeglad import StanPrzegladu
from hdr.models import Dzialanie, MonitoringDzialania, Postep, StatusDzialania, WersjaHdr
from hdr.monitoring import czy_opoznione
from hdr.services import osoba_odpowiedzialna
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna

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


def wiersze_dzialan(edycja):
    dzis = timezone.localdate()
    for d in dzialania_w_mocy(edycja).iterator(chunk_size=PORCJA):
        d.status = d.m_status or StatusDzialania.PLANOWANE
        d.opoznione = czy_opoznione(d.do, d.status, dzis)
        yield d


def _udzial(d: Dzialanie):
    return d.wersja_hdr.hdr.udzial


KOLUMNY_DZIALAN: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda d: _udzial(d).edycja.nazwa),
    (gettext_lazy("TERYT"), lambda d: _udzial(d).jst.teryt),
    (gettext_lazy("JST"), lambda d: str(_udzial(d).jst.nazwa_pelna)),
    (gettext_lazy("Obszar"), lambda d: d.wersja_hdr.hdr.obszar.nazwa),
    (gettext_lazy("Wersja HDR"), lambda d: d.wersja_hdr.numer),
    (gettext_lazy("Data zatwierdzenia HDR"), lambda d: d.wersja_hdr.zatwierdzona),
    (gettext_lazy("Działanie"), lambda d: d.nazwa),
    (gettext_lazy("Początek"), lambda d: d.od),
    (gettext_lazy("Koniec"), lambda d: d.do),
    (gettext_lazy("Osoba odpowiedzialna"), osoba_odpowiedzialna),
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
