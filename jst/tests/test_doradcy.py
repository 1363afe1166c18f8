"""Advisers: the directory, creating advisers with invitations, ROS/PRO assignments (CONVENTIONS §4)."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doradztwo.models import Edycja
from doradztwo.tests.factories import UzytkownikFactory
from jst.access import Rola, role_in
from jst.models import Doradca, PrzydzialDoradcy
from jst.services_doradcy import doradca_utworz, doradca_zmien, przydzial_utworz
from jst.tests.factories import DoradcaFactory, PrzydzialDoradcyFactory, UdzialFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _nowy(**extra):
    return {"imie": "Agnieszka", "nazwisko": "Nowak", "email": "Agnieszka.Nowak@Example.org", "telefon": "600 700 800",
            "specjalnosc": "PRO", "wojewodztwo": "mazowieckie", "notatka": "Coaching zespołów.", **extra}


def _otwarte(udzial, rola):
    return list(PrzydzialDoradcy.objects.filter(udzial=udzial, rola=rola, do__isnull=True))


# --- Creating advisers and invitations ------------------------------------------------------


def test_creating_an_adviser_sends_one_invitation_whose_link_sets_a_password(
        world, client_as, django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jst:doradca_nowy"), _nowy())

    doradca = Doradca.objects.get(uzytkownik__username="agnieszka.nowak@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("jst:doradca", args=[doradca.pk])
    assert doradca.specjalnosc == "PRO" and doradca.wojewodztwo == "mazowieckie"
    assert doradca.uzytkownik.telefon == "600 700 800"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["agnieszka.nowak@example.org"]

    link = re.search(r"https?://\S+/accounts/reset/\S+", mail.outbox[0].body).group(0)
    client.logout()
    form_page = client.get(urlparse(link).path, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Bardzo-Trudne-Haslo-42",
                                                         "new_password2": "Bardzo-Trudne-Haslo-42"})
    assert done.status_code == 302
    doradca.uzytkownik.refresh_from_db()
    assert doradca.uzytkownik.check_password("Bardzo-Trudne-Haslo-42")
    login = client.post("/accounts/login/", {"username": "Agnieszka.Nowak@example.org",
                                             "password": "Bardzo-Trudne-Haslo-42"})
    assert login.status_code == 302


def test_the_directory_shows_the_invitation_as_sent_then_accepted(world, client_as, personas):
    doradca = doradca_utworz(**_nowy(), actor=personas["koordynator"])
    page = client_as("koordynator").get(reverse("jst:doradcy"))
    row = re.search(r"agnieszka\.nowak@example\.org.*?</tr>", page.content.decode(), re.S).group(0)
    assert f"wysłane {timezone.localdate():%d.%m.%Y}, nieprzyjęte" in row

    user = doradca.uzytkownik
    user.set_password("Bardzo-Trudne-Haslo-42")
    user.last_login = timezone.now()  # the person has set a password and signed in
    user.save()
    page = client_as("koordynator").get(reverse("jst:doradcy"))
    row = re.search(r"agnieszka\.nowak@example\.org.*?</tr>", page.content.decode(), re.S).group(0)
    assert ">przyjęte<" in row and "nieprzyjęte" not in row


def test_resending_the_invitation_sends_another_email(world, client_as, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doradca = doradca_utworz(**_nowy(), actor=personas["koordynator"])
    assert len(mail.outbox) == 1

    client = client_as("koordynator2")  # the directory is shared by every coordinator
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jst:doradca_zaproszenie", args=[doradca.pk]), follow=True)

    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["agnieszka.nowak@example.org"]
    assert response.redirect_chain[-1][0] == reverse("jst:doradca", args=[doradca.pk])
    assert "Zaproszenie wysłane ponownie" in response.content.decode()


def test_an_email_of_an_existing_adviser_is_refused_next_to_the_email_field(
        world, client_as, django_capture_on_commit_callbacks):
    ros1 = world["personas"]["ros1"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("koordynator").post(reverse("jst:doradca_nowy"),
                                                 _nowy(email=ros1.email.upper(), imie="Ktoś"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Osoba z tym adresem e-mail jest już w katalogu doradców."]
    assert 'value="Ktoś"' in response.content.decode()  # nothing typed is lost
    assert Doradca.objects.count() == 5
    assert mail.outbox == []


def test_an_existing_account_becomes_an_adviser_without_a_new_account_or_invitation(
        world, personas, django_capture_on_commit_callbacks):
    existing = UzytkownikFactory(username="jan.kowal@example.org", last_name="Kowal")
    with django_capture_on_commit_callbacks(execute=True):
        doradca = doradca_utworz(**_nowy(email="JAN.KOWAL@example.org"), actor=personas["koordynator"])
    assert doradca.uzytkownik == existing
    assert doradca.nowe_konto is False
    assert existing.last_name == "Kowal"
    assert mail.outbox == []


def test_editing_an_adviser_changes_contact_and_directory_fields(world, client_as):
    doradca = world["doradcy"]["pro2"]
    response = client_as("koordynator").post(reverse("jst:doradca_edytuj", args=[doradca.pk]), {
        "imie": "Piotr", "nazwisko": "Promiński-Nowy", "email": "piotr.nowy@example.org", "telefon": "500 600 700",
        "specjalnosc": "PRO", "wojewodztwo": "łódzkie", "notatka": "Nowe obszary", "aktywny": "",
        "wersja": doradca.wersja,
    })
    assert response.status_code == 302
    doradca.refresh_from_db()
    doradca.uzytkownik.refresh_from_db()
    assert (doradca.uzytkownik.last_name, doradca.uzytkownik.email, doradca.uzytkownik.telefon) == (
        "Promiński-Nowy", "piotr.nowy@example.org", "500 600 700")
    assert doradca.uzytkownik.username == "pro2"  # a demo login is not an e-mail, so it stays
    assert (doradca.wojewodztwo, doradca.notatka, doradca.aktywny) == ("łódzkie", "Nowe obszary", False)


def test_changing_an_email_login_moves_the_login_and_refuses_a_taken_address(world, personas):
    koordynator = personas["koordynator"]
    doradca = doradca_utworz(**_nowy(), actor=koordynator)
    doradca = doradca_zmien(doradca=doradca, dane={"email": "A.Nowak@Example.org"}, actor=koordynator)
    assert doradca.uzytkownik.username == "a.nowak@example.org"

    with pytest.raises(ValidationError) as error:
        doradca_zmien(doradca=doradca, dane={"email": personas["ros1"].email}, actor=koordynator)
    assert "email" in error.value.error_dict


# --- Assignments ----------------------------------------------------------------------------


def test_replacing_the_ros_closes_the_old_assignment_and_ros1_becomes_a_former_adviser(world, client_as, personas):
    udzial, spoza = world["udzial_a"], world["doradcy"]["doradca-spoza"]
    stary = udzial.przydzialy.get(rola="ROS")

    response = client_as("koordynator").post(reverse("jst:przydziel", args=[udzial.pk]),
                                             {"rola": "ROS", "doradca": spoza.pk, "od": "01.12.2022"})

    assert response.status_code == 302
    assert response["Location"] == reverse("jst:udzial", args=[udzial.pk])
    stary.refresh_from_db()
    assert stary.do == D(2022, 11, 30)
    [nowy] = _otwarte(udzial, "ROS")
    assert (nowy.doradca, nowy.od) == (spoza, D(2022, 12, 1))
    assert role_in(personas["ros1"], udzial).rola is Rola.BYLY_DORADCA
    assert role_in(personas["doradca-spoza"], udzial).rola is Rola.ROS
    assert role_in(personas["pro1"], udzial).rola is Rola.PRO  # the other half of the pair is untouched


def test_replacing_on_the_day_the_old_assignment_started_closes_it_that_day(world, personas):
    udzial = world["udzial_a"]
    stary = udzial.przydzialy.get(rola="PRO")
    przydzial_utworz(udzial=udzial, doradca=world["doradcy"]["pro2"], rola="PRO", od=stary.od,
                     actor=personas["koordynator"])
    stary.refresh_from_db()
    assert stary.do == stary.od


def test_there_is_at_most_one_open_assignment_per_role(world, personas):
    udzial, doradcy = world["udzial_a"], world["doradcy"]
    for day, name in ((D(2022, 11, 1), "ros2"), (D(2022, 12, 1), "doradca-spoza"), (D(2023, 1, 1), "ros1")):
        przydzial_utworz(udzial=udzial, doradca=doradcy[name], rola="ROS", od=day, actor=personas["koordynator"])
        assert len(_otwarte(udzial, "ROS")) == 1
    assert udzial.przydzialy.filter(rola="ROS").count() == 4
    assert len(_otwarte(udzial, "PRO")) == 1

    # The database holds the rule too, whatever code writes the rows.
    with pytest.raises(IntegrityError), transaction.atomic():
        PrzydzialDoradcy.objects.create(udzial=udzial, doradca=doradcy["ros2"], rola="ROS", od=D(2023, 2, 1))


def test_the_pair_must_be_two_different_people(world, client_as):
    udzial, pro1 = world["udzial_a"], world["doradcy"]["pro1"]
    response = client_as("koordynator").post(reverse("jst:przydziel", args=[udzial.pk]),
                                             {"rola": "ROS", "doradca": pro1.pk, "od": "2022-12-01"})

    assert response.status_code == 200
    [error] = response.context["form"].errors["doradca"]
    assert "para doradców to dwie różne osoby" in error
    assert _otwarte(udzial, "ROS")[0].doradca == world["doradcy"]["ros1"]


@pytest.mark.parametrize("case, message_part", [
    ("inactive", "nie jest aktywnym doradcą"),
    ("same", "jest już doradcą ROS tej JST"),
    ("closed", "jest zamknięta"),
    ("before_current", "nie może zacząć się wcześniej"),
])
def test_assignments_refuse_what_the_programme_does_not_allow(world, personas, case, message_part):
    udzial, doradcy = world["udzial_a"], world["doradcy"]
    doradca, od = doradcy["doradca-spoza"], D(2022, 12, 1)
    if case == "inactive":
        Doradca.objects.filter(pk=doradca.pk).update(aktywny=False)
    elif case == "same":
        doradca = doradcy["ros1"]
    elif case == "closed":
        Edycja.objects.filter(pk=udzial.edycja_id).update(status=Edycja.Status.ZAMKNIETA)
    elif case == "before_current":
        przydzial_utworz(udzial=udzial, doradca=doradcy["ros2"], rola="ROS", od=D(2023, 1, 1),
                         actor=personas["koordynator"])
    before = list(udzial.przydzialy.values_list("pk", "doradca", "od", "do"))

    with pytest.raises(ValidationError) as error:
        przydzial_utworz(udzial=udzial, doradca=doradca, rola="ROS", od=od, actor=personas["koordynator"])

    assert message_part in " ".join(error.value.messages)
    assert list(udzial.przydzialy.values_list("pk", "doradca", "od", "do")) == before


def test_a_date_outside_the_edition_is_explained_in_polish_next_to_the_field(world, client_as):
    udzial = world["udzial_a"]
    url = reverse("jst:przydziel", args=[udzial.pk])
    client = client_as("koordynator")

    response = client.post(url, {"rola": "PRO", "doradca": world["doradcy"]["pro2"].pk, "od": "2024-01-15"})

    assert response.status_code == 200
    message = "Data musi mieścić się w czasie trwania edycji: od 05.10.2022 do 31.05.2023."
    assert response.context["form"].errors["od"] == [message]
    html = response.content.decode()
    field = html[html.index('id="div_id_od"'):html.index('id="div_id_od"') + 2000]
    assert message in field and 'value="2024-01-15"' in field
    assert _otwarte(udzial, "PRO")[0].doradca == world["doradcy"]["pro1"]

    response = client.post(url, {"rola": "PRO", "doradca": world["doradcy"]["pro2"].pk, "od": "31.02.2023"})
    assert response.context["form"].errors["od"] == ["Wpisz poprawną datę."]


def test_the_assignment_form_defaults_to_today_clamped_to_the_edition_and_lists_active_advisers(world, client_as):
    Doradca.objects.filter(pk=world["doradcy"]["ros2"].pk).update(aktywny=False, wojewodztwo="")
    Doradca.objects.filter(pk=world["doradcy"]["pro2"].pk).update(wojewodztwo="świętokrzyskie")
    form = client_as("koordynator").get(reverse("jst:przydziel", args=[world["udzial_a"].pk])).context["form"]

    assert form["od"].value() == D(2023, 5, 31)  # the 2022/2023 edition is over: its last day
    labels = [label for _value, label in form.fields["doradca"].choices][1:]
    assert labels == ["Prokop Paulina (PRO)", "Promiński Piotr (PRO, świętokrzyskie)", "Rosiński Roman (ROS)",
                      "Spoza Sławomir (ROS)"]


def test_a_team_member_posting_an_assignment_gets_403_and_nothing_changes(world, client_as):
    udzial = world["udzial_a"]
    before = list(PrzydzialDoradcy.objects.values_list("pk", "doradca", "rola", "od", "do"))
    for persona in ("jst-a-lider", "jst-a-czlonek", "ros1"):
        response = client_as(persona).post(reverse("jst:przydziel", args=[udzial.pk]),
                                           {"rola": "ROS", "doradca": world["doradcy"]["ros2"].pk, "od": "2022-12-01"})
        assert response.status_code == 403, persona
    assert list(PrzydzialDoradcy.objects.values_list("pk", "doradca", "rola", "od", "do")) == before


def test_another_editions_coordinator_gets_404_for_udzial_a(world, client_as):
    udzial = world["udzial_a"]
    przydzial = udzial.przydzialy.get(rola="ROS")
    client = client_as("koordynator2")
    assert client.get(reverse("jst:przydziel", args=[udzial.pk])).status_code == 404
    assert client.post(reverse("jst:przydziel", args=[udzial.pk]),
                       {"rola": "ROS", "doradca": world["doradcy"]["ros2"].pk, "od": "2022-12-01"}).status_code == 404
    assert client.post(reverse("jst:przydzial_zakoncz", args=[udzial.pk, przydzial.pk])).status_code == 404
    przydzial.refresh_from_db()
    assert przydzial.do is None


def test_ending_an_assignment_keeps_the_adviser_as_a_former_one(world, client_as, personas):
    udzial = world["udzial_a"]
    przydzial = udzial.przydzialy.get(rola="ROS")
    url = reverse("jst:przydzial_zakoncz", args=[udzial.pk, przydzial.pk])
    client = client_as("koordynator")

    bad = client.post(url, {"do": "2022-10-01"})  # before it started
    assert bad.status_code == 200
    assert "nie może skończyć się przed swoim początkiem (05.10.2022)" in bad.content.decode()
    przydzial.refresh_from_db()
    assert przydzial.do is None

    assert client.post(url, {"do": "2023-01-31"})["Location"] == reverse("jst:udzial", args=[udzial.pk])
    przydzial.refresh_from_db()
    assert przydzial.do == D(2023, 1, 31)
    assert role_in(personas["ros1"], udzial).rola is Rola.BYLY_DORADCA

    again = client.post(url, {"do": "2023-02-28"}, follow=True)
    assert "Ten przydział jest już zakończony (31.01.2023)." in again.content.decode()
    przydzial.refresh_from_db()
    assert przydzial.do == D(2023, 1, 31)


def test_ending_without_a_date_ends_today(world, client_as):
    udzial = world["udzial_c"]
    przydzial = PrzydzialDoradcyFactory(udzial=udzial, doradca=world["doradcy"]["pro1"], rola="PRO",
                                        od=udzial.edycja.data_od)
    response = client_as("koordynator2").post(reverse("jst:przydzial_zakoncz", args=[udzial.pk, przydzial.pk]))
    assert response.status_code == 302
    przydzial.refresh_from_db()
    assert przydzial.do == timezone.localdate()


# --- The directory --------------------------------------------------------------------------


def test_the_directory_is_for_coordinators_and_an_unknown_adviser_is_404(world, client_as):
    missing = Doradca.objects.order_by("-pk").first().pk + 1
    assert client_as("koordynator2").get(reverse("jst:doradca", args=[missing])).status_code == 404
    assert client_as("koordynator2").get(reverse("jst:doradca_edytuj", args=[missing])).status_code == 404
    assert client_as("ros1").get(reverse("jst:doradca", args=[world["doradcy"]["ros1"].pk])).status_code == 403


def test_the_directory_shows_people_counts_and_filters(world, client_as):
    Doradca.objects.filter(pk=world["doradcy"]["pro1"].pk).update(wojewodztwo="dolnośląskie")
    client = client_as("koordynator")

    page = client.get(reverse("jst:doradcy"))
    rows = {d.uzytkownik.username: d for d in page.context["strona"]}
    assert set(rows) == {"ros1", "pro1", "ros2", "pro2", "doradca-spoza"}
    assert rows["ros1"].biezace_przydzialy == 1
    assert rows["doradca-spoza"].biezace_przydzialy == 0
    html = page.content.decode()
    assert "Rosiński Roman" in html and "ros1@example.org" in html

    def usernames(**params):
        return [d.uzytkownik.username for d in client.get(reverse("jst:doradcy"), params).context["strona"]]

    assert usernames(specjalnosc="PRO") == ["pro1", "pro2"]
    assert usernames(wojewodztwo="dolnośląskie") == ["pro1"]
    assert usernames(q="rosiński") == ["ros1"]
    assert usernames(q="Renata Rostek") == ["ros2"]
    assert usernames(q="spoza@example") == ["doradca-spoza"]
    assert usernames(specjalnosc="XYZ") == usernames()  # a bad filter value never breaks the page


def test_the_directory_sorts_by_surname(world, client_as):
    page = client_as("admin").get(reverse("jst:doradcy"))
    assert [d.uzytkownik.last_name for d in page.context["strona"]] == [
        "Prokop", "Promiński", "Rosiński", "Rostek", "Spoza"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Polish collation needs PostgreSQL (pl-x-icu)")
def test_the_directory_sorts_polish_surnames_in_polish_order(world, client_as):
    nazwiska = ["Żak", "Zając", "Łukasiewicz", "Lis", "Mazur"]
    for nazwisko in nazwiska:
        DoradcaFactory(uzytkownik=UzytkownikFactory(last_name=nazwisko))
    page = client_as("koordynator").get(reverse("jst:doradcy"))
    shown = [d.uzytkownik.last_name for d in page.context["strona"] if d.uzytkownik.last_name in nazwiska]
    assert shown == ["Lis", "Łukasiewicz", "Mazur", "Zając", "Żak"]


def _advisers(n):
    for _ in range(n):
        doradca = DoradcaFactory()
        PrzydzialDoradcyFactory(doradca=doradca, od=D(2026, 1, 1))


def test_the_directory_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    client = client_as("koordynator")
    _advisers(10)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(reverse("jst:doradcy")).status_code == 200
    _advisers(90)
    with django_assert_num_queries(len(ten.captured_queries)):
        assert client.get(reverse("jst:doradcy")).status_code == 200


def test_the_adviser_page_links_participations_only_for_their_editions_coordinators(world, client_as):
    ros1 = world["doradcy"]["ros1"]
    PrzydzialDoradcyFactory(doradca=ros1, udzial=world["udzial_c"], od=D(2026, 9, 1))
    link_a = 'href="{}"'.format(reverse("jst:udzial", args=[world["udzial_a"].pk]))
    link_c = 'href="{}"'.format(reverse("jst:udzial", args=[world["udzial_c"].pk]))

    html = client_as("koordynator").get(reverse("jst:doradca", args=[ros1.pk])).content.decode()
    assert "Powiat bolesławiecki" in html and link_a in html and link_c not in html
    assert "bieżący" in html

    html = client_as("koordynator2").get(reverse("jst:doradca", args=[ros1.pk])).content.decode()
    assert "Powiat bolesławiecki" in html and link_a not in html and link_c in html

    html = client_as("admin").get(reverse("jst:doradca", args=[ros1.pk])).content.decode()
    assert link_a in html and link_c in html


def test_an_udzial_of_a_new_edition_accepts_an_assignment_from_its_coordinator(world, client_as):
    udzial = UdzialFactory(edycja=world["edycja2"])
    response = client_as("koordynator2").post(reverse("jst:przydziel", args=[udzial.pk]), {
        "rola": "PRO", "doradca": world["doradcy"]["pro1"].pk, "od": "2026-10-01"})
    assert response.status_code == 302
    assert _otwarte(udzial, "PRO")[0].doradca == world["doradcy"]["pro1"]


def test_a_stale_adviser_edit_saves_nothing_and_shows_both_values(client_as, world):
    from django.urls import reverse

    doradca = world["doradcy"]["ros1"]
    client = client_as("koordynator")
    url = reverse("jst:doradca_edytuj", args=[doradca.pk])
    data = {"imie": "Roman", "nazwisko": "Rosiński", "email": doradca.uzytkownik.email, "telefon": "",
            "specjalnosc": "ROS", "wojewodztwo": "", "notatka": "", "aktywny": "on", "wersja": doradca.wersja}
    assert client.post(url, {**data, "telefon": "600 100 200"}).status_code == 302
    response = client.post(url, {**data, "telefon": "700 300 400"})
    assert response.status_code == 409
    doradca.uzytkownik.refresh_from_db()
    assert doradca.uzytkownik.telefon == "600 100 200"
    assert {"pole": "Telefon", "zapisane": "600 100 200", "wpisane": "700 300 400"} in response.context["konflikt"]
    assert 'value="700 300 400"' in response.content.decode()
