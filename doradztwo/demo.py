"""Demo step of `seed_demo` for the project package: the demo accounts (CONVENTIONS §4)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

DEFAULT_DEMO_PASSWORD = "demo-doradztwo-2026"

# username, first name, last name, superuser
DEMO_ACCOUNTS = [
    ("admin", "Anna", "Administratorka", True),
    ("koordynator", "Katarzyna", "Koordynatorska", False),
    ("koordynator2", "Krzysztof", "Kowalczyk", False),
    ("ros1", "Roman", "Rosiński", False),
    ("pro1", "Paulina", "Prokop", False),
    ("ros2", "Renata", "Rostek", False),
    ("pro2", "Piotr", "Promiński", False),
    ("jst-a-lider", "Łucja", "Liderska", False),
    ("jst-a-czlonek", "Czesław", "Członkowski", False),
    ("jst-b-lider", "Żaneta", "Żółkiewska", False),
    ("jst-b-czlonek", "Grzegorz", "Gęślarz", False),
    ("doradca-spoza", "Sławomir", "Spoza", False),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def run(stdout, world: dict) -> dict:
    """Create or refresh the demo accounts. Hashes the password once (hashing costs ~0.5 s)."""
    User = get_user_model()
    password_hash = make_password(demo_password())
    users = {}
    for username, first_name, last_name, superuser in DEMO_ACCOUNTS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.doradztwo.invalid",
                "is_superuser": superuser,
                "is_staff": superuser,
                "is_active": True,
                "password": password_hash,
            },
        )
        users[username] = user
    for name in ("koordynator", "koordynator2"):
        users[name].koordynator = True
        users[name].save(update_fields=["koordynator"])
    stdout.write(f"demo: {len(users)} demo accounts ready")
    return {"users": users, **_editions(users)}


def _editions(users) -> dict:
    """2022/2023 (the real dates, koordynator) and the current edition (dates around today)."""
    import datetime

    from django.utils import timezone

    from doradztwo.models import Edycja
    from doradztwo.services import edycja_utworz

    admin = users["admin"]
    today = timezone.localdate()
    specs = [
        ("edycja_2022", "Doradztwo dla JST 2022/2023", datetime.date(2022, 10, 5), datetime.date(2023, 5, 31),
         users["koordynator"]),
        ("edycja_biezaca", "Doradztwo dla JST – edycja bieżąca", today - datetime.timedelta(days=45),
         today + datetime.timedelta(days=200), users["koordynator2"]),
    ]
    editions = {}
    for key, name, start, end, coordinator in specs:
        edycja = Edycja.objects.filter(nazwa=name).first()
        if edycja is None:
            edycja = edycja_utworz(dane={"nazwa": name, "data_od": start, "data_do": end},
                                   koordynatorzy=[coordinator], actor=admin)
        if edycja.status != Edycja.Status.AKTYWNA:  # closing is a coordinator's action, never the seed's
            edycja.status = Edycja.Status.AKTYWNA
            edycja.save(update_fields=["status"])
        editions[key] = edycja
    return editions
