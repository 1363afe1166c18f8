"""Permission-matrix rows for remote advice and the hour grids (jst/urls_zdalne.py).

"My entries" and "my hours" are the adviser's own pages: every adviser (doradca-spoza too) gets 200,
everyone else 403. An entry of ros1 for JST A: only ros1 edits it; other insiders of JST A (pro1, the
team, the edition's coordinator, admin) get 403, outsiders 404. After ros1 deletes it, the personas
that follow find nothing (404). The coordinator's grid lives under /edycje/<id>/.
"""

import datetime

from doradztwo.tests.matrix import parse_table
from jst.forms_zdalne import WpisZdalnyForm


def _wpis_ros1_a(world):
    from jst.models import WpisZdalny

    wpis, _ = WpisZdalny.objects.get_or_create(
        doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"], data=datetime.date(2022, 11, 15),
        poczatek=datetime.time(9, 0),
        defaults={"minuty": 60, "forma": WpisZdalny.Forma.WIDEO, "temat": "Przygotowanie arkusza"})
    return wpis


def _args_wpis(world) -> dict:
    return {"pk": _wpis_ros1_a(world).pk}


def _nowy_wpis(world) -> dict:
    # JST A: ros1 and pro1 save it (302); everyone else's choice list lacks JST A (400, nothing saved).
    return {"udzial": world["udzial_a"].pk, "data": "2023-01-10", "poczatek": "10:00", "minuty": "60",
            "forma": "telefon", "temat": "Omówienie wyników arkusza", "ustalenia": "Zespół zbierze dane."}


def _edycja_wpisu(world) -> dict:
    from jst.models import WpisZdalny

    wpis = WpisZdalny.objects.filter(doradca=world["doradcy"]["ros1"], data=datetime.date(2022, 11, 15)).first()
    return {"udzial": world["udzial_a"].pk, "data": "2022-11-15", "poczatek": "09:00", "minuty": "90",
            "forma": "wideo", "temat": "Przygotowanie arkusza i wskaźników", "ustalenia": "",
            "wersja": wpis.wersja if wpis else 1}


def _usuniecie_wpisu(world) -> dict:
    from jst.models import WpisZdalny

    wpis = WpisZdalny.objects.filter(doradca=world["doradcy"]["ros1"], data=datetime.date(2022, 11, 15)).first()
    return {"wersja": wpis.wersja if wpis else 1}


ARGS = {
    "jst:wpis_zdalny_edytuj": _args_wpis,
    "jst:wpis_zdalny_usun": _args_wpis,
    "jst:wpisy_zdalne_udzialu": lambda world: {"pk": world["udzial_a"].pk},
    "jst:godziny_edycji": lambda world: {"pk": world["edycja"].pk},
}

DATA = {
    "jst:wpis_zdalny_nowy": _nowy_wpis,
    "jst:wpis_zdalny_edytuj": _edycja_wpisu,
    "jst:wpis_zdalny_usun": _usuniecie_wpisu,
}

ROWS = parse_table(
    "jst",
    """
url                      | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:moje_wpisy           | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:moje_wpisy           | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wpis_zdalny_nowy     | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:wpis_zdalny_nowy     | POST   | 302  | 403   | 403         | 403          | 302  | 302  | 400  | 400  | 403         | 403           | 403         | 403           | 400
jst:wpis_zdalny_edytuj   | GET    | 302  | 403   | 403         | 404          | 200  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wpis_zdalny_edytuj   | POST   | 302  | 403   | 403         | 404          | 302  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wpis_zdalny_usun     | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wpis_zdalny_usun     | POST   | 302  | 403   | 403         | 404          | 302  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
jst:moje_godziny         | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:moje_godziny         | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wpisy_zdalne_udzialu | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:wpisy_zdalne_udzialu | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:godziny_edycji       | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:godziny_edycji       | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:wpis_zdalny_nowy": WpisZdalnyForm,
    "jst:wpis_zdalny_edytuj": WpisZdalnyForm,
    "jst:wpis_zdalny_usun": (None, "no form: a button carrying the version", ("wersja",)),
}
