"""The JST register: importing the TERYT (TERC) file and searching it.

The import reads the project's copy of terc.csv (see jst/data/terc_source.md), validates the whole
file before touching the database, merges each city with county rights (two TERC rows) into one JST
and matches rows on the stable key `klucz`, so a yearly refresh updates rows in place: a gmina whose
RODZ digit changes keeps its row, units gone from the register are deactivated, never deleted.
"""

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Case, IntegerField, Max, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doradztwo.audit import audit
from jst.models import JST

DOMYSLNY_PLIK = Path(__file__).resolve().parent / "data" / "terc.csv"
KOLUMNY = ["teryt", "name", "kind", "voivodeship_name", "county_name", "as_of"]

R = JST.Rodzaj
GMINY = (R.GMINA_MIEJSKA, R.GMINA_WIEJSKA, R.GMINA_MIEJSKO_WIEJSKA)
_DLUGOSC_KODU = {R.WOJEWODZTWO: 2, R.POWIAT: 4, R.MIASTO_NA_PRAWACH_POWIATU: 4} | {g: 7 for g in GMINY}
# The 7th digit of a gmina code (TERC RODZ); 4, 5, 8 and 9 are parts of gminas, not JSTs.
_RODZ = {"1": R.GMINA_MIEJSKA, "2": R.GMINA_WIEJSKA, "3": R.GMINA_MIEJSKO_WIEJSKA}
# The gmina of a city with county rights is always WOJ+POW+"01"+"1" (gmina miejska number 01).
_GMINA_MIASTA = "011"
_POLA_DANYCH = ["teryt", "teryt_gminy", "nazwa", "rodzaj", "wojewodztwo", "powiat"]
_MAX_DLUGOSC = {f: JST._meta.get_field(f).max_length for f in ("nazwa", "wojewodztwo", "powiat")}
_MAX_BLEDOW = 20
_BATCH = 500  # keeps bulk statements under SQLite's variable limit
_DATA = re.compile(r"\d{4}-\d{2}-\d{2}")


class BladImportuTeryt(Exception):
    """The file cannot be imported; `bledy` lists what is wrong, each naming its line."""

    def __init__(self, bledy: list[str]):
        self.bledy = bledy
        tekst = bledy[:_MAX_BLEDOW]
        if len(bledy) > _MAX_BLEDOW:
            reszta = len(bledy) - _MAX_BLEDOW
            tekst.append(ngettext("…i %(n)d kolejny błąd.", "…i %(n)d kolejnych błędów.", reszta)
                         % {"n": reszta})
        super().__init__("\n".join([_("Nie zaimportowano rejestru TERYT; baza bez zmian.")] + tekst))


@dataclass(frozen=True)
class RekordJST:
    """One JST as the file states it, keyed by `klucz`; `wiersz` is the line it came from."""

    klucz: str
    teryt: str
    teryt_gminy: str | None
    nazwa: str
    rodzaj: str
    wojewodztwo: str
    powiat: str
    wiersz: int


@dataclass(frozen=True)
class PlikTerc:
    stan_na: datetime.date
    rekordy: dict[str, RekordJST]  # klucz → record


@dataclass(frozen=True)
class RaportImportu:
    stan_na: datetime.date
    utworzone: int = 0
    zaktualizowane: int = 0
    dezaktywowane: int = 0
    reaktywowane: int = 0
    bez_zmian: int = 0

    @property
    def zmiany(self) -> int:
        return self.utworzone + self.zaktualizowane + self.dezaktywowane + self.reaktywowane

    def __str__(self) -> str:
        return _(
            "Rejestr TERYT, stan na %(stan_na)s: utworzono %(utworzone)d, zaktualizowano %(zaktualizowane)d, "
            "dezaktywowano %(dezaktywowane)d, reaktywowano %(reaktywowane)d, bez zmian %(bez_zmian)d."
        ) % {**asdict(self), "stan_na": self.stan_na.isoformat()}


# --- Reading and validating the file ----------------------------------------------------------


def _wiersz(n: int, tekst: str, **dane) -> str:
    """An error message naming its line; `dane` fills the placeholders of the translated `tekst`."""
    return _("Wiersz %(n)d: %(blad)s") % {"n": n, "blad": tekst % dane if dane else tekst}


def _czytaj_tekst(plik: Path) -> str:
    try:
        dane = plik.read_bytes()
    except OSError as exc:
        blad = _("Nie można odczytać pliku %(plik)s: %(blad)s.") % {"plik": plik, "blad": exc.strerror}
        raise BladImportuTeryt([blad]) from None
    try:
        return dane.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        n = dane[: exc.start].count(b"\n") + 1
        raise BladImportuTeryt([_wiersz(n, _("tekst nie jest w kodowaniu UTF-8."))]) from None


def _sprawdz_wiersz(n: int, komorki: list[str]) -> tuple[dict, list[str]]:
    """Check one data row on its own; returns the cleaned cells and the problems found."""
    if len(komorki) != len(KOLUMNY):
        return {}, [_wiersz(n, _("liczba kolumn: %(jest)d, wymagana: %(ile)d."), jest=len(komorki), ile=len(KOLUMNY))]
    w = dict(zip(KOLUMNY, (k.strip() for k in komorki), strict=True))
    bledy = []
    kod, rodzaj = w["teryt"], w["kind"]
    if rodzaj not in _DLUGOSC_KODU:
        bledy.append(_wiersz(n, _("nieznany rodzaj „%(rodzaj)s”; dozwolone: %(dozwolone)s."),
                             rodzaj=rodzaj, dozwolone=", ".join(_DLUGOSC_KODU)))
    if not (kod.isascii() and kod.isdigit()):
        bledy.append(_wiersz(n, _("kod TERYT „%(kod)s” może zawierać tylko cyfry."), kod=kod))
    elif rodzaj in _DLUGOSC_KODU and len(kod) != _DLUGOSC_KODU[rodzaj]:
        bledy.append(_wiersz(n, _("kod TERYT „%(kod)s” ma złą długość (cyfr: %(jest)d); "
                                  "rodzaj „%(rodzaj)s” wymaga cyfr: %(ile)d."),
                             kod=kod, jest=len(kod), rodzaj=rodzaj, ile=_DLUGOSC_KODU[rodzaj]))
    elif rodzaj in GMINY and _RODZ.get(kod[6]) != rodzaj:
        bledy.append(_wiersz(n, _("ostatnia cyfra kodu „%(kod)s” (RODZ) nie pasuje do rodzaju „%(rodzaj)s”: "
                                  "1 to gmina miejska, 2 gmina wiejska, 3 gmina miejsko-wiejska."),
                             kod=kod, rodzaj=rodzaj))
    if not w["name"]:
        bledy.append(_wiersz(n, _("brak nazwy.")))
    if not w["voivodeship_name"]:
        bledy.append(_wiersz(n, _("brak nazwy województwa.")))
    if rodzaj != R.WOJEWODZTWO and not w["county_name"]:
        bledy.append(_wiersz(n, _("brak nazwy powiatu.")))
    for kolumna, pole in (("name", "nazwa"), ("voivodeship_name", "wojewodztwo"), ("county_name", "powiat")):
        if len(w[kolumna]) > _MAX_DLUGOSC[pole]:
            bledy.append(_wiersz(n, _("wartość w kolumnie „%(kolumna)s” jest dłuższa niż %(ile)d znaków."),
                                 kolumna=kolumna, ile=_MAX_DLUGOSC[pole]))
    try:
        if not _DATA.fullmatch(w["as_of"]):
            raise ValueError
        w["as_of"] = datetime.date.fromisoformat(w["as_of"])
    except ValueError:
        bledy.append(_wiersz(n, _("nieprawidłowa data „%(data)s” (oczekiwano RRRR-MM-DD)."), data=w["as_of"]))
    return w, bledy


def _klucz(kod: str, rodzaj: str) -> str:
    return kod[:6] if rodzaj in GMINY else kod


def wczytaj_terc(plik: Path | str) -> PlikTerc:
    """Read and validate a whole terc.csv; raise BladImportuTeryt naming every bad line."""
    plik = Path(plik)
    czytnik = csv.reader(io.StringIO(_czytaj_tekst(plik), newline=""))
    naglowek = next(czytnik, None)
    if naglowek is None:
        raise BladImportuTeryt([_("Plik %(plik)s jest pusty.") % {"plik": plik}])
    if [k.strip() for k in naglowek] != KOLUMNY:
        raise BladImportuTeryt([_wiersz(1, _("nieprawidłowy nagłówek „%(jest)s”; oczekiwano „%(ma_byc)s”."),
                                        jest=",".join(naglowek), ma_byc=",".join(KOLUMNY))])

    bledy: list[str] = []
    wiersze: list[tuple[int, dict]] = []
    stan_na: tuple[datetime.date, int] | None = None
    po_kodzie: dict[str, int] = {}
    po_kluczu: dict[str, tuple[int, str]] = {}
    for komorki in czytnik:
        n = czytnik.line_num
        if not komorki:  # a blank line
            continue
        w, bledy_wiersza = _sprawdz_wiersz(n, komorki)
        bledy.extend(bledy_wiersza)
        if bledy_wiersza:
            continue
        kod = w["teryt"]
        if kod in po_kodzie:
            bledy.append(_wiersz(n, _("kod „%(kod)s” powtarza się (pierwszy raz w wierszu %(pierwszy)d)."),
                                 kod=kod, pierwszy=po_kodzie[kod]))
            continue
        po_kodzie[kod] = n
        klucz = _klucz(kod, w["kind"])
        if klucz in po_kluczu:
            # Two gminas differing only in RODZ would both claim one stable key.
            pierwszy, inny = po_kluczu[klucz]
            bledy.append(_wiersz(n, _("gmina „%(kod)s” ma te same pierwsze 6 cyfr co „%(inny)s” z wiersza "
                                      "%(pierwszy)d."), kod=kod, inny=inny, pierwszy=pierwszy))
            continue
        po_kluczu[klucz] = (n, kod)
        if stan_na is None:
            stan_na = (w["as_of"], n)
        elif w["as_of"] != stan_na[0]:
            bledy.append(_wiersz(n, _("data stanu %(data)s różni się od %(pierwsza)s z wiersza %(pierwszy)d; "
                                      "plik musi być jednym stanem rejestru."),
                                 data=w["as_of"].isoformat(), pierwsza=stan_na[0].isoformat(), pierwszy=stan_na[1]))
            continue
        wiersze.append((n, w))
    if bledy:
        raise BladImportuTeryt(bledy)
    if stan_na is None:
        raise BladImportuTeryt([_("Plik %(plik)s nie zawiera żadnej JST.") % {"plik": plik}])
    return PlikTerc(stan_na=stan_na[0], rekordy=_polacz(wiersze))


def _polacz(wiersze: list[tuple[int, dict]]) -> dict[str, RekordJST]:
    """Check the hierarchy and merge each city with county rights with its gmina into one record."""
    rodzaj_kodu = {w["teryt"]: w["kind"] for _n, w in wiersze}
    miasta = {w["teryt"]: (n, w) for n, w in wiersze if w["kind"] == R.MIASTO_NA_PRAWACH_POWIATU}
    gminy_miast: dict[str, tuple[int, dict]] = {}
    bledy: list[tuple[int, str]] = []
    for n, w in wiersze:
        kod, rodzaj = w["teryt"], w["kind"]
        if rodzaj in (R.POWIAT, R.MIASTO_NA_PRAWACH_POWIATU) and rodzaj_kodu.get(kod[:2]) != R.WOJEWODZTWO:
            bledy.append((n, _wiersz(n, _("brak województwa „%(woj)s” dla kodu „%(kod)s”."),
                                     woj=kod[:2], kod=kod)))
        if rodzaj not in GMINY:
            continue
        nadrzedny = rodzaj_kodu.get(kod[:4])
        if nadrzedny not in (R.POWIAT, R.MIASTO_NA_PRAWACH_POWIATU):
            bledy.append((n, _wiersz(n, _("brak powiatu ani miasta na prawach powiatu „%(pow)s” dla gminy "
                                          "„%(kod)s”."), pow=kod[:4], kod=kod)))
        elif nadrzedny == R.MIASTO_NA_PRAWACH_POWIATU:
            if kod == kod[:4] + _GMINA_MIASTA and rodzaj == R.GMINA_MIEJSKA:
                gminy_miast[kod[:4]] = (n, w)
            else:
                bledy.append((n, _wiersz(n, _("gmina „%(kod)s” leży w mieście na prawach powiatu "
                                              "„%(miasto)s”, którego jedyną gminą może być gmina miejska "
                                              "„%(para)s”."),
                                         kod=kod, miasto=kod[:4], para=kod[:4] + _GMINA_MIASTA)))
    for kod, (n, _w) in miasta.items():
        if kod not in gminy_miast:
            bledy.append((n, _wiersz(n, _("miasto na prawach powiatu „%(kod)s” nie ma swojej gminy "
                                          "miejskiej „%(para)s”; miasto i gmina to jedna JST, plik musi "
                                          "zawierać oba wiersze."),
                                     kod=kod, para=kod + _GMINA_MIASTA)))
    if bledy:
        raise BladImportuTeryt([blad for _n, blad in sorted(bledy)])

    rekordy: dict[str, RekordJST] = {}
    for n, w in wiersze:
        kod, rodzaj = w["teryt"], w["kind"]
        if rodzaj in GMINY and kod[:4] in miasta:
            continue  # merged into its city below
        rekordy[_klucz(kod, rodzaj)] = RekordJST(
            klucz=_klucz(kod, rodzaj),
            teryt=kod,
            teryt_gminy=gminy_miast[kod][1]["teryt"] if kod in miasta else None,
            nazwa=w["name"],
            rodzaj=rodzaj,
            wojewodztwo=w["voivodeship_name"],
            powiat=w["county_name"],
            wiersz=n,
        )
    return rekordy


# --- Writing ----------------------------------------------------------------------------------


def _kolizje_kodow(plik: PlikTerc, istniejace: dict[str, JST]) -> list[str]:
    """Codes in the file still held by another unit the file no longer lists (kept, deactivated)."""
    pozostale = {}
    for klucz, jst in istniejace.items():
        if klucz not in plik.rekordy:
            for kod in (jst.teryt, jst.teryt_gminy):
                if kod:
                    pozostale[kod] = jst
    bledy = []
    for rekord in plik.rekordy.values():
        for kod in (rekord.teryt, rekord.teryt_gminy):
            if kod in pozostale:
                inna = pozostale[kod]
                bledy.append(_wiersz(rekord.wiersz, _("kod „%(kod)s” ma w bazie inną JST (%(jst)s, klucz "
                                                      "%(klucz)s), której nie ma w pliku."),
                                     kod=kod, jst=inna.opis, klucz=inna.klucz))
    return bledy


@transaction.atomic
def jst_importuj_teryt(*, plik: Path | str | None = None, actor) -> RaportImportu:
    """Bring the JST table in line with a TERYT file: create, update, deactivate, reactivate.

    Everything is validated before the first write; an unchanged file writes nothing (no history
    rows, no audit entry). Each changed row gets a history row with the reason "import TERYT <date>".
    """
    plik = Path(plik) if plik else DOMYSLNY_PLIK
    dane = wczytaj_terc(plik)
    istniejace = {jst.klucz: jst for jst in JST.objects.all()}
    najnowszy = max((jst.stan_na for jst in istniejace.values()), default=None)
    if najnowszy and dane.stan_na < najnowszy:
        # An old file would roll back real changes (renames, new RODZ) made by a newer one.
        raise BladImportuTeryt([_("Plik ma stan na %(plik)s, starszy niż rejestr w bazie (%(baza)s).")
                                % {"plik": dane.stan_na.isoformat(), "baza": najnowszy.isoformat()}])
    if bledy := _kolizje_kodow(dane, istniejace):
        raise BladImportuTeryt(bledy)

    nowe: list[JST] = []
    zmienione: list[JST] = []
    licz = dict.fromkeys(("utworzone", "zaktualizowane", "dezaktywowane", "reaktywowane", "bez_zmian"), 0)
    for klucz, rekord in dane.rekordy.items():
        wartosci = {pole: getattr(rekord, pole) for pole in _POLA_DANYCH}
        jst = istniejace.get(klucz)
        if jst is None:
            nowe.append(JST(klucz=klucz, stan_na=dane.stan_na, aktywna=True, **wartosci))
            licz["utworzone"] += 1
            continue
        inne = any(getattr(jst, pole) != wartosc for pole, wartosc in wartosci.items())
        if jst.aktywna and not inne:
            licz["bez_zmian"] += 1
            continue
        licz["zaktualizowane" if jst.aktywna else "reaktywowane"] += 1
        for pole, wartosc in wartosci.items():
            setattr(jst, pole, wartosc)
        jst.aktywna = True
        # stan_na says which register the row's current data comes from.
        jst.stan_na = dane.stan_na
        zmienione.append(jst)
    for klucz, jst in istniejace.items():
        if klucz not in dane.rekordy and jst.aktywna:
            jst.aktywna = False  # kept with its last register date: participations still point to it
            zmienione.append(jst)
            licz["dezaktywowane"] += 1

    raport = RaportImportu(stan_na=dane.stan_na, **licz)
    powod = "import TERYT %s" % dane.stan_na.isoformat()
    uzytkownik = actor if getattr(actor, "is_authenticated", False) else None
    if zmienione:
        bulk_update_with_history(zmienione, JST, _POLA_DANYCH + ["stan_na", "aktywna"], batch_size=_BATCH,
                                 default_user=uzytkownik, default_change_reason=powod)
    if nowe:
        bulk_create_with_history(nowe, JST, batch_size=_BATCH, default_user=uzytkownik, default_change_reason=powod)
    if raport.zmiany:
        audit(actor, "jst.import_teryt", None, {"plik": plik.name, **asdict(raport)})
    return raport


# --- Reading the register ---------------------------------------------------------------------

_ALFABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_POZYCJA = {litera: i for i, litera in enumerate(_ALFABET)}


def klucz_sortowania_pl(tekst: str) -> tuple:
    """Polish alphabetical order (Ł after L, Ż last), case-insensitive first, like ICU's pl collation:
    spaces and punctuation before digits, digits before letters."""
    wagi = []
    for znak in tekst.casefold():
        if znak in _POZYCJA:
            wagi.append((3, _POZYCJA[znak]))
        elif znak.isdigit():
            wagi.append((2, int(znak) if znak.isascii() else ord(znak)))
        elif znak.isalpha():
            baza = unicodedata.normalize("NFD", znak)[0]  # é → e; unknown letters after z
            wagi.append((3, _POZYCJA.get(baza, len(_ALFABET) + ord(znak))))
        else:
            wagi.append((1, ord(znak)))
    return (tuple(wagi), tekst)


def _baza(tylko_aktywne: bool, wojewodztwo: str, rodzaj: str):
    qs = JST.objects.all()
    if tylko_aktywne:
        qs = qs.filter(aktywna=True)
    if wojewodztwo:
        qs = qs.filter(wojewodztwo=wojewodztwo)
    if rodzaj:
        qs = qs.filter(rodzaj=rodzaj)
    return qs


def _tylko_cyfry(q: str) -> str | None:
    kod = "".join(q.split())
    return kod if kod and kod.isascii() and kod.isdigit() else None


def szukaj_jst(q: str, *, limit: int = 20, tylko_aktywne: bool = True, wojewodztwo: str = "",
               rodzaj: str = "") -> list[JST]:
    """At most `limit` JSTs matching `q`.

    Digits: TERYT code prefix (the county code or the gmina code of a city with county rights),
    exact matches first, then by code. Text: name contains `q` (any case), names starting with `q`
    first, then Polish alphabetical order, then code; an empty `q` lists everything in that order.
    The register is bounded (~2,800 units), so the name match and Polish order run in Python on
    (pk, name, code) tuples: the same result on SQLite (whose LIKE folds ASCII only and which has
    no ICU collation) and PostgreSQL. Two queries at most, whatever the size.
    """
    if limit <= 0:
        return []
    baza = _baza(tylko_aktywne, wojewodztwo, rodzaj)
    kod = _tylko_cyfry(q)
    if kod is not None:
        dokladny = Case(When(Q(teryt=kod) | Q(teryt_gminy=kod), then=Value(0)), default=Value(1),
                        output_field=IntegerField())
        return list(
            baza.filter(Q(teryt__startswith=kod) | Q(teryt_gminy__startswith=kod))
            .annotate(dokladny=dokladny).order_by("dokladny", "teryt")[:limit]
        )
    szukane = " ".join(q.split()).casefold()
    trafienia = [(pk, nazwa, teryt) for pk, nazwa, teryt in baza.values_list("pk", "nazwa", "teryt")
                 if szukane in nazwa.casefold()]
    trafienia.sort(key=lambda t: (not t[1].casefold().startswith(szukane), klucz_sortowania_pl(t[1]), t[2]))
    pks = [pk for pk, _nazwa, _teryt in trafienia[:limit]]
    po_pk = JST.objects.in_bulk(pks)
    return [po_pk[pk] for pk in pks]


def znajdz_po_kodzie(kod: str) -> JST | None:
    """The JST whose TERYT code (or, for a city with county rights, gmina code) is exactly `kod`,
    spaces ignored; inactive units too — the caller decides what an inactive one means."""
    kod = "".join(kod.split())
    if not kod:
        return None
    return JST.objects.filter(Q(teryt=kod) | Q(teryt_gminy=kod)).first()


def stan_rejestru() -> datetime.date | None:
    """The register date of the newest imported data, for the source line ("stan na …")."""
    return JST.objects.aggregate(stan=Max("stan_na"))["stan"]


def wojewodztwa_rejestru() -> list[str]:
    """Voivodeship names as the register writes them, in Polish order (choices of the filter)."""
    nazwy = JST.objects.filter(rodzaj=R.WOJEWODZTWO).values_list("nazwa", flat=True)
    return sorted(set(nazwy), key=klucz_sortowania_pl)
