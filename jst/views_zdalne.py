"""Remote advice (issue 8): my entries, add / edit / delete, the entries of a participation, and the
hour grids against the norm (mine and the coordinator's for an edition). Access first through
jst.access_zdalne / jst.access / doradztwo.access, then form, service, response."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi, konflikt_roznice
from doradztwo.przeglad import StanPrzegladu
from doradztwo.services import KonfliktWersji
from jst import normy
from jst import services_zdalne as services
from jst.access import get_udzial_for_user
from jst.access_zdalne import get_doradca_self, get_wpis_for_user, udzialy_zmian_wlasnych_wpisow, wpisy_udzialu
from jst.forms_zdalne import FiltrGodzinForm, FiltrWpisowForm, WpisZdalnyForm, czas_trwania
from jst.karty import sprawdz_miesiac_otwarty
from jst.models import KartaCzasuPracy, Udzial, WpisZdalny
from jst.rozszerzenia import opisz_wpisy

NA_STRONIE = 50


def _z_opisem(strona):
    """The page's entries as a list with their durations, end times and the other apps' notes
    (jst.rozszerzenia: e.g. the linked HDR action)."""
    strona.object_list = opisz_wpisy(strona.object_list)
    for wpis in strona.object_list:
        wpis.czas = czas_trwania(wpis.minuty)
        wpis.godziny_h = normy.godziny(normy.minuty_na_godziny(wpis.minuty))
        koniec = datetime.datetime.combine(wpis.data, wpis.poczatek) + datetime.timedelta(minutes=wpis.minuty)
        wpis.koniec = koniec.time()
        wpis.zablokowany = ""
    return strona.object_list


def _zatwierdzone_miesiace(karty) -> set[tuple[int, datetime.date]]:
    """(edycja_id, first day of the month) of approved timesheets: the months jst.karty locks."""
    return set(karty.filter(stan=StanPrzegladu.ZATWIERDZONA).values_list("edycja_id", "miesiac"))


def _oznacz_zablokowane(wpisy, *, miesiace, do_zmian) -> None:
    """`zablokowany`: why the author can no longer change an entry (the services and
    get_wpis_for_user would refuse), or "" — so the list offers no button that only ends in a refusal."""
    for wpis in wpisy:
        if (wpis.udzial.edycja_id, wpis.data.replace(day=1)) in miesiace:
            wpis.zablokowany = _("miesiąc zatwierdzony — bez zmian")
        elif wpis.udzial_id not in do_zmian:
            wpis.zablokowany = (_("edycja zamknięta — bez zmian") if wpis.udzial.edycja.zamknieta
                                else _("przydział zakończony — bez zmian"))


@require_http_methods(["GET"])
def moje_wpisy(request):
    doradca = get_doradca_self(request.user)
    wpisy = WpisZdalny.objects.filter(doradca=doradca)
    udzialy = Udzial.objects.filter(pk__in=doradca.przydzialy.values("udzial_id")).select_related(
        "jst", "edycja").order_by("-edycja__data_od", "jst__nazwa", "pk")
    filtr = FiltrWpisowForm(request.GET or None, miesiace=wpisy.dates("data", "month", order="DESC"),
                            udzialy=udzialy)
    if filtr.is_valid():
        if filtr.cleaned_data["miesiac"]:
            year, month = (int(x) for x in filtr.cleaned_data["miesiac"].split("-"))
            wpisy = wpisy.filter(data__year=year, data__month=month)
        if filtr.cleaned_data["udzial"]:
            wpisy = wpisy.filter(udzial_id=int(filtr.cleaned_data["udzial"]))
    wpisy = wpisy.select_related("udzial__jst", "udzial__edycja").prefetch_related("obecni__uzytkownik")
    strona = Paginator(wpisy, NA_STRONIE).get_page(request.GET.get("strona"))
    _oznacz_zablokowane(_z_opisem(strona), miesiace=_zatwierdzone_miesiace(doradca.karty),
                        do_zmian=udzialy_zmian_wlasnych_wpisow(request.user, doradca))
    return render(request, "jst/zdalne/moje_wpisy.html", {"doradca": doradca, "filtr": filtr, "strona": strona})


@require_http_methods(["GET", "POST"])
def wpis_nowy(request):
    doradca = get_doradca_self(request.user)
    form = WpisZdalnyForm(request.POST or None, doradca=doradca)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "wersja"}
            try:
                services.wpis_zdalny_utworz(doradca=doradca, actor=request.user, **data)
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano wpis doradztwa zdalnego."))
                return redirect("jst:moje_wpisy")
    return render(request, "jst/zdalne/formularz.html", {"form": form, "wpis": None}, status=status)


@require_http_methods(["GET", "POST"])
def wpis_edytuj(request, pk):
    wpis, _rola = get_wpis_for_user(request.user, pk, write=True)
    form = WpisZdalnyForm(request.POST or None, doradca=wpis.doradca, wpis=wpis)
    status, konflikt, blokada = 200, None, None
    try:  # said up front; the service still refuses the save
        sprawdz_miesiac_otwarty(doradca=wpis.doradca, edycja=wpis.udzial.edycja, data=wpis.data)
    except ValidationError as error:
        blokada = " ".join(error.messages)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            wersja = data.pop("wersja")
            try:
                services.wpis_zdalny_zmien(wpis=wpis, wersja=wersja, actor=request.user, **data)
            except KonfliktWersji as error:
                konflikt = konflikt_roznice(form, error.aktualny)
                form.add_error(None, _("Ktoś zapisał ten wpis, gdy go edytowałeś (np. w innej karcie). Nic nie "
                                       "zostało zapisane. Porównaj wartości; aby zostawić swoje, zapisz ponownie."))
                typed = form.data.copy()
                typed["wersja"] = error.aktualny.wersja
                form.data = typed
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano zmiany we wpisie."))
                return redirect("jst:moje_wpisy")
    return render(request, "jst/zdalne/formularz.html", {
        "form": form, "wpis": wpis, "konflikt": konflikt, "zablokowany": blokada is not None,
        # not twice when the refused save says it already
        "blokada": None if blokada in form.non_field_errors() else blokada,
    }, status=status)


@require_POST
def wpis_usun(request, pk):
    wpis, _rola = get_wpis_for_user(request.user, pk, write=True)
    wersja = request.POST.get("wersja", "")
    wersja = int(wersja) if wersja.isascii() and wersja.isdigit() and len(wersja) < 19 else None  # garbage: stale
    try:
        services.wpis_zdalny_usun(wpis=wpis, actor=request.user, wersja=wersja)
    except KonfliktWersji:
        messages.error(request, _("Wpis zmienił się od otwarcia strony — nie usunięto go. Sprawdź go i spróbuj "
                                  "ponownie."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Usunięto wpis."))
    return redirect("jst:moje_wpisy")


@require_http_methods(["GET"])
def wpisy_udzialu_view(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk)
    wpisy = (wpisy_udzialu(request.user, udzial, rola)
             .select_related("doradca__uzytkownik").prefetch_related("obecni__uzytkownik"))
    strona = Paginator(wpisy, NA_STRONIE).get_page(request.GET.get("strona"))
    lista = _z_opisem(strona)
    for wpis in lista:
        wpis.udzial = udzial  # fetched already; spares a query per row
    if rola.doradza:  # the link offered on the adviser's own entries
        karty = KartaCzasuPracy.objects.filter(doradca__uzytkownik=request.user, edycja=udzial.edycja)
        _oznacz_zablokowane(lista, miesiace=_zatwierdzone_miesiace(karty),
                            do_zmian={udzial.pk} if rola.can_write else set())
    return render(request, "jst/zdalne/wpisy_udzialu.html", {"udzial": udzial, "rola": rola, "strona": strona})


@require_http_methods(["GET"])
def moje_godziny(request):
    doradca = get_doradca_self(request.user)
    pary = normy.siatka_doradcy(doradca)
    editions: dict[int, dict] = {}
    for para in pary:
        edycja = para.udzial.edycja
        editions.setdefault(edycja.pk, {"edycja": edycja, "pary": []})["pary"].append(para)
    tabele = [{"edycja": e["edycja"], "tabela": normy.tabela(e["pary"])}
              for e in sorted(editions.values(), key=lambda e: e["edycja"].data_od, reverse=True)]
    return render(request, "jst/zdalne/moje_godziny.html", {"doradca": doradca, "tabele": tabele})


@require_http_methods(["GET"])
def godziny_edycji(request, pk):
    """The edition's adviser × JST grid, a page at a time (an edition has thousands of pairs)."""
    edycja = get_edycja_for_user(request.user, pk)
    filtr = FiltrGodzinForm(request.GET or None)
    kryteria = filtr.cleaned_data if filtr.is_valid() else {}
    strona, tabela = normy.strona_siatki_edycji(
        edycja, filtr=normy.filtr_par(doradca=kryteria.get("doradca", ""), jst=kryteria.get("jst", "")),
        status=kryteria.get("status", ""), numer=request.GET.get("strona"))
    return render(request, "jst/zdalne/godziny_edycji.html",
                  {"edycja": edycja, "filtr": filtr, "strona": strona, "tabela": tabela})
