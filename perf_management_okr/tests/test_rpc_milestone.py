import json

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import OkrData


@tagged("post_install", "-at_install")
class TestRpcMilestone(OkrData, HttpCase):
    """Over the web client's RPC and the external JSON-RPC API, the
    milestones of a key result follow its target's rights: Maria, a manager,
    does not move the target of her own key result through them, moves a
    team key result's only with a reason during the Do phase, and moves no
    milestone to another key result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_okr_data()
        okr_maria = cls.env["perf.objective"].create(
            {
                "name": "Maria grows the team",
                "is_okr": True,
                "level": "employee",
                "employee_id": cls.emp_maria.id,
                "period_id": cls.q1.id,
            }
        )
        cls.kr_maria = cls._key_result(
            okr_maria,
            "Team launch",
            "milestone",
            actual_value=3,
            milestone_ids=[
                Command.create({"name": name, "sequence": seq})
                for seq, name in enumerate(("Hire", "Train", "Launch", "Review"))
            ],
        )
        cls.env.flush_all()

    def _request(self, route, params):
        """The JSON-RPC reply to ``params`` on ``route``, errors included."""
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        with mute_logger("odoo.http"):
            response = self.url_open(
                route,
                data=json.dumps(payload).encode(),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def _call_kw(self, model, method, args, kwargs=None):
        self.authenticate("okr_maria", "okr_maria")
        return self._request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _execute_kw(self, model, method, args, kwargs=None):
        return self._request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.user_maria.id,
                    "okr_maria",
                    model,
                    method,
                    args,
                    kwargs or {},
                ],
            },
        )

    def _refused(self, call, error, text, *args):
        reply = call(*args)
        self.assertIn("error", reply, reply)
        self.assertTrue(reply["error"]["data"]["name"].endswith(error), reply)
        self.assertIn(text, reply["error"]["data"]["message"])

    def _target(self, key_result):
        key_result.invalidate_recordset()
        return key_result.target_value, key_result.okr_score

    def test_own_key_result_target_stays(self):
        steps = self.kr_maria.milestone_ids.sorted("sequence")
        self.assertEqual(self._target(self.kr_maria), (4, 0.75))
        for call in (self._call_kw, self._execute_kw):
            self._refused(
                call,
                "AccessError",
                "make its target",
                "perf.okr.milestone",
                "unlink",
                [steps[-1].ids],
            )
            self._refused(
                call,
                "AccessError",
                "make its target",
                "perf.okr.milestone",
                "create",
                [{"name": "Celebrate", "indicator_id": self.kr_maria.id}],
            )
        self.assertEqual(self._target(self.kr_maria), (4, 0.75))

    def test_do_phase_needs_a_reason(self):
        self.cycle.action_do()
        self.env.flush_all()
        step = self.kr_milestone.milestone_ids.sorted("sequence")[-1]
        for call in (self._call_kw, self._execute_kw):
            self._refused(
                call,
                "UserError",
                "Do phase",
                "perf.okr.milestone",
                "unlink",
                [step.ids],
            )
        self.assertEqual(self._target(self.kr_milestone)[0], 4)
        reply = self._execute_kw(
            "perf.okr.milestone",
            "unlink",
            [step.ids],
            {"context": {"perf_change_reason": "Review moved to Q2"}},
        )
        self.assertIs(reply.get("result"), True, reply)
        self.assertEqual(self._target(self.kr_milestone)[0], 3)

    def test_milestone_never_moves(self):
        other = self._key_result(
            self.okr_paul,
            "Second programme",
            "milestone",
            milestone_ids=[Command.create({"name": "Only step"})],
        )
        self.env.flush_all()
        step = self.kr_milestone.milestone_ids[:1]
        for call in (self._call_kw, self._execute_kw):
            self._refused(
                call,
                "UserError",
                "cannot move",
                "perf.okr.milestone",
                "write",
                [step.ids, {"indicator_id": other.id}],
            )
        step.invalidate_recordset()
        self.assertEqual(step.indicator_id, self.kr_milestone)
        self.assertEqual(self._target(other)[0], 1)
        self.assertEqual(self._target(self.kr_milestone)[0], 4)
