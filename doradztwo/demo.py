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
    stdout.write(f"demo: {len(users)} demo accounts ready")
    return {"users": users}
