"""State changes of the project package: people (invitations), editions and their calendars.

Each public function is one state change: keyword arguments, `actor`, atomic, audited.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from doradztwo.audit import audit
from doradztwo.kalendarz import DOMYSLNY_KALENDARZ, planowane_daty
from doradztwo.models import Edycja, EtapKalendarza, Uzytkownik


def powod_historii(text: str) -> str:
    """simple-history keeps at most 100 characters of a reason; the full text goes to the audit."""
    return text.strip()[:100]


class KonfliktWersji(Exception):
    """Someone saved the row since the form was opened: nothing was saved."""

    def __init__(self, aktualny):
        super().__init__("stale version")
        self.aktualny = aktualny


# --- People ---------------------------------------------------------------------------------


@transaction.atomic
def uzytkownik_zapros(*, email: str, imie: str, nazwisko: str, telefon: str = "", actor,
                      koordynator: bool = False) -> Uzytkownik:
    """Find (case-insensitively) or create the account for this e-mail and send a set-password
    invitation after commit. An existing person keeps their password and gets no new e-mail."""
    email = email.strip().lower()
    User = get_user_model()
    # Demo and legacy accounts have short usernames: match the e-mail address too.
    user = (User.objects.filter(username__iexact=email).first()
            or User.objects.filter(email__iexact=email).order_by("pk").first())
    created = False
    if user is None:
        user = User(username=email, email=email, first_name=imie.strip(), last_name=nazwisko.strip(),
                    telefon=telefon.strip(), koordynator=koordynator)
        user.set_unusable_password()
        try:
            with transaction.atomic():  # two coordinators inviting the same new person at once
                user.save()
        except IntegrityError:
            user = User.objects.get(username__iexact=email)
        else:
            created = True
            audit(actor, "uzytkownik.utworzony", user, {"email": email})
            _queue_invitation(user, actor)
    elif koordynator and not user.koordynator:
        user.koordynator = True
        user.save(update_fields=["koordynator"])
        audit(actor, "uzytkownik.nadano_koordynatora", user)
    user.nowe_konto = created  # tells the caller whether an invitation went out
    return user


@transaction.atomic
def uzytkownik_wyslij_zaproszenie(*, uzytkownik: Uzytkownik, actor) -> None:
    """Resend the invitation (a new set-password link) to someone who has not accepted it yet."""
    if uzytkownik.zaproszenie_przyjete or uzytkownik.is_superuser:
        raise ValidationError(_("%(kto)s już korzysta z konta — zaproszenie nie jest potrzebne. "
                                "Nowe hasło można ustawić przez „Nie pamiętasz hasła?”.") % {"kto": uzytkownik})
    _queue_invitation(uzytkownik, actor)


def _queue_invitation(user: Uzytkownik, actor) -> None:
    user.zaproszenie_wyslane = timezone.now()
    user.save(update_fields=["zaproszenie_wyslane"])
    audit(actor, "uzytkownik.zaproszenie_wyslane", user)
    wyslij_zaproszenie(user.pk)  # into the outbox, in this transaction: sent only if it commits


def wyslij_zaproszenie(user_id: int) -> None:
    """Send the invitation e-mail (runs after commit; the shared machinery moves it to the outbox)."""
    user = get_user_model().objects.get(pk=user_id)
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    context = {"uzytkownik": user, "link": settings.SITE_URL + path, "site_url": settings.SITE_URL}
    subject = render_to_string("emails/zaproszenie-subject.txt", context).strip()
    body = render_to_string("emails/zaproszenie-body.txt", context)
    send_mail(subject, body, None, [user.email])


# --- Editions -------------------------------------------------------------------------------

def _przejscia_edycji():
    from doradztwo.przeglad import Przejscie, tabela

    S = Edycja.Status
    return tabela(
        Przejscie("aktywuj", frozenset({S.PLANOWANA}), S.AKTYWNA),
        Przejscie("zamknij", frozenset({S.AKTYWNA}), S.ZAMKNIETA),
        Przejscie("otworz", frozenset({S.ZAMKNIETA}), S.AKTYWNA, wymaga_powodu=True),
    )


PRZEJSCIA_EDYCJI = _przejscia_edycji()

_EDITION_FIELDS = ["nazwa", "data_od", "data_do", "norma_godzin", "zespol_min", "zespol_max",
                   "wymaga_pracownika_jst", "wymaga_dyrektora"]


def _check_dates(data_od, data_do):
    if data_od and data_do and data_do < data_od:
        raise ValidationError({"data_do": _("Koniec edycji nie może być wcześniejszy niż jej początek.")})


@transaction.atomic
def edycja_utworz(*, dane: dict, koordynatorzy=(), actor) -> Edycja:
    """Create an edition with the default stage calendar; its creator coordinates it."""
    _check_dates(dane.get("data_od"), dane.get("data_do"))
    edycja = Edycja.objects.create(**{k: v for k, v in dane.items() if k in _EDITION_FIELDS})
    people = set(koordynatorzy)
    if not actor.is_superuser or not people:
        people.add(actor)
    edycja.koordynatorzy.set(people)
    audit(actor, "edycja.koordynatorzy", edycja, {"koordynatorzy": sorted(u.pk for u in people)})
    EtapKalendarza.objects.bulk_create([
        EtapKalendarza(edycja=edycja, kod=kod, nazwa=str(nazwa), kolejnosc=i, opis=str(opis),
                       **dict(zip(("data_od", "data_do"), planowane_daty(edycja.data_od, edycja.data_do, a, b))))
        for i, (kod, nazwa, a, b, opis) in enumerate(DOMYSLNY_KALENDARZ, start=1)
    ])
    audit(actor, "edycja.utworzona", edycja, {k: dane.get(k) for k in _EDITION_FIELDS})
    return edycja


@transaction.atomic
def edycja_zmien(*, edycja: Edycja, dane: dict, wersja: int, koordynatorzy=None, actor) -> Edycja:
    """Save the edition's settings if nobody saved them since `wersja` was read."""
    _check_dates(dane.get("data_od"), dane.get("data_do"))
    changes = {k: v for k, v in dane.items() if k in _EDITION_FIELDS}
    current = Edycja.objects.select_for_update().get(pk=edycja.pk)
    if current.wersja != wersja:
        raise KonfliktWersji(current)
    for field, value in changes.items():
        setattr(current, field, value)
    current.wersja += 1
    current.save(update_fields=[*changes, "wersja"])
    if koordynatorzy is not None:
        people = set(koordynatorzy)
        if not actor.is_superuser:
            people.add(actor)  # a coordinator cannot lock themselves out of their own edition
        if not people:
            raise ValidationError({"koordynatorzy": _("Edycja musi mieć co najmniej jednego koordynatora.")})
        before = sorted(current.koordynatorzy.values_list("pk", flat=True))
        current.koordynatorzy.set(people)
        after = sorted(u.pk for u in people)
        if before != after:  # who may open the edition: always on record
            audit(actor, "edycja.koordynatorzy", current, {"przed": before, "po": after})
    edycja = current
    audit(actor, "edycja.zmieniona", edycja, changes)
    return edycja


@transaction.atomic
def edycja_zmien_kalendarz(*, edycja: Edycja, etapy: list[dict], wersja: int, actor) -> None:
    """Save planned dates (and names) of the edition's stages; `etapy` = [{pk, nazwa, data_od, data_do}].
    The calendar shares the edition's version: a stale save changes nothing."""
    current = Edycja.objects.select_for_update().get(pk=edycja.pk)
    if current.wersja != wersja:
        raise KonfliktWersji(current)
    current.wersja += 1
    current.save(update_fields=["wersja"])
    by_pk = {e.pk: e for e in current.kalendarz.all()}
    for row in etapy:
        etap = by_pk.get(row["pk"])
        if etap is None:
            raise ValidationError(_("Etap nie należy do tej edycji."))
        if row["data_do"] < row["data_od"]:
            raise ValidationError(_("Etap „%(nazwa)s”: koniec przed początkiem.") % {"nazwa": row["nazwa"]})
        etap.nazwa, etap.data_od, etap.data_do = row["nazwa"], row["data_od"], row["data_do"]
        etap.save(update_fields=["nazwa", "data_od", "data_do"])
    audit(actor, "edycja.kalendarz_zmieniony", edycja, {"etapy": len(etapy)})


@transaction.atomic
def edycja_kopiuj(*, edycja: Edycja, nazwa: str, data_od: datetime.date, actor) -> Edycja:
    """A new planned edition with the same settings, coordinators and calendar (shifted in time)."""
    shift = data_od - edycja.data_od
    kopia = Edycja.objects.create(
        nazwa=nazwa, data_od=data_od, data_do=edycja.data_do + shift, status=Edycja.Status.PLANOWANA,
        **{k: getattr(edycja, k) for k in _EDITION_FIELDS if k not in ("nazwa", "data_od", "data_do")},
    )
    people = set(edycja.koordynatorzy.all()) | ({actor} if not actor.is_superuser else set())
    kopia.koordynatorzy.set(people)
    audit(actor, "edycja.koordynatorzy", kopia, {"koordynatorzy": sorted(u.pk for u in people)})
    EtapKalendarza.objects.bulk_create([
        EtapKalendarza(edycja=kopia, kod=e.kod, nazwa=e.nazwa, kolejnosc=e.kolejnosc, opis=e.opis,
                       data_od=e.data_od + shift, data_do=e.data_do + shift)
        for e in edycja.kalendarz.all()
    ])
    from doradztwo.przypomnienia import reguly_kopiuj

    reguly_kopiuj(z=edycja, do=kopia)
    audit(actor, "edycja.skopiowana", kopia, {"z_edycji": edycja.pk})
    return kopia


@transaction.atomic
def edycja_zmien_status(*, edycja: Edycja, status: str, powod: str = "", actor) -> Edycja:
    """planned → active → closed; a closed edition can be reopened (active) with a reason."""
    from doradztwo.przeglad import zmien_stan

    edycja = Edycja.objects.get(pk=edycja.pk)
    akcja = {(Edycja.Status.PLANOWANA, Edycja.Status.AKTYWNA): "aktywuj",
             (Edycja.Status.AKTYWNA, Edycja.Status.ZAMKNIETA): "zamknij",
             (Edycja.Status.ZAMKNIETA, Edycja.Status.AKTYWNA): "otworz"}.get((edycja.status, status))
    if akcja is None:
        raise ValidationError(_("Nie można zmienić statusu edycji z „%(z)s” na „%(na)s”.") % {
            "z": edycja.get_status_display(), "na": Edycja.Status(status).label})
    if akcja == "otworz" and not powod.strip():
        raise ValidationError({"powod": _("Podaj powód ponownego otwarcia edycji.")})
    labels = dict(Edycja.Status.choices)
    with override(settings.LANGUAGE_CODE):  # notifications are stored and mailed in Polish
        tytul = _("Edycja „%(nazwa)s”: %(status)s") % {"nazwa": edycja.nazwa, "status": labels[status]}
        tresc = _("Status edycji zmienił się na: %(status)s.") % {"status": labels[status]}
    zmien_stan(
        edycja, przejscia=PRZEJSCIA_EDYCJI, akcja=akcja, pole="status", actor=actor, nazwa="edycja", powod=powod,
        etykiety=labels, odbiorcy=list(edycja.koordynatorzy.all()),
        link=reverse("edycje:szczegoly", args=[edycja.pk]), tytul=tytul, tresc=tresc,
    )
    edycja.refresh_from_db()
    return edycja
