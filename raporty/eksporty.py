"""Exports (CONVENTIONS §7): column lists defined once as (header, getter) and documented in
docs/exports.md; CSV for Polish Excel (UTF-8 with BOM, `;`, decimal comma) and XLSX with native
number/date cells. Produced by background jobs (`doradztwo.zadania`).

Kind "odpowiedzi_arkuszy" ({"edycja": id, "format": "csv"|"xlsx"}): one row per answer of every
sheet of an edition, for the edition's coordinators. Comments are never exported."""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu
from doradztwo.access import role_in_edition
from doradztwo.models import Edycja
from doradztwo.przeglad import StanPrzegladu
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj

ODPOWIEDZI_ARKUSZY = "odpowiedzi_arkuszy"
FORMATY = ("csv", "xlsx")
PORCJA = 500  # rows fetched per round trip while iterating

Kolumna = tuple[str, Callable]

# --- Writers (shared by every export) ----------------------------------------------------------

# A text cell starting with one of these is a formula to Excel: user text must never run as one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _lokalny(value: datetime.datetime) -> datetime.datetime:
    """Wall-clock time in Europe/Warsaw without tzinfo (Excel has no time zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def komorka_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _lokalny(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def do_csv(kolumny: list[Kolumna], wiersze: Iterable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([str(naglowek) for naglowek, _getter in kolumny])
    for obj in wiersze:
        writer.writerow([komorka_csv(getter(obj)) for _naglowek, getter in kolumny])
    return buffer.getvalue().encode("utf-8-sig")


def do_xlsx(kolumny: list[Kolumna], wiersze: Iterable, *, arkusz: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(arkusz[:31])
    bold = Font(bold=True)
    naglowki = []
    for naglowek, _getter in kolumny:
        cell = WriteOnlyCell(sheet, value=str(naglowek))
        cell.font = bold
        naglowki.append(cell)
    sheet.append(naglowki)
    for obj in wiersze:
        row = []
        for _naglowek, getter in kolumny:
            value = getter(obj)
            if isinstance(value, bool):
                value = _("tak") if value else _("nie")
            if isinstance(value, datetime.datetime):
                cell = WriteOnlyCell(sheet, value=_lokalny(value))
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD.MM.YYYY"
            elif value is None or isinstance(value, (int, float, Decimal)):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Answers of an edition's sheets --------------------------------------------------------------

T = PytanieSzablonu.Typ
_STANY = dict(StanPrzegladu.choices)


def wartosc_odpowiedzi(odpowiedz: Odpowiedz):
    """The answer as a typed value: a number for scale and number questions, a date for dates,
    option labels for choices, text otherwise (None when unanswered or "nie wiem")."""
    pytanie, value = odpowiedz.pytanie, odpowiedz.wartosc
    if odpowiedz.nie_wiem or value in (None, "", []):
        return None
    if pytanie.typ == T.SKALA:
        return int(value) if str(value).lstrip("-").isdigit() else str(value)
    if pytanie.typ == T.LICZBA:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if pytanie.typ == T.DATA:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if pytanie.typ in (T.JEDNOKROTNY, T.WIELOKROTNY):
        labels = {str(v): label for v, label in pytanie.opcje}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def _arkusz_osoby(odpowiedz: Odpowiedz) -> str:
    czlonek = odpowiedz.arkusz.czlonek
    return str(czlonek.uzytkownik) if czlonek is not None else _("wspólny")


# The one definition of the columns; docs/exports.md documents them (a test compares the two).
KOLUMNY_ODPOWIEDZI: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda o: o.arkusz.udzial.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda o: o.arkusz.udzial.jst.teryt),
    (gettext_lazy("JST"), lambda o: str(o.arkusz.udzial.jst.nazwa_pelna)),
    (gettext_lazy("Arkusz"), _arkusz_osoby),
    (gettext_lazy("Nr sekcji"), lambda o: o.pytanie.sekcja.kolejnosc),
    (gettext_lazy("Obszar"), lambda o: o.pytanie.sekcja.obszar.kod if o.pytanie.sekcja.obszar_id else ""),
    (gettext_lazy("Kod pytania"), lambda o: o.pytanie.kod),
    (gettext_lazy("Treść pytania"), lambda o: o.pytanie.tresc),
    (gettext_lazy("Wartość"), wartosc_odpowiedzi),
    (gettext_lazy("Nie wiem"), lambda o: o.nie_wiem),
    (gettext_lazy("Autor odpowiedzi"), lambda o: str(o.autor)),
    (gettext_lazy("Data zmiany"), lambda o: o.zmieniona),
    (gettext_lazy("Stan arkusza"), lambda o: str(_STANY.get(o.arkusz.stan, o.arkusz.stan))),
]


def odpowiedzi_edycji(edycja_id: int):
    """Every answer of the edition's sheets, with everything the columns read, in one query."""
    return (Odpowiedz.objects.filter(arkusz__udzial__edycja_id=edycja_id)
            .select_related("arkusz__udzial__edycja", "arkusz__udzial__jst", "arkusz__czlonek__uzytkownik",
                            "pytanie__sekcja__obszar", "autor")
            .order_by("arkusz__udzial__jst__teryt", "arkusz__czlonek_id", "arkusz_id",
                      "pytanie__sekcja__kolejnosc", "pytanie__kolejnosc", "pytanie_id"))


def _edycja(parametry: dict) -> Edycja | None:
    return Edycja.objects.filter(pk=parametry.get("edycja")).first()


def _ma_dostep(user, parametry: dict) -> bool:
    """The edition's coordinators (and administrators)."""
    edycja = _edycja(parametry)
    if edycja is None or parametry.get("format") not in FORMATY:
        return False
    return role_in_edition(user, edycja) is not None


def _klucz(parametry: dict) -> str:
    edycja_id = parametry.get("edycja")
    odpowiedzi = Odpowiedz.objects.filter(arkusz__udzial__edycja_id=edycja_id).aggregate(
        n=Count("pk"), wersje=Sum("wersja"), ostatnia=Max("zmieniona"))
    # Sheet states change without touching answers: they are part of the key.
    arkusze = list(Arkusz.objects.filter(udzial__edycja_id=edycja_id).order_by("pk")
                   .values_list("pk", "stan", "wersja"))
    return skrot(ODPOWIEDZI_ARKUSZY, edycja_id, parametry.get("format"), odpowiedzi, arkusze)


def _z_postepem(rows: Iterable, total: int, postep) -> Iterable:
    """Yield rows, reporting progress at most once per 10 % (a bounded number of writes)."""
    krok = 0
    for i, row in enumerate(rows, start=1):
        teraz = (10 * i) // max(total, 1)
        if teraz != krok:
            krok = teraz
            postep(5 + 9 * teraz, "")
        yield row


def _wykonaj(zadanie, postep) -> tuple[str, bytes]:
    edycja = _edycja(zadanie.parametry)
    format_ = zadanie.parametry["format"]
    total = Odpowiedz.objects.filter(arkusz__udzial__edycja=edycja).count()
    postep(5, "")
    wiersze = _z_postepem(odpowiedzi_edycji(edycja.pk).iterator(chunk_size=PORCJA), total, postep)
    nazwa = f"odpowiedzi-arkuszy-edycja-{edycja.pk}-{timezone.localdate():%Y-%m-%d}.{format_}"
    if format_ == "xlsx":
        return nazwa, do_xlsx(KOLUMNY_ODPOWIEDZI, wiersze, arkusz=_("Odpowiedzi"))
    return nazwa, do_csv(KOLUMNY_ODPOWIEDZI, wiersze)


zarejestruj(RodzajZadania(nazwa=ODPOWIEDZI_ARKUSZY, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
