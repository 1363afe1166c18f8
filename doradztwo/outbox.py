"""The outbox: e-mails and background tasks are written as `Wysylka` rows inside the caller's
transaction and dispatched to Celery after commit (and by a beat task), so a save never needs the
broker. Every e-mail of the product goes through `OutboxEmailBackend` (settings.EMAIL_BACKEND); the
worker sends it with the real backend (settings.OUTBOX_EMAIL_BACKEND)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from doradztwo.models import Wysylka

log = logging.getLogger(__name__)
STUCK_AFTER = datetime.timedelta(minutes=30)
MAX_PROB = 5


class OutboxEmailBackend(BaseEmailBackend):
    """Stores each message in the outbox; nothing leaves the machine before the transaction commits."""

    def send_messages(self, email_messages):
        for message in email_messages:
            kolejkuj_email(message)
        return len(email_messages)


def kolejkuj_email(message) -> Wysylka:
    if getattr(message, "attachments", None):
        raise ValueError("the outbox carries no attachments yet")  # never drop them silently
    alternatives = [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])]
    row = Wysylka.objects.create(rodzaj=Wysylka.Rodzaj.EMAIL, dane={
        "subject": str(message.subject), "body": str(message.body), "from_email": message.from_email,
        "to": list(message.to), "cc": list(message.cc), "bcc": list(message.bcc),
        "reply_to": list(message.reply_to), "headers": dict(message.extra_headers),
        "alternatives": alternatives,
    })
    transaction.on_commit(oproznij)
    return row


def kolejkuj_zadanie(zadanie_id: int) -> Wysylka:
    row = Wysylka.objects.create(rodzaj=Wysylka.Rodzaj.ZADANIE, dane={"zadanie": zadanie_id})
    transaction.on_commit(oproznij)
    return row


def oproznij(limit: int = 200) -> int:
    """Hand pending rows to Celery. Safe to call any time and concurrently; returns how many went.
    Stops at the first dispatch error (the broker is down): beat retries the rest later."""
    from doradztwo import tasks

    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Wysylka.objects.select_for_update(skip_locked=True)
            .filter(status=Wysylka.Status.OCZEKUJE).order_by("pk")[:limit]
        )
        Wysylka.objects.filter(pk__in=[r.pk for r in rows]).update(status=Wysylka.Status.W_KOLEJCE, przekazana=now)
    sent = 0
    for i, row in enumerate(rows):
        try:
            if row.rodzaj == Wysylka.Rodzaj.EMAIL:
                tasks.wyslij_email.delay(row.pk)
            else:
                tasks.wykonaj_zadanie.delay(row.dane["zadanie"])
                Wysylka.objects.filter(pk=row.pk).update(status=Wysylka.Status.WYSLANA, wyslana=timezone.now())
            sent += 1
        except Exception as exc:
            if settings.CELERY_TASK_ALWAYS_EAGER:
                raise
            log.warning("outbox: dispatch of %s failed: %s", row.pk, exc)
            back = [r.pk for r in rows[i:]]
            Wysylka.objects.filter(pk__in=back).update(status=Wysylka.Status.OCZEKUJE, blad=str(exc)[:2000])
            break
    return sent


def wznow_zawieszone() -> int:
    """E-mails handed to the broker or being sent but never finished (a lost message, a killed
    worker) go back to pending; a rare duplicate is better than a lost invitation."""
    return Wysylka.objects.filter(
        rodzaj=Wysylka.Rodzaj.EMAIL, status__in=[Wysylka.Status.W_KOLEJCE, Wysylka.Status.WYSYLANIE],
        przekazana__lt=timezone.now() - STUCK_AFTER, proby__lt=MAX_PROB,
    ).update(status=Wysylka.Status.OCZEKUJE)


def _trwaly_blad(exc: Exception) -> bool:
    """A refusal the server will repeat (5xx, refused recipients, a malformed message)."""
    import smtplib

    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return not isinstance(exc, smtplib.SMTPException | OSError)


def wyslij(row_id: int) -> bool:
    """Send one outbox e-mail: claim it with a conditional UPDATE, send, then mark it sent and drop
    its body (set-password links must not stay in the database)."""
    claimed = Wysylka.objects.filter(pk=row_id, status=Wysylka.Status.W_KOLEJCE).update(
        status=Wysylka.Status.WYSYLANIE, przekazana=timezone.now())
    if claimed != 1:
        return False  # already sent or being sent (a duplicate delivery)
    row = Wysylka.objects.get(pk=row_id)
    d = row.dane
    message = EmailMultiAlternatives(
        subject=d["subject"], body=d["body"], from_email=d["from_email"], to=d["to"], cc=d["cc"], bcc=d["bcc"],
        reply_to=d["reply_to"], headers=d["headers"],
        connection=get_connection(settings.OUTBOX_EMAIL_BACKEND),  # SMTP honours settings.EMAIL_TIMEOUT
    )
    for content, mimetype in d["alternatives"]:
        message.attach_alternative(content, mimetype)
    try:
        message.send()
    except Exception as exc:
        proby = row.proby + 1
        final = _trwaly_blad(exc) or proby >= MAX_PROB
        Wysylka.objects.filter(pk=row_id).update(
            status=Wysylka.Status.BLAD if final else Wysylka.Status.W_KOLEJCE, proby=proby, blad=str(exc)[:2000])
        if final:
            log.error("outbox: e-mail %s failed for good: %s", row_id, exc)
            return False
        raise
    summary = {"subject": d["subject"], "to": d["to"]}
    Wysylka.objects.filter(pk=row_id).update(status=Wysylka.Status.WYSLANA, wyslana=timezone.now(),
                                             proby=row.proby + 1, blad="", dane=summary)
    return True
