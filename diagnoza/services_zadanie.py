"""State changes of the data-collection task (zadanie wdrożeniowe): the two resource areas and their
variants, indicators and their values (computed in Decimal), data tables, interpretation and
conclusions, and the review (submit → `dane_zebrane`)."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from diagnoza import wzory
from diagnoza.models import (
    ObszarZadania,
    TabelaDanych,
    WartoscWskaznika,
    Wskaznik,
    WyborObszaru,
    ZadanieDanych,
)
from doradztwo.audit import audit
from doradztwo.przeglad import zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import zablokuj_wersje, zapisz_wersje

OBSZARY_W_ZADANIU = 2
WSKAZNIKI_W_OBSZARZE = 2
MIN_POROWNANIA = 3  # JSTs of a kind that must have reported before their average is shown
MAKS_DANEJ = Decimal("1e15")
MAKS_TEKSTU = 10000
MAKS_KOLUMN, MAKS_WIERSZY = 12, 200


# --- Helpers ----------------------------------------------------------------------------------


def _sprawdz_otwarte(zadanie: ZadanieDanych) -> None:
    if zablokowany(zadanie.stan):
        raise ValidationError(_("Zadanie jest złożone — zmiany są zablokowane, dopóki koordynator go nie otworzy."))


def _zablokuj_zadanie(zadanie: ZadanieDanych) -> ZadanieDanych:
    zadanie = ZadanieDanych.objects.select_for_update().get(pk=zadanie.pk)
    _sprawdz_otwarte(zadanie)
    return zadanie


def _tekst(value, limit: int = MAKS_TEKSTU, pole: str | None = None) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if len(text) > limit:
        message = _("Tekst może mieć najwyżej %(n)d znaków.") % {"n": limit}
        raise ValidationError({pole: message} if pole else message)
    return text


def liczba(tekst) -> Decimal:
    """A number as typed by a Polish user: decimal comma, spaces (also non-breaking) between thousands."""
    text = str(tekst if tekst is not None else "").strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not text:
        raise ValidationError(_("Wpisz wartość."))
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Wpisz liczbę, np. 1 234,56.")) from None
    if not value.is_finite() or abs(value) >= MAKS_DANEJ:
        raise ValidationError(_("Liczba jest za duża."))
    return value


def normalizuj_okres(okres: str, wskaznik: Wskaznik) -> tuple[str, int]:
    """'2022/2023' for a school year (consecutive years), '2023' for a calendar year."""
    text = str(okres or "").strip().replace(" ", "").replace("-", "/")
    if wskaznik.typ_okresu == Wskaznik.TypOkresu.SZKOLNY:
        match = re.fullmatch(r"(\d{4})/(\d{4})", text)
        if not match or int(match[2]) != int(match[1]) + 1 or not 1990 <= int(match[1]) <= 2100:
            raise ValidationError(_("Podaj rok szkolny, np. 2022/2023."))
        return f"{match[1]}/{match[2]}", int(match[1])
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        raise ValidationError(_("Podaj rok kalendarzowy, np. 2023."))
    return text, int(text)


def stosuje_sie(wskaznik: Wskaznik, udzial) -> bool:
    return not wskaznik.rodzaje_jst or udzial.jst.rodzaj in wskaznik.rodzaje_jst


def wynik(wskaznik: Wskaznik, dane: dict) -> Decimal | None:
    """The indicator's result for stored inputs; None = "n/d" (division by zero)."""
    try:
        return wzory.oblicz(wskaznik.wzor, {k: Decimal(v) for k, v in dane.items()}, mnoznik=wskaznik.mnoznik,
                            miejsca=wskaznik.miejsca)
    except (wzory.BrakWyniku, ValidationError):  # n/d, or a result too large to store after a formula change
        return None


# --- The task and its areas -------------------------------------------------------------------


@transaction.atomic
def zadanie_zaloz(*, udzial, actor) -> ZadanieDanych:
    """The participation's task (created once, after the area of the sheet was chosen)."""
    istniejace = ZadanieDanych.objects.filter(udzial=udzial).first()
    if istniejace:
        return istniejace
    if not WyborObszaru.objects.filter(udzial=udzial).exists():
        raise ValidationError(_("Zadanie wdrożeniowe zaczyna się po wyborze obszaru z arkusza diagnostycznego."))
    try:
        with transaction.atomic():
            zadanie = ZadanieDanych.objects.create(udzial=udzial)
    except IntegrityError:  # two members at once
        return ZadanieDanych.objects.get(udzial=udzial)
    audit(actor, "zadanie.zalozone", zadanie, {"udzial": udzial.pk})
    return zadanie


@transaction.atomic
def obszar_dodaj(*, zadanie: ZadanieDanych, obszar_zasobow, wariant, actor) -> ObszarZadania:
    zadanie = _zablokuj_zadanie(zadanie)
    errors = {}
    try:
        obszar_zasobow = int(obszar_zasobow)
    except (TypeError, ValueError):
        obszar_zasobow = None
    try:
        wariant = int(wariant)
    except (TypeError, ValueError):
        wariant = None
    from diagnoza.models import ObszarZasobow

    if obszar_zasobow not in ObszarZasobow.values:
        errors["obszar_zasobow"] = _("Wybierz obszar zasobów z listy.")
    if wariant not in ObszarZadania.Wariant.values:
        errors["wariant"] = _("Wybierz wariant.")
    if errors:
        raise ValidationError(errors)
    obecne = list(zadanie.obszary.values_list("obszar_zasobow", flat=True))
    if obszar_zasobow in obecne:
        raise ValidationError({"obszar_zasobow": _("Ten obszar jest już w zadaniu.")})
    if len(obecne) >= OBSZARY_W_ZADANIU:
        raise ValidationError({"obszar_zasobow": _("Zespół wybiera dwa obszary zasobów — usuń jeden, aby wybrać inny.")})
    obszar = ObszarZadania(zadanie=zadanie, obszar_zasobow=obszar_zasobow, wariant=wariant, zmienil=actor)
    obszar._history_user = actor
    obszar.save()
    audit(actor, "zadanie.obszar_dodany", zadanie, {"obszar": obszar_zasobow, "wariant": wariant})
    return obszar


@transaction.atomic
def obszar_usun(*, obszar: ObszarZadania, actor) -> None:
    _zablokuj_zadanie(obszar.zadanie)
    audit(actor, "zadanie.obszar_usuniety", obszar.zadanie, {"obszar": obszar.obszar_zasobow})
    obszar.delete()


@transaction.atomic
def wskazniki_wybierz(*, obszar: ObszarZadania, wskazniki: list[Wskaznik], wersja, actor) -> ObszarZadania:
    """Variant 2: the (at most two) indicators of a resource area. Values already entered stay."""
    _zablokuj_zadanie(obszar.zadanie)
    obszar = zablokuj_wersje(ObszarZadania, obszar.pk, wersja)
    if obszar.wariant != ObszarZadania.Wariant.WSKAZNIKI:
        raise ValidationError(_("Wskaźniki wybiera się w wariancie 2."))
    unikalne = {w.pk: w for w in wskazniki}
    if len(unikalne) > WSKAZNIKI_W_OBSZARZE:
        raise ValidationError({"wskazniki": _("Wybierz dwa wskaźniki.")})
    udzial = obszar.zadanie.udzial
    for w in unikalne.values():
        if not w.aktywny or not stosuje_sie(w, udzial):
            raise ValidationError({"wskazniki": _("Wskaźnik „%(w)s” nie dotyczy tej JST.") % {"w": w.nazwa}})
    obszar.wskazniki.set(list(unikalne.values()))
    obszar.wersja += 1
    obszar.zmienil = actor
    obszar.save(update_fields=["wersja", "zmienil", "zmieniony"])
    audit(actor, "zadanie.wskazniki", obszar.zadanie, {"obszar": obszar.obszar_zasobow,
                                                       "wskazniki": sorted(w.kod for w in unikalne.values())})
    return obszar


@transaction.atomic
def wnioski_zapisz(*, obszar: ObszarZadania, interpretacja: str, wnioski: str, wersja, actor) -> ObszarZadania:
    _zablokuj_zadanie(obszar.zadanie)
    zmiany = {"interpretacja": _tekst(interpretacja, pole="interpretacja"), "wnioski": _tekst(wnioski, pole="wnioski")}
    obszar = zablokuj_wersje(ObszarZadania, obszar.pk, wersja)
    obszar._history_user = actor
    if zapisz_wersje(obszar, zmiany):
        ObszarZadania.objects.filter(pk=obszar.pk).update(zmienil=actor)
        audit(actor, "zadanie.wnioski", obszar.zadanie, {"obszar": obszar.obszar_zasobow})
    return obszar


# --- Indicator values -------------------------------------------------------------------------


def _sprawdz_wskaznik_w_zadaniu(zadanie: ZadanieDanych, wskaznik: Wskaznik) -> None:
    if not ObszarZadania.objects.filter(zadanie=zadanie, wariant=ObszarZadania.Wariant.WSKAZNIKI,
                                        wskazniki=wskaznik).exists():
        raise ValidationError(_("Ten wskaźnik nie jest wybrany w zadaniu."))


@transaction.atomic
def wartosc_zapisz(*, zadanie: ZadanieDanych, wskaznik: Wskaznik, okres: str, dane: dict, uwaga: str = "",
                   powod: str = "", wartosc: WartoscWskaznika | None = None, wersja=None,
                   actor) -> WartoscWskaznika:
    """Enter (or change) one period's inputs; the result is computed here. After the task was
    submitted once, a change needs a reason (kept in the history). Field errors as a dict."""
    zadanie = _zablokuj_zadanie(zadanie)
    _sprawdz_wskaznik_w_zadaniu(zadanie, wskaznik)
    errors, wartosci = {}, {}
    try:
        okres, rok = normalizuj_okres(okres, wskaznik)
    except ValidationError as e:
        errors["okres"] = e.messages
    for dana in wskaznik.dane.all():
        try:
            wartosci[dana.nazwa] = liczba(dane.get(dana.nazwa))
        except ValidationError as e:
            errors[f"d_{dana.nazwa}"] = e.messages
    try:
        uwaga = _tekst(uwaga, 2000)
    except ValidationError as e:
        errors["uwaga"] = e.messages
    powod = _tekst(powod, 100) if len(str(powod or "")) <= 100 else None
    if powod is None:
        errors["powod"] = [_("Powód może mieć najwyżej %(n)d znaków.") % {"n": 100}]
    if wartosc is not None and zadanie.zlozone_raz and not powod and "powod" not in errors:
        errors["powod"] = [_("Zadanie było już złożone — podaj powód zmiany.")]
    if errors:
        raise ValidationError(errors)
    try:
        result = wzory.oblicz(wskaznik.wzor, wartosci, mnoznik=wskaznik.mnoznik, miejsca=wskaznik.miejsca)
    except wzory.BrakWyniku:
        result = None
    except ValidationError as e:  # a result too large to store: the inputs are wrong
        raise ValidationError({NON_FIELD_ERRORS: e.messages}) from None
    stored = {k: str(v) for k, v in wartosci.items()}
    udzial = zadanie.udzial
    if wartosc is None:
        if WartoscWskaznika.objects.filter(udzial=udzial, wskaznik=wskaznik, okres=okres).exists():
            raise ValidationError({"okres": [_("Wartość za ten okres już jest — popraw ją w tabeli.")]})
        obj = WartoscWskaznika(udzial=udzial, wskaznik=wskaznik, okres=okres, rok=rok, dane=stored, wynik=result,
                               uwaga=uwaga, autor=actor)
        obj._history_user = actor
        obj.save()
        audit(actor, "zadanie.wartosc_dodana", zadanie, {"wskaznik": wskaznik.kod, "okres": okres})
        return obj
    obj = zablokuj_wersje(WartoscWskaznika, wartosc.pk, wersja)
    if obj.udzial_id != udzial.pk or obj.wskaznik_id != wskaznik.pk:
        raise ValidationError(_("Ta wartość nie należy do tego zadania."))
    if okres != obj.okres and WartoscWskaznika.objects.filter(udzial=udzial, wskaznik=wskaznik, okres=okres).exists():
        raise ValidationError({"okres": [_("Wartość za ten okres już jest — popraw ją w tabeli.")]})
    obj._history_user = actor
    obj._change_reason = powod
    changed = zapisz_wersje(obj, {"okres": okres, "rok": rok, "dane": stored, "wynik": result, "uwaga": uwaga,
                                  "autor": actor})
    if changed and changed != ["autor"]:
        audit(actor, "zadanie.wartosc_zmieniona", zadanie, {"wskaznik": wskaznik.kod, "okres": okres, "powod": powod})
    return obj


@transaction.atomic
def wartosc_usun(*, wartosc: WartoscWskaznika, zadanie: ZadanieDanych, powod: str = "", actor) -> None:
    zadanie = _zablokuj_zadanie(zadanie)
    if wartosc.udzial_id != zadanie.udzial_id:
        raise ValidationError(_("Ta wartość nie należy do tego zadania."))
    powod = _tekst(powod, 100, pole="powod")
    if zadanie.zlozone_raz and not powod:
        raise ValidationError({"powod": _("Zadanie było już złożone — podaj powód zmiany.")})
    wartosc._history_user = actor
    wartosc._change_reason = powod
    audit(actor, "zadanie.wartosc_usunieta", zadanie, {"wskaznik": wartosc.wskaznik.kod, "okres": wartosc.okres,
                                                       "powod": powod})
    wartosc.delete()


@transaction.atomic
def wartosci_przelicz(*, wskaznik: Wskaznik, actor) -> int:
    """Recompute every stored result of an indicator (after its formula, multiplier, decimal places
    or inputs changed in the catalogue). A value that lacks a newly added input keeps its inputs and
    shows "n/d" until the team fills the new input in. Returns the number of results changed."""
    wskaznik = Wskaznik.objects.prefetch_related("dane").get(pk=wskaznik.pk)
    nazwy = {d.nazwa for d in wskaznik.dane.all()}
    changed = []
    for w in WartoscWskaznika.objects.select_for_update().filter(wskaznik=wskaznik):
        new = wynik(wskaznik, w.dane) if nazwy <= set(w.dane) else None
        if new != w.wynik:
            w.wynik = new
            changed.append(w)
    WartoscWskaznika.objects.bulk_update(changed, ["wynik"])
    if changed:
        audit(actor, "wskaznik.przeliczony", wskaznik, {"wartosci": len(changed)})
    return len(changed)


# --- Variant 1: data tables -------------------------------------------------------------------


def _kolumny(tekst: str) -> list[dict]:
    """One column per line: 'nazwa | jednostka'."""
    kolumny = []
    for nr, line in enumerate(str(tekst or "").splitlines(), start=1):
        if not line.strip():
            continue
        nazwa, _sep, jednostka = line.partition("|")
        nazwa, jednostka = nazwa.strip(), jednostka.strip()
        if not nazwa or len(nazwa) > 100 or len(jednostka) > 40:
            raise ValidationError({"kolumny": _("Wiersz %(n)d: wpisz nazwę kolumny (do 100 znaków) i "
                                                "ewentualnie „| jednostka” (do 40 znaków).") % {"n": nr}})
        kolumny.append({"nazwa": nazwa, "jednostka": jednostka})
    if not kolumny:
        raise ValidationError({"kolumny": _("Podaj co najmniej jedną kolumnę.")})
    if len(kolumny) > MAKS_KOLUMN:
        raise ValidationError({"kolumny": _("Tabela może mieć najwyżej %(n)d kolumn.") % {"n": MAKS_KOLUMN}})
    return kolumny


def _wiersze(tekst: str, liczba_kolumn: int) -> list[list[str]]:
    """One row per line, cells separated by ';' or a tab (as pasted from a spreadsheet)."""
    wiersze = []
    for nr, line in enumerate(str(tekst or "").splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in re.split(r"\t|;", line)]
        if len(cells) != liczba_kolumn:
            raise ValidationError({"wiersze": _("Wiersz %(n)d ma %(k)d komórek, a tabela ma %(c)d kolumn. Oddzielaj "
                                                "komórki średnikiem „;” albo tabulatorem.")
                                   % {"n": nr, "k": len(cells), "c": liczba_kolumn}})
        if any(len(c) > 300 for c in cells):
            raise ValidationError({"wiersze": _("Wiersz %(n)d: komórka może mieć najwyżej 300 znaków.") % {"n": nr}})
        wiersze.append(cells)
    if len(wiersze) > MAKS_WIERSZY:
        raise ValidationError({"wiersze": _("Tabela może mieć najwyżej %(n)d wierszy.") % {"n": MAKS_WIERSZY}})
    return wiersze


@transaction.atomic
def tabela_zapisz(*, obszar: ObszarZadania, dane: dict, tabela: TabelaDanych | None = None, wersja=None,
                  actor) -> TabelaDanych:
    """Create or change a data table of a variant-1 area. `dane`: tytul, kolumny (text, a line each),
    wiersze (text, a line each), zrodlo, uwagi."""
    _zablokuj_zadanie(obszar.zadanie)
    if obszar.wariant != ObszarZadania.Wariant.TABELE:
        raise ValidationError(_("Tabele danych należą do wariantu 1."))
    errors = {}
    zmiany = {}
    for pole, limit, wymagane in (("tytul", 200, True), ("zrodlo", 300, True), ("uwagi", MAKS_TEKSTU, False)):
        try:
            zmiany[pole] = _tekst(dane.get(pole), limit)
        except ValidationError as e:
            errors[pole] = e.messages
            continue
        if wymagane and not zmiany[pole]:
            errors[pole] = [_("To pole jest wymagane.")]
    try:
        zmiany["kolumny"] = _kolumny(dane.get("kolumny"))
        zmiany["wiersze"] = _wiersze(dane.get("wiersze"), len(zmiany["kolumny"]))
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    if tabela is None:
        tabela = TabelaDanych(obszar=obszar, zmienil=actor, **zmiany)
        tabela._history_user = actor
        tabela.save()
        audit(actor, "zadanie.tabela_dodana", obszar.zadanie, {"tabela": tabela.pk})
        return tabela
    tabela = zablokuj_wersje(TabelaDanych, tabela.pk, wersja)
    if tabela.obszar_id != obszar.pk:
        raise ValidationError(_("Ta tabela nie należy do tego obszaru."))
    tabela._history_user = actor
    if zapisz_wersje(tabela, zmiany):
        TabelaDanych.objects.filter(pk=tabela.pk).update(zmienil=actor)
        audit(actor, "zadanie.tabela_zmieniona", obszar.zadanie, {"tabela": tabela.pk})
    return tabela


@transaction.atomic
def tabela_usun(*, tabela: TabelaDanych, actor) -> None:
    _zablokuj_zadanie(tabela.obszar.zadanie)
    audit(actor, "zadanie.tabela_usunieta", tabela.obszar.zadanie, {"tabela": tabela.pk, "tytul": tabela.tytul})
    tabela.delete()


@transaction.atomic
def tabela_dodaj_plik(*, tabela: TabelaDanych, plik, opis: str = "", actor):
    """An attachment of a data table: stored (sniffed, size-limited) as the participation's file."""
    from doradztwo.pliki import plik_dodaj

    _zablokuj_zadanie(tabela.obszar.zadanie)
    stored = plik_dodaj(udzial=tabela.obszar.zadanie.udzial, plik=plik, rodzaj="dokument", opis=opis, actor=actor)
    tabela.zalaczniki.add(stored)
    return stored


# --- Review -----------------------------------------------------------------------------------


def braki(zadanie: ZadanieDanych, obszary: list[ObszarZadania] | None = None) -> list[str]:
    """What stops the submission, in Polish, in the order the team works. `obszary`: the task's areas
    with `wskazniki` and `tabele` prefetched, when the page has loaded them already."""
    if obszary is None:
        obszary = list(zadanie.obszary.prefetch_related("wskazniki", "tabele"))
    wartosci = set(WartoscWskaznika.objects.filter(udzial_id=zadanie.udzial_id)
                   .values_list("wskaznik_id", flat=True))
    out = []
    if len(obszary) != OBSZARY_W_ZADANIU:
        out.append(_("Wybierz dwa obszary zasobów."))
    for o in obszary:
        nazwa = o.get_obszar_zasobow_display()
        if o.wariant == ObszarZadania.Wariant.WSKAZNIKI:
            chosen = list(o.wskazniki.all())
            if len(chosen) != WSKAZNIKI_W_OBSZARZE:
                out.append(_("%(o)s: wybierz dwa wskaźniki.") % {"o": nazwa})
            for w in chosen:
                if w.pk not in wartosci:
                    out.append(_("%(o)s: wpisz dane wskaźnika „%(w)s” za co najmniej jeden okres.")
                               % {"o": nazwa, "w": w.nazwa})
        elif not any(t.wiersze for t in o.tabele.all()):
            out.append(_("%(o)s: dodaj tabelę danych z co najmniej jednym wierszem.") % {"o": nazwa})
        if not o.interpretacja.strip() or not o.wnioski.strip():
            out.append(_("%(o)s: napisz interpretację i wnioski.") % {"o": nazwa})
    return out


@transaction.atomic
def zadanie_zmien_stan(*, zadanie: ZadanieDanych, akcja: str, powod: str = "", actor) -> ZadanieDanych:
    """Submit (the leader; everything complete → `dane_zebrane`), return with a reason, approve,
    reopen with a reason — the review-state helper, audited and notified like the sheet."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import override

    from doradztwo.przeglad import PRZEGLAD, zmien_stan
    from jst.services import _zablokuj, odbiorcy_przegladu, udzial_przesun_etap

    udzial = _zablokuj(zadanie.udzial)
    if akcja == "zloz":
        missing = braki(zadanie)
        if missing:
            raise ValidationError(_("Zadania nie można jeszcze złożyć: %(braki)s") % {"braki": " ".join(missing)})
    odbiorcy = odbiorcy_przegladu(udzial, akcja)
    with override(settings.LANGUAGE_CODE):
        tytul = {
            "zloz": _("Zadanie wdrożeniowe %(jst)s złożone"),
            "zwroc": _("Zadanie wdrożeniowe %(jst)s zwrócone do uzupełnienia"),
            "zatwierdz": _("Zadanie wdrożeniowe %(jst)s zatwierdzone"),
            "otworz": _("Zadanie wdrożeniowe %(jst)s otwarte ponownie"),
        }.get(akcja, "") % {"jst": udzial.jst.nazwa_pelna}
    zmien_stan(zadanie, przejscia=PRZEGLAD, akcja=akcja, pole="stan", actor=actor, nazwa="zadanie", powod=powod,
               odbiorcy=odbiorcy, tytul=tytul, link=reverse("diagnoza:zadanie", args=[udzial.pk]))
    if akcja == "zloz":
        ZadanieDanych.objects.filter(pk=zadanie.pk).update(zlozone_raz=True)
        udzial_przesun_etap(udzial=udzial, etap="dane_zebrane", actor=actor, powod=_("Zadanie wdrożeniowe złożone"))
    zadanie.refresh_from_db()
    return zadanie


# --- Comparison -------------------------------------------------------------------------------


def porownanie(udzial, wskazniki_ids) -> dict[tuple[int, str], dict]:
    """(indicator pk, period) → {"srednia", "n"} over the JSTs of the same kind in the edition that
    reported a result; only pairs with at least MIN_POROWNANIA JSTs (anonymised). One query."""
    if not wskazniki_ids:
        return {}
    rows = (WartoscWskaznika.objects
            .filter(wskaznik_id__in=wskazniki_ids, udzial__edycja_id=udzial.edycja_id,
                    udzial__jst__rodzaj=udzial.jst.rodzaj, wynik__isnull=False)
            .values("wskaznik_id", "okres")
            .annotate(srednia=Avg("wynik"), n=Count("udzial", distinct=True))
            .filter(n__gte=MIN_POROWNANIA))
    return {(r["wskaznik_id"], r["okres"]): {"srednia": r["srednia"], "n": r["n"]} for r in rows}


__all__ = ["KonfliktWersji"]
