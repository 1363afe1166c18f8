"""The link of an adviser's remote entry (jst.WpisZdalny) to an HDR action (issue 8).

The link names the action by `klucz`, so it holds across HDR versions. Only the entry's author sets or
removes it, under the rules for editing the entry itself: jst.access_zdalne (the author, while assigned
to the JST and the edition is open) and jst.karty (never in an approved timesheet month). The action
must be in the version in force or in the newest version (the draft) of the HDR of the entry's
participation. Reads for the pages are here too, with fixed query counts."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.przeglad import StanPrzegladu
from doradztwo.services import KonfliktWersji
from hdr.models import Dzialanie, Hdr, PowiazanieWpisu, WersjaHdr
from jst.access import RolaWUdziale
from jst.access_zdalne import get_wpis_for_user, wpisy_udzialu
from jst.forms_zdalne import czas_trwania
from jst.karty import sprawdz_miesiac_otwarty
from jst.models import Udzial, WpisZdalny

# `widziane` not given: the caller saw no form (a script, a test), so there is nothing to be stale against.
NIE_PODANO = object()


def hdr_udzialu(udzial: Udzial) -> Hdr | None:
    return Hdr.objects.filter(udzial=udzial).first()


def dzialania_do_wyboru(hdr: Hdr | None) -> list[Dzialanie]:
    """The actions an entry may be linked to: those of the version in force and of the newest version,
    one per key (the version in force names it), ordered as in the plan. Two queries.

    Each action carries `z_wersji_roboczej`: the number of the newest version when the action is not
    (yet) in the version in force, else None."""
    if hdr is None:
        return []
    wersje = list(WersjaHdr.objects.filter(hdr=hdr).only("pk", "numer", "stan").order_by("-numer"))
    if not wersje:
        return []
    najnowsza = wersje[0]
    w_mocy = next((w for w in wersje if w.stan == StanPrzegladu.ZATWIERDZONA), None)
    ids = {najnowsza.pk} | ({w_mocy.pk} if w_mocy else set())
    wybrane: dict[uuid.UUID, Dzialanie] = {}
    for d in Dzialanie.objects.filter(wersja_hdr_id__in=ids).order_by("od", "kolejnosc", "pk"):
        if d.klucz not in wybrane or (w_mocy is not None and d.wersja_hdr_id == w_mocy.pk):
            wybrane[d.klucz] = d
    for d in wybrane.values():
        w_obowiazujacej = w_mocy is not None and d.wersja_hdr_id == w_mocy.pk
        d.z_wersji_roboczej = None if w_obowiazujacej else najnowsza.numer
    return sorted(wybrane.values(), key=lambda d: (d.od, d.kolejnosc, d.pk))


def dzialanie_po_kluczu(hdr: Hdr | None, klucz) -> Dzialanie | None:
    """The action with this key in the newest version that has it (a link outlives a version that
    dropped the action), with its version. One query."""
    if hdr is None or klucz is None:
        return None
    return (Dzialanie.objects.filter(wersja_hdr__hdr=hdr, klucz=klucz).select_related("wersja_hdr")
            .order_by("-wersja_hdr__numer").first())


def _opis_dzialania(hdr: Hdr | None, klucz) -> str:
    if klucz is None:
        return ""
    d = dzialanie_po_kluczu(hdr, klucz)
    return d.nazwa if d else _("działanie usunięte z HDR")


@transaction.atomic
def powiazanie_ustaw(*, wpis: WpisZdalny, klucz: uuid.UUID | None, actor,
                     widziane=NIE_PODANO) -> PowiazanieWpisu | None:
    """Link the entry to the HDR action `klucz`, or remove the link (`klucz=None`).

    `widziane` is the key the form showed (None: no link); when someone changed the link since, nothing
    is saved and KonfliktWersji carries the current link (or None). Raises PermissionDenied / Http404
    for anyone but the author who may still edit the entry, ValidationError for a locked month or an
    action outside this JST's HDR."""
    # Serialise with edits and deletion of the same entry.
    WpisZdalny.objects.select_for_update().filter(pk=wpis.pk).first()
    wpis, _role = get_wpis_for_user(actor, wpis.pk, write=True)  # the entry's own edit rule
    sprawdz_miesiac_otwarty(doradca=wpis.doradca, edycja=wpis.udzial.edycja, data=wpis.data)
    hdr = hdr_udzialu(wpis.udzial)
    if klucz is not None:
        if hdr is None:
            raise ValidationError({"dzialanie": _("Ta JST nie ma jeszcze HDR — nie ma działań, z którymi można "
                                                  "powiązać wpis.")})
        if klucz not in {d.klucz for d in dzialania_do_wyboru(hdr)}:
            raise ValidationError({"dzialanie": _("Wybierz działanie z obowiązującej lub roboczej wersji HDR "
                                                  "tej JST.")})
    istniejace = PowiazanieWpisu.objects.select_for_update().filter(wpis=wpis).first()
    teraz = istniejace.klucz if istniejace else None
    if klucz == teraz:
        return istniejace
    if widziane is not NIE_PODANO and widziane != teraz:
        raise KonfliktWersji(istniejace)
    przed = {"klucz": teraz, "dzialanie": _opis_dzialania(hdr, teraz)}
    if klucz is None:
        istniejace.delete()
        audit(actor, "wpis_zdalny.powiazanie_usun", wpis, {"przed": przed})
        return None
    if istniejace is None:
        istniejace = PowiazanieWpisu.objects.create(wpis=wpis, hdr=hdr, klucz=klucz)
    else:
        istniejace.hdr, istniejace.klucz = hdr, klucz
        istniejace.save(update_fields=["hdr", "klucz"])
    audit(actor, "wpis_zdalny.powiazanie_ustaw", wpis, {
        "przed": przed, "po": {"hdr": hdr.pk, "klucz": klucz, "dzialanie": _opis_dzialania(hdr, klucz)}})
    return istniejace


# --- reads ---------------------------------------------------------------------------------------

def _z_czasem(wpisy: list[WpisZdalny]) -> list[WpisZdalny]:
    for w in wpisy:
        w.czas = czas_trwania(w.minuty)
    return wpisy


def porady_dzialania(user, udzial: Udzial, rola: RolaWUdziale, hdr: Hdr, klucz) -> list[WpisZdalny]:
    """The remote entries linked to one action that the user may read (jst.access_zdalne.wpisy_udzialu:
    everyone in the JST, a former adviser only their own). One query whatever the count."""
    return _z_czasem(list(
        wpisy_udzialu(user, udzial, rola).filter(powiazanie_hdr__hdr=hdr, powiazanie_hdr__klucz=klucz)
        .select_related("doradca__uzytkownik").order_by("-data", "-poczatek", "-pk")))


def porady_dzialan(user, udzial: Udzial, rola: RolaWUdziale, hdr: Hdr, dzialania) -> None:
    """For a page listing several actions: attach `porady_zdalne` (as in porady_dzialania) to each.
    One query whatever the number of actions and entries."""
    po_kluczu: dict[uuid.UUID, list[WpisZdalny]] = {}
    wpisy = (wpisy_udzialu(user, udzial, rola).filter(powiazanie_hdr__hdr=hdr)
             .select_related("doradca__uzytkownik", "powiazanie_hdr").order_by("-data", "-poczatek", "-pk"))
    for w in _z_czasem(list(wpisy)):
        po_kluczu.setdefault(w.powiazanie_hdr.klucz, []).append(w)
    for d in dzialania:
        d.porady_zdalne = po_kluczu.get(d.klucz, [])


def opisz_wpisy_dzialaniami(wpisy: list[WpisZdalny]) -> None:
    """The jst.rozszerzenia.OPISY_WPISOW hook: "Działanie HDR: <name>" on each linked entry of a list,
    the name as dzialanie_po_kluczu gives it (the newest version that has the key). The action's name
    is no secret from anyone who may read the entry (its JST's team, pair and coordinators). One query
    whatever the number of entries."""
    po_wpisie = {w.pk: w for w in wpisy}
    nazwa = (Dzialanie.objects.filter(wersja_hdr__hdr=OuterRef("hdr"), klucz=OuterRef("klucz"))
             .order_by("-wersja_hdr__numer").values("nazwa")[:1])
    for wpis_id, nazwa_dzialania in (PowiazanieWpisu.objects.filter(wpis_id__in=po_wpisie)
                                     .annotate(nazwa=Subquery(nazwa)).values_list("wpis_id", "nazwa")):
        wpis = po_wpisie[wpis_id]
        wpis.dzialanie_hdr = nazwa_dzialania or _("działanie usunięte z HDR")
        wpis.opisy.append(_("Działanie HDR: %(nazwa)s") % {"nazwa": wpis.dzialanie_hdr})
