import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo import sygnaly_logowania
from doradztwo.audit import audit
from doradztwo.models import WpisAudytu
from jst.tests.factories import EdycjaFactory

pytestmark = pytest.mark.django_db

WARSZAWA = ZoneInfo("Europe/Warsaw")
HASLO = "haslo-testowe-123"  # UzytkownikFactory's password
URL = "/audyt/"


@pytest.fixture(autouse=True)
def sygnaly():
    """Connect the sign-in receivers for these tests (DoradztwoConfig.ready() does it in the app);
    disconnect only if this fixture was the one that connected them."""
    juz_polaczone = sygnaly_logowania.polaczone()
    sygnaly_logowania.polacz()
    yield
    if not juz_polaczone:
        sygnaly_logowania.rozlacz()


@pytest.fixture
def admin_client(client_as):
    return client_as("admin")


def _wpis(actor, akcja, target=None, kiedy=None, **dane):
    wpis = audit(actor, akcja, target, dane)
    if kiedy is not None:  # `kiedy` is auto_now_add: move it afterwards
        WpisAudytu.objects.filter(pk=wpis.pk).update(kiedy=kiedy)
    return wpis


def _akcje(response) -> list[str]:
    return [wpis.akcja for wpis in response.context["strona"]]


def test_a_wrong_password_typed_in_the_login_form_is_recorded_with_username_ip_and_no_password(
        client, client_as, personas):
    response = client.post(
        "/accounts/login/", {"username": "  ROS1 ", "password": "Sekretne-Zle-Haslo-987"},
        REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Mozilla/5.0 Firefox/140 " + "x" * 1000,
    )
    assert response.status_code == 200

    wpis = WpisAudytu.objects.get(akcja="logowanie.nieudane")
    assert wpis.kto is None  # typing a username proves nothing about who typed it
    assert wpis.dane["login"] == "ros1"
    assert wpis.dane["ip"] == "10.1.2.3"
    assert wpis.dane["przegladarka"].startswith("Mozilla/5.0 Firefox/140")
    assert len(wpis.dane["przegladarka"]) == 255
    assert set(wpis.dane) == {"login", "ip", "przegladarka"}
    assert wpis.id_obiektu == str(personas["ros1"].pk)  # the account the attempt was aimed at
    zapisane = json.dumps(wpis.dane) + wpis.opis_obiektu
    assert "Sekretne-Zle-Haslo-987" not in zapisane
    assert "*****" not in zapisane  # not even Django's masked placeholder

    strona = client_as("admin").get(URL, {"rodzaj": "logowanie.nieudane"})
    html = strona.content.decode()
    assert strona.status_code == 200
    assert _akcje(strona) == ["logowanie.nieudane"]
    assert "ros1" in html and "10.1.2.3" in html
    assert "Sekretne-Zle-Haslo-987" not in html


def test_a_failed_login_with_an_unknown_username_is_recorded_without_actor_or_object(client, personas):
    client.post("/accounts/login/", {"username": "Nikt@Example.org", "password": "cokolwiek"},
                REMOTE_ADDR="192.0.2.9")

    wpis = WpisAudytu.objects.get(akcja="logowanie.nieudane")
    # An unknown username may be a password typed into the wrong field: only a digest is kept.
    assert (wpis.kto, wpis.typ_obiektu, wpis.dane["ip"]) == (None, None, "192.0.2.9")
    assert wpis.dane["login"].startswith("nieznany:") and "nikt" not in wpis.dane["login"]


def test_a_successful_login_through_the_form_is_recorded_and_shown_on_the_page(client, client_as, personas):
    response = client.post("/accounts/login/", {"username": "pro1", "password": HASLO},
                           REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT="Edge/140")
    assert response.status_code == 302

    wpis = WpisAudytu.objects.get(akcja="logowanie.udane")
    assert wpis.kto == personas["pro1"]
    assert wpis.dane == {"login": "pro1", "ip": "10.9.8.7", "przegladarka": "Edge/140"}
    assert HASLO not in json.dumps(wpis.dane)

    strona = client_as("admin").get(URL, {"kto": "pro1", "rodzaj": "logowanie."})
    assert _akcje(strona) == ["logowanie.udane"]
    html = strona.content.decode()
    assert "Paulina Prokop" in html and "10.9.8.7" in html


def test_a_logout_is_recorded_but_an_anonymous_logout_is_not(client, personas):
    client.post(reverse("logout"))  # nobody signed in
    assert not WpisAudytu.objects.filter(akcja="wylogowanie").exists()

    client.force_login(personas["ros2"])
    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.5")
    wpis = WpisAudytu.objects.get(akcja="wylogowanie")
    assert (wpis.kto, wpis.dane["ip"]) == (personas["ros2"], "10.0.0.5")


def test_a_locked_out_attempt_is_recorded_as_a_failure_marked_as_blocked(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "jst-a-lider", "password": "zle"}, REMOTE_ADDR="10.0.0.7")
    locked = client.post("/accounts/login/", {"username": "jst-a-lider", "password": HASLO}, REMOTE_ADDR="10.0.0.7")

    assert locked.status_code == 429
    wpisy = WpisAudytu.objects.filter(akcja="logowanie.nieudane").order_by("pk")
    assert wpisy.count() == settings.AXES_FAILURE_LIMIT + 1
    assert wpisy.last().dane.get("blokada") is True
    assert HASLO not in json.dumps([w.dane for w in wpisy])


def test_connecting_twice_still_records_each_login_once(client, personas):
    sygnaly_logowania.polacz()
    sygnaly_logowania.polacz()
    client.post("/accounts/login/", {"username": "ros1", "password": "zle"})
    assert WpisAudytu.objects.filter(akcja="logowanie.nieudane").count() == 1


def test_the_page_lists_entries_newest_first_with_polish_time_and_a_compact_view_of_the_data(admin_client, personas):
    edycja = EdycjaFactory(nazwa="Edycja audytowana")
    _wpis(personas["koordynator"], "edycja.utworzona", edycja,
          kiedy=datetime.datetime(2026, 3, 2, 9, 5, 7, tzinfo=WARSZAWA), powod="z" * 300)
    _wpis(personas["koordynator"], "edycja.status", edycja,
          kiedy=datetime.datetime(2026, 3, 4, 14, 0, tzinfo=WARSZAWA), z="planowana", na="aktywna")

    response = admin_client.get(URL, {"kto": "koordynatorska"})
    html = response.content.decode()

    assert _akcje(response) == ["edycja.status", "edycja.utworzona"]
    assert "04.03.2026 14:00:00" in html and "02.03.2026 09:05:07" in html
    assert "Edycja audytowana" in html and "Katarzyna Koordynatorska" in html
    assert "planowana" in html and "aktywna" in html
    assert "z" * 300 in html  # a long value is cut in the list and shown whole under "Wszystkie dane"
    assert "Wszystkie dane" in html


def test_filtering_by_actor_shows_only_that_persons_entries(admin_client, personas):
    _wpis(personas["ros1"], "udzial.zapisany")
    _wpis(personas["pro1"], "zespol.zatwierdzony")
    _wpis(None, "jst.import_teryt")

    assert _akcje(admin_client.get(URL, {"kto": "Roman"})) == ["udzial.zapisany"]
    assert _akcje(admin_client.get(URL, {"kto": "prokop paulina"})) == ["zespol.zatwierdzony"]
    assert _akcje(admin_client.get(URL, {"kto": "pro1@example"})) == ["zespol.zatwierdzony"]
    assert _akcje(admin_client.get(URL, {"kto": "nikt-taki"})) == []


def test_filtering_by_date_uses_polish_calendar_days_and_includes_the_whole_last_day(admin_client, personas):
    actor = personas["koordynator"]
    # 00:30 on 2 March in Warsaw is still 1 March in UTC; 23:59 on 2 March is the last minute of the day.
    _wpis(actor, "edycja.przed", kiedy=datetime.datetime(2026, 3, 1, 23, 59, tzinfo=WARSZAWA))
    _wpis(actor, "edycja.rano", kiedy=datetime.datetime(2026, 3, 2, 0, 30, tzinfo=WARSZAWA))
    _wpis(actor, "edycja.wieczorem", kiedy=datetime.datetime(2026, 3, 2, 23, 59, tzinfo=WARSZAWA))
    _wpis(actor, "edycja.po", kiedy=datetime.datetime(2026, 3, 3, 0, 0, tzinfo=WARSZAWA))

    jeden_dzien = admin_client.get(URL, {"od": "2026-03-02", "do": "2026-03-02", "kto": "koordynatorska"})
    assert _akcje(jeden_dzien) == ["edycja.wieczorem", "edycja.rano"]
    assert _akcje(admin_client.get(URL, {"do": "2026-03-01", "kto": "koordynatorska"})) == ["edycja.przed"]
    assert _akcje(admin_client.get(URL, {"od": "2026-03-03", "kto": "koordynatorska"})) == ["edycja.po"]


def test_filtering_by_action_kind_and_by_the_typed_beginning_of_an_action(admin_client, personas):
    actor = personas["koordynator"]
    for akcja in ("edycja.utworzona", "edycja.status", "udzial.etap_zmieniony", "udzial.zapisany"):
        _wpis(actor, akcja)
    filtr = {"kto": "koordynatorska"}

    assert sorted(_akcje(admin_client.get(URL, {**filtr, "rodzaj": "edycja."}))) == ["edycja.status",
                                                                                      "edycja.utworzona"]
    assert _akcje(admin_client.get(URL, {**filtr, "akcja": "UDZIAL.etap"})) == ["udzial.etap_zmieniony"]
    assert _akcje(admin_client.get(URL, {**filtr, "rodzaj": "edycja.", "akcja": "udzial."})) == []


def test_filtering_by_object_type_and_id_finds_every_entry_about_that_object(admin_client, personas):
    from django.contrib.contenttypes.models import ContentType

    from doradztwo.models import Edycja

    pierwsza, druga = EdycjaFactory(), EdycjaFactory()
    _wpis(personas["koordynator"], "edycja.utworzona", pierwsza)
    _wpis(personas["koordynator2"], "edycja.status", pierwsza)
    _wpis(personas["koordynator"], "edycja.utworzona", druga)
    ct = ContentType.objects.get_for_model(Edycja)

    response = admin_client.get(URL, {"typ_obiektu": ct.pk, "id_obiektu": pierwsza.pk})
    assert _akcje(response) == ["edycja.status", "edycja.utworzona"]
    assert f'<option value="{ct.pk}" selected>Edycja</option>' in response.content.decode()
    assert len(_akcje(admin_client.get(URL, {"typ_obiektu": ct.pk}))) == 3


def test_filter_values_stay_in_the_form(admin_client):
    response = admin_client.get(URL, {"kto": "Roman", "akcja": "edycja.", "od": "2026-03-01", "do": "2026-03-31",
                                      "rodzaj": "wylogowanie", "id_obiektu": "17"})
    html = response.content.decode()
    for fragment in ('value="Roman"', 'value="edycja."', 'value="2026-03-01"', 'value="2026-03-31"',
                     '<option value="wylogowanie" selected>', 'value="17"'):
        assert fragment in html


def test_a_date_to_before_the_date_from_shows_a_polish_error_next_to_the_field_and_keeps_the_values(
        admin_client, personas):
    _wpis(personas["ros1"], "udzial.zapisany")
    response = admin_client.get(URL, {"od": "2026-03-05", "do": "2026-03-01"})

    assert response.status_code == 200
    assert response.context["filtr"].errors["do"] == ["Data „do” nie może być wcześniejsza niż data „od”."]
    html = response.content.decode()
    assert "Data „do” nie może być wcześniejsza niż data „od”." in html
    assert 'value="2026-03-05"' in html and 'value="2026-03-01"' in html
    assert _akcje(response) == []  # a wrong filter never shows a misleading list


@pytest.mark.parametrize(("params", "pole"), [
    ({"od": "2026-02-31"}, "od"),
    ({"do": "jutro"}, "do"),
    ({"od": "0001-01-01"}, "od"),
    ({"do": "9999-12-31"}, "do"),
    ({"typ_obiektu": "999999"}, "typ_obiektu"),
    ({"typ_obiektu": "abc"}, "typ_obiektu"),
    ({"rodzaj": "nieznany."}, "rodzaj"),
    ({"kto": "x" * 500}, "kto"),
    ({"id_obiektu": "9" * 100}, "id_obiektu"),
])
def test_bad_filter_input_gives_a_field_error_and_200_never_500(admin_client, params, pole):
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    assert pole in response.context["filtr"].errors
    assert "Popraw zaznaczone filtry" in response.content.decode()


def test_a_bad_page_number_shows_a_page_not_an_error(admin_client, personas):
    _wpis(personas["ros1"], "udzial.zapisany")
    for strona in ("abc", "-1", "999"):
        response = admin_client.get(URL, {"strona": strona, "kto": "ros1"})
        assert response.status_code == 200
        assert _akcje(response) == ["udzial.zapisany"]


def test_the_list_has_50_entries_a_page_and_the_pages_keep_the_filters(admin_client, personas):
    for i in range(51):
        _wpis(personas["ros1"], "udzial.zapisany",
              kiedy=datetime.datetime(2026, 1, 1, tzinfo=WARSZAWA) + datetime.timedelta(minutes=i), nr=i)

    pierwsza = admin_client.get(URL, {"kto": "ros1"})
    assert len(pierwsza.context["strona"]) == 50
    assert pierwsza.context["strona"][0].dane["nr"] == 50
    assert "?kto=ros1&amp;strona=2" in pierwsza.content.decode()
    druga = admin_client.get(URL, {"kto": "ros1", "strona": 2})
    assert [w.dane["nr"] for w in druga.context["strona"]] == [0]


def test_only_administrators_see_the_page(client_as):
    assert client_as("anon").get(URL).status_code == 302
    for persona in ("koordynator", "ros1", "jst-a-lider"):
        assert client_as(persona).get(URL).status_code == 403
    assert client_as("admin").get(URL).status_code == 200


def test_the_page_runs_a_fixed_number_of_queries_for_10_and_100_entries(
        admin_client, personas, django_assert_num_queries):
    people = [p for name, p in personas.items() if name != "admin"]
    edycje = [EdycjaFactory() for _ in range(3)]

    def dodaj(n):
        for i in range(n):
            _wpis(people[i % len(people)], "edycja.zmieniona", edycje[i % 3], pola=["nazwa"], nr=i)

    from django.contrib.contenttypes.models import ContentType

    from doradztwo.models import Edycja

    parametry = {"rodzaj": "edycja.", "typ_obiektu": ContentType.objects.get_for_model(Edycja).pk}
    dodaj(10)
    admin_client.get(URL, parametry)  # warm-up: session and caches
    with CaptureQueriesContext(connection) as dziesiec:
        response = admin_client.get(URL, parametry)
    assert len(response.context["strona"]) == 10

    dodaj(90)
    with django_assert_num_queries(len(dziesiec.captured_queries)):
        response = admin_client.get(URL, parametry)
    assert len(response.context["strona"]) == 50
