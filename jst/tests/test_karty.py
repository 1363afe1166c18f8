"""Monthly timesheets (issue 8): the page, the review (submit, return with a reason, approve, reopen),
the lock an approved month puts on remote entries, bulk approval, the fixed query count and the PDF."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.models import Powiadomienie, WpisAudytu, Zadanie
from jst import karty
from jst.models import KartaCzasuPracy, PrzydzialDoradcy, Wizyta, WpisZdalny
from jst.tests.factories import DoradcaFactory, PrzydzialDoradcyFactory, UdzialFactory

pytestmark = pytest.mark.django_db

LISTOPAD = datetime.date(2022, 11, 1)
DZIS = datetime.datetime(2023, 1, 20, 12, tzinfo=datetime.UTC)


def _wpis(world, data, minuty=60, poczatek=datetime.time(9, 0), doradca="ros1", udzial="udzial_a", temat="Arkusz"):
    return WpisZdalny.objects.create(doradca=world["doradcy"][doradca], udzial=world[udzial], data=data,
                                     poczatek=poczatek, minuty=minuty, forma=WpisZdalny.Forma.WIDEO, temat=temat)


def _wizyta(world, od, do, doradcy=("ros1", "pro1"), udzial="udzial_a"):
    wizyta = Wizyta.objects.create(udzial=world[udzial], typ=Wizyta.Typ.SPOTKANIE_1, od=od, do=do,
                                   miejsce="Starostwo Powiatowe w Bolesławcu", autor=world["personas"]["ros1"])
    wizyta.doradcy.set([world["doradcy"][d] for d in doradcy])
    return wizyta


def _url_karty(world, doradca="ros1", miesiac=LISTOPAD, name="jst:karta"):
    return reverse(name, kwargs={"pk": world["edycja"].pk, "doradca_pk": world["doradcy"][doradca].pk,
                                 "miesiac": miesiac})


def _url_mojej(world, miesiac=LISTOPAD, name="jst:moja_karta"):
    return reverse(name, kwargs={"edycja_pk": world["edycja"].pk, "miesiac": miesiac})


def _karta(world, doradca="ros1", miesiac=LISTOPAD):
    return KartaCzasuPracy.objects.filter(doradca=world["doradcy"][doradca], edycja=world["edycja"],
                                          miesiac=miesiac).first()


def test_the_card_lists_the_months_entries_and_visit_days_with_totals(world, client_as):
    _wpis(world, datetime.date(2022, 11, 3), minuty=90, temat="Omówienie wyników arkusza")
    _wpis(world, datetime.date(2022, 11, 28), minuty=60, poczatek=datetime.time(14, 0), temat="Wskaźniki")
    _wpis(world, datetime.date(2022, 12, 1), temat="Grudniowy wpis")  # another month
    _wpis(world, datetime.date(2022, 11, 3), doradca="pro1", temat="Wpis innego doradcy")
    _wizyta(world, datetime.date(2022, 11, 29), datetime.date(2022, 12, 1))  # 2 of its 3 days in November
    _wizyta(world, datetime.date(2022, 11, 10), datetime.date(2022, 11, 10), doradcy=("pro1",))

    page = client_as("ros1").get(_url_mojej(world)).content.decode()

    assert "Omówienie wyników arkusza" in page and "Wskaźniki" in page
    assert "Grudniowy wpis" not in page and "Wpis innego doradcy" not in page
    assert "2,5 h" in page
    assert "2 dni" in page
    assert "29.11.2022 – 30.11.2022" in page
    assert "w przygotowaniu" in page


def test_visit_days_count_each_day_once_even_when_visits_overlap(world):
    _wizyta(world, datetime.date(2022, 11, 7), datetime.date(2022, 11, 8))
    _wizyta(world, datetime.date(2022, 11, 8), datetime.date(2022, 11, 8), udzial="udzial_b")
    karta = karty.karta_miesiaca(world["doradcy"]["ros1"], world["edycja"], LISTOPAD)
    assert karta.dni_wizyt == 2
    wiersze = {w.doradca.pk: w for w in karty.karty_edycji(world["edycja"], LISTOPAD)}
    assert wiersze[world["doradcy"]["ros1"].pk].dni_wizyt == 2


@time_machine.travel(DZIS, tick=False)
def test_submit_return_with_reason_resubmit_and_approve(world, client_as):
    ros1 = client_as("ros1")
    assert ros1.post(_url_mojej(world, name="jst:karta_zloz"), {"wersja": 0}).status_code == 302
    assert _karta(world).stan == "zlozona"
    assert Powiadomienie.objects.filter(odbiorca=world["personas"]["koordynator"],
                                        rodzaj="przeglad.zloz").exists()

    koord = client_as("koordynator")
    decyzja = _url_karty(world, name="jst:karta_decyzja")
    response = koord.post(decyzja, {"akcja": "zwroc", "powod": "  ", "wersja": _karta(world).wersja})
    assert response.status_code == 400
    assert "Podaj powód" in response.content.decode()
    assert _karta(world).stan == "zlozona"

    response = koord.post(decyzja, {"akcja": "zwroc", "powod": "Brak wpisu z 20.11.", "wersja": _karta(world).wersja})
    assert response.status_code == 302
    assert _karta(world).stan == "zwrocona"
    zwrot = Powiadomienie.objects.get(odbiorca=world["personas"]["ros1"], rodzaj="przeglad.zwroc")
    assert "Brak wpisu z 20.11." in zwrot.tresc
    assert "Brak wpisu z 20.11." in client_as("ros1").get(_url_mojej(world)).content.decode()

    ros1 = client_as("ros1")
    assert ros1.post(_url_mojej(world, name="jst:karta_zloz"), {"wersja": _karta(world).wersja}).status_code == 302
    koord = client_as("koordynator")
    assert koord.post(decyzja, {"akcja": "zatwierdz", "wersja": _karta(world).wersja}).status_code == 302
    assert _karta(world).stan == "zatwierdzona"
    assert "zatwierdzona" in koord.get(_url_karty(world)).content.decode()
    assert list(WpisAudytu.objects.filter(akcja__startswith="karta_czasu_pracy.").order_by("pk")
                .values_list("akcja", flat=True)) == [
        "karta_czasu_pracy.zloz", "karta_czasu_pracy.zwroc", "karta_czasu_pracy.zloz", "karta_czasu_pracy.zatwierdz"]


@time_machine.travel(DZIS, tick=False)
def test_reopening_an_approved_month_needs_a_reason(world):
    k = karty.karta_decyzja(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=LISTOPAD,
                            akcja="zatwierdz", actor=world["personas"]["koordynator"])
    with pytest.raises(ValidationError):
        karty.karta_decyzja(doradca=k.doradca, edycja=k.edycja, miesiac=LISTOPAD, akcja="otworz",
                            actor=world["personas"]["koordynator"])
    assert _karta(world).stan == "zatwierdzona"
    karty.karta_decyzja(doradca=k.doradca, edycja=k.edycja, miesiac=LISTOPAD, akcja="otworz", powod="Korekta",
                        actor=world["personas"]["koordynator"])
    assert _karta(world).stan == "robocza"


@time_machine.travel(DZIS, tick=False)
def test_a_stale_decision_saves_nothing_and_answers_409(world, client_as):
    karty.karta_zloz(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=LISTOPAD,
                     actor=world["personas"]["ros1"])
    stara = _karta(world).wersja
    karty.karta_decyzja(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=LISTOPAD,
                        akcja="zwroc", powod="Popraw", actor=world["personas"]["admin"])
    response = client_as("koordynator").post(_url_karty(world, name="jst:karta_decyzja"),
                                             {"akcja": "zatwierdz", "wersja": stara})
    assert response.status_code == 409
    page = response.content.decode()
    assert "zwrócona do poprawy" in page and "Zatwierdź" in page  # the saved state beside the user's action
    assert _karta(world).stan == "zwrocona"


@time_machine.travel(DZIS, tick=False)
def test_a_month_that_has_not_started_cannot_be_submitted(world):
    with pytest.raises(ValidationError):
        karty.karta_zloz(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=datetime.date(2023, 2, 1),
                         actor=world["personas"]["ros1"])
    assert not KartaCzasuPracy.objects.exists()


def test_the_lock_holds_only_for_the_approved_month_of_that_adviser_and_edition(world):
    ros1, edycja = world["doradcy"]["ros1"], world["edycja"]
    KartaCzasuPracy.objects.create(doradca=ros1, edycja=edycja, miesiac=LISTOPAD, stan="zatwierdzona")
    KartaCzasuPracy.objects.create(doradca=ros1, edycja=edycja, miesiac=datetime.date(2022, 12, 1), stan="zlozona")
    assert karty.miesiac_zablokowany(ros1, edycja, datetime.date(2022, 11, 30))
    with pytest.raises(ValidationError, match="listopad 2022 jest zatwierdzony"):
        karty.sprawdz_miesiac_otwarty(doradca=ros1, edycja=edycja, data=datetime.date(2022, 11, 1))
    karty.sprawdz_miesiac_otwarty(doradca=ros1, edycja=edycja, data=datetime.date(2022, 12, 5))  # submitted only
    karty.sprawdz_miesiac_otwarty(doradca=world["doradcy"]["pro1"], edycja=edycja, data=datetime.date(2022, 11, 5))
    karty.sprawdz_miesiac_otwarty(doradca=ros1, edycja=world["edycja2"], data=datetime.date(2022, 11, 5))


@time_machine.travel(DZIS, tick=False)
def test_an_approved_month_refuses_creating_editing_and_deleting_remote_entries(world):
    from jst import services_zdalne

    ros1, actor = world["doradcy"]["ros1"], world["personas"]["ros1"]
    wpis = services_zdalne.wpis_zdalny_utworz(
        doradca=ros1, udzial=world["udzial_a"], data=datetime.date(2022, 11, 15), poczatek=datetime.time(9, 0),
        minuty=60, forma="telefon", temat="Arkusz", actor=actor)
    karty.karta_decyzja(doradca=ros1, edycja=world["edycja"], miesiac=LISTOPAD, akcja="zatwierdz",
                        actor=world["personas"]["koordynator"])
    with pytest.raises(ValidationError, match="zatwierdzony na karcie"):
        services_zdalne.wpis_zdalny_utworz(
            doradca=ros1, udzial=world["udzial_a"], data=datetime.date(2022, 11, 16), poczatek=datetime.time(9, 0),
            minuty=60, forma="telefon", temat="Nowy", actor=actor)
    with pytest.raises(ValidationError, match="zatwierdzony na karcie"):
        services_zdalne.wpis_zdalny_zmien(
            wpis=wpis, wersja=wpis.wersja, udzial=world["udzial_a"], data=datetime.date(2022, 12, 15),
            poczatek=datetime.time(9, 0), minuty=90, forma="telefon", temat="Przeniesiony", actor=actor)
    with pytest.raises(ValidationError, match="zatwierdzony na karcie"):
        services_zdalne.wpis_zdalny_usun(wpis=wpis, actor=actor)
    wpis.refresh_from_db()
    assert (wpis.data, wpis.minuty, wpis.temat) == (datetime.date(2022, 11, 15), 60, "Arkusz")
    assert WpisZdalny.objects.count() == 1
    # December is open: an entry there is accepted.
    services_zdalne.wpis_zdalny_utworz(
        doradca=ros1, udzial=world["udzial_a"], data=datetime.date(2022, 12, 1), poczatek=datetime.time(9, 0),
        minuty=60, forma="telefon", temat="Grudzień", actor=actor)


@time_machine.travel(DZIS, tick=False)
def test_bulk_approval_approves_every_submitted_card_of_the_month_and_only_those(world, client_as):
    edycja = world["edycja"]
    for name in ("ros1", "pro1"):
        karty.karta_zloz(doradca=world["doradcy"][name], edycja=edycja, miesiac=LISTOPAD,
                         actor=world["personas"][name])
    karty.karta_zloz(doradca=world["doradcy"]["ros2"], edycja=edycja, miesiac=datetime.date(2022, 12, 1),
                     actor=world["personas"]["ros2"])
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["pro2"], edycja=edycja, miesiac=LISTOPAD)

    client = client_as("koordynator")
    response = client.post(reverse("jst:karty_zatwierdz", kwargs={"pk": edycja.pk}), {"miesiac": "2022-11"})

    assert response.status_code == 302
    stany = dict(KartaCzasuPracy.objects.values_list("doradca__uzytkownik__username", "stan").filter(
        miesiac=LISTOPAD))
    assert stany == {"ros1": "zatwierdzona", "pro1": "zatwierdzona", "pro2": "robocza"}
    assert _karta(world, "ros2", datetime.date(2022, 12, 1)).stan == "zlozona"
    assert WpisAudytu.objects.filter(akcja="karta_czasu_pracy.zatwierdz").count() == 2
    assert set(Powiadomienie.objects.filter(rodzaj="przeglad.zatwierdz").values_list(
        "odbiorca__username", flat=True)) == {"ros1", "pro1"}
    page = client.get(response.url).content.decode()
    assert "Zatwierdzono 2 karty czasu pracy." in page


def test_a_bad_month_on_bulk_approval_shows_an_error_and_approves_nothing(world, client_as):
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=LISTOPAD,
                                   stan="zlozona")
    response = client_as("koordynator").post(reverse("jst:karty_zatwierdz", kwargs={"pk": world["edycja"].pk}),
                                             {"miesiac": "2031-01"})
    assert response.status_code == 400
    assert "Wybierz miesiąc trwania edycji" in response.content.decode()
    assert _karta(world).stan == "zlozona"


def _advisers(world, n):
    for i in range(n):
        doradca = DoradcaFactory()
        PrzydzialDoradcyFactory(udzial=UdzialFactory(edycja=world["edycja"]), doradca=doradca,
                                rola=PrzydzialDoradcy.Rola.ROS)
        KartaCzasuPracy.objects.create(doradca=doradca, edycja=world["edycja"], miesiac=LISTOPAD, stan="zlozona")
        WpisZdalny.objects.create(doradca=doradca, udzial=world["udzial_a"], data=datetime.date(2022, 11, 2),
                                  poczatek=datetime.time(8, 0), minuty=30, forma="email", temat=f"Wpis {i}")
        wizyta = Wizyta.objects.create(udzial=world["udzial_a"], typ=Wizyta.Typ.INNA, od=datetime.date(2022, 11, 4),
                                       do=datetime.date(2022, 11, 4), miejsce="Urząd", autor=world["personas"]["admin"])
        wizyta.doradcy.add(doradca)


def test_the_edition_month_page_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    client = client_as("koordynator")
    url = reverse("jst:karty_edycji", kwargs={"pk": world["edycja"].pk}) + "?miesiac=2022-11"
    _advisers(world, 10)
    client.get(url)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    _advisers(world, 90)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("złożona do akceptacji") == 50  # the first page of advisers
    assert response.context["do_zatwierdzenia"] == 100  # the bulk approval covers every page


def test_the_edition_month_page_shows_50_advisers_a_page_and_its_links_keep_the_month_and_name(world, client_as):
    _advisers(world, 55)  # "Jan Kowalski" each (the factory's name)
    client = client_as("koordynator")
    url = reverse("jst:karty_edycji", kwargs={"pk": world["edycja"].pk})
    first = client.get(url, {"miesiac": "2022-11", "doradca": "kowalski"})
    second = client.get(url, {"miesiac": "2022-11", "doradca": "kowalski", "strona": 2})
    pierwsze, drugie = first.context["wiersze"], second.context["wiersze"]
    assert (len(pierwsze), len(drugie)) == (50, 5)
    assert len({w.doradca.pk for w in pierwsze + drugie}) == 55
    assert all(w.stan == "zlozona" and w.minuty == 30 and w.dni_wizyt == 1 for w in pierwsze + drugie)
    html = first.content.decode()
    assert 'href="?miesiac=2022-11&amp;doradca=kowalski&amp;strona=2"' in html
    assert 'aria-label="Strony listy kart czasu pracy"' in html and 'aria-current="page"' in html
    rosinski = client.get(url, {"miesiac": "2022-11", "doradca": "Roman Rosiński"}).context["wiersze"]
    assert [w.doradca.pk for w in rosinski] == [world["doradcy"]["ros1"].pk]


@time_machine.travel(DZIS, tick=False)
def test_the_pdf_has_the_entries_totals_and_signature_fields_in_polish(world, client_as,
                                                                        django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    _wpis(world, datetime.date(2022, 11, 3), minuty=90, temat="Żółta księga zadań oświatowych")
    _wizyta(world, datetime.date(2022, 11, 29), datetime.date(2022, 11, 30))
    client = client_as("ros1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url_karty(world, name="jst:karta_pdf"))
    assert response.status_code == 302
    job = Zadanie.objects.get()
    assert job.status == Zadanie.Status.GOTOWE, job.komunikat
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(job.plik.read())).pages).split())
    for expected in ("Karta czasu pracy", "Żółta księga zadań oświatowych", "Powiat bolesławiecki", "listopad 2022",
                     "1,5 h", "2 dni", "podpis doradcy", "podpis koordynatora", "data"):
        assert expected in text, expected
    # GET now serves the stored file.
    assert client.get(_url_karty(world, name="jst:karta_pdf"))["Content-Type"] == "application/pdf"
