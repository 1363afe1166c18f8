"""Progress updates of HDR actions and the coordinator's view of HDRs across an edition."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from hdr import monitoring
from hdr.forms_monitoring import PostepForm
from hdr.models import Dzialanie, Hdr
from jst.access import get_udzial_for_user

NA_STRONIE = 50  # JSTs a page of the coordinator's view: an edition has up to ~2,800


def _dzialanie_w_mocy(user, pk, klucz, *, write: bool):
    """(participation, role, HDR, action of the version in force). Progress is the team's to record."""
    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    hdr = Hdr.objects.filter(udzial=udzial).first()
    wersja = monitoring.obowiazujaca(hdr) if hdr else None
    if wersja is None:
        raise Http404
    dzialanie = get_object_or_404(Dzialanie, wersja_hdr=wersja, klucz=klucz)
    return udzial, rola, hdr, dzialanie


@require_http_methods(["GET", "POST"])
def postep(request, pk, klucz):
    udzial, rola, hdr, dzialanie = _dzialanie_w_mocy(request.user, pk, klucz, write=request.method == "POST")
    edytowalny = rola.w_zespole and rola.can_write
    form = PostepForm(request.POST or None, request.FILES or None,
                      initial={"data": timezone.localdate(), "status": "w_trakcie"}) if edytowalny else None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                monitoring.postep_dodaj(hdr=hdr, dzialanie=dzialanie, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano postęp działania „%(d)s”.") % {"d": dzialanie.nazwa})
                return redirect("hdr:postep", pk=udzial.pk, klucz=dzialanie.klucz)
    monitoring.stan_dzialan(hdr, [dzialanie])
    return render(request, "hdr/monitoring/postep.html", {
        "udzial": udzial, "rola": rola, "hdr": hdr, "d": dzialanie, "form": form}, status=status)


@require_http_methods(["GET"])
def przeglad(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    strona = Paginator(monitoring.udzialy_edycji(edycja), NA_STRONIE).get_page(request.GET.get("strona"))
    razem, narzedzia = monitoring.podsumowanie_edycji(edycja)
    return render(request, "hdr/monitoring/przeglad.html", {
        "edycja": edycja, "strona": strona, "wiersze": monitoring.przeglad_edycji(strona.object_list),
        "narzedzia": narzedzia, "razem": {"jst": strona.paginator.count, **razem},
    })
