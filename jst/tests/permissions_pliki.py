"""Permission-matrix rows for the files of a participation (jst/urls_pliki.py).

Everyone with a role in JST A's participation reads its files; all of them can write in an open
edition, so an empty upload POST is a form error (200) for each. The file in the rows was added by
jst-a-czlonek: the uploader and the coordinators may delete it (an unconfirmed POST answers 200
with the confirmation page, so every persona meets the same file), the rest of JST A's people
get 403. Everyone outside JST A's participation gets 404.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from doradztwo.tests.matrix import parse_table
from jst.forms_pliki import PlikForm


def _plik(world) -> dict:
    from doradztwo.models import Plik

    udzial = world["udzial_a"]
    nazwa = f"pliki/udzialy/{udzial.pk}/macierz-uprawnien.txt"
    if not default_storage.exists(nazwa):
        default_storage.save(nazwa, ContentFile(b"Plik testowy macierzy uprawnien.\n"))
    plik, _created = Plik.objects.get_or_create(
        udzial=udzial, nazwa="notatka.txt",
        defaults={"rodzaj": Plik.Rodzaj.DOKUMENT, "plik": nazwa, "typ": "text/plain", "rozmiar": 33,
                  "dodal": world["personas"]["jst-a-czlonek"]},
    )
    return {"pk": udzial.pk, "plik_pk": plik.pk}


ARGS = {
    "jst:pliki": lambda world: {"pk": world["udzial_a"].pk},
    "jst:plik": _plik,
    "jst:plik_usun": _plik,
}

# Answers with a file, not a page (the accessibility gate skips it).
DOWNLOADS = {"jst:plik"}

ROWS = parse_table(
    "jst",
    """
url           | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:pliki     | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:pliki     | POST   | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:plik      | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:plik      | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:plik_usun | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:plik_usun | POST   | 302  | 200   | 200         | 404          | 403  | 403  | 404  | 404  | 403         | 200           | 404         | 404           | 404
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:pliki": PlikForm,
    "jst:plik_usun": (None, "no form: a confirmation button", ("potwierdz",)),
}
