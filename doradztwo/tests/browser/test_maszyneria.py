"""Shared machinery in real Chromium: edit conflicts, and a team confirmation seen in the audit log,
in the leader's mail and on the bell."""

import pytest
from django.core import mail

from doradztwo import outbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_browsers_editing_one_team_member_the_second_save_saves_nothing(live_server, world, signed_in_context):
    czlonek = world["czlonek_a3"]
    url = f"{live_server.url}/udzialy/{world['udzial_a'].pk}/zespol/{czlonek.pk}/edytuj/"
    first = signed_in_context("koordynator").new_page()
    second = signed_in_context("admin").new_page()
    first.goto(url)
    second.goto(url)
    first.get_by_label("Funkcja").fill("skarbnik powiatu")
    first.get_by_role("button", name="Zapisz").click()
    first.wait_for_selector("text=Zapisano dane")
    second.get_by_label("Funkcja").fill("sekretarz powiatu")
    with second.expect_response(lambda r: r.request.method == "POST") as response:
        second.get_by_role("button", name="Zapisz").click()
    assert response.value.status == 409
    conflict = second.get_by_role("table", name="Porównanie wartości zapisanych i wpisanych").inner_text()
    assert "skarbnik powiatu" in conflict and "sekretarz powiatu" in conflict
    assert second.get_by_label("Funkcja").input_value() == "sekretarz powiatu"  # nothing typed is lost
    czlonek.refresh_from_db()
    assert czlonek.funkcja == "skarbnik powiatu"


def test_a_confirmed_team_shows_in_the_audit_log_the_leaders_mail_and_bell(live_server, world, signed_in_context):
    # A failed login, through the real form.
    anon = signed_in_context("anon").new_page()
    anon.goto(live_server.url + "/accounts/login/")
    anon.get_by_label("Nazwa użytkownika").fill("ros2")
    anon.get_by_label("Hasło").fill("zle-haslo")
    anon.get_by_role("button", name="Zaloguj się").click()
    anon.wait_for_selector(".alert-danger")

    page = signed_in_context("koordynator").new_page()
    page.goto(f"{live_server.url}/udzialy/{world['udzial_a'].pk}/")
    page.get_by_role("button", name="Zatwierdź zespół").click()
    page.wait_for_selector("text=Zespół zatwierdzony.")

    lider = world["personas"]["jst-a-lider"]
    assert [m.to for m in mail.outbox] == [[lider.email]]
    assert outbox.oproznij() == 0 and len(mail.outbox) == 1

    team = signed_in_context("jst-a-lider").new_page()
    team.goto(live_server.url + "/")
    assert team.get_by_role("link", name="Powiadomienia: 1 nieprzeczytane").count() == 1

    admin = signed_in_context("admin").new_page()
    admin.goto(live_server.url + "/audyt/")
    rows = admin.locator("tbody tr")
    text = rows.all_inner_texts()
    assert any("zespol.zatwierdz" in r and "Katarzyna Koordynatorska" in r and "bolesławiecki" in r for r in text)
    assert any("logowanie.nieudane" in r and "ros2" in r for r in text)
    admin.get_by_label("Osoba").fill("Koordynatorska")
    admin.get_by_role("button", name="Filtruj").click()
    admin.wait_for_load_state()
    filtered = admin.locator("tbody tr").all_inner_texts()
    assert filtered and all("Koordynatorska" in r for r in filtered)
