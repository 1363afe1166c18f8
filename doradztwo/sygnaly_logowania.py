"""Sign-in records in the audit log: successful logins, failed logins and logouts.

`polacz()` connects the receivers (called from `DoradztwoConfig.ready()`); it is idempotent thanks
to `dispatch_uid`. The receivers only record what happened — they never change the outcome of a
login, so this is logging (like django-axes' own receivers), not business logic in signals.

Never stored: the password or anything else from the credentials except the username as typed.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.functions import Lower

from doradztwo.audit import audit

LOGOWANIE_UDANE = "logowanie.udane"
LOGOWANIE_NIEUDANE = "logowanie.nieudane"
WYLOGOWANIE = "wylogowanie"
AKCJE_LOGOWANIA = (LOGOWANIE_UDANE, LOGOWANIE_NIEUDANE, WYLOGOWANIE)

MAX_LOGIN = 150  # AbstractUser.username max_length
MAX_PRZEGLADARKA = 255  # the length django-axes keeps, so both logs can be matched

_UID = "doradztwo.sygnaly_logowania"
_polaczone = False


def _klient(request) -> dict:
    """The client's IP (as django-axes sees it, so a lockout and its audit entries agree) and
    browser; `request` is None when `authenticate()` was called outside a request."""
    if request is None:
        return {"ip": None, "przegladarka": ""}
    from axes.helpers import get_client_ip_address

    meta = getattr(request, "META", {})
    return {
        "ip": get_client_ip_address(request),
        "przegladarka": str(meta.get("HTTP_USER_AGENT", ""))[:MAX_PRZEGLADARKA],
    }


def zapisz_logowanie(sender, request, user, **kwargs) -> None:
    audit(user, LOGOWANIE_UDANE, user, {"login": user.get_username(), **_klient(request)})


def zapisz_wylogowanie(sender, request, user, **kwargs) -> None:
    # Django also sends the signal when an anonymous session "logs out": nobody left, nothing to record.
    if user is None or not getattr(user, "is_authenticated", False):
        return
    audit(user, WYLOGOWANIE, user, {"login": user.get_username(), **_klient(request)})


def zapisz_nieudane_logowanie(sender, credentials, request=None, **kwargs) -> None:
    # Only the username is read from the credentials: Django masks the password, but nothing else
    # from that dict belongs in a log.
    login = str((credentials or {}).get("username") or "").strip().lower()[:MAX_LOGIN]
    known = bool(login) and get_user_model().objects.filter(username__iexact=login).exists()
    # A username that matches no account may be a password typed into the wrong field: keep a digest.
    shown = login if known or not login else "nieznany:" + hashlib.sha256(login.encode()).hexdigest()[:12]
    dane = {"login": shown, **_klient(request)}
    if getattr(request, "axes_locked_out", False):
        dane["blokada"] = True
    # The entry has no actor: whoever typed the username has not proved who they are. The account
    # the attempt was aimed at (if it exists) is the object, so the admin finds attempts against it.
    konto = None
    if login:
        model = get_user_model()
        konto = (model._default_manager.alias(login_lower=Lower(model.USERNAME_FIELD))
                 .filter(login_lower=login).first())
    audit(None, LOGOWANIE_NIEUDANE, konto, dane)


def polacz() -> None:
    """Connect the sign-in receivers; safe to call more than once."""
    global _polaczone
    user_logged_in.connect(zapisz_logowanie, dispatch_uid=f"{_UID}.udane")
    user_logged_out.connect(zapisz_wylogowanie, dispatch_uid=f"{_UID}.wylogowanie")
    user_login_failed.connect(zapisz_nieudane_logowanie, dispatch_uid=f"{_UID}.nieudane")
    _polaczone = True


def rozlacz() -> None:
    """Disconnect the receivers (tests that connected them themselves clean up with this)."""
    global _polaczone
    user_logged_in.disconnect(dispatch_uid=f"{_UID}.udane")
    user_logged_out.disconnect(dispatch_uid=f"{_UID}.wylogowanie")
    user_login_failed.disconnect(dispatch_uid=f"{_UID}.nieudane")
    _polaczone = False


def polaczone() -> bool:
    return _polaczone
