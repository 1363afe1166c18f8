"""Background jobs of diagnoza/: printable sheet PDFs for the opening workshop.

"arkusz_pusty" ({"edycja": id}): the edition's frozen template version, blank, with boxes to tick.
"arkusz_wypelniony" ({"udzial": id}): a participation's sheet(s) with their answers. No comments of
any kind are printed (private notes must never reach the team, CONVENTIONS §4)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Max, Prefetch, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from diagnoza.models import Arkusz, ArkuszEdycji, Odpowiedz, PytanieSzablonu, WersjaSzablonu
from doradztwo.access import role_in_edition
from doradztwo.models import Edycja
from doradztwo.przeglad import StanPrzegladu
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from jst.access import role_in
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial

ARKUSZ_PUSTY = "arkusz_pusty"
ARKUSZ_WYPELNIONY = "arkusz_wypelniony"

T = PytanieSzablonu.Typ
PUSTE, ZAZNACZONE = "☐", "☒"  # U+2610 / U+2612, both in DejaVu Sans


# --- Access --------------------------------------------------------------------------------------


def uczestniczy_w_edycji(user, edycja: Edycja) -> bool:
    """The edition's coordinators, and anyone with a role in one of its participations: an active
    team member or an adviser whose assignment has started (current or former)."""
    if not user.is_authenticated:
        return False
    if role_in_edition(user, edycja) is not None:
        return True
    if CzlonekZespolu.objects.filter(udzial__edycja=edycja, uzytkownik=user, aktywny=True).exists():
        return True
    return PrzydzialDoradcy.objects.filter(udzial__edycja=edycja, doradca__uzytkownik=user,
                                           od__lte=timezone.localdate()).exists()


def get_edycja_uczestnika(user, pk) -> Edycja:
    """An edition whose blank sheet the user may print; anyone else gets 404 (not their edition)."""
    edycja = get_object_or_404(Edycja, pk=pk)
    if not uczestniczy_w_edycji(user, edycja):
        raise Http404
    return edycja


# --- Data ----------------------------------------------------------------------------------------


def wersja_edycji(edycja_id) -> WersjaSzablonu | None:
    wybor = ArkuszEdycji.objects.filter(edycja_id=edycja_id).select_related("wersja__szablon").first()
    return wybor.wersja if wybor else None


def arkusze_udzialu(udzial) -> list[Arkusz]:
    """The participation's sheets: the shared one first, then members' own copies by name."""
    arkusze = Arkusz.objects.filter(udzial=udzial).select_related("czlonek__uzytkownik", "wersja_szablonu__szablon")

    def key(a):
        osoba = a.czlonek.uzytkownik if a.czlonek else None
        return (osoba is not None, osoba.last_name if osoba else "", osoba.first_name if osoba else "", a.pk)

    return sorted(arkusze, key=key)


def mozna_drukowac(udzial) -> bool:
    """A participation's sheet can be printed once it has a sheet or its edition has a template."""
    return Arkusz.objects.filter(udzial=udzial).exists() or wersja_edycji(udzial.edycja_id) is not None


def _liczba(value) -> str:
    try:
        return formats.number_format(Decimal(str(value)), use_l10n=True)
    except InvalidOperation:
        return str(value)


def _opcje(pytanie) -> list:
    if pytanie.typ == T.TAK_NIE:
        return [["tak", _("tak")], ["nie", _("nie")]]
    if pytanie.typ in (T.SKALA, T.JEDNOKROTNY, T.WIELOKROTNY):
        return pytanie.opcje
    return []


def _pozycja(pytanie, odpowiedz) -> dict:
    """One question as printed: option boxes (ticked from the answer) or the answer's text."""
    value = odpowiedz.wartosc if odpowiedz and not odpowiedz.nie_wiem else None
    chosen = {str(v) for v in value} if isinstance(value, list) else ({str(value)} if value is not None else set())
    opcje = [{"wartosc": v, "etykieta": label, "znak": ZAZNACZONE if str(v) in chosen else PUSTE}
             for v, label in _opcje(pytanie)]
    tekst = ""
    if value is not None and not opcje:
        if pytanie.typ == T.LICZBA:
            tekst = f"{_liczba(value)} {pytanie.jednostka}".strip()
        elif pytanie.typ == T.DATA:
            try:
                tekst = formats.date_format(datetime.date.fromisoformat(str(value)), "d.m.Y")
            except ValueError:
                tekst = str(value)
        else:
            tekst = str(value)
    return {
        "p": pytanie, "o": odpowiedz, "opcje": opcje, "tekst": tekst,
        "nie_wiem": (ZAZNACZONE if odpowiedz and odpowiedz.nie_wiem else PUSTE) if pytanie.nie_wiem else "",
    }


def struktura(wersja: WersjaSzablonu) -> list[tuple]:
    """(section, its questions in order) of a version, in two queries."""
    sekcje = wersja.sekcje.select_related("obszar").prefetch_related(
        Prefetch("pytania", queryset=PytanieSzablonu.objects.order_by("kolejnosc", "pk")))
    return [(sekcja, list(sekcja.pytania.all())) for sekcja in sekcje]


def sekcje_do_druku(sekcje: list[tuple], odpowiedzi: dict | None = None) -> list[dict]:
    """Sections with their questions as printed. A section whose questions all share one scale is a
    grid (one column per point); otherwise each question lists its own options."""
    odpowiedzi = odpowiedzi or {}
    wynik = []
    for sekcja, pytania in sekcje:
        skale = {repr(p.opcje) for p in pytania if p.typ == T.SKALA}
        siatka = bool(pytania) and all(p.typ == T.SKALA for p in pytania) and len(skale) == 1
        wynik.append({
            "sekcja": sekcja,
            "skala": pytania[0].opcje if siatka else None,
            "nie_wiem": any(p.nie_wiem for p in pytania),
            "pozycje": [_pozycja(p, odpowiedzi.get(p.pk)) for p in pytania],
        })
    return wynik


# --- Blank sheet ---------------------------------------------------------------------------------


def _edycja(parametry) -> Edycja | None:
    return Edycja.objects.filter(pk=parametry.get("edycja")).first()


def _pusty_ma_dostep(user, parametry) -> bool:
    edycja = _edycja(parametry)
    return edycja is not None and uczestniczy_w_edycji(user, edycja)


def _pusty_klucz(parametry) -> str:
    edycja = _edycja(parametry)
    if edycja is None:
        return ""
    wersja = wersja_edycji(edycja.pk)
    # Published versions never change, so the version id stands for its content.
    return skrot(ARKUSZ_PUSTY, edycja.pk, edycja.nazwa, wersja.pk if wersja else None)


def _pusty_wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf

    edycja = _edycja(zadanie.parametry)
    wersja = wersja_edycji(edycja.pk)
    if wersja is None:
        raise ValueError("the edition has no sheet template")
    postep(20, "")
    sekcje = sekcje_do_druku(struktura(wersja))
    postep(50, "")
    pdf = render_pdf("diagnoza/pdf/arkusz.html", {
        "pusty": True, "edycja": edycja, "wersja": wersja, "szablon": wersja.szablon,
        "kopie": [{"sekcje": sekcje}], "wygenerowano": timezone.now(),
    })
    postep(90, "")
    return f"arkusz-diagnostyczny-pusty-edycja-{edycja.pk}.pdf", pdf


# --- Filled sheet --------------------------------------------------------------------------------


def _udzial(parametry) -> Udzial | None:
    return Udzial.objects.select_related("jst", "edycja").filter(pk=parametry.get("udzial")).first()


def _wypelniony_ma_dostep(user, parametry) -> bool:
    """Any role in the participation (its answers carry no private notes)."""
    udzial = _udzial(parametry)
    return udzial is not None and role_in(user, udzial) is not None


def _wypelniony_klucz(parametry) -> str:
    udzial = _udzial(parametry)
    if udzial is None:
        return ""
    arkusze = list(Arkusz.objects.filter(udzial=udzial).order_by("pk")
                   .values_list("pk", "stan", "wersja", "wersja_szablonu_id", "czlonek_id"))
    odpowiedzi = Odpowiedz.objects.filter(arkusz__udzial=udzial).aggregate(
        n=Count("pk"), wersje=Sum("wersja"), ostatnia=Max("zmieniona"))
    wersja = wersja_edycji(udzial.edycja_id)
    return skrot(ARKUSZ_WYPELNIONY, udzial.pk, udzial.jst.nazwa, udzial.edycja.nazwa, arkusze, odpowiedzi,
                 wersja.pk if wersja else None, timezone.localdate())


def _wypelniony_wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf

    udzial = _udzial(zadanie.parametry)
    arkusze = arkusze_udzialu(udzial)
    postep(10, "")
    answers: dict[int, dict] = {}
    for o in Odpowiedz.objects.filter(arkusz__udzial=udzial).select_related("autor"):
        answers.setdefault(o.arkusz_id, {})[o.pytanie_id] = o
    postep(30, "")
    etykiety = dict(StanPrzegladu.choices)
    kopie, struktury = [], {}
    wersja = arkusze[0].wersja_szablonu if arkusze else wersja_edycji(udzial.edycja_id)
    if wersja is None:
        raise ValueError("the edition has no sheet template")
    if not arkusze:  # nobody has opened the sheet yet: the edition's version, unanswered
        kopie.append({"arkusz": None, "stan": etykiety[StanPrzegladu.ROBOCZA],
                      "sekcje": sekcje_do_druku(struktura(wersja))})
    for arkusz in arkusze:
        if arkusz.wersja_szablonu_id not in struktury:  # members' copies share one version
            struktury[arkusz.wersja_szablonu_id] = struktura(arkusz.wersja_szablonu)
        kopie.append({"arkusz": arkusz, "stan": etykiety.get(arkusz.stan, arkusz.stan),
                      "sekcje": sekcje_do_druku(struktury[arkusz.wersja_szablonu_id], answers.get(arkusz.pk))})
    postep(60, "")
    pdf = render_pdf("diagnoza/pdf/arkusz.html", {
        "pusty": False, "udzial": udzial, "edycja": udzial.edycja, "wersja": wersja, "szablon": wersja.szablon,
        "kopie": kopie, "wygenerowano": timezone.now(),
    })
    postep(90, "")
    return f"arkusz-diagnostyczny-{udzial.jst.teryt}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=ARKUSZ_PUSTY, ma_dostep=_pusty_ma_dostep, klucz_danych=_pusty_klucz,
                          wykonaj=_pusty_wykonaj))
zarejestruj(RodzajZadania(nazwa=ARKUSZ_WYPELNIONY, ma_dostep=_wypelniony_ma_dostep, klucz_danych=_wypelniony_klucz,
                          wykonaj=_wypelniony_wykonaj))
