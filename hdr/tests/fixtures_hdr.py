"""A small approved HDR built directly (monitoring tests: JST A; matrix rows: JST B, so that the
accessibility gate, which shares one database across all rows, never meets the plan rows' draft HDR
of JST A)."""

import datetime

from django.utils import timezone


def hdr_zatwierdzony(world, *, dzialan: int = 1, od=datetime.date(2022, 11, 15), do=datetime.date(2023, 2, 10),
                     jst: str = "a"):
    from doradztwo.models import Obszar
    from hdr.models import Dzialanie, Hdr, WersjaHdr

    lider = world["personas"][f"jst-{jst}-lider"]
    hdr, _ = Hdr.objects.get_or_create(udzial=world[f"udzial_{jst}"],
                                       defaults={"obszar": Obszar.objects.get(kod="zarzadzanie")})
    wersja, created = WersjaHdr.objects.get_or_create(hdr=hdr, numer=1, defaults={
        "stan": "zatwierdzona", "okres_od": datetime.date(2022, 11, 1), "okres_do": datetime.date(2023, 6, 30),
        "zatwierdzona": timezone.now(), "utworzyl": lider})
    if created:
        Dzialanie.objects.bulk_create([
            Dzialanie(wersja_hdr=wersja, kolejnosc=i, nazwa=f"Działanie {i}", od=od, do=do, zmienil=lider,
                      narzedzia=["Procedury obiegu dokumentów"] if i % 2 == 0 else [])
            for i in range(dzialan)])
    return hdr, wersja
