"""PDF rendering with WeasyPrint: Polish fonts embedded, page header/footer, and a URL fetcher that
serves only our static files (and files a job explicitly allows) — no other scheme, host or path.
Called only from workers (eager only on a laptop)."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_BASE = "https://pdf.doradztwo.invalid/"
STATIC_PREFIX = PDF_BASE + "static/"
FILES_PREFIX = PDF_BASE + "pliki/"


class Odmowa(ValueError):
    """A URL the PDF may not fetch."""


def safe_url_fetcher(allowed_files: dict[str, Path] | None = None):
    """A WeasyPrint fetcher that resolves `static/<path>` through the staticfiles finders and
    `pliki/<name>` from `allowed_files`; everything else (file://, other hosts, data:) is refused
    without opening anything. Never fails the render: a refused resource is simply left out."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = dict(allowed_files or {})

    class SafeURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STATIC_PREFIX):
                relative = url[len(STATIC_PREFIX):].split("?", 1)[0]
                if ".." in Path(relative).parts:
                    raise Odmowa(url)
                found = finders.find(relative)
                if not found:
                    raise Odmowa(url)
                path = Path(found)
            elif url.startswith(FILES_PREFIX) and url[len(FILES_PREFIX):] in allowed:
                path = Path(allowed[url[len(FILES_PREFIX):]])
            else:
                raise Odmowa(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

        def open(self, url, data=None, timeout=None):  # urllib's entry point: the same rules
            raise Odmowa(str(url))

    return SafeURLFetcher()


def render_pdf(template: str, context: dict, *, allowed_files: dict[str, Path] | None = None) -> bytes:
    import weasyprint

    html = render_to_string(template, {**context, "PDF_STATIC": STATIC_PREFIX, "PDF_PLIKI": FILES_PREFIX,
                                       "PROJEKT": settings.PROJEKT_PDF})
    document = weasyprint.HTML(string=html, base_url=PDF_BASE, url_fetcher=safe_url_fetcher(allowed_files))
    return document.write_pdf()
