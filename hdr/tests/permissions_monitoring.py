"""Permission-matrix rows for HDR monitoring: progress updates (the team writes; advisers and the
edition's coordinators read; built on JST B, see hdr/tests/fixtures_hdr.py), the coordinator's view of an edition's HDRs, and the HDR PDF (any role in
the participation orders it; a POST starts a job and redirects to its page)."""

from doradztwo.tests.matrix import parse_table
from hdr.forms_monitoring import PostepForm


def _dzialanie(world):
    from hdr.tests.fixtures_hdr import hdr_zatwierdzony

    _hdr, wersja = hdr_zatwierdzony(world, jst="b")
    return {"pk": world["udzial_b"].pk, "klucz": wersja.dzialania.first().klucz}


ARGS = {
    "hdr:postep": _dzialanie,
    "hdr:przeglad_edycji": lambda world: {"pk": world["edycja"].pk},
    "hdr:hdr_pdf": lambda world: {"pk": _dzialanie(world)["pk"]},
}
DOWNLOADS = {"hdr:hdr_pdf"}
DATA = {"hdr:postep": lambda world: {"data": "2023-01-10", "status": "w_trakcie", "postep": "40",
                                     "wartosc_aktualna": "", "notatka": "Spotkanie z dyrektorami."}}

ROWS = parse_table(
    "hdr",
    """
url                  | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
hdr:postep           | GET    | 302  | 200   | 200         | 404          | 404  | 404  | 200  | 200  | 404         | 404           | 200         | 200           | 404
hdr:postep           | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
hdr:przeglad_edycji  | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
hdr:przeglad_edycji  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:hdr_pdf          | GET    | 302  | 200   | 200         | 404          | 404  | 404  | 200  | 200  | 404         | 404           | 200         | 200           | 404
hdr:hdr_pdf          | POST   | 302  | 302   | 302         | 404          | 404  | 404  | 302  | 302  | 404         | 404           | 302         | 302           | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "hdr:postep": PostepForm,
    "hdr:hdr_pdf": (None, "no form: starts a PDF job; the body is ignored"),
}
