"""The HDR plan through its pages: creating it after the deep diagnosis, actions (rules, Polish formats,
messages next to fields, stale saves), traceability (what is uncovered), the review (a refused submit
changes nothing and notifies nobody; the coordinator returns and approves), overdue actions, and
fixed query counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza.models import Cel, DiagnozaPoglebiona, Luka
from doradztwo.models import Powiadomienie, ZmianaStanu
from hdr import services
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr
from hdr.tests.permissions import diagnoza, pierwsze_dzialanie, plan

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _url(name, world, **kwargs):
    return reverse(f"hdr:{name}", kwargs={"pk": world["udzial_a"].pk, **kwargs})


def _dzialanie(**extra):
    data = {"nazwa": "Ujednolicenie procedur naboru", "opis": "1. Przegląd procedur\n2. Projekt zarządzenia",
            "od": "15.11.2022", "do": "10.02.2023", "wlasciciel_nazwa": "Jan Kowalski, dyrektor CUW",
            "kwota": "12 500,50", "zrodlo_finansowania": "budżet powiatu", "miernik": "liczba procedur",
            "wartosc_bazowa": "0", "wartosc_docelowa": "3", "sposob_monitorowania": "raz w miesiącu, lider"}
    data.update(extra)
    return data


def test_the_team_creates_the_hdr_only_after_the_deep_diagnosis_is_submitted(world, client_as):
    diagnoza(world, stan="robocza")
    page = client_as("jst-a-czlonek").get(_url("hdr", world)).content.decode()
    assert "po złożeniu diagnozy pogłębionej" in page and "Utwórz HDR" not in page
    response = client_as("jst-a-czlonek").post(_url("zaloz", world), {"okres_od": "01.11.2022",
                                                                      "okres_do": "30.06.2023"})
    assert response.status_code == 400
    assert "po złożeniu diagnozy pogłębionej" in response.content.decode()
    assert not Hdr.objects.exists()

    DiagnozaPoglebiona.objects.filter(udzial=world["udzial_a"]).update(stan="zlozona")
    assert "Utwórz HDR" in client_as("jst-a-czlonek").get(_url("hdr", world)).content.decode()
    response = client_as("jst-a-czlonek").post(_url("zaloz", world), {"okres_od": "01.11.2022",
                                                                      "okres_do": "30.06.2023",
                                                                      "ryzyka": "Zmiana dyrektorów."})
    assert response.status_code == 302
    hdr = Hdr.objects.get(udzial=world["udzial_a"])
    assert hdr.obszar.kod == "zarzadzanie"  # the area chosen after the sheet
    wersja = hdr.wersje.get()
    assert (wersja.numer, wersja.stan, wersja.okres_od, wersja.okres_do) == (
        1, "robocza", datetime.date(2022, 11, 1), datetime.date(2023, 6, 30))
    page = client_as("ros1").get(_url("hdr", world)).content.decode()
    assert "01.11.2022 – 30.06.2023" in page and "Zmiana dyrektorów." in page


def test_a_period_that_ends_before_it_starts_is_explained_and_kept(world, client_as):
    diagnoza(world)
    response = client_as("jst-a-lider").post(_url("zaloz", world), {"okres_od": "01.11.2022",
                                                                    "okres_do": "31.10.2022"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Koniec okresu HDR nie może być wcześniejszy niż jego początek." in page
    assert 'value="31.10.2022"' in page and not Hdr.objects.exists()


def test_the_team_adds_edits_and_deletes_actions_in_polish_formats(world, client_as):
    cele = diagnoza(world, celow_na_luke=(2,))
    plan(world, dzialan=0, raport=False)
    response = client_as("jst-a-czlonek").post(_url("dzialanie_nowe", world), _dzialanie(
        cele=[cele[0].pk, cele[1].pk],
        narzedzia_zarzadcze=["Ujednolicone procedury i informatyzacja zarządzania oświatą"],
        narzedzia_rozwoju=["Mapowanie procesów"],
        narzedzia_inne="Dziennik elektroniczny"))
    assert response.status_code == 302, response.content.decode()
    d = Dzialanie.objects.get()
    assert (d.od, d.do, d.kwota) == (datetime.date(2022, 11, 15), datetime.date(2023, 2, 10), Decimal("12500.50"))
    assert d.narzedzia == ["Ujednolicone procedury i informatyzacja zarządzania oświatą", "Mapowanie procesów"]
    assert set(d.cele.all()) == set(cele)
    page = client_as("pro1").get(_url("hdr", world)).content.decode()
    assert "15.11.2022 – 10.02.2023" in page and f"12{NBSP}500,50 zł" in page
    assert "Mapowanie procesów" in page and "Dziennik elektroniczny" in page

    form = client_as("jst-a-lider").get(_url("dzialanie", world, klucz=d.klucz)).content.decode()
    assert 'value="15.11.2022"' in form and f'value="12{NBSP}500,50"' in form
    response = client_as("jst-a-lider").post(_url("dzialanie", world, klucz=d.klucz), _dzialanie(
        do="31.03.2023", cele=[cele[0].pk], wersja=d.wersja, kwota="", zrodlo_finansowania=""))
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.do == datetime.date(2023, 3, 31) and d.kwota is None and list(d.cele.all()) == [cele[0]]

    assert client_as("jst-a-lider").post(_url("dzialanie_usun", world, klucz=d.klucz)).status_code == 302
    assert not Dzialanie.objects.exists()


def test_the_owner_can_be_a_team_member_but_not_someone_from_another_jst(world, client_as):
    plan(world, dzialan=0, raport=False)
    czlonek_a = world["udzial_a"].zespol.get(uzytkownik=world["personas"]["jst-a-czlonek"])
    czlonek_b = world["udzial_b"].zespol.get(uzytkownik=world["personas"]["jst-b-czlonek"])
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world),
                                             _dzialanie(wlasciciel=czlonek_b.pk, wlasciciel_nazwa=""))
    assert response.status_code == 400 and "Wybierz aktywnego członka zespołu." in response.content.decode()
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world),
                                             _dzialanie(wlasciciel=czlonek_a.pk, wlasciciel_nazwa=""))
    assert response.status_code == 302
    assert Dzialanie.objects.get().wlasciciel == czlonek_a


@pytest.mark.parametrize(("zmiany", "komunikat"), [
    ({"nazwa": ""}, "Podaj nazwę działania."),
    ({"wlasciciel_nazwa": ""}, "Wskaż osobę odpowiedzialną: członka zespołu albo osobę spoza zespołu."),
    ({"od": "31.02.2023"}, "Podaj datę w formacie dd.mm.rrrr."),
    ({"od": "01.03.2023", "do": "01.02.2023"}, "Koniec nie może być wcześniejszy niż początek."),
    ({"do": "31.07.2023"}, "Koniec musi mieścić się w okresie HDR (01.11.2022 – 30.06.2023)."),
    ({"od": "01.10.2022"}, "Początek musi mieścić się w okresie HDR (01.11.2022 – 30.06.2023)."),
    ({"kwota": "dwa tysiące"}, "Wpisz kwotę w złotych, np. 12 500,00."),
    ({"kwota": "12,345"}, "Kwota może mieć najwyżej 2 miejsca po przecinku."),
    ({"kwota": "-5"}, "Kwota nie może być ujemna."),
    ({"zrodlo_finansowania": ""}, "Podaj źródło finansowania kwoty."),
    ({"raport_koncowy": "on"}, "Wybierz formę raportu końcowego."),
    ({"raport_koncowy": "on", "forma_raportu": "studium_refleksji"}, "Podaj autora raportu końcowego."),
    ({"narzedzia_zarzadcze": ["Coś spoza katalogu"]}, "Wybierz narzędzia z katalogu obszaru."),
])
def test_bad_input_gets_a_polish_message_next_to_the_field_and_keeps_what_was_typed(world, client_as, zmiany,
                                                                                    komunikat):
    plan(world, dzialan=0, raport=False)
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world), _dzialanie(**zmiany))
    page = response.content.decode()
    assert response.status_code == 400
    assert komunikat in page
    assert "invalid-feedback" in page  # next to the field, not only above the form
    if zmiany.get("nazwa", None) != "":
        assert 'value="Ujednolicenie procedur naboru"' in page
    assert "1. Przegląd procedur" in page
    assert not Dzialanie.objects.exists()


def test_a_second_final_report_action_is_refused(world, client_as):
    plan(world, dzialan=1)
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world), _dzialanie(
        raport_koncowy="on", forma_raportu="minireportaz", autor_raportu="Anna Nowak"))
    assert response.status_code == 400
    assert "Ta wersja HDR ma już działanie raportu końcowego: „Raport końcowy”." in response.content.decode()
    assert Dzialanie.objects.filter(raport_koncowy=True).count() == 1


def test_goals_of_another_jst_or_of_a_postponed_gap_cannot_be_chosen(world, client_as, personas):
    plan(world, dzialan=0, raport=False)
    cel_b = diagnoza(world, "udzial_b")[0]
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world), _dzialanie(cele=[cel_b.pk]))
    assert response.status_code == 400
    assert "Wybierz cele spośród celów luk priorytetowych." in response.content.decode()
    odlozona = Luka.objects.get(diagnoza__udzial=world["udzial_a"], status="odlozona")
    cel_odlozonej = Cel.objects.create(luka=odlozona, tresc="Cel odłożonej", wskaznik="x", wartosc_bazowa="0",
                                       wartosc_docelowa="1", termin=datetime.date(2023, 5, 1),
                                       zmienil=personas["jst-a-lider"])
    response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world), _dzialanie(cele=[cel_odlozonej.pk]))
    assert response.status_code == 400 and not Dzialanie.objects.exists()


def test_a_stale_save_is_a_409_that_shows_both_values_and_saves_nothing(world, client_as):
    _hdr, wersja = plan(world, dzialan=1)
    d = pierwsze_dzialanie(wersja)
    otwarta = d.wersja
    assert client_as("jst-a-czlonek").post(_url("dzialanie", world, klucz=d.klucz), _dzialanie(
        do="28.02.2023", wersja=otwarta)).status_code == 302
    response = client_as("jst-a-lider").post(_url("dzialanie", world, klucz=d.klucz), _dzialanie(
        do="31.03.2023", wersja=otwarta))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Nic nie zostało zapisane" in page
    assert "28.02.2023" in page and "31.03.2023" in page  # saved now and typed, side by side
    d.refresh_from_db()
    assert d.do == datetime.date(2023, 2, 28) and d.wersja == otwarta + 1
    assert f'name="wersja" value="{otwarta + 1}"' in page  # saving again keeps the user's version


def test_a_stale_period_save_is_a_409(world, client_as):
    _hdr, wersja = plan(world)
    dane = {"okres_od": "01.11.2022", "okres_do": "30.06.2023", "ryzyka": "A", "wersja": wersja.wersja}
    assert client_as("jst-a-czlonek").post(_url("okres", world), dane).status_code == 302
    response = client_as("jst-a-lider").post(_url("okres", world), {**dane, "ryzyka": "B"})
    assert response.status_code == 409
    wersja.refresh_from_db()
    assert wersja.ryzyka == "A"


def test_the_period_cannot_shrink_below_the_actions(world, client_as):
    _hdr, wersja = plan(world, dzialan=1)
    response = client_as("jst-a-lider").post(_url("okres", world), {
        "okres_od": "01.12.2022", "okres_do": "30.06.2023", "wersja": wersja.wersja})
    assert response.status_code == 400
    assert "Poza nowym okresem zostałyby działania: „Działanie 1” (15.11.2022 – 10.02.2023)" in \
        response.content.decode()


def test_the_page_lists_gaps_without_goals_goals_without_actions_and_the_missing_final_report(world, client_as):
    cele = diagnoza(world, celow_na_luke=(2, 0))
    plan(world, dzialan=1, raport=False)  # serves cele[0] only
    page = client_as("koordynator").get(_url("hdr", world)).content.decode()
    assert "Luka priorytetowa „Luka 2” nie ma celu." in page
    assert f"Cel „{cele[1]}” nie ma działania w tej wersji HDR." in page
    assert f"Cel „{cele[0]}” nie ma działania" not in page
    assert "Brakuje działania „raport końcowy”" in page
    assert "Luka odłożona" not in page  # postponed gaps are not part of the plan
    team = client_as("jst-a-lider").get(_url("hdr", world)).content.decode()
    assert "Dodaj działanie „raport końcowy”" in team
    assert 'disabled aria-describedby="zloz-braki"' in team


def test_a_direct_post_to_submit_an_uncovered_hdr_changes_nothing_and_notifies_nobody(world, client_as):
    diagnoza(world, celow_na_luke=(2,))
    _hdr, wersja = plan(world, dzialan=1)  # the second goal has no action
    before = (Powiadomienie.objects.count(), ZmianaStanu.objects.count(), wersja.wersja)
    response = client_as("jst-a-lider").post(_url("zloz", world), follow=True)
    assert "HDR nie jest jeszcze kompletny" in response.content.decode()
    wersja.refresh_from_db()
    assert wersja.stan == "robocza"
    assert (Powiadomienie.objects.count(), ZmianaStanu.objects.count(), wersja.wersja) == before
    assert mail.outbox == []


def test_the_leader_submits_the_coordinator_returns_and_then_approves(world, client_as,
                                                                      django_capture_on_commit_callbacks):
    from jst.models import Udzial

    Udzial.objects.filter(pk=world["udzial_a"].pk).update(etap="spotkanie_2")
    _hdr, wersja = plan(world, dzialan=1)
    assert client_as("jst-a-czlonek").post(_url("zloz", world)).status_code == 403  # only the leader submits
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as("jst-a-lider").post(_url("zloz", world)).status_code == 302
    wersja.refresh_from_db()
    assert wersja.stan == "zlozona"
    notified = set(Powiadomienie.objects.values_list("odbiorca__username", flat=True))
    assert {"koordynator", "ros1", "pro1"} <= notified and "jst-a-czlonek" not in notified
    # Submitted: the team cannot change the plan any more.
    d = pierwsze_dzialanie(wersja)
    response = client_as("jst-a-lider").post(_url("dzialanie", world, klucz=d.klucz),
                                             _dzialanie(do="31.03.2023", wersja=d.wersja), follow=True)
    assert "nie można jej teraz zmieniać" in response.content.decode()
    d.refresh_from_db()
    assert d.do == datetime.date(2023, 2, 10)
    # Advisers read and comment; they do not review.
    assert "Zatwierdź HDR" not in client_as("ros1").get(_url("hdr", world)).content.decode()
    assert client_as("ros1").post(_url("zatwierdz", world)).status_code == 403
    review = client_as("koordynator").get(_url("hdr", world)).content.decode()
    assert "Zatwierdź HDR" in review and "Zwróć do poprawy" in review

    response = client_as("koordynator").post(_url("zwroc", world), {"powod": ""}, follow=True)
    assert "Podaj powód." in response.content.decode()
    client_as("koordynator").post(_url("zwroc", world), {"powod": "Uzupełnijcie mierniki."})
    wersja.refresh_from_db()
    assert wersja.stan == "zwrocona"
    assert Powiadomienie.objects.filter(odbiorca__username="jst-a-czlonek", tresc__contains="Uzupełnijcie").exists()
    assert client_as("jst-a-lider").post(_url("zloz", world)).status_code == 302
    client_as("koordynator").post(_url("zatwierdz", world))
    wersja.refresh_from_db()
    assert wersja.stan == "zatwierdzona" and wersja.zatwierdzona is not None
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "hdr_zatwierdzony"
    page = client_as("jst-a-czlonek").get(_url("hdr", world)).content.decode()
    assert "obowiązuje" in page and "zwrot do poprawy" in page and "Uzupełnijcie mierniki." in page


def test_the_coordinator_cannot_approve_an_uncovered_hdr_either(world, client_as):
    _hdr, wersja = plan(world, dzialan=1, raport=False, stan="zlozona")
    response = client_as("koordynator").post(_url("zatwierdz", world), follow=True)
    assert "Brakuje działania „raport końcowy”" in response.content.decode()
    wersja.refresh_from_db()
    assert wersja.stan == "zlozona"


def test_overdue_is_computed_from_the_end_and_the_monitored_status():
    d = Dzialanie(do=datetime.date(2023, 2, 10))
    assert services.opoznione(d, "planowane", datetime.date(2023, 2, 11))
    assert services.opoznione(d, "w_trakcie", datetime.date(2023, 2, 11))
    assert not services.opoznione(d, "w_trakcie", datetime.date(2023, 2, 10))
    assert not services.opoznione(d, "zrealizowane", datetime.date(2024, 1, 1))
    assert not services.opoznione(d, "anulowane", datetime.date(2024, 1, 1))


@time_machine.travel(datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_page_marks_overdue_actions_unless_done(world, client_as):
    hdr, wersja = plan(world, dzialan=2, stan="zatwierdzona")
    pierwsze, drugie = wersja.dzialania.filter(raport_koncowy=False).order_by("kolejnosc")
    MonitoringDzialania.objects.create(hdr=hdr, klucz=drugie.klucz, status="zrealizowane", postep=100)
    page = client_as("ros1").get(_url("hdr", world)).content.decode()
    first = page[page.index(f'id="dzialanie-{pierwsze.klucz}"'):page.index(f'id="dzialanie-{drugie.klucz}"')]
    second = page[page.index(f'id="dzialanie-{drugie.klucz}"'):]
    second = second[:second.index("</li>")]
    assert "opóźnione" in first and "planowane" in first
    assert "opóźnione" not in second and "zrealizowane" in second


def test_advisers_see_the_hdr_comment_threads_on_the_page(world, client_as):
    from doradztwo.komentarze import komentarz_dodaj

    plan(world)
    komentarz_dodaj(obiekt=world["udzial_a"], udzial=world["udzial_a"], sekcja="hdr",
                    tresc="Czy raport końcowy nie powinien być studium refleksji?",
                    autor=world["personas"]["ros1"])
    page = client_as("jst-a-czlonek").get(_url("hdr", world)).content.decode()
    assert "Czy raport końcowy nie powinien być studium refleksji?" in page
    assert 'id="komentarze-hdr"' in client_as("pro1").get(_url("hdr", world)).content.decode()


def _measure(client, url):
    client.get(url)  # warm-up: session and caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_actions(wersja, n, lider):
    cel = Cel.objects.filter(luka__diagnoza__udzial=wersja.hdr.udzial).first()
    czlonek = wersja.hdr.udzial.zespol.get(uzytkownik=lider)  # owners from the team: no query per action
    rows = Dzialanie.objects.bulk_create([
        Dzialanie(wersja_hdr=wersja, kolejnosc=100 + i, nazwa=f"Dodatkowe {i}", od=datetime.date(2022, 12, 1),
                  do=datetime.date(2023, 1, 31), wlasciciel=czlonek, kwota=Decimal("100.00"),
                  narzedzia=["Mapowanie procesów"], zmienil=lider) for i in range(n)])
    Dzialanie.cele.through.objects.bulk_create([Dzialanie.cele.through(dzialanie_id=d.pk, cel_id=cel.pk)
                                                for d in rows])


@pytest.mark.parametrize("persona", ["jst-a-lider", "koordynator"])
def test_the_hdr_page_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries, persona):
    _hdr, wersja = plan(world, dzialan=10)
    client = client_as(persona)
    url = _url("hdr", world)
    at_10 = _measure(client, url)
    _more_actions(wersja, 90, world["personas"]["jst-a-lider"])
    with django_assert_num_queries(at_10):
        client.get(url)


def test_the_version_page_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    from hdr.services import wersja_nowa

    hdr, wersja = plan(world, dzialan=10, stan="zatwierdzona")
    wersja_nowa(hdr=hdr, powod="Test", actor=world["personas"]["jst-a-lider"])
    client = client_as("pro1")
    url = _url("wersja", world, numer=2)
    at_10 = _measure(client, url)
    _more_actions(WersjaHdr.objects.get(hdr=hdr, numer=2), 90, world["personas"]["jst-a-lider"])
    _more_actions(wersja, 90, world["personas"]["jst-a-lider"])
    with django_assert_num_queries(at_10):
        client.get(url)
