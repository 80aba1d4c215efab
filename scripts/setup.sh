#!/usr/bin/env bash
# Prepare everything the demo and the tests need: a virtual environment with
# Odoo 18.0 and its dependencies, a PostgreSQL role, and an Odoo configuration
# file (.odoo.conf).  Safe to re-run; fast when nothing changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/perf_management"
CACHED_SRC="$CACHE_DIR/odoo-18.0"
NIGHTLY_URL="${ODOO_NIGHTLY_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

is_odoo_tree() { [ -f "$1/odoo/release.py" ] && [ -d "$1/odoo/addons/base" ] && [ -f "$1/requirements.txt" ]; }

# --- 1. Odoo 18.0 source tree -------------------------------------------------
find_odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo_tree "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py or odoo/addons/base). Point ODOO_SRC at the root of an Odoo 18.0 checkout."
        ODOO_TREE="$(cd "$ODOO_SRC" && pwd)"
        return
    fi
    if is_odoo_tree "$CACHED_SRC"; then
        ODOO_TREE="$CACHED_SRC"
        return
    fi
    say "No Odoo source found; downloading the 18.0 nightly source archive into $CACHE_DIR"
    mkdir -p "$CACHE_DIR"
    local tmp="$CACHE_DIR/download.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    if curl -fsSL --connect-timeout 20 "$NIGHTLY_URL" -o "$tmp/odoo.tar.gz" \
        && tar -xzf "$tmp/odoo.tar.gz" -C "$tmp"; then
        local top
        top="$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
        if [ -n "$top" ] && is_odoo_tree "$top"; then
            rm -rf "$CACHED_SRC" && mv "$top" "$CACHED_SRC"
        fi
    fi
    rm -rf "$tmp"
    is_odoo_tree "$CACHED_SRC" || die "No Odoo 18.0 source tree could be found or downloaded. Set ODOO_SRC to an Odoo 18.0 source tree, or unpack one into $CACHED_SRC, then re-run."
    ODOO_TREE="$CACHED_SRC"
}
find_odoo_src
grep -q "version_info = (18, 0" "$ODOO_TREE/odoo/release.py" \
    || die "The Odoo tree at $ODOO_TREE is not version 18.0; provide an Odoo 18.0 source tree."
say "Odoo source: $ODOO_TREE"

# --- 2. Python virtual environment -------------------------------------------
pick_python() {
    if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
    local candidate
    for candidate in python3.11 python3.12 python3.10 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            echo "$candidate"; return
        fi
    done
}
if [ ! -x "$VENV/bin/python" ]; then
    PY="$(pick_python)"
    [ -n "$PY" ] || die "Python 3.10, 3.11 or 3.12 is required; none was found on PATH (or set PYTHON=/path/to/python3.11)."
    say "Creating $VENV with $PY"
    "$PY" -m venv "$VENV"
fi
VPY="$VENV/bin/python"

# Everything pip installs depends on these inputs: skip pip when none changed.
STAMP="$VENV/.perf_setup_stamp"
stamp_value="$( { echo "$ODOO_TREE"; cat "$ODOO_TREE/requirements.txt" "$ROOT/requirements.txt" "$ROOT/scripts/setup.sh" "$ROOT/setup.py"; } | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$stamp_value" ]; then
    say "Installing Python dependencies (first run or changed inputs)"
    "$VPY" -m pip install -q --upgrade 'pip<25' 'setuptools<70' wheel
    # Odoo's pins, with the fixes Python 3.11 needs: cbor2 5.4.2 does not build,
    # python-ldap needs system headers and is only used by auth_ldap.
    sed -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' -e '/^python-ldap/d' \
        "$ODOO_TREE/requirements.txt" > "$VENV/odoo-requirements.txt"
    "$VPY" -m pip install -q --no-build-isolation -r "$VENV/odoo-requirements.txt"
    # Compat mode: a plain .pth entry, so odoo.addons stays a namespace that
    # OCA addons installed from PyPI extend instead of shadow.
    "$VPY" -m pip install -q --no-deps --no-build-isolation -e "$ODOO_TREE" \
        --config-settings editable_mode=compat
    "$VPY" -m pip install -q -r "$ROOT/requirements.txt"
    "$VPY" -c 'import odoo.release, xlsxwriter, pytest_odoo, websocket; assert odoo.release.series == "18.0"' \
        || die "The virtual environment cannot import Odoo 18.0 and the test tools; remove .venv and re-run."
    # The websocket process of the multi-process server (make serve) loads
    # gevent's plugins through pkg_resources, which must resolve gevent's
    # requirements (pinned in requirements.txt).
    "$VPY" -W ignore -c 'import pkg_resources; pkg_resources.require("gevent")' \
        || die "pkg_resources cannot resolve gevent's requirements (zope.interface, zope.event, greenlet), so the websocket process of make serve would not start; check their pins in requirements.txt."
    echo "$stamp_value" > "$STAMP"
else
    say "Python dependencies up to date"
fi

# --- 3. PostgreSQL ---------------------------------------------------------------
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-$(id -un)}"
pg_ok() { psql -X -d postgres -U "$1" -Atqc 'select 1' >/dev/null 2>&1; }
if ! pg_ok "$PGUSER" && ! pg_ok postgres; then
    # A local Debian cluster that is down: start it.
    if command -v pg_lsclusters >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
        for version in $(ls /etc/postgresql); do
            say "Starting local PostgreSQL cluster $version/main"
            pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
        done
        for _ in 1 2 3 4 5 6 7 8 9 10; do pg_ok "$PGUSER" || pg_ok postgres && break; sleep 1; done
    fi
fi
if ! pg_ok "$PGUSER"; then
    if pg_ok postgres; then
        # Connect as the server's superuser only to create our own role.
        psql -X -d postgres -U postgres -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN CREATE ROLE \"$PGUSER\" LOGIN CREATEDB; END IF; END\$\$;" \
            || die "Could not create the PostgreSQL role $PGUSER on $PGHOST:$PGPORT; create it with CREATEDB yourself, or set PGUSER."
    else
        die "Cannot connect to PostgreSQL at $PGHOST:$PGPORT as $PGUSER. Start PostgreSQL or set PGHOST, PGPORT, PGUSER and PGPASSWORD."
    fi
fi
if [ "$PGUSER" = "postgres" ]; then
    # Odoo refuses to run as postgres: use a dedicated role with CREATEDB.
    PGUSER=perf_odoo
    psql -X -d postgres -U postgres -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'perf_odoo') THEN CREATE ROLE perf_odoo LOGIN CREATEDB; END IF; END\$\$;" \
        || die "Could not create the PostgreSQL role perf_odoo on $PGHOST:$PGPORT."
fi
can_create="$(psql -X -d postgres -U "$PGUSER" -Atqc 'select rolcreatedb or rolsuper from pg_roles where rolname = current_user')"
[ "$can_create" = "t" ] || die "The PostgreSQL role $PGUSER on $PGHOST:$PGPORT may not create databases; grant it CREATEDB (ALTER ROLE \"$PGUSER\" CREATEDB)."
say "PostgreSQL: $PGUSER@$PGHOST:$PGPORT"

# --- 4. Odoo configuration -------------------------------------------------------
mkdir -p "$ROOT/.odoo-data"
cat > "$ROOT/.odoo.conf" <<CONF
[options]
addons_path = $ROOT,$ODOO_TREE/odoo/addons
data_dir = $ROOT/.odoo-data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
admin_passwd = admin
http_interface = 127.0.0.1
http_port = ${ODOO_HTTP_PORT:-8069}
list_db = True
CONF

# --- 5. Chromium for the browser tests --------------------------------------------
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && ! command -v google-chrome >/dev/null 2>&1; then
    if [ "${PERF_INSTALL_CHROMIUM:-0}" = "1" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing Chromium for the browser tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        say "WARNING: Chromium is missing; browser tests will fail. Install it (apt-get install chromium)."
    fi
fi
say "Ready."
