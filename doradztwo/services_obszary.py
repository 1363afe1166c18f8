"""State changes of the 12-area catalogue (Obszar): coordinators maintain its texts."""

from django.db import transaction

from doradztwo.audit import audit
from doradztwo.models import Obszar
from doradztwo.services import KonfliktWersji

# The code and number are stable keys other data refers to: never editable here.
POLA_EDYTOWALNE = ["nazwa", "opis", "zadania", "narzedzia_zarzadcze", "narzedzia_rozwoju", "aktywny"]


@transaction.atomic
def obszar_zmien(*, obszar: Obszar, dane: dict, wersja: int, actor) -> Obszar:
    """Save the area's texts if nobody saved it since `wersja` was read; raise KonfliktWersji otherwise.

    Only fields that really changed are written; a save without changes writes nothing.
    """
    current = Obszar.objects.select_for_update().get(pk=obszar.pk)
    if current.wersja != wersja:
        raise KonfliktWersji(current)
    changes = {
        field: dane[field]
        for field in POLA_EDYTOWALNE
        if field in dane and getattr(current, field) != dane[field]
    }
    if not changes:
        return current
    for field, value in changes.items():
        setattr(current, field, value)
    current.wersja += 1
    # Set explicitly so that history names the actor outside a request too (shell, tasks, tests).
    current._history_user = actor
    current.save(update_fields=[*changes, "wersja"])
    audit(actor, "obszar.zmieniony", current, {"pola": sorted(changes), "wersja": current.wersja})
    return current
