"""State changes of diagnostic sheets: templates and versions, sheets, answers (with per-answer
versions: different questions never conflict, a stale save of one question is a conflict)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diagnoza.models import (
    Arkusz,
    ArkuszEdycji,
    Odpowiedz,
    PytanieSzablonu,
    SekcjaSzablonu,
    SzablonArkusza,
    WersjaSzablonu,
)
from doradztwo.audit import audit
from doradztwo.models import Obszar
from doradztwo.przeglad import zablokowany

T = PytanieSzablonu.Typ


class KonfliktOdpowiedzi(Exception):
    """The answer changed since the user's copy: nothing saved; `aktualna` holds the other value."""

    def __init__(self, aktualna: Odpowiedz):
        super().__init__("stale answer")
        self.aktualna = aktualna


# --- Templates ------------------------------------------------------------------------------


@transaction.atomic
def szablon_utworz_z_danych(*, dane: dict, skala: list, actor=None, opublikuj: bool = True) -> WersjaSzablonu:
    """Create a template and its first version from data (`diagnoza/szablon_dane.py` shape)."""
    szablon = SzablonArkusza.objects.create(nazwa=dane["nazwa"], opis=dane.get("opis", ""))
    wersja = WersjaSzablonu.objects.create(szablon=szablon, numer=1, utworzyl=actor)
    obszary = {o.kod: o for o in Obszar.objects.all()}
    opcje = [[value, label] for value, label in skala]
    for i, sekcja in enumerate(dane["sekcje"], start=1):
        s = SekcjaSzablonu.objects.create(wersja=wersja, kolejnosc=i, tytul=sekcja["tytul"],
                                          opis=sekcja.get("opis", ""), obszar=obszary.get(sekcja.get("obszar")))
        PytanieSzablonu.objects.bulk_create([
            PytanieSzablonu(sekcja=s, kolejnosc=j, kod=p["kod"], tresc=p["tresc"], pomoc=p.get("pomoc", ""),
                            typ=T.SKALA, opcje=opcje)
            for j, p in enumerate(sekcja["pytania"], start=1)
        ])
    if opublikuj:
        wersja.stan, wersja.opublikowana = WersjaSzablonu.Stan.OPUBLIKOWANA, timezone.now()
        wersja.save(update_fields=["stan", "opublikowana"])
    if actor is not None:
        audit(actor, "szablon.utworzony", szablon, {"wersja": wersja.numer})
    return wersja


@transaction.atomic
def wersja_nowa(*, wersja: WersjaSzablonu, actor) -> WersjaSzablonu:
    """A new draft copied from `wersja`: editing never changes a version sheets already use."""
    numer = (WersjaSzablonu.objects.filter(szablon=wersja.szablon).order_by("-numer").values_list("numer", flat=True)
             .first() or 0) + 1
    nowa = WersjaSzablonu.objects.create(szablon=wersja.szablon, numer=numer, utworzyl=actor)
    for sekcja in wersja.sekcje.prefetch_related("pytania"):
        kopia = SekcjaSzablonu.objects.create(wersja=nowa, kolejnosc=sekcja.kolejnosc, tytul=sekcja.tytul,
                                              opis=sekcja.opis, obszar=sekcja.obszar)
        PytanieSzablonu.objects.bulk_create([
            PytanieSzablonu(sekcja=kopia, **{f.name: getattr(p, f.name) for f in PytanieSzablonu._meta.concrete_fields
                                             if f.name not in ("id", "sekcja")})
            for p in sekcja.pytania.all()
        ])
    audit(actor, "szablon.wersja_utworzona", nowa, {"z_wersji": wersja.numer})
    return nowa


@transaction.atomic
def wersja_opublikuj(*, wersja: WersjaSzablonu, actor) -> WersjaSzablonu:
    wersja = WersjaSzablonu.objects.select_for_update().get(pk=wersja.pk)
    if wersja.stan == WersjaSzablonu.Stan.OPUBLIKOWANA:
        raise ValidationError(_("Ta wersja jest już opublikowana."))
    if not PytanieSzablonu.objects.filter(sekcja__wersja=wersja).exists():
        raise ValidationError(_("Wersja nie ma żadnego pytania."))
    wersja.stan, wersja.opublikowana = WersjaSzablonu.Stan.OPUBLIKOWANA, timezone.now()
    wersja.save(update_fields=["stan", "opublikowana"])
    audit(actor, "szablon.wersja_opublikowana", wersja, {"numer": wersja.numer})
    return wersja


@transaction.atomic
def edycja_ustaw_wersje(*, edycja, wersja: WersjaSzablonu, actor) -> ArkuszEdycji:
    """Freeze the template version an edition uses (only a published one; not once sheets exist)."""
    if wersja.stan != WersjaSzablonu.Stan.OPUBLIKOWANA:
        raise ValidationError(_("Edycja może używać tylko opublikowanej wersji szablonu."))
    obecny = ArkuszEdycji.objects.select_for_update().filter(edycja=edycja).first()
    if obecny and obecny.wersja_id != wersja.pk and Arkusz.objects.filter(udzial__edycja=edycja).exists():
        raise ValidationError(_("Zespoły już wypełniają arkusze tej edycji — wersji nie można zmienić."))
    wybor, _created = ArkuszEdycji.objects.update_or_create(edycja=edycja, defaults={"wersja": wersja})
    audit(actor, "edycja.wersja_arkusza", edycja, {"wersja": wersja.pk})
    return wybor


# --- Sheets and answers ---------------------------------------------------------------------


@transaction.atomic
def arkusz_zaloz(*, udzial, czlonek=None, actor) -> Arkusz:
    """The participation's sheet with the edition's frozen template version (created once)."""
    istniejacy = Arkusz.objects.filter(udzial=udzial, czlonek=czlonek).first()
    if istniejacy:
        return istniejacy
    if czlonek is not None:
        # Individual mode: the shared row holds the review state and the frozen version; the member's
        # copy holds their answers and always uses the same version.
        if czlonek.udzial_id != udzial.pk:
            raise ValidationError(_("Ta osoba nie należy do zespołu tej JST."))
        wersja = arkusz_zaloz(udzial=udzial, actor=actor).wersja_szablonu
    else:
        wybor = ArkuszEdycji.objects.filter(edycja=udzial.edycja).select_related("wersja").first()
        if wybor is None:
            raise ValidationError(_("Koordynator nie wybrał jeszcze szablonu arkusza dla tej edycji."))
        wersja = wybor.wersja
    try:
        with transaction.atomic():
            arkusz = Arkusz.objects.create(udzial=udzial, czlonek=czlonek, wersja_szablonu=wersja)
    except IntegrityError:  # two members opened the sheet at once
        return Arkusz.objects.get(udzial=udzial, czlonek=czlonek)
    audit(actor, "arkusz.zalozony", arkusz, {"udzial": udzial.pk})
    return arkusz


def waliduj(pytanie: PytanieSzablonu, wartosc, nie_wiem: bool = False):
    """The normalised value of an answer, or ValidationError with a message for the field."""
    if nie_wiem:
        if not pytanie.nie_wiem:
            raise ValidationError(_("To pytanie nie ma odpowiedzi „nie dotyczy / nie wiem”."))
        return None
    if wartosc in (None, "", []):
        return None  # clearing an answer is allowed while the sheet is open
    dozwolone = {str(v) for v, _label in pytanie.opcje}
    if pytanie.typ in (T.SKALA, T.JEDNOKROTNY):
        if str(wartosc) not in dozwolone:
            raise ValidationError(_("Wybierz jedną z podanych odpowiedzi."))
        return int(wartosc) if str(wartosc).lstrip("-").isdigit() else str(wartosc)
    if pytanie.typ == T.WIELOKROTNY:
        values = wartosc if isinstance(wartosc, list) else [wartosc]
        if not all(str(v) in dozwolone for v in values):
            raise ValidationError(_("Wybierz odpowiedzi z listy."))
        return sorted({str(v) for v in values})
    if pytanie.typ == T.TAK_NIE:
        if str(wartosc).lower() not in ("tak", "nie"):
            raise ValidationError(_("Wybierz „tak” albo „nie”."))
        return str(wartosc).lower()
    if pytanie.typ == T.LICZBA:
        try:
            number = Decimal(str(wartosc).replace(",", ".").replace("\xa0", "").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError(_("Wpisz liczbę, np. 12,5.")) from None
        if not number.is_finite():
            raise ValidationError(_("Wpisz liczbę, np. 12,5."))
        if pytanie.minimum is not None and number < pytanie.minimum:
            raise ValidationError(_("Liczba nie może być mniejsza niż %(min)s.") % {"min": pytanie.minimum})
        if pytanie.maksimum is not None and number > pytanie.maksimum:
            raise ValidationError(_("Liczba nie może być większa niż %(max)s.") % {"max": pytanie.maksimum})
        return str(number)
    if pytanie.typ == T.DATA:
        text = str(wartosc).strip()
        for parse in (datetime.date.fromisoformat, lambda t: datetime.datetime.strptime(t, "%d.%m.%Y").date()):
            try:
                return parse(text).isoformat()  # the date picker sends ISO; typed Polish dates work too
            except ValueError:
                continue
        raise ValidationError(_("Wpisz datę w formacie dd.mm.rrrr."))
    text = str(wartosc).strip()
    limit = 300 if pytanie.typ == T.TEKST_KROTKI else 10000
    if len(text) > limit:
        raise ValidationError(_("Tekst może mieć najwyżej %(n)d znaków.") % {"n": limit})
    return text


@transaction.atomic
def odpowiedz_zapisz(*, arkusz: Arkusz, pytanie: PytanieSzablonu, wartosc, nie_wiem: bool = False,
                     wersja: int, actor) -> Odpowiedz:
    """Save one answer. `wersja` is the answer version the user's copy started from (0 = it had none).
    A stale version raises KonfliktOdpowiedzi with the other value, author and time; nothing is saved."""
    arkusz = Arkusz.objects.select_for_update().get(pk=arkusz.pk)
    # A member's copy (individual mode) is locked by the shared row's review state.
    stan = arkusz.stan if arkusz.czlonek_id is None else (
        Arkusz.objects.select_for_update().filter(udzial_id=arkusz.udzial_id, czlonek__isnull=True)
        .values_list("stan", flat=True).first() or arkusz.stan)
    if zablokowany(stan):
        raise ValidationError(_("Arkusz jest złożony — zmiany są zablokowane, dopóki koordynator go nie otworzy."))
    if pytanie.sekcja.wersja_id != arkusz.wersja_szablonu_id:
        raise ValidationError(_("To pytanie nie należy do tego arkusza."))
    value = waliduj(pytanie, wartosc, nie_wiem)
    current = Odpowiedz.objects.select_for_update().filter(arkusz=arkusz, pytanie=pytanie).first()
    if current is None:
        if wersja not in (0, None):
            raise ValidationError(_("Odpowiedź nie istnieje — odśwież stronę."))
        current = Odpowiedz(arkusz=arkusz, pytanie=pytanie, wartosc=value, nie_wiem=nie_wiem, autor=actor)
        current._history_user = actor
        current.save()
        return current
    if wersja != current.wersja:
        if current.wartosc == value and current.nie_wiem == nie_wiem:
            return current  # the same value typed twice (e.g. resent from the browser): no conflict
        raise KonfliktOdpowiedzi(current)
    if current.wartosc == value and current.nie_wiem == nie_wiem:
        return current
    current.wartosc, current.nie_wiem, current.autor = value, nie_wiem, actor
    current.wersja += 1
    current._history_user = actor
    current.save(update_fields=["wartosc", "nie_wiem", "autor", "wersja", "zmieniona"])
    return current


@transaction.atomic
def arkusz_zmien_stan(*, arkusz: Arkusz, akcja: str, powod: str = "", actor) -> Arkusz:
    """Submit (the leader: every required question answered), return with a reason, approve,
    reopen with a reason — through the review-state helper, audited and notified."""
    from django.conf import settings
    from django.utils.translation import override

    from doradztwo.przeglad import PRZEGLAD, zmien_stan
    from jst.access import active_assignment_q
    from jst.models import PrzydzialDoradcy
    from jst.services import _zablokuj, udzial_przesun_etap

    udzial = _zablokuj(arkusz.udzial)
    if arkusz.czlonek_id is not None:
        raise ValidationError(_("Składa się arkusz całego zespołu, nie kopię jednej osoby."))
    if akcja == "zloz":
        if indywidualny(arkusz):
            braki = brakujace_czlonkow(arkusz)
            if braki:
                raise ValidationError(_("Nie wszyscy członkowie zespołu odpowiedzieli na wymagane pytania: %(lista)s.")
                                      % {"lista": "; ".join(
                                          _("%(osoba)s — brakujące odpowiedzi: %(n)d") % {"osoba": osoba, "n": n}
                                          for osoba, n in braki)})
        brakujace = [] if indywidualny(arkusz) else brakujace_odpowiedzi(arkusz)
        if brakujace:
            raise ValidationError(ngettext(
                "Brakuje odpowiedzi na %(n)d wymagane pytanie: „%(p)s”.",
                "Brakuje odpowiedzi na %(n)d wymagane pytania (np. „%(p)s”).", len(brakujace),
            ) % {"n": len(brakujace), "p": brakujace[0].tresc[:80]})
        odbiorcy = list(udzial.edycja.koordynatorzy.all()) + [
            p.doradca.uzytkownik for p in PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial=udzial)
            .select_related("doradca__uzytkownik")]
    else:
        lider = udzial.zespol.filter(aktywny=True, lider=True).select_related("uzytkownik").first()
        odbiorcy = [m.uzytkownik for m in udzial.zespol.filter(aktywny=True).select_related("uzytkownik")] \
            if lider is None else [lider.uzytkownik]
    with override(settings.LANGUAGE_CODE):
        tytul = {
            "zloz": _("Arkusz diagnostyczny %(jst)s złożony"),
            "zwroc": _("Arkusz diagnostyczny %(jst)s zwrócony do uzupełnienia"),
            "zatwierdz": _("Arkusz diagnostyczny %(jst)s zatwierdzony"),
            "otworz": _("Arkusz diagnostyczny %(jst)s otwarty ponownie"),
        }.get(akcja, "") % {"jst": udzial.jst.nazwa_pelna}
    from django.urls import reverse

    zmien_stan(arkusz, przejscia=PRZEGLAD, akcja=akcja, pole="stan", actor=actor, nazwa="arkusz", powod=powod,
               odbiorcy=odbiorcy, tytul=tytul, link=reverse("diagnoza:arkusz", args=[udzial.pk]))
    if akcja == "zloz":
        udzial_przesun_etap(udzial=udzial, etap="arkusz_zlozony", actor=actor, powod=_("Arkusz diagnostyczny złożony"))
    arkusz.refresh_from_db()
    return arkusz


def indywidualny(arkusz: Arkusz) -> bool:
    """Individual mode: each member answers their own copy (the template's mode, frozen by version)."""
    return arkusz.wersja_szablonu.szablon.tryb == SzablonArkusza.Tryb.INDYWIDUALNY


def brakujace_czlonkow(arkusz: Arkusz) -> list[tuple[str, int]]:
    """Individual mode: (active member, number of required questions they have not answered)."""
    from jst.models import CzlonekZespolu

    pytania = _pytania(arkusz.wersja_szablonu_id)
    kopie = {a.czlonek_id: a for a in Arkusz.objects.filter(udzial_id=arkusz.udzial_id, czlonek__isnull=False)}
    braki = []
    for czlonek in (CzlonekZespolu.objects.filter(udzial_id=arkusz.udzial_id, aktywny=True)
                    .select_related("uzytkownik").order_by("uzytkownik__last_name", "uzytkownik__first_name")):
        kopia = kopie.get(czlonek.pk)
        answers = {o.pytanie_id: o for o in Odpowiedz.objects.filter(arkusz=kopia)} if kopia else {}
        n = len(_brakujace(pytania, answers))
        if n:
            braki.append((str(czlonek.uzytkownik), n))
    return braki


def _pytania(wersja_id) -> list[PytanieSzablonu]:
    return list(PytanieSzablonu.objects.filter(sekcja__wersja_id=wersja_id).order_by("sekcja__kolejnosc", "kolejnosc"))


def _pokazane(warunek: dict, cond) -> bool:
    """Show-if: the question with code `kod` has (one of) `wartosci`; a multiple-choice answer counts
    when any of its values is listed."""
    if cond is None or cond.nie_wiem:
        return False
    allowed = {str(v) for v in warunek.get("wartosci", [])}
    values = cond.wartosc if isinstance(cond.wartosc, list) else [cond.wartosc]
    return any(str(v) in allowed for v in values if v is not None)


def brakujace_odpowiedzi(arkusz: Arkusz) -> list[PytanieSzablonu]:
    """Required questions without an answer (questions hidden by show-if are not required)."""
    answers = {o.pytanie_id: o for o in Odpowiedz.objects.filter(arkusz=arkusz)}
    return _brakujace(_pytania(arkusz.wersja_szablonu_id), answers)


def _brakujace(pytania, answers) -> list[PytanieSzablonu]:
    by_code = {p.kod: answers.get(p.pk) for p in pytania}
    missing = []
    for p in pytania:
        warunek = p.pokaz_jesli or {}
        if warunek.get("kod") and not _pokazane(warunek, by_code.get(warunek["kod"])):
            continue
        o = answers.get(p.pk)
        if p.wymagane and (o is None or (o.wartosc in (None, "", []) and not o.nie_wiem)):
            missing.append(p)
    return missing
