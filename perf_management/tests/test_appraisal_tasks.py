from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalTasks(CascadeCommon):
    """The employee's tasks count in the process dimension of the appraisal as
    one item: the weighted share of the verified tasks, weighing as much as
    the mean process indicator (1 without any).

    Paul's Q1: Sales (result, 80, weight 2), Visits (process, 90, weight 1)
    and Calls (process, 60, weight 3); his Q1 tasks weigh 2 (verified), 1
    (verified, January), 3 (done, not verified) and 2 (to do). Oscar has two
    tasks in Q1 and no indicator; Paul has one verified task in Q2.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ind = cls._indicator
        ind(cls.obj_paul_q1, "Sales", target_value=100, actual_value=80, weight=2)
        ind(
            cls.obj_paul_q1,
            "Visits",
            dimension="process",
            target_value=10,
            actual_value=9,
            weight=1,
        )
        ind(
            cls.obj_paul_jan,
            "Calls",
            dimension="process",
            target_value=10,
            actual_value=6,
            weight=3,
        )
        # No actual: no score, and no say in the tasks' weight either.
        ind(cls.obj_paul_q1, "Referrals", dimension="process", weight=9)
        task = cls._task
        cls.task_contract = task(
            cls.obj_paul_q1, "Sign the contract", state="verified", weight=2
        )
        task(cls.obj_paul_jan, "Visit Acme", state="verified", weight=1)
        cls.task_offer = task(cls.obj_paul_q1, "Send the offer", state="done", weight=3)
        cls.task_demo = task(cls.obj_paul_q1, "Demo day", weight=2)
        # Part of the contract task, whose weight already counts: left out.
        task(cls.obj_paul_q1, "Print the contract", parent_id=cls.task_contract.id)
        # Archived: left out.
        task(
            cls.obj_paul_q1,
            "Old campaign",
            state="verified",
            weight=6,
            active=False,
        )
        # Another employee's: Oscar's own, not Paul's.
        cls.task_ship = task(cls.obj_oscar, "Ship parcels", state="verified", weight=5)
        task(cls.obj_oscar, "Label parcels", state="done", weight=3)
        # Another quarter: Paul's Q2 only.
        cls.obj_paul_q2 = cls._objective(
            "Paul keeps accounts",
            "employee",
            cls.q2,
            parent=cls.obj_seller,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.task_renew = task(cls.obj_paul_q2, "Renew Acme", state="verified", weight=4)

        Appraisal = cls.env["perf.appraisal"].with_user(cls.user_admin)
        weights = {"weight_result": 50, "weight_process": 30, "weight_competency": 20}
        cls.appraisal_paul = Appraisal.create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q1.id, **weights}
        )
        cls.appraisal_oscar = Appraisal.create(
            {"employee_id": cls.emp_oscar.id, "period_id": cls.q1.id, **weights}
        )
        cls.appraisal_paul_q2 = Appraisal.create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q2.id, **weights}
        )
        cls.appraisals = (
            cls.appraisal_paul | cls.appraisal_oscar | cls.appraisal_paul_q2
        )

    def test_tasks_count_in_process_with_indicators(self):
        self.appraisals._update_scores()
        paul = self.appraisal_paul
        # Tasks: verified 2 + 1 of 2 + 1 + 3 + 2 = 37.5 %, weighing the mean
        # of the scored process indicators' weights (1 + 3) / 2 = 2.
        # Process = (90 * 1 + 60 * 3 + 37.5 * 2) / 6 = 57.5 (67.5 without the
        # tasks); final = (80 * 50 + 57.5 * 30) / 80 = 71.5625.
        self.assertAlmostEqual(paul.score_result, 80.0, places=4)
        self.assertAlmostEqual(paul.score_process, 57.5, places=4)
        self.assertFalse(paul.has_score_competency)
        self.assertAlmostEqual(paul.final_score, 71.5625, places=4)
        self.assertEqual(
            paul.rating_band_id,
            self.env["perf.rating.scale"]
            ._get_company_scale(self.company)
            ._get_band(71.5625),
        )

    def test_tasks_only(self):
        self.appraisals._update_scores()
        # Oscar: no indicator, his tasks alone: 5 verified of 5 + 3 = 62.5.
        oscar = self.appraisal_oscar
        self.assertTrue(oscar.has_score_process)
        self.assertAlmostEqual(oscar.score_process, 62.5, places=4)
        self.assertFalse(oscar.has_score_result)
        self.assertAlmostEqual(oscar.final_score, 62.5, places=4)
        # Paul's Q2: the one verified task, Q1's do not count.
        self.assertAlmostEqual(self.appraisal_paul_q2.score_process, 100.0, places=4)
        self.assertAlmostEqual(self.appraisal_paul_q2.final_score, 100.0, places=4)

    def test_no_tasks_scores_from_indicators(self):
        tasks = (
            self.env["perf.task"]
            .sudo()
            .search([("employee_id", "in", (self.emp_paul | self.emp_oscar).ids)])
        )
        tasks.write({"active": False})
        self.appraisals._update_scores()
        paul = self.appraisal_paul
        # The indicators alone: process = (90 + 60 * 3) / 4 = 67.5, final =
        # (80 * 50 + 67.5 * 30) / 80 = 75.3125.
        self.assertAlmostEqual(paul.score_process, 67.5, places=4)
        self.assertAlmostEqual(paul.final_score, 75.3125, places=4)
        self.assertNotIn("Tasks:", str(paul.score_explanation))
        # Nothing to score at all.
        for appraisal in self.appraisal_oscar | self.appraisal_paul_q2:
            self.assertFalse(appraisal.has_score_process)
            self.assertFalse(appraisal.has_final_score)

    def test_only_verified_tasks_earn(self):
        # Paul marks his task done himself: self-declared, it earns nothing.
        self.task_demo.with_user(self.user_paul).action_done()
        self.assertEqual(self.task_demo.state, "done")
        self.appraisal_paul._update_scores()
        self.assertAlmostEqual(self.appraisal_paul.score_process, 57.5, places=4)
        # Maria, responsible of the objective, verifies the offer: 6 of 8 =
        # 75 %, process = (90 + 180 + 75 * 2) / 6 = 70.
        self.task_offer.with_user(self.user_maria).action_verify()
        self.appraisal_paul._update_scores()
        self.assertAlmostEqual(self.appraisal_paul.score_process, 70.0, places=4)

    def test_explanation_lists_tasks(self):
        self.appraisals._update_scores()
        # The appraising manager reads it; Paul once the appraisal is done.
        self.assertFalse(
            self.appraisal_paul.with_user(self.user_paul).score_explanation
        )
        explanation = str(
            self.appraisal_paul.with_user(self.user_maria).score_explanation
        )
        self.assertIn("Tasks: 2 verified of 4", explanation)
        # The tasks' score and weight, and the process dimension's score.
        for text in ("37.5", "57.5", "Visits", "Calls"):
            self.assertIn(text, explanation)
        self.assertNotIn("Ship parcels", explanation)
        oscar = str(self.appraisal_oscar.with_user(self.user_olga).score_explanation)
        self.assertIn("Tasks: 1 verified of 2", oscar)
        self.assertIn("62.5", oscar)

    def test_done_appraisal_freezes_its_tasks(self):
        appraisal = self.appraisal_paul
        appraisal.action_start()
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        write_manager_review(appraisal)
        appraisal.with_user(self.user_maria).action_submit_manager_review()
        appraisal.with_user(self.user_admin).action_done()
        self.assertAlmostEqual(appraisal.score_process, 57.5, places=4)

        def frozen():
            return self.assertRaisesText(UserError, appraisal.display_name)

        with frozen():
            self.task_offer.with_user(self.user_maria).action_verify()
        with frozen():
            self.task_demo.with_user(self.user_paul).action_done()
        with frozen():
            self.task_offer.with_user(self.user_admin).write({"weight": 9})
        with frozen():
            self.task_demo.with_user(self.user_admin).write({"active": False})
        with frozen():
            self.task_demo.with_user(self.user_admin).unlink()
        with frozen():
            self._task(self.obj_paul_jan, "Late task", state="verified")
        with frozen():
            # Moved into the appraisal from Q2.
            self.task_renew.with_user(self.user_admin).write(
                {"objective_id": self.obj_paul_q1.id}
            )
        self.assertEqual(self.task_offer.state, "done")
        self.assertEqual(self.task_demo.state, "todo")
        # What does not change the score stays editable; other appraisals'
        # tasks too.
        self.task_offer.with_user(self.user_maria).write({"name": "Offer sent"})
        self.task_renew.with_user(self.user_maria).action_reset()
        self.task_ship.with_user(self.user_olga).action_reset()
        self.assertAlmostEqual(appraisal.score_process, 57.5, places=4)

        # Reopened: the task can be verified and the score follows.
        appraisal.with_user(self.user_admin).with_context(
            perf_change_reason="Offer accepted"
        ).action_reopen()
        self.task_offer.with_user(self.user_maria).action_verify()
        appraisal._update_scores()
        self.assertAlmostEqual(appraisal.score_process, 70.0, places=4)
