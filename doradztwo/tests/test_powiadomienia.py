"""Notifications: who gets a row and an e-mail, the bell's count and label, the list and marking read."""

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from doradztwo import powiadomienia as uslugi
from doradztwo.context_processors_powiadomienia import powiadomienia as context_processor
from doradztwo.models import Powiadomienie
from doradztwo.tests.factories import UzytkownikFactory

pytestmark = pytest.mark.django_db


def _powiadom(django_capture_on_commit_callbacks, **kwargs):
    kwargs = {"rodzaj": "przeglad.zlozony", "tytul": "HDR złożony do akceptacji", **kwargs}
    with django_capture_on_commit_callbacks(execute=True):
        return uslugi.powiadom(**kwargs)


def test_each_distinct_active_recipient_gets_one_notification_and_one_email(
        personas, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://doradztwo.example.org"
    ros1, pro1 = personas["ros1"], personas["pro1"]
    nieaktywny = UzytkownikFactory(is_active=False)
    rows = _powiadom(django_capture_on_commit_callbacks, odbiorcy=[ros1, None, pro1, ros1, nieaktywny],
                     tresc="Powiat bolesławiecki złożył HDR.\nProsimy o przegląd.", link="/udzialy/7/hdr/")
    assert [r.odbiorca for r in rows] == [ros1, pro1]
    assert Powiadomienie.objects.filter(odbiorca=ros1).count() == 1
    assert not Powiadomienie.objects.filter(odbiorca=nieaktywny).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ros1.email, pro1.email])
    message = mail.outbox[0]
    assert message.subject == "Doradztwo dla JST: HDR złożony do akceptacji"
    assert "https://doradztwo.example.org/udzialy/7/hdr/" in message.body
    assert "Prosimy o przegląd." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://doradztwo.example.org/udzialy/7/hdr/"' in html
    assert "Powiat bolesławiecki złożył HDR.<br>Prosimy o przegląd." in html


def test_the_email_is_polish_even_when_the_sender_uses_english(personas, django_capture_on_commit_callbacks):
    with translation.override("en"):
        _powiadom(django_capture_on_commit_callbacks, odbiorcy=[personas["ros1"]])
    assert mail.outbox[0].body.startswith("Dzień dobry,")


def test_without_email_only_the_bell_rings(personas, django_capture_on_commit_callbacks):
    rows = _powiadom(django_capture_on_commit_callbacks, odbiorcy=[personas["ros1"]], email=False)
    assert len(rows) == 1
    assert mail.outbox == []


def test_html_in_a_title_is_escaped_in_the_html_email(personas, django_capture_on_commit_callbacks):
    _powiadom(django_capture_on_commit_callbacks, odbiorcy=[personas["ros1"]], tytul="<b>Uwaga</b> & termin")
    html = mail.outbox[0].alternatives[0][0]
    assert "<b>Uwaga</b>" not in html and "&lt;b&gt;Uwaga&lt;/b&gt; &amp; termin" in html
    assert mail.outbox[0].subject == "Doradztwo dla JST: <b>Uwaga</b> & termin"  # plain text stays as typed


def test_a_link_must_stay_on_the_site_or_be_a_web_address(personas):
    with pytest.raises(ValueError):
        uslugi.powiadom(odbiorcy=[personas["ros1"]], rodzaj="komentarz.nowy", tytul="x", link="javascript:alert(1)")
    assert not Powiadomienie.objects.exists()


def test_workflow_kinds_reach_people_who_switched_optional_kinds_off(
        personas, django_capture_on_commit_callbacks, monkeypatch):
    # The one preference hook answers "everyone switched it off": optional kinds go nowhere,
    # workflow events (przeglad.*) still reach everybody on both channels.
    monkeypatch.setattr(uslugi, "_wylaczyli", lambda rodzaj, odbiorcy, kanal: {u.pk for u in odbiorcy})
    assert _powiadom(django_capture_on_commit_callbacks, odbiorcy=[personas["ros1"]], rodzaj="komentarz.nowy") == []
    assert len(_powiadom(django_capture_on_commit_callbacks, odbiorcy=[personas["ros1"]],
                         rodzaj="przeglad.zwrocony")) == 1
    assert len(mail.outbox) == 1


# --- The bell -------------------------------------------------------------------------------


def _dzwonek(user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("doradztwo/powiadomienia/_dzwonek.html", context_processor(request), request=request)


@pytest.mark.parametrize(("n", "etykieta"), [
    (0, "Powiadomienia: 0 nieprzeczytanych"),
    (1, "Powiadomienia: 1 nieprzeczytane"),
    (2, "Powiadomienia: 2 nieprzeczytane"),
    (5, "Powiadomienia: 5 nieprzeczytanych"),
])
def test_the_bell_counts_unread_notifications_with_one_query_and_a_polish_label(
        n, etykieta, personas, django_assert_num_queries):
    user = personas["jst-a-lider"]
    Powiadomienie.objects.bulk_create([Powiadomienie(odbiorca=user, rodzaj="x", tytul=f"P{i}") for i in range(n)])
    Powiadomienie.objects.create(odbiorca=user, rodzaj="x", tytul="przeczytane", przeczytane="2026-01-01T10:00Z")
    Powiadomienie.objects.create(odbiorca=personas["ros1"], rodzaj="x", tytul="cudze")
    with translation.override("pl"), django_assert_num_queries(1):
        html = _dzwonek(user)
    assert f'aria-label="{etykieta}"' in html
    assert f'href="{reverse("powiadomienia:lista")}"' in html
    if n:
        assert f'<span class="badge rounded-pill text-bg-danger ms-1" aria-hidden="true">{n}</span>' in html
    else:
        assert "badge" not in html


def test_the_bell_costs_nothing_until_a_page_shows_it(personas, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = personas["ros1"]
    with django_assert_num_queries(0):
        context_processor(request)


# --- Pages ----------------------------------------------------------------------------------


def test_the_list_shows_only_ones_own_notifications_and_emphasises_unread(client_as, personas):
    Powiadomienie.objects.create(odbiorca=personas["ros1"], rodzaj="x", tytul="Nowy komentarz: Gmina Dwikozy",
                                 tresc="Anna Nowak napisała: proszę o dane", link="/udzialy/1/komentarze/")
    Powiadomienie.objects.create(odbiorca=personas["ros1"], rodzaj="x", tytul="Stare powiadomienie",
                                 przeczytane="2026-01-01T10:00Z")
    Powiadomienie.objects.create(odbiorca=personas["pro1"], rodzaj="x", tytul="Powiadomienie kogoś innego")
    html = client_as("ros1").get(reverse("powiadomienia:lista")).content.decode()
    assert "<strong>Nowy komentarz: Gmina Dwikozy</strong>" in html
    assert "Anna Nowak napisała: proszę o dane" in html
    assert html.count(">nowe</span>") == 1
    assert "Stare powiadomienie" in html and "<strong>Stare powiadomienie" not in html
    assert "Powiadomienie kogoś innego" not in html


def test_the_list_runs_the_same_queries_for_10_and_100_notifications(client_as, personas, django_assert_num_queries):
    user = personas["ros1"]
    client = client_as("ros1")
    url = reverse("powiadomienia:lista")

    def add(n):
        Powiadomienie.objects.bulk_create([Powiadomienie(odbiorca=user, rodzaj="x", tytul="P", tresc="T", link="/")
                                           for _ in range(n)])

    add(10)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    add(90)
    with django_assert_num_queries(len(ten)):
        response = client.get(url)
    assert len(response.context["strona"]) == 50


def test_marking_one_read_goes_back_to_the_list_or_on_to_its_link(client_as, personas):
    user = personas["ros1"]
    a = Powiadomienie.objects.create(odbiorca=user, rodzaj="x", tytul="A", link="/udzialy/1/komentarze/#komentarz-3")
    b = Powiadomienie.objects.create(odbiorca=user, rodzaj="x", tytul="B", link="/udzialy/1/")
    client = client_as("ros1")
    response = client.post(reverse("powiadomienia:przeczytane", args=[a.pk]), {"strona": "2"})
    assert response.url == reverse("powiadomienia:lista") + "?strona=2"
    response = client.post(reverse("powiadomienia:przeczytane", args=[b.pk]), {"przejdz": "1"})
    assert response.url == "/udzialy/1/"
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.przeczytane and b.przeczytane


def test_another_persons_notification_is_404_and_stays_unread(client_as, personas):
    cudze = Powiadomienie.objects.create(odbiorca=personas["pro1"], rodzaj="x", tytul="Cudze")
    for persona in ("ros1", "admin"):
        response = client_as(persona).post(reverse("powiadomienia:przeczytane", args=[cudze.pk]))
        assert response.status_code == 404
    cudze.refresh_from_db()
    assert cudze.przeczytane is None


def test_marking_all_read_touches_only_ones_own(client_as, personas):
    for _ in range(3):
        Powiadomienie.objects.create(odbiorca=personas["ros1"], rodzaj="x", tytul="Moje")
    cudze = Powiadomienie.objects.create(odbiorca=personas["pro1"], rodzaj="x", tytul="Cudze")
    response = client_as("ros1").post(reverse("powiadomienia:wszystkie_przeczytane"), follow=True)
    assert "Wszystkie powiadomienia oznaczono jako przeczytane." in response.content.decode()
    assert uslugi.liczba_nieprzeczytanych(personas["ros1"]) == 0
    assert uslugi.liczba_nieprzeczytanych(personas["pro1"]) == 1
    cudze.refresh_from_db()
    assert cudze.przeczytane is None
