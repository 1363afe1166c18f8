"""Remote advice ↔ HDR actions (issue 8): the author links an entry to an action of the JST's HDR, and
each action lists the remote advice linked to it. Access through jst.access / jst.access_zdalne /
hdr.access, changes through hdr.services_powiazania."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from hdr import services_powiazania as services
from hdr.access import get_hdr_for_user, require_hdr
from hdr.forms_powiazania import PowiazanieForm, etykieta_dzialania
from hdr.models import PowiazanieWpisu
from jst.access import get_udzial_for_user
from jst.access_zdalne import get_wpis_for_user
from jst.forms_zdalne import czas_trwania
from jst.karty import sprawdz_miesiac_otwarty


def _wpis_autora(user, pk, wpis_pk):
    """(participation, entry): outsiders of the JST 404, an entry of another JST 404, anyone but its
    author who may still edit it 403 (the entry's own edit rule)."""
    udzial, _rola = get_udzial_for_user(user, pk)
    wpis, _rola = get_wpis_for_user(user, wpis_pk, write=True)
    if wpis.udzial_id != udzial.pk:
        raise Http404
    return udzial, wpis


def _nazwa(dzialania, hdr, klucz) -> str:
    if klucz is None:
        return _("bez powiązania")
    d = next((d for d in dzialania if d.klucz == klucz), None)
    if d is not None:
        return etykieta_dzialania(d)
    d = services.dzialanie_po_kluczu(hdr, klucz)
    return d.nazwa if d else _("działanie usunięte z HDR")


@require_http_methods(["GET", "POST"])
def powiazanie_wpisu(request, pk, wpis_pk):
    udzial, wpis = _wpis_autora(request.user, pk, wpis_pk)
    hdr = services.hdr_udzialu(udzial)
    dzialania = services.dzialania_do_wyboru(hdr)
    obecne = PowiazanieWpisu.objects.filter(wpis=wpis).first()
    klucz = obecne.klucz if obecne else None
    blokada = None
    try:
        sprawdz_miesiac_otwarty(doradca=wpis.doradca, edycja=udzial.edycja, data=wpis.data)
    except ValidationError as error:
        blokada = " ".join(error.messages)
    initial = {"dzialanie": str(klucz or ""), "widziane": str(klucz or "")}
    form = PowiazanieForm(request.POST or None, dzialania=dzialania, initial=initial)
    status, konflikt = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            wybrane = form.cleaned_data["dzialanie"]
            try:
                services.powiazanie_ustaw(wpis=wpis, klucz=wybrane, widziane=form.cleaned_data["widziane"],
                                          actor=request.user)
            except KonfliktWersji as error:
                teraz = error.aktualny.klucz if error.aktualny else None
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś zmienił powiązanie tego wpisu, gdy miałeś otwarty formularz (np. w "
                    "innej karcie). Nic nie zostało zapisane. Aby zostawić swój wybór, zapisz "
                    "ponownie."), [{"pole": _("Działanie HDR"), "zapisane": _nazwa(dzialania, hdr, teraz),
                                   "wpisane": _nazwa(dzialania, hdr, wybrane)}],
                    wartosci={"widziane": str(teraz or "")})
                klucz = teraz
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                if wybrane == klucz:
                    messages.info(request, _("Powiązanie wpisu się nie zmieniło."))
                elif wybrane is None:
                    messages.success(request, _("Usunięto powiązanie wpisu z działaniem HDR."))
                else:
                    messages.success(request, _("Powiązano wpis z działaniem „%(d)s”.") % {
                        "d": _nazwa(dzialania, hdr, wybrane)})
                return redirect("jst:moje_wpisy")
    return render(request, "hdr/powiazania/wpis.html", {
        "udzial": udzial, "wpis": wpis, "czas": czas_trwania(wpis.minuty), "hdr": hdr, "dzialania": dzialania,
        "obecne": _nazwa(dzialania, hdr, klucz) if klucz else None, "blokada": blokada, "form": form,
        "konflikt": konflikt,
    }, status=status)


@require_http_methods(["GET"])
def porady_dzialania(request, pk, klucz):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk)
    hdr = require_hdr(hdr)
    dzialanie = services.dzialanie_po_kluczu(hdr, klucz)
    if dzialanie is None:
        raise Http404
    porady = services.porady_dzialania(request.user, udzial, rola, hdr, klucz)
    return render(request, "hdr/powiazania/porady.html", {
        "udzial": udzial, "rola": rola, "hdr": hdr, "d": dzialanie, "porady": porady})
