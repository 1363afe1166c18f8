"""Personal data (RODO, issue 11): export, anonymisation with retained EU evidence, retention settings."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from doradztwo import rodo
from doradztwo.audit import audit
from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import (
    Anonimizacja,
    Komentarz,
    Powiadomienie,
    RetencjaDanych,
    WpisAudytu,
    Wysylka,
    ZachowaneDane,
    Zadanie,
)
from doradztwo.powiadomienia import powiadom
from doradztwo.tests.factories import UzytkownikFactory

IMIE, NAZWISKO = "Gertruda", "Zażółćka-Unikalna"
NAZWA = f"{IMIE} {NAZWISKO}"
EMAIL = "gertruda.zazolcka-unikalna@dwikozy.example.pl"
TELEFON = "+48 601 234 987"


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def gertruda(world):
    """jst-b-czlonek with a unique name, e-mail and phone, and a trace in every kind of table: an
    attendance (registration + present day), a remote entry where she was present, comments, a
    notification, a sent and a pending e-mail, audit entries, history rows and a report contact."""
    from jst.models import CzlonekZespolu, Obecnosc, Rejestracja, WpisZdalny, Wydarzenie
    from jst.services_zdalne import wpis_zdalny_utworz
    from raporty.models import RaportKoncowy

    p = world["personas"]
    osoba = p["jst-b-czlonek"]
    osoba.first_name, osoba.last_name, osoba.email, osoba.telefon = IMIE, NAZWISKO, EMAIL, TELEFON
    osoba.save()
    czlonek = CzlonekZespolu.objects.get(uzytkownik=osoba)
    czlonek.funkcja = "dyrektor szkoły"
    czlonek.save()  # a history row of the membership
    udzial = world["udzial_b"]

    wydarzenie = Wydarzenie.objects.create(edycja=world["edycja"], rodzaj="warsztaty_1", nazwa="Warsztaty — runda 1",
                                           od=datetime.date(2023, 3, 14), do=datetime.date(2023, 3, 14))
    rejestracja = Rejestracja.objects.create(wydarzenie=wydarzenie, czlonek=czlonek, zapisal=p["koordynator"])
    obecnosc = Obecnosc.objects.create(wydarzenie=wydarzenie, czlonek=czlonek, dzien=datetime.date(2023, 3, 14),
                                       obecny=True, zaznaczyl=p["koordynator"])

    doradca = world["doradcy"]["ros2"]
    wpis = wpis_zdalny_utworz(doradca=doradca, udzial=udzial, data=datetime.date(2023, 3, 10),
                              poczatek=datetime.time(10, 0), minuty=60, forma="wideo", temat="Arkusz diagnostyczny",
                              obecni=[czlonek], ustalenia=f"Pani {NAZWA} ({EMAIL}, tel. {TELEFON}) prześle dane.",
                              actor=p["ros2"])
    wpis.ustalenia = "Dane przesłane."
    wpis.save()  # the history keeps the earlier text with her name
    assert WpisZdalny.history.filter(id=wpis.pk, ustalenia__contains=NAZWA).exists()

    wlasny = komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="zespol", tresc="Prześlę dane do piątku.", autor=osoba)
    cudzy = komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja="zespol", autor=p["ros2"],
                            tresc=f"Dziękuję, {NAZWA}! Proszę o kopię na {EMAIL.upper()}.")
    powiadom(odbiorcy=[osoba], rodzaj="przeglad.test", tytul=f"Dzień dobry, {NAZWA}", tresc="Arkusz czeka.")
    powiadom(odbiorcy=[p["jst-b-lider"]], rodzaj="przeglad.test", tytul=f"{NAZWA} dołączyła do zespołu")
    audit(p["koordynator"], "zespol.czlonek_dodany", udzial, {"czlonek": czlonek.pk, "email": EMAIL,
                                                              "osoba": {"imie_nazwisko": NAZWA}})
    audit(p["admin"], "konto.zmienione", osoba, {"telefon": TELEFON})
    RaportKoncowy.objects.create(udzial=udzial, forma="dobra_praktyka", kontakt_imie_nazwisko=NAZWA,
                                 kontakt_email=EMAIL, kontakt_telefon=TELEFON, kontakt_zgoda=True)
    return {"osoba": osoba, "czlonek": czlonek, "obecnosc": obecnosc, "rejestracja": rejestracja, "wpis": wpis,
            "komentarze": (wlasny, cudzy)}


def _dump() -> list[dict]:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)  # every app, history tables and the outbox included
    return json.loads(out.getvalue())


def _trafienia(obiekty: list[dict]) -> list[tuple[str, object]]:
    igly = [NAZWA.lower(), EMAIL.lower(), f"{NAZWISKO} {IMIE}".lower(), "601 234 987"]
    return [(o["model"], o["pk"]) for o in obiekty
            if any(igla in json.dumps(o, ensure_ascii=False).lower() for igla in igly)]


def _anonimizuj(client, osoba, admin):
    client.force_login(admin)
    return client.post(reverse("rodo_admin:anonimizacja", args=[osoba.pk]),
                       {"powod": f"Prośba osoby ({NAZWA}) po zakończeniu udziału.", "potwierdzenie": osoba.username})


def test_after_anonymising_a_person_the_full_dump_names_them_only_in_the_retained_records_the_screen_lists(
        gertruda, world, client, django_capture_on_commit_callbacks):
    osoba, admin = gertruda["osoba"], world["personas"]["admin"]
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave the outbox: a sent log
        powiadom(odbiorcy=[osoba], rodzaj="przeglad.test", tytul=f"Wysłane do: {NAZWA}", tresc=f"Witaj {NAZWA}")
    assert any(EMAIL in m.to for m in mail.outbox)
    assert Wysylka.objects.filter(status=Wysylka.Status.WYSLANA).exists()
    powiadom(odbiorcy=[osoba], rodzaj="przeglad.test", tytul="Czeka w skrzynce", tresc=f"Dla {NAZWA}")
    assert Wysylka.objects.filter(status=Wysylka.Status.OCZEKUJE).exists()  # never flushed: still pending
    before = _trafienia(_dump())
    assert {"doradztwo.uzytkownik", "doradztwo.komentarz", "doradztwo.powiadomienie", "doradztwo.wysylka",
            "doradztwo.wpisaudytu", "jst.historicalwpiszdalny", "raporty.raportkoncowy"} <= {m for m, _ in before}

    response = _anonimizuj(client, osoba, admin)
    assert response.status_code == 302

    zachowane = list(ZachowaneDane.objects.filter(anonimizacja__osoba=osoba))
    page = client.get(reverse("rodo_admin:osoba", args=[osoba.pk])).content.decode()
    listed = {(z.typ_obiektu.app_label + "." + z.typ_obiektu.model, z.id_obiektu) for z in zachowane
              if f'id="zachowany-{z.typ_obiektu.app_label}.{z.typ_obiektu.model}-{z.id_obiektu}"' in page}
    assert listed == {("jst.obecnosc", str(gertruda["obecnosc"].pk)),
                      ("jst.rejestracja", str(gertruda["rejestracja"].pk)),
                      ("jst.wpiszdalny", str(gertruda["wpis"].pk))}
    # Each listed record says why it stays.
    assert page.count("art. 82 rozporządzenia (UE) 2021/1060") >= 3

    after = _trafienia(_dump())
    assert after, "the attendance evidence must keep her name"
    allowed = {("doradztwo.zachowanedane", z.pk) for z in zachowane
               if (z.typ_obiektu.app_label + "." + z.typ_obiektu.model, z.id_obiektu) in listed}
    assert set(after) <= allowed, f"her name or e-mail is still in {sorted(set(after) - allowed)}"


def test_anonymisation_keeps_the_audit_account_id_under_the_pseudonym_and_scrubs_its_data(gertruda, world, client):
    osoba, admin = gertruda["osoba"], world["personas"]["admin"]
    _anonimizuj(client, osoba, admin)
    osoba.refresh_from_db()
    pseudonim = rodo.PSEUDONIM.format(id=osoba.pk)
    assert osoba.get_full_name() == pseudonim
    assert (osoba.email, osoba.telefon, osoba.is_active, osoba.has_usable_password()) == ("", "", False, False)
    assert "@" not in osoba.username
    wpis = WpisAudytu.objects.get(akcja="konto.zmienione")
    assert wpis.id_obiektu == str(osoba.pk)
    assert wpis.opis_obiektu == pseudonim
    dodany = WpisAudytu.objects.get(akcja="zespol.czlonek_dodany")
    assert dodany.dane["email"] == pseudonim and dodany.dane["osoba"]["imie_nazwisko"] == pseudonim
    zapis = WpisAudytu.objects.get(akcja="rodo.anonimizacja")
    assert zapis.kto == admin and zapis.id_obiektu == str(osoba.pk)
    assert NAZWA not in zapis.dane["powod"] and pseudonim in zapis.dane["powod"]
    assert Anonimizacja.objects.get(osoba=osoba).kto == admin


def test_anonymisation_replaces_the_name_in_other_peoples_texts_and_drops_the_persons_own_notifications(
        gertruda, world, client):
    osoba = gertruda["osoba"]
    odwrotnie = komentarz_dodaj(obiekt=world["udzial_b"], udzial=world["udzial_b"], autor=world["personas"]["ros2"],
                                tresc=f"Rozmowa: {NAZWISKO}\n  {IMIE} (dyrektor); kopia: j{EMAIL} zostaje.")
    _anonimizuj(client, osoba, world["personas"]["admin"])
    pseudonim = rodo.PSEUDONIM.format(id=osoba.pk)
    # Either order, any spacing; an address that merely ends like hers is someone else's.
    assert Komentarz.objects.get(pk=odwrotnie.pk).tresc == (
        f"Rozmowa: {pseudonim} (dyrektor); kopia: j{EMAIL} zostaje.")
    wlasny, cudzy = gertruda["komentarze"]
    assert Komentarz.objects.get(pk=wlasny.pk).autor_id == osoba.pk  # the thread keeps its author, renamed
    assert Komentarz.objects.get(pk=cudzy.pk).tresc == f"Dziękuję, {pseudonim}! Proszę o kopię na {pseudonim}."
    assert not Powiadomienie.objects.filter(odbiorca=osoba).exists()
    assert Powiadomienie.objects.get(odbiorca=world["personas"]["jst-b-lider"], rodzaj="przeglad.test").tytul == (
        f"{pseudonim} dołączyła do zespołu")
    # E-mails still waiting for her are not sent to anyone.
    for w in Wysylka.objects.filter(rodzaj=Wysylka.Rodzaj.EMAIL):
        assert EMAIL not in w.dane.get("to", []) and NAZWA not in json.dumps(w.dane, ensure_ascii=False)
    assert Wysylka.objects.filter(status=Wysylka.Status.BLAD, dane__to=[]).exists()
    # She left the team.
    gertruda["czlonek"].refresh_from_db()
    assert not gertruda["czlonek"].aktywny and gertruda["czlonek"].odszedl is not None


def test_the_confirmation_must_match_the_login_and_a_reason_is_required_otherwise_nothing_changes(
        gertruda, world, client):
    osoba = gertruda["osoba"]
    client.force_login(world["personas"]["admin"])
    url = reverse("rodo_admin:anonimizacja", args=[osoba.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Tej operacji nie można cofnąć" in page.content.decode()
    wrong = client.post(url, {"powod": "Odejście z programu.", "potwierdzenie": "ktoś-inny"})
    empty = client.post(url, {"powod": "   ", "potwierdzenie": osoba.username})
    assert wrong.status_code == empty.status_code == 200
    assert not Anonimizacja.objects.exists()
    osoba.refresh_from_db()
    assert osoba.email == EMAIL


def test_an_administrator_cannot_anonymise_their_own_account(world, client):
    admin = world["personas"]["admin"]
    client.force_login(admin)
    response = client.post(reverse("rodo_admin:anonimizacja", args=[admin.pk]),
                           {"powod": "Test.", "potwierdzenie": admin.username})
    assert response.status_code == 200
    assert "Nie można zanonimizować własnego konta." in response.content.decode()
    assert not Anonimizacja.objects.exists()


def test_an_adviser_who_left_keeps_their_name_on_timesheets_and_travel_costs_only(world, client):
    from jst.models import KartaCzasuPracy, KosztPodrozy

    p = world["personas"]
    doradca = world["doradcy"]["doradca-spoza"]
    u = doradca.uzytkownik
    u.first_name, u.last_name, u.email = "Bogumiła", "Doradczyni-Wyjątkowa", "bogumila.wyjatkowa@example.org"
    u.save()
    doradca.notatka = "Bogumiła Doradczyni-Wyjątkowa: 20 lat w oświacie."
    doradca.save()
    karta = KartaCzasuPracy.objects.create(doradca=doradca, edycja=world["edycja"], miesiac=datetime.date(2023, 3, 1))
    koszt = KosztPodrozy.objects.create(doradca=doradca, edycja=world["edycja"], data=datetime.date(2023, 3, 2),
                                        transport="pociąg", kwota_transport=120)
    client.force_login(p["admin"])
    client.post(reverse("rodo_admin:anonimizacja", args=[u.pk]),
                {"powod": "Koniec współpracy.", "potwierdzenie": u.username})
    rows = {(z.rodzaj, z.id_obiektu): z for z in ZachowaneDane.objects.filter(anonimizacja__osoba=u)}
    assert set(rows) == {("karta_czasu", str(karta.pk)), ("koszt_podrozy", str(koszt.pk))}
    z = rows[("karta_czasu", str(karta.pk))]
    assert z.dane == {"imie_nazwisko": "Bogumiła Doradczyni-Wyjątkowa", "rola": "doradca ROS"}
    assert z.przechowywac_do == datetime.date(2033, 12, 31)  # 2023 + 10 years (the seeded default)
    doradca.refresh_from_db()
    assert doradca.notatka == "" and not doradca.aktywny
    assert not type(doradca).history.filter(id=doradca.pk).exclude(notatka="").exists()
    hits = _trafienia_tekstu(_dump(), ["doradczyni-wyjątkowa", "bogumila.wyjatkowa@"])
    assert {m for m, _pk in hits} == {"doradztwo.zachowanedane"}


def _trafienia_tekstu(obiekty, igly):
    return [(o["model"], o["pk"]) for o in obiekty
            if any(igla in json.dumps(o, ensure_ascii=False).lower() for igla in igly)]


def test_evidence_past_its_retention_period_keeps_nothing(gertruda, world, client):
    RetencjaDanych.objects.filter(rodzaj="obecnosc").update(lata=1)  # 2023 + 1 → ended on 31.12.2024
    _anonimizuj(client, gertruda["osoba"], world["personas"]["admin"])
    rodzaje = set(ZachowaneDane.objects.values_list("rodzaj", flat=True))
    assert "obecnosc" not in rodzaje and {"rejestracja", "wpis_zdalny"} <= rodzaje


def test_the_export_json_job_contains_the_persons_data_and_get_serves_the_stored_file(
        gertruda, world, client, django_capture_on_commit_callbacks):
    osoba = gertruda["osoba"]
    client.force_login(world["personas"]["admin"])
    url = reverse("rodo_admin:eksport", args=[osoba.pk, "json"])
    assert client.get(url).status_code == 200  # nothing stored yet: the page with the button, no job
    assert not Zadanie.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url)
    job = Zadanie.objects.get(rodzaj="rodo_eksport_json")
    assert started.status_code == 302 and started["Location"] == reverse("zadania:zadanie", args=[job.pk])
    assert job.status == Zadanie.Status.GOTOWE
    served = client.get(url)
    assert served["Content-Disposition"].startswith("attachment")
    dane = json.loads(b"".join(served.streaming_content))
    tekst = json.dumps(dane, ensure_ascii=False)
    assert NAZWISKO in tekst and EMAIL in tekst and TELEFON in tekst
    sekcje = {s["klucz"]: s for s in dane["sekcje"]}
    assert sekcje["konto"]["wiersze"][0]["email"] == EMAIL
    assert sekcje["obecnosci"]["wiersze"][0]["obecny"] is True
    assert sekcje["komentarze"]["wiersze"][0]["tresc"] == "Prześlę dane do piątku."
    assert {z["rodzaj"] for z in dane["zachowane"]} == {"obecnosc", "rejestracja", "wpis_zdalny"}
    # Anonymising drops the stored export (it printed her data).
    _anonimizuj(client, osoba, world["personas"]["admin"])
    job.refresh_from_db()
    assert not job.plik


def test_the_export_pdf_job_renders_the_persons_data(gertruda, world, client, django_capture_on_commit_callbacks):
    osoba = gertruda["osoba"]
    client.force_login(world["personas"]["admin"])
    url = reverse("rodo_admin:eksport", args=[osoba.pk, "pdf"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert Zadanie.objects.get(rodzaj="rodo_eksport_pdf").status == Zadanie.Status.GOTOWE
    text = _pdf_text(b"".join(client.get(url).streaming_content))
    assert NAZWA in text and EMAIL in text.replace(" ", "")  # a long address may wrap in its cell
    assert "Warsztaty — runda 1" in text  # her attendance, listed as retained evidence
    assert "Listy obecności na wydarzeniach" in text


def test_only_administrators_reach_the_personal_data_pages(world, client_as):
    osoba = world["personas"]["jst-b-czlonek"]
    urls = [reverse("rodo_admin:osoby"), reverse("rodo_admin:osoba", args=[osoba.pk]),
            reverse("rodo_admin:retencja"), reverse("rodo_admin:anonimizacja", args=[osoba.pk])]
    for url in urls:
        assert client_as("anon").get(url).status_code == 302
        assert client_as("koordynator").get(url).status_code == 403
        assert client_as("admin").get(url).status_code == 200
    assert client_as("admin").get(reverse("rodo_admin:osoba", args=[999999])).status_code == 404
    # The public klauzula informacyjna still answers anonymous visitors.
    assert client_as("anon").get(reverse("rodo")).status_code == 200


def test_the_person_search_runs_the_same_queries_for_few_and_many_people(world, client):
    client.force_login(world["personas"]["admin"])
    url = reverse("rodo_admin:osoby") + "?q=szukana"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    UzytkownikFactory(username="szukana1@example.org", last_name="Szukana")
    small = count()
    for n in range(2, 8):
        UzytkownikFactory(username=f"szukana{n}@example.org", last_name="Szukana")
    assert count() == small
    assert client.get(url).content.decode().count("szukana") >= 7


def test_the_retention_page_runs_the_same_queries_whatever_was_changed(world, client):
    admin = world["personas"]["admin"]
    client.force_login(admin)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("rodo_admin:retencja")).status_code == 200
        return len(ctx)

    small = count()
    for r in RetencjaDanych.objects.all():
        rodo.retencja_zapisz(kod=r.rodzaj, lata=12, podstawa=r.podstawa, wersja=r.wersja, actor=admin)
    assert count() == small


def test_retention_settings_are_seeded_and_an_administrator_changes_them_with_version_conflicts(world, client):
    admin = world["personas"]["admin"]
    assert set(RetencjaDanych.objects.values_list("rodzaj", flat=True)) == {
        "karta_czasu", "wpis_zdalny", "wizyta", "koszt_podrozy", "rejestracja", "obecnosc"}
    client.force_login(admin)
    regula = RetencjaDanych.objects.get(rodzaj="obecnosc")
    url = reverse("rodo_admin:retencja_rodzaj", args=["obecnosc"])
    ok = client.post(url, {"lata": 12, "podstawa": "Umowa o dofinansowanie, § 20.", "wersja": regula.wersja})
    assert ok.status_code == 302
    regula.refresh_from_db()
    assert (regula.lata, regula.podstawa, regula.wersja, regula.zmienil) == (12, "Umowa o dofinansowanie, § 20.", 2,
                                                                             admin)
    stale = client.post(url, {"lata": 3, "podstawa": "Inaczej.", "wersja": 1})
    assert stale.status_code == 409
    regula.refresh_from_db()
    assert regula.lata == 12
    assert WpisAudytu.objects.filter(akcja="rodo.retencja_zmieniona").count() == 1
    assert client.get(reverse("rodo_admin:retencja_rodzaj", args=["nie-ma-takiego"])).status_code == 404


def test_changing_a_period_moves_the_end_date_of_records_already_retained(gertruda, world, client):
    admin = world["personas"]["admin"]
    _anonimizuj(client, gertruda["osoba"], admin)
    regula = RetencjaDanych.objects.get(rodzaj="obecnosc")
    rodo.retencja_zapisz(kod="obecnosc", lata=15, podstawa=regula.podstawa, wersja=regula.wersja, actor=admin)
    assert ZachowaneDane.objects.get(rodzaj="obecnosc").przechowywac_do == datetime.date(2038, 12, 31)


def test_the_scrub_covers_every_text_field_of_every_model_including_history_tables():
    from django.apps import apps

    labels = {m._meta.label_lower for m in apps.get_models() if rodo._pola_tekstowe(m)}
    assert {"jst.historicalwpiszdalny", "doradztwo.wysylka", "doradztwo.wpisaudytu", "admin.logentry",
            "raporty.sekcjaraportu", "hdr.dzialanie", "diagnoza.historicalodpowiedz"} <= labels
    pola = {f.name for f in rodo._pola_tekstowe(apps.get_model("doradztwo", "Wysylka"))}
    assert pola == {"dane", "blad"}  # `rodzaj` and `status` have choices: never free text


def test_every_app_registers_a_provider_through_its_rodo_module():
    assert [d.aplikacja for d in rodo.dostawcy()] == ["doradztwo", "jst", "diagnoza", "hdr", "raporty"]
    assert {r.kod for r in rodo.rodzaje_retencji()} == {
        "karta_czasu", "wpis_zdalny", "wizyta", "koszt_podrozy", "rejestracja", "obecnosc"}


def test_registrations_for_events_still_to_come_are_cancelled_and_not_retained(gertruda, world, client):
    from django.utils import timezone

    from jst.models import Rejestracja, Wydarzenie

    dzien = timezone.localdate() + datetime.timedelta(days=10)
    przyszle = Wydarzenie.objects.create(edycja=world["edycja2"], rodzaj="online", nazwa="Spotkanie online",
                                         od=dzien, do=dzien)
    Rejestracja.objects.create(wydarzenie=przyszle, czlonek=gertruda["czlonek"], zapisal=world["personas"]["admin"])
    _anonimizuj(client, gertruda["osoba"], world["personas"]["admin"])
    assert not Rejestracja.objects.filter(wydarzenie=przyszle).exists()
    assert list(ZachowaneDane.objects.filter(rodzaj="rejestracja").values_list("id_obiektu", flat=True)) == [
        str(gertruda["rejestracja"].pk)]
