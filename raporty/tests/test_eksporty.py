import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from diagnoza import services
from diagnoza.models import PytanieSzablonu
from doradztwo import zadania
from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import Zadanie
from raporty.eksporty import EKSPORTY, KOLUMNY_ODPOWIEDZI, ODPOWIEDZI_ARKUSZY

pytestmark = pytest.mark.django_db

DANE = {"nazwa": "Arkusz testowy", "sekcje": [
    {"obszar": "planowanie", "tytul": "1. Planowanie rozwoju oświaty",
     "pytania": [{"kod": "p1", "tresc": "Gmina ma strategię oświatową — żółć i gęś."},
                 {"kod": "p2", "tresc": "Strategię przyjęto po konsultacjach."}]},
    {"obszar": "budzet", "tytul": "4. Planowanie budżetowe",
     "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."}]},
]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]
PRYWATNY = "ZNACZNIK-PRYWATNY-7f3a"
PUBLICZNY = "ZNACZNIK-PUBLICZNY-19c2"


def naglowki_z_dokumentacji(tytul: str = "Odpowiedzi z arkuszy diagnostycznych") -> list[str]:
    """The first column of the table in docs/exports.md under the heading `## <tytul>`."""
    text = (Path(settings.BASE_DIR) / "docs" / "exports.md").read_text(encoding="utf-8")
    assert f"\n## {tytul}\n" in text, f"docs/exports.md has no section for {tytul!r}"
    section = text.split(f"\n## {tytul}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [row.split("|")[1].strip() for row in rows[2:]]


def eksportuj(client, edycja, slug: str, format_: str, capture) -> bytes:
    """POST the export through its URL, run the job, GET the stored file: its bytes."""
    url = reverse("raporty:eksport", args=[edycja.pk, slug])
    with capture(execute=True):
        response = client.post(url, {"format": format_})
    job = Zadanie.objects.filter(rodzaj=EKSPORTY[slug].rodzaj).latest("pk")
    assert response["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert (job.status, job.postep) == ("gotowe", 100), job.komunikat
    served = client.get(url, {"format": format_})
    assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")
    return b"".join(served.streaming_content)


def wiersze_csv(data: bytes) -> list[dict[str, str]]:
    """Rows as {header: cell}, checking the Polish-Excel form: BOM, `;`, CRLF."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def arkusz_xlsx(data: bytes):
    """(header values, rows of cells as {header: cell})."""
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.fixture
def wersja(world):
    koordynator = world["personas"]["koordynator"]
    wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA, opublikuj=False)
    sekcja = wersja.sekcje.get(kolejnosc=2)
    PytanieSzablonu.objects.create(sekcja=sekcja, kolejnosc=2, kod="b-liczba", tresc="Ile szkół prowadzi JST?",
                                   typ=PytanieSzablonu.Typ.LICZBA, jednostka="szt.", opcje=[])
    PytanieSzablonu.objects.create(sekcja=sekcja, kolejnosc=3, kod="b-uwagi", tresc="Uwagi zespołu",
                                   typ=PytanieSzablonu.Typ.TEKST_KROTKI, wymagane=False, opcje=[])
    wersja = services.wersja_opublikuj(wersja=wersja, actor=koordynator)
    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=koordynator)
    return wersja


@pytest.fixture
def arkusz(wersja, world):
    """JST A's sheet: a scale answer, a decimal number, a text that looks like a formula, a "nie wiem",
    and a private and a public comment on it."""
    lider, czlonek = world["personas"]["jst-a-lider"], world["personas"]["jst-a-czlonek"]
    arkusz = services.arkusz_zaloz(udzial=world["udzial_a"], actor=lider)
    q = {p.kod: p for p in PytanieSzablonu.objects.filter(sekcja__wersja=wersja)}
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q["p1"], wartosc=3, wersja=0, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q["p2"], wartosc=None, nie_wiem=True, wersja=0, actor=czlonek)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q["b-liczba"], wartosc="12,5", wersja=0, actor=lider)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=q["b-uwagi"], wartosc="=HYPERLINK(\"x\") źdźbło", wersja=0,
                              actor=czlonek)
    komentarz_dodaj(obiekt=arkusz, udzial=world["udzial_a"], sekcja="arkusz-1", tresc=PRYWATNY, prywatny=True,
                    autor=world["personas"]["ros1"])
    komentarz_dodaj(obiekt=arkusz, udzial=world["udzial_a"], sekcja="arkusz-1", tresc=PUBLICZNY,
                    autor=world["personas"]["pro1"])
    return arkusz


def _eksportuj(client, world, format_, capture):
    url = reverse("raporty:eksport_odpowiedzi", args=[world["edycja"].pk])
    with capture(execute=True):
        response = client.post(url, {"format": format_})
    job = Zadanie.objects.filter(rodzaj=ODPOWIEDZI_ARKUSZY).latest("pk")
    assert response["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert (job.status, job.postep) == ("gotowe", 100)
    served = client.get(url, {"format": format_})
    assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")
    return b"".join(served.streaming_content)


def _wiersze_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_opens_in_polish_excel_with_bom_semicolons_decimal_comma_and_polish_letters(
    client_as, world, arkusz, django_capture_on_commit_callbacks
):
    data = _eksportuj(client_as("koordynator"), world, "csv", django_capture_on_commit_callbacks)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _wiersze_csv(data)
    header, body = rows[0], rows[1:]
    assert header == naglowki_z_dokumentacji()
    by_code = {row[header.index("Kod pytania")]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_code) == {"p1", "p2", "b-liczba", "b-uwagi"}  # one row per answer
    p1 = by_code["p1"]
    assert (p1["Edycja"], p1["TERYT"], p1["JST"]) == ("Doradztwo dla JST 2022/2023", "0201", "Powiat bolesławiecki")
    assert (p1["Nr sekcji"], p1["Obszar"], p1["Wartość"], p1["Nie wiem"]) == ("1", "planowanie", "3", "nie")
    assert p1["Treść pytania"] == "Gmina ma strategię oświatową — żółć i gęś."
    assert (p1["Autor odpowiedzi"], p1["Arkusz"], p1["Stan arkusza"]) == ("Łucja Liderska", "wspólny", "w przygotowaniu")
    zmieniona = timezone.localtime(arkusz.odpowiedzi.get(pytanie__kod="p1").zmieniona)
    assert p1["Data zmiany"] == zmieniona.strftime("%d.%m.%Y %H:%M")
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", p1["Data zmiany"])
    assert by_code["b-liczba"]["Wartość"] == "12,5"
    assert (by_code["p2"]["Wartość"], by_code["p2"]["Nie wiem"]) == ("", "tak")
    assert by_code["p2"]["Autor odpowiedzi"] == "Czesław Członkowski"
    # Excel must not run a team's text as a formula.
    assert by_code["b-uwagi"]["Wartość"] == "'=HYPERLINK(\"x\") źdźbło"


def test_the_xlsx_has_number_cells_for_values_and_date_cells_for_changes(
    client_as, world, arkusz, django_capture_on_commit_callbacks
):
    data = _eksportuj(client_as("koordynator"), world, "xlsx", django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert header == naglowki_z_dokumentacji()
    by_code = {row[header.index("Kod pytania")].value: dict(zip(header, row, strict=True)) for row in rows[1:]}
    scale = by_code["p1"]["Wartość"]
    assert (scale.data_type, scale.value) == ("n", 3)
    number = by_code["b-liczba"]["Wartość"]
    assert number.data_type == "n" and Decimal(str(number.value)) == Decimal("12.5")
    assert (by_code["p1"]["Nr sekcji"].data_type, by_code["p1"]["Nr sekcji"].value) == ("n", 1)
    changed = by_code["p1"]["Data zmiany"]
    assert changed.is_date and isinstance(changed.value, datetime.datetime)
    expected = timezone.localtime(arkusz.odpowiedzi.get(pytanie__kod="p1").zmieniona).replace(tzinfo=None)
    assert abs(changed.value - expected) < datetime.timedelta(seconds=1)  # Excel keeps milliseconds at most
    text = by_code["b-uwagi"]["Wartość"]
    assert (text.data_type, text.value) == ("s", "=HYPERLINK(\"x\") źdźbło")
    assert by_code["p1"]["JST"].value == "Powiat bolesławiecki"


def test_the_columns_in_code_are_the_ones_documented(world):
    assert [str(naglowek) for naglowek, _getter in KOLUMNY_ODPOWIEDZI] == naglowki_z_dokumentacji()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_no_comment_public_or_private_is_exported(client_as, world, arkusz, format_,
                                                  django_capture_on_commit_callbacks):
    data = _eksportuj(client_as("koordynator"), world, format_, django_capture_on_commit_callbacks)
    if format_ == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).active
        text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    else:
        text = data.decode("utf-8-sig")
    assert "Łucja Liderska" in text
    assert PRYWATNY not in text and PUBLICZNY not in text


@pytest.mark.parametrize(("persona", "status"), [
    ("koordynator2", 404), ("jst-a-lider", 403), ("ros1", 403), ("doradca-spoza", 403)])
def test_only_the_editions_coordinators_may_export(client_as, world, arkusz, persona, status):
    url = reverse("raporty:eksport_odpowiedzi", args=[world["edycja"].pk])
    client = client_as(persona)
    assert client.get(url).status_code == status
    assert client.post(url, {"format": "csv"}).status_code == status
    assert client.get(url, {"format": "csv"}).status_code == status
    assert not Zadanie.objects.exists()


def test_the_job_refuses_someone_who_is_not_a_coordinator_of_the_edition(world, arkusz):
    for persona in ("koordynator2", "jst-a-lider"):
        with pytest.raises(zadania.BrakDostepu):
            zadania.zadanie_zlec(rodzaj=ODPOWIEDZI_ARKUSZY, parametry={"edycja": world["edycja"].pk, "format": "csv"},
                                 actor=world["personas"][persona])


def test_a_coordinator_removed_from_the_edition_before_the_worker_runs_gets_no_file(world, arkusz):
    koordynator = world["personas"]["koordynator"]
    job = zadania.zadanie_zlec(rodzaj=ODPOWIEDZI_ARKUSZY, parametry={"edycja": world["edycja"].pk, "format": "xlsx"},
                               actor=koordynator)
    world["edycja"].koordynatorzy.remove(koordynator)
    assert zadania.wykonaj(job.pk) == "brak_dostepu"
    job.refresh_from_db()
    assert not job.plik


def test_an_unknown_format_gets_a_polish_message_and_starts_nothing(client_as, world, arkusz):
    url = reverse("raporty:eksport_odpowiedzi", args=[world["edycja"].pk])
    response = client_as("koordynator").post(url, {"format": "pdf"})
    assert response.status_code == 200
    assert "Wybierz format pliku: CSV albo XLSX." in response.content.decode()
    assert not Zadanie.objects.exists()


def test_the_page_offers_both_formats_and_a_changed_answer_makes_the_stored_file_stale(
    client_as, world, arkusz, django_capture_on_commit_callbacks
):
    client = client_as("koordynator")
    url = reverse("raporty:eksport_odpowiedzi", args=[world["edycja"].pk])
    page = client.get(url).content.decode()
    assert 'value="csv"' in page and 'value="xlsx"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"format": "csv"})
        client.post(url, {"format": "csv"})  # unchanged data: the stored file is reused
    assert Zadanie.objects.count() == 1
    assert client.get(url, {"format": "csv"}).has_header("Content-Disposition")
    assert client.get(url, {"format": "xlsx"}).status_code == 200  # no XLSX yet: the page
    pytanie = PytanieSzablonu.objects.get(kod="p1", sekcja__wersja=arkusz.wersja_szablonu)
    services.odpowiedz_zapisz(arkusz=arkusz, pytanie=pytanie, wartosc=4, wersja=1,
                              actor=world["personas"]["jst-a-czlonek"])
    stale = client.get(url, {"format": "csv"})
    assert not stale.has_header("Content-Disposition") and "Przygotuj CSV" in stale.content.decode()


def _wypelnij_arkusze(world, wersja, liczba_jst: int) -> None:
    from jst.tests.factories import UdzialFactory

    autor = world["personas"]["koordynator"]
    pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja, typ="skala"))  # 3 questions
    for _i in range(liczba_jst):
        arkusz = services.arkusz_zaloz(udzial=UdzialFactory(edycja=world["edycja"]), actor=autor)
        for j, pytanie in enumerate(pytania):
            services.odpowiedz_zapisz(arkusz=arkusz, pytanie=pytanie, wartosc=j + 1, wersja=0, actor=autor)


def test_the_export_runs_a_fixed_number_of_queries_whatever_the_number_of_answers(world, wersja):
    koordynator = world["personas"]["koordynator"]
    parametry = {"edycja": world["edycja"].pk, "format": "xlsx"}
    counts = []
    for liczba_jst in (4, 30):  # 3 answers each: 12 rows, then 102
        _wypelnij_arkusze(world, wersja, liczba_jst)
        job = zadania.zadanie_zlec(rodzaj=ODPOWIEDZI_ARKUSZY, parametry=parametry, actor=koordynator)
        with CaptureQueriesContext(connection) as queries:
            assert zadania.wykonaj(job.pk) == "gotowe"
        counts.append(len(queries))
    assert counts[0] == counts[1]
