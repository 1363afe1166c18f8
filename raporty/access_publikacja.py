"""Doors to publications: the coordinator's screen goes through the participation (CONVENTIONS §3:
outsider 404, another role 403); the public library sees published copies only — an unpublished or
unknown id is 404 for everyone."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from jst.access import get_udzial_for_user
from jst.models import Udzial
from raporty.models import Publikacja, RaportKoncowy, ZdjeciePublikacji


def get_raport_do_publikacji(user, pk) -> tuple[Udzial, RaportKoncowy | None, Publikacja | None]:
    """The participation, its final report (None when not started) and its publication (None when
    never published). Only the edition's coordinators and administrators; team and advisers 403."""
    udzial, _rola = get_udzial_for_user(user, pk, coordinator=True)
    raport = RaportKoncowy.objects.filter(udzial=udzial).first()
    publikacja = None
    if raport is not None:
        publikacja = Publikacja.objects.select_related("potwierdzil", "obszar").filter(raport=raport).first()
    return udzial, raport, publikacja


def opublikowane() -> QuerySet[Publikacja]:
    return Publikacja.objects.filter(opublikowana=True)


def get_publikacja_publiczna(pk) -> Publikacja:
    return get_object_or_404(opublikowane().select_related("obszar"), pk=pk)


def get_zdjecie_publiczne(publikacja: Publikacja, pk) -> ZdjeciePublikacji:
    return get_object_or_404(ZdjeciePublikacji, publikacja=publikacja, pk=pk)
