"""Celery tasks of the shared machinery. Thin: ids in, a service does the work, idempotent."""

import smtplib

from celery import shared_task


@shared_task(bind=True, max_retries=5, acks_late=True)
def wyslij_email(self, wysylka_id: int):
    from doradztwo import outbox

    try:
        return outbox.wyslij(wysylka_id)
    except (smtplib.SMTPException, OSError) as exc:  # transient: the mail server is away
        raise self.retry(exc=exc, countdown=min(60 * 2 ** self.request.retries, 600)) from exc


@shared_task
def oproznij_wysylki():
    """Beat: dispatch what an after-commit flush missed and revive rows lost on the way."""
    from doradztwo import outbox, zadania

    outbox.wznow_zawieszone()
    zadania.wznow_zawieszone()
    return outbox.oproznij()


@shared_task(bind=True, max_retries=3, acks_late=True)
def wykonaj_zadanie(self, zadanie_id: int):
    from doradztwo import zadania

    try:
        return zadania.wykonaj(zadanie_id)
    except zadania.BladPrzejsciowy as exc:
        raise self.retry(exc=exc, countdown=min(5 * 2 ** self.request.retries, 300)) from exc


@shared_task(acks_late=True, soft_time_limit=270, time_limit=300)
def wyslij_przypomnienia():
    """Beat: one bounded pass of the reminders (doradztwo.przypomnienia). Safe to overlap with another run:
    the sent log's unique constraint lets one of them send each reminder."""
    from doradztwo import przypomnienia

    wynik = przypomnienia.przebieg()
    return {"wyslane": wynik.wyslane, "pominiete": wynik.pominiete, "pozostalo": wynik.pozostalo}
