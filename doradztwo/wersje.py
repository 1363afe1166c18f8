"""Edit conflicts: every edit form carries the row's `wersja`; a stale save saves nothing and the
page shows both values. One helper for services (`zapisz_wersje`) and one for views (`roznice`)."""

from django.db import models

from doradztwo.services import KonfliktWersji


def zablokuj_wersje(model: type[models.Model], pk, wersja: int | None):
    """Lock the row and check the version the form was opened with; raise KonfliktWersji if stale."""
    current = model.objects.select_for_update().get(pk=pk)
    if wersja is None or int(wersja) != current.wersja:
        raise KonfliktWersji(current)
    return current


def zapisz_wersje(obj: models.Model, zmiany: dict) -> list[str]:
    """Apply `zmiany` to a locked row, bump its version and save only what changed. Returns the
    changed field names (empty: nothing written, version unchanged)."""
    changed = [name for name, value in zmiany.items() if getattr(obj, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(obj, name, zmiany[name])
    obj.wersja += 1
    # auto_now fields ("changed at") are only written when named in update_fields.
    auto_now = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
    obj.save(update_fields=[*changed, "wersja", *auto_now])
    return changed


def roznice(zapisane: dict, wpisane: dict, etykiety: dict) -> list[dict]:
    """Rows for `includes/konflikt.html`: each field whose saved value differs from the typed one."""
    rows = []
    for name, typed in wpisane.items():
        if name in etykiety and zapisane.get(name) != typed:
            rows.append({"pole": etykiety[name], "zapisane": zapisane.get(name), "wpisane": typed})
    return rows
