"""The final report: started (never by a GET) in the form the approved HDR planned or, without one, the
team's choice; pre-filled from the JST, the area, the HDR and the indicators; sections saved with
versions (a stale save answers 409 with both texts and saves nothing, different sections never
conflict); the contact person, documents, interview and photos; the review (submit refused while parts
are missing, return with per-section remarks, accept, reopen) with the stage moving forward; the lock
enforced by the services against direct POSTs; privacy of advisers' notes; the coordinator's list with
a fixed number of queries; the demo step."""

import datetime
import io
from html import escape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.komentarze import komentarz_dodaj
from doradztwo.models import Komentarz, Plik, ZmianaStanu
from doradztwo.services import KonfliktWersji
from jst.models import Udzial, ZmianaEtapu
from raporty import services
from raporty.models import PytanieWywiadu, RaportKoncowy, SekcjaRaportu, ZdjecieRaportu

pytestmark = pytest.mark.django_db


def url(name, udzial, **kwargs):
    return reverse(f"raporty:{name}", kwargs={"pk": udzial.pk, **kwargs})


def _klient(world, persona):
    """A client of its own (the `client_as` fixture re-signs one shared client)."""
    client = Client()
    client.force_login(world["personas"][persona])
    return client


@pytest.fixture
def lider(world):
    return world["personas"]["jst-a-lider"]


@pytest.fixture
def czlonek(world):
    return world["personas"]["jst-a-czlonek"]


@pytest.fixture
def koordynator(world):
    return world["personas"]["koordynator"]


def _rozpocznij(world, forma="dobra_praktyka", key="udzial_a", persona="jst-a-lider"):
    return services.raport_rozpocznij(udzial=world[key], forma=forma, actor=world["personas"][persona])


def _wypelnij(raport, actor):
    """Everything a good practice needs to be submitted."""
    for s in services.sekcje_raportu(raport):
        services.sekcja_zapisz(raport=raport, klucz=s.klucz, tresc=f"Tekst sekcji {s.klucz}.", wersja=s.wiersz.wersja,
                               actor=actor)
    raport.refresh_from_db()
    services.raport_zapisz_dane(raport=raport, dane={
        "tytul": "Jednolite procedury", "kontakt_imie_nazwisko": "Jan Kowalski", "kontakt_funkcja": "naczelnik",
        "kontakt_email": "jan.kowalski@example.org", "kontakt_telefon": "", "kontakt_zgoda": True},
        wersja=raport.wersja, actor=actor)
    raport.refresh_from_db()
    return raport


def _wiersz(raport, klucz):
    return SekcjaRaportu.objects.get(raport=raport, klucz=klucz)


def _png(name="zdjecie.png"):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 8), (30, 120, 60)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


# --- Starting -------------------------------------------------------------------------------------


def test_a_get_creates_nothing_and_the_leader_starts_the_report_in_the_form_the_approved_hdr_planned(
        world, client_as):
    from hdr.tests.permissions import plan

    plan(world, stan="zatwierdzona")
    client = client_as("jst-a-lider")
    html = client.get(url("raport", world["udzial_a"])).content.decode()
    assert "Rozpocznij raport" in html and "opis dobrej praktyki" in html
    assert not RaportKoncowy.objects.exists()
    # The HDR's form wins over anything posted.
    response = client.post(url("raport_rozpocznij", world["udzial_a"]), {"forma": "minireportaz"})
    assert response.status_code == 302
    raport = RaportKoncowy.objects.get(udzial=world["udzial_a"])
    assert raport.forma == "dobra_praktyka" and raport.stan == "robocza"
    assert sorted(SekcjaRaportu.objects.filter(raport=raport).values_list("klucz", flat=True)) == sorted(
        ["lokalny_system", "problem", "rozwiazanie", "kto_kiedy", "efekty", "koszt", "dlaczego", "replikacja"])
    # A second start (another member at the same time) returns the same report.
    assert _rozpocznij(world, forma="studium_refleksji") == raport


def test_without_an_approved_hdr_the_team_chooses_the_form_and_no_choice_creates_nothing(world, client_as):
    client = client_as("jst-a-czlonek")
    html = client.get(url("raport", world["udzial_a"])).content.decode()
    assert "nie wskazuje jeszcze formy raportu" in html
    assert client.post(url("raport_rozpocznij", world["udzial_a"]), {}).status_code == 400
    assert not RaportKoncowy.objects.exists()
    assert client.post(url("raport_rozpocznij", world["udzial_a"]), {"forma": "minireportaz"}).status_code == 302
    raport = RaportKoncowy.objects.get()
    assert raport.forma == "minireportaz"
    assert set(SekcjaRaportu.objects.filter(raport=raport).values_list("klucz", flat=True)) == {
        "lead", "scena", "narracja", "fakty"}


def test_advisers_and_coordinators_cannot_start_a_report(world, client_as):
    for persona in ("ros1", "koordynator", "admin"):
        assert client_as(persona).post(url("raport_rozpocznij", world["udzial_a"]),
                                       {"forma": "dobra_praktyka"}).status_code == 403
    assert "nie rozpoczął jeszcze" in client_as("ros1").get(url("raport", world["udzial_a"])).content.decode()
    assert not RaportKoncowy.objects.exists()


def test_the_report_is_prefilled_with_the_jst_the_area_the_hdr_actions_and_the_indicator_values(world, lider):
    from diagnoza.models import WartoscWskaznika, Wskaznik
    from hdr.models import Dzialanie
    from hdr.tests.permissions import plan

    _hdr, wersja = plan(world, stan="zatwierdzona", dzialan=2)
    Dzialanie.objects.filter(wersja_hdr=wersja, nazwa="Działanie 1").update(kwota="18000.00",
                                                                           zrodlo_finansowania="budżet powiatu")
    w = Wskaznik.objects.get(kod="uczn_etat")
    for okres, wynik in (("2020/2021", "8.93"), ("2021/2022", "8.87"), ("2022/2023", "8.74")):
        WartoscWskaznika.objects.create(udzial=world["udzial_a"], wskaznik=w, okres=okres, rok=int(okres[:4]),
                                        dane={}, wynik=wynik, autor=lider)
    raport = _rozpocznij(world)
    teksty = dict(SekcjaRaportu.objects.filter(raport=raport).values_list("klucz", "tresc"))
    assert "Powiat bolesławiecki" in teksty["lokalny_system"] and "dolnośląskie" in teksty["lokalny_system"]
    assert "Zarządzanie oświatą na poziomie organu prowadzącego" in teksty["lokalny_system"]
    assert "Uzasadnienie wyboru: Wybór do testów HDR." in teksty["problem"]
    assert "- 15.11.2022 – 10.02.2023: Działanie 1 (odpowiada: Jan Kowalski, dyrektor CUW)" in teksty["kto_kiedy"]
    assert "Raport końcowy" not in teksty["kto_kiedy"]  # the report's own action is not an achievement
    assert f"{w.nazwa} — 2020/2021: 8,93" in teksty["efekty"] and "2022/2023: 8,74" in teksty["efekty"]
    assert "2021/2022" not in teksty["efekty"]  # first and last period only
    assert "Działanie 1: 18\u00a0000,00 zł (budżet powiatu)" in teksty["koszt"] or \
        "Działanie 1: 18 000,00 zł (budżet powiatu)" in teksty["koszt"]
    assert teksty["rozwiazanie"] == teksty["dlaczego"] == ""
    # The text is editable like any other.
    services.sekcja_zapisz(raport=raport, klucz="efekty", tresc="Nowy tekst", wersja=1, actor=lider)
    assert _wiersz(raport, "efekty").tresc == "Nowy tekst"


def test_a_reflection_study_and_a_reportage_get_the_facts_in_their_own_sections(world):
    from hdr.tests.permissions import diagnoza

    diagnoza(world, "udzial_b")  # the area of JST B, no HDR
    b = _rozpocznij(world, "minireportaz", key="udzial_b", persona="jst-b-lider")
    fakty = _wiersz(b, "fakty").tresc
    assert "- JST: Gmina Dwikozy" in fakty and "- Obszar: Planowanie budżetowe" in fakty
    a = _rozpocznij(world, "studium_refleksji")
    assert "Powiat bolesławiecki" in _wiersz(a, "obiektywny").tresc
    assert _wiersz(a, "refleksyjny").tresc == ""


# --- Sections -------------------------------------------------------------------------------------


def test_a_section_saves_with_a_new_version_and_reads_as_safe_markdown(world, lider, client_as):
    raport = _rozpocznij(world)
    client = client_as("jst-a-lider")
    tekst = "Pierwszy akapit z **pogrubieniem**.\n\n- punkt jeden\n- punkt dwa\n\n<script>alert(1)</script>"
    response = client.post(url("raport_sekcja", world["udzial_a"], klucz="rozwiazanie"), {
        "sekcja-rozwiazanie-tresc": tekst, "sekcja-rozwiazanie-wersja": 1})
    assert response.status_code == 302 and response["Location"].endswith("#sekcja-rozwiazanie")
    wiersz = _wiersz(raport, "rozwiazanie")
    assert (wiersz.tresc, wiersz.wersja, wiersz.zmienil) == (tekst, 2, lider)
    html = client_as("ros1").get(url("raport", world["udzial_a"])).content.decode()
    assert "<strong>pogrubieniem</strong>" in html and "<li>punkt jeden</li>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_stale_section_save_answers_409_with_both_texts_author_and_time_and_saves_nothing(world, lider,
                                                                                         client_as):
    raport = _rozpocznij(world)
    services.sekcja_zapisz(raport=raport, klucz="problem", tresc="Tekst lidera.", wersja=1, actor=lider)
    response = client_as("jst-a-czlonek").post(url("raport_sekcja", world["udzial_a"], klucz="problem"), {
        "sekcja-problem-tresc": "Tekst członka.", "sekcja-problem-wersja": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tekst lidera." in html and "Tekst członka." in html
    assert "Łucja Liderska" in html and "Nic nie zostało zapisane" in html
    assert 'name="sekcja-problem-wersja" value="2"' in html  # saving again keeps the member's text
    assert _wiersz(raport, "problem").tresc == "Tekst lidera."


def test_autosave_answers_json_and_a_conflict_carries_the_other_text_author_and_time(world, lider, czlonek):
    raport = _rozpocznij(world)
    a, b = _klient(world, "jst-a-lider"), _klient(world, "jst-a-czlonek")
    adres = url("raport_sekcja_autozapis", world["udzial_a"], klucz="dlaczego")
    ok = a.post(adres, {"pole": "tresc", "wartosc": "Bo działa.", "wersja": 1})
    assert ok.status_code == 200 and ok.json()["wersja"] == 2 and ok.json()["zapisano"] is True
    konflikt = b.post(adres, {"pole": "tresc", "wartosc": "Bo jest tanie.", "wersja": 1})
    assert konflikt.status_code == 409
    data = konflikt.json()
    assert (data["wartosc"], data["wersja"], data["autor"]) == ("Bo działa.", 2, "Łucja Liderska") and data["czas"]
    assert _wiersz(raport, "dlaczego").tresc == "Bo działa."
    # The same text resent after a lost answer is no conflict.
    again = a.post(adres, {"pole": "tresc", "wartosc": "Bo działa.", "wersja": 1})
    assert again.status_code == 200 and again.json()["zapisano"] is False
    # A different section never conflicts with it.
    inna = b.post(url("raport_sekcja_autozapis", world["udzial_a"], klucz="koszt"),
                  {"pole": "tresc", "wartosc": "Niewiele.", "wersja": 1})
    assert inna.status_code == 200
    assert b.post(adres, {"pole": "inne", "wartosc": "x", "wersja": 2}).status_code == 400
    assert b.post(url("raport_sekcja_autozapis", world["udzial_a"], klucz="lead"),
                  {"pole": "tresc", "wartosc": "x", "wersja": 1}).status_code == 404  # not a section of this form


def test_a_section_editor_and_autosave_of_another_jst_are_404_for_jst_b(world, client_as):
    _rozpocznij(world)
    client = client_as("jst-b-lider")
    for name, kwargs in (("raport", {}), ("raport_sekcja", {"klucz": "problem"}), ("raport_dane", {}),
                         ("raport_dokumenty", {})):
        assert client.get(url(name, world["udzial_a"], **kwargs)).status_code == 404
    assert client.post(url("raport_sekcja_autozapis", world["udzial_a"], klucz="problem"),
                       {"pole": "tresc", "wartosc": "x", "wersja": 1}).status_code == 404
    assert _wiersz(RaportKoncowy.objects.get(), "problem").tresc == ""


def test_contact_data_are_validated_and_a_stale_save_shows_both_values(world, lider, client_as):
    raport = _rozpocznij(world)
    client = client_as("jst-a-lider")
    zle = client.post(url("raport_dane", world["udzial_a"]), {"tytul": "T", "kontakt_email": "nie-mail",
                                                              "kontakt_telefon": "abc", "wersja": raport.wersja})
    assert zle.status_code == 400 and "Podaj poprawny adres e-mail" in zle.content.decode()
    services.raport_zapisz_dane(raport=raport, dane={"tytul": "Tytuł lidera"}, wersja=raport.wersja, actor=lider)
    stary = client_as("jst-a-czlonek").post(url("raport_dane", world["udzial_a"]), {
        "tytul": "Tytuł członka", "kontakt_imie_nazwisko": "", "wersja": raport.wersja})
    assert stary.status_code == 409
    assert "Tytuł lidera" in stary.content.decode() and "Tytuł członka" in stary.content.decode()
    assert RaportKoncowy.objects.get().tytul == "Tytuł lidera"


# --- Documents, interview, photos -----------------------------------------------------------------


def test_model_documents_are_chosen_among_the_jst_files_or_uploaded(world, lider, client_as):
    raport = _rozpocznij(world)
    istniejacy = Plik.objects.create(udzial=world["udzial_a"], rodzaj="dokument", plik="x/wzor.pdf", nazwa="wzor.pdf",
                                     typ="application/pdf", rozmiar=10, dodal=lider)
    obcy = Plik.objects.create(udzial=world["udzial_b"], rodzaj="dokument", plik="x/b.pdf", nazwa="b.pdf",
                               typ="application/pdf", rozmiar=10, dodal=lider)
    client = client_as("jst-a-lider")
    assert client.post(url("raport_dokumenty", world["udzial_a"]),
                       {"akcja": "wybierz", "pliki": [istniejacy.pk]}).status_code == 302
    assert list(raport.dokumenty.all()) == [istniejacy]
    assert client.post(url("raport_dokumenty", world["udzial_a"]),
                       {"akcja": "wybierz", "pliki": [obcy.pk]}).status_code == 400  # another JST's file
    nowy = SimpleUploadedFile("procedura.txt", "Procedura obiegu wniosków.\n".encode(), content_type="text/plain")
    assert client.post(url("raport_dokumenty", world["udzial_a"]),
                       {"akcja": "dodaj", "plik": nowy, "opis": "wzór"}).status_code == 302
    assert sorted(p.nazwa for p in raport.dokumenty.all()) == ["procedura.txt", "wzor.pdf"]
    assert "procedura.txt" in client_as("koordynator").get(url("raport", world["udzial_a"])).content.decode()


def test_the_interview_questions_are_added_edited_reordered_and_deleted(world, client_as):
    raport = _rozpocznij(world, "minireportaz", key="udzial_b", persona="jst-b-lider")
    client = client_as("jst-b-czlonek")
    u = world["udzial_b"]
    for tekst in ("Pierwsze pytanie?", "Drugie pytanie?"):
        assert client.post(url("raport_pytanie_dodaj", u), {"pytanie-nowe-pytanie": tekst,
                                                             "pytanie-nowe-odpowiedz": ""}).status_code == 302
    assert client.post(url("raport_pytanie_dodaj", u), {"pytanie-nowe-pytanie": ""}).status_code == 400
    p1, p2 = PytanieWywiadu.objects.filter(raport=raport).order_by("kolejnosc")
    assert client.post(url("raport_pytanie", u, pytanie_pk=p1.pk), {
        f"pytanie-{p1.pk}-pytanie": "Od czego zaczęliście?", f"pytanie-{p1.pk}-odpowiedz": "Od diagnozy.",
        f"pytanie-{p1.pk}-wersja": p1.wersja}).status_code == 302
    p1.refresh_from_db()
    assert (p1.pytanie, p1.odpowiedz, p1.wersja) == ("Od czego zaczęliście?", "Od diagnozy.", 2)
    stale = client.post(url("raport_pytanie", u, pytanie_pk=p1.pk), {
        f"pytanie-{p1.pk}-pytanie": "Inne pytanie?", f"pytanie-{p1.pk}-odpowiedz": "", f"pytanie-{p1.pk}-wersja": 1})
    assert stale.status_code == 409 and "Od diagnozy." in stale.content.decode()
    auto = client.post(url("raport_pytanie_autozapis", u, pytanie_pk=p2.pk),
                       {"pole": "odpowiedz", "wartosc": "Z dyrektorami.", "wersja": 1})
    assert auto.status_code == 200 and auto.json()["wartosc"] == "Z dyrektorami."
    assert client.post(url("raport_pytanie_przesun", u, pytanie_pk=p2.pk, kierunek="gora")).status_code == 302
    assert [p.pk for p in services.pytania(raport)] == [p2.pk, p1.pk]
    confirm = client.post(url("raport_pytanie_usun", u, pytanie_pk=p1.pk))
    assert confirm.status_code == 200 and "Tak, usuń" in confirm.content.decode()
    assert client.post(url("raport_pytanie_usun", u, pytanie_pk=p1.pk), {"potwierdz": "1"}).status_code == 302
    assert list(PytanieWywiadu.objects.filter(raport=raport)) == [p2]
    # A good practice has no interview: its question pages do not exist.
    _rozpocznij(world)
    assert client_as("jst-a-lider").get(url("raport_pytanie_dodaj", world["udzial_a"])).status_code == 404


def test_photos_are_uploaded_with_caption_and_consent_and_a_stale_caption_edit_saves_nothing(world, client_as):
    raport = _rozpocznij(world, "minireportaz", key="udzial_b", persona="jst-b-lider")
    u = world["udzial_b"]
    client = _klient(world, "jst-b-lider")
    assert client.post(url("raport_zdjecia", u), {"plik": _png(), "podpis": "Warsztat", "zgoda": "on"}).status_code == 302
    bad = client.post(url("raport_zdjecia", u), {
        "plik": SimpleUploadedFile("x.png", b"<svg></svg>", content_type="image/png"), "podpis": "SVG"})
    assert bad.status_code == 400
    z = ZdjecieRaportu.objects.get(raport=raport)
    assert (z.podpis, z.zgoda, z.plik.rodzaj, z.plik.typ) == ("Warsztat", True, "zdjecie", "image/png")
    assert client.post(url("raport_zdjecie", u, zdjecie_pk=z.pk), {
        "podpis": "Warsztat budżetowy", "podpis_przed": "Warsztat", "zgoda_przed": "1"}).status_code == 302
    z.refresh_from_db()
    assert (z.podpis, z.zgoda) == ("Warsztat budżetowy", False)
    stale = client_as("jst-b-czlonek").post(url("raport_zdjecie", u, zdjecie_pk=z.pk), {
        "podpis": "Inny podpis", "zgoda": "on", "podpis_przed": "Warsztat", "zgoda_przed": "1"})
    assert stale.status_code == 409 and "Warsztat budżetowy" in stale.content.decode()
    z.refresh_from_db()
    assert z.podpis == "Warsztat budżetowy"
    html = client_as("ros2").get(url("raport", u)).content.decode()
    assert "Warsztat budżetowy" in html and "bez zgody" in html
    plik_pk = z.plik_id
    assert client.post(url("raport_zdjecie_usun", u, zdjecie_pk=z.pk), {"potwierdz": "1"}).status_code == 302
    assert not ZdjecieRaportu.objects.exists() and not Plik.objects.filter(pk=plik_pk).exists()


# --- Review ---------------------------------------------------------------------------------------


def test_submit_is_refused_with_a_list_of_what_is_missing_and_changes_nothing(world, lider, client_as):
    raport = _rozpocznij(world)
    services.sekcja_zapisz(raport=raport, klucz="problem", tresc="Jest problem.", wersja=1, actor=lider)
    etap, wersja = world["udzial_a"].etap, RaportKoncowy.objects.get().wersja
    response = client_as("jst-a-lider").post(url("raport_stan", world["udzial_a"], akcja="zloz"), follow=True)
    html = response.content.decode()
    assert "Raportu nie można jeszcze złożyć" in html
    assert escape("sekcja „3. Na czym polega zastosowane rozwiązanie?”") in html
    assert escape("imię i nazwisko osoby do kontaktu") in html
    assert escape("sekcja „2. Problem") not in html.split("Raportu nie można")[1].split("</div>")[0]
    raport = RaportKoncowy.objects.get()
    assert (raport.stan, raport.wersja) == ("robocza", wersja)
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == etap
    assert not ZmianaStanu.objects.exists() and not mail.outbox


def test_a_member_cannot_submit_and_the_coordinator_cannot_accept_a_draft(world, lider, koordynator, client_as):
    raport = _wypelnij(_rozpocznij(world), lider)
    assert client_as("jst-a-czlonek").post(url("raport_stan", world["udzial_a"], akcja="zloz")).status_code == 403
    with pytest.raises(ValidationError):
        services.raport_zmien_stan(raport=raport, akcja="zatwierdz", actor=koordynator)
    assert RaportKoncowy.objects.get().stan == "robocza"


def test_submit_moves_the_stage_and_locks_the_report_against_direct_posts(world, lider, client_as,
                                                                         django_capture_on_commit_callbacks):
    raport = _wypelnij(_rozpocznij(world), lider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("jst-a-lider").post(url("raport_stan", world["udzial_a"], akcja="zloz"))
    assert response.status_code == 302
    raport = RaportKoncowy.objects.get()
    assert raport.stan == "zlozona"
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "raport_zlozony"
    assert ZmianaEtapu.objects.filter(udzial=world["udzial_a"], na_etap="raport_zlozony").exists()
    assert {m.to[0] for m in mail.outbox} >= {world["personas"]["koordynator"].email}
    wiersz = _wiersz(raport, "problem")
    client = client_as("jst-a-czlonek")
    # Direct POSTs to every editor: refused by the services, nothing changes.
    zapis = client.post(url("raport_sekcja", world["udzial_a"], klucz="problem"), {
        "sekcja-problem-tresc": "Zmiana po złożeniu.", "sekcja-problem-wersja": wiersz.wersja})
    assert zapis.status_code == 400 and "zmiany są zablokowane" in zapis.content.decode()
    auto = client.post(url("raport_sekcja_autozapis", world["udzial_a"], klucz="problem"),
                       {"pole": "tresc", "wartosc": "Zmiana po złożeniu.", "wersja": wiersz.wersja})
    assert auto.status_code == 400 and "zablokowane" in auto.json()["blad"]
    assert client.post(url("raport_dane", world["udzial_a"]), {"tytul": "Inny", "wersja": raport.wersja}).status_code == 400
    assert client.post(url("raport_dokumenty", world["udzial_a"]), {"akcja": "wybierz"}).status_code == 400
    assert _wiersz(raport, "problem").tresc == wiersz.tresc and RaportKoncowy.objects.get().tytul == "Jednolite procedury"
    with pytest.raises(ValidationError):
        services.sekcja_zapisz(raport=raport, klucz="koszt", tresc="x", wersja=2, actor=lider)
    # The page shows no editor while submitted.
    assert "data-autozapis-url" not in client.get(url("raport", world["udzial_a"])).content.decode()


def test_the_coordinator_returns_with_a_reason_and_remarks_per_section_the_team_sees(world, lider, koordynator,
                                                                                    client_as):
    raport = _wypelnij(_rozpocznij(world), lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    client = client_as("koordynator")
    assert client.post(url("raport_stan", world["udzial_a"], akcja="zwroc"), {"powod": ""}).status_code == 302
    assert RaportKoncowy.objects.get().stan == "zlozona"  # no reason: nothing changed
    response = client.post(url("raport_stan", world["udzial_a"], akcja="zwroc"), {
        "powod": "Uzupełnijcie koszty.", "uwaga-koszt": "Dodajcie czas pracy wydziału.", "uwaga-problem": ""})
    assert response.status_code == 302
    raport = RaportKoncowy.objects.get()
    assert raport.stan == "zwrocona"
    uwaga = Komentarz.objects.get(sekcja="raport-koszt")
    assert (uwaga.autor, uwaga.prywatny, uwaga.udzial) == (koordynator, False, world["udzial_a"])
    assert not Komentarz.objects.filter(sekcja="raport-problem").exists()
    html = client_as("jst-a-lider").get(url("raport", world["udzial_a"])).content.decode()
    assert "Dodajcie czas pracy wydziału." in html and "Uzupełnijcie koszty." in html
    assert "data-autozapis-url" in html  # editable again
    # The team fixes and submits again.
    services.sekcja_zapisz(raport=raport, klucz="koszt", tresc="Koszt i 120 godzin pracy.",
                           wersja=_wiersz(raport, "koszt").wersja, actor=lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    assert RaportKoncowy.objects.get().stan == "zlozona"


def test_acceptance_ends_the_participation_and_a_reopening_needs_a_reason(world, lider, koordynator, client_as):
    raport = _wypelnij(_rozpocznij(world), lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    client = client_as("koordynator")
    assert "Przyjmij" in client.get(url("raport", world["udzial_a"])).content.decode()
    assert client.post(url("raport_stan", world["udzial_a"], akcja="zatwierdz")).status_code == 302
    assert RaportKoncowy.objects.get().stan == "zatwierdzona"
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "zakonczony"
    assert [z.akcja for z in ZmianaStanu.objects.order_by("pk")] == ["zloz", "zatwierdz"]
    assert client.post(url("raport_stan", world["udzial_a"], akcja="otworz"), {"powod": ""}).status_code == 302
    assert RaportKoncowy.objects.get().stan == "zatwierdzona"
    client.post(url("raport_stan", world["udzial_a"], akcja="otworz"), {"powod": "Poprawka tytułu."})
    assert RaportKoncowy.objects.get().stan == "robocza"
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "zakonczony"  # never moved back automatically
    assert ZmianaStanu.objects.order_by("-pk").first().powod == "Poprawka tytułu."


def test_advisers_cannot_review_and_the_other_editions_coordinator_gets_404(world, lider, client_as):
    raport = _wypelnij(_rozpocznij(world), lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    assert client_as("ros1").post(url("raport_stan", world["udzial_a"], akcja="zatwierdz")).status_code == 403
    assert client_as("koordynator2").post(url("raport_stan", world["udzial_a"], akcja="zatwierdz")).status_code == 404
    assert RaportKoncowy.objects.get().stan == "zlozona"


# --- Comments -------------------------------------------------------------------------------------


def test_a_private_adviser_comment_on_a_section_never_reaches_the_team(world, lider, client_as):
    _rozpocznij(world)
    komentarz_dodaj(obiekt=world["udzial_a"], udzial=world["udzial_a"], sekcja="raport-efekty",
                    tresc="Notatka tylko dla nas: efekty są przesadzone.", prywatny=True,
                    autor=world["personas"]["ros1"])
    komentarz_dodaj(obiekt=world["udzial_a"], udzial=world["udzial_a"], sekcja="raport-efekty",
                    tresc="Dopiszcie liczby przed i po.", autor=world["personas"]["pro1"])
    for persona in ("jst-a-lider", "jst-a-czlonek"):
        html = client_as(persona).get(url("raport", world["udzial_a"])).content.decode()
        assert "Dopiszcie liczby przed i po." in html and "efekty są przesadzone" not in html
    for persona in ("ros1", "pro1", "koordynator"):
        assert "efekty są przesadzone" in client_as(persona).get(url("raport", world["udzial_a"])).content.decode()
    assert all("przesadzone" not in m.body for m in mail.outbox if m.to[0].startswith("jst-a"))


# --- The coordinator's list -----------------------------------------------------------------------


def test_the_edition_list_shows_each_jst_with_form_state_and_dates(world, lider, client_as):
    from hdr.tests.permissions import plan

    plan(world, stan="zatwierdzona")
    raport = _wypelnij(_rozpocznij(world), lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    html = client_as("koordynator").get(reverse("raporty:raporty_edycji", kwargs={"pk": world["edycja"].pk})).content.decode()
    assert "Powiat bolesławiecki" in html and "Gmina Dwikozy" in html
    assert "złożony do akceptacji" in html and "nie rozpoczęty" in html
    assert "31.05.2023" in html  # the HDR's due date
    assert datetime.date.today().strftime("%d.%m.%Y") in html  # started and submitted today


def test_the_edition_list_runs_a_fixed_number_of_queries(world, lider, client_as, django_assert_num_queries):
    from jst.tests.factories import JSTFactory

    client = client_as("koordynator")
    adres = reverse("raporty:raporty_edycji", kwargs={"pk": world["edycja"].pk})
    raport = _wypelnij(_rozpocznij(world), lider)
    services.raport_zmien_stan(raport=raport, akcja="zloz", actor=lider)
    with CaptureQueriesContext(connection) as ctx:
        client.get(adres)
    for i in range(8):
        u = Udzial.objects.create(edycja=world["edycja"], jst=JSTFactory(teryt=f"31{i:02d}", klucz=f"31{i:02d}",
                                                                        nazwa=f"P{i}", rodzaj="powiat"))
        r = RaportKoncowy.objects.create(udzial=u, forma="studium_refleksji", zmienil=lider)
        if i % 2:
            ZmianaStanu.objects.create(typ_obiektu_id=ZmianaStanu.objects.first().typ_obiektu_id, id_obiektu=str(r.pk),
                                       pole="stan", z_stanu="robocza", na_stan="zlozona", akcja="zloz", kto=lider)
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(adres)
    assert response.content.decode().count("<tr>") == 1 + 10


def test_the_edition_list_shows_50_a_page_filters_by_state_and_keeps_the_filter_in_its_links(world, lider,
                                                                                             client_as):
    from jst.tests.factories import JSTFactory

    for i in range(55):
        u = Udzial.objects.create(edycja=world["edycja"], jst=JSTFactory(teryt=f"32{i:02d}", klucz=f"32{i:02d}",
                                                                        nazwa=f"R{i:02d}", rodzaj="powiat"))
        RaportKoncowy.objects.create(udzial=u, forma="studium_refleksji", stan="zlozona", zmienil=lider)
    client = client_as("koordynator")
    adres = reverse("raporty:raporty_edycji", kwargs={"pk": world["edycja"].pk})
    first = client.get(adres, {"stan": "zlozona"})
    assert len(first.context["wiersze"]) == 50 and first.context["strona"].paginator.count == 55
    assert first.context["zlozone"] == 55
    html = first.content.decode()
    assert 'href="?stan=zlozona&amp;strona=2"' in html and 'aria-current="page"' in html
    assert "Strona 1 z 2" in html and 'aria-label="Strony listy raportów"' in html
    second = client.get(adres, {"stan": "zlozona", "strona": 2})
    assert [u.jst.nazwa for u in second.context["wiersze"]] == [f"R{i}" for i in range(50, 55)]
    bez = client.get(adres, {"stan": "brak"})
    assert {u.jst.nazwa_pelna for u in bez.context["wiersze"]} == {"Powiat bolesławiecki", "Gmina Dwikozy"}
    assert client.get(adres, {"stan": "zatwierdzona"}).context["strona"].paginator.count == 0


# --- Markdown and the demo ------------------------------------------------------------------------


def test_markdown_renders_lists_headings_and_links_and_escapes_everything_else():
    html = services.markdown_html("# Nagłówek\nLinia 1\nLinia 2\n\n1. raz\n2. dwa\n\n"
                                  "[ORE](https://www.ore.edu.pl) [zły](javascript:alert(1)) <img src=x onerror=y>")
    assert "<h3>Nagłówek</h3>" in html and "<p>Linia 1<br>Linia 2</p>" in html
    assert "<ol><li>raz</li><li>dwa</li></ol>" in html
    assert '<a href="https://www.ore.edu.pl" rel="nofollow noopener noreferrer">ORE</a>' in html
    assert 'href="javascript' not in html and "[zły](javascript:alert(1))" in html  # left as plain text
    assert "<img" not in html and "&lt;img" in html


def test_the_demo_step_builds_an_accepted_good_practice_once_and_leaves_jst_b_without_a_report(world, monkeypatch):
    from raporty import demo

    calls = []
    monkeypatch.setattr(demo, "find_spec", lambda name: object())
    monkeypatch.setattr(demo, "import_module", lambda name: type("M", (), {"run_demo": staticmethod(calls.append)}))
    users = {**world["personas"]}
    w = {"users": users, "udzialy": {"0201": world["udzial_a"], "2609022": world["udzial_b"]}}
    wynik = demo.run(io.StringIO(), w)
    counts = (RaportKoncowy.objects.count(), SekcjaRaportu.objects.count(), ZmianaStanu.objects.count(),
              Komentarz.objects.count(), Plik.objects.count())
    assert demo.run(io.StringIO(), w)["raport_a"] == wynik["raport_a"]
    assert (RaportKoncowy.objects.count(), SekcjaRaportu.objects.count(), ZmianaStanu.objects.count(),
            Komentarz.objects.count(), Plik.objects.count()) == counts
    raport = wynik["raport_a"]
    assert raport.udzial == world["udzial_a"] and raport.stan == "zatwierdzona" and raport.kontakt_zgoda
    assert services.braki(raport) == []
    assert [z.akcja for z in ZmianaStanu.objects.order_by("kiedy")] == ["zloz", "zwroc", "zloz", "zatwierdz"]
    assert raport.dokumenty.count() == 1
    assert not RaportKoncowy.objects.filter(udzial=world["udzial_b"]).exists()
    assert [c["raport_a"] for c in calls] == [raport, raport]  # the publication step gets the report
    assert not mail.outbox


def test_the_service_refuses_a_stale_version_directly(world, lider):
    raport = _rozpocznij(world)
    services.sekcja_zapisz(raport=raport, klucz="koszt", tresc="A", wersja=1, actor=lider)
    with pytest.raises(KonfliktWersji):
        services.sekcja_zapisz(raport=raport, klucz="koszt", tresc="B", wersja=1, actor=lider)
    with pytest.raises(ValidationError):
        services.sekcja_zapisz(raport=raport, klucz="lead", tresc="B", wersja=1, actor=lider)
