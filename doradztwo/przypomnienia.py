"""Reminders by Celery beat (issue 10): the kinds registry, an edition's rules, and the pass that sends
each reminder at most once.

Each app finds its own due items in `<app>/reminders.py` and registers its kinds with `zarejestruj()`;
this module never imports an app to its right: `autodiscover_modules("reminders")` loads them, as the
admin loads `admin.py`. `raporty/reminders.py` adds the final report and the coordinators' weekly digest,
which lists the late items of every kind marked `zaleglosc`.

Rules are edition settings (`RegulaPrzypomnienia`). No row means the kind's defaults, so a new edition
(or a new kind) needs no data migration and a page view never writes; the first save creates the row.

At most once per kind, recipient, object and period: `WyslanePrzypomnienie` carries a unique
constraint, and `_wyslij_raz()` sends only when its own INSERT of that row succeeded. The INSERT, the
bell entry and the outbox e-mail are one transaction: they commit together or not at all, so a process
killed half-way leaves nothing that claims a reminder it never sent. A concurrent run blocks on the unique
index until the first commits, then finds the row and sends nothing. E-mails leave through the outbox,
one Celery task each, retried with backoff (`doradztwo.tasks.wyslij_email`), so one failing address never
holds up the others. A run is bounded (`LIMIT` reminders, `CZAS` seconds); the rest waits for the next
beat tick, and what was already sent is filtered out with one query per rule.

Opting out is the notifications' own mechanism: reminders are optional kinds ("przypomnienie.<kod>")
and `powiadom()` skips people who switched them off (`WylaczeniePowiadomien`, read by
`doradztwo.powiadomienia._wylaczyli`). A reminder nobody received is logged as `pominiete`."""

import datetime
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.audit import audit
from doradztwo.models import Edycja, RegulaPrzypomnienia, WylaczeniePowiadomien, WyslanePrzypomnienie
from doradztwo.powiadomienia import powiadom
from doradztwo.services import KonfliktWersji

PREFIKS = "przypomnienie."
LIMIT = 500  # reminders per run; the next beat tick continues
CZAS = 200.0  # seconds per run; the Celery task's soft time limit is above it
# A timesheet of an edition's last month is due in the month after the edition ends.
OKNO_PO_KONCU = datetime.timedelta(days=45)


@dataclass(frozen=True)
class RodzajPrzypomnienia:
    """A kind of reminder. `zbierz(regula, dzis)` returns the due items (`Nalezne`) of one edition."""

    kod: str
    nazwa: str
    opis: str
    adresaci: str
    zbierz: Callable[["Regula", datetime.date], Iterable["Nalezne"]]
    kolejnosc: int = 100
    parametr: str = ""  # the label of `dni`; empty: the kind has no parameter
    domyslnie: int | None = None
    minimum: int = 1
    maksimum: int = 31
    domyslnie_wlaczona: bool = True
    # Its items are late work: the coordinators' weekly digest lists them.
    zaleglosc: bool = False

    @property
    def rodzaj_powiadomienia(self) -> str:
        return PREFIKS + self.kod


@dataclass(frozen=True)
class Regula:
    """An edition's effective rule for one kind: the saved row, or the kind's defaults."""

    edycja: Edycja
    rodzaj: RodzajPrzypomnienia
    wlaczona: bool
    dni: int | None
    zapisana: RegulaPrzypomnienia | None = None

    @property
    def wersja(self) -> int:
        return self.zapisana.wersja if self.zapisana else 0

    @property
    def domyslna(self) -> bool:
        return self.zapisana is None

    def horyzont(self, dzis: datetime.date) -> datetime.date:
        """The last day of an "N days before" kind's window, which starts today."""
        return dzis + datetime.timedelta(days=self.dni or 0)


def dni_wczesniej(*, domyslnie: int, maksimum: int) -> dict:
    """`RodzajPrzypomnienia` arguments of a kind sent N days before something starts or is due."""
    return {"parametr": gettext_lazy("Ile dni wcześniej"), "domyslnie": domyslnie, "minimum": 1, "maksimum": maksimum}


# `RodzajPrzypomnienia` arguments of late work, reminded N days after its deadline (and in the digest).
PO_TERMINIE = {"zaleglosc": True, "parametr": gettext_lazy("Ile dni po terminie"), "domyslnie": 1, "minimum": 1,
               "maksimum": 60}


@dataclass
class Nalezne:
    """One due item: what it is about (`obiekt`, `okres`), who gets it and the Polish texts."""

    obiekt: models.Model
    okres: str
    odbiorcy: list
    tytul: str
    tresc: str = ""
    link: str = ""
    opis: str = ""  # the sent log's line ("Gmina Dwikozy — arkusz diagnostyczny, termin 15.11.2026")
    id_obiektu: str = ""  # defaults to the object's pk (HDR actions use their stable key)

    @property
    def klucz_obiektu(self) -> str:
        return self.id_obiektu or str(self.obiekt.pk)


# --- The registry ---------------------------------------------------------------------------------

_RODZAJE: dict[str, RodzajPrzypomnienia] = {}
_odkryte = False


def zarejestruj(rodzaj: RodzajPrzypomnienia) -> RodzajPrzypomnienia:
    """Called at import by each app's `reminders.py`."""
    _RODZAJE[rodzaj.kod] = rodzaj
    return rodzaj


def _odkryj() -> None:
    global _odkryte
    if not _odkryte:
        autodiscover_modules("reminders")
        _odkryte = True


def rodzaje() -> list[RodzajPrzypomnienia]:
    _odkryj()
    return sorted(_RODZAJE.values(), key=lambda r: (r.kolejnosc, r.kod))


def rodzaj(kod: str) -> RodzajPrzypomnienia | None:
    _odkryj()
    return _RODZAJE.get(kod)


# --- Rules ----------------------------------------------------------------------------------------


def _regula(edycja: Edycja, rodzaj_: RodzajPrzypomnienia, zapisana: RegulaPrzypomnienia | None) -> Regula:
    if zapisana is None:
        return Regula(edycja, rodzaj_, rodzaj_.domyslnie_wlaczona, rodzaj_.domyslnie)
    dni = zapisana.dni if zapisana.dni is not None else rodzaj_.domyslnie
    return Regula(edycja, rodzaj_, zapisana.wlaczona, dni, zapisana)


def reguly_edycji(edycja: Edycja) -> list[Regula]:
    """Every kind's effective rule for the edition: one query."""
    zapisane = {r.rodzaj: r for r in RegulaPrzypomnienia.objects.filter(edycja=edycja).select_related("zmienil")}
    return [_regula(edycja, r, zapisane.get(r.kod)) for r in rodzaje()]


def regula_edycji(edycja: Edycja, kod: str) -> Regula | None:
    rodzaj_ = rodzaj(kod)
    if rodzaj_ is None:
        return None
    return _regula(edycja, rodzaj_, RegulaPrzypomnienia.objects.filter(edycja=edycja, rodzaj=kod).first())


@transaction.atomic
def regula_zapisz(*, edycja: Edycja, kod: str, wlaczona: bool, dni: int | None, wersja: int | None,
                  actor) -> RegulaPrzypomnienia:
    """A coordinator switches a kind on or off and sets its day/lead time. The first save creates the
    row (version 0 on the page); a stale version raises KonfliktWersji and saves nothing."""
    rodzaj_ = rodzaj(kod)
    if rodzaj_ is None:
        raise ValidationError(_("Nieznany rodzaj przypomnienia."))
    if not rodzaj_.parametr:
        dni = None
    elif dni is None or not rodzaj_.minimum <= dni <= rodzaj_.maksimum:
        raise ValidationError({"dni": _("Podaj liczbę od %(min)d do %(max)d.") % {
            "min": rodzaj_.minimum, "max": rodzaj_.maksimum}})
    # No row to lock before the first save: the edition's row serialises two first saves.
    Edycja.objects.select_for_update().filter(pk=edycja.pk).first()
    current = RegulaPrzypomnienia.objects.select_for_update().filter(edycja=edycja, rodzaj=kod).first()
    if wersja is None or int(wersja) != (current.wersja if current else 0):
        if current is None:
            current = RegulaPrzypomnienia(edycja=edycja, rodzaj=kod, wlaczona=rodzaj_.domyslnie_wlaczona,
                                          dni=rodzaj_.domyslnie, wersja=0)
        raise KonfliktWersji(current)
    if current is None:
        current = RegulaPrzypomnienia.objects.create(edycja=edycja, rodzaj=kod, wlaczona=wlaczona, dni=dni,
                                                     zmienil=actor)
    else:
        changed = [name for name, value in (("wlaczona", wlaczona), ("dni", dni)) if getattr(current, name) != value]
        if not changed:
            return current
        current.wlaczona, current.dni, current.zmienil = wlaczona, dni, actor
        current.wersja += 1
        current.save(update_fields=[*changed, "zmienil", "wersja", "zmieniona"])
    audit(actor, "edycja.przypomnienie_zmienione", edycja, {"rodzaj": kod, "wlaczona": wlaczona, "dni": dni})
    return current


def reguly_kopiuj(*, z: Edycja, do: Edycja) -> int:
    """Copy an edition's saved rules to another (for copying an edition); returns how many."""
    rows = [RegulaPrzypomnienia(edycja=do, rodzaj=r.rodzaj, wlaczona=r.wlaczona, dni=r.dni)
            for r in RegulaPrzypomnienia.objects.filter(edycja=z)]
    RegulaPrzypomnienia.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# --- Personal opt-outs (the notifications' preferences) ----------------------------------------------


class Wybor(models.TextChoices):
    WSZYSTKO = "wszystko", gettext_lazy("w systemie i e-mailem")
    DZWONEK = "dzwonek", gettext_lazy("tylko w systemie")
    NIC = "nic", gettext_lazy("nie wysyłaj")


_WYLACZONE_KANALY = {
    Wybor.WSZYSTKO: frozenset(),
    Wybor.DZWONEK: frozenset({WylaczeniePowiadomien.Kanal.EMAIL}),
    # No bell entry means no e-mail either: powiadom() sends the e-mail twin of a bell entry.
    Wybor.NIC: frozenset({WylaczeniePowiadomien.Kanal.DZWONEK, WylaczeniePowiadomien.Kanal.EMAIL}),
}


def preferencje(user) -> dict[str, str]:
    """kind code → the person's choice (Wybor) for every reminder kind: one query."""
    off: dict[str, set] = {}
    for rodzaj_powiadomienia, kanal in WylaczeniePowiadomien.objects.filter(
            uzytkownik=user, rodzaj__startswith=PREFIKS).values_list("rodzaj", "kanal"):
        off.setdefault(rodzaj_powiadomienia, set()).add(kanal)
    result = {}
    for r in rodzaje():
        kanaly = off.get(r.rodzaj_powiadomienia, set())
        result[r.kod] = (Wybor.NIC if WylaczeniePowiadomien.Kanal.DZWONEK in kanaly
                         else Wybor.DZWONEK if kanaly else Wybor.WSZYSTKO)
    return result


@transaction.atomic
def preferencje_zapisz(*, uzytkownik, wybory: dict[str, str], actor) -> list[str]:
    """Save the person's choices ({kind code: Wybor}); returns the codes that changed. Only one's own."""
    if uzytkownik.pk != actor.pk:
        raise ValidationError(_("Można zmieniać tylko własne ustawienia powiadomień."))
    teraz = preferencje(uzytkownik)
    changed = [kod for kod, wybor in wybory.items() if kod in teraz and teraz[kod] != wybor]
    for kod in changed:
        rodzaj_powiadomienia = PREFIKS + kod
        kanaly = _WYLACZONE_KANALY[Wybor(wybory[kod])]
        WylaczeniePowiadomien.objects.filter(uzytkownik=uzytkownik, rodzaj=rodzaj_powiadomienia).exclude(
            kanal__in=kanaly).delete()
        WylaczeniePowiadomien.objects.bulk_create(
            [WylaczeniePowiadomien(uzytkownik=uzytkownik, rodzaj=rodzaj_powiadomienia, kanal=k) for k in kanaly],
            ignore_conflicts=True)
    if changed:
        audit(actor, "powiadomienia.ustawienia_zmienione", uzytkownik, {k: wybory[k] for k in changed})
    return changed


# --- The pass ---------------------------------------------------------------------------------------


@dataclass
class Wynik:
    wyslane: int = 0
    pominiete: int = 0
    pozostalo: bool = False  # stopped at the limit or the time budget: the next run continues


def data_pl(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def edycje_do_przypomnien(dzis: datetime.date):
    """Active editions that have started and ended at most OKNO_PO_KONCU ago (an old edition left
    active is never reminded about)."""
    return Edycja.objects.filter(status=Edycja.Status.AKTYWNA, data_od__lte=dzis,
                                 data_do__gte=dzis - OKNO_PO_KONCU).order_by("data_od", "pk")


def _stopka() -> str:
    return _("Przypomnienia tego rodzaju możesz wyłączyć w ustawieniach powiadomień.")


def _nowe(regula: Regula, nalezne: list[Nalezne]) -> list[tuple[Nalezne, object, int]]:
    """(item, recipient, content type id) pairs not yet in the sent log: one query."""
    pary, seen = [], set()
    for item in nalezne:
        ct = ContentType.objects.get_for_model(item.obiekt).pk
        for user in item.odbiorcy:
            if user is None or not user.is_active:
                continue
            key = (user.pk, ct, item.klucz_obiektu, item.okres)
            if key not in seen:
                seen.add(key)
                pary.append((item, user, ct))
    if not pary:
        return []
    sent = set(WyslanePrzypomnienie.objects.filter(
        edycja=regula.edycja, rodzaj=regula.rodzaj.kod, okres__in={item.okres for item, _u, _c in pary},
    ).values_list("odbiorca_id", "typ_obiektu_id", "id_obiektu", "okres"))
    return [(item, user, ct) for item, user, ct in pary
            if (user.pk, ct, item.klucz_obiektu, item.okres) not in sent]


def _wyslij_raz(regula: Regula, item: Nalezne, odbiorca, typ_obiektu_id: int) -> bool | None:
    """Claim (kind, recipient, object, period) and send. True: sent; False: the recipient switched the
    kind off (logged as skipped); None: another run already had it — nothing sent."""
    with transaction.atomic():
        wpis, created = WyslanePrzypomnienie.objects.get_or_create(
            rodzaj=regula.rodzaj.kod, odbiorca=odbiorca, typ_obiektu_id=typ_obiektu_id,
            id_obiektu=item.klucz_obiektu, okres=item.okres,
            defaults={"edycja": regula.edycja, "opis": item.opis[:300]},
        )
        if not created:
            return None
        tresc = f"{item.tresc}\n\n{_stopka()}" if item.tresc else _stopka()
        rows = powiadom(odbiorcy=[odbiorca], rodzaj=regula.rodzaj.rodzaj_powiadomienia, tytul=item.tytul,
                        tresc=tresc, link=item.link)
        if not rows:
            wpis.pominiete = True
            wpis.save(update_fields=["pominiete"])
            return False
    return True


def przebieg(*, dzis: datetime.date | None = None, limit: int = LIMIT, czas: float = CZAS) -> Wynik:
    """One beat run over every edition's enabled rules: at most `limit` reminders and about `czas`
    seconds; safe to run twice at once."""
    dzis = dzis or timezone.localdate()
    koniec = time.monotonic() + czas
    wynik = Wynik()
    with translation.override(settings.LANGUAGE_CODE):
        for edycja in edycje_do_przypomnien(dzis):
            for regula in reguly_edycji(edycja):
                if not regula.wlaczona:
                    continue
                if time.monotonic() >= koniec:
                    wynik.pozostalo = True
                    return wynik
                for item, odbiorca, ct in _nowe(regula, list(regula.rodzaj.zbierz(regula, dzis))):
                    if wynik.wyslane + wynik.pominiete >= limit or time.monotonic() >= koniec:
                        wynik.pozostalo = True
                        return wynik
                    stan = _wyslij_raz(regula, item, odbiorca, ct)
                    if stan is True:
                        wynik.wyslane += 1
                    elif stan is False:
                        wynik.pominiete += 1
    return wynik


# --- The sent log -----------------------------------------------------------------------------------


def okres_pl(okres: str) -> str:
    """A log period for people: "30.11.2026", "listopad 2026", "tydzień 48/2026"."""
    try:
        if len(okres) == 10:
            return data_pl(datetime.date.fromisoformat(okres))
        if len(okres) == 7 and okres[4] == "-":
            return formats.date_format(datetime.date.fromisoformat(okres + "-01"), "YEAR_MONTH_FORMAT").lower()
        if "-W" in okres:
            rok, tydzien = okres.split("-W")
            return _("tydzień %(tydzien)d/%(rok)s") % {"tydzien": int(tydzien), "rok": rok}
    except ValueError:
        pass
    return okres


def wyslane_edycji(edycja: Edycja, kod: str = ""):
    """The edition's sent log, newest first, with recipients (one query per page)."""
    qs = WyslanePrzypomnienie.objects.filter(edycja=edycja).select_related("odbiorca")
    if kod:
        qs = qs.filter(rodzaj=kod)
    return qs.order_by("-wyslane", "-pk")
