"""The data-collection task of a participation: one page with both resource areas (indicators with
values, charts and the comparison, or data tables), interpretation and conclusions, and the review;
small forms for values and tables. Access through diagnoza.access; every change through
diagnoza.services_zadanie."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from diagnoza import services_zadanie as services
from diagnoza.access import (
    get_obszar_zadania,
    get_tabela,
    get_wartosc,
    get_wskaznik_zadania,
    get_zadanie_for_user,
)
from diagnoza.forms_zadanie import ObszarForm, TabelaForm, WartoscForm, WnioskiForm, ZalacznikForm
from diagnoza.models import ObszarZadania, TabelaDanych, WartoscWskaznika, Wskaznik, WyborObszaru
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.przeglad import StanPrzegladu, historia, zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from doradztwo.wykresy import wykres_liniowy


def liczba(value, miejsca: int | None) -> str:
    """Polish format, rounded half up (number_format alone truncates); `miejsca=None`: as typed."""
    if value is None:
        return _("n/d")
    value = Decimal(value)
    if miejsca is not None:
        value = value.quantize(Decimal(1).scaleb(-miejsca), rounding=ROUND_HALF_UP)
    return formats.number_format(value, decimal_pos=miejsca, use_l10n=True, force_grouping=True)


def wskazniki_z_wartosciami(udzial, obszary) -> None:
    """Attach to every chosen indicator its rows (period, inputs, result, comparison) and a chart.
    Three queries whatever the number of values: values, comparison, (inputs come prefetched)."""
    chosen = [w for o in obszary if o.wariant == ObszarZadania.Wariant.WSKAZNIKI for w in o.wskazniki.all()]
    ids = {w.pk for w in chosen}
    po_wskazniku = defaultdict(list)
    if ids:
        for v in WartoscWskaznika.objects.filter(udzial=udzial, wskaznik_id__in=ids).select_related("autor") \
                .order_by("rok", "okres"):
            po_wskazniku[v.wskaznik_id].append(v)
    porownanie = services.porownanie(udzial, ids)
    for w in chosen:
        dane = list(w.dane.all())
        w.wiersze = []
        for v in po_wskazniku.get(w.pk, []):
            ref = porownanie.get((w.pk, v.okres))
            w.wiersze.append({
                "v": v, "wynik": liczba(v.wynik, w.miejsca),
                "dane": [liczba(v.dane[d.nazwa], None) if d.nazwa in v.dane else "—" for d in dane],
                "srednia": liczba(ref["srednia"], w.miejsca) if ref else None, "n": ref["n"] if ref else 0,
            })
        w.lista_danych = dane
        w.wykres = None
        if w.wiersze:
            okresy = [r["v"].okres for r in w.wiersze]
            serie = {udzial.jst.nazwa_pelna: [r["v"].wynik for r in w.wiersze]}
            if any(porownanie.get((w.pk, o)) for o in okresy):
                serie[_("średnia JST tego rodzaju w edycji")] = [
                    (porownanie[(w.pk, o)]["srednia"] if (w.pk, o) in porownanie else None) for o in okresy]
            w.wykres = wykres_liniowy(w.nazwa, okresy, serie, jednostka=w.jednostka, miejsca=w.miejsca,
                                      prefiks=f"wskaznik-{w.pk}",
                                      opis=_("Wartości wskaźnika w kolejnych okresach; dokładne liczby są w tabeli."))


def obszary_zadania(zadanie):
    if zadanie is None:
        return []
    return list(zadanie.obszary.prefetch_related(
        Prefetch("wskazniki", queryset=Wskaznik.objects.prefetch_related("dane").order_by("nazwa")),
        Prefetch("tabele", queryset=TabelaDanych.objects.select_related("zmienil").prefetch_related("zalaczniki")),
    ).select_related("zmienil"))


@require_http_methods(["GET"])
def zadanie(request, pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk)
    obszary = obszary_zadania(zadanie)
    wskazniki_z_wartosciami(udzial, obszary)
    stan = zadanie.stan if zadanie else StanPrzegladu.ROBOCZA
    edytowalny = rola.w_zespole and rola.can_write and not zablokowany(stan)
    katalog = []
    if edytowalny and any(o.wariant == ObszarZadania.Wariant.WSKAZNIKI for o in obszary):
        katalog = [w for w in Wskaznik.objects.filter(aktywny=True).order_by("obszar_zasobow", "nazwa")
                   if services.stosuje_sie(w, udzial)]
    for o in obszary:
        o.komentarze = f"zadanie-{o.obszar_zasobow}"
        o.form_wnioski = WnioskiForm(initial={"interpretacja": o.interpretacja, "wnioski": o.wnioski,
                                              "wersja": o.wersja}, prefix=f"o{o.pk}")
        chosen = {w.pk for w in o.wskazniki.all()}
        o.katalog = sorted(katalog, key=lambda w, o=o: (w.obszar_zasobow != o.obszar_zasobow, w.obszar_zasobow,
                                                         w.nazwa))
        o.wybrane = chosen
    return render(request, "diagnoza/zadanie/zadanie.html", {
        "udzial": udzial, "rola": rola, "zadanie": zadanie, "obszary": obszary, "stan": stan,
        "stan_etykieta": dict(StanPrzegladu.choices).get(stan, stan), "edytowalny": edytowalny,
        "wybor": WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first(),
        "braki": services.braki(zadanie, obszary) if zadanie else [],
        "form_obszar": ObszarForm() if len(obszary) < services.OBSZARY_W_ZADANIU else None,
        "historia_stanu": historia(zadanie, "stan")[:10] if zadanie else [],
    })


def _wroc(udzial, kotwica: str = ""):
    response = redirect("diagnoza:zadanie", pk=udzial.pk)
    if kotwica:
        response["Location"] += f"#{kotwica}"
    return response


@require_POST
def obszar_dodaj(request, pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    form = ObszarForm(request.POST)
    if form.is_valid():
        try:
            if zadanie is None:
                zadanie = services.zadanie_zaloz(udzial=udzial, actor=request.user)
            obszar = services.obszar_dodaj(zadanie=zadanie, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dodano obszar: %(o)s.") % {"o": obszar.get_obszar_zasobow_display()})
            return _wroc(udzial, f"obszar-{obszar.pk}")
    # Errors: the page again, with the form as typed.
    return render(request, "diagnoza/zadanie/obszar_dodaj.html", {"udzial": udzial, "form": form}, status=400)


@require_POST
def obszar_usun(request, pk, obszar_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obszar = get_obszar_zadania(zadanie, obszar_pk)
    try:
        services.obszar_usun(obszar=obszar, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Usunięto obszar z zadania."))
    return _wroc(udzial)


@require_POST
def wskazniki_wybierz(request, pk, obszar_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obszar = get_obszar_zadania(zadanie, obszar_pk)
    ids = [v for v in request.POST.getlist("wskazniki") if v.isascii() and v.isdigit() and len(v) < 19]  # fits a key
    wybrane = list(Wskaznik.objects.filter(pk__in=ids))
    wersja = request.POST.get("wersja", "")
    wersja = int(wersja) if wersja.isascii() and wersja.isdigit() and len(wersja) < 19 else None  # garbage: stale
    try:
        services.wskazniki_wybierz(obszar=obszar, wskazniki=wybrane, wersja=wersja, actor=request.user)
    except KonfliktWersji:
        messages.error(request, _("Ktoś inny zmienił wybór wskaźników w tym obszarze. Sprawdź go i wybierz ponownie."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zapisano wybór wskaźników."))
    return _wroc(udzial, f"obszar-{obszar.pk}")


@require_POST
def wnioski(request, pk, obszar_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obszar = get_obszar_zadania(zadanie, obszar_pk)
    form = WnioskiForm(request.POST, prefix=f"o{obszar.pk}")
    konflikt, status = None, 400
    if form.is_valid():
        try:
            services.wnioski_zapisz(obszar=obszar, actor=request.user, **form.cleaned_data)
        except KonfliktWersji as error:
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zapisał interpretację, gdy ją edytowałeś. Nic nie zostało zapisane. "
                "Porównaj poniżej; aby zostawić swoją wersję, zapisz ponownie."))
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano interpretację i wnioski."))
            return _wroc(udzial, f"obszar-{obszar.pk}")
    return render(request, "diagnoza/zadanie/wnioski.html", {"udzial": udzial, "obszar": obszar, "form": form,
                                                              "konflikt": konflikt}, status=status)


def _formularz_wartosci(request, udzial, zadanie, wskaznik, wartosc=None):
    initial = {}
    if wartosc is not None:
        initial = {"okres": wartosc.okres, "uwaga": wartosc.uwaga, "wersja": wartosc.wersja,
                   **{f"d_{k}": formats.number_format(Decimal(v), use_l10n=True) for k, v in wartosc.dane.items()}}
    pokaz_powod = wartosc is not None and zadanie.zlozone_raz
    form = WartoscForm(request.POST or None, initial=initial, wskaznik=wskaznik, pokaz_powod=pokaz_powod)
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            cd = form.cleaned_data
            dane = {k[2:]: v for k, v in cd.items() if k.startswith("d_")}
            try:
                services.wartosc_zapisz(zadanie=zadanie, wskaznik=wskaznik, okres=cd["okres"], dane=dane,
                                        uwaga=cd.get("uwaga", ""), powod=cd.get("powod", ""), wartosc=wartosc,
                                        wersja=cd.get("wersja"), actor=request.user)
            except KonfliktWersji as error:
                aktualny = error.aktualny
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił te dane, gdy je edytowałeś. Nic nie zostało zapisane. "
                    "Porównaj wartości poniżej; aby zostawić swoje, zapisz ponownie."),
                    [{"pole": _("Okres"), "zapisane": aktualny.okres, "wpisane": cd["okres"]}] + [
                        {"pole": form.fields[f"d_{k}"].label, "zapisane": liczba(v, None),
                         "wpisane": dane.get(k, "")} for k, v in aktualny.dane.items() if f"d_{k}" in form.fields])
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano dane wskaźnika „%(w)s”.") % {"w": wskaznik.nazwa})
                return _wroc(udzial, f"wskaznik-{wskaznik.pk}")
    zmiany = []
    if wartosc is not None:
        zmiany = list(wartosc.history.select_related("history_user").order_by("-history_date")[:20])
        for z in zmiany:
            z.wynik_tekst = liczba(z.wynik, wskaznik.miejsca)
    return render(request, "diagnoza/zadanie/wartosc.html", {
        "udzial": udzial, "wskaznik": wskaznik, "wartosc": wartosc, "form": form, "konflikt": konflikt,
        "zmiany": zmiany,
    }, status=status)


@require_http_methods(["GET", "POST"])
def wartosc_nowa(request, pk, wskaznik_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    wskaznik = get_wskaznik_zadania(zadanie, wskaznik_pk)
    return _formularz_wartosci(request, udzial, zadanie, wskaznik)


@require_http_methods(["GET", "POST"])
def wartosc(request, pk, wartosc_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obj = get_wartosc(zadanie, wartosc_pk)
    wskaznik = Wskaznik.objects.prefetch_related("dane").get(pk=obj.wskaznik_id)
    return _formularz_wartosci(request, udzial, zadanie, wskaznik, obj)


@require_POST
def wartosc_usun(request, pk, wartosc_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obj = get_wartosc(zadanie, wartosc_pk)
    try:
        services.wartosc_usun(wartosc=obj, zadanie=zadanie, powod=request.POST.get("powod", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Usunięto dane za okres %(okres)s.") % {"okres": obj.okres})
    return _wroc(udzial, f"wskaznik-{obj.wskaznik_id}")


def _formularz_tabeli(request, udzial, obszar, tabela=None):
    initial = {}
    if tabela is not None:
        initial = {"tytul": tabela.tytul, "zrodlo": tabela.zrodlo, "uwagi": tabela.uwagi, "wersja": tabela.wersja,
                   "kolumny": "\n".join(f"{k['nazwa']} | {k['jednostka']}" if k["jednostka"] else k["nazwa"]
                                        for k in tabela.kolumny),
                   "wiersze": "\n".join("; ".join(w) for w in tabela.wiersze)}
    form = TabelaForm(request.POST or None, initial=initial)
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.tabela_zapisz(obszar=obszar, dane=form.cleaned_data, tabela=tabela,
                                       wersja=form.cleaned_data.get("wersja"), actor=request.user)
            except KonfliktWersji as error:
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił tę tabelę, gdy ją edytowałeś. Nic nie zostało zapisane. "
                    "Porównaj poniżej; aby zostawić swoją wersję, zapisz ponownie."),
                    [{"pole": _("Tytuł tabeli"), "zapisane": error.aktualny.tytul,
                      "wpisane": form.cleaned_data["tytul"]},
                     {"pole": _("Wiersze danych"), "zapisane": "\n".join("; ".join(w) for w in error.aktualny.wiersze),
                      "wpisane": form.cleaned_data["wiersze"]}])
                status = 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano tabelę danych."))
                return _wroc(udzial, f"obszar-{obszar.pk}")
    return render(request, "diagnoza/zadanie/tabela.html", {
        "udzial": udzial, "obszar": obszar, "tabela": tabela, "form": form, "konflikt": konflikt,
        "form_pliku": ZalacznikForm() if tabela else None,
    }, status=status)


@require_http_methods(["GET", "POST"])
def tabela_nowa(request, pk, obszar_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    return _formularz_tabeli(request, udzial, get_obszar_zadania(zadanie, obszar_pk))


@require_http_methods(["GET", "POST"])
def tabela(request, pk, tabela_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obj = get_tabela(zadanie, tabela_pk)
    return _formularz_tabeli(request, udzial, obj.obszar, obj)


@require_POST
def tabela_usun(request, pk, tabela_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obj = get_tabela(zadanie, tabela_pk)
    try:
        services.tabela_usun(tabela=obj, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Usunięto tabelę „%(t)s”.") % {"t": obj.tytul})
    return _wroc(udzial, f"obszar-{obj.obszar_id}")


@require_POST
def tabela_zalacznik(request, pk, tabela_pk):
    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk, write=True)
    obj = get_tabela(zadanie, tabela_pk)
    form = ZalacznikForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.tabela_dodaj_plik(tabela=obj, plik=form.cleaned_data["plik"], opis=form.cleaned_data["opis"],
                                       actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dodano załącznik."))
            return redirect("diagnoza:tabela", pk=udzial.pk, tabela_pk=obj.pk)
    return render(request, "diagnoza/zadanie/tabela.html", {
        "udzial": udzial, "obszar": obj.obszar, "tabela": obj, "form": TabelaForm(initial={
            "tytul": obj.tytul, "zrodlo": obj.zrodlo, "uwagi": obj.uwagi, "wersja": obj.wersja,
            "kolumny": "\n".join(f"{k['nazwa']} | {k['jednostka']}" if k["jednostka"] else k["nazwa"]
                                 for k in obj.kolumny),
            "wiersze": "\n".join("; ".join(w) for w in obj.wiersze)}),
        "form_pliku": form,
    }, status=400)


@require_POST
def zmien_stan(request, pk, akcja):
    """Submit (the leader), return / approve / reopen (the edition's coordinators)."""
    from django.core.exceptions import PermissionDenied

    udzial, rola, zadanie = get_zadanie_for_user(request.user, pk)
    allowed = {"zloz": rola.rola.value == "lider" and rola.can_write,
               "zwroc": rola.koordynuje, "zatwierdz": rola.koordynuje, "otworz": rola.koordynuje}
    if not allowed.get(akcja):
        raise PermissionDenied
    if zadanie is None:
        messages.error(request, _("Zespół nie zaczął jeszcze zadania."))
        return _wroc(udzial)
    try:
        services.zadanie_zmien_stan(zadanie=zadanie, akcja=akcja, powod=request.POST.get("powod", ""),
                                    actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {
            "zloz": _("Zadanie złożone. Koordynator i doradcy zostali powiadomieni."),
            "zwroc": _("Zadanie zwrócone zespołowi do uzupełnienia."),
            "zatwierdz": _("Zadanie zatwierdzone."),
            "otworz": _("Zadanie otwarte ponownie."),
        }[akcja])
    return _wroc(udzial, "stan-zadania")
