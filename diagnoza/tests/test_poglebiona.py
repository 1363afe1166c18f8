"""The deep diagnosis: findings with evidence, target states, causes, gaps decided as priorities (ranked)
or postponed (with a reason), SMART goals of the priority gaps, the review to `diagnoza_poglebiona`,
conflicts of plain saves and of autosave, refused deletions, privacy of advisers' notes, fixed query
counts, and the demo step."""

import datetime
from html import escape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnoza import services_poglebiona as services
from diagnoza.models import Cel, DiagnozaPoglebiona, Luka, StanDocelowy, Ustalenie, WartoscWskaznika, WyborObszaru
from diagnoza.views_poglebiona import etykieta_wartosci
from doradztwo.models import Obszar, Powiadomienie
from doradztwo.przeglad import historia

pytestmark = pytest.mark.django_db


def _wybor(udzial, kto, kod="zarzadzanie"):
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod=kod), "kto": kto, "uzasadnienie": "Zarządzanie oświatą to nasz problem."})


def url(name, udzial, **kwargs):
    return reverse(f"diagnoza:{name}", kwargs={"pk": udzial.pk, **kwargs})


def _klient(world, persona):
    """A client of its own (the `client_as` fixture re-signs one shared client)."""
    client = Client()
    client.force_login(world["personas"][persona])
    return client


@pytest.fixture
def lider(world):
    return world["personas"]["jst-a-lider"]


@pytest.fixture
def diagnoza(world, lider):
    _wybor(world["udzial_a"], lider)
    return services.diagnoza_zaloz(udzial=world["udzial_a"], actor=lider)


def _dodaj(diagnoza, actor, rodzaj, **dane):
    return services.pozycja_dodaj(diagnoza=diagnoza, rodzaj=rodzaj, dane=dane, actor=actor)


def _podstawa(diagnoza, actor):
    """A finding, a target state, a cause and a gap awaiting the decision."""
    u = _dodaj(diagnoza, actor, "ustalenia", tresc="Arkusze organizacyjne szkół wracają do poprawy po trzy razy.")
    s = _dodaj(diagnoza, actor, "stany", tresc="Arkusze są zatwierdzane w pierwszym terminie.")
    p = _dodaj(diagnoza, actor, "przyczyny", tresc="Brak wspólnych wytycznych.", kategoria="procedury")
    luka = _dodaj(diagnoza, actor, "luki", tresc="Wytyczne do arkuszy", ustalenie=u.pk, stan_docelowy=s.pk,
                  przyczyny=[p.pk])
    return u, s, p, luka


def _wartosc(udzial, autor, kod="uczn_etat", okres="2022/2023"):
    from diagnoza.models import Wskaznik

    w = Wskaznik.objects.get(kod=kod)
    return WartoscWskaznika.objects.create(udzial=udzial, wskaznik=w, okres=okres, rok=int(okres[:4]),
                                           dane={"uczniowie": "4210", "etaty_nauczycieli": "481.7"},
                                           wynik="8.74", autor=autor)


def _plik(udzial, autor, nazwa="analiza.pdf"):
    from doradztwo.models import Plik

    return Plik.objects.create(udzial=udzial, rodzaj="dokument", plik="x/analiza.pdf", nazwa=nazwa,
                               typ="application/pdf", rozmiar=10, dodal=autor)


# --- Starting ----------------------------------------------------------------------------------


def test_the_page_waits_for_the_area_choice_and_links_to_the_sheet_results(world, client_as):
    udzial = world["udzial_a"]
    page = client_as("jst-a-lider").get(url("poglebiona", udzial)).content.decode()
    assert "zaczyna się po wyborze obszaru z arkusza" in page
    assert reverse("diagnoza:wyniki", args=[udzial.pk]) in page and "Dodaj" not in page
    response = client_as("jst-a-lider").post(url("poglebiona_dodaj", udzial, rodzaj="ustalenia"),
                                             {"ustalenia-nowy-tresc": "Stan obecny"})
    assert response.status_code == 400 and "po wyborze obszaru" in response.content.decode()
    assert not DiagnozaPoglebiona.objects.exists()


# --- The whole flow through the pages ----------------------------------------------------------


def test_the_team_builds_the_diagnosis_the_leader_submits_and_the_coordinator_reviews(
        world, client_as, lider, django_capture_on_commit_callbacks):
    udzial = world["udzial_a"]
    _wybor(udzial, lider)
    wartosc = _wartosc(udzial, lider)
    plik = _plik(udzial, lider)
    L, C = _klient(world, "jst-a-lider"), _klient(world, "jst-a-czlonek")

    def add(client, rodzaj, **dane):
        response = client.post(url("poglebiona_dodaj", udzial, rodzaj=rodzaj),
                               {f"{rodzaj}-nowy-{k}": v for k, v in dane.items()})
        assert response.status_code == 302, response.content.decode()[:3000]
        return services.RODZAJE[rodzaj].objects.order_by("-pk").first()

    u1 = add(L, "ustalenia", tresc="Wydział edukacji nie zbiera danych o wynikach szkół w jednym miejscu.",
             wartosci=[wartosc.pk], pliki=[plik.pk])
    u2 = add(C, "ustalenia", tresc="Dyrektorzy nie znają planu sieci szkół.")
    u3 = add(L, "ustalenia", tresc="Narady dyrektorów odbywają się nieregularnie.")
    s1 = add(C, "stany", tresc="Wyniki szkół są zestawiane co roku i omawiane z dyrektorami.")
    s2 = add(L, "stany", tresc="Plan sieci szkół jest znany i konsultowany.")
    s3 = add(C, "stany", tresc="Narady odbywają się raz w miesiącu.")
    p1 = add(L, "przyczyny", tresc="Brak osoby odpowiedzialnej za analizy.", kategoria="ludzie",
             interesariusze="dyrektorzy szkół, skarbnik")
    p2 = add(C, "przyczyny", tresc="Brak harmonogramu narad.", kategoria="procedury")
    g1 = add(L, "luki", tresc="Analiza wyników", ustalenie=u1.pk, stan_docelowy=s1.pk, przyczyny=[p1.pk],
             status="priorytet", ranga="1")
    g2 = add(C, "luki", tresc="Plan sieci", ustalenie=u2.pk, stan_docelowy=s2.pk, status="nowa")
    g3 = add(L, "luki", tresc="Narady", ustalenie=u3.pk, stan_docelowy=s3.pk, przyczyny=[p2.pk],
             status="odlozona", powod_odlozenia="Najpierw analiza wyników; narady wrócą w kolejnej edycji.")
    assert list(u1.wartosci.all()) == [wartosc] and list(u1.pliki.all()) == [plik]
    assert (g3.status, g3.ranga, g3.przyczyny.get()) == ("odlozona", None, p2)

    page = L.get(url("poglebiona", udzial)).content.decode()
    for heading in ("Jak jest?", "Jak chcemy, żeby było?", "Co powoduje", "Luka rozwojowa", "Cele"):
        assert heading in page
    assert page.index("Jak jest?") < page.index("Jak chcemy, żeby było?") < page.index("Co powoduje")
    assert f"<li>{escape(etykieta_wartosci(wartosc))}</li>" in page  # evidence shown as a value
    assert reverse("jst:plik", args=[udzial.pk, plik.pk]) in page  # and the file as a link
    assert "Luka 2: zdecydujcie, czy to priorytet" in page
    assert "Najpierw analiza wyników; narady wrócą w kolejnej edycji." in page

    # Gap 2 becomes priority no. 1: gap 1 moves to rank 2.
    g2.refresh_from_db()
    assert C.post(url("poglebiona_pozycja", udzial, rodzaj="luki", poz_pk=g2.pk), {
        f"luki-{g2.pk}-tresc": "Plan sieci szkół", f"luki-{g2.pk}-ustalenie": u2.pk,
        f"luki-{g2.pk}-stan_docelowy": s2.pk, f"luki-{g2.pk}-status": "priorytet", f"luki-{g2.pk}-ranga": "1",
        f"luki-{g2.pk}-wersja": g2.wersja}).status_code == 302
    assert [(x.pk, x.ranga) for x in services.luki_priorytetowe(udzial)] == [(g2.pk, 1), (g1.pk, 2)]

    # Submitting too early: refused with the list of what is missing; nothing changes, nobody is told.
    with django_capture_on_commit_callbacks(execute=True):
        refused = L.post(url("poglebiona_stan", udzial, akcja="zloz"), follow=True).content.decode()
    assert "Diagnozy nie można jeszcze złożyć" in refused
    assert "Luka 1 (priorytet): dodaj co najmniej jeden cel." in refused
    assert "Luka 2 (priorytet): dodaj co najmniej jeden cel." in refused
    diagnoza = services.diagnoza_dla(udzial)
    assert diagnoza.stan == "robocza" and not Powiadomienie.objects.exists() and not mail.outbox

    add(L, "cele", luka=g1.pk, tresc="Roczny raport o wynikach szkół", wskaznik="raport przyjęty przez zarząd",
        wartosc_bazowa="0", wartosc_docelowa="1", termin="30.06.2023")
    add(C, "cele", luka=g2.pk, tresc="Plan sieci skonsultowany", wskaznik="liczba konsultacji z dyrektorami",
        wartosc_bazowa="0", wartosc_docelowa="2", termin="2023-05-31")  # as a date input sends it
    add(C, "cele", luka=g2.pk, tresc="Plan sieci opublikowany", wskaznik="uchwała", wartosc_bazowa="nie",
        wartosc_docelowa="tak", termin="1.9.2023")
    luki = services.luki_priorytetowe(udzial)
    assert [x.pk for x in luki] == [g2.pk, g1.pk]
    assert [c.termin for c in luki[0].cele.all()] == [datetime.date(2023, 5, 31), datetime.date(2023, 9, 1)]

    assert C.post(url("poglebiona_stan", udzial, akcja="zloz")).status_code == 403  # the leader submits
    with django_capture_on_commit_callbacks(execute=True):
        assert L.post(url("poglebiona_stan", udzial, akcja="zloz")).status_code == 302
    diagnoza.refresh_from_db()
    udzial.refresh_from_db()
    assert diagnoza.stan == "zlozona" and udzial.etap == "diagnoza_poglebiona"
    told = set(Powiadomienie.objects.values_list("odbiorca__username", flat=True))
    assert told == {"koordynator", "ros1", "pro1"}
    assert any("Diagnoza pogłębiona" in m.subject for m in mail.outbox)

    # Locked: no change through the form or autosave.
    u1.refresh_from_db()
    locked = C.post(url("poglebiona_pozycja", udzial, rodzaj="ustalenia", poz_pk=u1.pk), {
        f"ustalenia-{u1.pk}-tresc": "Zmiana po złożeniu", f"ustalenia-{u1.pk}-wersja": u1.wersja})
    assert locked.status_code == 400 and "zablokowane" in locked.content.decode()
    auto = C.post(url("poglebiona_autozapis", udzial, rodzaj="ustalenia", poz_pk=u1.pk),
                  {"pole": "tresc", "wartosc": "Zmiana po złożeniu", "wersja": u1.wersja})
    assert auto.status_code == 400 and "zablokowane" in auto.json()["blad"]
    assert "Dodaj: Ustalenie" not in L.get(url("poglebiona", udzial)).content.decode()
    u1.refresh_from_db()
    assert u1.tresc.startswith("Wydział edukacji")

    # The coordinator returns with a reason; the team edits and the leader submits again; approved.
    koordynator = _klient(world, "koordynator")
    assert koordynator.post(url("poglebiona_stan", udzial, akcja="zwroc"), {"powod": ""}).status_code == 302
    diagnoza.refresh_from_db()
    assert diagnoza.stan == "zlozona"  # a return needs a reason
    with django_capture_on_commit_callbacks(execute=True):
        koordynator.post(url("poglebiona_stan", udzial, akcja="zwroc"), {"powod": "Doprecyzujcie cel 1."})
    diagnoza.refresh_from_db()
    assert diagnoza.stan == "zwrocona"
    assert Powiadomienie.objects.filter(odbiorca__username="jst-a-czlonek", tytul__contains="zwrócona").exists()
    assert C.post(url("poglebiona_autozapis", udzial, rodzaj="ustalenia", poz_pk=u1.pk),
                  {"pole": "tresc", "wartosc": "Doprecyzowane ustalenie", "wersja": u1.wersja}).status_code == 200
    L.post(url("poglebiona_stan", udzial, akcja="zloz"))
    assert koordynator.post(url("poglebiona_stan", udzial, akcja="zatwierdz")).status_code == 302
    diagnoza.refresh_from_db()
    assert diagnoza.stan == "zatwierdzona"
    assert [h.akcja for h in historia(diagnoza, "stan")] == [
        "zatwierdz", "zloz", "zwroc", "zloz"]
    # Advisers read it all, without forms.
    adviser = _klient(world, "ros1").get(url("poglebiona", udzial)).content.decode()
    assert "Doprecyzowane ustalenie" in adviser and "data-autozapis-url" not in adviser


# --- Validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(("dane", "pole", "komunikat"), [
    ({"status": "priorytet", "ranga": ""}, "ranga", "Podaj miejsce luki wśród priorytetów"),
    ({"status": "priorytet", "ranga": "pierwsza"}, "ranga", "Podaj liczbę całkowitą od 1 do 99"),
    ({"status": "odlozona", "powod_odlozenia": ""}, "powod_odlozenia", "Napisz, dlaczego odkładacie tę lukę"),
    ({"tresc": ""}, "tresc", "To pole jest wymagane"),
])
def test_a_gap_form_error_goes_next_to_its_field_and_keeps_what_was_typed(world, client_as, diagnoza, lider,
                                                                         dane, pole, komunikat):
    u, s, p, luka = _podstawa(diagnoza, lider)
    before = Luka.objects.count()
    data = {"tresc": "Tekst wpisany przez zespół", "ustalenie": u.pk, "stan_docelowy": s.pk, "status": "nowa", **dane}
    response = client_as("jst-a-czlonek").post(url("poglebiona_dodaj", world["udzial_a"], rodzaj="luki"),
                                               {f"luki-nowy-{k}": v for k, v in data.items()})
    html = response.content.decode()
    assert response.status_code == 400 and komunikat in html
    assert f'id="error_1_id_luki-nowy-{pole}"' in html  # next to the field, as crispy renders it
    if pole != "tresc":
        assert "Tekst wpisany przez zespół" in html
    assert Luka.objects.count() == before


@pytest.mark.parametrize(("termin", "oczekiwany"), [
    ("30.06.2023", datetime.date(2023, 6, 30)), ("2023-06-30", datetime.date(2023, 6, 30)),
    ("1.9.2023", datetime.date(2023, 9, 1)), ("31.02.2023", "Taki dzień nie istnieje"),
    ("06/30/2023", "dd.mm.rrrr"), ("30.06.1999", "2000–2100"), ("", "Podaj termin"),
])
def test_a_goal_deadline_is_read_as_polish_or_iso_and_anything_else_is_named(termin, oczekiwany):
    if isinstance(oczekiwany, datetime.date):
        assert services.termin_z_tekstu(termin) == oczekiwany
    else:
        with pytest.raises(ValidationError, match=oczekiwany):
            services.termin_z_tekstu(termin)


def test_a_bad_deadline_is_shown_next_to_the_field_with_the_typed_goal_kept(world, client_as, diagnoza, lider):
    u, s, p, luka = _podstawa(diagnoza, lider)
    services.pozycja_zmien(pozycja=luka, dane={"tresc": luka.tresc, "ustalenie": u.pk, "stan_docelowy": s.pk,
                                                "status": "priorytet", "ranga": "1"}, wersja=luka.wersja, actor=lider)
    response = client_as("jst-a-lider").post(url("poglebiona_dodaj", world["udzial_a"], rodzaj="cele"), {
        "cele-nowy-luka": luka.pk, "cele-nowy-tresc": "Wspólne wytyczne", "cele-nowy-wskaznik": "liczba poprawek",
        "cele-nowy-wartosc_bazowa": "3", "cele-nowy-wartosc_docelowa": "1", "cele-nowy-termin": "31.13.2023"})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="error_1_id_cele-nowy-termin"' in html
    assert "Wspólne wytyczne" in html and "31.13.2023" in html and not Cel.objects.exists()


def test_goals_attach_only_to_priority_gaps(diagnoza, lider):
    u, s, p, luka = _podstawa(diagnoza, lider)
    with pytest.raises(ValidationError, match="luk priorytetowych"):
        _dodaj(diagnoza, lider, "cele", luka=luka.pk, tresc="Cel", wskaznik="w", wartosc_bazowa="0",
               wartosc_docelowa="1", termin="30.06.2023")


def test_a_gap_links_only_items_of_its_own_diagnosis_and_evidence_only_of_its_own_jst(world, diagnoza, lider):
    u, s, p, luka = _podstawa(diagnoza, lider)
    lider_b = world["personas"]["jst-b-lider"]
    _wybor(world["udzial_b"], lider_b, "budzet")
    obca = services.diagnoza_zaloz(udzial=world["udzial_b"], actor=lider_b)
    obce_ustalenie = _dodaj(obca, lider_b, "ustalenia", tresc="Ustalenie JST B")
    with pytest.raises(ValidationError) as error:
        _dodaj(diagnoza, lider, "luki", tresc="x", ustalenie=obce_ustalenie.pk, stan_docelowy=s.pk)
    assert "ustalenie" in error.value.message_dict
    obca_wartosc = _wartosc(world["udzial_b"], lider_b, kod="doplata_uczen", okres="2022")
    with pytest.raises(ValidationError) as error:
        _dodaj(diagnoza, lider, "ustalenia", tresc="x", wartosci=[obca_wartosc.pk])
    assert "wartosci" in error.value.message_dict


def test_ranks_stay_one_to_n_when_gaps_join_and_leave_the_priorities(diagnoza, lider):
    u, s, p, _luka = _podstawa(diagnoza, lider)

    def gap(ranga=None, status="priorytet"):
        return _dodaj(diagnoza, lider, "luki", tresc="luka", ustalenie=u.pk, stan_docelowy=s.pk, status=status,
                      ranga=ranga, powod_odlozenia="później")

    a, b = gap("1"), gap("1")  # b takes no. 1, a moves to 2
    c = gap("9")  # beyond the end: last
    assert [x.pk for x in services.luki_priorytetowe(diagnoza.udzial)] == [b.pk, a.pk, c.pk]
    a.refresh_from_db()
    assert a.ranga == 2 and a.wersja == 2  # moved by someone else's decision: a new version
    services.pozycja_zmien(pozycja=b, dane={"tresc": "luka", "ustalenie": u.pk, "stan_docelowy": s.pk,
                                             "status": "odlozona", "powod_odlozenia": "Za mało czasu"},
                           wersja=b.wersja, actor=lider)
    assert [(x.pk, x.ranga) for x in services.luki_priorytetowe(diagnoza.udzial)] == [(a.pk, 1), (c.pk, 2)]
    b.refresh_from_db()
    assert b.ranga is None and b.status == "odlozona"


def test_a_gap_with_goals_cannot_leave_the_priorities_or_be_deleted(diagnoza, lider):
    u, s, p, luka = _podstawa(diagnoza, lider)
    luka = services.pozycja_zmien(pozycja=luka, dane={"tresc": "x", "ustalenie": u.pk, "stan_docelowy": s.pk,
                                                       "status": "priorytet", "ranga": "1"},
                                  wersja=luka.wersja, actor=lider)
    _dodaj(diagnoza, lider, "cele", luka=luka.pk, tresc="Cel", wskaznik="w", wartosc_bazowa="0",
           wartosc_docelowa="1", termin="30.06.2023")
    with pytest.raises(ValidationError, match="Ta luka ma cele"):
        services.pozycja_zmien(pozycja=luka, dane={"tresc": "x", "ustalenie": u.pk, "stan_docelowy": s.pk,
                                                    "status": "odlozona", "powod_odlozenia": "później"},
                               wersja=luka.wersja, actor=lider)
    with pytest.raises(ValidationError, match="najpierw usuń jej cele"):
        services.pozycja_usun(pozycja=luka, actor=lider)


# --- Conflicts ---------------------------------------------------------------------------------


def test_a_stale_plain_save_is_409_with_both_values_and_saves_nothing(world, client_as, diagnoza, lider):
    stan = _dodaj(diagnoza, lider, "stany", tresc="Wersja pierwsza")
    opened = stan.wersja
    services.pozycja_zmien(pozycja=stan, dane={"tresc": "Wersja lidera"}, wersja=opened, actor=lider)
    response = client_as("jst-a-czlonek").post(url("poglebiona_pozycja", world["udzial_a"], rodzaj="stany",
                                                   poz_pk=stan.pk),
                                               {f"stany-{stan.pk}-tresc": "Wersja członka",
                                                f"stany-{stan.pk}-wersja": opened})
    html = response.content.decode()
    assert response.status_code == 409 and "Zapisane teraz" in html
    assert "<td>Wersja lidera</td><td>Wersja członka</td>" in html
    assert f'name="stany-{stan.pk}-wersja" value="{opened + 1}"' in html  # saving again keeps mine
    stan.refresh_from_db()
    assert stan.tresc == "Wersja lidera" and stan.zmienil == lider


def test_autosave_saves_one_text_field_and_answers_with_the_new_version(world, client_as, diagnoza, lider):
    p = _dodaj(diagnoza, lider, "przyczyny", tresc="Przyczyna", kategoria="zasoby")
    response = client_as("jst-a-czlonek").post(url("poglebiona_autozapis", world["udzial_a"], rodzaj="przyczyny",
                                                   poz_pk=p.pk),
                                               {"pole": "interesariusze", "wartosc": "rada rodziców", "wersja": p.wersja})
    data = response.json()
    assert response.status_code == 200 and data["komunikat"] == "zapisano" and data["zapisano"] is True
    assert data["wersja"] == p.wersja + 1 and data["autor"] == str(world["personas"]["jst-a-czlonek"])
    p.refresh_from_db()
    assert p.interesariusze == "rada rodziców" and p.zmienil.username == "jst-a-czlonek"
    empty = client_as("jst-a-czlonek").post(url("poglebiona_autozapis", world["udzial_a"], rodzaj="przyczyny",
                                                poz_pk=p.pk), {"pole": "tresc", "wartosc": "  ", "wersja": p.wersja})
    assert empty.status_code == 400 and empty.json()["blad"] == "To pole jest wymagane."
    other = client_as("jst-a-czlonek").post(url("poglebiona_autozapis", world["udzial_a"], rodzaj="przyczyny",
                                                poz_pk=p.pk), {"pole": "kategoria", "wartosc": "inne",
                                                               "wersja": p.wersja})
    assert other.status_code == 400  # choices go through the form, not autosave
    p.refresh_from_db()
    assert p.tresc == "Przyczyna" and p.kategoria == "zasoby"


def test_a_stale_autosave_is_409_with_the_other_text_author_and_time_and_a_resend_is_no_conflict(
        world, client_as, diagnoza, lider):
    u = _dodaj(diagnoza, lider, "ustalenia", tresc="Początek")
    opened = u.wersja
    services.pozycja_zapisz_pole(pozycja=u, pole="tresc", wartosc="Tekst lidera", wersja=opened, actor=lider)
    path = url("poglebiona_autozapis", world["udzial_a"], rodzaj="ustalenia", poz_pk=u.pk)
    client = client_as("jst-a-czlonek")
    response = client.post(path, {"pole": "tresc", "wartosc": "Tekst członka", "wersja": opened})
    data = response.json()
    assert response.status_code == 409
    assert data["wartosc"] == "Tekst lidera" and data["autor"] == str(lider) and data["czas"]
    assert data["wersja"] == opened + 1 and data["pola"]["tresc"] == "Tekst lidera"
    u.refresh_from_db()
    assert u.tresc == "Tekst lidera"
    # The same text sent again over an old version (a resend after being offline): no conflict.
    again = client_as("jst-a-lider").post(path, {"pole": "tresc", "wartosc": "Tekst lidera", "wersja": opened})
    assert again.status_code == 200 and again.json()["zapisano"] is False
    # "Keep mine": sent over their version, it is saved.
    kept = client.post(path, {"pole": "tresc", "wartosc": "Tekst członka", "wersja": data["wersja"]})
    assert kept.status_code == 200
    u.refresh_from_db()
    assert u.tresc == "Tekst członka"


def test_anonymous_autosave_gets_401_so_the_page_keeps_the_text(world, client, diagnoza, lider):
    u = _dodaj(diagnoza, lider, "ustalenia", tresc="Początek")
    response = client.post(url("poglebiona_autozapis", world["udzial_a"], rodzaj="ustalenia", poz_pk=u.pk),
                           {"pole": "tresc", "wartosc": "x", "wersja": u.wersja}, headers={"HX-Request": "true"})
    assert response.status_code == 401


# --- Deleting and reordering -------------------------------------------------------------------


def test_deleting_a_finding_or_target_state_used_by_a_gap_is_refused_with_a_message(world, client_as, diagnoza,
                                                                                     lider):
    u, s, p, luka = _podstawa(diagnoza, lider)
    client = client_as("jst-a-czlonek")
    confirm = client.post(url("poglebiona_usun", world["udzial_a"], rodzaj="ustalenia", poz_pk=u.pk))
    assert confirm.status_code == 200 and "Tak, usuń" in confirm.content.decode()  # asks first
    refused = client.post(url("poglebiona_usun", world["udzial_a"], rodzaj="ustalenia", poz_pk=u.pk),
                          {"potwierdz": "1"}, follow=True).content.decode()
    assert "Tego ustalenia używa luka rozwojowa nr 1" in refused
    refused = client.post(url("poglebiona_usun", world["udzial_a"], rodzaj="stany", poz_pk=s.pk),
                          {"potwierdz": "1"}, follow=True).content.decode()
    assert "Tego stanu docelowego używa luka rozwojowa nr 1" in refused
    assert Ustalenie.objects.filter(pk=u.pk).exists() and StanDocelowy.objects.filter(pk=s.pk).exists()
    # Once the gap is gone, the finding can go; a cause in use simply leaves the gaps.
    client.post(url("poglebiona_usun", world["udzial_a"], rodzaj="luki", poz_pk=luka.pk), {"potwierdz": "1"})
    client.post(url("poglebiona_usun", world["udzial_a"], rodzaj="ustalenia", poz_pk=u.pk), {"potwierdz": "1"})
    assert not Ustalenie.objects.filter(pk=u.pk).exists() and not Luka.objects.exists()
    assert Ustalenie.history.filter(id=u.pk, history_type="-").exists()  # the text stays in the history


def test_reordering_moves_an_item_without_making_anyones_edit_stale(world, client_as, diagnoza, lider):
    a = _dodaj(diagnoza, lider, "stany", tresc="A")
    b = _dodaj(diagnoza, lider, "stany", tresc="B")
    c = _dodaj(diagnoza, lider, "stany", tresc="C")
    client = client_as("jst-a-czlonek")
    assert client.post(url("poglebiona_przesun", world["udzial_a"], rodzaj="stany", poz_pk=c.pk,
                           kierunek="gora")).status_code == 302
    client.post(url("poglebiona_przesun", world["udzial_a"], rodzaj="stany", poz_pk=a.pk, kierunek="gora"))  # first
    order = list(StanDocelowy.objects.order_by("kolejnosc", "pk").values_list("tresc", "wersja"))
    assert order == [("A", 1), ("C", 1), ("B", 1)]
    page = client.get(url("poglebiona", world["udzial_a"])).content.decode()
    assert page.index(f'id="stany-{a.pk}"') < page.index(f'id="stany-{c.pk}"') < page.index(f'id="stany-{b.pk}"')


# --- Privacy and queries -----------------------------------------------------------------------


def test_a_private_adviser_comment_on_the_page_never_reaches_the_team(world, client_as, diagnoza, lider):
    from doradztwo.komentarze import komentarz_dodaj

    udzial = world["udzial_a"]
    komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="poglebiona-luki", tresc="PRYWATNE-poglebiona notatka",
                    prywatny=True, autor=world["personas"]["ros1"])
    komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="poglebiona-luki", tresc="Uwaga do zespołu o lukach",
                    autor=world["personas"]["ros1"])
    for persona in ("jst-a-lider", "jst-a-czlonek"):
        page = client_as(persona).get(url("poglebiona", udzial)).content.decode()
        assert "Uwaga do zespołu o lukach" in page and "PRYWATNE-poglebiona" not in page
    for persona in ("ros1", "koordynator"):
        assert "PRYWATNE-poglebiona" in client_as(persona).get(url("poglebiona", udzial)).content.decode()


@pytest.mark.parametrize("persona", ["jst-a-lider", "ros1"])
def test_the_page_runs_a_fixed_number_of_queries_whatever_the_number_of_items(world, client_as, diagnoza, lider,
                                                                              persona):
    udzial = world["udzial_a"]
    client = client_as(persona)

    def add(n):
        for i in range(n):
            w = _wartosc(udzial, lider, okres=f"{2000 + WartoscWskaznika.objects.count()}/"
                                             f"{2001 + WartoscWskaznika.objects.count()}")
            f = _plik(udzial, lider, nazwa=f"plik{i}.pdf")
            u = _dodaj(diagnoza, lider, "ustalenia", tresc=f"U{i}", wartosci=[w.pk], pliki=[f.pk])
            s = _dodaj(diagnoza, lider, "stany", tresc=f"S{i}")
            p = _dodaj(diagnoza, lider, "przyczyny", tresc=f"P{i}", kategoria="inne")
            luka = _dodaj(diagnoza, lider, "luki", tresc=f"L{i}", ustalenie=u.pk, stan_docelowy=s.pk,
                          przyczyny=[p.pk], status="priorytet", ranga="1")
            _dodaj(diagnoza, lider, "cele", luka=luka.pk, tresc=f"C{i}", wskaznik="w", wartosc_bazowa="0",
                   wartosc_docelowa="1", termin="30.06.2023")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("poglebiona", udzial)).status_code == 200
        return len(ctx.captured_queries)

    add(2)
    few = count()
    add(10)
    assert count() == few


# --- Reads for the HDR and the demo ------------------------------------------------------------


def test_the_hdr_reads_the_ranked_priority_gaps_with_their_goals(world, diagnoza, lider):
    assert services.diagnoza_dla(world["udzial_b"]) is None
    assert services.diagnoza_dla(world["udzial_a"]) == diagnoza
    u, s, p, luka = _podstawa(diagnoza, lider)
    assert services.luki_priorytetowe(world["udzial_a"]) == []
    services.pozycja_zmien(pozycja=luka, dane={"tresc": "x", "ustalenie": u.pk, "stan_docelowy": s.pk,
                                                "status": "priorytet", "ranga": "1"}, wersja=luka.wersja, actor=lider)
    _dodaj(diagnoza, lider, "cele", luka=luka.pk, tresc="Cel", wskaznik="w", wartosc_bazowa="0",
           wartosc_docelowa="1", termin="30.06.2023")
    with CaptureQueriesContext(connection) as ctx:
        luki = services.luki_priorytetowe(world["udzial_a"])
        assert [c.tresc for c in luki[0].cele.all()] == ["Cel"] and luki[0].ustalenie.tresc
    assert len(ctx.captured_queries) == 2


def test_the_demo_step_builds_two_approved_diagnoses_once(world):
    from diagnoza.demo_poglebiona import run_demo

    users = world["personas"]
    udzialy = {"0201": world["udzial_a"], "2609022": world["udzial_b"]}
    run_demo(world, users, udzialy)
    counts = (DiagnozaPoglebiona.objects.count(), Ustalenie.objects.count(), Luka.objects.count(), Cel.objects.count())
    run_demo(world, users, udzialy)
    assert (DiagnozaPoglebiona.objects.count(), Ustalenie.objects.count(), Luka.objects.count(),
            Cel.objects.count()) == counts
    assert not Powiadomienie.objects.exists() and not mail.outbox
    a, b = services.diagnoza_dla(world["udzial_a"]), services.diagnoza_dla(world["udzial_b"])
    assert a.stan == b.stan == "zatwierdzona"
    assert services.braki(a) == [] and services.braki(b) == []
    assert (Ustalenie.objects.filter(diagnoza=a).count(), StanDocelowy.objects.filter(diagnoza=a).count()) == (3, 3)
    assert [x.status for x in Luka.objects.filter(diagnoza=a).order_by("kolejnosc")].count("priorytet") == 2
    luki_a = services.luki_priorytetowe(world["udzial_a"])
    assert [x.ranga for x in luki_a] == [1, 2] and all(1 <= len(x.cele.all()) <= 2 for x in luki_a)
    assert Luka.objects.get(diagnoza=a, status="odlozona").powod_odlozenia
    luki_b = services.luki_priorytetowe(world["udzial_b"])
    assert len(luki_b) == 2 and luki_b[1].cele.all()
