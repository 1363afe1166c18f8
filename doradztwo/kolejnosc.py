"""Ordered lists (`kolejnosc` 1..n) that users rearrange with "up" / "down" buttons: report questions
and photos, the deep diagnosis' items."""

from django.db.models import Max, QuerySet


def przesun(qs: QuerySet, obj, kierunek: str) -> bool:
    """Swap `obj` with its neighbour in `qs` ("gora": up, "dol": down) and renumber 1..n; returns whether
    it moved. Call inside a transaction (the rows are locked). Order is not content: versions stay, so
    nobody's open edit becomes stale."""
    lista = list(qs.select_for_update().order_by("kolejnosc", "pk"))
    i = next(i for i, p in enumerate(lista) if p.pk == obj.pk)
    j = i - 1 if kierunek == "gora" else i + 1
    if kierunek not in ("gora", "dol") or not 0 <= j < len(lista):
        return False
    lista[i], lista[j] = lista[j], lista[i]
    zmienione = []
    for nr, p in enumerate(lista, start=1):
        if p.kolejnosc != nr:
            p.kolejnosc = nr
            zmienione.append(p)
    qs.model.objects.bulk_update(zmienione, ["kolejnosc"])
    return True


def nastepna(qs: QuerySet) -> int:
    """The `kolejnosc` of a row appended at the end of `qs`."""
    return (qs.aggregate(m=Max("kolejnosc"))["m"] or 0) + 1
