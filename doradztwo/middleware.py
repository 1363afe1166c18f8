from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponse
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
