"""Review states: one helper for every object that is submitted, returned (with a reason), approved
and reopened (with a reason) — and for other state machines with the same needs (an edition's
planned → active → closed → reopened). Each transition is checked against a table, written with
who/when/why (`ZmianaStanu`), audited, and notified to the other side."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.audit import audit
from doradztwo.models import ZmianaStanu


class StanPrzegladu(models.TextChoices):
    ROBOCZA = "robocza", gettext_lazy("w przygotowaniu")
    ZLOZONA = "zlozona", gettext_lazy("złożona do akceptacji")
    ZWROCONA = "zwrocona", gettext_lazy("zwrócona do poprawy")
    ZATWIERDZONA = "zatwierdzona", gettext_lazy("zatwierdzona")


# What the authors may not edit in each state (the reviewer decides; reopening unlocks).
ZABLOKOWANE = frozenset({StanPrzegladu.ZLOZONA, StanPrzegladu.ZATWIERDZONA})


@dataclass(frozen=True)
class Przejscie:
    akcja: str
    z: frozenset
    na: str
    wymaga_powodu: bool = False
    etykieta: str = field(default="", compare=False)


def tabela(*przejscia: Przejscie) -> dict[str, Przejscie]:
    return {p.akcja: p for p in przejscia}


S = StanPrzegladu
PRZEGLAD = tabela(
    Przejscie("zloz", frozenset({S.ROBOCZA, S.ZWROCONA}), S.ZLOZONA),
    Przejscie("zwroc", frozenset({S.ZLOZONA}), S.ZWROCONA, wymaga_powodu=True),
    Przejscie("zatwierdz", frozenset({S.ROBOCZA, S.ZLOZONA}), S.ZATWIERDZONA),
    Przejscie("otworz", frozenset({S.ZATWIERDZONA}), S.ROBOCZA, wymaga_powodu=True),
)


def zablokowany(stan: str) -> bool:
    return stan in ZABLOKOWANE


def etykieta_stanu_zespolu(stan: str) -> str:
    return str(dict(StanPrzegladu.choices).get(stan, stan))


@transaction.atomic
def zmien_stan(obj, *, przejscia: dict[str, Przejscie], akcja: str, actor, pole: str = "stan", powod: str = "",
               nazwa: str, odbiorcy=(), tytul: str = "", tresc: str = "", link: str = "",
               etykiety: dict | None = None) -> ZmianaStanu:
    """Apply `akcja` to `obj.<pole>` under the table `przejscia`. `nazwa` names the object kind in
    audit actions ("zespol", "edycja"). Raises ValidationError (in Polish) when not allowed."""
    przejscie = przejscia.get(akcja)
    if przejscie is None:
        raise ValidationError(_("Nieznana operacja."))
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    current = getattr(locked, pole)
    labels = etykiety or dict(StanPrzegladu.choices)
    if current not in przejscie.z:
        raise ValidationError(_("Tej operacji nie można wykonać, gdy stan to „%(stan)s”.") % {
            "stan": labels.get(current, current)})
    powod = (powod or "").strip()
    if przejscie.wymaga_powodu and not powod:
        raise ValidationError({"powod": _("Podaj powód.")})
    setattr(locked, pole, przejscie.na)
    locked._change_reason = powod[:100]
    update = [pole]
    if hasattr(locked, "wersja"):
        locked.wersja += 1
        update.append("wersja")
    locked.save(update_fields=update)
    setattr(obj, pole, przejscie.na)
    if hasattr(obj, "wersja"):
        obj.wersja = locked.wersja
    zmiana = ZmianaStanu.objects.create(
        typ_obiektu=ContentType.objects.get_for_model(obj), id_obiektu=str(obj.pk), pole=pole,
        z_stanu=current, na_stan=przejscie.na, akcja=akcja, kto=actor, powod=powod,
    )
    audit(actor, f"{nazwa}.{akcja}", obj, {"z": current, "na": przejscie.na, "powod": powod})
    recipients = [u for u in odbiorcy if u is not None and u.pk != actor.pk]
    if recipients:
        from django.conf import settings
        from django.utils.translation import override

        from doradztwo.powiadomienia import powiadom

        with override(settings.LANGUAGE_CODE):
            label = _("Powód:")
        powiadom(odbiorcy=recipients, rodzaj=f"przeglad.{akcja}", tytul=tytul,
                 tresc=tresc + (f"\n\n{label} {powod}" if powod else ""), link=link)
    return zmiana


def historia(obj, pole: str | None = None):
    qs = ZmianaStanu.objects.filter(typ_obiektu=ContentType.objects.get_for_model(obj), id_obiektu=str(obj.pk))
    if pole:
        qs = qs.filter(pole=pole)
    return qs.select_related("kto").order_by("-kiedy", "-pk")
