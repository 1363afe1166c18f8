"""The diagnostic sheet in real Chromium: nothing typed is ever lost (issue 5, Done when #1)."""

import pytest

from diagnoza.models import ArkuszEdycji, Odpowiedz, PytanieSzablonu, WersjaSzablonu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pytania(world):
    from diagnoza.services import szablon_utworz_z_danych
    from diagnoza.szablon_dane import SKALA, SZABLON

    # Transactional tests flush the seeded rows: build the Polish template again.
    wersja = WersjaSzablonu.objects.filter(stan="opublikowana").first() or szablon_utworz_z_danych(
        dane=SZABLON, skala=SKALA)
    ArkuszEdycji.objects.get_or_create(edycja=world["edycja"], defaults={"wersja": wersja})
    return list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).order_by("sekcja__kolejnosc", "kolejnosc"))


def _saved(page, pytanie):
    fs = page.locator(f'fieldset[data-pytanie="{pytanie.pk}"]')
    fs.locator(".status-zapisu", has_text="zapisano").wait_for(timeout=5000)
    return fs


def _choose(page, pytanie, label):
    page.locator(f'fieldset[data-pytanie="{pytanie.pk}"]').get_by_label(label, exact=True).check()


def test_two_members_autosave_conflict_offline_and_expired_session(live_server, world, signed_in_context, pytania):
    from django.conf import settings

    url = f"{live_server.url}/udzialy/{world['udzial_a'].pk}/arkusz/"
    p1, p2, p3, p4, p5 = pytania[:5]
    lider_ctx, czlonek_ctx = signed_in_context("jst-a-lider"), signed_in_context("jst-a-czlonek")
    lider, czlonek = lider_ctx.new_page(), czlonek_ctx.new_page()
    lider.goto(url)
    czlonek.goto(url)

    # Different questions: both saved.
    _choose(lider, p1, "raczej tak")
    _choose(czlonek, p2, "raczej nie")
    _saved(lider, p1)
    _saved(czlonek, p2)
    assert {(o.pytanie_id, o.wartosc, o.autor.username) for o in Odpowiedz.objects.all()} == {
        (p1.pk, 3, "jst-a-lider"), (p2.pk, 2, "jst-a-czlonek")}

    # The same question from a stale page: the other value is shown, the database keeps it until
    # the user chooses.
    _choose(czlonek, p1, "zdecydowanie nie")
    box = czlonek.locator(f'fieldset[data-pytanie="{p1.pk}"] .konflikt')
    box.wait_for(state="visible", timeout=5000)
    assert "raczej tak" in box.inner_text() and "Łucja Liderska" in box.inner_text()
    assert Odpowiedz.objects.get(pytanie=p1).wartosc == 3
    box.get_by_role("button", name="Zachowaj moją odpowiedź").click()
    _saved(czlonek, p1)
    answer = Odpowiedz.objects.get(pytanie=p1)
    assert (answer.wartosc, answer.autor.username) == (1, "jst-a-czlonek")

    # Offline: two answers typed, the page closed, back online: restored and saved under the typist.
    lider_ctx.set_offline(True)
    _choose(lider, p3, "zdecydowanie tak")
    _choose(lider, p4, "nie dotyczy / nie wiem")
    lider.wait_for_timeout(300)
    lider.close()
    lider_ctx.set_offline(False)
    again = lider_ctx.new_page()
    again.goto(url)
    assert again.locator(f'fieldset[data-pytanie="{p3.pk}"]').get_by_label("zdecydowanie tak", exact=True).is_checked()
    _saved(again, p3)
    _saved(again, p4)
    assert {(o.pytanie_id, o.autor.username) for o in Odpowiedz.objects.filter(pytanie__in=[p3, p4])} == {
        (p3.pk, "jst-a-lider"), (p4.pk, "jst-a-lider")}
    assert Odpowiedz.objects.get(pytanie=p4).nie_wiem is True

    # The session cookie is gone: the page asks to log in and keeps the input; after logging in
    # again the answer is saved under the right user.
    czlonek_ctx.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    _choose(czlonek, p5, "raczej nie")
    czlonek.locator("#arkusz-komunikat", has_text="Sesja wygasła").wait_for(timeout=5000)
    assert not Odpowiedz.objects.filter(pytanie=p5).exists()
    login = czlonek_ctx.new_page()
    login.goto(f"{live_server.url}/accounts/login/")
    login.get_by_label("Nazwa użytkownika").fill("jst-a-czlonek")
    login.get_by_label("Hasło").fill("haslo-testowe-123")
    login.get_by_role("button", name="Zaloguj się").click()
    login.wait_for_url(f"{live_server.url}/")
    czlonek.reload()
    _saved(czlonek, p5)
    answer = Odpowiedz.objects.get(pytanie=p5)
    assert (answer.wartosc, answer.autor.username) == (2, "jst-a-czlonek")
