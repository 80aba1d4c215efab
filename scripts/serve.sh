#!/usr/bin/env bash
# Serve the demo database (perf_demo, or PERF_DEMO_DB) as a company serves
# Odoo in production: HTTP workers sized from the cores and the memory, one
# cron worker, the websocket (live bus) process on its own port, proxy mode,
# memory and time limits, listening on 127.0.0.1 behind a proxy.
#
#   scripts/serve.sh [more Odoo options]        # what `make serve` runs
#
# Like `make demo`, it first prepares the environment and creates or updates
# the database. Settings, all optional:
#   PERF_DEMO_DB             database to serve (default perf_demo)
#   ODOO_HTTP_PORT           HTTP port (default 8069)
#   ODOO_GEVENT_PORT         websocket port (default 8072)
#   ODOO_HTTP_INTERFACE      address to listen on (default 127.0.0.1)
#   PERF_SERVE_WORKERS       HTTP workers (default: 2 x cores + 1, at most
#                            what half of the memory holds, at least 2)
#   PERF_SERVE_CRON_WORKERS  cron workers (default 1; 0 on the other servers
#                            of a cluster)
#   PERF_SERVE_UPDATE=0      serve the database as it is: no setup, no update
#   PERF_SERVE_DRY_RUN=1     print the Odoo command and stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${PERF_DEMO_DB:-perf_demo}"
HTTP_PORT="${ODOO_HTTP_PORT:-8069}"
GEVENT_PORT="${ODOO_GEVENT_PORT:-8072}"
INTERFACE="${ODOO_HTTP_INTERFACE:-127.0.0.1}"
MIB=$((1024 * 1024))

# Odoo's sizing rule: 2 workers per core plus one. Its memory estimate is
# 150 MB for a light request and 1 GB for a heavy one, one in five being
# heavy: about 325 MB per worker on average. Half of the memory is left to
# PostgreSQL and the system, which often run on the same machine.
cores="$(nproc)"
memory_mib=$(($(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))
if [ -r /sys/fs/cgroup/memory.max ] && grep -qx '[0-9]*' /sys/fs/cgroup/memory.max; then
    cgroup_mib=$(($(cat /sys/fs/cgroup/memory.max) / MIB))
    if [ "$cgroup_mib" -lt "$memory_mib" ]; then memory_mib="$cgroup_mib"; fi
fi
workers=$((2 * cores + 1))
by_memory=$((memory_mib / 2 / 325))
if [ "$by_memory" -lt "$workers" ]; then workers="$by_memory"; fi
if [ "$workers" -lt 2 ]; then workers=2; fi
WORKERS="${PERF_SERVE_WORKERS:-$workers}"
CRON_WORKERS="${PERF_SERVE_CRON_WORKERS:-1}"

# Limits: the values of Odoo's production sample. Memory is virtual memory
# (an idle worker uses about 250 MB here): a worker over the soft limit is
# recycled after its request, a request over the hard one is stopped. The
# websocket process holds every open websocket and restarting it drops them
# all, so it keeps Odoo's default limits. Time: the longest request measured
# here (the payroll export of 10,000 appraisals) takes about 10 s, but Odoo
# applies the CPU limit to the cron worker too, to all the jobs due at once.
# A worker is renewed after 8,192 requests.
command=(
    odoo -c .odoo.conf
    --database="$DB" --db-filter="^$DB\$" --no-database-list
    --http-interface="$INTERFACE" --http-port="$HTTP_PORT" --gevent-port="$GEVENT_PORT"
    --proxy-mode
    --workers="$WORKERS" --max-cron-threads="$CRON_WORKERS"
    --limit-memory-soft=$((600 * MIB)) --limit-memory-hard=$((1600 * MIB))
    --limit-memory-soft-gevent=$((2048 * MIB)) --limit-memory-hard-gevent=$((2560 * MIB))
    --limit-time-cpu=600 --limit-time-real=1200
    --limit-request=8192
    "$@"
)
if [ "${PERF_SERVE_DRY_RUN:-0}" = "1" ]; then
    echo "${command[*]}"
    exit 0
fi
if [ "${PERF_SERVE_UPDATE:-1}" != "0" ]; then
    bash scripts/setup.sh
    bash scripts/demo_db.sh
fi
export PATH="$ROOT/.venv/bin:$PATH"
cat <<MSG

  Performance management is starting on http://$INTERFACE:$HTTP_PORT (database $DB)
  $WORKERS HTTP workers ($cores cores, $memory_mib MiB), $CRON_WORKERS cron worker(s),
  websocket on port $GEVENT_PORT. Proxy mode is on: put a proxy in front
  (README.rst, "Serving a company") that sends /websocket to port
  $GEVENT_PORT and everything else to port $HTTP_PORT.
  Stop it with Ctrl+C.

MSG
exec "${command[@]}"
