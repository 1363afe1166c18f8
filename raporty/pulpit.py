"""Dashboards (issue 10): the edition's JST × milestone matrix, the adviser's and the team's start pages.

Milestones are derived from the artefacts, never stored a second time (CONVENTIONS §2): the team's
review state, the team's sheet, the area choice, the data task, visits of type meeting 1 / 2, the
deep diagnosis, the HDR versions and the monitoring of the version in force, the final report. When a
participation has passed a milestone's stage without the artefact (a coordinator's override, e.g.
a sheet filled on paper), the cell says so and counts as reached. A milestone is late when it is not
reached and its stage in the edition's calendar (`EtapKalendarza`) has ended.

Every selector runs a fixed number of queries whatever the number of participations: one query for
the participations with their artefacts (reverse one-to-ones joined, the rest as subqueries), and one
each for the assignments, calendars, stage history and the actions in force (with their monitoring)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from diagnoza.models import Arkusz
from doradztwo.models import EtapKalendarza, Komentarz, Obszar
from doradztwo.wykresy import wykres_slupkowy
from hdr.models import Dzialanie, FormaRaportu, MonitoringDzialania, StatusDzialania, WersjaHdr
from hdr.monitoring import czy_opoznione
from jst import normy
from jst.access import active_assignment_q
from jst.models import (
    JST,
    CzlonekZespolu,
    Doradca,
    KartaCzasuPracy,
    PrzydzialDoradcy,
    Udzial,
    Wizyta,
    WpisZdalny,
    ZmianaEtapu,
)
from jst.selectors import polish_order
from raporty import pulpit_flagi
from raporty.models import RaportKoncowy
from raporty.teksty import CO_TERAZ

ETAPY = list(Udzial.Etap.values)
NA_STRONIE = 50


# --- Milestones ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kamien:
    kod: str
    nazwa: str
    etap: str  # the participation stage this milestone completes
    kalendarz: str  # the EtapKalendarza code whose end is its deadline
    odpowiada: str  # "zespol" | "doradcy" | "koordynator": who moves it forward
    link: str  # URL name of the page where it is done (takes the participation's pk)


KAMIENIE = (
    Kamien("zespol", gettext_lazy("Zespół zatwierdzony"), "zespol_zatwierdzony", "inauguracja", "koordynator",
           "jst:udzial"),
    Kamien("arkusz", gettext_lazy("Arkusz złożony"), "arkusz_zlozony", "wybor_obszaru", "zespol", "diagnoza:arkusz"),
    Kamien("obszar", gettext_lazy("Obszar wybrany"), "obszar_wybrany", "wybor_obszaru", "zespol",
           "diagnoza:wybor_obszaru"),
    Kamien("dane", gettext_lazy("Dane zebrane"), "dane_zebrane", "zbieranie_danych", "zespol", "diagnoza:zadanie"),
    Kamien("spotkanie_1", gettext_lazy("Spotkanie nr 1"), "spotkanie_1", "spotkanie_1", "doradcy", "jst:wizyty"),
    Kamien("poglebiona", gettext_lazy("Diagnoza pogłębiona"), "diagnoza_poglebiona", "diagnoza_poglebiona", "zespol",
           "diagnoza:poglebiona"),
    Kamien("spotkanie_2", gettext_lazy("Spotkanie nr 2"), "spotkanie_2", "spotkanie_2", "doradcy", "jst:wizyty"),
    Kamien("hdr", gettext_lazy("HDR zatwierdzony"), "hdr_zatwierdzony", "spotkanie_2", "zespol", "hdr:hdr"),
    # Implementation is complete when the participation moves on to its final report.
    Kamien("wdrazanie", gettext_lazy("Wdrażanie HDR"), "raport_zlozony", "wdrazanie", "zespol", "hdr:hdr"),
    Kamien("raport", gettext_lazy("Raport końcowy"), "raport_zlozony", "raport", "zespol", "jst:udzial"),
)


class Status:
    GOTOWE = "gotowe"  # done: approved, accepted, held, chosen
    ZLOZONE = "zlozone"  # submitted, waiting for the coordinator
    ETAP = "etap"  # no artefact, but the participation has passed this stage
    W_TOKU = "w_toku"  # started, planned or reopened
    ZWROCONE = "zwrocone"  # returned for correction
    BRAK = "brak"  # nothing yet

    OSIAGNIETE = frozenset({GOTOWE, ZLOZONE, ETAP})
    KLASY = {GOTOWE: "table-success", ZLOZONE: "table-info", ETAP: "table-success", W_TOKU: "table-warning",
             ZWROCONE: "table-warning", BRAK: ""}


@dataclass
class Komorka:
    kamien: Kamien
    status: str
    tekst: str
    data: datetime.date | None = None
    termin: datetime.date | None = None
    opozniony: bool = False

    @property
    def osiagniety(self) -> bool:
        return self.status in Status.OSIAGNIETE

    @property
    def klasa(self) -> str:
        return "table-danger" if self.opozniony else Status.KLASY[self.status]


@dataclass
class Zaleglosc:
    """An overdue item: a late milestone or an overdue HDR action, with who should move it."""

    udzial: Udzial
    co: str
    termin: datetime.date
    odpowiada: str
    dzis: datetime.date
    link: str = ""

    @property
    def dni(self) -> int:
        return (self.dzis - self.termin).days

    @property
    def dni_tekst(self) -> str:
        return ngettext("%(n)d dzień", "%(n)d dni", self.dni) % {"n": self.dni}


@dataclass
class Wiersz:
    udzial: Udzial
    komorki: list[Komorka] = field(default_factory=list)
    pasuje: bool = True
    dzialania: list = field(default_factory=list)  # actions of the version in force, with status attached
    zaleglosci: list[Zaleglosc] = field(default_factory=list)
    kalendarz: list[EtapKalendarza] = field(default_factory=list)
    terminy: list[dict] = field(default_factory=list)

    @property
    def opoznione(self) -> int:
        return sum(1 for k in self.komorki if k.opozniony)

    def komorka(self, kod: str) -> Komorka:
        return next(k for k in self.komorki if k.kamien.kod == kod)

    @property
    def nastepne(self) -> list[Komorka]:
        """What comes next: the first milestones not reached yet (at most two)."""
        return [k for k in self.komorki if not k.osiagniety][:2]


_STANY_PRZEGLADU = {
    # review state → (status, text) for the sheet, the data task and the deep diagnosis
    "robocza": (Status.W_TOKU, gettext_lazy("w przygotowaniu")),
    "zlozona": (Status.ZLOZONE, gettext_lazy("złożone, czeka na akceptację")),
    "zwrocona": (Status.ZWROCONE, gettext_lazy("zwrócone do poprawy")),
    "zatwierdzona": (Status.GOTOWE, gettext_lazy("zatwierdzone")),
}


def _przeglad(stan: str | None) -> tuple[str, str]:
    if stan is None:
        return Status.BRAK, _("nie rozpoczęto")
    status, tekst = _STANY_PRZEGLADU.get(stan, (Status.W_TOKU, stan))
    return status, str(tekst)


def _rel(obj, name):
    """A reverse one-to-one loaded by select_related (None when absent, no query)."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def z_artefaktami(qs):
    """Participations with everything the milestones need, in one query."""
    arkusz = Arkusz.objects.filter(udzial=OuterRef("pk"), czlonek__isnull=True)
    wersje = WersjaHdr.objects.filter(hdr__udzial=OuterRef("pk"))
    w_mocy = wersje.filter(stan="zatwierdzona").order_by("-numer")
    lider = CzlonekZespolu.objects.filter(udzial=OuterRef("pk"), aktywny=True, lider=True)

    def wizyta(typ):
        return Subquery(Wizyta.objects.filter(udzial=OuterRef("pk"), typ=typ).order_by("od").values("od")[:1])

    return qs.select_related(
        "jst", "edycja", "wybor_obszaru__obszar", "zadanie_danych", "diagnoza_poglebiona", "raport_koncowy",
    ).annotate(
        arkusz_stan=Subquery(arkusz.values("stan")[:1]),
        spotkanie_1_od=wizyta(Wizyta.Typ.SPOTKANIE_1),
        spotkanie_2_od=wizyta(Wizyta.Typ.SPOTKANIE_2),
        hdr_w_mocy_id=Subquery(w_mocy.values("pk")[:1]),
        hdr_w_mocy_numer=Subquery(w_mocy.values("numer")[:1]),
        hdr_w_mocy_data=Subquery(w_mocy.values("zatwierdzona")[:1]),
        hdr_najnowsza_stan=Subquery(wersje.order_by("-numer").values("stan")[:1]),
        lider_imie=Subquery(lider.values("uzytkownik__first_name")[:1]),
        lider_nazwisko=Subquery(lider.values("uzytkownik__last_name")[:1]),
    )


def _aktualne_przydzialy():
    return Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(active_assignment_q())
                    .select_related("doradca__uzytkownik").order_by("-rola"),  # ROS before PRO
                    to_attr="aktualne_przydzialy")


def dzialania_w_mocy(udzialy: list[Udzial], dzis: datetime.date) -> dict[int, list[Dzialanie]]:
    """Actions of each participation's version in force, each with `status`, `postep`, `opoznione` and
    `odpowiada` (the owner). One query (none when no participation has an approved HDR)."""
    wersje = {u.hdr_w_mocy_id: u.pk for u in udzialy if u.hdr_w_mocy_id}
    if not wersje:
        return {}
    monitoring = MonitoringDzialania.objects.filter(hdr_id=OuterRef("wersja_hdr__hdr_id"), klucz=OuterRef("klucz"))
    dzialania = (Dzialanie.objects.filter(wersja_hdr_id__in=wersje)
                 .select_related("wlasciciel__uzytkownik")
                 .only("wersja_hdr_id", "klucz", "nazwa", "od", "do", "wlasciciel_nazwa",
                       "wlasciciel__uzytkownik__first_name", "wlasciciel__uzytkownik__last_name",
                       "wlasciciel__uzytkownik__username")
                 .annotate(m_status=Subquery(monitoring.values("status")[:1]),
                           m_postep=Subquery(monitoring.values("postep")[:1]))
                 .order_by("do", "kolejnosc", "pk"))
    wynik = defaultdict(list)
    for d in dzialania:
        d.status = d.m_status or StatusDzialania.PLANOWANE
        d.postep = 100 if d.status == StatusDzialania.ZREALIZOWANE else (d.m_postep or 0)
        d.opoznione = czy_opoznione(d.do, d.status, dzis)
        d.odpowiada = str(d.wlasciciel.uzytkownik) if d.wlasciciel_id else d.wlasciciel_nazwa
        wynik[wersje[d.wersja_hdr_id]].append(d)
    return wynik


def kalendarze(edycje_ids) -> dict[int, dict[str, EtapKalendarza]]:
    wynik = defaultdict(dict)
    for etap in EtapKalendarza.objects.filter(edycja_id__in=edycje_ids):
        wynik[etap.edycja_id][etap.kod] = etap
    return wynik


def daty_etapow(udzialy_qs) -> dict[int, dict[str, datetime.date]]:
    """When each participation first reached each stage (its stage history). One query."""
    wynik = defaultdict(dict)
    for udzial_id, etap, kiedy in (ZmianaEtapu.objects.filter(udzial__in=udzialy_qs)
                                   .order_by("kiedy", "pk").values_list("udzial_id", "na_etap", "kiedy")):
        wynik[udzial_id].setdefault(etap, timezone.localtime(kiedy).date())
    return wynik


def _data_etapu(historia: dict[str, datetime.date], etap: str) -> datetime.date | None:
    """The first time the participation reached `etap` or any later stage."""
    od = ETAPY.index(etap)
    daty = [d for e, d in historia.items() if e in ETAPY and ETAPY.index(e) >= od]
    return min(daty) if daty else None


def procent_realizacji(dzialania: list) -> int | None:
    """Mean progress (0–100) of the actions that are not cancelled, rounded half up; None when there are
    none. The dashboard's "Wdrażanie HDR" cell and the export's "Realizacja HDR (%)" both use it."""
    postepy = [d.postep for d in dzialania if d.status != StatusDzialania.ANULOWANE]
    if not postepy:
        return None
    return int((Decimal(sum(postepy)) / len(postepy)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _komorka(kamien: Kamien, u: Udzial, dzialania: list, dzis: datetime.date) -> Komorka:
    kod = kamien.kod
    if kod == "zespol":
        if u.stan_zespolu == "zatwierdzona":
            return Komorka(kamien, Status.GOTOWE, _("zatwierdzony"))
        if ETAPY.index(u.etap) >= ETAPY.index(kamien.etap):
            return Komorka(kamien, Status.W_TOKU, _("otwarty ponownie do zmian"))
        return Komorka(kamien, Status.W_TOKU, _("w kompletowaniu"))
    if kod == "arkusz":
        return Komorka(kamien, *_przeglad(u.arkusz_stan))
    if kod == "obszar":
        wybor = _rel(u, "wybor_obszaru")
        if wybor is None:
            return Komorka(kamien, Status.BRAK, _("nie wybrano"))
        return Komorka(kamien, Status.GOTOWE, str(wybor.obszar))
    if kod in ("dane", "poglebiona"):
        artefakt = _rel(u, "zadanie_danych" if kod == "dane" else "diagnoza_poglebiona")
        return Komorka(kamien, *_przeglad(artefakt.stan if artefakt else None))
    if kod in ("spotkanie_1", "spotkanie_2"):
        od = getattr(u, f"{kod}_od")
        if od is None:
            return Komorka(kamien, Status.BRAK, _("nie zapisano"))
        if od <= dzis:
            return Komorka(kamien, Status.GOTOWE, _("odbyło się"), data=od)
        return Komorka(kamien, Status.W_TOKU, _("zaplanowane"), data=od)
    if kod == "hdr":
        if u.hdr_w_mocy_id:
            data = timezone.localtime(u.hdr_w_mocy_data).date() if u.hdr_w_mocy_data else None
            return Komorka(kamien, Status.GOTOWE, _("zatwierdzony (wersja %(n)d)") % {"n": u.hdr_w_mocy_numer},
                           data=data)
        stan = u.hdr_najnowsza_stan
        if stan is None:
            return Komorka(kamien, Status.BRAK, _("nie rozpoczęto"))
        return Komorka(kamien, *_przeglad(stan))
    if kod == "wdrazanie":
        if not u.hdr_w_mocy_id:
            return Komorka(kamien, Status.BRAK, _("brak zatwierdzonego HDR"))
        aktywne = [d for d in dzialania if d.status != StatusDzialania.ANULOWANE]
        if not aktywne:
            return Komorka(kamien, Status.W_TOKU, _("brak działań"))
        procent = procent_realizacji(aktywne)
        zrobione = sum(1 for d in aktywne if d.status == StatusDzialania.ZREALIZOWANE)
        tekst = _("%(p)d%% · zrealizowane %(z)d z %(n)d") % {"p": procent, "z": zrobione, "n": len(aktywne)}
        return Komorka(kamien, Status.GOTOWE if zrobione == len(aktywne) else Status.W_TOKU, tekst)
    if kod == "raport":
        raport = _rel(u, "raport_koncowy")
        if raport is None:
            return Komorka(kamien, Status.BRAK, _("nie rozpoczęto"))
        return Komorka(kamien, *{
            "robocza": (Status.W_TOKU, _("w przygotowaniu")),
            "zlozona": (Status.ZLOZONE, _("złożony, czeka na akceptację")),
            "zwrocona": (Status.ZWROCONE, _("zwrócony do poprawy")),
            "zatwierdzona": (Status.GOTOWE, _("przyjęty")),
        }.get(raport.stan, (Status.W_TOKU, raport.stan)))
    raise ValueError(kod)


def kamienie_z_artefaktow(u: Udzial, dzialania: list, dzis: datetime.date) -> dict[str, Komorka]:
    """Each milestone's cell (by code) read from its artefact alone: no stage override, no deadline.
    The participations export reads its milestone columns from these."""
    return {kamien.kod: _komorka(kamien, u, dzialania, dzis) for kamien in KAMIENIE}


def kamienie_udzialu(u: Udzial, *, kalendarz: dict[str, EtapKalendarza], dzialania: list,
                     historia: dict[str, datetime.date] | None, dzis: datetime.date) -> list[Komorka]:
    komorki = []
    for kamien in KAMIENIE:
        k = _komorka(kamien, u, dzialania, dzis)
        if k.status == Status.BRAK and ETAPY.index(u.etap) >= ETAPY.index(kamien.etap):
            k = Komorka(kamien, Status.ETAP, _("osiągnięty (zmiana etapu)"),
                        data=_data_etapu(historia, kamien.etap) if historia is not None else None)
        elif kamien.kod == "wdrazanie" and k.status == Status.BRAK and u.etap == Udzial.Etap.WDRAZANIE:
            k = Komorka(kamien, Status.W_TOKU, _("trwa (zmiana etapu), brak HDR w systemie"))
        etap = kalendarz.get(kamien.kalendarz)
        k.termin = etap.data_do if etap else None
        spoznione = sum(1 for d in dzialania if d.opoznione) if kamien.kod == "wdrazanie" else 0
        if spoznione:
            k.opozniony = True
            uwaga = ngettext("%(n)d działanie opóźnione", "%(n)d działania opóźnione", spoznione) % {"n": spoznione}
            k.tekst = f"{k.tekst}; {uwaga}"
        elif not k.osiagniety and k.termin is not None and k.termin < dzis:
            k.opozniony = True
        komorki.append(k)
    return komorki


def _lider(u: Udzial) -> str:
    nazwa = f"{u.lider_imie or ''} {u.lider_nazwisko or ''}".strip()
    return _("%(osoba)s (lider zespołu)") % {"osoba": nazwa} if nazwa else _("zespół JST (brak lidera)")


def _doradcy(u: Udzial) -> str:
    pary = [f"{p.rola}: {p.doradca}" for p in getattr(u, "aktualne_przydzialy", [])]
    return ", ".join(pary) if pary else _("brak przydzielonych doradców")


def odpowiada(k: Komorka, u: Udzial) -> str:
    if k.status == Status.ZLOZONE or k.kamien.odpowiada == "koordynator":
        return _("koordynator edycji")
    if k.kamien.odpowiada == "doradcy":
        return _doradcy(u)
    return _lider(u)


def zaleglosci(w: Wiersz, dzis: datetime.date) -> list[Zaleglosc]:
    u = w.udzial
    wynik = []
    for k in w.komorki:
        if k.opozniony and k.kamien.kod != "wdrazanie" and k.termin is not None:
            wynik.append(Zaleglosc(u, str(k.kamien.nazwa), k.termin, odpowiada(k, u), dzis,
                                   reverse(k.kamien.link, args=[u.pk])))
    wdrazanie = w.komorka("wdrazanie")
    if wdrazanie.opozniony and not any(d.opoznione for d in w.dzialania) and wdrazanie.termin is not None:
        wynik.append(Zaleglosc(u, str(wdrazanie.kamien.nazwa), wdrazanie.termin, _lider(u), dzis,
                               reverse("hdr:hdr", args=[u.pk])))
    for d in w.dzialania:
        if d.opoznione:
            wynik.append(Zaleglosc(u, _("Działanie HDR: %(nazwa)s") % {"nazwa": d.nazwa}, d.do,
                                   d.odpowiada or _lider(u), dzis, reverse("hdr:hdr", args=[u.pk])))
    return sorted(wynik, key=lambda z: z.termin)


def wiersze(udzialy: list[Udzial], *, dzis: datetime.date, historia: dict | None = None,
            kal: dict | None = None) -> list[Wiersz]:
    """Milestone rows for participations loaded with `z_artefaktami` (calendars: one query unless
    given as `kal`; actions in force and their monitoring: one)."""
    kal = kalendarze({u.edycja_id for u in udzialy}) if kal is None else kal
    dzialania = dzialania_w_mocy(udzialy, dzis)
    wynik = []
    for u in udzialy:
        w = Wiersz(udzial=u, pasuje=getattr(u, "pasuje", True), dzialania=dzialania.get(u.pk, []),
                   kalendarz=sorted(kal.get(u.edycja_id, {}).values(), key=lambda e: (e.kolejnosc, e.pk)))
        w.komorki = kamienie_udzialu(u, kalendarz=kal.get(u.edycja_id, {}), dzialania=w.dzialania,
                                     historia=historia.get(u.pk, {}) if historia is not None else None, dzis=dzis)
        w.zaleglosci = zaleglosci(w, dzis)
        wynik.append(w)
    return wynik


# --- Edition dashboard -----------------------------------------------------------------------------


def _wykres_lejka(etapy_jst: Counter, razem: int):
    """`etapy_jst`: participations by stage code."""
    etapy = Udzial.Etap.choices
    co_najmniej = [sum(n for kod, n in etapy_jst.items() if ETAPY.index(kod) >= nr) for nr in range(len(etapy))]
    return wykres_slupkowy(
        _("Lejek: liczba JST, które doszły co najmniej do etapu"),
        [capfirst(str(nazwa)) for _kod, nazwa in etapy], co_najmniej,
        opis=_("Wykres słupkowy: dla każdego z %(n)d etapów liczba JST, które go osiągnęły lub są dalej "
               "(razem %(razem)d JST). Dokładne liczby są w tabeli pod wykresem.") % {
            "n": len(etapy), "razem": razem},
        naglowek_wartosci=_("Liczba JST"),
    )


def _wykres_obszarow(wybrane: Counter, razem: int, obszary: dict):
    """`wybrane`: participations by chosen area id; `obszary`: the areas by id."""
    if not wybrane:
        return None, razem
    kolejne = sorted((obszary[pk] for pk in wybrane), key=lambda o: o.numer)
    z_obszarem = sum(wybrane.values())
    w = wykres_slupkowy(
        _("Wybrane obszary"), [str(o) for o in kolejne], [wybrane[o.pk] for o in kolejne],
        opis=_("Wykres słupkowy: liczba JST, które wybrały każdy z obszarów (razem %(razem)d JST z wybranym "
               "obszarem). Dokładne liczby są w tabeli pod wykresem.") % {"razem": z_obszarem},
        naglowek_wartosci=_("Liczba JST"),
    )
    return w, razem - z_obszarem


def _dzialania_hdr(licznik: Counter, opoznione: int):
    """`licznik`: actions of the versions in force by status."""
    razem = sum(licznik.values())
    if not razem:
        return None, {"razem": 0, "opoznione": 0, "zrealizowane": 0}
    statusy = StatusDzialania.choices
    w = wykres_slupkowy(
        _("Działania HDR według statusu"), [capfirst(str(nazwa)) for _kod, nazwa in statusy],
        [licznik[kod] for kod, _nazwa in statusy],
        opis=_("Wykres słupkowy: działania obowiązujących wersji HDR według statusu, razem %(razem)d, "
               "w tym opóźnione: %(opoznione)d. Dokładne liczby są w tabeli pod wykresem.") % {
            "razem": razem, "opoznione": opoznione},
        naglowek_wartosci=_("Liczba działań"),
    )
    return w, {"razem": razem, "opoznione": opoznione, "zrealizowane": licznik[StatusDzialania.ZREALIZOWANE]}


def _opoznienia(f: pulpit_flagi.Flagi, mozliwe: list[bool]) -> list[bool]:
    """Which milestones of a participation are late: not reached after the calendar stage ended, or,
    for implementation, an overdue action in force (as in `kamienie_udzialu`)."""
    wynik = [not osiagniety and po_terminie for osiagniety, po_terminie in zip(f.osiagniete, mozliwe, strict=True)]
    if f.dzialania_opoznione:
        wynik[WDRAZANIE] = True
    return wynik


WDRAZANIE = next(i for i, k in enumerate(KAMIENIE) if k.kod == "wdrazanie")


def _najdluzej_zalegle(pasujace: list[tuple], terminy: list, pozycja: dict[int, int], dzis: datetime.date,
                       limit: int) -> tuple[list[tuple], int]:
    """The `limit` overdue items first by (deadline, the JST's place in the matrix, what) — the order of
    `zaleglosci` — and the total number of overdue items, without loading rows. Late milestones come
    from the flags: every item of one milestone shares its deadline, so the first `limit` JSTs of each
    suffice. Overdue actions from one query over the first `limit` JSTs by their earliest overdue end
    (a JST further down that list has all its actions after `limit` earlier items). An item is
    (deadline, place, what, participation id, kind, the action's owner or None) where kind is the
    milestone's index or None for an action. One query."""
    kandydaci = []
    liczba = 0
    for i, kamien in enumerate(KAMIENIE):
        if terminy[i] is None:
            continue
        if i == WDRAZANIE:  # implementation is an item only when no action of its own is overdue
            zalegle = (f for f, late in pasujace if late[i] and not f.dzialania_opoznione)
        else:
            zalegle = (f for f, late in pasujace if late[i])
        nazwa = str(kamien.nazwa)
        for n, f in enumerate(zalegle):
            if n < limit:
                kandydaci.append((terminy[i], pozycja[f.pk], nazwa, f.pk, i, None))
            liczba += 1
    ze_spoznionymi = [f for f, _late in pasujace if f.dzialania_opoznione]
    liczba += sum(f.dzialania_opoznione for f in ze_spoznionymi)
    pierwsze = sorted(ze_spoznionymi, key=lambda f: (f.pierwsze_opoznione, pozycja[f.pk]))[:limit]
    dzialania = (_dzialania_w_mocy_edycji([f.pk for f in pierwsze])
                 .filter(do__lt=dzis).exclude(m_status__in=[StatusDzialania.ZREALIZOWANE, StatusDzialania.ANULOWANE])
                 .values_list("do", "wersja_hdr__hdr__udzial_id", "nazwa", "wlasciciel_nazwa",
                              "wlasciciel__uzytkownik__first_name", "wlasciciel__uzytkownik__last_name",
                              "wlasciciel__uzytkownik__username"))
    for do, udzial_id, nazwa, wlasciciel_nazwa, imie, nazwisko, login in dzialania:
        wlasciciel = (f"{imie or ''} {nazwisko or ''}".strip() or login) if login else wlasciciel_nazwa
        kandydaci.append((do, pozycja[udzial_id], _("Działanie HDR: %(nazwa)s") % {"nazwa": nazwa}, udzial_id,
                          None, wlasciciel))
    return sorted(kandydaci, key=lambda k: k[:4])[:limit], liczba


def _zaleglosc(kandydat: tuple, u: Udzial, dzis: datetime.date) -> Zaleglosc:
    """The overdue item as `zaleglosci` words it (a late milestone is never submitted: its owner is the
    milestone's)."""
    termin, _pozycja, co, _pk, nr, wlasciciel = kandydat
    if nr is None:
        return Zaleglosc(u, co, termin, wlasciciel or _lider(u), dzis, reverse("hdr:hdr", args=[u.pk]))
    kamien = KAMIENIE[nr]
    if nr == WDRAZANIE:
        return Zaleglosc(u, co, termin, _lider(u), dzis, reverse("hdr:hdr", args=[u.pk]))
    return Zaleglosc(u, co, termin, odpowiada(Komorka(kamien, Status.BRAK, ""), u), dzis,
                     reverse(kamien.link, args=[u.pk]))


def _dzialania_w_mocy_edycji(udzialy_pk):
    """Actions of the versions in force of the given participations, with their monitoring status
    (`m_status`, planned when never monitored)."""
    nowsza = WersjaHdr.objects.filter(hdr_id=OuterRef("wersja_hdr__hdr_id"), stan="zatwierdzona",
                                      numer__gt=OuterRef("wersja_hdr__numer"))
    monitoring = MonitoringDzialania.objects.filter(hdr_id=OuterRef("wersja_hdr__hdr_id"), klucz=OuterRef("klucz"))
    return (Dzialanie.objects.filter(wersja_hdr__hdr__udzial__in=udzialy_pk, wersja_hdr__stan="zatwierdzona")
            .filter(~Exists(nowsza))
            .annotate(m_status=Coalesce(NullIf(Subquery(monitoring.values("status")[:1]), Value("")),
                                        Value(StatusDzialania.PLANOWANE))))


_ETAPY_KAMIENI = sorted({k.etap for k in KAMIENIE}, key=ETAPY.index)


def _daty_etapow() -> dict:
    """Annotations `od_<stage>`: when the participation first reached each milestone's stage or a later
    one (what `_data_etapu` reads from `daty_etapow`), as subqueries of the rows' own query."""
    return {f"od_{etap}": Subquery(ZmianaEtapu.objects.filter(udzial=OuterRef("pk"), na_etap__in=ETAPY[ETAPY.index(etap):])
                                   .order_by("kiedy", "pk").values("kiedy")[:1])
            for etap in _ETAPY_KAMIENI}


class _Strony(Paginator):
    """A paginator whose count is already known (the flags counted the matching participations)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self):
        return self._count


def pulpit_edycji(edycja, *, pasujace=None, tylko_opoznione: bool = False, dzis: datetime.date | None = None,
                  strona=None, limit_zaleglosci: int = 30) -> dict:
    """The edition dashboard. `pasujace`: the filtered queryset of participations (django-filter). The
    whole-edition numbers come from one SQL statement (`pulpit_flagi`) and the overdue actions from one
    more; full rows (`Wiersz`) are built only for the page `strona` of the matrix (50 JSTs) and the
    JSTs owning the longest-overdue items. A fixed number of queries whatever the edition's size."""
    dzis = dzis or timezone.localdate()
    kal = kalendarze([edycja.pk])
    etapy_kal = kal.get(edycja.pk, {})
    terminy = [etapy_kal[k.kalendarz].data_do if k.kalendarz in etapy_kal else None for k in KAMIENIE]
    mozliwe = [t is not None and t < dzis for t in terminy]
    flagi = pulpit_flagi.flagi_edycji(edycja, KAMIENIE, dzis=dzis, pasujace=pasujace)
    pozycja = {f.pk: i for i, f in enumerate(flagi)}

    pasujace_flagi = []
    z_opoznieniami = 0
    for f in flagi:
        late = _opoznienia(f, mozliwe)
        spoznione = any(late)
        z_opoznieniami += spoznione
        if f.pasuje and (spoznione or not tylko_opoznione):
            pasujace_flagi.append((f, late))

    podsumowanie = [
        {"kamien": kamien,
         "osiagniete": sum(1 for f, _late in pasujace_flagi if f.osiagniete[i]),
         "opoznione": sum(1 for _f, late in pasujace_flagi if late[i])}
        for i, kamien in enumerate(KAMIENIE)
    ]
    etapy_jst = Counter(f.etap for f, _late in pasujace_flagi)
    wybrane = Counter(f.obszar_id for f, _late in pasujace_flagi if f.obszar_id is not None)
    obszary_po_pk = {f.obszar_id: Obszar(pk=f.obszar_id, numer=f.obszar[0], nazwa=f.obszar[1])
                     for f, _late in pasujace_flagi if f.obszar_id is not None}
    statusy = Counter()
    dzialania_opoznione = 0
    for f, _late in pasujace_flagi:
        for kod, n in zip(pulpit_flagi.STATUSY, f.dzialania, strict=True):
            statusy[kod] += n
        dzialania_opoznione += f.dzialania_opoznione
    # The panels beside the matrix follow the filters too (the matrix alone is paginated).
    najdluzej, liczba_zaleglosci = _najdluzej_zalegle(pasujace_flagi, terminy, pozycja, dzis, limit_zaleglosci)

    pasujace_pk = [f.pk for f, _late in pasujace_flagi]
    stronicowanie = _Strony(pasujace_pk, NA_STRONIE, count=len(pasujace_pk)).get_page(strona)
    na_stronie = list(stronicowanie.object_list)
    # One query loads the page's rows and the JSTs of the overdue list; only the page's become full rows.
    qs = Udzial.objects.filter(pk__in=set(na_stronie) | {k[3] for k in najdluzej})
    udzialy = {u.pk: u for u in z_artefaktami(qs).annotate(**_daty_etapow()).prefetch_related(_aktualne_przydzialy())}
    historia = {pk: {etap: timezone.localtime(getattr(udzialy[pk], f"od_{etap}")).date() for etap in _ETAPY_KAMIENI
                     if getattr(udzialy[pk], f"od_{etap}") is not None} for pk in na_stronie}
    stronicowanie.object_list = wiersze([udzialy[pk] for pk in na_stronie], dzis=dzis, historia=historia, kal=kal)
    zalegle = [_zaleglosc(k, udzialy[k[3]], dzis) for k in najdluzej]

    obszary, bez_obszaru = _wykres_obszarow(wybrane, len(pasujace_flagi), obszary_po_pk)
    wykres_dzialan, dzialania = _dzialania_hdr(statusy, dzialania_opoznione)
    return {
        "kamienie": KAMIENIE,
        "strona": stronicowanie,
        "wiersze": stronicowanie.object_list,
        "podsumowanie": podsumowanie,
        "liczba_jst": len(flagi),
        "z_opoznieniami": z_opoznieniami,
        "lejek": _wykres_lejka(etapy_jst, len(pasujace_flagi)) if pasujace_flagi else None,
        "obszary": obszary,
        "bez_obszaru": bez_obszaru,
        "wykres_dzialan": wykres_dzialan,
        "dzialania": dzialania,
        "zaleglosci": zalegle,
        "liczba_zaleglosci": liczba_zaleglosci,
        "dzis": dzis,
    }


def liczby_edycji(edycja) -> dict:
    """The project's counts: JSTs by kind and voivodeship, participants by role, remote hours, on-site
    days, final reports by form. Five queries."""
    jst = list(Udzial.objects.filter(edycja=edycja).values("jst__rodzaj", "jst__wojewodztwo")
               .annotate(n=Count("pk")).order_by())
    rodzaje = Counter()
    wojewodztwa = Counter()
    for row in jst:
        rodzaje[row["jst__rodzaj"]] += row["n"]
        wojewodztwa[row["jst__wojewodztwo"]] += row["n"]
    etykiety_rodzajow = dict(JST.Rodzaj.choices)
    czlonkowie = list(CzlonekZespolu.objects.filter(udzial__edycja=edycja, aktywny=True)
                      .values("rodzaj", "lider").annotate(n=Count("pk")).order_by())
    osoby = Counter()
    for row in czlonkowie:
        osoby[row["rodzaj"]] += row["n"]
    liderzy = sum(row["n"] for row in czlonkowie if row["lider"])
    doradcy = dict(PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial__edycja=edycja)
                   .values_list("rola").annotate(n=Count("doradca", distinct=True)).order_by())
    minuty = WpisZdalny.objects.filter(udzial__edycja=edycja).aggregate(s=Sum("minuty"))["s"] or 0
    wizyty = Wizyta.objects.filter(udzial__edycja=edycja).aggregate(
        dni=Sum(F("do") - F("od")), n=Count("pk"))
    raporty = list(RaportKoncowy.objects.filter(udzial__edycja=edycja).values("forma", "stan")
                   .annotate(n=Count("pk")).order_by())
    return {
        "rodzaje": [(etykiety_rodzajow.get(k, k), n) for k, n in sorted(rodzaje.items(),
                                                                          key=lambda kv: list(etykiety_rodzajow).index(kv[0])
                                                                          if kv[0] in etykiety_rodzajow else 99)],
        "wojewodztwa": sorted(wojewodztwa.items()),
        "razem_jst": sum(rodzaje.values()),
        "osoby": [(label, osoby[kod]) for kod, label in CzlonekZespolu.Rodzaj.choices],
        "liderzy": liderzy,
        "razem_osob": sum(osoby.values()),
        "doradcy": [(_("doradcy ROS"), doradcy.get("ROS", 0)), (_("doradcy PRO"), doradcy.get("PRO", 0))],
        "godziny_zdalne": normy.godziny(normy.minuty_na_godziny(minuty)),
        "wizyty": wizyty["n"] or 0,
        "dni_wizyt": _dni(wizyty["dni"], wizyty["n"]),
        "raporty": _raporty(raporty),
    }


def _dni(roznica, wizyt) -> int:
    """Σ(do − od) from the database (a timedelta, or microseconds on SQLite) + one day per visit."""
    if roznica is None:
        return 0
    if isinstance(roznica, datetime.timedelta):
        dni = roznica.days
    else:
        dni = int(roznica) // 86_400_000_000
    return dni + (wizyt or 0)


def _raporty(rows) -> list[dict]:
    wynik = []
    for forma, etykieta in FormaRaportu.choices:
        stany = {r["stan"]: r["n"] for r in rows if r["forma"] == forma}
        wynik.append({"forma": etykieta, "razem": sum(stany.values()),
                      "zlozone": stany.get("zlozona", 0), "przyjete": stany.get("zatwierdzona", 0)})
    return wynik


# --- Start pages: adviser and team ----------------------------------------------------------------


def _miesiac(d: datetime.date) -> datetime.date:
    return d.replace(day=1)


def _komentarze_do_odpowiedzi(udzialy_qs) -> list[tuple[int, int]]:
    """(participation id, last author id) of every open thread. One query."""
    ostatnia = Komentarz.objects.filter(watek=OuterRef("pk")).order_by("-utworzony", "-pk")
    return list(Komentarz.objects.filter(udzial__in=udzialy_qs, watek__isnull=True, rozwiazany=False)
                .annotate(ostatni=Subquery(ostatnia.values("autor_id")[:1]))
                .values_list("udzial_id", "ostatni", "autor_id"))


def role_startowe(user) -> tuple[int | None, bool]:
    """(the user's adviser id or None, whether they are in a team): one query decides which start-page
    sections to build, so nobody pays for the sections of roles they do not hold."""
    User = get_user_model()
    wiersz = (User.objects.filter(pk=user.pk).annotate(
        doradca_pk=Subquery(Doradca.objects.filter(uzytkownik=OuterRef("pk")).values("pk")[:1]),
        w_zespole=Exists(CzlonekZespolu.objects.filter(uzytkownik=OuterRef("pk"), aktywny=True)),
    ).values_list("doradca_pk", "w_zespole").first())
    return wiersz if wiersz is not None else (None, False)


def pulpit_doradcy(doradca: int | Doradca, dzis: datetime.date | None = None) -> dict:
    """The adviser's start page: their current JSTs with stage, and what waits for them. Seven queries."""
    dzis = dzis or timezone.localdate()
    moje = Udzial.objects.filter(przydzialy__in=PrzydzialDoradcy.objects.filter(active_assignment_q(),
                                                                                doradca=doradca))
    udzialy = list(
        moje.distinct().select_related("jst", "edycja").prefetch_related(_aktualne_przydzialy())
        .annotate(ma_spotkanie_1=Exists(Wizyta.objects.filter(udzial=OuterRef("pk"), typ=Wizyta.Typ.SPOTKANIE_1)),
                  ma_spotkanie_2=Exists(Wizyta.objects.filter(udzial=OuterRef("pk"), typ=Wizyta.Typ.SPOTKANIE_2)))
        .order_by("-edycja__data_od", polish_order("jst__nazwa"), "jst__teryt")
    )
    kal = kalendarze({u.edycja_id for u in udzialy}) if udzialy else {}
    watki = _komentarze_do_odpowiedzi(moje) if udzialy else []
    pary = normy.siatka_doradcy(doradca, dzis)
    karty = {(k.edycja_id, k.miesiac): k.stan for k in KartaCzasuPracy.objects.filter(doradca=doradca)}

    pary_udzialu = {p.udzial.pk: p for p in pary}
    ten_miesiac = _miesiac(dzis)
    for u in udzialy:
        doradcy_pary = {p.doradca.uzytkownik_id for p in u.aktualne_przydzialy}
        # A thread waits when its last word is not the pair's (a team member or a coordinator wrote last).
        u.watki_do_odpowiedzi = sum(1 for udzial_id, ostatni, autor in watki
                                    if udzial_id == u.pk and (ostatni or autor) not in doradcy_pary)
        para = pary_udzialu.get(u.pk)
        miesiac = para.miesiac.get(ten_miesiac) if para else None
        brak = (miesiac.norma - miesiac.zalogowano) if miesiac else 0
        u.brakuje_godzin = normy.godziny(brak) if brak > 0 else ""
        u.wizyty_do_zapisania = []
        etapy = kal.get(u.edycja_id, {})
        for typ, kod, etap in ((Wizyta.Typ.SPOTKANIE_1, "spotkanie_1", "spotkanie_1"),
                               (Wizyta.Typ.SPOTKANIE_2, "spotkanie_2", "spotkanie_2")):
            termin = etapy.get(kod)
            if (not getattr(u, f"ma_{kod}") and termin is not None and termin.data_od <= dzis
                    and ETAPY.index(u.etap) < ETAPY.index(etap)):
                u.wizyty_do_zapisania.append(Wizyta.Typ(typ).label)
        u.czeka = bool(u.watki_do_odpowiedzi or u.brakuje_godzin or u.wizyty_do_zapisania)

    # Timesheets: every finished month of an assignment that is not submitted or approved.
    do_zlozenia = []
    miesiace = {(p.udzial.edycja, m.miesiac) for p in pary for m in p.miesiace if m.norma > 0}
    for edycja, miesiac in sorted(miesiace, key=lambda em: (em[1], em[0].pk)):
        stan = karty.get((edycja.pk, miesiac))
        if miesiac < ten_miesiac and stan not in ("zlozona", "zatwierdzona"):
            do_zlozenia.append({"edycja": edycja, "miesiac": miesiac, "nazwa": normy.pelna_nazwa_miesiaca(miesiac),
                                "zwrocona": stan == "zwrocona"})
    return {"udzialy": udzialy, "karty_do_zlozenia": do_zlozenia,
            "czeka": sum(1 for u in udzialy if u.czeka) + len(do_zlozenia)}


def pulpit_zespolu(user, dzis: datetime.date | None = None, *, komentarzy: int = 5) -> list[Wiersz]:
    """The team's start page: each participation of the person's team with contacts, calendar, next
    steps, deadlines, what is late, and the latest public comments (never private ones). Seven queries."""
    dzis = dzis or timezone.localdate()
    moje = Udzial.objects.filter(zespol__uzytkownik=user, zespol__aktywny=True)
    udzialy = list(
        z_artefaktami(moje.distinct()).prefetch_related(
            _aktualne_przydzialy(),
            Prefetch("zespol", queryset=CzlonekZespolu.objects.filter(aktywny=True).select_related("uzytkownik")
                     .order_by("-lider", "uzytkownik__last_name"), to_attr="aktywni"),
            "edycja__koordynatorzy",
        ).order_by("-edycja__data_od", "jst__nazwa")
    )
    if not udzialy:
        return []
    rows = wiersze(udzialy, dzis=dzis)
    ostatnie = defaultdict(list)
    for k in (Komentarz.objects.filter(udzial__in=moje, prywatny=False).select_related("autor")
              .order_by("-utworzony", "-pk")[: komentarzy * len(udzialy)]):
        ostatnie[k.udzial_id].append(k)
    for w in rows:
        u = w.udzial
        u.co_teraz = CO_TERAZ.get(u.etap, "")
        u.ostatnie_komentarze = ostatnie.get(u.pk, [])[:komentarzy]
        w.terminy = _terminy(w, dzis)
    return rows


def _terminy(w: Wiersz, dzis: datetime.date, horyzont: int = 60) -> list[dict]:
    """Deadlines ahead: milestones not reached whose calendar stage ends in the future, and open HDR
    actions ending within `horyzont` days."""
    wynik = [{"co": str(k.kamien.nazwa), "termin": k.termin} for k in w.komorki
             if not k.osiagniety and k.termin is not None and k.termin >= dzis]
    granica = dzis + datetime.timedelta(days=horyzont)
    wynik += [{"co": _("Działanie HDR: %(nazwa)s") % {"nazwa": d.nazwa}, "termin": d.do} for d in w.dzialania
              if dzis <= d.do <= granica and d.status not in (StatusDzialania.ZREALIZOWANE, StatusDzialania.ANULOWANE)]
    return sorted(wynik, key=lambda t: t["termin"])

