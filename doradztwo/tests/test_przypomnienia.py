"""The reminder engine and its screens (issue 10): at most once by a database constraint, bounded runs,
rules as edition settings with lazy defaults, opt-outs through the notifications' preferences, the
sent log, and two concurrent runs on PostgreSQL sending one e-mail.

The scenario most tests use: edition 2022/2023 of `world` on 20 Nov 2022 with only the "no remote hours
by day N" rule on — the four advisers of JST A and B (no entries this month) are due one reminder each."""

import datetime
import smtplib
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo import outbox, przypomnienia
from doradztwo.models import (
    Powiadomienie,
    RegulaPrzypomnienia,
    WpisAudytu,
    WylaczeniePowiadomien,
    WyslanePrzypomnienie,
    Wysylka,
)

D = datetime.date
DORADCY = {"ros1", "pro1", "ros2", "pro2"}


def _o(rok, miesiac, dzien):
    return time_machine.travel(datetime.datetime(rok, miesiac, dzien, 10, tzinfo=ZoneInfo("Europe/Warsaw")),
                               tick=False)


def _tylko(edycja, kod="zdalne_brak"):
    """Switch every rule of the edition off but `kod`."""
    RegulaPrzypomnienia.objects.bulk_create([
        RegulaPrzypomnienia(edycja=edycja, rodzaj=r.kod, wlaczona=False)
        for r in przypomnienia.rodzaje() if r.kod != kod])


def _przebieg(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return przypomnienia.przebieg(**kwargs)


def _dostali():
    return set(Powiadomienie.objects.filter(rodzaj__startswith="przypomnienie.").values_list(
        "odbiorca__username", flat=True))


@pytest.fixture
def scenariusz(world):
    _tylko(world["edycja"])
    return world


# --- Beat ------------------------------------------------------------------------------------------


def test_the_beat_schedule_names_the_reminder_task_by_string_and_the_task_runs_one_pass(
        scenariusz, django_capture_on_commit_callbacks):
    from doradztwo import tasks
    from doradztwo.celery import app

    entry = app.conf.beat_schedule["wyslij-przypomnienia"]
    assert entry["task"] == "doradztwo.tasks.wyslij_przypomnienia" == tasks.wyslij_przypomnienia.name
    assert "doradztwo.tasks.oproznij_wysylki" in {e["task"] for e in app.conf.beat_schedule.values()}
    assert tasks.wyslij_przypomnienia.soft_time_limit and tasks.wyslij_przypomnienia.time_limit
    with _o(2022, 11, 20), django_capture_on_commit_callbacks(execute=True):
        wynik = tasks.wyslij_przypomnienia.delay().get()
    assert wynik == {"wyslane": 4, "pominiete": 0, "pozostalo": False}
    assert len(mail.outbox) == 4


# --- At most once, bounded runs ----------------------------------------------------------------------


def test_a_second_run_sends_nothing_and_the_database_refuses_a_duplicate_log_row(
        scenariusz, django_capture_on_commit_callbacks):
    with _o(2022, 11, 20):
        assert _przebieg(django_capture_on_commit_callbacks).wyslane == 4
        assert _przebieg(django_capture_on_commit_callbacks).wyslane == 0
    assert _dostali() == DORADCY
    assert len(mail.outbox) == 4 and Powiadomienie.objects.count() == 4
    wpis = WyslanePrzypomnienie.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        WyslanePrzypomnienie.objects.create(edycja=wpis.edycja, rodzaj=wpis.rodzaj, odbiorca=wpis.odbiorca,
                                            typ_obiektu=wpis.typ_obiektu, id_obiektu=wpis.id_obiektu,
                                            okres=wpis.okres)


def test_a_run_stops_at_its_batch_limit_and_the_next_run_sends_the_rest(
        scenariusz, django_capture_on_commit_callbacks):
    with _o(2022, 11, 20):
        pierwszy = _przebieg(django_capture_on_commit_callbacks, limit=3)
        drugi = _przebieg(django_capture_on_commit_callbacks, limit=3)
    assert (pierwszy.wyslane, pierwszy.pozostalo) == (3, True)
    assert (drugi.wyslane, drugi.pozostalo) == (1, False)
    assert _dostali() == DORADCY and len(mail.outbox) == 4


def test_a_run_out_of_time_sends_nothing_and_says_the_rest_waits(scenariusz, django_capture_on_commit_callbacks):
    with _o(2022, 11, 20):
        wynik = _przebieg(django_capture_on_commit_callbacks, czas=0)
    assert (wynik.wyslane, wynik.pozostalo) == (0, True)
    assert not WyslanePrzypomnienie.objects.exists()


def test_an_old_edition_left_active_is_never_reminded_about(scenariusz, django_capture_on_commit_callbacks):
    with _o(2024, 11, 20):
        _przebieg(django_capture_on_commit_callbacks)
    assert not WyslanePrzypomnienie.objects.exists() and not mail.outbox


def test_inactive_accounts_get_nothing_and_are_not_logged(scenariusz, django_capture_on_commit_callbacks):
    ros2 = scenariusz["personas"]["ros2"]
    ros2.is_active = False
    ros2.save(update_fields=["is_active"])
    with _o(2022, 11, 20):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali() == DORADCY - {"ros2"}
    assert not WyslanePrzypomnienie.objects.filter(odbiorca=ros2).exists()


def test_a_failing_email_is_retried_by_the_outbox_without_holding_up_the_others(
        scenariusz, django_capture_on_commit_callbacks, settings):
    with _o(2022, 11, 20), django_capture_on_commit_callbacks(execute=False):
        przypomnienia.przebieg()
    rows = list(Wysylka.objects.filter(rodzaj=Wysylka.Rodzaj.EMAIL).order_by("pk"))
    assert len(rows) == 4  # one outbox row (one Celery task) per e-mail
    zly = scenariusz["personas"]["pro1"].email
    settings.OUTBOX_EMAIL_BACKEND = f"{__name__}.SerwerOdrzucaJednego"
    SerwerOdrzucaJednego.adres = zly
    Wysylka.objects.update(status=Wysylka.Status.W_KOLEJCE)
    wyniki = {}
    for row in rows:
        try:
            wyniki[row.dane["to"][0]] = outbox.wyslij(row.pk)
        except smtplib.SMTPException:
            wyniki[row.dane["to"][0]] = "ponowienie"  # the task retries it with backoff
    assert wyniki.pop(zly) == "ponowienie"
    assert set(wyniki.values()) == {True}
    assert len(mail.outbox) == 3
    failed = next(r for r in Wysylka.objects.all() if r.dane["to"] == [zly])
    assert (failed.status, failed.proby) == (Wysylka.Status.W_KOLEJCE, 1)


class SerwerOdrzucaJednego(EmailBackend):
    adres = ""

    def send_messages(self, messages):
        if any(self.adres in m.to for m in messages):
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


# --- Rules: lazy defaults, saving, conflicts ------------------------------------------------------------


def test_an_edition_without_saved_rules_uses_the_defaults_and_viewing_the_settings_creates_none(
        world, client_as, django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    assert client.get(reverse("przypomnienia:edycja", args=[world["edycja"].pk])).status_code == 200
    assert client.get(reverse("przypomnienia:regula", args=[world["edycja"].pk, "zdalne_brak"])).status_code == 200
    assert not RegulaPrzypomnienia.objects.exists()
    with _o(2022, 11, 19):
        _przebieg(django_capture_on_commit_callbacks)
    assert not WyslanePrzypomnienie.objects.filter(rodzaj="zdalne_brak").exists()  # default day: the 20th
    with _o(2022, 11, 20):
        _przebieg(django_capture_on_commit_callbacks)
    assert WyslanePrzypomnienie.objects.filter(rodzaj="zdalne_brak").count() == 4


def test_a_coordinator_saves_a_rule_and_the_next_run_uses_it(world, client_as, django_capture_on_commit_callbacks):
    _tylko(world["edycja"])
    url = reverse("przypomnienia:regula", args=[world["edycja"].pk, "zdalne_brak"])
    response = client_as("koordynator").post(url, {"wlaczona": "on", "dni": "10", "wersja": "0"})
    assert response.status_code == 302
    regula = RegulaPrzypomnienia.objects.get(edycja=world["edycja"], rodzaj="zdalne_brak")
    assert (regula.wlaczona, regula.dni, regula.wersja, regula.zmienil.username) == (True, 10, 1, "koordynator")
    assert WpisAudytu.objects.filter(akcja="edycja.przypomnienie_zmienione").count() == 1
    with _o(2022, 11, 10):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali() == DORADCY


def test_a_stale_rule_form_saves_nothing_and_shows_both_values(world, client_as, personas):
    przypomnienia.regula_zapisz(edycja=world["edycja"], kod="wydarzenie_wkrotce", wlaczona=True, dni=5, wersja=0,
                                actor=personas["admin"])
    url = reverse("przypomnienia:regula", args=[world["edycja"].pk, "wydarzenie_wkrotce"])
    response = client_as("koordynator").post(url, {"dni": "2", "wersja": "0"})
    assert response.status_code == 409
    tresc = response.content.decode()
    assert "Ktoś inny zapisał to ustawienie" in tresc and "Zmiany innej osoby" in tresc
    assert "<td>tak</td><td>nie</td>" in tresc.replace("\n", "")
    regula = RegulaPrzypomnienia.objects.get(rodzaj="wydarzenie_wkrotce")
    assert (regula.wlaczona, regula.dni, regula.wersja) == (True, 5, 1)
    assert 'name="wersja" value="1"' in tresc and 'name="dni" value="2"' in tresc  # input kept, fresh version


def test_a_day_out_of_range_is_refused_and_nothing_is_saved(world, client_as):
    url = reverse("przypomnienia:regula", args=[world["edycja"].pk, "zdalne_brak"])
    response = client_as("koordynator").post(url, {"wlaczona": "on", "dni": "31", "wersja": "0"})
    assert response.status_code == 200 and "28" in response.content.decode()
    assert not RegulaPrzypomnienia.objects.exists()


def test_a_kind_without_a_parameter_has_no_day_field(world, client_as):
    url = reverse("przypomnienia:regula", args=[world["edycja"].pk, "dzialanie_po_terminie"])
    response = client_as("koordynator").get(url)
    assert response.status_code == 200 and 'name="dni"' not in response.content.decode()
    assert client_as("koordynator").post(url, {"wersja": "0"}).status_code == 302
    assert RegulaPrzypomnienia.objects.get(rodzaj="dzialanie_po_terminie").wlaczona is False


def test_an_unknown_kind_is_not_found(world, client_as):
    url = reverse("przypomnienia:regula", args=[world["edycja"].pk, "nie-ma-takiego"])
    assert client_as("koordynator").get(url).status_code == 404


def test_copying_an_editions_rules_keeps_its_settings(world, personas):
    przypomnienia.regula_zapisz(edycja=world["edycja"], kod="zdalne_brak", wlaczona=False, dni=12, wersja=0,
                                actor=personas["koordynator"])
    assert przypomnienia.reguly_kopiuj(z=world["edycja"], do=world["edycja2"]) == 1
    regula = przypomnienia.regula_edycji(world["edycja2"], "zdalne_brak")
    assert (regula.wlaczona, regula.dni, regula.domyslna) == (False, 12, False)


# --- Opting out: the notifications' own preferences ------------------------------------------------------


def test_a_person_who_switched_a_kind_off_gets_neither_bell_nor_email_and_the_log_says_skipped(
        scenariusz, personas, django_capture_on_commit_callbacks):
    przypomnienia.preferencje_zapisz(uzytkownik=personas["ros2"], wybory={"zdalne_brak": "nic"},
                                     actor=personas["ros2"])
    with _o(2022, 11, 20):
        wynik = _przebieg(django_capture_on_commit_callbacks)
        again = _przebieg(django_capture_on_commit_callbacks)
    assert (wynik.wyslane, wynik.pominiete, again.wyslane + again.pominiete) == (3, 1, 0)
    assert _dostali() == DORADCY - {"ros2"}
    assert personas["ros2"].email not in {m.to[0] for m in mail.outbox}
    assert WyslanePrzypomnienie.objects.get(odbiorca=personas["ros2"]).pominiete


def test_a_person_who_chose_the_bell_only_gets_no_email(scenariusz, personas, django_capture_on_commit_callbacks):
    przypomnienia.preferencje_zapisz(uzytkownik=personas["pro1"], wybory={"zdalne_brak": "dzwonek"},
                                     actor=personas["pro1"])
    with _o(2022, 11, 20):
        _przebieg(django_capture_on_commit_callbacks)
    assert _dostali() == DORADCY
    assert {m.to[0] for m in mail.outbox} == {personas[u].email for u in DORADCY - {"pro1"}}


def test_workflow_notifications_still_reach_a_person_who_switched_reminders_off(
        personas, django_capture_on_commit_callbacks):
    from doradztwo.powiadomienia import powiadom

    ros1 = personas["ros1"]
    przypomnienia.preferencje_zapisz(uzytkownik=ros1, wybory={r.kod: "nic" for r in przypomnienia.rodzaje()},
                                     actor=ros1)
    with django_capture_on_commit_callbacks(execute=True):
        assert powiadom(odbiorcy=[ros1], rodzaj="przeglad.zwroc", tytul="Karta zwrócona")
        assert not powiadom(odbiorcy=[ros1], rodzaj="przypomnienie.zdalne_brak", tytul="Brak godzin")
    assert len(mail.outbox) == 1


def test_the_personal_settings_page_saves_and_shows_each_choice(personas, client_as):
    client = client_as("jst-a-lider")
    url = reverse("przypomnienia:ustawienia")
    page = client.get(url).content.decode()
    assert "Ustawienia powiadomień" in page and "Zbliżająca się wizyta w JST" in page
    dane = {r.kod: "wszystko" for r in przypomnienia.rodzaje()}
    dane.update({"wizyta_wkrotce": "dzwonek", "wydarzenie_wkrotce": "nic"})
    assert client.post(url, dane).status_code == 302
    assert set(WylaczeniePowiadomien.objects.filter(uzytkownik=personas["jst-a-lider"]).values_list(
        "rodzaj", "kanal")) == {("przypomnienie.wizyta_wkrotce", "email"),
                                ("przypomnienie.wydarzenie_wkrotce", "dzwonek"),
                                ("przypomnienie.wydarzenie_wkrotce", "email")}
    assert przypomnienia.preferencje(personas["jst-a-lider"])["wizyta_wkrotce"] == "dzwonek"
    assert '<option value="nic" selected>' in client.get(url).content.decode()
    dane["wydarzenie_wkrotce"] = "wszystko"
    client.post(url, dane)
    assert not WylaczeniePowiadomien.objects.filter(rodzaj="przypomnienie.wydarzenie_wkrotce").exists()
    assert not WylaczeniePowiadomien.objects.exclude(uzytkownik=personas["jst-a-lider"]).exists()


# --- The sent log page ----------------------------------------------------------------------------------


def _wpisy(world, n, rodzaj="zdalne_brak", pominiete=False):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(world["udzial_a"])
    start = WyslanePrzypomnienie.objects.count()
    WyslanePrzypomnienie.objects.bulk_create([
        WyslanePrzypomnienie(edycja=world["edycja"], rodzaj=rodzaj, odbiorca=world["personas"]["ros1"],
                             typ_obiektu=ct, id_obiektu=str(world["udzial_a"].pk),
                             okres=f"2022-11-{start + i + 1:02d}", opis=f"Powiat bolesławiecki — pozycja {start + i + 1}",
                             pominiete=pominiete)
        for i in range(n)])


def _zapytania(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_sent_log_runs_the_same_number_of_queries_for_few_and_many_rows(
        world, client_as, django_assert_num_queries):
    client = client_as("koordynator")
    url = reverse("przypomnienia:edycja", args=[world["edycja"].pk])
    _wpisy(world, 5)
    few = _zapytania(client, url)
    _wpisy(world, 60, rodzaj="podsumowanie_tygodniowe", pominiete=True)
    with django_assert_num_queries(few):
        response = client.get(url)
    page = response.content.decode()
    assert "65 przypomnień" in page and "Strona 1 z 2" in page
    assert "pominięte — odbiorca wyłączył ten rodzaj" in page
    assert "Tygodniowe podsumowanie zaległości" in page and "Roman Rosiński" in page


def test_the_sent_log_filters_by_kind_and_shows_periods_as_dates(world, client_as):
    _wpisy(world, 2)
    _wpisy(world, 1, rodzaj="wizyta_wkrotce")
    url = reverse("przypomnienia:edycja", args=[world["edycja"].pk])
    page = client_as("koordynator").get(url, {"rodzaj": "wizyta_wkrotce"}).content.decode()
    assert "1 przypomnienie" in page and "pozycja 3" in page and "pozycja 1<" not in page
    assert "03.11.2022" in page and "2022-11-03" not in page.split("<tbody>")[-1]


def test_periods_read_as_polish_dates_months_and_weeks():
    assert przypomnienia.okres_pl("2026-11-30") == "30.11.2026"
    assert przypomnienia.okres_pl("2026-11") == "listopad 2026"
    assert przypomnienia.okres_pl("2026-W48") == "tydzień 48/2026"


# --- Two runs at once on PostgreSQL ----------------------------------------------------------------------


def _na_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test starts it; CI requires it)")


def _rownolegle(n, cel):
    """Run `cel()` in `n` threads started together; each thread closes its own connection."""
    barrier, wyniki, bledy = threading.Barrier(n), [], []

    def run():
        try:
            barrier.wait(timeout=10)
            wyniki.append(cel())
        except Exception as exc:  # surfaced by the assertion below
            bledy.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not bledy, bledy
    return wyniki


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_on_postgresql_send_one_email_per_reminder(world):
    _na_postgresql()
    _tylko(world["edycja"])
    przypomnienia.rodzaje()  # the registry is filled before the threads start
    with _o(2022, 11, 20):
        wyniki = _rownolegle(2, przypomnienia.przebieg)
    assert sum(w.wyslane for w in wyniki) == 4
    assert WyslanePrzypomnienie.objects.count() == 4 and Powiadomienie.objects.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(world["personas"][u].email for u in DORADCY)


@pytest.mark.django_db(transaction=True)
def test_two_processes_claiming_the_same_reminder_on_postgresql_send_it_once(world):
    _na_postgresql()
    regula = przypomnienia.regula_edycji(world["edycja"], "zdalne_brak")
    item = przypomnienia.Nalezne(obiekt=world["udzial_a"], okres="2022-11", odbiorcy=[world["personas"]["ros1"]],
                                 tytul="Brak godzin doradztwa zdalnego: Powiat bolesławiecki")
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(world["udzial_a"]).pk
    wyniki = _rownolegle(4, lambda: przypomnienia._wyslij_raz(regula, item, world["personas"]["ros1"], ct))
    assert sorted(wyniki, key=str) == [None, None, None, True]
    assert len(mail.outbox) == 1 and Powiadomienie.objects.count() == 1
