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
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from diagnoza.models import Arkusz
from doradztwo.models import EtapKalendarza, Komentarz
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


def wiersze(udzialy: list[Udzial], *, dzis: datetime.date, historia: dict | None = None) -> list[Wiersz]:
    """Milestone rows for participations loaded with `z_artefaktami` (calendars: one query; actions in
    force and their monitoring: two)."""
    kal = kalendarze({u.edycja_id for u in udzialy})
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


def _wykres_lejka(wszystkie: list[Wiersz]):
    etapy = Udzial.Etap.choices
    liczby = Counter(ETAPY.index(w.udzial.etap) for w in wszystkie)
    co_najmniej = [sum(n for i, n in liczby.items() if i >= nr) for nr in range(len(etapy))]
    return wykres_slupkowy(
        _("Lejek: liczba JST, które doszły co najmniej do etapu"),
        [capfirst(str(nazwa)) for _kod, nazwa in etapy], co_najmniej,
        opis=_("Wykres słupkowy: dla każdego z %(n)d etapów liczba JST, które go osiągnęły lub są dalej "
               "(razem %(razem)d JST). Dokładne liczby są w tabeli pod wykresem.") % {
            "n": len(etapy), "razem": len(wszystkie)},
        naglowek_wartosci=_("Liczba JST"),
    )


def _wykres_obszarow(wszystkie: list[Wiersz]):
    wybrane = Counter()
    obszary = {}
    for w in wszystkie:
        wybor = _rel(w.udzial, "wybor_obszaru")
        if wybor is not None:
            wybrane[wybor.obszar_id] += 1
            obszary[wybor.obszar_id] = wybor.obszar
    if not wybrane:
        return None, 0
    kolejne = sorted(obszary.values(), key=lambda o: o.numer)
    razem = sum(wybrane.values())
    w = wykres_slupkowy(
        _("Wybrane obszary"), [str(o) for o in kolejne], [wybrane[o.pk] for o in kolejne],
        opis=_("Wykres słupkowy: liczba JST, które wybrały każdy z obszarów (razem %(razem)d JST z wybranym "
               "obszarem). Dokładne liczby są w tabeli pod wykresem.") % {"razem": razem},
        naglowek_wartosci=_("Liczba JST"),
    )
    return w, len(wszystkie) - razem


def _dzialania_hdr(wszystkie: list[Wiersz]):
    licznik = Counter()
    opoznione = 0
    for w in wszystkie:
        for d in w.dzialania:
            licznik[d.status] += 1
            opoznione += d.opoznione
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


def pulpit_edycji(edycja, *, pasujace=None, tylko_opoznione: bool = False, dzis: datetime.date | None = None,
                  limit_zaleglosci: int = 30) -> dict:
    """The edition dashboard. `pasujace`: the filtered queryset of participations (django-filter), used
    as an EXISTS annotation so the whole edition is still loaded once for the whole-edition counts.
    Five queries."""
    dzis = dzis or timezone.localdate()
    qs = Udzial.objects.filter(edycja=edycja)
    udzialy = z_artefaktami(qs).prefetch_related(_aktualne_przydzialy()).order_by(
        polish_order("jst__nazwa"), "jst__teryt")
    if pasujace is not None:
        udzialy = udzialy.annotate(pasuje=Exists(pasujace.filter(pk=OuterRef("pk"))))
    udzialy = list(udzialy)
    wszystkie = wiersze(udzialy, dzis=dzis, historia=daty_etapow(qs))
    pasujace_wiersze = [w for w in wszystkie if w.pasuje and (w.opoznione or not tylko_opoznione)]
    podsumowanie = [
        {"kamien": kamien,
         "osiagniete": sum(1 for w in pasujace_wiersze if w.komorki[i].osiagniety),
         "opoznione": sum(1 for w in pasujace_wiersze if w.komorki[i].opozniony)}
        for i, kamien in enumerate(KAMIENIE)
    ]
    # The panels beside the matrix follow the filters too (the matrix alone is paginated).
    wszystkie_zaleglosci = sorted((z for w in pasujace_wiersze for z in w.zaleglosci),
                                  key=lambda z: (z.termin, z.udzial.jst.nazwa_pelna.lower(), z.co))
    obszary, bez_obszaru = _wykres_obszarow(pasujace_wiersze)
    wykres_dzialan, dzialania = _dzialania_hdr(pasujace_wiersze)
    return {
        "kamienie": KAMIENIE,
        "wszystkie": wszystkie,
        "wiersze": pasujace_wiersze,
        "podsumowanie": podsumowanie,
        "liczba_jst": len(wszystkie),
        "z_opoznieniami": sum(1 for w in wszystkie if w.opoznione),
        "lejek": _wykres_lejka(pasujace_wiersze) if pasujace_wiersze else None,
        "obszary": obszary,
        "bez_obszaru": bez_obszaru,
        "wykres_dzialan": wykres_dzialan,
        "dzialania": dzialania,
        "zaleglosci": wszystkie_zaleglosci[:limit_zaleglosci],
        "liczba_zaleglosci": len(wszystkie_zaleglosci),
        "dzis": dzis,
    }


def godziny_edycji(edycja, dzis: datetime.date | None = None) -> dict:
    """Hours vs norm per adviser × JST with the balance (jst.normy), the pairs most behind first. Two queries."""
    pary = normy.siatka_edycji(edycja, dzis)
    pary.sort(key=lambda p: (p.saldo, p.udzial.jst.nazwa_pelna.lower(), p.doradca.pk))
    statusy = Counter(p.status for p in pary)
    wykres = None
    if pary:
        wykres = wykres_slupkowy(
            _("Pary doradca × JST według wykonania normy godzin"),
            [capfirst(str(s.label)) for s in normy.Status], [statusy[s] for s in normy.Status],
            opis=_("Wykres słupkowy: liczba par doradca × JST, które spełniły normę godzin doradztwa zdalnego, "
                   "spełniły ją częściowo albo nie mają godzin (razem %(n)d par). Dokładne liczby są w tabeli pod "
                   "wykresem.") % {"n": len(pary)},
            naglowek_wartosci=_("Liczba par"),
        )
    razem = normy.ParaNormy(doradca=None, udzial=None, miesiace=[m for p in pary for m in p.miesiace])
    return {"pary": pary, "wykres": wykres, "razem": razem}


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

