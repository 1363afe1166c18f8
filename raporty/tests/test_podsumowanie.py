"""The JST summary PDF and the edition's ZIP of summaries (issue 9)."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from doradztwo.models import Zadanie
from doradztwo.zadania import aktualny_plik, zadanie_zlec
from raporty import podsumowanie
from raporty.zadania_podsumowania import PODSUMOWANIA_EDYCJI, PODSUMOWANIE_JST

pytestmark = pytest.mark.django_db

POLSKIE = "Zażółć gęślą jaźń — procedura naboru"
PRYWATNE = ("PRYWATNA-NOTATKA-WIZYTY", "PRYWATNY-KOMENTARZ-7", "PRYWATNA-NOTATKA-KATALOGU", "WLODARZ-NOTATKA-X")
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]
ARKUSZ = {"nazwa": "Arkusz testowy (podsumowanie)", "sekcje": [
    {"obszar": "budzet", "tytul": "Planowanie budżetowe",
     "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."},
                 {"kod": "b2", "tresc": "Co roku analizujemy wydatki na oświatę."}]},
    {"obszar": "rodzice", "tytul": "Współpraca z rodzicami",
     "pytania": [{"kod": "r1", "tresc": "Rodzice współdecydują o sprawach szkół."}]},
]}


@pytest.fixture(autouse=True)
def _dzis():
    """16.01.2023: JST A is mid-HDR (the timeline's today line and the hours up to January)."""
    with time_machine.travel(datetime.datetime(2023, 1, 16, 12, tzinfo=datetime.UTC), tick=False):
        yield


def tekst_pdf(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _tresc(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _hdr(world, *, dzialan=2, stan="zatwierdzona"):
    """JST A's HDR: version 1 with `dzialan` actions (the first with a Polish name) and their monitoring."""
    from doradztwo.models import Obszar
    from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr

    lider = world["personas"]["jst-a-lider"]
    hdr, _ = Hdr.objects.get_or_create(udzial=world["udzial_a"], defaults={"obszar": Obszar.objects.get(kod="budzet")})
    wersja, _ = WersjaHdr.objects.get_or_create(hdr=hdr, numer=1, defaults={
        "stan": stan, "okres_od": datetime.date(2022, 11, 1), "okres_do": datetime.date(2023, 6, 30),
        "zatwierdzona": timezone.now() if stan == "zatwierdzona" else None, "utworzyl": lider})
    istniejace = wersja.dzialania.count()
    for i in range(istniejace, dzialan):
        d = Dzialanie.objects.create(
            wersja_hdr=wersja, kolejnosc=i, nazwa=POLSKIE if i == 0 else f"Działanie {i}",
            od=datetime.date(2022, 11, 15), do=datetime.date(2023, 2, 10), wlasciciel_nazwa="Jan Kowalski",
            miernik="liczba szkół", wartosc_bazowa="0", wartosc_docelowa="5", zmienil=lider)
        MonitoringDzialania.objects.create(hdr=hdr, klucz=d.klucz, status="w_trakcie", postep=40)
    return hdr, wersja


@pytest.fixture
def dane_a(world):
    """JST A through the cycle: team (a member with a Polish name), sheet with answers, area, an
    indicator value, deep diagnosis, approved HDR, a visit, remote hours, an event attended — plus
    private notes and comments that must never reach the PDF."""
    from diagnoza import services as diagnoza_services
    from diagnoza.models import (
        Cel,
        DiagnozaPoglebiona,
        Luka,
        PytanieSzablonu,
        StanDocelowy,
        Ustalenie,
        WartoscWskaznika,
        Wskaznik,
        WyborObszaru,
    )
    from doradztwo.komentarze import komentarz_dodaj
    from doradztwo.models import EtapKalendarza, Obszar
    from jst.models import Obecnosc, Wizyta, WpisZdalny, Wydarzenie

    p = world["personas"]
    udzial = world["udzial_a"]
    lider = p["jst-a-lider"]
    uzytkownik = world["czlonek_a3"].uzytkownik
    uzytkownik.first_name, uzytkownik.last_name = "Zażółć", "Gęślą Jaźń"
    uzytkownik.save(update_fields=["first_name", "last_name"])
    EtapKalendarza.objects.create(edycja=world["edycja"], kod="arkusz", nazwa="Wypełnianie arkusza diagnostycznego",
                                  kolejnosc=1, data_od=datetime.date(2022, 10, 10), data_do=datetime.date(2022, 10, 31))

    wersja = diagnoza_services.szablon_utworz_z_danych(dane=ARKUSZ, skala=SKALA)
    diagnoza_services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=p["koordynator"])
    arkusz = diagnoza_services.arkusz_zaloz(udzial=udzial, actor=lider)
    for kod, wartosc in (("b1", 2), ("b2", 3), ("r1", 4)):
        pytanie = PytanieSzablonu.objects.get(sekcja__wersja=wersja, kod=kod)
        diagnoza_services.odpowiedz_zapisz(arkusz=arkusz, pytanie=pytanie, wartosc=wartosc, nie_wiem=False, wersja=0,
                                           actor=lider)
    WyborObszaru.objects.create(udzial=udzial, obszar=Obszar.objects.get(kod="budzet"), kto=lider,
                                uzasadnienie="Najniższa średnia w arkuszu; zespół zgodził się na spotkaniu.")
    wskaznik = Wskaznik.objects.create(kod="wydatki-test", nazwa="Wydatki bieżące na ucznia (test)", obszar_zasobow=4,
                                       wzor="wydatki / uczniowie", jednostka="zł", miejsca=2)
    WartoscWskaznika.objects.create(udzial=udzial, wskaznik=wskaznik, okres="2021/2022", rok=2021,
                                    wynik=Decimal("12345.6789"), autor=lider)
    diagnoza = DiagnozaPoglebiona.objects.create(udzial=udzial, stan="zatwierdzona")
    ustalenie = Ustalenie.objects.create(diagnoza=diagnoza, tresc="Dyrektorzy nie znają budżetu szkół.", zmienil=lider)
    stan = StanDocelowy.objects.create(diagnoza=diagnoza, tresc="Dyrektorzy współtworzą budżet.", zmienil=lider)
    luka = Luka.objects.create(diagnoza=diagnoza, tresc="Brak procedury konsultacji budżetu.", ustalenie=ustalenie,
                               stan_docelowy=stan, status="priorytet", ranga=1, zmienil=lider)
    Cel.objects.create(luka=luka, tresc="Procedura konsultacji budżetu z dyrektorami.", wskaznik="liczba konsultacji",
                       wartosc_bazowa="0", wartosc_docelowa="2", termin=datetime.date(2023, 5, 31), zmienil=lider)
    _hdr(world)

    ros1 = world["doradcy"]["ros1"]
    ros1.notatka = "PRYWATNA-NOTATKA-KATALOGU"
    ros1.save(update_fields=["notatka"])
    wizyta = Wizyta.objects.create(
        udzial=udzial, typ=Wizyta.Typ.SPOTKANIE_1, od=datetime.date(2022, 12, 5), do=datetime.date(2022, 12, 6),
        miejsce="Starostwo Powiatowe w Bolesławcu", rezultaty="Ustalono luki rozwojowe.",
        notatki_prywatne="PRYWATNA-NOTATKA-WIZYTY", notatki_wlodarz="WLODARZ-NOTATKA-X", autor=p["ros1"])
    wizyta.doradcy.set([ros1, world["doradcy"]["pro1"]])
    WpisZdalny.objects.create(doradca=ros1, udzial=udzial, data=datetime.date(2022, 11, 15),
                              poczatek=datetime.time(9, 0), minuty=90, forma="wideo", temat="Omówienie arkusza")
    wydarzenie = Wydarzenie.objects.create(edycja=world["edycja"], rodzaj="otwarcie", nazwa="Spotkanie otwierające",
                                           od=datetime.date(2022, 10, 20), do=datetime.date(2022, 10, 20))
    czlonek = udzial.zespol.get(uzytkownik=lider)
    Obecnosc.objects.create(wydarzenie=wydarzenie, czlonek=czlonek, dzien=wydarzenie.od, obecny=True, zaznaczyl=p["admin"])
    komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="hdr", tresc="PRYWATNY-KOMENTARZ-7", prywatny=True,
                    autor=p["ros1"])
    return udzial


def _zrob_pdf(client, url, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment"), \
        Zadanie.objects.order_by("-pk").first().komunikat
    return _tresc(response)


def test_the_summary_pdf_carries_polish_text_the_chart_area_the_timeline_months_and_no_private_notes(
        dane_a, client_as, django_capture_on_commit_callbacks):
    client = client_as("jst-a-czlonek")  # the team gets it too: nothing private is in it
    url = reverse("raporty:podsumowanie_pdf", kwargs={"pk": dane_a.pk})
    strona = client.get(url)
    assert strona.status_code == 200 and "Przygotuj PDF" in strona.content.decode()
    assert not Zadanie.objects.exists()  # a GET never creates work

    text = tekst_pdf(_zrob_pdf(client, url, django_capture_on_commit_callbacks))
    assert POLSKIE in text and "Zażółć Gęślą Jaźń" in text
    assert "Planowanie budżetowe" in text and "Najniższa średnia w arkuszu" in text
    compact = text.replace(" ", "")  # SVG labels come out without the space
    assert "lis2022" in compact and "lut2023" in compact
    assert "Wypełnianie arkusza diagnostycznego" in text and "Starostwo Powiatowe w Bolesławcu" in text
    assert "Spotkanie otwierające" in text
    assert "12345,68" in compact.replace("\xa0", "")  # Polish grouping and decimal comma
    assert "Brak procedury konsultacji budżetu." in text and "Procedura konsultacji budżetu z dyrektorami." in text
    assert "1,5 h" in text  # 90 minutes of ros1 against the norm
    assert "Raport końcowy nie został rozpoczęty." in text
    for prywatne in PRYWATNE:
        assert prywatne not in text


def test_the_sheet_chart_in_the_pdf_context_is_the_results_page_chart(dane_a):
    from diagnoza.views_wyniki import _kontekst_wynikow

    kontekst = podsumowanie.dane(dane_a)
    strona = _kontekst_wynikow(dane_a)["wykres"]
    assert kontekst["arkusz"]["wykres"].tabela == strona.tabela
    svg = str(kontekst["arkusz"]["wykres_svg"])
    assert svg.startswith("<svg") and "Planowanie budżetowe" in svg and "<details" not in svg


def test_the_final_report_prints_its_form_state_and_sections(dane_a, client_as, django_capture_on_commit_callbacks):
    from raporty.models import RaportKoncowy, SekcjaRaportu

    raport = RaportKoncowy.objects.create(udzial=dane_a, forma="dobra_praktyka", tytul="Budżet razem z dyrektorami")
    SekcjaRaportu.objects.create(raport=raport, klucz="problem", tresc="Dyrektorzy nie znali budżetu.")
    client = client_as("koordynator")
    text = tekst_pdf(_zrob_pdf(client, reverse("raporty:podsumowanie_pdf", kwargs={"pk": dane_a.pk}),
                               django_capture_on_commit_callbacks))
    assert "Budżet razem z dyrektorami" in text and "Dyrektorzy nie znali budżetu." in text
    assert "opis dobrej praktyki" in text and "Raport końcowy nie został rozpoczęty." not in text


def test_a_second_request_reuses_the_stored_file_for_anyone_entitled(dane_a, client_as,
                                                                     django_capture_on_commit_callbacks):
    url = reverse("raporty:podsumowanie_pdf", kwargs={"pk": dane_a.pk})
    pierwszy = _zrob_pdf(client_as("jst-a-lider"), url, django_capture_on_commit_callbacks)
    gotowe = Zadanie.objects.get()

    client = client_as("ros1")
    response = client.get(url)  # served straight from the stored file
    assert response["Content-Disposition"].startswith("attachment") and _tresc(response) == pierwszy
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)  # ros1's own job, reusing the file instead of rendering
    kopia = Zadanie.objects.exclude(pk=gotowe.pk).get()
    assert kopia.status == "gotowe" and kopia.plik.name == gotowe.plik.name
    assert Zadanie.objects.values("plik").distinct().count() == 1


def test_an_hdr_edit_makes_the_next_request_render_anew(world, dane_a, client_as,
                                                        django_capture_on_commit_callbacks):
    from hdr.models import WersjaHdr
    from hdr.services import dzialanie_zapisz

    WersjaHdr.objects.filter(hdr__udzial=dane_a).update(stan="robocza", zatwierdzona=None)
    url = reverse("raporty:podsumowanie_pdf", kwargs={"pk": dane_a.pk})
    client = client_as("jst-a-lider")
    przed = tekst_pdf(_zrob_pdf(client, url, django_capture_on_commit_callbacks))
    assert "15.11.2022 – 10.02.2023" in przed and "28.02.2023" not in przed

    wersja = WersjaHdr.objects.get(hdr__udzial=dane_a)
    d = wersja.dzialania.get(nazwa=POLSKIE)
    dzialanie_zapisz(wersja_hdr=wersja, dzialanie=d, wersja=d.wersja, actor=world["personas"]["jst-a-lider"], dane={
        "nazwa": d.nazwa, "wlasciciel_nazwa": d.wlasciciel_nazwa, "od": d.od, "do": datetime.date(2023, 2, 28)})
    assert aktualny_plik(PODSUMOWANIE_JST, {"udzial": dane_a.pk}) is None
    assert "Przygotuj PDF" in client.get(url).content.decode()  # no stale file served

    po = tekst_pdf(_zrob_pdf(client, url, django_capture_on_commit_callbacks))
    assert "15.11.2022 – 28.02.2023" in po
    assert Zadanie.objects.filter(status="gotowe").values("plik").distinct().count() == 2


def test_a_requester_who_left_the_team_before_the_worker_ran_gets_no_file(world, client_as,
                                                                         django_capture_on_commit_callbacks):
    from jst.services import zespol_usun_czlonka

    udzial = world["udzial_a"]
    czlonek = world["personas"]["jst-a-czlonek"]
    with django_capture_on_commit_callbacks(execute=True):
        job = zadanie_zlec(rodzaj=PODSUMOWANIE_JST, parametry={"udzial": udzial.pk}, actor=czlonek)
        zespol_usun_czlonka(czlonek=udzial.zespol.get(uzytkownik=czlonek), actor=world["personas"]["koordynator"])
    job.refresh_from_db()
    assert job.status == "brak_dostepu" and not job.plik


def test_a_former_adviser_may_not_download_the_summary(world, client_as):
    from jst.models import PrzydzialDoradcy

    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], rola="ROS").update(do=datetime.date(2022, 12, 31))
    client = client_as("ros1")
    url = reverse("raporty:podsumowanie_pdf", kwargs={"pk": world["udzial_a"].pk})
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403 and not Zadanie.objects.exists()


def test_the_edition_zip_has_one_pdf_per_participation_with_ascii_names_and_progress_per_jst(
        world, dane_a, client_as, django_capture_on_commit_callbacks):
    client = client_as("koordynator")
    url = reverse("raporty:podsumowania_zip", kwargs={"pk": world["edycja"].pk})
    assert "Przygotuj ZIP" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    job = Zadanie.objects.get(rodzaj=PODSUMOWANIA_EDYCJI)
    assert job.status == "gotowe", job.komunikat
    assert job.nazwa_pliku == "podsumowania-doradztwo-dla-jst-20222023.zip"
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    archiwum = zipfile.ZipFile(io.BytesIO(_tresc(response)))
    assert archiwum.namelist() == ["2609022-gmina-dwikozy.pdf", "0201-powiat-boleslawiecki.pdf"]
    assert all(archiwum.read(n).startswith(b"%PDF") for n in archiwum.namelist())
    assert POLSKIE in tekst_pdf(archiwum.read("0201-powiat-boleslawiecki.pdf"))
    assert "Gmina Dwikozy" in tekst_pdf(archiwum.read("2609022-gmina-dwikozy.pdf"))


def test_the_zip_job_reports_its_progress_per_jst(world, monkeypatch):
    from raporty import zadania_podsumowania

    monkeypatch.setattr(zadania_podsumowania, "render", lambda udzial: b"%PDF-test")
    job = Zadanie(rodzaj=PODSUMOWANIA_EDYCJI, parametry={"edycja": world["edycja"].pk})
    komunikaty = []
    zadania_podsumowania._wykonaj_edycji(job, lambda procent, komunikat="": komunikaty.append((procent, komunikat)))
    assert [k for _p, k in komunikaty if k] == ["JST 1 z 2: Gmina Dwikozy", "JST 2 z 2: Powiat bolesławiecki"]
    assert [p for p, _k in komunikaty] == sorted(p for p, _k in komunikaty)


def test_the_zip_takes_a_participations_current_stored_pdf_instead_of_rendering_it(
        world, client_as, django_capture_on_commit_callbacks, monkeypatch):
    from raporty import zadania_podsumowania

    with django_capture_on_commit_callbacks(execute=True):
        zadanie_zlec(rodzaj=PODSUMOWANIE_JST, parametry={"udzial": world["udzial_a"].pk},
                     actor=world["personas"]["koordynator"])
    zapisany = Zadanie.objects.get().plik.read()
    wyrenderowane = []
    monkeypatch.setattr(zadania_podsumowania, "render", lambda u: wyrenderowane.append(u.pk) or b"%PDF-nowy")
    with django_capture_on_commit_callbacks(execute=True):
        job = zadanie_zlec(rodzaj=PODSUMOWANIA_EDYCJI, parametry={"edycja": world["edycja"].pk},
                           actor=world["personas"]["koordynator"])
    job.refresh_from_db()
    archiwum = zipfile.ZipFile(io.BytesIO(job.plik.read()))
    assert archiwum.read("0201-powiat-boleslawiecki.pdf") == zapisany
    assert wyrenderowane == [world["udzial_b"].pk]


def test_the_zip_is_refused_to_a_coordinator_of_another_edition_in_the_worker_too(world):
    from doradztwo.zadania import REJESTR

    parametry = {"edycja": world["edycja"].pk}
    assert REJESTR[PODSUMOWANIA_EDYCJI].ma_dostep(world["personas"]["koordynator"], parametry)
    assert not REJESTR[PODSUMOWANIA_EDYCJI].ma_dostep(world["personas"]["koordynator2"], parametry)
    assert not REJESTR[PODSUMOWANIA_EDYCJI].ma_dostep(world["personas"]["ros1"], parametry)


def test_file_names_are_ascii_with_the_teryt_code():
    from jst.models import JST, Udzial

    udzial = Udzial(jst=JST(teryt="1061011", nazwa="Łódź", rodzaj=JST.Rodzaj.MIASTO_NA_PRAWACH_POWIATU))
    assert podsumowanie.nazwa_pliku(udzial) == "1061011-miasto-lodz.pdf"
    udzial = Udzial(jst=JST(teryt="2609022", nazwa="Żółkiewka-Świętoszów", rodzaj=JST.Rodzaj.GMINA_WIEJSKA))
    assert podsumowanie.nazwa_pliku(udzial) == "2609022-gmina-zolkiewka-swietoszow.pdf"


def test_collecting_the_summary_takes_the_same_number_of_queries_for_2_and_6_hdr_actions(
        world, dane_a, django_assert_num_queries):
    from jst.models import Udzial

    def zbierz():
        udzial = Udzial.objects.select_related("jst", "edycja").get(pk=dane_a.pk)
        return podsumowanie.dane(udzial)

    with CaptureQueriesContext(connection) as ctx:
        assert len(zbierz()["hdr"]["dzialania"]) == 2
    _hdr(world, dzialan=6)
    with django_assert_num_queries(len(ctx.captured_queries)):
        assert len(zbierz()["hdr"]["dzialania"]) == 6


def test_the_digest_takes_the_same_number_of_queries_for_one_participation_and_a_whole_edition(
        world, dane_a, django_assert_num_queries):
    with CaptureQueriesContext(connection) as ctx:
        podsumowanie.znaczniki([world["udzial_a"].pk])
    with django_assert_num_queries(len(ctx.captured_queries)):
        wynik = podsumowanie.znaczniki([world["udzial_a"].pk, world["udzial_b"].pk, world["udzial_c"].pk])
    assert set(wynik) == {world["udzial_a"].pk, world["udzial_b"].pk, world["udzial_c"].pk}

