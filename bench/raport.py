"""docs/performance.md from bench/results/*.json (`bench/run.py` calls it at the end; `bench/run.py
--raport` only regenerates). Met/missed is computed here from the numbers against the targets of the
performance issue; a missed target keeps its row with the reason and what it would take (bench/powody.py)."""

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUZY = 2807
MALY = 20
SREDNI = 200
MIB = 2**20
LIMIT_ZAPYTAN = 15
PULPIT = "raporty:pulpit_edycji"
ROLE = ("koordynator", "admin", "doradca", "lider", "czlonek")
NAZWY_ROL = {"koordynator": "coordinator", "admin": "administrator", "doradca": "adviser (ROS)",
             "lider": "team leader", "czlonek": "team member"}
# Flat memory: the peak above the start of an export at 2,807 JSTs (data ×14) stays within
# 2 × its peak at 200 JSTs + 32 MiB (what the interpreter and a chunk of rows may take anyway).
PLASKA_KROTNOSC, PLASKI_ZAPAS = 2, 32 * MIB


@dataclass
class Cel:
    klucz: str
    nazwa: str
    zmierzono: str
    spelniony: bool | None  # None: not measured (the stage did not run at 2,807 JSTs)


def wczytaj(katalog: Path) -> dict:
    wyniki = {}
    for plik in sorted(katalog.glob("*.json")):
        wyniki[plik.stem] = json.loads(plik.read_text())
    return wyniki


def _ms(x) -> str:
    if x is None:
        return "–"
    return f"{x:,.0f}".replace(",", " ") if x >= 100 else f"{x:.1f}"


def _s(x) -> str:
    return "–" if x is None else f"{x:.2f} s" if x < 10 else f"{x:.0f} s"


def _mib(b) -> str:
    return "–" if b is None else f"{b / MIB:.1f} MiB"


def _n(x) -> str:
    return "–" if x is None else f"{x:,}".replace(",", " ")


def strony(wyniki: dict, n: int) -> dict[tuple[str, str], dict]:
    """(role, URL name) → the page's result at n JSTs."""
    wynik = {}
    for rola in ROLE:
        for s in wyniki.get(f"strony-{rola}-{n}", {}).get("strony", []):
            wynik[(rola, s["nazwa"])] = s
    return wynik


def _csv(wyniki: dict, n: int) -> dict[str, dict]:
    return {e["slug"]: e for e in wyniki.get(f"eksporty-csv-{n}", {}).get("eksporty", []) if "czas_s" in e}


def cele(wyniki: dict) -> list[Cel]:
    """The targets of the issue at 2,807 JSTs, each met or missed from the numbers."""
    out = []
    duze, male = strony(wyniki, DUZY), strony(wyniki, MALY)
    if duze:
        zle = []
        for klucz, s in duze.items():
            q = s.get("zapytania")
            q_male = male.get(klucz, {}).get("zapytania")
            if q is None or q > LIMIT_ZAPYTAN or (q_male is not None and q != q_male) \
                    or len(s.get("zapytania_rozne", [q])) > 1:
                zle.append(f"{NAZWY_ROL[klucz[0]]} `{klucz[1]}` "
                           + ("timed out" if s.get("limit_czasu") else f"{q_male}→{q}"))
        out.append(Cel("zapytania", f"every page ≤ {LIMIT_ZAPYTAN} SQL queries and the same at {MALY} and {DUZY} JSTs",
                       f"{len(duze) - len(zle)} of {len(duze)} pages" + (f"; not: {', '.join(zle)}" if zle else ""),
                       not zle))
    else:
        out.append(Cel("zapytania", f"every page ≤ {LIMIT_ZAPYTAN} SQL queries and the same at {MALY} and {DUZY} JSTs",
                       "not measured", None))
    pulpit = duze.get(("koordynator", PULPIT))
    podloga = wyniki.get(f"strony-koordynator-{DUZY}", {}).get("podloga_pulpitu", {}).get("ms", {})
    if pulpit:
        p95 = pulpit["serwer_ms"].get("p95")
        out.append(Cel("pulpit_p95", "dashboard p95 < 300 ms", f"{_ms(p95)} ms (n={pulpit['serwer_ms']['n']})",
                       p95 is not None and p95 < 300))
        if podloga.get("mediana") and pulpit["serwer_ms"].get("mediana"):
            iloraz = pulpit["serwer_ms"]["mediana"] / podloga["mediana"]
            out.append(Cel("pulpit_podloga", "dashboard ≤ 2× its raw-SQL floor",
                           f"{iloraz:.1f}× ({_ms(pulpit['serwer_ms']['mediana'])} ms vs floor "
                           f"{_ms(podloga['mediana'])} ms, medians)", iloraz <= 2))
        else:
            out.append(Cel("pulpit_podloga", "dashboard ≤ 2× its raw-SQL floor", "floor not measured", None))
    else:
        out.append(Cel("pulpit_p95", "dashboard p95 < 300 ms", "not measured", None))
        out.append(Cel("pulpit_podloga", "dashboard ≤ 2× its raw-SQL floor", "not measured", None))
    zapis = wyniki.get(f"autozapis-{DUZY}")
    if zapis:
        p95 = zapis["serwer_ms"].get("p95")
        out.append(Cel("autozapis", "autosave p95 < 50 ms server time (50 concurrent editors)",
                       f"{_ms(p95)} ms ({zapis['zapisow']} saves, {zapis['bledy']} errors)",
                       p95 is not None and p95 < 50 and zapis["bledy"] == 0))
    else:
        out.append(Cel("autozapis", "autosave p95 < 50 ms server time (50 concurrent editors)", "not measured", None))
    pdf = wyniki.get(f"pdf-jeden-{DUZY}")
    if pdf:
        out.append(Cel("pdf", "one JST summary PDF < 1 s", f"{_ms(pdf['ms']['mediana'])} ms (median of {pdf['ms']['n']})",
                       pdf["ms"]["mediana"] < 1000))
    else:
        out.append(Cel("pdf", "one JST summary PDF < 1 s", "not measured", None))
    csv_duze, csv_srednie = _csv(wyniki, DUZY), _csv(wyniki, SREDNI)
    if csv_duze:
        najdluzszy = max(csv_duze.values(), key=lambda e: e["czas_s"])
        out.append(Cel("csv_czas", "national CSV < 10 s",
                       f"slowest: `{najdluzszy['slug']}` {_s(najdluzszy['czas_s'])} ({_n(najdluzszy['wierszy'])} rows)",
                       najdluzszy["czas_s"] < 10))
        if csv_srednie:
            rosnie = []
            for slug, e in csv_duze.items():
                maly = csv_srednie.get(slug)
                if maly and e["szczyt_ponad_start_b"] > PLASKA_KROTNOSC * maly["szczyt_ponad_start_b"] + PLASKI_ZAPAS:
                    rosnie.append(f"`{slug}` {_mib(maly['szczyt_ponad_start_b'])}→{_mib(e['szczyt_ponad_start_b'])}")
            najwiecej = max(csv_duze.values(), key=lambda e: e["szczyt_ponad_start_b"])
            out.append(Cel("csv_pamiec", "national CSV with flat memory",
                           f"largest peak above start {_mib(najwiecej['szczyt_ponad_start_b'])} (`{najwiecej['slug']}`)"
                           + (f"; grows: {', '.join(rosnie)}" if rosnie else f"; every CSV within {PLASKA_KROTNOSC}× "
                              f"its {SREDNI}-JST peak + {PLASKI_ZAPAS // MIB} MiB"), not rosnie))
        else:
            out.append(Cel("csv_pamiec", "national CSV with flat memory", f"no {SREDNI}-JST run to compare", None))
    else:
        out.append(Cel("csv_czas", "national CSV < 10 s", "not measured", None))
        out.append(Cel("csv_pamiec", "national CSV with flat memory", "not measured", None))
    ob = wyniki.get(f"obciazenie-{DUZY}")
    if ob:
        out.append(Cel("obciazenie", "mixed load ≥ 200 requests/s with 0 errors",
                       f"{ob['na_sekunde']:.0f} requests/s, {ob['bledy']} errors", ob["na_sekunde"] >= 200 and ob["bledy"] == 0))
    else:
        out.append(Cel("obciazenie", "mixed load ≥ 200 requests/s with 0 errors", "not measured", None))
    return out


def _wynik_celu(c: Cel) -> str:
    return {True: "**met**", False: "**missed**", None: "not measured"}[c.spelniony]


def generuj(katalog: Path | None = None, wyjscie: Path | None = None, powody: dict | None = None) -> Path:
    katalog = katalog or ROOT / "bench" / "results"
    wyjscie = wyjscie or ROOT / "docs" / "performance.md"
    if powody is None:
        from bench.powody import POWODY as powody
    w = wczytaj(katalog)
    rozmiary = sorted({r["jst"] for r in w.values() if isinstance(r.get("jst"), int)})
    L = ["# Performance at national scale", "",
         "Generated by `bench/raport.py` from `bench/results/*.json` — do not edit by hand; `make bench` measures and "
         "regenerates it (see `bench/README.md`). Met/missed is computed from the numbers.", ""]
    m = w.get("maszyna", {})
    if m:
        mm, v = m["maszyna"], m["wersje"]
        L += ["## Machine", "",
              f"- {mm['cpu']}, {mm['rdzenie']} cores, {mm['pamiec_b'] / 2**30:.1f} GiB RAM; {mm['system']}",
              f"- Python {mm['python']}, Django {v.get('django')}, PostgreSQL {v.get('postgresql')} "
              f"({'a throwaway cluster started by the bench, fsync on' if m.get('postgres_wlasny') else 'DATABASE_URL'}),"
              f" gunicorn {v.get('gunicorn')} (sync workers, `scripts/gunicorn.conf.py`: 2 × cores + 1), "
              f"Celery {v.get('celery')}, WeasyPrint {v.get('weasyprint')}, openpyxl {v.get('openpyxl')}",
              "- `DEBUG=False`, `bench.settings_bench` (the project's settings + a query-count middleware), Redis "
              "for the cache and the broker; requests on loopback with `X-Forwarded-Proto: https`.",
              "- The load generator (Python threads, standard library `http.client`) runs on the same cores as "
              "gunicorn and PostgreSQL: every figure below shares the 2 cores with its own client.",
              f"- Measured on {m.get('data')}; sizes measured: {', '.join(map(str, rozmiary)) or 'none'} JSTs.", ""]
    # --- targets
    L += [f"## Targets at {DUZY:,} JSTs".replace(",", " "), "", "| target | measured | result |", "| --- | --- | --- |"]
    lista = cele(w)
    for c in lista:
        L.append(f"| {c.nazwa} | {c.zmierzono} | {_wynik_celu(c)} |")
    chybione = [c for c in lista if c.spelniony is False]
    if chybione:
        L += ["", "### Missed targets: why, and what it would take", ""]
        for c in chybione:
            powod = powody.get(c.klucz)
            if powod:
                L += [f"**{c.nazwa}** — {powod['dlaczego']}", "", f"*What it would take:* {powod['co_zrobic']}", ""]
            else:
                L += [f"**{c.nazwa}** — reason not recorded yet (bench/powody.py).", ""]
    niezmierzone = [c for c in lista if c.spelniony is None]
    if niezmierzone:
        L += ["", "Not measured: " + "; ".join(c.nazwa for c in niezmierzone)
              + f" — run `make bench` with {DUZY} in `BENCH_JST`.", ""]
    L.append("")
    # --- data
    seedy = {n: w[f"seed-{n}"] for n in rozmiary if f"seed-{n}" in w}
    if seedy:
        L += ["## Data (`manage.py seed_scale --jst N`), row counts read back from the database", "",
              "| rows | " + " | ".join(f"{n} JSTs" for n in seedy) + " |", "| --- |" + " ---: |" * len(seedy)]
        modele = sorted({k for s in seedy.values() for k in s["wiersze"]})
        for model in modele:
            L.append(f"| `{model}` | " + " | ".join(_n(s["wiersze"].get(model)) for s in seedy.values()) + " |")
        L.append("| **total** | " + " | ".join(f"**{_n(s['wierszy_razem'])}**" for s in seedy.values()) + " |")
        L.append("| database size | " + " | ".join(_mib(s.get("rozmiar_bazy_b")) for s in seedy.values()) + " |")
        L.append("| seed time (`seed_scale`, TERYT import included) | "
                 + " | ".join(_s(s["seed_s"]) for s in seedy.values()) + " |")
        L.append("")
    # --- pages
    po_rozmiarze = {n: strony(w, n) for n in rozmiary}
    if any(po_rozmiarze.values()):
        L += ["## Pages: server time and SQL queries", "",
              "Server time is measured inside Django (the outermost middleware: sessions, authentication and the "
              "sliding-session save included), one request at a time, after warming every worker. Cells: median / "
              "p95 ms · queries. With fewer than 20 samples (slow pages) p95 is the slowest sample.", ""]
        for rola in ROLE:
            klucze = []
            for n in rozmiary:
                for (r, nazwa) in po_rozmiarze[n]:
                    if r == rola and nazwa not in klucze:
                        klucze.append(nazwa)
            if not klucze:
                continue
            L += [f"### {NAZWY_ROL[rola].capitalize()}", "",
                  "| page | " + " | ".join(f"{n} JSTs" for n in rozmiary) + " |", "| --- |" + " --- |" * len(rozmiary)]
            for nazwa in klucze:
                komorki = []
                for n in rozmiary:
                    s = po_rozmiarze[n].get((rola, nazwa))
                    if not s:
                        komorki.append("–")
                        continue
                    if s.get("limit_czasu"):
                        komorki.append("**> 30 s: gunicorn's timeout, HTTP 500**")
                        continue
                    status = "" if s["status"] == [200] else f" (HTTP {','.join(map(str, s['status']))})"
                    komorki.append(f"{_ms(s['serwer_ms'].get('mediana'))} / {_ms(s['serwer_ms'].get('p95'))} · "
                                   f"{s['zapytania']}{status}")
                L.append(f"| `{nazwa}` | " + " | ".join(komorki) + " |")
            L.append("")
        podlogi = {n: w[f"strony-koordynator-{n}"].get("podloga_pulpitu") for n in rozmiary
                   if f"strony-koordynator-{n}" in w}
        if podlogi:
            L += ["Dashboard floor — the raw SQL aggregates of what the dashboard shows (participations per stage "
                  "and area with each milestone's artefacts counted; the actions of the HDR versions in force by "
                  "status, overdue ones counted), executed and fetched without the ORM:", "",
                  "| | " + " | ".join(f"{n} JSTs" for n in podlogi) + " |", "| --- |" + " --- |" * len(podlogi)]
            pulpity = [po_rozmiarze[n].get(("koordynator", PULPIT)) for n in podlogi]
            L.append("| floor, median ms | " + " | ".join(_ms(p and p["ms"].get("mediana")) for p in podlogi.values())
                     + " |")
            L.append("| dashboard, median ms | " + " | ".join(_ms(p and p["serwer_ms"].get("mediana")) for p in pulpity)
                     + " |")
            L.append("| ratio | " + " | ".join(
                f"{p['serwer_ms']['mediana'] / f['ms']['mediana']:.1f}×"
                if p and f and f["ms"].get("mediana") and p["serwer_ms"].get("mediana") else "–"
                for p, f in zip(pulpity, podlogi.values(), strict=True)) + " |")
            L.append("")
    # --- autosave
    zapisy = {n: w[f"autozapis-{n}"] for n in rozmiary if f"autozapis-{n}" in w}
    if zapisy:
        L += ["## Autosave of one answer, 50 concurrent editors", "",
              "Each editor is a team member saving their share of a reopened sheet (five people per sheet), each "
              "save changing the value; the next save 0.5–1.5 s after the previous one answered — about one save "
              "a second per editor, far faster than a person answers, so 50 editors offer ~50 saves/s to the "
              "sheet's autosave endpoint `diagnoza:odpowiedz`.", "",
              "| | " + " | ".join(f"{n} JSTs" for n in zapisy) + " |", "| --- |" + " --- |" * len(zapisy)]
        for etykieta, f in (
            ("saves", lambda z: _n(z["zapisow"])), ("saves/s", lambda z: f"{z['na_sekunde']:.0f}"),
            ("server median / p95 ms", lambda z: f"{_ms(z['serwer_ms']['mediana'])} / {_ms(z['serwer_ms']['p95'])}"),
            ("client median / p95 ms (queueing included)",
             lambda z: f"{_ms(z['klient_ms']['mediana'])} / {_ms(z['klient_ms']['p95'])}"),
            ("queries per save", lambda z: ", ".join(map(str, z["zapytania"]))),
            ("errors / conflicts", lambda z: f"{z['bledy']} / {z['konflikty']}"),
        ):
            L.append(f"| {etykieta} | " + " | ".join(f(z) for z in zapisy.values()) + " |")
        L.append("")
    # --- PDFs
    pdfy = {n: w[f"pdf-jeden-{n}"] for n in rozmiary if f"pdf-jeden-{n}" in w}
    hurt = [w[k] for k in ("pdf-200-w1-200", "pdf-200-w2-200") if k in w]
    if pdfy or hurt:
        L += ["## PDFs", ""]
        if pdfy:
            L += ["One JST summary (`raporty.zadania_podsumowania.render`, WeasyPrint in the process, after one "
                  "warm-up render):", "", "| | " + " | ".join(f"{n} JSTs" for n in pdfy) + " |",
                  "| --- |" + " --- |" * len(pdfy),
                  "| median / p95 ms | " + " | ".join(f"{_ms(p['ms']['mediana'])} / {_ms(p['ms']['p95'])}"
                                                     for p in pdfy.values()) + " |",
                  "| pages, size | " + " | ".join(f"{p['stron']}, {p['bajty'] // 1024} KiB" for p in pdfy.values()) + " |",
                  ""]
        if hurt:
            L += ["Summaries of all 200 JSTs as 200 jobs queued at once to a Celery worker (`--concurrency` 1 and 2, "
                  "the 2 cores shared with PostgreSQL); the time for 2,807 JSTs is **extrapolated** linearly from "
                  "the 200, not measured:", "", "| workers | jobs done | wall time | per JST | 2,807 JSTs (extrapolated) |",
                  "| --- | --- | --- | --- | --- |"]
            for h in hurt:
                L.append(f"| {h['workers']} | {h['gotowe']} / {h['zadan']} | {_s(h['czas_s'])} | {_s(h['na_jst_s'])} | "
                         f"≈ {h['ekstrapolacja_2807_s'] / 60:.0f} min |")
            L.append("")
    # --- exports
    eksp = {(n, f): w[f"eksporty-{f}-{n}"] for n in rozmiary for f in ("csv", "xlsx") if f"eksporty-{f}-{n}" in w}
    if eksp:
        L += ["## Exports", "",
              "Each export runs as its job does (`doradztwo.zadania.wykonaj`: data fingerprint, rows, file saved to "
              "storage) in a fresh process; memory is the process's peak resident size above its size at the start "
              f"of the job. Flat memory: at {DUZY} JSTs within {PLASKA_KROTNOSC}× the {SREDNI}-JST peak + "
              f"{PLASKI_ZAPAS // MIB} MiB. Cells: time · peak above start · file size.", ""]
        for format_ in ("csv", "xlsx"):
            kolumny = [n for n in rozmiary if (n, format_) in eksp]
            if not kolumny:
                continue
            slugi = []
            for n in kolumny:
                for e in eksp[(n, format_)]["eksporty"]:
                    if e["slug"] not in slugi:
                        slugi.append(e["slug"])
            L += [f"### {format_.upper()}", "", "| export | " + " | ".join(f"{n} JSTs" for n in kolumny) + " |",
                  "| --- |" + " --- |" * len(kolumny)]
            for slug in slugi:
                komorki = []
                for n in kolumny:
                    e = next((x for x in eksp[(n, format_)]["eksporty"] if x["slug"] == slug), None)
                    if e is None:
                        komorki.append("–")
                    elif "czas_s" not in e:
                        komorki.append("failed")
                    else:
                        komorki.append(f"{_s(e['czas_s'])} · {_mib(e['szczyt_ponad_start_b'])} · {_mib(e['bajty'])} "
                                       f"({_n(e['wierszy'])} rows)")
                L.append(f"| `{slug}` | " + " | ".join(komorki) + " |")
            L.append("")
    # --- mixed load
    ob = {n: w[f"obciazenie-{n}"] for n in rozmiary if f"obciazenie-{n}" in w}
    if ob:
        pierwszy = next(iter(ob.values()))
        L += ["## Mixed load", "",
              f"{pierwszy['wirtualnych']} signed-in virtual users at once, closed loop without think time, "
              f"{pierwszy['czas_s']} s after a {pierwszy['rozgrzewka_s']} s warm-up: 40 % team pages (participation, "
              "HDR, start page), 30 % the sheet page, 20 % autosave POSTs, 10 % the edition dashboard (as the "
              "coordinator). **The load generator shares the two cores with gunicorn and PostgreSQL.**", "",
              "| | " + " | ".join(f"{n} JSTs" for n in ob) + " |", "| --- |" + " --- |" * len(ob),
              "| requests/s | " + " | ".join(f"{o['na_sekunde']:.0f}" for o in ob.values()) + " |",
              "| errors | " + " | ".join(str(o["bledy"]) for o in ob.values()) + " |"]
        for rodzaj, etykieta in (("zespol", "team pages"), ("arkusz", "sheet page"), ("autozapis", "autosave"),
                                 ("pulpit", "dashboard")):
            L.append(f"| {etykieta}: requests, server median / p95 ms | " + " | ".join(
                f"{o['po_rodzaju'][rodzaj]['zadan']}, {_ms(o['po_rodzaju'][rodzaj]['serwer_ms'].get('mediana'))} / "
                f"{_ms(o['po_rodzaju'][rodzaj]['serwer_ms'].get('p95'))}" for o in ob.values()) + " |")
        L.append("")
    bledy = [r for k, r in w.items() if k.startswith("blad-")]
    if bledy:
        L += ["## Stages that failed", ""] + [f"- `{b['etap']}` at {b['jst']} JSTs: {b['blad']}" for b in bledy] + [""]
    czasy = sorted(((r["etap"], r["jst"], r["czas_etapu_s"]) for k, r in w.items()
                    if "czas_etapu_s" in r and not k.startswith("blad-")), key=lambda t: (t[1], t[0]))
    if czasy:
        L += ["## Stage durations (each must stay under 10 minutes)", "",
              ", ".join(f"`{e}`@{n} {s:.0f} s" for e, n, s in czasy) + ".", ""]
        zajete = sorted((r["etap"], r["jst"], r["tlo"]["cpu_wolne_przed"]) for k, r in w.items()
                        if (r.get("tlo") or {}).get("cpu_wolne_przed") is not None
                        and r["tlo"]["cpu_wolne_przed"] < 0.85 and not k.startswith("blad-"))
        if zajete:
            L += ["Measured while other processes kept the CPU busy (idle share just before the stage): "
                  + ", ".join(f"`{e}`@{n} {wolne:.0%}" for e, n, wolne in zajete)
                  + ". Their figures are upper bounds; `bench/run.py --od-nowa --etap NAME` measures again.", ""]
    wyjscie.write_text("\n".join(L))
    return wyjscie
