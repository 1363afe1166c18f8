import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from doradztwo.demo import DEMO_ACCOUNTS, demo_password

pytestmark = pytest.mark.django_db


def test_every_demo_account_logs_in_and_lands_on_the_start_page(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    for username, first_name, *_ in DEMO_ACCOUNTS:
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": demo_password()})
        assert response.status_code == 302, username
        assert response["Location"] == "/", username
        start = client.get("/")
        assert start.status_code == 200, username
        assert first_name in start.content.decode()


def test_seed_demo_is_idempotent(django_user_model):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = sorted(django_user_model.objects.values_list("pk", "username"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert sorted(django_user_model.objects.values_list("pk", "username")) == first
    assert django_user_model.objects.get(username="admin").check_password(demo_password())
    assert len(mail.outbox) == 0


def test_seed_demo_hashes_the_password_once(monkeypatch):
    from django.contrib.auth import hashers

    calls = []
    real = hashers.make_password
    monkeypatch.setattr("doradztwo.demo.make_password", lambda pw: calls.append(pw) or real(pw))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert len(calls) == 1


def test_anonymous_visitor_of_start_page_is_sent_to_login_with_next(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_anonymous_htmx_request_gets_401_not_a_redirect(client):
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert "Zaloguj się ponownie" in response.content.decode()


def test_login_is_case_insensitive_for_the_username(client, django_user_model):
    django_user_model.objects.create_user("Anna.Nowak@Gmina.pl", password="bardzo-tajne-haslo-1")
    response = client.post("/accounts/login/", {"username": "anna.nowak@gmina.pl", "password": "bardzo-tajne-haslo-1"})
    assert response.status_code == 302


def test_usernames_are_unique_regardless_of_case(django_user_model):
    from django.db import IntegrityError, transaction

    django_user_model.objects.create_user("jan@gmina.pl")
    with pytest.raises(IntegrityError), transaction.atomic():
        django_user_model.objects.create_user("JAN@gmina.pl")


def test_wrong_password_shows_a_polish_error_and_keeps_the_username(client, personas):
    response = client.post("/accounts/login/", {"username": "ros1", "password": "zle-haslo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wprowadź poprawne wartości pól" in html
    assert 'value="ros1"' in html


def test_repeated_failures_lock_out_the_username_on_that_ip_only(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "jst-a-lider", "password": "zle"}, REMOTE_ADDR="10.0.0.7")
    locked = client.post("/accounts/login/", {"username": "jst-a-lider", "password": "haslo-testowe-123"},
                         REMOTE_ADDR="10.0.0.7")
    assert locked.status_code == 429
    assert "Spróbuj ponownie za 15 minut" in locked.content.decode()
    # A colleague in the same office (same IP) can still sign in.
    colleague = client.post("/accounts/login/", {"username": "jst-a-czlonek", "password": "haslo-testowe-123"},
                            REMOTE_ADDR="10.0.0.7")
    assert colleague.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, personas):
    client.force_login(personas["ros1"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_polish_email_with_a_working_link(client, personas,
                                                                 django_capture_on_commit_callbacks):
    personas["pro1"].email = "pro1@example.org"
    personas["pro1"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "pro1@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "ustawienie nowego hasła" in message.subject
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()


def test_the_session_is_written_at_most_once_a_minute_and_still_slides(client, personas, settings):
    """Sliding without an UPDATE of the session row on every page view or autosave."""
    settings.SESSION_ODSWIEZ_CO = 60
    import time_machine
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def zapisy():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return sum(q["sql"].startswith("UPDATE \"django_session\"") for q in queries.captured_queries)

    with time_machine.travel("2026-03-02 10:00 +0100", tick=False) as traveller:
        client.force_login(personas["ros2"])
        client.get("/")
        expiry = Session.objects.get().expire_date
        traveller.shift(30)
        assert zapisy() == 0 and Session.objects.get().expire_date == expiry
        traveller.shift(31)
        assert zapisy() == 1 and Session.objects.get().expire_date > expiry


def test_session_expires_after_an_hour_without_activity_and_slides_with_use(client, personas, settings):
    import time_machine
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 3600
    with time_machine.travel("2026-03-02 10:00 +0100", tick=False) as traveller:
        client.force_login(personas["ros2"])
        client.get("/")
        first_expiry = Session.objects.get().expire_date
        traveller.shift(50 * 60)
        assert client.get("/").status_code == 200
        assert Session.objects.get().expire_date > first_expiry
        traveller.shift(61 * 60)
        assert client.get("/").status_code == 302


def test_the_page_is_told_how_long_its_session_really_has_left(client, personas, settings):
    """The expiry warning counts from the last extension, which may be up to a minute before the page."""
    settings.SESSION_ODSWIEZ_CO = 60
    import time_machine

    with time_machine.travel("2026-03-02 10:00 +0100", tick=False) as traveller:
        client.force_login(personas["ros2"])
        assert f'data-sesja="{settings.SESSION_COOKIE_AGE}"' in client.get("/").content.decode()
        traveller.shift(40)
        assert f'data-sesja="{settings.SESSION_COOKIE_AGE - 40}"' in client.get("/").content.decode()
        traveller.shift(20)  # due: this request extends the session
        assert f'data-sesja="{settings.SESSION_COOKIE_AGE}"' in client.get("/").content.decode()
