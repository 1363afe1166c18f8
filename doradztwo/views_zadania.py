"""The job page (polled by htmx), the result file, and "spróbuj ponownie"."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doradztwo import zadania
from doradztwo.access import get_zadanie_for_user


@require_GET
def zadanie(request, pk):
    job = get_zadanie_for_user(request.user, pk)
    return render(request, "doradztwo/zadania/zadanie.html", {"zadanie": job})


def serve_result(job) -> FileResponse:
    try:
        handle = job.plik.open("rb")
    except FileNotFoundError:  # storage not shared with the worker, or the file was removed
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=job.nazwa_pliku or "plik.pdf",
                            content_type="application/pdf" if job.nazwa_pliku.endswith(".pdf") else None)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def plik(request, pk):
    job = get_zadanie_for_user(request.user, pk)
    kind = zadania.REJESTR.get(job.rodzaj)
    if not job.zakonczone_ok or kind is None:
        raise Http404
    if not kind.ma_dostep(request.user, job.parametry):  # the right to the data may have ended since
        raise Http404
    return serve_result(job)


@require_POST
def ponow(request, pk):
    job = get_zadanie_for_user(request.user, pk)
    try:
        nowe = zadania.zadanie_ponow(zadanie=job, actor=request.user)
    except zadania.BrakDostepu:
        messages.error(request, _("Nie masz już dostępu do tych danych."))
        return redirect("zadania:zadanie", pk=job.pk)
    return redirect("zadania:zadanie", pk=nowe.pk)


def strona_pliku(request, rodzaj: str, parametry: dict, *, dostepny: bool, szablon: str, kontekst: dict):
    """The shared flow of every "file made by a job" URL once access is settled (CONVENTIONS §3):
    POST starts the job and goes to its page; GET serves the stored current file, or goes to the
    job the same user already started, or shows `szablon` with a "Przygotuj PDF" button.
    `dostepny` False: nothing to make yet (no job either)."""
    if request.method == "POST" and dostepny:
        job = zadania.zadanie_zlec(rodzaj=rodzaj, parametry=parametry, actor=request.user)
        return redirect("zadania:zadanie", pk=job.pk)
    if dostepny:
        gotowe = zadania.aktualny_plik(rodzaj, parametry)
        if gotowe is not None:
            return serve_result(gotowe)
    w_toku = zadania.trwajace(rodzaj, parametry) if dostepny else None
    if w_toku is not None and (w_toku.zlecajacy_id == request.user.pk or request.user.is_superuser):
        return redirect("zadania:zadanie", pk=w_toku.pk)
    return render(request, szablon, {**kontekst, "dostepny": dostepny, "w_toku": w_toku})
