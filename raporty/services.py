"""The final report of a participation: starting it in the form the HDR planned (pre-filled from what the
system knows), the text of its sections (autosave with versions: a stale save saves nothing; different
sections never conflict), the title and the contact person / interviewee, the model documents of a good
practice, the interview and the photos of a reportage, and the review (submit → `raport_zlozony`,
return with a reason and per-section remarks, accept → `zakonczony`, reopen with a reason).

Every change goes through a function here; each locks the report and refuses to change a submitted or
accepted one (the lock lives here, not in forms). Reads the pages need are here too, with fixed query
counts; sections render for reading with `doradztwo.markdown.markdown_html`."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from doradztwo.audit import audit
from doradztwo.kolejnosc import nastepna, przesun
from doradztwo.markdown import markdown_html
from doradztwo.models import Plik, ZmianaStanu
from doradztwo.przeglad import Przejscie, StanPrzegladu, tabela, zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje
from hdr.models import Dzialanie, FormaRaportu, WersjaHdr
from jst.models import Udzial
from raporty.formy import Sekcja, sekcja, sekcje
from raporty.models import PytanieWywiadu, RaportKoncowy, SekcjaRaportu, ZdjecieRaportu

S = StanPrzegladu
# The review of a report: only a submitted report is accepted (never a draft directly); an accepted one
# is reopened with a reason; a submitted one goes back with a reason.
PRZEJSCIA = tabela(
    Przejscie("zloz", frozenset({S.ROBOCZA, S.ZWROCONA}), S.ZLOZONA),
    Przejscie("zwroc", frozenset({S.ZLOZONA}), S.ZWROCONA, wymaga_powodu=True),
    Przejscie("zatwierdz", frozenset({S.ZLOZONA}), S.ZATWIERDZONA),
    Przejscie("otworz", frozenset({S.ZATWIERDZONA}), S.ROBOCZA, wymaga_powodu=True),
)
ETYKIETY_STANU = {
    S.ROBOCZA: gettext_lazy("w przygotowaniu"),
    S.ZLOZONA: gettext_lazy("złożony do akceptacji"),
    S.ZWROCONA: gettext_lazy("zwrócony do poprawy"),
    S.ZATWIERDZONA: gettext_lazy("przyjęty"),
}
AKCJE = {
    "zloz": gettext_lazy("złożenie"),
    "zwroc": gettext_lazy("zwrot do poprawy"),
    "zatwierdz": gettext_lazy("przyjęcie"),
    "otworz": gettext_lazy("ponowne otwarcie"),
}

MAKS_SEKCJI = 20000
LIMITY = {"tytul": 300, "kontakt_imie_nazwisko": 200, "kontakt_funkcja": 200, "kontakt_email": 254,
          "kontakt_telefon": 40, "rozmowca": 200, "rozmowca_funkcja": 200, "pytanie": 1000, "odpowiedz": 10000,
          "podpis": 300, "powod": 2000, "uwaga": 5000}
# The fields of "Dane raportu" (title, contact person, interviewee) by form.
POLA_DANYCH = {
    FormaRaportu.DOBRA_PRAKTYKA: ("tytul", "kontakt_imie_nazwisko", "kontakt_funkcja", "kontakt_email",
                                  "kontakt_telefon", "kontakt_zgoda"),
    FormaRaportu.STUDIUM_REFLEKSJI: ("tytul",),
    FormaRaportu.MINIREPORTAZ: ("tytul", "rozmowca", "rozmowca_funkcja", "rozmowca_zgoda"),
}
POLA_LOGICZNE = {"kontakt_zgoda", "rozmowca_zgoda"}
POLA_PYTANIA = ("pytanie", "odpowiedz")
MAKS_PYTAN = 30
MAKS_ZDJEC = 20
_TELEFON = re.compile(r"[0-9 +()\-/]{3,40}")


def etykieta_stanu(stan: str) -> str:
    return str(ETYKIETY_STANU.get(stan, stan))


def klucz_komentarzy(klucz: str) -> str:
    """The comment-thread section of a report section (`{% watki_komentarzy udzial "raport-<klucz>" %}`)."""
    return f"raport-{klucz}"


# --- Reads --------------------------------------------------------------------------------------


def raport_dla(udzial: Udzial) -> RaportKoncowy | None:
    return RaportKoncowy.objects.filter(udzial=udzial).select_related("zmienil").first()


def plan_z_hdr(udzial: Udzial) -> Dzialanie | None:
    """The final-report action of the HDR version in force (the newest approved one): its form, due date
    (`do`) and author. None when no approved version plans it — then the team picks the form."""
    return (Dzialanie.objects.filter(wersja_hdr__hdr__udzial=udzial, wersja_hdr__stan=S.ZATWIERDZONA,
                                     raport_koncowy=True)
            .exclude(forma_raportu="").select_related("wersja_hdr").order_by("-wersja_hdr__numer", "pk").first())


@dataclass
class SekcjaStrony:
    """A section as the page shows it: its definition and its row (unsaved when never written)."""

    definicja: Sekcja
    wiersz: SekcjaRaportu

    @property
    def klucz(self) -> str:
        return self.definicja.klucz

    @property
    def komentarze(self) -> str:
        return klucz_komentarzy(self.definicja.klucz)

    @property
    def html(self) -> str:
        return markdown_html(self.wiersz.tresc)

    @property
    def pusta(self) -> bool:
        return not self.wiersz.tresc.strip()


def sekcje_raportu(raport: RaportKoncowy) -> list[SekcjaStrony]:
    """Every section of the report's form, in the form's order (one query)."""
    wiersze = {s.klucz: s for s in SekcjaRaportu.objects.filter(raport=raport).select_related("zmienil")}
    return [SekcjaStrony(d, wiersze.get(d.klucz) or SekcjaRaportu(raport=raport, klucz=d.klucz))
            for d in sekcje(raport.forma)]


def pytania(raport: RaportKoncowy) -> list[PytanieWywiadu]:
    return list(PytanieWywiadu.objects.filter(raport=raport).select_related("zmienil").order_by("kolejnosc", "pk"))


def zdjecia(raport: RaportKoncowy) -> list[ZdjecieRaportu]:
    return list(ZdjecieRaportu.objects.filter(raport=raport).select_related("plik").order_by("kolejnosc", "pk"))


def dokumenty(raport: RaportKoncowy) -> list[Plik]:
    return list(raport.dokumenty.order_by("nazwa", "pk"))


def braki(raport: RaportKoncowy) -> list[str]:
    """What stops the submission, in Polish, in the page's order (empty: it may be submitted)."""
    out = []
    if not raport.tytul.strip():
        out.append(_("tytuł raportu"))
    teksty = dict(SekcjaRaportu.objects.filter(raport=raport).values_list("klucz", "tresc"))
    for d in sekcje(raport.forma):
        if not (teksty.get(d.klucz) or "").strip():
            out.append(_("sekcja „%(sekcja)s”") % {"sekcja": d.tytul})
    if raport.forma == FormaRaportu.DOBRA_PRAKTYKA:
        if not raport.kontakt_imie_nazwisko.strip():
            out.append(_("imię i nazwisko osoby do kontaktu"))
        if not (raport.kontakt_email or raport.kontakt_telefon.strip()):
            out.append(_("e-mail lub telefon osoby do kontaktu"))
    elif raport.forma == FormaRaportu.MINIREPORTAZ:
        if not raport.rozmowca.strip():
            out.append(_("rozmówca (imię i nazwisko)"))
        if not PytanieWywiadu.objects.filter(raport=raport).exclude(odpowiedz="").exists():
            out.append(_("co najmniej jedno pytanie wywiadu z odpowiedzią"))
    return out


BEZ_RAPORTU = "brak"  # the reports list's state filter: participations that have not started a report


def raporty_edycji(edycja, *, stan: str = "") -> QuerySet:
    """The edition's participations with their report (or none), the form the HDR planned and the dates
    of the last submission and acceptance, in the list's order; `stan` keeps one report state
    (`BEZ_RAPORTU`: none started). Lazy: the list paginates it and `opisz_raporty` labels a page."""
    from jst.selectors import polish_order

    ct = ContentType.objects.get_for_model(RaportKoncowy)

    def ostatnia(akcja):
        return Subquery(ZmianaStanu.objects.filter(typ_obiektu=ct, id_obiektu=OuterRef("raport_pk_tekst"),
                                                   akcja=akcja).order_by("-kiedy", "-pk").values("kiedy")[:1])

    plan = (Dzialanie.objects.filter(wersja_hdr__hdr__udzial=OuterRef("pk"), wersja_hdr__stan=S.ZATWIERDZONA,
                                     raport_koncowy=True).exclude(forma_raportu="")
            .order_by("-wersja_hdr__numer", "pk"))
    qs = Udzial.objects.filter(edycja=edycja)
    if stan == BEZ_RAPORTU:
        qs = qs.filter(raport_koncowy__isnull=True)
    elif stan:
        qs = qs.filter(raport_koncowy__stan=stan)
    return (
        qs.select_related("jst", "raport_koncowy")
        .annotate(raport_pk_tekst=Cast("raport_koncowy__pk", output_field=CharField()),
                  plan_forma=Subquery(plan.values("forma_raportu")[:1]),
                  plan_termin=Subquery(plan.values("do")[:1]))
        .annotate(zlozony=ostatnia("zloz"), przyjety=ostatnia("zatwierdz"))
        .order_by(polish_order("jst__nazwa"), "jst__teryt")
    )


def opisz_raporty(wiersze) -> list[Udzial]:
    """Labels for the rows of `raporty_edycji` (a page of them): the report, its form and state."""
    wiersze = list(wiersze)
    formy = dict(FormaRaportu.choices)
    for u in wiersze:
        u.raport = getattr(u, "raport_koncowy", None)
        u.forma_etykieta = formy.get(u.raport.forma if u.raport else u.plan_forma or "", "")
        u.stan_etykieta = etykieta_stanu(u.raport.stan) if u.raport else _("nie rozpoczęty")
    return wiersze


def liczby_raportow(edycja) -> dict[str, int]:
    """Reports waiting for acceptance and accepted in the whole edition. One query."""
    return RaportKoncowy.objects.filter(udzial__edycja=edycja).aggregate(
        zlozone=Count("pk", filter=Q(stan=S.ZLOZONA)), przyjete=Count("pk", filter=Q(stan=S.ZATWIERDZONA)))


# --- Pre-fill -----------------------------------------------------------------------------------


def _lista(wiersze: list[str]) -> str:
    return "\n".join(f"- {w}" for w in wiersze)


def _wersja_planu(udzial: Udzial) -> WersjaHdr | None:
    """The HDR version whose actions the pre-fill summarises: the one in force, else the newest."""
    wersje = list(WersjaHdr.objects.filter(hdr__udzial=udzial).order_by("-numer"))
    return next((w for w in wersje if w.stan == S.ZATWIERDZONA), wersje[0] if wersje else None)


def _wskazniki(udzial: Udzial) -> list[str]:
    """Each indicator's first and last period with a result, in Polish number format."""
    from diagnoza.models import WartoscWskaznika
    from diagnoza.views_zadanie import liczba

    po_wskazniku: dict = {}
    for v in (WartoscWskaznika.objects.filter(udzial=udzial, wynik__isnull=False).select_related("wskaznik")
              .order_by("wskaznik__nazwa", "wskaznik_id", "rok", "okres")):
        po_wskazniku.setdefault(v.wskaznik_id, []).append(v)
    wiersze = []
    for wartosci in po_wskazniku.values():
        w = wartosci[0].wskaznik
        jednostka = f" {w.jednostka}" if w.jednostka else ""

        def pokaz(v, w=w, jednostka=jednostka):
            return _("%(okres)s: %(wynik)s") % {"okres": v.okres, "wynik": liczba(v.wynik, w.miejsca) + jednostka}

        if len(wartosci) == 1:
            wiersze.append(_("%(wskaznik)s — %(wartosc)s") % {"wskaznik": w.nazwa, "wartosc": pokaz(wartosci[0])})
        else:
            wiersze.append(_("%(wskaznik)s — %(przed)s; %(po)s") % {
                "wskaznik": w.nazwa, "przed": pokaz(wartosci[0]), "po": pokaz(wartosci[-1])})
    return wiersze


def wstepne_tresci(udzial: Udzial, forma: str, plan: Dzialanie | None = None) -> tuple[str, dict[str, str]]:
    """(title, {section key: text}) from what the system knows: the JST, the area chosen after the sheet,
    the HDR's actions with dates and owners (and planned costs), the indicators' first and last values.
    Stored text, so always in Polish whatever the user's language."""
    from diagnoza.models import WyborObszaru
    from hdr.services import data_pl, dzialania_wersji, kwota_pl, osoba_odpowiedzialna

    with override(settings.LANGUAGE_CODE):
        jst = udzial.jst
        wybor = WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first()
        wersja = _wersja_planu(udzial)
        dzialania = [d for d in dzialania_wersji(wersja) if not d.raport_koncowy] if wersja else []
        wskazniki = _wskazniki(udzial)

        o_jst = _("%(jst)s — %(rodzaj)s, województwo %(woj)s.") % {
            "jst": jst.nazwa_pelna, "rodzaj": jst.get_rodzaj_display(), "woj": jst.wojewodztwo}
        o_programie = (_("W programie „%(edycja)s” zespół JST pracował nad obszarem „%(obszar)s”.") % {
            "edycja": udzial.edycja.nazwa, "obszar": wybor.obszar.nazwa} if wybor else "")
        o_wyborze = ""
        if wybor:
            o_wyborze = _("Obszar wybrany po arkuszu diagnostycznym: „%(obszar)s”.") % {"obszar": wybor.obszar.nazwa}
            if wybor.uzasadnienie.strip():
                o_wyborze += "\n\n" + _("Uzasadnienie wyboru: %(uzasadnienie)s") % {
                    "uzasadnienie": wybor.uzasadnienie.strip()}
        o_hdr = ""
        if dzialania:
            o_hdr = _("Działania z HDR (wersja %(n)d, %(od)s – %(do)s):") % {
                "n": wersja.numer, "od": data_pl(wersja.okres_od), "do": data_pl(wersja.okres_do)} + "\n\n" + _lista([
                    _("%(od)s – %(do)s: %(nazwa)s (odpowiada: %(kto)s)") % {
                        "od": data_pl(d.od), "do": data_pl(d.do), "nazwa": d.nazwa,
                        "kto": osoba_odpowiedzialna(d) or "—"} for d in dzialania])
        o_wskaznikach = (_("Wartości wskaźników (pierwszy i ostatni okres):") + "\n\n" + _lista(wskazniki)
                         if wskazniki else "")
        koszty = [d for d in dzialania if d.kwota]
        o_kosztach = ""
        if koszty:
            o_kosztach = _("Koszty zaplanowane w HDR:") + "\n\n" + _lista([
                _("%(nazwa)s: %(kwota)s") % {"nazwa": d.nazwa, "kwota": kwota_pl(d.kwota)}
                + (f" ({d.zrodlo_finansowania})" if d.zrodlo_finansowania else "") for d in koszty])
            o_kosztach += "\n\n" + _("Razem: %(kwota)s") % {"kwota": kwota_pl(sum(d.kwota for d in koszty))}

        def razem(*czesci):
            return "\n\n".join(c for c in czesci if c)

        teksty: dict[str, str] = {}
        if forma == FormaRaportu.DOBRA_PRAKTYKA:
            teksty = {"lokalny_system": razem(o_jst, o_programie), "problem": o_wyborze, "kto_kiedy": o_hdr,
                      "efekty": o_wskaznikach, "koszt": o_kosztach}
        elif forma == FormaRaportu.STUDIUM_REFLEKSJI:
            teksty = {"obiektywny": razem(o_jst, o_programie, o_hdr, o_wskaznikach)}
        elif forma == FormaRaportu.MINIREPORTAZ:
            fakty = [_("JST: %(jst)s") % {"jst": o_jst.rstrip(".")}]
            if wybor:
                fakty.append(_("Obszar: %(obszar)s") % {"obszar": wybor.obszar.nazwa})
            if wersja:
                fakty.append(_("Okres HDR: %(od)s – %(do)s") % {"od": data_pl(wersja.okres_od),
                                                                 "do": data_pl(wersja.okres_do)})
            fakty += wskazniki
            teksty = {"fakty": _lista(fakty), "narracja": o_hdr}
        tytul = ""
        if plan is not None:
            cytat = re.search(r"„([^”]{3,300})”", plan.nazwa)
            tytul = cytat[1] if cytat else ""
    return tytul, {k: v for k, v in teksty.items() if v}


# --- Starting the report ------------------------------------------------------------------------


@transaction.atomic
def raport_rozpocznij(*, udzial: Udzial, forma: str = "", actor) -> RaportKoncowy:
    """Create the report in the form the HDR in force planned (a form chosen by the team only when no
    approved HDR plans one), with every section pre-filled where the system knows something. Created once:
    a second call (two members at once) returns the existing report."""
    from jst.services import _zablokuj

    udzial = _zablokuj(udzial)
    istniejacy = RaportKoncowy.objects.filter(udzial=udzial).first()
    if istniejacy is not None:
        return istniejacy
    plan = plan_z_hdr(udzial)
    if plan is not None:
        forma = plan.forma_raportu
    if forma not in FormaRaportu.values:
        raise ValidationError({"forma": _("Wybierz formę raportu końcowego.")})
    tytul, teksty = wstepne_tresci(udzial, forma, plan)
    raport = RaportKoncowy.objects.create(udzial=udzial, forma=forma, tytul=tytul[:300], zmienil=actor)
    SekcjaRaportu.objects.bulk_create([
        SekcjaRaportu(raport=raport, klucz=d.klucz, tresc=teksty.get(d.klucz, ""), zmienil=actor)
        for d in sekcje(forma)])
    audit(actor, "raport.rozpoczety", raport, {"udzial": udzial.pk, "forma": forma, "z_hdr": plan is not None,
                                               "wypelnione": sorted(teksty)})
    return raport


# --- Helpers ------------------------------------------------------------------------------------


def _zablokuj_raport(raport: RaportKoncowy) -> RaportKoncowy:
    """Lock the report (its changes run one after another) and refuse while submitted or accepted."""
    locked = RaportKoncowy.objects.select_for_update(of=("self",)).select_related("udzial").get(pk=raport.pk)
    if zablokowany(locked.stan):
        raise ValidationError(_("Raport jest złożony lub przyjęty — zmiany są zablokowane, dopóki koordynator "
                                "go nie zwróci albo nie otworzy ponownie."))
    return locked


def _wymagaj_formy(raport: RaportKoncowy, forma: str) -> None:
    if raport.forma != forma:
        raise ValidationError(_("Ta część nie należy do raportu w formie „%(forma)s”.") % {
            "forma": raport.get_forma_display()})


def _tekst(value, pole: str, errors: dict, *, limit: int | None = None, wymagane: bool = False) -> str:
    text = str(value if value is not None else "").replace("\x00", "").replace("\r\n", "\n").strip()
    limit = limit or LIMITY.get(pole)
    if limit and len(text) > limit:
        errors[pole] = [_("Tekst może mieć najwyżej %(n)d znaków (ma %(m)d).") % {"n": limit, "m": len(text)}]
    elif wymagane and not text:
        errors[pole] = [_("To pole jest wymagane.")]
    return text


def _raport_w_formie(raport: RaportKoncowy, forma: str) -> RaportKoncowy:
    """Lock the report (refused when it is locked for review) and check it has the part's form."""
    raport = _zablokuj_raport(raport)
    _wymagaj_formy(raport, forma)
    return raport


def _nastepne_miejsce(qs, limit: int, komunikat: str) -> int:
    """The place of a new question or photo at the end of `qs`; refused past `limit`."""
    if qs.count() >= limit:
        raise ValidationError(komunikat % {"n": limit})
    return nastepna(qs)


def _przesun(raport: RaportKoncowy, obj, nazwa: str, kierunek: str, actor) -> bool:
    """Move a question or a photo one place up or down among the report's; audited when it moved."""
    moved = przesun(type(obj).objects.filter(raport=raport), obj, kierunek)
    if moved:
        audit(actor, f"raport.{nazwa}_przesuniete", raport, {nazwa: obj.pk, "kierunek": kierunek})
    return moved


# --- Sections -----------------------------------------------------------------------------------


@transaction.atomic
def sekcja_zapisz(*, raport: RaportKoncowy, klucz: str, tresc, wersja, actor) -> SekcjaRaportu:
    """Save one section's text over the version the editor was opened with. The same text saved twice is
    no conflict (a resend after the connection came back); a different text over a newer version is
    KonfliktWersji and nothing is saved. The returned row's `zapisano` says whether this call wrote it."""
    raport = _zablokuj_raport(raport)
    if sekcja(raport.forma, klucz) is None:
        raise ValidationError(_("Ten raport nie ma takiej sekcji."))
    errors: dict = {}
    text = _tekst(tresc, "tresc", errors, limit=MAKS_SEKCJI)
    if errors:
        raise ValidationError(errors)
    wiersz, _utworzony = SekcjaRaportu.objects.get_or_create(raport=raport, klucz=klucz)
    try:
        wiersz = zablokuj_wersje(SekcjaRaportu, wiersz.pk, wersja)
    except KonfliktWersji as conflict:
        if conflict.aktualny.tresc == text:
            conflict.aktualny.zapisano = False
            return conflict.aktualny
        raise
    wiersz.zapisano = bool(zapisz_wersje(wiersz, {"tresc": text}, zmienil=actor))
    if wiersz.zapisano:
        audit(actor, "raport.sekcja_zmieniona", raport, {"klucz": klucz, "wersja": wiersz.wersja})
    return wiersz


# --- Title, contact person, interviewee -----------------------------------------------------------


def _dane(forma: str, dane: dict) -> dict:
    errors: dict = {}
    out = {}
    for pole in POLA_DANYCH.get(forma, ()):
        if pole in POLA_LOGICZNE:
            out[pole] = bool(dane.get(pole))
        else:
            out[pole] = _tekst(dane.get(pole), pole, errors)
    email = out.get("kontakt_email")
    if email and "kontakt_email" not in errors:
        try:
            validate_email(email)
        except ValidationError:
            errors["kontakt_email"] = [_("Podaj poprawny adres e-mail, np. jan.kowalski@powiat.pl.")]
    telefon = out.get("kontakt_telefon")
    if telefon and "kontakt_telefon" not in errors and not _TELEFON.fullmatch(telefon):
        errors["kontakt_telefon"] = [_("Numer telefonu może zawierać cyfry, spacje, +, -, / i nawiasy.")]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def raport_zapisz_dane(*, raport: RaportKoncowy, dane: dict, wersja, actor) -> RaportKoncowy:
    """The title and, by form, the contact person (good practice) or the interviewee (reportage), over
    the report's version (stale: KonfliktWersji, nothing saved)."""
    _zablokuj_raport(raport)
    obj = zablokuj_wersje(RaportKoncowy, raport.pk, wersja)
    zmiany = _dane(obj.forma, dane)
    changed = zapisz_wersje(obj, zmiany, zmienil=actor)
    if changed:
        # Who agreed to publication, and when, is on record (the values themselves are personal data).
        audit(actor, "raport.dane_zmienione", obj, {"pola": changed,
                                                    **{p: zmiany[p] for p in changed if p in POLA_LOGICZNE}})
    return obj


# --- Model documents (good practice) ------------------------------------------------------------


@transaction.atomic
def dokumenty_ustaw(*, raport: RaportKoncowy, pliki, actor) -> list[Plik]:
    """Which of the participation's files are the good practice's model documents."""
    raport = _raport_w_formie(raport, FormaRaportu.DOBRA_PRAKTYKA)
    ids = sorted({int(p) for p in (pliki or []) if str(p).strip().isdigit()})
    wybrane = list(Plik.objects.filter(udzial_id=raport.udzial_id, pk__in=ids))
    if len(wybrane) != len(ids):
        raise ValidationError({"pliki": _("Wybierz pliki tej JST.")})
    przed = set(raport.dokumenty.values_list("pk", flat=True))
    if przed != set(ids):
        raport.dokumenty.set(wybrane)
        audit(actor, "raport.dokumenty_zmienione", raport, {"przed": sorted(przed), "po": ids})
    return wybrane


@transaction.atomic
def dokument_dodaj(*, raport: RaportKoncowy, plik, opis: str = "", actor) -> Plik:
    """Upload a model document (checked by doradztwo.pliki) into the participation's files and attach it."""
    from doradztwo.pliki import plik_dodaj

    raport = _raport_w_formie(raport, FormaRaportu.DOBRA_PRAKTYKA)
    nowy = plik_dodaj(udzial=raport.udzial, plik=plik, rodzaj=Plik.Rodzaj.DOKUMENT, opis=opis, actor=actor)
    raport.dokumenty.add(nowy)
    audit(actor, "raport.dokument_dodany", raport, {"plik": nowy.pk})
    return nowy


# --- Interview (reportage) ----------------------------------------------------------------------


def _pytanie_dane(dane: dict) -> dict:
    errors: dict = {}
    out = {"pytanie": _tekst(dane.get("pytanie"), "pytanie", errors, wymagane=True),
           "odpowiedz": _tekst(dane.get("odpowiedz"), "odpowiedz", errors)}
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def pytanie_dodaj(*, raport: RaportKoncowy, dane: dict, actor) -> PytanieWywiadu:
    raport = _raport_w_formie(raport, FormaRaportu.MINIREPORTAZ)
    pola = _pytanie_dane(dane)
    kolejnosc = _nastepne_miejsce(PytanieWywiadu.objects.filter(raport=raport), MAKS_PYTAN,
                                  _("Wywiad może mieć najwyżej %(n)d pytań."))
    pytanie = PytanieWywiadu.objects.create(raport=raport, kolejnosc=kolejnosc, zmienil=actor, **pola)
    audit(actor, "raport.pytanie_dodane", raport, {"pytanie": pytanie.pk})
    return pytanie


@transaction.atomic
def pytanie_zmien(*, pytanie: PytanieWywiadu, dane: dict, wersja, actor) -> PytanieWywiadu:
    raport = _raport_w_formie(pytanie.raport, FormaRaportu.MINIREPORTAZ)
    obj = zablokuj_wersje(PytanieWywiadu, pytanie.pk, wersja)
    changed = zapisz_wersje(obj, _pytanie_dane(dane), zmienil=actor)
    if changed:
        audit(actor, "raport.pytanie_zmienione", raport, {"pytanie": obj.pk, "pola": changed})
    return obj


@transaction.atomic
def pytanie_zapisz_pole(*, pytanie: PytanieWywiadu, pole: str, wartosc, wersja, actor) -> PytanieWywiadu:
    """Autosave of the question or the answer (as `sekcja_zapisz`: the same text twice is no conflict)."""
    raport = _raport_w_formie(pytanie.raport, FormaRaportu.MINIREPORTAZ)
    if pole not in POLA_PYTANIA:
        raise ValidationError(_("Tego pola nie można zapisać w ten sposób."))
    errors: dict = {}
    text = _tekst(wartosc, pole, errors, wymagane=pole == "pytanie")
    if errors:
        raise ValidationError(errors[pole])
    try:
        obj = zablokuj_wersje(PytanieWywiadu, pytanie.pk, wersja)
    except KonfliktWersji as conflict:
        if getattr(conflict.aktualny, pole) == text:
            conflict.aktualny.zapisano = False
            return conflict.aktualny
        raise
    obj.zapisano = bool(zapisz_wersje(obj, {pole: text}, zmienil=actor))
    if obj.zapisano:
        audit(actor, "raport.pytanie_zmienione", raport, {"pytanie": obj.pk, "pola": [pole]})
    return obj


@transaction.atomic
def pytanie_usun(*, pytanie: PytanieWywiadu, actor) -> None:
    raport = _raport_w_formie(pytanie.raport, FormaRaportu.MINIREPORTAZ)
    audit(actor, "raport.pytanie_usuniete", raport, {"pytanie": pytanie.pk, "tresc": pytanie.pytanie[:200]})
    pytanie.delete()


@transaction.atomic
def pytanie_przesun(*, pytanie: PytanieWywiadu, kierunek: str, actor) -> bool:
    raport = _raport_w_formie(pytanie.raport, FormaRaportu.MINIREPORTAZ)
    return _przesun(raport, pytanie, "pytanie", kierunek, actor)


# --- Photos (reportage) -------------------------------------------------------------------------


def _zdjecie_dane(dane: dict) -> dict:
    errors: dict = {}
    out = {"podpis": _tekst(dane.get("podpis"), "podpis", errors, wymagane=True), "zgoda": bool(dane.get("zgoda"))}
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def zdjecie_dodaj(*, raport: RaportKoncowy, plik, dane: dict, actor) -> ZdjecieRaportu:
    """Upload a PNG/JPEG photo (sniffed and re-encoded without EXIF by doradztwo.pliki) with its caption
    and the pictured persons' consent."""
    from doradztwo.pliki import plik_dodaj

    raport = _raport_w_formie(raport, FormaRaportu.MINIREPORTAZ)
    pola = _zdjecie_dane(dane)
    kolejnosc = _nastepne_miejsce(ZdjecieRaportu.objects.filter(raport=raport), MAKS_ZDJEC,
                                  _("Minireportaż może mieć najwyżej %(n)d zdjęć."))
    nowy = plik_dodaj(udzial=raport.udzial, plik=plik, rodzaj=Plik.Rodzaj.ZDJECIE, opis=pola["podpis"], actor=actor)
    zdjecie = ZdjecieRaportu.objects.create(raport=raport, plik=nowy, kolejnosc=kolejnosc, **pola)
    audit(actor, "raport.zdjecie_dodane", raport, {"zdjecie": zdjecie.pk, "zgoda": pola["zgoda"]})
    return zdjecie


@transaction.atomic
def zdjecie_zmien(*, zdjecie: ZdjecieRaportu, dane: dict, poprzednie: dict, actor) -> ZdjecieRaportu:
    """Caption and consent. A photo row carries no version number, so the form carries the values it was
    opened with: if someone changed them since, that is KonfliktWersji and nothing is saved."""
    raport = _raport_w_formie(zdjecie.raport, FormaRaportu.MINIREPORTAZ)
    obj = ZdjecieRaportu.objects.select_for_update().get(pk=zdjecie.pk)
    if obj.podpis != str(poprzednie.get("podpis") or "") or obj.zgoda != bool(poprzednie.get("zgoda")):
        raise KonfliktWersji(obj)
    pola = _zdjecie_dane(dane)
    changed = [name for name, value in pola.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, pola[name])
        obj.save(update_fields=changed)
        audit(actor, "raport.zdjecie_zmienione", raport, {"zdjecie": obj.pk, "pola": changed, "zgoda": obj.zgoda})
    return obj


@transaction.atomic
def zdjecie_usun(*, zdjecie: ZdjecieRaportu, actor) -> None:
    """Remove the photo from the report and delete its file: it was uploaded for the report and may show
    people, so it does not stay behind among the participation's files."""
    from doradztwo.pliki import plik_usun

    raport = _raport_w_formie(zdjecie.raport, FormaRaportu.MINIREPORTAZ)
    plik = zdjecie.plik
    audit(actor, "raport.zdjecie_usuniete", raport, {"zdjecie": zdjecie.pk, "podpis": zdjecie.podpis[:200]})
    zdjecie.delete()
    plik_usun(plik=plik, actor=actor)


@transaction.atomic
def zdjecie_przesun(*, zdjecie: ZdjecieRaportu, kierunek: str, actor) -> bool:
    raport = _raport_w_formie(zdjecie.raport, FormaRaportu.MINIREPORTAZ)
    return _przesun(raport, zdjecie, "zdjecie", kierunek, actor)


# --- Review -------------------------------------------------------------------------------------


@transaction.atomic
def raport_zmien_stan(*, raport: RaportKoncowy, akcja: str, powod: str = "", uwagi: dict | None = None,
                      actor) -> RaportKoncowy:
    """Submit (every required part filled → `etap` raport_zlozony), return with a reason and optional
    remarks per section (each a comment thread on that section, seen by the team), accept (→ `etap`
    zakonczony) or reopen with a reason — the review-state helper, audited and notified. The stage only
    moves forward. A refused step changes nothing and notifies nobody."""
    from doradztwo.komentarze import komentarz_dodaj
    from doradztwo.przeglad import zmien_stan
    from jst.services import _zablokuj, odbiorcy_przegladu, udzial_przesun_etap

    udzial = _zablokuj(raport.udzial)
    raport = RaportKoncowy.objects.select_for_update(of=("self",)).get(pk=raport.pk)
    if akcja == "zloz":
        missing = braki(raport)
        if missing:
            raise ValidationError(_("Raportu nie można jeszcze złożyć. Uzupełnijcie: %(braki)s.")
                                  % {"braki": "; ".join(missing)})
    uwagi_sekcji = {}
    if akcja == "zwroc":
        for klucz, tekst in (uwagi or {}).items():
            errors: dict = {}
            tekst = _tekst(tekst, "uwaga", errors)
            if errors:
                raise ValidationError(errors["uwaga"])
            if tekst and sekcja(raport.forma, klucz) is not None:
                uwagi_sekcji[klucz] = tekst
    powod = str(powod or "").replace("\x00", "").strip()
    if len(powod) > LIMITY["powod"]:
        raise ValidationError({"powod": _("Tekst może mieć najwyżej %(n)d znaków (ma %(m)d).") % {
            "n": LIMITY["powod"], "m": len(powod)}})
    link = reverse("raporty:raport", args=[udzial.pk])
    with override(settings.LANGUAGE_CODE):
        tytul = {
            "zloz": _("Raport końcowy %(jst)s złożony do akceptacji"),
            "zwroc": _("Raport końcowy %(jst)s zwrócony do poprawy"),
            "zatwierdz": _("Raport końcowy %(jst)s przyjęty"),
            "otworz": _("Raport końcowy %(jst)s otwarty ponownie"),
        }.get(akcja, "%(jst)s") % {"jst": udzial.jst.nazwa_pelna}
    zmien_stan(raport, przejscia=PRZEJSCIA, akcja=akcja, pole="stan", actor=actor, nazwa="raport", powod=powod,
               odbiorcy=odbiorcy_przegladu(udzial, akcja), tytul=tytul, link=link,
               etykiety={k: str(v) for k, v in ETYKIETY_STANU.items()})
    for klucz, tekst in uwagi_sekcji.items():
        komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja=klucz_komentarzy(klucz), tresc=tekst, autor=actor,
                        link=f"{link}#sekcja-{klucz}")
    if akcja == "zloz":
        udzial_przesun_etap(udzial=udzial, etap=Udzial.Etap.RAPORT_ZLOZONY, actor=actor,
                            powod=_("Raport końcowy złożony"))
    elif akcja == "zatwierdz":
        udzial_przesun_etap(udzial=udzial, etap=Udzial.Etap.ZAKONCZONY, actor=actor,
                            powod=_("Raport końcowy przyjęty"))
    raport.refresh_from_db()
    return raport
