"""Uploads of a participation: sniffed types, refusals users understand, EXIF stripped, files served
only by the access-checked view (never from MEDIA), fixed query counts."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from doradztwo.models import Edycja, Plik, WpisAudytu
from doradztwo.pliki import plik_dodaj, plik_usun
from jst.access import role_in
from jst.tests.factories import DoradcaFactory, PrzydzialDoradcyFactory

pytestmark = pytest.mark.django_db

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024


# --- Tiny real files ------------------------------------------------------------------------


def pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def ooxml(main: str, part: str, extra: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main}"/></Types>'))
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(part, "<document/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def docx(**kwargs) -> bytes:
    return ooxml(DOCX_MAIN, "word/document.xml", **kwargs)


def xlsx() -> bytes:
    return ooxml(XLSX_MAIN, "xl/workbook.xml")


def odf(mime: str, extra: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mime)  # stored, first: as ODF requires
        z.writestr("content.xml", "<office:document-content/>")
        z.writestr("META-INF/manifest.xml", "<manifest/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def png(**save_kwargs) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buf, "PNG", **save_kwargs)
    return buf.getvalue()


def jpeg_z_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Aparat Testowy"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif.get_ifd(0x8825)[2] = (52.0, 13.0, 0.0)  # GPSLatitude
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's content type is deliberately wrong in most tests: it must never matter.
    return SimpleUploadedFile(name, data, content_type=content_type)


def dodaj(world, name, data, rodzaj=Plik.Rodzaj.DOKUMENT, kto="jst-a-lider", udzial="udzial_a", **kwargs) -> Plik:
    return plik_dodaj(udzial=world[udzial], plik=upload(name, data), rodzaj=rodzaj,
                      actor=world["personas"][kto], **kwargs)


def odmowa(world, name, data, rodzaj=Plik.Rodzaj.DOKUMENT) -> str:
    with pytest.raises(ValidationError) as error:
        dodaj(world, name, data, rodzaj)
    assert not Plik.objects.exists()
    return " ".join(error.value.message_dict["plik"])


# --- What is accepted and what is refused ---------------------------------------------------


@pytest.mark.parametrize("name, data, rodzaj, mime", [
    ("Sprawozdanie.pdf", pdf(), "dokument", "application/pdf"),
    ("Diagnoza.docx", docx(), "dokument",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("Wskaźniki.xlsx", xlsx(), "dokument", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("Notatka.odt", odf("application/vnd.oasis.opendocument.text"), "dokument",
     "application/vnd.oasis.opendocument.text"),
    ("Budżet.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "dokument",
     "application/vnd.oasis.opendocument.spreadsheet"),
    ("lista.txt", "Zażółć gęślą jaźń\n".encode(), "dokument", "text/plain"),
    ("szkoły.csv", "nazwa;uczniów\nSP 1;120,5\n".encode("cp1250"), "dokument", "text/csv"),
    ("marki.csv", b"BMW;3\nAudi;4\n", "dokument", "text/csv"),  # "BM" is also the BMP signature
    ("tablica.png", png(), "zdjecie", "image/png"),
    ("spotkanie.JPG", jpeg_z_exif(), "zdjecie", "image/jpeg"),
])
def test_real_documents_and_photos_are_accepted_with_the_type_sniffed_from_content(world, name, data, rodzaj, mime):
    plik = dodaj(world, name, data, rodzaj)
    assert (plik.typ, plik.nazwa, plik.rodzaj) == (mime, name, rodzaj)
    assert plik.plik.name.startswith(f"pliki/udzialy/{world['udzial_a'].pk}/")
    assert name.rsplit(".", 1)[0] not in plik.plik.name  # stored under a random name
    assert plik.rozmiar == plik.plik.size
    assert WpisAudytu.objects.filter(akcja="plik.dodany", id_obiektu=str(plik.pk)).exists()


def test_a_png_renamed_to_pdf_is_refused_with_a_message_naming_what_it_really_is(world):
    message = odmowa(world, "umowa.pdf", png())
    assert "kończy się na .pdf" in message and "obraz PNG" in message


def test_a_pdf_renamed_to_docx_is_refused_and_the_message_suggests_the_right_extension(world):
    message = odmowa(world, "plan.docx", pdf())
    assert "to jest dokument PDF" in message and ".pdf" in message


@pytest.mark.parametrize("name, data", [
    ("makro.docm", ooxml(DOCM_MAIN, "word/document.xml", extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
    ("makro.docx", ooxml(DOCM_MAIN, "word/document.xml")),
    ("ukryte.docx", docx(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
    ("makro.xlsm", ooxml(XLSM_MAIN, "xl/workbook.xml", extra={"xl/vbaProject.bin": b"x"})),
    ("makro.odt", odf("application/vnd.oasis.opendocument.text", extra={"Basic/Standard/Module1.xml": "x"})),
])
def test_macro_documents_are_refused_whatever_their_name(world, name, data):
    assert "makr" in odmowa(world, name, data)


@pytest.mark.parametrize("name, data, rodzaj, named", [
    ("rysunek.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "dokument", "SVG"),
    ("rysunek.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "zdjecie", "SVG"),
    ("strona.html", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "dokument", "HTML"),
    ("strona.txt", b"\xef\xbb\xbf  <html><body>hej</body></html>", "dokument", "HTML"),
    ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200), "dokument", "EXE"),
    ("archiwum.zip", None, "dokument", "ZIP"),
    ("animacja.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "zdjecie", "GIF"),
    ("skan.pdf", pdf(), "zdjecie", "PDF"),
    ("zdjecie.png", png(), "dokument", "PNG"),
])
def test_svg_html_executables_archives_and_wrong_kinds_are_refused(world, name, data, rodzaj, named):
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("dane.txt", "x")
        data = buf.getvalue()
    message = odmowa(world, name, data, rodzaj)
    assert named in message


def test_an_oversize_file_is_refused_with_the_limit_in_the_message(world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    message = odmowa(world, "duzy.txt", b"a" * 1025)
    assert "za duży" in message and "1,0\xa0KB" in message


def test_a_jpeg_loses_its_exif_on_upload_and_keeps_its_orientation(world):
    data = jpeg_z_exif()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif()[0x010F] == "Aparat Testowy"  # the test file really carries EXIF
    plik = dodaj(world, "spotkanie.jpg", data, Plik.Rodzaj.ZDJECIE)
    stored = plik.plik.open("rb").read()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
        assert image.size == (20, 40)  # turned as the camera meant before the tag went away
    assert b"Aparat Testowy" not in stored


def test_a_png_loses_its_text_chunks_on_upload(world):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Kowalski, ul. Prywatna 1")
    plik = dodaj(world, "tablica.png", png(pnginfo=info), Plik.Rodzaj.ZDJECIE)
    assert b"Prywatna" not in plik.plik.open("rb").read()


def test_the_original_name_is_kept_sanitised_and_never_reaches_the_file_system(world):
    plik = dodaj(world, "..\\..\\etc/rap\u202eort.txt", b"tekst")
    assert plik.nazwa == "raport.txt"
    assert ".." not in plik.plik.name and "raport" not in plik.plik.name


# --- Pages ----------------------------------------------------------------------------------


def test_an_upload_through_the_page_shows_the_refusal_next_to_the_field_and_keeps_the_description(client_as, world):
    url = reverse("jst:pliki", args=[world["udzial_a"].pk])
    response = client_as("jst-a-lider").post(url, {"plik": upload("umowa.pdf", png()), "rodzaj": "dokument",
                                                   "opis": "Umowa z gminą"})
    assert response.status_code == 200
    assert "obraz PNG" in " ".join(response.context["form"].errors["plik"])
    assert 'value="Umowa z gminą"' in response.content.decode()
    assert not Plik.objects.exists()


def test_an_upload_through_the_page_stores_the_file_and_lists_it(client_as, world):
    url = reverse("jst:pliki", args=[world["udzial_a"].pk])
    client = client_as("ros1")
    response = client.post(url, {"plik": upload("plan.docx", docx(), "text/html"), "rodzaj": "dokument",
                                 "opis": "Plan spotkania"})
    assert response.status_code == 302
    plik = Plik.objects.get()
    assert (plik.dodal.username, plik.opis, plik.udzial) == ("ros1", "Plan spotkania", world["udzial_a"])
    assert "plan.docx" in client.get(url).content.decode()


def test_the_download_is_an_attachment_with_the_sniffed_type_and_nosniff(client_as, world):
    plik = dodaj(world, "Sprawozdanie końcowe.pdf", pdf())
    response = client_as("jst-a-czlonek").get(reverse("jst:plik", args=[world["udzial_a"].pk, plik.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Sprawozdanie" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf()


def test_another_participations_file_id_is_404_even_for_the_coordinator_of_both(client_as, world):
    plik = dodaj(world, "a.pdf", pdf())
    client = client_as("koordynator")
    other = world["udzial_b"].pk
    assert client.get(reverse("jst:plik", args=[other, plik.pk])).status_code == 404
    assert client.post(reverse("jst:plik_usun", args=[other, plik.pk]), {"potwierdz": "1"}).status_code == 404
    assert Plik.objects.filter(pk=plik.pk).exists()


def test_a_team_member_of_jst_b_gets_404_on_jst_a_files(client_as, world):
    plik = dodaj(world, "a.pdf", pdf())
    client = client_as("jst-b-lider")
    udzial_a = world["udzial_a"].pk
    assert client.get(reverse("jst:pliki", args=[udzial_a])).status_code == 404
    assert client.get(reverse("jst:plik", args=[udzial_a, plik.pk])).status_code == 404
    assert client.post(reverse("jst:plik_usun", args=[udzial_a, plik.pk]), {"potwierdz": "1"}).status_code == 404
    assert Plik.objects.filter(pk=plik.pk).exists()


def test_nothing_under_media_answers_200(client_as, world, settings):
    plik = dodaj(world, "a.pdf", pdf())
    name = plik.plik.name
    assert (settings.MEDIA_ROOT / name).exists()
    guesses = {(settings.MEDIA_URL or "/") + name, f"/media/{name}", f"/{name}", f"/pliki/{name}",
               f"/media/{name.split('/', 1)[1]}", f"/static/{name}"}
    for persona in ("anon", "admin", "koordynator", "jst-a-lider"):
        client = client_as(persona)
        for url in guesses:
            response = client.get(url)
            assert response.status_code != 200, (persona, url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert pdf() not in body


def test_the_uploader_and_a_coordinator_may_delete_but_another_team_member_may_not(
        client_as, world, settings, django_capture_on_commit_callbacks):
    udzial = world["udzial_a"].pk
    plik_czlonka = dodaj(world, "czlonek.pdf", pdf(), kto="jst-a-czlonek")
    plik_lidera = dodaj(world, "lider.pdf", pdf(), kto="jst-a-lider")
    sciezka = settings.MEDIA_ROOT / plik_czlonka.plik.name

    assert client_as("jst-a-lider").post(
        reverse("jst:plik_usun", args=[udzial, plik_czlonka.pk]), {"potwierdz": "1"}).status_code == 403
    client = client_as("jst-a-czlonek")
    url = reverse("jst:plik_usun", args=[udzial, plik_czlonka.pk])
    confirm = client.post(url)  # the list's button: asks first, deletes nothing
    assert confirm.status_code == 200 and "czlonek.pdf" in confirm.content.decode()
    assert Plik.objects.filter(pk=plik_czlonka.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"potwierdz": "1"}).status_code == 302
    assert not Plik.objects.filter(pk=plik_czlonka.pk).exists()
    assert not sciezka.exists()
    assert WpisAudytu.objects.filter(akcja="plik.usuniety", id_obiektu=str(plik_czlonka.pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("koordynator").post(reverse("jst:plik_usun", args=[udzial, plik_lidera.pk]),
                                                 {"potwierdz": "1"})
    assert response.status_code == 302
    assert not Plik.objects.exists()


def test_the_stored_file_stays_when_the_deletion_is_rolled_back(world, settings):
    plik = dodaj(world, "a.pdf", pdf())
    sciezka = settings.MEDIA_ROOT / plik.plik.name
    plik_usun(plik=plik, actor=world["personas"]["koordynator"])  # the test's transaction never commits
    assert sciezka.exists()


def test_a_former_adviser_reads_only_the_files_they_added_and_uploads_nothing(client_as, world):
    udzial = world["udzial_a"]
    byly = DoradcaFactory()
    PrzydzialDoradcyFactory(udzial=udzial, doradca=byly, od=datetime.date(2022, 10, 5), do=datetime.date(2022, 12, 31))
    wlasny = plik_dodaj(udzial=udzial, plik=upload("moja-notatka.txt", b"notatka"), rodzaj="dokument",
                        actor=byly.uzytkownik)
    cudzy = dodaj(world, "zespolu.pdf", pdf())
    client = client_as("anon")
    client.force_login(byly.uzytkownik)
    response = client.get(reverse("jst:pliki", args=[udzial.pk]))
    assert response.status_code == 200
    assert [p.pk for p in response.context["pliki"]] == [wlasny.pk]
    assert response.context["form"] is None
    assert client.get(reverse("jst:plik", args=[udzial.pk, wlasny.pk])).status_code == 200
    assert client.get(reverse("jst:plik", args=[udzial.pk, cudzy.pk])).status_code == 404
    assert client.post(reverse("jst:pliki", args=[udzial.pk]), {"plik": upload("x.pdf", pdf()),
                                                                "rodzaj": "dokument"}).status_code == 403
    assert client.post(reverse("jst:plik_usun", args=[udzial.pk, wlasny.pk]),
                       {"potwierdz": "1"}).status_code == 403


def test_a_closed_edition_takes_no_uploads_from_the_team_but_still_serves_its_files(client_as, world):
    plik = dodaj(world, "a.pdf", pdf())
    edycja = world["edycja"]
    edycja.status = Edycja.Status.ZAMKNIETA
    edycja.save(update_fields=["status"])
    client = client_as("jst-a-lider")
    url = reverse("jst:pliki", args=[world["udzial_a"].pk])
    assert client.post(url, {"plik": upload("b.pdf", pdf()), "rodzaj": "dokument"}).status_code == 403
    assert client.post(reverse("jst:plik_usun", args=[world["udzial_a"].pk, plik.pk]),
                       {"potwierdz": "1"}).status_code == 403
    assert client.get(reverse("jst:plik", args=[world["udzial_a"].pk, plik.pk])).status_code == 200


def test_the_file_list_runs_the_same_number_of_queries_for_10_and_100_files(
        client_as, world, django_assert_num_queries):
    udzial = world["udzial_a"]
    people = [world["personas"][p] for p in ("jst-a-lider", "jst-a-czlonek", "ros1", "pro1")]

    def add(n):
        Plik.objects.bulk_create(
            Plik(udzial=udzial, rodzaj="dokument", plik=f"pliki/udzialy/{udzial.pk}/{i}.pdf", nazwa=f"{i}.pdf",
                 typ="application/pdf", rozmiar=1000 + i, dodal=people[i % len(people)])
            for i in range(n))

    client = client_as("jst-a-lider")
    url = reverse("jst:pliki", args=[udzial.pk])
    add(10)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    add(90)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(url)
    assert len(response.context["pliki"]) == 100


def test_the_participation_page_tag_lists_recent_files_with_a_fixed_number_of_queries(
        world, django_assert_num_queries):
    udzial = world["udzial_a"]
    for i in range(7):
        dodaj(world, f"plik{i}.txt", b"tekst")
    request = RequestFactory().get("/")
    request.user = world["personas"]["jst-a-czlonek"]
    template = Template("{% load pliki %}{% pliki_udzialu udzial %}")
    rola = role_in(request.user, udzial)  # the participation page passes its own `rola`
    with django_assert_num_queries(2):  # the latest files, and their count
        html = template.render(Context({"udzial": udzial, "request": request, "rola": rola}))
    assert "plik6.txt" in html and "plik1.txt" not in html  # the five latest
    assert "Wszystkie pliki (7)" in html
    assert reverse("jst:pliki", args=[udzial.pk]) + "#dodaj-plik" in html


def test_an_advisers_file_is_stored_under_the_adviser_and_a_file_has_exactly_one_owner(world):
    doradca = world["doradcy"]["ros1"]
    plik = plik_dodaj(doradca=doradca, plik=upload("bilet.pdf", pdf()), rodzaj="dokument",
                      actor=doradca.uzytkownik)
    assert plik.plik.name.startswith(f"pliki/doradcy/{doradca.pk}/") and plik.udzial is None
    with pytest.raises(ValueError):
        plik_dodaj(udzial=world["udzial_a"], doradca=doradca, plik=upload("b.pdf", pdf()), rodzaj="dokument",
                   actor=doradca.uzytkownik)
