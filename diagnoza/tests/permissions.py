"""Permission-matrix rows for the sheet page, autosave and review actions."""

from doradztwo.tests.matrix import parse_table


def _wersja_edycji(world):
    """The seeded template's version frozen for edycja (created once per test)."""
    from diagnoza.models import ArkuszEdycji, WersjaSzablonu

    wersja = WersjaSzablonu.objects.filter(stan="opublikowana").order_by("pk").first()
    ArkuszEdycji.objects.get_or_create(edycja=world["edycja"], defaults={"wersja": wersja})
    return wersja


def _udzial_a(world):
    _wersja_edycji(world)
    return {"pk": world["udzial_a"].pk}


def _odpowiedz(world):
    from diagnoza.models import PytanieSzablonu

    pytanie = PytanieSzablonu.objects.filter(sekcja__wersja=_wersja_edycji(world)).order_by("pk").first()
    return {"pytanie": pytanie.pk, "wartosc": "3", "wersja": "0"}  # the same value twice is no conflict


ARGS = {
    "diagnoza:arkusz": _udzial_a,
    "diagnoza:odpowiedz": _udzial_a,
    "diagnoza:arkusz_stan": lambda world: {**_udzial_a(world), "akcja": "zloz"},
}
DATA = {"diagnoza:odpowiedz": _odpowiedz}

ROWS = parse_table(
    "diagnoza",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:arkusz       | GET  | 302 | 200 | 200 | 404 | 200 | 200 | 404 | 404 | 200 | 200 | 404 | 404 | 404
diagnoza:arkusz       | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
diagnoza:odpowiedz    | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
diagnoza:odpowiedz    | POST | 302 | 403 | 403 | 404 | 403 | 403 | 404 | 404 | 200 | 200 | 404 | 404 | 404
diagnoza:arkusz_stan  | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
diagnoza:arkusz_stan  | POST | 302 | 403 | 403 | 404 | 403 | 403 | 404 | 404 | 302 | 403 | 404 | 404 | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:odpowiedz": (None, "the autosave call of one answer (fetch), read by hand", ("pytanie", "wartosc", "nie_wiem", "wersja")),
    "diagnoza:arkusz_stan": (None, "no form: a button with an optional reason", ("powod",)),
}
