"""Hostile uploads (issue 11) through the two upload pages users reach: the files of a participation
(jst:pliki) and the photos of a final report (raporty:raport_zdjecia). A file of the wrong type by
content, one too large, a zip bomb, an SVG with a script and a PNG renamed .pdf are refused with a
Polish message next to the field, and nothing is stored — no row and no file under MEDIA_ROOT.

The builders here are shared with the hostile-input test of every form (test_wrogie_dane.py)."""

import functools
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from doradztwo.models import Plik
from doradztwo.pliki import limit_rozmiaru
from doradztwo.tests.matrix import collect_rows, first_admitted

pytestmark = pytest.mark.django_db

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


# --- Files, honest and hostile -----------------------------------------------------------------


def pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 4), (30, 120, 200)).save(out, "PNG")
    return out.getvalue()


def ooxml(main: str, part: str, tresc: bytes | str = "<document/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main}"/></Types>'))
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(part, tresc)
    return out.getvalue()


def docx() -> bytes:
    return ooxml(DOCX_MAIN, "word/document.xml")


@functools.cache
def bomba_zip() -> bytes:
    """A DOCX whose document.xml unpacks from ~100 kB to 100 MB of zeros (about 1000:1)."""
    return ooxml(DOCX_MAIN, "word/document.xml", bytes(100 * 1024 * 1024))


@functools.cache
def duzy_arkusz() -> bytes:
    """An honest XLSX with a 3 MB repetitive sheet: what a real big spreadsheet packs like."""
    wiersze = "".join(f'<row r="{n}"><c r="A{n}"><v>{n * 7}</v></c><c r="B{n}" t="s"><v>{n % 50}</v></c></row>'
                      for n in range(1, 40_000))
    return ooxml(XLSX_MAIN, "xl/workbook.xml", f"<worksheet><sheetData>{wiersze}</sheetData></worksheet>")


def uszkodzony_docx() -> bytes:
    """A DOCX whose deflated document does not match its CRC (a header that lies)."""
    tekst = "<document>" + "Zażółć gęślą jaźń. " * 500 + "</document>"
    dane = bytearray(ooxml(DOCX_MAIN, "word/document.xml", tekst))
    start = dane.find(b"word/document.xml") + len("word/document.xml") + 20
    dane[start] ^= 0xFF
    return bytes(dane)


def zaszyfrowany_docx() -> bytes:
    """A DOCX whose document entry claims to be encrypted (reading it needs a password): the flag bit
    set in its local and central headers (zipfile itself cannot write encrypted entries)."""
    dane = bytearray(ooxml(DOCX_MAIN, "word/document.xml"))
    for sygnatura, flaga, dlugosc, nazwa in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = dane.find(sygnatura)
        while start != -1:
            n = int.from_bytes(dane[start + dlugosc:start + dlugosc + 2], "little")
            if dane[start + nazwa:start + nazwa + n] == b"word/document.xml":
                dane[start + flaga] |= 0x1
            start = dane.find(sygnatura, start + 4)
    return bytes(dane)


SVG_ZE_SKRYPTEM = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                   b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>")
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 512
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 512


def plik(nazwa: str, dane: bytes, typ: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's content type is deliberately wrong: it must never matter.
    return SimpleUploadedFile(nazwa, dane, content_type=typ)


def wrogie_pliki() -> list[tuple[str, bytes]]:
    """(name, bytes) of files every upload must refuse, for the form-by-form hostile test."""
    return [
        ("logo.svg", SVG_ZE_SKRYPTEM), ("logo.png", SVG_ZE_SKRYPTEM), ("strona.pdf", HTML), ("notatka.txt", HTML),
        ("faktura.pdf", EXE), ("program.png", ELF), ("zdjecie.pdf", png()), ("bomba.docx", bomba_zip()),
        ("uszkodzony.docx", uszkodzony_docx()), ("tajny.docx", zaszyfrowany_docx()), ("pusty.pdf", b""),
        ("..\\..\\..\\etc\\passwd", b"root:x:0:0:root:/root:/bin/bash\n\x00\x01"),
    ]


def zapisane_pliki(media_root) -> set[str]:
    found = set()
    for katalog, _dirs, nazwy in os.walk(media_root):
        found.update(os.path.join(katalog, n) for n in nazwy)
    return found


# --- The two upload pages, as the matrix builds them -------------------------------------------

_ROWS = {row.name: row for row in collect_rows() if row.method == "POST"}


def _strona(name, world, personas, client):
    """Sign in as the matrix's first persona let through and build the URL (and its objects)."""
    row = _ROWS[name]
    client.force_login(personas[first_admitted(row)])
    return reverse(name, kwargs=row.args(world))


def _dane_pliku_jst(upload):
    return {"plik": upload, "rodzaj": Plik.Rodzaj.DOKUMENT, "opis": "Dokument"}


def _dane_zdjecia(upload):
    return {"plik": upload, "podpis": "Warsztat", "zgoda": "on"}


STRONY = {"pliki udziału": ("jst:pliki", _dane_pliku_jst),
          "zdjęcia raportu": ("raporty:raport_zdjecia", _dane_zdjecia)}


def _wyslij(strona, world, personas, client, settings, upload):
    """POST the upload; returns the response and what was stored before it (rows, files)."""
    name, dane = STRONY[strona]
    url = _strona(name, world, personas, client)
    before = Plik.objects.count(), zapisane_pliki(settings.MEDIA_ROOT)
    return client.post(url, dane(upload)), before


ODMOWY = [
    # (what, name, bytes, a fragment of the Polish message)
    ("typ z treści: program EXE jako PDF", "faktura.pdf", EXE, "program (EXE)"),
    ("typ z treści: strona HTML jako TXT", "notatka.txt", HTML, "strona HTML"),
    ("PNG przemianowany na .pdf", "zdjecie.pdf", png(), "Nazwa pliku kończy się na .pdf, ale to jest obraz PNG"),
    ("SVG ze skryptem", "logo.svg", SVG_ZE_SKRYPTEM, "grafika SVG"),
    ("SVG ze skryptem jako PNG", "logo.png", SVG_ZE_SKRYPTEM, "grafika SVG"),
    ("bomba ZIP", "plan.docx", None, "bomba ZIP"),
    ("uszkodzony DOCX", "plan.docx", uszkodzony_docx(), "uszkodzony"),
    ("zaszyfrowany DOCX", "plan.docx", zaszyfrowany_docx(), "uszkodzony"),
    ("pusty plik", "pusty.pdf", b"", "pusty"),
]


def _refused(response, fragment, before, settings):
    body = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    bledy = " ".join(response.context["form"].errors.get("plik", []))
    assert fragment in bledy, bledy
    assert fragment.replace('"', "&quot;") in body or fragment in body
    assert (Plik.objects.count(), zapisane_pliki(settings.MEDIA_ROOT)) == before


@pytest.mark.parametrize("strona", STRONY)
@pytest.mark.parametrize("co, nazwa, dane, fragment", ODMOWY, ids=[o[0] for o in ODMOWY])
def test_a_hostile_upload_is_refused_with_a_polish_message_and_nothing_is_stored(
        strona, co, nazwa, dane, fragment, world, personas, client, settings):
    dane = bomba_zip() if dane is None else dane
    response, before = _wyslij(strona, world, personas, client, settings, plik(nazwa, dane))
    _refused(response, fragment, before, settings)


@pytest.mark.parametrize("strona", STRONY)
def test_an_oversize_upload_is_refused_with_the_limit_in_the_message_and_nothing_is_stored(
        strona, world, personas, client, settings):
    dane, nazwa = (png(), "duzy.png") if strona == "zdjęcia raportu" else (pdf(), "duzy.pdf")
    za_duzy = dane + b"\x00" * (limit_rozmiaru() + 1 - len(dane))
    response, before = _wyslij(strona, world, personas, client, settings, plik(nazwa, za_duzy))
    _refused(response, "Plik jest za duży", before, settings)
    assert "10,0" in response.content.decode() or "10.0" in response.content.decode()  # the limit: 10 MB


def test_a_photo_that_is_a_pdf_is_refused_on_the_report_page_with_what_a_photo_may_be(world, personas, client,
                                                                                       settings):
    response, before = _wyslij("zdjęcia raportu", world, personas, client, settings, plik("zdjecie.pdf", pdf()))
    _refused(response, "Jako zdjęcie można dodać: PNG, JPEG", before, settings)


def test_honest_documents_still_pass_the_zip_bomb_check(world, personas, client, settings):
    """The zip-bomb guard refuses density, not size: a real DOCX and a big repetitive XLSX go through."""
    for nazwa, dane in (("plan.docx", docx()), ("dane.xlsx", duzy_arkusz())):
        response, (before, _files) = _wyslij("pliki udziału", world, personas, client, settings, plik(nazwa, dane))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert Plik.objects.count() == before + 1


def test_the_sizes_of_the_test_files_are_what_the_names_say():
    bomba = bomba_zip()
    with zipfile.ZipFile(io.BytesIO(bomba)) as z:
        rozpakowany = sum(w.file_size for w in z.infolist())
    assert len(bomba) < 200 * 1024 and rozpakowany >= 100 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(duzy_arkusz())) as z:
        wpis = z.getinfo("xl/workbook.xml")
    assert wpis.file_size > 2 * 1024 * 1024 and wpis.file_size / wpis.compress_size < 200
