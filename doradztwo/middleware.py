import time

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponse, QueryDict
from django.utils.translation import gettext as _


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every view needs a login unless marked `login_not_required` (fails closed).

    An htmx or fetch request (`HX-Request: true`) from an anonymous session gets 401 instead of a
    redirect, so the page keeps what the user typed and can ask them to sign in again.
    """

    def handle_no_permission(self, request, view_func):
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(
                _("Sesja wygasła. Zaloguj się ponownie — wpisane dane zostały zachowane w przeglądarce."),
                status=401,
                content_type="text/plain; charset=utf-8",
            )
            response["HX-Reswap"] = "none"
            return response
        return super().handle_no_permission(request, view_func)


def _bez_nul(dane: QueryDict) -> QueryDict:
    """The same parameters without NUL characters (the same object when there are none)."""
    if not any("\x00" in klucz or any("\x00" in v for v in wartosci) for klucz, wartosci in dane.lists()):
        return dane
    czyste = QueryDict(mutable=True, encoding=dane.encoding)
    for klucz, wartosci in dane.lists():
        czyste.setlist(klucz.replace("\x00", ""), [v.replace("\x00", "") for v in wartosci])
    czyste._mutable = False
    return czyste


class UsunZnakiNulMiddleware:
    """Drops NUL characters from query and form parameters before any view reads them.

    No keyboard types NUL and PostgreSQL refuses it in text ("A string literal cannot contain NUL"),
    so a pasted or forged NUL would turn a hand-read value (a reason, a comment) into a 500. Forms
    would refuse it with a field error; dropping it here keeps everything else the user typed.
    Uploaded files are left alone (their content is checked by doradztwo/pliki.py)."""

    FORMULARZE = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _bez_nul(request.GET)
        if request.method == "POST" and request.content_type in self.FORMULARZE:
            try:
                post = request.POST
            except OSError:  # an unreadable body: CsrfViewMiddleware answers it as usual
                post = None
            if post is not None:
                request.POST = _bez_nul(post)
        return self.get_response(request)


class OdswiezanieSesjiMiddleware:
    """The sliding session (sign-out after SESSION_COOKIE_AGE without activity) without a database
    write on every request: the session is marked changed — and so saved with a new expiry — at most
    once per SESSION_ODSWIEZ_CO seconds (settings; 60). Sign-out comes at most that much earlier than
    a write per request would give; a page or an autosave saves 3 statements (BEGIN, UPDATE, COMMIT).
    Placed right after SessionMiddleware, so it runs before the session is saved."""

    KLUCZ = "_odswiezona"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def pozostalo(cls, request) -> int:
        """Seconds this request leaves before sign-out (it extends the session if it is due)."""
        session = getattr(request, "session", None)
        odswiezona = session.get(cls.KLUCZ) if session is not None else None
        co = settings.SESSION_ODSWIEZ_CO
        minelo = int(time.time()) - odswiezona if odswiezona else co
        return settings.SESSION_COOKIE_AGE - (minelo if minelo < co else 0)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            teraz = int(time.time())
            if teraz - session.get(self.KLUCZ, 0) >= settings.SESSION_ODSWIEZ_CO:
                session[self.KLUCZ] = teraz
        return response
