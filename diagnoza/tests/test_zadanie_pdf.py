"""The presentation handout of the data-collection task: what the PDF shows (tables, indicators with
Polish numbers and the comparison, a chart, interpretation and conclusions, never a comment), who may
order it, and that the stored file is reused only while everything printed is unchanged."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diagnoza import services_zadanie as services
from diagnoza.models import ObszarZadania, WartoscWskaznika, Wskaznik, WyborObszaru
from diagnoza.zadania_zadanie import ZADANIE_PDF  # importing registers the job kind
from doradztwo import zadania
from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import Obszar, Zadanie

pytestmark = pytest.mark.django_db

INTERPRETACJA = "Zażółć gęślą jaźń — dopłata rośnie szybciej niż subwencja."
WNIOSKI = "Trzeba policzyć koszty sieci szkół przed kolejnym budżetem."
PRYWATNY = "ZNACZNIK-PRYWATNY-7c2e"
PUBLICZNY = "ZNACZNIK-PUBLICZNY-91ad"


def _pdf_text(data: bytes) -> str:
    # Polish numbers use (narrow) non-breaking spaces between thousands: compare with plain spaces.
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _wskaznik(kod):
    return Wskaznik.objects.prefetch_related("dane").get(kod=kod)


@pytest.fixture
def zadanie(world):
    lider = world["personas"]["jst-a-lider"]
    WyborObszaru.objects.create(udzial=world["udzial_a"], obszar=Obszar.objects.get(kod="budzet"), kto=lider,
                                uzasadnienie="Budżet oświaty to nasz najważniejszy problem.")
    return services.zadanie_zaloz(udzial=world["udzial_a"], actor=lider)


@pytest.fixture
def pelne_zadanie(world, zadanie):
    """Finances in variant 2 (doplata_uczen with the Michałowice 2019 row), infrastructure in variant 1."""
    lider = world["personas"]["jst-a-lider"]
    finanse = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
    infra = services.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=lider)
    doplata = _wskaznik("doplata_uczen")
    services.wskazniki_wybierz(obszar=finanse, wskazniki=[doplata], wersja=finanse.wersja, actor=lider)
    services.wartosc_zapisz(zadanie=zadanie, wskaznik=doplata, okres="2019",
                            dane={"wydatki": "15893,73", "subwencja": "8544,31", "uczniowie": "1"}, actor=lider)
    services.tabela_zapisz(obszar=infra, actor=lider, dane={
        "tytul": "Budynki szkół", "kolumny": "Szkoła\nPowierzchnia | m²\nRok budowy",
        "wiersze": "SP Ławszowa; 2 400; 1968\nSP Żeliszów; 1 150; 2004", "zrodlo": "ewidencja środków trwałych"})
    for o in (finanse, infra):
        o.refresh_from_db()
        services.wnioski_zapisz(obszar=o, interpretacja=INTERPRETACJA, wnioski=WNIOSKI, wersja=o.wersja, actor=lider)
    return zadanie


def _inna_jst_z_doplata(world, teryt, wydatki, rodzaj="powiat"):
    """Another JST of the edition with a doplata_uczen value for 2019 (for the comparison)."""
    from jst.models import Udzial
    from jst.tests.factories import JSTFactory

    udzial = Udzial.objects.create(edycja=world["edycja"], jst=JSTFactory(teryt=teryt, klucz=teryt, rodzaj=rodzaj))
    w = _wskaznik("doplata_uczen")
    dane = {"wydatki": wydatki, "subwencja": "0", "uczniowie": "1"}
    return WartoscWskaznika.objects.create(udzial=udzial, wskaznik=w, okres="2019", rok=2019, dane=dane,
                                           wynik=services.wynik(w, dane), autor=world["personas"]["admin"])


def _url(udzial):
    return reverse("diagnoza:zadanie_pdf", args=[udzial.pk])


def _klucz(udzial):
    return zadania.REJESTR[ZADANIE_PDF].klucz_danych({"udzial": udzial.pk})


def test_the_handout_prints_the_tables_indicators_comparison_and_conclusions_but_no_comment(
    world, client_as, pelne_zadanie, django_capture_on_commit_callbacks
):
    udzial = world["udzial_a"]
    _inna_jst_z_doplata(world, "0202", "7000")
    _inna_jst_z_doplata(world, "0203", "8000.08")
    obszar = ObszarZadania.objects.get(zadanie=pelne_zadanie, obszar_zasobow=4)
    komentarz_dodaj(obiekt=obszar, udzial=udzial, sekcja="zadanie-4", tresc=PRYWATNY, prywatny=True,
                    autor=world["personas"]["ros1"])
    komentarz_dodaj(obiekt=obszar, udzial=udzial, sekcja="zadanie-4", tresc=PUBLICZNY,
                    autor=world["personas"]["pro1"])
    client = client_as("jst-a-czlonek")
    url = _url(udzial)
    assert "Przygotuj PDF" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Zadanie.objects.latest("pk")
    assert response["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert (job.rodzaj, job.status, job.postep) == (ZADANIE_PDF, "gotowe", 100)
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")
    text = _pdf_text(b"".join(served.streaming_content))

    assert "Powiat bolesławiecki" in text and "0201" in text and "Doradztwo dla JST 2022/2023" in text
    assert Obszar.objects.get(kod="budzet").nazwa in text  # the area chosen from the sheet
    assert "Środki finansowe" in text and "Infrastruktura" in text
    assert "Dopłata ze środków własnych na ucznia" in text
    assert "7 349,42" in text and "15 893,73" in text and "8 544,31" in text
    # Three powiats reported for 2019: the anonymised average is printed, the other JSTs are not named.
    assert "7 449,83 (3 JST)" in text  # (7 349,42 + 7 000 + 8 000,08) / 3
    assert "Budynki szkół" in text and "Powierzchnia (m²)" in text
    assert "SP Ławszowa" in text and "2 400" in text and "SP Żeliszów" in text and "2004" in text
    assert "ewidencja środków trwałych" in text
    assert INTERPRETACJA in text and WNIOSKI in text
    assert PRYWATNY not in text and PUBLICZNY not in text
    assert "Dane wykresu w tabeli" not in text  # the chart is printed without its duplicate table


def test_the_stored_handout_goes_stale_when_anything_printed_changes(world, pelne_zadanie):
    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    keys = [_klucz(udzial)]

    def changed():
        keys.append(_klucz(udzial))
        return keys[-1] != keys[-2]

    value = WartoscWskaznika.objects.get(udzial=udzial)
    services.wartosc_zapisz(zadanie=pelne_zadanie, wskaznik=_wskaznik("doplata_uczen"), okres="2019",
                            dane={"wydatki": "15893,74", "subwencja": "8544,31", "uczniowie": "1"},
                            wartosc=value, wersja=value.wersja, actor=lider)
    assert changed()
    tabela = ObszarZadania.objects.get(zadanie=pelne_zadanie, obszar_zasobow=2).tabele.get()
    services.tabela_zapisz(obszar=tabela.obszar, tabela=tabela, wersja=tabela.wersja, actor=lider, dane={
        "tytul": "Budynki szkół", "kolumny": "Szkoła\nPowierzchnia | m²\nRok budowy",
        "wiersze": "SP Ławszowa; 2 450; 1968", "zrodlo": "ewidencja środków trwałych"})
    assert changed()
    obszar = ObszarZadania.objects.get(zadanie=pelne_zadanie, obszar_zasobow=4)
    services.wnioski_zapisz(obszar=obszar, interpretacja="Inna interpretacja.", wnioski=WNIOSKI,
                            wersja=obszar.wersja, actor=lider)
    assert changed()
    services.zadanie_zmien_stan(zadanie=pelne_zadanie, akcja="zatwierdz", actor=world["personas"]["koordynator"])
    assert changed()
    # Other JSTs' values move the average of the comparison once three of a kind reported.
    _inna_jst_z_doplata(world, "0202", "7000")
    assert not changed()  # two powiats: no comparison yet, nothing printed changes
    _inna_jst_z_doplata(world, "0203", "8000")
    assert changed()
    # A comment is never printed, so it leaves the stored file current.
    komentarz_dodaj(obiekt=obszar, udzial=udzial, sekcja="zadanie-4", tresc="Uwaga doradcy", prywatny=True,
                    autor=world["personas"]["ros1"])
    assert not changed()


def test_a_repeat_order_reuses_the_stored_file_while_the_task_is_unchanged(world, pelne_zadanie):
    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    parametry = {"udzial": udzial.pk}
    job = zadania.zadanie_zlec(rodzaj=ZADANIE_PDF, parametry=parametry, actor=lider)
    Zadanie.objects.filter(pk=job.pk).update(  # a finished job (no render needed to test the key)
        status=Zadanie.Status.GOTOWE, plik="zadania/x.pdf", klucz_danych=_klucz(udzial))
    assert zadania.aktualny_plik(ZADANIE_PDF, parametry).pk == job.pk
    assert zadania.zadanie_zlec(rodzaj=ZADANIE_PDF, parametry=parametry, actor=lider).pk == job.pk
    obszar = ObszarZadania.objects.get(zadanie=pelne_zadanie, obszar_zasobow=2)
    services.wnioski_zapisz(obszar=obszar, interpretacja=INTERPRETACJA, wnioski="Nowe wnioski.",
                            wersja=obszar.wersja, actor=lider)
    assert zadania.aktualny_plik(ZADANIE_PDF, parametry) is None


@pytest.mark.parametrize(("persona", "status"), [
    ("jst-a-czlonek", 200), ("pro1", 200), ("koordynator", 200), ("admin", 200),
    ("ros2", 404), ("jst-b-lider", 404), ("koordynator2", 404), ("doradca-spoza", 404)])
def test_the_handout_is_for_anyone_with_a_role_in_the_participation(client_as, world, zadanie, persona, status):
    url = _url(world["udzial_a"])
    assert client_as(persona).get(url).status_code == status
    response = client_as(persona).post(url)
    assert response.status_code == (302 if status == 200 else status)
    assert Zadanie.objects.filter(rodzaj=ZADANIE_PDF).exists() == (status == 200)


def test_the_job_refuses_outsiders_and_a_member_removed_before_the_worker_runs(world, zadanie):
    from jst.services import zespol_usun_czlonka

    parametry = {"udzial": world["udzial_a"].pk}
    for persona in ("koordynator2", "doradca-spoza", "jst-b-lider", "ros2"):
        with pytest.raises(zadania.BrakDostepu):
            zadania.zadanie_zlec(rodzaj=ZADANIE_PDF, parametry=parametry, actor=world["personas"][persona])
    czlonek = world["personas"]["jst-a-czlonek"]
    job = zadania.zadanie_zlec(rodzaj=ZADANIE_PDF, parametry=parametry, actor=czlonek)
    zespol_usun_czlonka(czlonek=world["udzial_a"].zespol.get(uzytkownik=czlonek),
                        actor=world["personas"]["koordynator"])
    assert zadania.wykonaj(job.pk) == "brak_dostepu"


def test_before_the_team_starts_the_task_there_is_nothing_to_print_and_no_job(client_as, world):
    client = client_as("jst-a-lider")
    url = _url(world["udzial_a"])
    page = client.get(url).content.decode()
    assert "nie zaczął jeszcze zadania" in page and "Przygotuj PDF" not in page
    assert client.post(url).status_code == 200
    assert not Zadanie.objects.exists()


def test_the_printed_indicator_rows_use_the_task_pages_numbers(world, pelne_zadanie):
    from diagnoza.zadania_zadanie import dane_do_druku

    kontekst = dane_do_druku(world["udzial_a"])
    finanse = next(o for o in kontekst["obszary"] if o.obszar_zasobow == 4)
    (w,) = finanse.wskazniki.all()
    (row,) = w.wiersze
    assert row["v"].wynik == Decimal("7349.42")
    assert row["wynik"].replace("\xa0", " ") == "7 349,42" and row["srednia"] is None
    assert str(w.wykres).startswith("<svg") and "<details" not in str(w.wykres)
