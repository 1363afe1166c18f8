"""Seed the 12 areas (obszary doradztwa) from doradztwo.obszary_dane.

Creates only the codes that do not exist yet, so coordinators' edits are never overwritten. The
historical model has no HistoricalRecords attached, so seeded rows get no history rows (the first
edit in the app starts an area's history).
"""

from django.db import migrations


def utworz_obszary(apps, schema_editor):
    # Imported here: the migration reads the data as it is when it runs, without a module-level
    # dependency that could break loading the migration graph.
    from doradztwo.obszary_dane import OBSZARY

    Obszar = apps.get_model("doradztwo", "Obszar")
    istniejace = set(Obszar.objects.values_list("kod", flat=True))
    Obszar.objects.bulk_create([
        Obszar(
            kod=dane["kod"],
            numer=dane["numer"],
            nazwa=dane["nazwa"],
            opis=dane["opis"],
            zadania="\n".join(dane["zadania"]),
            narzedzia_zarzadcze="\n".join(dane["narzedzia_zarzadcze"]),
            narzedzia_rozwoju="\n".join(dane["narzedzia_rozwoju"]),
        )
        for dane in OBSZARY
        if dane["kod"] not in istniejace
    ])


class Migration(migrations.Migration):

    dependencies = [
        ("doradztwo", "0001_initial"),
    ]

    operations = [
        # Reverse is a no-op: the areas may have been edited and referenced; never delete them.
        migrations.RunPython(utworz_obszary, migrations.RunPython.noop),
    ]
