"""The benchmark's environment: refusals, PostgreSQL (one database per data size), Redis, gunicorn and
Celery workers, all on loopback.

- DATABASE_URL set: that PostgreSQL server is used (the role needs CREATEDB); the bench creates and
  keeps databases `bench_<N>` on it. SQLite → refused.
- DATABASE_URL unset: a throwaway cluster is started as the `postgres` user (it refuses root), like
  scripts/test.sh, in BENCH_PGDIR (default /tmp/doradztwo-bench/pg) on a free port, and stopped at
  the end. Its data directory is kept between runs so that `make bench` resumes without seeding again;
  delete the directory to start afresh.
- DEBUG=True → refused. The bench runs Django with DEBUG=False, a random SECRET_KEY,
  ALLOWED_HOSTS=127.0.0.1 and `bench.settings_bench`.
"""

import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BIN = Path(PY).parent
WYNIKI = ROOT / "bench" / "results"
PRACA = Path(os.environ.get("BENCH_WORKDIR", "/tmp/doradztwo-bench"))
PGDIR = Path(os.environ.get("BENCH_PGDIR", str(PRACA / "pg")))
TRUE = {"1", "true", "yes", "on"}


class Odmowa(Exception):
    """The bench refuses to run (bench/run.py prints the message and exits with code 2)."""

    def __init__(self, komunikat: str):
        super().__init__(komunikat)
        self.komunikat = komunikat


def sprawdz_odmowy(env=os.environ) -> None:
    debug = (env.get("DEBUG") or "").strip().lower()
    if debug in TRUE:
        raise Odmowa("bench: refusing to run with DEBUG=True — timings with DEBUG on measure the debug machinery, "
                     "not the product. Unset DEBUG (the bench sets DEBUG=False itself).")
    url = env.get("DATABASE_URL") or ""
    if url and not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        raise Odmowa(f"bench: refusing to run on {url.split(':', 1)[0]} — the benchmark needs PostgreSQL. Unset "
                     "DATABASE_URL to let the bench start its own cluster, or point it at a PostgreSQL server.")


def wolny_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _znajdz_pg(nazwa: str) -> str | None:
    found = shutil.which(nazwa)
    if found:
        return found
    kandydaci = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{nazwa}"),
                       key=lambda p: [int(x) for x in p.parts[-3].split(".") if x.isdigit()])
    return str(kandydaci[-1]) if kandydaci else None


class Postgres:
    """The PostgreSQL server: the one in DATABASE_URL, or our own cluster."""

    def __init__(self):
        self.wlasny = not os.environ.get("DATABASE_URL")
        self.url = os.environ.get("DATABASE_URL", "")
        self.as_pg: list[str] = []

    def __enter__(self):
        if self.wlasny:
            self._start()
        return self

    def __exit__(self, *exc):
        if self.wlasny:
            self._stop()
        return False

    def _start(self) -> None:
        pg_ctl, initdb = _znajdz_pg("pg_ctl"), _znajdz_pg("initdb")
        if not pg_ctl or not initdb:
            raise Odmowa("bench: DATABASE_URL is unset and PostgreSQL binaries (pg_ctl, initdb) are not installed; "
                         "install postgresql or set DATABASE_URL.")
        self.pg_ctl = pg_ctl
        if os.getuid() == 0:
            self.as_pg = ["runuser", "-u", "postgres", "--"]
        PGDIR.mkdir(parents=True, exist_ok=True)
        if self.as_pg:
            shutil.chown(PGDIR.parent, "postgres")
            shutil.chown(PGDIR, "postgres")
        dane = PGDIR / "data"
        if not (dane / "PG_VERSION").exists():
            subprocess.run([*self.as_pg, initdb, "-D", str(dane), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                            "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
        self.port = wolny_port()
        # Ordinary durability (fsync and synchronous commit on): the numbers are a production's, not a
        # test run's. Memory sized for a 2-core, few-GB machine.
        opcje = (f"-p {self.port} -k {PGDIR} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB "
                 "-c work_mem=16MB -c max_connections=100")
        subprocess.run([*self.as_pg, pg_ctl, "-D", str(dane), "-l", str(PGDIR / "pg.log"), "-w", "-o", opcje,
                        "start"], check=True, stdout=subprocess.DEVNULL)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _stop(self) -> None:
        subprocess.run([*self.as_pg, self.pg_ctl, "-D", str(PGDIR / "data"), "-m", "fast", "stop"],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url_bazy(self, nazwa: str) -> str:
        czesci = urlsplit(self.url)
        return urlunsplit((czesci.scheme, czesci.netloc, f"/{nazwa}", czesci.query, czesci.fragment))

    def _psql(self, sql: str, baza: str = "postgres"):
        import psycopg2

        conn = psycopg2.connect(self.url_bazy(baza))
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def istnieje(self, nazwa: str) -> bool:
        return bool(self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{nazwa}'"))

    def utworz(self, nazwa: str) -> None:
        self._psql(f'DROP DATABASE IF EXISTS "{nazwa}"')
        self._psql(f'CREATE DATABASE "{nazwa}"')

    def wersja(self) -> str:
        return self._psql("SHOW server_version")[0][0]


class Redis:
    """Redis for the cache and the Celery broker: REDIS_URL, or our own on a free port."""

    def __init__(self):
        self.url = os.environ.get("REDIS_URL", "")
        self.proces = None

    def __enter__(self):
        if not self.url and shutil.which("redis-server"):
            port = wolny_port()
            self.proces = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                            "--appendonly", "no"], stdout=subprocess.DEVNULL)
            self.url = f"redis://127.0.0.1:{port}/0"
            for _ in range(50):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        if self.proces is not None:
            self.proces.terminate()
            self.proces.wait(timeout=10)
        return False


def env_django(url_bazy: str, redis_url: str, **dodatkowe) -> dict:
    """The environment of every Django process of the bench (gunicorn, workers, stage processes)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update({
        "DEBUG": "False",
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "DATABASE_URL": url_bazy,
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or env.get("SECRET_KEY") or secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(PRACA / "media"),
        "PYTHONPATH": str(ROOT),
        "AXES_FAILURE_LIMIT": "1000",
    })
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({k: str(v) for k, v in dodatkowe.items()})
    return env


def _zatrzymaj(proces, plik) -> None:
    """Stop a server started in its own session (SIGTERM to its group, SIGKILL after 30 s), close its log."""
    if proces and proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
    plik.close()


class Gunicorn:
    """gunicorn with scripts/gunicorn.conf.py (its worker count: 2 × cores + 1), bench settings and the
    query-count middleware, on a free loopback port."""

    def __init__(self, env: dict, log: Path):
        self.env = {**env, "BENCH_ZAPYTANIA": "1"}
        self.port = wolny_port()
        self.env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        self.log = log
        self.proces = None

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.plik = open(self.log, "ab")  # noqa: SIM115
        self.proces = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "scripts" / "gunicorn.conf.py"), "--access-logfile",
             "/dev/null", "doradztwo.wsgi"],
            cwd=ROOT, env=self.env, stdout=self.plik, stderr=subprocess.STDOUT, start_new_session=True)
        koniec = time.monotonic() + 60
        while time.monotonic() < koniec:
            if self.proces.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proces.returncode}); see {self.log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start in 60 s; see {self.log}")

    def __exit__(self, *exc):
        _zatrzymaj(self.proces, self.plik)
        return False

    @property
    def workers(self) -> int:
        import multiprocessing

        return int(self.env.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)


class Celery:
    """A Celery worker with `--concurrency=n` (prefork processes)."""

    def __init__(self, env: dict, n: int, log: Path):
        self.env, self.n, self.log = env, n, log

    def __enter__(self):
        self.plik = open(self.log, "ab")  # noqa: SIM115
        self.proces = subprocess.Popen(
            [str(BIN / "celery"), "-A", "doradztwo", "worker", f"--concurrency={self.n}", "--loglevel=WARNING",
             "-P", "prefork", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=self.plik, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def __exit__(self, *exc):
        _zatrzymaj(self.proces, self.plik)
        return False


def maszyna() -> dict:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for linia in Path("/proc/cpuinfo").read_text().splitlines():
            if linia.startswith("model name"):
                cpu = linia.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pamiec = 0
    try:
        for linia in Path("/proc/meminfo").read_text().splitlines():
            if linia.startswith("MemTotal"):
                pamiec = int(linia.split()[1]) * 1024
    except OSError:
        pass
    return {"cpu": cpu or platform.processor(), "rdzenie": os.cpu_count(), "pamiec_b": pamiec,
            "system": f"{platform.system()} {platform.release()}", "python": platform.python_version()}


def _cpu() -> tuple[int, int]:
    pola = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return pola[3] + pola[4], sum(pola)  # idle + iowait, total


def wolny_cpu(okres_s: float = 2.0) -> float | None:
    """The share of CPU time no process used over `okres_s` (1.0 = an idle machine)."""
    try:
        idle0, total0 = _cpu()
        time.sleep(okres_s)
        idle1, total1 = _cpu()
    except OSError:
        return None
    return round((idle1 - idle0) / max(total1 - total0, 1), 3)


def czekaj_na_cisze(limit_s: float, prog: float = 0.85) -> dict:
    """Before a stage: wait (up to `limit_s`) until other processes leave the CPU mostly idle, so the
    stage does not measure someone else's work. Returns what was seen; the stage's JSON keeps it."""
    start = time.monotonic()
    wolne = wolny_cpu()
    while wolne is not None and wolne < prog and time.monotonic() - start < limit_s:
        time.sleep(3)
        wolne = wolny_cpu()
    return {"cpu_wolne_przed": wolne, "czekano_s": round(time.monotonic() - start, 1),
            "obciazenie_1min": round(os.getloadavg()[0], 2)}
