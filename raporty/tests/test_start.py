import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jst.tests.factories import CzlonekZespoluFactory, PrzydzialDoradcyFactory, UdzialFactory

pytestmark = pytest.mark.django_db


def test_a_team_member_sees_their_participation_what_to_do_contacts_calendar_and_glossary(client_as, world):
    html = client_as("jst-b-czlonek").get("/").content.decode()
    assert "Gmina Dwikozy" in html
    assert "Co teraz?" in html and "Koordynator kompletuje Wasz zespół" in html
    assert "Renata Rostek" in html and "Piotr Promiński" in html  # ROS2 and PRO2 contacts
    assert "Katarzyna Koordynatorska" in html  # the edition's coordinator
    assert "Słowniczek" in html and "luka rozwojowa" in html.lower()
    assert "Powiat bolesławiecki" not in html


def test_the_team_sees_the_stage_calendar_of_its_edition(client_as, world):
    from doradztwo.models import EtapKalendarza

    EtapKalendarza.objects.create(edycja=world["edycja"], kod="inauguracja", nazwa="Spotkanie inauguracyjne",
                                  kolejnosc=1, data_od="2022-10-05", data_do="2022-10-06")
    html = client_as("jst-a-lider").get("/").content.decode()
    assert "05.10.2022 – 06.10.2022: Spotkanie inauguracyjne" in html


def test_an_adviser_sees_only_their_jsts(client_as, world):
    html = client_as("ros1").get("/").content.decode()
    assert "Twoje JST" in html and "Powiat bolesławiecki" in html
    assert "Gmina Dwikozy" not in html


def test_a_coordinator_sees_their_editions_only(client_as, world):
    html = client_as("koordynator2").get("/").content.decode()
    assert world["edycja2"].nazwa in html and world["edycja"].nazwa not in html


def test_an_adviser_without_jsts_gets_a_helpful_empty_page(client_as, world):
    html = client_as("doradca-spoza").get("/").content.decode()
    assert "Nie masz jeszcze przypisanych JST" in html


def test_navigation_shows_only_what_the_role_may_open(client_as, world):
    nav_team = client_as("jst-a-lider").get("/").context["nav_items"]
    assert [item["label"] for item in nav_team] == ["Start", "Wydarzenia"]
    labels = [str(item["label"]) for item in client_as("admin").get("/").context["nav_items"]]
    assert "Edycje" in labels and "Koordynatorzy" in labels and "Administracja" in labels


def test_the_adviser_start_page_runs_a_fixed_number_of_queries(client_as, world):
    ros = world["doradcy"]["ros1"]
    client = client_as("ros1")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        return len(ctx.captured_queries)

    for _ in range(9):
        PrzydzialDoradcyFactory(udzial=UdzialFactory(edycja=world["edycja"]), doradca=ros)
    at_10 = count()
    for _ in range(90):
        PrzydzialDoradcyFactory(udzial=UdzialFactory(edycja=world["edycja"]), doradca=ros)
    assert count() == at_10


def test_the_team_start_page_runs_a_fixed_number_of_queries(client_as, world):
    lider = world["personas"]["jst-a-lider"]
    client = client_as("jst-a-lider")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        return len(ctx.captured_queries)

    at_1 = count()
    for _ in range(3):  # the same person in teams of other editions' JSTs
        CzlonekZespoluFactory(udzial=UdzialFactory(), uzytkownik=lider)
    assert count() == at_1
