"""Permission-matrix rows for the printable sheet PDFs: the blank sheet for the edition's coordinators
and participants, the filled one for anyone with a role in the participation."""

from doradztwo.tests.matrix import parse_table

DANE = {"nazwa": "Arkusz do macierzy uprawnień", "sekcje": [
    {"obszar": "budzet", "tytul": "4. Planowanie budżetowe",
     "pytania": [{"kod": "b1", "tresc": "Dyrektorzy biorą udział w planowaniu budżetu."}]}]}
SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]


def _szablon_edycji(world) -> None:
    """The edition needs a frozen template version for anything to be printed (created once)."""
    from diagnoza import services
    from diagnoza.models import ArkuszEdycji

    if not ArkuszEdycji.objects.filter(edycja=world["edycja"]).exists():
        wersja = services.szablon_utworz_z_danych(dane=DANE, skala=SKALA)
        services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=wersja, actor=world["personas"]["koordynator"])


def _edycja(world):
    _szablon_edycji(world)
    return {"pk": world["edycja"].pk}


def _udzial(world):
    from diagnoza import services

    _szablon_edycji(world)
    services.arkusz_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])
    return {"pk": world["udzial_a"].pk}


# GET serves the stored PDF when it is current (otherwise a page with "Przygotuj PDF").
DOWNLOADS = {"diagnoza:arkusz_pusty_pdf", "diagnoza:arkusz_pdf"}

ARGS = {"diagnoza:arkusz_pusty_pdf": _edycja, "diagnoza:arkusz_pdf": _udzial}

ROWS = parse_table(
    "diagnoza",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:arkusz_pusty_pdf | GET  | 302 | 200 | 200 | 404 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 404
diagnoza:arkusz_pusty_pdf | POST | 302 | 302 | 302 | 404 | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 404
diagnoza:arkusz_pdf       | GET  | 302 | 200 | 200 | 404 | 200 | 200 | 404 | 404 | 200 | 200 | 404 | 404 | 404
diagnoza:arkusz_pdf       | POST | 302 | 302 | 302 | 404 | 302 | 302 | 404 | 404 | 302 | 302 | 404 | 404 | 404
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:arkusz_pusty_pdf": (None, "no form: starts a PDF job; the body is ignored"),
    "diagnoza:arkusz_pdf": (None, "no form: starts a PDF job; the body is ignored"),
}
