"""Permission-matrix rows for the edition dashboard and its htmx panels (raporty/urls_pulpit.py):
the edition's coordinators and administrators read them; another edition's coordinator gets 404;
advisers and teams 403. All GET-only (POST 405)."""

from doradztwo.tests.matrix import parse_table

ARGS = {
    "raporty:pulpit_edycji": lambda world: {"pk": world["edycja"].pk},
    "raporty:pulpit_godziny": lambda world: {"pk": world["edycja"].pk},
    "raporty:pulpit_liczby": lambda world: {"pk": world["edycja"].pk},
}

ROWS = parse_table(
    "raporty",
    """
url                    | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:pulpit_edycji  | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
raporty:pulpit_edycji  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:pulpit_godziny | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
raporty:pulpit_godziny | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:pulpit_liczby  | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
raporty:pulpit_liczby  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
)
