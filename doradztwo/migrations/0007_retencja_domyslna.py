"""Default retention periods of the evidence kinds the apps register in their `rodo.py`
(an administrator changes them on /rodo/retencja/).

EU-funded support: documents proving the support and its costs are kept for 5 years from
31 December of the year of the last payment to the beneficiary (art. 82 of Regulation (EU)
2021/1060) — the payment comes after the edition ends, so the period counted from the edition's
end is longer; 10 years leaves room for settling the project and for audits."""

from django.db import migrations

PODSTAWA = (
    "Art. 6 ust. 1 lit. c RODO w związku z art. 82 rozporządzenia (UE) 2021/1060 (dokumenty potwierdzające "
    "wsparcie i wydatki projektu współfinansowanego ze środków UE przechowuje się przez 5 lat od 31 grudnia "
    "roku, w którym dokonano ostatniej płatności na rzecz beneficjenta) oraz umowa o dofinansowanie projektu. "
)

DOMYSLNE = [
    ("karta_czasu", 10, PODSTAWA + "Karta czasu pracy doradcy dokumentuje godziny rozliczane w projekcie; "
                                   "musi wskazywać, kto wykonał pracę."),
    ("wpis_zdalny", 10, PODSTAWA + "Ewidencja doradztwa zdalnego potwierdza udzielone wsparcie: kto doradzał "
                                   "i kto z zespołu JST był obecny."),
    ("wizyta", 10, PODSTAWA + "Dokumentacja wizyty w JST potwierdza udzielone wsparcie: doradcy i uczestnicy."),
    ("koszt_podrozy", 10, PODSTAWA + "Koszty podróży doradcy są wydatkami projektu; rozliczenie wskazuje, "
                                     "kto podróżował."),
    ("rejestracja", 10, PODSTAWA + "Rejestracja na wydarzenie jest listą uczestników wsparcia (monitorowanie "
                                   "uczestników projektu)."),
    ("obecnosc", 10, PODSTAWA + "Lista obecności na wydarzeniu jest dowodem udziału we wsparciu; wskazuje "
                                "imię i nazwisko uczestnika."),
]


def seed(apps, schema_editor):
    RetencjaDanych = apps.get_model("doradztwo", "RetencjaDanych")
    for rodzaj, lata, podstawa in DOMYSLNE:
        RetencjaDanych.objects.get_or_create(rodzaj=rodzaj, defaults={"lata": lata, "podstawa": podstawa})


class Migration(migrations.Migration):

    dependencies = [
        ("doradztwo", "0006_rodo"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
