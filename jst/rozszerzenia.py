"""Hooks through which apps to the right of jst add to jst's pages without jst importing them
(CONVENTIONS §1: doradztwo ← jst ← diagnoza ← hdr ← raporty).

OPISY_WPISOW: functions called with the list of remote entries (jst.WpisZdalny) a list page is about
to show. Each appends short, already translated lines to `wpis.opisy` (e.g. hdr: "Działanie HDR: …").
A function works on the whole list at once — a fixed number of queries whatever its length — and
shows only what everyone who sees the entry may read. Apps register theirs in AppConfig.ready()."""

from collections.abc import Callable, Iterable

from jst.models import WpisZdalny

OpisWpisow = Callable[[list[WpisZdalny]], None]

OPISY_WPISOW: list[OpisWpisow] = []


def zarejestruj_opis_wpisow(funkcja: OpisWpisow) -> None:
    """Idempotent: ready() may run more than once (tests, autoreload)."""
    if funkcja not in OPISY_WPISOW:
        OPISY_WPISOW.append(funkcja)


def opisz_wpisy(wpisy: Iterable[WpisZdalny]) -> list[WpisZdalny]:
    """Give every entry an `opisy` list and let each registered function fill it."""
    wpisy = list(wpisy)
    for wpis in wpisy:
        wpis.opisy = []
    if wpisy:
        for funkcja in OPISY_WPISOW:
            funkcja(wpisy)
    return wpisy
