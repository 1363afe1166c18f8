"""On-site visits and travel costs (issue 8): rules, privacy of advisers' notes, stage, locks,
conflicts, .ics files, fixed query counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from jst.models import KartaCzasuPracy, KosztPodrozy, Udzial, Wizyta

LISTOPAD_2022 = datetime.datetime(2022, 11, 25, 12, 0, tzinfo=datetime.UTC)
PRYWATNE = "Skarbnik niechętny — rozmawiać osobno"


def _spotkanie(world, **extra) -> dict:
    data = {"typ": "spotkanie_1", "od": "2022-11-14", "do": "2022-11-15", "miejsce": "Starostwo, sala 12",
            "program": "Dzień 1: diagnoza; dzień 2: priorytety", "wlodarz": "tak",
            "notatki_wlodarz": "Starosta popiera program", "doradcy": [world["doradcy"]["ros1"].pk,
                                                                     world["doradcy"]["pro1"].pk],
            "uczestnicy": [world["czlonek_a3"].pk], "interesariusze": "Anna Nowak — radna\nJan Wiśniewski — dyrektor",
            "rezultaty": "Uzgodniono harmonogram", "notatki_dla_jst": "Prosimy o dane z SIO",
            "notatki_prywatne": PRYWATNE}
    data.update(extra)
    return data


def _wizyta(world, **extra) -> Wizyta:
    fields = {"typ": Wizyta.Typ.SPOTKANIE_1, "od": datetime.date(2022, 11, 14), "do": datetime.date(2022, 11, 15),
              "miejsce": "Starostwo", "notatki_prywatne": PRYWATNE, "notatki_dla_jst": "Prosimy o dane z SIO",
              "autor": world["personas"]["ros1"]}
    fields.update(extra)
    wizyta = Wizyta.objects.create(udzial=world["udzial_a"], **fields)
    wizyta.doradcy.set([world["doradcy"]["ros1"], world["doradcy"]["pro1"]])
    return wizyta


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_ros1_records_meeting_1_and_the_stage_moves_forward(world, client_as):
    udzial = world["udzial_a"]
    response = client_as("ros1").post(reverse("jst:wizyta_nowa", args=[udzial.pk]), _spotkanie(world))
    wizyta = Wizyta.objects.get()
    assert response["Location"] == reverse("jst:wizyta", args=[udzial.pk, wizyta.pk])
    assert wizyta.spotkanie_z_wlodarzem is True and wizyta.autor == world["personas"]["ros1"]
    assert set(wizyta.doradcy.all()) == {world["doradcy"]["ros1"], world["doradcy"]["pro1"]}
    assert list(wizyta.uczestnicy.all()) == [world["czlonek_a3"]]
    udzial.refresh_from_db()
    assert udzial.etap == Udzial.Etap.SPOTKANIE_1
    assert udzial.zmiany_etapu.filter(na_etap="spotkanie_1").exists()


@time_machine.travel(datetime.datetime(2022, 11, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_planned_meeting_does_not_move_the_stage_until_it_is_held(world, client_as):
    udzial = world["udzial_a"]
    client_as("ros1").post(reverse("jst:wizyta_nowa", args=[udzial.pk]), _spotkanie(world))
    assert Wizyta.objects.count() == 1
    udzial.refresh_from_db()
    assert udzial.etap == Udzial.Etap.ZGLOSZONY


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_a_stage_already_further_is_not_moved_back(world, client_as):
    udzial = world["udzial_a"]
    Udzial.objects.filter(pk=udzial.pk).update(etap=Udzial.Etap.HDR_ZATWIERDZONY)
    client_as("pro1").post(reverse("jst:wizyta_nowa", args=[udzial.pk]), _spotkanie(world, typ="spotkanie_2"))
    assert Wizyta.objects.filter(typ="spotkanie_2").exists()
    udzial.refresh_from_db()
    assert udzial.etap == Udzial.Etap.HDR_ZATWIERDZONY


@pytest.mark.parametrize(("extra", "field_message"), [
    ({"do": "2022-11-14"}, "trwa dwa kolejne dni"),
    ({"doradcy": []}, "wymagane"),
    ({"od": "2022-11-16", "do": "2022-11-15"}, "nie może być wcześniejszy"),
    ({"od": "2023-06-10", "do": "2023-06-11"}, "w czasie edycji"),
])
@time_machine.travel(LISTOPAD_2022, tick=False)
def test_bad_visits_are_refused_with_a_message_and_the_typed_values_kept(world, client_as, extra, field_message):
    response = client_as("ros1").post(reverse("jst:wizyta_nowa", args=[world["udzial_a"].pk]),
                                      _spotkanie(world, **extra))
    assert response.status_code == 200
    page = response.content.decode()
    assert field_message in page
    assert "Starostwo, sala 12" in page  # nothing typed is lost
    assert not Wizyta.objects.exists()


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_meeting_1_needs_the_pair_together(world, client_as):
    response = client_as("ros1").post(reverse("jst:wizyta_nowa", args=[world["udzial_a"].pk]),
                                      _spotkanie(world, doradcy=[world["doradcy"]["ros1"].pk]))
    assert "wskaż doradcę ROS i PRO" in response.content.decode()
    assert not Wizyta.objects.exists()


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_an_adviser_of_another_jst_cannot_be_put_on_the_visit(world, client_as):
    response = client_as("ros1").post(reverse("jst:wizyta_nowa", args=[world["udzial_a"].pk]),
                                      _spotkanie(world, typ="inna", doradcy=[world["doradcy"]["ros2"].pk]))
    assert response.status_code == 200
    assert not Wizyta.objects.exists()


def test_the_team_reads_the_visit_without_private_notes_and_advisers_see_them(world, client_as):
    wizyta = _wizyta(world)
    url = reverse("jst:wizyta", args=[world["udzial_a"].pk, wizyta.pk])
    for persona in ("jst-a-lider", "jst-a-czlonek"):
        page = client_as(persona).get(url).content.decode()
        assert "Prosimy o dane z SIO" in page
        assert PRYWATNE not in page and "Notatki prywatne" not in page
    for persona in ("ros1", "pro1", "koordynator"):
        assert PRYWATNE in client_as(persona).get(url).content.decode()
    assert PRYWATNE not in client_as("jst-a-lider").get(reverse("jst:wizyty", args=[world["udzial_a"].pk])) \
        .content.decode()


def test_the_team_cannot_edit_and_ros2_gets_404_on_every_visit_url(world, client_as):
    wizyta = _wizyta(world)
    args = [world["udzial_a"].pk, wizyta.pk]
    assert client_as("jst-a-lider").post(reverse("jst:wizyta_edytuj", args=args), {}).status_code == 403
    client = client_as("ros2")
    for name in ("jst:wizyta", "jst:wizyta_edytuj", "jst:wizyta_usun", "jst:wizyta_ics"):
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.get(reverse("jst:wizyty", args=[world["udzial_a"].pk])).status_code == 404
    # JST B's URL with JST A's visit: not found, not a leak
    assert client.get(reverse("jst:wizyta", args=[world["udzial_b"].pk, wizyta.pk])).status_code == 404


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_a_stale_edit_is_a_conflict_and_saves_nothing(world, client_as):
    wizyta = _wizyta(world)
    url = reverse("jst:wizyta_edytuj", args=[world["udzial_a"].pk, wizyta.pk])
    first = client_as("ros1").post(url, _spotkanie(world, miejsce="Sala A", wersja=1))
    assert first.status_code == 302
    stale = client_as("pro1").post(url, _spotkanie(world, miejsce="Sala B", wersja=1))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Sala A" in page and "Sala B" in page
    wizyta.refresh_from_db()
    assert (wizyta.miejsce, wizyta.wersja) == ("Sala A", 2)


@time_machine.travel(LISTOPAD_2022, tick=False)
def test_an_approved_month_of_an_adviser_blocks_creating_editing_and_deleting_visits(world, client_as):
    wizyta = _wizyta(world, typ=Wizyta.Typ.INNA, od=datetime.date(2022, 11, 30), do=datetime.date(2022, 11, 30))
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["pro1"], edycja=world["edycja"],
                                   miesiac=datetime.date(2022, 11, 1), stan="zatwierdzona")
    client = client_as("ros1")
    udzial = world["udzial_a"]
    created = client.post(reverse("jst:wizyta_nowa", args=[udzial.pk]), _spotkanie(world))
    assert "zatwierdzony" in created.content.decode()
    assert Wizyta.objects.count() == 1
    edited = client.post(reverse("jst:wizyta_edytuj", args=[udzial.pk, wizyta.pk]),
                         _spotkanie(world, typ="inna", od="2022-12-05", do="2022-12-05", wersja=1))
    assert edited.status_code == 200 and "zatwierdzony" in edited.content.decode()
    deleted = client.post(reverse("jst:wizyta_usun", args=[udzial.pk, wizyta.pk]), {"potwierdz": "1"})
    assert deleted.status_code == 200 and "zatwierdzony" in deleted.content.decode()
    wizyta.refresh_from_db()
    assert (wizyta.od, wizyta.wersja) == (datetime.date(2022, 11, 30), 1)
    # A visit in an open month of both advisers goes through.
    ok = client.post(reverse("jst:wizyta_nowa", args=[udzial.pk]),
                     _spotkanie(world, od="2022-12-05", do="2022-12-06"))
    assert ok.status_code == 302


def test_a_visit_with_travel_costs_is_not_deleted(world, client_as):
    wizyta = _wizyta(world)
    KosztPodrozy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], wizyta=wizyta,
                                data=wizyta.od, kwota_transport=Decimal("50"))
    response = client_as("ros1").post(reverse("jst:wizyta_usun", args=[world["udzial_a"].pk, wizyta.pk]),
                                      {"potwierdz": "1"})
    assert "koszty podróży" in response.content.decode()
    assert Wizyta.objects.filter(pk=wizyta.pk).exists()


def test_the_visit_ics_parses_with_dates_and_never_carries_private_notes(world, client_as):
    wizyta = _wizyta(world)
    url = reverse("jst:wizyta_ics", args=[world["udzial_a"].pk, wizyta.pk])
    for persona in ("jst-a-czlonek", "ros1"):
        response = client_as(persona).get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert url.endswith(".ics")
        raw = response.content.decode()
        assert PRYWATNE not in raw
        event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
        assert str(event["SUMMARY"]) == "spotkanie w JST nr 1 — Powiat bolesławiecki"
        assert event.decoded("DTSTART") == datetime.date(2022, 11, 14)
        assert event.decoded("DTEND") == datetime.date(2022, 11, 16)  # exclusive end: both days
        assert "Prosimy o dane z SIO" in str(event["DESCRIPTION"])


def _liczba_zapytan(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_visit_list_runs_a_fixed_number_of_queries(world, client_as):
    client = client_as("ros1")
    url = reverse("jst:wizyty", args=[world["udzial_a"].pk])

    def add(n):
        for i in range(n):
            _wizyta(world, typ=Wizyta.Typ.INNA, miejsce=f"Sala {i}")

    add(10)
    ten = _liczba_zapytan(client, url)
    add(90)
    assert _liczba_zapytan(client, url) == ten


# --- Travel costs ---------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_ros1_adds_a_cost_with_a_decimal_comma_and_a_scanned_ticket(world, client_as):
    client = client_as("ros1")
    response = client.post(reverse("jst:koszt_nowy"), {
        "edycja": world["edycja"].pk, "data": "2022-11-14", "transport": "PKP Warszawa — Bolesławiec",
        "kwota_transport": "123,45", "kwota_nocleg": "210", "kwota_inne": "0",
        "dokument": SimpleUploadedFile("bilet.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    koszt = KosztPodrozy.objects.get()
    assert (koszt.doradca, koszt.kwota_transport, koszt.kwota_nocleg) == (
        world["doradcy"]["ros1"], Decimal("123.45"), Decimal("210"))
    dokument = koszt.dokumenty.get()
    assert (dokument.doradca, dokument.udzial, dokument.typ) == (world["doradcy"]["ros1"], None, "application/pdf")
    download = reverse("jst:koszt_dokument", args=[koszt.pk, dokument.pk])
    for persona in ("ros1", "koordynator"):
        served = client_as(persona).get(download)
        assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")
    ros2 = client_as("ros2")
    assert ros2.get(download).status_code == 404
    assert ros2.get(reverse("jst:koszt_edytuj", args=[koszt.pk])).status_code == 404
    assert ros2.post(reverse("jst:koszt_usun", args=[koszt.pk]), {"potwierdz": "1"}).status_code == 404
    assert KosztPodrozy.objects.filter(pk=koszt.pk).exists()
    assert "123,45" in client_as("ros1").get(reverse("jst:koszty")).content.decode()


def test_a_cost_needs_an_amount_and_a_visit_of_the_adviser(world, client_as):
    wizyta_b = Wizyta.objects.create(udzial=world["udzial_b"], typ="inna", od=datetime.date(2022, 11, 1),
                                     do=datetime.date(2022, 11, 1), miejsce="Dwikozy", autor=world["personas"]["ros2"])
    wizyta_b.doradcy.set([world["doradcy"]["ros2"]])
    client = client_as("ros1")
    empty = client.post(reverse("jst:koszt_nowy"), {"edycja": world["edycja"].pk, "data": "2022-11-14",
                                                   "kwota_transport": "0", "kwota_nocleg": "0", "kwota_inne": "0"})
    assert "co najmniej jedną kwotę" in empty.content.decode()
    foreign = client.post(reverse("jst:koszt_nowy"), {"edycja": world["edycja"].pk, "data": "2022-11-14",
                                                     "wizyta": wizyta_b.pk, "kwota_transport": "10",
                                                     "kwota_nocleg": "0", "kwota_inne": "0"})
    assert foreign.status_code == 200 and "wizyta" in foreign.content.decode().lower()
    assert not KosztPodrozy.objects.exists()


def test_a_stale_cost_edit_is_a_conflict(world, client_as):
    koszt = KosztPodrozy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"],
                                        data=datetime.date(2022, 11, 14), kwota_transport=Decimal("10"), wersja=2)
    response = client_as("ros1").post(reverse("jst:koszt_edytuj", args=[koszt.pk]), {
        "edycja": world["edycja"].pk, "data": "2022-11-14", "kwota_transport": "99,00", "kwota_nocleg": "0",
        "kwota_inne": "0", "wersja": 1})
    assert response.status_code == 409
    koszt.refresh_from_db()
    assert koszt.kwota_transport == Decimal("10")


def test_the_coordinator_sees_totals_per_adviser_and_overall_with_fixed_queries(world, client_as):
    client = client_as("koordynator")
    url = reverse("jst:koszty_edycji", args=[world["edycja"].pk])

    def add(n):
        for i in range(n):
            doradca = world["doradcy"]["ros1" if i % 2 else "pro1"]
            KosztPodrozy.objects.create(doradca=doradca, edycja=world["edycja"], data=datetime.date(2022, 11, 14),
                                        kwota_transport=Decimal("10.50"), kwota_nocleg=Decimal("100"))

    add(10)
    ten = _liczba_zapytan(client, url)
    page = client.get(url).content.decode()
    assert "1105,00" in page  # 10 × 110,50 overall
    assert "552,50" in page  # 5 × 110,50 per adviser
    add(90)
    assert _liczba_zapytan(client, url) == ten
    assert "11050,00" in client.get(url).content.decode() or "11 050,00" in client.get(url).content.decode()


def test_the_demo_step_makes_meetings_costs_and_events_once(db):
    import io
    from importlib import import_module

    from jst.demo_wizyty import run_demo
    from jst.models import Rejestracja, Wydarzenie

    world: dict = {}
    for app in ("doradztwo", "jst"):
        world.update(import_module(f"{app}.demo").run(io.StringIO(), world) or {})
    run_demo(world)
    counts = (Wizyta.objects.count(), KosztPodrozy.objects.count(), Wydarzenie.objects.count(),
              Rejestracja.objects.count())
    run_demo(world)
    assert (Wizyta.objects.count(), KosztPodrozy.objects.count(), Wydarzenie.objects.count(),
            Rejestracja.objects.count()) == counts
    a = world["udzialy"]["0201"]
    assert set(Wizyta.objects.filter(udzial=a).values_list("typ", flat=True)) == {"spotkanie_1", "spotkanie_2"}
    assert Wizyta.objects.get(udzial=a, typ="spotkanie_1").spotkanie_z_wlodarzem is True
    assert Wydarzenie.objects.filter(edycja=world["edycja_biezaca"]).exists()
    assert Wizyta.objects.filter(udzial__edycja=world["edycja_biezaca"], doradcy__uzytkownik__username="ros1").exists()
