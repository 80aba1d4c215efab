#!/usr/bin/env bash
# Run the whole test suite: a fresh database with the three addons (and their
# demo data) installed once, then pytest-odoo over every addon's tests/ and the
# top-level tests/, HTTP server and browser tests included.
#
#   scripts/test.sh                      # everything (what CI runs)
#   scripts/test.sh perf_management/tests/test_objective.py -k rollup
#
# PERF_TEST_DB names the database (default perf_test); PERF_TEST_KEEP_DB=1
# reuses it, updating the addons instead of reinstalling them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/.venv/bin:$PATH"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
DB="${PERF_TEST_DB:-perf_test}"
ADDONS="perf_management,perf_management_kpi,perf_management_okr"
PGUSER_CONF="$(sed -n 's/^db_user = //p' .odoo.conf)"

db_exists() { psql -X -U "$PGUSER_CONF" -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; }

if [ "${PERF_TEST_KEEP_DB:-0}" = "1" ] && db_exists; then
    echo "[test] Updating the addons in $DB"
    odoo -c .odoo.conf -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn --no-http
else
    echo "[test] Creating $DB with $ADDONS and their demo data"
    dropdb -U "$PGUSER_CONF" --if-exists "$DB"
    # Odoo's own at_install tests are not ours to run: install without them.
    odoo -c .odoo.conf -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn --no-http
fi

if [ "$#" -eq 0 ]; then
    set -- perf_management/tests perf_management_kpi/tests perf_management_okr/tests tests
fi
echo "[test] Running pytest on $DB"
exec python -m pytest -p no:cacheprovider --odoo-config=.odoo.conf --odoo-database="$DB" \
    --odoo-http --odoo-log-level=warn "$@"
