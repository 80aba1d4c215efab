#!/usr/bin/env bash
# Create or update the demo database (perf_demo) with the three addons and
# their demo data, then serve Odoo on http://localhost:8069.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/.venv/bin:$PATH"
DB="${PERF_DEMO_DB:-perf_demo}"
PORT="${ODOO_HTTP_PORT:-8069}"
bash scripts/demo_db.sh
cat <<MSG

  Performance management demo is starting on http://localhost:$PORT
  Log in as admin / admin, or as sophie / sophie (a department manager)
  or lucas / lucas (an account executive).
  Stop it with Ctrl+C.

MSG
exec odoo -c .odoo.conf -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --http-interface="${ODOO_HTTP_INTERFACE:-0.0.0.0}"
