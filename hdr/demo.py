"""Demo step for hdr/ (the plan; CONVENTIONS §5, issue 7): JST A (Powiat Bolesławiecki, 0201) has an
approved version 1 and an approved version 2 (a reason, a moved date, an added action); JST B (Gmina
Dwikozy, 2609022) has a draft version 1 with one priority goal left uncovered.

Written directly (not through services) so the seed sends no notification or e-mail. It builds on the
deep-diagnosis demo (priority gaps and their goals); without them it prints a notice and skips.
Idempotent: a participation that already has an HDR is left as it is."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from diagnoza.models import Cel, Luka, WyborObszaru
from doradztwo.models import ZmianaStanu
from hdr.models import Dzialanie, Hdr, WersjaHdr
from jst.models import CzlonekZespolu

UTC = datetime.UTC


def _kiedy(d: datetime.date, godzina: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(d, datetime.time(godzina), tzinfo=UTC)


def _cele(udzial) -> list[Cel]:
    return list(Cel.objects.filter(luka__diagnoza__udzial=udzial, luka__status=Luka.Status.PRIORYTET)
                .order_by("luka__ranga", "luka__kolejnosc", "luka_id", "kolejnosc", "pk"))


def _historia(wersja: WersjaHdr, zmiany) -> None:
    """Review history of a version: (akcja, from, to, who, date, reason)."""
    ct = ContentType.objects.get_for_model(WersjaHdr)
    for akcja, z, na, kto, kiedy, powod in zmiany:
        zmiana = ZmianaStanu.objects.create(typ_obiektu=ct, id_obiektu=str(wersja.pk), pole="stan", z_stanu=z,
                                            na_stan=na, akcja=akcja, kto=kto, powod=powod)
        ZmianaStanu.objects.filter(pk=zmiana.pk).update(kiedy=_kiedy(kiedy))


def _wersja(hdr, numer, *, stan, od, do, ryzyka, utworzyl, utworzona, zatwierdzona=None, powod=""):
    wersja = WersjaHdr.objects.create(hdr=hdr, numer=numer, stan=stan, okres_od=od, okres_do=do, ryzyka=ryzyka,
                                      powod_zmiany=powod, utworzyl=utworzyl,
                                      zatwierdzona=_kiedy(zatwierdzona) if zatwierdzona else None)
    WersjaHdr.objects.filter(pk=wersja.pk).update(utworzona=_kiedy(utworzona, 9))
    return wersja


def _dzialania(wersja, spec, cele, autor, start: int = 0) -> list[Dzialanie]:
    """Create actions from `spec` (dicts of plan fields; `cele` = indexes into `cele`). An owner from the
    team who is missing becomes a named outside person, so every action has exactly one owner."""
    rows = []
    for i, s in enumerate(spec, start=start):
        s = dict(s)
        indeksy = s.pop("cele", [])
        if s.get("wlasciciel") is None:
            s.pop("wlasciciel", None)
            s["wlasciciel_nazwa"] = s.get("wlasciciel_nazwa") or "zespół JST"
        d = Dzialanie.objects.create(wersja_hdr=wersja, kolejnosc=i, zmienil=autor, **s)
        d.cele.set([cele[j] for j in indeksy if j < len(cele)])
        rows.append(d)
    return rows


def _kopia(stara: WersjaHdr, nowa: WersjaHdr, autor) -> dict:
    """Copy a version's actions (same key, same goals), as hdr.services.wersja_nowa does. Returns key → copy."""
    from hdr.services import POLA_PLANU

    stare = list(Dzialanie.objects.filter(wersja_hdr=stara).prefetch_related("cele").order_by("kolejnosc", "pk"))
    kopie = Dzialanie.objects.bulk_create([
        Dzialanie(wersja_hdr=nowa, klucz=d.klucz, zmienil=autor, **{p: getattr(d, p) for p in POLA_PLANU})
        for d in stare])
    Przez = Dzialanie.cele.through
    Przez.objects.bulk_create([Przez(dzialanie_id=k.pk, cel_id=c.pk)
                               for d, k in zip(stare, kopie, strict=True) for c in d.cele.all()])
    return {k.klucz: k for k in kopie}


def _podziel(cele: list, n: int) -> list[list[int]]:
    """Goal indexes for n actions: every goal served at least once, in turn."""
    if not cele:
        return [[] for _ in range(n)]
    out = [[i % len(cele)] for i in range(n)]
    for j in range(n, len(cele)):  # more goals than actions: the extra goals go to the actions in turn
        out[j % n].append(j)
    return out


def _jst_a(stdout, users, udzial) -> Hdr | None:
    wybor = WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first()
    cele = _cele(udzial)
    if wybor is None or not cele:
        stdout.write("demo: JST A has no chosen area or no priority goals yet — its HDR skipped")
        return None
    lider, czlonek, koordynator = users["jst-a-lider"], users["jst-a-czlonek"], users["koordynator"]
    zespol = {m.uzytkownik_id: m for m in CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True)}
    skarbnik = next((m for m in zespol.values() if m.funkcja.startswith("skarbnik")), None)
    hdr = Hdr.objects.create(udzial=udzial, obszar=wybor.obszar)
    Hdr.objects.filter(pk=hdr.pk).update(utworzony=_kiedy(datetime.date(2023, 1, 20), 9))
    ryzyka = ("Zmiana na stanowiskach dyrektorów szkół w trakcie roku szkolnego.\n"
              "Obciążenie sekretariatów szkół w okresie przygotowania arkuszy organizacji.\n"
              "Opóźnienie zakupu systemu elektronicznego obiegu dokumentów.")
    v1 = _wersja(hdr, 1, stan="zatwierdzona", od=datetime.date(2022, 11, 1), do=datetime.date(2023, 5, 31),
                 ryzyka=ryzyka, utworzyl=lider, utworzona=datetime.date(2023, 1, 20),
                 zatwierdzona=datetime.date(2023, 2, 3))
    podzial = _podziel(cele, 6)
    procedury = "Ujednolicone procedury i informatyzacja zarządzania oświatą"
    sio = "System Informacji Oświatowej (SIO) jako podstawowe źródło danych"
    spec = [
        {"nazwa": "Przegląd i ujednolicenie procedur obiegu dokumentów między wydziałem a szkołami",
         "opis": "1. Spis procedur stosowanych w szkołach i w wydziale.\n2. Mapa procesów: wnioski, arkusze, "
                 "sprawozdania.\n3. Projekt jednolitych wzorów i terminów.\n4. Zarządzenie starosty.",
         "od": datetime.date(2022, 11, 15), "do": datetime.date(2023, 2, 10), "wlasciciel": zespol.get(lider.pk),
         "wspolrealizatorzy": "dyrektorzy szkół ponadpodstawowych", "narzedzia": [procedury, "Mapowanie procesów"],
         "zasoby_ludzie": "2 pracowników wydziału, 6 dyrektorów", "materialy": "wzory dokumentów",
         "miernik": "liczba ujednoliconych procedur", "wartosc_bazowa": "0", "wartosc_docelowa": "6",
         "sposob_monitorowania": "przegląd postępu raz w miesiącu na spotkaniu zespołu; odpowiada lider",
         "cele": podzial[0]},
        {"nazwa": "Kodeks etyczny i zasady współpracy zespołu oświatowego",
         "opis": "Warsztat z doradczynią PRO, projekt kodeksu, konsultacja z dyrektorami.",
         "od": datetime.date(2022, 12, 1), "do": datetime.date(2023, 1, 31), "wlasciciel": zespol.get(czlonek.pk),
         "narzedzia": ["Kodeks etyczny zespołu", "Analiza ról w zespole"],
         "zasoby_ludzie": "zespół JST, doradczyni PRO", "miernik": "przyjęty kodeks etyczny",
         "wartosc_bazowa": "brak", "wartosc_docelowa": "przyjęty", "sposob_monitorowania": "protokół spotkania",
         "cele": podzial[1]},
        {"nazwa": "Wdrożenie elektronicznego obiegu wniosków dyrektorów (EZD)",
         "opis": "Konfiguracja modułu EZD dla szkół, testy z dwiema szkołami, uruchomienie dla wszystkich.",
         "od": datetime.date(2023, 2, 1), "do": datetime.date(2023, 4, 28),
         "wlasciciel_nazwa": "Marek Nowicki, informatyk starostwa", "narzedzia": [procedury],
         "narzedzia_inne": "system EZD starostwa", "kwota": Decimal("18000.00"),
         "zrodlo_finansowania": "budżet powiatu, dział 801", "miernik": "odsetek wniosków złożonych elektronicznie",
         "wartosc_bazowa": "0%", "wartosc_docelowa": "80%", "sposob_monitorowania": "raport z systemu EZD co miesiąc",
         "cele": podzial[2]},
        {"nazwa": "Analiza danych SIO do informacji o stanie realizacji zadań oświatowych",
         "opis": "Zestawienie wskaźników z SIO i wyników egzaminów; wnioski do informacji dla rady powiatu.",
         "od": datetime.date(2023, 1, 9), "do": datetime.date(2023, 3, 31),
         "wlasciciel": skarbnik, "wlasciciel_nazwa": "" if skarbnik else "Irena Kasprzak, skarbnik powiatu",
         "narzedzia": [sio], "miernik": "liczba wskaźników w informacji", "wartosc_bazowa": "4",
         "wartosc_docelowa": "12", "sposob_monitorowania": "przegląd projektu informacji przez zespół",
         "cele": podzial[3]},
        {"nazwa": "Comiesięczne spotkania dyrektorów z wydziałem edukacji",
         "opis": "Stały termin w każdym miesiącu, wspólny porządek, notatka z ustaleniami.",
         "od": datetime.date(2022, 11, 15), "do": datetime.date(2023, 5, 31), "wlasciciel": zespol.get(lider.pk),
         "wspolrealizatorzy": "dyrektorzy szkół", "narzedzia": ["Analiza ról w zespole"],
         "miernik": "liczba spotkań", "wartosc_bazowa": "0", "wartosc_docelowa": "7",
         "sposob_monitorowania": "lista obecności i notatki", "cele": podzial[4]},
        {"nazwa": "Szkolenie pracowników wydziału z nowych procedur i EZD",
         "od": datetime.date(2023, 3, 1), "do": datetime.date(2023, 4, 14),
         "wlasciciel_nazwa": "Marek Nowicki, informatyk starostwa", "narzedzia": [procedury],
         "kwota": Decimal("4500.00"), "zrodlo_finansowania": "środki własne powiatu",
         "miernik": "liczba przeszkolonych osób", "wartosc_bazowa": "0", "wartosc_docelowa": "8",
         "sposob_monitorowania": "lista obecności, ankieta po szkoleniu", "cele": podzial[5]},
        {"nazwa": "Raport końcowy: opis dobrej praktyki „Jednolite procedury w oświacie powiatu”",
         "opis": "Opis według struktury ORE: problem, rozwiązanie, kto i kiedy, efekty, koszty, zalecenia.",
         "od": datetime.date(2023, 5, 2), "do": datetime.date(2023, 5, 31), "wlasciciel": zespol.get(lider.pk),
         "raport_koncowy": True, "forma_raportu": "dobra_praktyka",
         "autor_raportu": lider.get_full_name() or lider.get_username()},
    ]
    _dzialania(v1, spec, cele, lider)
    _historia(v1, [("zloz", "robocza", "zlozona", lider, datetime.date(2023, 1, 27), ""),
                   ("zatwierdz", "zlozona", "zatwierdzona", koordynator, datetime.date(2023, 2, 3), "")])
    v2 = _wersja(hdr, 2, stan="zatwierdzona", od=v1.okres_od, do=v1.okres_do, ryzyka=ryzyka, utworzyl=lider,
                 utworzona=datetime.date(2023, 3, 6), zatwierdzona=datetime.date(2023, 3, 15),
                 powod="Ujednolicenie procedur wymaga dłuższych konsultacji z dyrektorami; dodajemy szkolenie "
                       "sekretariatów szkół z elektronicznego obiegu dokumentów.")
    kopie = _kopia(v1, v2, lider)
    pierwsze = next(d for d in kopie.values() if d.nazwa.startswith("Przegląd i ujednolicenie"))
    Dzialanie.objects.filter(pk=pierwsze.pk).update(do=datetime.date(2023, 3, 31), wersja=2)
    _dzialania(v2, [{
        "nazwa": "Szkolenie sekretariatów szkół z elektronicznego obiegu dokumentów",
        "opis": "Dwa spotkania warsztatowe w pracowni komputerowej starostwa.",
        "od": datetime.date(2023, 4, 3), "do": datetime.date(2023, 5, 12),
        "wlasciciel_nazwa": "Marek Nowicki, informatyk starostwa", "narzedzia": [procedury],
        "kwota": Decimal("2400.00"), "zrodlo_finansowania": "środki własne powiatu",
        "miernik": "liczba przeszkolonych sekretariatów", "wartosc_bazowa": "0", "wartosc_docelowa": "12",
        "sposob_monitorowania": "lista obecności", "cele": [0]}], cele, lider, start=len(kopie))
    _historia(v2, [("zloz", "robocza", "zlozona", lider, datetime.date(2023, 3, 10), ""),
                   ("zatwierdz", "zlozona", "zatwierdzona", koordynator, datetime.date(2023, 3, 15), "")])
    return hdr


def _jst_b(stdout, users, udzial) -> Hdr | None:
    wybor = WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first()
    cele = _cele(udzial)
    if wybor is None or not cele:
        stdout.write("demo: JST B has no chosen area or no priority goals yet — its HDR skipped")
        return None
    lider, czlonek = users["jst-b-lider"], users["jst-b-czlonek"]
    zespol = {m.uzytkownik_id: m for m in CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True)}
    hdr = Hdr.objects.create(udzial=udzial, obszar=wybor.obszar)
    v1 = _wersja(hdr, 1, stan="robocza", od=datetime.date(2023, 2, 1), do=datetime.date(2023, 8, 31),
                 ryzyka="Niepewna wysokość subwencji oświatowej na 2024 r.", utworzyl=lider,
                 utworzona=datetime.date(2023, 2, 16))
    # The last priority goal is left without an action: the page lists it and the submit is refused.
    pokryte = cele[:-1]
    podzial = _podziel(pokryte, 3)
    spec = [
        {"nazwa": "Harmonogram prac nad projektem budżetu oświaty z udziałem dyrektorów",
         "opis": "Terminy: arkusze organizacji, wnioski dyrektorów, projekt budżetu, konsultacja.",
         "od": datetime.date(2023, 2, 15), "do": datetime.date(2023, 4, 30), "wlasciciel": zespol.get(lider.pk),
         "narzedzia": ["Budżet zadaniowy"], "miernik": "przyjęty harmonogram", "wartosc_bazowa": "brak",
         "wartosc_docelowa": "przyjęty zarządzeniem wójta", "sposob_monitorowania": "lider, co miesiąc",
         "cele": podzial[0]},
        {"nazwa": "Wspólne warsztaty budżetowe z dyrektorami szkół",
         "od": datetime.date(2023, 3, 1), "do": datetime.date(2023, 5, 31), "wlasciciel": zespol.get(czlonek.pk),
         "narzedzia": ["Wspólne warsztaty budżetowe z dyrektorami"], "kwota": Decimal("1200.00"),
         "zrodlo_finansowania": "budżet gminy", "miernik": "liczba warsztatów", "wartosc_bazowa": "0",
         "wartosc_docelowa": "3", "cele": podzial[1]},
        {"nazwa": "Analiza kosztów dowozów i organizacji małych szkół",
         "od": datetime.date(2023, 4, 1), "do": datetime.date(2023, 6, 30),
         "wlasciciel_nazwa": "Stanisław Kowal, sekretarz gminy", "miernik": "raport z analizy",
         "wartosc_bazowa": "brak", "wartosc_docelowa": "przedstawiony radzie gminy", "cele": podzial[2]},
        {"nazwa": "Raport końcowy: studium refleksji zespołu",
         "od": datetime.date(2023, 8, 1), "do": datetime.date(2023, 8, 31), "wlasciciel": zespol.get(lider.pk),
         "raport_koncowy": True, "forma_raportu": "studium_refleksji",
         "autor_raportu": lider.get_full_name() or lider.get_username()},
    ]
    _dzialania(v1, spec, pokryte, lider)
    return hdr


def run(stdout, world: dict) -> dict:
    users, udzialy = world["users"], world["udzialy"]
    hdry = {}
    for code, builder in (("0201", _jst_a), ("2609022", _jst_b)):
        udzial = udzialy.get(code)
        if udzial is None:
            continue
        existing = Hdr.objects.filter(udzial=udzial).first()
        hdry[code] = existing or builder(stdout, users, udzial)
    stdout.write("demo: HDR plans ready" if all(hdry.values()) else "demo: HDR plans partly skipped")
    if hdry.get("0201"):
        _postepy(hdry["0201"], users["jst-a-lider"])
    return {"hdry": hdry}


def _postepy(hdr: Hdr, autor) -> None:
    """JST A's implementation: dated progress on the actions of the version in force (version 2) — most
    done, one in progress, one planned and overdue (as seen today), the final report done."""
    from hdr.models import MonitoringDzialania, Postep

    if Postep.objects.filter(hdr=hdr).exists():
        return
    wersja = hdr.wersje.filter(stan="zatwierdzona").order_by("-numer").first()
    dzialania = list(wersja.dzialania.order_by("od", "kolejnosc", "pk")) if wersja else []
    for i, d in enumerate(dzialania):
        if d.raport_koncowy or i < len(dzialania) - 2:
            plan = [(50, "w_trakcie", "Działanie rozpoczęte zgodnie z planem."),
                    (100, "zrealizowane", "Działanie zakończone; dokumenty w teczce zespołu.")]
        elif i == len(dzialania) - 2:
            plan = [(40, "w_trakcie", "Część szkół przekazała dane; czekamy na pozostałe.")]
        else:
            plan = []  # planned, never started: overdue once its end has passed
        for n, (procent, status, notatka) in enumerate(plan):
            data = min(d.od + datetime.timedelta(days=14 + 30 * n), d.do)
            Postep.objects.create(hdr=hdr, klucz=d.klucz, data=data, status=status, postep=procent,
                                  wartosc_aktualna=d.wartosc_docelowa if procent == 100 else "", notatka=notatka,
                                  autor=autor)
        if plan:
            procent, status, _notatka = plan[-1]
            MonitoringDzialania.objects.update_or_create(hdr=hdr, klucz=d.klucz, defaults={
                "status": status, "postep": procent,
                "wartosc_aktualna": d.wartosc_docelowa if procent == 100 else ""})
