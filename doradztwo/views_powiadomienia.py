"""The bell's pages: one's own notifications, mark one or all read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doradztwo.powiadomienia import (
    get_powiadomienie_for_user,
    oznacz_przeczytane,
    oznacz_wszystkie,
    powiadomienia_uzytkownika,
)

NA_STRONE = 50


def _do_listy(request):
    strona = request.POST.get("strona", "")
    url = reverse("powiadomienia:lista")
    return redirect(f"{url}?strona={strona}" if strona.isdigit() else url)


@require_GET
def lista(request):
    strona = Paginator(powiadomienia_uzytkownika(request.user), NA_STRONE).get_page(request.GET.get("strona"))
    return render(request, "doradztwo/powiadomienia/lista.html", {"strona": strona})


@require_POST
def przeczytane(request, pk):
    powiadomienie = get_powiadomienie_for_user(request.user, pk)
    oznacz_przeczytane(powiadomienie=powiadomienie, actor=request.user)
    link = powiadomienie.link
    if request.POST.get("przejdz") == "1" and link and url_has_allowed_host_and_scheme(
            link, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(link)
    return _do_listy(request)


@require_POST
def wszystkie_przeczytane(request):
    n = oznacz_wszystkie(actor=request.user)
    if n:
        messages.success(request, _("Wszystkie powiadomienia oznaczono jako przeczytane."))
    return _do_listy(request)
