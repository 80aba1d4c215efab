"""``make serve`` serves the database as a company does in production: HTTP
workers sized from the cores and the memory, a cron worker and the websocket
process of the live bus, behind a proxy. Every process starts and stays up,
the login page and the websocket answer, and stopping it leaves nothing
behind."""

import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import websocket

import odoo
from odoo.tests.common import get_db_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVE = os.path.join(ROOT, "scripts", "serve.sh")
MIB = 1024 * 1024
# Bounds for a loaded machine: it starts in about 5 s and stops in 1 to 4 s.
START_TIMEOUT = 40
STOP_TIMEOUT = 20
HTTP_WORKERS = 2
# What a worker that dies, a process that cannot start or a limit that cuts
# a request in the middle writes in the log.
FAILURES = re.compile(
    r"Traceback|DistributionNotFound|CRITICAL|ERROR|Exception occurred|"
    r"limit \(.*\) reached|memory limit reached|timeout after"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_env(**values):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PERF_SERVE_", "ODOO_HTTP_", "ODOO_GEVENT_"))
    }
    env.update(values)
    return env


def group_members(pgid):
    """Pids of the live processes of the process group ``pgid``."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # after "pid (comm) ", the fields are state, ppid, pgrp
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


class TestServeCommand(unittest.TestCase):
    def test_workers_follow_the_cores_and_the_memory(self):
        out = subprocess.run(
            ["bash", SERVE],
            env=serve_env(PERF_SERVE_DRY_RUN="1", PERF_DEMO_DB="perf_demo"),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        # 2 per core plus one, at most 325 MB each in half of the memory
        cores = len(os.sched_getaffinity(0))
        with open("/proc/meminfo") as meminfo:
            memory = int(re.search(r"MemTotal:\s+(\d+) kB", meminfo.read())[1]) // 1024
        if os.path.exists("/sys/fs/cgroup/memory.max"):
            with open("/sys/fs/cgroup/memory.max") as limit:
                value = limit.read().strip()
            if value.isdigit():
                memory = min(memory, int(value) // MIB)
        workers = max(2, min(2 * cores + 1, memory // 2 // 325))
        options = out.split()
        for option in (
            f"--workers={workers}",
            "--max-cron-threads=1",
            "--proxy-mode",
            "--gevent-port=8072",
            "--http-port=8069",
            "--http-interface=127.0.0.1",
            "--database=perf_demo",
            "--db-filter=^perf_demo$",
            "--no-database-list",
            f"--limit-memory-soft={600 * MIB}",
            f"--limit-memory-hard={1600 * MIB}",
            "--limit-time-cpu=600",
            "--limit-time-real=1200",
        ):
            self.assertIn(option, options)

    def test_other_servers_of_a_cluster_run_no_cron(self):
        out = subprocess.run(
            ["bash", SERVE],
            env=serve_env(
                PERF_SERVE_DRY_RUN="1",
                PERF_SERVE_CRON_WORKERS="0",
                PERF_SERVE_WORKERS="9",
            ),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self.assertIn("--max-cron-threads=0", out.split())
        self.assertIn("--workers=9", out.split())


class TestServeMode(unittest.TestCase):
    """Starts the multi-process server on free ports against the test
    database for a few seconds."""

    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        # The cron worker must not run the database's jobs on the shared test
        # database: holding their rows makes it skip them (it takes each job
        # with FOR NO KEY UPDATE SKIP LOCKED).
        self.cron_cr = odoo.sql_db.db_connect(self.db).cursor()
        self.addCleanup(self.cron_cr.close)
        self.addCleanup(self.cron_cr.rollback)
        self.cron_cr.execute("SELECT id FROM ir_cron FOR NO KEY UPDATE")
        log = tempfile.NamedTemporaryFile(
            mode="w+", prefix="perf_serve_", suffix=".log", delete=False
        )
        self.addCleanup(os.unlink, log.name)
        self.addCleanup(log.close)
        self.log = log
        self.http_port = free_port()
        self.gevent_port = free_port()
        while self.gevent_port == self.http_port:
            self.gevent_port = free_port()

    def start(self):
        self.started = time.monotonic()
        server = subprocess.Popen(
            ["bash", SERVE, "--log-level=info"],
            cwd=ROOT,
            env=serve_env(
                PERF_DEMO_DB=self.db,
                ODOO_HTTP_PORT=str(self.http_port),
                ODOO_GEVENT_PORT=str(self.gevent_port),
                PERF_SERVE_WORKERS=str(HTTP_WORKERS),
                PERF_SERVE_UPDATE="0",
            ),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # Whatever happens, no process of this server outlives the test.
        self.addCleanup(self.kill_group, server.pid)
        return server

    def kill_group(self, pgid):
        if group_members(pgid):
            os.killpg(pgid, signal.SIGKILL)

    def read_log(self):
        with open(self.log.name) as log:
            return log.read()

    def wait_for(self, server, what, check):
        while time.monotonic() - self.started < START_TIMEOUT:
            self.assertIsNone(
                server.poll(), f"the server stopped:\n{self.read_log()[-3000:]}"
            )
            self.assertIsNone(FAILURES.search(self.read_log()), self.read_log())
            try:
                result = check()
            except OSError:
                result = None
            if result:
                return result
            time.sleep(0.25)
        self.fail(f"{what} within {START_TIMEOUT} s:\n{self.read_log()[-3000:]}")

    def get(self, port, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode()

    def test_every_process_starts_answers_and_stops(self):
        server = self.start()
        status, page = self.wait_for(
            server,
            "the login page answers",
            lambda: self.get(self.http_port, "/web/login"),
        )
        self.assertEqual(status, 200)
        self.assertIn('name="login"', page)

        # The websocket process answers on its own port, and upgrades.
        status, health = self.wait_for(
            server,
            "the websocket process answers",
            lambda: self.get(self.gevent_port, "/websocket/health"),
        )
        self.assertEqual((status, json.loads(health)), (200, {"status": "pass"}))
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{self.gevent_port}/websocket",
            timeout=10,
            origin=f"http://127.0.0.1:{self.http_port}",
        )
        try:
            self.assertEqual(ws.getstatus(), 101)
            ws.send(
                json.dumps(
                    {"event_name": "subscribe", "data": {"channels": [], "last": 0}}
                )
            )
            ws.ping("alive")
        finally:
            ws.close()

        # Every process came up once and is still up: a worker that died at
        # start would have been started again, and logged again.
        log = self.wait_for(
            server,
            "the cron worker starts",
            lambda: "Worker WorkerCron" in self.read_log() and self.read_log(),
        )
        http_workers = set(re.findall(r"Worker WorkerHTTP \((\d+)\) alive", log))
        cron_workers = set(re.findall(r"Worker WorkerCron \((\d+)\) alive", log))
        self.assertEqual(len(http_workers), HTTP_WORKERS, log)
        self.assertEqual(len(cron_workers), 1, log)
        self.assertEqual(log.count("Evented Service (longpolling) running on"), 1, log)
        self.assertIsNone(FAILURES.search(log), log)
        # the master, its workers and the websocket process
        self.assertEqual(len(group_members(server.pid)), 1 + HTTP_WORKERS + 1 + 1, log)

        server.send_signal(signal.SIGTERM)
        self.assertEqual(server.wait(timeout=STOP_TIMEOUT), 0, self.read_log()[-3000:])
        deadline = time.monotonic() + 5
        while group_members(server.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(group_members(server.pid), [], "processes left behind")
        self.assertIsNone(FAILURES.search(self.read_log()), self.read_log())
