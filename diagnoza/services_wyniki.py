"""The area choice: the team (its leader) or a coordinator records the one area to work on, with a
justification, after the sheet is submitted. Suggestions never choose; this is the only way in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from diagnoza.models import Arkusz, WyborObszaru
from diagnoza.wyniki import arkusz_zlozony
from doradztwo.audit import audit
from doradztwo.models import Obszar
from doradztwo.services import KonfliktWersji
from jst.models import Udzial

MIN_UZASADNIENIE = 20


def _odbiorcy(udzial: Udzial, actor) -> list:
    """The participation's current advisers and the edition's coordinators (not the one who chose)."""
    from jst.access import active_assignment_q
    from jst.models import PrzydzialDoradcy

    doradcy = [p.doradca.uzytkownik for p in PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial=udzial)
               .select_related("doradca__uzytkownik").order_by("rola", "pk")]
    koordynatorzy = list(udzial.edycja.koordynatorzy.order_by("pk"))
    return [u for u in doradcy + koordynatorzy if u.pk != actor.pk]


@transaction.atomic
def obszar_wybierz(*, udzial: Udzial, obszar: Obszar, uzasadnienie: str, actor, wersja: int | None) -> WyborObszaru:
    """Record (or change) the participation's chosen area. `wersja` is the choice's version the form was
    opened with (0 = there was none); a stale one raises KonfliktWersji with the saved choice and saves
    nothing. Moves `etap` to `obszar_wybrany` (never backwards) and tells the advisers and coordinators."""
    from jst.services import _zablokuj, udzial_przesun_etap

    udzial = _zablokuj(udzial)  # one choice at a time per JST, and the stage moves under the same lock
    if not arkusz_zlozony(list(Arkusz.objects.filter(udzial=udzial))):
        raise ValidationError(_("Obszar można wybrać dopiero po złożeniu arkusza diagnostycznego."))
    errors = {}
    if not obszar.aktywny:
        errors["obszar"] = _("Tego obszaru nie można już wybrać.")
    uzasadnienie = (uzasadnienie or "").strip()
    if len(uzasadnienie) < MIN_UZASADNIENIE:
        errors["uzasadnienie"] = _("Uzasadnienie musi mieć co najmniej %(n)d znaków.") % {"n": MIN_UZASADNIENIE}
    if errors:
        raise ValidationError(errors)
    current = WyborObszaru.objects.select_for_update().select_related("obszar", "kto").filter(udzial=udzial).first()
    poprzedni = None
    if current is None:
        wybor = WyborObszaru(udzial=udzial, obszar=obszar, uzasadnienie=uzasadnienie, kto=actor)
        wybor._history_user = actor
        wybor.save()
    else:
        if wersja is None or int(wersja) != current.wersja:
            raise KonfliktWersji(current)
        if current.obszar_id == obszar.pk and current.uzasadnienie == uzasadnienie:
            return current  # the same choice sent again: nothing to record
        poprzedni = current.obszar.kod
        wybor = current
        wybor.obszar, wybor.uzasadnienie, wybor.kto = obszar, uzasadnienie, actor
        wybor.wersja += 1
        wybor._history_user = actor
        wybor.save(update_fields=["obszar", "uzasadnienie", "kto", "kiedy", "wersja"])

    with override(settings.LANGUAGE_CODE):  # stored texts and notifications are in Polish
        powod = _("Wybrano obszar: %(obszar)s") % {"obszar": obszar}
        tytul = _("%(jst)s: wybrany obszar — %(obszar)s") % {"jst": udzial.jst.nazwa_pelna, "obszar": obszar}
        tresc = _("Obszar: %(obszar)s\nWybrał(a): %(kto)s\n\nUzasadnienie:\n%(uzasadnienie)s") % {
            "obszar": obszar, "kto": actor.get_full_name() or actor.get_username(), "uzasadnienie": uzasadnienie}
    udzial_przesun_etap(udzial=udzial, etap=Udzial.Etap.OBSZAR_WYBRANY, actor=actor, powod=powod)
    audit(actor, "obszar.wybrany", wybor, {"udzial": udzial.pk, "obszar": obszar.kod, "poprzedni": poprzedni})

    from doradztwo.powiadomienia import powiadom

    powiadom(odbiorcy=_odbiorcy(udzial, actor), rodzaj="obszar.wybrany", tytul=tytul, tresc=tresc,
             link=reverse("diagnoza:wyniki", kwargs={"pk": udzial.pk}))
    return wybor
