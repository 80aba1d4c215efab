from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalFreeze(CascadeCommon):
    """Once an employee's appraisal is done, the actuals it scored are frozen
    for everyone, until an administrator reopens it."""

    # In Q2 2031: Q1 is appraised, Q2 has started.
    run_day = "2031-04-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80)
        cls.calls = cls._indicator(cls.obj_paul_jan, "Calls", actual_value=10)
        cls.shipping = cls._indicator(cls.obj_oscar, "On time", actual_value=90)
        cls.obj_paul_q2 = cls._objective(
            "Paul wins 2 accounts",
            "employee",
            cls.q2,
            parent=cls.obj_seller,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.later = cls._indicator(cls.obj_paul_q2, "Sales Q2", actual_value=5)
        Appraisal = cls.env["perf.appraisal"].with_user(cls.user_admin)
        cls.appraisal = Appraisal.create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q1.id}
        )
        cls.appraisal.action_start()
        write_self_review(cls.appraisal)
        cls.appraisal.with_user(cls.user_paul).action_submit_self_review()
        write_manager_review(cls.appraisal)
        cls.appraisal.with_user(cls.user_maria).action_submit_manager_review()
        cls.appraisal.action_done()
        cls.oscar_appraisal = Appraisal.create(
            {"employee_id": cls.emp_oscar.id, "period_id": cls.q1.id}
        )

    def _frozen(self):
        return self.assertRaisesText(UserError, self.appraisal.display_name)

    def test_actuals_refused_to_everyone(self):
        for user in (self.user_paul, self.user_maria, self.user_admin):
            for indicator in (self.sales, self.calls):
                with self._frozen():
                    indicator.with_user(user).write({"actual_value": 99})
        with self._frozen():
            self.sales.sudo().write({"actual_value": 99})
        with self._frozen():
            self.sales.with_user(self.user_maria).write({"weight": 3})
        with self._frozen():
            self.sales.with_user(self.user_admin).write({"dimension": "process"})
        self.assertEqual(self.sales.actual_value, 80)
        self.assertEqual(self.calls.actual_value, 10)
        # What does not change a score stays editable.
        self.sales.with_user(self.user_maria).write({"name": "Sales won"})
        self.assertEqual(self.sales.name, "Sales won")

    def test_checkin_refused(self):
        self.assertFalse(self.calls.with_user(self.user_paul).can_checkin)
        self.assertTrue(self.later.with_user(self.user_paul).can_checkin)
        with self._frozen():
            self.env["perf.checkin"].with_user(self.user_paul).create(
                {"indicator_id": self.calls.id, "value": 12}
            )
        self.assertFalse(self.calls.checkin_ids)
        self.assertEqual(self.calls.actual_value, 10)

    def test_indicators_and_objectives_not_added_moved_or_deleted(self):
        with self._frozen():
            self._indicator(self.obj_paul_q1, "New one")
        with self._frozen():
            self.sales.with_user(self.user_admin).unlink()
        with self._frozen():
            self.later.with_user(self.user_admin).write(
                {"objective_id": self.obj_paul_q1.id}
            )
        with self._frozen():
            self.obj_paul_jan.with_user(self.user_admin).write({"active": False})
        with self._frozen():
            self.obj_paul_q2.with_user(self.user_admin).write(
                {"period_id": self.january.id}
            )

    def test_other_employees_and_periods_unaffected(self):
        self.shipping.with_user(self.user_oscar).write({"actual_value": 95})
        self.assertEqual(self.shipping.actual_value, 95)
        self.later.with_user(self.user_paul).write({"actual_value": 7})
        self.assertEqual(self.later.actual_value, 7)
        self.env["perf.checkin"].with_user(self.user_oscar).create(
            {"indicator_id": self.shipping.id, "value": 96}
        )
        self.assertEqual(self.shipping.actual_value, 96)
        # Oscar's appraisal of the same period is not done: nothing frozen.
        self.assertEqual(self.oscar_appraisal.state, "draft")

    def test_reopen_unfreezes(self):
        self.appraisal.with_user(self.user_admin).with_context(
            perf_change_reason="Late sale"
        ).action_reopen()
        # Back in manager review: the manager corrects the figures, Paul
        # still does not (see TestAppraisalReviewFreeze).
        self.calls.with_user(self.user_maria).write({"actual_value": 11})
        self.env["perf.checkin"].with_user(self.user_maria).create(
            {"indicator_id": self.sales.id, "value": 85}
        )
        self.assertEqual(self.calls.actual_value, 11)
        self.assertEqual(self.sales.actual_value, 85)
        with self.assertRaisesText(UserError, "frozen for you"):
            self.calls.with_user(self.user_paul).write({"actual_value": 12})

    def test_one_query_per_write(self):
        objectives = (self.shipping | self.later).objective_id
        self.env.flush_all()
        start = self.env.cr.sql_log_count
        objectives._ensure_not_appraised()
        self.assertEqual(self.env.cr.sql_log_count - start, 1)


@tagged("post_install", "-at_install")
class TestAppraisalReviewFreeze(CascadeCommon):
    """From the submission of the self review, Paul's figures of Q1 are
    frozen against him; a change by anybody else is a correction that sends
    the appraisal back to Maria's review. His result alone counts: Sales at
    65 earns C (coefficient 1.0), 95 would earn A (1.2)."""

    #: Check-ins come after the appraised quarter has ended.
    run_day = "2031-05-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = cls._indicator(cls.obj_paul_q1, "Sales", actual_value=65)
        cls.task_offer = cls._task(cls.obj_paul_q1, "Send the offer", state="done")
        cls.task_demo = cls._task(cls.obj_paul_q1, "Demo day")
        cls.scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        cls.band = {band.name: band for band in cls.scale.band_ids}
        cls.appraisal = (
            cls.env["perf.appraisal"]
            .with_user(cls.user_admin)
            .create(
                {
                    "employee_id": cls.emp_paul.id,
                    "period_id": cls.q1.id,
                    "weight_result": 100,
                    "weight_process": 0,
                    "weight_competency": 0,
                }
            )
            .with_env(cls.env)
        )
        cls.appraisal.action_start()
        write_self_review(cls.appraisal)
        cls.appraisal.with_user(cls.user_paul).action_submit_self_review()
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _to_calibration(self):
        write_manager_review(self.appraisal)
        self.appraisal.with_user(self.user_maria).action_submit_manager_review()
        self.assertEqual(self.appraisal.state, "calibration")
        self.assertEqual(self.appraisal.rating_band_id, self.band["C"])

    def _corrections(self):
        return [
            body
            for body in self.appraisal.message_ids.mapped("body")
            if "after the review" in body
        ]

    def test_employee_checks_in_late_refused(self):
        """Paul checks in on the quarter long after it ended, while his
        appraisal is in calibration at C: refused, and it closes at C."""
        self._to_calibration()
        as_paul = self.sales.with_user(self.user_paul)
        self.assertFalse(as_paul.can_checkin)
        self.assertTrue(self.sales.with_user(self.user_maria).can_checkin)
        with self.assertRaisesText(UserError, "frozen for you"):
            self.env["perf.checkin"].with_user(self.user_paul).create(
                {"indicator_id": self.sales.id, "value": 95}
            )
        self.assertFalse(self.sales.checkin_ids)
        self.assertEqual(self.sales.actual_value, 65)
        self.assertEqual(self.appraisal.state, "calibration")
        self.appraisal.with_user(self.user_admin).action_done()
        self.assertEqual(self.appraisal.rating_band_id, self.band["C"])
        self.assertEqual(self.appraisal.payroll_coefficient, 1.0)

    def test_employee_changes_none_of_his_figures_in_review(self):
        for state in ("manager_review", "calibration"):
            if state == "calibration":
                self._to_calibration()
            with self.subTest(state=state):
                with self.assertRaisesText(UserError, "frozen for you"):
                    self.sales.with_user(self.user_paul).write({"actual_value": 95})
                with self.assertRaisesText(UserError, "frozen for you"):
                    self.task_demo.with_user(self.user_paul).action_done()
        self.assertEqual(self.sales.actual_value, 65)
        self.assertEqual(self.task_demo.state, "todo")
        self.assertFalse(self._corrections())
        # His figures of another quarter stay his to enter.
        obj_q2 = self._objective(
            "Paul Q2",
            "employee",
            self.q2,
            parent=self.obj_seller,
            employee_id=self.emp_paul.id,
            user_id=self.user_maria.id,
        )
        later = self._indicator(obj_q2, "Sales Q2")
        later.with_user(self.user_paul).write({"actual_value": 5})
        self.assertEqual(later.actual_value, 5)

    def test_manager_correction_sends_the_appraisal_back(self):
        self._to_calibration()
        self.sales.with_user(self.user_maria).write({"actual_value": 95})
        self.assertEqual(self.sales.actual_value, 95)
        self.assertEqual(self.appraisal.state, "manager_review")
        [body] = self._corrections()
        for text in ("Maria Manager", "Sales (Paul wins 3 accounts)", "65.00", "95.00"):
            self.assertIn(text, body)
        self.assertIn("goes back to the manager review", body)
        # The scores are those reviewed until the manager submits again.
        self.assertAlmostEqual(self.appraisal.final_score, 65.0)
        with self.assertRaisesText(UserError, "not possible now"):
            self.appraisal.with_user(self.user_admin).action_done()
        self.appraisal.with_user(self.user_maria).action_submit_manager_review()
        self.assertAlmostEqual(self.appraisal.final_score, 95.0)
        self.assertEqual(self.appraisal.rating_band_id, self.band["A"])
        self.appraisal.with_user(self.user_admin).action_done()
        self.assertEqual(self.appraisal.payroll_coefficient, 1.2)

    def test_corrections_in_manager_review_are_recorded(self):
        self.env["perf.checkin"].with_user(self.user_maria).create(
            {"indicator_id": self.sales.id, "value": 70}
        )
        self.task_offer.with_user(self.user_maria).action_verify()
        self.sales.with_user(self.user_admin).write({"target_value": 80})
        self.assertEqual(self.appraisal.state, "manager_review")
        bodies = "\n".join(self._corrections())
        for text in (
            "65.00",
            "70.00",
            "Task Send the offer",
            "Done",
            "Verified",
            "Hanna HR",
            "100.00",
            "80.00",
        ):
            self.assertIn(text, bodies)
        # An unchanged figure is no correction.
        self.sales.with_user(self.user_maria).write({"actual_value": 70})
        self.assertEqual(len(self._corrections()), 3)

    def test_closing_keeps_the_reviewed_scores(self):
        self._to_calibration()
        # The scale moves after the review: 65 would now earn D.
        self.band["C"].with_user(self.user_admin).min_score = 70
        self.appraisal.with_user(self.user_admin).action_done()
        self.assertEqual(self.appraisal.rating_band_id, self.band["C"])
        self.assertEqual(self.appraisal.payroll_coefficient, 1.0)
        self.assertAlmostEqual(self.appraisal.final_score, 65.0)
        self.assertTrue(
            any(
                "Closed with the scores of the manager review" in body
                and "rating C" in body
                for body in self.appraisal.message_ids.mapped("body")
            )
        )

    def test_weights_and_scores_stay_those_reviewed(self):
        self._to_calibration()
        with self.assertRaisesText(UserError, "until its manager review"):
            self.appraisal.with_user(self.user_admin).write({"weight_result": 50})
        with self.assertRaisesText(UserError, "not possible now"):
            self.appraisal.with_user(self.user_maria).action_update_scores()
        self.assertFalse(self.appraisal.with_user(self.user_admin).can_edit_weights)

    def test_one_query_per_write_in_review(self):
        self.env.flush_all()
        for records in (self.obj_paul_q1 | self.obj_oscar, self.task_offer):
            start = self.env.cr.sql_log_count
            records._ensure_not_appraised()
            self.assertEqual(self.env.cr.sql_log_count - start, 1)
