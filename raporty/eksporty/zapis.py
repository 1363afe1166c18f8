"""Writers shared by every export (CONVENTIONS §7): CSV for Polish Excel (UTF-8 with BOM, `;`,
decimal comma, dates dd.mm.rrrr) written in chunks, and XLSX with native number and date cells
(openpyxl's write-only mode keeps rows on disk, not in memory)."""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

Kolumna = tuple[str, Callable]

PORCJA = 500  # rows fetched per round trip and written per CSV chunk

# A text cell starting with one of these is a formula to Excel: user text must never run as one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def raz(obj, klucz: str, oblicz):
    """A value computed once per object shared by many rows (a sheet by its ~70 answers, a JST by
    its 15 actions): translated labels and names cost more than the rest of a row."""
    try:
        return obj.__dict__[klucz]
    except KeyError:
        obj.__dict__[klucz] = wartosc = oblicz(obj)
        return wartosc


def _lokalny(value: datetime.datetime) -> datetime.datetime:
    """Wall-clock time in Europe/Warsaw without tzinfo (Excel has no time zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def komorka_csv(value, tak_nie: tuple[str, str] | None = None) -> str:
    """One CSV cell; `tak_nie`: the words for True/False already translated (a chunked export passes
    them once instead of translating twice per row)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        tak, nie = tak_nie or (_("tak"), _("nie"))
        return tak if value else nie
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


def csv_porcje(kolumny: list[Kolumna], wiersze: Iterable, *, co: int = PORCJA) -> Iterator[bytes]:
    """The CSV as encoded chunks of `co` rows (the BOM starts the first): memory stays flat
    whatever the number of rows; usable for a file or a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([str(naglowek) for naglowek, _getter in kolumny])
    tak_nie = (_("tak"), _("nie"))
    getters = [getter for _naglowek, getter in kolumny]
    for i, obj in enumerate(wiersze, start=1):
        writer.writerow([komorka_csv(getter(obj), tak_nie) for getter in getters])
        if i % co == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate(0)
    yield buffer.getvalue().encode("utf-8")


def do_csv(kolumny: list[Kolumna], wiersze: Iterable) -> bytes:
    return b"".join(csv_porcje(kolumny, wiersze))


def _format_liczby(value: Decimal) -> str | None:
    """Decimals keep their places on screen (12,50 zł, −1,0 h); integers stay General."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return None
    return "#,##0." + "0" * min(-exponent, 6)


def do_xlsx(kolumny: list[Kolumna], wiersze: Iterable, *, arkusz: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(arkusz)[:31])
    bold = Font(bold=True)
    naglowki = []
    for naglowek, _getter in kolumny:
        cell = WriteOnlyCell(sheet, value=str(naglowek))
        cell.font = bold
        naglowki.append(cell)
    sheet.append(naglowki)
    tak, nie = _("tak"), _("nie")
    getters = [getter for _naglowek, getter in kolumny]
    for obj in wiersze:
        row = []
        for getter in getters:
            value = getter(obj)
            if isinstance(value, bool):
                value = tak if value else nie
            if isinstance(value, datetime.datetime):
                cell = WriteOnlyCell(sheet, value=_lokalny(value))
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                number_format = _format_liczby(value)
                if number_format:
                    cell.number_format = number_format
            elif value is None or isinstance(value, (int, float)):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
