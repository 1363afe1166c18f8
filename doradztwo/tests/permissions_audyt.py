"""Permission-matrix rows for the administrator's audit page (/audyt/): administrators only; every
other signed-in person gets 403. The method is checked before the role, so a POST is 405 for every
signed-in persona (the page is read-only)."""

from doradztwo.tests.matrix import parse_table

ROWS = parse_table(
    "doradztwo",
    """
url         | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
audyt:lista | GET    | 302  | 200   | 403         | 403          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
audyt:lista | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
)
