"""Fault tolerance against the real services (issue 11; CONVENTIONS §6, §8; docs/operations.md).

Each test starts on its own what it breaks — a private redis-server on a free loopback port (never
the suite's Redis, whose queue other xdist workers share), its own Celery workers, its own restored
database with a unique name — so it runs beside the rest of the suite. Required under CI=true;
locally they skip with a reason when PostgreSQL or redis-server is missing."""

import base64
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from doradztwo import zadania
from doradztwo.models import Wysylka, Zadanie
from doradztwo.tests import worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
BASE_DIR = Path(django_settings.BASE_DIR)
CI = os.environ.get("CI") == "true"
KOLEJKA = "celery"  # Celery's default queue on the private Redis


def _wymagaj(*, redis_server=False, narzedzia_pg=False):
    braki = []
    if connection.vendor != "postgresql":
        braki.append("PostgreSQL (make test / scripts/test.sh starts it)")
    if redis_server and not shutil.which("redis-server"):
        braki.append("redis-server")
    if narzedzia_pg and not all(_narzedzie_pg(name) for name in ("pg_dump", "pg_restore", "psql", "createdb")):
        braki.append("PostgreSQL client tools (pg_dump, pg_restore, psql, createdb)")
    if braki:
        if CI:
            pytest.fail("CI=true requires: " + ", ".join(braki))
        pytest.skip("needs " + ", ".join(braki))


def _narzedzie_pg(name: str) -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else shutil.which(name)


def _wolny_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _czekaj(warunek, sekundy: float, opis: str, log: Path | None = None):
    koniec = time.monotonic() + sekundy
    while time.monotonic() < koniec:
        wynik = warunek()
        if wynik:
            return wynik
        time.sleep(0.1)
    dziennik = f"\n--- {log.name} ---\n{log.read_text()[-4000:]}" if log and log.exists() else ""
    raise AssertionError(f"{opis}: not within {sekundy} s{dziennik}")


class WlasnyRedis:
    """A private redis-server on a free loopback port that the test stops and starts at will."""

    def __init__(self, katalog: Path):
        self.katalog = katalog
        self.port = _wolny_port()
        self.proces = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def klient(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def start(self):
        self.proces = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.katalog), "--logfile", str(self.katalog / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

        def odpowiada():
            assert self.proces.poll() is None, (self.katalog / "redis.log").read_text()
            try:
                return self.klient().ping()
            except redis.ConnectionError:
                return False

        _czekaj(odpowiada, 20, "redis-server did not start")

    def stop(self):
        if self.proces is not None:
            self.proces.terminate()
            self.proces.wait(timeout=20)
            self.proces = None


@pytest.fixture
def wlasny_redis(tmp_path):
    _wymagaj(redis_server=True)
    katalog = tmp_path / "redis"
    katalog.mkdir()
    serwer = WlasnyRedis(katalog)
    serwer.start()
    try:
        yield serwer
    finally:
        serwer.stop()


@pytest.fixture
def celery_na_wlasnym_redisie(wlasny_redis, settings):
    """This process publishes to the private Redis (a real broker, not eager) and caches in it."""
    from kombu import pools
    from kombu.utils.collections import eqhash

    from doradztwo.celery import app

    def przelacz(url):  # kombu keeps connection pools per broker URL; the app only caches its own
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url = url

    poprzedni = app.conf.broker_url, app.conf.task_always_eager
    przelacz(wlasny_redis.url)
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": wlasny_redis.url,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
    }}
    try:
        yield app
    finally:
        polaczenie = app.connection_for_write()
        for grupa in (pools.producers, pools.connections):  # drop the private broker's pools only
            pula = dict.pop(grupa, eqhash(polaczenie), None)
            if pula is not None:
                pula.force_close_all()
        polaczenie.release()
        przelacz(poprzedni[0])
        app.conf.task_always_eager = poprzedni[1]


class Workery:
    """Real Celery workers on the private Redis and this test's database, ended by process group."""

    def __init__(self, app, redis_url: str, katalog: Path, media: Path):
        self.app, self.redis_url, self.katalog, self.media = app, redis_url, katalog, media
        self.procesy = []

    def uruchom(self, nazwa: str, *, pula: str = "solo", srodowisko: dict | None = None):
        env = worker.srodowisko(self.redis_url, self.media,
                                EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
        env.pop(zadania.TEST_WSTRZYMAJ_ENV, None)
        env.update(srodowisko or {})
        log = self.katalog / f"{nazwa}.log"
        proces = worker.uruchom(nazwa, env, log, "--without-heartbeat", pula=pula, start_new_session=True)
        self.procesy.append(proces)
        worker.czekaj_na_workera(self.app, proces, nazwa, log)
        return proces, log

    def zabij(self, proces):
        """SIGKILL the worker and its pool children at once (their own process group)."""
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(timeout=20)

    def zakoncz(self):
        for proces in self.procesy:
            if proces.poll() is None:
                os.killpg(proces.pid, signal.SIGTERM)
                try:
                    proces.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proces.pid, signal.SIGKILL)
                    proces.wait(timeout=20)


@pytest.fixture
def workery(celery_na_wlasnym_redisie, wlasny_redis, settings, tmp_path):
    katalog = tmp_path / "workery"
    katalog.mkdir()
    zarzad = Workery(celery_na_wlasnym_redisie, wlasny_redis.url, katalog, Path(settings.MEDIA_ROOT))
    try:
        yield zarzad
    finally:
        zarzad.zakoncz()


def _wiadomosci_w_kolejce(serwer: WlasnyRedis) -> list[tuple[str, int]]:
    """(task name, first argument) of every message waiting in the private Redis queue."""
    wynik = []
    for surowa in serwer.klient().lrange(KOLEJKA, 0, -1):
        wiadomosc = json.loads(surowa)
        args, _kwargs, _embed = json.loads(base64.b64decode(wiadomosc["body"]))
        wynik.append((wiadomosc["headers"]["task"], args[0]))
    return wynik


def _pdfy(media) -> list[Path]:
    return sorted((Path(media) / "zadania").rglob("*.pdf"))


def test_with_redis_stopped_pages_render_saves_succeed_and_each_queued_message_is_dispatched_once_when_it_is_back(
        world, client, wlasny_redis, celery_na_wlasnym_redisie, workery, settings):
    from doradztwo import outbox, tasks
    from jst.models import CzlonekZespolu

    udzial = world["udzial_a"]
    client.force_login(world["personas"]["koordynator"])
    wlasny_redis.stop()

    for url in ("/", reverse("jst:udzial", args=[udzial.pk]), reverse("jst:zespol_dodaj", args=[udzial.pk])):
        assert client.get(url).status_code == 200, url
    adresy = [f"awaria-{i}@gmina.example" for i in range(3)]
    for i, (adres, zespol) in enumerate(zip(adresy, (udzial, udzial, world["udzial_b"]), strict=True)):
        start = time.monotonic()  # each new member gets an invitation e-mail through the outbox
        response = client.post(reverse("jst:zespol_dodaj", args=[zespol.pk]), {
            "imie": "Anna", "nazwisko": f"Awaryjna {i}", "email": adres, "telefon": "",
            "rodzaj": CzlonekZespolu.Rodzaj.PRACOWNIK_JST, "funkcja": "inspektor",
        })
        assert response.status_code == 302 and response.url == reverse("jst:udzial", args=[zespol.pk])
        assert time.monotonic() - start < 10, "a save waits on the dead broker"
    response = client.post(reverse("jst:sklad_zespolu_pdf", args=[udzial.pk]))  # a PDF job
    assert response.status_code == 302
    job = Zadanie.objects.get()
    assert client.get(response.url).status_code == 200
    assert CzlonekZespolu.objects.filter(uzytkownik__email__in=adresy, aktywny=True).count() == 3

    assert tasks.oproznij_wysylki() == 0  # a beat tick while Redis is down dispatches nothing, loses nothing
    wiersze = list(Wysylka.objects.order_by("pk"))
    assert {w.status for w in wiersze} == {Wysylka.Status.OCZEKUJE}
    assert all(w.blad for w in wiersze)  # each keeps why it waits
    emaile = [w.pk for w in wiersze if w.rodzaj == Wysylka.Rodzaj.EMAIL]
    assert len(emaile) >= 3 and [w.dane for w in wiersze if w.rodzaj == Wysylka.Rodzaj.ZADANIE] == [
        {"zadanie": job.pk}]

    wlasny_redis.start()  # Redis is back (empty: whatever it held before is gone; the outbox is not)
    assert outbox.oproznij() == len(wiersze)
    assert outbox.oproznij() == 0 and tasks.oproznij_wysylki() == 0  # the next flush and beat tick: nothing twice
    w_kolejce = Counter(_wiadomosci_w_kolejce(wlasny_redis))
    assert w_kolejce == Counter([("doradztwo.tasks.wyslij_email", pk) for pk in emaile]
                                + [("doradztwo.tasks.wykonaj_zadanie", job.pk)])

    _proces, log = workery.uruchom("awaria-redis")
    _czekaj(lambda: not Wysylka.objects.exclude(status=Wysylka.Status.WYSLANA).exists()
            and Zadanie.objects.get(pk=job.pk).status == Zadanie.Status.GOTOWE, 60,
            "the outbox was not delivered", log)
    assert not wlasny_redis.klient().llen(KOLEJKA)
    wyjscie = log.read_text()
    for adres in adresy:  # the console backend prints each message the worker sends
        assert wyjscie.count(f"To: {adres}") == 1, adres
    assert len(_pdfy(settings.MEDIA_ROOT)) == 1


def test_a_worker_killed_in_the_middle_of_a_pdf_job_leaves_it_to_a_new_worker_and_one_stored_file(
        world, wlasny_redis, workery, settings, tmp_path):
    from doradztwo.tasks import wykonaj_zadanie
    from jst.zadania import SKLAD_ZESPOLU

    wstrzymaj = tmp_path / "wstrzymaj"
    wstrzymaj.mkdir()
    pierwszy, log1 = workery.uruchom("awaria-pierwszy", pula="prefork",
                                     srodowisko={zadania.TEST_WSTRZYMAJ_ENV: str(wstrzymaj)})
    job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": world["udzial_a"].pk},
                               actor=world["personas"]["koordynator"])  # committed: the outbox dispatches

    def w_srodku(proba):  # the test hook holds the job after its claim, before the PDF is written
        znacznik = wstrzymaj / f"zadanie-{job.pk}-proba-{proba}"
        return znacznik.exists() and int(znacznik.read_text())

    # The pool process dies mid-job: task_reject_on_worker_lost puts the message back at once and the
    # worker's next pool process takes the job over.
    dziecko = _czekaj(lambda: w_srodku(1), 30, "the job did not start", log1)
    assert Zadanie.objects.get(pk=job.pk).status == Zadanie.Status.W_TOKU
    os.kill(dziecko, signal.SIGKILL)
    _czekaj(lambda: w_srodku(2), 30, "the message was not requeued after the lost pool process", log1)

    # Now the whole worker is SIGKILLed mid-job: the message stays unacknowledged (task_acks_late) and
    # the broker hands it out again after the visibility timeout (10 s) to a new worker.
    workery.zabij(pierwszy)
    broker = wlasny_redis.klient()
    assert broker.hlen("unacked") == 1 and not broker.llen(KOLEJKA)
    assert Zadanie.objects.get(pk=job.pk).status == Zadanie.Status.W_TOKU and not _pdfy(settings.MEDIA_ROOT)
    (_tag, wziete), = broker.zrange("unacked_index", 0, -1, withscores=True)
    time.sleep(max(0.0, wziete + 10.5 - time.time()))  # a new worker restores what is older than that
    _drugi, log2 = workery.uruchom("awaria-drugi")
    job = _czekaj(lambda: Zadanie.objects.filter(pk=job.pk, status__in=["gotowe", "blad", "brak_dostepu"]).first(),
                  60, "the new worker did not finish the job", log2)
    assert job.status == Zadanie.Status.GOTOWE and job.postep == 100 and job.proby == 3, job.komunikat
    assert job.plik.read().startswith(b"%PDF")

    wykonaj_zadanie.delay(job.pk)  # one more (duplicate) delivery changes nothing
    _czekaj(lambda: log2.read_text().count("'pominiete'") == 1, 30, "the duplicate was not consumed", log2)
    assert _pdfy(settings.MEDIA_ROOT) == [Path(job.plik.path)]
    assert not broker.hlen("unacked") and not broker.llen(KOLEJKA)


def _liczby_wierszy(kursor) -> dict[str, int]:
    kursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tabele = [row[0] for row in kursor.fetchall()]
    liczby = {}
    for tabela in tabele:
        kursor.execute(f'SELECT count(*) FROM "{tabela}"')
        liczby[tabela] = kursor.fetchone()[0]
    return liczby


def _sumy_plikow(katalog: Path) -> dict[str, str]:
    return {str(p.relative_to(katalog)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(katalog.rglob("*")) if p.is_file()}


def test_backup_and_restore_bring_back_every_row_and_every_stored_file(world, settings, tmp_path,
                                                                         django_capture_on_commit_callbacks):
    import psycopg2
    from django.core.files.uploadedfile import SimpleUploadedFile

    from doradztwo.pliki import plik_dodaj
    from jst.zadania import SKLAD_ZESPOLU

    _wymagaj(narzedzia_pg=True)
    koordynator = world["personas"]["koordynator"]
    with django_capture_on_commit_callbacks(execute=True):  # eager: the job renders its PDF in-process
        job = zadania.zadanie_zlec(rodzaj=SKLAD_ZESPOLU, parametry={"udzial": world["udzial_a"].pk},
                                   actor=koordynator)
    job.refresh_from_db()
    assert job.status == Zadanie.Status.GOTOWE
    tresc = "Protokół ze spotkania – zażółć gęślą jaźń\n".encode() * 50
    plik = plik_dodaj(udzial=world["udzial_a"], plik=SimpleUploadedFile("protokol.txt", tresc),
                      rodzaj="dokument", actor=koordynator)
    media = Path(settings.MEDIA_ROOT)
    zrodlo_plikow = _sumy_plikow(media)
    assert job.plik.name in zrodlo_plikow and plik.plik.name in zrodlo_plikow
    with connection.cursor() as kursor:
        zrodlo = _liczby_wierszy(kursor)
    assert zrodlo["doradztwo_zadanie"] == 1 and zrodlo["jst_czlonekzespolu"] >= 5

    env = {**os.environ, "DATABASE_URL": worker.url_bazy(), "MEDIA_ROOT": str(media)}
    wynik = subprocess.run([str(BASE_DIR / "scripts" / "backup"), str(tmp_path / "kopie")], env=env,
                           capture_output=True, text=True, timeout=60)
    assert wynik.returncode == 0, wynik.stderr
    kopia = Path(wynik.stdout.strip().splitlines()[-1])
    assert kopia.parent == tmp_path / "kopie" and kopia.name.startswith("doradztwo-")
    assert {p.name for p in kopia.iterdir()} == {"baza.dump", "pliki.tar.gz", "SHA256SUMS", "INFO"}
    assert oct(kopia.stat().st_mode & 0o777) == "0o700"  # personal data: the owner only

    nowa = f"{connection.settings_dict['NAME']}_odtw_{uuid.uuid4().hex[:8]}"
    media_odtw = tmp_path / "media-odtworzone"
    try:
        wynik = subprocess.run([str(BASE_DIR / "scripts" / "restore"), str(kopia), worker.url_bazy(nowa)],
                               env={**env, "MEDIA_ROOT": str(media_odtw)}, capture_output=True, text=True,
                               timeout=60)
        assert wynik.returncode == 0, wynik.stderr
        polaczenie = psycopg2.connect(worker.url_bazy(nowa))
        try:
            with polaczenie.cursor() as kursor:
                assert _liczby_wierszy(kursor) == zrodlo
                kursor.execute("SELECT plik FROM doradztwo_zadanie WHERE id = %s", [job.pk])
                assert kursor.fetchone()[0] == job.plik.name
        finally:
            polaczenie.close()
        assert _sumy_plikow(media_odtw) == zrodlo_plikow
        assert (media_odtw / plik.plik.name).read_bytes() == tresc

        # Never over existing data: a second restore into the now full database is refused.
        wynik = subprocess.run([str(BASE_DIR / "scripts" / "restore"), str(kopia), worker.url_bazy(nowa)],
                               env={**env, "MEDIA_ROOT": str(tmp_path / "inne")}, capture_output=True, text=True,
                               timeout=60)
        assert wynik.returncode != 0 and "fresh database" in wynik.stderr
        # The restored database is the application's: every migration is already applied there.
        wynik = subprocess.run([sys.executable, "manage.py", "migrate", "--check", "--noinput"], cwd=BASE_DIR,
                               env={**env, "DATABASE_URL": worker.url_bazy(nowa)}, capture_output=True, text=True,
                               timeout=60)
        assert wynik.returncode == 0, wynik.stdout + wynik.stderr
    finally:
        with connection.cursor() as kursor:
            kursor.execute(f'DROP DATABASE IF EXISTS "{nowa}" WITH (FORCE)')
