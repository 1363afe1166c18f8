"""Notifications: the bell (`Powiadomienie` rows) and their e-mail twins.

`powiadom()` is the one call other parts make. Workflow events (kinds starting with "przeglad.")
always reach everyone; every other kind is optional, so a person may later switch it off: the
single place that will ask is `_wylaczyli()`. Notifications are not audited (they record no decision).
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from doradztwo.models import Powiadomienie, WylaczeniePowiadomien

# Submitted, returned, approved, reopened, published: the workflow cannot proceed unnoticed.
PREFIKSY_OBOWIAZKOWE = ("przeglad.",)


def obowiazkowy(rodzaj: str) -> bool:
    """A kind nobody can switch off."""
    return rodzaj.startswith(PREFIKSY_OBOWIAZKOWE)


def _wylaczyli(rodzaj: str, odbiorcy: list, kanal: str) -> set[int]:
    """Ids of recipients who switched `rodzaj` off for `kanal` ("dzwonek" or "email"): one query over
    `odbiorcy` (`WylaczeniePowiadomien`, set on /powiadomienia/ustawienia/)."""
    if not odbiorcy:
        return set()
    return set(WylaczeniePowiadomien.objects.filter(
        rodzaj=rodzaj, kanal=kanal, uzytkownik_id__in=[u.pk for u in odbiorcy],
    ).values_list("uzytkownik_id", flat=True))


def _odbiorcy(odbiorcy: Iterable) -> list:
    """Distinct active accounts, in the order given (None and inactive accounts skipped)."""
    seen: set[int] = set()
    people = []
    for user in odbiorcy:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        people.append(user)
    return people


def _sprawdz_link(link: str) -> str:
    # Rendered as an href and followed after "mark read": only our own paths or plain web links.
    if link and not (
        (link.startswith("/") and not link.startswith("//")) or link.startswith(("https://", "http://"))
    ):
        raise ValueError("A notification link must be a path on this site or an http(s) URL.")
    return link


def link_bezwzgledny(link: str) -> str:
    """The link as it works from an e-mail (SITE_URL + path); empty → the notification list."""
    link = link or reverse("powiadomienia:lista")
    return settings.SITE_URL + link if link.startswith("/") else link


@transaction.atomic
def powiadom(*, odbiorcy, rodzaj: str, tytul: str, tresc: str = "", link: str = "",
             email: bool = True) -> list[Powiadomienie]:
    """One notification per distinct active recipient and, when `email`, one e-mail each."""
    link = _sprawdz_link(link)
    people = _odbiorcy(odbiorcy)
    if not obowiazkowy(rodzaj):
        off = _wylaczyli(rodzaj, people, "dzwonek")
        people = [u for u in people if u.pk not in off]
    rows = Powiadomienie.objects.bulk_create([
        Powiadomienie(odbiorca=user, rodzaj=rodzaj, tytul=tytul[:200], tresc=tresc, link=link[:300])
        for user in people
    ])
    if email and rows:
        off = set() if obowiazkowy(rodzaj) else _wylaczyli(rodzaj, people, "email")
        for row in rows:
            if row.odbiorca.email and row.odbiorca_id not in off:
                _wyslij_email(row)
    return rows


def _wyslij_email(powiadomienie: Powiadomienie) -> None:
    # In Polish whatever language the person who triggered it uses: the recipient did not choose it.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "powiadomienie": powiadomienie,
            "odbiorca": powiadomienie.odbiorca,
            "link": link_bezwzgledny(powiadomienie.link),
            "lista": settings.SITE_URL + reverse("powiadomienia:lista"),
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(render_to_string("emails/powiadomienie-subject.txt", context).split())
        body = render_to_string("emails/powiadomienie-body.txt", context)
        html = render_to_string("emails/powiadomienie-body.html", context)
    message = EmailMultiAlternatives(subject, body, None, [powiadomienie.odbiorca.email])
    message.attach_alternative(html, "text/html")
    message.send()


@transaction.atomic
def oznacz_przeczytane(*, powiadomienie: Powiadomienie, actor) -> Powiadomienie:
    """Mark one of the actor's own notifications read (reading it again changes nothing)."""
    if powiadomienie.odbiorca_id != actor.pk:
        raise PermissionDenied
    if powiadomienie.przeczytane is None:
        powiadomienie.przeczytane = timezone.now()
        powiadomienie.save(update_fields=["przeczytane"])
    return powiadomienie


@transaction.atomic
def oznacz_wszystkie(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Powiadomienie.objects.filter(odbiorca=actor, przeczytane__isnull=True).update(
        przeczytane=timezone.now())


# --- Reads ----------------------------------------------------------------------------------


def powiadomienia_uzytkownika(user) -> QuerySet[Powiadomienie]:
    """The user's own notifications, newest first (nobody sees anyone else's)."""
    return Powiadomienie.objects.filter(odbiorca=user).order_by("-utworzone", "-pk")


def liczba_nieprzeczytanych(user) -> int:
    if not user.is_authenticated:
        return 0
    return Powiadomienie.objects.filter(odbiorca=user, przeczytane__isnull=True).count()


def get_powiadomienie_for_user(user, pk) -> Powiadomienie:
    """The door from a URL id: another person's notification is 404, like one that does not exist."""
    return get_object_or_404(Powiadomienie, pk=pk, odbiorca=user)
