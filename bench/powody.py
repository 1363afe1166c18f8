"""Why a target of the performance issue is missed, and what it would take — written by people after
reading the numbers; `bench/raport.py` prints the entry of every target it computes as missed (a
test fails when a missed target has none). Keys are `Cel.klucz` of bench/raport.py."""

POWODY: dict[str, dict[str, str]] = {
    "zapytania": {
        "dlaczego": (
            "Every coordinator list and dashboard now runs the same number of queries at 20 and 2,807 JSTs "
            "(paginated, whole-edition figures from SQL aggregates). The pages still over 15 are the pages "
            "of one JST's work: the deep diagnosis (20–21: its findings, goals, causes and gaps are read "
            "table by table, plus the submission checklist), the data task (19: areas, indicators, "
            "values, tables, files) and the HDR (17–19: versions, goals per gap, monitoring, progress, "
            "comments). Their counts do not grow with the number of JSTs — they are the same at 20 and "
            "2,807 — only with nothing; 3 of every count are the sliding session (read, user, save), "
            "which every page pays (CONVENTIONS §6: sign-out after 60 minutes without activity)."
        ),
        "co_zrobic": (
            "Read each of those pages' tables in one prefetch tree (goals with their gaps and causes; "
            "areas with indicators and values) instead of a query per table; save the session only when "
            "its expiry moves by more than a minute (a custom session engine) — about 5 queries per page "
            "each."
        ),
    },
    "pulpit_p95": {
        "dlaczego": (
            "The dashboard went from 9.6 s to about 0.4 s at 2,807 JSTs: one SQL statement gives every "
            "participation's milestones, stage, area and actions in force by status, Python adds small "
            "integers and builds full rows only for the 50 JSTs of the page. What remains: ~170–200 ms "
            "of SQL (the actions in force aggregate over 42,000 actions, joined per participation) and "
            "~150 ms of Python (rendering the 50 × 10 matrix, the page's actions, one loop over the 2,807 "
            "flag rows)."
        ),
        "co_zrobic": (
            "A per-participation milestone row kept up to date by the services that change a milestone "
            "(or refreshed by Celery every few minutes), so the dashboard reads 2,807 precomputed rows "
            "instead of aggregating 42,000 actions, and the matrix fragment cached per edition and page "
            "until the next change."
        ),
    },
    "pulpit_podloga": {
        "dlaczego": (
            "The floor is two bare aggregates fetched without the ORM (~95 ms); the page adds its own "
            "statement's per-participation flags (the floor counts, the page needs each JST's flags to "
            "filter, sort and page), the 50 rows' details, the filter form with 1,404 advisers, the "
            "session and the template."
        ),
        "co_zrobic": "The same precomputed milestone rows as for the p95 target; then the page reads no more "
                     "than the floor does.",
    },
    "autozapis": {
        "dlaczego": (
            "An autosave is 12 queries: the sliding session (3), the user, the role (coordinators, team, "
            "assignments), the sheet row locked for the version check, the answer's upsert, its history "
            "row and the audit trail. At ~42 saves/s from 50 editors the median is ~23 ms, but the two "
            "cores are shared by 5 gunicorn workers, PostgreSQL and the load generator itself, and the "
            "p95 (~57 ms) is queueing for a core, not a slow statement."
        ),
        "co_zrobic": (
            "Save the session only when its expiry moves by more than a minute (−1 query and a write), "
            "keep the participation role in the session for the page's lifetime (−3), and run the load "
            "generator on another machine; or more cores."
        ),
    },
    "pdf": {
        "dlaczego": (
            "WeasyPrint lays out the 9-page summary (sheet scores, indicators, deep diagnosis, HDR with "
            "its Gantt chart as SVG, hours, visits) with embedded, subset Polish fonts: ~1.4 s of pure "
            "layout on one core. Users do not wait for it on a page: it is a Celery job with visible "
            "progress, and the stored file is reused until the JST's data changes."
        ),
        "co_zrobic": (
            "A lighter template (fewer pages, raster-free charts already; fewer font faces) or rendering "
            "each JST's summary ahead of time when its data changes, so a download is a file read."
        ),
    },
    "csv_czas": {
        "dlaczego": "The slowest national CSV is over 10 s.",
        "co_zrobic": "Read its rows as plain values with one-off lookups, as the sheet-answers and HDR exports do.",
    },
    "csv_pamiec": {
        "dlaczego": (
            "An export keeps the edition's shared lookups in memory (versions in force, monitoring states, "
            "members' names), which grow with the edition while the rows themselves stream in chunks."
        ),
        "co_zrobic": "Fetch the lookups per chunk of rows instead of once per export.",
    },
    "obciazenie": {
        "dlaczego": (
            "The mix is CPU-bound on two cores shared by gunicorn (5 workers), PostgreSQL and the load "
            "generator: 40 % team pages (~50–150 ms of server time each), 30 % the 72-question sheet "
            "page (~115 ms: every question rendered with its form widgets, answer, history and comments), "
            "20 % autosaves (~25 ms), 10 % the dashboard (~400 ms). The weighted cost is ~110 ms of CPU "
            "per request, so two cores top out near 18 requests/s; the run measured ~16 with 0 errors. "
            "200 requests/s needs ~10 ms per request on average."
        ),
        "co_zrobic": (
            "Cache what does not change per request: the rendered sheet form per template version "
            "(answers filled in by the page's script), the dashboard per edition until a milestone "
            "changes, the team pages' fragments per participation version; then ~10–20 ms per page is "
            "within reach. Without that, about 12× the cores (and the load generator on another machine)."
        ),
    },
}
