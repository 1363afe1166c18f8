"""Participations: list and enrolment (per edition), the participation page, stage, team."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.przeglad import etykieta_stanu_zespolu
from doradztwo.services import uzytkownik_wyslij_zaproszenie
from doradztwo.wersje import konflikt_formularza, roznice
from jst import services
from jst.access import get_czlonek, get_udzial_for_user, get_udzial_page_for_user
from jst.filters import UdzialFilter
from jst.forms import CzlonekEdycjaForm, CzlonekForm, EtapForm, ListaKodowForm, PowodForm, ZapiszJstForm
from jst.models import JST, CzlonekZespolu
from jst.selectors import szczegoly_udzialu, udzialy_edycji

NA_STRONIE = 50  # an edition has up to ~2,800 JSTs


@require_http_methods(["GET"])
def udzialy(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    filtr = UdzialFilter(request.GET or None, queryset=udzialy_edycji(edycja), edycja=edycja)
    strona = Paginator(filtr.qs, NA_STRONIE).get_page(request.GET.get("strona"))
    return render(request, "jst/udzialy/lista.html",
                  {"edycja": edycja, "filtr": filtr, "strona": strona, "udzialy": strona})


@require_http_methods(["GET", "POST"])
def zapisz(request, pk):
    """Enrol JSTs: pick one found by the live search, or paste a list of TERYT codes."""
    edycja = get_edycja_for_user(request.user, pk)
    lista_form = ListaKodowForm()
    raport = None
    if request.method == "POST" and "kody" in request.POST:
        lista_form = ListaKodowForm(request.POST)
        if lista_form.is_valid():
            raport = services.udzialy_zapisz_z_listy(
                edycja=edycja, tekst=lista_form.cleaned_data["kody"], actor=request.user
            )
            zapisane = sum(1 for r in raport if r.wynik == "zapisana")
            messages.info(request, _("Zapisano %(ok)d z %(all)d pozycji listy. Sprawdź raport poniżej.") % {
                "ok": zapisane, "all": len(raport)})
            if zapisane == len(raport):
                lista_form = ListaKodowForm()
            else:  # keep only what did not go in, so nothing the user typed is lost
                lista_form = ListaKodowForm(initial={"kody": "\n".join(r.kod for r in raport if r.wynik != "zapisana")})
    elif request.method == "POST":
        form = ZapiszJstForm(request.POST)
        if form.is_valid():
            jst = get_object_or_404(JST, pk=form.cleaned_data["jst"])
            try:
                services.udzial_zapisz(edycja=edycja, jst=jst, actor=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("%(jst)s zapisana do edycji.") % {"jst": jst.nazwa_pelna})
            return redirect("jst:zapisz", pk=edycja.pk)
        messages.error(request, _("Wybierz JST z listy wyników wyszukiwania."))
    q = request.GET.get("q", "").strip()[:100]
    wyniki = []
    if q:
        from jst.rejestr import szukaj_jst

        wyniki = list(szukaj_jst(q, limit=20))
    zapisane = set(edycja.udzialy.filter(jst__in=wyniki).values_list("jst_id", flat=True)) if wyniki else set()
    return render(request, "jst/udzialy/zapisz.html", {
        "edycja": edycja, "lista_form": lista_form, "raport": raport, "q": q, "wyniki": wyniki, "zapisane": zapisane,
    })


@require_http_methods(["GET"])
def udzial(request, pk):
    strona = get_udzial_page_for_user(request.user, pk)
    udzial, rola = strona.udzial, strona.rola
    context = {"udzial": udzial, "rola": rola, "stan_zespolu": etykieta_stanu_zespolu(udzial.stan_zespolu),
               **szczegoly_udzialu(udzial, koordynatorzy=strona.koordynatorzy, zespol=strona.zespol,
                                  przydzialy=strona.przydzialy)}
    if rola.koordynuje:
        context["problemy"] = services.zespol_problemy(udzial, context["zespol"])
        roles = {p.rola for p in context["przydzialy"] if p.aktualny}
        context["brak_doradcow"] = [r for r in ("ROS", "PRO") if r not in roles]
        context["etap_form"] = EtapForm(initial={"etap": udzial.etap, "wersja": udzial.wersja})
    return render(request, "jst/udzialy/udzial.html", context)


@require_POST
def etap(request, pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    form = EtapForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            udzial = services.udzial_zmien_etap(udzial=udzial, actor=request.user, **form.cleaned_data)
        except services.KonfliktWersji as error:
            status = 409
            konflikt_formularza(form, error, _("W międzyczasie etap zmienił się na „%(etap)s”. Nic nie zostało "
                                               "zapisane — sprawdź, czy zmiana jest nadal potrzebna.") % {
                "etap": error.aktualny.get_etap_display()}, roznice=[])
            udzial = error.aktualny
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Etap zmieniony na: %(etap)s.") % {"etap": udzial.get_etap_display()})
            return redirect("jst:udzial", pk=udzial.pk)
    return render(request, "jst/udzialy/etap.html", {"udzial": udzial, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def zespol_dodaj(request, pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    form = CzlonekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            czlonek = services.zespol_dodaj_czlonka(udzial=udzial, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            if czlonek.uzytkownik.nowe_konto:
                messages.success(request, _("Dodano do zespołu: %(kto)s. Zaproszenie wysłane na %(email)s.") % {
                    "kto": czlonek.uzytkownik, "email": czlonek.uzytkownik.email})
            else:
                messages.success(request, _("Dodano do zespołu: %(kto)s (osoba ma już konto w systemie).") % {
                    "kto": czlonek.uzytkownik})
            return redirect("jst:udzial", pk=udzial.pk)
    return render(request, "jst/udzialy/zespol_dodaj.html", {"udzial": udzial, "form": form})


@require_http_methods(["GET", "POST"])
def zespol_edytuj(request, pk, czlonek_pk):
    """Edit a team member; a save from a stale page shows both values and saves nothing (409)."""
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    czlonek = get_czlonek(udzial, czlonek_pk)
    form = CzlonekEdycjaForm(request.POST or None, initial=CzlonekEdycjaForm.wartosci(czlonek))
    konflikt, status = None, 200
    if request.method == "POST" and form.is_valid():
        dane = {k: v for k, v in form.cleaned_data.items() if k != "wersja"}
        try:
            services.zespol_zmien_czlonka(czlonek=czlonek, dane=dane, wersja=form.cleaned_data["wersja"],
                                          actor=request.user)
        except services.KonfliktWersji as error:
            aktualne = CzlonekEdycjaForm.wartosci(CzlonekZespolu.objects.select_related("uzytkownik")
                                                  .get(pk=error.aktualny.pk))
            konflikt = konflikt_formularza(
                form, error, _("Ktoś inny zapisał dane tej osoby, gdy je edytowałeś. Nic nie zostało "
                               "zapisane. Porównaj wartości poniżej i zapisz ponownie."),
                roznice(aktualne, dane, {name: f.label for name, f in form.fields.items()}),
                wartosci={"wersja": aktualne["wersja"]})
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano dane: %(kto)s.") % {"kto": czlonek.uzytkownik})
            return redirect("jst:udzial", pk=udzial.pk)
    return render(request, "jst/udzialy/zespol_edytuj.html",
                  {"udzial": udzial, "czlonek": czlonek, "form": form, "konflikt": konflikt}, status=status)


@require_POST
def zespol_usun(request, pk, czlonek_pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    czlonek = get_czlonek(udzial, czlonek_pk)
    try:
        services.zespol_usun_czlonka(czlonek=czlonek, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(kto)s nie jest już w zespole; dostęp do udziału wygasł.") % {
            "kto": czlonek.uzytkownik})
    return redirect("jst:udzial", pk=udzial.pk)


@require_POST
def zespol_lider(request, pk, czlonek_pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    czlonek = get_czlonek(udzial, czlonek_pk)
    try:
        services.zespol_zmien_lidera(czlonek=czlonek, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Liderem zespołu jest teraz %(kto)s.") % {"kto": czlonek.uzytkownik})
    return redirect("jst:udzial", pk=udzial.pk)


@require_POST
def zespol_zaproszenie(request, pk, czlonek_pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    czlonek = get_czlonek(udzial, czlonek_pk)
    try:
        uzytkownik_wyslij_zaproszenie(uzytkownik=czlonek.uzytkownik, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zaproszenie wysłane ponownie na %(email)s.") % {"email": czlonek.uzytkownik.email})
    return redirect("jst:udzial", pk=udzial.pk)


@require_POST
def zespol_otworz(request, pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    form = PowodForm(request.POST)
    if form.is_valid():
        try:
            services.zespol_otworz(udzial=udzial, powod=form.cleaned_data["powod"], actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Skład zespołu otwarty do zmian."))
    else:
        messages.error(request, _("Podaj powód ponownego otwarcia składu zespołu."))
    return redirect("jst:udzial", pk=udzial.pk)


@require_POST
def zespol_zatwierdz(request, pk):
    udzial, _rola = get_udzial_for_user(request.user, pk, coordinator=True)
    try:
        services.zespol_zatwierdz(udzial=udzial, actor=request.user)
    except ValidationError as error:
        messages.error(request, _("Nie można zatwierdzić zespołu: %(powody)s") % {"powody": " ".join(error.messages)})
    else:
        messages.success(request, _("Zespół zatwierdzony."))
    return redirect("jst:udzial", pk=udzial.pk)
