"""State changes of the template editor: templates, draft versions, their sections and questions.

Published versions never change (an edition may have frozen them): every edit locks the version row
and refuses a published one; editing a published template means `wersja_utworz_nowa`, which copies it
into a new draft through `services.wersja_nowa`. Drafts are edited by one coordinator at a time, so
the row lock is the only concurrency control here (no per-row versions).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from diagnoza import services
from diagnoza.models import (
    PytanieSzablonu,
    SekcjaSzablonu,
    SzablonArkusza,
    WersjaSzablonu,
)
from doradztwo.audit import audit

T = PytanieSzablonu.Typ
# Types whose answers are chosen from `opcje` (value|label lines in the editor).
TYPY_Z_OPCJAMI = frozenset({T.SKALA, T.JEDNOKROTNY, T.WIELOKROTNY})
POLA_SEKCJI = ("tytul", "opis", "obszar")
POLA_PYTANIA = ("kod", "tresc", "pomoc", "typ", "wymagane", "opcje", "nie_wiem", "minimum", "maksimum",
                "jednostka", "pokaz_jesli")
GORA, DOL = "gora", "dol"


class WersjaOpublikowana(ValidationError):
    """The version was published: nothing may change in it (make a new version instead)."""

    def __init__(self):
        super().__init__(_("Ta wersja jest opublikowana i nie można jej zmieniać. Utwórz nową wersję szablonu."))


# --- Templates and versions -------------------------------------------------------------------


@transaction.atomic
def szablon_utworz(*, nazwa: str, opis: str, tryb: str, actor) -> WersjaSzablonu:
    """A new empty template with version 1 as a draft."""
    if tryb not in SzablonArkusza.Tryb.values:
        raise ValidationError({"tryb": _("Wybierz tryb wypełniania z listy.")})
    szablon = SzablonArkusza.objects.create(nazwa=nazwa, opis=opis, tryb=tryb)
    wersja = WersjaSzablonu.objects.create(szablon=szablon, numer=1, utworzyl=actor)
    audit(actor, "szablon.utworzony", szablon, {"wersja": wersja.numer, "tryb": tryb})
    return wersja


@transaction.atomic
def wersja_utworz_nowa(*, wersja: WersjaSzablonu, actor) -> WersjaSzablonu:
    """A new draft copied from a published version. One draft per template at a time, so two
    coordinators never edit rival drafts of the same template."""
    # The template row serialises numbering and the one-draft rule.
    szablon = SzablonArkusza.objects.select_for_update().get(pk=wersja.szablon_id)
    wersja = WersjaSzablonu.objects.select_related("szablon").get(pk=wersja.pk)
    if wersja.stan != WersjaSzablonu.Stan.OPUBLIKOWANA:
        raise ValidationError(_("Nową wersję tworzy się z wersji opublikowanej; tę wersję roboczą można "
                                "edytować bezpośrednio."))
    robocza = szablon.wersje.filter(stan=WersjaSzablonu.Stan.ROBOCZA).order_by("numer").first()
    if robocza is not None:
        raise ValidationError(_("Szablon ma już wersję roboczą (wersja %(numer)d) — edytuj ją albo najpierw "
                                "opublikuj.") % {"numer": robocza.numer})
    return services.wersja_nowa(wersja=wersja, actor=actor)


@transaction.atomic
def wersja_opublikuj(*, wersja: WersjaSzablonu, actor) -> WersjaSzablonu:
    """Publish a draft: not an empty one, and not with an empty section (a team would see a heading
    with nothing to answer)."""
    wersja = _zablokuj(wersja)
    pusta = wersja.sekcje.filter(pytania__isnull=True).order_by("kolejnosc", "pk").first()
    if pusta is not None:
        raise ValidationError(_("Sekcja „%(tytul)s” nie ma pytań — dodaj pytania albo usuń sekcję.")
                              % {"tytul": pusta.tytul})
    return services.wersja_opublikuj(wersja=wersja, actor=actor)


def _zablokuj(wersja: WersjaSzablonu) -> WersjaSzablonu:
    """The version row, locked for this transaction; a published one refuses every change."""
    wersja = WersjaSzablonu.objects.select_for_update(of=("self",)).select_related("szablon").get(pk=wersja.pk)
    if wersja.stan != WersjaSzablonu.Stan.ROBOCZA:
        raise WersjaOpublikowana()
    return wersja


def _sekcja(wersja: WersjaSzablonu, pk: int) -> SekcjaSzablonu:
    """The section re-read under the version lock (it may have been deleted since the page was read)."""
    sekcja = SekcjaSzablonu.objects.filter(pk=pk, wersja=wersja).first()
    if sekcja is None:
        raise ValidationError(_("Tej sekcji już nie ma w wersji — odśwież stronę."))
    return sekcja


def _pytanie(wersja: WersjaSzablonu, pk: int) -> PytanieSzablonu:
    pytanie = PytanieSzablonu.objects.filter(pk=pk, sekcja__wersja=wersja).select_related("sekcja").first()
    if pytanie is None:
        raise ValidationError(_("Tego pytania już nie ma w wersji — odśwież stronę."))
    return pytanie


# --- Sections ---------------------------------------------------------------------------------


@transaction.atomic
def sekcja_dodaj(*, wersja: WersjaSzablonu, dane: dict, actor) -> SekcjaSzablonu:
    wersja = _zablokuj(wersja)
    kolejnosc = (wersja.sekcje.aggregate(m=Max("kolejnosc"))["m"] or 0) + 1
    sekcja = SekcjaSzablonu.objects.create(wersja=wersja, kolejnosc=kolejnosc,
                                           **{f: dane[f] for f in POLA_SEKCJI})
    audit(actor, "szablon.sekcja_dodana", wersja, {"sekcja": sekcja.pk, "tytul": sekcja.tytul})
    return sekcja


@transaction.atomic
def sekcja_zmien(*, sekcja: SekcjaSzablonu, dane: dict, actor) -> SekcjaSzablonu:
    wersja = _zablokuj(sekcja.wersja)
    sekcja = _sekcja(wersja, sekcja.pk)
    changes = [f for f in POLA_SEKCJI if getattr(sekcja, f) != dane[f]]
    if not changes:
        return sekcja
    for field in changes:
        setattr(sekcja, field, dane[field])
    sekcja.save(update_fields=changes)
    audit(actor, "szablon.sekcja_zmieniona", wersja, {"sekcja": sekcja.pk, "pola": changes})
    return sekcja


@transaction.atomic
def sekcja_usun(*, sekcja: SekcjaSzablonu, actor) -> None:
    """Delete a section with its questions — refused while a question elsewhere shows only on an
    answer to one of them (the condition would point nowhere)."""
    wersja = _zablokuj(sekcja.wersja)
    sekcja = _sekcja(wersja, sekcja.pk)
    kody = set(sekcja.pytania.values_list("kod", flat=True))
    zalezne = [p.kod for p in _pytania(wersja) if p.sekcja_id != sekcja.pk and _warunek(p) in kody]
    if zalezne:
        raise ValidationError(_("Pytania %(kody)s pokazują się zależnie od odpowiedzi w tej sekcji — najpierw "
                                "zmień ich warunek.") % {"kody": ", ".join(zalezne)})
    data = {"sekcja": sekcja.pk, "tytul": sekcja.tytul, "pytania": sorted(kody)}
    sekcja.delete()
    audit(actor, "szablon.sekcja_usunieta", wersja, data)


@transaction.atomic
def sekcja_przesun(*, sekcja: SekcjaSzablonu, kierunek: str, actor) -> SekcjaSzablonu:
    """Swap the section with its neighbour; refused when a show-if would then point to a later question."""
    wersja = _zablokuj(sekcja.wersja)
    sekcja = _sekcja(wersja, sekcja.pk)
    if not _zamien(list(wersja.sekcje.order_by("kolejnosc", "pk")), sekcja, kierunek, SekcjaSzablonu):
        return sekcja
    _sprawdz_kolejnosc_warunkow(wersja)
    audit(actor, "szablon.sekcja_przesunieta", wersja, {"sekcja": sekcja.pk, "kierunek": kierunek})
    return sekcja


# --- Questions --------------------------------------------------------------------------------


@transaction.atomic
def pytanie_dodaj(*, sekcja: SekcjaSzablonu, dane: dict, actor) -> PytanieSzablonu:
    """Add a question at the end of the section."""
    wersja = _zablokuj(sekcja.wersja)
    sekcja = _sekcja(wersja, sekcja.pk)
    dane = _sprawdz_pytanie(wersja, sekcja, None, dane)
    kolejnosc = (sekcja.pytania.aggregate(m=Max("kolejnosc"))["m"] or 0) + 1
    pytanie = PytanieSzablonu.objects.create(sekcja=sekcja, kolejnosc=kolejnosc, **dane)
    audit(actor, "szablon.pytanie_dodane", wersja, {"pytanie": pytanie.pk, "kod": pytanie.kod})
    return pytanie


@transaction.atomic
def pytanie_zmien(*, pytanie: PytanieSzablonu, dane: dict, actor) -> PytanieSzablonu:
    wersja = _zablokuj(pytanie.sekcja.wersja)
    pytanie = _pytanie(wersja, pytanie.pk)
    dane = _sprawdz_pytanie(wersja, pytanie.sekcja, pytanie, dane)
    changes = [f for f in POLA_PYTANIA if getattr(pytanie, f) != dane[f]]
    if not changes:
        return pytanie
    for field in changes:
        setattr(pytanie, field, dane[field])
    pytanie.save(update_fields=changes)
    audit(actor, "szablon.pytanie_zmienione", wersja, {"pytanie": pytanie.pk, "kod": pytanie.kod, "pola": changes})
    return pytanie


@transaction.atomic
def pytanie_usun(*, pytanie: PytanieSzablonu, actor) -> None:
    wersja = _zablokuj(pytanie.sekcja.wersja)
    pytanie = _pytanie(wersja, pytanie.pk)
    zalezne = [p.kod for p in _pytania(wersja) if _warunek(p) == pytanie.kod]
    if zalezne:
        raise ValidationError(_("Pytania %(kody)s pokazują się zależnie od odpowiedzi na to pytanie — najpierw "
                                "zmień ich warunek.") % {"kody": ", ".join(zalezne)})
    data = {"pytanie": pytanie.pk, "kod": pytanie.kod}
    pytanie.delete()
    audit(actor, "szablon.pytanie_usuniete", wersja, data)


@transaction.atomic
def pytanie_przesun(*, pytanie: PytanieSzablonu, kierunek: str, actor) -> PytanieSzablonu:
    """Swap the question with its neighbour in the section (moving between sections is not offered)."""
    wersja = _zablokuj(pytanie.sekcja.wersja)
    pytanie = _pytanie(wersja, pytanie.pk)
    if not _zamien(list(pytanie.sekcja.pytania.order_by("kolejnosc", "pk")), pytanie, kierunek, PytanieSzablonu):
        return pytanie
    _sprawdz_kolejnosc_warunkow(wersja)
    audit(actor, "szablon.pytanie_przesuniete", wersja, {"pytanie": pytanie.pk, "kierunek": kierunek})
    return pytanie


# --- Rules ------------------------------------------------------------------------------------


def pytania_przed(*, wersja: WersjaSzablonu, sekcja: SekcjaSzablonu,
                  pytanie: PytanieSzablonu | None = None) -> list[PytanieSzablonu]:
    """Questions a show-if of this question (or of a new one in `sekcja`) may point to (a read)."""
    return list(_wczesniejsze(_pytania(wersja), sekcja, pytanie).values())


def _pytania(wersja: WersjaSzablonu) -> list[PytanieSzablonu]:
    """The version's questions in the order a team sees them."""
    return list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).select_related("sekcja")
                .order_by("sekcja__kolejnosc", "sekcja_id", "kolejnosc", "pk"))


def _warunek(pytanie: PytanieSzablonu) -> str:
    return (pytanie.pokaz_jesli or {}).get("kod") or ""


def _zamien(rows: list, row, kierunek: str, model) -> bool:
    """Swap `row` with its neighbour in `rows` (renumbered 1..n first, so duplicate positions from
    older data cannot make a move silently do nothing). False when it is already at the edge."""
    if kierunek not in (GORA, DOL):
        raise ValidationError(_("Nieznany kierunek przesunięcia."))
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index - 1 if kierunek == GORA else index + 1
    if other < 0 or other >= len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, r in enumerate(rows, start=1):
        r.kolejnosc = position
    model.objects.bulk_update(rows, ["kolejnosc"])
    return True


def _sprawdz_kolejnosc_warunkow(wersja: WersjaSzablonu) -> None:
    """Every show-if must point to a question placed earlier (the team answers it first)."""
    seen: set[str] = set()
    for p in _pytania(wersja):
        kod = _warunek(p)
        if kod and kod not in seen:
            raise ValidationError(_("Po tym przesunięciu pytanie %(kod)s stałoby przed pytaniem %(zrodlo)s, od "
                                    "którego zależy jego wyświetlenie. Najpierw zmień warunek.")
                                  % {"kod": p.kod, "zrodlo": kod})
        seen.add(p.kod)


def _sprawdz_pytanie(wersja: WersjaSzablonu, sekcja: SekcjaSzablonu, pytanie: PytanieSzablonu | None,
                     dane: dict) -> dict:
    """The question's fields checked against the version; errors keyed by the editor form's fields.

    Returns the data to save: type-specific fields are cleared for other types, so a question turned
    from "number" into "text" keeps no stale bounds.
    """
    dane = {f: dane.get(f) for f in POLA_PYTANIA}
    dane["pokaz_jesli"] = dane["pokaz_jesli"] or {}
    typ = dane["typ"]
    errors: dict[str, list] = {}
    if typ not in T.values:
        errors.setdefault("typ", []).append(_("Wybierz typ pytania z listy."))
    wszystkie = _pytania(wersja)
    inne = [p for p in wszystkie if pytanie is None or p.pk != pytanie.pk]
    if any(p.kod == dane["kod"] for p in inne):
        errors.setdefault("kod", []).append(_("Pytanie o kodzie „%(kod)s” już jest w tej wersji — kod musi być "
                                              "niepowtarzalny.") % {"kod": dane["kod"]})
    if pytanie is not None and pytanie.kod != dane["kod"]:
        zalezne = [p.kod for p in inne if _warunek(p) == pytanie.kod]
        if zalezne:
            errors.setdefault("kod", []).append(
                _("Od kodu „%(kod)s” zależy wyświetlanie pytań %(kody)s — najpierw zmień ich warunek.")
                % {"kod": pytanie.kod, "kody": ", ".join(zalezne)})
    if typ in TYPY_Z_OPCJAMI:
        if len(dane["opcje"] or []) < 2:
            errors.setdefault("opcje", []).append(_("Podaj co najmniej dwie odpowiedzi do wyboru, każdą w osobnym "
                                                    "wierszu: wartość|etykieta."))
    else:
        dane["opcje"] = []
    if typ == T.LICZBA:
        if dane["minimum"] is not None and dane["maksimum"] is not None and dane["minimum"] > dane["maksimum"]:
            errors.setdefault("maksimum", []).append(_("Maksimum nie może być mniejsze niż minimum."))
    else:
        dane["minimum"] = dane["maksimum"] = None
        dane["jednostka"] = ""
    _sprawdz_warunek(dane, _wczesniejsze(wszystkie, sekcja, pytanie), {p.kod for p in inne}, errors)
    if pytanie is not None and "typ" not in errors:
        _sprawdz_zalezne(dane, [p for p in inne if _warunek(p) == pytanie.kod], errors)
    if errors:
        raise ValidationError(errors)
    return dane


def _wczesniejsze(wszystkie: list[PytanieSzablonu], sekcja: SekcjaSzablonu,
                  pytanie: PytanieSzablonu | None) -> dict[str, PytanieSzablonu]:
    """Questions placed before this one (a new question goes to the end of its section)."""
    earlier = {}
    for p in wszystkie:
        if pytanie is not None and p.pk == pytanie.pk:
            break
        if pytanie is None and (p.sekcja.kolejnosc, p.sekcja_id) > (sekcja.kolejnosc, sekcja.pk):
            break
        earlier[p.kod] = p
    return earlier


def _sprawdz_zalezne(dane: dict, zalezne: list[PytanieSzablonu], errors: dict) -> None:
    """A changed type or option list must still offer the answers other questions' show-if wait for."""
    nowe = PytanieSzablonu(**dane)
    for p in zalezne:
        for value in p.pokaz_jesli.get("wartosci") or []:
            try:
                services.waliduj(nowe, [value] if nowe.typ == T.WIELOKROTNY else value)
            except ValidationError:
                pole = "opcje" if nowe.typ in TYPY_Z_OPCJAMI else "typ"
                errors.setdefault(pole, []).append(
                    _("Pytanie „%(kod)s” pokazuje się przy odpowiedzi „%(wartosc)s”, której po tej zmianie nie "
                      "będzie — najpierw zmień jego warunek.") % {"kod": p.kod, "wartosc": value})


def _sprawdz_warunek(dane: dict, wczesniejsze: dict, kody: set, errors: dict) -> None:
    """Show-if: the code of an earlier question and the answers that show this one, normalised the
    way answers are stored (so the sheet compares like with like)."""
    warunek = dane["pokaz_jesli"]
    kod, wartosci = warunek.get("kod") or "", list(warunek.get("wartosci") or [])
    if not kod and not wartosci:
        dane["pokaz_jesli"] = {}
        return
    if not kod:
        errors.setdefault("pokaz_jesli_kod", []).append(_("Podaj kod pytania, od którego odpowiedzi zależy "
                                                          "wyświetlenie, albo usuń wartości."))
        return
    if kod == dane["kod"]:
        errors.setdefault("pokaz_jesli_kod", []).append(_("Pytanie nie może zależeć od samego siebie."))
        return
    zrodlo = wczesniejsze.get(kod)
    if zrodlo is None:
        if kod in kody:
            errors.setdefault("pokaz_jesli_kod", []).append(
                _("Pytanie „%(kod)s” stoi dalej w arkuszu — warunek może dotyczyć tylko pytania wcześniejszego.")
                % {"kod": kod})
        else:
            errors.setdefault("pokaz_jesli_kod", []).append(
                _("W tej wersji nie ma pytania o kodzie „%(kod)s”.") % {"kod": kod})
        return
    if not wartosci:
        errors.setdefault("pokaz_jesli_wartosci", []).append(_("Podaj co najmniej jedną odpowiedź, przy której "
                                                               "pytanie ma się pokazać."))
        return
    normalised = []
    for value in wartosci:
        try:
            if zrodlo.typ == T.WIELOKROTNY:
                value = services.waliduj(zrodlo, [value])[0]
            else:
                value = services.waliduj(zrodlo, value)
        except ValidationError as error:
            errors.setdefault("pokaz_jesli_wartosci", []).append(
                _("„%(wartosc)s” nie jest możliwą odpowiedzią na pytanie „%(kod)s”: %(blad)s")
                % {"wartosc": value, "kod": kod, "blad": " ".join(error.messages)})
            continue
        if value not in normalised:
            normalised.append(value)
    dane["pokaz_jesli"] = {"kod": kod, "wartosci": normalised}
