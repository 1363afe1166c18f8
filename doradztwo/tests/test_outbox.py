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
