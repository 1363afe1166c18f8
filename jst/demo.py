"""Demo step for jst/: the TERYT register, advisers, participations, teams, assignments, stages."""

import datetime

from django.contrib.auth import get_user_model

from jst.models import JST, CzlonekZespolu, Doradca, PrzydzialDoradcy, Udzial, ZmianaEtapu

E = Udzial.Etap
P, D = CzlonekZespolu.Rodzaj.PRACOWNIK_JST, CzlonekZespolu.Rodzaj.DYREKTOR

# 2022/2023: 20 real JSTs. JST A went through the whole cycle, JST B stopped mid-HDR.
EDYCJA_2022 = [
    ("0201", E.ZAKONCZONY), ("2609022", E.SPOTKANIE_2), ("1414022", E.WDRAZANIE), ("2612073", E.RAPORT_ZLOZONY),
    ("0619062", E.ZAKONCZONY), ("1603062", E.WDRAZANIE), ("3008012", E.HDR_ZATWIERDZONY),
    ("0404052", E.RAPORT_ZLOZONY), ("0416022", E.DIAGNOZA_POGLEBIONA), ("2216032", E.WDRAZANIE),
    ("0603062", E.ZAKONCZONY), ("3012063", E.SPOTKANIE_2), ("0402073", E.WDRAZANIE), ("1206063", E.ZAKONCZONY),
    ("2414011", E.HDR_ZATWIERDZONY), ("2408021", E.WDRAZANIE), ("1407", E.RAPORT_ZLOZONY), ("0602", E.WDRAZANIE),
    ("0464", E.ZAKONCZONY), ("1062", E.DANE_ZEBRANE),
]
# The current edition: 6 JSTs at the beginning of the cycle (one team still incomplete).
EDYCJA_BIEZACA = [
    ("0220013", E.OBSZAR_WYBRANY), ("0418063", E.ARKUSZ_ZLOZONY), ("1427022", E.ZGLOSZONY),
    ("0401011", E.ZESPOL_ZATWIERDZONY), ("3018", E.ZESPOL_ZATWIERDZONY), ("2402", E.ZGLOSZONY),
]
# Adviser pairs: (ROS, PRO) → JST codes. ros1/pro1 never serve JST B; ros2/pro2 never JST A.
PARY = [
    (("ros1", "pro1"), ["0201", "1414022", "0220013"]),
    (("ros2", "pro2"), ["2609022", "2612073", "0418063"]),
    (("ros3", "pro3"), ["0619062", "1603062", "3008012", "1427022"]),
    (("ros4", "pro4"), ["0404052", "0416022", "2216032", "0401011"]),
    (("ros5", "pro5"), ["0603062", "3012063", "0402073", "3018"]),
    (("ros6", "pro6"), ["1206063", "2414011", "2408021"]),
    (("ros7", "pro7"), ["1407", "0602", "0464", "1062", "2402"]),
]
DORADCY_EXTRA = {  # advisers who are not demo accounts (no login)
    "ros3": ("Teresa", "Wiśniewska", "mazowieckie"), "pro3": ("Marek", "Zieliński", "lubelskie"),
    "ros4": ("Halina", "Kamińska", "kujawsko-pomorskie"), "pro4": ("Andrzej", "Lewandowski", "pomorskie"),
    "ros5": ("Barbara", "Dąbrowska", "wielkopolskie"), "pro5": ("Jerzy", "Wójcik", "wielkopolskie"),
    "ros6": ("Ewa", "Kozłowska", "śląskie"), "pro6": ("Tomasz", "Jankowski", "małopolskie"),
    "ros7": ("Grażyna", "Mazur", "łódzkie"), "pro7": ("Zbigniew", "Krawczyk", "mazowieckie"),
}
REGION = {"ros1": "dolnośląskie", "pro1": "dolnośląskie", "ros2": "świętokrzyskie", "pro2": "świętokrzyskie",
          "doradca-spoza": "podlaskie"}
TEAM_NAMES = [("Agnieszka", "Nowicka"), ("Paweł", "Sikora"), ("Monika", "Baran"), ("Krzysztof", "Pietrzak"),
              ("Joanna", "Michalska"), ("Robert", "Grabowski"), ("Magdalena", "Wróbel"), ("Łukasz", "Jabłoński")]


def _user(username, first, last, email=None):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, email=email or username)
        user.set_unusable_password()
        user.save()
    return user


def _team(udzial, members):
    for user, funkcja, rodzaj, szkola, lider in members:
        CzlonekZespolu.objects.get_or_create(
            udzial=udzial, uzytkownik=user, aktywny=True,
            defaults={"funkcja": funkcja, "rodzaj": rodzaj, "nazwa_szkoly": szkola, "lider": lider},
        )


def _stage(udzial, etap, admin, start):
    """Walk the participation forward to `etap` with a dated history (demo data only)."""
    if udzial.zmiany_etapu.exists():
        return
    order = list(E.values)
    previous = ""
    for i, step in enumerate(order[: order.index(etap) + 1]):
        change = ZmianaEtapu.objects.create(udzial=udzial, z_etapu=previous, na_etap=step, kto=admin,
                                            powod="Dane demonstracyjne")
        ZmianaEtapu.objects.filter(pk=change.pk).update(
            kiedy=datetime.datetime.combine(start + datetime.timedelta(days=14 * i), datetime.time(10),
                                            tzinfo=datetime.timezone.utc))
        previous = step
    confirmed = order.index(etap) >= order.index(E.ZESPOL_ZATWIERDZONY)
    Udzial.objects.filter(pk=udzial.pk).update(etap=etap, stan_zespolu="zatwierdzona" if confirmed else "robocza")


def run(stdout, world: dict) -> dict:
    from jst.rejestr import jst_importuj_teryt

    users = world["users"]
    admin = users["admin"]
    if JST.objects.count() == 0:
        report = jst_importuj_teryt(actor=admin)
        stdout.write(f"demo: TERYT register imported ({report})")
    by_code = {j.teryt: j for j in JST.objects.filter(teryt__in=[c for c, _ in EDYCJA_2022 + EDYCJA_BIEZACA])}

    doradcy = {}
    for (ros, pro), _codes in PARY:
        for name, spec in ((ros, Doradca.Specjalnosc.ROS), (pro, Doradca.Specjalnosc.PRO)):
            if name in users:
                user = users[name]
            else:
                first, last, _region = DORADCY_EXTRA[name]
                user = _user(f"{name}@demo.doradztwo.invalid", first, last)
            doradcy[name], _ = Doradca.objects.get_or_create(
                uzytkownik=user, defaults={"specjalnosc": spec,
                                           "wojewodztwo": REGION.get(name) or DORADCY_EXTRA[name][2]})
    Doradca.objects.get_or_create(uzytkownik=users["doradca-spoza"],
                                  defaults={"specjalnosc": Doradca.Specjalnosc.ROS, "wojewodztwo": "podlaskie"})

    udzialy = {}
    for edycja, plan in ((world["edycja_2022"], EDYCJA_2022), (world["edycja_biezaca"], EDYCJA_BIEZACA)):
        for code, etap in plan:
            udzial, _ = Udzial.objects.get_or_create(edycja=edycja, jst=by_code[code])
            _stage(udzial, etap, admin, edycja.data_od)
            udzialy[code] = udzial

    for (ros, pro), codes in PARY:
        for code in codes:
            udzial = udzialy[code]
            for name, rola in ((ros, PrzydzialDoradcy.Rola.ROS), (pro, PrzydzialDoradcy.Rola.PRO)):
                PrzydzialDoradcy.objects.get_or_create(
                    udzial=udzial, rola=rola, do=None, defaults={"doradca": doradcy[name], "od": udzial.edycja.data_od})

    _team(udzialy["0201"], [
        (users["jst-a-lider"], "dyrektor Wydziału Edukacji Starostwa Powiatowego", P, "", True),
        (users["jst-a-czlonek"], "dyrektor szkoły", D, "Zespół Szkół nr 1 w Bolesławcu", False),
        (_user("skarbnik.0201@demo.doradztwo.invalid", "Irena", "Kasprzak"), "skarbnik powiatu", P, "", False),
    ])
    _team(udzialy["2609022"], [
        (users["jst-b-lider"], "inspektor ds. oświaty", P, "", True),
        (users["jst-b-czlonek"], "dyrektor szkoły", D, "Szkoła Podstawowa w Dwikozach", False),
        (_user("sekretarz.2609022@demo.doradztwo.invalid", "Stanisław", "Kowal"), "sekretarz gminy", P, "", False),
    ])
    for i, code in enumerate(c for c, _ in EDYCJA_2022[2:] + EDYCJA_BIEZACA):
        a, b, c = (TEAM_NAMES[(i + k) % len(TEAM_NAMES)] for k in range(3))
        members = [
            (_user(f"zespol1.{code}@demo.doradztwo.invalid", *a), "naczelnik wydziału oświaty", P, "", True),
            (_user(f"zespol2.{code}@demo.doradztwo.invalid", *b), "specjalista ds. budżetu oświaty", P, "", False),
        ]
        if code != "1427022":  # this team still lacks a school director: it cannot be confirmed yet
            members.append((_user(f"zespol3.{code}@demo.doradztwo.invalid", *c), "dyrektor szkoły", D,
                            "Szkoła Podstawowa nr 1", False))
        _team(udzialy[code], members)
    stdout.write(f"demo: {len(udzialy)} participations, {len(doradcy) + 1} advisers")
    run_machinery(stdout, {**world, "udzialy": udzialy})
    run_advisers_work(stdout, {**world, "udzialy": udzialy})
    from doradztwo.demo_przypomnienia import run_demo as przypomnienia_demo

    przypomnienia_demo(world)
    return {"udzialy": udzialy}


def run_machinery(stdout, world: dict) -> None:
    """Comments and notifications so the bell and the threads have content (idempotent)."""
    from django.contrib.contenttypes.models import ContentType

    from doradztwo.models import Komentarz, Powiadomienie

    users, udzialy = world["users"], world["udzialy"]
    udzial_a, udzial_b = udzialy["0201"], udzialy["2609022"]
    ct = ContentType.objects.get_for_model(Udzial)
    threads = [
        (udzial_a, "zespol", users["jst-a-lider"], "Czy do zespołu możemy dołączyć skarbnika powiatu?", False),
        (udzial_a, "ogolne", users["ros1"], "Po spotkaniu: warto wrócić do wskaźników kadrowych przy HDR.", True),
        (udzial_b, "ogolne", users["ros2"], "Prosimy o uzupełnienie harmonogramu działań do końca miesiąca.", False),
    ]
    for udzial, sekcja, autor, tresc, prywatny in threads:
        Komentarz.objects.get_or_create(
            typ_obiektu=ct, id_obiektu=str(udzial.pk), udzial=udzial, sekcja=sekcja, autor=autor, tresc=tresc,
            defaults={"prywatny": prywatny})
    for username, tytul, link in [
        ("jst-a-lider", "Zespół Powiat bolesławiecki został zatwierdzony", udzial_a.get_absolute_url()),
        ("jst-b-lider", "Nowy komentarz doradcy", udzial_b.get_absolute_url()),
        ("koordynator", "Nowy komentarz w Powiat bolesławiecki", udzial_a.get_absolute_url()),
    ]:
        Powiadomienie.objects.get_or_create(odbiorca=users[username], tytul=tytul,
                                            defaults={"rodzaj": "demo", "link": link})
    stdout.write("demo: comments and notifications ready")


def run_advisers_work(stdout, world: dict) -> None:
    """Remote entries, visits, travel costs, events (their own demo modules) and timesheets."""
    import datetime

    from jst import demo_wizyty, demo_zdalne
    from jst.models import Doradca, KartaCzasuPracy

    demo_zdalne.run_demo(world)
    demo_wizyty.run_demo(world)
    # Timesheets of 2022/2023: ros1/pro1 approved Oct–Apr and May submitted; ros2/pro2 approved
    # Oct–Jan and February returned for correction.
    edycja = world["edycja_2022"]
    months = [datetime.date(2022, m, 1) for m in (10, 11, 12)] + [datetime.date(2023, m, 1) for m in range(1, 6)]
    plan = {"ros1": (7, "zlozona"), "pro1": (7, "zlozona"), "ros2": (4, "zwrocona"), "pro2": (4, "zwrocona")}
    for doradca in Doradca.objects.select_related("uzytkownik").filter(uzytkownik__username__in=plan):
        approved, last_state = plan[doradca.uzytkownik.username]
        for i, month in enumerate(months[: approved + 1]):
            KartaCzasuPracy.objects.update_or_create(
                doradca=doradca, edycja=edycja, miesiac=month,
                defaults={"stan": "zatwierdzona" if i < approved else last_state})
    stdout.write("demo: remote entries, visits, costs, events and timesheets ready")
