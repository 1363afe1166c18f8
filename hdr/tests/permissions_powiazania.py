"""Permission-matrix rows for remote entries ↔ HDR actions (hdr/urls_powiazania.py). Built on JST B
(its approved HDR from hdr/tests/fixtures_hdr.py, shared idempotently with the monitoring rows) and an
entry of ros2 dated 07.12.2022, a month no other row approves.

Linking page: only the entry's author (ros2, currently assigned) opens and saves it; other insiders
of JST B (pro2, the team, the edition's coordinator, admin) get 403, outsiders 404. The list of advice
linked to an action is read by everyone in JST B."""

import datetime

from doradztwo.tests.matrix import parse_table
from hdr.forms_powiazania import PowiazanieForm


def _dzialanie_b(world):
    from hdr.tests.fixtures_hdr import hdr_zatwierdzony

    _hdr, wersja = hdr_zatwierdzony(world, jst="b")
    return wersja.dzialania.order_by("pk").first()


def _wpis_ros2_b(world):
    from jst.models import WpisZdalny

    wpis, _ = WpisZdalny.objects.get_or_create(
        doradca=world["doradcy"]["ros2"], udzial=world["udzial_b"], data=datetime.date(2022, 12, 7),
        poczatek=datetime.time(11, 0),
        defaults={"minuty": 45, "forma": WpisZdalny.Forma.TELEFON, "temat": "Budżet zadaniowy oświaty"})
    return wpis


def _args_wpis(world) -> dict:
    _dzialanie_b(world)
    return {"pk": world["udzial_b"].pk, "wpis_pk": _wpis_ros2_b(world).pk}


def _args_dzialanie(world) -> dict:
    return {"pk": world["udzial_b"].pk, "klucz": _dzialanie_b(world).klucz}


def _powiazanie(world) -> dict:
    # The form opened with no link ("widziane" empty): ros2 links the entry (302), the rest are refused.
    return {"dzialanie": str(_dzialanie_b(world).klucz), "widziane": ""}


ARGS = {
    "hdr:powiazanie_wpisu": _args_wpis,
    "hdr:porady_dzialania": _args_dzialanie,
}
DATA = {"hdr:powiazanie_wpisu": _powiazanie}

ROWS = parse_table(
    "hdr",
    """
url                  | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
hdr:powiazanie_wpisu | GET    | 302  | 403   | 403         | 404          | 404  | 404  | 200  | 403  | 404         | 404           | 403         | 403           | 404
hdr:powiazanie_wpisu | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 302  | 403  | 404         | 404           | 403         | 403           | 404
hdr:porady_dzialania | GET    | 302  | 200   | 200         | 404          | 404  | 404  | 200  | 200  | 404         | 404           | 200         | 200           | 404
hdr:porady_dzialania | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "hdr:powiazanie_wpisu": PowiazanieForm,
}
