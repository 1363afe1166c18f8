"""State changes of on-site visits and travel costs (issue 8). One function per change, audited.

A visit's days count in its advisers' timesheets: creating, editing or deleting one is refused when
any touched month of any of its advisers is approved (jst.karty owns that rule)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.models import Edycja
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje
from jst.models import CzlonekZespolu, Doradca, KosztPodrozy, PrzydzialDoradcy, Udzial, Wizyta

POLA_WIZYTY = ("typ", "od", "do", "miejsce", "program", "interesariusze", "spotkanie_z_wlodarzem",
               "notatki_wlodarz", "rezultaty", "notatki_dla_jst", "notatki_prywatne")
SPOTKANIA = {Wizyta.Typ.SPOTKANIE_1: Udzial.Etap.SPOTKANIE_1, Wizyta.Typ.SPOTKANIE_2: Udzial.Etap.SPOTKANIE_2}


def miesiace(od: datetime.date, do: datetime.date) -> list[datetime.date]:
    """The first days of every month the range touches."""
    result, month = [], od.replace(day=1)
    while month <= do:
        result.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def _sprawdz_miesiace(doradcy, edycja: Edycja, zakresy) -> None:
    # Imported here: the timesheet module is built alongside this one and owns the lock rule.
    from jst.karty import sprawdz_miesiac_otwarty

    for doradca in doradcy:
        for od, do in zakresy:
            for month in miesiace(od, do):
                sprawdz_miesiac_otwarty(doradca=doradca, edycja=edycja, data=month)


def _waliduj_wizyte(*, udzial: Udzial, dane: dict, doradcy: list[Doradca], uczestnicy: list[CzlonekZespolu],
                    pomin_pk: int | None = None) -> None:
    errors: dict[str, list[str]] = {}
    od, do, typ = dane["od"], dane["do"], dane["typ"]
    edycja = udzial.edycja
    if do < od:
        errors.setdefault("do", []).append(_("Ostatni dzień nie może być wcześniejszy niż pierwszy."))
    elif od < edycja.data_od or do > edycja.data_do:
        errors.setdefault("od", []).append(_("Wizyta musi się odbyć w czasie edycji (%(od)s – %(do)s).") % {
            "od": edycja.data_od.strftime("%d.%m.%Y"), "do": edycja.data_do.strftime("%d.%m.%Y")})
    if typ in SPOTKANIA:
        if do >= od and (do - od).days != 1:
            errors.setdefault("do", []).append(_("Spotkanie w JST nr 1 i nr 2 trwa dwa kolejne dni."))
        inne = Wizyta.objects.filter(udzial=udzial, typ=typ).exclude(pk=pomin_pk)
        if inne.exists():
            errors.setdefault("typ", []).append(_("To spotkanie jest już zapisane dla tej JST — edytuj istniejące."))
    if not doradcy:
        errors.setdefault("doradcy", []).append(_("Wskaż co najmniej jednego doradcę."))
    elif do >= od:
        # Each adviser must be assigned to this JST on every day of the visit.
        covering = set(PrzydzialDoradcy.objects.filter(udzial=udzial, od__lte=od)
                       .filter(Q(do__isnull=True) | Q(do__gte=do)).values_list("doradca_id", "rola"))
        for doradca in doradcy:
            if doradca.pk not in {d for d, _r in covering}:
                errors.setdefault("doradcy", []).append(
                    _("%(kto)s nie jest doradcą tej JST w dniach wizyty.") % {"kto": doradca})
        if typ in SPOTKANIA:
            roles = {r for d, r in covering if d in {x.pk for x in doradcy}}
            if not {PrzydzialDoradcy.Rola.ROS, PrzydzialDoradcy.Rola.PRO} <= roles:
                errors.setdefault("doradcy", []).append(
                    _("Spotkanie w JST nr 1 i nr 2 prowadzi para doradców razem: wskaż doradcę ROS i PRO."))
    obcy = [c for c in uczestnicy if c.udzial_id != udzial.pk or not c.aktywny]
    if obcy:
        errors.setdefault("uczestnicy", []).append(_("Uczestnicy z zespołu muszą należeć do zespołu tej JST."))
    if errors:
        raise ValidationError(errors)


def _przesun_etap(udzial: Udzial, wizyta: Wizyta, actor) -> None:
    """A held meeting 1 or 2 (its first day has come) moves the stage forward, never back."""
    from jst.services import udzial_przesun_etap

    etap = SPOTKANIA.get(wizyta.typ)
    if etap is None or wizyta.od > timezone.localdate():
        return
    locked = Udzial.objects.select_for_update(of=("self",)).get(pk=udzial.pk)
    udzial_przesun_etap(udzial=locked, etap=etap, actor=actor,
                        powod=_("Zapisano wizytę: %(wizyta)s") % {"wizyta": wizyta})


def _opis(wizyta: Wizyta) -> dict:
    # The audit never carries private notes' text: only that they changed.
    return {"typ": wizyta.typ, "od": wizyta.od, "do": wizyta.do, "udzial": wizyta.udzial_id}


@transaction.atomic
def wizyta_utworz(*, udzial: Udzial, dane: dict, doradcy: list[Doradca], uczestnicy: list[CzlonekZespolu],
                  actor) -> Wizyta:
    """Record a visit; meeting 1 or 2 already held moves the participation's stage forward."""
    dane = {k: v for k, v in dane.items() if k in POLA_WIZYTY}
    _waliduj_wizyte(udzial=udzial, dane=dane, doradcy=doradcy, uczestnicy=uczestnicy)
    _sprawdz_miesiace(doradcy, udzial.edycja, [(dane["od"], dane["do"])])
    wizyta = Wizyta.objects.create(udzial=udzial, autor=actor, **dane)
    wizyta.doradcy.set(doradcy)
    wizyta.uczestnicy.set(uczestnicy)
    _przesun_etap(udzial, wizyta, actor)
    audit(actor, "wizyta.utworzona", wizyta, _opis(wizyta))
    return wizyta


@transaction.atomic
def wizyta_zmien(*, wizyta: Wizyta, dane: dict, doradcy: list[Doradca], uczestnicy: list[CzlonekZespolu],
                 wersja: int | None, actor) -> Wizyta:
    """Save a visit if nobody saved it since `wersja` was read (else KonfliktWersji, nothing saved)."""
    current = zablokuj_wersje(Wizyta, wizyta.pk, wersja)
    udzial = Udzial.objects.select_related("edycja").get(pk=current.udzial_id)
    dane = {k: v for k, v in dane.items() if k in POLA_WIZYTY}
    _waliduj_wizyte(udzial=udzial, dane=dane, doradcy=doradcy, uczestnicy=uczestnicy, pomin_pk=current.pk)
    before = list(current.doradcy.all())
    _sprawdz_miesiace({*before, *doradcy}, udzial.edycja, [(current.od, current.do), (dane["od"], dane["do"])])
    changed = zapisz_wersje(current, dane)
    m2m_changed = False
    if {d.pk for d in before} != {d.pk for d in doradcy}:
        current.doradcy.set(doradcy)
        m2m_changed = True
    if set(current.uczestnicy.values_list("pk", flat=True)) != {c.pk for c in uczestnicy}:
        current.uczestnicy.set(uczestnicy)
        m2m_changed = True
    if m2m_changed and not changed:
        current.wersja += 1
        current.save(update_fields=["wersja", "zmieniona"])
    _przesun_etap(udzial, current, actor)
    audit(actor, "wizyta.zmieniona", current, {**_opis(current), "pola": changed, "osoby": m2m_changed})
    return current


@transaction.atomic
def wizyta_usun(*, wizyta: Wizyta, actor) -> None:
    """Delete a visit. One with travel costs stays (the costs are evidence); the stage stays too."""
    current = Wizyta.objects.select_for_update().select_related("udzial__edycja").get(pk=wizyta.pk)
    if KosztPodrozy.objects.filter(wizyta=current).exists():
        raise ValidationError(_("Do tej wizyty są przypisane koszty podróży — najpierw odłącz je od wizyty."))
    _sprawdz_miesiace(list(current.doradcy.all()), current.udzial.edycja, [(current.od, current.do)])
    audit(actor, "wizyta.usunieta", current, _opis(current))
    current.delete()


# --- Travel costs ---------------------------------------------------------------------------

POLA_KOSZTU = ("edycja", "wizyta", "data", "transport", "kwota_transport", "kwota_nocleg", "kwota_inne", "opis")


def edycje_doradcy(doradca: Doradca):
    """Editions in which the adviser has (or had) a JST: where their costs may go."""
    return Edycja.objects.filter(udzialy__przydzialy__doradca=doradca).distinct().order_by("-data_od")


def wizyty_doradcy(doradca: Doradca):
    return Wizyta.objects.filter(doradcy=doradca).select_related("udzial__jst").order_by("-od")


def _waliduj_koszt(*, doradca: Doradca, dane: dict) -> None:
    errors: dict[str, list[str]] = {}
    edycja, wizyta = dane["edycja"], dane.get("wizyta")
    if not edycje_doradcy(doradca).filter(pk=edycja.pk).exists():
        errors["edycja"] = [_("Możesz rozliczać koszty tylko w edycjach, w których doradzasz.")]
    if wizyta is not None:
        if not wizyta.doradcy.filter(pk=doradca.pk).exists():
            errors["wizyta"] = [_("Możesz wskazać tylko wizytę, w której brałeś udział.")]
        elif wizyta.udzial.edycja_id != edycja.pk:
            errors["wizyta"] = [_("Wizyta należy do innej edycji niż wybrana.")]
    kwoty = [dane.get(k) or Decimal(0) for k in ("kwota_transport", "kwota_nocleg", "kwota_inne")]
    if any(k < 0 for k in kwoty):
        errors["kwota_transport"] = [_("Kwoty nie mogą być ujemne.")]
    elif sum(kwoty) == 0:
        errors["kwota_transport"] = [_("Podaj co najmniej jedną kwotę.")]
    if errors:
        raise ValidationError(errors)


def _dodaj_dokument(koszt: KosztPodrozy, plik, actor) -> None:
    from doradztwo.models import Plik
    from doradztwo.pliki import plik_dodaj

    nowy = plik_dodaj(doradca=koszt.doradca, plik=plik, rodzaj=Plik.Rodzaj.DOKUMENT,
                      opis=_("Dokument do kosztu podróży z dnia %(data)s") % {"data": koszt.data.strftime("%d.%m.%Y")},
                      actor=actor)
    koszt.dokumenty.add(nowy)


@transaction.atomic
def koszt_utworz(*, doradca: Doradca, dane: dict, dokument=None, actor) -> KosztPodrozy:
    dane = {k: v for k, v in dane.items() if k in POLA_KOSZTU}
    _waliduj_koszt(doradca=doradca, dane=dane)
    koszt = KosztPodrozy.objects.create(doradca=doradca, **dane)
    if dokument is not None:
        _dodaj_dokument(koszt, dokument, actor)
    audit(actor, "koszt.utworzony", koszt, {k: str(getattr(koszt, k)) for k in ("data", "kwota_transport",
                                                                                "kwota_nocleg", "kwota_inne")})
    return koszt


@transaction.atomic
def koszt_zmien(*, koszt: KosztPodrozy, dane: dict, wersja: int | None, dokument=None, usun_dokumenty=(),
                actor) -> KosztPodrozy:
    current = zablokuj_wersje(KosztPodrozy, koszt.pk, wersja)
    dane = {k: v for k, v in dane.items() if k in POLA_KOSZTU}
    _waliduj_koszt(doradca=current.doradca, dane=dane)
    changed = zapisz_wersje(current, dane)
    from doradztwo.pliki import plik_usun

    usuwane = list(current.dokumenty.filter(pk__in=[p.pk for p in usun_dokumenty]))
    for plik in usuwane:
        current.dokumenty.remove(plik)
        plik_usun(plik=plik, actor=actor)
    if dokument is not None:
        _dodaj_dokument(current, dokument, actor)
    if (usuwane or dokument is not None) and not changed:
        current.wersja += 1
        current.save(update_fields=["wersja", "zmieniony"])
    audit(actor, "koszt.zmieniony", current, {"pola": changed, "usuniete_dokumenty": [p.pk for p in usuwane],
                                              "nowy_dokument": dokument is not None})
    return current


@transaction.atomic
def koszt_usun(*, koszt: KosztPodrozy, actor) -> None:
    """Delete a cost and its scanned documents."""
    from doradztwo.pliki import plik_usun

    current = KosztPodrozy.objects.select_for_update().get(pk=koszt.pk)
    dokumenty = list(current.dokumenty.all())
    audit(actor, "koszt.usuniety", current, {"data": current.data, "doradca": current.doradca_id})
    current.delete()
    for plik in dokumenty:
        plik_usun(plik=plik, actor=actor)
