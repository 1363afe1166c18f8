"""Permission-matrix rows for the 12-area catalogue (/obszary/…): coordinators and administrators
read and edit it; every other signed-in person gets 403. The method is checked before the role, so a
POST to the read-only pages is 405 for every signed-in persona."""

from doradztwo.forms_obszary import ObszarForm
from doradztwo.models import Obszar
from doradztwo.tests.matrix import parse_table


def _budzet():
    return Obszar.objects.get(kod="budzet")


ARGS = {
    "obszary:szczegoly": lambda world: {"pk": _budzet().pk},
    "obszary:edytuj": lambda world: {"pk": _budzet().pk},
}


def _zmiana(world):
    # A valid change carrying the current version (called once per persona, so a coordinator's save
    # never meets a stale version left by the persona before).
    obszar = _budzet()
    return {
        "nazwa": obszar.nazwa,
        "opis": "Opis zmieniony w teście macierzy uprawnień.",
        "zadania": obszar.zadania,
        "narzedzia_zarzadcze": obszar.narzedzia_zarzadcze,
        "narzedzia_rozwoju": obszar.narzedzia_rozwoju,
        "aktywny": "on",
        "wersja": obszar.wersja,
    }


DATA = {"obszary:edytuj": _zmiana}

ROWS = parse_table(
    "doradztwo",
    """
url               | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
obszary:lista     | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
obszary:lista     | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
obszary:szczegoly | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
obszary:szczegoly | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
obszary:edytuj    | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
obszary:edytuj    | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "obszary:edytuj": ObszarForm,
}
