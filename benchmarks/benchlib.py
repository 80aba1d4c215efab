"""What the benchmark scripts share: a meter of time and queries, and the
command line that runs a benchmark in one transaction rolled back at the end.

Not a benchmark itself (``scripts/bench.sh`` runs ``bench_*.py`` only).
"""

import argparse
import sys
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

QUERY_KINDS = ("INSERT", "UPDATE", "SELECT")


class Meter:
    """Wall time and SQL queries of a block, flushed at both ends.

    Queries are also counted by kind (INSERT, UPDATE, SELECT, other) through
    a wrapper of the cursor's ``execute``.
    """

    def __init__(self, env):
        self.env = env
        self.kinds = dict.fromkeys((*QUERY_KINDS, "other"), 0)

    def __enter__(self):
        # Start from a cold cache, as a wizard run in its own request does.
        self.env.flush_all()
        self.env.invalidate_all()
        cr = self.env.cr
        self._execute = cr.execute
        self._patched = "execute" in vars(cr)

        def execute(query, params=None, log_exceptions=True):
            text = str(getattr(query, "code", query)).lstrip().upper()
            kind = next((k for k in QUERY_KINDS if text.startswith(k)), "other")
            self.kinds[kind] += 1
            return self._execute(query, params, log_exceptions)

        cr.execute = execute
        self.queries = cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self.start
        self.queries = self.env.cr.sql_log_count - self.queries
        if self._patched:
            self.env.cr.execute = self._execute
        else:
            del self.env.cr.execute


def main_rolled_back(doc, run):
    """Parse ``-c``/``-d``, call ``run(env)`` as superuser in a transaction
    that is rolled back, and exit 0 when it returns true (its target met)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        try:
            ok = run(api.Environment(cr, SUPERUSER_ID, {}))
        finally:
            cr.rollback()
    sys.exit(0 if ok else 1)
