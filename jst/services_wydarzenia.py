"""State changes of edition events, registrations and attendance (issue 8). Audited, one per change."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.models import Edycja
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje
from jst.models import CzlonekZespolu, Obecnosc, Rejestracja, Wydarzenie

POLA_WYDARZENIA = ("rodzaj", "nazwa", "od", "do", "miejsce", "link", "program", "limit_miejsc", "opcje")


def dni(wydarzenie: Wydarzenie) -> list[datetime.date]:
    return [wydarzenie.od + datetime.timedelta(days=i) for i in range((wydarzenie.do - wydarzenie.od).days + 1)]


def _waliduj(edycja: Edycja, dane: dict, *, zapisanych: int = 0) -> None:
    errors: dict[str, list[str]] = {}
    if dane["do"] < dane["od"]:
        errors["do"] = [_("Ostatni dzień nie może być wcześniejszy niż pierwszy.")]
    elif dane["od"] < edycja.data_od or dane["do"] > edycja.data_do:
        errors["od"] = [_("Wydarzenie musi się odbyć w czasie edycji (%(od)s – %(do)s).") % {
            "od": edycja.data_od.strftime("%d.%m.%Y"), "do": edycja.data_do.strftime("%d.%m.%Y")}]
    elif (dane["do"] - dane["od"]).days > 13:
        errors["do"] = [_("Wydarzenie może trwać najwyżej 14 dni.")]
    if not (dane.get("miejsce") or "").strip() and not dane.get("link"):
        errors["miejsce"] = [_("Podaj miejsce albo link do spotkania online.")]
    limit = dane.get("limit_miejsc")
    if limit is not None and limit < zapisanych:
        errors["limit_miejsc"] = [_("Limit nie może być mniejszy niż liczba zapisanych osób (%(n)s).") % {
            "n": zapisanych}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def wydarzenie_utworz(*, edycja: Edycja, dane: dict, actor) -> Wydarzenie:
    dane = {k: v for k, v in dane.items() if k in POLA_WYDARZENIA}
    _waliduj(edycja, dane)
    wydarzenie = Wydarzenie.objects.create(edycja=edycja, **dane)
    audit(actor, "wydarzenie.utworzone", wydarzenie, {"nazwa": wydarzenie.nazwa, "od": wydarzenie.od})
    return wydarzenie


@transaction.atomic
def wydarzenie_zmien(*, wydarzenie: Wydarzenie, dane: dict, wersja: int | None, actor) -> Wydarzenie:
    current = zablokuj_wersje(Wydarzenie, wydarzenie.pk, wersja)
    dane = {k: v for k, v in dane.items() if k in POLA_WYDARZENIA}
    _waliduj(current.edycja, dane, zapisanych=current.rejestracje.count())
    if (dane["od"], dane["do"]) != (current.od, current.do):
        # Attendance marked on a day the event no longer has would vanish from the grid: refuse.
        nowe_dni = {dane["od"] + datetime.timedelta(days=i) for i in range((dane["do"] - dane["od"]).days + 1)}
        if current.obecnosci.filter(obecny=True).exclude(dzien__in=nowe_dni).exists():
            raise ValidationError({"od": [_("Na dni, które wypadłyby z wydarzenia, jest już zaznaczona obecność.")]})
    changed = zapisz_wersje(current, dane)
    audit(actor, "wydarzenie.zmienione", current, {"pola": changed})
    return current


@transaction.atomic
def rejestracja_utworz(*, wydarzenie: Wydarzenie, czlonek: CzlonekZespolu, opcje: list[str], actor) -> Rejestracja:
    """Register a team member. The event row is locked so two last-seat registrations cannot both pass."""
    current = Wydarzenie.objects.select_for_update().get(pk=wydarzenie.pk)
    if current.do < timezone.localdate():
        raise ValidationError(_("Wydarzenie już się odbyło — zapisy są zamknięte."))
    if czlonek.udzial.edycja_id != current.edycja_id or not czlonek.aktywny:
        raise ValidationError({"czlonek": [_("Ta osoba nie należy do zespołu JST w tej edycji.")]})
    if Rejestracja.objects.filter(wydarzenie=current, czlonek=czlonek).exists():
        raise ValidationError({"czlonek": [_("%(kto)s jest już zapisany(-a) na to wydarzenie.") % {"kto": czlonek}]})
    nieznane = [o for o in opcje if o not in current.opcje]
    if nieznane:
        raise ValidationError({"opcje": [_("Wybierz opcje z listy.")]})
    if current.limit_miejsc is not None and current.rejestracje.count() >= current.limit_miejsc:
        raise ValidationError(_("Brak wolnych miejsc (limit miejsc: %(n)s).") % {
            "n": current.limit_miejsc})
    try:
        with transaction.atomic():
            rejestracja = Rejestracja.objects.create(wydarzenie=current, czlonek=czlonek, opcje=list(opcje),
                                                     zapisal=actor)
    except IntegrityError:
        raise ValidationError({"czlonek": [_("%(kto)s jest już zapisany(-a) na to wydarzenie.") % {
            "kto": czlonek}]}) from None
    audit(actor, "rejestracja.utworzona", rejestracja, {"wydarzenie": current.pk, "czlonek": czlonek.pk,
                                                         "opcje": list(opcje)})
    return rejestracja


@transaction.atomic
def rejestracja_usun(*, rejestracja: Rejestracja, actor) -> None:
    """Cancel a registration before the event; afterwards it is the attendance evidence."""
    if rejestracja.wydarzenie.od <= timezone.localdate():
        raise ValidationError(_("Wydarzenie już się rozpoczęło — rezygnacji nie można zapisać."))
    audit(actor, "rejestracja.usunieta", rejestracja, {"wydarzenie": rejestracja.wydarzenie_id,
                                                        "czlonek": rejestracja.czlonek_id})
    rejestracja.delete()


@transaction.atomic
def obecnosc_zapisz(*, wydarzenie: Wydarzenie, obecni: set[tuple[int, datetime.date]], actor) -> int:
    """Save the whole attendance grid at once: every registered member × every day, present or not.
    Returns the number of cells whose value changed."""
    Wydarzenie.objects.select_for_update().get(pk=wydarzenie.pk)
    czlonkowie = list(wydarzenie.rejestracje.values_list("czlonek_id", flat=True))
    days = dni(wydarzenie)
    znane = {(c, d) for c in czlonkowie for d in days}
    if not obecni <= znane:
        raise ValidationError(_("Obecność można zaznaczyć tylko osobom zapisanym, w dni wydarzenia."))
    existing = {(o.czlonek_id, o.dzien): o for o in Obecnosc.objects.filter(wydarzenie=wydarzenie)}
    nowe, zmienione = [], []
    for key in sorted(znane):
        value = key in obecni
        row = existing.get(key)
        if row is None:
            nowe.append(Obecnosc(wydarzenie=wydarzenie, czlonek_id=key[0], dzien=key[1], obecny=value,
                                 zaznaczyl=actor))
        elif row.obecny != value:
            row.obecny, row.zaznaczyl, row.zmieniona = value, actor, timezone.now()
            zmienione.append(row)
    Obecnosc.objects.bulk_create(nowe)
    Obecnosc.objects.bulk_update(zmienione, ["obecny", "zaznaczyl", "zmieniona"])
    liczba = len([o for o in nowe if o.obecny]) + len(zmienione)
    audit(actor, "obecnosc.zapisana", wydarzenie, {"obecnych": len(obecni), "zmian": liczba})
    return liczba
