#!/usr/bin/env bash
# Run every benchmark script. They need a database with the three addons and,
# as the baseline of the KPI benchmark, Odoo's gamification module: the
# database perf_bench (PERF_BENCH_DB) is created or updated for that, without
# demo data. Each script builds its own data, rolls it back, prints its figures
# and exits non-zero when it misses its target.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
export PATH="$ROOT/.venv/bin:$PATH"
DB="${PERF_BENCH_DB:-perf_bench}"
MODULES="perf_management,perf_management_kpi,perf_management_okr,gamification"
PGUSER_CONF="$(sed -n 's/^db_user = //p' .odoo.conf)"
if psql -X -h "${PGHOST:-127.0.0.1}" -U "$PGUSER_CONF" -d postgres -Atqc \
        "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    odoo -c .odoo.conf -d "$DB" -u "$MODULES" --stop-after-init --log-level=warn --no-http
else
    echo "[bench] Creating $DB (no demo data)"
    odoo -c .odoo.conf -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn --no-http
fi
status=0
for script in benchmarks/bench_*.py; do
    echo "[bench] $script"
    python "$script" -c .odoo.conf -d "$DB" || status=1
done
exit $status
