import io

import pytest
import weasyprint
from pypdf import PdfReader

from doradztwo.pdf import STATIC_PREFIX, Odmowa, render_pdf, safe_url_fetcher


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]))
    return names


@pytest.mark.django_db
def test_polish_text_survives_with_embedded_fonts_and_page_numbers(tmp_path, settings):
    (tmp_path / "t.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Zażółć gęślą jaźń</h1>'
        "<table><thead><tr><th>Lp.</th></tr></thead><tbody>"
        "{% for i in rows %}<tr><td>Wiersz {{ i }} — Łódź</td></tr>{% endfor %}</tbody></table>{% endblock %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    pdf = render_pdf("t.html", {"rows": range(120)})
    text = _text(pdf)
    assert "Zażółć gęślą jaźń" in text
    assert "POWR.02.10.00-00-0001/18" in text  # project identification on the page
    assert "Miejsce na pasek logotypów" in text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 1 and f"Strona 2 z {pages}" in text
    assert any("DejaVu" in name for name in _fonts(pdf))


def test_the_fetcher_serves_our_static_files_and_refuses_everything_else():
    fetch = safe_url_fetcher()
    assert fetch(STATIC_PREFIX + "css/pdf.css").read().startswith(b"/* PDFs")
    for url in ["file:///etc/passwd", "http://example.org/x.png", "https://pdf.doradztwo.invalid/static/../settings.py",
                STATIC_PREFIX + "../../doradztwo/settings.py", "https://pdf.doradztwo.invalid/admin/",
                "data:text/html,x"]:
        with pytest.raises(Odmowa):
            fetch(url)


def test_file_and_remote_references_in_rendered_html_are_not_fetched(monkeypatch):
    from urllib import request

    def forbidden(*args, **kwargs):
        raise AssertionError("nothing may be opened")

    monkeypatch.setattr(request.OpenerDirector, "open", forbidden)  # the network and file:// path
    fetcher = safe_url_fetcher()
    asked = []
    original = fetcher.fetch

    def spy(url, headers=None):
        asked.append(url)
        return original(url, headers)

    fetcher.fetch = spy
    html = ('<html><body><p>Tekst</p><img src="file:///etc/passwd"><img src="http://example.org/a.png">'
            '<link rel="stylesheet" href="https://evil.example/x.css"></body></html>')
    pdf = weasyprint.HTML(string=html, base_url="https://pdf.doradztwo.invalid/", url_fetcher=fetcher).write_pdf()
    assert pdf.startswith(b"%PDF") and "Tekst" in _text(pdf)
    assert "file:///etc/passwd" in asked and "http://example.org/a.png" in asked  # asked, and refused
