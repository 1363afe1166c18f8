"""Permission-matrix rows for sheet results, the area choice and the coordinator's overview
(diagnoza/urls_wyniki.py).

Results: everyone in JST A's participation reads them. The area choice: JST A's leader and the
edition's coordinators (admin included); the rest of the team and the advisers 403, outsiders 404.
The overview: the edition's coordinators only. ARGS build, lazily, a small template, the edition's
version and JST A's submitted sheet; DATA reads the choice's current version at each request, so the
second coordinator's POST sends the same choice again (302, nothing changes) instead of a stale 409.
"""

from diagnoza.forms_wyniki import WyborObszaruForm
from doradztwo.tests.matrix import parse_table

DANE = {"nazwa": "Arkusz do macierzy uprawnień (wyniki)", "sekcje": [
    {"obszar": "budzet", "tytul": "Planowanie budżetowe",
     "pytania": [{"kod": "mw-b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."},
                 {"kod": "mw-b2", "tresc": "Co roku analizujemy wydatki na oświatę."}]},
    {"obszar": "rodzice", "tytul": "Współpraca z rodzicami",
     "pytania": [{"kod": "mw-r1", "tresc": "Rodzice współdecydują o sprawach szkół."}]},
]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]


def _zlozony_arkusz(world):
    """JST A's sheet, with a few answers, submitted (created once per test database)."""
    from diagnoza import services
    from diagnoza.models import ArkuszEdycji, PytanieSzablonu
    from diagnoza.wyniki import ZLOZONE
    from doradztwo.przeglad import PRZEGLAD, zmien_stan

    p = world["personas"]
    if not ArkuszEdycji.objects.filter(edycja=world["edycja"]).exists():
        wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA)
        services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=p["koordynator"])
    arkusz = services.arkusz_zaloz(udzial=world["udzial_a"], actor=p["jst-a-lider"])
    if arkusz.stan not in ZLOZONE:
        if not arkusz.odpowiedzi.exists():
            pytania = PytanieSzablonu.objects.filter(sekcja__wersja=arkusz.wersja_szablonu,
                                                     typ=PytanieSzablonu.Typ.SKALA).order_by("sekcja__kolejnosc", "kolejnosc")
            for i, pytanie in enumerate(pytania[:4]):
                services.odpowiedz_zapisz(arkusz=arkusz, pytanie=pytanie, wartosc=(i % 4) + 1, wersja=0,
                                          actor=p["jst-a-lider"])
        zmien_stan(arkusz, przejscia=PRZEGLAD, akcja="zloz", actor=p["jst-a-lider"], nazwa="arkusz")
    return arkusz


def _udzial_a(world) -> dict:
    _zlozony_arkusz(world)
    return {"pk": world["udzial_a"].pk}


def _edycja(world) -> dict:
    _zlozony_arkusz(world)
    return {"pk": world["edycja"].pk}


def _wybor(world) -> dict:
    from diagnoza.models import WyborObszaru
    from doradztwo.models import Obszar

    wybor = WyborObszaru.objects.filter(udzial=world["udzial_a"]).first()
    return {"obszar": Obszar.objects.get(kod="budzet").pk, "wersja": wybor.wersja if wybor else 0,
            "uzasadnienie": "Najniższa średnia w arkuszu i zgoda całego zespołu na spotkaniu."}


ARGS = {
    "diagnoza:wyniki": _udzial_a,
    "diagnoza:wybor_obszaru": _udzial_a,
    "diagnoza:przeglad_edycji": _edycja,
}
DATA = {"diagnoza:wybor_obszaru": _wybor}

ROWS = parse_table(
    "diagnoza",
    """
url                      | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:wyniki          | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:wyniki          | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wybor_obszaru   | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 404  | 404  | 200         | 403           | 404         | 404           | 404
diagnoza:wybor_obszaru   | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 404  | 404  | 302         | 403           | 404         | 404           | 404
diagnoza:przeglad_edycji | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:przeglad_edycji | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:wybor_obszaru": WyborObszaruForm,
}
