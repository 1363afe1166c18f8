"""Personal data held by raporty (found by `doradztwo.rodo`): final reports where the person is the
contact person or the interviewee, report texts they last edited, publications they confirmed.

Anonymising removes the person as a report's contact (name, e-mail, phone, consent) and as a
publication's contact; a published good practice whose text or contact named them loses its stored
PDF, which is rendered again after the anonymisation commits."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from doradztwo.rodo import Dostawca, Osoba, Sekcja, zarejestruj
from raporty.models import PytanieWywiadu, RaportKoncowy, SekcjaRaportu


def _raporty_osoby(osoba: Osoba):
    warunek = Q(pk__in=[])
    if osoba.imie_nazwisko:
        warunek |= Q(kontakt_imie_nazwisko__iexact=osoba.imie_nazwisko) | Q(rozmowca__iexact=osoba.imie_nazwisko)
    if osoba.email:
        warunek |= Q(kontakt_email__iexact=osoba.email)
    return RaportKoncowy.objects.filter(warunek).select_related("udzial__jst").order_by("pk")


def _kontakt(osoba: Osoba, raport: RaportKoncowy) -> bool:
    return bool((osoba.email and raport.kontakt_email.strip().lower() == osoba.email.lower())
                or (osoba.imie_nazwisko and raport.kontakt_imie_nazwisko.strip().lower()
                    == osoba.imie_nazwisko.lower()))


def zbierz(osoba: Osoba) -> list[Sekcja]:
    from raporty.models import Publikacja

    u = osoba.uzytkownik
    raporty = list(_raporty_osoby(osoba))
    sekcje = [Sekcja("raporty_kontakt", _("Raporty końcowe: osoba do kontaktu lub rozmówca"), [
        ("jst", _("JST")), ("tytul", _("Tytuł")), ("rola", _("Rola")), ("funkcja", _("Funkcja")),
        ("email", _("E-mail")), ("telefon", _("Telefon")), ("zgoda", _("Zgoda na publikację")),
    ], [{"jst": r.udzial.jst.nazwa_pelna, "tytul": r.tytul,
         "rola": _("osoba do kontaktu") if _kontakt(osoba, r) else _("rozmówca"),
         "funkcja": r.kontakt_funkcja if _kontakt(osoba, r) else r.rozmowca_funkcja,
         "email": r.kontakt_email if _kontakt(osoba, r) else "",
         "telefon": r.kontakt_telefon if _kontakt(osoba, r) else "",
         "zgoda": r.kontakt_zgoda if _kontakt(osoba, r) else r.rozmowca_zgoda} for r in raporty])]
    teksty = [{"jst": s.raport.udzial.jst.nazwa_pelna, "miejsce": s.klucz, "tresc": s.tresc, "zmieniona": s.zmieniona}
              for s in SekcjaRaportu.objects.filter(zmienil=u).select_related("raport__udzial__jst").order_by("pk")]
    teksty += [{"jst": p.raport.udzial.jst.nazwa_pelna, "miejsce": p.pytanie, "tresc": p.odpowiedz,
                "zmieniona": p.zmienione}
               for p in PytanieWywiadu.objects.filter(zmienil=u).select_related("raport__udzial__jst").order_by("pk")]
    sekcje.append(Sekcja("raporty_teksty", _("Teksty raportów końcowych (ostatnio zmienione przez tę osobę)"), [
        ("jst", _("JST")), ("miejsce", _("Sekcja lub pytanie")), ("tresc", _("Treść")), ("zmieniona", _("Zmieniona")),
    ], teksty))
    sekcje.append(Sekcja("publikacje", _("Potwierdzone publikacje dobrych praktyk"), [
        ("tytul", _("Tytuł")), ("jst", _("JST")), ("kiedy", _("Data publikacji")),
    ], [{"tytul": p.tytul, "jst": p.nazwa_jst, "kiedy": p.opublikowana_kiedy}
        for p in Publikacja.objects.filter(potwierdzil=u).order_by("opublikowana_kiedy", "pk")]))
    return sekcje


def _kontakt_publikacji(osoba: Osoba, kontakt: dict) -> bool:
    return bool((osoba.email and str(kontakt.get("email", "")).strip().lower() == osoba.email.lower())
                or (osoba.imie_nazwisko and str(kontakt.get("imie_nazwisko", "")).strip().lower()
                    == osoba.imie_nazwisko.lower()))


def anonimizuj(osoba: Osoba) -> None:
    """The person stops being a contact person (their consent no longer stands); an interviewee's
    name becomes the pseudonym through the scrub."""
    from raporty.models import Publikacja

    for raport in _raporty_osoby(osoba):
        if _kontakt(osoba, raport):
            RaportKoncowy.objects.filter(pk=raport.pk).update(kontakt_imie_nazwisko="", kontakt_email="",
                                                              kontakt_telefon="", kontakt_zgoda=False)
    # A publication printing the person: no contact any more, and its stored PDF is made again.
    odswiez_pdf = []
    for p in Publikacja.objects.only("pk", "kontakt", "tresc", "lead", "tytul", "plik_pdf").order_by("pk"):
        kontakt = p.kontakt or {}
        jej_kontakt = _kontakt_publikacji(osoba, kontakt)
        if jej_kontakt:
            Publikacja.objects.filter(pk=p.pk).update(kontakt={})
        teksty = [p.tytul, p.lead, *map(str, (p.tresc or {}).values()), *map(str, kontakt.values())]
        if p.plik_pdf and (jej_kontakt or any(osoba.wspomniana_w(t) for t in teksty)):
            odswiez_pdf.append(p)
    if not odswiez_pdf:
        return
    storage = Publikacja._meta.get_field("plik_pdf").storage
    stare = [p.plik_pdf.name for p in odswiez_pdf]
    ids, actor = [p.pk for p in odswiez_pdf], osoba.actor
    Publikacja.objects.filter(pk__in=ids).update(plik_pdf="")

    def odswiez():
        from django.core.exceptions import ValidationError

        from doradztwo.zadania import BrakDostepu
        from raporty.publikacja import publikacja_zlec_pdf

        for nazwa in stare:
            storage.delete(nazwa)
        if actor is None:
            return
        for publikacja in Publikacja.objects.filter(pk__in=ids, opublikowana=True):
            try:
                publikacja_zlec_pdf(publikacja=publikacja, actor=actor)
            except (BrakDostepu, ValidationError):
                continue  # the coordinator's "prepare the PDF again" stays available

    transaction.on_commit(odswiez)


zarejestruj(Dostawca(aplikacja="raporty", zbierz=zbierz, zachowane=lambda osoba: [], anonimizuj=anonimizuj,
                     kolejnosc=40))
