"""Exports (CONVENTIONS §7): column lists defined once as (header, getter) pairs and documented in
docs/exports.md; CSV for Polish Excel (UTF-8 with BOM, `;`, decimal comma) and XLSX with native
number/date cells. Each export is a background job (`doradztwo.zadania`) for the edition's
coordinators and administrators; all of them are listed on `/edycje/<id>/eksporty/`.

Importing this package registers the job kinds (`Eksport.kolejnosc` orders the exports page)."""

from raporty.eksporty import dzialania, godziny, kontakty, odpowiedzi, udzialy, wizyty, wskazniki  # noqa: F401
from raporty.eksporty.odpowiedzi import KOLUMNY_ODPOWIEDZI, ODPOWIEDZI_ARKUSZY
from raporty.eksporty.rejestr import EKSPORTY, FORMATY, Eksport, stan_eksportow
from raporty.eksporty.zapis import PORCJA, csv_porcje, do_csv, do_xlsx, komorka_csv

__all__ = ["EKSPORTY", "FORMATY", "KOLUMNY_ODPOWIEDZI", "ODPOWIEDZI_ARKUSZY", "PORCJA", "Eksport", "csv_porcje",
           "do_csv", "do_xlsx", "komorka_csv", "stan_eksportow"]
