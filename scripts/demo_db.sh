#!/usr/bin/env bash
# Create the demo database (perf_demo, or PERF_DEMO_DB) with the three addons
# and their demo data, or, when it exists, update the addons in it (the data
# is kept). Both `make demo` and `make serve` serve this database.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"
DB="${PERF_DEMO_DB:-perf_demo}"
ADDONS="perf_management,perf_management_kpi,perf_management_okr"
PGUSER_CONF="$(sed -n 's/^db_user = //p' .odoo.conf)"
if psql -X -U "$PGUSER_CONF" -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    echo "[demo] Updating $DB (your data is kept)"
    odoo -c .odoo.conf -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn --no-http
else
    echo "[demo] Creating $DB with demo data (a few minutes the first time)"
    odoo -c .odoo.conf -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn --no-http
fi
