"""Load test of check-ins: 20 employees checking in at once over JSON-RPC.

    .venv/bin/python benchmarks/load_checkin.py -c .odoo.conf \\
        --template <db with the addons installed> [--seconds 60] [--keep]

Copies the template database to a new one, builds in it a cascade of about
10,000 objectives (a company objective decomposed to 48 departments, to 16
employees each (20 in the first), each employee objective split over 12
months), gives 20 employees of the first department a login, and starts
Odoo on it (``--workers=2`` on a free loopback port). Then 20 clients, one
per employee, each in its own thread, check in on their own January leaf
over ``/jsonrpc`` for the given time: the leaves share their department and
company ancestors, whose progress every check-in recomputes.

Printed: check-ins per second, p50/p95 latency, refused calls, and the
serialization conflicts Odoo retried (counted from its log). Afterwards,
with the server stopped: every accepted check-in is in the database exactly
once, every leaf's actual is its last check-in, and every stored progress
equals a recomputation from scratch. The copy is dropped unless ``--keep``.
Not part of the test suite.
"""

import argparse
import http.cookiejar
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = 48
EMPLOYEES = 16
CLIENTS = 20
PASSWORD = "load-checkin"
# The running year: a check-in waits for its period to start.
YEAR = date.today().year
LOAD_DB = "perf_load_checkin"
# A bound on each client's loop, whatever the time allowed.
MAX_CALLS = 100_000
WARM_UP_CALLS = 4
CHECKIN_MIN_QUERIES = 20


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_command(name, *args, conf):
    env_args = [f"--host={conf['db_host']}", f"--port={conf['db_port']}"]
    return subprocess.run(
        [name, *env_args, f"--username={conf['db_user']}", *args],
        check=True,
        capture_output=True,
        text=True,
    )


def read_conf(path):
    conf = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line:
            key, value = (part.strip() for part in line.split("=", 1))
            conf[key] = value
    return conf


def build(db):
    """The cascade and 20 logins, committed; return [(login, leaf id)]."""
    from odoo import SUPERUSER_ID, Command, api
    from odoo.modules.registry import Registry

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env["res.company"].create({"name": "Check-in load company"})
        env.user.company_ids = [Command.link(company.id)]
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        departments = env["hr.department"].create(
            [
                {"name": f"Load dept {i:02d}", "company_id": company.id}
                for i in range(DEPARTMENTS)
            ]
        )
        users = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Load employee {i:02d}",
                        "login": f"load_checkin_{i:02d}",
                        "password": PASSWORD,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(env.ref("base.group_user").ids)],
                    }
                    for i in range(CLIENTS)
                ]
            )
        )
        values = []
        for index, department in enumerate(departments):
            count = CLIENTS if index == 0 else EMPLOYEES
            for i in range(count):
                user = users[i] if index == 0 else env["res.users"]
                values.append(
                    {
                        "name": f"Load {department.name} {i:02d}",
                        "company_id": company.id,
                        "department_id": department.id,
                        "user_id": user.id,
                    }
                )
        env["hr.employee"].create(values)
        cycle = env["perf.cycle"].create(
            {
                "name": f"FY {YEAR} load",
                "company_id": company.id,
                "date_start": date(YEAR, 1, 1),
                "date_end": date(YEAR, 12, 31),
            }
        )
        root = env["perf.objective"].create(
            {
                "name": "Grow revenue (load)",
                "company_id": company.id,
                "level": "company",
                "period_id": cycle.year_period_id.id,
                "indicator_ids": [
                    Command.create({"name": "Revenue", "target_value": 12_000_000})
                ],
            }
        )
        space = env["perf.decomposition.space"]
        space._decompose_objectives(root, "department")
        space._decompose_objectives(root.child_ids, "employee")
        env["perf.decomposition.time"]._split_objectives(
            root.child_ids.child_ids, "month"
        )
        env.flush_all()
        count = env["perf.objective"].search_count([("id", "child_of", root.id)])
        leaves = []
        for user in users:
            leaf = env["perf.indicator"].search(
                [
                    ("objective_id.employee_id.user_id", "=", user.id),
                    ("objective_id.period_id.period_type", "=", "month"),
                    ("objective_id.period_id.date_start", "=", date(YEAR, 1, 1)),
                ],
                limit=1,
            )
            leaves.append((user.login, leaf.id))
        cr.commit()
        return root.id, count, leaves


class Client(threading.Thread):
    """One employee checking in on their leaf until the deadline.

    ``transport`` "jsonrpc" calls ``/jsonrpc`` (the external API: the
    password is verified on every call); "session" logs in once and calls
    ``/web/dataset/call_kw`` with the session cookie, as the web client does.
    """

    def __init__(self, base_url, db, login, leaf_id, clock, transport):
        super().__init__(daemon=True)
        self.base_url, self.db, self.login, self.leaf_id = base_url, db, login, leaf_id
        self.clock, self.transport = clock, transport
        self.latencies, self.accepted, self.refused = [], [], []
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        request = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=300) as response:
            return json.loads(response.read())

    def create(self, uid, values):
        if self.transport == "session":
            return self.post(
                "/web/dataset/call_kw/perf.checkin/create",
                {
                    "model": "perf.checkin",
                    "method": "create",
                    "args": [values],
                    "kwargs": {},
                },
            )
        return self.post(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [self.db, uid, PASSWORD, "perf.checkin", "create", [values]],
            },
        )

    def run(self):
        if self.transport == "session":
            answer = self.post(
                "/web/session/authenticate",
                {"db": self.db, "login": self.login, "password": PASSWORD},
            )
            uid = answer["result"]["uid"]
        else:
            answer = self.post(
                "/jsonrpc",
                {
                    "service": "common",
                    "method": "login",
                    "args": [self.db, self.login, PASSWORD],
                },
            )
            uid = answer["result"]
            # Each worker verifies a password once (PBKDF2, about a second)
            # and then caches it: a few calls warm both workers up.
            for _warm_up in range(WARM_UP_CALLS):
                self.post(
                    "/jsonrpc",
                    {
                        "service": "object",
                        "method": "execute_kw",
                        "args": [
                            self.db,
                            uid,
                            PASSWORD,
                            "perf.indicator",
                            "search_count",
                            [[["id", "=", self.leaf_id]]],
                        ],
                    },
                )
        # Everybody logged in: the measured time starts together.
        self.clock["barrier"].wait()
        for number in range(MAX_CALLS):
            if time.monotonic() >= self.clock["deadline"]:
                break
            comment = f"{self.login} #{number}"
            values = {
                "indicator_id": self.leaf_id,
                "value": float(number + 1),
                "confidence": ("on_track", "at_risk", "off_track")[number % 3],
                "comment": comment,
            }
            start = time.monotonic()
            answer = self.create(uid, values)
            self.latencies.append(time.monotonic() - start)
            if "error" in answer:
                self.refused.append(answer["error"]["data"].get("message"))
            else:
                self.accepted.append((answer["result"], comment, values["value"]))


def start_server(conf_path, db, port, logfile):
    command = [
        str(ROOT / ".venv/bin/odoo"),
        "-c",
        conf_path,
        "--workers=2",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        "-d",
        db,
        f"--db-filter=^{db}$",
        f"--logfile={logfile}",
        "--log-level=info",
    ]
    server = subprocess.Popen(command, cwd=ROOT)
    health = f"http://127.0.0.1:{port}/web/health"
    for _attempt in range(120):
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise RuntimeError("The Odoo server did not start; see " + str(logfile))


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def count_retries(logfile):
    text = Path(logfile).read_text(errors="replace")
    retries = re.findall(r"(\w+), \d+ tries left, try again", text)
    given_up = len(re.findall(r"maximum number of tries reached", text))
    kinds = {kind: retries.count(kind) for kind in sorted(set(retries))}
    return len(retries), kinds, given_up


def server_times(logfile, db):
    """(queries, SQL seconds, other seconds) of the check-in requests, from
    the request lines of the log (logins and others are left out)."""
    pattern = re.compile(
        rf"INFO {db} werkzeug: .*\"POST /(?:jsonrpc|web/dataset/call_kw/perf.checkin"
        r"/create) HTTP/1.1\" 200 - (\d+) ([\d.]+) ([\d.]+)"
    )
    rows = []
    for line in Path(logfile).read_text(errors="replace").splitlines():
        match = pattern.search(line)
        # The warm-up reads run about ten queries, a check-in about forty.
        if match and int(match[1]) >= CHECKIN_MIN_QUERIES:
            rows.append((int(match[1]), float(match[2]), float(match[3])))
    return rows


def verify(db, root_id, clients):
    """Accepted check-ins stored once each, actuals and progress consistent."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    registry = Registry(db)
    problems = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        accepted = [item for client in clients for item in client.accepted]
        ids = [checkin_id for checkin_id, _c, _v in accepted]
        cr.execute(
            "SELECT comment, count(*) FROM perf_checkin WHERE comment LIKE "
            "'load_checkin_%%' GROUP BY comment"
        )
        stored = dict(cr.fetchall())
        missing = [c for _i, c, _v in accepted if c not in stored]
        duplicated = [c for c, n in stored.items() if n > 1]
        extra = set(stored) - {c for _i, c, _v in accepted}
        if len(set(ids)) != len(ids) or missing or duplicated:
            problems.append(
                f"{len(missing)} accepted check-ins missing, "
                f"{len(duplicated)} duplicated"
            )
        for client in clients:
            if client.accepted:
                indicator = env["perf.indicator"].browse(client.leaf_id)
                last_value = client.accepted[-1][2]
                if indicator.actual_value != last_value:
                    problems.append(
                        f"{client.login}: actual {indicator.actual_value} != last "
                        f"check-in {last_value}"
                    )
        objectives = env["perf.objective"].search([("id", "child_of", root_id)])
        indicators = objectives.indicator_ids
        names = ("indicator_progress", "task_progress", "progress")
        before = {o.id: tuple(o[name] for name in names) for o in objectives}
        scores = {i.id: i.score for i in indicators}
        # Recompute everything from scratch, leaves first, then compare.
        env.invalidate_all()
        env.add_to_compute(indicators._fields["score"], indicators)
        for name in names:
            env.add_to_compute(objectives._fields[name], objectives)
        env.flush_all()
        env.invalidate_all()
        changed = [
            o.id for o in objectives if tuple(o[name] for name in names) != before[o.id]
        ]
        changed_scores = [i.id for i in indicators if i.score != scores[i.id]]
        if changed or changed_scores:
            problems.append(
                f"{len(changed)} objectives and {len(changed_scores)} indicators "
                "differ from a recomputation"
            )
        cr.rollback()
        return problems, len(stored), len(extra), len(objectives)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--transport",
        choices=("jsonrpc", "session"),
        default="jsonrpc",
        help="jsonrpc: the external API, password checked on each call; "
        "session: logged in once, as the web client",
    )
    args = parser.parse_args()
    conf_path = str(Path(args.config).resolve())
    conf = read_conf(conf_path)
    from odoo.tools import config

    pg_command("dropdb", "--if-exists", LOAD_DB, conf=conf)
    pg_command("createdb", "-T", args.template, LOAD_DB, conf=conf)
    config.parse_config(["-c", conf_path, "-d", LOAD_DB])
    started = time.monotonic()
    root_id, count, leaves = build(LOAD_DB)
    print(f"Built {count} objectives in {time.monotonic() - started:.0f} s")

    port = free_port()
    logfile = Path(f"/tmp/{LOAD_DB}-{port}.log")
    server = start_server(conf_path, LOAD_DB, port, logfile)
    try:
        clock = {}

        def start_clock():
            clock["begin"] = time.monotonic()
            clock["deadline"] = clock["begin"] + args.seconds

        clock["barrier"] = threading.Barrier(len(leaves), action=start_clock)
        base_url = f"http://127.0.0.1:{port}"
        clients = [
            Client(base_url, LOAD_DB, login, leaf, clock, args.transport)
            for login, leaf in leaves
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join(args.seconds + 900)
        elapsed = time.monotonic() - clock["begin"]
    finally:
        stop_server(server)

    latencies = sorted(lat for client in clients for lat in client.latencies)
    accepted = sum(len(client.accepted) for client in clients)
    refused = [msg for client in clients for msg in client.refused]
    retries, kinds, given_up = count_retries(logfile)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(
        f"{CLIENTS} clients over {args.transport}, {elapsed:.0f} s: "
        f"{accepted} check-ins accepted "
        f"({accepted / elapsed:.1f}/s), {len(refused)} refused"
    )
    if latencies:
        print(
            f"Latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms"
        )
    print(
        f"Serialization conflicts retried by Odoo: {retries} {kinds}; "
        f"given up after the last try: {given_up}"
    )
    rows = server_times(logfile, LOAD_DB)
    if rows:
        print(
            f"Server side, per check-in request (median of {len(rows)}): "
            f"{statistics.median(r[0] for r in rows):.0f} queries, "
            f"SQL {statistics.median(r[1] for r in rows) * 1000:.0f} ms, "
            f"total {statistics.median(r[1] + r[2] for r in rows) * 1000:.0f} ms"
        )
    for message in sorted(set(refused))[:5]:
        print(f"  refused: {message}")
    problems, stored, extra, objectives = verify(LOAD_DB, root_id, clients)
    print(
        f"Verified: {stored} check-ins stored ({extra} not acknowledged to a "
        f"client), {objectives} objectives recomputed from scratch"
    )
    for problem in problems:
        print(f"  PROBLEM: {problem}")
    if not args.keep:
        from odoo.sql_db import close_db

        close_db(LOAD_DB)
        pg_command("dropdb", "--if-exists", LOAD_DB, conf=conf)
    print("OK" if not problems else "FAILED")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
