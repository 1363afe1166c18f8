"""Files of a participation: the list with the upload form, the download, the deletion.

Everyone with a role in the participation reads; writers (team, current advisers, coordinators)
upload; the uploader or a coordinator deletes. A former adviser reads only the files they added
(CONVENTIONS §4: "their own entries"). Files are served only here — MEDIA is never routed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.models import Plik
from doradztwo.pliki import plik_dodaj
from doradztwo.pliki import plik_usun as usun_plik
from jst.access import Rola, RolaWUdziale, get_udzial_for_user
from jst.forms_pliki import PlikForm
from jst.models import Udzial

# --- The door from a URL id to a file (through its participation) ---------------------------


def pliki_widoczne(user, udzial: Udzial, rola: RolaWUdziale) -> QuerySet[Plik]:
    qs = Plik.objects.filter(udzial=udzial)
    if rola.rola is Rola.BYLY_DORADCA:
        qs = qs.filter(dodal=user)
    return qs


def moze_usunac(user, rola: RolaWUdziale, plik: Plik) -> bool:
    if rola.koordynuje:
        return True
    return rola.can_write and plik.dodal_id == user.pk


def get_plik(user, udzial: Udzial, rola: RolaWUdziale, pk) -> Plik:
    """Another participation's file, or one this role may not see, is 404 (as if it did not exist)."""
    return get_object_or_404(pliki_widoczne(user, udzial, rola), pk=pk)


# --- Views ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pliki(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk, write=request.method == "POST")
    form = None
    if rola.can_write:
        form = PlikForm(request.POST, request.FILES) if request.method == "POST" else PlikForm()
    if request.method == "POST" and form.is_valid():
        try:
            nowy = plik_dodaj(udzial=udzial, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dodano plik „%(nazwa)s”.") % {"nazwa": nowy.nazwa})
            return redirect("jst:pliki", pk=udzial.pk)
    lista = list(pliki_widoczne(request.user, udzial, rola).select_related("dodal"))
    for p in lista:
        p.moze_usunac = moze_usunac(request.user, rola, p)
    return render(request, "jst/pliki/lista.html", {"udzial": udzial, "rola": rola, "pliki": lista, "form": form})


@require_GET
def plik(request, pk, plik_pk):
    udzial, rola = get_udzial_for_user(request.user, pk)
    wybrany = get_plik(request.user, udzial, rola, plik_pk)
    try:
        tresc = wybrany.plik.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Always a download with the sniffed type: the browser never renders an upload in our origin.
    response = FileResponse(tresc, as_attachment=True, filename=wybrany.nazwa, content_type=wybrany.typ)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def plik_usun(request, pk, plik_pk):
    """First POST (the list's button) asks for confirmation; the confirmed POST deletes."""
    udzial, rola = get_udzial_for_user(request.user, pk)
    wybrany = get_plik(request.user, udzial, rola, plik_pk)
    if not moze_usunac(request.user, rola, wybrany):
        raise PermissionDenied
    if request.POST.get("potwierdz") != "1":
        return render(request, "jst/pliki/usun.html", {"udzial": udzial, "plik": wybrany})
    try:
        usun_plik(plik=wybrany, actor=request.user)
    except ProtectedError:  # e.g. a photo of the final report: remove it there first
        messages.error(request, _("Pliku „%(nazwa)s” nie można usunąć, bo jest używany (np. jako zdjęcie "
                                  "w raporcie końcowym). Usuń go najpierw stamtąd.") % {"nazwa": wybrany.nazwa})
        return redirect("jst:pliki", pk=udzial.pk)
    messages.success(request, _("Usunięto plik „%(nazwa)s”.") % {"nazwa": wybrany.nazwa})
    return redirect("jst:pliki", pk=udzial.pk)
