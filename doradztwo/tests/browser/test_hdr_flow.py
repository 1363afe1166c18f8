"""The deep diagnosis and the HDR in real Chromium, end to end (issue 7, Done when #1): the team builds
a deep diagnosis with two priority gaps and one postponed, an HDR covering them; submitting with a goal
uncovered is refused (also by a direct POST: nothing changes, nobody is notified); the coordinator
returns, then approves; a date change plus a new action with a reason makes version 2, the version-1
page still shows the old plan, and the diff lists both changes."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps

from diagnoza.models import Cel, DiagnozaPoglebiona, Luka, WyborObszaru
from doradztwo.models import Obszar, Powiadomienie, ZmianaStanu
from hdr.models import Dzialanie, Hdr, WersjaHdr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USTALENIA = ["Każda szkoła ma inną procedurę naboru pracowników.",
             "Sprawozdania szkół trafiają do wydziału w pięciu różnych formatach."]
STANY = ["Wspólna procedura naboru we wszystkich szkołach powiatu.",
         "Jeden elektroniczny obieg sprawozdań szkół."]
PRZYCZYNA = "Brak zarządzenia starosty porządkującego procedury."
LUKA_1 = "Brak wspólnej procedury naboru."
LUKA_2 = "Brak wspólnego formatu sprawozdań."
LUKA_ODLOZONA = "Brak szkoleń kadry z nowych przepisów."
POWOD_ODLOZENIA = "Szkolenia zaplanujemy w kolejnym roku szkolnym."
CEL_1 = "Wdrożyć jedną procedurę naboru w szkołach powiatu"
CEL_2 = "Ujednolicić format sprawozdań szkół"
D1 = "Ujednolicenie procedur naboru"
D2 = "Elektroniczny obieg sprawozdań"
D3 = "Szkolenie sekretarzy szkół z procedury"
RAPORT = "Raport końcowy"


def _pole(scope, label: str):
    """A field by its whole label; crispy adds an asterisk to required ones."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _wyslij(page, przycisk, komunikat: str) -> None:
    """Click a submit button, wait for the next page and check its message (or show what the page said)."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        przycisk.click()
    komunikaty = page.locator(".messages")
    tekst = komunikaty.inner_text() if komunikaty.count() else ""
    if komunikat not in tekst:
        raise AssertionError(f"expected {komunikat!r} at {page.url}; the page said:\n"
                             f"{page.locator('main').inner_text()[:3000]}")


def _dodaj_pozycje(page, rodzaj: str, komunikat: str, **pola) -> None:
    """Fill the deep diagnosis' "Dodaj: …" form of a section. `pola`: label → text, ("select", option
    label), ("check",) for a checkbox or radio."""
    form = page.locator(f'form[aria-labelledby="nowy-{rodzaj}"]')
    for label, value in pola.items():
        field = _pole(form, label)
        if isinstance(value, tuple) and value[0] == "select":
            field.select_option(label=value[1])
        elif value == ("check",):
            field.check()
        else:
            field.fill(value)
    _wyslij(page, form.get_by_role("button", name="Dodaj", exact=True), komunikat)


def _dzialanie(page, nazwa: str, od: str, do: str, *, cele=(), osoba=None, spoza="", narzedzia=(),
               pola=None) -> None:
    """The HDR action form (new or edit page already open): fill, save, back on the HDR page."""
    if nazwa:
        _pole(page, "Nazwa działania").fill(nazwa)
    for cel in cele:
        page.get_by_label(cel).check()
    for narzedzie in narzedzia:
        page.get_by_label(narzedzie, exact=True).check()
    if osoba:
        _pole(page, "Osoba odpowiedzialna z zespołu").select_option(label=osoba)
    if spoza:
        _pole(page, "albo osoba odpowiedzialna spoza zespołu").fill(spoza)
    _pole(page, "Początek").fill(od)
    _pole(page, "Koniec").fill(do)
    for label, value in (pola or {}).items():
        _pole(page, label).fill(value)
    _wyslij(page, page.get_by_role("button", name="Zapisz działanie"),
            f"Zapisano działanie „{_pole(page, 'Nazwa działania').input_value()}”.")


def _osoba(udzial, username: str) -> str:
    """A team member as the owner list names them."""
    czlonek = udzial.zespol.select_related("uzytkownik").get(uzytkownik__username=username)
    return f"{czlonek.uzytkownik.get_full_name()} ({czlonek.funkcja})"


def _lead(page) -> str:
    return " ".join(page.locator("main p.lead").inner_text().split())


@pytest.fixture
def obszar_wybrany(world):
    """JST A chose the area "zarzadzanie" after its sheet (the stage before the deep diagnosis)."""
    if not Obszar.objects.filter(kod="zarzadzanie").exists():  # transactional tests flush seeded rows
        importlib.import_module("doradztwo.migrations.0002_obszary").utworz_obszary(django_apps, None)
    return WyborObszaru.objects.create(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="zarzadzanie"),
                                       kto=world["personas"]["jst-a-lider"],
                                       uzasadnienie="Najniższe wyniki arkusza w tym obszarze.")


def test_the_team_builds_a_diagnosis_and_an_hdr_that_is_reviewed_and_versioned(
    live_server, world, signed_in_context, obszar_wybrany
):
    from django.core import mail

    udzial = world["udzial_a"]
    diagnoza_url = f"{live_server.url}/udzialy/{udzial.pk}/diagnoza-poglebiona/"
    hdr_url = f"{live_server.url}/udzialy/{udzial.pk}/hdr/"
    # Bootstrap scrolls smoothly unless motion is reduced; every click would wait for the scroll to end.
    lider, czlonek, koordynator = (signed_in_context(persona, reduced_motion="reduce").new_page()
                                   for persona in ("jst-a-lider", "jst-a-czlonek", "koordynator"))
    for page in (lider, czlonek, koordynator):
        page.set_default_timeout(10_000)

    # --- 1. The deep diagnosis, built by the leader through the page's forms. ---------------------
    lider.goto(diagnoza_url, wait_until="domcontentloaded")
    assert "Wybrany obszar: 3. Zarządzanie oświatą na poziomie organu prowadzącego" in _lead(lider)
    for tekst in USTALENIA:
        _dodaj_pozycje(lider, "ustalenia", "Dodano: Ustalenie.", **{"Jak jest? — ustalenie": tekst})
    for tekst in STANY:
        _dodaj_pozycje(lider, "stany", "Dodano: Stan docelowy.", **{"Jak chcemy, żeby było? — stan docelowy": tekst})
    _dodaj_pozycje(lider, "przyczyny", "Dodano: Przyczyna.", **{
        "Co powoduje, że nie mamy stanu docelowego? — przyczyna": PRZYCZYNA,
        "Kategoria przyczyny": ("select", "procedury"),
        "Konsultowani interesariusze": "dyrektorzy szkół, sekretarze szkół"})
    _dodaj_pozycje(lider, "luki", "Dodano: Luka rozwojowa.", **{
        "Opis luki rozwojowej": LUKA_1, "Jak jest? (ustalenie)": ("select", f"1. {USTALENIA[0]}"),
        "Jak chcemy, żeby było? (stan docelowy)": ("select", f"1. {STANY[0]}"),
        f"1. {PRZYCZYNA} (procedury)": ("check",), "priorytet": ("check",), "Miejsce wśród priorytetów": "1"})
    _dodaj_pozycje(lider, "luki", "Dodano: Luka rozwojowa.", **{
        "Opis luki rozwojowej": LUKA_2, "Jak jest? (ustalenie)": ("select", f"2. {USTALENIA[1]}"),
        "Jak chcemy, żeby było? (stan docelowy)": ("select", f"2. {STANY[1]}"),
        "priorytet": ("check",), "Miejsce wśród priorytetów": "2"})
    _dodaj_pozycje(lider, "luki", "Dodano: Luka rozwojowa.", **{
        "Opis luki rozwojowej": LUKA_ODLOZONA, "Jak jest? (ustalenie)": ("select", f"1. {USTALENIA[0]}"),
        "Jak chcemy, żeby było? (stan docelowy)": ("select", f"1. {STANY[0]}"),
        "odłożona": ("check",), "Powód odłożenia": POWOD_ODLOZENIA})
    for luka, ranga, cel, termin in ((LUKA_1, 1, CEL_1, "31.05.2023"), (LUKA_2, 2, CEL_2, "30.06.2023")):
        _dodaj_pozycje(lider, "cele", "Dodano: Cel.", **{
            "Luka priorytetowa": ("select", f"priorytet {ranga}: {luka}"), "Co chcemy osiągnąć": cel,
            "Wskaźnik (miernik)": "liczba szkół stosujących wspólny standard", "Wartość bazowa": "0",
            "Wartość docelowa": "12", "Termin": termin})
    luki = {luka.tresc: luka for luka in Luka.objects.filter(diagnoza__udzial=udzial)}
    assert {t: (luka.status, luka.ranga) for t, luka in luki.items()} == {
        LUKA_1: ("priorytet", 1), LUKA_2: ("priorytet", 2), LUKA_ODLOZONA: ("odlozona", None)}
    assert luki[LUKA_ODLOZONA].powod_odlozenia == POWOD_ODLOZENIA
    assert [p.tresc for p in luki[LUKA_1].przyczyny.all()] == [PRZYCZYNA]
    assert {(c.luka.tresc, c.termin) for c in Cel.objects.select_related("luka")} == {
        (LUKA_1, datetime.date(2023, 5, 31)), (LUKA_2, datetime.date(2023, 6, 30))}
    assert "Przed złożeniem brakuje:" not in lider.locator("#stan-diagnozy").inner_text()
    _wyslij(lider, lider.get_by_role("button", name="Złóż diagnozę pogłębioną"), "Diagnoza pogłębiona złożona.")
    assert "stan: złożona do akceptacji" in _lead(lider)

    koordynator.goto(diagnoza_url, wait_until="domcontentloaded")
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zatwierdź diagnozę"),
            "Diagnoza pogłębiona zatwierdzona.")
    assert DiagnozaPoglebiona.objects.get(udzial=udzial).stan == "zatwierdzona"

    # --- 2. The HDR: only the first priority gap's goal covered → submitting is refused. -----------
    lider.goto(hdr_url, wait_until="domcontentloaded")
    _pole(lider, "Początek okresu HDR").fill("01.11.2022")
    _pole(lider, "Koniec okresu HDR").fill("30.06.2023")
    lider.get_by_label("Ryzyka i założenia").fill("Zmiana dyrektorów części szkół w trakcie roku.")
    _wyslij(lider, lider.get_by_role("button", name="Utwórz HDR"), "Utworzono HDR (wersja 1 w przygotowaniu).")
    wersja_1 = WersjaHdr.objects.get(hdr__udzial=udzial)
    assert (wersja_1.numer, wersja_1.okres_od, wersja_1.okres_do) == (
        1, datetime.date(2022, 11, 1), datetime.date(2023, 6, 30))

    czlonek.goto(hdr_url, wait_until="domcontentloaded")
    czlonek.get_by_role("link", name="Dodaj działanie", exact=True).click()
    _dzialanie(czlonek, D1, "15.11.2022", "10.02.2023", cele=[CEL_1], osoba=_osoba(udzial, "jst-a-czlonek"),
               narzedzia=["Ujednolicone procedury i informatyzacja zarządzania oświatą"])
    czlonek.get_by_role("link", name="Dodaj działanie „raport końcowy”").click()
    assert _pole(czlonek, "Nazwa działania").input_value() == RAPORT
    assert czlonek.get_by_label("To jest działanie „raport końcowy”").is_checked()
    _dzialanie(czlonek, "", "01.05.2023", "30.06.2023", spoza="Zespół JST — lider i dyrektorzy",
               pola={"Autor raportu": "Łucja Liderska"})

    lider.goto(hdr_url, wait_until="domcontentloaded")
    braki = lider.locator("#braki")
    assert f"Cel „{CEL_2}” nie ma działania w tej wersji HDR." in braki.inner_text()
    assert CEL_1 not in braki.inner_text()
    zloz = lider.get_by_role("button", name="Złóż HDR do akceptacji")
    assert zloz.is_disabled()  # the page says no; the server must say no too

    powiadomien, zmian, maili = Powiadomienie.objects.count(), ZmianaStanu.objects.count(), len(mail.outbox)
    token = lider.locator('form[action$="/hdr/zloz/"] input[name="csrfmiddlewaretoken"]').input_value()
    response = lider.request.post(f"{hdr_url}zloz/", form={"csrfmiddlewaretoken": token}, max_redirects=0)
    assert response.status == 302 and response.headers["location"].endswith(f"/udzialy/{udzial.pk}/hdr/#przeglad")
    wersja_1.refresh_from_db()
    assert wersja_1.stan == "robocza"
    assert (Powiadomienie.objects.count(), ZmianaStanu.objects.count(), len(mail.outbox)) == (
        powiadomien, zmian, maili)
    lider.reload(wait_until="domcontentloaded")
    odmowa = lider.locator(".messages").inner_text()
    assert "HDR nie jest jeszcze kompletny" in odmowa and CEL_2 in odmowa
    assert f"Cel „{CEL_2}” nie ma działania w tej wersji HDR." in lider.locator("#braki").inner_text()
    assert "Wersja 1: w przygotowaniu" in _lead(lider)

    # --- 3. The second goal covered: submitted. -------------------------------------------------
    czlonek.goto(hdr_url, wait_until="domcontentloaded")
    czlonek.get_by_role("link", name="Dodaj działanie", exact=True).click()
    _dzialanie(czlonek, D2, "01.12.2022", "31.05.2023", cele=[CEL_2], spoza="Jan Kowalski, dyrektor CUW",
               pola={"Kwota (zł)": "12 500,00", "Źródło finansowania": "budżet powiatu"})
    lider.goto(hdr_url, wait_until="domcontentloaded")
    assert lider.locator("#braki").count() == 0
    assert "Każda luka priorytetowa ma cel, każdy cel — działanie" in lider.locator("#powiazania").inner_text()
    _wyslij(lider, lider.get_by_role("button", name="Złóż HDR do akceptacji"), "HDR złożony do akceptacji.")
    assert "Wersja 1: złożona do akceptacji" in _lead(lider)
    wersja_1.refresh_from_db()
    assert wersja_1.stan == "zlozona"
    assert Powiadomienie.objects.count() > powiadomien

    # --- 4. Returned with a reason, submitted again, approved. -----------------------------------
    koordynator.goto(hdr_url, wait_until="domcontentloaded")
    koordynator.get_by_label("Powód zwrotu").fill("Doprecyzujcie źródło finansowania działań.")
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zwróć do poprawy"),
            "HDR zwrócony zespołowi do poprawy.")
    lider.goto(hdr_url, wait_until="domcontentloaded")
    assert "Wersja 1: zwrócona do poprawy" in _lead(lider)
    assert "Doprecyzujcie źródło finansowania działań." in lider.locator("#przeglad").inner_text()
    _wyslij(lider, lider.get_by_role("button", name="Złóż HDR do akceptacji"), "HDR złożony do akceptacji.")
    koordynator.goto(hdr_url, wait_until="domcontentloaded")
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zatwierdź HDR"), "HDR zatwierdzony.")
    assert "Wersja 1: zatwierdzona obowiązuje" in _lead(koordynator)
    wersja_1.refresh_from_db()
    udzial.refresh_from_db()
    assert (wersja_1.stan, udzial.etap) == ("zatwierdzona", "hdr_zatwierdzony")

    # --- 5. Version 2: a reason, a later end date, a new action; approved. ------------------------
    lider.goto(hdr_url, wait_until="domcontentloaded")
    lider.get_by_role("link", name="Zmień zatwierdzony HDR (wersja 2)").click()
    _pole(lider, "Powód zmiany HDR").fill("Nabór w szkołach przesunął się o półtora miesiąca.")
    _wyslij(lider, lider.get_by_role("button", name="Rozpocznij nową wersję"), "Rozpoczęto wersję 2 HDR.")
    assert "Obowiązuje wersja 1, dopóki nowa wersja nie zostanie zatwierdzona." in lider.locator("main").inner_text()
    lider.get_by_role("link", name=f"Edytuj — {D1}").click()
    assert _pole(lider, "Koniec").input_value() == "10.02.2023"
    _dzialanie(lider, "", "15.11.2022", "31.03.2023")
    lider.get_by_role("link", name="Dodaj działanie", exact=True).click()
    _dzialanie(lider, D3, "01.03.2023", "30.04.2023", cele=[CEL_1], osoba=_osoba(udzial, "jst-a-lider"))
    _wyslij(lider, lider.get_by_role("button", name="Złóż HDR do akceptacji"), "HDR złożony do akceptacji.")
    koordynator.goto(hdr_url, wait_until="domcontentloaded")
    _wyslij(koordynator, koordynator.get_by_role("button", name="Zatwierdź HDR"), "HDR zatwierdzony.")
    hdr = Hdr.objects.get(udzial=udzial)
    assert [(w.numer, w.stan) for w in hdr.wersje.order_by("numer")] == [(1, "zatwierdzona"), (2, "zatwierdzona")]
    assert Dzialanie.objects.get(wersja_hdr__numer=1, wersja_hdr__hdr=hdr, nazwa=D1).do == datetime.date(2023, 2, 10)

    # --- 6. Version 1 still shows the old plan; version 2 lists both changes. ---------------------
    koordynator.goto(f"{hdr_url}wersje/1/", wait_until="domcontentloaded")
    v1 = koordynator.locator("main").inner_text()
    assert "Ta wersja została zastąpiona przez zatwierdzoną wersję 2." in v1
    plan_v1 = koordynator.locator("#dzialania").inner_text()
    assert D1 in plan_v1 and "15.11.2022 – 10.02.2023" in plan_v1
    assert "31.03.2023" not in v1 and D3 not in v1
    assert "Działania (3)" in plan_v1

    zmiana_daty = f"Działanie „{D1}”: koniec 10.02.2023 → 31.03.2023"
    nowe_dzialanie = f"Dodano działanie „{D3}” (01.03.2023 – 30.04.2023)"
    koordynator.goto(f"{hdr_url}wersje/2/", wait_until="domcontentloaded")
    roznice = koordynator.locator("#zmiany").inner_text()
    assert "Zmiany względem wersji 1" in roznice
    assert zmiana_daty in roznice and nowe_dzialanie in roznice
    assert "15.11.2022 – 31.03.2023" in koordynator.locator("#dzialania").inner_text()

    lider.goto(hdr_url, wait_until="domcontentloaded")
    assert "Wersja 2: zatwierdzona obowiązuje" in _lead(lider)
    glowna = lider.locator("#zmiany").inner_text()
    assert zmiana_daty in glowna and nowe_dzialanie in glowna
    assert "Nabór w szkołach przesunął się o półtora miesiąca." in lider.locator("main").inner_text()
