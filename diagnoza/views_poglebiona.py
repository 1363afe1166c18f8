"""The deep diagnosis of a participation: one page with the four questions (findings with evidence,
target states, causes, development gaps) and the goals of the priority gaps, every item editable in
place (plain forms; autosave of the text fields with static/js/autosave.js on top), add / edit /
delete / reorder, and the review. Access through diagnoza.access; every change through
diagnoza.services_poglebiona."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from diagnoza import services_poglebiona as services
from diagnoza.access import get_poglebiona_for_user, get_pozycja_poglebionej
from diagnoza.forms_poglebiona import FORMULARZE
from diagnoza.models import WartoscWskaznika, WyborObszaru
from diagnoza.views_zadanie import liczba
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.models import Plik
from doradztwo.przeglad import StanPrzegladu, historia, zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza

# Names of one item of each kind, for headings and messages.
NAZWY = {
    "ustalenia": gettext_lazy("Ustalenie"),
    "stany": gettext_lazy("Stan docelowy"),
    "przyczyny": gettext_lazy("Przyczyna"),
    "luki": gettext_lazy("Luka rozwojowa"),
    "cele": gettext_lazy("Cel"),
}
SEKCJE = {  # the page's sections: heading, comment thread key
    "ustalenia": (gettext_lazy("Jak jest?"), "poglebiona-ustalenia"),
    "stany": (gettext_lazy("Jak chcemy, żeby było?"), "poglebiona-stany"),
    "przyczyny": (gettext_lazy("Co powoduje, że nie mamy stanu docelowego?"), "poglebiona-przyczyny"),
    "luki": (gettext_lazy("Luka rozwojowa"), "poglebiona-luki"),
    "cele": (gettext_lazy("Cele"), "poglebiona-cele"),
}


def _krotko(text: str, n: int = 90) -> str:
    return Truncator(" ".join(str(text).split())).chars(n)


def _czas(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def etykieta_wartosci(v: WartoscWskaznika) -> str:
    jednostka = f" {v.wskaznik.jednostka}" if v.wskaznik.jednostka and v.wynik is not None else ""
    return _("%(w)s, %(okres)s: %(wynik)s") % {"w": v.wskaznik.nazwa, "okres": v.okres,
                                                "wynik": liczba(v.wynik, v.wskaznik.miejsca) + jednostka}


def _etykieta_pliku(p: Plik) -> str:
    return f"{p.nazwa} — {p.opis}" if p.opis else p.nazwa


def _wybory(udzial, tresc: dict) -> dict:
    """Choices of every form on the page, built once (two queries: the task's values and files)."""
    wartosci = WartoscWskaznika.objects.filter(udzial=udzial).select_related("wskaznik").order_by(
        "wskaznik__nazwa", "rok", "okres")
    return {
        "wartosci": [(str(v.pk), etykieta_wartosci(v)) for v in wartosci],
        "pliki": [(str(p.pk), _etykieta_pliku(p)) for p in Plik.objects.filter(udzial=udzial).order_by("nazwa", "pk")],
        "ustalenia": [(str(u.pk), f"{u.numer}. {_krotko(u.tresc)}") for u in tresc["ustalenia"]],
        "stany": [(str(s.pk), f"{s.numer}. {_krotko(s.tresc)}") for s in tresc["stany"]],
        "przyczyny": [(str(p.pk), f"{p.numer}. {_krotko(p.tresc)} ({p.get_kategoria_display()})")
                      for p in tresc["przyczyny"]],
        "priorytetowe": [(str(luka.pk), _("priorytet %(r)s: %(t)s") % {"r": luka.ranga, "t": _krotko(luka.tresc)})
                         for luka in tresc["priorytetowe"]],
    }


def _wybory_strony(udzial, diagnoza) -> tuple[dict, dict]:
    tresc = services.zawartosc(diagnoza)
    return tresc, _wybory(udzial, tresc)


def _initial(rodzaj: str, p) -> dict:
    """An item's saved values as its form shows them (also what a conflict compares)."""
    out = {"tresc": p.tresc, "wersja": p.wersja}
    if rodzaj == "ustalenia":
        out["wartosci"] = sorted(str(v.pk) for v in p.wartosci.all())
        out["pliki"] = sorted(str(f.pk) for f in p.pliki.all())
    elif rodzaj == "przyczyny":
        out.update(kategoria=p.kategoria, interesariusze=p.interesariusze)
    elif rodzaj == "luki":
        out.update(ustalenie=str(p.ustalenie_id), stan_docelowy=str(p.stan_docelowy_id), status=p.status,
                   przyczyny=sorted(str(c.pk) for c in p.przyczyny.all()),
                   ranga=str(p.ranga) if p.ranga else "", powod_odlozenia=p.powod_odlozenia)
    elif rodzaj == "cele":
        out.update(luka=str(p.luka_id), wskaznik=p.wskaznik, wartosc_bazowa=p.wartosc_bazowa,
                   wartosc_docelowa=p.wartosc_docelowa, termin=p.termin.strftime("%d.%m.%Y"))
    return out


def _formularz(rodzaj, wybory, pozycja=None, data=None, autozapis=False):
    """The same prefix on the page and on the item's own page, so either posts to the other's view."""
    prefix = f"{rodzaj}-{pozycja.pk}" if pozycja is not None else f"{rodzaj}-nowy"
    return FORMULARZE[rodzaj](data, initial=_initial(rodzaj, pozycja) if pozycja is not None else None,
                              prefix=prefix, wybory=wybory, autozapis=autozapis)


def _pokaz(value, field) -> str:
    """A form value as a person reads it (choices by their labels)."""
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, (list, tuple)):
        return ", ".join(str(choices.get(v, v)) for v in value) or "—"
    return str(choices.get(value, value)) if value not in (None, "") else "—"


def _konflikt(rodzaj, form, aktualny) -> list[dict]:
    """For a stale save: each field where the saved value differs from what the user typed."""
    saved = _initial(rodzaj, aktualny)
    rows = []
    for name, field in form.fields.items():
        if name == "wersja":
            continue
        typed = form.cleaned_data.get(name)
        if isinstance(typed, list):
            typed = sorted(typed)
        if name == "termin":  # the same day typed as ISO or dd.mm.rrrr is no difference
            try:
                typed = services.termin_z_tekstu(typed).strftime("%d.%m.%Y")
            except ValidationError:
                pass
        if saved.get(name) == typed or (saved.get(name) in (None, "", []) and typed in (None, "", [])):
            continue
        rows.append({"pole": field.label, "zapisane": _pokaz(saved.get(name), field), "wpisane": _pokaz(typed, field)})
    return rows


def _wroc(udzial, kotwica: str = ""):
    response = redirect("diagnoza:poglebiona", pk=udzial.pk)
    if kotwica:
        response["Location"] += f"#{kotwica}"
    return response


# --- The page ---------------------------------------------------------------------------------


@require_http_methods(["GET"])
def poglebiona(request, pk):
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk)
    wybor = WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first()
    stan = diagnoza.stan if diagnoza else StanPrzegladu.ROBOCZA
    edytowalny = wybor is not None and rola.w_zespole and rola.can_write and not zablokowany(stan)
    tresc = services.zawartosc(diagnoza)
    nowe = {}
    if edytowalny:
        wybory = _wybory(udzial, tresc)
        for rodzaj in services.RODZAJE:
            for p in tresc[rodzaj]:
                p.form = _formularz(rodzaj, wybory, p, autozapis=True)
            nowe[rodzaj] = _formularz(rodzaj, wybory)
    for u in tresc["ustalenia"]:
        u.dowody = [etykieta_wartosci(v) for v in u.wartosci.all()]
    sekcje = [{"rodzaj": r, "naglowek": SEKCJE[r][0], "komentarze": SEKCJE[r][1], "nazwa": NAZWY[r],
               "pozycje": tresc[r], "nowy": nowe.get(r)} for r in services.RODZAJE]
    return render(request, "diagnoza/poglebiona/poglebiona.html", {
        "udzial": udzial, "rola": rola, "diagnoza": diagnoza, "wybor": wybor, "stan": stan,
        "stan_etykieta": dict(StanPrzegladu.choices).get(stan, stan), "edytowalny": edytowalny,
        "sekcje": sekcje, "priorytetowe": tresc["priorytetowe"],
        "braki": services.braki(diagnoza, tresc) if wybor else [],
        "historia_stanu": historia(diagnoza, "stan")[:10] if diagnoza else [],
        "moze_zlozyc": rola.rola.value == "lider" and rola.can_write and diagnoza is not None
        and stan in (StanPrzegladu.ROBOCZA, StanPrzegladu.ZWROCONA),
    })


# --- Items ------------------------------------------------------------------------------------


def _strona_pozycji(request, udzial, rodzaj, form, pozycja=None, konflikt=None, status=200):
    zmiany = []
    if pozycja is not None:
        zmiany = list(pozycja.history.select_related("history_user").order_by("-history_date")[:10])
    return render(request, "diagnoza/poglebiona/pozycja.html", {
        "udzial": udzial, "rodzaj": rodzaj, "nazwa": NAZWY[rodzaj], "form": form, "pozycja": pozycja,
        "konflikt": konflikt, "zmiany": zmiany, "sekcja": SEKCJE[rodzaj][0],
    }, status=status)


@require_http_methods(["GET", "POST"])
def dodaj(request, pk, rodzaj):
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk, write=True)
    tresc, wybory = _wybory_strony(udzial, diagnoza)
    form = _formularz(rodzaj, wybory, data=request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return _strona_pozycji(request, udzial, rodzaj, form)
    if form.is_valid():
        try:
            if diagnoza is None:
                diagnoza = services.diagnoza_zaloz(udzial=udzial, actor=request.user)
            pozycja = services.pozycja_dodaj(diagnoza=diagnoza, rodzaj=rodzaj, dane=form.dane(), actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dodano: %(co)s.") % {"co": NAZWY[rodzaj]})
            return _wroc(udzial, f"{rodzaj}-{pozycja.pk}")
    return _strona_pozycji(request, udzial, rodzaj, form, status=400)


@require_http_methods(["GET", "POST"])
def pozycja(request, pk, rodzaj, poz_pk):
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk, write=True)
    obj = get_pozycja_poglebionej(diagnoza, services.RODZAJE[rodzaj], poz_pk)
    tresc, wybory = _wybory_strony(udzial, diagnoza)
    form = _formularz(rodzaj, wybory, obj, data=request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return _strona_pozycji(request, udzial, rodzaj, form, obj)
    konflikt, status = None, 400
    if form.is_valid():
        try:
            services.pozycja_zmien(pozycja=obj, dane=form.dane(), wersja=form.cleaned_data.get("wersja"),
                                   actor=request.user)
        except KonfliktWersji as error:
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zmienił tę pozycję, gdy ją edytowałeś. Nic nie zostało zapisane. "
                "Porównaj wartości poniżej; aby zostawić swoją wersję, zapisz ponownie."),
                _konflikt(rodzaj, form, error.aktualny))
            obj, status = error.aktualny, 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano: %(co)s.") % {"co": NAZWY[rodzaj]})
            return _wroc(udzial, f"{rodzaj}-{obj.pk}")
    return _strona_pozycji(request, udzial, rodzaj, form, obj, konflikt, status)


@require_POST
def usun(request, pk, rodzaj, poz_pk):
    """The first POST (the item's button) asks for confirmation; the confirmed POST deletes."""
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk, write=True)
    obj = get_pozycja_poglebionej(diagnoza, services.RODZAJE[rodzaj], poz_pk)
    if request.POST.get("potwierdz") != "1":
        return render(request, "diagnoza/poglebiona/usun.html", {
            "udzial": udzial, "rodzaj": rodzaj, "nazwa": NAZWY[rodzaj], "pozycja": obj})
    try:
        services.pozycja_usun(pozycja=obj, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _wroc(udzial, f"{rodzaj}-{obj.pk}")
    messages.success(request, _("Usunięto: %(co)s.") % {"co": NAZWY[rodzaj]})
    return _wroc(udzial, f"sekcja-{rodzaj}")


@require_POST
def przesun(request, pk, rodzaj, poz_pk, kierunek):
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk, write=True)
    obj = get_pozycja_poglebionej(diagnoza, services.RODZAJE[rodzaj], poz_pk)
    try:
        services.pozycja_przesun(pozycja=obj, kierunek=kierunek, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _wroc(udzial, f"{rodzaj}-{obj.pk}")


def _json(rodzaj, pozycja, pole: str, status: int = 200, **extra) -> JsonResponse:
    """The item as saved: the field's value, who and when, and every field as its form shows it
    (after a conflict the page takes them all, so no other field stays stale)."""
    pola = _initial(rodzaj, pozycja)
    pola.pop("wersja")
    return JsonResponse({
        "wersja": pozycja.wersja, "pole": pole, "wartosc": getattr(pozycja, pole), "pola": pola,
        "autor": str(pozycja.zmienil), "czas": _czas(getattr(pozycja, services._pole_czasu(pozycja))), **extra,
    }, status=status)


@require_POST
def autozapis(request, pk, rodzaj, poz_pk):
    """Autosave of one text field of an item (fetch from the page). JSON: 200 saved (new version,
    „zapisano”), 409 conflict (the other value, author, time), 400 invalid (a message for the field),
    401 signed out (middleware)."""
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk, write=True)
    obj = get_pozycja_poglebionej(diagnoza, services.RODZAJE[rodzaj], poz_pk)
    pole = request.POST.get("pole", "")
    if pole not in services.POLA_TEKSTOWE[rodzaj]:
        return JsonResponse({"blad": _("Odśwież stronę i spróbuj ponownie.")}, status=400)
    try:
        wersja = int(request.POST.get("wersja") or 0)
    except ValueError:
        return JsonResponse({"blad": _("Odśwież stronę i spróbuj ponownie.")}, status=400)
    try:
        saved = services.pozycja_zapisz_pole(pozycja=obj, pole=pole, wartosc=request.POST.get("wartosc", ""),
                                             wersja=wersja, actor=request.user)
    except KonfliktWersji as conflict:
        field = FORMULARZE[rodzaj].base_fields[pole]
        return _json(rodzaj, conflict.aktualny, pole, status=409, etykieta=str(field.label))
    except ValidationError as error:
        return JsonResponse({"blad": " ".join(error.messages)}, status=400)
    return _json(rodzaj, saved, pole, komunikat=_("zapisano"), zapisano=saved.zapisano)


# --- Review -----------------------------------------------------------------------------------


@require_POST
def zmien_stan(request, pk, akcja):
    """Submit (the leader), return / approve / reopen (the edition's coordinators)."""
    udzial, rola, diagnoza = get_poglebiona_for_user(request.user, pk)
    allowed = {"zloz": rola.rola.value == "lider" and rola.can_write,
               "zwroc": rola.koordynuje, "zatwierdz": rola.koordynuje, "otworz": rola.koordynuje}
    if not allowed.get(akcja):
        raise PermissionDenied
    if diagnoza is None:
        messages.error(request, _("Zespół nie zaczął jeszcze diagnozy pogłębionej."))
        return _wroc(udzial, "stan-diagnozy")
    try:
        services.diagnoza_zmien_stan(diagnoza=diagnoza, akcja=akcja, powod=request.POST.get("powod", ""),
                                     actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {
            "zloz": _("Diagnoza pogłębiona złożona. Koordynator i doradcy zostali powiadomieni."),
            "zwroc": _("Diagnoza pogłębiona zwrócona zespołowi do uzupełnienia."),
            "zatwierdz": _("Diagnoza pogłębiona zatwierdzona."),
            "otworz": _("Diagnoza pogłębiona otwarta ponownie."),
        }[akcja])
    return _wroc(udzial, "stan-diagnozy")

