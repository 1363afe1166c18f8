"""Personal data held by diagnoza (found by `doradztwo.rodo`): the person's own sheets, the answers,
choices, indicator values and deep-diagnosis items they wrote. Nothing here is EU evidence that must
keep a name; after an anonymisation the rows stay under the pseudonym (the team's diagnosis is the
JST's work), and names typed into their texts are replaced by the systematic scrub."""

from django.utils.translation import gettext as _

from diagnoza.models import (
    Arkusz,
    Cel,
    Luka,
    ObszarZadania,
    Odpowiedz,
    Przyczyna,
    StanDocelowy,
    TabelaDanych,
    Ustalenie,
    WartoscWskaznika,
    WersjaSzablonu,
    WyborObszaru,
)
from doradztwo.rodo import Dostawca, Osoba, Sekcja, zarejestruj


def zbierz(osoba: Osoba) -> list[Sekcja]:
    u = osoba.uzytkownik
    sekcje = [Sekcja("arkusze", _("Arkusze indywidualne"), [
        ("jst", _("JST")), ("szablon", _("Szablon")), ("stan", _("Stan")), ("utworzony", _("Utworzony")),
    ], [{"jst": a.udzial.jst.nazwa_pelna, "szablon": str(a.wersja_szablonu), "stan": a.stan, "utworzony": a.utworzony}
        for a in Arkusz.objects.filter(czlonek__uzytkownik=u)
        .select_related("udzial__jst", "wersja_szablonu__szablon").order_by("utworzony", "pk")])]
    sekcje.append(Sekcja("odpowiedzi", _("Odpowiedzi w arkuszach"), [
        ("jst", _("JST")), ("pytanie", _("Pytanie")), ("wartosc", _("Odpowiedź")), ("nie_wiem", _("Nie wiem")),
        ("zmieniona", _("Zmieniona")),
    ], [{"jst": o.arkusz.udzial.jst.nazwa_pelna, "pytanie": o.pytanie.tresc, "wartosc": o.wartosc,
         "nie_wiem": o.nie_wiem, "zmieniona": o.zmieniona}
        for o in Odpowiedz.objects.filter(autor=u).select_related("arkusz__udzial__jst", "pytanie")
        .order_by("zmieniona", "pk")]))
    sekcje.append(Sekcja("wybor_obszaru", _("Wybór obszaru"), [
        ("jst", _("JST")), ("obszar", _("Obszar")), ("uzasadnienie", _("Uzasadnienie")),
    ], [{"jst": w.udzial.jst.nazwa_pelna, "obszar": str(w.obszar), "uzasadnienie": w.uzasadnienie}
        for w in WyborObszaru.objects.filter(kto=u).select_related("udzial__jst", "obszar").order_by("pk")]))
    sekcje.append(Sekcja("wskazniki", _("Wartości wskaźników"), [
        ("jst", _("JST")), ("wskaznik", _("Wskaźnik")), ("okres", _("Okres")), ("dane", _("Dane")),
        ("uwaga", _("Uwaga")),
    ], [{"jst": w.udzial.jst.nazwa_pelna, "wskaznik": w.wskaznik.nazwa, "okres": w.okres, "dane": w.dane,
         "uwaga": w.uwaga}
        for w in WartoscWskaznika.objects.filter(autor=u).select_related("udzial__jst", "wskaznik")
        .order_by("zmieniona", "pk")]))
    kolumny = [("rodzaj", _("Rodzaj")), ("tresc", _("Treść")), ("zmieniona", _("Zmieniona"))]
    wiersze = []
    for model, rodzaj, pole_daty in ((Ustalenie, _("ustalenie"), "zmieniona"),
                                     (StanDocelowy, _("stan docelowy"), "zmieniona"),
                                     (Przyczyna, _("przyczyna"), "zmieniona"),
                                     (Luka, _("luka rozwojowa"), "zmieniona"),
                                     (Cel, _("cel"), "zmieniony")):
        wiersze += [{"rodzaj": rodzaj, "tresc": p.tresc, "zmieniona": getattr(p, pole_daty)}
                    for p in model.objects.filter(zmienil=u).order_by("pk")]
    wiersze += [{"rodzaj": _("interpretacja i wnioski"),
                 "tresc": "\n\n".join(filter(None, [o.interpretacja, o.wnioski])), "zmieniona": o.zmieniony}
                for o in ObszarZadania.objects.filter(zmienil=u).order_by("pk")]
    wiersze += [{"rodzaj": _("tabela danych"), "tresc": f"{t.tytul}\n{t.uwagi}".strip(), "zmieniona": t.zmieniona}
                for t in TabelaDanych.objects.filter(zmienil=u).order_by("pk")]
    sekcje.append(Sekcja("diagnoza", _("Diagnoza pogłębiona i zadanie zasobowe (ostatnio zmienione przez tę osobę)"),
                         kolumny, wiersze))
    sekcje.append(Sekcja("szablony", _("Utworzone wersje szablonów arkusza"), [
        ("szablon", _("Szablon")), ("utworzona", _("Utworzona")),
    ], [{"szablon": str(w), "utworzona": w.utworzona}
        for w in WersjaSzablonu.objects.filter(utworzyl=u).select_related("szablon").order_by("pk")]))
    return sekcje


zarejestruj(Dostawca(aplikacja="diagnoza", zbierz=zbierz, zachowane=lambda osoba: [], kolejnosc=20))
