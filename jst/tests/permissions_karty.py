"""Permission-matrix rows for monthly timesheets (jst/urls_karty.py).

"My cards" are the adviser's own pages: every adviser 200 for an edition they work in (doradca-spoza has
none: 404), everyone else 403. The card of ros1 (edition 2022/2023, November 2022) under /edycje/:
the edition's coordinator and admin 200, ros1 themself 200, other advisers and koordynator2 404, team
members 403. Only coordinators decide (ros1 403 on their own card's decision).
"""

import datetime

from doradztwo.tests.matrix import parse_table
from jst.forms_karty import DecyzjaKartyForm, MiesiacEdycjiForm, ZlozKarteForm

LISTOPAD = datetime.date(2022, 11, 1)


def _wpis_ros1(world) -> None:
    from jst.models import WpisZdalny

    WpisZdalny.objects.get_or_create(
        doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"], data=datetime.date(2022, 11, 15),
        poczatek=datetime.time(9, 0),
        defaults={"minuty": 90, "forma": WpisZdalny.Forma.WIDEO, "temat": "Przygotowanie arkusza"})


def _moja(world) -> dict:
    _wpis_ros1(world)
    return {"edycja_pk": world["edycja"].pk, "miesiac": LISTOPAD}


def _karta_ros1(world) -> dict:
    _wpis_ros1(world)
    return {"pk": world["edycja"].pk, "doradca_pk": world["doradcy"]["ros1"].pk, "miesiac": LISTOPAD}


def _edycja_ze_zlozona_karta(world) -> dict:
    # A submitted card, so the first coordinator's bulk approval has something to approve.
    from jst.models import KartaCzasuPracy

    KartaCzasuPracy.objects.get_or_create(doradca=world["doradcy"]["pro1"], edycja=world["edycja"],
                                          miesiac=LISTOPAD, defaults={"stan": "zlozona"})
    return {"pk": world["edycja"].pk}


def _decyzja(world) -> dict:
    # Read at each request: approve a card that is not approved, otherwise reopen it (with a reason).
    from jst.models import KartaCzasuPracy

    karta = KartaCzasuPracy.objects.filter(doradca=world["doradcy"]["ros1"], edycja=world["edycja"],
                                           miesiac=LISTOPAD).first()
    if karta is not None and karta.stan == "zatwierdzona":
        return {"akcja": "otworz", "powod": "Brakuje wpisu z 20 listopada.", "wersja": karta.wersja}
    return {"akcja": "zatwierdz", "wersja": karta.wersja if karta else 0}


ARGS = {
    "jst:moja_karta": _moja,
    "jst:karta_zloz": _moja,
    "jst:karta": _karta_ros1,
    "jst:karta_decyzja": _karta_ros1,
    "jst:karta_pdf": _karta_ros1,
    "jst:karty_edycji": lambda world: {"pk": world["edycja"].pk},
    "jst:karty_zatwierdz": _edycja_ze_zlozona_karta,
}

DATA = {
    "jst:karta_decyzja": _decyzja,
    "jst:karty_zatwierdz": lambda world: {"miesiac": "2022-11"},
}

ROWS = parse_table(
    "jst",
    """
url                 | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:moje_karty      | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:moje_karty      | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:moja_karta      | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 404
jst:moja_karta      | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karta_zloz      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karta_zloz      | POST   | 302  | 403   | 403         | 403          | 302  | 302  | 302  | 302  | 403         | 403           | 403         | 403           | 404
jst:karta           | GET    | 302  | 200   | 200         | 404          | 200  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:karta           | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karta_decyzja   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karta_decyzja   | POST   | 302  | 302   | 302         | 404          | 403  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:karta_pdf       | GET    | 302  | 200   | 200         | 404          | 200  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:karta_pdf       | POST   | 302  | 302   | 302         | 404          | 302  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:karty_edycji    | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:karty_edycji    | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karty_zatwierdz | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:karty_zatwierdz | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:karta_zloz": ZlozKarteForm,
    "jst:karta_decyzja": DecyzjaKartyForm,
    "jst:karta_pdf": (None, "no form: starts a PDF job; the body is ignored"),
    "jst:karty_zatwierdz": MiesiacEdycjiForm,
}
