"""Permission-matrix rows for participations: list, enrolment, the participation page, stage, team."""

from doradztwo.tests.matrix import parse_table
from jst.forms import CzlonekEdycjaForm, CzlonekForm, EtapForm, ListaKodowForm, PowodForm, ZapiszJstForm

ARGS = {
    "jst:udzialy": lambda world: {"pk": world["edycja"].pk},
    "jst:zapisz": lambda world: {"pk": world["edycja"].pk},
}
for _name in ("jst:udzial", "jst:etap", "jst:zespol_dodaj", "jst:zespol_zatwierdz", "jst:zespol_otworz",
              "jst:sklad_zespolu_pdf"):
    ARGS[_name] = lambda world: {"pk": world["udzial_a"].pk}
for _name in ("jst:zespol_usun", "jst:zespol_lider", "jst:zespol_zaproszenie", "jst:zespol_edytuj"):
    ARGS[_name] = lambda world: {"pk": world["udzial_a"].pk, "czlonek_pk": world["czlonek_a3"].pk}

ROWS = parse_table(
    "jst",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:udzialy            | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
jst:udzialy            | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zapisz             | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
jst:zapisz             | POST | 302 | 200 | 200 | 404 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
jst:udzial             | GET  | 302 | 200 | 200 | 404 | 200 | 200 | 404 | 404 | 200 | 200 | 404 | 404 | 404
jst:udzial             | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:etap               | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:etap               | POST | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_dodaj       | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_dodaj       | POST | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_zatwierdz   | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zespol_zatwierdz   | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_usun        | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zespol_usun        | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_lider       | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zespol_lider       | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_zaproszenie | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zespol_zaproszenie | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_edytuj      | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_edytuj      | POST | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:zespol_otworz      | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
jst:zespol_otworz      | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 403 | 403 | 404 | 404 | 404
jst:sklad_zespolu_pdf  | GET  | 302 | 200 | 200 | 404 | 403 | 403 | 404 | 404 | 200 | 403 | 404 | 404 | 404
jst:sklad_zespolu_pdf  | POST | 302 | 302 | 302 | 404 | 403 | 403 | 404 | 404 | 302 | 403 | 404 | 404 | 404
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:zapisz": (ZapiszJstForm, ListaKodowForm),
    "jst:etap": EtapForm,
    "jst:zespol_dodaj": CzlonekForm,
    "jst:zespol_zatwierdz": (None, "no form: a button; the view reads nothing from the body"),
    "jst:zespol_usun": (None, "no form: a button; the view reads nothing from the body"),
    "jst:zespol_lider": (None, "no form: a button; the view reads nothing from the body"),
    "jst:zespol_zaproszenie": (None, "no form: a button; the view reads nothing from the body"),
    "jst:zespol_edytuj": CzlonekEdycjaForm,
    "jst:zespol_otworz": PowodForm,
    "jst:sklad_zespolu_pdf": (None, "no form: starts a PDF job; the body is ignored"),
}
