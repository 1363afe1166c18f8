"""State changes of participations: enrolment, stages, teams. One function per change, audited."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from doradztwo.audit import audit
from doradztwo.models import Edycja
from doradztwo.przeglad import PRZEGLAD, zablokowany, zmien_stan
from doradztwo.services import KonfliktWersji, powod_historii, uzytkownik_zapros
from jst.models import JST, CzlonekZespolu, PrzydzialDoradcy, Udzial, ZmianaEtapu

ETAPY = list(Udzial.Etap.values)


# --- Enrolment ------------------------------------------------------------------------------


@transaction.atomic
def udzial_zapisz(*, edycja: Edycja, jst: JST, actor) -> Udzial:
    """Enrol a JST in an edition (once per edition)."""
    if edycja.zamknieta:
        raise ValidationError(_("Edycja jest zamknięta: nie można zapisywać JST."))
    if not jst.aktywna:
        raise ValidationError(_("%(jst)s nie figuruje w aktualnym rejestrze TERYT.") % {"jst": jst.nazwa_pelna})
    if Udzial.objects.filter(edycja=edycja, jst=jst).exists():
        raise ValidationError(_("%(jst)s jest już zapisana do tej edycji.") % {"jst": jst.nazwa_pelna})
    try:
        with transaction.atomic():
            udzial = Udzial.objects.create(edycja=edycja, jst=jst)
    except IntegrityError:  # a concurrent enrolment of the same JST
        raise ValidationError(_("%(jst)s jest już zapisana do tej edycji.") % {"jst": jst.nazwa_pelna}) from None
    ZmianaEtapu.objects.create(udzial=udzial, z_etapu="", na_etap=udzial.etap, kto=actor,
                               powod=_("Zapisanie JST do edycji"))
    audit(actor, "udzial.zapisany", udzial, {"edycja": edycja.pk, "jst": jst.teryt})
    return udzial


@dataclass
class WierszRaportu:
    kod: str
    wynik: str  # "zapisana" | "blad"
    komunikat: str
    jst: JST | None = None


_KOD = re.compile(r"^\d{2}$|^\d{4}$|^\d{7}$")


@transaction.atomic
def udzialy_zapisz_z_listy(*, edycja: Edycja, tekst: str, actor) -> list[WierszRaportu]:
    """Enrol every JST whose TERYT code is in `tekst` (separated by spaces, commas, semicolons or
    lines). Each code gets a row in the report; a bad code never stops the others."""
    from jst.rejestr import znajdz_po_kodzie

    raport: list[WierszRaportu] = []
    seen: set[str] = set()
    for kod in [k for k in re.split(r"[\s,;]+", tekst) if k]:
        if kod in seen:
            raport.append(WierszRaportu(kod, "blad", _("Kod powtórzony na liście — pominięty.")))
            continue
        seen.add(kod)
        if not _KOD.match(kod):
            raport.append(WierszRaportu(kod, "blad", _("To nie jest kod TERYT (2, 4 lub 7 cyfr).")))
            continue
        jst = znajdz_po_kodzie(kod)
        if jst is None:
            raport.append(WierszRaportu(kod, "blad", _("Nie ma JST o tym kodzie w rejestrze TERYT.")))
            continue
        try:
            with transaction.atomic():
                udzial_zapisz(edycja=edycja, jst=jst, actor=actor)
        except ValidationError as error:
            raport.append(WierszRaportu(kod, "blad", " ".join(error.messages), jst))
        else:
            raport.append(WierszRaportu(kod, "zapisana", _("Zapisana do edycji."), jst))
    return raport


# --- Stages ---------------------------------------------------------------------------------


def udzial_przesun_etap(*, udzial: Udzial, etap: str, actor, powod: str) -> bool:
    """Move the stage forward when a service completes it; never backwards. Returns whether it moved.
    Called inside the caller's transaction with the participation locked."""
    if ETAPY.index(etap) <= ETAPY.index(udzial.etap):
        return False
    ZmianaEtapu.objects.create(udzial=udzial, z_etapu=udzial.etap, na_etap=etap, kto=actor, powod=powod)
    udzial.etap = etap
    udzial.wersja += 1
    udzial._change_reason = powod_historii(powod)
    udzial.save(update_fields=["etap", "wersja"])
    return True


def _zablokuj(udzial: Udzial) -> Udzial:
    """Lock the participation: team and stage changes to one JST run one after another."""
    return Udzial.objects.select_for_update(of=("self",)).select_related("edycja", "jst").get(pk=udzial.pk)


@transaction.atomic
def udzial_zmien_etap(*, udzial: Udzial, etap: str, powod: str, actor, wersja: int | None = None) -> Udzial:
    """A coordinator's override, in either direction, always with a reason. With `wersja`, a stage
    changed meanwhile (by a service or another coordinator) makes this a conflict: nothing changes."""
    udzial = _zablokuj(udzial)
    if wersja is not None and wersja != udzial.wersja:
        raise KonfliktWersji(udzial)
    if etap not in ETAPY:
        raise ValidationError({"etap": _("Nieznany etap.")})
    if not powod.strip():
        raise ValidationError({"powod": _("Podaj powód zmiany etapu.")})
    if etap == udzial.etap:
        raise ValidationError({"etap": _("Udział jest już na tym etapie.")})
    ZmianaEtapu.objects.create(udzial=udzial, z_etapu=udzial.etap, na_etap=etap, kto=actor, powod=powod.strip())
    previous = udzial.etap
    udzial.etap = etap
    udzial.wersja += 1
    udzial._change_reason = powod_historii(powod)
    udzial.save(update_fields=["etap", "wersja"])
    audit(actor, "udzial.etap_zmieniony", udzial, {"z": previous, "na": etap, "powod": powod.strip()})
    return udzial


# --- Teams ----------------------------------------------------------------------------------


@transaction.atomic
def zespol_dodaj_czlonka(*, udzial: Udzial, email: str, imie: str, nazwisko: str, telefon: str = "",
                         funkcja: str, rodzaj: str, nazwa_szkoly: str = "", lider: bool = False,
                         actor) -> CzlonekZespolu:
    """Add a person to the team (inviting them if they have no account)."""
    if rodzaj == CzlonekZespolu.Rodzaj.DYREKTOR and not nazwa_szkoly.strip():
        raise ValidationError({"nazwa_szkoly": _("Podaj nazwę szkoły lub placówki, którą kieruje dyrektor.")})
    udzial = _zablokuj(udzial)
    _wymagaj_otwartego_zespolu(udzial)
    aktywni = udzial.zespol.filter(aktywny=True)
    limit = udzial.edycja.zespol_max
    if aktywni.count() >= limit:
        raise ValidationError(ngettext("Zespół ma już %(n)d osobę — tyle, ile pozwalają zasady edycji.",
                                       "Zespół ma już %(n)d osoby — tyle, ile pozwalają zasady edycji.", limit)
                              % {"n": limit})
    user = uzytkownik_zapros(email=email, imie=imie, nazwisko=nazwisko, telefon=telefon, actor=actor)
    if aktywni.filter(uzytkownik=user).exists():
        raise ValidationError({"email": _("Ta osoba jest już w zespole.")})
    if lider:
        for poprzedni in aktywni.filter(lider=True):
            poprzedni.lider = False
            poprzedni.save(update_fields=["lider"])
    czlonek = CzlonekZespolu.objects.create(
        udzial=udzial, uzytkownik=user, funkcja=funkcja.strip(), rodzaj=rodzaj,
        nazwa_szkoly=nazwa_szkoly.strip() if rodzaj == CzlonekZespolu.Rodzaj.DYREKTOR else "", lider=lider,
    )
    audit(actor, "zespol.czlonek_dodany", udzial, {"czlonek": czlonek.pk, "email": user.email, "lider": lider})
    return czlonek


def _konto_poza_zespolem(user, czlonek) -> bool:
    """An account used elsewhere (another team, an adviser, a coordinator, an admin): a coordinator
    of this edition must not rename it."""
    from jst.models import Doradca

    return (user.is_superuser or user.koordynator or Doradca.objects.filter(uzytkownik=user).exists()
            or CzlonekZespolu.objects.filter(uzytkownik=user, aktywny=True).exclude(pk=czlonek.pk).exists())


@transaction.atomic
def zespol_zmien_czlonka(*, czlonek: CzlonekZespolu, dane: dict, wersja: int | None, actor) -> CzlonekZespolu:
    """Edit a member's contact and role in the team. Several people may edit one team: the form's
    version must be current, otherwise nothing is saved (KonfliktWersji)."""
    from doradztwo.wersje import zablokuj_wersje, zapisz_wersje

    udzial = _zablokuj(czlonek.udzial)
    czlonek = zablokuj_wersje(CzlonekZespolu, czlonek.pk, wersja)
    if not czlonek.aktywny:
        raise ValidationError(_("Ta osoba nie jest już w zespole."))
    rodzaj = dane.get("rodzaj", czlonek.rodzaj)
    if rodzaj != czlonek.rodzaj:
        _wymagaj_otwartego_zespolu(udzial)  # the kind of member is part of the confirmed rules
    if rodzaj == CzlonekZespolu.Rodzaj.DYREKTOR and not (dane.get("nazwa_szkoly") or "").strip():
        raise ValidationError({"nazwa_szkoly": _("Podaj nazwę szkoły lub placówki, którą kieruje dyrektor.")})
    zmiany = {
        "funkcja": dane["funkcja"].strip(), "rodzaj": rodzaj,
        "nazwa_szkoly": dane.get("nazwa_szkoly", "").strip() if rodzaj == CzlonekZespolu.Rodzaj.DYREKTOR else "",
    }
    user = czlonek.uzytkownik
    user_changes = {k: dane[k].strip() for k in ("first_name", "last_name", "telefon") if k in dane
                    and getattr(user, k) != dane[k].strip()}
    if user_changes and _konto_poza_zespolem(user, czlonek):
        raise ValidationError(_("Ta osoba ma też inne role w programie — jej imię, nazwisko i telefon może "
                                "zmienić tylko ona sama albo administrator."))
    changed = zapisz_wersje(czlonek, zmiany)
    if user_changes:
        for k, v in user_changes.items():
            setattr(user, k, v)
        user.save(update_fields=list(user_changes))
        if not changed:  # a contact change is a change of this member's row too
            czlonek.wersja += 1
            czlonek.save(update_fields=["wersja"])
    if changed or user_changes:
        audit(actor, "zespol.czlonek_zmieniony", czlonek.udzial, {"czlonek": czlonek.pk,
                                                                  "pola": changed + list(user_changes)})
    return czlonek


@transaction.atomic
def zespol_usun_czlonka(*, czlonek: CzlonekZespolu, actor) -> None:
    """The person leaves: access ends, their past answers keep their name."""
    _wymagaj_otwartego_zespolu(_zablokuj(czlonek.udzial))
    czlonek = CzlonekZespolu.objects.get(pk=czlonek.pk)
    if not czlonek.aktywny:
        return
    czlonek.aktywny = False
    czlonek.lider = False
    czlonek.odszedl = timezone.now()
    czlonek.save(update_fields=["aktywny", "lider", "odszedl"])
    audit(actor, "zespol.czlonek_usuniety", czlonek.udzial, {"czlonek": czlonek.pk})


@transaction.atomic
def zespol_zmien_lidera(*, czlonek: CzlonekZespolu, actor) -> None:
    """One action: the previous leader stops leading, this member leads."""
    _wymagaj_otwartego_zespolu(_zablokuj(czlonek.udzial))
    czlonek = CzlonekZespolu.objects.select_related("udzial").get(pk=czlonek.pk)
    if not czlonek.aktywny:
        raise ValidationError(_("Ta osoba nie jest już w zespole."))
    for poprzedni in czlonek.udzial.zespol.filter(aktywny=True, lider=True).exclude(pk=czlonek.pk):
        poprzedni.lider = False
        poprzedni.save(update_fields=["lider"])
    czlonek.lider = True
    czlonek.save(update_fields=["lider"])
    audit(actor, "zespol.lider_zmieniony", czlonek.udzial, {"lider": czlonek.pk})


def zespol_problemy(udzial: Udzial, czlonkowie=None) -> list[str]:
    """What stops the team from being confirmed under the edition's rules (empty = none)."""
    edycja = udzial.edycja
    czlonkowie = [c for c in (czlonkowie if czlonkowie is not None else udzial.zespol.all()) if c.aktywny]
    problems = []
    n = len(czlonkowie)
    if n < edycja.zespol_min:
        problems.append(ngettext("Zespół ma %(n)d osobę, a musi mieć co najmniej %(min)d.",
                                 "Zespół ma %(n)d osoby, a musi mieć co najmniej %(min)d.", n)
                        % {"n": n, "min": edycja.zespol_min})
    if n > edycja.zespol_max:
        problems.append(ngettext("Zespół ma %(n)d osobę, a może mieć najwyżej %(max)d.",
                                 "Zespół ma %(n)d osoby, a może mieć najwyżej %(max)d.", n)
                        % {"n": n, "max": edycja.zespol_max})
    if edycja.wymaga_pracownika_jst and not any(c.rodzaj == CzlonekZespolu.Rodzaj.PRACOWNIK_JST for c in czlonkowie):
        problems.append(_("W zespole musi być co najmniej jeden pracownik JST."))
    if edycja.wymaga_dyrektora and not any(c.rodzaj == CzlonekZespolu.Rodzaj.DYREKTOR for c in czlonkowie):
        problems.append(_("W zespole musi być co najmniej jeden dyrektor szkoły lub placówki."))
    if sum(1 for c in czlonkowie if c.lider) != 1:
        problems.append(_("Zespół musi mieć lidera."))
    return problems


def _lider(udzial: Udzial):
    member = udzial.zespol.filter(aktywny=True, lider=True).select_related("uzytkownik").first()
    return member.uzytkownik if member else None


def _wymagaj_otwartego_zespolu(udzial: Udzial) -> None:
    if zablokowany(udzial.stan_zespolu):
        raise ValidationError(_("Zespół jest zatwierdzony. Aby zmienić jego skład, najpierw otwórz go "
                                "ponownie, podając powód."))


@transaction.atomic
def zespol_zatwierdz(*, udzial: Udzial, actor) -> Udzial:
    """Confirm the team through the review-state helper; refused, with every broken rule listed,
    while a rule is broken. The leader is notified (in the app and by e-mail)."""
    udzial = _zablokuj(udzial)
    problems = zespol_problemy(udzial)
    if problems:
        raise ValidationError(problems)
    with override(settings.LANGUAGE_CODE):  # notifications are stored and mailed in Polish
        tytul = _("Zespół %(jst)s został zatwierdzony") % {"jst": udzial.jst.nazwa_pelna}
        tresc = _("Koordynator zatwierdził skład Waszego zespołu w edycji „%(edycja)s”. Możecie przejść do "
                  "arkusza diagnostycznego.") % {"edycja": udzial.edycja.nazwa}
    zmien_stan(
        udzial, przejscia=PRZEGLAD, akcja="zatwierdz", pole="stan_zespolu", actor=actor, nazwa="zespol",
        odbiorcy=[_lider(udzial)], link=udzial.get_absolute_url(), tytul=tytul, tresc=tresc,
    )
    udzial_przesun_etap(udzial=udzial, etap=Udzial.Etap.ZESPOL_ZATWIERDZONY, actor=actor,
                        powod=_("Zespół zatwierdzony przez koordynatora"))
    return udzial


@transaction.atomic
def zespol_otworz(*, udzial: Udzial, powod: str, actor) -> Udzial:
    """Reopen a confirmed team (with a reason) so its composition can change; the stage stays."""
    udzial = _zablokuj(udzial)
    with override(settings.LANGUAGE_CODE):
        tytul = _("Skład zespołu %(jst)s otwarty do zmian") % {"jst": udzial.jst.nazwa_pelna}
        tresc = _("Koordynator otworzył skład Waszego zespołu do zmian.")
    zmien_stan(
        udzial, przejscia=PRZEGLAD, akcja="otworz", pole="stan_zespolu", actor=actor, nazwa="zespol", powod=powod,
        odbiorcy=[_lider(udzial)], link=udzial.get_absolute_url(), tytul=tytul, tresc=tresc,
    )
    return udzial


def odbiorcy_przegladu(udzial: Udzial, akcja: str) -> list:
    """Who hears of a review step of a team's work: a submission goes to the edition's coordinators
    and the JST's current advisers; a return, approval or reopening to the active team."""
    from jst.access import active_assignment_q

    if akcja == "zloz":
        return list(udzial.edycja.koordynatorzy.all()) + [
            p.doradca.uzytkownik for p in PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial=udzial)
            .select_related("doradca__uzytkownik")]
    return [m.uzytkownik for m in udzial.zespol.filter(aktywny=True).select_related("uzytkownik")]
