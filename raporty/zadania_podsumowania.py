"""Background jobs of the JST summary (`doradztwo.zadania`):

- "podsumowanie_jst" ({"udzial": id}): one participation's summary as a PDF, for the edition's
  coordinators and administrators, the JST's current advisers and its team. The file carries no
  private data (raporty.podsumowanie), so one stored file serves all of them.
- "podsumowania_edycji" ({"edycja": id}): a ZIP with the summary of every participation of an
  edition, for its coordinators and administrators; progress is reported per JST, and a summary
  whose stored PDF is still current is taken from that file instead of being rendered again.

The worker re-checks access (`ma_dostep`) before producing anything."""

import io
import zipfile

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doradztwo.access import role_in_edition
from doradztwo.models import Edycja
from doradztwo.zadania import RodzajZadania, aktualny_plik, skrot, zarejestruj
from jst.access import Rola, role_in
from jst.models import Udzial
from jst.rejestr import klucz_sortowania_pl
from raporty import podsumowanie

PODSUMOWANIE_JST = "podsumowanie_jst"
PODSUMOWANIA_EDYCJI = "podsumowania_edycji"


# --- One participation ------------------------------------------------------------------------


def _udzial(parametry) -> Udzial | None:
    return Udzial.objects.select_related("jst", "edycja").filter(pk=parametry.get("udzial")).first()


def moze_pobrac(rola) -> bool:
    """Coordinators, administrators, the current ROS/PRO and the team (it is their summary). A former
    adviser keeps access to their own entries only, not to the whole summary."""
    return rola is not None and rola.rola is not Rola.BYLY_DORADCA


def _ma_dostep(user, parametry) -> bool:
    udzial = _udzial(parametry)
    return udzial is not None and moze_pobrac(role_in(user, udzial))


def _klucz(parametry) -> str:
    udzial = _udzial(parametry)
    if udzial is None:
        return ""
    return skrot(PODSUMOWANIE_JST, podsumowanie.znaczniki_edycji(udzial.edycja),
                 podsumowanie.znaczniki([udzial.pk])[udzial.pk], timezone.localdate().isoformat())


def render(udzial: Udzial) -> bytes:
    """The summary PDF of one participation (workers only: WeasyPrint never runs inside a request)."""
    from doradztwo.pdf import render_pdf

    # A stored file shared by everyone while the data is unchanged: made in the project's language.
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf("pdf/podsumowanie_jst.html", {**podsumowanie.dane(udzial), "wygenerowano": timezone.now()})


def _wykonaj(zadanie, postep):
    udzial = _udzial(zadanie.parametry)
    postep(10, "")
    pdf = render(udzial)
    postep(90, "")
    return f"podsumowanie-{podsumowanie.nazwa_pliku(udzial)}", pdf


# --- Every participation of an edition, as a ZIP ------------------------------------------------


def _edycja(parametry) -> Edycja | None:
    return Edycja.objects.filter(pk=parametry.get("edycja")).first()


def _ma_dostep_edycji(user, parametry) -> bool:
    edycja = _edycja(parametry)
    return edycja is not None and role_in_edition(user, edycja) is not None


def udzialy_edycji(edycja) -> list[Udzial]:
    """The edition's participations in Polish alphabetical order of the JST names."""
    udzialy = Udzial.objects.filter(edycja=edycja).select_related("jst", "edycja")
    return sorted(udzialy, key=lambda u: (klucz_sortowania_pl(str(u.jst.nazwa_pelna)), u.jst.teryt))


def _klucz_edycji(parametry) -> str:
    edycja = _edycja(parametry)
    if edycja is None:
        return ""
    ids = list(Udzial.objects.filter(edycja=edycja).values_list("pk", flat=True))
    return skrot(PODSUMOWANIA_EDYCJI, podsumowanie.znaczniki_edycji(edycja),
                 sorted(podsumowanie.znaczniki(ids).items()), timezone.localdate().isoformat())


def _pdf_udzialu(udzial: Udzial) -> bytes:
    """A stored current summary when there is one (someone downloaded it since the last change),
    otherwise a new render."""
    gotowe = aktualny_plik(PODSUMOWANIE_JST, {"udzial": udzial.pk})
    if gotowe is not None:
        try:
            with gotowe.plik.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:  # storage not shared with this worker: render it here
            pass
    return render(udzial)


def _wykonaj_edycji(zadanie, postep):
    edycja = _edycja(zadanie.parametry)
    udzialy = udzialy_edycji(edycja)
    bufor = io.BytesIO()
    with zipfile.ZipFile(bufor, "w", compression=zipfile.ZIP_DEFLATED) as archiwum:
        for nr, udzial in enumerate(udzialy, start=1):
            with translation.override(settings.LANGUAGE_CODE):
                komunikat = _("JST %(nr)d z %(n)d: %(nazwa)s") % {
                    "nr": nr, "n": len(udzialy), "nazwa": udzial.jst.nazwa_pelna}
            postep(5 + 90 * (nr - 1) / max(len(udzialy), 1), komunikat)
            archiwum.writestr(podsumowanie.nazwa_pliku(udzial), _pdf_udzialu(udzial))
    postep(97, "")
    nazwa = slugify(edycja.nazwa.replace("ł", "l").replace("Ł", "L")) or str(edycja.pk)
    return f"podsumowania-{nazwa}.zip", bufor.getvalue()


zarejestruj(RodzajZadania(nazwa=PODSUMOWANIE_JST, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
zarejestruj(RodzajZadania(nazwa=PODSUMOWANIA_EDYCJI, ma_dostep=_ma_dostep_edycji, klucz_danych=_klucz_edycji,
                          wykonaj=_wykonaj_edycji))
