import pytest
from django.core import mail
from django.urls import reverse

from doradztwo import outbox
from doradztwo.models import Powiadomienie, WpisAudytu, ZmianaStanu

pytestmark = pytest.mark.django_db


def test_confirming_a_team_notifies_the_leader_once_by_mail_and_in_the_app(client_as, world,
                                                                           django_capture_on_commit_callbacks):
    udzial = world["udzial_a"]
    lider = world["personas"]["jst-a-lider"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("koordynator").post(reverse("jst:zespol_zatwierdz", args=[udzial.pk]))
    assert response.status_code == 302
    udzial.refresh_from_db()
    assert (udzial.stan_zespolu, udzial.etap) == ("zatwierdzona", "zespol_zatwierdzony")
    assert [m.to for m in mail.outbox] == [[lider.email]]
    assert "zatwierdzony" in mail.outbox[0].subject
    assert Powiadomienie.objects.filter(odbiorca=lider, przeczytane=None).count() == 1
    assert outbox.oproznij() == 0 and len(mail.outbox) == 1  # a second flush sends nothing
    entry = WpisAudytu.objects.get(akcja="zespol.zatwierdz")
    assert entry.kto == world["personas"]["koordynator"] and entry.id_obiektu == str(udzial.pk)
    zmiana = ZmianaStanu.objects.get()
    assert (zmiana.z_stanu, zmiana.na_stan, zmiana.kto.username) == ("robocza", "zatwierdzona", "koordynator")


def test_a_confirmed_team_is_locked_until_reopened_with_a_reason(client_as, world):
    udzial = world["udzial_a"]
    client = client_as("koordynator")
    client.post(reverse("jst:zespol_zatwierdz", args=[udzial.pk]))
    page = client.post(reverse("jst:zespol_usun", args=[udzial.pk, world["czlonek_a3"].pk]), follow=True)
    assert "Zespół jest zatwierdzony" in page.content.decode()
    world["czlonek_a3"].refresh_from_db()
    assert world["czlonek_a3"].aktywny
    page = client.post(reverse("jst:zespol_otworz", args=[udzial.pk]), {"powod": ""}, follow=True)
    assert "Podaj powód" in page.content.decode()
    client.post(reverse("jst:zespol_otworz", args=[udzial.pk]), {"powod": "Zmiana dyrektora szkoły"})
    udzial.refresh_from_db()
    assert udzial.stan_zespolu == "robocza" and udzial.etap == "zespol_zatwierdzony"  # the stage stays
    client.post(reverse("jst:zespol_usun", args=[udzial.pk, world["czlonek_a3"].pk]))
    world["czlonek_a3"].refresh_from_db()
    assert not world["czlonek_a3"].aktywny
    assert ZmianaStanu.objects.filter(akcja="otworz", powod="Zmiana dyrektora szkoły").exists()


def test_closing_and_reopening_an_edition_go_through_the_review_helper(client_as, world,
                                                                      django_capture_on_commit_callbacks):
    edycja = world["edycja"]
    k2 = world["personas"]["koordynator2"]
    edycja.koordynatorzy.add(k2)
    client = client_as("koordynator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("edycje:status", args=[edycja.pk]), {"status": "zamknieta"})
        client.post(reverse("edycje:status", args=[edycja.pk]), {"status": "aktywna", "powod": "Korekta"})
    assert list(ZmianaStanu.objects.values_list("akcja", "na_stan", "powod")) == [
        ("zamknij", "zamknieta", ""), ("otworz", "aktywna", "Korekta")]
    assert Powiadomienie.objects.filter(odbiorca=k2).count() == 2  # the other coordinator is told
    assert not Powiadomienie.objects.filter(odbiorca=world["personas"]["koordynator"]).exists()
    assert set(WpisAudytu.objects.filter(akcja__startswith="edycja.").values_list("akcja", flat=True)) >= {
        "edycja.zamknij", "edycja.otworz"}
    page = client.get(reverse("edycje:szczegoly", args=[edycja.pk])).content.decode()
    assert "zamknięta → aktywna (Korekta)" in page


def test_a_stale_team_member_edit_saves_nothing_and_shows_both_values(client_as, world):
    czlonek = world["czlonek_a3"]
    url = reverse("jst:zespol_edytuj", args=[world["udzial_a"].pk, czlonek.pk])
    client = client_as("koordynator")
    data = {"wersja": czlonek.wersja, "first_name": "Jan", "last_name": "Kowalski", "telefon": "",
            "rodzaj": "pracownik_jst", "funkcja": "skarbnik", "nazwa_szkoly": ""}
    assert client.post(url, {**data, "funkcja": "skarbnik gminy"}).status_code == 302
    response = client.post(url, {**data, "funkcja": "zastępca skarbnika"})
    assert response.status_code == 409
    czlonek.refresh_from_db()
    assert czlonek.funkcja == "skarbnik gminy"
    assert {"pole": "Funkcja", "zapisane": "skarbnik gminy", "wpisane": "zastępca skarbnika"} in response.context["konflikt"]
    assert 'value="zastępca skarbnika"' in response.content.decode()
