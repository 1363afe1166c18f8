"""Monthly timesheets (issue 8): the adviser's card (view, submit), the coordinator's decision (approve,
return, reopen), the edition's month page with bulk approval, and the PDF. Access first through
jst.access_karty / doradztwo.access, then form, service, response."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.services import KonfliktWersji
from doradztwo.views_zadania import strona_pliku
from jst import karty as services
from jst.access import get_doradca_self
from jst.access_karty import DostepKarty, get_karta_for_user, get_moja_karta
from jst.forms_karty import DecyzjaKartyForm, KartyEdycjiForm, MiesiacEdycjiForm, ZlozKarteForm
from jst.forms_zdalne import czas_trwania
from jst.models import KartaCzasuPracy
from jst.normy import pelna_nazwa_miesiaca
from jst.zadania_karty import KARTA_PDF, parametry_karty

NA_STRONIE = 50


def _strona_karty(request, dostep: DostepKarty, *, form_decyzji=None, status: int = 200, akcja: str = ""):
    karta = services.karta_miesiaca(dostep.doradca, dostep.edycja, dostep.miesiac)
    # A stale action: the state saved now beside what the user meant to do.
    konflikt = [{"pole": _("Stan karty"), "zapisane": karta.stan_etykieta, "wpisane": akcja}] if akcja else []
    for wpis in karta.wpisy:
        wpis.czas = czas_trwania(wpis.minuty)
    if form_decyzji is None:
        form_decyzji = DecyzjaKartyForm()
    return render(request, "jst/karty/karta.html", {
        "k": karta, "dostep": dostep, "form_decyzji": form_decyzji, "konflikt": konflikt,
        "historia": karta.historia(),
    }, status=status)


@require_http_methods(["GET"])
def moje_karty(request):
    doradca = get_doradca_self(request.user)
    dzis = services.pierwszy_dzien(timezone.localdate())
    edycje = list(services.edycje_doradcy(doradca))
    stany = {(k.edycja_id, k.miesiac): k.stan for k in KartaCzasuPracy.objects.filter(doradca=doradca)}
    tabele = [{"edycja": e, "miesiace": [
        {"miesiac": m, "nazwa": pelna_nazwa_miesiaca(m),
         "stan": services.etykieta_stanu(stany.get((e.pk, m), "robocza"))}
        for m in reversed(services.miesiace_edycji(e)) if m <= dzis]} for e in edycje]
    return render(request, "jst/karty/moje_karty.html", {"doradca": doradca, "tabele": tabele})


@require_http_methods(["GET"])
def moja_karta(request, edycja_pk: int, miesiac: datetime.date):
    return _strona_karty(request, get_moja_karta(request.user, edycja_pk, miesiac))


@require_http_methods(["GET"])
def karta(request, pk: int, doradca_pk: int, miesiac: datetime.date):
    return _strona_karty(request, get_karta_for_user(request.user, pk, doradca_pk, miesiac))


@require_POST
def karta_zloz(request, edycja_pk: int, miesiac: datetime.date):
    dostep = get_moja_karta(request.user, edycja_pk, miesiac)
    form = ZlozKarteForm(request.POST)
    form.is_valid()  # only the hidden version; a missing one skips the stale check
    try:
        services.karta_zloz(doradca=dostep.doradca, edycja=dostep.edycja, miesiac=miesiac, actor=request.user,
                            wersja=form.cleaned_data.get("wersja"))
    except KonfliktWersji:
        messages.error(request, _("Karta zmieniła się w międzyczasie — sprawdź jej obecny stan i spróbuj ponownie."))
        return _strona_karty(request, dostep, status=409, akcja=_("Złóż kartę do akceptacji"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Karta złożona — koordynator dostał powiadomienie."))
    return redirect("jst:moja_karta", edycja_pk=dostep.edycja.pk, miesiac=miesiac)


@require_POST
def karta_decyzja(request, pk: int, doradca_pk: int, miesiac: datetime.date):
    dostep = get_karta_for_user(request.user, pk, doradca_pk, miesiac, coordinator=True)
    form = DecyzjaKartyForm(request.POST)
    if not form.is_valid():
        return _strona_karty(request, dostep, form_decyzji=form, status=400)
    try:
        services.karta_decyzja(doradca=dostep.doradca, edycja=dostep.edycja, miesiac=miesiac,
                               akcja=form.cleaned_data["akcja"], powod=form.cleaned_data["powod"],
                               wersja=form.cleaned_data.get("wersja"), actor=request.user)
    except KonfliktWersji:
        messages.error(request, _("Karta zmieniła się w międzyczasie — nic nie zapisano. Sprawdź jej obecny stan."))
        return _strona_karty(request, dostep, form_decyzji=form, status=409,
                             akcja=dict(DecyzjaKartyForm.AKCJE)[form.cleaned_data["akcja"]])
    except ValidationError as error:
        dodaj_bledy_uslugi(form, error)
        return _strona_karty(request, dostep, form_decyzji=form, status=400)
    messages.success(request, {
        "zatwierdz": _("Karta zatwierdzona — miesiąc jest zablokowany."),
        "zwroc": _("Karta zwrócona doradcy do poprawy."),
        "otworz": _("Karta ponownie otwarta."),
    }[form.cleaned_data["akcja"]])
    return redirect("jst:karta", pk=dostep.edycja.pk, doradca_pk=dostep.doradca.pk, miesiac=miesiac)


def _strona_edycji(request, edycja, form: MiesiacEdycjiForm, miesiac: datetime.date, status: int = 200,
                   szukaj: str = ""):
    """The month's cards, 50 advisers a page (a national edition has over a thousand)."""
    strona = Paginator(services.doradcy_edycji(edycja, szukaj=szukaj), NA_STRONIE).get_page(request.GET.get("strona"))
    wiersze = services.karty_edycji(edycja, miesiac, doradcy=strona.object_list)
    return render(request, "jst/karty/karty_edycji.html", {
        "edycja": edycja, "form": form, "miesiac": miesiac, "nazwa_miesiaca": pelna_nazwa_miesiaca(miesiac),
        "strona": strona, "wiersze": wiersze, "szukaj": szukaj,
        "do_zatwierdzenia": services.liczba_do_zatwierdzenia(edycja, miesiac),
    }, status=status)


@require_http_methods(["GET"])
def karty_edycji(request, pk: int):
    edycja = get_edycja_for_user(request.user, pk)
    domyslny = services.miesiac_domyslny(edycja)
    bound = "miesiac" in request.GET or "doradca" in request.GET
    form = KartyEdycjiForm(request.GET if bound else None, edycja=edycja,
                           initial={"miesiac": domyslny.strftime("%Y-%m")})
    miesiac = form.cleaned_data["miesiac"] if bound and form.is_valid() else domyslny
    szukaj = form.cleaned_data.get("doradca", "") if bound else ""
    return _strona_edycji(request, edycja, form, miesiac, szukaj=szukaj)


@require_POST
def karty_zatwierdz(request, pk: int):
    edycja = get_edycja_for_user(request.user, pk)
    form = MiesiacEdycjiForm(request.POST, edycja=edycja)
    if not form.is_valid():
        return _strona_edycji(request, edycja, form, services.miesiac_domyslny(edycja), status=400)
    miesiac = form.cleaned_data["miesiac"]
    n = services.karty_zatwierdz_miesiac(edycja=edycja, miesiac=miesiac, actor=request.user)
    if n:
        messages.success(request, ngettext("Zatwierdzono %(n)d kartę czasu pracy.",
                                           "Zatwierdzono %(n)d karty czasu pracy.", n) % {"n": n})
    else:
        messages.info(request, _("Nie było złożonych kart do zatwierdzenia."))
    return redirect(f"{reverse('jst:karty_edycji', kwargs={'pk': edycja.pk})}?miesiac={miesiac:%Y-%m}")


@require_http_methods(["GET", "POST"])
def karta_pdf(request, pk: int, doradca_pk: int, miesiac: datetime.date):
    dostep = get_karta_for_user(request.user, pk, doradca_pk, miesiac)
    return strona_pliku(request, KARTA_PDF, parametry_karty(dostep.edycja.pk, dostep.doradca.pk, miesiac),
                        dostepny=True, szablon="jst/karty/pdf_strona.html",
                        kontekst={"dostep": dostep, "nazwa_miesiaca": pelna_nazwa_miesiaca(miesiac)})
