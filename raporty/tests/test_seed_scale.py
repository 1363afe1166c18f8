"""`manage.py seed_scale` at a small N (issue 12) and the generator of docs/performance.md.

seed_scale refuses a database that already has participations (instead of being idempotent): its
printed counts are then exactly the database's, and the bench seeds each size into its own database."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from diagnoza.models import Arkusz, Odpowiedz, PytanieSzablonu, WartoscWskaznika
from doradztwo.models import Edycja
from hdr.models import Dzialanie
from jst.models import CzlonekZespolu, Doradca, PrzydzialDoradcy, Udzial, WpisZdalny
from raporty.models import RaportKoncowy

DZIS = datetime.date(2026, 11, 20)


def _seed(n: int) -> str:
    out = io.StringIO()
    call_command("seed_scale", "--jst", str(n), "--dzis", DZIS.isoformat(), stdout=out)
    return out.getvalue()


def _odcisk() -> list:
    """What the data says, independent of row ids: JST, stage, answers, actions, entries."""
    return [
        sorted(Udzial.objects.values_list("jst__teryt", "etap")),
        sorted(Odpowiedz.objects.values_list("arkusz__udzial__jst__teryt", "pytanie__kod", "wartosc", "nie_wiem")),
        sorted(Dzialanie.objects.values_list("wersja_hdr__hdr__udzial__jst__teryt", "klucz", "od", "do")),
        sorted(WpisZdalny.objects.values_list("doradca__uzytkownik__username", "data", "poczatek", "minuty")),
        sorted(WartoscWskaznika.objects.values_list("udzial__jst__teryt", "wskaznik__kod", "okres", "wynik")),
    ]


@pytest.mark.django_db
def test_seed_scale_builds_a_whole_edition_for_n_jsts_and_prints_the_counts_it_made():
    output = _seed(8)

    pytania = PytanieSzablonu.objects.filter(sekcja__wersja__stan="opublikowana").count()
    assert Edycja.objects.filter(nazwa="Doradztwo dla JST – skala 8 JST", status="aktywna").count() == 1
    assert Udzial.objects.count() == 8
    assert CzlonekZespolu.objects.filter(aktywny=True).count() == 8 * 5
    assert CzlonekZespolu.objects.filter(lider=True).count() == 8
    assert Doradca.objects.count() == 2 * 2  # one ROS and one PRO per 4 JSTs
    assert PrzydzialDoradcy.objects.filter(do__isnull=True).count() == 8 * 2
    assert Arkusz.objects.filter(stan="zatwierdzona").count() == 8
    assert Odpowiedz.objects.count() == 8 * pytania
    assert Dzialanie.objects.count() == 8 * 15
    assert RaportKoncowy.objects.count() == 4  # reports for half
    # 8 months of remote advice, never two entries of one adviser at once.
    miesiace = {d.replace(day=1) for d in WpisZdalny.objects.values_list("data", flat=True)}
    assert len(miesiace) == 8 and max(miesiace) < DZIS.replace(day=1)
    for doradca in Doradca.objects.all():
        terminy = list(WpisZdalny.objects.filter(doradca=doradca).values_list("data", "poczatek"))
        assert len(terminy) == len(set(terminy))
    assert "diagnoza.Odpowiedz" in output and f"{8 * pytania}" in output
    assert "jst.Udzial" in output and "total" in output


@pytest.mark.django_db
def test_seed_scale_makes_the_same_rows_when_run_again_on_the_same_day():
    from jst.rejestr import jst_importuj_teryt
    from raporty.skala import zbuduj

    jst_importuj_teryt(actor=None)
    odciski, liczniki = [], []
    for _ in range(2):
        with transaction.atomic():
            liczniki.append(zbuduj(5, stdout=io.StringIO(), dzis=DZIS))
            odciski.append(_odcisk())
            transaction.set_rollback(True)
    assert liczniki[0] == liczniki[1]
    assert odciski[0] == odciski[1]
    assert odciski[0][0]  # not two empty runs


@pytest.mark.django_db
def test_seed_scale_refuses_a_database_that_already_has_participations():
    from jst.tests.factories import UdzialFactory

    UdzialFactory()
    with pytest.raises(CommandError, match="already has participations"):
        _seed(3)
    assert Udzial.objects.count() == 1
    assert not Edycja.objects.filter(nazwa__startswith="Doradztwo dla JST – skala").exists()


# --- the bench's refusals and the generator of docs/performance.md ------------------------------


def test_the_bench_refuses_debug_and_sqlite():
    from bench.srodowisko import Odmowa, sprawdz_odmowy

    with pytest.raises(Odmowa, match="DEBUG=True"):
        sprawdz_odmowy({"DEBUG": "True"})
    with pytest.raises(Odmowa, match="PostgreSQL"):
        sprawdz_odmowy({"DATABASE_URL": "sqlite:///tmp/x.sqlite3"})
    sprawdz_odmowy({"DEBUG": "False", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"})


def _strona(nazwa, mediana, p95, zapytania):
    return {"nazwa": nazwa, "status": [200], "serwer_ms": {"n": 20, "mediana": mediana, "p95": p95},
            "klient_ms": {"n": 20, "mediana": mediana + 1, "p95": p95 + 1}, "zapytania": zapytania,
            "zapytania_rozne": [zapytania], "bajty": 1000}


def _eksport(slug, czas, szczyt):
    return {"slug": slug, "rodzaj": slug, "format": "csv", "czas_s": czas, "wierszy": 1000, "bajty": 10**6,
            "szczyt_ponad_start_b": szczyt}


def _fixture(katalog):
    mib = 2**20
    pliki = {
        "maszyna": {"maszyna": {"cpu": "Test CPU", "rdzenie": 2, "pamiec_b": 4 * 2**30, "system": "Linux",
                                "python": "3.11"}, "wersje": {"postgresql": "15", "django": "5.2"},
                    "postgres_wlasny": True, "data": "2026-11-20"},
        "seed-20": {"etap": "seed", "jst": 20, "czas_etapu_s": 40, "seed_s": 3.0, "wiersze": {"jst.Udzial": 20},
                    "wierszy_razem": 20, "rozmiar_bazy_b": 10 * mib},
        "seed-2807": {"etap": "seed", "jst": 2807, "czas_etapu_s": 120, "seed_s": 86.2,
                      "wiersze": {"jst.Udzial": 2807}, "wierszy_razem": 2807, "rozmiar_bazy_b": 500 * mib},
        "strony-koordynator-20": {"etap": "strony-koordynator", "jst": 20, "czas_etapu_s": 30, "strony": [
            _strona("raporty:pulpit_edycji", 50, 60, 12), _strona("jst:udzialy", 20, 25, 10)],
            "podloga_pulpitu": {"ms": {"n": 20, "mediana": 2.0, "p95": 3.0}}},
        "strony-koordynator-2807": {"etap": "strony-koordynator", "jst": 2807, "czas_etapu_s": 300, "strony": [
            _strona("raporty:pulpit_edycji", 120, 250, 12), _strona("jst:udzialy", 400, 500, 11)],
            "podloga_pulpitu": {"ms": {"n": 20, "mediana": 40.0, "p95": 45.0}}},
        "autozapis-2807": {"etap": "autozapis", "jst": 2807, "czas_etapu_s": 60, "zapisow": 1000, "na_sekunde": 90,
                           "bledy": 0, "konflikty": 0, "zapytania": [12],
                           "serwer_ms": {"n": 1000, "mediana": 20, "p95": 45},
                           "klient_ms": {"n": 1000, "mediana": 200, "p95": 400}},
        "pdf-jeden-2807": {"etap": "pdf-jeden", "jst": 2807, "czas_etapu_s": 20,
                           "ms": {"n": 5, "mediana": 1700, "p95": 1900}, "bajty": 80000, "stron": 9},
        "eksporty-csv-200": {"etap": "eksporty-csv", "jst": 200, "czas_etapu_s": 20,
                             "eksporty": [_eksport("odpowiedzi-arkuszy", 0.8, 8 * mib)]},
        "eksporty-csv-2807": {"etap": "eksporty-csv", "jst": 2807, "czas_etapu_s": 60,
                              "eksporty": [_eksport("odpowiedzi-arkuszy", 9.0, 9 * mib)]},
    }
    for nazwa, dane in pliki.items():
        (katalog / f"{nazwa}.json").write_text(json.dumps(dane))


def test_the_performance_page_computes_met_and_missed_from_the_result_files(tmp_path):
    from bench.raport import cele, generuj, wczytaj

    _fixture(tmp_path)
    wynik = {c.klucz: c for c in cele(wczytaj(tmp_path))}
    assert wynik["zapytania"].spelniony is False  # jst:udzialy 10 → 11 queries: not the same at 20 and 2807
    assert "`jst:udzialy` 10→11" in wynik["zapytania"].zmierzono
    assert wynik["pulpit_p95"].spelniony is True  # 250 ms
    assert wynik["pulpit_podloga"].spelniony is False  # 120 ms / 40 ms = 3.0× the floor
    assert wynik["pulpit_podloga"].zmierzono.startswith("3.0×")
    assert wynik["autozapis"].spelniony is True
    assert wynik["pdf"].spelniony is False  # 1.7 s
    assert wynik["csv_czas"].spelniony is True and wynik["csv_pamiec"].spelniony is True
    assert wynik["obciazenie"].spelniony is None  # the stage did not run

    plik = generuj(katalog=tmp_path, wyjscie=tmp_path / "performance.md",
                   powody={"pdf": {"dlaczego": "WeasyPrint lays out 9 pages.", "co_zrobic": "A lighter template."}})
    tekst = plik.read_text()
    assert "| one JST summary PDF < 1 s | 1 700 ms (median of 5) | **missed** |" in tekst
    assert "**one JST summary PDF < 1 s** — WeasyPrint lays out 9 pages." in tekst
    assert "*What it would take:* A lighter template." in tekst
    assert "reason not recorded yet" in tekst  # the query target missed without a recorded reason
    assert "| dashboard p95 < 300 ms | 250 ms (n=20) | **met** |" in tekst
    assert "| mixed load ≥ 200 requests/s with 0 errors | not measured | not measured |" in tekst
    assert "| seed time (`seed_scale`, TERYT import included) | 3.00 s | 86 s |" in tekst


def test_docs_performance_md_is_what_the_generator_makes_of_the_committed_results(tmp_path):
    """docs/performance.md is generated, never edited by hand: regenerating it from bench/results/*.json
    gives the committed page, and every target missed there carries its reason (bench/powody.py)."""
    from django.conf import settings

    from bench.powody import POWODY
    from bench.raport import cele, generuj, wczytaj

    wyniki = settings.BASE_DIR / "bench" / "results"
    nowa = generuj(katalog=wyniki, wyjscie=tmp_path / "performance.md")
    assert nowa.read_text() == (settings.BASE_DIR / "docs" / "performance.md").read_text()
    chybione = [c.klucz for c in cele(wczytaj(wyniki)) if c.spelniony is False]
    assert all(klucz in POWODY for klucz in chybione), chybione
    assert "reason not recorded yet" not in nowa.read_text()
