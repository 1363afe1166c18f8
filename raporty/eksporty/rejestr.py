"""The exports of an edition: each a `doradztwo.zadania` job kind with parameters
`{"edycja": <id>, "format": "csv" | "xlsx"}`, for the edition's coordinators and administrators.

An `Eksport` names its columns once (`(header, getter)` pairs, documented in docs/exports.md), its
rows (a generator reading the database in chunks: flat memory, a fixed number of queries per
chunk), how many rows to expect (for progress) and a fingerprint of the data it reads (the job's
`klucz_danych`: a stored file is served again while the fingerprint is unchanged)."""

import datetime
import hashlib
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone, translation

from doradztwo.access import role_in_edition
from doradztwo.models import Edycja, Zadanie
from doradztwo.zadania import ZAWIESZONE_PO, RodzajZadania, skrot, zarejestruj
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial
from raporty.eksporty.zapis import PORCJA, Kolumna, csv_porcje, do_xlsx

FORMATY = ("csv", "xlsx")


@dataclass(frozen=True)
class Eksport:
    slug: str  # the URL part: /edycje/<id>/eksporty/<slug>/
    kolejnosc: int  # position on the exports page
    rodzaj: str  # the job kind
    tytul: str
    opis: str
    plik: str  # file-name stem: <plik>-edycja-<id>-<rrrr-mm-dd>.<format>
    arkusz: str  # XLSX sheet name
    kolumny: list[Kolumna]
    wiersze: Callable[[Edycja], Iterable]
    liczba: Callable[[Edycja], int]
    odcisk: Callable[[Edycja], object]
    # Values computed against today's date (overdue, norm months): the file is made again each day.
    wedlug_dnia: bool = False


EKSPORTY: dict[str, Eksport] = {}  # slug → export, in the order of the exports page


def porcjami(iterable: Iterable, rozmiar: int = PORCJA) -> Iterator[list]:
    """Lists of up to `rozmiar` items: lets a generator run a fixed number of extra queries per chunk
    of a `.iterator(chunk_size=rozmiar)` (the same size, so the chunks line up with its prefetches)."""
    iterator = iter(iterable)
    while porcja := list(islice(iterator, rozmiar)):
        yield porcja


@dataclass(frozen=True)
class Odcisk:
    """A digest of the listed fields of every row of a queryset, computed later by `policz_odciski`
    together with every other one the page or job needs (one query on PostgreSQL)."""

    qs: QuerySet
    pola: tuple[str, ...]


def odcisk_zapytania(qs: QuerySet, *pola: str) -> Odcisk:
    return Odcisk(qs, pola)


def _odcisk_w_pythonie(odcisk: Odcisk) -> str:
    """The digest streamed row by row (one query, flat memory): the fallback off PostgreSQL."""
    digest = hashlib.sha256()
    for values in odcisk.qs.order_by("pk").values_list("pk", *odcisk.pola).iterator(chunk_size=2000):
        digest.update(repr(values).encode())
    return digest.hexdigest()


def _odcisk_sql(odcisk: Odcisk) -> tuple[str, list]:
    """The digest as a scalar subquery: the number of rows and the sum of a 64-bit hash of each row's
    text (pk first, so equal rows elsewhere do not cancel out). The database reads the rows; none
    travels to Python, and no sort is needed."""
    sql, params = odcisk.qs.order_by().values_list("pk", *odcisk.pola).query.sql_with_params()
    n = 1 + len(odcisk.pola)
    kolumny = ", ".join(f"c{i}" for i in range(n))
    wiersz = " || '|' || ".join(f"COALESCE(t.c{i}::text, '\u2205')" for i in range(n))
    return (f"(SELECT count(*) || ':' || COALESCE(sum(hashtextextended({wiersz}, 0)), 0) "
            f"FROM ({sql}) AS t({kolumny}))", list(params))


def policz_odciski(*wartosci):
    """The values with every `Odcisk` inside them (nested tuples) replaced by its digest: all of them in
    one query on PostgreSQL, one query each elsewhere."""
    odciski: list[Odcisk] = []

    def zbierz(v):
        if isinstance(v, Odcisk):
            odciski.append(v)
        elif isinstance(v, tuple | list):
            for x in v:
                zbierz(x)

    zbierz(wartosci)
    if odciski and connection.vendor == "postgresql":
        czesci = [_odcisk_sql(o) for o in odciski]
        # (JIT is off for our connections, doradztwo/settings.py: compiling this one statement took 3–4 s.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(sql for sql, _p in czesci), [p for _sql, ps in czesci for p in ps])
            policzone = list(cursor.fetchone())
    else:
        policzone = [_odcisk_w_pythonie(o) for o in odciski]
    kolejne = iter(policzone)

    def zamien(v):
        if isinstance(v, Odcisk):
            return next(kolejne)
        if isinstance(v, tuple | list):
            return type(v)(zamien(x) for x in v)
        return v

    return zamien(wartosci)


def odcisk_wspolny(edycja: Edycja) -> tuple:
    """What every export shows: the edition's name, its participations with their JSTs and stages,
    and the names and contacts of the people of the edition. Two queries."""
    udzialy = odcisk_zapytania(Udzial.objects.filter(edycja=edycja), "jst_id", "etap", "stan_zespolu", "wersja",
                               "jst__teryt", "jst__nazwa", "jst__rodzaj", "jst__wojewodztwo", "jst__powiat")
    # Team members, advisers and coordinators of the edition (EXISTS: no join fan-out, no DISTINCT).
    osoby = get_user_model().objects.filter(
        Exists(CzlonekZespolu.objects.filter(uzytkownik=OuterRef("pk"), udzial__edycja=edycja))
        | Exists(PrzydzialDoradcy.objects.filter(doradca__uzytkownik=OuterRef("pk"), udzial__edycja=edycja))
        | Exists(Edycja.koordynatorzy.through.objects.filter(uzytkownik=OuterRef("pk"), edycja=edycja)))
    return edycja.nazwa, udzialy, odcisk_zapytania(osoby, "username", "first_name", "last_name", "email", "telefon")


def _klucz(eksport: Eksport, edycja: Edycja, format_: str, wspolny: tuple, wlasny: object,
           dzis: datetime.date) -> str:
    return skrot(eksport.rodzaj, edycja.pk, format_, wspolny, wlasny, dzis.isoformat() if eksport.wedlug_dnia else "")


def _klucze(eksport: Eksport, edycja: Edycja, wspolny: tuple, wlasny: object) -> dict[str, str]:
    dzis = timezone.localdate()
    return {f: _klucz(eksport, edycja, f, wspolny, wlasny, dzis) for f in FORMATY}


def klucze(eksport: Eksport, edycja: Edycja) -> dict[str, str]:
    """The data keys of both formats, the fingerprint computed once (one query on PostgreSQL)."""
    wspolny, wlasny = policz_odciski(odcisk_wspolny(edycja), eksport.odcisk(edycja))
    return _klucze(eksport, edycja, wspolny, wlasny)


def _edycja(parametry: dict) -> Edycja | None:
    return Edycja.objects.filter(pk=parametry.get("edycja")).first()


def ma_dostep(user, parametry: dict) -> bool:
    """The edition's coordinators and administrators — never advisers or teams (the contacts export
    holds e-mails and phones; the others the whole edition's data)."""
    edycja = _edycja(parametry)
    if edycja is None or parametry.get("format") not in FORMATY:
        return False
    return role_in_edition(user, edycja) is not None


def _klucz_danych(eksport: Eksport, parametry: dict) -> str:
    edycja = _edycja(parametry)
    if edycja is None:
        return skrot(eksport.rodzaj, parametry)
    return klucze(eksport, edycja)[parametry.get("format")] if parametry.get("format") in FORMATY else ""


def _z_postepem(rows: Iterable, total: int, postep) -> Iterator:
    """Yield rows, reporting progress at most once per 10 % (a bounded number of writes)."""
    krok = 0
    for i, row in enumerate(rows, start=1):
        teraz = (10 * i) // max(total, 1)
        if teraz != krok:
            krok = teraz
            postep(5 + 9 * min(teraz, 10), "")
        yield row


def nazwa_pliku(eksport: Eksport, edycja: Edycja, format_: str) -> str:
    return f"{eksport.plik}-edycja-{edycja.pk}-{timezone.localdate():%Y-%m-%d}.{format_}"


def _wykonaj(eksport: Eksport, zadanie, postep) -> tuple[str, bytes | File]:
    edycja = _edycja(zadanie.parametry)
    format_ = zadanie.parametry["format"]
    total = eksport.liczba(edycja)
    postep(5, "")
    wiersze = _z_postepem(eksport.wiersze(edycja), total, postep)
    nazwa = nazwa_pliku(eksport, edycja, format_)
    # Headers and labels are Polish and stable whatever language the requester's pages use (the
    # file is shared with everyone whose data key matches, and tools read its headers).
    with translation.override(settings.LANGUAGE_CODE):
        if format_ == "xlsx":
            return nazwa, do_xlsx(eksport.kolumny, wiersze, arkusz=eksport.arkusz)
        # CSV goes chunk by chunk into a temporary file: memory stays flat whatever the size.
        plik = tempfile.TemporaryFile()
        for porcja in csv_porcje(eksport.kolumny, wiersze):
            plik.write(porcja)
        plik.seek(0)
        return nazwa, File(plik, name=nazwa)


def naglowki(eksport: Eksport) -> list[str]:
    """The file's header row (always in the project's language, as in the file)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(naglowek) for naglowek, _getter in eksport.kolumny]


def eksport_zarejestruj(eksport: Eksport) -> Eksport:
    EKSPORTY[eksport.slug] = eksport
    po_kolei = sorted(EKSPORTY.values(), key=lambda e: e.kolejnosc)
    EKSPORTY.clear()
    EKSPORTY.update((e.slug, e) for e in po_kolei)
    zarejestruj(RodzajZadania(nazwa=eksport.rodzaj, ma_dostep=ma_dostep, klucz_danych=partial(_klucz_danych, eksport),
                              wykonaj=partial(_wykonaj, eksport)))
    return eksport


@dataclass
class StanFormatu:
    format: str
    gotowe: Zadanie | None  # the stored file that still matches the data
    w_toku: Zadanie | None  # a job of this export and format still running (anyone's)


def stan_eksportow(edycja: Edycja) -> dict[str, dict[str, StanFormatu]]:
    """For the exports page: every export × format, whether a current file is stored and whether a
    job is running. Fingerprints are computed (all in one query) only for the exports that have a
    stored file of this edition to compare with. At most four queries whatever the data."""
    rodzaje = {e.rodzaj: slug for slug, e in EKSPORTY.items()}
    pliki = defaultdict(list)
    for job in (Zadanie.objects.filter(rodzaj__in=rodzaje, status=Zadanie.Status.GOTOWE, parametry__edycja=edycja.pk)
                .exclude(plik="").order_by("zakonczone", "pk")):
        pliki[rodzaje[job.rodzaj]].append(job)
    wszystkie: dict[str, dict[str, str]] = {}
    if pliki:
        # The fingerprints of the exports with a stored file and the common one: one query.
        slugi = [slug for slug in EKSPORTY if slug in pliki]
        wspolny, *wlasne = policz_odciski(odcisk_wspolny(edycja), *(EKSPORTY[slug].odcisk(edycja) for slug in slugi))
        wszystkie = {slug: _klucze(EKSPORTY[slug], edycja, wspolny, wlasny)
                     for slug, wlasny in zip(slugi, wlasne, strict=True)}
    gotowe = {}
    for slug, jobs in pliki.items():
        for job in jobs:
            if job.klucz_danych in wszystkie[slug].values():
                gotowe[(slug, job.klucz_danych)] = job  # the newest wins, as in zadania.aktualny_plik
    w_toku = {}
    for job in (Zadanie.objects.filter(rodzaj__in=rodzaje, parametry__edycja=edycja.pk,
                                       utworzone__gte=timezone.now() - ZAWIESZONE_PO,
                                       status__in=[Zadanie.Status.OCZEKUJE, Zadanie.Status.W_TOKU])
                .order_by("utworzone", "pk")):
        w_toku[(job.rodzaj, job.parametry.get("format"))] = job
    return {
        slug: {f: StanFormatu(f, gotowe.get((slug, wszystkie.get(slug, {}).get(f))),
                              w_toku.get((eksport.rodzaj, f)))
               for f in FORMATY}
        for slug, eksport in EKSPORTY.items()
    }
