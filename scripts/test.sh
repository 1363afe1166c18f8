#!/usr/bin/env bash
# Runs the whole suite. Starts a throwaway PostgreSQL (as the `postgres` user: it refuses root) and
# Redis on free loopback ports when they are installed; otherwise falls back to SQLite + eager Celery
# with a one-line notice. Under CI=true PostgreSQL, Redis, Chromium and Java are required.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
CI=${CI:-false}
missing=()

find_pg() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true; }
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/doradztwo-test.XXXXXX)
PG_CTL=$(find_pg pg_ctl); INITDB=$(find_pg initdb)
PGDATA=""; REDIS_PID=""
cleanup() {
  if [ -n "$PGDATA" ]; then $AS_PG "$PG_CTL" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
  rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

if [ "$(id -u)" = 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG=""; fi

unset DATABASE_URL REDIS_URL
if [ -n "$PG_CTL" ] && [ -n "$INITDB" ] && { [ -z "$AS_PG" ] || id postgres >/dev/null 2>&1; }; then
  PGPORT=$(free_port)
  PGDATA="$WORK/pgdata"
  [ -n "$AS_PG" ] && chown postgres: "$WORK"
  $AS_PG "$INITDB" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1
  $AS_PG "$PG_CTL" -D "$PGDATA" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
else
  missing+=(PostgreSQL)
fi

if command -v redis-server >/dev/null 2>&1; then
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --logfile "$WORK/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 50); do
    "$PY" -c "import redis,sys; redis.Redis(port=$REDIS_PORT).ping()" 2>/dev/null && break
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
else
  missing+=(Redis)
fi

[ -x /usr/bin/chromium ] || missing+=(Chromium)
command -v java >/dev/null 2>&1 || missing+=(Java)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$CI" = true ]; then
    echo "CI=true but missing: ${missing[*]} — .ci/run installs them; refusing to fall back." >&2
    exit 1
  fi
  echo "Notice: ${missing[*]} not available — running on the fallback (SQLite + eager Celery; browser gate skipped where Chromium is missing)."
fi
[ "$CI" = true ] && export BROWSER_GATE_REQUIRED=1

echo "Database: ${DATABASE_URL:-SQLite (default)}; Redis: ${REDIS_URL:-none (eager Celery)}"
"$PY" manage.py vendor_check
.venv/bin/ruff check --select F,E9,I --quiet . || { echo "ruff: fix the errors above (undefined names, unused imports, import order)." >&2; exit 1; }
"$PY" manage.py makemigrations --check --dry-run >/dev/null || { echo "Model changes without migrations: run makemigrations." >&2; exit 1; }

set +e
# Two workers (pytest-xdist) on machines with two or more cores: the accessibility gate is one long
# test, the rest spreads over the other worker. PYTEST_WORKERS=0 runs everything in one process.
workers="${PYTEST_WORKERS:-$([ "$(nproc)" -ge 2 ] && echo 2 || echo 0)}"
"$PY" -m pytest --durations=25 -n "$workers" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
