from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestOwnObjectives(CascadeCommon):
    """For their own objectives a manager has an employee's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_head = cls.env["hr.job"].create(
            {"name": "Head of Sales (test)", "department_id": cls.dep_sales.id}
        )
        cls.emp_maria.job_id = cls.job_head
        # Set by the company level: Maria's own objective, her post's and her
        # department's (obj_sales, child of the company objective).
        cls.obj_maria = cls._objective(
            "Maria coaches the sellers",
            "employee",
            cls.q1,
            parent=cls.obj_sales,
            employee_id=cls.emp_maria.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_head = cls._objective(
            "Heads of sales hire",
            "post",
            cls.year,
            parent=cls.obj_sales,
            job_id=cls.job_head.id,
            user_id=cls.user_maria.id,
        )
        cls.ind_maria = cls._indicator(cls.obj_maria, name="Coaching hours")
        cls.ind_sales = cls._indicator(cls.obj_sales, name="Revenue")
        cls.task_maria = cls._task(cls.obj_maria, name="Coach Paul")

    def test_own_objectives_are_in_the_team_and_own(self):
        Objective = self.env["perf.objective"].with_user(self.user_maria)
        own = Objective.search([("is_own", "=", True)])
        self.assertEqual(own, self.obj_maria | self.obj_head | self.obj_sales)
        team = Objective.search([("is_my_team", "=", True)])
        self.assertTrue(own < team)
        self.assertIn(self.obj_paul_jan, team - own)
        # A sub-department objective Maria decomposed herself is not her own,
        # even when she manages that sub-department directly.
        self.dep_north.manager_id = self.emp_maria
        north = self._objective(
            "North sells",
            "department",
            self.q1,
            parent=self.obj_sales,
            department_id=self.dep_north.id,
        )
        self.assertFalse(north.with_user(self.user_maria).is_own)
        self.assertTrue(self.obj_sales.with_user(self.user_maria).is_own)

    def test_manager_enters_actuals_not_targets_of_own_objectives(self):
        maria = self.user_maria
        for indicator in (self.ind_maria, self.ind_sales):
            with self.subTest(indicator=indicator.name):
                self.env.invalidate_all()
                indicator = indicator.with_user(maria)
                self.assertTrue(indicator.can_enter_actual)
                self.assertFalse(indicator.can_edit_targets)
                indicator.write({"actual_value": 20})
                self.assertFalse(indicator.can_clear_actual)
                self.assertEqual(indicator.actual_value, 20)
                with self.assertRaisesText(AccessError, "Target"):
                    indicator.write({"target_value": 1})
                with self.assertRaises(AccessError):
                    indicator.write({"weight": 9})
                with self.assertRaises(AccessError):
                    indicator.write({"curve": "binary", "cap": 500})
                with self.assertRaisesText(AccessError, "cannot delete"):
                    indicator.unlink()
                self.assertEqual(indicator.target_value, 100)
        for objective in (self.obj_maria, self.obj_head, self.obj_sales):
            with self.subTest(objective=objective.name):
                objective = objective.with_user(maria)
                self.assertFalse(objective.can_manage)
                with self.assertRaisesText(AccessError, "your own"):
                    objective.write({"weight": 5})
                with self.assertRaises(AccessError):
                    objective.write({"own_indicators_weight": 0})
                with self.assertRaises(AccessError):
                    objective.write({"active": False})
                with self.assertRaises(AccessError):
                    self.env["perf.indicator"].with_user(maria).create(
                        {
                            "name": "Easy win",
                            "objective_id": objective.id,
                            "target_value": 1,
                        }
                    )
                # Her unit's objective takes the tasks she plans (see
                # test_task_planning.py), her own and her post's none.
                if objective != self.obj_sales:
                    with self.assertRaises(AccessError):
                        self.env["perf.task"].with_user(maria).create(
                            {
                                "name": "Easy task",
                                "objective_id": objective.id,
                                "completion_standard": "Done",
                                "assignee_level": "department",
                                "department_id": self.dep_sales.id,
                            }
                        )
                self.assertEqual(objective.weight, 1)
        self.obj_maria.with_user(maria).write({"description": "<p>Noted</p>"})
        # Her own objective cannot be created by her either.
        with self.assertRaisesText(AccessError, "would be your own"):
            self.env["perf.objective"].with_user(maria).create(
                {
                    "name": "Maria in Q2",
                    "level": "employee",
                    "employee_id": self.emp_maria.id,
                    "period_id": self.q2.id,
                    "parent_id": self.obj_sales.id,
                }
            )
        with self.assertRaisesText(AccessError, "cannot delete"):
            self.obj_maria.with_user(maria).unlink()

    def test_manager_does_not_decompose_to_her_own_department(self):
        company_goal = self._objective("Cut costs", "company", self.year)
        space = self.env["perf.decomposition.space"].with_user(self.user_maria)
        with self.assertRaisesText(AccessError, "would be your own"):
            space._decompose_objectives(
                company_goal, "department", targets={company_goal.id: self.dep_sales}
            )
        self.assertFalse(company_goal.child_ids)

    def test_manager_decomposes_own_objective_downwards(self):
        maria = self.user_maria
        child = (
            self.env["perf.objective"]
            .with_user(maria)
            .create(
                {
                    "name": "Sales in Q1",
                    "level": "department",
                    "department_id": self.dep_sales.id,
                    "period_id": self.q1.id,
                    "parent_id": self.obj_sales.id,
                }
            )
        )
        indicator = (
            self.env["perf.indicator"]
            .with_user(maria)
            .create(
                {"name": "Q1 revenue", "objective_id": child.id, "target_value": 30}
            )
        )
        indicator.write({"target_value": 35})
        self.assertEqual(indicator.target_value, 35)
        self.assertTrue(indicator.with_user(maria).can_edit_targets)
        self.assertTrue(child.with_user(maria).can_manage)

    def test_manager_does_not_verify_own_task(self):
        task = self.task_maria.with_user(self.user_maria)
        task.action_done()
        self.assertFalse(task.can_verify)
        self.assertTrue(task.can_change_state)
        self.assertFalse(task.can_manage)
        with self.assertRaisesText(UserError, "your own work"):
            task.action_verify()
        with self.assertRaises(AccessError):
            task.write({"weight": 4})
        self.assertEqual(self.task_maria.state, "done")
        self.task_maria.with_user(self.user_admin).action_verify()
        self.assertEqual(self.task_maria.state, "verified")
        with self.assertRaisesText(UserError, "your own work"):
            task.action_reset()
        with self.assertRaises(AccessError):
            self.task_maria.with_user(self.user_maria).unlink()

    def test_actual_corrected_not_cleared(self):
        weak = self._indicator(self.obj_paul_jan, name="Calls", target_value=100)
        strong = self._indicator(self.obj_paul_jan, name="Visits", target_value=100)
        (weak | strong).write({"has_actual": False})
        paul = self.user_paul
        weak.with_user(paul).write({"actual_value": 20})
        strong.with_user(paul).write({"actual_value": 110})
        self.assertEqual(self.obj_paul_jan.indicator_progress, 65)
        weak.with_user(paul).write({"actual_value": 30})
        self.assertEqual(self.obj_paul_jan.indicator_progress, 70)
        for vals in ({"has_actual": False}, {"actual_value": 0, "has_actual": False}):
            with self.assertRaisesText(AccessError, "cannot clear the actual"):
                weak.with_user(paul).write(vals)
        with self.assertRaisesText(AccessError, "cannot clear the actual"):
            weak.with_user(paul).action_clear_actual()
        self.assertEqual(self.obj_paul_jan.indicator_progress, 70)
        # Neither does a manager on her own indicators.
        self.ind_maria.with_user(self.user_maria).write({"actual_value": 5})
        with self.assertRaisesText(AccessError, "cannot clear the actual"):
            self.ind_maria.with_user(self.user_maria).action_clear_actual()
        # The manager of the team clears it, and the chatter says so.
        self.assertFalse(weak.with_user(paul).can_clear_actual)
        self.assertTrue(weak.with_user(self.user_maria).can_clear_actual)
        weak.with_user(self.user_maria).action_clear_actual()
        self.assertFalse(weak.has_actual)
        self.assertEqual(self.obj_paul_jan.indicator_progress, 110)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = weak.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "has_actual"
        )
        self.assertTrue(tracked)
