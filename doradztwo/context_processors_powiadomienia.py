"""The bell's unread count for the base layout."""

import functools

from doradztwo.powiadomienia import liczba_nieprzeczytanych


def powiadomienia(request):
    """`liczba_nieprzeczytanych`: a callable the template calls on first use — at most one COUNT per
    request, none for anonymous visitors or pages that never show the bell."""
    user = getattr(request, "user", None)

    @functools.cache
    def liczba() -> int:
        if user is None:
            return 0
        return liczba_nieprzeczytanych(user)

    return {"liczba_nieprzeczytanych": liczba}
