from django.conf import settings


def layout(request):
    """What the base layout needs on every page."""
    return {"SESSION_COOKIE_AGE": settings.SESSION_COOKIE_AGE}
