"""Edit conflicts: every edit form carries the row's `wersja`; a stale save saves nothing and the
page shows both values. Helpers for services (`zablokuj_wersje`, `zapisz_wersje`) and for views
(`roznice`, `konflikt_formularza`)."""

from django.db import models

from doradztwo.forms import konflikt_roznice
from doradztwo.services import KonfliktWersji


def zablokuj_wersje(model: type[models.Model], pk, wersja: int | None):
    """Lock the row and check the version the form was opened with; raise KonfliktWersji if stale."""
    current = model.objects.select_for_update().get(pk=pk)
    if wersja is None or int(wersja) != current.wersja:
        raise KonfliktWersji(current)
    return current


_BEZ_AUTORA = object()


def zapisz_wersje(obj: models.Model, zmiany: dict, *, zmienil=_BEZ_AUTORA) -> list[str]:
    """Apply `zmiany` to a locked row, bump its version and save only what changed (and, when given,
    who changed it into `zmienil`). Returns the changed field names (empty: nothing written, version
    and author unchanged)."""
    changed = [name for name, value in zmiany.items() if getattr(obj, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(obj, name, zmiany[name])
    obj.wersja += 1
    autor = []
    if zmienil is not _BEZ_AUTORA:
        obj.zmienil, autor = zmienil, ["zmienil"]
    # auto_now fields ("changed at") are only written when named in update_fields.
    auto_now = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
    obj.save(update_fields=[*changed, "wersja", *autor, *auto_now])
    return changed


def roznice(zapisane: dict, wpisane: dict, etykiety: dict) -> list[dict]:
    """Rows for `includes/konflikt.html`: each field whose saved value differs from the typed one."""
    rows = []
    for name, typed in wpisane.items():
        if name in etykiety and zapisane.get(name) != typed:
            rows.append({"pole": etykiety[name], "zapisane": zapisane.get(name), "wpisane": typed})
    return rows


def konflikt_formularza(form, error: KonfliktWersji, komunikat, roznice=None, *, wartosci: dict | None = None):
    """A stale save in an edit form: `komunikat` above the form, the user's input kept with the saved
    row's version (or other hidden `wartosci`), so saving again is a deliberate choice made after
    seeing both values. Returns `roznice` for `includes/konflikt.html`, by default each field whose
    saved value differs from the typed one."""
    if roznice is None:
        roznice = konflikt_roznice(form, error.aktualny)
    form.add_error(None, komunikat)
    data = form.data.copy()
    for name, value in (wartosci if wartosci is not None else {"wersja": error.aktualny.wersja}).items():
        data[form.add_prefix(name)] = value
    form.data = data
    return roznice
