"""Permission-matrix rows for exports: the edition's coordinators (and administrators) only —
advisers and teams 403 (the contacts export holds e-mails and phones), another edition's
coordinator 404. `raporty:eksport` is checked on the contacts export."""

from doradztwo.tests.matrix import parse_table
from raporty.views_eksporty import FormatForm

ARGS = {
    "raporty:eksporty": lambda world: {"pk": world["edycja"].pk},
    "raporty:eksport": lambda world: {"pk": world["edycja"].pk, "slug": "kontakty"},
    "raporty:eksport_odpowiedzi": lambda world: {"pk": world["edycja"].pk},
}
DATA = {
    "raporty:eksport": lambda world: {"format": "csv"},
    "raporty:eksport_odpowiedzi": lambda world: {"format": "csv"},
}

# Not in DOWNLOADS: without `?format=` the GET is always the page (the file is served only for
# `?format=csv|xlsx`), so the accessibility gate audits it.

ROWS = parse_table(
    "raporty",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:eksporty           | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
raporty:eksporty           | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
raporty:eksport            | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
raporty:eksport            | POST | 302 | 302 | 302 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
raporty:eksport_odpowiedzi | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
raporty:eksport_odpowiedzi | POST | 302 | 302 | 302 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "raporty:eksport": FormatForm,
    "raporty:eksport_odpowiedzi": FormatForm,
}
