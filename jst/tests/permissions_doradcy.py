"""Permission-matrix rows for the adviser directory and ROS/PRO assignments (jst/urls_doradcy.py).

The directory is a catalogue every coordinator reads (CONVENTIONS §4); assignments live under
/udzialy/<id>/, so only that edition's coordinators (and admins) act there: team members and
advisers of JST A get 403, everyone else 404.
"""

import datetime
import itertools

from doradztwo.tests.matrix import parse_table
from jst.forms_doradcy import DoradcaEdycjaForm, DoradcaForm, PrzydzialForm, PrzydzialZakonczForm

_numer = itertools.count(1)


def _ros1(world) -> dict:
    return {"pk": world["doradcy"]["ros1"].pk}


def _przydzial_ros_a(world) -> dict:
    udzial = world["udzial_a"]
    return {"pk": udzial.pk, "przydzial_pk": udzial.przydzialy.get(rola="ROS", doradca=world["doradcy"]["ros1"]).pk}


def _nowy_doradca(world) -> dict:
    # A new address on every call, so each coordinator's POST creates an adviser (302) again.
    return {"imie": "Nowa", "nazwisko": "Doradczyni", "email": f"nowa.doradczyni{next(_numer)}@example.org",
            "telefon": "600 100 200", "specjalnosc": "PRO", "wojewodztwo": "mazowieckie", "notatka": ""}


def _edycja_ros1(world) -> dict:
    user = world["personas"]["ros1"]
    doradca = world["doradcy"]["ros1"]
    doradca.refresh_from_db()  # the current version, so each coordinator's save is a fresh one
    return {"imie": user.first_name, "nazwisko": user.last_name, "email": user.email, "telefon": "601 000 001",
            "specjalnosc": "ROS", "wojewodztwo": "dolnośląskie", "notatka": "", "aktywny": "on",
            "wersja": doradca.wersja}


def _zamiana_pro(world) -> dict:
    # Replace JST A's PRO: pro1 → pro2 for the first coordinator, back to pro1 for the next, so every
    # coordinator's POST is a real replacement (302). pro1 and pro2 then both hold an assignment of JST A
    # (current or former), so they get 403 on this row rather than pro2's 404 on the GET row.
    from jst.models import PrzydzialDoradcy

    udzial, doradcy = world["udzial_a"], world["doradcy"]
    obecny = PrzydzialDoradcy.objects.get(udzial=udzial, rola="PRO", do__isnull=True).doradca_id
    nowy = doradcy["pro2"] if obecny == doradcy["pro1"].pk else doradcy["pro1"]
    od = udzial.edycja.data_od + datetime.timedelta(days=30)
    return {"rola": "PRO", "doradca": nowy.pk, "od": od.isoformat()}


ARGS = {
    "jst:doradca": _ros1,
    "jst:doradca_edytuj": _ros1,
    "jst:doradca_zaproszenie": _ros1,
    "jst:przydziel": lambda world: {"pk": world["udzial_a"].pk},
    "jst:przydzial_zakoncz": _przydzial_ros_a,
}

DATA = {
    "jst:doradca_nowy": _nowy_doradca,
    "jst:doradca_edytuj": _edycja_ros1,
    "jst:przydziel": _zamiana_pro,
    # Ends ros1's ROS assignment of JST A; the second coordinator finds it ended and is redirected (302).
    "jst:przydzial_zakoncz": lambda world: {"do": "2023-01-31"},
}

ROWS = parse_table(
    "jst",
    """
url                     | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:doradcy             | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradcy             | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:doradca_nowy        | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradca_nowy        | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradca             | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradca             | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:doradca_edytuj      | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradca_edytuj      | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:doradca_zaproszenie | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:doradca_zaproszenie | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:przydziel           | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:przydziel           | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 404  | 403  | 403         | 403           | 404         | 404           | 404
jst:przydzial_zakoncz   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:przydzial_zakoncz   | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:doradca_nowy": DoradcaForm,
    "jst:doradca_edytuj": DoradcaEdycjaForm,
    "jst:doradca_zaproszenie": (None, "no form: a button (resend the invitation); the view reads nothing from the body"),
    "jst:przydziel": PrzydzialForm,
    "jst:przydzial_zakoncz": PrzydzialZakonczForm,
}
