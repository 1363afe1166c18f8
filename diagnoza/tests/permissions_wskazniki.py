"""Permission-matrix rows for the indicator catalogue (/wskazniki/…).

The catalogue is shared by the programme (CONVENTIONS §4): administrators and every coordinator
(koordynator2 too) read and edit it; team members and advisers get 403. GET-only and POST-only
checks come before the role, so a wrong method is 405 for every signed-in persona. DATA only reads:
a new indicator gets a code not taken yet, an edit carries the row's current version, so every
coordinator's POST succeeds (302) and later rows still find the seeded indicator."""

from diagnoza.forms_wskazniki import WskaznikForm
from doradztwo.tests.matrix import parse_table


def _doplata(world) -> dict:
    from diagnoza.models import Wskaznik

    return {"pk": Wskaznik.objects.get(kod="doplata_uczen").pk}


def _nowy(world) -> dict:
    from diagnoza.models import Wskaznik

    return {
        "kod": f"macierz_{Wskaznik.objects.count()}", "nazwa": "Wskaźnik z macierzy uprawnień", "obszar_zasobow": "4",
        "opis": "", "wejscia": "a | Dana A | zł | budzet\nb | Dana B | osób | sio", "wzor": "a / b", "jednostka": "zł",
        "mnoznik": "1", "miejsca": "2", "typ_okresu": "kalendarzowy", "zrodlo_definicji": "", "aktywny": "on",
    }


def _edycja(world) -> dict:
    from diagnoza.forms_wskazniki import WskaznikForm
    from diagnoza.models import Wskaznik

    dane = WskaznikForm.poczatkowe(Wskaznik.objects.prefetch_related("dane").get(kod="doplata_uczen"))
    dane.update(nazwa="Dopłata ze środków własnych na ucznia (macierz)", aktywny="on")
    return dane


ARGS = {
    "diagnoza:wskaznik": _doplata,
    "diagnoza:wskaznik_sprawdz": _doplata,
}
DATA = {
    "diagnoza:wskaznik_nowy": _nowy,
    "diagnoza:wskaznik": _edycja,
}

ROWS = parse_table(
    "diagnoza",
    """
url | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:wskazniki         | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskazniki         | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
diagnoza:wskaznik_nowy     | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskaznik_nowy     | POST | 302 | 302 | 302 | 302 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskaznik          | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskaznik          | POST | 302 | 302 | 302 | 302 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskaznik_sprawdz  | GET  | 302 | 200 | 200 | 200 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403
diagnoza:wskaznik_sprawdz  | POST | 302 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405 | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:wskaznik_nowy": WskaznikForm,
    "diagnoza:wskaznik": WskaznikForm,
}
