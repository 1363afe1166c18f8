"""Uploads (CONVENTIONS §7): the type is sniffed from the content, never taken from the name or the
browser; the name's extension must agree with it; photos are re-encoded so EXIF (GPS, device,
owner) never reaches the store; stored names are random. Files are served only by access-checked
views (e.g. jst/views_pliki.py) — MEDIA is never routed.

`plik_dodaj` / `plik_usun` are the services; `sprawdz_plik` is the check they run.
"""

import io
import re
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.audit import audit
from doradztwo.models import Plik

DOMYSLNY_LIMIT = 10 * 1024 * 1024
# filetype looks at most at this many leading bytes.
_NAGLOWEK = 8192
# A guard against zip bombs and XML tricks: we only ever read these two small entries.
_MAKS_WPISOW_ZIP = 10_000
_MAKS_OPISU_ZIP = 1024 * 1024
# Zip bombs: what a package may unpack to in all, and how densely one large entry may be packed. Real
# documents stay far below both (XML packs about 10:1, a repetitive spreadsheet under 100:1); a bomb of
# zeros packs about 1000:1. The archive's CRCs are checked too, so a header cannot lie about a size.
_MAKS_ROZPAKOWANY = 256 * 1024 * 1024
_MAKS_KOMPRESJI = 200
_DUZY_WPIS = 1024 * 1024


@dataclass(frozen=True)
class Typ:
    kod: str
    mime: str
    rozszerzenia: tuple[str, ...]  # the first one is used for the stored name
    nazwa: str  # lazy Polish name, for messages ("obraz PNG")
    etykieta: str  # short label for lists ("PNG")


def _typ(kod, mime, rozszerzenia, nazwa, etykieta=None) -> Typ:
    return Typ(kod, mime, tuple(rozszerzenia), nazwa, etykieta or kod.upper())


PDF = _typ("pdf", "application/pdf", ["pdf"], gettext_lazy("dokument PDF"))
DOCX = _typ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"],
            gettext_lazy("dokument Word (DOCX)"))
XLSX = _typ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"],
            gettext_lazy("arkusz Excel (XLSX)"))
ODT = _typ("odt", "application/vnd.oasis.opendocument.text", ["odt"], gettext_lazy("dokument OpenDocument (ODT)"))
ODS = _typ("ods", "application/vnd.oasis.opendocument.spreadsheet", ["ods"],
           gettext_lazy("arkusz OpenDocument (ODS)"))
TXT = _typ("txt", "text/plain", ["txt"], gettext_lazy("plik tekstowy (TXT)"))
CSV = _typ("csv", "text/csv", ["csv"], gettext_lazy("plik CSV"))
PNG = _typ("png", "image/png", ["png"], gettext_lazy("obraz PNG"))
JPEG = _typ("jpeg", "image/jpeg", ["jpg", "jpeg"], gettext_lazy("zdjęcie JPEG"))

DOZWOLONE = {
    Plik.Rodzaj.DOKUMENT: (PDF, DOCX, XLSX, ODT, ODS, TXT, CSV),
    Plik.Rodzaj.ZDJECIE: (PNG, JPEG),
}
_WSZYSTKIE = {t.mime: t for typy in DOZWOLONE.values() for t in typy}

# Names for what we refuse, so the message says what the file really is.
_ODRZUCANE = {
    "docm": gettext_lazy("dokument Word z makrami (DOCM)"),
    "xlsm": gettext_lazy("arkusz Excel z makrami (XLSM)"),
    "pptx": gettext_lazy("prezentacja PowerPoint (PPTX)"),
    "odp": gettext_lazy("prezentacja OpenDocument (ODP)"),
    "doc": gettext_lazy("dokument Word 97–2003 (DOC)"),
    "xls": gettext_lazy("arkusz Excel 97–2003 (XLS)"),
    "ppt": gettext_lazy("prezentacja PowerPoint 97–2003 (PPT)"),
    "rtf": gettext_lazy("dokument RTF"),
    "zip": gettext_lazy("archiwum ZIP"),
    "html": gettext_lazy("strona HTML"),
    "svg": gettext_lazy("grafika SVG"),
    "xml": gettext_lazy("plik XML"),
    "exe": gettext_lazy("program (EXE)"),
    "elf": gettext_lazy("program (ELF)"),
    "gif": gettext_lazy("obraz GIF"),
    "webp": gettext_lazy("obraz WEBP"),
    "heic": gettext_lazy("zdjęcie HEIC"),
    "bmp": gettext_lazy("obraz BMP"),
    "tif": gettext_lazy("obraz TIFF"),
}

_OOXML_GLOWNE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_OOXML_ODRZUCANE = {
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF = {ODT.mime: ODT, ODS.mime: ODS, "application/vnd.oasis.opendocument.presentation": "odp"}
_ZNACZNIKI = re.compile(rb"<\s*(!doctype|html|svg|script|iframe|body|\?xml)\b", re.IGNORECASE)


class Odmowa(ValidationError):
    """A refused file; raised with the field "plik" so forms show it next to the input."""

    def __init__(self, message: str):
        super().__init__({"plik": [message]})


def limit_rozmiaru() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DOMYSLNY_LIMIT))


def dozwolone_opis(rodzaj: str) -> str:
    """"PDF, DOCX, XLSX…" for help texts and messages."""
    return ", ".join(dict.fromkeys(t.etykieta for t in DOZWOLONE[rodzaj]))


def etykieta_typu(mime: str) -> str:
    typ = _WSZYSTKIE.get(mime)
    return typ.etykieta if typ else mime


# --- Sniffing -------------------------------------------------------------------------------


def _czytaj(plik, n: int | None = None) -> bytes:
    plik.seek(0)
    data = plik.read() if n is None else plik.read(n)
    plik.seek(0)
    return data


def _makra():
    return Odmowa(_("Dokumenty z makrami lub aktywnymi elementami są niedozwolone. Zapisz plik bez makr "
                    "(np. jako DOCX lub XLSX) i dodaj go ponownie."))


def _co_wolno() -> str:
    return _("Można dodać dokumenty (%(dokumenty)s) i zdjęcia (%(zdjecia)s).") % {
        "dokumenty": dozwolone_opis(Plik.Rodzaj.DOKUMENT), "zdjecia": dozwolone_opis(Plik.Rodzaj.ZDJECIE)}


def _niedozwolony(kod: str) -> Odmowa:
    return Odmowa(_("To jest %(typ)s — tego typu pliku nie można dodać.") % {"typ": _ODRZUCANE.get(kod, kod.upper())}
                  + " " + _co_wolno())


def _nie_bomba(archiwum: zipfile.ZipFile, wpisy: list[zipfile.ZipInfo]) -> None:
    """Refuse a package that would unpack to far more than it weighs (a zip bomb), before and while
    reading it: declared sizes first, then every entry's CRC (reading stops at the declared size)."""
    bomba = Odmowa(_("Plik po rozpakowaniu byłby nieproporcjonalnie duży (tzw. bomba ZIP) — takiego pliku nie "
                     "można dodać. Zapisz dokument ponownie w edytorze i dodaj go jeszcze raz."))
    if sum(w.file_size for w in wpisy) > _MAKS_ROZPAKOWANY:
        raise bomba
    for wpis in wpisy:
        if wpis.file_size > _DUZY_WPIS and wpis.file_size > _MAKS_KOMPRESJI * max(wpis.compress_size, 1):
            raise bomba
    if archiwum.testzip() is not None:
        raise zipfile.BadZipFile


def _rozpoznaj_zip(plik) -> Typ:
    """OOXML and ODF are zip packages: decide from the package's own type declarations, and refuse
    anything carrying macros (vbaProject.bin, macro-enabled content types, ODF Basic/Scripts)."""
    plik.seek(0)
    try:
        with zipfile.ZipFile(plik) as archiwum:
            wpisy = archiwum.infolist()
            if len(wpisy) > _MAKS_WPISOW_ZIP:
                raise Odmowa(_("Plik zawiera zbyt wiele elementów."))
            _nie_bomba(archiwum, wpisy)
            nazwy = {w.filename.lower(): w for w in wpisy}
            for nazwa, wpis in nazwy.items():
                if (nazwa.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in nazwa
                        or nazwa.startswith(("basic/", "scripts/"))
                        or ("/embeddings/" in nazwa and nazwa.endswith(".bin"))):  # OLE objects
                    raise _makra()
                # A relationship to an outside target (a remote template or object) fetches code on open.
                if nazwa.endswith(".rels") and wpis.file_size <= _MAKS_OPISU_ZIP:
                    relacje = archiwum.read(wpis).decode("utf-8", "replace").lower()
                    if re.search(r'targetmode\s*=\s*"external"', relacje) and re.search(
                            r'type\s*=\s*"[^"]*/(attachedtemplate|oleobject|frame|subdocument)"', relacje):
                        raise _makra()
            if "[content_types].xml" in nazwy:
                wpis = nazwy["[content_types].xml"]
                if wpis.file_size > _MAKS_OPISU_ZIP:
                    raise Odmowa(_("Plik jest uszkodzony."))
                # A regex over the attribute values: no XML parser (and its entity tricks) needed.
                opis = archiwum.read(wpis).decode("utf-8", "replace").lower()
                typy = set(re.findall(r'contenttype\s*=\s*"([^"]+)"', opis))
                if any("macroenabled" in t or "vbaproject" in t or "activex" in t for t in typy):
                    raise _makra()
                for mime, typ in _OOXML_GLOWNE.items():
                    if mime in typy:
                        return typ
                for mime, kod in _OOXML_ODRZUCANE.items():
                    if mime in typy:
                        raise _niedozwolony(kod)
                raise Odmowa(_("To dokument pakietu Office innego rodzaju niż DOCX lub XLSX — tego typu pliku "
                               "nie można dodać."))
            if "mimetype" in nazwy and nazwy["mimetype"].file_size < 200:
                mime = archiwum.read(nazwy["mimetype"]).decode("ascii", "replace").strip()
                typ = _ODF.get(mime)
                if isinstance(typ, Typ):
                    return typ
                if typ:
                    raise _niedozwolony(typ)
    # RuntimeError: an encrypted entry; zlib.error: a damaged stream (both reached by testzip or read).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, KeyError, RuntimeError,
            ValueError, zlib.error):
        raise Odmowa(_("Plik jest uszkodzony albo nie jest dokumentem, który można dodać.")) from None
    raise _niedozwolony("zip")


def _tekst(naglowek: bytes) -> bool:
    """Plain text (UTF-8, or Windows-1250 as Polish Excel saves CSV): no control bytes."""
    if b"\x00" in naglowek:
        return False
    try:
        naglowek.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(naglowek) - 4:  # not just a character cut at the end of the sample
            try:
                naglowek.decode("cp1250")
            except UnicodeDecodeError:
                return False
    return not re.search(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]", naglowek)


def _rozpoznaj_tekst(plik, rozszerzenie: str) -> Typ:
    probka = _czytaj(plik, 65536)
    poczatek = probka.lstrip(b"\xef\xbb\xbf \t\r\n")
    znacznik = _ZNACZNIKI.search(probka)
    if poczatek.startswith(b"<") or znacznik:
        tresc = probka.lower()
        kod = "svg" if b"<svg" in tresc else "html" if (b"<html" in tresc or b"<!doctype" in tresc
                                                          or b"<script" in tresc or b"<body" in tresc) else "xml"
        raise _niedozwolony(kod)
    return CSV if rozszerzenie == "csv" else TXT


def rozpoznaj(plik, rozszerzenie: str = "") -> Typ:
    """What the file really is, from its bytes. Refusals raise `Odmowa` naming what was found."""
    naglowek = _czytaj(plik, _NAGLOWEK)
    if naglowek.startswith(b"PK\x03\x04"):
        return _rozpoznaj_zip(plik)
    rodzaj = filetype.guess(naglowek)
    if rodzaj is not None:
        kod = {"jpg": "jpeg", "apng": "png", "jpx": "jpeg2000"}.get(rodzaj.extension, rodzaj.extension)
        typ = {"pdf": PDF, "png": PNG, "jpeg": JPEG}.get(kod)
        if typ is not None:
            return typ
        if kod in ("zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"):
            return _rozpoznaj_zip(plik)
        # Some signatures are only two letters ("BM" for BMP): a CSV may start with them.
        if kod in ("rtf", "ps") or not _tekst(naglowek):
            raise _niedozwolony(kod)
    if _tekst(naglowek):
        return _rozpoznaj_tekst(plik, rozszerzenie)
    raise Odmowa(_("Nie rozpoznano typu pliku.") + " " + _co_wolno())


# --- The check the services run ------------------------------------------------------------


def bezpieczna_nazwa(nazwa: str) -> str:
    """The user's file name without path parts, control or direction-override characters and
    characters Windows refuses; at most 200 characters, keeping the extension."""
    nazwa = unicodedata.normalize("NFC", str(nazwa or ""))
    nazwa = nazwa.replace("\\", "/").rsplit("/", 1)[-1]
    nazwa = "".join(ch for ch in nazwa if unicodedata.category(ch)[0] != "C")  # Cc, Cf (U+202E) …
    nazwa = re.sub(r'[<>:"|?*]', "_", nazwa)
    nazwa = " ".join(nazwa.split()).strip(" .")
    if len(nazwa) > 200:
        rdzen, kropka, rozszerzenie = nazwa.rpartition(".")
        if kropka and 0 < len(rozszerzenie) <= 10:
            nazwa = f"{rdzen[:199 - len(rozszerzenie)]}.{rozszerzenie}"
        else:
            nazwa = nazwa[:200]
    return nazwa


def _rozszerzenie(nazwa: str) -> str:
    return PurePosixPath(nazwa).suffix.lower().lstrip(".")


@dataclass(frozen=True)
class Sprawdzony:
    typ: Typ
    nazwa: str
    tresc: object  # the upload itself, or a ContentFile with a re-encoded photo
    rozmiar: int


def sprawdz_plik(plik, rodzaj: str) -> Sprawdzony:
    """Size, sniffed type, allowed for this use, extension agrees; photos come back re-encoded."""
    if rodzaj not in DOZWOLONE:
        raise ValidationError({"rodzaj": [_("Wybierz rodzaj pliku.")]})
    rozmiar = getattr(plik, "size", None)
    if rozmiar is None:
        rozmiar = len(_czytaj(plik))
    limit = limit_rozmiaru()
    if rozmiar > limit:
        raise Odmowa(_("Plik jest za duży (%(rozmiar)s). Największy dozwolony rozmiar to %(limit)s.") % {
            "rozmiar": filesizeformat(rozmiar), "limit": filesizeformat(limit)})
    if rozmiar == 0:
        raise Odmowa(_("Plik jest pusty."))
    nazwa = bezpieczna_nazwa(getattr(plik, "name", ""))
    rozszerzenie = _rozszerzenie(nazwa)
    typ = rozpoznaj(plik, rozszerzenie)
    dozwolony = typ in DOZWOLONE[rodzaj]
    zgodne = typ.rozszerzenia + (("txt", "csv") if typ in (TXT, CSV) else ())
    problemy = []
    if rozszerzenie not in zgodne:
        if rozszerzenie:
            problemy.append(_("Nazwa pliku kończy się na .%(rozszerzenie)s, ale to jest %(typ)s.") % {
                "rozszerzenie": rozszerzenie, "typ": typ.nazwa})
        else:
            problemy.append(_("Nazwa pliku nie ma rozszerzenia, a to jest %(typ)s.") % {"typ": typ.nazwa})
        if dozwolony and rozszerzenie:
            problemy.append(_("Sprawdź, czy wybrano właściwy plik, albo popraw rozszerzenie na .%(wlasciwe)s.") % {
                "wlasciwe": typ.rozszerzenia[0]})
        elif dozwolony:
            problemy.append(_("Dodaj do nazwy rozszerzenie .%(wlasciwe)s.") % {"wlasciwe": typ.rozszerzenia[0]})
    elif not dozwolony:
        problemy.append(_("To jest %(typ)s.") % {"typ": typ.nazwa})
    if not dozwolony:
        if rodzaj == Plik.Rodzaj.ZDJECIE:
            problemy.append(_("Jako zdjęcie można dodać: %(dozwolone)s.") % {"dozwolone": dozwolone_opis(rodzaj)})
        else:
            problemy.append(_("Jako dokument można dodać: %(dozwolone)s; zdjęcia dodaj jako rodzaj „zdjęcie”.") % {
                "dozwolone": dozwolone_opis(rodzaj)})
    if problemy:
        raise Odmowa(" ".join(problemy))
    if typ in (PNG, JPEG):
        dane = oczysc_zdjecie(plik, typ)
        return Sprawdzony(typ, nazwa, ContentFile(dane), len(dane))
    return Sprawdzony(typ, nazwa, plik, rozmiar)


MAKS_PIKSELI = 40_000_000


def oczysc_zdjecie(plik, typ: Typ) -> bytes:
    """Re-encode the pixels only: EXIF (GPS, camera, owner), XMP, IPTC and text chunks are dropped.
    The colour profile stays (it is not personal data; phones shoot in Display P3)."""
    from PIL import Image, ImageOps

    plik.seek(0)
    try:
        with Image.open(plik) as zrodlo:
            if zrodlo.size[0] * zrodlo.size[1] > MAKS_PIKSELI:  # checked before decoding: no memory bomb
                raise Odmowa(_("Zdjęcie ma zbyt dużą rozdzielczość (najwyżej 40 megapikseli)."))
            if zrodlo.format != ("PNG" if typ is PNG else "JPEG"):
                raise Odmowa(_("Nie udało się odczytać obrazu — plik jest uszkodzony albo nie jest zdjęciem "
                               "PNG ani JPEG."))
            zrodlo.load()
            icc = zrodlo.info.get("icc_profile")
            # Turn the pixels as the camera meant, since the Orientation tag goes away with EXIF.
            obraz = ImageOps.exif_transpose(zrodlo) if typ is JPEG else zrodlo.copy()
    except Odmowa:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise Odmowa(_("Nie udało się odczytać obrazu — plik jest uszkodzony albo nie jest zdjęciem PNG ani "
                       "JPEG.")) from None
    wynik = io.BytesIO()
    opcje = {"icc_profile": icc} if icc else {}
    if typ is JPEG:
        if obraz.mode not in ("RGB", "L", "CMYK"):
            obraz = obraz.convert("RGB")
        obraz.info = {}
        obraz.save(wynik, "JPEG", quality=90, exif=b"", **opcje)
    else:
        if obraz.mode == "P" or "transparency" in obraz.info:
            obraz = obraz.convert("RGBA")
        elif obraz.mode not in ("1", "L", "LA", "I", "I;16", "RGB", "RGBA"):
            obraz = obraz.convert("RGBA")
        obraz.info = {}
        obraz.save(wynik, "PNG", **opcje)
    return wynik.getvalue()


# --- Services -------------------------------------------------------------------------------


@transaction.atomic
def plik_dodaj(*, udzial=None, doradca=None, plik, rodzaj: str, opis: str = "", actor) -> Plik:
    """Store an upload for a participation or an adviser. Refusals: ValidationError on "plik"."""
    if (udzial is None) == (doradca is None):
        raise ValueError("A file belongs to exactly one of: udzial, doradca.")
    opis = (opis or "").strip()
    if len(opis) > 300:
        raise ValidationError({"opis": [_("Opis może mieć najwyżej 300 znaków.")]})
    sprawdzony = sprawdz_plik(plik, rodzaj)
    nowy = Plik(udzial=udzial, doradca=doradca, rodzaj=rodzaj, nazwa=sprawdzony.nazwa or f"plik.{sprawdzony.typ.kod}",
                typ=sprawdzony.typ.mime, rozmiar=sprawdzony.rozmiar, opis=opis, dodal=actor)
    tresc = sprawdzony.tresc
    tresc.seek(0)
    # A random stored name: nothing the user typed reaches the file system.
    nowy.plik.save(f"{uuid.uuid4().hex}.{sprawdzony.typ.rozszerzenia[0]}", tresc, save=False)
    try:
        nowy.save()
        audit(actor, "plik.dodany", nowy, {"udzial": udzial.pk if udzial else None,
                                           "doradca": doradca.pk if doradca else None,
                                           "nazwa": nowy.nazwa, "typ": nowy.typ, "rozmiar": nowy.rozmiar})
    except Exception:
        nowy.plik.storage.delete(nowy.plik.name)
        raise
    return nowy


@transaction.atomic
def plik_usun(*, plik: Plik, actor) -> None:
    """Delete the row now and the stored file once the deletion is committed."""
    storage, nazwa = plik.plik.storage, plik.plik.name
    audit(actor, "plik.usuniety", plik, {"udzial": plik.udzial_id, "doradca": plik.doradca_id,
                                         "nazwa": plik.nazwa, "typ": plik.typ})
    plik.delete()
    if nazwa:
        transaction.on_commit(lambda: storage.delete(nazwa))
