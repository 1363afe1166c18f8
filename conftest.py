"""Root fixtures: the personas of CONVENTIONS §4 (the demo accounts + anonymous), built with factories."""

import os

import pytest

from doradztwo.demo import DEMO_ACCOUNTS

try:  # Hypothesis CI profile (CONVENTIONS §8)
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", max_examples=30, derandomize=True, deadline=None)
    if os.environ.get("CI") == "true":
        hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db):
    """username → user, mirroring the demo accounts."""
    from doradztwo.tests.factories import UzytkownikFactory

    users = {}
    for username, first_name, last_name, superuser in DEMO_ACCOUNTS:
        users[username] = UzytkownikFactory(
            username=username,
            first_name=first_name,
            last_name=last_name,
            is_superuser=superuser,
            is_staff=superuser,
        )
    return users


@pytest.fixture
def world(personas):
    """Everything the permission matrix needs to build URLs; later capabilities add their objects."""
    return {"personas": personas}


@pytest.fixture
def client_as(client, personas):
    """`client_as("ros1")` → a test client signed in as that persona (`"anon"` → anonymous)."""

    def _client_as(persona):
        client.logout()
        if persona != "anon":
            client.force_login(personas[persona])
        return client

    return _client_as
