"""The sections of each form of the final report (domain-details §4.4–4.6).

A section is (key, title, guiding text). Keys are stored in `SekcjaRaportu.klucz` and used as
comment-thread section names; never rename a key once reports use it (titles may change)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hdr.models import FormaRaportu


@dataclass(frozen=True)
class Sekcja:
    klucz: str
    tytul: str
    pomoc: str = ""
    publiczna: bool = True  # part of the published copy
    pytania: tuple = ()  # guiding questions shown as help (the ORID stages)


DOBRA_PRAKTYKA = (
    Sekcja("lokalny_system", _("1. Charakterystyka lokalnego systemu"),
           _("JST, jej szkoły i placówki, uczniowie, najważniejsze liczby.")),
    Sekcja("problem", _("2. Problem, który był powodem wdrożenia innowacji"),
           _("Co było nie tak przed wdrożeniem? Jak to stwierdziliście (diagnoza, dane)?")),
    Sekcja("rozwiazanie", _("3. Na czym polega zastosowane rozwiązanie?"),
           _("Opis rozwiązania tak, by inna JST mogła je zrozumieć.")),
    Sekcja("kto_kiedy", _("4. Kto, kiedy i co zrobił?"),
           _("Najważniejsze działania z HDR: osoby, terminy, kolejność.")),
    Sekcja("efekty", _("5. Jakie efekty osiągnięto?"),
           _("Wartości wskaźników przed i po, zmiany zauważone przez szkoły i mieszkańców.")),
    Sekcja("koszt", _("6. Ile to kosztowało?"),
           _("Koszty finansowe i czas pracy; źródła finansowania.")),
    Sekcja("dlaczego", _("7. Dlaczego warto promować to rozwiązanie?")),
    Sekcja("replikacja", _("8. Zalecenia dotyczące replikacji"),
           _("Co musi się wydarzyć, by rozwiązanie zadziałało w innej JST? Czego unikać?")),
)

STUDIUM_REFLEKSJI = (
    Sekcja("obiektywny", _("Etap obiektywny (fakty)"),
           _("Co zrobiliśmy, co się wydarzyło, jakie mamy liczby? Bez opinii na tym etapie."),
           pytania=(_("Jakie działania z HDR zrealizowaliśmy i kiedy?"),
                    _("Kto brał w nich udział?"),
                    _("Co widzieliśmy i słyszeliśmy — jakie fakty są dla wszystkich oczywiste?"),
                    _("Jakie liczby mamy przed i po (wskaźniki, frekwencja, terminy)?"))),
    Sekcja("refleksyjny", _("Etap refleksyjny (reakcje)"),
           _("Co nas zaskoczyło, ucieszyło, zniechęciło? Jakie były pierwsze reakcje?"),
           pytania=(_("Co nas zaskoczyło?"),
                    _("Co nas ucieszyło lub dodało energii?"),
                    _("Co nas zniechęciło lub zirytowało?"),
                    _("Jak reagowali dyrektorzy, nauczyciele, rodzice?"))),
    Sekcja("interpretacyjny", _("Etap interpretacyjny (znaczenie)"),
           _("Co naprawdę się działo? Co pomogło, co przeszkadzało, czego się nauczyliśmy?"),
           pytania=(_("Co naprawdę się działo — jak to rozumiemy?"),
                    _("Co pomogło, a co przeszkadzało?"),
                    _("Czego się nauczyliśmy jako zespół i jako JST?"),
                    _("Dlaczego to jest ważne dla lokalnej oświaty?"))),
    Sekcja("decyzyjny", _("Etap decyzyjny (decyzje)"),
           _("Co będziemy robić dalej, co kontynuować, co zmienić?"),
           pytania=(_("Co kontynuujemy?"),
                    _("Co zmieniamy lub przestajemy robić?"),
                    _("Jakie są nasze następne kroki, kto i do kiedy?"))),
    Sekcja("rekomendacje", _("Co rekomendujemy innym JST"),
           _("Rady dla JST, które chcą przejść podobną drogę: od czego zacząć, czego unikać.")),
)

MINIREPORTAZ = (
    Sekcja("lead", _("Lead"), _("Dwa–trzy zdania zachęcające do lektury.")),
    Sekcja("scena", _("Scena"), _("Konkretna chwila w JST, od której zaczyna się opowieść.")),
    Sekcja("narracja", _("Opowieść o procesie"), _("Diagnoza → HDR → wdrożenie: co i jak się zmieniało.")),
    Sekcja("fakty", _("Ramka z faktami"), _("Obszar, okres, wskaźniki przed i po.")),
)

SEKCJE = {
    FormaRaportu.DOBRA_PRAKTYKA: DOBRA_PRAKTYKA,
    FormaRaportu.STUDIUM_REFLEKSJI: STUDIUM_REFLEKSJI,
    FormaRaportu.MINIREPORTAZ: MINIREPORTAZ,
}


def sekcje(forma: str) -> tuple[Sekcja, ...]:
    return SEKCJE.get(forma, ())


def sekcja(forma: str, klucz: str) -> Sekcja | None:
    """The definition of one section of the form, or None for a key the form does not have."""
    return next((s for s in sekcje(forma) if s.klucz == klucz), None)
