"""Publication of accepted reports and the public good-practice library: the redacted copy, refusals
of e-mail addresses and phone numbers other than the consenting contact's, EXIF stripped from
photos, the PDF job, search and filters, unpublishing (404), and who may do what."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from doradztwo.models import Obszar, Plik, WpisAudytu, Zadanie
from hdr.models import FormaRaportu, Hdr
from jst.models import JST, Udzial
from jst.tests.factories import JSTFactory
from raporty import publikacja as uslugi
from raporty.models import Publikacja, PytanieWywiadu, RaportKoncowy, SekcjaRaportu, ZdjeciePublikacji, ZdjecieRaportu
from raporty.zadania_publikacji import PUBLIKACJA_PDF

pytestmark = pytest.mark.django_db

TEKSTY = {
    "lokalny_system": "Powiat ma 14 szkół i 3 200 uczniów.",
    "problem": "Za mało uczniów wybierało szkoły branżowe.",
    "rozwiazanie": "Wspólny **system doradztwa zawodowego** dla wszystkich szkół.\n\nDrugi akapit.",
    "kto_kiedy": "- wrzesień: diagnoza\n- październik: warsztaty",
    "efekty": "Odsetek uczniów z planem kariery wzrósł z 40% do 65%.",
    "koszt": "Około 12 000 zł rocznie.",
    "dlaczego": "Bo działa i mało kosztuje.",
    "replikacja": "Zacznijcie od porozumienia dyrektorów.",
}


# --- Helpers ---------------------------------------------------------------------------------


def jpeg_z_exif(kolor=(30, 120, 200)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Aparat Testowy"  # Make
    exif[0x013B] = "Jan Fotograf"  # Artist
    exif.get_ifd(0x8825)[2] = (52.0, 13.0, 0.0)  # GPSLatitude
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), kolor).save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def raport_przyjety(udzial, *, forma=FormaRaportu.DOBRA_PRAKTYKA, teksty=None, stan="zatwierdzona", **pola):
    pola.setdefault("tytul", "Doradztwo zawodowe w powiecie")
    raport = RaportKoncowy.objects.create(udzial=udzial, forma=forma, stan=stan, **pola)
    for klucz, tresc in (TEKSTY if teksty is None else teksty).items():
        SekcjaRaportu.objects.create(raport=raport, klucz=klucz, tresc=tresc)
    return raport


def zdjecie(raport, autor, *, podpis="Warsztaty z doradcami", zgoda=True, dane=None) -> ZdjecieRaportu:
    """A photo stored as it is (the upload service would already strip EXIF: publication must not
    rely on that)."""
    dane = dane or jpeg_z_exif()
    plik = Plik(udzial=raport.udzial, rodzaj=Plik.Rodzaj.ZDJECIE, nazwa="warsztaty.jpg", typ="image/jpeg",
                rozmiar=len(dane), dodal=autor)
    plik.plik.save("warsztaty.jpg", ContentFile(dane), save=False)
    plik.save()
    return ZdjecieRaportu.objects.create(raport=raport, plik=plik, podpis=podpis, zgoda=zgoda,
                                         kolejnosc=raport.zdjecia.count())


def opublikuj(raport, actor, **zmiany) -> Publikacja:
    """Publish what the form proposes, with `zmiany` (e.g. sekcje={"problem": "…"})."""
    dane = uslugi.propozycja(raport)
    klucze = [k for k, _t, _p in uslugi.pola_sekcji(raport)]
    argumenty = {
        "tytul": dane["tytul"], "lead": dane["lead"], "okres": dane["okres"],
        "sekcje": {k: dane[f"sekcja_{k}"] for k in klucze}, "pokaz_kontakt": dane["pokaz_kontakt"],
        "zdjecia": list(ZdjecieRaportu.objects.filter(pk__in=dane["zdjecia"])), "potwierdzenie": True,
    }
    sekcje = zmiany.pop("sekcje", {})
    argumenty["sekcje"].update(sekcje)
    argumenty.update(zmiany)
    return uslugi.publikacja_opublikuj(raport=raport, actor=actor, **argumenty)


def formularz(raport, **zmiany) -> dict:
    """POST data of the coordinator's form as the page proposes it, confirmed."""
    dane = uslugi.propozycja(raport)
    post = {k: v for k, v in dane.items() if k not in ("zdjecia", "pokaz_kontakt")}
    post["zdjecia"] = [str(pk) for pk in dane["zdjecia"]]
    if dane["pokaz_kontakt"]:
        post["pokaz_kontakt"] = "on"
    post["potwierdzam"] = "on"
    post.update(zmiany)
    return {k: v for k, v in post.items() if v is not None}


@pytest.fixture
def koordynator(world):
    return world["personas"]["koordynator"]


@pytest.fixture
def raport_a(world):
    Hdr.objects.create(udzial=world["udzial_a"], obszar=Obszar.objects.get(numer=3))
    return raport_przyjety(world["udzial_a"], kontakt_imie_nazwisko="Anna Nowak", kontakt_funkcja="naczelnik wydziału",
                           kontakt_email="anna.nowak@powiat.boleslawiec.pl", kontakt_telefon="+48 75 612 34 56",
                           kontakt_zgoda=True)


def _udzial(edycja, n, **pola) -> Udzial:
    jst = JSTFactory(teryt=f"1{n:02d}1012", klucz=f"1{n:02d}101", nazwa=f"Testowa{n}", **pola)
    return Udzial.objects.create(edycja=edycja, jst=jst)


# --- Publishing --------------------------------------------------------------------------------


def test_publishing_freezes_the_confirmed_copy_with_denormalised_facts_and_queues_the_pdf(world, raport_a,
                                                                                          koordynator):
    pub = opublikuj(raport_a, koordynator, tytul="System doradztwa zawodowego",
                    sekcje={"problem": "Zredagowany opis problemu."})

    assert pub.opublikowana and pub.potwierdzil == koordynator
    assert pub.tytul == "System doradztwa zawodowego"
    assert pub.tresc["problem"] == "Zredagowany opis problemu."
    assert pub.tresc["rozwiazanie"] == TEKSTY["rozwiazanie"]
    assert (pub.nazwa_jst, pub.rodzaj_jst, pub.wojewodztwo) == ("Powiat bolesławiecki", "powiat", "dolnośląskie")
    assert pub.obszar.numer == 3
    assert pub.metryka["okres"] == "05.10.2022 – 31.05.2023"  # the edition's dates without an approved HDR
    assert pub.kontakt["email"] == "anna.nowak@powiat.boleslawiec.pl"
    # The working report is untouched.
    assert SekcjaRaportu.objects.get(raport=raport_a, klucz="problem").tresc == TEKSTY["problem"]
    assert WpisAudytu.objects.filter(akcja="publikacja.opublikowana", id_obiektu=str(pub.pk), kto=koordynator).exists()
    job = Zadanie.objects.get(rodzaj=PUBLIKACJA_PDF)
    assert job.parametry["publikacja"] == pub.pk and job.zlecajacy == koordynator


@pytest.mark.parametrize("pole, tekst", [
    ("sekcja_problem", "Pisz do dyrektora: jan.kowalski@sp1.edu.pl w sprawie naboru."),
    ("sekcja_efekty", "Informacje pod numerem 601 234 567."),
    ("lead", "Szczegóły: tel. (75) 612 00 00"),
    ("tytul", "Doradztwo — kontakt +48 500-100-200"),
    ("sekcja_koszt", "Adres: jan [at] gmina.pl"),
])
def test_publication_is_refused_with_an_email_or_phone_other_than_the_consenting_contacts(raport_a, koordynator,
                                                                                           pole, tekst):
    zmiany = {"sekcje": {pole.removeprefix("sekcja_"): tekst}} if pole.startswith("sekcja_") else {pole: tekst}
    with pytest.raises(ValidationError) as error:
        opublikuj(raport_a, koordynator, **zmiany)
    assert pole in error.value.message_dict
    assert not Publikacja.objects.exists() and not Zadanie.objects.exists()


def test_the_consenting_contacts_email_and_phone_may_appear_in_the_text(raport_a, koordynator):
    tekst = "Więcej: Anna.Nowak@powiat.boleslawiec.pl, tel. 75 612 34 56."
    pub = opublikuj(raport_a, koordynator, sekcje={"replikacja": tekst})
    assert pub.tresc["replikacja"] == tekst


def test_the_contacts_data_is_refused_when_the_contact_is_not_shown_or_did_not_consent(raport_a, koordynator):
    tekst = "Więcej: anna.nowak@powiat.boleslawiec.pl"
    with pytest.raises(ValidationError) as error:
        opublikuj(raport_a, koordynator, sekcje={"replikacja": tekst}, pokaz_kontakt=False)
    assert "Pokaż osobę do kontaktu" in " ".join(error.value.message_dict["sekcja_replikacja"])
    raport_a.kontakt_zgoda = False
    raport_a.save(update_fields=["kontakt_zgoda"])
    with pytest.raises(ValidationError) as error:
        opublikuj(raport_a, koordynator, sekcje={"replikacja": tekst}, pokaz_kontakt=True)
    assert "pokaz_kontakt" in error.value.message_dict
    assert not Publikacja.objects.exists()


@pytest.mark.parametrize("tekst, znalezione", [
    ("tel. 601 234 567, 2023 r.", ["601 234 567"]),
    ("+48 601-234-567", ["+48 601-234-567"]),
    ("0048601234567", ["0048601234567"]),
    ("(22) 123 45 67", ["(22) 123 45 67"]),
    ("numer 22 1234567", ["22 1234567"]),
    ("+49 30 1234567", ["+49 30 1234567"]),
    ("601 234 567 2023", ["601 234 567"]),
    ("123-456-78-90", []),  # ten digits: not a Polish phone number
    ("koszt 125 000 000 zł", []),
    ("2 500 000 zł, 120 uczniów, 12,5%", []),
    ("REGON 123456789, NIP 123-456-78-90", []),
    ("w latach 2022-2023, od 01.09.2022 do 30.06.2023", []),
    ("Budżet 1.250.000,50 zł", []),
    ("kod 59-700 Bolesławiec", []),
])
def test_the_phone_pattern_finds_phone_numbers_but_not_amounts_dates_or_registry_numbers(tekst, znalezione):
    assert [w for rodzaj, w in uslugi.znajdz_dane_kontaktowe(tekst) if rodzaj == "telefon"] == znalezione


@pytest.mark.parametrize("tekst, znalezione", [
    ("kontakt: jan.kowalski@gmina.pl.", ["jan.kowalski@gmina.pl"]),
    ("pisz na a.b@c.com.pl", ["a.b@c.com.pl"]),
    ("jan(małpa)gmina(kropka)pl", ["jan(małpa)gmina(kropka)pl"]),
    ("zespół @ szkoła, 2 @ 3", []),
])
def test_the_email_pattern_finds_plain_and_disguised_addresses(tekst, znalezione):
    assert [w for rodzaj, w in uslugi.znajdz_dane_kontaktowe(tekst) if rodzaj == "email"] == znalezione


def test_a_report_that_is_not_accepted_is_not_published(world, koordynator):
    raport = raport_przyjety(world["udzial_a"], stan="zlozona")
    with pytest.raises(ValidationError) as error:
        opublikuj(raport, koordynator)
    assert "przyjęty" in " ".join(error.value.messages)
    assert not Publikacja.objects.exists()


def test_photos_without_consent_cannot_be_published(raport_a, koordynator, world):
    bez_zgody = zdjecie(raport_a, world["personas"]["jst-a-lider"], zgoda=False)
    with pytest.raises(ValidationError) as error:
        opublikuj(raport_a, koordynator, zdjecia=[bez_zgody])
    assert "zdjecia" in error.value.message_dict


def test_published_photos_are_re_encoded_without_exif(raport_a, koordynator, world, client):
    zrodlo = zdjecie(raport_a, world["personas"]["jst-a-lider"])
    assert b"Aparat Testowy" in zrodlo.plik.plik.open("rb").read()  # the stored source still has it

    pub = opublikuj(raport_a, koordynator)

    kopia = pub.zdjecia.get()
    dane = kopia.plik.open("rb").read()
    assert b"Aparat Testowy" not in dane and b"Jan Fotograf" not in dane
    with Image.open(io.BytesIO(dane)) as obraz:
        assert obraz.format == "JPEG" and not obraz.getexif() and "exif" not in obraz.info
    assert (kopia.podpis, kopia.typ) == ("Warsztaty z doradcami", "image/jpeg")
    response = client.get(reverse("raporty:dobra_praktyka_zdjecie", args=[pub.pk, kopia.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == dane


def test_republishing_updates_the_same_copy_replaces_photos_and_drops_the_stale_pdf(
        raport_a, koordynator, world, django_capture_on_commit_callbacks):
    zdjecie(raport_a, world["personas"]["jst-a-lider"])
    pierwsza = opublikuj(raport_a, koordynator)
    stara_kopia = pierwsza.zdjecia.get()
    Publikacja.objects.filter(pk=pierwsza.pk).update(plik_pdf="publikacje/pdf/stary.pdf")
    storage = stara_kopia.plik.storage

    with django_capture_on_commit_callbacks(execute=True):  # no job: only the old files' removal runs
        druga = opublikuj(raport_a, world["personas"]["admin"], tytul="Nowy tytuł", zlec_pdf=False)

    assert druga.pk == pierwsza.pk and Publikacja.objects.count() == 1
    druga.refresh_from_db()
    assert druga.tytul == "Nowy tytuł" and not druga.plik_pdf
    assert not storage.exists(stara_kopia.plik.name)
    assert ZdjeciePublikacji.objects.filter(publikacja=druga).count() == 1


def test_a_pdf_rendered_from_older_text_is_not_stored(raport_a, koordynator):
    pub = opublikuj(raport_a, koordynator)
    stary_klucz = uslugi.klucz_pdf(pub)
    opublikuj(raport_a, koordynator, tytul="Zmieniony tytuł")
    assert uslugi.zapisz_pdf(publikacja_id=pub.pk, tresc=b"%PDF-stary", klucz=stary_klucz) is False
    pub.refresh_from_db()
    assert not pub.plik_pdf


def test_the_job_renders_a_pdf_with_polish_text_and_the_public_url_serves_it(
        raport_a, koordynator, world, client, django_capture_on_commit_callbacks):
    zdjecie(raport_a, world["personas"]["jst-a-lider"])
    with django_capture_on_commit_callbacks(execute=True):
        pub = opublikuj(raport_a, koordynator, tytul="Zażółć gęślą jaźń w powiecie",
                        sekcje={"efekty": "Łączność szkół i **współpraca** dyrektorów."})
    pub.refresh_from_db()
    job = Zadanie.objects.get(rodzaj=PUBLIKACJA_PDF)
    assert job.status == Zadanie.Status.GOTOWE, job.komunikat
    assert pub.plik_pdf

    response = client.get(reverse("raporty:dobra_praktyka_pdf", args=[pub.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    tekst = "\n".join(page.extract_text() for page in reader.pages)
    assert "Zażółć gęślą jaźń w powiecie" in tekst
    assert "Łączność szkół i współpraca dyrektorów." in tekst
    assert "5. Jakie efekty osiągnięto?" in tekst and "Powiat bolesławiecki" in tekst
    assert "anna.nowak@powiat.boleslawiec.pl" in tekst  # the consenting contact
    assert "Warsztaty z doradcami" in tekst  # the photo's caption
    assert any("/XObject" in page["/Resources"] for page in reader.pages)  # the photo itself


def test_a_get_never_starts_a_job(raport_a, koordynator, client, client_as):
    pub = opublikuj(raport_a, koordynator)
    Zadanie.objects.all().delete()

    response = client.get(reverse("raporty:dobra_praktyka_pdf", args=[pub.pk]))
    assert response.status_code == 200 and "przygotowywany" in response.content.decode()
    client_as("koordynator").get(reverse("raporty:publikacja", args=[raport_a.udzial_id]))
    assert not Zadanie.objects.exists()


# --- The coordinator's screen ----------------------------------------------------------------


def test_the_screen_proposes_the_accepted_text_contact_and_only_consented_photos(raport_a, world, client_as):
    lider = world["personas"]["jst-a-lider"]
    zdjecie(raport_a, lider, podpis="Zdjęcie ze zgodą")
    zdjecie(raport_a, lider, podpis="Zdjęcie bez zgody", zgoda=False)
    response = client_as("koordynator").get(reverse("raporty:publikacja", args=[raport_a.udzial_id]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["sekcja_problem"] == TEKSTY["problem"]
    assert form.initial["tytul"] == "Doradztwo zawodowe w powiecie"
    assert "pokaz_kontakt" in form.fields
    assert [z.podpis for z in form.fields["zdjecia"].queryset] == ["Zdjęcie ze zgodą"]
    html = response.content.decode()
    assert "Potwierdzam, że tekst nie zawiera danych osobowych poza danymi osób, które wyraziły zgodę" in html
    assert "nie — nie można opublikować" in html


def test_the_contact_checkbox_is_absent_without_consent(world, client_as):
    raport = raport_przyjety(world["udzial_a"], kontakt_imie_nazwisko="Anna Nowak", kontakt_zgoda=False)
    response = client_as("koordynator").get(reverse("raporty:publikacja", args=[raport.udzial_id]))
    assert "pokaz_kontakt" not in response.context["form"].fields


def test_posting_without_the_confirmation_is_refused_next_to_the_checkbox(raport_a, client_as):
    url = reverse("raporty:publikacja", args=[raport_a.udzial_id])
    response = client_as("koordynator").post(url, formularz(raport_a, potwierdzam=None))
    assert response.status_code == 400
    assert response.context["form"].errors["potwierdzam"]
    assert not Publikacja.objects.exists()


def test_posting_an_extra_email_shows_the_message_next_to_the_section(raport_a, client_as):
    url = reverse("raporty:publikacja", args=[raport_a.udzial_id])
    response = client_as("koordynator").post(url, formularz(raport_a, sekcja_problem="Pisz: x.y@szkola.pl"))
    assert response.status_code == 400
    assert "x.y@szkola.pl" in " ".join(response.context["form"].errors["sekcja_problem"])
    assert response.context["form"]["sekcja_problem"].value() == "Pisz: x.y@szkola.pl"  # input kept
    assert not Publikacja.objects.exists()


def test_the_coordinator_publishes_through_the_form(raport_a, client_as):
    url = reverse("raporty:publikacja", args=[raport_a.udzial_id])
    response = client_as("koordynator").post(url, formularz(raport_a, tytul="Opublikowany przez formularz"))
    assert response.status_code == 302 and response["Location"] == url
    assert Publikacja.objects.get().tytul == "Opublikowany przez formularz"
    page = client_as("koordynator").get(url).content.decode()
    assert "Opublikowana" in page and reverse("raporty:dobra_praktyka", args=[Publikacja.objects.get().pk]) in page


def test_a_report_not_accepted_shows_an_explanation_and_a_post_changes_nothing(world, client_as):
    raport = raport_przyjety(world["udzial_a"], stan="zlozona")
    url = reverse("raporty:publikacja", args=[raport.udzial_id])
    client = client_as("koordynator")
    response = client.get(url)
    assert response.status_code == 200 and "nie został jeszcze przyjęty" in response.content.decode()
    assert client.post(url, formularz(raport)).status_code == 400
    assert not Publikacja.objects.exists()


@pytest.mark.parametrize("persona, status", [
    ("admin", 200), ("koordynator", 200), ("koordynator2", 404), ("jst-a-lider", 403), ("jst-a-czlonek", 403),
    ("ros1", 403), ("pro1", 403), ("ros2", 404), ("jst-b-lider", 404), ("doradca-spoza", 404), ("anon", 302),
])
def test_only_the_editions_coordinators_open_the_publication_screen(raport_a, client_as, persona, status):
    url = reverse("raporty:publikacja", args=[raport_a.udzial_id])
    assert client_as(persona).get(url).status_code == status


# --- Unpublishing --------------------------------------------------------------------------------


def test_unpublishing_makes_every_public_url_404_and_republishing_restores_them(raport_a, koordynator, world,
                                                                                 client, client_as):
    zdjecie(raport_a, world["personas"]["jst-a-lider"])
    pub = opublikuj(raport_a, koordynator)
    kopia = pub.zdjecia.get()
    publiczne = [reverse("raporty:dobra_praktyka", args=[pub.pk]),
                 reverse("raporty:dobra_praktyka_zdjecie", args=[pub.pk, kopia.pk]),
                 reverse("raporty:dobra_praktyka_pdf", args=[pub.pk])]
    assert all(client.get(url).status_code == 200 for url in publiczne)

    koord = client_as("koordynator")
    wycofaj = reverse("raporty:publikacja_wycofaj", args=[raport_a.udzial_id])
    assert "Wycofać publikację?" in koord.get(wycofaj).content.decode()  # the confirmation page
    assert koord.post(wycofaj).status_code == 302
    pub.refresh_from_db()
    assert not pub.opublikowana
    assert WpisAudytu.objects.filter(akcja="publikacja.wycofana", id_obiektu=str(pub.pk)).exists()

    for persona in ("anon", "koordynator", "admin", "jst-a-lider"):
        c = client_as(persona)
        assert [c.get(url).status_code for url in publiczne] == [404, 404, 404], persona
    assert pub.tytul not in client.get(reverse("raporty:dobre_praktyki")).content.decode()

    ponownie = opublikuj(raport_a, koordynator)
    nowa_kopia = ponownie.zdjecia.get()
    assert client.get(reverse("raporty:dobra_praktyka", args=[pub.pk])).status_code == 200
    assert client.get(reverse("raporty:dobra_praktyka_zdjecie", args=[pub.pk, nowa_kopia.pk])).status_code == 200


def test_unknown_ids_are_404_on_public_urls(client):
    assert client.get(reverse("raporty:dobra_praktyka", args=[999])).status_code == 404
    assert client.get(reverse("raporty:dobra_praktyka_pdf", args=[999])).status_code == 404
    assert client.get(reverse("raporty:dobra_praktyka_zdjecie", args=[999, 1])).status_code == 404


def test_a_photo_of_another_publication_is_404(raport_a, koordynator, world, client):
    zdjecie(raport_a, world["personas"]["jst-a-lider"])
    pub_a = opublikuj(raport_a, koordynator)
    pub_b = opublikuj(raport_przyjety(world["udzial_b"]), koordynator)
    url = reverse("raporty:dobra_praktyka_zdjecie", args=[pub_b.pk, pub_a.zdjecia.get().pk])
    assert client.get(url).status_code == 404


# --- The public page ------------------------------------------------------------------------------


def test_the_public_page_renders_markdown_safely_without_login(raport_a, koordynator, client):
    pub = opublikuj(raport_a, koordynator, sekcje={
        "problem": "Ważne: **pogrubione**\n\n- punkt <script>alert(1)</script>\n- [strona](https://ore.edu.pl)\n"
                   "- [zły](javascript:alert(1)) <img src=x onerror=alert(1)>"})
    response = client.get(reverse("raporty:dobra_praktyka", args=[pub.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>pogrubione</strong>" in html and "<li>punkt &lt;script&gt;" in html
    assert '<a href="https://ore.edu.pl" rel="nofollow noopener noreferrer">strona</a>' in html
    assert "<script>alert" not in html and 'href="javascript' not in html and "<img src=x" not in html
    assert "Anna Nowak" in html and "2. Problem, który był powodem wdrożenia innowacji" in html


def test_a_reportage_publishes_its_lead_and_the_interview_only_with_consent(world, koordynator, client):
    teksty = {"lead": "Krótko o zmianie.", "scena": "Poranek w szkole.", "narracja": "Opowieść.", "fakty": "Fakty."}
    raport = raport_przyjety(world["udzial_a"], forma=FormaRaportu.MINIREPORTAZ, teksty=teksty,
                             rozmowca="Ewa Zielińska", rozmowca_funkcja="dyrektorka", rozmowca_zgoda=True)
    PytanieWywiadu.objects.create(raport=raport, pytanie="Co się zmieniło?", odpowiedz="Wszystko.")
    pub = opublikuj(raport, koordynator)
    assert pub.lead == "Krótko o zmianie." and "lead" not in pub.tresc
    assert "Ewa Zielińska" in pub.tresc["wywiad"] and "Co się zmieniło?" in pub.tresc["wywiad"]
    html = client.get(reverse("raporty:dobra_praktyka", args=[pub.pk])).content.decode()
    assert html.index("Opowieść o procesie") < html.index("Wywiad") < html.index("Ramka z faktami")

    raport.rozmowca_zgoda = False
    raport.save(update_fields=["rozmowca_zgoda"])
    assert "wywiad" not in [k for k, _t, _p in uslugi.pola_sekcji(raport)]
    assert "wywiad" not in opublikuj(raport, koordynator, sekcje={"wywiad": "Ewa Zielińska"}).tresc


# --- The library: search, filters, pagination ------------------------------------------------


def _biblioteka(world, koordynator):
    a = opublikuj(raport_przyjety(world["udzial_a"], teksty={**TEKSTY, "efekty": "Żłobek i przedszkole gęślą."}),
                  koordynator)
    b_udzial = world["udzial_b"]
    Hdr.objects.create(udzial=b_udzial, obszar=Obszar.objects.get(numer=5))
    b = opublikuj(raport_przyjety(b_udzial, tytul="Świetlice wiejskie", teksty={"problem": "Dojazdy uczniów."}),
                  koordynator)
    return a, b


def _tytuly(response) -> list[str]:
    return [p.tytul for p in response.context["strona"]]


def test_search_finds_a_word_from_a_section_whatever_its_case_and_polish_letters(world, koordynator, client):
    a, b = _biblioteka(world, koordynator)
    url = reverse("raporty:dobre_praktyki")
    assert _tytuly(client.get(url, {"q": "ŻŁOBEK"})) == [a.tytul]
    assert _tytuly(client.get(url, {"q": "gęślą"})) == [a.tytul]
    assert _tytuly(client.get(url, {"q": "dojazdy"})) == [b.tytul]
    assert _tytuly(client.get(url, {"q": "świetlice"})) == [b.tytul]  # the title
    assert _tytuly(client.get(url, {"q": "dwikozy"})) == [b.tytul]  # the JST's name
    assert _tytuly(client.get(url, {"q": "doradztwa zawodowego"})) == [a.tytul]  # every word must occur
    assert _tytuly(client.get(url, {"q": "doradztwa dojazdy"})) == []
    assert _tytuly(client.get(url, {"q": "100%"})) == []  # LIKE wildcards are literal


def test_filters_by_area_jst_kind_and_voivodeship(world, koordynator, client):
    a, b = _biblioteka(world, koordynator)
    url = reverse("raporty:dobre_praktyki")
    assert set(_tytuly(client.get(url))) == {a.tytul, b.tytul}
    assert _tytuly(client.get(url, {"obszar": Obszar.objects.get(numer=5).pk})) == [b.tytul]
    assert _tytuly(client.get(url, {"rodzaj_jst": JST.Rodzaj.POWIAT})) == [a.tytul]
    assert _tytuly(client.get(url, {"wojewodztwo": "świętokrzyskie"})) == [b.tytul]
    assert _tytuly(client.get(url, {"wojewodztwo": "świętokrzyskie", "rodzaj_jst": JST.Rodzaj.POWIAT})) == []
    response = client.get(url, {"wojewodztwo": "atlantyda"})
    assert response.status_code == 200 and _tytuly(response) == [] and response.context["filtr"].errors


def test_the_library_paginates_and_runs_a_fixed_number_of_queries(world, koordynator, client, django_assert_num_queries):
    def dodaj(od, n):
        for i in range(od, od + n):
            udzial = _udzial(world["edycja"], i, rodzaj=JST.Rodzaj.GMINA_MIEJSKA, wojewodztwo="lubelskie")
            Hdr.objects.create(udzial=udzial, obszar=Obszar.objects.get(numer=i % 12 + 1))
            opublikuj(raport_przyjety(udzial, tytul=f"Praktyka {i}"), koordynator)

    url = reverse("raporty:dobre_praktyki")
    parametry = {"q": "doradztwa", "wojewodztwo": "lubelskie", "rodzaj_jst": "gmina_miejska"}
    dodaj(0, 3)
    client.get(url, parametry)  # warm-up
    with CaptureQueriesContext(connection) as male:
        assert client.get(url, parametry).status_code == 200
    dodaj(3, 22)
    with django_assert_num_queries(len(male.captured_queries)):
        response = client.get(url, parametry)
    assert response.context["strona"].paginator.count == 25 and len(response.context["strona"]) == 10
    assert client.get(url, {**parametry, "strona": 3}).context["strona"].object_list.__len__() == 5


# --- Re-editing, retrying the PDF, the job's access, the demo step --------------------------------


def test_the_form_proposes_the_last_redaction_and_can_reload_the_report(raport_a, koordynator, client_as):
    opublikuj(raport_a, koordynator, tytul="Tytuł po redakcji", sekcje={"problem": "Problem po redakcji."})
    url = reverse("raporty:publikacja", args=[raport_a.udzial_id])
    client = client_as("koordynator")
    form = client.get(url).context["form"]
    assert (form.initial["tytul"], form.initial["sekcja_problem"]) == ("Tytuł po redakcji", "Problem po redakcji.")
    form = client.get(url, {"z_raportu": "1"}).context["form"]
    assert (form.initial["tytul"], form.initial["sekcja_problem"]) == ("Doradztwo zawodowe w powiecie",
                                                                       TEKSTY["problem"])


def test_after_a_failed_render_the_coordinator_prepares_the_pdf_again(raport_a, koordynator, client_as):
    pub = opublikuj(raport_a, koordynator)
    Zadanie.objects.filter(rodzaj=PUBLIKACJA_PDF).update(status=Zadanie.Status.BLAD)
    client = client_as("koordynator")
    assert "Nie udało się przygotować PDF." in client.get(reverse("raporty:publikacja",
                                                                  args=[raport_a.udzial_id])).content.decode()
    response = client.post(reverse("raporty:publikacja_pdf", args=[raport_a.udzial_id]))
    nowe = Zadanie.objects.filter(rodzaj=PUBLIKACJA_PDF, status=Zadanie.Status.OCZEKUJE).get()
    assert response.status_code == 302 and response["Location"] == reverse("zadania:zadanie", args=[nowe.pk])
    assert nowe.parametry == uslugi.parametry_pdf(pub)


def test_only_the_editions_coordinators_may_run_the_pdf_job(raport_a, koordynator, world):
    from doradztwo.zadania import BrakDostepu, zadanie_zlec

    pub = opublikuj(raport_a, koordynator)
    for persona in ("jst-a-lider", "ros1", "koordynator2"):
        with pytest.raises(BrakDostepu):
            zadanie_zlec(rodzaj=PUBLIKACJA_PDF, parametry=uslugi.parametry_pdf(pub), actor=world["personas"][persona])


def test_the_demo_step_publishes_jst_as_accepted_report_once(raport_a, world, monkeypatch):
    from doradztwo import pdf
    from raporty.demo_publikacja import run_demo

    renders = []
    monkeypatch.setattr(pdf, "render_pdf", lambda *a, **k: renders.append(1) or b"%PDF-1.7 demo")
    demo_world = {"raport_a": raport_a, "users": world["personas"]}
    pub = run_demo(demo_world)
    assert pub.opublikowana and pub.plik_pdf and pub.tresc["problem"] == TEKSTY["problem"]
    assert not Zadanie.objects.exists()  # the seed renders directly, no job is queued
    assert run_demo(demo_world).plik_pdf.name == pub.plik_pdf.name and len(renders) == 1
    assert run_demo({"users": world["personas"]}) is None
