import json

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PerfCase

#: JSON has no NaN nor Infinity, but Python's parser, which Odoo's JSON-RPC
#: uses, reads these tokens: what a client sends as text reaches the server
#: as a float.
NOT_FIGURES = ("NaN", "Infinity", "-Infinity", "1e308", "-2e15")


def strict_json(text):
    """``text`` parsed as the browser parses JSON: no NaN, no Infinity."""

    def refuse(token):
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


@tagged("post_install", "-at_install")
class TestRpcFigures(PerfCase, HttpCase):
    """An employee writes actuals and checks in over the web client's RPC and
    the external JSON-RPC API: whatever the request carries, every figure
    stored is finite and within the bound, and every answer is JSON a browser
    reads. Eve has an indicator of the running year in a company of her own."""

    track_changes = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "RPC Figures Co"})
        cls.user_eve = new_test_user(
            cls.env,
            login="perf_rpc_figures_eve",
            groups="base.group_user",
            name="Eve Figures",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        employee = cls.env["hr.employee"].create(
            {
                "name": "Eve Figures",
                "user_id": cls.user_eve.id,
                "company_id": cls.company.id,
            }
        )
        today = fields.Date.today()
        cycle = cls._cycle(cls.company, today.year)
        objective = cls._objective(
            "Eve sells",
            "employee",
            cycle.year_period_id,
            employee_id=employee.id,
            company_id=cls.company.id,
        )
        cls.indicator = cls._indicator(objective, "Sales", target_value=100)
        cls.env.flush_all()

    def _post(self, route, body):
        """The raw JSON-RPC ``body`` (a text) posted on ``route``: the parsed
        answer, checked to be JSON a browser reads."""
        with mute_logger("odoo.http"):
            response = self.url_open(
                route, data=body.encode(), headers={"Content-Type": "application/json"}
            )
        return strict_json(response.text)

    def _transports(self, model):
        """(name, call) of both transports on ``model``: the web client's
        and the external API's; ``call(method, args_json)`` posts the
        arguments as raw JSON text."""
        return (
            ("call_kw", lambda method, args: self._call_kw_on(model, method, args)),
            (
                "execute_kw",
                lambda method, args: self._execute_kw_on(model, method, args),
            ),
        )

    def _call_kw_on(self, model, method, args_json):
        self.authenticate("perf_rpc_figures_eve", "perf_rpc_figures_eve")
        return self._post(
            "/web/dataset/call_kw",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": "ARGS",
                        "kwargs": {},
                    },
                }
            ).replace('"ARGS"', args_json),
        )

    def _execute_kw_on(self, model, method, args_json):
        login = "perf_rpc_figures_eve"
        return self._post(
            "/jsonrpc",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {
                        "service": "object",
                        "method": "execute_kw",
                        "args": [
                            self.env.cr.dbname,
                            self.user_eve.id,
                            login,
                            model,
                            method,
                            "ARGS",
                        ],
                    },
                }
            ).replace('"ARGS"', args_json),
        )

    def _assert_refused(self, reply, text):
        self.assertIn("error", reply, reply)
        self.assertEqual(
            reply["error"]["data"]["name"], "odoo.exceptions.ValidationError", reply
        )
        self.assertIn(text, reply["error"]["data"]["message"])

    def _read(self, call):
        reply = call(
            "read", f'[[{self.indicator.id}], ["actual_value", "has_actual", "score"]]'
        )
        return reply["result"][0]

    def test_actual_written_as_a_non_figure_is_refused(self):
        for transport, call in self._transports("perf.indicator"):
            for token in NOT_FIGURES:
                with self.subTest(transport=transport, token=token):
                    reply = call(
                        "write", f'[[{self.indicator.id}], {{"actual_value": {token}}}]'
                    )
                    self._assert_refused(reply, "is not a number between")
                    row = self._read(call)
                    self.assertFalse(row["has_actual"])
                    self.assertEqual(row["actual_value"], 0.0)
        # At the bound, accepted.
        for _transport, call in self._transports("perf.indicator"):
            reply = call("write", f'[[{self.indicator.id}], {{"actual_value": 1e15}}]')
            self.assertIs(reply.get("result"), True, reply)
            self.assertEqual(self._read(call)["actual_value"], 1e15)

    def test_checkins_of_non_figures_are_refused(self):
        for transport, call in self._transports("perf.checkin"):
            for token in (*NOT_FIGURES, "1.5e308"):
                with self.subTest(transport=transport, token=token):
                    reply = call(
                        "create",
                        f'[{{"indicator_id": {self.indicator.id}, "value": {token}}}]',
                    )
                    self._assert_refused(reply, "not a number")
        self.assertFalse(self.indicator.checkin_ids)
        self.indicator.invalidate_recordset()
        self.assertFalse(self.indicator.has_actual)
        # Many check-ins at the bound: the actual stays a figure.
        for _transport, call in self._transports("perf.checkin"):
            reply = call(
                "create",
                f'[{{"indicator_id": {self.indicator.id}, "value": 1e15}}]',
            )
            self.assertIn("result", reply, reply)
        self.assertEqual(self.indicator.actual_value, 1e15)
