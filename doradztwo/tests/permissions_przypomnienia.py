"""Permission-matrix rows for the reminder settings (doradztwo/urls_przypomnienia.py).

An edition's rules and sent log live under /edycje/<id>/ (the 2022/2023 edition: admin and koordynator;
koordynator2 runs another edition → 404; other roles → 403). Everyone signed in has their own
notification settings; posting the defaults changes nothing."""

from doradztwo.forms_przypomnienia import PreferencjeForm, RegulaForm
from doradztwo.tests.matrix import parse_table


def _regula(world) -> dict:
    from doradztwo.models import RegulaPrzypomnienia

    regula = RegulaPrzypomnienia.objects.filter(edycja=world["edycja"], rodzaj="zdalne_brak").first()
    return {"wlaczona": "on", "dni": "15", "wersja": regula.wersja if regula else 0}


def _ustawienia(world) -> dict:
    from doradztwo.przypomnienia import rodzaje

    return {r.kod: "wszystko" for r in rodzaje()}


ARGS = {
    "przypomnienia:edycja": lambda world: {"pk": world["edycja"].pk},
    "przypomnienia:regula": lambda world: {"pk": world["edycja"].pk, "rodzaj": "zdalne_brak"},
}

DATA = {
    "przypomnienia:regula": _regula,
    "przypomnienia:ustawienia": _ustawienia,
}

ROWS = parse_table(
    "doradztwo",
    """
url                      | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
przypomnienia:edycja     | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
przypomnienia:edycja     | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
przypomnienia:regula     | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
przypomnienia:regula     | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
przypomnienia:ustawienia | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
przypomnienia:ustawienia | POST   | 302  | 302   | 302         | 302          | 302  | 302  | 302  | 302  | 302         | 302           | 302         | 302           | 302
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "przypomnienia:regula": RegulaForm,
    "przypomnienia:ustawienia": PreferencjeForm,
}
