"""Permission-matrix rows for raporty: start pages (dashboards, reports and exports come later)."""

from doradztwo.tests.matrix import parse_table

ROWS = parse_table(
    "raporty",
    """
url            | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:start  | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
raporty:start  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
)
