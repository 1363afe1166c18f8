"""State changes of the indicator catalogue (Wskaznik and its inputs): coordinators create and edit
indicators. There is no delete — stored values refer to indicators — an indicator is deactivated."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from diagnoza import wzory
from diagnoza.models import DanaWskaznika, WartoscWskaznika, Wskaznik
from doradztwo.audit import audit
from doradztwo.services import KonfliktWersji

POLA = ["kod", "nazwa", "obszar_zasobow", "opis", "wzor", "jednostka", "mnoznik", "miejsca", "typ_okresu",
        "rodzaje_jst", "zrodlo_definicji", "aktywny"]
# A change of these (or of the input names) changes computed results: stored values are recomputed.
POLA_WYNIKU = {"wzor", "mnoznik", "miejsca"}
POLA_DANEJ = ["nazwa", "etykieta", "jednostka", "zrodlo"]
NAZWA_DANEJ = re.compile(r"^[a-z_][a-z0-9_]*$")


def _nazwy(wejscia: list[dict]) -> list[str]:
    return [w["nazwa"] for w in wejscia]


def _sprawdz(dane: dict, wejscia: list[dict], *, wskaznik: Wskaznik | None = None,
             poprzednie: set[str] = frozenset(), ma_wartosci: bool = False) -> None:
    """The rules that need the whole indicator: a unique code (fixed once values exist), inputs that
    exist for every name the formula uses, and no removal of an input the formula still uses."""
    errors: dict[str, list] = {}
    kod = dane["kod"]
    if wskaznik is not None and ma_wartosci and kod != wskaznik.kod:
        errors["kod"] = [_("Kodu nie można zmienić, bo wskaźnik ma już zapisane wartości.")]
    elif Wskaznik.objects.filter(kod=kod).exclude(pk=getattr(wskaznik, "pk", None)).exists():
        errors["kod"] = [_("Wskaźnik o kodzie „%(kod)s” już istnieje. Wybierz inny kod.") % {"kod": kod}]
    nazwy = _nazwy(wejscia)
    if not nazwy:
        errors["wejscia"] = [_("Podaj co najmniej jedną daną, z której liczy się wskaźnik.")]
    elif len(set(nazwy)) != len(nazwy) or not all(NAZWA_DANEJ.match(n) for n in nazwy):
        # The form reports which line; a service caller gets the rule.
        errors["wejscia"] = [_("Nazwy danych muszą być niepowtarzalne i składać się z małych liter bez polskich "
                               "znaków, cyfr i „_”.")]
    try:
        uzyte = wzory.nazwy_we_wzorze(dane["wzor"])
    except ValidationError as error:
        errors["wzor"] = error.messages
    else:
        brakujace = uzyte - set(nazwy)
        usuniete = sorted(brakujace & set(poprzednie))
        if usuniete:
            errors.setdefault("wejscia", []).append(
                _("Nie można usunąć danych, których używa wzór: %(nazwy)s. Najpierw zmień wzór.")
                % {"nazwy": ", ".join(usuniete)})
        elif brakujace:
            errors["wzor"] = [_("Wzór używa nieznanych danych: %(nazwy)s. Dodaj je do listy danych albo popraw "
                                "wzór.") % {"nazwy": ", ".join(sorted(brakujace))}]
    if Decimal(dane["mnoznik"]) <= 0:
        errors["mnoznik"] = [_("Mnożnik musi być większy od zera.")]
    if errors:
        raise ValidationError(errors)


def nieuzyte_dane(wskaznik: Wskaznik) -> list[str]:
    """Input names the formula does not use (allowed, but worth a warning)."""
    uzyte = wzory.nazwy_we_wzorze(wskaznik.wzor)
    return [d.nazwa for d in wskaznik.dane.all() if d.nazwa not in uzyte]


def _zapisz_dane(wskaznik: Wskaznik, wejscia: list[dict]) -> bool:
    """Replace the inputs as a set (matched by name, so unchanged ones keep their rows). Returns
    whether anything changed."""
    obecne = {d.nazwa: d for d in wskaznik.dane.all()}
    zmienione = False
    nowe_nazwy = set(_nazwy(wejscia))
    usuniete = [d.pk for nazwa, d in obecne.items() if nazwa not in nowe_nazwy]
    if usuniete:
        DanaWskaznika.objects.filter(pk__in=usuniete).delete()
        zmienione = True
    for kolejnosc, wejscie in enumerate(wejscia, start=1):
        dana = obecne.get(wejscie["nazwa"])
        wartosci = {**{p: wejscie[p] for p in POLA_DANEJ}, "kolejnosc": kolejnosc}
        if dana is None:
            DanaWskaznika.objects.create(wskaznik=wskaznik, **wartosci)
            zmienione = True
            continue
        pola = [p for p, v in wartosci.items() if getattr(dana, p) != v]
        if pola:
            for p in pola:
                setattr(dana, p, wartosci[p])
            dana.save(update_fields=pola)
            zmienione = True
    return zmienione


def _opis_danych(wejscia) -> list[list[str]]:
    return [[w[p] if isinstance(w, dict) else getattr(w, p) for p in POLA_DANEJ] for w in wejscia]


@transaction.atomic
def wskaznik_utworz(*, dane: dict, wejscia: list[dict], actor) -> Wskaznik:
    """A new catalogue indicator. `dane`: the fields of POLA; `wejscia`: [{nazwa, etykieta, jednostka,
    zrodlo}] in order. Field errors as a dict (keys: the field names and "wejscia")."""
    _sprawdz(dane, wejscia)
    wskaznik = Wskaznik(**{p: dane[p] for p in POLA})
    wskaznik._history_user = actor
    try:
        with transaction.atomic():
            wskaznik.save()
    except IntegrityError:  # the same code saved at the same moment by someone else
        raise ValidationError({"kod": _("Wskaźnik o kodzie „%(kod)s” już istnieje. Wybierz inny kod.")
                                      % {"kod": dane["kod"]}}) from None
    _zapisz_dane(wskaznik, wejscia)
    audit(actor, "wskaznik.utworzony", wskaznik, {**{p: dane[p] for p in POLA}, "dane": _opis_danych(wejscia)})
    return wskaznik


@transaction.atomic
def wskaznik_zmien(*, wskaznik: Wskaznik, dane: dict, wejscia: list[dict], wersja: int | None, actor) -> Wskaznik:
    """Save the indicator if nobody saved it since `wersja` was read (KonfliktWersji otherwise).
    When the formula, multiplier, decimal places or input names change, every stored value of the
    indicator is recomputed (`wskaznik.przeliczone` = how many results changed)."""
    current = Wskaznik.objects.select_for_update().get(pk=wskaznik.pk)
    if wersja is None or int(wersja) != current.wersja:
        raise KonfliktWersji(current)
    poprzednie = list(current.dane.all())
    ma_wartosci = WartoscWskaznika.objects.filter(wskaznik=current).exists()
    _sprawdz(dane, wejscia, wskaznik=current, poprzednie={d.nazwa for d in poprzednie}, ma_wartosci=ma_wartosci)
    zmiany = {p: dane[p] for p in POLA if p in dane and getattr(current, p) != dane[p]}
    nazwy_przed = {d.nazwa for d in poprzednie}
    dane_zmienione = _zapisz_dane(current, wejscia)
    current.przeliczone = 0
    if not zmiany and not dane_zmienione:
        return current
    for pole, wartosc in zmiany.items():
        setattr(current, pole, wartosc)
    current.wersja += 1
    # Set explicitly so that history names the actor outside a request too (shell, tests).
    current._history_user = actor
    current.save(update_fields=[*zmiany, "wersja"])
    audit(actor, "wskaznik.zmieniony", current, {
        "pola": sorted(zmiany), **{p: v for p, v in zmiany.items()},
        **({"dane_przed": _opis_danych(poprzednie), "dane": _opis_danych(wejscia)} if dane_zmienione else {}),
        "wersja": current.wersja,
    })
    if POLA_WYNIKU & set(zmiany) or nazwy_przed != set(_nazwy(wejscia)):
        from diagnoza.services_zadanie import wartosci_przelicz

        current.przeliczone = wartosci_przelicz(wskaznik=current, actor=actor)
    return current
