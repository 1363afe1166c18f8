"""The coordinator's set-up of an edition, end to end in real Chromium (issue "Programme core")."""

import re

import pytest

from jst.models import JST, PrzydzialDoradcy, Udzial
from jst.tests.factories import JSTFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_member(page, imie, nazwisko, email, rodzaj, funkcja, szkola="", lider=False):
    page.get_by_role("link", name="Dodaj osobę do zespołu").click()
    page.get_by_label("Imię").fill(imie)
    page.get_by_label("Nazwisko").fill(nazwisko)
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Kto to jest").select_option(rodzaj)
    page.get_by_label("Funkcja").fill(funkcja)
    if szkola:
        page.get_by_label("Nazwa szkoły lub placówki").fill(szkola)
    if lider:
        page.get_by_label("Lider zespołu").check()
    page.get_by_role("button", name="Dodaj i wyślij zaproszenie").click()
    page.wait_for_selector("text=Dodano do zespołu")


def test_a_coordinator_sets_up_an_edition_enrols_jsts_builds_a_team_and_assigns_a_pair(
    live_server, world, signed_in_context
):
    JSTFactory(teryt="1465", teryt_gminy="1465011", klucz="1465", nazwa="Warszawa",
               rodzaj=JST.Rodzaj.MIASTO_NA_PRAWACH_POWIATU, wojewodztwo="mazowieckie", powiat="Warszawa")
    page = signed_in_context("koordynator").new_page()

    # 1. A new edition.
    page.goto(live_server.url + "/edycje/nowa/")
    page.get_by_label("Nazwa edycji").fill("Doradztwo dla JST 2027")
    page.get_by_label("Początek edycji").fill("2027-01-11")
    page.get_by_label("Koniec edycji").fill("2027-09-30")
    page.get_by_role("button", name="Utwórz edycję").click()
    page.wait_for_selector("h1:has-text('Doradztwo dla JST 2027')")
    edition_url = page.url
    assert "11.01.2027 – 30.09.2027" in page.content()

    # 2. Three JSTs by pasted codes, one invalid: reported, the rest enrolled, the bad code kept.
    page.get_by_role("link", name="Zapisz JST").first.click()
    page.get_by_label("Kody TERYT").fill("0201\n2609022\n99999\n1465011")
    page.get_by_role("button", name="Zapisz JST z listy").click()
    report = page.get_by_role("table", name="Raport zapisu z listy")
    assert report.locator("tr.table-success").count() == 3
    assert "To nie jest kod TERYT" in report.locator("tr.table-danger").inner_text()
    assert page.get_by_label("Kody TERYT").input_value().strip() == "99999"
    assert Udzial.objects.filter(edycja__nazwa="Doradztwo dla JST 2027").count() == 3

    # 3. A team, confirmed only once the rules hold.
    udzial = Udzial.objects.get(edycja__nazwa="Doradztwo dla JST 2027", jst__teryt="0201")
    page.goto(live_server.url + f"/udzialy/{udzial.pk}/")
    _add_member(page, "Anna", "Nowak", "anna.nowak@powiat.pl", "pracownik_jst", "naczelnik wydziału", lider=True)
    _add_member(page, "Bogdan", "Zając", "bogdan.zajac@powiat.pl", "pracownik_jst", "skarbnik")
    page.get_by_role("button", name="Zatwierdź zespół").click()
    assert "co najmniej jeden dyrektor szkoły" in page.locator(".alert-danger").inner_text()
    _add_member(page, "Celina", "Wiśniewska", "celina@zs1.pl", "dyrektor", "dyrektor", szkola="Zespół Szkół nr 1")
    from django.core import mail

    assert sorted(m.to[0] for m in mail.outbox) == ["anna.nowak@powiat.pl", "bogdan.zajac@powiat.pl", "celina@zs1.pl"]
    page.get_by_role("button", name="Zatwierdź zespół").click()
    page.wait_for_selector("text=Zespół zatwierdzony.")
    assert "nie ma jeszcze doradcy: ROS, PRO" in page.content()
    assert "zespół zatwierdzony" in page.locator("main").inner_text()

    # 4. An adviser pair.
    for rola, osoba in (("ROS", "Rosiński"), ("PRO", "Prokop")):
        page.get_by_role("link", name="Przydziel doradcę").click()
        page.get_by_label(rola, exact=True).check()
        select = page.locator("select[name=doradca]")
        label = next(t for t in select.locator("option").all_inner_texts() if osoba in t)
        select.select_option(label=label)
        page.get_by_role("button", name="Przydziel", exact=True).click()
        page.wait_for_url(re.compile(rf"/udzialy/{udzial.pk}/$"))
    assert set(PrzydzialDoradcy.objects.filter(udzial=udzial, do=None).values_list(
        "rola", "doradca__uzytkownik__username")) == {("ROS", "ros1"), ("PRO", "pro1")}

    # 5. Another coordinator cannot see that edition.
    other = signed_in_context("koordynator2").new_page()
    response = other.goto(edition_url)
    assert response.status == 404
