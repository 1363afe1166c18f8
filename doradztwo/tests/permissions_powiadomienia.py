"""Permission-matrix rows for the bell's pages: everyone signed in sees only their own notifications;
another person's notification is 404 (admin included)."""

from doradztwo.tests.matrix import parse_table


def _powiadomienie_koordynatora(world) -> dict:
    from doradztwo.models import Powiadomienie

    powiadomienie, _created = Powiadomienie.objects.get_or_create(
        odbiorca=world["personas"]["koordynator"], rodzaj="test.macierz", tytul="Powiadomienie macierzy",
        defaults={"link": "/"},
    )
    return {"pk": powiadomienie.pk}


ARGS = {"powiadomienia:przeczytane": _powiadomienie_koordynatora}

ROWS = parse_table(
    "doradztwo",
    """
url                                  | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
powiadomienia:lista                  | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
powiadomienia:lista                  | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
powiadomienia:przeczytane            | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
powiadomienia:przeczytane            | POST   | 302  | 404   | 302         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
powiadomienia:wszystkie_przeczytane  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
powiadomienia:wszystkie_przeczytane  | POST   | 302  | 302   | 302         | 302          | 302  | 302  | 302  | 302  | 302         | 302           | 302         | 302           | 302
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "powiadomienia:przeczytane": (None, "no form: a button; reads the page number and whether to follow the link", ("strona", "przejdz")),
    "powiadomienia:wszystkie_przeczytane": (None, "no form: a button; reads the page number", ("strona",)),
}
