import datetime

import pytest
from django.urls import reverse

from doradztwo.models import Edycja, WpisAudytu
from doradztwo.services import edycja_utworz
from jst.tests.factories import EdycjaFactory

pytestmark = pytest.mark.django_db

NOWA = {
    "nazwa": "Doradztwo dla JST 2027", "data_od": "2027-01-10", "data_do": "2027-09-30", "norma_godzin": "1,0",
    "zespol_min": "3", "zespol_max": "5", "wymaga_pracownika_jst": "on", "wymaga_dyrektora": "on",
}


def test_a_coordinator_creates_an_edition_with_the_default_calendar(client_as, world):
    response = client_as("koordynator2").post(reverse("edycje:nowa"), NOWA)
    edycja = Edycja.objects.get(nazwa="Doradztwo dla JST 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("edycje:szczegoly", args=[edycja.pk])
    assert list(edycja.koordynatorzy.all()) == [world["personas"]["koordynator2"]]
    etapy = list(edycja.kalendarz.all())
    assert len(etapy) == 11
    assert etapy[0].kod == "inauguracja" and etapy[0].data_od == datetime.date(2027, 1, 10)
    assert etapy[-1].kod == "podsumowanie" and etapy[-1].data_do == datetime.date(2027, 9, 30)
    assert all(edycja.data_od <= e.data_od <= e.data_do <= edycja.data_do for e in etapy)
    assert WpisAudytu.objects.filter(akcja="edycja.utworzona", id_obiektu=str(edycja.pk)).exists()


def test_another_coordinator_cannot_see_the_edition(client_as, world):
    assert client_as("koordynator2").get(reverse("edycje:szczegoly", args=[world["edycja"].pk])).status_code == 404
    page = client_as("koordynator2").get(reverse("edycje:lista")).content.decode()
    assert world["edycja2"].nazwa in page and world["edycja"].nazwa not in page


def test_bad_dates_show_a_polish_error_next_to_the_field_and_keep_the_input(client_as, world):
    response = client_as("koordynator").post(reverse("edycje:nowa"), {**NOWA, "data_do": "2026-01-01"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["data_do"] == ["Koniec edycji nie może być wcześniejszy niż jej początek."]
    assert 'value="Doradztwo dla JST 2027"' in response.content.decode()
    assert not Edycja.objects.filter(nazwa="Doradztwo dla JST 2027").exists()


def test_a_stale_settings_save_changes_nothing_and_shows_both_values(client_as, world):
    edycja = world["edycja"]
    stale = edycja.wersja
    client = client_as("koordynator")
    data = {**NOWA, "nazwa": edycja.nazwa, "data_od": "2022-10-05", "data_do": "2023-05-31", "wersja": stale}
    assert client.post(reverse("edycje:edytuj", args=[edycja.pk]), {**data, "zespol_max": "6"}).status_code == 302
    response = client.post(reverse("edycje:edytuj", args=[edycja.pk]), {**data, "zespol_max": "4"})
    assert response.status_code == 409
    edycja.refresh_from_db()
    assert edycja.zespol_max == 6
    html = response.content.decode()
    assert "Ktoś inny zapisał tę edycję" in html
    assert {"pole": "Maksymalna liczba osób w zespole", "zapisane": 6, "wpisane": 4} in response.context["konflikt"]


def test_the_calendar_can_be_edited_and_rejects_a_stage_ending_before_it_starts(client_as, world):
    edycja = edycja_utworz(dane={"nazwa": "E", "data_od": datetime.date(2027, 1, 1),
                                 "data_do": datetime.date(2027, 6, 30)}, actor=world["personas"]["koordynator"])
    etapy = list(edycja.kalendarz.all())
    data = {"form-TOTAL_FORMS": len(etapy), "form-INITIAL_FORMS": len(etapy), "wersja": edycja.wersja}
    for i, e in enumerate(etapy):
        data.update({f"form-{i}-id": e.pk, f"form-{i}-nazwa": e.nazwa, f"form-{i}-data_od": e.data_od.isoformat(),
                     f"form-{i}-data_do": e.data_do.isoformat()})
    data["form-0-data_od"] = "2027-01-03"
    data["form-0-data_do"] = "2027-01-04"
    client = client_as("koordynator")
    assert client.post(reverse("edycje:kalendarz", args=[edycja.pk]), data).status_code == 302
    assert edycja.kalendarz.get(kod="inauguracja").data_od == datetime.date(2027, 1, 3)
    stale = dict(data, **{"form-0-data_od": "2027-01-02"})  # still carries the old version
    assert client.post(reverse("edycje:kalendarz", args=[edycja.pk]), stale).status_code == 409
    assert edycja.kalendarz.get(kod="inauguracja").data_od == datetime.date(2027, 1, 3)
    data["wersja"] = edycja.wersja + 1
    data["form-1-data_do"] = "2026-12-01"
    response = client.post(reverse("edycje:kalendarz", args=[edycja.pk]), data)
    assert response.status_code == 200
    assert "Koniec etapu nie może być wcześniejszy niż jego początek." in response.content.decode()


def test_copying_an_edition_copies_settings_and_shifts_the_calendar(client_as, world):
    edycja = edycja_utworz(dane={"nazwa": "Stara", "data_od": datetime.date(2025, 1, 1),
                                 "data_do": datetime.date(2025, 6, 30), "zespol_max": 4},
                           actor=world["personas"]["koordynator"])
    response = client_as("koordynator").post(reverse("edycje:kopiuj", args=[edycja.pk]),
                                              {"nazwa": "Nowa", "data_od": "2026-01-01"})
    kopia = Edycja.objects.get(nazwa="Nowa")
    assert response.status_code == 302
    assert kopia.status == Edycja.Status.PLANOWANA and kopia.zespol_max == 4
    assert kopia.data_do == datetime.date(2026, 6, 30)
    assert [(e.kod, (e.data_od - kopia.data_od).days) for e in kopia.kalendarz.all()] == [
        (e.kod, (e.data_od - edycja.data_od).days) for e in edycja.kalendarz.all()]


def test_a_closed_edition_reopens_only_with_a_reason(client_as, world):
    edycja = world["edycja"]
    client = client_as("koordynator")
    url = reverse("edycje:status", args=[edycja.pk])
    assert client.post(url, {"status": "zamknieta"}).status_code == 302
    edycja.refresh_from_db()
    assert edycja.zamknieta
    response = client.post(url, {"status": "aktywna", "powod": "  "})
    assert response.status_code == 200
    assert "Podaj powód ponownego otwarcia edycji." in response.content.decode()
    edycja.refresh_from_db()
    assert edycja.zamknieta
    assert client.post(url, {"status": "aktywna", "powod": "Korekta raportów"}).status_code == 302
    edycja.refresh_from_db()
    assert edycja.status == "aktywna"
    assert edycja.history.first().history_change_reason == "Korekta raportów"


def test_a_closed_edition_is_read_only_for_team_and_advisers_but_not_coordinators(world):
    from jst.access import role_in

    edycja = world["edycja"]
    edycja.status = Edycja.Status.ZAMKNIETA
    edycja.save(update_fields=["status"])
    udzial = world["udzial_a"]
    p = world["personas"]
    assert role_in(p["jst-a-lider"], udzial).can_write is False
    assert role_in(p["ros1"], udzial).can_write is False
    assert role_in(p["koordynator"], udzial).can_write is True


def test_the_edition_list_runs_the_same_number_of_queries_for_10_and_100_editions(
    client_as, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("admin")
    coordinator = world["personas"]["koordynator"]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("edycje:lista")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(10):
        EdycjaFactory(koordynatorzy=[coordinator])
    at_10 = count()
    for _ in range(90):
        EdycjaFactory(koordynatorzy=[coordinator])
    with django_assert_num_queries(at_10):
        client.get(reverse("edycje:lista"))


def test_administrators_create_coordinators_who_get_an_invitation(client_as, world, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("admin").post(reverse("koordynatorzy"), {
            "imie": "Zofia", "nazwisko": "Nowa", "email": "Zofia.Nowa@ORE.edu.pl", "telefon": ""})
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    zofia = get_user_model().objects.get(username="zofia.nowa@ore.edu.pl")
    assert zofia.koordynator and not zofia.has_usable_password()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["zofia.nowa@ore.edu.pl"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    client = client_as("anon")
    page = client.get(link.split("8000", 1)[1], follow=True)
    assert "new_password1" in page.content.decode()
    listing = client_as("admin").get(reverse("koordynatorzy")).content.decode()
    assert "Zofia Nowa" in listing and "wysłane" in listing


def test_a_team_size_of_zero_is_a_field_error_not_a_crash(client_as, world):
    response = client_as("koordynator").post(reverse("edycje:nowa"), {**NOWA, "zespol_max": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["zespol_max"] == [
        "Maksymalna liczba osób nie może być mniejsza niż minimalna."]


def test_a_long_reopening_reason_is_kept_whole_in_the_audit(client_as, world):
    edycja = world["edycja"]
    client = client_as("koordynator")
    url = reverse("edycje:status", args=[edycja.pk])
    client.post(url, {"status": "zamknieta"})
    reason = "Korekta sprawozdań JST po kontroli. " * 20
    assert client.post(url, {"status": "aktywna", "powod": reason[:1000]}).status_code == 302
    entry = WpisAudytu.objects.filter(akcja="edycja.otworz").latest("pk")
    assert entry.dane["powod"] == reason[:1000].strip()


def test_changing_coordinators_is_audited(client_as, world):
    edycja = world["edycja"]
    k2 = world["personas"]["koordynator2"]
    data = {**NOWA, "nazwa": edycja.nazwa, "data_od": "2022-10-05", "data_do": "2023-05-31",
            "wersja": edycja.wersja, "koordynatorzy": [k2.pk]}
    client_as("koordynator").post(reverse("edycje:edytuj", args=[edycja.pk]), data)
    entry = WpisAudytu.objects.filter(akcja="edycja.koordynatorzy").latest("pk")
    assert entry.dane["po"] == sorted([k2.pk, world["personas"]["koordynator"].pk])


def test_an_accepted_invitation_is_not_resent(client_as, world):
    from django.utils import timezone

    k = world["personas"]["koordynator"]
    k.last_login = timezone.now()
    k.save(update_fields=["last_login"])
    response = client_as("admin").post(reverse("koordynator_zaproszenie", args=[k.pk]), follow=True)
    assert "zaproszenie nie jest potrzebne" in response.content.decode()
