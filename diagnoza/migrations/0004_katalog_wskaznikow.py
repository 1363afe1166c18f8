"""Seeds the indicator catalogue (domain-details §5.2 and §5.4) from diagnoza/wskazniki_dane.py;
coordinators edit it afterwards in the browser."""

from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    from diagnoza.wskazniki_dane import WSKAZNIKI

    Wskaznik = apps.get_model("diagnoza", "Wskaznik")
    Dana = apps.get_model("diagnoza", "DanaWskaznika")
    for w in WSKAZNIKI:
        if Wskaznik.objects.filter(kod=w["kod"]).exists():
            continue
        wskaznik = Wskaznik.objects.create(
            kod=w["kod"], nazwa=w["nazwa"], obszar_zasobow=w["obszar"], opis=w.get("opis", ""), wzor=w["wzor"],
            jednostka=w["jednostka"], mnoznik=Decimal(w["mnoznik"]), miejsca=w.get("miejsca", 2),
            typ_okresu=w["okres"], rodzaje_jst=w.get("rodzaje", []), zrodlo_definicji=w.get("zrodlo", ""))
        Dana.objects.bulk_create([
            Dana(wskaznik=wskaznik, nazwa=nazwa, etykieta=etykieta, jednostka=jednostka, zrodlo=zrodlo, kolejnosc=i)
            for i, (nazwa, etykieta, jednostka, zrodlo) in enumerate(w["dane"], start=1)
        ])


class Migration(migrations.Migration):
    dependencies = [("diagnoza", "0003_zadanie_danych")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
