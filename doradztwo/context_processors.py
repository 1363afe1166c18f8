from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from doradztwo.middleware import OdswiezanieSesjiMiddleware


def _nav_items(request) -> list[dict]:
    """Navigation showing only what exists for the user's roles."""
    user = request.user
    if not user.is_authenticated:
        return []
    from doradztwo.access import is_admin, is_coordinator

    wanted = [("raporty:start", _("Start")), ("jst:wydarzenia", _("Wydarzenia"))]
    if is_coordinator(user):
        wanted += [("edycje:lista", _("Edycje")), ("jst:doradcy", _("Doradcy")),
                   ("jst:rejestr", _("Rejestr JST")), ("obszary:lista", _("Obszary")),
                   ("diagnoza:szablony", _("Szablony arkuszy")), ("diagnoza:wskazniki", _("Wskaźniki"))]
    if is_admin(user):
        wanted += [("koordynatorzy", _("Koordynatorzy")), ("audyt:lista", _("Audyt")),
                   ("rodo_admin:osoby", _("Dane osobowe")),
                   ("admin:index", _("Administracja"))]
    items = []
    for name, label in wanted:
        try:
            url = reverse(name)
        except NoReverseMatch:  # a part not installed yet
            continue
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items


def layout(request):
    """What the base layout needs on every page."""
    return {
        # Seconds until sign-out without activity, for the page's warning (data-sesja in base.html).
        "SESSION_COOKIE_AGE": OdswiezanieSesjiMiddleware.pozostalo(request),
        "nav_items": SimpleLazyObject(lambda: _nav_items(request)),
    }
