"""Demo step for diagnoza/: sheets of both editions (CONVENTIONS §5, issue 5).

Written directly (not through services) so the seed sends no notification or e-mail."""

from django.contrib.contenttypes.models import ContentType

from diagnoza.models import Arkusz, ArkuszEdycji, Odpowiedz, PytanieSzablonu, WersjaSzablonu, WyborObszaru
from doradztwo.models import Obszar, ZmianaStanu

POWOD_B = "uzupełnienie po spotkaniu 1"


def _answers(arkusz, pytania, autor, limit=None, seed=0):
    existing = set(Odpowiedz.objects.filter(arkusz=arkusz).values_list("pytanie_id", flat=True))
    rows = []
    for i, p in enumerate(pytania[:limit] if limit else pytania):
        if p.pk in existing:
            continue
        value = 1 + (i * 7 + seed + p.sekcja.kolejnosc * 3) % 4
        rows.append(Odpowiedz(arkusz=arkusz, pytanie=p, wartosc=None if i % 17 == 5 else value,
                              nie_wiem=i % 17 == 5, autor=autor))
    Odpowiedz.objects.bulk_create(rows)


def _state(arkusz, changes, kto):
    ct = ContentType.objects.get_for_model(Arkusz)
    if ZmianaStanu.objects.filter(typ_obiektu=ct, id_obiektu=str(arkusz.pk)).exists():
        return
    previous = "robocza"
    for akcja, na, powod in changes:
        ZmianaStanu.objects.create(typ_obiektu=ct, id_obiektu=str(arkusz.pk), pole="stan", z_stanu=previous,
                                   na_stan=na, akcja=akcja, kto=kto(akcja), powod=powod)
        previous = na
    Arkusz.objects.filter(pk=arkusz.pk).update(stan=previous)


def run(stdout, world: dict) -> dict:
    users, udzialy = world["users"], world["udzialy"]
    wersja = WersjaSzablonu.objects.filter(stan="opublikowana", szablon__nazwa__startswith="Arkusz diagnostyczny") \
        .order_by("numer").first()
    if wersja is None:
        stdout.write("demo: no published sheet template — sheets skipped")
        return {}
    for key in ("edycja_2022", "edycja_biezaca"):
        ArkuszEdycji.objects.get_or_create(edycja=world[key], defaults={"wersja": wersja})
    pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).select_related("sekcja")
                   .order_by("sekcja__kolejnosc", "kolejnosc"))
    obszary = {o.kod: o for o in Obszar.objects.all()}

    def sheet(code):
        arkusz, _ = Arkusz.objects.get_or_create(udzial=udzialy[code], czlonek=None,
                                                 defaults={"wersja_szablonu": wersja})
        return arkusz

    a, b = sheet("0201"), sheet("2609022")
    _answers(a, pytania, users["jst-a-lider"], seed=1)
    _answers(b, pytania, users["jst-b-lider"], seed=2)
    lider = {"zloz": users["jst-a-lider"]}
    _state(a, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", "")],
           lambda akcja: lider.get(akcja, users["koordynator"]))
    _state(b, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", ""), ("otworz", "robocza", POWOD_B)],
           lambda akcja: users["jst-b-lider"] if akcja == "zloz" else users["koordynator"])
    WyborObszaru.objects.get_or_create(udzial=udzialy["0201"], defaults={
        "obszar": obszary["zarzadzanie"], "kto": users["jst-a-lider"],
        "uzasadnienie": "Najniższe wyniki w obszarze zarządzania oświatą; chcemy uporządkować procedury i obieg "
                        "informacji między wydziałem a dyrektorami."})
    WyborObszaru.objects.get_or_create(udzial=udzialy["2609022"], defaults={
        "obszar": obszary["budzet"], "kto": users["jst-b-lider"],
        "uzasadnienie": "Planowanie budżetu oświaty to dla gminy największe wyzwanie; dyrektorzy chcą "
                        "uczestniczyć w nim od początku."})
    # Other 2022/2023 JSTs past the sheet stage: complete, approved sheets.
    for code, udzial in udzialy.items():
        if udzial.edycja_id == world["edycja_2022"].pk and code not in ("0201", "2609022") \
                and udzial.numer_etapu >= 2:
            s = sheet(code)
            _answers(s, pytania, users["admin"], seed=len(code))
            _state(s, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", "")], lambda akcja: users["admin"])
    # The current edition: six open sheets, two partly filled.
    for i, (code, udzial) in enumerate((c, u) for c, u in udzialy.items() if u.edycja_id == world["edycja_biezaca"].pk):
        s = sheet(code)
        if i < 2:
            _answers(s, pytania, users["admin"], limit=20 + 10 * i, seed=i)
    stdout.write("demo: diagnostic sheets ready")
    return {}
