"""Participations with their milestones: one row per JST of the edition. Every milestone is derived
from its artefact (the team's review state, the sheet, the area choice, the data task, the visits,
the deep diagnosis, the HDR version in force and its monitoring, the final report) — never from
`Udzial.etap` alone, which a coordinator may have overridden. The artefacts, the actions in force and
the milestone cells come from the edition dashboard (`raporty.pulpit`), so the two never disagree."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, DiagnozaPoglebiona, WyborObszaru, ZadanieDanych
from doradztwo.przeglad import StanPrzegladu
from hdr.models import Dzialanie, MonitoringDzialania, StatusDzialania, WersjaHdr
from jst.access import active_assignment_q
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial, Wizyta
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania, porcjami
from raporty.eksporty.zapis import PORCJA, Kolumna
from raporty.models import RaportKoncowy
from raporty.pulpit import Status, dzialania_w_mocy, kamienie_z_artefaktow, procent_realizacji, z_artefaktami

S = StanPrzegladu
_STANY = dict(S.choices)
# A milestone cell that counts as submitted: submitted and not returned (approved, accepted, chosen too).
ZLOZONE = frozenset({Status.ZLOZONE, Status.GOTOWE})


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


def udzialy_z_kamieniami(edycja):
    """The edition's participations with every artefact the milestones read (the dashboard's
    `z_artefaktami`): one query for the rows and two prefetches per chunk (active team, current
    advisers); `_dolacz_kamienie` adds one more."""
    return (
        z_artefaktami(Udzial.objects.filter(edycja=edycja))
        .prefetch_related(
            Prefetch("zespol", queryset=CzlonekZespolu.objects.filter(aktywny=True).select_related("uzytkownik")
                     .order_by("-lider", "uzytkownik__last_name", "uzytkownik__first_name", "pk"), to_attr="aktywni"),
            Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(active_assignment_q())
                     .select_related("doradca__uzytkownik").order_by("rola", "od", "pk"), to_attr="aktualne"),
        )
        .order_by("jst__teryt", "pk")
    )


def _dolacz_kamienie(porcja: list[Udzial], dzis) -> None:
    """The dashboard's milestone cells and the actions in force with their status, for one chunk: one
    query (none without an approved HDR)."""
    dzialania = dzialania_w_mocy(porcja, dzis)
    for u in porcja:
        lista = dzialania.get(u.pk, [])
        u.kamienie = kamienie_z_artefaktow(u, lista, dzis)
        u.dzialan = u.zrealizowanych = u.opoznionych = u.realizacja = None
        if u.hdr_w_mocy_id:
            u.dzialan = len(lista)
            u.zrealizowanych = sum(1 for d in lista if d.status == StatusDzialania.ZREALIZOWANE)
            u.opoznionych = sum(1 for d in lista if d.opoznione)
            u.realizacja = procent_realizacji(lista)


def wiersze_udzialow(edycja):
    dzis = timezone.localdate()
    for porcja in porcjami(udzialy_z_kamieniami(edycja).iterator(chunk_size=PORCJA)):
        _dolacz_kamienie(porcja, dzis)
        yield from porcja


def _doradca(rola: str):
    def getter(u: Udzial) -> str:
        return ", ".join(_osoba(p.doradca.uzytkownik) for p in u.aktualne if p.rola == rola)
    return getter


def _lider(u: Udzial) -> str:
    return ", ".join(_osoba(c.uzytkownik) for c in u.aktywni if c.lider)


def _obszar(u: Udzial):
    return _powiazany(u, "wybor_obszaru")


def _kamien(kod: str, statusy=ZLOZONE):
    """Whether the dashboard's cell of milestone `kod` (from its artefact) has one of `statusy`."""
    def getter(u: Udzial) -> bool:
        return u.kamienie[kod].status in statusy
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
    (gettext_lazy("Zespół zatwierdzony"), _kamien("zespol", {Status.GOTOWE})),
    (gettext_lazy("Arkusz złożony"), _kamien("arkusz")),
    (gettext_lazy("Stan arkusza"), lambda u: str(_STANY.get(u.arkusz_stan, u.arkusz_stan or ""))),
    (gettext_lazy("Obszar wybrany"), _kamien("obszar", {Status.GOTOWE})),
    (gettext_lazy("Kod obszaru"), lambda u: _obszar(u).obszar.kod if _obszar(u) else ""),
    (gettext_lazy("Obszar"), lambda u: _obszar(u).obszar.nazwa if _obszar(u) else ""),
    (gettext_lazy("Dane zebrane"), _kamien("dane")),
    (gettext_lazy("Stan zadania wdrożeniowego"), lambda u: _stan(_powiazany(u, "zadanie_danych"))),
    (gettext_lazy("Spotkanie 1"), lambda u: u.kamienie["spotkanie_1"].data),
    (gettext_lazy("Diagnoza pogłębiona złożona"), _kamien("poglebiona")),
    (gettext_lazy("Stan diagnozy pogłębionej"), lambda u: _stan(_powiazany(u, "diagnoza_poglebiona"))),
    (gettext_lazy("Spotkanie 2"), lambda u: u.kamienie["spotkanie_2"].data),
    (gettext_lazy("HDR zatwierdzony"), _kamien("hdr", {Status.GOTOWE})),
    (gettext_lazy("Wersja HDR w mocy"), lambda u: u.hdr_w_mocy_numer),
    (gettext_lazy("Data zatwierdzenia HDR"), lambda u: u.hdr_w_mocy_data),
    (gettext_lazy("Działania HDR"), lambda u: u.dzialan),
    (gettext_lazy("Działania zrealizowane"), lambda u: u.zrealizowanych),
    (gettext_lazy("Działania opóźnione"), lambda u: u.opoznionych),
    (gettext_lazy("Realizacja HDR (%)"), lambda u: u.realizacja),
    (gettext_lazy("Forma raportu"), lambda u: str(_raport(u).get_forma_display()) if _raport(u) else ""),
    (gettext_lazy("Raport złożony"), _kamien("raport")),
    (gettext_lazy("Raport przyjęty"), _kamien("raport", {Status.GOTOWE})),
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
