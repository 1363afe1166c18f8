"""State changes of remote-advice entries (issue 8): create, edit, delete. The rules users rely on are
enforced here, not only in forms: not in the future, inside the edition and the adviser's assignment,
15-minute steps, no overlap with any other entry of the same adviser (across all JSTs; the end is
exclusive), team members of that JST only, and no change in a month whose timesheet is approved."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje
from jst.models import Doradca, PrzydzialDoradcy, Udzial, WpisZdalny

KROK_MINUT = 15
MAKS_MINUT = 480
POLA = ("udzial", "data", "poczatek", "minuty", "forma", "temat", "ustalenia", "etap")


def _sprawdz_miesiac(doradca: Doradca, edycja, data: datetime.date) -> None:
    # Imported here: the timesheet module is built alongside this one and owns the lock rule.
    from jst.karty import sprawdz_miesiac_otwarty

    sprawdz_miesiac_otwarty(doradca=doradca, edycja=edycja, data=data)


def _minuty_dnia(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def _godzina(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _waliduj(*, doradca: Doradca, udzial: Udzial, data: datetime.date, poczatek: datetime.time, minuty: int,
             obecni, temat: str, forma: str, etap: str, wpis: WpisZdalny | None = None) -> None:
    """Every rule with its message next to the field it concerns; raises one ValidationError."""
    errors: dict[str, str] = {}
    now = timezone.localtime()
    edycja = udzial.edycja
    if edycja.zamknieta:
        errors["udzial"] = _("Edycja tej JST jest zamknięta — nie można w niej zapisywać wpisów.")
    if data > now.date():
        errors["data"] = _("Data nie może być z przyszłości.")
    elif not edycja.data_od <= data <= edycja.data_do:
        errors["data"] = _("Data musi mieścić się w czasie trwania edycji (%(od)s – %(do)s).") % {
            "od": formats.date_format(edycja.data_od, "SHORT_DATE_FORMAT"),
            "do": formats.date_format(edycja.data_do, "SHORT_DATE_FORMAT")}
    elif not PrzydzialDoradcy.objects.filter(doradca=doradca, udzial=udzial, od__lte=data).exclude(
            do__lt=data).exists():
        errors["data"] = _("W tym dniu nie byłeś przydzielony do tej JST — wpis musi mieścić się w okresie "
                           "Twojego przydziału.")
    elif data == now.date() and poczatek > now.time():
        errors["poczatek"] = _("Godzina rozpoczęcia nie może być z przyszłości.")
    if minuty is None or minuty < KROK_MINUT or minuty > MAKS_MINUT or minuty % KROK_MINUT:
        errors["minuty"] = _("Czas trwania podaj co 15 minut, od 15 minut do 8 godzin.")
    elif _minuty_dnia(poczatek) + minuty > 24 * 60:
        errors["minuty"] = _("Wpis musi zakończyć się do północy; dłuższą pracę zapisz jako dwa wpisy.")
    if forma not in WpisZdalny.Forma.values:
        errors["forma"] = _("Wybierz formę z listy.")
    if etap and etap not in Udzial.Etap.values:
        errors["etap"] = _("Wybierz etap z listy.")
    if not (temat or "").strip():
        errors["temat"] = _("Podaj temat.")
    earlier = set(wpis.obecni.values_list("pk", flat=True)) if wpis else set()
    for czlonek in obecni:
        # An inactive member may stay on an entry that already named them, but cannot be added anew.
        if czlonek.udzial_id != udzial.pk or not (czlonek.aktywny or czlonek.pk in earlier):
            errors["obecni"] = _("Zaznacz tylko członków zespołu wybranej JST.")
            break
    if not errors.keys() & {"data", "poczatek", "minuty"}:
        start = _minuty_dnia(poczatek)
        end = start + minuty
        same_day = WpisZdalny.objects.filter(doradca=doradca, data=data).select_related("udzial__jst")
        if wpis is not None:
            same_day = same_day.exclude(pk=wpis.pk)
        for other in same_day:
            o_start = _minuty_dnia(other.poczatek)
            o_end = o_start + other.minuty
            if o_start < end and start < o_end:  # half-open intervals: 10:00–11:00 and 11:00–12:00 do not clash
                errors["poczatek"] = _("W tym czasie masz już wpis %(od)s–%(do)s (%(jst)s). Wpisy jednego "
                                       "doradcy nie mogą się nakładać.") % {
                    "od": _godzina(o_start), "do": _godzina(o_end), "jst": other.udzial.jst.nazwa_pelna}
                break
    if errors:
        raise ValidationError(errors)


def _zablokuj_doradce(doradca: Doradca) -> None:
    # Serialises one adviser's saves so two tabs cannot both pass the overlap check.
    Doradca.objects.select_for_update().filter(pk=doradca.pk).first()


def _opis(wpis: WpisZdalny) -> dict:
    return {"udzial": wpis.udzial_id, "data": wpis.data, "poczatek": wpis.poczatek, "minuty": wpis.minuty,
            "forma": wpis.forma, "temat": wpis.temat}


@transaction.atomic
def wpis_zdalny_utworz(*, doradca: Doradca, udzial: Udzial, data: datetime.date, poczatek: datetime.time,
                       minuty: int, forma: str, temat: str, obecni=(), ustalenia: str = "", etap: str = "",
                       actor) -> WpisZdalny:
    _zablokuj_doradce(doradca)
    obecni = list(obecni)
    _waliduj(doradca=doradca, udzial=udzial, data=data, poczatek=poczatek, minuty=minuty, obecni=obecni,
             temat=temat, forma=forma, etap=etap)
    _sprawdz_miesiac(doradca, udzial.edycja, data)
    wpis = WpisZdalny.objects.create(doradca=doradca, udzial=udzial, data=data, poczatek=poczatek, minuty=minuty,
                                     forma=forma, temat=temat.strip(), ustalenia=ustalenia.strip(), etap=etap or "")
    wpis.obecni.set(obecni)
    audit(actor, "wpis_zdalny.utworz", wpis, _opis(wpis))
    return wpis


@transaction.atomic
def wpis_zdalny_zmien(*, wpis: WpisZdalny, wersja: int | None, udzial: Udzial, data: datetime.date,
                      poczatek: datetime.time, minuty: int, forma: str, temat: str, obecni=(), ustalenia: str = "",
                      etap: str = "", actor) -> WpisZdalny:
    """Edit with the version the form was opened with (KonfliktWersji when stale: nothing saved)."""
    _zablokuj_doradce(wpis.doradca)
    current = zablokuj_wersje(WpisZdalny, wpis.pk, wersja)
    current = WpisZdalny.objects.select_related("doradca", "udzial__edycja", "udzial__jst").get(pk=current.pk)
    obecni = list(obecni)
    _sprawdz_miesiac(current.doradca, current.udzial.edycja, current.data)  # the old month
    _waliduj(doradca=current.doradca, udzial=udzial, data=data, poczatek=poczatek, minuty=minuty, obecni=obecni,
             temat=temat, forma=forma, etap=etap, wpis=current)
    _sprawdz_miesiac(current.doradca, udzial.edycja, data)  # the new month
    before = _opis(current)
    changed = zapisz_wersje(current, {"udzial": udzial, "data": data, "poczatek": poczatek, "minuty": minuty,
                                      "forma": forma, "temat": temat.strip(), "ustalenia": ustalenia.strip(),
                                      "etap": etap or ""})
    old_people = set(current.obecni.values_list("pk", flat=True))
    if old_people != {c.pk for c in obecni}:
        current.obecni.set(obecni)
        changed.append("obecni")
        if changed == ["obecni"]:  # zapisz_wersje wrote nothing: the version still has to move
            current.wersja += 1
            current.save(update_fields=["wersja", "zmieniony"])
    if changed:
        audit(actor, "wpis_zdalny.zmien", current, {"pola": changed, "przed": before, "po": _opis(current)})
    return current


@transaction.atomic
def wpis_zdalny_usun(*, wpis: WpisZdalny, actor, wersja: int | None = None) -> None:
    """Delete an entry; with `wersja`, only the version the user saw (KonfliktWersji otherwise)."""
    _zablokuj_doradce(wpis.doradca)
    if wersja is not None:
        zablokuj_wersje(WpisZdalny, wpis.pk, wersja)
    current = WpisZdalny.objects.select_related("doradca", "udzial__edycja").get(pk=wpis.pk)
    _sprawdz_miesiac(current.doradca, current.udzial.edycja, current.data)
    audit(actor, "wpis_zdalny.usun", current, _opis(current))
    current.delete()
