"""Permission-matrix rows for background jobs: the requester's (and administrators') only."""

from doradztwo.tests.matrix import parse_table


def _zadanie(world):
    """A finished roster job of JST A requested by koordynator (created once per test)."""
    from django.core.files.base import ContentFile

    from doradztwo.models import Zadanie

    job = world.get("_zadanie")
    if job is None:
        job = Zadanie.objects.create(rodzaj="sklad_zespolu", zlecajacy=world["personas"]["koordynator"],
                                     parametry={"udzial": world["udzial_a"].pk}, status=Zadanie.Status.GOTOWE,
                                     postep=100, nazwa_pliku="sklad.pdf")
        job.plik.save("sklad.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        world["_zadanie"] = job
    return {"pk": job.pk}


# Answers with a file, not a page (the accessibility gate skips it).
DOWNLOADS = {"zadania:plik"}

ARGS = {"zadania:zadanie": _zadanie, "zadania:plik": _zadanie, "zadania:ponow": _zadanie}

ROWS = parse_table(
    "doradztwo",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
zadania:zadanie | GET  | 302 | 200 | 200 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
zadania:zadanie | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
zadania:plik    | GET  | 302 | 200 | 200 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
zadania:plik    | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
zadania:ponow   | GET  | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
zadania:ponow   | POST | 302 | 302 | 302 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
""",
    args=ARGS,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "zadania:ponow": (None, "no form: a button (run the job again); the view reads nothing from the body"),
}
