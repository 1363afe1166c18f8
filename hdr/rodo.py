"""Personal data held by hdr (found by `doradztwo.rodo`): actions the person is responsible for, HDR
versions they created, actions they edited and progress updates they wrote. No retention of names:
the plan is the JST's; after an anonymisation the rows stay under the pseudonym, and names typed into
"osoba odpowiedzialna spoza zespołu", "autor raportu" or notes are replaced by the systematic scrub."""

from django.db.models import Q
from django.utils.translation import gettext as _

from doradztwo.rodo import Dostawca, Osoba, Sekcja, zarejestruj
from hdr.models import Dzialanie, Postep, WersjaHdr


def zbierz(osoba: Osoba) -> list[Sekcja]:
    u = osoba.uzytkownik
    dzialania = (Dzialanie.objects.filter(Q(wlasciciel__uzytkownik=u) | Q(zmienil=u))
                 .select_related("wersja_hdr__hdr__udzial__jst", "wlasciciel").order_by("wersja_hdr", "od", "pk"))
    sekcje = [Sekcja("dzialania", _("Działania HDR (odpowiedzialność lub ostatnia zmiana)"), [
        ("jst", _("JST")), ("wersja", _("Wersja HDR")), ("nazwa", _("Działanie")), ("od", _("Początek")),
        ("do", _("Koniec")), ("odpowiada", _("Osoba odpowiedzialna")), ("zmienil", _("Ostatnio zmienione")),
    ], [{"jst": d.wersja_hdr.hdr.udzial.jst.nazwa_pelna, "wersja": d.wersja_hdr.numer, "nazwa": d.nazwa,
         "od": d.od, "do": d.do, "odpowiada": bool(d.wlasciciel_id and d.wlasciciel.uzytkownik_id == u.pk),
         "zmienil": d.zmienil_id == u.pk} for d in dzialania])]
    sekcje.append(Sekcja("wersje_hdr", _("Utworzone wersje HDR"), [
        ("jst", _("JST")), ("numer", _("Numer")), ("stan", _("Stan")), ("utworzona", _("Utworzona")),
        ("powod", _("Powód zmiany")),
    ], [{"jst": w.hdr.udzial.jst.nazwa_pelna, "numer": w.numer, "stan": w.stan, "utworzona": w.utworzona,
         "powod": w.powod_zmiany}
        for w in WersjaHdr.objects.filter(utworzyl=u).select_related("hdr__udzial__jst").order_by("utworzona", "pk")]))
    sekcje.append(Sekcja("postepy", _("Aktualizacje postępu działań"), [
        ("jst", _("JST")), ("data", _("Data")), ("status", _("Status")), ("postep", _("Postęp (%)")),
        ("wartosc", _("Wartość osiągnięta")), ("notatka", _("Notatka")),
    ], [{"jst": p.hdr.udzial.jst.nazwa_pelna, "data": p.data, "status": p.get_status_display(),
         "postep": p.postep, "wartosc": p.wartosc_aktualna, "notatka": p.notatka}
        for p in Postep.objects.filter(autor=u).select_related("hdr__udzial__jst").order_by("data", "pk")]))
    return sekcje


zarejestruj(Dostawca(aplikacja="hdr", zbierz=zbierz, zachowane=lambda osoba: [], kolejnosc=30))
