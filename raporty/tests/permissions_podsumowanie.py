"""Permission-matrix rows for the JST summary PDF and the edition's ZIP of summaries.

The PDF: anyone with a current role in JST A (the edition's coordinator, admin, ros1/pro1, the JST A
team); other insiders of the edition's scope get 404 (koordynator2, JST B's advisers and team,
doradca-spoza). The ZIP: the edition's coordinator and admin; koordynator2 404 (another edition),
everyone else 403 (a coordinator's page). GET shows the page with the button (no file exists in
the matrix; a GET never starts a job), POST starts the job and redirects to its page."""

from doradztwo.tests.matrix import parse_table

ARGS = {
    "raporty:podsumowanie_pdf": lambda world: {"pk": world["udzial_a"].pk},
    "raporty:podsumowania_zip": lambda world: {"pk": world["edycja"].pk},
}

ROWS = parse_table(
    "raporty",
    """
url                      | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:podsumowanie_pdf | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:podsumowanie_pdf | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 302         | 302           | 404         | 404           | 404
raporty:podsumowania_zip | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
raporty:podsumowania_zip | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "raporty:podsumowanie_pdf": (None, "no form: starts a PDF job; the body is ignored"),
    "raporty:podsumowania_zip": (None, "no form: starts a PDF job; the body is ignored"),
}
