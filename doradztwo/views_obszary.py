"""The catalogue of the 12 areas: list, detail with history, edit (coordinators and administrators)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from doradztwo.access import get_obszar_for_user, require_coordinator
from doradztwo.forms_obszary import ObszarForm
from doradztwo.models import Obszar
from doradztwo.services import KonfliktWersji
from doradztwo.services_obszary import POLA_EDYTOWALNE, obszar_zmien

HISTORIA_LIMIT = 20
RODZAJE_ZMIAN = {"+": gettext_lazy("utworzenie"), "~": gettext_lazy("zmiana"), "-": gettext_lazy("usunięcie")}


def _etykieta(field: str) -> str:
    return str(Obszar._meta.get_field(field).verbose_name)


def _wartosc(value) -> str:
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    return value


def _historia(obszar: Obszar) -> list[dict]:
    """Newest first, at most HISTORIA_LIMIT entries; one query whatever the history length.

    One extra record is read so that the oldest shown entry can also say which fields it changed.
    """
    records = list(obszar.history.select_related("history_user")
                   .order_by("-history_date", "-history_id")[:HISTORIA_LIMIT + 1])
    entries = []
    for i, record in enumerate(records[:HISTORIA_LIMIT]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changed = None
        if previous is not None:
            changed = [_etykieta(f) for f in POLA_EDYTOWALNE if getattr(record, f) != getattr(previous, f)]
        entries.append({"rekord": record, "rodzaj": RODZAJE_ZMIAN.get(record.history_type, ""),
                        "zmienione": changed})
    return entries


def _roznice(aktualny: Obszar, dane: dict) -> list[dict]:
    """Per field where the saved value differs from what the user typed: both values."""
    return [
        {"pole": _etykieta(field), "zapisana": _wartosc(getattr(aktualny, field)), "wpisana": _wartosc(dane[field])}
        for field in POLA_EDYTOWALNE
        if getattr(aktualny, field) != dane[field]
    ]


@require_GET
def lista(request):
    require_coordinator(request.user)
    obszary = Obszar.objects.order_by("numer", "kod")
    return render(request, "doradztwo/obszary/lista.html", {"obszary": obszary})


@require_GET
def szczegoly(request, pk):
    obszar = get_obszar_for_user(request.user, pk)
    return render(request, "doradztwo/obszary/szczegoly.html", {"obszar": obszar, "historia": _historia(obszar)})


@require_http_methods(["GET", "POST"])
def edytuj(request, pk):
    obszar = get_obszar_for_user(request.user, pk)
    konflikt = None
    status = 200
    if request.method == "POST":
        form = ObszarForm(request.POST)
        if form.is_valid():
            dane = {field: form.cleaned_data[field] for field in POLA_EDYTOWALNE}
            try:
                obszar = obszar_zmien(obszar=obszar, dane=dane, wersja=form.cleaned_data["wersja"],
                                      actor=request.user)
            except KonfliktWersji as exc:
                obszar = exc.aktualny
                konflikt = _roznice(obszar, dane)
                if not konflikt:
                    messages.info(request, _("Ktoś inny zapisał już dokładnie te same zmiany."))
                    return redirect("obszary:szczegoly", pk=obszar.pk)
                # The user's text stays; the form now carries the current version, so saving again
                # is a deliberate choice made after seeing both values.
                data = request.POST.copy()
                data["wersja"] = str(obszar.wersja)
                form = ObszarForm(data)
                status = 409
            else:
                messages.success(request, _("Zapisano zmiany w obszarze „%(nazwa)s”.") % {"nazwa": obszar.nazwa})
                return redirect("obszary:szczegoly", pk=obszar.pk)
    else:
        form = ObszarForm.dla(obszar)
    return render(request, "doradztwo/obszary/edytuj.html",
                  {"obszar": obszar, "form": form, "konflikt": konflikt}, status=status)
