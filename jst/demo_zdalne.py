"""Demo step for remote advice (issue 8): `run_demo(world)`, called by the lead after jst/demo.py.

Written directly (no services), so nothing is notified; idempotent and deterministic. 2022/2023:
ros1 and pro1 log hours for JST A every month Oct 2022 – May 2023, meeting the norm except one month
each; ros2 and pro2 for JST B until February (JST B stopped mid-HDR). The current edition: a few
entries last month and this month, so "this month" has content."""

import datetime

from django.utils import timezone

from jst.models import CzlonekZespolu, Doradca, Udzial, WpisZdalny

E = Udzial.Etap
JST_A, JST_B = "0201", "2609022"
D = datetime.date

# (persona, JST code, date, start, minutes, form, topic, outcome, stage)
PLAN_2022 = [
    ("ros1", JST_A, D(2022, 10, 12), (10, 0), 60, "wideo", "Pierwsze spotkanie online z zespołem",
     "Zespół uzupełni arkusz samooceny do końca października.", E.ZESPOL_ZATWIERDZONY),
    ("pro1", JST_A, D(2022, 10, 12), (10, 0), 60, "wideo", "Pierwsze spotkanie online z zespołem",
     "Ustalono zasady pracy zespołu i kanał kontaktu.", E.ZESPOL_ZATWIERDZONY),
    ("ros1", JST_A, D(2022, 11, 8), (9, 0), 45, "telefon", "Pytania do arkusza: finansowanie oświaty",
     "Skarbnik przygotuje dane o subwencji.", E.ARKUSZ_ZLOZONY),
    ("ros1", JST_A, D(2022, 11, 22), (13, 0), 30, "email", "Uwagi do odpowiedzi w arkuszu", "", ""),
    ("pro1", JST_A, D(2022, 11, 9), (11, 0), 75, "wideo", "Komunikacja w zespole i podział ról",
     "Lider koordynuje zbieranie danych.", ""),
    ("ros1", JST_A, D(2022, 12, 6), (10, 0), 90, "wideo", "Wybór obszaru doradztwa",
     "Zespół wybrał obszar i uzasadnił wybór.", E.OBSZAR_WYBRANY),
    ("pro1", JST_A, D(2022, 12, 7), (10, 0), 60, "wideo", "Wybór obszaru doradztwa — perspektywa organizacji",
     "", E.OBSZAR_WYBRANY),
    ("ros1", JST_A, D(2023, 1, 17), (12, 0), 60, "telefon", "Zbieranie danych do wskaźników",
     "Brakujące dane z SIO dośle dyrektor szkoły.", E.DANE_ZEBRANE),
    # pro1 falls short in January: 30 minutes only.
    ("pro1", JST_A, D(2023, 1, 18), (9, 30), 30, "email", "Materiały przed spotkaniem w JST", "", ""),
    # ros1 falls short in February: 30 minutes only.
    ("ros1", JST_A, D(2023, 2, 14), (15, 0), 30, "telefon", "Przygotowanie diagnozy pogłębionej", "",
     E.DIAGNOZA_POGLEBIONA),
    ("pro1", JST_A, D(2023, 2, 15), (10, 0), 90, "wideo", "Przyczyny i luki — warsztat online",
     "Zespół opisze trzy przyczyny.", E.DIAGNOZA_POGLEBIONA),
    ("ros1", JST_A, D(2023, 3, 7), (10, 0), 120, "wideo", "Projekt HDR: cele i działania",
     "Wersja robocza HDR do 20 marca.", E.SPOTKANIE_2),
    ("pro1", JST_A, D(2023, 3, 8), (10, 0), 60, "wideo", "Projekt HDR: odpowiedzialności", "", E.SPOTKANIE_2),
    ("ros1", JST_A, D(2023, 4, 12), (11, 0), 60, "telefon", "Wdrażanie HDR — pierwsze działania",
     "Harmonogram przyjęty przez starostę.", E.WDRAZANIE),
    ("pro1", JST_A, D(2023, 4, 13), (11, 0), 60, "wideo", "Monitoring postępów", "", E.WDRAZANIE),
    ("ros1", JST_A, D(2023, 5, 16), (10, 0), 60, "wideo", "Raport końcowy — struktura",
     "Zespół przygotuje studium refleksji.", E.RAPORT_ZLOZONY),
    ("pro1", JST_A, D(2023, 5, 17), (10, 0), 60, "wideo", "Raport końcowy — wnioski zespołu", "",
     E.RAPORT_ZLOZONY),
    ("ros2", JST_B, D(2022, 10, 14), (10, 0), 60, "wideo", "Pierwsze spotkanie online z zespołem", "", ""),
    ("pro2", JST_B, D(2022, 10, 14), (10, 0), 60, "wideo", "Pierwsze spotkanie online z zespołem", "", ""),
    ("ros2", JST_B, D(2022, 11, 16), (9, 0), 60, "telefon", "Arkusz samooceny", "", E.ARKUSZ_ZLOZONY),
    ("pro2", JST_B, D(2022, 11, 17), (9, 0), 60, "telefon", "Role w zespole", "", ""),
    ("ros2", JST_B, D(2022, 12, 13), (12, 0), 60, "wideo", "Wybór obszaru", "", E.OBSZAR_WYBRANY),
    ("pro2", JST_B, D(2022, 12, 14), (12, 0), 45, "email", "Materiały do wyboru obszaru", "", ""),
    ("ros2", JST_B, D(2023, 1, 19), (10, 0), 60, "wideo", "Dane do wskaźników", "", E.DANE_ZEBRANE),
    ("pro2", JST_B, D(2023, 2, 9), (10, 0), 60, "wideo", "Przygotowanie HDR", "Prace nad HDR wstrzymane.", ""),
]


def _wpis(doradca, udzial, data, start, minuty, forma, temat, ustalenia, etap, obecni) -> None:
    wpis, created = WpisZdalny.objects.get_or_create(
        doradca=doradca, udzial=udzial, data=data, poczatek=datetime.time(*start),
        defaults={"minuty": minuty, "forma": forma, "temat": temat, "ustalenia": ustalenia, "etap": etap or ""})
    if created and obecni:
        wpis.obecni.set(obecni)


def run_demo(world: dict) -> None:
    udzialy = world["udzialy"]
    doradcy = {d.uzytkownik.username: d for d in Doradca.objects.select_related("uzytkownik").filter(
        uzytkownik__username__in=["ros1", "pro1", "ros2", "pro2"])}
    zespoly = {code: list(CzlonekZespolu.objects.filter(udzial=udzialy[code], aktywny=True).order_by("pk")[:2])
               for code in (JST_A, JST_B)}
    for persona, code, data, start, minuty, forma, temat, ustalenia, etap in PLAN_2022:
        _wpis(doradcy[persona], udzialy[code], data, start, minuty, forma, temat, ustalenia, etap,
              zespoly[code] if forma == "wideo" else zespoly[code][:1])

    # The current edition: last month and this month (never in the future).
    edycja = world["edycja_biezaca"]
    today = timezone.localdate()
    first = today.replace(day=1)
    last_month = max(first - datetime.timedelta(days=10), edycja.data_od)
    this_month = max(first, today - datetime.timedelta(days=3))
    biezace = [
        ("ros1", "0220013", last_month, (10, 0), 60, "wideo", "Zasady współpracy i harmonogram edycji"),
        ("pro1", "0220013", last_month, (10, 0), 60, "wideo", "Zasady współpracy i harmonogram edycji"),
        ("ros1", "0220013", this_month, (7, 0), 30, "telefon", "Pytania do arkusza samooceny"),
        ("ros2", "0418063", last_month, (12, 0), 45, "email", "Skład zespołu i dyrektor szkoły"),
        ("pro2", "0418063", this_month, (7, 0), 60, "wideo", "Arkusz samooceny — omówienie odpowiedzi"),
    ]
    for persona, code, data, start, minuty, forma, temat in biezace:
        # Keyed by topic too: seeding again on another day does not add a second copy.
        if not WpisZdalny.objects.filter(doradca=doradcy[persona], udzial=udzialy[code], temat=temat).exists():
            _wpis(doradcy[persona], udzialy[code], data, start, minuty, forma, temat, "", "", [])
