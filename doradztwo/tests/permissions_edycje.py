"""Permission-matrix rows for editions and coordinators' accounts."""

from doradztwo.forms import EdycjaForm, KalendarzFormSet, KoordynatorForm, KopiaEdycjiForm, StatusEdycjiForm
from doradztwo.tests.matrix import parse_table

ARGS = {name: (lambda world: {"pk": world["edycja"].pk}) for name in (
    "edycje:szczegoly", "edycje:edytuj", "edycje:kalendarz", "edycje:kopiuj", "edycje:status")}
ARGS["koordynator_zaproszenie"] = lambda world: {"pk": world["personas"]["koordynator"].pk}

ROWS = parse_table(
    "doradztwo",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
edycje:lista            | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:lista            | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
edycje:nowa             | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:nowa             | POST | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:szczegoly        | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:szczegoly        | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
edycje:edytuj           | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:edytuj           | POST | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:kalendarz        | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:kalendarz        | POST | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:kopiuj           | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:kopiuj           | POST | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
edycje:status           | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
edycje:status           | POST | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
koordynatorzy           | GET  | 302 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
koordynatorzy           | POST | 302 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
koordynator_zaproszenie | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
koordynator_zaproszenie | POST | 302 | 302 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "edycje:nowa": EdycjaForm,
    "edycje:edytuj": EdycjaForm,
    "edycje:kalendarz": KalendarzFormSet,
    "edycje:kopiuj": KopiaEdycjiForm,
    "edycje:status": StatusEdycjiForm,
    "koordynatorzy": KoordynatorForm,
    "koordynator_zaproszenie": (None, "no form: a button (resend the invitation); the view reads nothing from the body"),
}
