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


def pytest_configure(config):
    """Tests close each request's database connection (CONN_MAX_AGE=0). A browser keeps its
    keep-alive sockets open, and the live server's thread behind each one would otherwise hold a
    PostgreSQL connection for a minute: a long browser test ran out of connections ("too many
    clients"). Production keeps persistent connections (settings: CONN_MAX_AGE, default 60 s)."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0  # the dict the connection handler reads


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every request extends the session (production: at most once a minute, doradztwo/tests/test_auth.py
    # tests that): query-count tests compare two requests made within the same minute.
    settings.SESSION_ODSWIEZ_CO = 0


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
    """The programme as the personas see it (CONVENTIONS §4), for the permission matrix and tests.

    edycja: "2022/2023" coordinated by koordynator; edycja2: the current one, koordynator2.
    udzial_a: JST A (Powiat bolesławiecki) with jst-a-* and ros1/pro1; udzial_b: JST B (Gmina
    Dwikozy) with jst-b-* and ros2/pro2. doradca-spoza is an adviser with no JST.
    """
    import datetime

    from jst.models import JST, CzlonekZespolu, PrzydzialDoradcy
    from jst.tests.factories import (
        CzlonekZespoluFactory,
        DoradcaFactory,
        EdycjaFactory,
        JSTFactory,
        PrzydzialDoradcyFactory,
        UdzialFactory,
    )

    p = personas
    for name in ("koordynator", "koordynator2"):
        p[name].koordynator = True
        p[name].save(update_fields=["koordynator"])
    edycja = EdycjaFactory(nazwa="Doradztwo dla JST 2022/2023", koordynatorzy=[p["koordynator"]])
    edycja2 = EdycjaFactory(nazwa="Doradztwo dla JST – edycja bieżąca", data_od=datetime.date(2026, 9, 1),
                            data_do=datetime.date(2027, 5, 31), koordynatorzy=[p["koordynator2"]])
    jst_a = JSTFactory(teryt="0201", klucz="0201", nazwa="bolesławiecki", rodzaj=JST.Rodzaj.POWIAT,
                       wojewodztwo="dolnośląskie", powiat="bolesławiecki")
    jst_b = JSTFactory(teryt="2609022", klucz="260902", nazwa="Dwikozy", rodzaj=JST.Rodzaj.GMINA_WIEJSKA,
                       wojewodztwo="świętokrzyskie", powiat="sandomierski")
    udzial_a = UdzialFactory(edycja=edycja, jst=jst_a)
    udzial_b = UdzialFactory(edycja=edycja, jst=jst_b)
    udzial_c = UdzialFactory(edycja=edycja2)  # a JST of the current edition, nobody's but koordynator2's
    doradcy = {}
    for name, spec in (("ros1", "ROS"), ("pro1", "PRO"), ("ros2", "ROS"), ("pro2", "PRO"), ("doradca-spoza", "ROS")):
        doradcy[name] = DoradcaFactory(uzytkownik=p[name], specjalnosc=spec)
    for udzial, ros, pro in ((udzial_a, "ros1", "pro1"), (udzial_b, "ros2", "pro2")):
        PrzydzialDoradcyFactory(udzial=udzial, doradca=doradcy[ros], rola=PrzydzialDoradcy.Rola.ROS)
        PrzydzialDoradcyFactory(udzial=udzial, doradca=doradcy[pro], rola=PrzydzialDoradcy.Rola.PRO)
    for udzial, team in ((udzial_a, "jst-a"), (udzial_b, "jst-b")):
        CzlonekZespoluFactory(udzial=udzial, uzytkownik=p[f"{team}-lider"], lider=True,
                              rodzaj=CzlonekZespolu.Rodzaj.PRACOWNIK_JST)
        CzlonekZespoluFactory(udzial=udzial, uzytkownik=p[f"{team}-czlonek"], funkcja="dyrektor szkoły",
                              rodzaj=CzlonekZespolu.Rodzaj.DYREKTOR, nazwa_szkoly="Szkoła Podstawowa nr 1")
    # A third member of JST A who is no persona: the matrix may remove or promote them safely.
    czlonek_a3 = CzlonekZespoluFactory(udzial=udzial_a, funkcja="skarbnik", rodzaj=CzlonekZespolu.Rodzaj.PRACOWNIK_JST)
    return {
        "czlonek_a3": czlonek_a3,
        "personas": p, "edycja": edycja, "edycja2": edycja2, "jst_a": jst_a, "jst_b": jst_b,
        "udzial_a": udzial_a, "udzial_b": udzial_b, "udzial_c": udzial_c, "doradcy": doradcy,
    }


@pytest.fixture
def client_as(client, personas):
    """`client_as("ros1")` → a test client signed in as that persona (`"anon"` → anonymous)."""

    def _client_as(persona):
        client.logout()
        if persona != "anon":
            client.force_login(personas[persona])
        return client

    return _client_as


@pytest.fixture(autouse=True)
def _outbox_delivers_eagerly(settings):
    """E-mail goes through the outbox (as in production) and lands in `mail.outbox` once the
    transaction commits; Celery runs tasks in-process unless a test starts a real worker."""
    from doradztwo.celery import app

    settings.EMAIL_BACKEND = "doradztwo.outbox.OutboxEmailBackend"
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
