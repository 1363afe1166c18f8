"""The HDR plan pages: the HDR of a participation (create, actions, traceability, review), the action
form, the period form, a new version with its reason, and each version's read-only page with the
Polish diff. Access through hdr.access; every change through hdr.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.przeglad import StanPrzegladu, etykieta_stanu_zespolu, historia
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from hdr import services
from hdr.access import get_dzialanie, get_hdr_for_user, get_wersja, moze_edytowac, moze_zlozyc, najnowsza, require_hdr
from hdr.forms import DzialanieForm, OkresForm, PowodForm, initial_dzialania, kwota_do_pola
from hdr.models import Dzialanie, FormaRaportu
from jst.models import CzlonekZespolu


def _wroc(udzial, kotwica: str = ""):
    response = redirect("hdr:hdr", pk=udzial.pk)
    if kotwica:
        response["Location"] += f"#{kotwica}"
    return response


def _plan(udzial, hdr, wersja, wersje, *, z_poprzednia: bool) -> dict:
    """What a page needs to show one version: its actions with status and overdue flag, the
    traceability, and (optionally) the diff against the previous version. A fixed number of queries."""
    dzis = timezone.localdate()
    dzialania = services.dzialania_wersji(wersja)
    services.stan_realizacji(hdr, dzialania, dzis)
    w_mocy = services.obowiazujaca(wersje)
    for d in dzialania:
        d.osoba = services.osoba_odpowiedzialna(d)
        d.w_mocy = w_mocy is not None and wersja.pk == w_mocy.pk
    luki = services.luki_priorytetowe(udzial)
    poprzednia = next((w for w in wersje if w.numer == wersja.numer - 1), None)
    roznice = []
    if z_poprzednia and poprzednia is not None:
        roznice = services.roznice(poprzednia, wersja, services.dzialania_wersji(poprzednia), dzialania)
    for w in wersje:
        w.etykieta = etykieta_stanu_zespolu(w.stan)
        w.obowiazuje = w_mocy is not None and w.pk == w_mocy.pk
    return {"dzialania": dzialania, "pokrycie": services.pokrycie(luki, dzialania), "w_mocy": w_mocy,
            "poprzednia": poprzednia, "roznice": roznice, "dzis": dzis,
            "harmonogram": harmonogram(wersja, dzialania, dzis)}


def harmonogram(wersja, dzialania, dzis):
    """The version's timeline by month (SVG Gantt with today's line, overdue marked, table alternative);
    the HDR PDF reuses it. Actions must carry their monitoring state (services.stan_realizacji)."""
    from doradztwo.wykresy import gantt

    return gantt(_("Harmonogram działań HDR (wersja %(n)d)") % {"n": wersja.numer}, [
        {"nazwa": d.nazwa, "od": d.od, "do": d.do, "opoznione": d.opoznione, "status": d.status_etykieta,
         "postep": d.postep, "raport": d.raport_koncowy} for d in dzialania
    ], dzis=dzis, od=wersja.okres_od, do=wersja.okres_do, prefiks=f"hdr-v{wersja.numer}")


@require_http_methods(["GET"])
def hdr(request, pk):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk)
    context = {"udzial": udzial, "rola": rola, "hdr": hdr, "moze_edytowac": moze_edytowac(rola)}
    if hdr is None:
        context["gotowosc"] = services.gotowosc(udzial)
        if moze_edytowac(rola) and not context["gotowosc"]:
            context["form"] = OkresForm()
        return render(request, "hdr/hdr.html", context)
    wersje = services.wersje_hdr(hdr)
    wersja = wersje[-1]
    edytowalna = moze_edytowac(rola) and services.edytowalna(wersja, wersja)
    context.update(_plan(udzial, hdr, wersja, wersje, z_poprzednia=True))
    context.update({
        "wersje": wersje, "wersja": wersja, "edytowalna": edytowalna,
        "stan_etykieta": etykieta_stanu_zespolu(wersja.stan),
        "moze_zlozyc": moze_zlozyc(rola) and wersja.stan in (StanPrzegladu.ROBOCZA, StanPrzegladu.ZWROCONA),
        "moze_ocenic": rola.koordynuje and wersja.stan == StanPrzegladu.ZLOZONA,
        "moze_nowa": moze_edytowac(rola) and wersja.stan == StanPrzegladu.ZATWIERDZONA,
        "historia_stanu": _historia(wersja),
    })
    return render(request, "hdr/hdr.html", context)


def _historia(wersja) -> list:
    etykiety = {"zloz": _("złożenie"), "zwroc": _("zwrot do poprawy"), "zatwierdz": _("zatwierdzenie")}
    wpisy = list(historia(wersja, "stan")[:10])
    for h in wpisy:
        h.etykieta = etykiety.get(h.akcja, h.akcja)
    return wpisy


@require_POST
def zaloz(request, pk):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk, write=True)
    if hdr is not None:
        return _wroc(udzial)
    form = OkresForm(request.POST)
    if form.is_valid():
        try:
            services.hdr_zaloz(udzial=udzial, okres_od=form.cleaned_data["okres_od"],
                               okres_do=form.cleaned_data["okres_do"], ryzyka=form.cleaned_data["ryzyka"],
                               actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Utworzono HDR (wersja 1 w przygotowaniu). Dodajcie działania."))
            return _wroc(udzial)
    return render(request, "hdr/hdr.html", {"udzial": udzial, "rola": rola, "hdr": None, "form": form,
                                            "moze_edytowac": True, "gotowosc": services.gotowosc(udzial)},
                  status=400)


def _do_edycji(request, pk):
    """(participation, HDR, the newest version) for a team member, or a redirect when it is locked."""
    udzial, rola, hdr = get_hdr_for_user(request.user, pk, write=True)
    wersja = najnowsza(hdr)
    if not services.edytowalna(wersja, wersja):
        messages.error(request, _("Wersja %(n)d HDR jest złożona lub zatwierdzona — nie można jej teraz "
                                  "zmieniać.") % {"n": wersja.numer})
        return udzial, hdr, wersja, _wroc(udzial)
    return udzial, hdr, wersja, None


@require_http_methods(["GET", "POST"])
def okres(request, pk):
    udzial, hdr, wersja, stop = _do_edycji(request, pk)
    if stop:
        return stop
    form = OkresForm(request.POST or None, initial={"okres_od": wersja.okres_od, "okres_do": wersja.okres_do,
                                                    "ryzyka": wersja.ryzyka, "wersja": wersja.wersja})
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.wersja_zapisz(wersja_hdr=wersja, okres_od=cd["okres_od"], okres_do=cd["okres_do"],
                                       ryzyka=cd["ryzyka"], wersja=cd.get("wersja"), actor=request.user)
            except KonfliktWersji as error:
                a = error.aktualny
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił tę wersję HDR, gdy ją edytowałeś. Nic nie zostało "
                    "zapisane. Porównaj poniżej; aby zostawić swoją wersję, zapisz ponownie."), [row for row in (
                        {"pole": _("Początek okresu HDR"), "zapisane": services.data_pl(a.okres_od),
                         "wpisane": services.data_pl(cd["okres_od"])},
                        {"pole": _("Koniec okresu HDR"), "zapisane": services.data_pl(a.okres_do),
                         "wpisane": services.data_pl(cd["okres_do"])},
                        {"pole": _("Ryzyka i założenia"), "zapisane": a.ryzyka, "wpisane": cd["ryzyka"]},
                    ) if row["zapisane"] != row["wpisane"]])
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano okres i ryzyka HDR."))
                return _wroc(udzial)
    return render(request, "hdr/okres.html", {"udzial": udzial, "hdr": hdr, "wersja": wersja, "form": form,
                                              "konflikt": konflikt}, status=status)


def _porownanie(dane: dict, form: DzialanieForm) -> dict:
    """Display values of an action's fields, for the conflict table."""
    raport = dict(FormaRaportu.choices)
    out = {}
    for name in form.fields:
        if name in ("wersja", "narzedzia_zarzadcze", "narzedzia_rozwoju"):
            continue
        value = dane.get(name)
        if name in ("od", "do"):
            value = services.data_pl(value)
        elif name == "kwota":
            value = kwota_do_pola(value)
        elif name == "cele":
            value = "; ".join(str(c) for c in value or [])
        elif name == "wlasciciel":
            value = services.osoba_odpowiedzialna(Dzialanie(wlasciciel=value)) if value else ""
        elif name == "raport_koncowy":
            value = _("tak") if value else _("nie")
        elif name == "forma_raportu":
            value = str(raport.get(value, value or ""))
        out[name] = str(value or "")
    out["narzedzia"] = "; ".join(dane.get("narzedzia") or [])
    return out


def _konflikt(form: DzialanieForm, aktualny: Dzialanie) -> list[dict]:
    zapisane = dict(initial_dzialania(aktualny), narzedzia=aktualny.narzedzia, kwota=aktualny.kwota,
                    wlasciciel=aktualny.wlasciciel)
    a, b = _porownanie(zapisane, form), _porownanie(form.dane(), form)
    etykiety = {name: field.label for name, field in form.fields.items()}
    etykiety["narzedzia"] = _("Narzędzia z katalogu obszaru")
    return [{"pole": etykiety[name], "zapisane": a[name], "wpisane": b[name]} for name in a if a[name] != b[name]]


def _formularz_dzialania(request, udzial, hdr, wersja, dzialanie=None):
    czlonkowie = CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik") \
        .order_by("-lider", "uzytkownik__last_name", "uzytkownik__first_name", "pk")
    if dzialanie is not None:
        initial = initial_dzialania(dzialanie)
    else:
        initial = {"od": wersja.okres_od, "do": wersja.okres_do}
        if request.GET.get("raport") == "1":
            initial.update({"raport_koncowy": True, "nazwa": _("Raport końcowy"),
                            "forma_raportu": FormaRaportu.DOBRA_PRAKTYKA})
    form = DzialanieForm(request.POST or None, initial=initial, cele=services.cele_priorytetowe(udzial),
                         czlonkowie=czlonkowie, obszar=hdr.obszar,
                         obecne_narzedzia=dzialanie.narzedzia if dzialanie else ())
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                obj = services.dzialanie_zapisz(wersja_hdr=wersja, dane=form.dane(), dzialanie=dzialanie,
                                                wersja=form.cleaned_data.get("wersja"), actor=request.user)
            except KonfliktWersji as error:
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił to działanie, gdy je edytowałeś. Nic nie zostało "
                    "zapisane. Porównaj wartości poniżej; aby zostawić swoje, zapisz ponownie."),
                    _konflikt(form, error.aktualny))
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano działanie „%(d)s”.") % {"d": obj.nazwa})
                return _wroc(udzial, f"dzialanie-{obj.klucz}")
    return render(request, "hdr/dzialanie.html", {
        "udzial": udzial, "hdr": hdr, "wersja": wersja, "dzialanie": dzialanie, "form": form, "konflikt": konflikt,
    }, status=status)


@require_http_methods(["GET", "POST"])
def dzialanie_nowe(request, pk):
    udzial, hdr, wersja, stop = _do_edycji(request, pk)
    if stop:
        return stop
    return _formularz_dzialania(request, udzial, hdr, wersja)


@require_http_methods(["GET", "POST"])
def dzialanie(request, pk, klucz):
    udzial, hdr, wersja, stop = _do_edycji(request, pk)
    obj = get_dzialanie(wersja, klucz)
    if stop:
        return stop
    return _formularz_dzialania(request, udzial, hdr, wersja, obj)


@require_POST
def dzialanie_usun(request, pk, klucz):
    udzial, hdr, wersja, stop = _do_edycji(request, pk)
    obj = get_dzialanie(wersja, klucz)
    if stop:
        return stop
    try:
        services.dzialanie_usun(dzialanie=obj, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Usunięto działanie „%(d)s”.") % {"d": obj.nazwa})
    return _wroc(udzial, "dzialania")


def _zmien_stan(request, pk, akcja):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk)
    allowed = {"zloz": moze_zlozyc(rola), "zwroc": rola.koordynuje, "zatwierdz": rola.koordynuje}
    if not allowed[akcja]:
        raise PermissionDenied
    wersja = najnowsza(hdr)
    try:
        services.wersja_zmien_stan(wersja_hdr=wersja, akcja=akcja, powod=request.POST.get("powod", ""),
                                   actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {
            "zloz": _("HDR złożony do akceptacji. Koordynator i doradcy zostali powiadomieni."),
            "zwroc": _("HDR zwrócony zespołowi do poprawy."),
            "zatwierdz": _("HDR zatwierdzony."),
        }[akcja])
    return _wroc(udzial, "przeglad")


@require_POST
def zloz(request, pk):
    return _zmien_stan(request, pk, "zloz")


@require_POST
def zwroc(request, pk):
    return _zmien_stan(request, pk, "zwroc")


@require_POST
def zatwierdz(request, pk):
    return _zmien_stan(request, pk, "zatwierdz")


@require_http_methods(["GET", "POST"])
def wersja_nowa(request, pk):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk, write=True)
    ostatnia = najnowsza(hdr)
    if ostatnia.stan != StanPrzegladu.ZATWIERDZONA:
        # Two people starting a change at once: the second simply lands in the draft.
        messages.info(request, _("Wersja %(n)d HDR jest już w przygotowaniu — zmiany wprowadzacie w niej.")
                      % {"n": ostatnia.numer})
        return _wroc(udzial)
    form = PowodForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                nowa = services.wersja_nowa(hdr=hdr, powod=form.cleaned_data["powod"], actor=request.user)
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Rozpoczęto wersję %(n)d HDR. Wersja %(m)d obowiązuje, dopóki nowa nie "
                                            "zostanie zatwierdzona.") % {"n": nowa.numer, "m": ostatnia.numer})
                return _wroc(udzial)
    return render(request, "hdr/wersja_nowa.html", {"udzial": udzial, "hdr": hdr, "ostatnia": ostatnia,
                                                    "form": form}, status=status)


@require_http_methods(["GET"])
def wersja(request, pk, numer):
    udzial, rola, hdr = get_hdr_for_user(request.user, pk)
    obj = get_wersja(require_hdr(hdr), numer)
    wersje = services.wersje_hdr(hdr)
    obj = next(w for w in wersje if w.pk == obj.pk)
    context = {"udzial": udzial, "rola": rola, "hdr": hdr, "wersja": obj, "wersje": wersje,
               "stan_etykieta": etykieta_stanu_zespolu(obj.stan), "edytowalna": False,
               "nowsza": next((w for w in wersje if w.numer > obj.numer and w.stan == StanPrzegladu.ZATWIERDZONA),
                              None)}
    context.update(_plan(udzial, hdr, obj, wersje, z_poprzednia=True))
    return render(request, "hdr/wersja.html", context)
