"""Edition events (issue 8): the coordinator's events, registration with options and capacity,
the attendance grid, the attendance-list PDF and the .ics file."""

import datetime
import io

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from doradztwo.models import Zadanie
from jst.models import CzlonekZespolu, Obecnosc, Rejestracja, Wydarzenie

STYCZEN_2023 = datetime.datetime(2023, 1, 10, 12, 0, tzinfo=datetime.UTC)


def _wydarzenie(world, **extra) -> Wydarzenie:
    fields = {"rodzaj": Wydarzenie.Rodzaj.WARSZTATY_1, "nazwa": "Warsztaty — runda 1",
              "od": datetime.date(2023, 2, 6), "do": datetime.date(2023, 2, 7), "miejsce": "Warszawa, ORE",
              "program": "Dzień 1: HDR", "limit_miejsc": 30, "opcje": ["przejazd autokarem", "nocleg"]}
    fields.update(extra)
    return Wydarzenie.objects.create(edycja=world["edycja"], **fields)


def _czlonek(world, persona) -> CzlonekZespolu:
    return CzlonekZespolu.objects.get(uzytkownik=world["personas"][persona])


def test_the_coordinator_creates_a_two_day_event_with_options(world, client_as):
    response = client_as("koordynator").post(reverse("jst:wydarzenie_nowe", args=[world["edycja"].pk]), {
        "rodzaj": "otwarcie", "nazwa": "Spotkanie otwierające", "od": "2022-10-20", "do": "2022-10-21",
        "miejsce": "Warszawa", "limit_miejsc": "60", "opcje_tekst": "przejazd autokarem\n\nnocleg\nnocleg"})
    assert response.status_code == 302
    wydarzenie = Wydarzenie.objects.get()
    assert (wydarzenie.od, wydarzenie.do, wydarzenie.opcje) == (
        datetime.date(2022, 10, 20), datetime.date(2022, 10, 21), ["przejazd autokarem", "nocleg"])


def test_bad_events_are_refused_with_messages(world, client_as):
    client = client_as("koordynator")
    url = reverse("jst:wydarzenie_nowe", args=[world["edycja"].pk])
    base = {"rodzaj": "online", "nazwa": "Spotkanie online", "od": "2022-10-20", "do": "2022-10-20"}
    no_place = client.post(url, base).content.decode()
    assert "miejsce albo link" in no_place
    backwards = client.post(url, {**base, "od": "2022-10-21", "miejsce": "Kraków"}).content.decode()
    assert "nie może być wcześniejszy" in backwards
    outside = client.post(url, {**base, "od": "2024-01-10", "do": "2024-01-10", "miejsce": "Kraków"}).content.decode()
    assert "w czasie edycji" in outside and "Kraków" in outside
    assert not Wydarzenie.objects.exists()


def test_a_stale_event_edit_is_a_conflict(world, client_as):
    wydarzenie = _wydarzenie(world)
    url = reverse("jst:wydarzenie_edytuj", args=[world["edycja"].pk, wydarzenie.pk])
    data = {"rodzaj": "warsztaty_1", "nazwa": "Warsztaty", "od": "2023-02-06", "do": "2023-02-07",
            "miejsce": "Łódź", "wersja": 1}
    assert client_as("koordynator").post(url, data).status_code == 302
    stale = client_as("admin").post(url, {**data, "miejsce": "Poznań"})
    assert stale.status_code == 409
    wydarzenie.refresh_from_db()
    assert (wydarzenie.miejsce, wydarzenie.wersja) == ("Łódź", 2)


@time_machine.travel(STYCZEN_2023, tick=False)
def test_a_member_registers_with_an_option_and_the_leader_registers_another_member(world, client_as):
    wydarzenie = _wydarzenie(world)
    url = reverse("jst:wydarzenie_zapisz", args=[wydarzenie.pk])
    assert client_as("jst-a-czlonek").post(url, {"opcje": ["nocleg"]}).status_code == 302
    own = Rejestracja.objects.get()
    assert (own.czlonek, own.opcje) == (_czlonek(world, "jst-a-czlonek"), ["nocleg"])
    leader = client_as("jst-a-lider")
    assert leader.post(url, {"czlonek": world["czlonek_a3"].pk}).status_code == 302
    assert Rejestracja.objects.filter(czlonek=world["czlonek_a3"], zapisal=world["personas"]["jst-a-lider"]).exists()
    # A member who is not the leader cannot register someone else; nobody registers another JST's people.
    other = client_as("jst-b-czlonek").post(url, {"czlonek": _czlonek(world, "jst-b-lider").pk})
    assert other.status_code == 200
    again = client_as("jst-a-czlonek").post(url, {})
    assert "już zapisany" in again.content.decode()
    assert Rejestracja.objects.count() == 2
    page = client_as("jst-a-lider").get(reverse("jst:wydarzenie", args=[wydarzenie.pk])).content.decode()
    assert "zajęte 2 z 30" in page


@time_machine.travel(STYCZEN_2023, tick=False)
def test_registration_respects_the_capacity(world, client_as):
    wydarzenie = _wydarzenie(world, limit_miejsc=1)
    url = reverse("jst:wydarzenie_zapisz", args=[wydarzenie.pk])
    assert client_as("jst-a-czlonek").post(url, {}).status_code == 302
    full = client_as("jst-b-czlonek").post(url, {})
    assert full.status_code == 200 and "Brak wolnych miejsc" in full.content.decode()
    assert Rejestracja.objects.count() == 1


@time_machine.travel(STYCZEN_2023, tick=False)
def test_a_member_cancels_before_the_event_but_the_registration_closes_after_it(world, client_as):
    wydarzenie = _wydarzenie(world)
    client = client_as("jst-a-czlonek")
    client.post(reverse("jst:wydarzenie_zapisz", args=[wydarzenie.pk]), {})
    rejestracja = Rejestracja.objects.get()
    # Someone from another JST cannot cancel it.
    client_as("jst-b-lider").post(reverse("jst:wydarzenie_wypisz", args=[wydarzenie.pk]),
                                  {"rejestracja": rejestracja.pk})
    assert Rejestracja.objects.filter(pk=rejestracja.pk).exists()
    client = client_as("jst-a-czlonek")
    client.post(reverse("jst:wydarzenie_wypisz", args=[wydarzenie.pk]), {"rejestracja": rejestracja.pk})
    assert not Rejestracja.objects.exists()
    past = _wydarzenie(world, nazwa="Minione", od=datetime.date(2022, 12, 1), do=datetime.date(2022, 12, 1))
    response = client.post(reverse("jst:wydarzenie_zapisz", args=[past.pk]), {})
    assert "zapisy są zamknięte" in response.content.decode()
    assert not Rejestracja.objects.exists()


def test_the_coordinator_marks_attendance_per_day_in_one_post(world, client_as):
    wydarzenie = _wydarzenie(world)
    a, b = _czlonek(world, "jst-a-czlonek"), _czlonek(world, "jst-b-lider")
    for czlonek in (a, b):
        Rejestracja.objects.create(wydarzenie=wydarzenie, czlonek=czlonek, zapisal=world["personas"]["koordynator"])
    client = client_as("koordynator")
    url = reverse("jst:obecnosc", args=[world["edycja"].pk, wydarzenie.pk])
    grid = client.get(url).content.decode()
    assert grid.count('type="checkbox"') == 4  # 2 people × 2 days
    assert client.post(url, {"obecny": [f"{a.pk}:0", f"{a.pk}:1", f"{b.pk}:1"]}).status_code == 302
    present = set(Obecnosc.objects.filter(obecny=True).values_list("czlonek_id", "dzien"))
    assert present == {(a.pk, datetime.date(2023, 2, 6)), (a.pk, datetime.date(2023, 2, 7)),
                       (b.pk, datetime.date(2023, 2, 7))}
    assert Obecnosc.objects.count() == 4
    client.post(url, {"obecny": [f"{b.pk}:1"]})
    assert set(Obecnosc.objects.filter(obecny=True).values_list("czlonek_id", flat=True)) == {b.pk}
    # Someone not registered, or a day outside the event: refused, nothing changes.
    bad = client.post(url, {"obecny": [f"{world['czlonek_a3'].pk}:0"]})
    assert bad.status_code == 400
    assert Obecnosc.objects.filter(obecny=True).count() == 1


def test_the_attendance_list_pdf_has_the_registered_names_and_a_signature_column(
    world, client_as, django_capture_on_commit_callbacks
):
    wydarzenie = _wydarzenie(world)
    Rejestracja.objects.create(wydarzenie=wydarzenie, czlonek=_czlonek(world, "jst-a-czlonek"),
                               zapisal=world["personas"]["koordynator"])
    client = client_as("koordynator")
    url = reverse("jst:lista_obecnosci_pdf", args=[world["edycja"].pk, wydarzenie.pk, 2])
    assert "Przygotuj PDF" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert Zadanie.objects.get().status == "gotowe"
    served = client.get(url)
    assert served["Content-Disposition"].startswith("attachment")
    pdf = b"".join(served.streaming_content)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    member = world["personas"]["jst-a-czlonek"].get_full_name()
    assert "Lista obecności" in text and "Podpis" in text and member in text and "07.02.2023" in text
    assert client.get(reverse("jst:lista_obecnosci_pdf", args=[world["edycja"].pk, wydarzenie.pk, 3])) \
        .status_code == 404


def test_the_event_ics_parses_with_all_day_dates(world, client_as):
    wydarzenie = _wydarzenie(world)
    url = reverse("jst:wydarzenie_ics", args=[wydarzenie.pk])
    assert url.endswith(".ics")
    response = client_as("jst-b-lider").get(url)
    assert response["Content-Type"].startswith("text/calendar")
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Warsztaty — runda 1"
    assert str(event["LOCATION"]) == "Warszawa, ORE"
    assert event.decoded("DTSTART") == datetime.date(2023, 2, 6)
    assert event.decoded("DTEND") == datetime.date(2023, 2, 8)
    assert client_as("doradca-spoza").get(url).status_code == 404
    assert client_as("koordynator2").get(url).status_code == 404


def test_the_events_list_runs_a_fixed_number_of_queries(world, client_as):
    client = client_as("jst-a-czlonek")
    url = reverse("jst:wydarzenia")

    def add(n):
        for i in range(n):
            wydarzenie = _wydarzenie(world, nazwa=f"Spotkanie {i}")
            Rejestracja.objects.create(wydarzenie=wydarzenie, czlonek=_czlonek(world, "jst-a-czlonek"),
                                       zapisal=world["personas"]["koordynator"])

    add(10)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    add(90)
    with CaptureQueriesContext(connection) as hundred:
        page = client.get(url).content.decode()
    assert len(hundred.captured_queries) == len(ten.captured_queries)
    assert page.count("zapisany(-a)") == 100


def test_the_coordinators_event_list_runs_a_fixed_number_of_queries(world, client_as):
    client = client_as("koordynator")
    url = reverse("jst:wydarzenia_edycji", args=[world["edycja"].pk])
    for i in range(10):
        _wydarzenie(world, nazwa=f"A{i}")
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    for i in range(90):
        _wydarzenie(world, nazwa=f"B{i}")
    with CaptureQueriesContext(connection) as hundred:
        client.get(url)
    assert len(hundred.captured_queries) == len(ten.captured_queries)
