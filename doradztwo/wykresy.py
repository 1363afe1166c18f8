"""Server-side SVG charts (CONVENTIONS §7): plain inline SVG with only presentation attributes (no
`style=`, no `<style>`, no scripts, no external references), so the same markup passes the strict CSP
in the browser and embeds in a WeasyPrint PDF. Each chart is an image with a `<title>` and `<desc>`,
its numbers in the active locale's format (Polish: decimal comma), colours of at least 3:1 contrast
with patterns and labels besides them, and the same numbers as a table (`Wykres.tabela`), rendered by
templates/doradztwo/wykresy/wykres.html inside `<details>`.
"""

import datetime
import hashlib
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SZEROKOSC = 720
CZCIONKA = 14
TEKST = "#212529"  # 15:1 on white
SIATKA = "#6c757d"  # axis lines: 4.7:1
TLO = "#ffffff"
# Fills of at least 4.5:1 against white (so white text on them is readable too), told apart further by
# the patterns below; checked by doradztwo/tests/test_wykresy.py.
KOLORY = ["#1f4e79", "#a33f00", "#2e6b30", "#6a1b9a", "#8b1a1a", "#00695c", "#4d4d4d", "#7a5300"]
_WZORY = ["pelny", "ukosne", "kropki", "kratka", "poziome", "pionowe", "ukosne_odwrotne", "krzyzyki"]


@dataclass(frozen=True)
class Wykres:
    tytul: str
    opis: str
    svg: SafeString
    naglowki: list[str] = field(default_factory=list)
    tabela: list[list[str]] = field(default_factory=list)


def liczba(wartosc) -> str:
    """12 → "12", 1234.5 → "1 234,5", 0.125 → "0,13" (at most two decimals, in the active locale)."""
    if isinstance(wartosc, Decimal):
        wartosc = float(wartosc)
    wartosc = round(float(wartosc), 2)
    if wartosc.is_integer():
        return number_format(int(wartosc), use_l10n=True, force_grouping=True)
    miejsca = 1 if round(wartosc, 1) == wartosc else 2
    return number_format(wartosc, decimal_pos=miejsca, use_l10n=True, force_grouping=True)


def data(d: datetime.date) -> str:
    return date_format(d, "SHORT_DATE_FORMAT", use_l10n=True)


# --- SVG building blocks --------------------------------------------------------------------


def _attrs(**attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{value:.1f}".rstrip("0").rstrip(".")
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return " ".join(parts)


def _el(tag: str, tresc: str = "", **attrs) -> str:
    return f"<{tag} {_attrs(**attrs)}>{tresc}</{tag}>" if tresc else f"<{tag} {_attrs(**attrs)}/>"


def _tekst(x, y, tresc: str, **attrs) -> str:
    attrs.setdefault("fill", TEKST)
    attrs.setdefault("font_size", CZCIONKA)
    return _el("text", escape(tresc), x=x, y=y, **attrs)


def _szerokosc_tekstu(tekst: str, rozmiar: float = CZCIONKA) -> float:
    # An estimate (no font metrics on the server): an average glyph is ~0.56 em in sans-serif fonts.
    return len(tekst) * rozmiar * 0.56


def _zawin(tekst: str, szerokosc: float, linie: int = 2) -> list[str]:
    """Split a label into at most `linie` lines that fit `szerokosc`; the last one ends with "…"."""
    na_linie = max(4, int(szerokosc / (CZCIONKA * 0.56)))
    wynik, biezaca = [], ""
    for slowo in tekst.split():
        kandydat = f"{biezaca} {slowo}".strip()
        if len(kandydat) <= na_linie or not biezaca:
            biezaca = kandydat
        else:
            wynik.append(biezaca)
            biezaca = slowo
    wynik.append(biezaca)
    if len(wynik) > linie:
        wynik = wynik[:linie]
        wynik[-1] = wynik[-1][: na_linie - 1].rstrip() + "…"
    return [w if len(w) <= na_linie else w[: na_linie - 1] + "…" for w in wynik]


def _wzor(id_: str, nr: int) -> str:
    """The texture of series `nr` (white marks on a transparent tile, laid over the series colour),
    so series differ without relying on colour alone. The first series is plain colour."""
    rodzaj = _WZORY[nr % len(_WZORY)]
    linie = {
        "pelny": "",
        "ukosne": _el("path", d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4", stroke=TLO, stroke_width=1.5),
        "ukosne_odwrotne": _el("path", d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4", stroke=TLO, stroke_width=1.5),
        "kropki": _el("circle", cx=2, cy=2, r=1.3, fill=TLO) + _el("circle", cx=6, cy=6, r=1.3, fill=TLO),
        "kratka": _el("path", d="M0,4 h8 M4,0 v8", stroke=TLO, stroke_width=1.2),
        "poziome": _el("path", d="M0,2 h8 M0,6 h8", stroke=TLO, stroke_width=1.2),
        "pionowe": _el("path", d="M2,0 v8 M6,0 v8", stroke=TLO, stroke_width=1.2),
        "krzyzyki": _el("path", d="M1,1 l3,3 M4,1 l-3,3 M5,5 l2,2 M7,5 l-2,2", stroke=TLO, stroke_width=1),
    }[rodzaj]
    if not linie:
        return ""
    # A transparent tile: no seams between tiles show in PDF renderers.
    return _el("pattern", linie, id=id_, patternUnits="userSpaceOnUse", width=8, height=8)


def _pole(prefiks: str, nr: int, tooltip: str = "", **attrs) -> str:
    """A rectangle of series `nr`: its colour, with its texture on top."""
    kolor = KOLORY[nr % len(KOLORY)]
    tytul = _el("title", escape(tooltip)) if tooltip else ""
    wynik = _el("rect", tytul, fill=kolor, **attrs)
    if _WZORY[nr % len(_WZORY)] != "pelny":
        wynik += _el("rect", fill=f"url(#{prefiks}-s{nr})", **attrs)
    return wynik


def _svg(tytul: str, opis: str, wysokosc: float, tresc: str, prefiks: str) -> SafeString:
    naglowek = _attrs(xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {SZEROKOSC} {math.ceil(wysokosc)}",
                      width="100%", role="img", aria_labelledby=f"{prefiks}-t", aria_describedby=f"{prefiks}-d")
    return mark_safe(  # every text and attribute above went through escape()
        f"<svg {naglowek}><title id=\"{prefiks}-t\">{escape(tytul)}</title>"
        f"<desc id=\"{prefiks}-d\">{escape(opis)}</desc>{tresc}</svg>"
    )


def _prefiks() -> str:
    # Several charts on one page (and one PDF) must not share ids.
    return f"wykres-{uuid.uuid4().hex[:8]}"


def _kolumna_etykiet(etykiety: Sequence[str]) -> tuple[float, int]:
    """Width of the label column and how many lines the longest label needs."""
    najdluzsza = max((_szerokosc_tekstu(e) for e in etykiety), default=0)
    szerokosc = min(max(najdluzsza, 60), 260)
    linie = max((len(_zawin(e, szerokosc)) for e in etykiety), default=1)
    return szerokosc, linie


def _etykieta(x: float, y_srodek: float, tekst: str, szerokosc: float) -> str:
    linie = _zawin(tekst, szerokosc)
    y0 = y_srodek - (len(linie) - 1) * CZCIONKA * 0.6 + CZCIONKA * 0.35
    return "".join(_tekst(x, y0 + i * CZCIONKA * 1.2, linia, text_anchor="end") for i, linia in enumerate(linie))


# --- Charts ---------------------------------------------------------------------------------


def wykres_slupkowy(tytul: str, etykiety: Sequence[str], wartosci: Sequence, *, opis: str | None = None,
                    naglowek_wartosci: str | None = None) -> Wykres:
    """Horizontal bars (long Polish labels stay readable), each with its value written beside it."""
    etykiety = [str(e) for e in etykiety]
    if len(etykiety) != len(wartosci):
        raise ValueError("etykiety and wartosci differ in length")
    prefiks = _prefiks()
    kolumna, linie = _kolumna_etykiet(etykiety)
    wiersz = 30 if linie == 1 else 44
    lewa = kolumna + 16
    miejsce_na_wartosc = 80
    dlugosc = SZEROKOSC - lewa - miejsce_na_wartosc
    maks = max([float(w) for w in wartosci] + [0]) or 1
    gora = 8
    czesci = [_el("path", d=f"M{lewa},{gora} V{gora + wiersz * len(etykiety)}", stroke=SIATKA, stroke_width=1)]
    for i, (etykieta, wartosc) in enumerate(zip(etykiety, wartosci, strict=True)):
        srodek = gora + i * wiersz + wiersz / 2
        szer = max(float(wartosc), 0) / maks * dlugosc
        tekst = liczba(wartosc)
        czesci.append(_etykieta(lewa - 8, srodek, etykieta, kolumna))
        if szer > 0:
            czesci.append(_el("rect", _el("title", escape(f"{etykieta}: {tekst}")), x=lewa, y=srodek - 10,
                              width=szer, height=20, fill=KOLORY[0]))
        czesci.append(_tekst(lewa + szer + 6, srodek + CZCIONKA * 0.35, tekst, font_weight="bold"))
    wysokosc = gora * 2 + wiersz * len(etykiety)
    if opis is None:
        suma = sum(float(w) for w in wartosci)
        opis = _("Wykres słupkowy. Liczba pozycji: %(n)d, suma: %(suma)s. Dokładne liczby są w tabeli pod wykresem.") % {
            "n": len(etykiety), "suma": liczba(suma)}
    return Wykres(
        tytul=tytul,
        opis=opis,
        svg=_svg(tytul, opis, wysokosc, "".join(czesci), prefiks),
        naglowki=["", naglowek_wartosci or _("Wartość")],
        tabela=[[e, liczba(w)] for e, w in zip(etykiety, wartosci, strict=True)],
    )


def wykres_skumulowany(tytul: str, etykiety: Sequence[str], serie: dict[str, Sequence], *,
                       opis: str | None = None) -> Wykres:
    """Horizontal stacked bars: each series has a colour and a pattern, named in the legend; the total
    is written beside each bar and every segment carries a tooltip with its number."""
    etykiety = [str(e) for e in etykiety]
    nazwy = [str(n) for n in serie]
    kolumny = [list(v) for v in serie.values()]
    if any(len(k) != len(etykiety) for k in kolumny):
        raise ValueError("every series needs one value per label")
    prefiks = _prefiks()
    kolumna, linie = _kolumna_etykiet(etykiety)
    wiersz = 30 if linie == 1 else 44
    lewa = kolumna + 16
    dlugosc = SZEROKOSC - lewa - 80
    sumy = [sum(max(float(k[i]), 0) for k in kolumny) for i in range(len(etykiety))]
    maks = max(sumy + [0]) or 1

    # Legend above the bars, wrapping to the next line when the width runs out.
    defs = "".join(_wzor(f"{prefiks}-s{n}", n) for n in range(len(nazwy)))
    legenda, x, y = [], 8.0, 8.0
    for n, nazwa in enumerate(nazwy):
        szer = 18 + 6 + _szerokosc_tekstu(nazwa) + 18
        if x + szer > SZEROKOSC and x > 8:
            x, y = 8.0, y + 24
        legenda.append(_pole(prefiks, n, x=x, y=y, width=18, height=18))
        legenda.append(_el("rect", x=x, y=y, width=18, height=18, fill="none", stroke=TEKST, stroke_width=1))
        legenda.append(_tekst(x + 24, y + 14, nazwa))
        x += szer
    gora = y + 18 + 16

    czesci = [_el("path", d=f"M{lewa},{gora} V{gora + wiersz * len(etykiety)}", stroke=SIATKA, stroke_width=1)]
    for i, etykieta in enumerate(etykiety):
        srodek = gora + i * wiersz + wiersz / 2
        czesci.append(_etykieta(lewa - 8, srodek, etykieta, kolumna))
        x = lewa
        for n, nazwa in enumerate(nazwy):
            wartosc = max(float(kolumny[n][i]), 0)
            if wartosc <= 0:
                continue
            szer = wartosc / maks * dlugosc
            czesci.append(_pole(prefiks, n, f"{etykieta} — {nazwa}: {liczba(kolumny[n][i])}",
                                x=x, y=srodek - 10, width=szer, height=20))
            if x > lewa:  # a white gap between neighbouring segments
                czesci.append(_el("path", d=f"M{x:.1f},{srodek - 10} v20", stroke=TLO, stroke_width=1.5))
            x += szer
        czesci.append(_tekst(x + 6, srodek + CZCIONKA * 0.35, liczba(sumy[i]), font_weight="bold"))
    wysokosc = gora + wiersz * len(etykiety) + 8
    if opis is None:
        opis = _("Wykres słupkowy skumulowany. Liczba pozycji: %(n)d; serie: %(serie)s; przy każdym słupku "
                 "suma. Dokładne liczby są w tabeli pod wykresem.") % {"n": len(etykiety), "serie": ", ".join(nazwy)}
    return Wykres(
        tytul=tytul,
        opis=opis,
        svg=_svg(tytul, opis, wysokosc, _el("defs", defs) + "".join(legenda) + "".join(czesci), prefiks),
        naglowki=["", *nazwy, _("Razem")],
        tabela=[[e, *(liczba(k[i]) for k in kolumny), liczba(sumy[i])] for i, e in enumerate(etykiety)],
    )


def _miesiace(od: datetime.date, do: datetime.date, krok: int) -> list[datetime.date]:
    wynik = []
    rok, miesiac = od.year, od.month
    while datetime.date(rok, miesiac, 1) <= do:
        d = datetime.date(rok, miesiac, 1)
        if d >= od:
            wynik.append(d)
        miesiac += krok
        rok, miesiac = rok + (miesiac - 1) // 12, (miesiac - 1) % 12 + 1
    return wynik


def os_czasu(tytul: str, zdarzenia: Sequence[tuple[str, datetime.date, datetime.date | None]], *,
             opis: str | None = None) -> Wykres:
    """A timeline: one row per event, a bar from its start to its end (a diamond for a single day),
    the dates written under its name, month ticks along the bottom."""
    zdarzenia = [(str(e), od, do or od) for e, od, do in zdarzenia]
    prefiks = _prefiks()
    kolumna, _linie = _kolumna_etykiet([e for e, *_ in zdarzenia])
    lewa, prawa = kolumna + 16, SZEROKOSC - 30  # room for half of the last tick label
    wiersz, gora = 46, 8
    if zdarzenia:
        start = min(od for _e, od, _do in zdarzenia)
        koniec = max(do for _e, _od, do in zdarzenia)
    else:
        start = koniec = datetime.date.today()
    # The axis runs over whole months, so its first and last ticks frame the events.
    start = start.replace(day=1)
    koniec = (koniec.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    dni = (koniec - start).days

    def x(d: datetime.date) -> float:
        return lewa + (d - start).days / dni * (prawa - lewa)

    dol = gora + wiersz * len(zdarzenia)
    miesiecy = (koniec.year - start.year) * 12 + koniec.month - start.month
    krok = 1 if miesiecy <= 12 else 3 if miesiecy <= 36 else 12
    czesci = [_el("path", d=f"M{lewa},{dol} H{prawa}", stroke=SIATKA, stroke_width=1)]
    for d in _miesiace(start, koniec, krok):
        czesci.append(_el("path", d=f"M{x(d):.1f},{gora} V{dol + 4}", stroke="#ced4da", stroke_width=1))
        czesci.append(_tekst(x(d), dol + 20, date_format(d, "m.Y"), text_anchor="middle", font_size=12))
    for i, (etykieta, od, do) in enumerate(zdarzenia):
        srodek = gora + i * wiersz + wiersz / 2
        zakres = data(od) if od == do else f"{data(od)} – {data(do)}"
        czesci.append(_tekst(lewa - 8, srodek - 3, _zawin(etykieta, kolumna, 1)[0], text_anchor="end"))
        czesci.append(_tekst(lewa - 8, srodek + 13, zakres, text_anchor="end", font_size=12))
        kolor = KOLORY[i % 2]  # alternate two colours so neighbouring rows differ
        tooltip = _el("title", escape(f"{etykieta}: {zakres}"))
        if od == do:
            cx = x(od)
            czesci.append(_el("path", tooltip, d=f"M{cx:.1f},{srodek - 9} l9,9 l-9,9 l-9,-9 z", fill=kolor))
        else:
            czesci.append(_el("rect", tooltip, x=x(od), y=srodek - 9, width=max(x(do) - x(od), 2), height=18,
                              fill=kolor))
    wysokosc = dol + 30
    if opis is None:
        opis = _("Oś czasu. Liczba pozycji: %(n)d, od %(od)s do %(do)s. Daty są też w tabeli pod wykresem.") % {
            "n": len(zdarzenia), "od": data(min((od for _e, od, _do in zdarzenia), default=start)),
            "do": data(max((do for _e, _od, do in zdarzenia), default=start))}
    return Wykres(
        tytul=tytul,
        opis=opis,
        svg=_svg(tytul, opis, wysokosc, "".join(czesci), prefiks),
        naglowki=["", _("Od"), _("Do")],
        tabela=[[e, data(od), data(do)] for e, od, do in zdarzenia],
    )


# --- Line chart over periods ----------------------------------------------------------------

WYSOKOSC_POLA = 240
SIATKA_JASNA = "#ced4da"  # gridlines only; the values are read from the labels and the table
# Series differ by colour, line pattern and marker shape (WCAG 1.4.1): solid + circle, dashed + square,
# dotted + triangle, dash-dot + diamond.
_KRESKI = [None, "8 5", "1 5", "10 4 2 4"]
_ZNACZNIKI = ["kolo", "kwadrat", "trojkat", "romb"]
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _skala(najmniejsza: float, najwieksza: float) -> list[Decimal]:
    """Gridline values from min(0, smallest) to a rounded top: the finest step of 1, 2, 2.5 or 5 × 10^k
    that needs at most 4 intervals, which always leaves 4 or 5 labelled lines."""
    dol, gora = min(najmniejsza, 0.0), max(najwieksza, 0.0)
    if gora - dol <= 0:  # only zeros: an axis from 0 to 1
        gora = 1.0
    dol_d, gora_d = Decimal(repr(dol)), Decimal(repr(gora))
    potega = math.floor(math.log10(gora - dol)) - 2
    while True:
        for mnoznik in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            krok = mnoznik.scaleb(potega)
            od, do = math.floor(dol_d / krok), math.ceil(gora_d / krok)
            if do - od <= 4:
                return [krok * i for i in range(od, do + 1)]
        potega += 1


def _liczba_osi(wartosc: Decimal) -> str:
    """An axis label with as many decimals as the step needs (500 000; 0,25; 0,005)."""
    wartosc = wartosc.normalize()
    miejsca = max(0, -wartosc.as_tuple().exponent)
    if miejsca == 0:
        return number_format(int(wartosc), use_l10n=True, force_grouping=True)
    return number_format(wartosc, decimal_pos=miejsca, use_l10n=True, force_grouping=True)


def _znacznik(nr: int, x: float, y: float, tooltip: str = "") -> str:
    """The point marker of series `nr` (its colour and shape, a white rim so it stands out on lines)."""
    rodzaj = _ZNACZNIKI[nr % len(_ZNACZNIKI)]
    d = {
        "kolo": f"M{x - 5:.1f},{y:.1f} a5,5 0 1,0 10,0 a5,5 0 1,0 -10,0 z",
        "kwadrat": f"M{x - 4.5:.1f},{y - 4.5:.1f} h9 v9 h-9 z",
        "trojkat": f"M{x:.1f},{y - 6.5:.1f} l6.5,11 h-13 z",
        "romb": f"M{x:.1f},{y - 6.5:.1f} l6.5,6.5 l-6.5,6.5 l-6.5,-6.5 z",
    }[rodzaj]
    tytul = _el("title", escape(tooltip)) if tooltip else ""
    return _el("path", tytul, d=d, fill=KOLORY[nr % len(KOLORY)], stroke=TLO, stroke_width=1.5)


def _linia(nr: int, tag: str, **attrs) -> str:
    kreska = _KRESKI[nr % len(_KRESKI)]
    return _el(tag, fill="none", stroke=KOLORY[nr % len(KOLORY)], stroke_width=2.5, stroke_dasharray=kreska,
               stroke_linecap="round" if kreska == "1 5" else "butt", stroke_linejoin="round", **attrs)


def _tabela_w_details(tytul: str, naglowki: list[str], wiersze: list[list[str]]) -> str:
    """The same `<details>` table as templates/doradztwo/wykresy/wykres.html (first column = row headers)."""
    glowa = format_html('<th scope="col">{}</th>', naglowki[0]) + format_html_join(
        "", '<th scope="col" class="text-end">{}</th>', ((n,) for n in naglowki[1:]))
    cialo = "".join(
        format_html('<tr><th scope="row">{}</th>{}</tr>', w[0],
                    format_html_join("", '<td class="text-end text-nowrap">{}</td>', ((k,) for k in w[1:])))
        for w in wiersze
    )
    return format_html(
        '<details class="mt-2"><summary>{}</summary><div class="table-responsive">'
        '<table class="table table-sm w-auto"><caption class="visually-hidden">{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div></details>",
        _("Dane wykresu w tabeli"), tytul, glowa, mark_safe(cialo),  # cialo: built by format_html above
    )


def wykres_liniowy(tytul: str, okresy: Sequence, serie: dict[str, Sequence], *, opis: str | None = None,
                   jednostka: str = "", miejsca: int | None = None, prefiks: str | None = None) -> SafeString:
    """An indicator over periods: one line per series (e.g. the JST and the average of JSTs of its kind),
    a gap where a value is None ("n/d"), every point with a tooltip, a legend, and the numbers in a
    table inside `<details>`. Returns the SVG followed by that table, ready to put in a
    `<figure class="wykres">`. `miejsca` fixes the decimals of the numbers in tooltips and the table
    (default: at most two, as `liczba()`); `prefiks` sets the ids (default: derived from the data, so
    the same chart always gets the same ids and different charts on one page get different ones)."""
    okresy = [str(o) for o in okresy]
    nazwy = [str(n) for n in serie]
    # Infinite or NaN results (a division by zero upstream) cannot be drawn: shown as n/d like None.
    kolumny = [[None if v is None or not math.isfinite(float(v)) else v for v in wartosci]
               for wartosci in serie.values()]
    if any(len(k) != len(okresy) for k in kolumny):
        raise ValueError("every series needs one value per period")
    if prefiks is None:
        odcisk = repr((str(tytul), str(opis), okresy, nazwy, kolumny, str(jednostka), miejsca)).encode()
        prefiks = f"wykres-{hashlib.sha256(odcisk).hexdigest()[:10]}"
    elif not _ID.fullmatch(prefiks):
        raise ValueError("prefiks must be a valid id")
    jednostka = str(jednostka or "")

    def tekst_wartosci(v) -> str:
        if v is None:
            return _("n/d")
        if miejsca is not None:
            return number_format(Decimal(str(v)), decimal_pos=miejsca, use_l10n=True, force_grouping=True)
        return liczba(v)

    # Legend above the plot, wrapping to the next line when the width runs out.
    legenda, x, y = [], 8.0, 8.0
    for n, nazwa in enumerate(nazwy):
        nazwa = _zawin(nazwa, SZEROKOSC - 70, 1)[0]
        szer = 36 + 6 + _szerokosc_tekstu(nazwa) + 18
        if x + szer > SZEROKOSC and x > 8:
            x, y = 8.0, y + 24
        legenda.append(_linia(n, "path", d=f"M{x:.1f},{y + 9:.1f} h36"))
        legenda.append(_znacznik(n, x + 18, y + 9))
        legenda.append(_tekst(x + 42, y + 14, nazwa))
        x += szer
    gora = (y + 24 if nazwy else 8) + 12
    if jednostka:
        legenda.append(_tekst(8, gora + 6, f"[{jednostka}]", font_size=12))
        gora += 20
    gora += 8  # half of the top label sits above the top gridline
    dol = gora + WYSOKOSC_POLA

    liczby = [float(v) for k in kolumny for v in k if v is not None]
    czesci = []
    prawa = SZEROKOSC - 16
    if liczby:
        linie = _skala(min(liczby), max(liczby))
        etykiety_y = [_liczba_osi(v) for v in linie]
        lewa = min(max(max(_szerokosc_tekstu(e) for e in etykiety_y) + 16, 48), 200)
        najnizsza, najwyzsza = float(linie[0]), float(linie[-1])

        def y_(v) -> float:
            return dol - (float(v) - najnizsza) / (najwyzsza - najnizsza) * WYSOKOSC_POLA

        for wartosc, etykieta in zip(linie, etykiety_y, strict=True):
            zero = wartosc == 0  # the zero line is darker, so values below it read as negative
            czesci.append(_el("path", d=f"M{lewa:.1f},{y_(wartosc):.1f} H{prawa}",
                              stroke=SIATKA if zero else SIATKA_JASNA, stroke_width=1.5 if zero else 1))
            czesci.append(_tekst(lewa - 8, y_(wartosc) + CZCIONKA * 0.35, etykieta, text_anchor="end"))
        czesci.append(_el("path", d=f"M{lewa:.1f},{gora} V{dol}", stroke=SIATKA, stroke_width=1))
    else:  # nothing to place on a y axis (and y_ is never called: every value is None)
        lewa = 48.0
        czesci.append(_el("path", d=f"M{lewa:.1f},{dol} H{prawa}", stroke=SIATKA, stroke_width=1))
        czesci.append(_tekst((lewa + prawa) / 2, gora + WYSOKOSC_POLA / 2, _("brak danych"), text_anchor="middle"))

    # Periods along the bottom, turned by 45° when they would not fit side by side.
    krok = (prawa - lewa) / max(len(okresy), 1)

    def x_(i: int) -> float:
        return lewa + krok * (i + 0.5)

    etykiety_x = [_zawin(o, 160, 1)[0] for o in okresy]
    najszersza = max((_szerokosc_tekstu(e) for e in etykiety_x), default=0)
    obrot = najszersza > krok - 8
    for i, etykieta in enumerate(etykiety_x):
        czesci.append(_el("path", d=f"M{x_(i):.1f},{dol} v5", stroke=SIATKA, stroke_width=1))
        if obrot:
            czesci.append(_tekst(x_(i), dol + 16, etykieta, text_anchor="end",
                                 transform=f"rotate(-45 {x_(i):.1f} {dol + 16})"))
        else:
            czesci.append(_tekst(x_(i), dol + 22, etykieta, text_anchor="middle"))
    wysokosc = dol + (16 + najszersza * 0.71 + 16 if obrot else 34)

    # Lines first, markers on top; a None ends a segment (one polyline per unbroken run of points).
    linie_serii, znaczniki = [], []
    for n, (nazwa, wartosci) in enumerate(zip(nazwy, kolumny, strict=True)):
        odcinki, biezacy = [], []
        for i, v in enumerate(wartosci):
            if v is None:
                odcinki.append(biezacy)
                biezacy = []
                continue
            biezacy.append((x_(i), y_(v)))
            tooltip = f"{okresy[i]}: {tekst_wartosci(v)}" + (f" {jednostka}" if jednostka else "")
            if len(nazwy) > 1:
                tooltip += f" — {nazwa}"
            znaczniki.append(_znacznik(n, x_(i), y_(v), tooltip))
        odcinki.append(biezacy)
        for odcinek in odcinki:
            if len(odcinek) > 1:  # a lone point between gaps is just its marker
                linie_serii.append(_linia(n, "polyline", points=" ".join(f"{px:.1f},{py:.1f}" for px, py in odcinek)))

    luki = any(v is None for k in kolumny for v in k)
    if opis is None:
        if not liczby:
            opis = _("Wykres liniowy: brak danych za żaden okres.")
        else:
            opis = _("Wykres liniowy: %(serie)s. Okresy od %(od)s do %(do)s (liczba okresów: %(n)d). "
                     "Dokładne liczby są w tabeli pod wykresem.") % {
                "serie": ", ".join(nazwy), "od": okresy[0], "do": okresy[-1], "n": len(okresy)}
            if luki:
                opis += " " + _("Przerwa w linii oznacza brak wartości (n/d).")
    if jednostka:
        naglowki = [_("Okres"), *(f"{n} ({jednostka})" for n in nazwy)]
    else:
        naglowki = [_("Okres"), *nazwy]
    wiersze = [[o, *(tekst_wartosci(k[i]) for k in kolumny)] for i, o in enumerate(okresy)]
    svg = _svg(tytul, opis, wysokosc, "".join(legenda) + "".join(czesci) + "".join(linie_serii) + "".join(znaczniki),
               prefiks)
    return mark_safe(svg + _tabela_w_details(tytul, naglowki, wiersze))  # both parts escaped above


# --- Gantt chart of an HDR by month ---------------------------------------------------------

WIERSZ_GANTTA = 32
WIERSZ_GANTTA_2 = 44  # a row whose name wraps to two lines
MIESIAC_TLO = ["#ffffff", "#f1f3f5"]  # alternate month columns (decoration only; labels name them)
MIESIAC_LINIA = "#ced4da"
PASEK_JASNY = "#dde7f1"  # the part still to do: its outline (KOLORY[0], 8:1) carries the contrast
KOLOR_DZIS = "#8b1a1a"  # 8.6:1 on white
_OPOZNIONE = 1  # series 1 of _wzor/_pole: the diagonal hatch on KOLORY[1]


@dataclass(frozen=True)
class _Dzialanie:
    nazwa: str
    od: datetime.date
    do: datetime.date
    opoznione: bool
    status: str
    postep: int | None
    raport: bool


def _pole_pozycji(pozycja, nazwa: str, domyslna=None):
    if isinstance(pozycja, dict):
        return pozycja.get(nazwa, domyslna)
    return getattr(pozycja, nazwa, domyslna)


def _dzien(d) -> datetime.date:
    return d.date() if isinstance(d, datetime.datetime) else d


def _dzialanie(pozycja) -> _Dzialanie:
    od, do = _dzien(_pole_pozycji(pozycja, "od")), _dzien(_pole_pozycji(pozycja, "do"))
    postep = _pole_pozycji(pozycja, "postep")
    if postep is not None:
        postep = min(max(round(float(postep)), 0), 100)
    status = _pole_pozycji(pozycja, "status")
    return _Dzialanie(
        nazwa=str(_pole_pozycji(pozycja, "nazwa", "")),
        od=od,
        do=max(od, do),  # a reversed range (never saved by the forms) is drawn as its first day
        opoznione=bool(_pole_pozycji(pozycja, "opoznione", False)),
        status="" if status is None else str(status),
        postep=postep,
        raport=bool(_pole_pozycji(pozycja, "raport", False)),
    )


def _miesiac(d: datetime.date) -> str:
    # "lis 2022": Django's month abbreviations come from its own (translated) catalogue.
    return date_format(d, "b Y")


def gantt(tytul: str, pozycje: Sequence, *, dzis: datetime.date, od: datetime.date | None = None,
          do: datetime.date | None = None, opis: str | None = None, prefiks: str | None = None) -> SafeString:
    """The HDR action plan as a Gantt chart: one column per calendar month (each a `<rect>` with
    `data-miesiac="YYYY-MM"`), one row per action with a bar placed by day inside the months (from the
    start of its first day to the end of its last), its progress as the filled part of the bar and
    written beside it, overdue actions hatched (not only coloured), the final report as a diamond at its
    end, and today's date as a labelled vertical line through the middle of that day when it falls in
    the range. Names are wrapped or shortened in the label column; the full name is in a `<title>`.
    `pozycje` are objects or dicts with `nazwa`, `od`, `do`, `opoznione` and optionally `status`,
    `postep` (0–100) and `raport`. `od`/`do` widen or narrow the months shown (actions outside are cut
    at the edges; the table still lists them). Returns the SVG followed by the same data as a table in
    `<details>`. Ids derive from the data unless `prefiks` is given, as in `wykres_liniowy`."""
    dzialania = [_dzialanie(p) for p in pozycje]
    dzis = _dzien(dzis)
    if prefiks is None:
        odcisk = repr((str(tytul), None if opis is None else str(opis), dzialania, dzis, od, do)).encode()
        prefiks = f"wykres-{hashlib.sha256(odcisk).hexdigest()[:10]}"
    elif not _ID.fullmatch(prefiks):
        raise ValueError("prefiks must be a valid id")

    if not dzialania:
        opis = _("Wykres Gantta: brak działań.") if opis is None else opis
        tresc = _tekst(SZEROKOSC / 2, 34, _("brak działań"), text_anchor="middle")
        return _svg(tytul, opis, 56, tresc, prefiks)

    poczatek = _dzien(od) if od is not None else min(d.od for d in dzialania)
    koniec = _dzien(do) if do is not None else max(d.do for d in dzialania)
    if koniec < poczatek:
        raise ValueError("do must not be earlier than od")
    miesiace = _miesiace(poczatek.replace(day=1), koniec, 1)
    pierwszy_dzien = miesiace[0]
    ostatni_dzien = (miesiace[-1] + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)

    # Horizontal layout: label column, equal month columns; labels turn by 45° when they do not fit.
    kolumna = min(_kolumna_etykiet([d.nazwa for d in dzialania])[0], 220)  # leave the months room
    linie = max(len(_zawin(d.nazwa, kolumna)) for d in dzialania)
    lewa = kolumna + 16
    etykiety_m = [_miesiac(m) for m in miesiace]
    najszersza = max(_szerokosc_tekstu(e, 12) for e in etykiety_m)
    prawa = SZEROKOSC - 16
    szer_m = (prawa - lewa) / len(miesiace)
    obrot = najszersza > szer_m - 6
    co_ile = 1
    if obrot:
        prawa = SZEROKOSC - 40  # room for the last turned label and the progress text
        szer_m = (prawa - lewa) / len(miesiace)
        co_ile = max(1, math.ceil(15 / (szer_m * 0.71)))  # turned labels need ~15 px between baselines

    def x_(d: datetime.date, czesc_dnia: float = 0.0) -> float:
        """Where day `d` starts (0), its middle (0.5) or its end (1), clamped to the months shown."""
        if d < pierwszy_dzien:
            return lewa
        if d > ostatni_dzien:
            return prawa
        nr = (d.year - pierwszy_dzien.year) * 12 + d.month - pierwszy_dzien.month
        dni = (datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1) - d.replace(day=1)).days
        return lewa + (nr + (d.day - 1 + czesc_dnia) / dni) * szer_m

    gora = 8.0
    naglowek = najszersza * 0.71 + 18 if obrot else 26
    siatka_gora = gora + naglowek
    wiersz = WIERSZ_GANTTA if linie == 1 else WIERSZ_GANTTA_2
    dol = siatka_gora + wiersz * max(len(dzialania), 1)

    czesci = []
    for i, (m, etykieta) in enumerate(zip(miesiace, etykiety_m, strict=True)):
        x = lewa + i * szer_m
        czesci.append(_el("rect", _el("title", escape(etykieta)), x=x, y=siatka_gora, width=szer_m,
                          height=dol - siatka_gora, fill=MIESIAC_TLO[i % 2], stroke=MIESIAC_LINIA, stroke_width=1,
                          data_miesiac=f"{m:%Y-%m}"))
        if i % co_ile:
            continue
        srodek = x + szer_m / 2
        if obrot:
            czesci.append(_tekst(srodek - 3, siatka_gora - 6, etykieta, font_size=12,
                                 transform=f"rotate(-45 {srodek - 3:.1f} {siatka_gora - 6:.1f})"))
        else:
            czesci.append(_tekst(srodek, siatka_gora - 8, etykieta, font_size=12, text_anchor="middle"))
    # A year starts with a darker line, so long plans read by year too.
    for i, m in enumerate(miesiace):
        if m.month == 1 and i:
            czesci.append(_el("path", d=f"M{lewa + i * szer_m:.1f},{siatka_gora - 4:.1f} V{dol}", stroke=SIATKA,
                              stroke_width=1.5))
    czesci.append(_el("path", d=f"M{lewa},{siatka_gora} V{dol}", stroke=SIATKA, stroke_width=1))

    for nr, dz in enumerate(dzialania):
        srodek = siatka_gora + nr * wiersz + wiersz / 2
        if nr:
            czesci.append(_el("path", d=f"M{8},{srodek - wiersz / 2:.1f} H{prawa}", stroke=MIESIAC_LINIA,
                              stroke_width=1))
        czesci.append(_el("g", _el("title", escape(dz.nazwa)) + _etykieta(lewa - 8, srodek, dz.nazwa, kolumna)))
        zakres = f"{data(dz.od)} – {data(dz.do)}"
        opis_paska = [f"{dz.nazwa}: {zakres}"]
        if dz.status:
            opis_paska.append(_("status: %(status)s") % {"status": dz.status})
        if dz.postep is not None:
            opis_paska.append(_("postęp: %(postep)s%%") % {"postep": dz.postep})
        if dz.opoznione:
            opis_paska.append(_("opóźnione"))
        if dz.raport:
            opis_paska.append(_("raport końcowy"))
        if dz.do < pierwszy_dzien or dz.od > ostatni_dzien:
            continue  # outside the months shown: listed in the table only
        x1, x2 = x_(dz.od), x_(dz.do, 1)
        y, h = srodek - 10, 20
        kolor = KOLORY[_OPOZNIONE] if dz.opoznione else KOLORY[0]
        pasek = [_el("title", escape("; ".join(opis_paska))),
                 _el("rect", x=x1, y=y, width=x2 - x1, height=h, fill=kolor if dz.opoznione else PASEK_JASNY)]
        xp = x1 + (x2 - x1) * (dz.postep or 0) / 100
        if dz.postep:
            pasek.append(_el("rect", x=x1, y=y, width=xp - x1, height=h, fill=KOLORY[0]))
        if dz.opoznione:
            pasek.append(_el("rect", x=x1, y=y, width=x2 - x1, height=h, fill=f"url(#{prefiks}-s{_OPOZNIONE})"))
        if dz.postep and dz.postep < 100:  # a white seam where the done part ends
            pasek.append(_el("path", d=f"M{xp:.1f},{y} v{h}", stroke=TLO, stroke_width=1.5))
        pasek.append(_el("rect", x=x1, y=y, width=x2 - x1, height=h, fill="none", stroke=kolor, stroke_width=1.5))
        czesci.append(_el("g", "".join(pasek), data_dzialanie=nr))
        za_paskiem = x2 + 6
        if dz.raport and dz.do <= ostatni_dzien:
            kamien = _("raport końcowy: %(data)s") % {"data": data(dz.do)}
            czesci.append(_el("path", _el("title", escape(kamien)),
                              d=f"M{x2:.1f},{srodek - 10:.1f} l10,10 l-10,10 l-10,-10 z", fill=TEKST, stroke=TLO,
                              stroke_width=1.5))
            za_paskiem = x2 + 14
        if dz.postep is not None:
            procent = f"{dz.postep}%"
            szer_t = _szerokosc_tekstu(procent, 12)
            if za_paskiem + szer_t <= SZEROKOSC - 4:
                czesci.append(_tekst(za_paskiem, srodek + 4, procent, font_size=12))
            elif x1 - 6 - szer_t >= lewa:
                czesci.append(_tekst(x1 - 6, srodek + 4, procent, font_size=12, text_anchor="end"))
            else:  # no room outside the bar: on a white label inside its end
                czesci.append(_el("rect", x=x2 - szer_t - 8, y=srodek - 8, width=szer_t + 4, height=16, fill=TLO))
                czesci.append(_tekst(x2 - 6, srodek + 4, procent, font_size=12, text_anchor="end"))

    wysokosc = dol + 8
    pokaz_dzis = pierwszy_dzien <= dzis <= ostatni_dzien
    if pokaz_dzis:
        xd = x_(dzis, 0.5)
        etykieta = _("dziś: %(data)s") % {"data": data(dzis)}
        szer_t = _szerokosc_tekstu(etykieta, 12)
        kotwica = "middle"
        if xd - szer_t / 2 < 8:
            kotwica = "start"
        elif xd + szer_t / 2 > SZEROKOSC - 8:
            kotwica = "end"
        czesci.append(_el("path", d=f"M{xd:.1f},{siatka_gora - 4:.1f} V{dol + 6}", stroke=KOLOR_DZIS, stroke_width=2,
                          stroke_dasharray="6 3", data_dzis=dzis.isoformat()))
        czesci.append(_tekst(xd, dol + 20, etykieta, font_size=12, fill=KOLOR_DZIS, font_weight="bold",
                             text_anchor=kotwica))
        wysokosc = dol + 28

    # Legend: what the fills, the hatch and the diamond mean.
    legenda = [(_el("rect", x=0, y=0, width=18, height=14, fill=KOLORY[0]), _("wykonane")),
               (_el("rect", x=0, y=0, width=18, height=14, fill=PASEK_JASNY, stroke=KOLORY[0], stroke_width=1.5),
                _("do wykonania")),
               (_pole(prefiks, _OPOZNIONE, x=0, y=0, width=18, height=14), _("opóźnione"))]
    if any(d.raport for d in dzialania):
        legenda.append((_el("path", d="M9,0 l7,7 l-7,7 l-7,-7 z", fill=TEKST), _("raport końcowy")))
    x, y = 8.0, wysokosc + 6
    for znak, napis in legenda:
        szer = 18 + 6 + _szerokosc_tekstu(napis, 12) + 18
        if x + szer > SZEROKOSC and x > 8:
            x, y = 8.0, y + 22
        czesci.append(_el("g", znak, transform=f"translate({x:.1f} {y:.1f})"))
        czesci.append(_tekst(x + 24, y + 12, napis, font_size=12))
        x += szer
    wysokosc = y + 22

    if opis is None:
        opis = _("Wykres Gantta, kolumny to miesiące od %(od)s do %(do)s. Liczba działań: %(n)d, w tym "
                 "opóźnionych: %(opoznione)d. Paski opóźnionych działań są zakreskowane. Daty, status i postęp "
                 "są w tabeli pod wykresem.") % {
            "od": data(pierwszy_dzien), "do": data(ostatni_dzien), "n": len(dzialania),
            "opoznione": sum(d.opoznione for d in dzialania)}
        if pokaz_dzis:
            opis += " " + _("Pionowa linia oznacza dzisiejszą datę (%(data)s).") % {"data": data(dzis)}
    defs = _el("defs", _wzor(f"{prefiks}-s{_OPOZNIONE}", _OPOZNIONE))
    svg = _svg(tytul, opis, wysokosc, defs + "".join(czesci), prefiks)

    naglowki = [_("Działanie"), _("Początek"), _("Koniec"), _("Status"), _("Opóźnienie"), _("Postęp")]
    z_raportem = any(d.raport for d in dzialania)
    if z_raportem:
        naglowki.append(_("Kamień milowy"))
    wiersze = []
    for dz in dzialania:
        w = [dz.nazwa, data(dz.od), data(dz.do), dz.status, _("opóźnione") if dz.opoznione else "",
             "" if dz.postep is None else f"{dz.postep}%"]
        if z_raportem:
            w.append(_("raport końcowy") if dz.raport else "")
        wiersze.append(w)
    return mark_safe(svg + _tabela_w_details(tytul, naglowki, wiersze))  # both parts escaped above
