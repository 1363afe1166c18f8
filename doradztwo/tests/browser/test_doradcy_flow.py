"""The advisers' work in real Chromium, end to end (issue 8, Done when #1): `ros1` logs three remote
entries for JST A in March 2023 and the month in the hour grid goes brak → częściowo → spełniona (an
overlapping fourth is refused); ros1 submits the month's timesheet, `koordynator` returns it with a
reason, ros1 corrects an entry and submits again, `koordynator` approves; after that "my entries"
offers no edit/delete/link buttons for March (a note says why), the edit page says so above the form,
and creating, editing or deleting an entry of March — through the pages and by direct POSTs — is
refused and changes nothing.

The 2022/2023 edition (5.10.2022–31.05.2023, norm 1 h per adviser and JST a month) lies in the past,
so nothing is frozen: the server runs on today's clock."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from doradztwo.models import Powiadomienie, WpisAudytu
from jst.models import KartaCzasuPracy, WpisZdalny

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARZEC = datetime.date(2023, 3, 1)
KOLUMNA = "mar 2023"  # the grid's column label for March 2023
BLOKADA = ("Miesiąc marzec 2023 jest zatwierdzony na karcie czasu pracy — wpisów nie można dodawać, "
           "zmieniać ani usuwać.")
POWOD_ZWROTU = "Wpis z 15.03.2023: podaj konkretny temat i dopisz ustalenia."
TEMAT_POPRAWIONY = "Uwagi do opisu luk w diagnozie pogłębionej"
USTALENIA = "Zespół uzupełni opis luk do 24.03.2023."
# (date, start, duration label, form, topic); 15 + 15 + 30 minutes = the norm of 1 h.
WPISY = [
    ("2023-03-06", "10:00", "15 min", "telefon", "Konsultacja arkusza samooceny"),
    ("2023-03-15", "09:00", "15 min", "e-mail", "Uwagi do diagnozy"),
    ("2023-03-27", "12:00", "30 min", "wideokonferencja", "Plan działań HDR"),
]
# After each entry: the March cell of the grid and its status in words.
PO_WPISIE = [("0,25 h / 1,0 h", "częściowo"), ("0,5 h / 1,0 h", "częściowo"), ("1,0 h / 1,0 h", "spełniona")]


def _pole(scope, label: str):
    """A field by its whole label; crispy adds an asterisk to required ones."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _main(page) -> str:
    return page.locator("main").inner_text()


def _komunikaty(page) -> str:
    komunikaty = page.locator(".messages")
    return komunikaty.inner_text() if komunikaty.count() else ""


def _wyslij(page, przycisk, komunikat: str) -> None:
    """Click a submit button, wait for the next page and check its message (or show what the page said)."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        przycisk.click()
    if komunikat not in _komunikaty(page):
        raise AssertionError(f"expected {komunikat!r} at {page.url}; the page said:\n{_main(page)[:3000]}")


def _wyslij_odrzucone(page, przycisk) -> int:
    """Click a submit button the server is expected to refuse; the status of the page it answers with."""
    with page.expect_navigation(wait_until="domcontentloaded") as nawigacja:
        przycisk.click()
    return nawigacja.value.status


def _wypelnij_wpis(page, jst: str, data: str, poczatek: str, czas: str, forma: str, temat: str,
                   obecni: str = "") -> None:
    _pole(page, "JST").select_option(label=jst)
    _pole(page, "Data").fill(data)
    _pole(page, "Godzina rozpoczęcia").fill(poczatek)
    _pole(page, "Czas trwania").select_option(label=czas)
    _pole(page, "Forma").select_option(label=forma)
    _pole(page, "Temat").fill(temat)
    if obecni:
        page.get_by_label(re.compile(rf"^\s*{re.escape(obecni)} — ")).check()


def _komorka_marca(page, jst: str):
    """The March 2023 cell of JST A's row in "my hours"."""
    tabela = page.locator("table", has=page.get_by_role("columnheader", name=KOLUMNA, exact=True))
    naglowki = [t.strip() for t in tabela.locator("thead th").all_inner_texts()]
    assert KOLUMNA in naglowki, naglowki
    wiersz = tabela.locator("tbody tr", has=page.get_by_role("rowheader", name=jst))
    return wiersz.locator("th, td").nth(naglowki.index(KOLUMNA))


def _siatka(page, godziny_url: str, jst: str) -> tuple[str, str]:
    """March 2023 of JST A in "my hours": (the cell's text, its status in words)."""
    page.goto(godziny_url, wait_until="domcontentloaded")
    komorka = _komorka_marca(page, jst)
    return " ".join(komorka.inner_text().split()), komorka.locator(".status-normy").inner_text().strip()


def _stan(page) -> str:
    """The "Stan: …" line of a timesheet page."""
    return " ".join(page.locator("main p", has_text="Stan:").first.inner_text().split())


def _marzec():
    """Every March entry of ros1 as stored, with the people present: the fingerprint of "nothing changed"."""
    rows = WpisZdalny.objects.filter(data__year=2023, data__month=3).order_by("pk")
    return [(w.pk, w.udzial_id, w.data, w.poczatek, w.minuty, w.forma, w.temat, w.ustalenia, w.etap, w.wersja,
             w.zmieniony, sorted(w.obecni.values_list("pk", flat=True))) for w in rows]


def test_an_adviser_logs_a_month_to_the_norm_and_the_approved_timesheet_locks_it(
    live_server, world, signed_in_context
):
    edycja, udzial = world["edycja"], world["udzial_a"]
    ros1_doradca = world["doradcy"]["ros1"]
    assert edycja.norma_godzin == Decimal("1.0")  # three entries of 15 + 15 + 30 minutes meet it
    assert edycja.data_od <= MARZEC and edycja.data_do >= datetime.date(2023, 3, 31) and not edycja.zamknieta
    assert not WpisZdalny.objects.exists() and not KartaCzasuPracy.objects.exists()
    jst = world["jst_a"].nazwa_pelna
    jst_w_formularzu = f"{jst} ({edycja.nazwa})"
    lider = world["personas"]["jst-a-lider"].get_full_name()
    url = live_server.url
    wpisy_url = url + reverse("jst:moje_wpisy")
    nowy_url = url + reverse("jst:wpis_zdalny_nowy")
    godziny_url = url + reverse("jst:moje_godziny")
    karty_url = url + reverse("jst:moje_karty")
    karta_url = url + reverse("jst:karta", kwargs={"pk": edycja.pk, "doradca_pk": ros1_doradca.pk, "miesiac": MARZEC})

    ros1, koordynator = (signed_in_context(persona).new_page() for persona in ("ros1", "koordynator"))
    for page in (ros1, koordynator):
        page.set_default_timeout(10_000)

    # --- 1. Three entries; the March cell goes brak → częściowo → spełniona. ---------------------
    komorka, stan = _siatka(ros1, godziny_url, jst)
    assert (komorka.startswith("0,0 h / 1,0 h brak"), stan) == (True, "brak"), komorka
    for numer, ((data, poczatek, czas, forma, temat), (godziny, status)) in enumerate(zip(WPISY, PO_WPISIE, strict=True)):
        ros1.goto(wpisy_url, wait_until="domcontentloaded")
        ros1.get_by_role("link", name="Dodaj wpis", exact=True).click()
        ros1.wait_for_url(nowy_url)
        _wypelnij_wpis(ros1, jst_w_formularzu, data, poczatek, czas, forma, temat,
                       obecni=lider if numer == 2 else "")
        _wyslij(ros1, ros1.get_by_role("button", name="Zapisz wpis"), "Zapisano wpis doradztwa zdalnego.")
        assert temat in ros1.locator("main table").inner_text()
        komorka, stan = _siatka(ros1, godziny_url, jst)
        assert (komorka.startswith(f"{godziny} {status}"), stan) == (True, status), (numer, komorka)
    assert sorted((w.data.isoformat(), w.poczatek.strftime("%H:%M"), w.minuty) for w in WpisZdalny.objects.all()) == [
        ("2023-03-06", "10:00", 15), ("2023-03-15", "09:00", 15), ("2023-03-27", "12:00", 30)]
    assert [c.uzytkownik.username for c in WpisZdalny.objects.get(data="2023-03-27").obecni.all()] == ["jst-a-lider"]

    # An overlapping entry (12:15 inside 12:00–12:30) is refused next to the start time; nothing saved.
    ros1.goto(nowy_url, wait_until="domcontentloaded")
    _wypelnij_wpis(ros1, jst_w_formularzu, "2023-03-27", "12:15", "15 min", "telefon", "Dopytanie o HDR")
    assert _wyslij_odrzucone(ros1, ros1.get_by_role("button", name="Zapisz wpis")) == 400
    assert f"W tym czasie masz już wpis 12:00–12:30 ({jst})." in _main(ros1)
    assert _pole(ros1, "Temat").input_value() == "Dopytanie o HDR"  # the input is kept
    assert WpisZdalny.objects.count() == 3
    assert _siatka(ros1, godziny_url, jst)[0].startswith("1,0 h / 1,0 h spełniona")

    # --- 2. ros1 submits March. -------------------------------------------------------------------
    ros1.goto(karty_url, wait_until="domcontentloaded")
    wiersz = ros1.locator("main tbody tr", has=ros1.get_by_role("link", name="marzec 2023", exact=True))
    assert "w przygotowaniu" in wiersz.inner_text()
    wiersz.get_by_role("link", name="marzec 2023").click()
    ros1.wait_for_load_state("domcontentloaded")
    moja_karta_url = ros1.url
    assert ros1.get_by_role("heading", level=1).inner_text() == "Karta czasu pracy — Roman Rosiński, marzec 2023"
    assert _stan(ros1) == "Stan: w przygotowaniu"
    wpisy_karty = ros1.locator("main table").first.inner_text()
    for data, poczatek, _czas, _forma, temat in WPISY:
        dzien = datetime.date.fromisoformat(data).strftime("%d.%m.%Y")
        assert temat in wpisy_karty and f"{dzien}\t{poczatek}" in wpisy_karty, wpisy_karty
    assert "1,0 h" in ros1.locator("main dl").inner_text()
    _wyslij(ros1, ros1.get_by_role("button", name="Złóż kartę do akceptacji"),
            "Karta złożona — koordynator dostał powiadomienie.")
    assert _stan(ros1) == "Stan: złożona do akceptacji"
    assert "Karta czeka na decyzję koordynatora." in _main(ros1)
    assert ros1.get_by_role("button", name="Złóż kartę do akceptacji").count() == 0
    assert Powiadomienie.objects.filter(odbiorca=world["personas"]["koordynator"]).exists()

    # --- 3. The coordinator finds it on the edition's month page and returns it with a reason. ----
    koordynator.goto(url + reverse("jst:karty_edycji", kwargs={"pk": edycja.pk}), wait_until="domcontentloaded")
    _pole(koordynator, "Miesiąc").select_option(label="marzec 2023")
    with koordynator.expect_navigation(wait_until="domcontentloaded"):
        koordynator.get_by_role("button", name="Pokaż").click()
    wiersz = koordynator.locator("main tbody tr", has=koordynator.get_by_role("link", name="Roman Rosiński"))
    assert "złożona do akceptacji" in wiersz.inner_text() and "1,0 h" in wiersz.inner_text()
    wiersz.get_by_role("link", name="Roman Rosiński").click()
    koordynator.wait_for_url(karta_url)
    assert _stan(koordynator) == "Stan: złożona do akceptacji"
    _pole(koordynator, "Powód (wymagany przy zwrocie i ponownym otwarciu)").fill(POWOD_ZWROTU)
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zwróć do poprawy"),
            "Karta zwrócona doradcy do poprawy.")
    assert _stan(koordynator) == "Stan: zwrócona do poprawy"

    # --- 4. ros1 sees the reason, corrects the entry of 15.03, submits again. --------------------
    ros1.goto(moja_karta_url, wait_until="domcontentloaded")
    assert _stan(ros1) == "Stan: zwrócona do poprawy"
    assert POWOD_ZWROTU in ros1.locator("main ul").last.inner_text()
    ros1.goto(wpisy_url, wait_until="domcontentloaded")
    ros1.get_by_role("link", name="Edytuj wpis z 15.03.2023, 09:00").click()
    ros1.wait_for_load_state("domcontentloaded")
    assert _pole(ros1, "Temat").input_value() == "Uwagi do diagnozy"
    _pole(ros1, "Temat").fill(TEMAT_POPRAWIONY)
    _pole(ros1, "Wynik i uzgodnione kolejne kroki").fill(USTALENIA)
    _wyslij(ros1, ros1.get_by_role("button", name="Zapisz zmiany"), "Zapisano zmiany we wpisie.")
    poprawiony = WpisZdalny.objects.get(data="2023-03-15")
    assert (poprawiony.temat, poprawiony.ustalenia, poprawiony.wersja) == (TEMAT_POPRAWIONY, USTALENIA, 2)
    ros1.goto(moja_karta_url, wait_until="domcontentloaded")
    assert TEMAT_POPRAWIONY in ros1.locator("main table").first.inner_text()
    _wyslij(ros1, ros1.get_by_role("button", name="Złóż kartę do akceptacji"),
            "Karta złożona — koordynator dostał powiadomienie.")
    assert _stan(ros1) == "Stan: złożona do akceptacji"

    # --- 5. The coordinator approves; the month is locked. -----------------------------------------
    koordynator.goto(karta_url, wait_until="domcontentloaded")
    assert TEMAT_POPRAWIONY in koordynator.locator("main table").first.inner_text()
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zatwierdź kartę"),
            "Karta zatwierdzona — miesiąc jest zablokowany.")
    assert _stan(koordynator).startswith("Stan: zatwierdzona — miesiąc jest zablokowany")
    assert KartaCzasuPracy.objects.get(doradca=ros1_doradca, edycja=edycja, miesiac=MARZEC).stan == "zatwierdzona"
    historia = koordynator.locator("main ul").last.inner_text()
    assert historia.count("złożona do akceptacji") == 2 and "zwrócona do poprawy" in historia
    assert "zatwierdzona" in historia and POWOD_ZWROTU in historia
    ros1.goto(moja_karta_url, wait_until="domcontentloaded")
    assert _stan(ros1).startswith("Stan: zatwierdzona — miesiąc jest zablokowany")
    assert ros1.get_by_role("button", name="Złóż kartę do akceptacji").count() == 0
    ros1.goto(karty_url, wait_until="domcontentloaded")
    assert "zatwierdzona" in ros1.locator("main tbody tr", has_text="marzec 2023").inner_text()

    # --- 6. Nothing in March can change any more: through the pages ... ---------------------------
    przed = _marzec()
    assert len(przed) == 3
    audyt = WpisAudytu.objects.filter(akcja__startswith="wpis_zdalny.").count()

    # "My entries" no longer offers to change March: a note in place of the buttons in every row.
    ros1.goto(wpisy_url, wait_until="domcontentloaded")
    tabela = ros1.locator("main table")
    for data, poczatek, _czas, _forma, temat in WPISY:
        dzien = datetime.date.fromisoformat(data).strftime("%d.%m.%Y")
        wiersz = tabela.locator("tbody tr", has_text=temat if data != "2023-03-15" else TEMAT_POPRAWIONY)
        assert "miesiąc zatwierdzony — bez zmian" in wiersz.inner_text(), wiersz.inner_text()
        for rola, nazwa in (("button", "Usuń"), ("link", "Edytuj"), ("link", "Powiąż z działaniem HDR")):
            assert ros1.get_by_role(rola, name=f"{nazwa} wpis z {dzien}, {poczatek}").count() == 0, (nazwa, dzien)
    assert tabela.locator("form").count() == 0

    # The edit page, opened by its address, says so above the form; a save is still refused.
    wpis_27 = WpisZdalny.objects.get(data="2023-03-27")
    ros1.goto(url + reverse("jst:wpis_zdalny_edytuj", args=[wpis_27.pk]), wait_until="domcontentloaded")
    assert BLOKADA in ros1.locator("main p.alert-warning").inner_text()
    assert ros1.get_by_role("link", name="Powiąż z działaniem HDR").count() == 0
    _pole(ros1, "Temat").fill("Plan działań HDR — przeniesiony")
    _pole(ros1, "Czas trwania").select_option(label="1 h")
    assert _wyslij_odrzucone(ros1, ros1.get_by_role("button", name="Zapisz zmiany")) == 400
    assert BLOKADA in ros1.get_by_role("alert").inner_text()

    ros1.goto(nowy_url, wait_until="domcontentloaded")
    _wypelnij_wpis(ros1, jst_w_formularzu, "2023-03-20", "11:00", "45 min", "telefon", "Dopisany po zatwierdzeniu")
    assert _wyslij_odrzucone(ros1, ros1.get_by_role("button", name="Zapisz wpis")) == 400
    assert BLOKADA in ros1.get_by_role("alert").inner_text()

    # --- ... and by direct POSTs with a valid CSRF token. -------------------------------------------
    ros1.goto(nowy_url, wait_until="domcontentloaded")  # "my entries" has no POST form left to take it from
    token = ros1.locator('main form[method="post"] input[name="csrfmiddlewaretoken"]').first.input_value()
    wpis = WpisZdalny.objects.get(data="2023-03-06")
    formularz = {"csrfmiddlewaretoken": token, "udzial": str(udzial.pk), "poczatek": "07:00", "minuty": "60",
                 "forma": "telefon", "temat": "Wpis spoza strony", "ustalenia": "", "etap": ""}

    response = ros1.request.post(nowy_url, form={**formularz, "data": "2023-03-21"}, max_redirects=0)
    assert response.status == 400 and BLOKADA in response.text()

    edytuj_url = url + reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk])
    response = ros1.request.post(edytuj_url, form={**formularz, "data": "2023-03-06", "wersja": str(wpis.wersja)},
                                 max_redirects=0)
    assert response.status == 400 and BLOKADA in response.text()
    # Moving the entry out of March into an open month is refused too (its own month is locked).
    response = ros1.request.post(edytuj_url, form={**formularz, "data": "2023-04-03", "wersja": str(wpis.wersja)},
                                 max_redirects=0)
    assert response.status == 400 and BLOKADA in response.text()

    usun_url = url + reverse("jst:wpis_zdalny_usun", args=[wpis.pk])
    response = ros1.request.post(usun_url, form={"csrfmiddlewaretoken": token, "wersja": str(wpis.wersja)},
                                 max_redirects=0)
    assert response.status == 302 and response.headers["location"] == reverse("jst:moje_wpisy")
    ros1.goto(wpisy_url, wait_until="domcontentloaded")
    assert BLOKADA in _komunikaty(ros1)

    assert _marzec() == przed
    assert WpisZdalny.objects.count() == 3
    assert WpisAudytu.objects.filter(akcja__startswith="wpis_zdalny.").count() == audyt
    assert _siatka(ros1, godziny_url, jst)[0].startswith("1,0 h / 1,0 h spełniona")
