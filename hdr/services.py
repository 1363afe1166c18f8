"""The HDR plan: creating the HDR, its versions (period, risks, actions), traceability (priority gap →
goal → action), the review (submit → return / approve), new versions of an approved plan and the Polish
diff between versions. Monitoring (status, progress, updates) lives in hdr/monitoring.py and is never
part of a version.

Reads used by the pages are here too (one module, fixed query counts)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from diagnoza.models import Cel, DiagnozaPoglebiona, Luka, WyborObszaru
from doradztwo.audit import audit
from doradztwo.przeglad import PRZEGLAD, StanPrzegladu, zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje
from hdr.models import Dzialanie, FormaRaportu, Hdr, WersjaHdr
from jst.models import CzlonekZespolu, Udzial

# The deep diagnosis must be at least submitted before the HDR starts.
DIAGNOZA_GOTOWA = frozenset({StanPrzegladu.ZLOZONA, StanPrzegladu.ZATWIERDZONA})
MAKS_KWOTA = Decimal("1e12")
MAKS_OPIS = 10000
# Plan fields of an action: copied into a new version and compared by the diff (monitoring is not here).
POLA_PLANU = ["nazwa", "opis", "narzedzia", "narzedzia_inne", "wlasciciel_id", "wlasciciel_nazwa",
              "wspolrealizatorzy", "od", "do", "zasoby_ludzie", "kwota", "zrodlo_finansowania", "materialy",
              "miernik", "wartosc_bazowa", "wartosc_docelowa", "sposob_monitorowania", "raport_koncowy",
              "forma_raportu", "autor_raportu", "kolejnosc"]
LIMITY = {"nazwa": 300, "opis": MAKS_OPIS, "narzedzia_inne": 500, "wlasciciel_nazwa": 200, "wspolrealizatorzy": 500,
          "zasoby_ludzie": 500, "zrodlo_finansowania": 300, "materialy": 500, "miernik": 300, "wartosc_bazowa": 100,
          "wartosc_docelowa": 100, "sposob_monitorowania": 500, "autor_raportu": 200}


# --- Formatting (Polish, for messages and the diff) -------------------------------------------


def data_pl(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def kwota_pl(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return _("%(k)s zł") % {"k": formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)}


def _cytat(value) -> str:
    text = str(value or "").strip()
    return f"„{text}”" if text else "—"


def _tekst(value, pole: str, errors: dict) -> str:
    text = str(value or "").replace("\x00", "").strip()
    limit = LIMITY.get(pole)
    if limit and len(text) > limit:
        errors[pole] = [_("Tekst może mieć najwyżej %(n)d znaków.") % {"n": limit}]
    return text


# --- Reads ------------------------------------------------------------------------------------


def luki_priorytetowe(udzial: Udzial) -> list[Luka]:
    """The priority gaps of the participation's deep diagnosis (ranked), their goals prefetched. Two
    queries. Queried directly so the HDR does not depend on the deep-diagnosis services."""
    return list(Luka.objects.filter(diagnoza__udzial=udzial, status=Luka.Status.PRIORYTET)
                .select_related("ustalenie", "stan_docelowy")
                .prefetch_related(Prefetch("cele", queryset=Cel.objects.order_by("kolejnosc", "pk")))
                .order_by("ranga", "kolejnosc", "pk"))


def cele_priorytetowe(udzial: Udzial):
    """Goals an action may serve: those of the priority gaps."""
    return (Cel.objects.filter(luka__diagnoza__udzial=udzial, luka__status=Luka.Status.PRIORYTET)
            .select_related("luka").order_by("luka__ranga", "luka__kolejnosc", "luka_id", "kolejnosc", "pk"))


def wersje_hdr(hdr: Hdr) -> list[WersjaHdr]:
    return list(WersjaHdr.objects.filter(hdr=hdr).select_related("utworzyl").order_by("numer"))


def obowiazujaca(wersje: list[WersjaHdr]) -> WersjaHdr | None:
    """The version in force: the newest approved one (from an already loaded list)."""
    return max((w for w in wersje if w.stan == StanPrzegladu.ZATWIERDZONA), key=lambda w: w.numer, default=None)


def edytowalna(wersja: WersjaHdr, najnowsza: WersjaHdr) -> bool:
    """Only the newest version is edited, and only while it is a draft or returned."""
    return wersja.pk == najnowsza.pk and not zablokowany(wersja.stan)


def dzialania_wersji(wersja: WersjaHdr) -> list[Dzialanie]:
    """The actions of a version with owners and goals. Two queries whatever the number of actions."""
    return list(Dzialanie.objects.filter(wersja_hdr=wersja)
                .select_related("wlasciciel__uzytkownik")
                .prefetch_related(Prefetch("cele", queryset=Cel.objects.order_by("kolejnosc", "pk")))
                .order_by("od", "kolejnosc", "pk"))


def opoznione(dzialanie: Dzialanie, status: str, dzis: datetime.date | None = None) -> bool:
    """Overdue is computed, never stored (the rule lives in hdr.monitoring)."""
    from hdr.monitoring import czy_opoznione

    return czy_opoznione(dzialanie.do, status, dzis)


def stan_realizacji(hdr: Hdr, dzialania: list[Dzialanie], dzis: datetime.date | None = None) -> None:
    """Attach each action's monitoring state (status, progress, overdue, updates) — hdr.monitoring."""
    from hdr.monitoring import stan_dzialan

    stan_dzialan(hdr, dzialania, dzis)


def osoba_odpowiedzialna(d: Dzialanie) -> str:
    if d.wlasciciel_id:
        user = d.wlasciciel.uzytkownik
        return user.get_full_name() or user.get_username()
    return d.wlasciciel_nazwa


@dataclass
class Pokrycie:
    """Traceability of a version: every priority gap → ≥ 1 goal → ≥ 1 action, and the final report."""

    luki: list = field(default_factory=list)  # priority gaps, each goal with `.dzialania` of this version
    luki_bez_celow: list = field(default_factory=list)
    cele_bez_dzialan: list = field(default_factory=list)
    raport: Dzialanie | None = None
    raportow: int = 0

    @property
    def kompletne(self) -> bool:
        return not self.braki

    @property
    def braki(self) -> list[str]:
        out = []
        if not self.luki:
            out.append(_("Diagnoza pogłębiona nie ma luk priorytetowych — HDR wychodzi od nich."))
        for luka in self.luki_bez_celow:
            out.append(_("Luka priorytetowa „%(l)s” nie ma celu.") % {"l": str(luka)})
        for cel in self.cele_bez_dzialan:
            out.append(_("Cel „%(c)s” nie ma działania w tej wersji HDR.") % {"c": str(cel)})
        if self.raportow == 0:
            out.append(_("Brakuje działania „raport końcowy” (forma, termin i autor raportu)."))
        elif self.raportow > 1:
            out.append(_("Działanie „raport końcowy” może być tylko jedno."))
        return out


def pokrycie(luki: list[Luka], dzialania: list[Dzialanie]) -> Pokrycie:
    """Computed from loaded rows (no query): `luki` from luki_priorytetowe, `dzialania` with goals."""
    po_celu = defaultdict(list)
    for d in dzialania:
        for c in d.cele.all():
            po_celu[c.pk].append(d)
    wynik = Pokrycie(luki=luki)
    for luka in luki:
        cele = list(luka.cele.all())
        if not cele:
            wynik.luki_bez_celow.append(luka)
        for cel in cele:
            cel.dzialania_wersji = po_celu.get(cel.pk, [])
            if not cel.dzialania_wersji:
                wynik.cele_bez_dzialan.append(cel)
    raporty = [d for d in dzialania if d.raport_koncowy]
    wynik.raportow = len(raporty)
    wynik.raport = raporty[0] if raporty else None
    return wynik


def braki(wersja: WersjaHdr) -> list[str]:
    """What stops submitting (or approving) this version, in Polish."""
    udzial = wersja.hdr.udzial
    luki = luki_priorytetowe(udzial)
    wynik = pokrycie(luki, dzialania_wersji(wersja))
    return wynik.braki


# --- Creating the HDR and editing a version ---------------------------------------------------


def _okres(okres_od, okres_do) -> tuple[datetime.date, datetime.date]:
    errors = {}
    if not isinstance(okres_od, datetime.date):
        errors["okres_od"] = [_("Podaj datę w formacie dd.mm.rrrr.")]
    elif not 2000 <= okres_od.year <= 2100:
        errors["okres_od"] = [_("Podaj datę z lat 2000–2100.")]
    if not isinstance(okres_do, datetime.date):
        errors["okres_do"] = [_("Podaj datę w formacie dd.mm.rrrr.")]
    elif not 2000 <= okres_do.year <= 2100:
        errors["okres_do"] = [_("Podaj datę z lat 2000–2100.")]
    if not errors and okres_do < okres_od:
        errors["okres_do"] = [_("Koniec okresu HDR nie może być wcześniejszy niż jego początek.")]
    if errors:
        raise ValidationError(errors)
    return okres_od, okres_do


def _ryzyka(value) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if len(text) > MAKS_OPIS:
        raise ValidationError({"ryzyka": _("Tekst może mieć najwyżej %(n)d znaków.") % {"n": MAKS_OPIS}})
    return text


def gotowosc(udzial: Udzial) -> str | None:
    """Why the HDR cannot start yet (None: it can): the area must be chosen and the deep diagnosis
    at least submitted."""
    if not WyborObszaru.objects.filter(udzial=udzial).exists():
        return _("HDR przygotowuje się dla obszaru wybranego po arkuszu diagnostycznym — obszar nie jest jeszcze "
                 "wybrany.")
    diagnoza = DiagnozaPoglebiona.objects.filter(udzial=udzial).only("stan").first()
    if diagnoza is None or diagnoza.stan not in DIAGNOZA_GOTOWA:
        return _("HDR można zacząć dopiero po złożeniu diagnozy pogłębionej. Najpierw lider zespołu składa "
                 "diagnozę pogłębioną.")
    return None


@transaction.atomic
def hdr_zaloz(*, udzial: Udzial, okres_od, okres_do, ryzyka: str = "", actor) -> Hdr:
    """The participation's HDR for its chosen area, with draft version 1 over the period the JST
    chose. Created once: a second call (two members at once) returns the existing HDR."""
    from jst.services import _zablokuj

    udzial = _zablokuj(udzial)
    istniejacy = Hdr.objects.filter(udzial=udzial).first()
    if istniejacy is not None:
        return istniejacy
    powod = gotowosc(udzial)
    if powod:
        raise ValidationError(powod)
    okres_od, okres_do = _okres(okres_od, okres_do)
    ryzyka = _ryzyka(ryzyka)
    wybor = WyborObszaru.objects.select_related("obszar").get(udzial=udzial)
    hdr = Hdr.objects.create(udzial=udzial, obszar=wybor.obszar)
    WersjaHdr.objects.create(hdr=hdr, numer=1, okres_od=okres_od, okres_do=okres_do, ryzyka=ryzyka, utworzyl=actor)
    audit(actor, "hdr.zalozony", hdr, {"obszar": wybor.obszar.kod, "okres_od": okres_od, "okres_do": okres_do})
    return hdr


def _wersja_do_edycji(wersja_hdr: WersjaHdr) -> WersjaHdr:
    """Lock the version; only the newest draft (or returned) version is edited."""
    locked = WersjaHdr.objects.select_for_update().select_related("hdr__obszar", "hdr__udzial").get(pk=wersja_hdr.pk)
    if locked.stan == StanPrzegladu.ZATWIERDZONA:
        raise ValidationError(_("Wersja %(n)d HDR jest zatwierdzona. Aby ją zmienić, rozpocznijcie nową wersję "
                                "z powodem zmiany.") % {"n": locked.numer})
    if zablokowany(locked.stan):
        raise ValidationError(_("Wersja %(n)d HDR jest złożona do akceptacji — zmiany są zablokowane, dopóki "
                                "koordynator jej nie zwróci.") % {"n": locked.numer})
    if WersjaHdr.objects.filter(hdr_id=locked.hdr_id, numer__gt=locked.numer).exists():
        raise ValidationError(_("Zmienia się tylko najnowszą wersję HDR."))
    return locked


@transaction.atomic
def wersja_zapisz(*, wersja_hdr: WersjaHdr, okres_od, okres_do, ryzyka: str = "", wersja, actor) -> WersjaHdr:
    """The period and the risks of a draft version. Actions must stay inside the period."""
    _wersja_do_edycji(wersja_hdr)
    okres_od, okres_do = _okres(okres_od, okres_do)
    ryzyka = _ryzyka(ryzyka)
    obj = zablokuj_wersje(WersjaHdr, wersja_hdr.pk, wersja)
    poza = [d for d in Dzialanie.objects.filter(wersja_hdr=obj).order_by("od", "pk")
            if d.od < okres_od or d.do > okres_do]
    if poza:
        lista = "; ".join(_("„%(d)s” (%(od)s – %(do)s)")
                          % {"d": d.nazwa, "od": data_pl(d.od), "do": data_pl(d.do)} for d in poza[:5])
        raise ValidationError({"okres_od": [_("Poza nowym okresem zostałyby działania: %(lista)s. Najpierw zmień "
                                              "ich terminy.") % {"lista": lista}]})
    changed = zapisz_wersje(obj, {"okres_od": okres_od, "okres_do": okres_do, "ryzyka": ryzyka})
    if changed:
        audit(actor, "hdr.wersja_zmieniona", obj.hdr, {"numer": obj.numer, "pola": changed})
    return obj


# --- Actions ----------------------------------------------------------------------------------


def katalog_narzedzi(obszar) -> tuple[list[str], list[str]]:
    """(management tools, tools for the organisation's personal development) of the area."""
    return obszar.lista_narzedzi_zarzadczych, obszar.lista_narzedzi_rozwoju


def _sprawdz_dzialanie(wersja_hdr: WersjaHdr, dane: dict, dzialanie: Dzialanie | None) -> tuple[dict, list]:
    """Business rules of an action; returns (plan field values, goals). Field errors as a dict."""
    errors: dict = {}
    pola = {name: _tekst(dane.get(name), name, errors) for name in LIMITY}
    if not pola["nazwa"] and "nazwa" not in errors:
        errors["nazwa"] = [_("Podaj nazwę działania.")]
    udzial = wersja_hdr.hdr.udzial
    # Owner: an active team member or a named outside person — exactly one.
    wlasciciel = dane.get("wlasciciel")
    if wlasciciel is not None:
        if not isinstance(wlasciciel, CzlonekZespolu) or wlasciciel.udzial_id != udzial.pk or not wlasciciel.aktywny:
            errors["wlasciciel"] = [_("Wybierz aktywnego członka zespołu.")]
    if wlasciciel is not None and pola["wlasciciel_nazwa"]:
        errors["wlasciciel_nazwa"] = [_("Wybierz osobę z zespołu albo wpisz osobę spoza zespołu — nie obie.")]
    elif wlasciciel is None and not pola["wlasciciel_nazwa"] and "wlasciciel_nazwa" not in errors:
        errors["wlasciciel"] = [_("Wskaż osobę odpowiedzialną: członka zespołu albo osobę spoza zespołu.")]
    # Dates inside the HDR period, start ≤ end.
    od, do = dane.get("od"), dane.get("do")
    if not isinstance(od, datetime.date):
        errors["od"] = [_("Podaj datę początku w formacie dd.mm.rrrr.")]
    if not isinstance(do, datetime.date):
        errors["do"] = [_("Podaj datę końca w formacie dd.mm.rrrr.")]
    if "od" not in errors and "do" not in errors:
        okres = {"od": data_pl(wersja_hdr.okres_od), "do": data_pl(wersja_hdr.okres_do)}
        if not wersja_hdr.okres_od <= od <= wersja_hdr.okres_do:
            errors["od"] = [_("Początek musi mieścić się w okresie HDR (%(od)s – %(do)s).") % okres]
        if not wersja_hdr.okres_od <= do <= wersja_hdr.okres_do:
            errors["do"] = [_("Koniec musi mieścić się w okresie HDR (%(od)s – %(do)s).") % okres]
        if do < od and "do" not in errors:
            errors["do"] = [_("Koniec nie może być wcześniejszy niż początek.")]
    # Money: an amount needs its source.
    kwota = dane.get("kwota")
    if kwota is not None:
        if not isinstance(kwota, Decimal) or not kwota.is_finite():
            errors["kwota"] = [_("Wpisz kwotę w złotych, np. 12 500,00.")]
        elif kwota < 0:
            errors["kwota"] = [_("Kwota nie może być ujemna.")]
        elif kwota >= MAKS_KWOTA:
            errors["kwota"] = [_("Kwota jest za duża.")]
        elif kwota.as_tuple().exponent < -2:
            errors["kwota"] = [_("Kwota może mieć najwyżej 2 miejsca po przecinku.")]
        elif kwota > 0 and not pola["zrodlo_finansowania"] and "zrodlo_finansowania" not in errors:
            errors["zrodlo_finansowania"] = [_("Podaj źródło finansowania kwoty.")]
    # Goals: only those of the priority gaps of this participation.
    cele = list(dane.get("cele") or [])
    dozwolone = set(cele_priorytetowe(udzial).values_list("pk", flat=True))
    if any(getattr(c, "pk", None) not in dozwolone for c in cele):
        errors["cele"] = [_("Wybierz cele spośród celów luk priorytetowych.")]
    # Tools: from the area's catalogue (a tool already on the action stays even if the catalogue changed).
    zarzadcze, rozwoju = katalog_narzedzi(wersja_hdr.hdr.obszar)
    znane = set(zarzadcze) | set(rozwoju) | set(dzialanie.narzedzia if dzialanie else [])
    narzedzia = []
    for t in dane.get("narzedzia") or []:
        if t not in znane:
            errors["narzedzia_zarzadcze"] = [_("Wybierz narzędzia z katalogu obszaru; inne wpisz w polu „Inne "
                                               "narzędzia”.")]
        elif t not in narzedzia:
            narzedzia.append(t)
    # The final-report action: form, due date (its end) and author.
    raport = bool(dane.get("raport_koncowy"))
    forma = str(dane.get("forma_raportu") or "")
    if raport:
        if forma not in FormaRaportu.values:
            errors["forma_raportu"] = [_("Wybierz formę raportu końcowego.")]
        if not pola["autor_raportu"] and "autor_raportu" not in errors:
            errors["autor_raportu"] = [_("Podaj autora raportu końcowego.")]
        inne = Dzialanie.objects.filter(wersja_hdr=wersja_hdr, raport_koncowy=True)
        if dzialanie is not None:
            inne = inne.exclude(pk=dzialanie.pk)
        inny = inne.first()
        if inny is not None:
            errors["raport_koncowy"] = [_("Ta wersja HDR ma już działanie raportu końcowego: „%(d)s”.")
                                        % {"d": inny.nazwa}]
    else:
        forma, pola["autor_raportu"] = "", ""
    if errors:
        raise ValidationError(errors)
    pola.update({"wlasciciel": wlasciciel, "od": od, "do": do, "kwota": kwota, "narzedzia": narzedzia,
                 "raport_koncowy": raport, "forma_raportu": forma})
    return pola, cele


@transaction.atomic
def dzialanie_zapisz(*, wersja_hdr: WersjaHdr, dane: dict, dzialanie: Dzialanie | None = None, wersja=None,
                     actor) -> Dzialanie:
    """Add an action to the draft version, or change one (with the version the form was opened with;
    a stale save raises KonfliktWersji and saves nothing). `dane` holds typed values: dates, Decimal
    or None, team member or None, goals, the list of catalogue tools."""
    wersja_hdr = _wersja_do_edycji(wersja_hdr)
    if dzialanie is not None:
        obj = zablokuj_wersje(Dzialanie, dzialanie.pk, wersja)
        if obj.wersja_hdr_id != wersja_hdr.pk:
            raise ValidationError(_("To działanie nie należy do tej wersji HDR."))
    else:
        obj = None
    pola, cele = _sprawdz_dzialanie(wersja_hdr, dane, obj)
    if obj is None:
        kolejnosc = Dzialanie.objects.filter(wersja_hdr=wersja_hdr).count()
        obj = Dzialanie.objects.create(wersja_hdr=wersja_hdr, kolejnosc=kolejnosc, zmienil=actor, **pola)
        obj.cele.set(cele)
        audit(actor, "hdr.dzialanie_dodane", wersja_hdr.hdr, {"numer": wersja_hdr.numer, "klucz": obj.klucz,
                                                              "nazwa": obj.nazwa})
        return obj
    changed = [name for name, value in pola.items() if getattr(obj, name) != value]
    cele_zmienione = {c.pk for c in obj.cele.all()} != {c.pk for c in cele}
    if changed or cele_zmienione:
        for name in changed:
            setattr(obj, name, pola[name])
        obj.wersja += 1
        obj.zmienil = actor
        obj.save(update_fields=[*changed, "wersja", "zmienil", "zmienione"])
        if cele_zmienione:
            obj.cele.set(cele)
        audit(actor, "hdr.dzialanie_zmienione", wersja_hdr.hdr, {
            "numer": wersja_hdr.numer, "klucz": obj.klucz, "pola": changed + (["cele"] if cele_zmienione else [])})
    return obj


@transaction.atomic
def dzialanie_usun(*, dzialanie: Dzialanie, actor) -> None:
    wersja_hdr = _wersja_do_edycji(dzialanie.wersja_hdr)
    if dzialanie.wersja_hdr_id != wersja_hdr.pk:
        raise ValidationError(_("To działanie nie należy do tej wersji HDR."))
    audit(actor, "hdr.dzialanie_usuniete", wersja_hdr.hdr, {"numer": wersja_hdr.numer, "klucz": dzialanie.klucz,
                                                            "nazwa": dzialanie.nazwa})
    dzialanie.delete()


# --- Review and versions ----------------------------------------------------------------------

AKCJE_PRZEGLADU = ("zloz", "zwroc", "zatwierdz")  # reopening an approved HDR is a new version instead


@transaction.atomic
def wersja_zmien_stan(*, wersja_hdr: WersjaHdr, akcja: str, powod: str = "", actor) -> WersjaHdr:
    """Submit (the leader; everything covered), return with a reason or approve (the edition's
    coordinators). Approval records the date and moves `etap` to `hdr_zatwierdzony`; a refused
    transition changes nothing and notifies nobody."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import override

    from doradztwo.przeglad import zmien_stan
    from jst.services import _zablokuj, odbiorcy_przegladu, udzial_przesun_etap

    if akcja not in AKCJE_PRZEGLADU:
        raise ValidationError(_("Nieznana operacja."))
    udzial = _zablokuj(wersja_hdr.hdr.udzial)
    wersja_hdr = WersjaHdr.objects.select_for_update().select_related("hdr__udzial").get(pk=wersja_hdr.pk)
    if WersjaHdr.objects.filter(hdr_id=wersja_hdr.hdr_id, numer__gt=wersja_hdr.numer).exists():
        raise ValidationError(_("Ta wersja HDR została już zastąpiona nowszą."))
    if akcja in ("zloz", "zatwierdz"):
        missing = braki(wersja_hdr)
        if missing:
            raise ValidationError(_("HDR nie jest jeszcze kompletny: %(braki)s") % {"braki": " ".join(missing)})
    odbiorcy = odbiorcy_przegladu(udzial, akcja)
    with override(settings.LANGUAGE_CODE):
        tytul = {
            "zloz": _("HDR %(jst)s (wersja %(n)d) złożony do akceptacji"),
            "zwroc": _("HDR %(jst)s (wersja %(n)d) zwrócony do poprawy"),
            "zatwierdz": _("HDR %(jst)s (wersja %(n)d) zatwierdzony"),
        }[akcja] % {"jst": udzial.jst.nazwa_pelna, "n": wersja_hdr.numer}
    zmien_stan(wersja_hdr, przejscia=PRZEGLAD, akcja=akcja, pole="stan", actor=actor, nazwa="hdr", powod=powod,
               odbiorcy=odbiorcy, tytul=tytul, link=reverse("hdr:hdr", args=[udzial.pk]))
    if akcja == "zatwierdz":
        WersjaHdr.objects.filter(pk=wersja_hdr.pk).update(zatwierdzona=timezone.now())
        udzial_przesun_etap(udzial=udzial, etap=Udzial.Etap.HDR_ZATWIERDZONY, actor=actor,
                            powod=_("HDR zatwierdzony"))
    wersja_hdr.refresh_from_db()
    return wersja_hdr


@transaction.atomic
def wersja_nowa(*, hdr: Hdr, powod: str, actor) -> WersjaHdr:
    """Start version N+1 of an approved HDR with a required reason: a copy of version N's plan (each
    action keeps its key and its goals). Version N stays in force until N+1 is approved."""
    from jst.services import _zablokuj

    _zablokuj(hdr.udzial)
    ostatnia = WersjaHdr.objects.select_for_update().filter(hdr=hdr).order_by("-numer").first()
    if ostatnia is None:
        raise ValidationError(_("Ten HDR nie ma jeszcze żadnej wersji."))
    if ostatnia.stan != StanPrzegladu.ZATWIERDZONA:
        raise ValidationError(_("Wersja %(n)d jest jeszcze w przygotowaniu lub w akceptacji — zmiany wprowadzacie "
                                "w niej.") % {"n": ostatnia.numer})
    powod = str(powod or "").replace("\x00", "").strip()
    if not powod:
        raise ValidationError({"powod": _("Podaj powód zmiany HDR.")})
    if len(powod) > 2000:
        raise ValidationError({"powod": _("Tekst może mieć najwyżej %(n)d znaków.") % {"n": 2000}})
    nowa = WersjaHdr.objects.create(hdr=hdr, numer=ostatnia.numer + 1, okres_od=ostatnia.okres_od,
                                    okres_do=ostatnia.okres_do, ryzyka=ostatnia.ryzyka, powod_zmiany=powod,
                                    utworzyl=actor)
    stare = list(Dzialanie.objects.filter(wersja_hdr=ostatnia).prefetch_related("cele").order_by("pk"))
    kopie = Dzialanie.objects.bulk_create([
        Dzialanie(wersja_hdr=nowa, klucz=d.klucz, zmienil=actor, **{p: getattr(d, p) for p in POLA_PLANU})
        for d in stare])
    Przez = Dzialanie.cele.through
    Przez.objects.bulk_create([Przez(dzialanie_id=kopia.pk, cel_id=c.pk)
                               for d, kopia in zip(stare, kopie, strict=True) for c in d.cele.all()])
    audit(actor, "hdr.wersja_nowa", hdr, {"numer": nowa.numer, "powod": powod, "dzialan": len(kopie)})
    return nowa


# --- The diff between versions ----------------------------------------------------------------


def _etykiety_pol() -> dict:
    return {
        "nazwa": _("nazwa"), "opis": _("opis i kroki"), "narzedzia_inne": _("inne narzędzia"),
        "wspolrealizatorzy": _("współrealizatorzy"), "od": _("początek"), "do": _("koniec"),
        "zasoby_ludzie": _("zasoby ludzkie"), "kwota": _("kwota"), "zrodlo_finansowania": _("źródło finansowania"),
        "materialy": _("zasoby materialne"), "miernik": _("miernik sukcesu"), "wartosc_bazowa": _("wartość bazowa"),
        "wartosc_docelowa": _("wartość docelowa"), "sposob_monitorowania": _("sposób monitorowania"),
        "forma_raportu": _("forma raportu końcowego"), "autor_raportu": _("autor raportu"),
    }


def _pokaz(name: str, value) -> str:
    if name in ("od", "do"):
        return data_pl(value)
    if name == "kwota":
        return kwota_pl(value)
    if name == "forma_raportu":
        return _cytat(dict(FormaRaportu.choices).get(value, value)) if value else "—"
    return _cytat(value)


def _zmiany_zbioru(etykieta: str, przed: list[str], po: list[str]) -> str | None:
    dodane = [x for x in po if x not in przed]
    usuniete = [x for x in przed if x not in po]
    if not dodane and not usuniete:
        return None
    czesci = []
    if dodane:
        czesci.append(_("dodano %(x)s") % {"x": ", ".join(_cytat(x) for x in dodane)})
    if usuniete:
        czesci.append(_("usunięto %(x)s") % {"x": ", ".join(_cytat(x) for x in usuniete)})
    return _("%(pole)s: %(zmiany)s") % {"pole": etykieta, "zmiany": "; ".join(czesci)}


def _zmiany_dzialania(a: Dzialanie, b: Dzialanie) -> list[str]:
    """What changed in one action between two versions (plan fields only)."""
    etykiety = _etykiety_pol()
    zmiany = []
    for name in ("nazwa", "od", "do"):
        if getattr(a, name) != getattr(b, name):
            zmiany.append(f"{etykiety[name]} {_pokaz(name, getattr(a, name))} → {_pokaz(name, getattr(b, name))}")
    if osoba_odpowiedzialna(a) != osoba_odpowiedzialna(b):
        zmiany.append(_("osoba odpowiedzialna %(a)s → %(b)s") % {"a": _cytat(osoba_odpowiedzialna(a)),
                                                                 "b": _cytat(osoba_odpowiedzialna(b))})
    if a.opis != b.opis:
        zmiany.append(_("zmieniono opis i kroki"))
    for name in ("wspolrealizatorzy", "zasoby_ludzie", "kwota", "zrodlo_finansowania", "materialy", "miernik",
                 "wartosc_bazowa", "wartosc_docelowa", "sposob_monitorowania", "narzedzia_inne"):
        if getattr(a, name) != getattr(b, name):
            zmiany.append(f"{etykiety[name]} {_pokaz(name, getattr(a, name))} → {_pokaz(name, getattr(b, name))}")
    for linia in (_zmiany_zbioru(_("narzędzia"), list(a.narzedzia or []), list(b.narzedzia or [])),
                  _zmiany_zbioru(_("cele"), [str(c) for c in a.cele.all()], [str(c) for c in b.cele.all()])):
        if linia:
            zmiany.append(linia)
    if a.raport_koncowy != b.raport_koncowy:
        zmiany.append(_("oznaczone jako raport końcowy") if b.raport_koncowy
                      else _("już nie jest raportem końcowym"))
    elif b.raport_koncowy:
        for name in ("forma_raportu", "autor_raportu"):
            if getattr(a, name) != getattr(b, name):
                zmiany.append(f"{etykiety[name]} {_pokaz(name, getattr(a, name))} → {_pokaz(name, getattr(b, name))}")
    return zmiany


def roznice(poprzednia: WersjaHdr | None, wersja: WersjaHdr, przed: list[Dzialanie], po: list[Dzialanie]) -> list[str]:
    """The Polish diff of version `wersja` against `poprzednia`, from the two versions' rows matched by
    `klucz`: the period, the risks, added and removed actions, and each changed plan field."""
    if poprzednia is None:
        return []
    out = []
    if (poprzednia.okres_od, poprzednia.okres_do) != (wersja.okres_od, wersja.okres_do):
        out.append(_("Okres HDR: %(a)s → %(b)s") % {
            "a": f"{data_pl(poprzednia.okres_od)} – {data_pl(poprzednia.okres_do)}",
            "b": f"{data_pl(wersja.okres_od)} – {data_pl(wersja.okres_do)}"})
    if poprzednia.ryzyka.strip() != wersja.ryzyka.strip():
        out.append(_("Zmieniono ryzyka i założenia."))
    stare = {d.klucz: d for d in przed}
    nowe = {d.klucz for d in po}
    for d in po:
        if d.klucz not in stare:
            out.append(_("Dodano działanie „%(d)s” (%(od)s – %(do)s)") % {"d": d.nazwa, "od": data_pl(d.od),
                                                                         "do": data_pl(d.do)})
    for d in przed:
        if d.klucz not in nowe:
            out.append(_("Usunięto działanie „%(d)s”") % {"d": d.nazwa})
    for d in po:
        if d.klucz in stare:
            for zmiana in _zmiany_dzialania(stare[d.klucz], d):
                out.append(_("Działanie „%(d)s”: %(zmiana)s") % {"d": d.nazwa, "zmiana": zmiana})
    return out


__all__ = ["KonfliktWersji"]
