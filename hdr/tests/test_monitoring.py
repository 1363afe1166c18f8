"""Monitoring an HDR: dated progress updates set each action's status; overdue is computed; the first
update on an approved HDR moves the stage to `wdrazanie`; the coordinator's view per edition."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdr import monitoring
from hdr.models import MonitoringDzialania, Postep, StatusDzialania
from hdr.tests.fixtures_hdr import hdr_zatwierdzony

pytestmark = pytest.mark.django_db


def test_overdue_is_computed_from_the_end_date_and_the_status():
    end = datetime.date(2023, 2, 10)
    assert monitoring.czy_opoznione(end, StatusDzialania.W_TRAKCIE, datetime.date(2023, 2, 11))
    assert not monitoring.czy_opoznione(end, StatusDzialania.W_TRAKCIE, datetime.date(2023, 2, 10))
    assert not monitoring.czy_opoznione(end, StatusDzialania.ZREALIZOWANE, datetime.date(2024, 1, 1))
    assert not monitoring.czy_opoznione(end, StatusDzialania.ANULOWANE, datetime.date(2024, 1, 1))


@time_machine.travel(datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_a_progress_update_sets_the_status_and_the_first_one_starts_implementation(world, client_as):
    from jst.models import Udzial

    Udzial.objects.filter(pk=world["udzial_a"].pk).update(etap="hdr_zatwierdzony")
    hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    url = reverse("hdr:postep", kwargs={"pk": world["udzial_a"].pk, "klucz": d.klucz})
    page = client_as("ros1").get(url).content.decode()
    assert "opóźnione" in page and "Dodaj postęp" not in page  # ended 10.02.2023, still planned
    response = client_as("jst-a-czlonek").post(url, {"data": "20.02.2023", "status": "w_trakcie", "postep": "60",
                                                     "wartosc_aktualna": "3 procedury", "notatka": "Zatwierdzono"})
    assert response.status_code == 302
    m = MonitoringDzialania.objects.get(hdr=hdr, klucz=d.klucz)
    assert (m.status, m.postep, m.wartosc_aktualna) == ("w_trakcie", 60, "3 procedury")
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "wdrazanie"
    # An older update typed later does not move the current status back.
    client_as("jst-a-czlonek").post(url, {"data": "01.01.2023", "status": "planowane", "postep": "10"})
    m.refresh_from_db()
    assert (m.status, m.postep) == ("w_trakcie", 60) and Postep.objects.count() == 2
    page = client_as("koordynator").get(url).content.decode()
    assert "20.02.2023" in page and "01.01.2023" in page and "Zatwierdzono" in page


@pytest.mark.parametrize(("dane", "pole", "komunikat"), [
    ({"data": "2023-02-20", "status": "w_trakcie", "postep": "150"}, "postep", "od 0 do 100"),
    ({"data": "2023-02-20", "status": "zrealizowane", "postep": "90"}, "postep", "Zrealizowane działanie ma postęp 100%"),
    ({"data": "2099-01-01", "status": "w_trakcie", "postep": "10"}, "data", "nie może być z przyszłości"),
    ({"data": "31.02.2023", "status": "w_trakcie", "postep": "10"}, "data", "dd.mm.rrrr"),
    ({"data": "2023-02-20", "status": "zle", "postep": "10"}, "status", "Wybierz status z listy"),
])
def test_bad_progress_gets_a_message_next_to_the_field(world, client_as, dane, pole, komunikat):
    _hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    response = client_as("jst-a-lider").post(reverse("hdr:postep", kwargs={"pk": world["udzial_a"].pk,
                                                                           "klucz": d.klucz}), dane)
    html = response.content.decode()
    assert response.status_code == 400 and komunikat in html and f"id_{pole}" in html
    assert not Postep.objects.exists()


def test_progress_cannot_be_recorded_on_an_action_outside_the_version_in_force(world):
    hdr, wersja = hdr_zatwierdzony(world)
    from hdr.models import Dzialanie, WersjaHdr

    draft = WersjaHdr.objects.create(hdr=hdr, numer=2, okres_od=wersja.okres_od, okres_do=wersja.okres_do,
                                     utworzyl=world["personas"]["jst-a-lider"], powod_zmiany="zmiana")
    nowe = Dzialanie.objects.create(wersja_hdr=draft, nazwa="Nowe", od=wersja.okres_od, do=wersja.okres_do,
                                    zmienil=world["personas"]["jst-a-lider"])
    with pytest.raises(ValidationError, match="obowiązującej wersji"):
        monitoring.postep_dodaj(hdr=hdr, dzialanie=nowe, data=datetime.date(2023, 1, 1), status="w_trakcie",
                                postep=10, actor=world["personas"]["jst-a-lider"])


@time_machine.travel(datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_coordinator_view_counts_done_and_late_actions_and_tools(world, client_as):
    hdr, wersja = hdr_zatwierdzony(world, dzialan=3)
    first = wersja.dzialania.order_by("kolejnosc").first()
    monitoring.postep_dodaj(hdr=hdr, dzialanie=first, data=datetime.date(2023, 2, 1), status="zrealizowane",
                            postep=100, actor=world["personas"]["jst-a-lider"])
    html = client_as("koordynator").get(reverse("hdr:przeglad_edycji", kwargs={"pk": world["edycja"].pk})).content.decode()
    assert "Działania zrealizowane: 1 z 3; opóźnione: 2." in html
    assert "Procedury obiegu dokumentów" in html and "brak HDR" in html  # JST B has none


def test_the_coordinator_view_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    from jst.models import Udzial
    from jst.tests.factories import JSTFactory

    client = client_as("koordynator")
    url = reverse("hdr:przeglad_edycji", kwargs={"pk": world["edycja"].pk})
    hdr_zatwierdzony(world, dzialan=2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    from doradztwo.models import Obszar
    from hdr.models import Dzialanie, Hdr, WersjaHdr

    for i in range(15):
        u = Udzial.objects.create(edycja=world["edycja"], jst=JSTFactory(teryt=f"30{i:02d}", klucz=f"30{i:02d}",
                                                                       nazwa=f"P{i}", rodzaj="powiat"))
        h = Hdr.objects.create(udzial=u, obszar=Obszar.objects.get(kod="budzet"))
        w = WersjaHdr.objects.create(hdr=h, numer=1, stan="zatwierdzona", okres_od=datetime.date(2022, 11, 1),
                                     okres_do=datetime.date(2023, 6, 1), utworzyl=world["personas"]["admin"])
        for j in range(3):
            Dzialanie.objects.create(wersja_hdr=w, nazwa=f"D{j}", od=datetime.date(2022, 11, 1),
                                     do=datetime.date(2023, 1, 1), narzedzia=[f"N{j}"],
                                     zmienil=world["personas"]["admin"])
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def _hdr_w_mocy(world, nazwa, *, dzialan=3, narzedzia=("N0",)):
    """A participation of the edition with an approved HDR (actions ended 01.01.2023, none updated)."""
    from doradztwo.models import Obszar
    from hdr.models import Dzialanie, Hdr, WersjaHdr
    from jst.models import Udzial
    from jst.tests.factories import JSTFactory

    u = Udzial.objects.create(edycja=world["edycja"], jst=JSTFactory(nazwa=nazwa, rodzaj="powiat"))
    h = Hdr.objects.create(udzial=u, obszar=Obszar.objects.get(kod="budzet"))
    w = WersjaHdr.objects.create(hdr=h, numer=1, stan="zatwierdzona", okres_od=datetime.date(2022, 11, 1),
                                 okres_do=datetime.date(2023, 6, 1), utworzyl=world["personas"]["admin"])
    Dzialanie.objects.bulk_create([
        Dzialanie(wersja_hdr=w, nazwa=f"D{j}", od=datetime.date(2022, 11, 1), do=datetime.date(2023, 1, 1),
                  narzedzia=list(narzedzia), zmienil=world["personas"]["admin"]) for j in range(dzialan)])
    return u, h, w


@time_machine.travel(datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_edition_totals_follow_the_rows_rules_for_every_status_and_the_version_in_force(world, client_as):
    from hdr.models import Dzialanie, WersjaHdr

    hdr, wersja = hdr_zatwierdzony(world, dzialan=4)  # ended 10.02.2023: late unless done or cancelled
    lider = world["personas"]["jst-a-lider"]
    for d, status, procent in zip(wersja.dzialania.order_by("kolejnosc"),
                                  ("zrealizowane", "anulowane", "w_trakcie"), (100, 0, 50), strict=False):
        monitoring.postep_dodaj(hdr=hdr, dzialanie=d, data=datetime.date(2023, 2, 1), status=status,
                                postep=procent, actor=lider)  # the fourth action stays planned
    # A later approved version is in force; a draft after it changes nothing.
    _u, _h, stara = _hdr_w_mocy(world, "Stary", dzialan=2, narzedzia=("Stare", ""))
    nowa = WersjaHdr.objects.create(hdr=stara.hdr, numer=2, stan="zatwierdzona", okres_od=stara.okres_od,
                                    okres_do=stara.okres_do, utworzyl=world["personas"]["admin"])
    Dzialanie.objects.create(wersja_hdr=nowa, nazwa="Nowe", od=datetime.date(2023, 1, 1),
                             do=datetime.date(2023, 12, 31), narzedzia=["Nowe"], zmienil=world["personas"]["admin"])
    WersjaHdr.objects.create(hdr=stara.hdr, numer=3, okres_od=stara.okres_od, okres_do=stara.okres_do,
                             utworzyl=world["personas"]["admin"])
    response = client_as("koordynator").get(reverse("hdr:przeglad_edycji", kwargs={"pk": world["edycja"].pk}))
    wiersze, razem = response.context["wiersze"], response.context["razem"]
    for klucz in ("wszystkie", "zrealizowane", "opoznione"):
        assert razem[klucz] == sum(w[klucz] for w in wiersze)
    assert (razem["wszystkie"], razem["zrealizowane"], razem["opoznione"]) == (5, 1, 2)
    assert (razem["jst"], razem["z_hdr"], razem["w_mocy"]) == (3, 2, 2)
    assert dict(response.context["narzedzia"]) == {"Procedury obiegu dokumentów": 2, "Nowe": 1}


def test_the_coordinator_view_shows_50_jsts_a_page_with_totals_of_the_whole_edition(world, client_as,
                                                                                    django_assert_num_queries):
    client = client_as("koordynator")
    url = reverse("hdr:przeglad_edycji", kwargs={"pk": world["edycja"].pk})
    for i in range(10):
        _hdr_w_mocy(world, f"P{i:02d}")
    client.get(url)  # warm-up: session and caches
    with CaptureQueriesContext(connection) as at_12:
        client.get(url)
    for i in range(10, 58):
        _hdr_w_mocy(world, f"P{i:02d}")  # 60 participations with JST A and B
    with django_assert_num_queries(len(at_12.captured_queries)):
        first = client.get(url)
    kolejnosc = [u.pk for u in monitoring.udzialy_edycji(world["edycja"])]
    assert [w["udzial"].pk for w in first.context["wiersze"]] == kolejnosc[:50]
    html = first.content.decode()
    assert "HDR rozpoczęte: 58 z 60 JST; zatwierdzone: 58." in html and "Działania zrealizowane: 0 z 174" in html
    assert "?strona=2" in html and 'aria-current="page"' in html and "Strona 1 z 2" in html
    with django_assert_num_queries(len(at_12.captured_queries)):
        second = client.get(url + "?strona=2")
    assert [w["udzial"].pk for w in second.context["wiersze"]] == kolejnosc[50:]
    assert "HDR rozpoczęte: 58 z 60 JST; zatwierdzone: 58." in second.content.decode()
    assert second.context["narzedzia"] == [("N0", 174)]


@time_machine.travel(datetime.datetime(2023, 1, 16, 12, tzinfo=datetime.UTC), tick=False)
def test_the_hdr_pdf_prints_the_actions_the_timeline_and_no_comments(world, client_as,
                                                                     django_capture_on_commit_callbacks):
    import io

    from pypdf import PdfReader

    from doradztwo.komentarze import komentarz_dodaj
    from doradztwo.models import Zadanie

    hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    d.nazwa = "Zażółć gęślą jaźń — procedura naboru"
    d.save(update_fields=["nazwa"])
    komentarz_dodaj(obiekt=world["udzial_a"], udzial=world["udzial_a"], sekcja="hdr", tresc="PRYWATNA-UWAGA-7",
                    prywatny=True, autor=world["personas"]["ros1"])
    client = client_as("jst-a-lider")
    url = reverse("hdr:hdr_pdf", kwargs={"pk": world["udzial_a"].pk})
    assert "Przygotuj PDF" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert Zadanie.objects.get().status == "gotowe", Zadanie.objects.get().komunikat
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Zażółć gęślą jaźń — procedura naboru" in text
    assert "15.11.2022 – 10.02.2023" in text and "dziś: 16.01.2023" in text
    compact = text.replace(" ", "")  # SVG labels come out without the space
    assert "lis2022" in compact and "lut2023" in compact and "PRYWATNA-UWAGA-7" not in text
