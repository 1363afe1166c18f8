"""The good practice in real Chromium, end to end (issue 9, Done when #1): `jst-a-lider` starts the final
report as a good practice (no approved HDR plans a form, so the page lets the team pick it), writes the
title, the consenting contact person and all 8 sections (autosave), and submits; `koordynator` returns it
with a reason and a remark on one section; the leader fixes that section (its save button) and submits
again; the coordinator accepts, opens the publication screen (refused without the no-personal-data
confirmation, then published) and the PDF is rendered; an anonymous visitor finds the practice by a
word that occurs only in one section, opens it and downloads the PDF. In the page and the PDF text the
only e-mail address and phone number are the consenting contact's — not the leader's (whose account
has both), nor any other persona's."""

import io
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from raporty.models import Publikacja, RaportKoncowy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLOWO = "Żurawiejka"  # occurs in section 7 only: not in the title, the lead or the JST's name
TYTUL = "Wspólny kalendarz naboru do szkół powiatu"
KONTAKT = {"Imię i nazwisko": "Zofia Kontaktowa", "Funkcja": "naczelniczka Wydziału Edukacji",
           "E-mail": "zofia.kontaktowa@powiat.boleslawiec.pl", "Telefon": "+48 601 234 567"}
KONTAKT_CYFRY = "601234567"
LIDER_TELEFON = "602 111 222"  # on the leader's account; must never reach the report
SEKCJE = {  # key → (the page's title, text)
    "lokalny_system": ("1. Charakterystyka lokalnego systemu",
                       "Powiat bolesławiecki prowadzi czternaście szkół ponadpodstawowych i dwie poradnie "
                       "psychologiczno-pedagogiczne."),
    "problem": ("2. Problem, który był powodem wdrożenia innowacji",
                "Szkoły prowadziły nabór każda po swojemu, a rodzice gubili się w terminach i wymaganiach."),
    "rozwiazanie": ("3. Na czym polega zastosowane rozwiązanie?",
                    "Wspólny **kalendarz naboru** dla wszystkich szkół powiatu, uzgodniony przez dyrektorów.\n\n"
                    "Kalendarz publikujemy w jednym miejscu razem z opisem każdego kierunku kształcenia."),
    "kto_kiedy": ("4. Kto, kiedy i co zrobił?",
                  "- wrzesień: zespół JST zebrał terminy ze szkół\n"
                  "- październik: dyrektorzy uzgodnili wspólny kalendarz\n"
                  "- listopad: starosta ogłosił kalendarz zarządzeniem"),
    "efekty": ("5. Jakie efekty osiągnięto?",
               "Liczba odwołań od wyników naboru spadła o połowę, a szkoły branżowe wypełniły wszystkie klasy."),
    "koszt": ("6. Ile to kosztowało?", "Koszt to głównie czas pracy zespołu."),
    "dlaczego": ("7. Dlaczego warto promować to rozwiązanie?",
                 f"Rozwiązanie nazwaliśmy „{SLOWO}”, bo — jak klucz żurawi — szkoły lecą razem w jednym szyku. "
                 "Jest tanie, proste i łatwe do powtórzenia w każdym powiecie."),
    "replikacja": ("8. Zalecenia dotyczące replikacji",
                   "Zacznijcie od spotkania dyrektorów i wspólnej listy terminów; unikajcie narzucania kalendarza "
                   "bez rozmowy ze szkołami."),
}
KOSZT_POPRAWIONY = ("Koszt to głównie czas pracy zespołu: około czterdziestu godzin. Druk ulotek o kalendarzu "
                    "sfinansował budżet powiatu (około 2 500 zł).")
POWOD_ZWROTU = "Uzupełnijcie koszty: ile czasu i pieniędzy to kosztowało, z jakiego źródła."
UWAGA_KOSZT = "Podajcie źródło finansowania druku ulotek."
POTWIERDZENIE = re.compile(r"^\s*Potwierdzam, że tekst nie zawiera danych osobowych")

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits in groups split by single spaces or hyphens (dates use dots, so they never match); a phone
# number has at least 9 digits.
TELEFON_RE = re.compile(r"(?<![\w+])(?:\+\d{2}[ \u00a0-]?)?\(?\d+\)?(?:[ \u00a0-]\(?\d+\)?)*(?![\w])")


def _pole(scope, label: str):
    """A field by its whole label; crispy adds an asterisk to required ones."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _main(page) -> str:
    return page.locator("main").inner_text()


def _wyslij(page, przycisk, komunikat: str) -> int:
    """Click a submit button, wait for the next page and check its message; the answer's status."""
    with page.expect_navigation(wait_until="domcontentloaded") as nawigacja:
        przycisk.click()
    komunikaty = page.locator(".messages")
    tekst = komunikaty.inner_text() if komunikaty.count() else ""
    if komunikat not in tekst:
        raise AssertionError(f"expected {komunikat!r} at {page.url}; the page said:\n{_main(page)[:3000]}")
    return nawigacja.value.status


def _stan(page) -> str:
    return " ".join(page.locator("main p", has_text="Forma:").first.inner_text().split())


def _dane_kontaktowe(tekst: str) -> tuple[set[str], set[str]]:
    """(e-mail addresses, phone numbers as their national digits) found in a text."""
    emaile = {m.group().lower() for m in EMAIL_RE.finditer(tekst)}
    telefony = set()
    for m in TELEFON_RE.finditer(tekst):
        cyfry = re.sub(r"\D", "", m.group())
        if len(cyfry) >= 9:
            telefony.add(cyfry[2:] if m.group().startswith("+48") else cyfry)
    return emaile, telefony


def _bez_danych_innych_osob(tekst: str, personas, gdzie: str) -> None:
    emaile, telefony = _dane_kontaktowe(tekst)
    assert emaile == {KONTAKT["E-mail"]}, (gdzie, emaile)
    assert telefony == {KONTAKT_CYFRY}, (gdzie, telefony)
    for user in personas.values():
        assert user.email.lower() not in tekst.lower(), (gdzie, user.username)
    assert re.sub(r"\D", "", LIDER_TELEFON) not in re.sub(r"\D", "", tekst), gdzie


def _jednym_ciagiem(tekst: str) -> str:
    return " ".join(tekst.split())


def test_a_good_practice_is_written_reviewed_published_found_and_downloaded_without_others_personal_data(
    live_server, world, signed_in_context, tmp_path
):
    udzial, personas = world["udzial_a"], world["personas"]
    lider_konto = personas["jst-a-lider"]
    lider_konto.telefon = LIDER_TELEFON
    lider_konto.save(update_fields=["telefon"])
    assert lider_konto.email == "jst-a-lider@example.org"
    raport_url = f"{live_server.url}/udzialy/{udzial.pk}/raport/"
    publikacja_url = f"{raport_url}publikacja/"
    lider, koordynator, gosc = (signed_in_context(persona).new_page()
                                for persona in ("jst-a-lider", "koordynator", "anon"))
    for page in (lider, koordynator, gosc):
        page.set_default_timeout(10_000)

    # --- 1. The leader starts the report, choosing the form (no approved HDR plans one). ----------
    lider.goto(raport_url, wait_until="domcontentloaded")
    assert "Zatwierdzony HDR nie wskazuje jeszcze formy raportu" in _main(lider)
    lider.get_by_label("opis dobrej praktyki", exact=True).check()
    _wyslij(lider, lider.get_by_role("button", name="Rozpocznij raport"), "Raport rozpoczęty: opis dobrej praktyki.")
    assert _stan(lider).startswith("Forma: opis dobrej praktyki · stan: w przygotowaniu")

    # --- 2. Title and the contact person, who agreed to publication. ------------------------------
    dane = lider.locator('form[action$="/raport/dane/"]')
    _pole(dane, "Tytuł raportu").fill(TYTUL)
    for label, wartosc in KONTAKT.items():
        _pole(dane, label).fill(wartosc)
    dane.get_by_label(re.compile(r"^\s*Osoba do kontaktu zgodziła się na publikację")).check()
    _wyslij(lider, dane.get_by_role("button", name="Zapisz dane raportu"), "Zapisano dane raportu.")

    # --- 3. All 8 sections, each saved by autosave. ----------------------------------------------
    for klucz, (tytul, tekst) in SEKCJE.items():
        sekcja = lider.locator(f"#sekcja-{klucz}")
        sekcja.get_by_label(tytul, exact=True).fill(tekst)
        expect(sekcja.locator("[data-autozapis-status]")).to_contain_text("zapisano: Łucja Liderska")
    raport = RaportKoncowy.objects.get(udzial=udzial)
    assert dict(raport.sekcje.values_list("klucz", "tresc")) == {k: t for k, (_tytul, t) in SEKCJE.items()}
    assert (raport.tytul, raport.kontakt_email, raport.kontakt_telefon, raport.kontakt_zgoda) == (
        TYTUL, KONTAKT["E-mail"], KONTAKT["Telefon"], True)

    lider.reload(wait_until="domcontentloaded")
    przeglad = lider.locator("#przeglad").inner_text()
    assert "Przed złożeniem uzupełnijcie" not in przeglad, przeglad
    tekst_raportu = _main(lider)
    assert lider_konto.email not in tekst_raportu and LIDER_TELEFON not in tekst_raportu
    _wyslij(lider, lider.get_by_role("button", name="Złóż raport"), "Raport końcowy złożony.")
    assert "stan: złożony do akceptacji" in _stan(lider)
    assert "Raport jest u koordynatora — zmiany są zablokowane" in _main(lider)
    assert lider.locator("form[data-autozapis-url]").count() == 0  # no section editor while submitted

    # --- 4. The coordinator returns it with a reason and a remark on section 6. -------------------
    koordynator.goto(raport_url, wait_until="domcontentloaded")
    assert "stan: złożony do akceptacji" in _stan(koordynator)
    _pole(koordynator, "Powód zwrotu").fill(POWOD_ZWROTU)
    _pole(koordynator, f"Uwagi do sekcji: {SEKCJE['koszt'][0]}").fill(UWAGA_KOSZT)
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zwróć do poprawy"),
            "Raport końcowy zwrócony zespołowi do poprawy.")
    raport.refresh_from_db()
    assert raport.stan == "zwrocona"

    # --- 5. The leader sees why, fixes section 6 with its save button and submits again. ---------
    lider.goto(raport_url, wait_until="domcontentloaded")
    assert "stan: zwrócony do poprawy" in _stan(lider)
    assert POWOD_ZWROTU in lider.locator("#przeglad").inner_text()
    sekcja_koszt = lider.locator("#sekcja-koszt")
    assert UWAGA_KOSZT in sekcja_koszt.inner_text()
    sekcja_koszt.get_by_label(SEKCJE["koszt"][0], exact=True).fill(KOSZT_POPRAWIONY)
    _wyslij(lider, sekcja_koszt.get_by_role("button", name=f"Zapisz — {SEKCJE['koszt'][0]}", exact=True),
            f"Zapisano sekcję „{SEKCJE['koszt'][0]}”.")
    assert raport.sekcje.get(klucz="koszt").tresc == KOSZT_POPRAWIONY
    _wyslij(lider, lider.get_by_role("button", name="Złóż raport"), "Raport końcowy złożony.")

    # --- 6. The coordinator accepts. ---------------------------------------------------------------
    koordynator.goto(raport_url, wait_until="domcontentloaded")
    assert KOSZT_POPRAWIONY in koordynator.locator("#sekcja-koszt").inner_text()
    _wyslij(koordynator, koordynator.get_by_role("button", name="Przyjmij", exact=True),
            "Raport końcowy przyjęty. Udział JST jest zakończony.")
    assert "stan: przyjęty" in _stan(koordynator)
    raport.refresh_from_db()
    udzial.refresh_from_db()
    assert (raport.stan, udzial.etap) == ("zatwierdzona", "zakonczony")

    # --- 7. Publication: refused without the confirmation, then published; the PDF is rendered. ---
    # No page links to the publication screen yet: the coordinator opens its address.
    with koordynator.expect_navigation(wait_until="domcontentloaded"):
        koordynator.get_by_role("link", name="Publikacja dobrej praktyki").click()
    assert koordynator.url == publikacja_url
    assert "Ta dobra praktyka nie została jeszcze opublikowana." in _main(koordynator)
    assert _pole(koordynator, "Tytuł").input_value() == TYTUL
    assert _pole(koordynator, SEKCJE["dlaczego"][0]).input_value() == SEKCJE["dlaczego"][1]
    assert _pole(koordynator, SEKCJE["koszt"][0]).input_value() == KOSZT_POPRAWIONY
    pokaz_kontakt = _pole(koordynator, "Pokaż osobę do kontaktu")
    assert pokaz_kontakt.is_checked()
    assert not koordynator.get_by_label(POTWIERDZENIE).is_checked()
    with koordynator.expect_navigation(wait_until="domcontentloaded") as odmowa:
        koordynator.get_by_role("button", name="Opublikuj", exact=True).click()
    assert odmowa.value.status == 400
    assert "Potwierdź, że tekst nie zawiera danych osobowych" in _main(koordynator)
    assert not Publikacja.objects.exists()

    koordynator.get_by_label(POTWIERDZENIE).check()
    _wyslij(koordynator, koordynator.get_by_role("button", name="Opublikuj", exact=True),
            "Dobra praktyka jest opublikowana.")
    publikacja = Publikacja.objects.get(raport=raport)
    assert publikacja.opublikowana and publikacja.kontakt["email"] == KONTAKT["E-mail"]
    for _proba in range(20):  # Celery is eager in tests: the job normally ran with the publication
        if "PDF jest gotowy." in koordynator.locator("main").inner_text():
            break
        time.sleep(0.5)
        koordynator.reload(wait_until="domcontentloaded")
    assert "PDF jest gotowy." in _main(koordynator), _main(koordynator)

    # --- 8. An anonymous visitor finds it by a word of section 7 and opens it. ----------------------
    gosc.goto(f"{live_server.url}/dobre-praktyki/", wait_until="domcontentloaded")
    _pole(gosc, "Szukaj").fill("Nieistniejącesłowo")
    with gosc.expect_navigation(wait_until="domcontentloaded"):
        gosc.get_by_role("button", name="Szukaj", exact=True).click()
    assert "Znaleziono 0 dobrych praktyk." in _main(gosc)
    _pole(gosc, "Szukaj").fill(SLOWO.lower())  # Polish lower case finds "Żurawiejka"
    with gosc.expect_navigation(wait_until="domcontentloaded"):
        gosc.get_by_role("button", name="Szukaj", exact=True).click()
    assert parse_qs(urlsplit(gosc.url).query)["q"] == [SLOWO.lower()], gosc.url
    assert "Znaleziono 1 dobrą praktykę." in _main(gosc)
    assert _dane_kontaktowe(gosc.locator("body").inner_text()) == (set(), set())  # the list shows none
    gosc.get_by_role("link", name=TYTUL, exact=True).click()
    gosc.wait_for_url(f"{live_server.url}/dobre-praktyki/{publikacja.pk}/")
    assert gosc.get_by_role("heading", level=1).inner_text() == TYTUL
    strona = gosc.locator("body").inner_text()
    for _klucz, (tytul, _tekst) in SEKCJE.items():
        assert tytul in strona
    assert f"Rozwiązanie nazwaliśmy „{SLOWO}”, bo — jak klucz żurawi — szkoły lecą razem" in strona
    assert gosc.locator("#sekcja-rozwiazanie + p strong", has_text="kalendarz naboru").count() == 1
    assert gosc.locator("#sekcja-kto_kiedy ~ ul li").count() == 3
    assert "Powiat bolesławiecki" in strona and KOSZT_POPRAWIONY in _jednym_ciagiem(strona)
    kontakt = gosc.locator("#kontakt + p").inner_text()
    assert KONTAKT["Imię i nazwisko"] in kontakt and KONTAKT["E-mail"] in kontakt and KONTAKT["Telefon"] in kontakt
    _bez_danych_innych_osob(strona, personas, "the public page")
    html = gosc.content()
    for user in personas.values():
        assert user.email not in html, user.username

    # --- 9. … and downloads the PDF: Polish text intact, no one else's e-mail or phone. -----------
    with gosc.expect_download() as pobieranie:
        gosc.get_by_role("link", name="Pobierz PDF").click()
    assert pobieranie.value.suggested_filename == f"dobra-praktyka-{publikacja.pk}.pdf"
    plik = tmp_path / "dobra-praktyka.pdf"
    pobieranie.value.save_as(plik)
    dane_pdf = plik.read_bytes()
    assert dane_pdf.startswith(b"%PDF")
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(dane_pdf)).pages)
    ciag = _jednym_ciagiem(pdf)
    assert TYTUL in ciag
    assert f"Rozwiązanie nazwaliśmy „{SLOWO}”, bo — jak klucz żurawi — szkoły lecą razem w jednym szyku." in ciag
    assert "psychologiczno-pedagogiczne" in ciag and "październik: dyrektorzy uzgodnili wspólny kalendarz" in ciag
    assert "Druk ulotek o kalendarzu sfinansował budżet powiatu" in ciag
    assert SEKCJE["replikacja"][0] in ciag and "Powiat bolesławiecki" in ciag
    assert KONTAKT["Imię i nazwisko"] in ciag and KONTAKT["E-mail"] in ciag
    _bez_danych_innych_osob(pdf, personas, "the PDF")
