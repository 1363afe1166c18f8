"""Participations with their milestones: one row per JST of the edition. Every milestone is derived
from its artefact (the team's review state, the sheet, the area choice, the data task, the visits,
the deep diagnosis, the HDR version in force and its monitoring, the final report) — never from
`Udzial.etap` alone, which a coordinator may have overridden."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Min, OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, DiagnozaPoglebiona, WyborObszaru, ZadanieDanych
from doradztwo.przeglad import StanPrzegladu
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, StatusDzialania, WersjaHdr
from hdr.monitoring import czy_opoznione
from jst.access import active_assignment_q
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial, Wizyta
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania, porcjami
from raporty.eksporty.zapis import PORCJA, Kolumna
from raporty.models import RaportKoncowy

S = StanPrzegladu
ZLOZONE = frozenset({S.ZLOZONA, S.ZATWIERDZONA})  # submitted and not returned (approved counts too)
_STANY = dict(S.choices)


def _powiazany(obj, name: str):
    """A reverse one-to-one loaded by select_related, or None when the artefact does not exist yet."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _stan(obj) -> str:
    return "" if obj is None else str(_STANY.get(obj.stan, obj.stan))


def _osoba(user) -> str:
    return user.get_full_name() or user.get_username()


def _w_mocy(field: str):
    """A field of the participation's HDR version in force (the newest approved one)."""
    return Subquery(WersjaHdr.objects.filter(hdr__udzial=OuterRef("pk"), stan=S.ZATWIERDZONA)
                    .order_by("-numer").values(field)[:1])


def _spotkanie(typ: str):
    return Subquery(Wizyta.objects.filter(udzial=OuterRef("pk"), typ=typ).order_by().values("udzial")
                    .annotate(od=Min("od")).values("od")[:1])


def udzialy_z_kamieniami(edycja):
    """The edition's participations with every artefact the milestones read: one query for the rows
    and two prefetches per chunk (active team, current advisers); `_dolacz_hdr` adds two more."""
    return (
        Udzial.objects.filter(edycja=edycja)
        .select_related("edycja", "jst", "wybor_obszaru__obszar", "zadanie_danych", "diagnoza_poglebiona",
                        "raport_koncowy")
        .annotate(
            stan_arkusza=Subquery(Arkusz.objects.filter(udzial=OuterRef("pk"), czlonek__isnull=True).values("stan")[:1]),
            spotkanie_1=_spotkanie(Wizyta.Typ.SPOTKANIE_1),
            spotkanie_2=_spotkanie(Wizyta.Typ.SPOTKANIE_2),
            hdr_w_mocy=_w_mocy("pk"), hdr_numer=_w_mocy("numer"), hdr_zatwierdzony=_w_mocy("zatwierdzona"),
            id_hdr=Subquery(Hdr.objects.filter(udzial=OuterRef("pk")).values("pk")[:1]),
        )
        .prefetch_related(
            Prefetch("zespol", queryset=CzlonekZespolu.objects.filter(aktywny=True).select_related("uzytkownik")
                     .order_by("-lider", "uzytkownik__last_name", "uzytkownik__first_name", "pk"), to_attr="aktywni"),
            Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(active_assignment_q())
                     .select_related("doradca__uzytkownik").order_by("rola", "od", "pk"), to_attr="aktualne"),
        )
        .order_by("jst__teryt", "pk")
    )


def _dolacz_hdr(porcja: list[Udzial], dzis) -> None:
    """Actions of the versions in force and their monitoring, for one chunk: two queries."""
    wersje = [u.hdr_w_mocy for u in porcja if u.hdr_w_mocy]
    dzialania = defaultdict(list)
    for d in Dzialanie.objects.filter(wersja_hdr_id__in=wersje).only("wersja_hdr_id", "klucz", "do"):
        dzialania[d.wersja_hdr_id].append(d)
    monitoring = {(m.hdr_id, m.klucz): m for m in MonitoringDzialania.objects.filter(
        hdr_id__in=[u.id_hdr for u in porcja if u.id_hdr]).only("hdr_id", "klucz", "status", "postep")}
    for u in porcja:
        u.dzialan = u.zrealizowanych = u.opoznionych = None
        u.realizacja = None
        if not u.hdr_w_mocy:
            continue
        lista = dzialania.get(u.hdr_w_mocy, [])
        u.dzialan, u.zrealizowanych, u.opoznionych = len(lista), 0, 0
        postepy = []
        for d in lista:
            m = monitoring.get((u.id_hdr, d.klucz))
            status = m.status if m else StatusDzialania.PLANOWANE
            u.zrealizowanych += status == StatusDzialania.ZREALIZOWANE
            u.opoznionych += czy_opoznione(d.do, status, dzis)
            if status != StatusDzialania.ANULOWANE:
                postepy.append(m.postep if m else 0)
        if postepy:
            u.realizacja = int((Decimal(sum(postepy)) / len(postepy)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def wiersze_udzialow(edycja):
    dzis = timezone.localdate()
    for porcja in porcjami(udzialy_z_kamieniami(edycja).iterator(chunk_size=PORCJA)):
        _dolacz_hdr(porcja, dzis)
        yield from porcja


def _doradca(rola: str):
    def getter(u: Udzial) -> str:
        return ", ".join(_osoba(p.doradca.uzytkownik) for p in u.aktualne if p.rola == rola)
    return getter


def _lider(u: Udzial) -> str:
    return ", ".join(_osoba(c.uzytkownik) for c in u.aktywni if c.lider)


def _obszar(u: Udzial):
    return _powiazany(u, "wybor_obszaru")


def _zlozone(name: str):
    def getter(u: Udzial) -> bool:
        obj = _powiazany(u, name)
        return obj is not None and obj.stan in ZLOZONE
    return getter


def _raport(u: Udzial):
    return _powiazany(u, "raport_koncowy")


KOLUMNY_UDZIALOW: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda u: u.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda u: u.jst.teryt),
    (gettext_lazy("JST"), lambda u: str(u.jst.nazwa_pelna)),
    (gettext_lazy("Rodzaj JST"), lambda u: str(u.jst.get_rodzaj_display())),
    (gettext_lazy("Województwo"), lambda u: u.jst.wojewodztwo),
    (gettext_lazy("Powiat"), lambda u: u.jst.powiat),
    (gettext_lazy("Etap"), lambda u: str(u.get_etap_display())),
    (gettext_lazy("Doradca ROS"), _doradca(PrzydzialDoradcy.Rola.ROS)),
    (gettext_lazy("Doradca PRO"), _doradca(PrzydzialDoradcy.Rola.PRO)),
    (gettext_lazy("Lider zespołu"), _lider),
    (gettext_lazy("Członkowie zespołu"), lambda u: len(u.aktywni)),
    (gettext_lazy("Zespół zatwierdzony"), lambda u: u.stan_zespolu == S.ZATWIERDZONA),
    (gettext_lazy("Arkusz złożony"), lambda u: u.stan_arkusza in ZLOZONE),
    (gettext_lazy("Stan arkusza"), lambda u: str(_STANY.get(u.stan_arkusza, u.stan_arkusza or ""))),
    (gettext_lazy("Obszar wybrany"), lambda u: _obszar(u) is not None),
    (gettext_lazy("Kod obszaru"), lambda u: _obszar(u).obszar.kod if _obszar(u) else ""),
    (gettext_lazy("Obszar"), lambda u: _obszar(u).obszar.nazwa if _obszar(u) else ""),
    (gettext_lazy("Dane zebrane"), _zlozone("zadanie_danych")),
    (gettext_lazy("Stan zadania wdrożeniowego"), lambda u: _stan(_powiazany(u, "zadanie_danych"))),
    (gettext_lazy("Spotkanie 1"), lambda u: u.spotkanie_1),
    (gettext_lazy("Diagnoza pogłębiona złożona"), _zlozone("diagnoza_poglebiona")),
    (gettext_lazy("Stan diagnozy pogłębionej"), lambda u: _stan(_powiazany(u, "diagnoza_poglebiona"))),
    (gettext_lazy("Spotkanie 2"), lambda u: u.spotkanie_2),
    (gettext_lazy("HDR zatwierdzony"), lambda u: u.hdr_w_mocy is not None),
    (gettext_lazy("Wersja HDR w mocy"), lambda u: u.hdr_numer),
    (gettext_lazy("Data zatwierdzenia HDR"), lambda u: u.hdr_zatwierdzony),
    (gettext_lazy("Działania HDR"), lambda u: u.dzialan),
    (gettext_lazy("Działania zrealizowane"), lambda u: u.zrealizowanych),
    (gettext_lazy("Działania opóźnione"), lambda u: u.opoznionych),
    (gettext_lazy("Realizacja HDR (%)"), lambda u: u.realizacja),
    (gettext_lazy("Forma raportu"), lambda u: str(_raport(u).get_forma_display()) if _raport(u) else ""),
    (gettext_lazy("Raport złożony"), _zlozone("raport_koncowy")),
    (gettext_lazy("Raport przyjęty"), lambda u: _raport(u) is not None and _raport(u).stan == S.ZATWIERDZONA),
]


def _odcisk(edycja) -> tuple:
    return (
        odcisk_zapytania(Arkusz.objects.filter(udzial__edycja=edycja, czlonek__isnull=True), "udzial_id", "stan"),
        odcisk_zapytania(WyborObszaru.objects.filter(udzial__edycja=edycja), "udzial_id", "obszar_id"),
        odcisk_zapytania(ZadanieDanych.objects.filter(udzial__edycja=edycja), "udzial_id", "stan"),
        odcisk_zapytania(DiagnozaPoglebiona.objects.filter(udzial__edycja=edycja), "udzial_id", "stan"),
        odcisk_zapytania(Wizyta.objects.filter(udzial__edycja=edycja), "udzial_id", "typ", "od"),
        odcisk_zapytania(WersjaHdr.objects.filter(hdr__udzial__edycja=edycja), "hdr_id", "numer", "stan",
                         "zatwierdzona"),
        odcisk_zapytania(Dzialanie.objects.filter(wersja_hdr__hdr__udzial__edycja=edycja, wersja_hdr__stan=S.ZATWIERDZONA),
                         "wersja_hdr_id", "klucz", "do"),
        odcisk_zapytania(MonitoringDzialania.objects.filter(hdr__udzial__edycja=edycja), "status", "postep"),
        odcisk_zapytania(RaportKoncowy.objects.filter(udzial__edycja=edycja), "udzial_id", "forma", "stan"),
        odcisk_zapytania(CzlonekZespolu.objects.filter(udzial__edycja=edycja), "uzytkownik_id", "lider", "aktywny"),
        odcisk_zapytania(PrzydzialDoradcy.objects.filter(udzial__edycja=edycja), "doradca_id", "rola", "od", "do"),
    )


UDZIALY = eksport_zarejestruj(Eksport(
    slug="udzialy", kolejnosc=10, rodzaj="eksport_udzialy", plik="udzialy-kamienie-milowe",
    tytul=gettext_lazy("Udziały JST i kamienie milowe"),
    opis=gettext_lazy("Jeden wiersz na każdą JST edycji: etap, doradcy, lider i liczebność zespołu oraz kamienie "
                      "milowe — zespół, arkusz, obszar, dane, spotkania, diagnoza pogłębiona, HDR z postępem "
                      "realizacji i raport końcowy."),
    arkusz=gettext_lazy("Udziały"), kolumny=KOLUMNY_UDZIALOW, wiersze=wiersze_udzialow,
    liczba=lambda edycja: Udzial.objects.filter(edycja=edycja).count(), odcisk=_odcisk,
    wedlug_dnia=True,  # overdue actions and current advisers are counted against today
))
