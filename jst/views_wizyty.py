"""On-site visits of a participation and advisers' travel costs (issue 8)."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from jst import services_wizyty as services
from jst.access_wizyty import (
    get_dokument_kosztu,
    get_doradca_self,
    get_koszt_for_user,
    get_udzial_wizyt,
    get_wizyta_for_user,
    moze_pisac_wizyty,
    wizyty_udzialu,
)
from jst.forms_wizyty import KosztForm, WizytaForm
from jst.ical import odpowiedz_ics, wizyta_ics
from jst.models import KosztPodrozy

# --- Visits ---------------------------------------------------------------------------------


@require_GET
def wizyty(request, pk):
    udzial, rola = get_udzial_wizyt(request.user, pk)
    lista = list(wizyty_udzialu(request.user, udzial, rola).prefetch_related("doradcy__uzytkownik"))
    return render(request, "jst/wizyty/lista.html", {
        "udzial": udzial, "rola": rola, "wizyty": lista, "moze_pisac": moze_pisac_wizyty(rola)})


def _zapisz_wizyte(request, udzial, form, wizyta=None):
    """Run the service for a valid form; returns (saved visit or None, conflict rows, status)."""
    doradcy, uczestnicy = list(form.cleaned_data["doradcy"]), list(form.cleaned_data["uczestnicy"])
    try:
        if wizyta is None:
            return services.wizyta_utworz(udzial=udzial, dane=form.dane(), doradcy=doradcy, uczestnicy=uczestnicy,
                                          actor=request.user), None, 200
        return services.wizyta_zmien(wizyta=wizyta, dane=form.dane(), doradcy=doradcy, uczestnicy=uczestnicy,
                                     wersja=form.cleaned_data["wersja"], actor=request.user), None, 200
    except KonfliktWersji as error:
        konflikt = konflikt_formularza(form, error, _("Ktoś inny zapisał tę wizytę, gdy ją edytowałeś. Nic nie "
                                                      "zostało zapisane. Porównaj wartości poniżej i zapisz ponownie."))
        return None, konflikt, 409
    except ValidationError as error:
        dodaj_bledy_uslugi(form, error)
        return None, None, 200


@require_http_methods(["GET", "POST"])
def wizyta_nowa(request, pk):
    udzial, rola = get_udzial_wizyt(request.user, pk, write=True)
    form = WizytaForm(request.POST or None, udzial=udzial)
    status, konflikt = 200, None
    if request.method == "POST" and form.is_valid():
        wizyta, konflikt, status = _zapisz_wizyte(request, udzial, form)
        if wizyta is not None:
            messages.success(request, _("Zapisano wizytę: %(wizyta)s.") % {"wizyta": wizyta})
            return redirect("jst:wizyta", pk=udzial.pk, wizyta_pk=wizyta.pk)
    return render(request, "jst/wizyty/formularz.html",
                  {"udzial": udzial, "form": form, "konflikt": konflikt}, status=status)


@require_GET
def wizyta(request, pk, wizyta_pk):
    udzial, rola, obiekt = get_wizyta_for_user(request.user, pk, wizyta_pk)
    return render(request, "jst/wizyty/szczegoly.html", {
        "udzial": udzial, "rola": rola, "wizyta": obiekt, "moze_pisac": moze_pisac_wizyty(rola),
        "doradcy": list(obiekt.doradcy.select_related("uzytkownik")),
        "uczestnicy": list(obiekt.uczestnicy.select_related("uzytkownik")),
        "interesariusze": [line.strip() for line in obiekt.interesariusze.splitlines() if line.strip()],
        # Private notes: the pair and coordinators only (CONVENTIONS §4).
        "notatki_prywatne": obiekt.notatki_prywatne if rola.widzi_notatki_doradcow else None,
    })


@require_http_methods(["GET", "POST"])
def wizyta_edytuj(request, pk, wizyta_pk):
    udzial, rola, obiekt = get_wizyta_for_user(request.user, pk, wizyta_pk, write=True)
    form = WizytaForm(request.POST or None, instance=obiekt, udzial=udzial)
    status, konflikt = 200, None
    if request.method == "POST" and form.is_valid():
        zapisana, konflikt, status = _zapisz_wizyte(request, udzial, form, wizyta=obiekt)
        if zapisana is not None:
            messages.success(request, _("Zapisano wizytę: %(wizyta)s.") % {"wizyta": zapisana})
            return redirect("jst:wizyta", pk=udzial.pk, wizyta_pk=zapisana.pk)
    return render(request, "jst/wizyty/formularz.html",
                  {"udzial": udzial, "form": form, "wizyta": obiekt, "konflikt": konflikt}, status=status)


@require_http_methods(["GET", "POST"])
def wizyta_usun(request, pk, wizyta_pk):
    udzial, rola, obiekt = get_wizyta_for_user(request.user, pk, wizyta_pk, write=True)
    bledy = []
    if request.method == "POST" and request.POST.get("potwierdz"):
        try:
            services.wizyta_usun(wizyta=obiekt, actor=request.user)
        except ValidationError as error:
            bledy = error.messages
        else:
            messages.success(request, _("Usunięto wizytę: %(wizyta)s.") % {"wizyta": obiekt})
            return redirect("jst:wizyty", pk=udzial.pk)
    return render(request, "jst/wizyty/usun.html", {"udzial": udzial, "wizyta": obiekt, "bledy": bledy})


@require_GET
def wizyta_ics_view(request, pk, wizyta_pk):
    udzial, rola, obiekt = get_wizyta_for_user(request.user, pk, wizyta_pk)
    return odpowiedz_ics(wizyta_ics(obiekt), f"wizyta-{obiekt.pk}.ics")


# --- Travel costs ---------------------------------------------------------------------------


def _koszty_z_sumami(qs):
    return list(qs.select_related("edycja", "wizyta__udzial__jst", "doradca__uzytkownik")
                .prefetch_related("dokumenty"))


@require_GET
def koszty(request):
    doradca = get_doradca_self(request.user)
    lista = _koszty_z_sumami(KosztPodrozy.objects.filter(doradca=doradca))
    razem = sum((k.kwota_transport + k.kwota_nocleg + k.kwota_inne for k in lista), Decimal(0))
    return render(request, "jst/wizyty/koszty.html", {"doradca": doradca, "koszty": lista, "razem": razem})


def _formularz_kosztu(request, doradca, koszt=None):
    form = KosztForm(request.POST or None, request.FILES or None, instance=koszt,
                     edycje=services.edycje_doradcy(doradca), wizyty=services.wizyty_doradcy(doradca))
    status, konflikt = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            if koszt is None:
                zapisany = services.koszt_utworz(doradca=doradca, dane=form.dane(),
                                                 dokument=form.cleaned_data["dokument"], actor=request.user)
            else:
                zapisany = services.koszt_zmien(koszt=koszt, dane=form.dane(), wersja=form.cleaned_data["wersja"],
                                                dokument=form.cleaned_data["dokument"],
                                                usun_dokumenty=form.cleaned_data.get("usun_dokumenty") or [],
                                                actor=request.user)
        except KonfliktWersji as error:
            konflikt = konflikt_formularza(form, error, _("Ten koszt został zmieniony w innym oknie. Nic nie zostało "
                                                          "zapisane. Porównaj wartości poniżej i zapisz ponownie."))
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
            if "plik" in getattr(error, "error_dict", {}):
                for message in error.error_dict["plik"]:
                    form.add_error("dokument", message)
        else:
            messages.success(request, _("Zapisano koszt podróży z dnia %(data)s.") % {
                "data": zapisany.data.strftime("%d.%m.%Y")})
            return redirect("jst:koszty")
    return render(request, "jst/wizyty/koszt_formularz.html",
                  {"form": form, "koszt": koszt, "konflikt": konflikt}, status=status)


@require_http_methods(["GET", "POST"])
def koszt_nowy(request):
    return _formularz_kosztu(request, get_doradca_self(request.user))


@require_http_methods(["GET", "POST"])
def koszt_edytuj(request, pk):
    doradca, koszt = get_koszt_for_user(request.user, pk)
    return _formularz_kosztu(request, doradca, koszt)


@require_http_methods(["GET", "POST"])
def koszt_usun(request, pk):
    doradca, koszt = get_koszt_for_user(request.user, pk)
    if request.method == "POST" and request.POST.get("potwierdz"):
        services.koszt_usun(koszt=koszt, actor=request.user)
        messages.success(request, _("Usunięto koszt podróży."))
        return redirect("jst:koszty")
    return render(request, "jst/wizyty/koszt_usun.html", {"koszt": koszt})


@require_GET
def koszt_dokument(request, pk, plik_pk):
    koszt, plik = get_dokument_kosztu(request.user, pk, plik_pk)
    try:
        tresc = plik.plik.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(tresc, as_attachment=True, filename=plik.nazwa, content_type=plik.typ)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def koszty_edycji(request, pk):
    """The coordinator's list: every adviser's costs in the edition, totals per adviser and overall."""
    edycja = get_edycja_for_user(request.user, pk)
    qs = KosztPodrozy.objects.filter(edycja=edycja)
    lista = _koszty_z_sumami(qs.order_by("doradca__uzytkownik__last_name", "doradca_id", "-data", "-pk"))
    sumy = list(qs.values("doradca_id", "doradca__uzytkownik__first_name", "doradca__uzytkownik__last_name",
                          "doradca__uzytkownik__username")
                .annotate(transport=Sum("kwota_transport"), nocleg=Sum("kwota_nocleg"), inne=Sum("kwota_inne"),
                          liczba=Count("pk"))
                .order_by("doradca__uzytkownik__last_name", "doradca_id"))
    for row in sumy:
        row["razem"] = row["transport"] + row["nocleg"] + row["inne"]
    razem = {k: sum((row[k] for row in sumy), Decimal(0)) for k in ("transport", "nocleg", "inne", "razem")}
    return render(request, "jst/wizyty/koszty_edycji.html",
                  {"edycja": edycja, "koszty": lista, "sumy": sumy, "razem": razem})

