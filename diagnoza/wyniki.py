"""Sheet results per section/area (scale questions only), the sheet state of a participation, the
area-choice door, and the coordinator's overview — each in a fixed number of queries.

Definitions (shown to users on the results page):
- mean: of every answered scale value (1–4) in the area, over all sheets of the participation (in
  individual mode: over all members' copies pooled);
- spread (individual mode only): population standard deviation of the members' own area means — the
  team is the whole population, and one member gives 0, not "undefined";
- "nie wiem" share: "nie dotyczy / nie wiem" answers among all answers given in the area;
- answered / required: required scale questions with an answer (a value or "nie wiem"), summed over
  the sheets (in individual mode each member's copy counts).
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu, SekcjaSzablonu, WyborObszaru
from doradztwo.models import Edycja, Obszar
from doradztwo.przeglad import StanPrzegladu
from jst.access import Rola, RolaWUdziale, get_udzial_for_user
from jst.models import Udzial

SKALA_MAKS = 4  # the top of the 4-point scale: a gap is measured from here when a section has no options
ZLOZONE = frozenset({StanPrzegladu.ZLOZONA, StanPrzegladu.ZATWIERDZONA})
# From least to most advanced: with member copies only, the participation is as far as its slowest copy.
_KOLEJNOSC_STANOW = [StanPrzegladu.ROBOCZA, StanPrzegladu.ZWROCONA, StanPrzegladu.ZLOZONA, StanPrzegladu.ZATWIERDZONA]


@dataclass
class WynikObszaru:
    sekcja_id: int
    kolejnosc: int
    tytul: str
    obszar: Obszar | None
    srednia: float | None
    rozrzut: float | None  # None in shared mode (one answer per question: nothing to spread)
    nie_wiem: float | None  # share 0–1 of the answers given; None when nothing was answered
    odpowiedziane: int
    wymagane: int
    liczba_wartosci: int = 0  # how many scale values the mean is made of
    maks: int = SKALA_MAKS

    @property
    def luka(self) -> float | None:
        """Distance from the top of the scale: the larger, the more there is to work on."""
        return None if self.srednia is None else self.maks - self.srednia

    @property
    def procent_nie_wiem(self) -> float | None:
        return None if self.nie_wiem is None else self.nie_wiem * 100


@dataclass
class _Sekcja:
    sekcja: SekcjaSzablonu
    pytania: dict[int, bool] = field(default_factory=dict)  # scale question pk → required
    maks: int = SKALA_MAKS


def _liczba(wartosc) -> float | None:
    # Scale answers are stored as ints; anything else (a stray string, a bool) is not a score.
    if isinstance(wartosc, bool) or not isinstance(wartosc, int | float):
        return None
    return float(wartosc)


def _maks_skali(opcje) -> int | None:
    values = [v for v, *_rest in opcje or [] if isinstance(v, int) and not isinstance(v, bool)]
    return max(values) if values else None


def _indywidualny(arkusze: Sequence[Arkusz]) -> bool:
    return any(a.czlonek_id is not None for a in arkusze)


def _arkusze_z_danymi(arkusze: Sequence[Arkusz]) -> list[Arkusz]:
    """In individual mode the members' copies hold the answers (a shared row, if any, only its state)."""
    if _indywidualny(arkusze):
        return [a for a in arkusze if a.czlonek_id is not None]
    return list(arkusze)


def wyniki_udzialow(arkusze: Iterable[Arkusz]) -> dict[int, list[WynikObszaru]]:
    """Results for the sheets of many participations at once: participation pk → per-section results
    (sections with at least one scale question, in template order). Three queries whatever the number
    of sheets, sections or answers."""
    po_udziale: dict[int, list[Arkusz]] = defaultdict(list)
    for arkusz in arkusze:
        po_udziale[arkusz.udzial_id].append(arkusz)
    if not po_udziale:
        return {}
    wersje = {a.wersja_szablonu_id for lista in po_udziale.values() for a in lista}
    sekcje: dict[int, _Sekcja] = {
        s.pk: _Sekcja(s)
        for s in SekcjaSzablonu.objects.filter(wersja_id__in=wersje).select_related("obszar")
        .order_by("wersja_id", "kolejnosc", "pk")
    }
    sekcja_pytania: dict[int, int] = {}
    for pk, sekcja_id, wymagane, opcje in PytanieSzablonu.objects.filter(
        sekcja__wersja_id__in=wersje, typ=PytanieSzablonu.Typ.SKALA
    ).values_list("pk", "sekcja_id", "wymagane", "opcje"):
        sekcje[sekcja_id].pytania[pk] = wymagane
        sekcja_pytania[pk] = sekcja_id
        maks = _maks_skali(opcje)
        if maks is not None:
            sekcje[sekcja_id].maks = maks
    # arkusz pk → question pk → (value or None, nie_wiem)
    odpowiedzi: dict[int, dict[int, tuple[float | None, bool]]] = defaultdict(dict)
    ids = [a.pk for lista in po_udziale.values() for a in _arkusze_z_danymi(lista)]
    for arkusz_id, pytanie_id, wartosc, nie_wiem in Odpowiedz.objects.filter(
        arkusz_id__in=ids, pytanie__typ=PytanieSzablonu.Typ.SKALA
    ).values_list("arkusz_id", "pytanie_id", "wartosc", "nie_wiem"):
        odpowiedzi[arkusz_id][pytanie_id] = (None if nie_wiem else _liczba(wartosc), nie_wiem)

    wynik: dict[int, list[WynikObszaru]] = {}
    for udzial_id, lista in po_udziale.items():
        z_danymi = _arkusze_z_danymi(lista)
        indywidualny = _indywidualny(lista)
        wersja_id = z_danymi[0].wersja_szablonu_id
        wynik[udzial_id] = [
            _wynik_sekcji(s, z_danymi, odpowiedzi, indywidualny)
            for s in sekcje.values()
            if s.sekcja.wersja_id == wersja_id and s.pytania
        ]
    return wynik


def _wynik_sekcji(s: _Sekcja, arkusze: list[Arkusz], odpowiedzi, indywidualny: bool) -> WynikObszaru:
    wartosci: list[float] = []
    srednie_czlonkow: list[float] = []
    nie_wiem = udzielone = odpowiedziane = 0
    wymagane_pytania = [pk for pk, wymagane in s.pytania.items() if wymagane]
    for arkusz in arkusze:
        moje = odpowiedzi.get(arkusz.pk, {})
        wlasne: list[float] = []
        for pk in s.pytania:
            if pk not in moje:
                continue
            wartosc, nw = moje[pk]
            if nw:
                nie_wiem += 1
                udzielone += 1
            elif wartosc is not None:
                wlasne.append(wartosc)
                udzielone += 1
        odpowiedziane += sum(1 for pk in wymagane_pytania if pk in moje and (moje[pk][1] or moje[pk][0] is not None))
        wartosci.extend(wlasne)
        if wlasne:
            srednie_czlonkow.append(statistics.fmean(wlasne))
    return WynikObszaru(
        sekcja_id=s.sekcja.pk,
        kolejnosc=s.sekcja.kolejnosc,
        tytul=s.sekcja.tytul,
        obszar=s.sekcja.obszar,
        srednia=statistics.fmean(wartosci) if wartosci else None,
        rozrzut=(statistics.pstdev(srednie_czlonkow) if srednie_czlonkow else None) if indywidualny else None,
        nie_wiem=nie_wiem / udzielone if udzielone else None,
        odpowiedziane=odpowiedziane,
        wymagane=len(wymagane_pytania) * len(arkusze),
        liczba_wartosci=len(wartosci),
        maks=s.maks,
    )


def wyniki_arkusza(arkusze: Iterable[Arkusz]) -> list[WynikObszaru]:
    """Per-section results of one participation's sheets (its shared sheet, or its members' copies)."""
    arkusze = list(arkusze)
    if not arkusze:
        return []
    return wyniki_udzialow(arkusze).get(arkusze[0].udzial_id, [])


def sugestie(wyniki: Sequence[WynikObszaru], n: int = 3) -> list[WynikObszaru]:
    """The `n` areas with the largest gap to the top of the scale — suggestions only, never a choice.
    Areas without scores, or already at the top, have no gap to suggest."""
    z_wynikiem = [w for w in wyniki if w.luka is not None and w.luka > 0]
    return sorted(z_wynikiem, key=lambda w: (-w.luka, w.kolejnosc))[:n]


# --- Sheet state ------------------------------------------------------------------------------


def stan_arkusza(arkusze: Sequence[Arkusz]) -> str | None:
    """The participation's sheet state: its shared sheet's, or — with members' copies only — the least
    advanced copy's (the team is done when everyone is). None: no sheet yet."""
    if not arkusze:
        return None
    wspolny = next((a for a in arkusze if a.czlonek_id is None), None)
    if wspolny is not None:
        return wspolny.stan
    znane = [a.stan for a in arkusze if a.stan in _KOLEJNOSC_STANOW]
    if not znane:
        return arkusze[0].stan
    return min(znane, key=_KOLEJNOSC_STANOW.index)


def arkusz_zlozony(arkusze: Sequence[Arkusz]) -> bool:
    return stan_arkusza(arkusze) in ZLOZONE


# --- Access to the area choice ------------------------------------------------------------------


def moze_wybrac_obszar(rola: RolaWUdziale) -> bool:
    """The team's leader (while the edition is open) and the edition's coordinators choose the area."""
    if rola.koordynuje:
        return True
    return rola.rola is Rola.LIDER and rola.can_write


def get_udzial_do_wyboru_obszaru(user, pk) -> tuple[Udzial, RolaWUdziale]:
    """Outsiders 404; other roles in the participation 403 (they read the choice on the results page)."""
    udzial, rola = get_udzial_for_user(user, pk)
    if not moze_wybrac_obszar(rola):
        raise PermissionDenied
    return udzial, rola


# --- Reads ------------------------------------------------------------------------------------


def arkusze_udzialu(udzial: Udzial) -> list[Arkusz]:
    return list(Arkusz.objects.filter(udzial=udzial).order_by("pk"))


def wybor_udzialu(udzial: Udzial) -> WyborObszaru | None:
    return WyborObszaru.objects.filter(udzial=udzial).select_related("obszar", "kto").first()


@dataclass
class WierszPrzegladu:
    udzial: Udzial
    stan: str | None
    odpowiedziane: int
    wymagane: int
    wybor: WyborObszaru | None
    srednie: list[float | None]  # one per area column, in the order of `obszary`


def udzialy_edycji(edycja: Edycja) -> QuerySet[Udzial]:
    """The overview's participations, sorted by JST name, with the chosen area. The view paginates it."""
    from jst.selectors import polish_order

    return (Udzial.objects.filter(edycja=edycja).select_related("jst", "wybor_obszaru__obszar")
            .order_by(polish_order("jst__nazwa"), "jst__teryt"))


def przeglad_edycji(udzialy: Iterable[Udzial]) -> tuple[list[Obszar], list[WierszPrzegladu]]:
    """The coordinator's overview of the given participations (one page of `udzialy_edycji`): one row
    each with its sheet state, progress, chosen area and per-area means. Five queries whatever the size
    of the edition: the results are computed for these participations' sheets only."""
    obszary = list(Obszar.objects.order_by("numer"))
    udzialy = list(udzialy)
    arkusze: dict[int, list[Arkusz]] = defaultdict(list)
    for arkusz in Arkusz.objects.filter(udzial__in=[u.pk for u in udzialy]).order_by("pk"):
        arkusze[arkusz.udzial_id].append(arkusz)
    wyniki = wyniki_udzialow(a for lista in arkusze.values() for a in lista)
    wiersze = []
    for udzial in udzialy:
        moje = wyniki.get(udzial.pk, [])
        po_obszarze: dict[int, list[WynikObszaru]] = defaultdict(list)
        for w in moje:
            if w.obszar is not None:
                po_obszarze[w.obszar.pk].append(w)
        wiersze.append(WierszPrzegladu(
            udzial=udzial,
            stan=stan_arkusza(arkusze.get(udzial.pk, [])),
            odpowiedziane=sum(w.odpowiedziane for w in moje),
            wymagane=sum(w.wymagane for w in moje),
            wybor=getattr(udzial, "wybor_obszaru", None),
            srednie=[_srednia_obszaru(po_obszarze.get(o.pk, [])) for o in obszary],
        ))
    return obszary, wiersze


def _srednia_obszaru(wyniki: list[WynikObszaru]) -> float | None:
    # Normally one section per area; two sections of one area are weighted by their answers.
    razem = sum(w.liczba_wartosci for w in wyniki)
    if not razem:
        return None
    return sum(w.srednia * w.liczba_wartosci for w in wyniki if w.srednia is not None) / razem
