#!/usr/bin/env bash
# Run every benchmark against a database that has the three addons installed
# (the test database by default). Each script prints its figures and exits
# non-zero when it misses its target; its data is rolled back.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
DB="${PERF_BENCH_DB:-${PERF_TEST_DB:-perf_test}}"
PGUSER_CONF="$(sed -n 's/^db_user = //p' .odoo.conf)"
if ! psql -X -h "${PGHOST:-127.0.0.1}" -U "$PGUSER_CONF" -d postgres -Atqc \
        "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    echo "[bench] Database $DB does not exist: run 'make test' first, or set PERF_BENCH_DB." >&2
    exit 1
fi
status=0
for script in benchmarks/bench_*.py; do
    echo "[bench] $script"
    .venv/bin/python "$script" -c .odoo.conf -d "$DB" || status=1
done
exit $status
