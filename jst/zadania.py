"""Background jobs of jst/: the team roster (skład zespołu) as a PDF."""

from django.utils import timezone

from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from jst.access import active_assignment_q, role_in
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial

SKLAD_ZESPOLU = "sklad_zespolu"


def _udzial(parametry) -> Udzial | None:
    return Udzial.objects.select_related("jst", "edycja").filter(pk=parametry.get("udzial")).first()


def _ma_dostep(user, parametry) -> bool:
    """The roster is for the edition's coordinators and the team's leader."""
    udzial = _udzial(parametry)
    role = role_in(user, udzial) if udzial else None
    return bool(role and (role.koordynuje or role.rola.value == "lider"))


def _dane(udzial):
    czlonkowie = list(CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik")
                      .order_by("-lider", "uzytkownik__last_name", "uzytkownik__first_name"))
    przydzialy = list(PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial=udzial)
                      .select_related("doradca__uzytkownik").order_by("rola"))
    return czlonkowie, przydzialy


def _klucz(parametry) -> str:
    udzial = _udzial(parametry)
    if udzial is None:
        return ""
    czlonkowie, przydzialy = _dane(udzial)
    return skrot(
        udzial.pk, udzial.etap, udzial.stan_zespolu, udzial.jst.nazwa, timezone.localdate(),
        [(c.pk, c.wersja, c.lider, c.funkcja, c.rodzaj, c.nazwa_szkoly, c.uzytkownik.get_full_name(),
          c.uzytkownik.email, c.uzytkownik.telefon) for c in czlonkowie],
        [(p.pk, p.od, p.do, str(p.doradca), p.doradca.uzytkownik.email) for p in przydzialy],
    )


def _wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf
    from doradztwo.przeglad import etykieta_stanu_zespolu

    udzial = _udzial(zadanie.parametry)
    postep(20, "")
    czlonkowie, przydzialy = _dane(udzial)
    postep(50, "")
    pdf = render_pdf("jst/pdf/sklad_zespolu.html", {
        "udzial": udzial, "czlonkowie": czlonkowie, "przydzialy": przydzialy, "wygenerowano": timezone.now(),
        "stan_zespolu": etykieta_stanu_zespolu(udzial.stan_zespolu),
    })
    postep(90, "")
    return f"sklad-zespolu-{udzial.jst.teryt}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=SKLAD_ZESPOLU, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
