import datetime
import decimal
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from doradztwo import text

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 godzina"), (2, "2 godziny"), (5, "5 godzin"), (22, "22 godziny"), (12, "12 godzin"), (0, "0 godzin")],
)
def test_polish_counted_nouns_use_all_three_plural_forms(n, expected):
    with translation.override("pl"):
        assert text.hours(n) == expected
        assert Template("{% load pl %}{{ n|godziny }}").render(Context({"n": n})) == expected


def test_english_counted_nouns_use_two_forms():
    with translation.override("en"):
        assert text.hours(1) == "1 hour"
        assert text.hours(5) == "5 hours"


def test_dates_and_numbers_render_in_polish_format():
    template = Template("{{ d }}|{{ d|date:'SHORT_DATE_FORMAT' }}|{{ x }}|{{ x|floatformat:2 }}")
    with translation.override("pl"):
        rendered = template.render(Context({"d": datetime.date(2022, 10, 5), "x": decimal.Decimal("1.5")}))
    assert rendered == "05.10.2022|05.10.2022|1,5|1,50"


def test_english_catalogue_translates_the_interface():
    with translation.override("en"):
        assert translation.gettext("Przejdź do treści") == "Skip to main content"
        assert translation.gettext("Deklaracja dostępności") == "Accessibility statement"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) not installed")
@pytest.mark.parametrize("language", ["pl", "en"])
def test_catalogues_compile_and_the_committed_mo_files_are_current(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
    with fresh.open("rb") as a, mo.open("rb") as b:
        import gettext

        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
            f"{mo} is stale: run `make messages`"
        )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) not installed")
def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
