"""Comment threads on a section of any object of a participation (CONVENTIONS §1, §4).

A thread is a root comment (`watek` None) with its replies; a reply shares the thread's object,
section and privacy. Private threads are seen by the adviser pair and the edition's coordinators,
never by the JST team — not in pages, counts or notifications.

`rola` arguments are a `jst.access.RolaWUdziale`; jst is imported inside functions only
(doradztwo ← jst).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.models import Komentarz
from doradztwo.powiadomienia import powiadom

MAKS_DLUGOSC = 5000
RODZAJ_POWIADOMIENIA = "komentarz.nowy"  # optional kind: may be switched off once preferences exist


def _rola(user, udzial):
    from jst.access import role_in

    return role_in(user, udzial)


def _rola_do_zapisu(user, udzial):
    rola = _rola(user, udzial)
    if rola is None or not rola.can_write:
        raise PermissionDenied
    return rola


def _tresc(tresc: str) -> str:
    tresc = (tresc or "").strip()
    if not tresc:
        raise ValidationError({"tresc": _("Wpisz treść komentarza.")})
    if len(tresc) > MAKS_DLUGOSC:
        raise ValidationError({"tresc": _("Komentarz może mieć najwyżej %(n)d znaków (ma %(m)d).") % {
            "n": MAKS_DLUGOSC, "m": len(tresc)}})
    return tresc


def _nalezy_do_udzialu(obiekt, udzial) -> bool:
    if obiekt._meta.label_lower == "jst.udzial":
        return obiekt.pk == udzial.pk
    return getattr(obiekt, "udzial_id", udzial.pk) == udzial.pk


@transaction.atomic
def komentarz_dodaj(*, obiekt=None, udzial, sekcja: str = "", tresc: str, prywatny: bool = False, autor,
                    watek: Komentarz | None = None, link: str = "") -> Komentarz:
    """A new thread on `obiekt`'s `sekcja`, or (with `watek`) a reply in that thread, whose object,
    section and privacy it takes. The team may not write or answer private comments. `link`: the page
    the notification points to (default: the participation's comments page)."""
    tresc = _tresc(tresc)
    rola = _rola_do_zapisu(autor, udzial)
    if watek is not None:
        watek = watek.watek or watek  # one level of replies: answering a reply answers its thread
        if watek.udzial_id != udzial.pk:
            raise PermissionDenied
        typ_obiektu, id_obiektu, sekcja, prywatny = watek.typ_obiektu, watek.id_obiektu, watek.sekcja, watek.prywatny
    else:
        if obiekt is None:
            raise ValueError("A new thread needs the commented object.")
        if not _nalezy_do_udzialu(obiekt, udzial):
            raise PermissionDenied
        typ_obiektu, id_obiektu = ContentType.objects.get_for_model(obiekt), str(obiekt.pk)
    if prywatny and not rola.widzi_notatki_doradcow:
        raise PermissionDenied  # the team neither writes nor answers advisers' private notes
    komentarz = Komentarz.objects.create(
        typ_obiektu=typ_obiektu, id_obiektu=id_obiektu, sekcja=sekcja[:100], udzial=udzial, watek=watek,
        autor=autor, tresc=tresc, prywatny=prywatny,
    )
    audit(autor, "komentarz.dodany", komentarz, {
        "udzial": udzial.pk, "sekcja": sekcja, "prywatny": prywatny, "watek": watek.pk if watek else None})
    _powiadom_druga_strone(komentarz, rola, link)
    return komentarz


def _powiadom_druga_strone(komentarz: Komentarz, rola, link: str) -> None:
    """The team ↔ advisers and coordinators. A private comment goes to the pair and the coordinators
    only, never to anyone in the team."""
    from jst.access import active_assignment_q

    udzial = komentarz.udzial
    User = get_user_model()
    team = User.objects.filter(czlonkostwa__udzial=udzial, czlonkostwa__aktywny=True)
    staff = User.objects.filter(
        Q(doradca__przydzialy__in=udzial.przydzialy.filter(active_assignment_q()))
        | Q(koordynowane_edycje=udzial.edycja_id)
    )
    if komentarz.prywatny:
        odbiorcy = staff.exclude(pk__in=team.values("pk"))
    elif rola.w_zespole:
        odbiorcy = staff
    else:
        odbiorcy = team
    odbiorcy = odbiorcy.exclude(pk=komentarz.autor_id).distinct().order_by("pk")
    watek_id = komentarz.watek_id or komentarz.pk
    link = link or reverse("jst:komentarze", args=[udzial.pk])
    link = f"{link}#komentarz-{watek_id}" if "#" not in link else link
    jst = udzial.jst.nazwa_pelna
    if komentarz.watek_id:
        tytul = _("Nowa odpowiedź w komentarzach: %(jst)s") % {"jst": jst}
    else:
        tytul = _("Nowy komentarz: %(jst)s") % {"jst": jst}
    fragment = komentarz.tresc if len(komentarz.tresc) <= 300 else komentarz.tresc[:300].rstrip() + "…"
    tresc = _("%(autor)s napisał(a): %(tresc)s") % {"autor": komentarz.autor, "tresc": fragment}
    if komentarz.prywatny:
        tresc = _("Komentarz tylko dla doradców i koordynatorów.") + "\n" + tresc
    powiadom(odbiorcy=odbiorcy, rodzaj=RODZAJ_POWIADOMIENIA, tytul=tytul, tresc=tresc, link=link)


def _watek_do_zmiany(komentarz: Komentarz, actor) -> Komentarz:
    if komentarz.watek_id is not None:
        raise ValidationError(_("Rozwiązać lub otworzyć można tylko cały wątek, nie pojedynczą odpowiedź."))
    rola = _rola_do_zapisu(actor, komentarz.udzial)
    if komentarz.prywatny and not rola.widzi_notatki_doradcow:
        raise PermissionDenied
    return Komentarz.objects.select_for_update().get(pk=komentarz.pk)


@transaction.atomic
def komentarz_rozwiaz(*, komentarz: Komentarz, actor) -> Komentarz:
    """Mark a thread resolved (who and when); resolving a resolved thread changes nothing."""
    watek = _watek_do_zmiany(komentarz, actor)
    if watek.rozwiazany:
        return watek
    watek.rozwiazany, watek.rozwiazal, watek.rozwiazany_kiedy = True, actor, timezone.now()
    watek.save(update_fields=["rozwiazany", "rozwiazal", "rozwiazany_kiedy"])
    audit(actor, "komentarz.rozwiazany", watek, {"udzial": watek.udzial_id})
    return watek


@transaction.atomic
def komentarz_otworz(*, komentarz: Komentarz, actor) -> Komentarz:
    """Reopen a resolved thread; an open thread stays as it is."""
    watek = _watek_do_zmiany(komentarz, actor)
    if not watek.rozwiazany:
        return watek
    watek.rozwiazany, watek.rozwiazal, watek.rozwiazany_kiedy = False, None, None
    watek.save(update_fields=["rozwiazany", "rozwiazal", "rozwiazany_kiedy"])
    audit(actor, "komentarz.otwarty", watek, {"udzial": watek.udzial_id})
    return watek


# --- Reads ----------------------------------------------------------------------------------


def _widoczne(qs: QuerySet[Komentarz], rola) -> QuerySet[Komentarz]:
    return qs if rola.widzi_notatki_doradcow else qs.filter(prywatny=False)


def watki(obiekt, sekcja: str | None, *, rola) -> QuerySet[Komentarz]:
    """The threads of `obiekt`'s `sekcja` (None: of every section) the role may see, oldest first,
    replies prefetched (two queries whatever the number of threads and replies)."""
    odpowiedzi = _widoczne(Komentarz.objects.select_related("autor"), rola).order_by("utworzony", "pk")
    qs = Komentarz.objects.filter(
        typ_obiektu=ContentType.objects.get_for_model(obiekt), id_obiektu=str(obiekt.pk), watek__isnull=True,
    )
    if sekcja is not None:
        qs = qs.filter(sekcja=sekcja)
    return (
        _widoczne(qs, rola).select_related("autor", "rozwiazal")
        .prefetch_related(Prefetch("odpowiedzi", queryset=odpowiedzi))
        .order_by("utworzony", "pk")
    )


def liczba_nierozwiazanych(udzial, rola) -> int:
    """Unresolved threads of the participation (all its objects) that the role may see."""
    return _widoczne(Komentarz.objects.filter(udzial=udzial, watek__isnull=True, rozwiazany=False), rola).count()


def get_komentarz_for_role(udzial, pk, *, rola) -> Komentarz:
    """A comment fetched through its participation: another JST's comment, or a private one asked
    for by the team, is 404 — the same answer as one that does not exist."""
    qs = _widoczne(Komentarz.objects.filter(udzial=udzial), rola).select_related("udzial__edycja", "watek")
    return get_object_or_404(qs, pk=pk)
