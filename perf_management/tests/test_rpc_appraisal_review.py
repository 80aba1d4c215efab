from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import write_manager_review
from .test_rpc_appraisal import TEXTS, RpcAppraisalCase

ANSWERS = {
    "goals_reasonable": "no",
    "motivated": "partly",
    "post_right": "yes",
    "manager_feedback": "Evan draft: renewals behind plan",
}


@tagged("post_install", "-at_install")
class TestRpcAppraisalReview(RpcAppraisalCase):
    """What was reviewed is what is paid, over the web client's RPC and the
    external JSON-RPC API: the figures an appraisal in review scores, the
    appraised administrator's own appraisal, who conducts an appraisal after
    a transfer, and what the employee reads before the review is submitted
    and the appraisal done."""

    #: Check-ins come after the appraised quarter has ended.
    run_day = "2033-07-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.renewals = cls.env["perf.indicator"].search([("name", "=", "RPC renewals")])

    def _execute_refused(self, login, model, method, args, error):
        with (
            mute_logger("odoo.http"),
            self.assertRaises(JsonRpcException) as catcher,
        ):
            self._execute_kw(login, model, method, args)
        self.assertIn(error, str(catcher.exception))

    def _state(self, appraisal):
        appraisal.invalidate_recordset()
        return appraisal.state

    def _tracked(self, login, appraisal):
        """The fields whose tracked values ``login`` reads in the chatter of
        ``appraisal``, as the web client loads it."""
        self._call_kw(login, "perf.appraisal", "read", [appraisal.ids, ["state"]])
        chatter = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "perf.appraisal", "thread_id": appraisal.id},
        )
        return {
            value["fieldName"]
            for message in chatter["data"].get("mail.message", [])
            for value in message.get("trackingValues", [])
        }

    # ------------------------------------------------------------------
    # Figures frozen from the self review
    # ------------------------------------------------------------------

    def test_employee_cannot_move_reviewed_figures(self):
        # Evan's self review is submitted: his renewals of Q2 are frozen for
        # him, whatever the transport.
        self._refused(
            "perf_rpc_evan",
            "perf.indicator",
            "write",
            [self.renewals.ids, {"actual_value": 50}],
            error="UserError",
        )
        self._execute_refused(
            "perf_rpc_evan",
            "perf.indicator",
            "write",
            [self.renewals.ids, {"actual_value": 50}],
            "UserError",
        )
        self._refused(
            "perf_rpc_evan",
            "perf.checkin",
            "create",
            [[{"indicator_id": self.renewals.id, "value": 50}]],
            error="UserError",
        )
        self.renewals.invalidate_recordset()
        self.assertEqual(self.renewals.actual_value, 40)
        self.assertFalse(self.renewals.checkin_ids)
        # Mark corrects it: recorded on the appraisal, still in his review.
        self._call_kw(
            "perf_rpc_mark",
            "perf.indicator",
            "write",
            [self.renewals.ids, {"actual_value": 45}],
        )
        self.assertEqual(self._state(self.ap_evan), "manager_review")
        bodies = " ".join(self.ap_evan.message_ids.mapped("body"))
        for text in ("Mark Sales", "RPC renewals", "40.00", "45.00"):
            self.assertIn(text, bodies)
        # In calibration, his check-in sends it back to his review.
        write_manager_review(self.ap_evan)
        self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "action_submit_manager_review",
            [self.ap_evan.ids],
        )
        self.assertEqual(self._state(self.ap_evan), "calibration")
        self._refused(
            "perf_rpc_evan",
            "perf.checkin",
            "create",
            [[{"indicator_id": self.renewals.id, "value": 50}]],
            error="UserError",
        )
        self._call_kw(
            "perf_rpc_mark",
            "perf.checkin",
            "create",
            [[{"indicator_id": self.renewals.id, "value": 48}]],
        )
        self.assertEqual(self._state(self.ap_evan), "manager_review")

    # ------------------------------------------------------------------
    # An appraised administrator
    # ------------------------------------------------------------------

    def test_appraised_admin_is_an_employee_on_own_appraisal(self):
        # Sam administers performance; his own appraisal is in calibration.
        before = self._snapshot(
            self.ap_sam, ["state", "rating_band_id", "weight_result", "manager_id"]
        )
        scale = self.env["perf.rating.scale"]._get_company_scale(self.company)
        top_band = scale.band_ids.sorted("min_score")[-1]
        for vals in (
            {"state": "done"},
            {"weight_result": 100.0},
            {"manager_id": self.emp_mark.id},
            {"goals_reasonable": "yes"},
            {"manager_feedback": "Sam is great"},
            {"reopen_reason": "Mine"},
            {"rating_band_id": top_band.id},
        ):
            with self.subTest(vals=vals):
                self._refused(
                    "perf_rpc_sam",
                    "perf.appraisal",
                    "write",
                    [self.ap_sam.ids, vals],
                )
        for method in (
            "action_done",
            "action_cancel",
            "action_update_scores",
            "action_start",
            "action_open_calibrate_wizard",
            "action_open_done_wizard",
            "action_open_manager_wizard",
        ):
            with self.subTest(method=method):
                self._refused(
                    "perf_rpc_sam", "perf.appraisal", method, [self.ap_sam.ids]
                )
        self._refused(
            "perf_rpc_sam",
            "perf.appraisal",
            "action_reopen",
            [self.ap_sam.ids],
            {"context": {"perf_change_reason": "Better rating"}},
        )
        for model, vals in (
            (
                "perf.appraisal.calibrate.wizard",
                {
                    "appraisal_id": self.ap_sam.id,
                    "band_id": top_band.id,
                    "reason": "I deserve it",
                    "accept_break": True,
                },
            ),
            (
                "perf.appraisal.reopen.wizard",
                {"appraisal_id": self.ap_sam.id, "reason": "Better rating"},
            ),
            (
                "perf.appraisal.manager.wizard",
                {
                    "appraisal_id": self.ap_sam.id,
                    "manager_id": self.emp_mark.id,
                    "reason": "Nicer",
                },
            ),
        ):
            with self.subTest(model=model):
                self._refused("perf_rpc_sam", model, "create", [[vals]])
        self.assertEqual(
            self._snapshot(
                self.ap_sam, ["state", "rating_band_id", "weight_result", "manager_id"]
            ),
            before,
        )
        # Nor does he move the state of the appraisals he administers.
        self._refused(
            "perf_rpc_sam",
            "perf.appraisal",
            "write",
            [self.ap_evan_done.ids, {"state": "draft"}],
        )
        self.assertEqual(self._state(self.ap_evan_done), "done")

    # ------------------------------------------------------------------
    # Who conducted an appraisal
    # ------------------------------------------------------------------

    def test_transfer_keeps_the_manager_and_notes(self):
        self.emp_evan.parent_id = self.emp_mona
        self.env.flush_all()
        note = self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "read",
            [self.ap_evan_done.ids, ["manager_note", "manager_id"]],
        )[0]
        self.assertEqual(note["manager_note"], TEXTS["note_e1_done"])
        self.assertEqual(note["manager_id"][0], self.emp_mark.id)
        self._refused(
            "perf_rpc_mona",
            "perf.appraisal",
            "read",
            [self.ap_evan_done.ids, ["manager_note"]],
        )
        # Only an administrator hands an appraisal to another manager, with
        # the wizard and a reason.
        for login in ("perf_rpc_sam", "perf_rpc_mark"):
            self._refused(
                login,
                "perf.appraisal",
                "write",
                [self.ap_evan.ids, {"manager_id": self.emp_mona.id}],
            )
        [wizard_id] = self._call_kw(
            "perf_rpc_sam",
            "perf.appraisal.manager.wizard",
            "create",
            [
                [
                    {
                        "appraisal_id": self.ap_evan.id,
                        "manager_id": self.emp_mona.id,
                        "reason": "Evan moved to Operations",
                    }
                ]
            ],
        )
        self._call_kw(
            "perf_rpc_sam",
            "perf.appraisal.manager.wizard",
            "action_confirm",
            [[wizard_id]],
        )
        self.ap_evan.invalidate_recordset()
        self.assertEqual(self.ap_evan.manager_id, self.emp_mona)
        row = self._call_kw(
            "perf_rpc_mona",
            "perf.appraisal",
            "read",
            [self.ap_evan.ids, ["manager_note", "former_notes"]],
        )[0]
        self.assertFalse(row["manager_note"])
        self.assertFalse(row["former_notes"])
        row = self._call_kw(
            "perf_rpc_sam",
            "perf.appraisal",
            "read",
            [self.ap_evan.ids, ["former_notes"]],
        )[0]
        self.assertIn(TEXTS["note_e1"], row["former_notes"])
        self._refused(
            "perf_rpc_mark", "perf.appraisal", "read", [self.ap_evan.ids, ["state"]]
        )
        # A done appraisal keeps its manager.
        self._refused(
            "perf_rpc_sam",
            "perf.appraisal.manager.wizard",
            "create",
            [
                [
                    {
                        "appraisal_id": self.ap_evan_done.id,
                        "manager_id": self.emp_mona.id,
                        "reason": "Late",
                    }
                ]
            ],
            error="UserError",
        )

    # ------------------------------------------------------------------
    # What the employee reads, and when
    # ------------------------------------------------------------------

    def test_employee_reads_the_review_once_submitted_and_results_once_done(self):
        self._call_kw(
            "perf_rpc_mark", "perf.appraisal", "write", [self.ap_evan.ids, ANSWERS]
        )
        self.assertIn("motivated", self._tracked("perf_rpc_mark", self.ap_evan))
        fields = [*ANSWERS, "final_score", "rating_band_id", "payroll_coefficient"]
        for call in (self._call_kw, self._execute_kw):
            row = call(
                "perf_rpc_evan", "perf.appraisal", "read", [self.ap_evan.ids, fields]
            )[0]
            self.assertEqual(
                {fname: row[fname] for fname in fields},
                {
                    **dict.fromkeys(ANSWERS, False),
                    "final_score": 0.0,
                    "rating_band_id": False,
                    "payroll_coefficient": 0.0,
                },
            )
        [row] = self._call_kw(
            "perf_rpc_evan",
            "perf.appraisal",
            "web_read",
            [self.ap_evan.ids],
            {
                "specification": {
                    "manager_feedback": {},
                    "rating_band_id": {"fields": {"display_name": {}}},
                }
            },
        )
        self.assertFalse(row["manager_feedback"])
        self.assertFalse(row["rating_band_id"])
        for domain in (
            [("goals_reasonable", "=", "no")],
            [("manager_feedback", "ilike", "renewals")],
            [("final_score", ">", 0)],
            [("rating_band_id", "!=", False)],
        ):
            with self.subTest(domain=domain):
                self.assertNotIn(
                    self.ap_evan.id,
                    self._call_kw(
                        "perf_rpc_evan", "perf.appraisal", "search", [domain]
                    ),
                )
        groups = self._call_kw(
            "perf_rpc_evan",
            "perf.appraisal",
            "read_group",
            [[("id", "=", self.ap_evan.id)], ["final_score:avg"], ["rating_band_id"]],
            {"lazy": False},
        )
        self.assertFalse([group for group in groups if group["rating_band_id"]])
        self.assertFalse(
            {
                "goals_reasonable",
                "motivated",
                "post_right",
                "final_score",
                "rating_band_id",
            }
            & self._tracked("perf_rpc_evan", self.ap_evan)
        )

        self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "action_submit_manager_review",
            [self.ap_evan.ids],
        )
        row = self._call_kw(
            "perf_rpc_evan", "perf.appraisal", "read", [self.ap_evan.ids, fields]
        )[0]
        self.assertEqual({fname: row[fname] for fname in ANSWERS}, ANSWERS)
        self.assertFalse(row["rating_band_id"])
        self.assertIn("motivated", self._tracked("perf_rpc_evan", self.ap_evan))

        self._call_kw(
            "perf_rpc_sam", "perf.appraisal", "action_done", [self.ap_evan.ids]
        )
        row = self._call_kw(
            "perf_rpc_evan", "perf.appraisal", "read", [self.ap_evan.ids, fields]
        )[0]
        self.ap_evan.invalidate_recordset()
        self.assertEqual(row["rating_band_id"][0], self.ap_evan.rating_band_id.id)
        self.assertGreater(row["final_score"], 0)
        self.assertFalse(
            {"final_score", "rating_band_id", "payroll_coefficient"}
            & self._tracked("perf_rpc_evan", self.ap_evan)
        )
