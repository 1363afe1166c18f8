"""Seeds the Polish preliminary-diagnosis template (12 areas × 4–6 statements, 4-point scale) as
version 1, published. Content: diagnoza/szablon_dane.py (editable afterwards as a new version)."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from diagnoza.szablon_dane import SKALA, SZABLON

    Szablon = apps.get_model("diagnoza", "SzablonArkusza")
    Wersja = apps.get_model("diagnoza", "WersjaSzablonu")
    Sekcja = apps.get_model("diagnoza", "SekcjaSzablonu")
    Pytanie = apps.get_model("diagnoza", "PytanieSzablonu")
    Obszar = apps.get_model("doradztwo", "Obszar")
    if Szablon.objects.filter(nazwa=SZABLON["nazwa"]).exists():
        return
    szablon = Szablon.objects.create(nazwa=SZABLON["nazwa"], opis=SZABLON.get("opis", ""), tryb="wspolny")
    wersja = Wersja.objects.create(szablon=szablon, numer=1, stan="opublikowana", opublikowana=timezone.now())
    obszary = {o.kod: o for o in Obszar.objects.all()}
    opcje = [[value, label] for value, label in SKALA]
    for i, dane in enumerate(SZABLON["sekcje"], start=1):
        sekcja = Sekcja.objects.create(wersja=wersja, kolejnosc=i, tytul=dane["tytul"], opis=dane.get("opis", ""),
                                       obszar=obszary.get(dane["obszar"]))
        Pytanie.objects.bulk_create([
            Pytanie(sekcja=sekcja, kolejnosc=j, kod=p["kod"], tresc=p["tresc"], pomoc=p.get("pomoc", ""),
                    typ="skala", opcje=opcje, wymagane=True, nie_wiem=True)
            for j, p in enumerate(dane["pytania"], start=1)
        ])


class Migration(migrations.Migration):
    dependencies = [
        ("diagnoza", "0001_initial"),
        ("doradztwo", "0002_obszary"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
