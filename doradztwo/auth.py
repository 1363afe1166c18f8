"""Small auth helpers wired in settings."""


def axes_username(request, credentials):
    """django-axes counts failures per (lower-cased username, IP)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
