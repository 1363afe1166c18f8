"""Permission-matrix rows for the task's presentation handout (anyone with a role in the participation;
POST starts the job) and the coordinator's overview of the task (the edition's coordinators; other roles
403, another edition's coordinator 404). ARGS build, lazily and once per test database, JST A's
submitted sheet, its chosen area and a task with one indicator value, through the services."""

from doradztwo.tests.matrix import parse_table


def _zadanie_a(world):
    from diagnoza import services_zadanie
    from diagnoza.models import WartoscWskaznika, Wskaznik, WyborObszaru
    from diagnoza.services_wyniki import obszar_wybierz
    from diagnoza.tests.permissions_wyniki import _zlozony_arkusz
    from doradztwo.models import Obszar

    udzial, lider = world["udzial_a"], world["personas"]["jst-a-lider"]
    if not WyborObszaru.objects.filter(udzial=udzial).exists():
        _zlozony_arkusz(world)
        obszar_wybierz(udzial=udzial, obszar=Obszar.objects.get(kod="budzet"), wersja=0, actor=lider,
                       uzasadnienie="Najniższa średnia w arkuszu i zgoda całego zespołu na spotkaniu.")
    zadanie = services_zadanie.zadanie_zaloz(udzial=udzial, actor=lider)
    if not zadanie.obszary.exists():
        obszar = services_zadanie.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
        wskaznik = Wskaznik.objects.get(kod="doplata_uczen")
        services_zadanie.wskazniki_wybierz(obszar=obszar, wskazniki=[wskaznik], wersja=obszar.wersja, actor=lider)
    if not WartoscWskaznika.objects.filter(udzial=udzial).exists():
        services_zadanie.wartosc_zapisz(zadanie=zadanie, wskaznik=Wskaznik.objects.get(kod="doplata_uczen"),
                                        okres="2022", dane={"wydatki": "1000000", "subwencja": "600000",
                                                            "uczniowie": "300"}, actor=lider)
    return zadanie


def _udzial_a(world) -> dict:
    _zadanie_a(world)
    return {"pk": world["udzial_a"].pk}


def _edycja(world) -> dict:
    _zadanie_a(world)
    return {"pk": world["edycja"].pk}


# GET serves the stored PDF when it is current (otherwise a page with "Przygotuj PDF").
DOWNLOADS = {"diagnoza:zadanie_pdf"}

ARGS = {"diagnoza:zadanie_pdf": _udzial_a, "diagnoza:przeglad_zadan": _edycja}

ROWS = parse_table(
    "diagnoza",
    """
url                     | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:zadanie_pdf    | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:zadanie_pdf    | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:przeglad_zadan | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:przeglad_zadan | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:zadanie_pdf": (None, "no form: starts a PDF job; the body is ignored"),
}
