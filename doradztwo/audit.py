"""One call that every service makes after a state change."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from doradztwo.models import WpisAudytu


def audit(actor, action: str, target=None, data: dict | None = None) -> WpisAudytu:
    """Record that `actor` did `action` to `target` (any model instance, or None) with `data`."""
    entry = WpisAudytu(
        kto=actor if getattr(actor, "is_authenticated", False) else None,
        akcja=action,
        dane=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    )
    if target is not None:
        entry.typ_obiektu = ContentType.objects.get_for_model(target)
        entry.id_obiektu = str(target.pk)
        entry.opis_obiektu = str(target)[:300]
    entry.save()
    return entry
