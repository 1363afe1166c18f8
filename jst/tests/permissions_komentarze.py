"""Permission-matrix rows for the comment threads of a participation (jst/urls_komentarze.py).

Insiders of JST A (coordinator, admin, its advisers and team) read and write; everyone else gets 404.
`komentarz_otworz` is tried on a private thread: the team gets 404 for it, as for any private comment.
"""

from doradztwo.tests.matrix import parse_table
from jst.forms_komentarze import KomentarzForm, OdpowiedzForm


def _watek(world, *, autor: str, prywatny: bool) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from doradztwo.models import Komentarz

    udzial = world["udzial_a"]
    watek, _created = Komentarz.objects.get_or_create(
        udzial=udzial, typ_obiektu=ContentType.objects.get_for_model(udzial), id_obiektu=str(udzial.pk),
        sekcja="ogolne", watek=None, autor=world["personas"][autor], prywatny=prywatny,
        defaults={"tresc": "Wątek do macierzy uprawnień", "rozwiazany": prywatny},
    )
    return {"pk": udzial.pk, "komentarz_pk": watek.pk}


ARGS = {
    "jst:komentarze": lambda world: {"pk": world["udzial_a"].pk},
    "jst:komentarz_odpowiedz": lambda world: _watek(world, autor="koordynator", prywatny=False),
    "jst:komentarz_rozwiaz": lambda world: _watek(world, autor="koordynator", prywatny=False),
    "jst:komentarz_otworz": lambda world: _watek(world, autor="ros1", prywatny=True),
}
DATA = {
    "jst:komentarze": lambda world: {"sekcja": "ogolne", "tresc": "Komentarz z macierzy uprawnień"},
    "jst:komentarz_odpowiedz": lambda world: {"tresc": "Odpowiedź z macierzy uprawnień"},
}

ROWS = parse_table(
    "jst",
    """
url                     | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:komentarze          | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:komentarze          | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 302         | 302           | 404         | 404           | 404
jst:komentarz_odpowiedz | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:komentarz_odpowiedz | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 302         | 302           | 404         | 404           | 404
jst:komentarz_rozwiaz   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:komentarz_rozwiaz   | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 302         | 302           | 404         | 404           | 404
jst:komentarz_otworz    | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:komentarz_otworz    | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 404         | 404           | 404         | 404           | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:komentarze": KomentarzForm,
    "jst:komentarz_odpowiedz": OdpowiedzForm,
    "jst:komentarz_rozwiaz": (None, "no form: a button; reads the page to go back to", ("wroc",)),
    "jst:komentarz_otworz": (None, "no form: a button; reads the page to go back to", ("wroc",)),
}
