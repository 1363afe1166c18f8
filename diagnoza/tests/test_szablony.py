"""The template editor: coordinators build, reorder, preview and publish sheet templates; published
versions never change; an edition picks a published version until its first sheet exists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza import services
from diagnoza import services_szablony as edytor
from diagnoza.models import ArkuszEdycji, PytanieSzablonu, SekcjaSzablonu, SzablonArkusza, WersjaSzablonu
from doradztwo.models import Obszar, WpisAudytu
from doradztwo.tests.matrix import db_fingerprint

pytestmark = pytest.mark.django_db

SKALA = [(1, "zdecydowanie nie"), (2, "raczej nie"), (3, "raczej tak"), (4, "zdecydowanie tak")]


@pytest.fixture(autouse=True)
def _swiat(world):
    """Every test needs the personas as the world sets them up (koordynator is a coordinator there)."""
    return world


def url(name, **kwargs):
    return reverse(f"diagnoza:{name}", kwargs=kwargs)


def dane_szablonu(sekcje: int, pytan: int, nazwa: str = "Arkusz testowy") -> dict:
    return {"nazwa": nazwa, "sekcje": [
        {"obszar": "budzet", "tytul": f"Sekcja {s}",
         "pytania": [{"kod": f"s{s}-p{p}", "tresc": f"Stwierdzenie {s}.{p}"} for p in range(1, pytan + 1)]}
        for s in range(1, sekcje + 1)
    ]}


def robocza(sekcje: int = 1, pytan: int = 2, nazwa: str = "Arkusz testowy") -> WersjaSzablonu:
    return services.szablon_utworz_z_danych(dane=dane_szablonu(sekcje, pytan, nazwa), skala=SKALA, opublikuj=False)


def pytanie_post(**overrides) -> dict:
    data = {"typ": "skala", "kod": "q1", "tresc": "Treść pytania", "pomoc": "", "wymagane": "on", "nie_wiem": "on",
            "opcje": "1|nie\n2|tak", "minimum": "", "maksimum": "", "jednostka": "", "pokaz_jesli_kod": "",
            "pokaz_jesli_wartosci": ""}
    data.update(overrides)
    return data


def kody(wersja: WersjaSzablonu) -> list[str]:
    return list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja)
                .order_by("sekcja__kolejnosc", "kolejnosc").values_list("kod", flat=True))


# --- The whole flow -------------------------------------------------------------------------------


def test_a_coordinator_builds_reorders_previews_publishes_and_edits_a_new_version_without_touching_v1(
        client_as, world):
    client = client_as("koordynator")
    response = client.post(url("szablony"), {"nazwa": "Ankieta kadrowa", "opis": "Dla dyrektorów.",
                                             "tryb": "indywidualny"})
    v1 = WersjaSzablonu.objects.get(szablon__nazwa="Ankieta kadrowa")
    assert response.status_code == 302 and response.url == url("wersja", pk=v1.pk)
    assert (v1.numer, v1.stan, v1.szablon.tryb) == (1, "robocza", "indywidualny")

    budzet = Obszar.objects.get(kod="budzet")
    assert client.post(url("sekcja_dodaj", pk=v1.pk), {"tytul": "Budżet", "obszar": budzet.pk}).status_code == 302
    assert client.post(url("sekcja_dodaj", pk=v1.pk), {"tytul": "Kadry", "opis": "", "obszar": ""}).status_code == 302
    s_budzet, s_kadry = v1.sekcje.order_by("kolejnosc")
    assert s_budzet.obszar == budzet and s_kadry.obszar is None

    add = url("pytanie_dodaj", pk=v1.pk, sekcja_pk=s_budzet.pk)
    assert client.post(add, pytanie_post(kod="b1", tresc="Analizujemy wydatki.")).status_code == 302
    assert client.post(add, pytanie_post(kod="b2", typ="liczba", tresc="Ile szkół?", opcje="", minimum="0",
                                         maksimum="1000,5", jednostka="szkół")).status_code == 302
    assert client.post(add, pytanie_post(kod="b3", typ="tak_nie", tresc="Czy jest strategia?", opcje="",
                                         pokaz_jesli_kod="b1", pokaz_jesli_wartosci="2")).status_code == 302
    add_kadry = url("pytanie_dodaj", pk=v1.pk, sekcja_pk=s_kadry.pk)
    for kod, typ, opcje in (("k1", "jednokrotny", "a|Tak, w całości\nb|Częściowo"), ("k2", "wielokrotny", "x\ny"),
                            ("k3", "tekst_krotki", ""), ("k4", "tekst_dlugi", ""), ("k5", "data", "")):
        assert client.post(add_kadry, pytanie_post(kod=kod, typ=typ, opcje=opcje, tresc=f"Pytanie {kod}")
                           ).status_code == 302
    b2 = PytanieSzablonu.objects.get(sekcja__wersja=v1, kod="b2")
    assert (str(b2.minimum), str(b2.maksimum), b2.jednostka, b2.opcje) == ("0.00", "1000.50", "szkół", [])
    assert PytanieSzablonu.objects.get(sekcja__wersja=v1, kod="b3").pokaz_jesli == {"kod": "b1", "wartosci": [2]}
    assert PytanieSzablonu.objects.get(sekcja__wersja=v1, kod="k2").opcje == [["x", "x"], ["y", "y"]]

    # Reorder: Kadry to the top, b2 above b1.
    assert client.post(url("sekcja_przesun", pk=v1.pk, sekcja_pk=s_kadry.pk), {"kierunek": "gora"}).status_code == 302
    assert client.post(url("pytanie_przesun", pk=v1.pk, pytanie_pk=b2.pk), {"kierunek": "gora"}).status_code == 302
    assert kody(v1) == ["k1", "k2", "k3", "k4", "k5", "b2", "b1", "b3"]

    preview = client.get(url("wersja_podglad", pk=v1.pk))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert html.index("Pytanie k1") < html.index("Ile szkół?") < html.index("Analizujemy wydatki.")
    assert 'type="radio"' in html and 'type="checkbox"' in html and 'type="date"' in html and "<textarea" in html
    assert "zdecydowanie" not in html and ">Częściowo</label>" in html and ">szkół</span>" in html

    assert client.post(url("wersja_opublikuj", pk=v1.pk)).status_code == 302
    v1.refresh_from_db()
    assert v1.stan == "opublikowana" and v1.opublikowana is not None

    response = client.post(url("wersja_nowa", pk=v1.pk))
    v2 = WersjaSzablonu.objects.get(szablon=v1.szablon, numer=2)
    assert response.url == url("wersja", pk=v2.pk) and v2.stan == "robocza"
    assert kody(v2) == kody(v1)
    b1_v2 = PytanieSzablonu.objects.get(sekcja__wersja=v2, kod="b1")
    assert client.post(url("pytanie_edytuj", pk=v2.pk, pytanie_pk=b1_v2.pk),
                       pytanie_post(kod="b1", tresc="Co roku analizujemy wydatki.")).status_code == 302
    assert PytanieSzablonu.objects.get(sekcja__wersja=v2, kod="b1").tresc == "Co roku analizujemy wydatki."
    assert PytanieSzablonu.objects.get(sekcja__wersja=v1, kod="b1").tresc == "Analizujemy wydatki."

    akcje = set(WpisAudytu.objects.filter(kto=world["personas"]["koordynator"]).values_list("akcja", flat=True))
    assert {"szablon.utworzony", "szablon.sekcja_dodana", "szablon.pytanie_dodane", "szablon.sekcja_przesunieta",
            "szablon.pytanie_przesuniete", "szablon.wersja_opublikowana", "szablon.wersja_utworzona",
            "szablon.pytanie_zmienione"} <= akcje


def test_the_list_shows_versions_with_state_publication_and_editions_using_them(client_as, world):
    v1 = robocza(nazwa="Arkusz listy")
    v1 = services.wersja_opublikuj(wersja=v1, actor=None)
    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=v1, actor=None)
    services.edycja_ustaw_wersje(edycja=world["edycja2"], wersja=v1, actor=None)
    edytor.wersja_utworz_nowa(wersja=v1, actor=world["personas"]["koordynator"])
    response = client_as("koordynator2").get(url("szablony"))
    assert response.status_code == 200
    wersje = {w.numer: w for w in next(s for s in response.context["szablony"] if s.nazwa == "Arkusz listy").wersje.all()}
    assert (wersje[1].stan, wersje[1].liczba_edycji) == ("opublikowana", 2)
    assert (wersje[2].stan, wersje[2].liczba_edycji) == ("robocza", 0)


def test_an_empty_template_name_is_refused_next_to_the_field_and_the_description_kept(client_as):
    response = client_as("koordynator").post(url("szablony"), {"nazwa": "  ", "opis": "Mój opis", "tryb": "wspolny"})
    assert response.status_code == 200
    assert response.context["form"].errors["nazwa"] == ["Podaj nazwę szablonu."]
    assert "Mój opis" in response.content.decode()
    assert not SzablonArkusza.objects.filter(opis="Mój opis").exists()


# --- Published versions never change --------------------------------------------------------------


def test_every_edit_of_a_published_version_is_refused_and_changes_nothing(client_as):
    wersja = robocza(sekcje=2, pytan=2)
    wersja = services.wersja_opublikuj(wersja=wersja, actor=None)
    sekcja = wersja.sekcje.order_by("kolejnosc").first()
    pytanie = sekcja.pytania.order_by("kolejnosc").last()
    client = client_as("koordynator")
    before = db_fingerprint()
    posts = [
        (url("sekcja_dodaj", pk=wersja.pk), {"tytul": "Nowa"}),
        (url("sekcja_edytuj", pk=wersja.pk, sekcja_pk=sekcja.pk), {"tytul": "Zmieniona"}),
        (url("sekcja_usun", pk=wersja.pk, sekcja_pk=sekcja.pk), {}),
        (url("sekcja_przesun", pk=wersja.pk, sekcja_pk=sekcja.pk), {"kierunek": "dol"}),
        (url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk), pytanie_post(kod="nowe")),
        (url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=pytanie.pk), pytanie_post(kod=pytanie.kod, tresc="Inna")),
        (url("pytanie_usun", pk=wersja.pk, pytanie_pk=pytanie.pk), {}),
        (url("pytanie_przesun", pk=wersja.pk, pytanie_pk=pytanie.pk), {"kierunek": "gora"}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
        assert client.get(path).status_code in (403, 405), path
    assert db_fingerprint() == before


def test_a_form_posted_to_a_version_published_meanwhile_keeps_the_typed_text_and_says_why(client_as):
    wersja = robocza()
    pytanie = PytanieSzablonu.objects.filter(sekcja__wersja=wersja).first()
    wersja = services.wersja_opublikuj(wersja=wersja, actor=None)
    response = client_as("koordynator").post(url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=pytanie.pk),
                                             pytanie_post(kod=pytanie.kod, tresc="Mój nowy tekst"))
    assert response.status_code == 403
    assert "Mój nowy tekst" in response.content.decode()
    assert "Utwórz nową wersję szablonu" in response.content.decode()
    pytanie.refresh_from_db()
    assert pytanie.tresc != "Mój nowy tekst"


def test_the_published_version_page_is_read_only_with_a_new_version_button(client_as):
    wersja = robocza()
    wersja = services.wersja_opublikuj(wersja=wersja, actor=None)
    html = client_as("koordynator").get(url("wersja", pk=wersja.pk)).content.decode()
    assert url("wersja_nowa", pk=wersja.pk) in html
    assert url("sekcja_dodaj", pk=wersja.pk) not in html and "/przesun/" not in html and "/usun/" not in html


def test_only_one_draft_per_template_so_a_second_new_version_is_refused(client_as):
    v1 = robocza()
    v1 = services.wersja_opublikuj(wersja=v1, actor=None)
    client = client_as("koordynator")
    client.post(url("wersja_nowa", pk=v1.pk))
    response = client.post(url("wersja_nowa", pk=v1.pk), follow=True)
    assert "Szablon ma już wersję roboczą (wersja 2)" in response.content.decode()
    assert v1.szablon.wersje.count() == 2


def test_publishing_refuses_an_empty_version_and_an_empty_section(client_as):
    client = client_as("koordynator")
    client.post(url("szablony"), {"nazwa": "Pusty", "tryb": "wspolny"})
    wersja = WersjaSzablonu.objects.get(szablon__nazwa="Pusty")
    response = client.post(url("wersja_opublikuj", pk=wersja.pk), follow=True)
    assert "Wersja nie ma żadnego pytania." in response.content.decode()
    pelna = robocza()
    SekcjaSzablonu.objects.create(wersja=pelna, kolejnosc=9, tytul="Pusta sekcja")
    response = client.post(url("wersja_opublikuj", pk=pelna.pk), follow=True)
    assert "Sekcja „Pusta sekcja” nie ma pytań" in response.content.decode()
    assert set(WersjaSzablonu.objects.filter(pk__in=[wersja.pk, pelna.pk]).values_list("stan", flat=True)) == {
        "robocza"}


# --- Validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("zmiany", "pole", "komunikat"), [
    ({"kod": "s1-p1"}, "kod", "Pytanie o kodzie „s1-p1” już jest w tej wersji"),
    ({"kod": "zły kod"}, "kod", "Kod może zawierać tylko litery bez polskich znaków"),
    ({"pokaz_jesli_kod": "s2-p1", "pokaz_jesli_wartosci": "1"}, "pokaz_jesli_kod", "stoi dalej w arkuszu"),
    ({"pokaz_jesli_kod": "nie-ma", "pokaz_jesli_wartosci": "1"}, "pokaz_jesli_kod",
     "W tej wersji nie ma pytania o kodzie „nie-ma”"),
    ({"pokaz_jesli_kod": "s1-p1", "pokaz_jesli_wartosci": ""}, "pokaz_jesli_wartosci",
     "Podaj co najmniej jedną odpowiedź"),
    ({"pokaz_jesli_kod": "s1-p1", "pokaz_jesli_wartosci": "7"}, "pokaz_jesli_wartosci",
     "„7” nie jest możliwą odpowiedzią na pytanie „s1-p1”"),
    ({"pokaz_jesli_kod": "", "pokaz_jesli_wartosci": "1"}, "pokaz_jesli_kod", "Podaj kod pytania"),
    ({"typ": "liczba", "opcje": "", "minimum": "10", "maksimum": "5"}, "maksimum",
     "Maksimum nie może być mniejsze niż minimum."),
    ({"typ": "skala", "opcje": ""}, "opcje", "Podaj co najmniej dwie odpowiedzi"),
    ({"typ": "jednokrotny", "opcje": "tylko jedna"}, "opcje", "Podaj co najmniej dwie odpowiedzi"),
    ({"typ": "skala", "opcje": "a|źle\nb|dobrze"}, "opcje", "wartość punktu skali musi być liczbą całkowitą"),
    ({"typ": "skala", "opcje": "1|nie\n1|tak"}, "opcje", "wartość „1” już jest na liście"),
    ({"typ": "liczba", "opcje": "", "minimum": "dużo"}, "minimum", "Wpisz liczbę"),
    ({"typ": "liczba", "opcje": "", "maksimum": "1e999"}, "maksimum", ""),
    ({"typ": "nieznany"}, "typ", "Wybierz typ pytania z listy."),
    ({"tresc": "   "}, "tresc", "Podaj treść pytania."),
])
def test_bad_questions_get_a_polish_message_next_to_the_field_and_keep_what_was_typed(client_as, zmiany, pole,
                                                                                      komunikat):
    wersja = robocza(sekcje=2, pytan=1)
    sekcja = wersja.sekcje.order_by("kolejnosc").first()
    before = db_fingerprint()
    data = pytanie_post(**{"kod": "nowe", "tresc": "Tekst wpisany przez koordynatora", **zmiany})
    response = client_as("koordynator").post(url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert pole in errors and komunikat in " ".join(errors[pole]), errors
    html = response.content.decode()
    assert (data["tresc"].strip() or 'name="tresc"') in html
    assert db_fingerprint() == before


def test_show_if_values_are_stored_the_way_answers_are(client_as):
    wersja = robocza(sekcje=1, pytan=1)
    sekcja = wersja.sekcje.get()
    client = client_as("koordynator")
    client.post(url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk),
                pytanie_post(kod="tn", typ="tak_nie", opcje=""))
    client.post(url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk),
                pytanie_post(kod="w1", typ="tekst_krotki", opcje="", pokaz_jesli_kod="s1-p1",
                             pokaz_jesli_wartosci="3\n4\n3"))
    client.post(url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk),
                pytanie_post(kod="w2", typ="tekst_krotki", opcje="", pokaz_jesli_kod="tn", pokaz_jesli_wartosci="TAK"))
    warunki = dict(PytanieSzablonu.objects.filter(sekcja=sekcja, kod__in=["w1", "w2"]).values_list("kod", "pokaz_jesli"))
    assert warunki == {"w1": {"kod": "s1-p1", "wartosci": [3, 4]}, "w2": {"kod": "tn", "wartosci": ["tak"]}}


def test_changes_that_would_orphan_a_show_if_are_refused(client_as):
    wersja = robocza(sekcje=2, pytan=1)
    s1, s2 = wersja.sekcje.order_by("kolejnosc")
    client = client_as("koordynator")
    for sekcja, kod in ((s1, "zal1"), (s2, "zal")):
        assert client.post(url("pytanie_dodaj", pk=wersja.pk, sekcja_pk=sekcja.pk),
                           pytanie_post(kod=kod, typ="tekst_krotki", opcje="", pokaz_jesli_kod="s1-p1",
                                        pokaz_jesli_wartosci="4")).status_code == 302
    zrodlo = PytanieSzablonu.objects.get(sekcja=s1, kod="s1-p1")
    zal1 = PytanieSzablonu.objects.get(sekcja=s1, kod="zal1")
    before = db_fingerprint()

    response = client.post(url("pytanie_usun", pk=wersja.pk, pytanie_pk=zrodlo.pk), follow=True)
    assert "Pytania zal1, zal pokazują się zależnie od odpowiedzi na to pytanie" in response.content.decode()
    response = client.post(url("sekcja_usun", pk=wersja.pk, sekcja_pk=s1.pk), follow=True)
    assert "Pytania zal pokazują się zależnie od odpowiedzi w tej sekcji" in response.content.decode()
    response = client.post(url("sekcja_przesun", pk=wersja.pk, sekcja_pk=s2.pk), {"kierunek": "gora"}, follow=True)
    assert "pytanie zal stałoby przed pytaniem s1-p1" in response.content.decode()
    response = client.post(url("pytanie_przesun", pk=wersja.pk, pytanie_pk=zal1.pk), {"kierunek": "gora"},
                           follow=True)
    assert "pytanie zal1 stałoby przed pytaniem s1-p1" in response.content.decode()
    response = client.post(url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=zrodlo.pk),
                           pytanie_post(kod="inny-kod", tresc=zrodlo.tresc, opcje="1|a\n2|b\n3|c\n4|d"))
    assert "Od kodu „s1-p1” zależy wyświetlanie pytań zal1, zal" in " ".join(response.context["form"].errors["kod"])
    response = client.post(url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=zrodlo.pk),
                           pytanie_post(kod="s1-p1", tresc=zrodlo.tresc, opcje="1|nie\n2|tak"))
    assert "pokazuje się przy odpowiedzi „4”" in " ".join(response.context["form"].errors["opcje"])
    response = client.post(url("pytanie_przesun", pk=wersja.pk, pytanie_pk=zrodlo.pk), {"kierunek": "gora"})
    assert response.status_code == 302  # already first: nothing to do
    assert db_fingerprint() == before


def test_changing_the_type_of_a_question_clears_fields_of_the_old_type(client_as):
    wersja = robocza(sekcje=1, pytan=1)
    pytanie = PytanieSzablonu.objects.get(sekcja__wersja=wersja)
    client_as("koordynator").post(url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=pytanie.pk),
                                  pytanie_post(kod="s1-p1", typ="tekst_dlugi", opcje="1|a\n2|b", minimum="1"))
    pytanie.refresh_from_db()
    assert (pytanie.typ, pytanie.opcje, pytanie.minimum) == ("tekst_dlugi", [], None)


@pytest.mark.parametrize("kierunek", ["w-bok", ""])
def test_an_unknown_move_direction_is_a_message_not_an_error(client_as, kierunek):
    wersja = robocza(sekcje=2)
    sekcja = wersja.sekcje.order_by("kolejnosc").first()
    response = client_as("koordynator").post(url("sekcja_przesun", pk=wersja.pk, sekcja_pk=sekcja.pk),
                                             {"kierunek": kierunek}, follow=True)
    assert response.status_code == 200 and "Nieznany kierunek przesunięcia." in response.content.decode()


def test_section_forms_refuse_an_unknown_area_and_keep_the_title(client_as):
    wersja = robocza()
    response = client_as("koordynator").post(url("sekcja_dodaj", pk=wersja.pk), {"tytul": "Mój tytuł",
                                                                                  "obszar": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors["obszar"] == ["Wybierz obszar z listy."]
    assert "Mój tytuł" in response.content.decode()


def test_bad_ids_are_404_and_a_section_of_another_version_is_not_reachable(client_as):
    inna = robocza(nazwa="Inny")
    wersja = robocza()
    obca_sekcja = inna.sekcje.first()
    obce_pytanie = PytanieSzablonu.objects.filter(sekcja__wersja=inna).first()
    client = client_as("koordynator")
    assert client.get(url("wersja", pk=999999)).status_code == 404
    assert client.get(url("sekcja_edytuj", pk=wersja.pk, sekcja_pk=obca_sekcja.pk)).status_code == 404
    assert client.post(url("pytanie_usun", pk=wersja.pk, pytanie_pk=obce_pytanie.pk)).status_code == 404
    assert client.post(url("pytanie_przesun", pk=wersja.pk, pytanie_pk=obce_pytanie.pk),
                       {"kierunek": "dol"}).status_code == 404
    assert PytanieSzablonu.objects.filter(pk=obce_pytanie.pk).exists()


# --- The edition's version ------------------------------------------------------------------------


def test_an_edition_selects_a_published_version_until_its_first_sheet_exists(client_as, world):
    v1 = robocza(nazwa="Wybór")
    v1 = services.wersja_opublikuj(wersja=v1, actor=None)
    v2 = edytor.wersja_utworz_nowa(wersja=v1, actor=world["personas"]["koordynator"])
    client = client_as("koordynator")
    path = url("wersja_edycji", pk=world["edycja"].pk)
    assert "nie ma jeszcze wybranego szablonu" in client.get(path).content.decode()

    response = client.post(path, {"wersja": v2.pk})  # a draft cannot be chosen
    assert response.status_code == 200 and "wersja" in response.context["form"].errors
    assert client.post(path, {"wersja": v1.pk}).status_code == 302
    assert ArkuszEdycji.objects.get(edycja=world["edycja"]).wersja == v1
    assert "Wybór — wersja 1" in client.get(path).content.decode()

    v2 = services.wersja_opublikuj(wersja=v2, actor=None)
    services.arkusz_zaloz(udzial=world["udzial_a"], actor=world["personas"]["jst-a-lider"])
    before = db_fingerprint()
    response = client.post(path, {"wersja": v2.pk})
    assert response.status_code == 200
    assert ("Zespoły już wypełniają arkusze tej edycji — wersji nie można zmienić."
            in response.context["form"].non_field_errors())
    assert db_fingerprint() == before
    assert ArkuszEdycji.objects.get(edycja=world["edycja"]).wersja == v1


@pytest.mark.parametrize("wersja", ["abc", "999999", ""])
def test_the_edition_form_answers_garbage_with_a_message(client_as, world, wersja):
    response = client_as("koordynator").post(url("wersja_edycji", pk=world["edycja"].pk), {"wersja": wersja})
    assert response.status_code == 200 and response.context["form"].errors["wersja"]
    assert not ArkuszEdycji.objects.filter(edycja=world["edycja"]).exists()


def test_another_editions_coordinator_gets_404_on_the_edition_version(client_as, world):
    assert client_as("koordynator2").get(url("wersja_edycji", pk=world["edycja"].pk)).status_code == 404


# --- Who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["jst-a-lider", "jst-a-czlonek", "ros1", "doradca-spoza"])
def test_team_members_and_advisers_get_403_on_the_editor(client_as, persona):
    wersja = robocza()
    client = client_as(persona)
    assert client.get(url("szablony")).status_code == 403
    assert client.get(url("wersja", pk=wersja.pk)).status_code == 403
    assert client.get(url("wersja_podglad", pk=wersja.pk)).status_code == 403
    assert client.post(url("szablony"), {"nazwa": "Nie wolno", "tryb": "wspolny"}).status_code == 403
    assert not SzablonArkusza.objects.filter(nazwa="Nie wolno").exists()


# --- Query counts ----------------------------------------------------------------------------------


def _zapytania(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_template_list_runs_a_fixed_number_of_queries(client_as, django_assert_num_queries, world):
    client = client_as("koordynator")
    koordynator = world["personas"]["koordynator"]

    def dodaj(n):
        # Half the templates have a published version 1 (one used by an edition) and a draft version 2.
        for i in range(n):
            if i % 2:
                v1 = robocza(nazwa=f"Szablon {n}-{i}")
                v1 = services.wersja_opublikuj(wersja=v1, actor=koordynator)
                edytor.wersja_utworz_nowa(wersja=v1, actor=koordynator)
                if i == 1:
                    services.edycja_ustaw_wersje(edycja=world["edycja"], wersja=v1, actor=koordynator)
            else:
                edytor.szablon_utworz(nazwa=f"Szablon {n}-{i}", opis="", tryb="wspolny", actor=koordynator)

    dodaj(10)
    _zapytania(client, url("szablony"))  # warm-up: per-process caches fill on the first request
    measured = _zapytania(client, url("szablony"))
    dodaj(90)
    with django_assert_num_queries(measured):
        response = client.get(url("szablony"))
    assert len(response.context["szablony"]) >= 100


def test_the_version_page_runs_a_fixed_number_of_queries(client_as, django_assert_num_queries):
    client = client_as("koordynator")
    small = services.szablon_utworz_z_danych(dane=dane_szablonu(2, 6, "Mały"), skala=SKALA, opublikuj=False)
    big = services.szablon_utworz_z_danych(dane=dane_szablonu(12, 6, "Duży"), skala=SKALA, opublikuj=False)
    for name, marker in (("wersja", '<tr id="pytanie-'), ("wersja_podglad", "<fieldset")):
        _zapytania(client, url(name, pk=small.pk))  # warm-up: per-process caches fill on the first request
        measured = _zapytania(client, url(name, pk=small.pk))
        with django_assert_num_queries(measured):
            response = client.get(url(name, pk=big.pk))
        assert response.content.decode().count(marker) == 72


def test_changing_a_statement_of_the_template_in_use_makes_a_new_version_and_leaves_jst_a_unchanged(
        client_as, world):
    from diagnoza.wyniki import wyniki_arkusza

    wersja = WersjaSzablonu.objects.get(szablon__nazwa__startswith="Arkusz diagnostyczny", numer=1)
    ArkuszEdycji.objects.create(edycja=world["edycja"], wersja=wersja)
    lider = world["personas"]["jst-a-lider"]
    arkusz = services.arkusz_zaloz(udzial=world["udzial_a"], actor=lider)
    pytania = kody(wersja)
    for i, p in enumerate(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).order_by("sekcja__kolejnosc",
                                                                                        "kolejnosc")):
        services.odpowiedz_zapisz(arkusz=arkusz, pytanie=p, wartosc=1 + i % 4, wersja=0, actor=lider)
    before = [(w.tytul, w.srednia, w.odpowiedziane) for w in wyniki_arkusza([arkusz])]
    pierwsze = PytanieSzablonu.objects.get(sekcja__wersja=wersja, kod=pytania[0])
    page_before = client_as("jst-a-lider").get(reverse("diagnoza:arkusz", args=[world["udzial_a"].pk])).content

    client = client_as("koordynator")
    assert client.post(url("pytanie_edytuj", pk=wersja.pk, pytanie_pk=pierwsze.pk),
                       pytanie_post(kod=pierwsze.kod, tresc="Zmienione stwierdzenie")).status_code == 403
    pierwsze.refresh_from_db()
    assert pierwsze.tresc != "Zmienione stwierdzenie"  # the version in use never changes
    client.post(url("wersja_nowa", pk=wersja.pk))
    v2 = WersjaSzablonu.objects.get(szablon=wersja.szablon, numer=2)
    kopia = PytanieSzablonu.objects.get(sekcja__wersja=v2, kod=pierwsze.kod)
    opcje = "\n".join(f"{v}|{label}" for v, label in kopia.opcje)
    assert client.post(url("pytanie_edytuj", pk=v2.pk, pytanie_pk=kopia.pk),
                       pytanie_post(kod=kopia.kod, tresc="Zmienione stwierdzenie", opcje=opcje)).status_code == 302
    assert PytanieSzablonu.objects.get(pk=kopia.pk).tresc == "Zmienione stwierdzenie"

    arkusz.refresh_from_db()
    assert arkusz.wersja_szablonu_id == wersja.pk
    assert [(w.tytul, w.srednia, w.odpowiedziane) for w in wyniki_arkusza([arkusz])] == before
    page_after = client_as("jst-a-lider").get(reverse("diagnoza:arkusz", args=[world["udzial_a"].pk])).content
    assert b"Zmienione stwierdzenie" not in page_after and pierwsze.tresc.encode() in page_after
    assert page_after.count(b" checked") == page_before.count(b" checked") == len(pytania)
