"""Adviser directory (coordinators) and ROS/PRO assignments of a participation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo.access import require_coordinator
from doradztwo.forms import dodaj_bledy_uslugi as add_service_error
from doradztwo.services import KonfliktWersji, uzytkownik_wyslij_zaproszenie
from doradztwo.wersje import konflikt_formularza
from jst.access import get_doradca_for_user, get_przydzial, get_udzial_for_user
from jst.filters_doradcy import DoradcaFilter
from jst.forms_doradcy import DoradcaEdycjaForm, DoradcaForm, PrzydzialForm, PrzydzialZakonczForm
from jst.models import PrzydzialDoradcy
from jst.selectors_doradcy import doradcy_katalog, edycje_koordynowane_ids, przydzialy_doradcy, przydzialy_otwarte
from jst.services_doradcy import doradca_utworz, doradca_zmien, przydzial_utworz, przydzial_zakoncz

NA_STRONE = 50


@require_GET
def doradcy(request):
    filtr = DoradcaFilter(request.GET or None, queryset=doradcy_katalog(request.user))
    strona = Paginator(filtr.qs, NA_STRONE).get_page(request.GET.get("strona"))
    return render(request, "jst/doradcy/lista.html", {"filtr": filtr, "strona": strona})


@require_http_methods(["GET", "POST"])
def doradca_nowy(request):
    require_coordinator(request.user)
    form = DoradcaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            doradca = doradca_utworz(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if doradca.nowe_konto:
                messages.success(request, _("Dodano doradcę %(osoba)s. Zaproszenie do ustawienia hasła wysłano na "
                                            "adres %(email)s.") % {"osoba": doradca, "email": doradca.uzytkownik.email})
            else:
                messages.success(request, _("Dodano doradcę %(osoba)s. Ta osoba ma już konto w systemie — nowego "
                                            "zaproszenia nie wysłano.") % {"osoba": doradca})
            return redirect("jst:doradca", doradca.pk)
    return render(request, "jst/doradcy/formularz.html", {"form": form, "doradca": None})


@require_GET
def doradca(request, pk):
    doradca = get_doradca_for_user(request.user, pk)
    return render(request, "jst/doradcy/szczegoly.html", {
        "doradca": doradca,
        "przydzialy": przydzialy_doradcy(doradca),
        "edycje_koordynowane": edycje_koordynowane_ids(request.user),
    })


@require_http_methods(["GET", "POST"])
def doradca_edytuj(request, pk):
    doradca = get_doradca_for_user(request.user, pk)
    form = DoradcaEdycjaForm(request.POST or None, doradca=doradca)
    konflikt, status = None, 200
    if request.method == "POST" and form.is_valid():
        dane = {k: v for k, v in form.cleaned_data.items() if k != "wersja"}
        try:
            doradca = doradca_zmien(doradca=doradca, dane=dane, wersja=form.cleaned_data.get("wersja") or 0,
                                    actor=request.user)
        except KonfliktWersji as error:
            aktualny = DoradcaEdycjaForm(doradca=error.aktualny).initial
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zapisał dane tego doradcy, gdy je edytowałeś. Nic nie zostało "
                "zapisane. Porównaj wartości poniżej i zapisz ponownie."),
                [{"pole": form.fields[k].label, "zapisane": aktualny[k], "wpisane": v}
                 for k, v in dane.items() if aktualny.get(k) != v])
            status = 409
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Zapisano dane doradcy %(osoba)s.") % {"osoba": doradca})
            return redirect("jst:doradca", doradca.pk)
    return render(request, "jst/doradcy/formularz.html", {"form": form, "doradca": doradca, "konflikt": konflikt},
                  status=status)


@require_POST
def doradca_zaproszenie(request, pk):
    doradca = get_doradca_for_user(request.user, pk)
    try:
        uzytkownik_wyslij_zaproszenie(uzytkownik=doradca.uzytkownik, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zaproszenie wysłane ponownie"))
    return redirect("jst:doradca", doradca.pk)


def _przydziel_page(request, udzial, form, zakoncz_form=None, zakoncz_pk=None, status=200):
    otwarte = przydzialy_otwarte(udzial)
    for przydzial in otwarte:
        bound = zakoncz_form if przydzial.pk == zakoncz_pk else None
        przydzial.zakoncz_form = bound or PrzydzialZakonczForm(auto_id=f"zakoncz-{przydzial.pk}-%s")
    return render(request, "jst/doradcy/przydziel.html",
                  {"udzial": udzial, "form": form, "otwarte": otwarte}, status=status)


@require_http_methods(["GET", "POST"])
def przydziel(request, pk):
    udzial, _role = get_udzial_for_user(request.user, pk, coordinator=True)
    initial = {}
    if request.GET.get("rola") in PrzydzialDoradcy.Rola.values:
        initial["rola"] = request.GET["rola"]
    form = PrzydzialForm(request.POST or None, udzial=udzial, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            przydzial = przydzial_utworz(udzial=udzial, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(osoba)s jest doradcą %(rola)s od %(od)s.") % {
                "osoba": przydzial.doradca, "rola": przydzial.rola,
                "od": date_format(przydzial.od, "SHORT_DATE_FORMAT")})
            return redirect(reverse("jst:udzial", args=[udzial.pk]))
    return _przydziel_page(request, udzial, form)


@require_POST
def przydzial_zakoncz_view(request, pk, przydzial_pk):
    udzial, _role = get_udzial_for_user(request.user, pk, coordinator=True)
    przydzial = get_przydzial(udzial, przydzial_pk)
    form = PrzydzialZakonczForm(request.POST, auto_id=f"zakoncz-{przydzial.pk}-%s")
    if form.is_valid():
        try:
            przydzial = przydzial_zakoncz(przydzial=przydzial, do=form.cleaned_data["do"], actor=request.user)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Already ended (someone was faster): the page they acted on is stale, show the current one.
                messages.error(request, " ".join(error.messages))
                return redirect(reverse("jst:udzial", args=[udzial.pk]))
            add_service_error(form, error)
        else:
            messages.success(request, _("Przydział %(osoba)s (%(rola)s) kończy się %(do)s.") % {
                "osoba": przydzial.doradca, "rola": przydzial.rola,
                "do": date_format(przydzial.do, "SHORT_DATE_FORMAT")})
            return redirect(reverse("jst:udzial", args=[udzial.pk]))
    # Bad date: show it next to the field on the assignment page, keeping what was typed.
    return _przydziel_page(request, udzial, PrzydzialForm(udzial=udzial), form, przydzial.pk)
