"""Why a target of the performance issue is missed, and what it would take — written by people after
reading the numbers; `bench/raport.py` prints the entry of every target it computes as missed (a
test fails when a missed target has none). Keys are `Cel.klucz` of bench/raport.py."""

POWODY: dict[str, dict[str, str]] = {
    "zapytania": {
        "dlaczego": (
            "Every coordinator list and dashboard runs the same number of queries at 20 and 2,807 JSTs "
            "(paginated, whole-edition figures from SQL aggregates). The pages still over 15 are pages of "
            "one JST's work whose count depends on that JST's content, never on the number of JSTs: the "
            "deep diagnosis (findings with their values and files, target states, causes, gaps with "
            "their causes, goals — a query per table, plus the history and comments), the data task "
            "(areas, indicators, values, tables, files) and the HDR (versions, actions with their goals, "
            "monitoring, progress, gaps and goals again for the coverage check, history, comments). "
            "`raporty:raport` differs between the sizes because the first JST's report is a reflection "
            "study under review at 20 JSTs and an approved mini-reportage (interview, photos, "
            "publication) at 2,807 — another form of the same page, not growth; `jst:rejestr` runs one "
            "query more on a gunicorn worker's first request (its per-process list of voivodeships). 2 "
            "of every count are the session and the user."
        ),
        "co_zrobic": (
            "Read each of those pages in one prefetch tree (gaps with causes and goals, reused by the "
            "coverage check; areas with indicators and values) instead of a query per table — about "
            "3–5 queries fewer each — and keep the participation role in the session for the page."
        ),
    },
    "pulpit_p95": {
        "dlaczego": (
            "The dashboard went from 9.6 s to ~0.37 s (median; p95 ~0.5 s) at 2,807 JSTs: one SQL statement gives every "
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
            "The floor is two bare aggregates fetched without the ORM (~80 ms); the page adds its own "
            "statement's per-participation flags (the floor counts, the page needs each JST's flags to "
            "filter, sort and page), the 50 rows' details, the filter form with 1,404 advisers, the "
            "session and the template."
        ),
        "co_zrobic": "The same precomputed milestone rows as for the p95 target; then the page reads no more "
                     "than the floor does.",
    },
    "autozapis": {
        "dlaczego": (
            "An autosave is ~11 queries: the session and the user, the role (coordinators, team, "
            "assignments), the sheet row locked for the version check, the answer's upsert, its history "
            "row and the audit trail (the session row is now written at most once a minute). The median "
            "is ~23 ms; the two cores are shared by 5 gunicorn workers, PostgreSQL and the load generator "
            "itself (50 editors, ~42 saves/s), so the p95 just over 50 ms is queueing for a core, not a "
            "slow statement."
        ),
        "co_zrobic": (
            "Keep the participation role in the session for the page's lifetime (−3 queries), write the "
            "audit row in the same statement batch as the history row, and run the load generator on "
            "another machine; or a third core."
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
            "Rows stream in chunks, but two exports hold a lookup proportional to the edition, not to "
            "the rows: the HDR actions export keeps the versions in force with their JST and area, the "
            "monitoring states and the last progress dates (~46 MiB at 2,807 JSTs), and the hours export "
            "builds the whole adviser × JST × month grid because each pair's running balance needs its "
            "months in order (~66 MiB). Both are bounded by the edition's size (~3 MiB per 100 JSTs), "
            "far below a worker's memory."
        ),
        "co_zrobic": (
            "Fetch the lookups per chunk of actions (the chunk's versions and keys only), and compute the "
            "hours grid pair by pair in chunks of a few hundred assignments ordered as the export."
        ),
    },
    "obciazenie": {
        "dlaczego": (
            "The mix is CPU-bound on two cores shared by gunicorn (5 workers), PostgreSQL and the load "
            "generator (16 threads): 40 % team pages, 30 % the 72-question sheet page (every question "
            "rendered with its form widgets, answer, history and comments), 20 % autosaves, 10 % the "
            "dashboard. One at a time these cost ~30–120 ms, ~75 ms, ~25 ms and ~370 ms of server time — "
            "~70 ms per request on average — so two cores top out near 25–30 requests/s, and the run "
            "measured ~20 with 0 errors (server times under load are 2–3× the single-request ones: "
            "queueing for a core). 200 requests/s needs ~10 ms per request on average."
        ),
        "co_zrobic": (
            "Cache what does not change per request: the rendered sheet form per template version "
            "(answers filled in by the page's script), the dashboard per edition until a milestone "
            "changes, the team pages' fragments per participation version; then ~10–20 ms per page is "
            "within reach. Without that, about 8× the cores (and the load generator on another machine)."
        ),
    },
}
