"""Permission-matrix rows for the JST register: a catalogue every coordinator and administrator reads
(CONVENTIONS §4); other signed-in users get 403, POST is not allowed."""

from doradztwo.tests.matrix import parse_table

# URLs answering with an htmx fragment (checked by the accessibility gate inside a minimal page).
FRAGMENTS = {"jst:szukaj"}

ROWS = parse_table(
    "jst",
    """
url          | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:rejestr  | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:rejestr  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:szukaj   | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:szukaj   | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
)
