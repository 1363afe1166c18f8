"""Permission-matrix rows for the administrator's personal-data pages (doradztwo/urls_rodo.py, namespace
`rodo_admin`, under /rodo/ next to the public klauzula informacyjna): administrators only, everyone else
403, anonymous 302. Read-only pages check the method first (POST 405 for every signed-in persona).

Anonymisation is irreversible, so its rows aim at a throwaway account no other row uses (created here
idempotently): the administrator's POST anonymises it (302); the later personas' POSTs are refused."""

from doradztwo.forms_rodo import AnonimizacjaForm, RetencjaForm
from doradztwo.tests.matrix import parse_table

MACIERZ_LOGIN = "rodo-macierz@example.org"


def _do_anonimizacji(world) -> dict:
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=MACIERZ_LOGIN, defaults={"email": MACIERZ_LOGIN, "first_name": "Rozalia", "last_name": "Macierzowa"})
    return {"pk": user.pk}


def _retencja(world) -> dict:
    from doradztwo.models import RetencjaDanych

    regula = RetencjaDanych.objects.filter(rodzaj="obecnosc").first()
    if regula is None:
        return {"lata": 10, "podstawa": "Umowa o dofinansowanie projektu.", "wersja": 0}
    return {"lata": regula.lata, "podstawa": regula.podstawa, "wersja": regula.wersja}


ARGS = {
    "rodo_admin:osoba": lambda world: {"pk": world["personas"]["jst-b-czlonek"].pk},
    "rodo_admin:eksport": lambda world: {"pk": world["personas"]["jst-b-czlonek"].pk, "typ": "json"},
    "rodo_admin:anonimizacja": _do_anonimizacji,
    "rodo_admin:retencja_rodzaj": lambda world: {"kod": "obecnosc"},
}

DATA = {
    "rodo_admin:anonimizacja": lambda world: {"powod": "Osoba zakończyła udział w programie.",
                                              "potwierdzenie": MACIERZ_LOGIN},
    "rodo_admin:retencja_rodzaj": _retencja,
}

FORMS = {
    "rodo_admin:eksport": (None, "no form: a button that starts the export job; the view reads nothing from the body"),
    "rodo_admin:anonimizacja": AnonimizacjaForm,
    "rodo_admin:retencja_rodzaj": RetencjaForm,
}

ROWS = parse_table(
    "doradztwo",
    """
url                         | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
rodo_admin:osoby            | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:osoby            | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
rodo_admin:osoba            | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:osoba            | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
rodo_admin:eksport          | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:eksport          | POST   | 302  | 302   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:anonimizacja     | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:anonimizacja     | POST   | 302  | 302   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:retencja         | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:retencja         | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
rodo_admin:retencja_rodzaj  | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
rodo_admin:retencja_rodzaj  | POST   | 302  | 302   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
""",
    args=ARGS,
    data=DATA,
)
