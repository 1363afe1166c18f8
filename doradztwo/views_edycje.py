"""Coordinator screens for editions: list, create, settings, calendar, copy, status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo import services
from doradztwo.access import editions_for, get_edycja_for_user, require_coordinator
from doradztwo.forms import (
    EdycjaForm,
    KalendarzFormSet,
    KopiaEdycjiForm,
    StatusEdycjiForm,
    dodaj_bledy_uslugi,
)
from doradztwo.models import Edycja
from doradztwo.przeglad import historia
from doradztwo.wersje import konflikt_formularza


@require_http_methods(["GET"])
def lista(request):
    require_coordinator(request.user)
    edycje = (
        editions_for(request.user)
        .annotate(liczba_jst=Count("udzialy", distinct=True))
        .prefetch_related("koordynatorzy")
        .order_by("-data_od", "pk")
    )
    return render(request, "doradztwo/edycje/lista.html", {"edycje": edycje})


@require_http_methods(["GET", "POST"])
def nowa(request):
    require_coordinator(request.user)
    form = EdycjaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edycja = services.edycja_utworz(
                dane=form.cleaned_data, koordynatorzy=form.cleaned_data["koordynatorzy"], actor=request.user
            )
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Edycja utworzona. Sprawdź planowane daty etapów w kalendarzu."))
            return redirect("edycje:szczegoly", pk=edycja.pk)
    return render(request, "doradztwo/edycje/formularz.html", {"form": form, "edycja": None})


@require_http_methods(["GET"])
def szczegoly(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    etapy = edycja.udzialy.values("etap").annotate(n=Count("pk"))
    from_stage = {row["etap"]: row["n"] for row in etapy}
    return render(request, "doradztwo/edycje/szczegoly.html", {
        "edycja": edycja,
        "kalendarz": edycja.kalendarz.all(),
        "koordynatorzy": edycja.koordynatorzy.order_by("last_name", "first_name"),
        "liczba_jst": sum(from_stage.values()),
        "status_form": StatusEdycjiForm(initial={"status": _next_status(edycja)}),
        "historia_statusu": _z_etykietami(historia(edycja, "status")[:10], dict(Edycja.Status.choices)),
    })


def _z_etykietami(zmiany, labels: dict) -> list:
    zmiany = list(zmiany)
    for z in zmiany:
        z.z_etykieta, z.na_etykieta = labels.get(z.z_stanu, z.z_stanu), labels.get(z.na_stan, z.na_stan)
    return zmiany


def _next_status(edycja: Edycja) -> str:
    return {
        Edycja.Status.PLANOWANA: Edycja.Status.AKTYWNA,
        Edycja.Status.AKTYWNA: Edycja.Status.ZAMKNIETA,
        Edycja.Status.ZAMKNIETA: Edycja.Status.AKTYWNA,
    }[edycja.status]


@require_http_methods(["GET", "POST"])
def edytuj(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    form = EdycjaForm(request.POST or None, instance=edycja)
    konflikt = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.edycja_zmien(
                edycja=edycja, dane=form.cleaned_data, wersja=form.cleaned_data.get("wersja") or 0,
                koordynatorzy=form.cleaned_data["koordynatorzy"], actor=request.user,
            )
        except services.KonfliktWersji as error:
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zapisał tę edycję, gdy ją edytowałeś. Nic nie zostało zapisane. "
                "Porównaj wartości poniżej i zapisz ponownie."))
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano ustawienia edycji."))
            return redirect("edycje:szczegoly", pk=edycja.pk)
    return render(request, "doradztwo/edycje/formularz.html", {"form": form, "edycja": edycja, "konflikt": konflikt},
                  status=status)


@require_http_methods(["GET", "POST"])
def kalendarz(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    formset = KalendarzFormSet(request.POST or None, queryset=edycja.kalendarz.all())
    wersja, status = edycja.wersja, 200
    if request.method == "POST" and formset.is_valid():
        try:
            services.edycja_zmien_kalendarz(
                edycja=edycja,
                etapy=[{"pk": f.instance.pk, **f.cleaned_data} for f in formset.forms],
                wersja=int(request.POST.get("wersja") or 0),
                actor=request.user,
            )
        except services.KonfliktWersji as error:
            wersja, status = error.aktualny.wersja, 409
            messages.warning(request, _("Ktoś inny zapisał tę edycję, gdy edytowałeś kalendarz. Nic nie zostało "
                                        "zapisane. Obecne daty są w tabeli na stronie edycji; Twoje zostały "
                                        "w formularzu — zapisz ponownie, jeśli są właściwe."))
        except (ValidationError, ValueError) as error:
            formset._non_form_errors = formset.error_class(getattr(error, "messages", [str(error)]))
        else:
            messages.success(request, _("Zapisano kalendarz edycji."))
            return redirect("edycje:szczegoly", pk=edycja.pk)
    return render(request, "doradztwo/edycje/kalendarz.html",
                  {"edycja": edycja, "formset": formset, "wersja": wersja}, status=status)


@require_http_methods(["GET", "POST"])
def kopiuj(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    form = KopiaEdycjiForm(request.POST or None, initial={"nazwa": _("%(nazwa)s (kopia)") % {"nazwa": edycja.nazwa}})
    if request.method == "POST" and form.is_valid():
        kopia = services.edycja_kopiuj(edycja=edycja, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Utworzono edycję „%(nazwa)s” z kalendarzem i ustawieniami.") % {
            "nazwa": kopia.nazwa})
        return redirect("edycje:szczegoly", pk=kopia.pk)
    return render(request, "doradztwo/edycje/kopiuj.html", {"edycja": edycja, "form": form})


@require_POST
def status(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    form = StatusEdycjiForm(request.POST)
    if form.is_valid():
        try:
            edycja = services.edycja_zmien_status(edycja=edycja, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Status edycji: %(status)s.") % {"status": edycja.get_status_display()})
            return redirect("edycje:szczegoly", pk=edycja.pk)
    return render(request, "doradztwo/edycje/status.html", {"edycja": edycja, "form": form}, status=200)
