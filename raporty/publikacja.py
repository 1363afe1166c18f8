"""Publication of accepted final reports in the public good-practice library (CONVENTIONS §3, §7).

The coordinator publishes a *redacted copy* (`Publikacja`): the texts they confirmed, frozen at that
moment, with photos re-encoded without EXIF and a PDF rendered once by a background job. The
public pages read only that copy, never the working report.

Personal data: the coordinator confirms there is none beyond consenting persons; the service also
refuses any e-mail address or phone-number-like string other than the consenting contact's
(`znajdz_dane_kontaktowe`).

Search: `metryka["szukaj"]` keeps a lower-cased copy of the title, lead, sections and JST name.
`tresc` is a JSONField, which Django stores with `ensure_ascii` on SQLite ("ż" becomes "\\u017c"),
so a cast to text cannot be searched for Polish words, and SQLite's LIKE folds only ASCII case; a
key lookup (`metryka__szukaj__icontains`) reads the decoded string on both SQLite and PostgreSQL,
and lower-casing in Python makes "Żłobek" and "żłobek" the same everywhere.
"""

import datetime
import io
import re
import tempfile
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo import pliki
from doradztwo.audit import audit
from doradztwo.markdown import markdown_html
from doradztwo.przeglad import StanPrzegladu
from doradztwo.zadania import skrot, zadanie_zlec
from hdr.models import FormaRaportu
from jst.models import JST
from raporty.formy import sekcje as sekcje_formy
from raporty.models import Publikacja, RaportKoncowy, ZdjeciePublikacji, ZdjecieRaportu
from raporty.zadania_publikacji import PUBLIKACJA_PDF  # also registers the job kind

WYWIAD = "wywiad"
TYTUL_WYWIADU = gettext_lazy("Wywiad")
MAKS_TEKSTU = 20_000
# Photos in the PDF are scaled to fit the page width (A4 minus margins ≈ 670 px at 96 dpi).
PDF_ZDJECIE_PX = 640


# --- Personal data: e-mail addresses and phone numbers -------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# "jan.kowalski [at] gmina.pl", "jan(małpa)gmina(kropka)pl"
EMAIL_UKRYTY_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s*[\[(]\s*(?:at|małpa|malpa)\s*[\])]\s*[\w-]+"
    r"(?:\s*(?:\.|[\[(]\s*(?:dot|kropka)\s*[\])])\s*[\w-]+)+", re.IGNORECASE)
_SEP = r"[ \u00a0.\-]?"
_KRAJOWY = (rf"(?:\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}"  # 601 234 567, 601-234-567, 601234567
            rf"|\(?0?\d{{2}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}"  # (22) 123 45 67
            rf"|\(?0?\d{{2}}\)?{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}"  # 22 12 345 67
            rf"|\(?0?\d{{2}}\)?{_SEP}\d{{7}})")  # 22 1234567
_ZAGRANICZNY = r"(?:\+|00)\s?(?!48)[1-9]\d{0,2}(?:[ \u00a0.\-]?\(?\d{1,4}\)?){2,5}"
TELEFON_RE = re.compile(
    rf"(?<![\w.,+(])(?:(?:(?:\+|00)\s?48[ \u00a0\-]?)?{_KRAJOWY}|{_ZAGRANICZNY})(?!\w|[.,]\d)")
# A number followed by a unit is an amount or a count, not a phone; registry numbers of the JST
# (REGON, NIP, KRS, TERYT) are public.
_JEDNOSTKA_PO = re.compile(r"\s*(zł|zl\b|pln|złotych|tys|mln|mld|eur|euro|osób|osob|%|mieszka|uczni|km\b|m2|m²)",
                           re.IGNORECASE)
_REJESTR_PRZED = re.compile(r"(regon|nip|krs|teryt)\W*$", re.IGNORECASE)


def _numer(tekst: str) -> str:
    """A phone number reduced to its national digits, for comparison."""
    cyfry = re.sub(r"\D", "", tekst or "")
    if cyfry.startswith("0048"):
        return cyfry[4:]
    if cyfry.startswith("48") and len(cyfry) == 11:
        return cyfry[2:]
    if cyfry.startswith("0") and len(cyfry) == 10:
        return cyfry[1:]
    return cyfry


def znajdz_dane_kontaktowe(tekst: str) -> list[tuple[str, str]]:
    """E-mail addresses ("email", …) and phone-number-like strings ("telefon", …) in a text."""
    tekst = tekst or ""
    znalezione = [("email", m.group()) for m in EMAIL_RE.finditer(tekst)]
    znalezione += [("email", m.group()) for m in EMAIL_UKRYTY_RE.finditer(tekst)]
    for m in TELEFON_RE.finditer(tekst):
        if _JEDNOSTKA_PO.match(tekst, m.end()) or _REJESTR_PRZED.search(tekst[max(0, m.start() - 16):m.start()]):
            continue
        wartosc = m.group().strip()
        if wartosc.startswith(("+", "00")) and not wartosc.lstrip("+").startswith(("48", "0048")):
            if len(re.sub(r"\D", "", wartosc)) < 8:
                continue
        znalezione.append(("telefon", wartosc))
    return znalezione


def _kontaktu(raport: RaportKoncowy, rodzaj: str, wartosc: str) -> bool:
    if rodzaj == "email":
        return bool(raport.kontakt_email) and wartosc.strip().lower() == raport.kontakt_email.strip().lower()
    return bool(raport.kontakt_telefon) and _numer(wartosc) == _numer(raport.kontakt_telefon)


def bledy_danych_osobowych(teksty: dict[str, str], raport: RaportKoncowy, *, pokaz_kontakt: bool) -> dict:
    """{field: [messages]} for every e-mail or phone in `teksty` that is not the consenting contact's.
    The contact's own data is allowed only when they consented and the contact is published."""
    bledy: dict[str, list[str]] = {}
    for pole, tekst in teksty.items():
        for rodzaj, wartosc in znajdz_dane_kontaktowe(tekst):
            if _kontaktu(raport, rodzaj, wartosc):
                if raport.kontakt_zgoda and pokaz_kontakt:
                    continue
                komunikat = _("„%(wartosc)s” to dane osoby do kontaktu. Zaznacz „Pokaż osobę do kontaktu” "
                              "(jeśli wyraziła zgodę) albo usuń je z tekstu.") % {"wartosc": wartosc}
            elif rodzaj == "email":
                komunikat = _("Tekst zawiera adres e-mail „%(wartosc)s”. Usuń go: publikować można tylko "
                              "dane osoby do kontaktu, która wyraziła zgodę.") % {"wartosc": wartosc}
            else:
                komunikat = _("Tekst zawiera ciąg podobny do numeru telefonu „%(wartosc)s”. Usuń go albo "
                              "zapisz inaczej: publikować można tylko dane osoby do kontaktu, która wyraziła "
                              "zgodę.") % {"wartosc": wartosc}
            bledy.setdefault(pole, []).append(komunikat)
    return bledy


# --- What a publication contains -------------------------------------------------------------


def pola_sekcji(raport: RaportKoncowy) -> list[tuple[str, str, str]]:
    """(key, title, help) of the sections a publication of this report has, in order. A
    reportage's lead is the publication's lead; its interview is published only with the
    interviewee's consent (before the facts box)."""
    z_wywiadem = raport.forma == FormaRaportu.MINIREPORTAZ and raport.rozmowca_zgoda
    wynik = []
    for sekcja in sekcje_formy(raport.forma):
        if not sekcja.publiczna or (raport.forma == FormaRaportu.MINIREPORTAZ and sekcja.klucz == "lead"):
            continue
        if sekcja.klucz == "fakty" and z_wywiadem:
            wynik.append((WYWIAD, str(TYTUL_WYWIADU), ""))
        wynik.append((sekcja.klucz, str(sekcja.tytul), str(sekcja.pomoc)))
    if z_wywiadem and all(klucz != WYWIAD for klucz, _t, _p in wynik):
        wynik.append((WYWIAD, str(TYTUL_WYWIADU), ""))
    return wynik


def _tytuly(forma: str) -> dict[str, str]:
    tytuly = {s.klucz: str(s.tytul) for s in sekcje_formy(forma)}
    tytuly[WYWIAD] = str(TYTUL_WYWIADU)
    return tytuly


def _kolejnosc(forma: str) -> list[str]:
    klucze = [s.klucz for s in sekcje_formy(forma)]
    if "fakty" in klucze:
        klucze.insert(klucze.index("fakty"), WYWIAD)
    else:
        klucze.append(WYWIAD)
    return klucze


def _obszar(udzial):
    from diagnoza.models import WyborObszaru
    from hdr.models import Hdr

    hdr = Hdr.objects.select_related("obszar").filter(udzial=udzial).first()
    if hdr is not None:
        return hdr.obszar
    wybor = WyborObszaru.objects.select_related("obszar").filter(udzial=udzial).first()
    return wybor.obszar if wybor is not None else None


def _okres(udzial) -> str:
    from hdr.models import WersjaHdr

    wersja = (WersjaHdr.objects.filter(hdr__udzial=udzial, stan=StanPrzegladu.ZATWIERDZONA)
              .order_by("-numer").first())
    od, do = (wersja.okres_od, wersja.okres_do) if wersja else (udzial.edycja.data_od, udzial.edycja.data_do)
    return f"{od:%d.%m.%Y} – {do:%d.%m.%Y}"


def _wywiad(raport: RaportKoncowy) -> str:
    czesci = []
    if raport.rozmowca:
        kto = f"{raport.rozmowca}, {raport.rozmowca_funkcja}" if raport.rozmowca_funkcja else raport.rozmowca
        czesci.append(_("Rozmowa z: %(kto)s") % {"kto": kto})
    for pytanie in raport.pytania.all():
        czesci.append(f"**{pytanie.pytanie.strip()}**")
        if pytanie.odpowiedz.strip():
            czesci.append(pytanie.odpowiedz.strip())
    return "\n\n".join(czesci)


def _pierwszy_akapit(tekst: str, limit: int = 400) -> str:
    akapit = (tekst or "").strip().split("\n\n")[0].strip()
    return akapit if len(akapit) <= limit else akapit[:limit].rsplit(" ", 1)[0] + "…"


def propozycja(raport: RaportKoncowy, *, z_raportu: bool = False) -> dict:
    """The form's initial values: the current publication's (the coordinator's last redaction), or a
    fresh copy of the accepted report (`z_raportu`, or when nothing was published yet)."""
    publikacja = Publikacja.objects.filter(raport=raport).first()
    klucze = [k for k, _t, _p in pola_sekcji(raport)]
    if publikacja is not None and not z_raportu:
        poczatek = {"tytul": publikacja.tytul, "lead": publikacja.lead,
                    "okres": publikacja.metryka.get("okres", ""), "pokaz_kontakt": bool(publikacja.kontakt)}
        for klucz in klucze:
            poczatek[f"sekcja_{klucz}"] = publikacja.tresc.get(klucz, "")
        # The report's photos chosen last time (their ids are kept with the facts).
        poczatek["zdjecia"] = list(raport.zdjecia.filter(zgoda=True, pk__in=publikacja.metryka.get("zdjecia", []))
                                   .values_list("pk", flat=True))
        return poczatek
    teksty = dict(raport.sekcje.values_list("klucz", "tresc"))
    if raport.forma == FormaRaportu.MINIREPORTAZ:
        lead = teksty.get("lead", "")
    elif raport.forma == FormaRaportu.STUDIUM_REFLEKSJI:
        lead = _pierwszy_akapit(teksty.get("rekomendacje", ""))
    else:
        lead = _pierwszy_akapit(teksty.get("rozwiazanie", ""))
    poczatek = {"tytul": raport.tytul or raport.udzial.jst.nazwa_pelna, "lead": lead,
                "okres": _okres(raport.udzial),
                "pokaz_kontakt": raport.kontakt_zgoda and bool(raport.kontakt_imie_nazwisko),
                "zdjecia": list(raport.zdjecia.filter(zgoda=True).values_list("pk", flat=True))}
    for klucz in klucze:
        poczatek[f"sekcja_{klucz}"] = _wywiad(raport) if klucz == WYWIAD else teksty.get(klucz, "")
    return poczatek


def metryka_raportu(raport: RaportKoncowy, obszar) -> dict:
    """The facts shown in the library, frozen at publication."""
    udzial = raport.udzial
    return {"jst": str(udzial.jst.nazwa_pelna), "teryt": udzial.jst.teryt, "edycja": udzial.edycja.nazwa,
            "forma": raport.forma, "obszar": obszar.nazwa if obszar else ""}


def _do_wyszukiwania(*czesci: str) -> str:
    tekst = " ".join(str(c) for c in czesci if c)
    tekst = re.sub(r"[*_#>`]", " ", tekst)
    return " ".join(tekst.split()).lower()


def slowa_zapytania(q: str) -> list[str]:
    """The words of a library search (each must occur): lower-cased, Markdown marks dropped."""
    return _do_wyszukiwania(q).split()[:8]


# --- Services ----------------------------------------------------------------------------------


def _zdjecie_bez_metadanych(zdjecie: ZdjecieRaportu) -> tuple[pliki.Typ, bytes]:
    try:
        with zdjecie.plik.plik.open("rb") as plik:
            typ = pliki.rozpoznaj(plik)
            if typ not in (pliki.PNG, pliki.JPEG):
                raise pliki.Odmowa(_("To nie jest zdjęcie PNG ani JPEG."))
            return typ, pliki.oczysc_zdjecie(plik, typ)
    except (FileNotFoundError, ValidationError):
        raise ValidationError({"zdjecia": [_("Nie udało się odczytać zdjęcia „%(podpis)s”. Odznacz je albo "
                                             "poproś zespół o ponowne dodanie.") % {"podpis": zdjecie.podpis}]}) from None


def parametry_pdf(publikacja: Publikacja) -> dict:
    # The publication moment is part of the parameters: a re-publication never waits for (or is
    # answered by) a job still rendering the previous text.
    return {"publikacja": publikacja.pk, "z": _chwila(publikacja.opublikowana_kiedy)}


def _chwila(kiedy: datetime.datetime) -> str:
    return kiedy.astimezone(datetime.UTC).isoformat()


@transaction.atomic
def publikacja_opublikuj(*, raport: RaportKoncowy, tytul: str, lead: str, sekcje: dict[str, str], okres: str,
                         pokaz_kontakt: bool, zdjecia: list[ZdjecieRaportu], potwierdzenie: bool, actor,
                         zlec_pdf: bool = True) -> Publikacja:
    """Publish (or re-publish) the redacted copy of an accepted report and queue its PDF.

    Refusals are a ValidationError keyed by the form's fields ("tytul", "lead", "okres",
    "sekcja_<klucz>", "pokaz_kontakt", "zdjecia", "potwierdzam"); nothing is changed then.
    `zlec_pdf=False` (the demo seed) leaves rendering to the caller."""
    raport = (RaportKoncowy.objects.select_for_update(of=("self",))
              .select_related("udzial__jst", "udzial__edycja").get(pk=raport.pk))
    if raport.stan != StanPrzegladu.ZATWIERDZONA:
        raise ValidationError(_("Opublikować można tylko przyjęty raport końcowy."))
    klucze = [k for k, _t, _p in pola_sekcji(raport)]
    tytul, lead, okres = (tytul or "").strip(), (lead or "").strip(), (okres or "").strip()
    tresc = {k: (sekcje.get(k) or "").strip() for k in klucze if (sekcje.get(k) or "").strip()}
    bledy: dict[str, list[str]] = {}
    if not potwierdzenie:
        bledy["potwierdzam"] = [_("Potwierdź, że tekst nie zawiera danych osobowych poza danymi osób, które "
                                  "wyraziły zgodę.")]
    if not tytul:
        bledy["tytul"] = [_("Podaj tytuł.")]
    if not tresc:
        bledy["__all__"] = [_("Wpisz treść co najmniej jednej sekcji.")]
    if pokaz_kontakt and not (raport.kontakt_zgoda and raport.kontakt_imie_nazwisko):
        bledy["pokaz_kontakt"] = [_("Osoba do kontaktu nie wyraziła zgody na publikację swoich danych.")]
    dozwolone = {z.pk: z for z in raport.zdjecia.select_related("plik").filter(zgoda=True)}
    if any(z.pk not in dozwolone for z in zdjecia):
        bledy["zdjecia"] = [_("Opublikować można tylko zdjęcia tego raportu, na których publikację osoby na "
                              "zdjęciu wyraziły zgodę.")]
    teksty = {"tytul": tytul, "lead": lead, "okres": okres, **{f"sekcja_{k}": v for k, v in tresc.items()},
              "zdjecia": "\n".join(dozwolone[z.pk].podpis for z in zdjecia if z.pk in dozwolone)}
    for pole, komunikaty in bledy_danych_osobowych(teksty, raport, pokaz_kontakt=pokaz_kontakt).items():
        bledy.setdefault(pole, []).extend(komunikaty)
    if bledy:
        raise ValidationError(bledy)
    wybrane = sorted((dozwolone[z.pk] for z in zdjecia), key=lambda z: (z.kolejnosc, z.pk))
    czyste = [(z, *_zdjecie_bez_metadanych(z)) for z in wybrane]  # read all before writing anything

    udzial, jst = raport.udzial, raport.udzial.jst
    obszar = _obszar(udzial)
    metryka = metryka_raportu(raport, obszar)
    publikacja = Publikacja.objects.select_for_update().filter(raport=raport).first()
    nowa = publikacja is None
    if nowa:
        publikacja = Publikacja(raport=raport)
    stary_pdf = publikacja.plik_pdf.name if publikacja.plik_pdf else ""
    publikacja.tytul, publikacja.lead, publikacja.tresc = tytul, lead, tresc
    publikacja.metryka = {**metryka, "okres": okres, "zdjecia": [z.pk for z in wybrane],
                          "szukaj": _do_wyszukiwania(tytul, lead, *tresc.values(), metryka["jst"])}
    publikacja.obszar = obszar
    publikacja.rodzaj_jst, publikacja.wojewodztwo, publikacja.nazwa_jst = jst.rodzaj, jst.wojewodztwo, metryka["jst"]
    publikacja.kontakt = ({"imie_nazwisko": raport.kontakt_imie_nazwisko, "funkcja": raport.kontakt_funkcja,
                           "email": raport.kontakt_email, "telefon": raport.kontakt_telefon}
                          if pokaz_kontakt else {})
    publikacja.opublikowana = True
    publikacja.potwierdzil = actor
    publikacja.opublikowana_kiedy = timezone.now()
    publikacja.plik_pdf = ""  # the text changed: the old PDF is never served for it
    if nowa:
        publikacja.save()
    else:
        publikacja.save(update_fields=["tytul", "lead", "tresc", "metryka", "obszar", "rodzaj_jst", "wojewodztwo",
                                       "nazwa_jst", "kontakt", "opublikowana", "potwierdzil", "opublikowana_kiedy",
                                       "plik_pdf"])
    stare_zdjecia = list(publikacja.zdjecia.all())
    do_usuniecia = [z.plik.name for z in stare_zdjecia if z.plik] + ([stary_pdf] if stary_pdf else [])
    ZdjeciePublikacji.objects.filter(pk__in=[z.pk for z in stare_zdjecia]).delete()
    zapisane = []
    try:
        for kolejnosc, (zrodlo, typ, dane) in enumerate(czyste):
            kopia = ZdjeciePublikacji(publikacja=publikacja, typ=typ.mime, podpis=zrodlo.podpis, kolejnosc=kolejnosc)
            kopia.plik.save(f"{uuid.uuid4().hex}.{typ.rozszerzenia[0]}", ContentFile(dane), save=False)
            zapisane.append(kopia.plik.name)
            kopia.save()
    except Exception:
        for nazwa in zapisane:
            ZdjeciePublikacji._meta.get_field("plik").storage.delete(nazwa)
        raise
    _usun_po_zatwierdzeniu(do_usuniecia)
    audit(actor, "publikacja.opublikowana", publikacja, {
        "raport": raport.pk, "udzial": udzial.pk, "nowa": nowa, "sekcje": sorted(tresc),
        "zdjecia": [z.pk for z in wybrane], "kontakt": bool(pokaz_kontakt)})
    if zlec_pdf:
        zadanie_zlec(rodzaj=PUBLIKACJA_PDF, parametry=parametry_pdf(publikacja), actor=actor)
    return publikacja


def _usun_po_zatwierdzeniu(nazwy: list[str]) -> None:
    if not nazwy:
        return
    storage = ZdjeciePublikacji._meta.get_field("plik").storage

    def usun():
        for nazwa in nazwy:
            storage.delete(nazwa)

    transaction.on_commit(usun)


@transaction.atomic
def publikacja_wycofaj(*, publikacja: Publikacja, actor) -> Publikacja:
    """Unpublish: the row and its files stay (a re-publication is possible), public URLs answer 404."""
    publikacja = Publikacja.objects.select_for_update().get(pk=publikacja.pk)
    if not publikacja.opublikowana:
        raise ValidationError(_("Ta dobra praktyka nie jest opublikowana."))
    publikacja.opublikowana = False
    publikacja.save(update_fields=["opublikowana"])
    audit(actor, "publikacja.wycofana", publikacja, {"raport": publikacja.raport_id})
    return publikacja


@transaction.atomic
def publikacja_zlec_pdf(*, publikacja: Publikacja, actor):
    """Prepare the PDF again (after a failed render). Returns the job."""
    publikacja = Publikacja.objects.select_for_update().get(pk=publikacja.pk)
    if not publikacja.opublikowana:
        raise ValidationError(_("Ta dobra praktyka nie jest opublikowana."))
    zadanie = zadanie_zlec(rodzaj=PUBLIKACJA_PDF, parametry=parametry_pdf(publikacja), actor=actor)
    if zadanie.zakonczone_ok and not publikacja.plik_pdf:
        # The same text was rendered before (its file was reused): put that file in place.
        with zadanie.plik.open("rb") as plik:
            zapisz_pdf(publikacja_id=publikacja.pk, tresc=plik.read(), klucz=zadanie.klucz_danych)
    return zadanie


# --- The PDF -----------------------------------------------------------------------------------


def klucz_pdf(publikacja: Publikacja) -> str:
    """A digest of everything the PDF prints."""
    zdjecia = list(publikacja.zdjecia.order_by("kolejnosc", "pk").values_list("plik", "podpis"))
    metryka = {k: v for k, v in publikacja.metryka.items() if k != "szukaj"}
    return skrot(PUBLIKACJA_PDF, publikacja.pk, publikacja.tytul, publikacja.lead, publikacja.tresc, metryka,
                 publikacja.kontakt, publikacja.obszar_id, publikacja.rodzaj_jst, publikacja.wojewodztwo,
                 publikacja.nazwa_jst, _chwila(publikacja.opublikowana_kiedy), zdjecia)


def nazwa_pdf(publikacja: Publikacja) -> str:
    return f"dobra-praktyka-{publikacja.pk}.pdf"


def rodzaj_jst_etykieta(kod: str) -> str:
    try:
        return str(JST.Rodzaj(kod).label)
    except ValueError:
        return kod


def do_wyswietlenia(publikacja: Publikacja) -> dict:
    """What the page and the PDF show: sections in the form's order with safe HTML, facts, contact."""
    forma = publikacja.metryka.get("forma", "")
    tytuly = _tytuly(forma)
    kolejnosc = _kolejnosc(forma)
    klucze = [k for k in kolejnosc if k in publikacja.tresc] + sorted(k for k in publikacja.tresc if k not in kolejnosc)
    forma_etykieta = str(FormaRaportu(forma).label) if forma in FormaRaportu.values else ""
    return {
        "publikacja": publikacja,
        "sekcje": [{"klucz": k, "tytul": tytuly.get(k, k), "html": markdown_html(publikacja.tresc[k])}
                   for k in klucze],
        "rodzaj_jst": rodzaj_jst_etykieta(publikacja.rodzaj_jst),
        "forma": forma_etykieta,
        "obszar": publikacja.obszar.nazwa if publikacja.obszar_id else publikacja.metryka.get("obszar", ""),
    }


def wyrenderuj_pdf(publikacja: Publikacja) -> bytes:
    """Render the publication's PDF (workers only — and the demo seed)."""
    from PIL import Image

    from doradztwo.pdf import render_pdf

    zdjecia = list(publikacja.zdjecia.all())
    with tempfile.TemporaryDirectory() as katalog:
        dozwolone = {}
        for zdjecie in zdjecia:
            rozszerzenie = "png" if zdjecie.typ == pliki.PNG.mime else "jpg"
            nazwa = f"zdjecie-{zdjecie.pk}.{rozszerzenie}"
            try:
                with zdjecie.plik.open("rb") as plik, Image.open(plik) as obraz:
                    obraz.thumbnail((PDF_ZDJECIE_PX, PDF_ZDJECIE_PX))
                    wynik = io.BytesIO()
                    if rozszerzenie == "jpg":
                        obraz.convert("RGB").save(wynik, "JPEG", quality=85)
                    else:
                        obraz.save(wynik, "PNG")
            except (FileNotFoundError, OSError):
                continue  # a missing photo is left out rather than failing the whole PDF
            sciezka = Path(katalog) / nazwa
            sciezka.write_bytes(wynik.getvalue())
            dozwolone[nazwa] = sciezka
            zdjecie.w_pdf = nazwa
        kontekst = {**do_wyswietlenia(publikacja), "zdjecia": [z for z in zdjecia if hasattr(z, "w_pdf")]}
        return render_pdf("pdf/dobra_praktyka.html", kontekst, allowed_files=dozwolone)


def zapisz_pdf(*, publikacja_id: int, tresc: bytes, klucz: str) -> bool:
    """Store a rendered PDF in the publication, unless the publication changed since the render
    read it (then the newer job stores its own). Returns whether it was stored."""
    pole = Publikacja._meta.get_field("plik_pdf")
    nazwa = pole.storage.save(pole.generate_filename(None, f"{uuid.uuid4().hex}.pdf"), ContentFile(tresc))
    with transaction.atomic():
        publikacja = Publikacja.objects.select_for_update().filter(pk=publikacja_id).first()
        if publikacja is None or klucz_pdf(publikacja) != klucz:
            transaction.on_commit(lambda: pole.storage.delete(nazwa))
            return False
        stary = publikacja.plik_pdf.name if publikacja.plik_pdf else ""
        Publikacja.objects.filter(pk=publikacja_id).update(plik_pdf=nazwa)
        audit(None, "publikacja.pdf_zapisany", publikacja, {"plik": nazwa})
        if stary and stary != nazwa:
            transaction.on_commit(lambda: pole.storage.delete(stary))
    return True
