"""State changes of advisers: the directory entry and ROS/PRO assignments (CONVENTIONS §4).

An adviser pair is not a table: a participation has one open ROS and one open PRO assignment, each
with from–to dates. Replacing an adviser closes the open assignment in the same transaction.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.services import KonfliktWersji, uzytkownik_zapros
from jst.models import Doradca, PrzydzialDoradcy, Udzial

_USER_FIELDS = {"imie": "first_name", "nazwisko": "last_name", "telefon": "telefon", "email": "email"}
_ADVISER_FIELDS = ["specjalnosc", "wojewodztwo", "notatka", "aktywny"]


def _data(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _email_ma_doradce(email: str, *, poza=None) -> bool:
    users = get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    if poza is not None:
        users = users.exclude(pk=poza.pk)
    return Doradca.objects.filter(uzytkownik__in=users).exists()


@transaction.atomic
def doradca_utworz(*, email: str, imie: str, nazwisko: str, telefon: str = "", specjalnosc: str,
                   wojewodztwo: str = "", notatka: str = "", actor) -> Doradca:
    """Add an adviser: find or create the account by e-mail (a new person gets the set-password
    invitation after commit) and attach the adviser's directory entry to it."""
    email = email.strip().lower()
    if _email_ma_doradce(email):
        raise ValidationError({"email": _("Osoba z tym adresem e-mail jest już w katalogu doradców.")})
    uzytkownik = uzytkownik_zapros(email=email, imie=imie, nazwisko=nazwisko, telefon=telefon, actor=actor)
    nowe_konto = uzytkownik.nowe_konto
    try:
        # A savepoint: two coordinators adding the same person at once meet the one-to-one constraint.
        with transaction.atomic():
            doradca = Doradca.objects.create(uzytkownik=uzytkownik, specjalnosc=specjalnosc,
                                             wojewodztwo=wojewodztwo.strip(), notatka=notatka.strip())
    except IntegrityError as exc:
        raise ValidationError({"email": _("Osoba z tym adresem e-mail jest już w katalogu doradców.")}) from exc
    audit(actor, "doradca.utworzony", doradca, {"email": email, "specjalnosc": specjalnosc,
                                             "wojewodztwo": doradca.wojewodztwo, "nowe_konto": nowe_konto})
    doradca.nowe_konto = nowe_konto  # tells the caller whether an invitation went out
    return doradca


@transaction.atomic
def doradca_zmien(*, doradca: Doradca, dane: dict, actor, wersja: int | None = None) -> Doradca:
    """Change an adviser's contact details (on the account) and directory fields.

    A changed e-mail also becomes the login when the login was the old e-mail (accounts made by
    invitation); demo accounts with short usernames keep them."""
    user = get_user_model().objects.select_for_update().get(pk=doradca.uzytkownik_id)
    doradca = Doradca.objects.select_for_update().get(pk=doradca.pk)
    if wersja is not None and wersja != doradca.wersja:
        raise KonfliktWersji(doradca)
    user_fields, changes = [], {}
    if "email" in dane:
        dane = {**dane, "email": dane["email"].strip().lower()}
        if dane["email"] != user.email.lower():
            if user.is_superuser or user.koordynator or user.zaproszenie_przyjete:
                # Only the person may change the address of an account in use (no takeover by a reset link).
                raise ValidationError({"email": _(
                    "Ta osoba używa już swojego konta — adres e-mail może zmienić tylko ona sama.")})
            User = get_user_model()
            taken = User.objects.filter(Q(username__iexact=dane["email"]) | Q(email__iexact=dane["email"]))
            if taken.exclude(pk=user.pk).exists():
                raise ValidationError({"email": _("Ten adres e-mail należy już do innego konta.")})
            if user.username.lower() == user.email.lower():
                user.username = dane["email"]
                user_fields.append("username")
    for key, attr in _USER_FIELDS.items():
        if key in dane:
            value = dane[key].strip()
            if getattr(user, attr) != value:
                changes[key] = value
                setattr(user, attr, value)
                user_fields.append(attr)
    if user_fields:
        user.save(update_fields=user_fields)
    adviser_fields = []
    for field in _ADVISER_FIELDS:
        if field in dane:
            value = dane[field].strip() if isinstance(dane[field], str) else dane[field]
            if getattr(doradca, field) != value:
                changes[field] = value
                setattr(doradca, field, value)
                adviser_fields.append(field)
    if adviser_fields or user_fields:
        doradca.wersja += 1
        doradca.save(update_fields=[*adviser_fields, "wersja"])
    doradca.uzytkownik = user
    audit(actor, "doradca.zmieniony", doradca, changes)
    return doradca


@transaction.atomic
def przydzial_utworz(*, udzial: Udzial, doradca: Doradca, rola: str, od: datetime.date,
                     actor) -> PrzydzialDoradcy:
    """Assign the ROS or PRO of a participation from `od`. An open assignment of that role is closed
    first (the day before `od`), so replacing an adviser is one action."""
    # Lock the participation: concurrent assignments to one JST run one after another.
    udzial = Udzial.objects.select_related("edycja", "jst").select_for_update(of=("self",)).get(pk=udzial.pk)
    edycja = udzial.edycja
    if edycja.zamknieta:
        raise ValidationError(_("Edycja „%(edycja)s” jest zamknięta — nie można zmieniać przydziałów doradców.")
                              % {"edycja": edycja.nazwa})
    doradca = Doradca.objects.select_related("uzytkownik").get(pk=doradca.pk)
    if not doradca.aktywny:
        raise ValidationError({"doradca": _("%(osoba)s nie jest aktywnym doradcą.") % {"osoba": doradca}})
    if not edycja.data_od <= od <= edycja.data_do:
        raise ValidationError({"od": _("Data musi mieścić się w czasie trwania edycji: od %(od)s do %(do)s.") % {
            "od": _data(edycja.data_od), "do": _data(edycja.data_do)}})
    przydzialy = PrzydzialDoradcy.objects.filter(udzial=udzial)
    # "Current" includes an assignment already ended on a future day: the new one must not overlap it.
    obecny = przydzialy.filter(rola=rola).filter(Q(do__isnull=True) | Q(do__gte=od)).order_by("-od").first()
    if obecny is not None and obecny.doradca_id == doradca.pk:
        raise ValidationError({"doradca": _("%(osoba)s jest już doradcą %(rola)s tej JST.") % {
            "osoba": doradca, "rola": rola}})
    inna_rola = przydzialy.exclude(rola=rola).filter(doradca=doradca).filter(Q(do__isnull=True) | Q(do__gte=od))
    if inna_rola.exists():
        raise ValidationError({"doradca": _(
            "%(osoba)s jest już doradcą %(rola)s tej JST — para doradców to dwie różne osoby."
        ) % {"osoba": doradca, "rola": inna_rola.first().rola}})
    if obecny is not None:
        if od < obecny.od:
            raise ValidationError({"od": _(
                "Obecny przydział (%(osoba)s) zaczął się %(od)s — nowy nie może zacząć się wcześniej."
            ) % {"osoba": obecny.doradca, "od": _data(obecny.od)}})
        # The old adviser's last day is the day before the new one starts (the same day if it began then).
        obecny.do = max(od - datetime.timedelta(days=1), obecny.od)
        obecny.save(update_fields=["do"])
        audit(actor, "przydzial.zakonczony", obecny, {"do": obecny.do, "zastapiony_przez": doradca.pk})
    try:
        with transaction.atomic():
            przydzial = PrzydzialDoradcy.objects.create(udzial=udzial, doradca=doradca, rola=rola, od=od)
    except IntegrityError as exc:  # the partial unique constraint: someone assigned this role meanwhile
        raise ValidationError(_("Ktoś właśnie zmienił przydział tej roli. Odśwież stronę i spróbuj ponownie.")) from exc
    audit(actor, "przydzial.utworzony", przydzial, {"udzial": udzial.pk, "doradca": doradca.pk, "rola": rola,
                                                 "od": od, "zastapiony": obecny.pk if obecny else None})
    return przydzial


@transaction.atomic
def przydzial_zakoncz(*, przydzial: PrzydzialDoradcy, do: datetime.date, actor) -> PrzydzialDoradcy:
    """End an open assignment on `do` (its last day). The adviser keeps read access as a former one."""
    przydzial = (PrzydzialDoradcy.objects.select_for_update(of=("self",))
                 .select_related("doradca__uzytkownik", "udzial__edycja").get(pk=przydzial.pk))
    if przydzial.udzial.edycja.zamknieta:
        raise ValidationError(_("Edycja „%(edycja)s” jest zamknięta — nie można zmieniać przydziałów doradców.")
                              % {"edycja": przydzial.udzial.edycja.nazwa})
    if przydzial.do is not None:
        raise ValidationError(_("Ten przydział jest już zakończony (%(do)s).") % {
            "do": _data(przydzial.do)})
    if do < przydzial.od:
        raise ValidationError({"do": _("Przydział nie może skończyć się przed swoim początkiem (%(od)s).") % {
            "od": _data(przydzial.od)}})
    przydzial.do = do
    przydzial.save(update_fields=["do"])
    audit(actor, "przydzial.zakonczony", przydzial, {"do": do})
    return przydzial
