import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction

from doradztwo import outbox
from doradztwo.models import Wysylka

pytestmark = pytest.mark.django_db


def test_an_email_is_stored_in_the_transaction_and_sent_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            send_mail("Zażółć gęślą jaźń", "Treść", None, ["jan@gmina.pl"])
            assert Wysylka.objects.get().status == "oczekuje"
            assert mail.outbox == []  # nothing leaves before commit
    assert [m.subject for m in mail.outbox] == ["Zażółć gęślą jaźń"]
    assert Wysylka.objects.get().status == "wyslana"
    assert outbox.oproznij() == 0  # a second flush sends nothing
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            send_mail("Temat", "Treść", None, ["jan@gmina.pl"])
            raise RuntimeError
    assert Wysylka.objects.count() == 0 and mail.outbox == []


def test_a_save_never_needs_the_broker(settings, monkeypatch, django_capture_on_commit_callbacks):
    """With the broker down the row stays pending; the beat flush sends it later."""
    from doradztwo import tasks
    from doradztwo.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.wyslij_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Temat", "Treść", None, ["jan@gmina.pl"])
    row = Wysylka.objects.get()
    assert row.status == "oczekuje" and "broker down" in row.blad
    monkeypatch.undo()
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert tasks.oproznij_wysylki() == 1
    assert len(mail.outbox) == 1


def test_a_duplicate_delivery_of_one_email_sends_it_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Temat", "Treść", None, ["jan@gmina.pl"])
    row = Wysylka.objects.get()
    assert outbox.wyslij(row.pk) is False  # already sent by the flush
    assert len(mail.outbox) == 1


def test_html_alternatives_survive_the_outbox(django_capture_on_commit_callbacks):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Temat", "Tekst", None, ["a@b.pl"])
    message.attach_alternative("<p>Łódź</p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    assert mail.outbox[0].alternatives[0][0] == "<p>Łódź</p>"


def test_a_sent_email_keeps_no_body_so_no_reset_link_stays_in_the_database(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Link", "https://example.org/accounts/reset/MQ/token/", None, ["jan@gmina.pl"])
    row = Wysylka.objects.get()
    assert row.dane == {"subject": "Link", "to": ["jan@gmina.pl"]}


def test_a_permanently_refused_email_ends_as_an_error_not_a_retry_loop(settings, django_capture_on_commit_callbacks,
                                                                        monkeypatch):
    import smtplib

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@y.pl": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Temat", "Treść", None, ["x@y.pl"])
    row = Wysylka.objects.get()
    assert row.status == "blad" and "no such user" in row.blad
    assert outbox.wznow_zawieszone() == 0


def test_a_stuck_job_is_queued_again_then_given_up(world, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    from doradztwo import zadania
    from doradztwo.models import Zadanie

    job = zadania.zadanie_zlec(rodzaj="sklad_zespolu", parametry={"udzial": world["udzial_a"].pk},
                               actor=world["personas"]["koordynator"])
    Zadanie.objects.filter(pk=job.pk).update(status="w_toku", utworzone=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert zadania.wznow_zawieszone() == 1
    job.refresh_from_db()
    assert job.status == "gotowe"  # queued again and rendered (eager here)
    Zadanie.objects.filter(pk=job.pk).update(status="w_toku", proby=3,
                                             utworzone=timezone.now() - datetime.timedelta(hours=1))
    zadania.wznow_zawieszone()
    job.refresh_from_db()
    assert job.status == "blad" and "Spróbuj ponownie" in job.komunikat
