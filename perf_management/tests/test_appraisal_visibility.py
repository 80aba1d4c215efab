from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import CascadeCommon, write_self_review

ANSWERS = {
    "goals_reasonable": "no",
    "motivated": "partly",
    "post_right": "yes",
    "manager_feedback": "Draft: Paul needs to push harder.",
}
RESULTS = [
    "final_score",
    "has_final_score",
    "score_process",
    "has_score_process",
    "rating_band_id",
    "payroll_coefficient",
    "is_calibrated",
]
REASON = "Sales North has 40 % of A: Paul moves to C."


@tagged("post_install", "-at_install")
class TestAppraisalVisibility(CascadeCommon):
    """Paul (appraised by Maria) and Maria (a manager, appraised by Olga):
    each reads the manager's part of their own appraisal once submitted and
    its results once done, in the form, the searches and groupings, the
    exports and the chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_maria.parent_id = cls.emp_olga
        # Paul may export what he reads.
        cls.user_paul.groups_id = [
            Command.link(cls.env.ref("base.group_allow_export").id)
        ]
        cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80, dimension="process")
        cls.obj_maria = cls._objective(
            "Maria grows the team",
            "employee",
            cls.q1,
            parent=cls.obj_sales,
            employee_id=cls.emp_maria.id,
            user_id=cls.user_olga.id,
        )
        cls._indicator(cls.obj_maria, "Hires", actual_value=90, dimension="process")
        Appraisal = cls.env["perf.appraisal"].with_user(cls.user_admin)
        cls.paul, cls.maria = (
            Appraisal.create({"employee_id": employee.id, "period_id": cls.q1.id})
            for employee in (cls.emp_paul, cls.emp_maria)
        )
        for appraisal, user in ((cls.paul, cls.user_paul), (cls.maria, cls.user_maria)):
            appraisal.action_start()
            write_self_review(appraisal)
            appraisal.with_user(user).action_submit_self_review()
        cls.scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        cls.band = {band.name: band for band in cls.scale.band_ids}
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _review(self, appraisal, manager_user):
        appraisal.with_user(manager_user).write(ANSWERS)
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracked(self, appraisal, user):
        """The names of the fields whose tracked values ``user`` reads in the
        chatter of ``appraisal``, as the web client loads it."""
        messages = (
            self.env["mail.message"]
            .with_user(user)
            .search([("model", "=", "perf.appraisal"), ("res_id", "=", appraisal.id)])
        )
        data = Store(messages, for_current_user=True).get_result()
        return {
            value["fieldName"]
            for message in data["mail.message"]
            for value in message.get("trackingValues", [])
        }

    def test_employee_reads_the_manager_review_once_submitted(self):
        self._review(self.paul, self.user_maria)
        as_paul = self.paul.with_user(self.user_paul)
        self.assertEqual(
            as_paul.read(list(ANSWERS))[0],
            {"id": self.paul.id, **dict.fromkeys(ANSWERS, False)},
        )
        self.assertFalse(as_paul.is_manager_review_visible)
        with Form(as_paul) as form:
            self.assertFalse(form.manager_feedback)
            self.assertFalse(form.motivated)
        Appraisal = self.env["perf.appraisal"].with_user(self.user_paul)
        self.assertFalse(Appraisal.search([("manager_feedback", "ilike", "push")]))
        self.assertFalse(Appraisal.search([("goals_reasonable", "=", "no")]))
        groups = Appraisal.read_group([], ["motivated"], ["motivated"])
        self.assertEqual([group["motivated"] for group in groups], [])
        with self.assertRaises(AccessError):
            as_paul.export_data(["manager_feedback"])
        self.assertFalse(
            {"goals_reasonable", "motivated", "post_right"}
            & self._tracked(self.paul, self.user_paul)
        )
        # Maria reads what she writes, tracked.
        self.assertEqual(
            self.paul.with_user(self.user_maria).read(list(ANSWERS))[0],
            {"id": self.paul.id, **ANSWERS},
        )
        self.assertIn("motivated", self._tracked(self.paul, self.user_maria))

        self.paul.with_user(self.user_maria).action_submit_manager_review()
        self.paul.invalidate_recordset()
        self.assertEqual(
            as_paul.read(list(ANSWERS))[0], {"id": self.paul.id, **ANSWERS}
        )
        self.assertEqual(Appraisal.search([("goals_reasonable", "=", "no")]), self.paul)
        self.assertIn("motivated", self._tracked(self.paul, self.user_paul))

    def test_employee_reads_the_results_once_done(self):
        self.assertTrue(self.paul.rating_band_id)
        as_paul = self.paul.with_user(self.user_paul)
        values = as_paul.read(RESULTS)[0]
        self.assertEqual(
            values,
            {
                "id": self.paul.id,
                "final_score": 0.0,
                "has_final_score": False,
                "score_process": 0.0,
                "has_score_process": False,
                "rating_band_id": False,
                "payroll_coefficient": 0.0,
                "is_calibrated": False,
            },
        )
        self.assertFalse(as_paul.is_result_visible)
        self.assertFalse(as_paul.score_explanation)
        with Form(as_paul) as form:
            self.assertFalse(form.rating_band_id)
            self.assertFalse(form.final_score)
        Appraisal = self.env["perf.appraisal"].with_user(self.user_paul)
        for domain in (
            [("final_score", ">", 0)],
            [("rating_band_id", "!=", False)],
            [("rating_band_id.name", "in", list(self.band))],
            [("payroll_coefficient", ">", 0)],
        ):
            with self.subTest(domain=domain):
                self.assertFalse(Appraisal.search(domain))
        self.assertEqual(
            Appraisal.search([], order="final_score desc"), self.env["perf.appraisal"]
        )
        groups = Appraisal.read_group(
            [], ["rating_band_id", "final_score:avg"], ["rating_band_id"]
        )
        self.assertFalse([group for group in groups if group["rating_band_id"]])
        self.assertFalse(
            Appraisal.read_group([], ["final_score:max"], [])[0]["final_score"]
        )
        with self.assertRaises(AccessError):
            as_paul.export_data(["rating_band_id/name"])
        # Maria reads them: she conducts it.
        self.assertTrue(
            self.paul.with_user(self.user_maria).read(["final_score"])[0]["final_score"]
        )

        self.paul.with_user(self.user_maria).write(ANSWERS)
        self.paul.with_user(self.user_maria).action_submit_manager_review()
        self.paul.with_user(self.user_admin).action_done()
        self.paul.invalidate_recordset()
        values = as_paul.read(RESULTS)[0]
        self.assertEqual(values["rating_band_id"][0], self.paul.rating_band_id.id)
        self.assertAlmostEqual(values["final_score"], self.paul.final_score)
        self.assertTrue(as_paul.score_explanation)
        self.assertEqual(Appraisal.search([("final_score", ">", 0)]), self.paul)
        self.assertTrue(as_paul.export_data(["rating_band_id/name"])["datas"])

    def test_manager_and_administrator_are_employees_on_their_own(self):
        self._review(self.maria, self.user_olga)
        self._review(self.paul, self.user_maria)
        as_maria = self.env["perf.appraisal"].with_user(self.user_maria)
        rows = {
            row["id"]: row
            for row in as_maria.search_read(
                [("id", "in", (self.paul | self.maria).ids)],
                ["manager_feedback", "final_score", "rating_band_id", "rating_name"],
            )
        }
        # Her own: nothing yet; Paul's, whom she appraises: everything (the
        # name of the rating paid included, which managers read).
        self.assertEqual(
            rows[self.maria.id],
            {
                "id": self.maria.id,
                "manager_feedback": False,
                "final_score": 0.0,
                "rating_band_id": False,
                "rating_name": False,
            },
        )
        self.assertTrue(rows[self.paul.id]["rating_name"])
        self.assertEqual(
            rows[self.paul.id]["manager_feedback"], ANSWERS["manager_feedback"]
        )
        self.assertTrue(rows[self.paul.id]["rating_band_id"])
        # An administrator appraised: the same on her own.
        emp_hanna = self.env["hr.employee"].create(
            {
                "name": "Hanna HR",
                "user_id": self.user_admin.id,
                "parent_id": self.emp_olga.id,
            }
        )
        hanna = self.env["perf.appraisal"].create(
            {"employee_id": emp_hanna.id, "period_id": self.q1.id}
        )
        hanna.action_start()
        write_self_review(hanna)
        hanna.action_submit_self_review()
        hanna.write(ANSWERS)
        row = hanna.with_user(self.user_admin).read(
            ["manager_feedback", "rating_band_id"]
        )[0]
        self.assertEqual(
            row, {"id": hanna.id, "manager_feedback": False, "rating_band_id": False}
        )
        self.assertFalse(hanna.with_user(self.user_admin).is_target_broken)
        self.assertTrue(
            self.paul.with_user(self.user_admin).read(["rating_band_id"])[0][
                "rating_band_id"
            ]
        )

    def test_calibration_reason_and_old_rating_hidden_from_the_employee(self):
        self._review(self.paul, self.user_maria)
        self.paul.with_user(self.user_maria).action_submit_manager_review()
        earned = self.paul.rating_band_id
        self.paul.with_user(self.user_admin)._calibrate(
            self.band["C"], REASON, accept_break=True
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertNotEqual(earned, self.band["C"])

        def texts(user):
            messages = (
                self.env["mail.message"]
                .with_user(user)
                .search_read(
                    [("model", "=", "perf.appraisal"), ("res_id", "=", self.paul.id)],
                    ["body", "preview"],
                )
            )
            return str(messages)

        self.assertNotIn("Sales North", texts(self.user_paul))
        self.assertNotIn("calibrated", texts(self.user_paul).lower())
        self.assertFalse(self.paul.with_user(self.user_paul).calibration_notes)
        for user in (self.user_maria, self.user_admin):
            self.assertIn(REASON, self.paul.with_user(user).calibration_notes)
        self.assertIn("rating_band_id", self._tracked(self.paul, self.user_admin))

        self.paul.with_user(self.user_admin).action_done()
        self.env.flush_all()
        self.env.cr.precommit.run()
        # Done: Paul reads the rating paid and that it was calibrated, never
        # the rating before calibration nor the reason.
        row = self.paul.with_user(self.user_paul).read(
            ["rating_band_id", "is_calibrated"]
        )[0]
        self.assertEqual(row["rating_band_id"][0], self.band["C"].id)
        self.assertTrue(row["is_calibrated"])
        self.assertNotIn(REASON, texts(self.user_paul))
        self.assertFalse(self.paul.with_user(self.user_paul).calibration_notes)
        self.assertFalse(
            {"rating_band_id", "payroll_coefficient", "final_score", "is_calibrated"}
            & self._tracked(self.paul, self.user_paul)
        )
