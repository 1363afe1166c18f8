"""The 12-area catalogue: seeded content, the coordinators' editor, history, conflicts, access."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.models import Obszar, WpisAudytu
from doradztwo.obszary_dane import OBSZARY
from doradztwo.services_obszary import obszar_zmien

pytestmark = pytest.mark.django_db

NAZWA_OBSZARU_1 = ("Analizowanie potrzeb i planowanie realizacji założonej wizji rozwoju lokalnego systemu "
                   "oświaty")


@pytest.fixture
def koordynator(personas):
    user = personas["koordynator2"]
    user.koordynator = True
    user.save(update_fields=["koordynator"])
    return user


@pytest.fixture
def budzet():
    return Obszar.objects.get(kod="budzet")


def dane_formularza(obszar, **zmiany):
    dane = {
        "nazwa": obszar.nazwa, "opis": obszar.opis, "zadania": obszar.zadania,
        "narzedzia_zarzadcze": obszar.narzedzia_zarzadcze, "narzedzia_rozwoju": obszar.narzedzia_rozwoju,
        "wersja": obszar.wersja,
    }
    if obszar.aktywny:
        dane["aktywny"] = "on"
    dane.update(zmiany)
    return dane


# --- Seeded content -------------------------------------------------------------------------


def test_the_migration_seeded_twelve_areas_with_unique_codes_numbers_1_to_12_and_full_lists():
    obszary = list(Obszar.objects.order_by("numer"))
    assert len(obszary) == 12
    assert [o.numer for o in obszary] == list(range(1, 13))
    assert len({o.kod for o in obszary}) == 12
    assert {o.kod for o in obszary} == {d["kod"] for d in OBSZARY}
    assert obszary[0].nazwa == NAZWA_OBSZARU_1
    for o in obszary:
        assert o.aktywny and o.wersja == 1 and o.opis
        for lista in (o.lista_zadan, o.lista_narzedzi_zarzadczych, o.lista_narzedzi_rozwoju):
            assert 3 <= len(lista) <= 7, o.kod


def test_seeding_again_restores_a_missing_area_and_never_overwrites_an_edited_one():
    migration = importlib.import_module("doradztwo.migrations.0002_obszary")
    Obszar.objects.filter(kod="budzet").update(nazwa="Budżet po naszemu", zadania="Jedno zadanie")
    from diagnoza.models import SekcjaSzablonu

    SekcjaSzablonu.objects.filter(obszar__kod="rodzice").update(obszar=None)  # the seeded sheet refers to it
    Obszar.objects.filter(kod="rodzice").delete()

    migration.utworz_obszary(django_apps, None)

    assert Obszar.objects.count() == 12
    budzet = Obszar.objects.get(kod="budzet")
    assert (budzet.nazwa, budzet.zadania) == ("Budżet po naszemu", "Jedno zadanie")
    assert Obszar.objects.get(kod="rodzice").numer == 6


# --- Pages ----------------------------------------------------------------------------------


def test_the_list_shows_the_twelve_areas_in_order_with_counts_and_links(client_as, koordynator):
    response = client_as("koordynator2").get(reverse("obszary:lista"))

    assert response.status_code == 200
    assert [o.numer for o in response.context["obszary"]] == list(range(1, 13))
    html = response.content.decode()
    assert NAZWA_OBSZARU_1 in html
    assert reverse("obszary:szczegoly", kwargs={"pk": Obszar.objects.get(kod="uzdolnieni").pk}) in html
    assert "<code>zasoby-materialne</code>" in html


def test_the_detail_page_renders_each_list_as_a_list_under_its_heading(client_as, koordynator, budzet):
    response = client_as("koordynator2").get(reverse("obszary:szczegoly", kwargs={"pk": budzet.pk}))

    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Zadania dla JST", "Narzędzia i rozwiązania zarządcze",
                    "Narzędzia i rozwiązania wspierające personalny rozwój organizacji", "Historia zmian"):
        assert f"<h2>{heading}</h2>" in html
    assert "<li>Budżet zadaniowy</li>" in html
    assert "Obszar nie był zmieniany od wprowadzenia katalogu." in html


def test_a_coordinator_edits_an_area_and_history_and_audit_record_who_did_it(client_as, koordynator, budzet):
    client = client_as("koordynator2")
    dane = dane_formularza(budzet, nazwa="Planowanie budżetowe w JST",
                           zadania="  Pierwsze zadanie  \n\n Drugie zadanie\r\nTrzecie zadanie\n", aktywny="")

    response = client.post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), dane)

    assert response.status_code == 302
    assert response["Location"] == reverse("obszary:szczegoly", kwargs={"pk": budzet.pk})
    budzet.refresh_from_db()
    assert budzet.nazwa == "Planowanie budżetowe w JST"
    assert budzet.lista_zadan == ["Pierwsze zadanie", "Drugie zadanie", "Trzecie zadanie"]
    assert budzet.zadania == "Pierwsze zadanie\nDrugie zadanie\nTrzecie zadanie"
    assert budzet.aktywny is False
    assert budzet.wersja == 2
    wpis = budzet.history.get()
    assert (wpis.history_user, wpis.nazwa) == (koordynator, "Planowanie budżetowe w JST")
    audyt = WpisAudytu.objects.get(akcja="obszar.zmieniony")
    assert audyt.kto == koordynator
    assert audyt.id_obiektu == str(budzet.pk)
    assert audyt.dane == {"pola": ["aktywny", "nazwa", "zadania"], "wersja": 2}

    strona = client.get(response["Location"]).content.decode()
    assert "Zapisano zmiany w obszarze „Planowanie budżetowe w JST”." in strona
    assert "Krzysztof Kowalczyk" in strona  # who, in the change history
    assert "<li>Drugie zadanie</li>" in strona


def test_the_code_and_number_cannot_be_changed_through_the_form(client_as, koordynator, budzet):
    dane = dane_formularza(budzet, kod="inny-kod", numer="99", opis="Nowy opis.")

    client_as("koordynator2").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), dane)

    budzet.refresh_from_db()
    assert (budzet.kod, budzet.numer, budzet.opis) == ("budzet", 4, "Nowy opis.")


def test_saving_without_changes_writes_no_history_audit_or_version(koordynator, budzet):
    dane = {f: getattr(budzet, f) for f in ("nazwa", "opis", "zadania", "narzedzia_zarzadcze",
                                            "narzedzia_rozwoju", "aktywny")}

    obszar_zmien(obszar=budzet, dane=dane, wersja=1, actor=koordynator)

    budzet.refresh_from_db()
    assert budzet.wersja == 1
    assert not budzet.history.exists()
    assert not WpisAudytu.objects.exists()


def test_a_stale_save_saves_nothing_and_shows_the_saved_value_beside_the_typed_one(
        client_as, koordynator, personas, budzet):
    otwarty = dane_formularza(budzet)  # the form as this coordinator opened it (wersja 1)
    obszar_zmien(obszar=budzet, dane={"nazwa": "Nazwa zapisana przez kogoś innego"}, wersja=1,
                 actor=personas["admin"])
    otwarty.update(nazwa="Moja nazwa obszaru", opis="Mój opis obszaru.")

    response = client_as("koordynator2").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), otwarty)

    assert response.status_code == 409
    budzet.refresh_from_db()
    assert budzet.nazwa == "Nazwa zapisana przez kogoś innego"
    assert budzet.opis != "Mój opis obszaru."
    assert budzet.wersja == 2
    assert WpisAudytu.objects.filter(kto=koordynator, akcja__startswith="obszar.").count() == 0
    html = response.content.decode()
    assert "ktoś zapisał ten obszar w międzyczasie" in html
    roznice = {r["pole"]: (r["zapisana"], r["wpisana"]) for r in response.context["konflikt"]}
    assert roznice == {"nazwa": ("Nazwa zapisana przez kogoś innego", "Moja nazwa obszaru"),
                       "opis": (budzet.opis, "Mój opis obszaru.")}
    assert "<td>Nazwa zapisana przez kogoś innego</td>" in html
    assert "<td>Moja nazwa obszaru</td>" in html
    # The user's text stays in the form, which now carries the current version for a deliberate resave.
    form = response.context["form"]
    assert form["nazwa"].value() == "Moja nazwa obszaru"
    assert form["opis"].value() == "Mój opis obszaru."
    assert form["wersja"].value() == "2"
    assert 'value="Moja nazwa obszaru"' in html


def test_after_a_conflict_saving_again_replaces_the_other_version(client_as, koordynator, personas, budzet):
    otwarty = dane_formularza(budzet, nazwa="Moja nazwa obszaru")
    obszar_zmien(obszar=budzet, dane={"nazwa": "Cudza nazwa"}, wersja=1, actor=personas["admin"])
    client = client_as("koordynator2")
    url = reverse("obszary:edytuj", kwargs={"pk": budzet.pk})
    konflikt = client.post(url, otwarty)

    ponownie = client.post(url, {**otwarty, "wersja": konflikt.context["form"]["wersja"].value()})

    assert ponownie.status_code == 302
    budzet.refresh_from_db()
    assert (budzet.nazwa, budzet.wersja) == ("Moja nazwa obszaru", 3)


def test_a_stale_save_of_exactly_the_saved_values_is_not_reported_as_a_conflict(
        client_as, koordynator, personas, budzet):
    otwarty = dane_formularza(budzet, nazwa="Ta sama nowa nazwa")
    obszar_zmien(obszar=budzet, dane={"nazwa": "Ta sama nowa nazwa"}, wersja=1, actor=personas["admin"])

    response = client_as("koordynator2").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), otwarty,
                                              follow=True)

    assert response.redirect_chain == [(reverse("obszary:szczegoly", kwargs={"pk": budzet.pk}), 302)]
    assert "Ktoś inny zapisał już dokładnie te same zmiany." in response.content.decode()
    budzet.refresh_from_db()
    assert budzet.wersja == 2


def test_an_empty_name_shows_a_polish_error_next_to_the_field_and_keeps_the_rest(client_as, koordynator, budzet):
    dane = dane_formularza(budzet, nazwa="   ", zadania="Nowe zadanie A\nNowe zadanie B")

    response = client_as("koordynator2").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), dane)

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors["nazwa"] == ["Podaj nazwę obszaru."]
    # crispy renders the message inside the field's own block, tied to the input.
    assert 'id="error_1_id_nazwa"' in html
    assert "Podaj nazwę obszaru." in html.split('id="error_1_id_nazwa"')[1][:120]
    assert "Nowe zadanie A\nNowe zadanie B</textarea>" in html
    budzet.refresh_from_db()
    assert budzet.wersja == 1 and budzet.nazwa == "Planowanie budżetowe"


def test_a_form_without_its_version_says_so_and_saves_nothing(client_as, koordynator, budzet):
    dane = dane_formularza(budzet, nazwa="Bez wersji")
    del dane["wersja"]

    response = client_as("koordynator2").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}), dane)

    assert response.status_code == 200
    assert "Formularz nie zawiera wersji obszaru." in response.content.decode()
    budzet.refresh_from_db()
    assert budzet.nazwa == "Planowanie budżetowe"


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["jst-a-lider", "ros1", "doradca-spoza"])
def test_people_who_are_not_coordinators_get_403_and_their_post_changes_nothing(client_as, personas, budzet,
                                                                                 persona):
    client = client_as(persona)
    for name in ("obszary:szczegoly", "obszary:edytuj"):
        assert client.get(reverse(name, kwargs={"pk": budzet.pk})).status_code == 403
    assert client.get(reverse("obszary:lista")).status_code == 403

    response = client.post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}),
                           dane_formularza(budzet, nazwa="Zmiana bez uprawnień"))

    assert response.status_code == 403
    budzet.refresh_from_db()
    assert budzet.nazwa == "Planowanie budżetowe" and budzet.wersja == 1


def test_an_administrator_may_edit_the_catalogue(client_as, budzet):
    response = client_as("admin").post(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}),
                                       dane_formularza(budzet, opis="Opis od administratorki."))

    assert response.status_code == 302
    budzet.refresh_from_db()
    assert budzet.opis == "Opis od administratorki."


def test_an_unknown_area_is_404_for_a_coordinator(client_as, koordynator):
    client = client_as("koordynator2")
    missing = Obszar.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("obszary:szczegoly", kwargs={"pk": missing})).status_code == 404
    assert client.get(reverse("obszary:edytuj", kwargs={"pk": missing})).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client_as, budzet):
    response = client_as("anon").get(reverse("obszary:edytuj", kwargs={"pk": budzet.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- History and query counts ---------------------------------------------------------------


def test_the_history_shows_the_latest_twenty_changes_newest_first_with_changed_fields(
        client_as, koordynator, budzet):
    for i in range(1, 26):
        budzet = obszar_zmien(obszar=budzet, dane={"opis": f"Opis {i}"}, wersja=budzet.wersja, actor=koordynator)

    response = client_as("koordynator2").get(reverse("obszary:szczegoly", kwargs={"pk": budzet.pk}))

    historia = response.context["historia"]
    assert len(historia) == 20
    assert [w["rekord"].opis for w in historia] == [f"Opis {i}" for i in range(25, 5, -1)]
    assert all(w["zmienione"] == ["opis"] for w in historia)
    assert response.content.decode().count("<td>Krzysztof Kowalczyk</td>") == 20


def test_list_and_detail_pages_run_the_same_number_of_queries_however_long_the_history(
        client_as, koordynator, django_assert_num_queries):
    client = client_as("koordynator2")
    obszar = Obszar.objects.get(kod="zarzadzanie")
    urls = [reverse("obszary:lista"), reverse("obszary:szczegoly", kwargs={"pk": obszar.pk})]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))

    for i in range(10):
        obszar = obszar_zmien(obszar=obszar, dane={"opis": f"Wersja {i}"}, wersja=obszar.wersja, actor=koordynator)
        inny = Obszar.objects.get(numer=i + 1)
        obszar_zmien(obszar=inny, dane={"aktywny": not inny.aktywny}, wersja=inny.wersja, actor=koordynator)
        obszar.refresh_from_db()

    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
