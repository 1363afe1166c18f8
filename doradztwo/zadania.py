"""Background jobs (`Zadanie`): created by a POST, run by a worker with progress, a stored result
file reused while its source data is unchanged, access re-checked before anything is produced.

A kind of job is a `RodzajZadania` registered under a name: `ma_dostep(user, parametry)`,
`klucz_danych(parametry)` (a digest of the data the file comes from) and `wykonaj(zadanie, postep)`
returning `(file name, bytes)`."""

import datetime
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doradztwo.audit import audit
from doradztwo.models import Zadanie
from doradztwo.outbox import kolejkuj_zadanie

log = logging.getLogger(__name__)


class BladPrzejsciowy(Exception):
    """A passing fault (database hiccup, storage busy): the task retries with backoff."""


class BrakDostepu(Exception):
    pass


@dataclass(frozen=True)
class RodzajZadania:
    nazwa: str
    ma_dostep: Callable[..., bool]
    klucz_danych: Callable[[dict], str]
    wykonaj: Callable[..., tuple[str, bytes]]


REJESTR: dict[str, RodzajZadania] = {}


def zarejestruj(rodzaj: RodzajZadania) -> RodzajZadania:
    REJESTR[rodzaj.nazwa] = rodzaj
    return rodzaj


def skrot(*parts) -> str:
    """A stable digest of the data a file is made from."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def aktualny_plik(rodzaj: str, parametry: dict) -> Zadanie | None:
    """The finished job whose file still matches the data (None when the data changed since)."""
    klucz = REJESTR[rodzaj].klucz_danych(parametry)
    return (Zadanie.objects.filter(rodzaj=rodzaj, klucz_danych=klucz, status=Zadanie.Status.GOTOWE)
            .exclude(plik="").order_by("-zakonczone").first())


ZAWIESZONE_PO = datetime.timedelta(minutes=10)  # longer than CELERY_TASK_TIME_LIMIT


def trwajace(rodzaj: str, parametry: dict) -> Zadanie | None:
    """A job of this kind and parameters still running (one that hung is not "running")."""
    return (Zadanie.objects.filter(rodzaj=rodzaj, parametry=parametry, utworzone__gte=timezone.now() - ZAWIESZONE_PO,
                                   status__in=[Zadanie.Status.OCZEKUJE, Zadanie.Status.W_TOKU])
            .order_by("-utworzone").first())


def wznow_zawieszone() -> int:
    """Beat: a job left waiting or running after a lost message or a killed worker is queued again
    (up to three tries), otherwise it ends as an error the user can retry."""
    stale = list(Zadanie.objects.filter(status__in=[Zadanie.Status.OCZEKUJE, Zadanie.Status.W_TOKU],
                                        utworzone__lt=timezone.now() - ZAWIESZONE_PO)[:100])
    for job in stale:
        if job.proby >= 3:
            _fail(job.pk, RuntimeError("stuck"))
            continue
        with transaction.atomic():
            if Zadanie.objects.filter(pk=job.pk, status=job.status).update(
                    status=Zadanie.Status.OCZEKUJE, utworzone=timezone.now()) == 1:
                kolejkuj_zadanie(job.pk)
    return len(stale)


@transaction.atomic
def zadanie_zlec(*, rodzaj: str, parametry: dict, actor) -> Zadanie:
    """Start a job (or return the one already running, or the stored result if the data is unchanged)."""
    kind = REJESTR.get(rodzaj)
    if kind is None or not kind.ma_dostep(actor, parametry):
        raise BrakDostepu
    gotowe = aktualny_plik(rodzaj, parametry)
    if gotowe is not None:
        if gotowe.zlecajacy_id == actor.pk:
            return gotowe
        # The same data rendered for someone else: reuse the stored file, under this user's own job.
        now = timezone.now()
        kopia = Zadanie.objects.create(
            rodzaj=rodzaj, zlecajacy=actor, parametry=parametry, status=Zadanie.Status.GOTOWE, postep=100,
            plik=gotowe.plik.name, nazwa_pliku=gotowe.nazwa_pliku, klucz_danych=gotowe.klucz_danych,
            rozpoczete=now, zakonczone=now,
        )
        audit(actor, "zadanie.plik_ponownie_uzyty", kopia, {"z_zadania": gotowe.pk})
        return kopia
    w_toku = trwajace(rodzaj, parametry)
    if w_toku is not None and w_toku.zlecajacy_id == actor.pk:
        return w_toku
    zadanie = Zadanie.objects.create(rodzaj=rodzaj, zlecajacy=actor, parametry=parametry)
    kolejkuj_zadanie(zadanie.pk)
    audit(actor, "zadanie.zlecone", zadanie, {"rodzaj": rodzaj, "parametry": parametry})
    return zadanie


@transaction.atomic
def zadanie_ponow(*, zadanie: Zadanie, actor) -> Zadanie:
    """"Spróbuj ponownie": a new job with the same parameters."""
    return zadanie_zlec(rodzaj=zadanie.rodzaj, parametry=zadanie.parametry, actor=actor)


def _ustaw(zadanie_id: int, **fields) -> None:
    Zadanie.objects.filter(pk=zadanie_id).update(**fields)


# Test-only hook (doradztwo/tests/test_awarie.py), never set in production: with this variable
# naming a directory, a claimed job writes `zadanie-<id>-proba-<n>` there (the worker's pid) and waits
# (at most 2 minutes) for `zadanie-<id>.dalej`, so a test can kill the worker in the middle of a job.
TEST_WSTRZYMAJ_ENV = "DORADZTWO_TEST_WSTRZYMAJ_ZADANIE"
MAX_PROB = 3


def _test_wstrzymaj(zadanie_id: int, proba: int) -> None:
    katalog = os.environ.get(TEST_WSTRZYMAJ_ENV)
    if not katalog:
        return
    znacznik = Path(katalog) / f"zadanie-{zadanie_id}-proba-{proba}"
    znacznik.with_suffix(".tmp").write_text(str(os.getpid()))
    znacznik.with_suffix(".tmp").rename(znacznik)
    koniec = time.monotonic() + 120
    while not (Path(katalog) / f"zadanie-{zadanie_id}.dalej").exists() and time.monotonic() < koniec:
        time.sleep(0.1)


def _ponowne_doreczenie() -> bool:
    """True when Celery delivers this job's message again because the worker that had it died
    (task_acks_late + task_reject_on_worker_lost, or the broker's visibility timeout, which outlasts
    CELERY_TASK_TIME_LIMIT): the job's earlier run has ended, so the job may be claimed again."""
    from celery import current_task

    request = getattr(current_task, "request", None)
    return bool(request and (getattr(request, "delivery_info", None) or {}).get("redelivered"))


def wykonaj(zadanie_id: int) -> str:
    """Run a job once. Claimed with a conditional UPDATE, so a duplicate delivery does nothing; a
    redelivery after a killed worker takes over the job that worker left running (up to MAX_PROB
    runs in all, so a job that kills its worker every time ends as an error, not a loop)."""
    now = timezone.now()
    statusy = [Zadanie.Status.OCZEKUJE]
    if _ponowne_doreczenie():
        statusy.append(Zadanie.Status.W_TOKU)
    claimed = Zadanie.objects.filter(pk=zadanie_id, status__in=statusy).update(
        status=Zadanie.Status.W_TOKU, rozpoczete=now, postep=1)
    if claimed != 1:
        return "pominiete"
    zadanie = Zadanie.objects.select_related("zlecajacy").get(pk=zadanie_id)
    if zadanie.proby >= MAX_PROB:
        _fail(zadanie_id, RuntimeError("too many attempts"))
        return "blad"
    zadanie.proby += 1
    _ustaw(zadanie_id, proby=zadanie.proby)
    kind = REJESTR.get(zadanie.rodzaj)
    try:
        if kind is None:
            raise ValueError(f"unknown job kind {zadanie.rodzaj}")
        if not zadanie.zlecajacy.is_active or not kind.ma_dostep(zadanie.zlecajacy, zadanie.parametry):
            _ustaw(zadanie_id, status=Zadanie.Status.BRAK_DOSTEPU, postep=0, zakonczone=timezone.now(),
                   komunikat=_("Brak dostępu: nie masz już uprawnień do tych danych, więc plik nie powstał."))
            return "brak_dostepu"
        klucz = kind.klucz_danych(zadanie.parametry)

        def postep(procent: int, komunikat: str = "") -> None:
            _ustaw(zadanie_id, postep=max(1, min(99, int(procent))), komunikat=komunikat)

        _test_wstrzymaj(zadanie_id, zadanie.proby)
        # A kind returns bytes, or a File (e.g. a temporary file a big export streamed into, so the
        # whole file never sits in memory).
        nazwa, tresc = kind.wykonaj(zadanie, postep)
        zadanie.plik.save(nazwa, tresc if isinstance(tresc, File) else ContentFile(tresc), save=False)
        _ustaw(zadanie_id, plik=zadanie.plik.name, nazwa_pliku=nazwa, klucz_danych=klucz, postep=100,
               status=Zadanie.Status.GOTOWE, komunikat="", zakonczone=timezone.now())
        return "gotowe"
    except (OperationalError, BladPrzejsciowy) as exc:
        if zadanie.proby >= 3:
            _fail(zadanie_id, exc)
            return "blad"
        _ustaw(zadanie_id, status=Zadanie.Status.OCZEKUJE, komunikat=_("Ponawiam po chwilowym błędzie…"))
        raise BladPrzejsciowy(str(exc)) from exc
    except Exception as exc:  # an expected failure is stored on the row and shown to the user
        log.exception("job %s failed", zadanie_id)
        _fail(zadanie_id, exc)
        return "blad"


def _fail(zadanie_id: int, exc: Exception) -> None:
    _ustaw(zadanie_id, status=Zadanie.Status.BLAD, postep=0, zakonczone=timezone.now(),
           komunikat=_("Nie udało się przygotować pliku. Spróbuj ponownie; jeśli błąd się powtórzy, "
                       "zgłoś go administratorowi."))
