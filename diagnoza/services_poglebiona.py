"""The deep diagnosis (diagnoza pogłębiona) of the chosen area: findings („Jak jest?”) with evidence from
the data task, target states, causes, development gaps (priority with a rank, or postponed with a
reason), SMART goals of the priority gaps, and the review (submit → `diagnoza_poglebiona`).

Every item carries a version: a stale edit saves nothing (KonfliktWersji). Reads used by the page are
here too, with fixed query counts; `luki_priorytetowe` and `diagnoza_dla` are what hdr/ reads."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from diagnoza.models import (
    Cel,
    DiagnozaPoglebiona,
    Luka,
    Przyczyna,
    StanDocelowy,
    Ustalenie,
    WartoscWskaznika,
    WyborObszaru,
)
from doradztwo.audit import audit
from doradztwo.kolejnosc import nastepna, przesun
from doradztwo.models import Plik
from doradztwo.przeglad import zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import zablokuj_wersje

# URL slug → model of an item. The order is the page's order of sections.
RODZAJE: dict[str, type[models.Model]] = {
    "ustalenia": Ustalenie,
    "stany": StanDocelowy,
    "przyczyny": Przyczyna,
    "luki": Luka,
    "cele": Cel,
}
# Text fields saved one by one (autosave); everything else goes through the item's form.
POLA_TEKSTOWE: dict[str, tuple[str, ...]] = {
    "ustalenia": ("tresc",),
    "stany": ("tresc",),
    "przyczyny": ("tresc", "interesariusze"),
    "luki": ("tresc",),
    "cele": ("tresc", "wskaznik", "wartosc_bazowa", "wartosc_docelowa"),
}
LIMITY = {"tresc": 5000, "interesariusze": 500, "wskaznik": 300, "wartosc_bazowa": 100, "wartosc_docelowa": 100,
          "powod_odlozenia": 2000}
WYMAGANE = {"tresc", "wskaznik", "wartosc_bazowa", "wartosc_docelowa"}
MAKS_RANGA = 99


def rodzaj_pozycji(pozycja) -> str:
    return next(k for k, m in RODZAJE.items() if isinstance(pozycja, m))


def _diagnoza_pozycji(pozycja) -> DiagnozaPoglebiona:
    return pozycja.luka.diagnoza if isinstance(pozycja, Cel) else pozycja.diagnoza


def _pole_czasu(pozycja) -> str:
    return "zmieniony" if isinstance(pozycja, Cel) else "zmieniona"


# --- Reads ------------------------------------------------------------------------------------


def diagnoza_dla(udzial) -> DiagnozaPoglebiona | None:
    """The participation's deep diagnosis, or None before the team wrote anything."""
    return DiagnozaPoglebiona.objects.filter(udzial=udzial).first()


def luki_priorytetowe(udzial) -> list[Luka]:
    """The priority gaps of the participation's deep diagnosis, by rank, their goals prefetched
    (two queries)."""
    return list(Luka.objects.filter(diagnoza__udzial=udzial, status=Luka.Status.PRIORYTET)
                .select_related("ustalenie", "stan_docelowy")
                .prefetch_related(Prefetch("cele", queryset=Cel.objects.select_related("zmienil")
                                           .order_by("kolejnosc", "pk")))
                .order_by("ranga", "kolejnosc", "pk"))


def zawartosc(diagnoza: DiagnozaPoglebiona | None) -> dict[str, list]:
    """Every item of the diagnosis for the page, by section; a fixed number of queries (eight)
    whatever the number of items. Goals come as the gaps' prefetched `cele`."""
    if diagnoza is None:
        return {**{k: [] for k in RODZAJE}, "priorytetowe": []}
    ustalenia = list(Ustalenie.objects.filter(diagnoza=diagnoza).select_related("zmienil").prefetch_related(
        Prefetch("wartosci", queryset=WartoscWskaznika.objects.select_related("wskaznik").order_by(
            "wskaznik__nazwa", "rok", "okres")),
        Prefetch("pliki", queryset=Plik.objects.order_by("nazwa", "pk")),
    ).order_by("kolejnosc", "pk"))
    stany = list(StanDocelowy.objects.filter(diagnoza=diagnoza).select_related("zmienil").order_by("kolejnosc", "pk"))
    przyczyny = list(Przyczyna.objects.filter(diagnoza=diagnoza).select_related("zmienil").order_by("kolejnosc", "pk"))
    luki = list(Luka.objects.filter(diagnoza=diagnoza).select_related("zmienil", "ustalenie", "stan_docelowy")
                .prefetch_related(Prefetch("przyczyny", queryset=Przyczyna.objects.order_by("kolejnosc", "pk")),
                                  Prefetch("cele", queryset=Cel.objects.select_related("zmienil")
                                           .order_by("kolejnosc", "pk")))
                .order_by("kolejnosc", "pk"))
    # Positions shown to people ("Ustalenie 2") follow the team's order.
    for lista in (ustalenia, stany, przyczyny, luki):
        for nr, pozycja in enumerate(lista, start=1):
            pozycja.numer = nr
    numery = {"ustalenie": {u.pk: u.numer for u in ustalenia}, "stan": {s.pk: s.numer for s in stany}}
    for luka in luki:
        luka.numer_ustalenia = numery["ustalenie"].get(luka.ustalenie_id)
        luka.numer_stanu = numery["stan"].get(luka.stan_docelowy_id)
    priorytetowe = sorted((luka for luka in luki if luka.status == Luka.Status.PRIORYTET),
                          key=lambda luka: (luka.ranga or 0, luka.kolejnosc, luka.pk))
    cele = [cel for luka in priorytetowe for cel in luka.cele.all()]
    for pozycja in [*ustalenia, *stany, *przyczyny, *luki, *cele]:
        pozycja.kiedy = getattr(pozycja, _pole_czasu(pozycja))  # "who and when" reads one name
    return {"ustalenia": ustalenia, "stany": stany, "przyczyny": przyczyny, "luki": luki,
            "priorytetowe": priorytetowe, "cele": cele}


def braki(diagnoza: DiagnozaPoglebiona | None, tresc: dict[str, list] | None = None) -> list[str]:
    """What stops the submission, in Polish, in the order the team works. `tresc`: the diagnosis's
    `zawartosc`, when the page has loaded it already (then no query)."""
    if diagnoza is None:
        return [_("Dodaj co najmniej jedno ustalenie („Jak jest?”)."),
                _("Dodaj co najmniej jeden stan docelowy („Jak chcemy, żeby było?”)."),
                _("Dodaj co najmniej jedną przyczynę („Co powoduje…?”)."),
                _("Dodaj co najmniej jedną lukę rozwojową.")]
    out = []
    if not (tresc["ustalenia"] if tresc is not None else Ustalenie.objects.filter(diagnoza=diagnoza).exists()):
        out.append(_("Dodaj co najmniej jedno ustalenie („Jak jest?”)."))
    if not (tresc["stany"] if tresc is not None else StanDocelowy.objects.filter(diagnoza=diagnoza).exists()):
        out.append(_("Dodaj co najmniej jeden stan docelowy („Jak chcemy, żeby było?”)."))
    if not (tresc["przyczyny"] if tresc is not None else Przyczyna.objects.filter(diagnoza=diagnoza).exists()):
        out.append(_("Dodaj co najmniej jedną przyczynę („Co powoduje…?”)."))
    # `zawartosc` loads the gaps in this order with their goals prefetched.
    luki = tresc["luki"] if tresc is not None else list(
        Luka.objects.filter(diagnoza=diagnoza).prefetch_related("cele").order_by("kolejnosc", "pk"))
    if not luki:
        out.append(_("Dodaj co najmniej jedną lukę rozwojową."))
        return out
    for nr, luka in enumerate(luki, start=1):
        if luka.status == Luka.Status.NOWA:
            out.append(_("Luka %(nr)d: zdecydujcie, czy to priorytet, czy luka odłożona.") % {"nr": nr})
        elif luka.status == Luka.Status.PRIORYTET and not luka.cele.all():
            out.append(_("Luka %(nr)d (priorytet): dodaj co najmniej jeden cel.") % {"nr": nr})
    if not any(luka.status == Luka.Status.PRIORYTET for luka in luki):
        out.append(_("Wybierzcie co najmniej jedną lukę jako priorytet."))
    return out


# --- Helpers ----------------------------------------------------------------------------------


def _sprawdz_otwarta(diagnoza: DiagnozaPoglebiona) -> None:
    if zablokowany(diagnoza.stan):
        raise ValidationError(_("Diagnoza pogłębiona jest złożona — zmiany są zablokowane, dopóki koordynator "
                                "jej nie zwróci lub nie otworzy."))


def _zablokuj_diagnoze(diagnoza: DiagnozaPoglebiona) -> DiagnozaPoglebiona:
    """Lock the diagnosis (changes to one diagnosis run one after another) and check it is open."""
    diagnoza = DiagnozaPoglebiona.objects.select_for_update().get(pk=diagnoza.pk)
    _sprawdz_otwarta(diagnoza)
    return diagnoza


def _tekst(value, pole: str, errors: dict) -> str:
    text = str(value if value is not None else "").replace("\x00", "").replace("\r\n", "\n").strip()
    limit = LIMITY.get(pole)
    if limit and len(text) > limit:
        errors[pole] = [_("Tekst może mieć najwyżej %(n)d znaków (ma %(m)d).") % {"n": limit, "m": len(text)}]
    elif pole in WYMAGANE and not text:
        errors[pole] = [_("To pole jest wymagane.")]
    return text


def _ids(values) -> list[int]:
    if values in (None, ""):
        return []
    if isinstance(values, (str, int)):
        values = [values]
    return sorted({int(v) for v in values if str(v).strip().isdigit()})


def _jeden(queryset, value, pole: str, errors: dict, komunikat: str):
    ids = _ids(value)
    obj = queryset.filter(pk=ids[0]).first() if len(ids) == 1 else None
    if obj is None:
        errors[pole] = [komunikat]
    return obj


def _wiele(queryset, values, pole: str, errors: dict, komunikat: str) -> list:
    ids = _ids(values)
    found = list(queryset.filter(pk__in=ids)) if ids else []
    if len(found) != len(ids):
        errors[pole] = [komunikat]
    return found


def termin_z_tekstu(value) -> datetime.date:
    """A deadline typed as dd.mm.rrrr (also d.m.rrrr), or ISO rrrr-mm-dd as a date input sends it."""
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValidationError(_("Podaj termin."))
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    parts = (int(match[3]), int(match[2]), int(match[1])) if match else None
    if parts is None:
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        parts = (int(match[1]), int(match[2]), int(match[3])) if match else None
    if parts is None:
        raise ValidationError(_("Podaj datę w formacie dd.mm.rrrr, np. 30.06.2023."))
    try:
        termin = datetime.date(*parts)
    except ValueError:
        raise ValidationError(_("Taki dzień nie istnieje — sprawdź datę.")) from None
    if not 2000 <= termin.year <= 2100:
        raise ValidationError(_("Podaj datę z lat 2000–2100."))
    return termin


def _dane(diagnoza: DiagnozaPoglebiona, rodzaj: str, dane: dict, pozycja=None) -> tuple[dict, dict]:
    """Validate what was typed for an item of `rodzaj`: (fields, many-to-many). Errors as a dict
    keyed by field, all at once."""
    errors: dict = {}
    pola: dict = {"tresc": _tekst(dane.get("tresc"), "tresc", errors)}
    m2m: dict = {}
    if rodzaj == "ustalenia":
        m2m["wartosci"] = _wiele(WartoscWskaznika.objects.filter(udzial_id=diagnoza.udzial_id), dane.get("wartosci"),
                                 "wartosci", errors, _("Wybierz wartości wskaźników z zadania tej JST."))
        m2m["pliki"] = _wiele(Plik.objects.filter(udzial_id=diagnoza.udzial_id), dane.get("pliki"), "pliki", errors,
                              _("Wybierz pliki tej JST."))
    elif rodzaj == "przyczyny":
        kategoria = str(dane.get("kategoria") or "")
        if kategoria not in Przyczyna.Kategoria.values:
            errors["kategoria"] = [_("Wybierz kategorię przyczyny.")]
        pola["kategoria"] = kategoria
        pola["interesariusze"] = _tekst(dane.get("interesariusze"), "interesariusze", errors)
    elif rodzaj == "luki":
        pola["ustalenie"] = _jeden(Ustalenie.objects.filter(diagnoza=diagnoza), dane.get("ustalenie"), "ustalenie",
                                   errors, _("Wybierz ustalenie („Jak jest?”) z tej diagnozy."))
        pola["stan_docelowy"] = _jeden(StanDocelowy.objects.filter(diagnoza=diagnoza), dane.get("stan_docelowy"),
                                       "stan_docelowy", errors,
                                       _("Wybierz stan docelowy („Jak chcemy, żeby było?”) z tej diagnozy."))
        m2m["przyczyny"] = _wiele(Przyczyna.objects.filter(diagnoza=diagnoza), dane.get("przyczyny"), "przyczyny",
                                  errors, _("Wybierz przyczyny z tej diagnozy."))
        status = str(dane.get("status") or Luka.Status.NOWA)
        if status not in Luka.Status.values:
            errors["status"] = [_("Wybierz decyzję.")]
            status = Luka.Status.NOWA
        pola["status"] = status
        ranga = None
        if status == Luka.Status.PRIORYTET:
            text = str(dane.get("ranga") or "").strip()
            if not text:
                errors["ranga"] = [_("Podaj miejsce luki wśród priorytetów (1 — najważniejsza).")]
            elif not text.isdigit() or not 1 <= int(text) <= MAKS_RANGA:
                errors["ranga"] = [_("Podaj liczbę całkowitą od 1 do %(n)d.") % {"n": MAKS_RANGA}]
            else:
                ranga = int(text)
        pola["ranga"] = ranga
        powod = _tekst(dane.get("powod_odlozenia"), "powod_odlozenia", errors)
        if status == Luka.Status.ODLOZONA and not powod and "powod_odlozenia" not in errors:
            errors["powod_odlozenia"] = [_("Napisz, dlaczego odkładacie tę lukę.")]
        pola["powod_odlozenia"] = powod if status == Luka.Status.ODLOZONA else ""
        if pozycja is not None and status != Luka.Status.PRIORYTET and pozycja.cele.exists():
            errors["status"] = [_("Ta luka ma cele — usuń je, zanim zmienisz decyzję o priorytecie.")]
    elif rodzaj == "cele":
        del pola["tresc"]
        pola["luka"] = _jeden(Luka.objects.filter(diagnoza=diagnoza, status=Luka.Status.PRIORYTET), dane.get("luka"),
                              "luka", errors, _("Cele dotyczą luk priorytetowych — wybierz jedną z nich."))
        for pole in POLA_TEKSTOWE["cele"]:
            pola[pole] = _tekst(dane.get(pole), pole, errors)
        try:
            pola["termin"] = termin_z_tekstu(dane.get("termin"))
        except ValidationError as e:
            errors["termin"] = e.messages
    if errors:
        raise ValidationError(errors)
    return pola, m2m


def _zapisz(pozycja, pola: dict, m2m: dict, actor) -> list[str]:
    """Apply changes to a locked item; bump its version, who and when. Returns what changed."""
    changed = [name for name, value in pola.items() if getattr(pozycja, name) != value]
    changed_m2m = [name for name, objs in m2m.items()
                   if {o.pk for o in getattr(pozycja, name).all()} != {o.pk for o in objs}]
    if not changed and not changed_m2m:
        return []
    for name in changed:
        setattr(pozycja, name, pola[name])
    for name in changed_m2m:
        getattr(pozycja, name).set(m2m[name])
    pozycja.wersja += 1
    pozycja.zmienil = actor
    pozycja._history_user = actor
    pozycja.save(update_fields=[*changed, "wersja", "zmienil", _pole_czasu(pozycja)])
    return changed + changed_m2m


def _uloz_rangi(diagnoza: DiagnozaPoglebiona, luka: Luka | None, ranga: int | None) -> None:
    """Priority ranks stay 1..n without gaps: `luka` goes to `ranga` (None: leaves the priorities)
    and the others move; a gap whose rank changed gets a new version."""
    inne = list(Luka.objects.select_for_update().filter(diagnoza=diagnoza, status=Luka.Status.PRIORYTET)
                .exclude(pk=luka.pk if luka else None).order_by("ranga", "kolejnosc", "pk"))
    if luka is not None and ranga is not None:
        inne.insert(min(ranga, len(inne) + 1) - 1, luka)
    for nr, item in enumerate(inne, start=1):
        if item is luka:
            item.ranga = nr
        elif item.ranga != nr:
            Luka.objects.filter(pk=item.pk).update(ranga=nr, wersja=models.F("wersja") + 1)


# --- The diagnosis and its items --------------------------------------------------------------


@transaction.atomic
def diagnoza_zaloz(*, udzial, actor) -> DiagnozaPoglebiona:
    """The participation's deep diagnosis (created once, after the area of the sheet was chosen)."""
    istniejaca = DiagnozaPoglebiona.objects.filter(udzial=udzial).first()
    if istniejaca:
        return istniejaca
    if not WyborObszaru.objects.filter(udzial=udzial).exists():
        raise ValidationError(_("Diagnoza pogłębiona zaczyna się po wyborze obszaru z arkusza diagnostycznego."))
    try:
        with transaction.atomic():
            diagnoza = DiagnozaPoglebiona.objects.create(udzial=udzial)
    except IntegrityError:  # two members at once
        return DiagnozaPoglebiona.objects.get(udzial=udzial)
    audit(actor, "poglebiona.zalozona", diagnoza, {"udzial": udzial.pk})
    return diagnoza


@transaction.atomic
def pozycja_dodaj(*, diagnoza: DiagnozaPoglebiona, rodzaj: str, dane: dict, actor):
    """A new item of `rodzaj` (finding, target state, cause, gap, goal) at the end of its list.
    `dane`: what was typed, field by field (ids for choices). Field errors as a dict."""
    diagnoza = _zablokuj_diagnoze(diagnoza)
    model = RODZAJE[rodzaj]
    pola, m2m = _dane(diagnoza, rodzaj, dane)
    if rodzaj == "cele":
        kolejnosc = nastepna(Cel.objects.filter(luka=pola["luka"]))
        pozycja = Cel(kolejnosc=kolejnosc, zmienil=actor, **pola)
    else:
        kolejnosc = nastepna(model.objects.filter(diagnoza=diagnoza))
        ranga = pola.pop("ranga", None)
        pozycja = model(diagnoza=diagnoza, kolejnosc=kolejnosc, zmienil=actor, **pola)
        if rodzaj == "luki" and pozycja.status == Luka.Status.PRIORYTET:
            _uloz_rangi(diagnoza, pozycja, ranga)  # sets this gap's rank, moves the others
    pozycja._history_user = actor
    pozycja.save()
    for name, objs in m2m.items():
        getattr(pozycja, name).set(objs)
    audit(actor, f"poglebiona.{rodzaj}_dodane", diagnoza, {"pozycja": pozycja.pk})
    return pozycja


@transaction.atomic
def pozycja_zmien(*, pozycja, dane: dict, wersja, actor):
    """Change an item with the version its form was opened with (stale: KonfliktWersji, nothing
    saved). A gap's decision (priority with a rank, postponed with a reason) is part of its form."""
    diagnoza = _zablokuj_diagnoze(_diagnoza_pozycji(pozycja))
    rodzaj = rodzaj_pozycji(pozycja)
    pozycja = zablokuj_wersje(type(pozycja), pozycja.pk, wersja)
    pola, m2m = _dane(diagnoza, rodzaj, dane, pozycja=pozycja)
    ranga = pola.pop("ranga", None) if rodzaj == "luki" else None
    if rodzaj == "cele" and pola["luka"].pk != pozycja.luka_id:
        pozycja.kolejnosc = nastepna(Cel.objects.filter(luka=pola["luka"]))
        pola["kolejnosc"] = pozycja.kolejnosc
    changed = _zapisz(pozycja, pola, m2m, actor)
    if rodzaj == "luki":
        stara_ranga = pozycja.ranga
        _uloz_rangi(diagnoza, pozycja if pozycja.status == Luka.Status.PRIORYTET else None, ranga)
        if pozycja.status != Luka.Status.PRIORYTET:
            pozycja.ranga = None
        if pozycja.ranga != stara_ranga:
            if not changed:  # only the rank moved: still a change of this gap
                pozycja.wersja += 1
                pozycja.zmienil = actor
            pozycja._history_user = actor
            pozycja.save(update_fields=["ranga", "wersja", "zmienil", "zmieniona"])
            changed.append("ranga")
    if changed:
        audit(actor, f"poglebiona.{rodzaj}_zmienione", diagnoza, {"pozycja": pozycja.pk, "pola": changed})
    return pozycja


@transaction.atomic
def pozycja_zapisz_pole(*, pozycja, pole: str, wartosc, wersja, actor):
    """Autosave of one text field. The same value saved twice is no conflict (a resend after the
    connection came back); a different value over a newer version is KonfliktWersji. The returned
    item's `zapisano` says whether this call wrote it (False: it already held that text)."""
    diagnoza = _zablokuj_diagnoze(_diagnoza_pozycji(pozycja))
    rodzaj = rodzaj_pozycji(pozycja)
    if pole not in POLA_TEKSTOWE[rodzaj]:
        raise ValidationError(_("Tego pola nie można zapisać w ten sposób."))
    errors: dict = {}
    text = _tekst(wartosc, pole, errors)
    if errors:
        raise ValidationError(errors[pole])
    try:
        pozycja = zablokuj_wersje(type(pozycja), pozycja.pk, wersja)
    except KonfliktWersji as conflict:
        if getattr(conflict.aktualny, pole) == text:
            conflict.aktualny.zapisano = False
            return conflict.aktualny
        raise
    pozycja.zapisano = bool(_zapisz(pozycja, {pole: text}, {}, actor))
    if pozycja.zapisano:
        audit(actor, f"poglebiona.{rodzaj}_zmienione", diagnoza, {"pozycja": pozycja.pk, "pola": [pole]})
    return pozycja


@transaction.atomic
def pozycja_usun(*, pozycja, actor) -> None:
    """Delete an item. A finding or target state a gap uses, a gap with goals and a goal an HDR
    action serves are refused (the team unlinks them first)."""
    diagnoza = _zablokuj_diagnoze(_diagnoza_pozycji(pozycja))
    rodzaj = rodzaj_pozycji(pozycja)
    if rodzaj in ("ustalenia", "stany"):
        numery = list(Luka.objects.filter(diagnoza=diagnoza).order_by("kolejnosc", "pk").values_list(
            "ustalenie_id" if rodzaj == "ustalenia" else "stan_docelowy_id", flat=True))
        uzyte = [str(nr) for nr, pk in enumerate(numery, start=1) if pk == pozycja.pk]
        if uzyte:
            message = (_("Tego ustalenia używa luka rozwojowa nr %(luki)s — najpierw zmień lub usuń tę lukę.")
                       if rodzaj == "ustalenia" else
                       _("Tego stanu docelowego używa luka rozwojowa nr %(luki)s — najpierw zmień lub usuń tę lukę."))
            raise ValidationError(message % {"luki": ", ".join(uzyte)})
    if rodzaj == "luki" and pozycja.cele.exists():
        raise ValidationError(_("Ta luka ma cele — najpierw usuń jej cele."))
    # hdr/ links actions to goals (reverse accessor `dzialania`); diagnoza never imports hdr.
    if rodzaj == "cele" and hasattr(pozycja, "dzialania") and pozycja.dzialania.exists():
        raise ValidationError(_("Temu celowi służą działania HDR — najpierw odłącz je w HDR."))
    pozycja._history_user = actor
    audit(actor, f"poglebiona.{rodzaj}_usuniete", diagnoza, {"pozycja": pozycja.pk, "tresc": pozycja.tresc[:200]})
    byl_priorytet = rodzaj == "luki" and pozycja.status == Luka.Status.PRIORYTET
    pozycja.delete()
    if byl_priorytet:
        _uloz_rangi(diagnoza, None, None)


@transaction.atomic
def pozycja_przesun(*, pozycja, kierunek: str, actor) -> bool:
    """Move an item one place up ("gora") or down ("dol") in its list (goals within their gap).
    The order is not content: versions stay, so nobody's edit becomes stale. Returns whether it moved."""
    diagnoza = _zablokuj_diagnoze(_diagnoza_pozycji(pozycja))
    model = type(pozycja)
    grupa = model.objects.filter(luka_id=pozycja.luka_id) if isinstance(pozycja, Cel) \
        else model.objects.filter(diagnoza=diagnoza)
    if not przesun(grupa, pozycja, kierunek):
        return False
    audit(actor, f"poglebiona.{rodzaj_pozycji(pozycja)}_przesuniete", diagnoza,
          {"pozycja": pozycja.pk, "kierunek": kierunek})
    return True


# --- Review -----------------------------------------------------------------------------------


@transaction.atomic
def diagnoza_zmien_stan(*, diagnoza: DiagnozaPoglebiona, akcja: str, powod: str = "", actor) -> DiagnozaPoglebiona:
    """Submit (the leader; everything complete → `diagnoza_poglebiona`), return with a reason,
    approve, reopen with a reason — the review-state helper, audited and notified like the task."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import override

    from doradztwo.przeglad import PRZEGLAD, zmien_stan
    from jst.services import _zablokuj, odbiorcy_przegladu, udzial_przesun_etap

    udzial = _zablokuj(diagnoza.udzial)
    if akcja == "zloz":
        missing = braki(diagnoza)
        if missing:
            raise ValidationError(_("Diagnozy nie można jeszcze złożyć. Brakuje: %(braki)s")
                                  % {"braki": " ".join(missing)})
    odbiorcy = odbiorcy_przegladu(udzial, akcja)
    with override(settings.LANGUAGE_CODE):
        tytul = {
            "zloz": _("Diagnoza pogłębiona %(jst)s złożona"),
            "zwroc": _("Diagnoza pogłębiona %(jst)s zwrócona do uzupełnienia"),
            "zatwierdz": _("Diagnoza pogłębiona %(jst)s zatwierdzona"),
            "otworz": _("Diagnoza pogłębiona %(jst)s otwarta ponownie"),
        }.get(akcja, "") % {"jst": udzial.jst.nazwa_pelna}
    zmien_stan(diagnoza, przejscia=PRZEGLAD, akcja=akcja, pole="stan", actor=actor, nazwa="poglebiona",
               powod=powod, odbiorcy=odbiorcy, tytul=tytul, link=reverse("diagnoza:poglebiona", args=[udzial.pk]))
    if akcja == "zloz":
        udzial_przesun_etap(udzial=udzial, etap="diagnoza_poglebiona", actor=actor,
                            powod=_("Diagnoza pogłębiona złożona"))
    diagnoza.refresh_from_db()
    return diagnoza


__all__ = ["KonfliktWersji", "diagnoza_dla", "luki_priorytetowe"]
