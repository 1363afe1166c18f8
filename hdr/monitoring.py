"""Monitoring of an HDR's implementation: dated progress updates per action (not versioned), the
current status of each action, overdue actions, and the coordinator's view across an edition."""

import datetime
from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, Postep, StatusDzialania, WersjaHdr

ZAKONCZONE = frozenset({StatusDzialania.ZREALIZOWANE, StatusDzialania.ANULOWANE})


def obowiazujaca(hdr: Hdr) -> WersjaHdr | None:
    """The version in force: the newest approved one."""
    return hdr.wersje.filter(stan="zatwierdzona").order_by("-numer").first()


def czy_opoznione(koniec: datetime.date, status: str, dzis: datetime.date | None = None) -> bool:
    """Overdue is computed, never stored: the end has passed and the action is neither done nor cancelled."""
    return koniec < (dzis or timezone.localdate()) and status not in ZAKONCZONE


def _liczba_procent(value) -> int:
    try:
        number = int(str(value).strip().rstrip("%").strip())
    except (TypeError, ValueError):
        raise ValidationError({"postep": _("Podaj postęp jako liczbę od 0 do 100.")}) from None
    if not 0 <= number <= 100:
        raise ValidationError({"postep": _("Podaj postęp jako liczbę od 0 do 100.")})
    return number


@transaction.atomic
def postep_dodaj(*, hdr: Hdr, dzialanie: Dzialanie, data, status: str, postep, wartosc_aktualna: str = "",
                 notatka: str = "", dowod=None, actor) -> Postep:
    """Record a dated progress update of an action of the version in force; it sets the action's
    current status. The first update on an approved HDR moves `etap` to `wdrazanie`."""
    from jst.services import _zablokuj, udzial_przesun_etap

    udzial = _zablokuj(hdr.udzial)
    wersja = obowiazujaca(hdr)
    if wersja is None:
        raise ValidationError(_("Postępy zapisuje się po zatwierdzeniu HDR."))
    if dzialanie.wersja_hdr_id != wersja.pk:
        raise ValidationError(_("To działanie nie należy do obowiązującej wersji HDR."))
    errors = {}
    if not isinstance(data, datetime.date):
        errors["data"] = [_("Podaj datę w formacie dd.mm.rrrr.")]
    elif data > timezone.localdate():
        errors["data"] = [_("Data postępu nie może być z przyszłości.")]
    if status not in StatusDzialania.values:
        errors["status"] = [_("Wybierz status z listy.")]
    try:
        procent = _liczba_procent(postep)
    except ValidationError as e:
        errors.update(e.message_dict)
        procent = 0
    if status == StatusDzialania.ZREALIZOWANE and procent != 100 and "postep" not in errors:
        errors["postep"] = [_("Zrealizowane działanie ma postęp 100%.")]
    wartosc_aktualna = (wartosc_aktualna or "").strip()
    notatka = (notatka or "").replace("\x00", "").strip()
    if len(wartosc_aktualna) > 100:
        errors["wartosc_aktualna"] = [_("Tekst może mieć najwyżej %(n)d znaków.") % {"n": 100}]
    if len(notatka) > 5000:
        errors["notatka"] = [_("Tekst może mieć najwyżej %(n)d znaków.") % {"n": 5000}]
    if errors:
        raise ValidationError(errors)
    stored = None
    if dowod is not None:
        from doradztwo.pliki import plik_dodaj

        stored = plik_dodaj(udzial=udzial, plik=dowod, rodzaj="dokument", opis=_("Dowód postępu: %(d)s")
                            % {"d": dzialanie.nazwa[:200]}, actor=actor)
    wpis = Postep(hdr=hdr, klucz=dzialanie.klucz, data=data, status=status, postep=procent,
                  wartosc_aktualna=wartosc_aktualna, notatka=notatka, dowod=stored, autor=actor)
    wpis._history_user = actor
    wpis.save()
    # The current status follows the newest update by date (an older update typed later changes nothing).
    najnowszy = Postep.objects.filter(hdr=hdr, klucz=dzialanie.klucz).order_by("-data", "-pk").first()
    monitoring, _created = MonitoringDzialania.objects.select_for_update().get_or_create(
        hdr=hdr, klucz=dzialanie.klucz)
    monitoring.status, monitoring.postep = najnowszy.status, najnowszy.postep
    monitoring.wartosc_aktualna = najnowszy.wartosc_aktualna
    monitoring.wersja += 1
    monitoring.save(update_fields=["status", "postep", "wartosc_aktualna", "wersja", "zmieniony"])
    audit(actor, "hdr.postep", hdr, {"dzialanie": str(dzialanie.klucz), "status": status, "postep": procent})
    udzial_przesun_etap(udzial=udzial, etap="wdrazanie", actor=actor, powod=_("Pierwszy postęp wdrażania HDR"))
    return wpis


def stan_dzialan(hdr: Hdr, dzialania, dzis: datetime.date | None = None) -> None:
    """Attach `status`, `status_etykieta`, `postep`, `wartosc_aktualna`, `opoznione` and `postepy` (newest
    first) to each action of `dzialania` (one HDR). Two queries."""
    dzis = dzis or timezone.localdate()
    stany = {m.klucz: m for m in MonitoringDzialania.objects.filter(hdr=hdr)}
    wpisy = defaultdict(list)
    for p in Postep.objects.filter(hdr=hdr).select_related("autor", "dowod").order_by("-data", "-pk"):
        wpisy[p.klucz].append(p)
    etykiety = dict(StatusDzialania.choices)
    for d in dzialania:
        m = stany.get(d.klucz)
        d.status = m.status if m else StatusDzialania.PLANOWANE
        d.status_etykieta = etykiety[d.status]
        d.postep = m.postep if m else 0
        d.wartosc_aktualna = m.wartosc_aktualna if m else ""
        d.opoznione = czy_opoznione(d.do, d.status, dzis)
        d.postepy = wpisy.get(d.klucz, [])


def udzialy_edycji(edycja):
    """The coordinator's view lists the edition's participations by JST name; the view paginates them."""
    from jst.models import Udzial
    from jst.selectors import polish_order

    return Udzial.objects.filter(edycja=edycja).select_related("jst").order_by(polish_order("jst__nazwa"), "pk")


def _wersje_w_mocy(edycja):
    """The versions in force of the edition's HDRs (one per HDR at most: its newest approved)."""
    return WersjaHdr.objects.filter(hdr__udzial__edycja=edycja, stan="zatwierdzona").exclude(Exists(
        WersjaHdr.objects.filter(hdr=OuterRef("hdr"), stan="zatwierdzona", numer__gt=OuterRef("numer"))))


def przeglad_edycji(udzialy, dzis: datetime.date | None = None) -> list[dict]:
    """The coordinator's view, one row per given participation (one page of `udzialy_edycji`): its HDR
    state (the newest version's), the version in force, actions done / late / all. Four queries
    whatever the size of the edition."""
    dzis = dzis or timezone.localdate()
    udzialy = list(udzialy)
    hdry = {h.udzial_id: h for h in Hdr.objects.filter(udzial__in=[u.pk for u in udzialy])}
    wersje = defaultdict(list)
    for w in WersjaHdr.objects.filter(hdr__in=list(hdry.values())).order_by("numer"):
        wersje[w.hdr_id].append(w)
    w_mocy = {hid: max((w for w in lista if w.stan == "zatwierdzona"), key=lambda w: w.numer, default=None)
              for hid, lista in wersje.items()}
    ids = [w.pk for w in w_mocy.values() if w is not None]
    dzialania = defaultdict(list)
    for d in Dzialanie.objects.filter(wersja_hdr_id__in=ids).only("wersja_hdr_id", "klucz", "do"):
        dzialania[d.wersja_hdr_id].append(d)
    stany = {(m.hdr_id, m.klucz): m.status
             for m in MonitoringDzialania.objects.filter(hdr__in=list(hdry.values())).only("hdr_id", "klucz", "status")}
    etykiety = {"robocza": _("w przygotowaniu"), "zlozona": _("złożony do akceptacji"),
                "zwrocona": _("zwrócony do poprawy"), "zatwierdzona": _("zatwierdzony")}
    wiersze = []
    for u in udzialy:
        hdr = hdry.get(u.pk)
        row = {"udzial": u, "hdr": hdr, "stan": _("brak HDR"), "w_mocy": None, "wszystkie": 0, "zrealizowane": 0,
               "opoznione": 0, "wersji": 0}
        if hdr is not None:
            lista = wersje.get(hdr.pk, [])
            najnowsza = lista[-1] if lista else None
            row["wersji"] = len(lista)
            row["stan"] = etykiety.get(najnowsza.stan, najnowsza.stan) if najnowsza else _("brak HDR")
            row["w_mocy"] = w_mocy.get(hdr.pk)
            for d in dzialania.get(row["w_mocy"].pk, []) if row["w_mocy"] else []:
                status = stany.get((hdr.pk, d.klucz), StatusDzialania.PLANOWANE)
                row["wszystkie"] += 1
                row["zrealizowane"] += status == StatusDzialania.ZREALIZOWANE
                row["opoznione"] += czy_opoznione(d.do, status, dzis)
        wiersze.append(row)
    return wiersze


def podsumowanie_edycji(edycja, dzis: datetime.date | None = None, n_narzedzi: int = 10) -> tuple[dict, list]:
    """The whole edition in SQL, by the same rules as the rows: (totals, tools). Totals: HDRs started and
    in force, actions of the versions in force done / late / all; tools: the `n_narzedzi` catalogue
    tools most used by those actions, (tool, actions), ties by name. Two queries.

    One pass over the actions in force, grouped by their list of tools (a few combinations of the
    catalogue, not one row per action): the totals are the sums of the groups, the tools are counted
    here. The status lives on `MonitoringDzialania` (HDR, action key); an action without one is planned."""
    dzis = dzis or timezone.localdate()
    razem = Hdr.objects.filter(udzial__edycja=edycja).aggregate(
        z_hdr=Count("pk", distinct=True), w_mocy=Count("pk", filter=Q(wersje__stan="zatwierdzona"), distinct=True))
    razem.update(wszystkie=0, zrealizowane=0, opoznione=0)
    licznik = Counter()
    grupy = (
        Dzialanie.objects.filter(wersja_hdr__in=_wersje_w_mocy(edycja))
        .annotate(stan=FilteredRelation("wersja_hdr__hdr__monitoring",
                                        condition=Q(wersja_hdr__hdr__monitoring__klucz=F("klucz"))))
        .order_by().values("narzedzia")
        .annotate(wszystkie=Count("pk"),
                  zrealizowane=Count("pk", filter=Q(stan__status=StatusDzialania.ZREALIZOWANE)),
                  # `czy_opoznione` in SQL: no status row means planned, hence late once past its end
                  opoznione=Count("pk", filter=Q(do__lt=dzis) & ~Q(stan__status__in=ZAKONCZONE, stan__isnull=False)))
    )
    for grupa in grupy:
        for klucz in ("wszystkie", "zrealizowane", "opoznione"):
            razem[klucz] += grupa[klucz]
        for t in grupa["narzedzia"] or []:
            if t:
                licznik[t] += grupa["wszystkie"]
    return razem, sorted(licznik.items(), key=lambda p: (-p[1], str(p[0])))[:n_narzedzi]
