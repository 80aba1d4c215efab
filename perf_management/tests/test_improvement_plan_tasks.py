from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CascadeCommon, write_self_review


@tagged("post_install", "-at_install")
class TestImprovementActionTasks(CascadeCommon):
    """During Q2 (FY 2031 in its Do phase), Maria turns an action of Paul's
    Q1 appraisal into a task of Paul's Q2 objective, in the same cycle. Paul
    has objectives for Q1, January (both appraised), Q2 and April."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.with_user(cls.user_admin).action_do()
        cls.obj_paul_q2 = cls._objective(
            "Paul renews accounts",
            "employee",
            cls.q2,
            parent=cls.obj_seller,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_paul_april = cls._objective(
            "Paul renews 2 accounts",
            "employee",
            cls.april,
            parent=cls.obj_paul_q2,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        appraisal = (
            cls.env["perf.appraisal"]
            .with_user(cls.user_admin)
            .create({"employee_id": cls.emp_paul.id, "period_id": cls.q1.id})
        )
        appraisal.with_user(cls.user_maria).action_start()
        write_self_review(appraisal)
        appraisal.with_user(cls.user_paul).action_submit_self_review()
        cls.appraisal = appraisal
        cls.action = (
            cls.env["perf.appraisal.action"]
            .with_user(cls.user_maria)
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "name": "Shadow a key account manager",
                    "completion_standard": "Two joint visits reported",
                    "date_deadline": "2031-05-15",
                }
            )
        )

    def _offered(self, action):
        return self.env["perf.objective"].search(action.next_objective_domain)

    def test_q1_action_becomes_a_task_of_the_q2_objective(self):
        action = self.action
        self.assertEqual(self.cycle.phase, "do")
        # Paul's objectives of the later periods of FY 2031, not Q1's.
        self.assertEqual(self._offered(action), self.obj_paul_q2 | self.obj_paul_april)
        with Form(action) as form:
            form.next_objective_id = self.obj_paul_q2
        action.action_create_task()
        task = action.next_task_id
        self.assertEqual(task.objective_id, self.obj_paul_q2)
        self.assertEqual(task.employee_id, self.emp_paul)
        self.assertEqual(task.completion_standard, "Two joint visits reported")
        self.assertEqual(str(task.date_deadline), "2031-05-15")
        self.assertEqual(task.create_uid, self.user_maria)
        self.assertTrue(
            any(
                "became task Shadow a key account manager" in body
                for body in self.appraisal.message_ids.mapped("body")
            )
        )
        # A second click opens it; Paul sees it in his tasks and marks it done.
        self.assertEqual(action.action_create_task()["res_id"], task.id)
        task.with_user(self.user_paul).action_done()
        task.with_user(self.user_maria).action_verify()
        self.assertEqual(task.state, "verified")

    def test_only_later_open_objectives_of_the_employee(self):
        action = self.action
        for objective in (self.obj_paul_q1, self.obj_paul_jan, self.obj_oscar):
            with self.subTest(objective=objective.name):
                action.next_objective_id = objective
                with self.assertRaisesText(UserError, "cannot hold the task"):
                    action.action_create_task()
                self.assertFalse(action.next_task_id)
        # April is locked: not offered any more.
        self.april.with_user(self.user_admin).action_lock()
        self.assertEqual(self._offered(action), self.obj_paul_q2)
        action.next_objective_id = self.obj_paul_april
        with self.assertRaisesText(UserError, "after Q1"):
            action.action_create_task()

    def test_nothing_to_attach_to_is_a_clear_error(self):
        action = self.action
        with self.assertRaisesText(UserError, "Choose the objective"):
            action.action_create_task()
        (self.obj_paul_q2 | self.obj_paul_april).with_user(self.user_admin).write(
            {"active": False}
        )
        with self.assertRaises(UserError) as catcher:
            action.action_create_task()
        message = str(catcher.exception)
        self.assertIn("has no objective to become a task of", message)
        self.assertIn("Paul Seller's objectives of a period after Q1", message)
        self.assertIn("once a performance administrator creates it", message)
        self.assertFalse(action.next_task_id)

    def test_next_cycle_still_waits_for_check_or_act(self):
        next_cycle = self._cycle(self.company, 2032, name="FY 2032")
        paul_2032 = self._objective(
            "Paul in 2032",
            "employee",
            next_cycle.year_period_id,
            employee_id=self.emp_paul.id,
            user_id=self.user_maria.id,
        )
        self.assertIn(paul_2032, self._offered(self.action))
        self.action.next_objective_id = paul_2032
        with self.assertRaisesText(UserError, "Check or Act phase"):
            self.action.action_create_task()
        self.cycle.with_user(self.user_admin).action_check()
        self.action.action_create_task()
        self.assertEqual(self.action.next_task_id.objective_id, paul_2032)

    def test_only_the_plans_writers_make_the_task(self):
        self.action.next_objective_id = self.obj_paul_q2
        for user in (self.user_paul, self.user_olga):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.action.with_user(user).action_create_task()
        self.assertFalse(self.action.next_task_id)
        self.action.with_user(self.user_admin).action_create_task()
        self.assertEqual(self.action.next_task_id.objective_id, self.obj_paul_q2)
