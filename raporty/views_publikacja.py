"""Publication of accepted reports (the coordinator's screen) and the public good-practice library
(no login: `login_not_required`, CONVENTIONS §3). Public URLs read only published copies; an
unpublished or unknown id is 404 for everyone. The PDF URL serves the stored file or says it is
being prepared — a GET never starts a job."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.models import Zadanie
from doradztwo.przeglad import StanPrzegladu
from raporty import publikacja as uslugi
from raporty.access_publikacja import (
    get_publikacja_publiczna,
    get_raport_do_publikacji,
    get_zdjecie_publiczne,
    opublikowane,
)
from raporty.filters_publikacja import PublikacjaFilter
from raporty.forms_publikacja import PublikacjaForm
from raporty.zadania_publikacji import PUBLIKACJA_PDF

NA_STRONE = 10


def _ostatnie_zadanie(publikacja):
    if publikacja is None:
        return None
    return (Zadanie.objects.filter(rodzaj=PUBLIKACJA_PDF, parametry__publikacja=publikacja.pk)
            .order_by("-utworzone", "-pk").first())


# --- The coordinator's screen ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def publikacja(request, pk):
    udzial, raport, pub = get_raport_do_publikacji(request.user, pk)
    przyjety = raport is not None and raport.stan == StanPrzegladu.ZATWIERDZONA
    kontekst = {"udzial": udzial, "raport": raport, "pub": pub, "przyjety": przyjety}
    if not przyjety:
        status = 200
        if request.method == "POST":  # nothing to publish: the refusal changes nothing
            messages.error(request, _("Opublikować można tylko przyjęty raport końcowy."))
            status = 400
        return render(request, "raporty/publikacja/publikacja.html", kontekst, status=status)
    if request.method == "POST":
        form = PublikacjaForm(request.POST, raport=raport)
        if form.is_valid():
            try:
                uslugi.publikacja_opublikuj(raport=raport, actor=request.user, **form.dane_uslugi())
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Dobra praktyka jest opublikowana. PDF przygotujemy w tle — pojawi się "
                                            "na stronie publicznej za chwilę."))
                return redirect("raporty:publikacja", pk=udzial.pk)
    else:
        form = PublikacjaForm(initial=uslugi.propozycja(raport, z_raportu="z_raportu" in request.GET), raport=raport)
    zdjecia = list(raport.zdjecia.select_related("plik").order_by("kolejnosc", "pk"))
    zadanie = _ostatnie_zadanie(pub)
    kontekst.update({
        "form": form, "zdjecia": zdjecia, "zadanie": zadanie,
        "moje_zadanie": zadanie is not None and (zadanie.zlecajacy_id == request.user.pk or request.user.is_superuser),
    })
    return render(request, "raporty/publikacja/publikacja.html", kontekst, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def publikacja_wycofaj(request, pk):
    udzial, raport, pub = get_raport_do_publikacji(request.user, pk)
    if request.method == "POST":
        if pub is not None and pub.opublikowana:
            uslugi.publikacja_wycofaj(publikacja=pub, actor=request.user)
            messages.success(request, _("Publikacja wycofana. Strona i PDF nie są już dostępne publicznie; "
                                        "możesz opublikować ją ponownie."))
        else:
            messages.info(request, _("Ta dobra praktyka nie jest opublikowana."))
        return redirect("raporty:publikacja", pk=udzial.pk)
    return render(request, "raporty/publikacja/wycofaj.html", {"udzial": udzial, "raport": raport, "pub": pub})


@require_POST
def publikacja_pdf(request, pk):
    """Prepare the PDF again (e.g. after a failed render); goes to the job's page."""
    udzial, _raport, pub = get_raport_do_publikacji(request.user, pk)
    if pub is None or not pub.opublikowana:
        messages.info(request, _("Ta dobra praktyka nie jest opublikowana."))
        return redirect("raporty:publikacja", pk=udzial.pk)
    zadanie = uslugi.publikacja_zlec_pdf(publikacja=pub, actor=request.user)
    return redirect("zadania:zadanie", pk=zadanie.pk)


# --- The public library ------------------------------------------------------------------------


@login_not_required
@require_GET
def dobre_praktyki(request):
    filtr = PublikacjaFilter(request.GET or None, queryset=opublikowane().select_related("obszar"))
    # With a wrong filter the visitor's intent is unknown: show nothing rather than everything.
    lista = filtr.qs if not filtr.is_bound or filtr.is_valid() else opublikowane().none()
    strona = Paginator(lista, NA_STRONE).get_page(request.GET.get("strona"))
    for pub in strona:
        pub.rodzaj_etykieta = uslugi.rodzaj_jst_etykieta(pub.rodzaj_jst)
        pub.lead_krotki = Truncator(pub.lead).words(45)
    szukano = bool(request.GET.get("q") or request.GET.get("obszar") or request.GET.get("rodzaj_jst")
                   or request.GET.get("wojewodztwo"))
    return render(request, "raporty/publikacja/lista.html", {"filtr": filtr, "strona": strona, "szukano": szukano})


@login_not_required
@require_GET
def dobra_praktyka(request, pk):
    pub = get_publikacja_publiczna(pk)
    kontekst = uslugi.do_wyswietlenia(pub)
    kontekst["zdjecia"] = list(pub.zdjecia.all())
    return render(request, "raporty/publikacja/szczegoly.html", kontekst)


@login_not_required
@require_GET
def dobra_praktyka_zdjecie(request, pk, zid):
    pub = get_publikacja_publiczna(pk)
    zdjecie = get_zdjecie_publiczne(pub, zid)
    try:
        plik = zdjecie.plik.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    rozszerzenie = "png" if zdjecie.typ == "image/png" else "jpg"
    response = FileResponse(plik, as_attachment=True, filename=f"zdjecie-{zdjecie.pk}.{rozszerzenie}",
                            content_type=zdjecie.typ)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"  # an unpublished photo must not linger in caches
    return response


@login_not_required
@require_GET
def dobra_praktyka_pdf(request, pk):
    pub = get_publikacja_publiczna(pk)
    if pub.plik_pdf:
        try:
            plik = pub.plik_pdf.open("rb")
        except FileNotFoundError:  # storage not shared with the worker yet: say it is being prepared
            plik = None
        if plik is not None:
            response = FileResponse(plik, as_attachment=True, filename=uslugi.nazwa_pdf(pub),
                                    content_type="application/pdf")
            response["X-Content-Type-Options"] = "nosniff"
            response["Cache-Control"] = "no-cache"
            return response
    return render(request, "raporty/publikacja/pdf.html", {"publikacja": pub})
