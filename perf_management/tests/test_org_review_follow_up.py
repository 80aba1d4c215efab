from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestFindingFollowUp(CascadeCommon):
    """Maria reviews Sales for FY 2031 (in its Check phase) and carries its
    findings into FY 2032: as tasks of Sales' objective there (set from
    above), or as an objective of Sales she proposes and Carl, who manages
    Commercial (the department above Sales), confirms. Olga manages
    Operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_carl = new_test_user(
            cls.env,
            login="perf_carl",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Carl Commercial",
        )
        cls.dep_commercial = cls.env["hr.department"].create(
            {"name": "Commercial (test)"}
        )
        cls.dep_commercial.manager_id = cls.env["hr.employee"].create(
            {
                "name": "Carl Commercial",
                "user_id": cls.user_carl.id,
                "department_id": cls.dep_commercial.id,
            }
        )
        cls.dep_sales.parent_id = cls.dep_commercial
        cls.cycle.with_user(cls.user_admin).action_do()
        cls.cycle.with_user(cls.user_admin).action_check()
        cls.next_cycle = cls._cycle(cls.company, 2032, name="FY 2032")
        next_year = cls.next_cycle.year_period_id
        cls.company_2032 = company_2032 = cls._objective(
            "Grow in 2032", "company", next_year, user_id=cls.user_admin.id
        )
        cls.sales_2032 = cls._objective(
            "Sell more in 2032",
            "department",
            next_year,
            parent=company_2032,
            department_id=cls.dep_sales.id,
            user_id=cls.user_maria.id,
        )
        cls.ops_2032 = cls._objective(
            "Ship on time in 2032",
            "department",
            next_year,
            parent=company_2032,
            department_id=cls.dep_ops.id,
            user_id=cls.user_olga.id,
        )
        cls.review = (
            cls.env["perf.org.review"]
            .with_user(cls.user_maria)
            .create({"cycle_id": cls.cycle.id, "department_id": cls.dep_sales.id})
        )
        cls.review.action_start()

    def _finding(self, **values):
        return (
            self.env["perf.org.review.finding"]
            .with_user(self.user_maria)
            .create(
                {
                    "review_id": self.review.id,
                    "question": "capabilities",
                    "finding": "Quotes take a week",
                    "name": "Quote within two days",
                    "completion_standard": "No quote older than two days",
                    **values,
                }
            )
        )

    def test_manager_proposes_her_unit_objective_the_level_above_confirms(self):
        finding = self._finding(responsible_id=self.emp_paul.id)
        finding.action_create_objective()
        objective = finding.next_objective_id
        self.assertTrue(objective.is_proposed)
        self.assertEqual(objective.department_id, self.dep_sales)
        self.assertEqual(objective.period_id, self.next_cycle.year_period_id)
        self.assertFalse(objective.parent_id)
        self.assertTrue(
            any(
                "proposed: the level above confirms its target" in body
                for body in self.review.message_ids.mapped("body")
            )
        )
        # Maria sets her proposal up: an indicator and its target, a task.
        maria = self.user_maria
        as_maria = objective.with_user(maria)
        self.assertTrue(as_maria.is_own)
        self.assertTrue(as_maria.can_manage)
        self.assertFalse(as_maria.can_confirm_target)
        indicator = (
            self.env["perf.indicator"]
            .with_user(maria)
            .create(
                {
                    "name": "Quotes sent within two days (%)",
                    "objective_id": objective.id,
                    "target_value": 90,
                }
            )
        )
        indicator.write({"target_value": 95})
        task = (
            self.env["perf.task"]
            .with_user(maria)
            .create(
                {
                    "name": "Quote template",
                    "objective_id": objective.id,
                    "completion_standard": "Template used for every quote",
                    "assignee_level": "department",
                    "department_id": self.dep_north.id,
                    "weight": 2,
                }
            )
        )
        # Never her own confirmation, nor a verification of her unit's work.
        with self.assertRaisesText(AccessError, "never the manager who proposed"):
            as_maria.action_confirm_target()
        with self.assertRaises(AccessError):
            as_maria.write({"is_proposed": False})
        task.with_user(maria).action_done()
        self.assertFalse(task.with_user(maria).can_verify)
        # Another department's manager neither reads nor confirms it.
        with self.assertRaises(AccessError):
            objective.with_user(self.user_olga).action_confirm_target()

        # Carl, above Sales, finds it and confirms the target.
        Objective = self.env["perf.objective"].with_user(self.user_carl)
        self.assertIn(objective, Objective.search([("is_proposed", "=", True)]))
        as_carl = objective.with_user(self.user_carl)
        self.assertTrue(as_carl.can_confirm_target)
        as_carl.action_confirm_target()
        self.assertFalse(objective.is_proposed)
        self.assertTrue(
            any(
                "Target confirmed by Carl Commercial" in body
                for body in objective.message_ids.mapped("body")
            )
        )
        # From now on it is set from above: Maria plans it, no more.
        objective.invalidate_recordset()
        self.assertFalse(as_maria.can_manage)
        self.assertTrue(as_maria.is_own_unit)
        with self.assertRaises(AccessError):
            indicator.with_user(maria).write({"target_value": 50})
        with self.assertRaises(AccessError):
            task.with_user(maria).write({"weight": 5})
        self.assertEqual(indicator.target_value, 95)

    def test_administrator_confirms_and_nobody_marks_by_hand(self):
        finding = self._finding()
        finding.action_create_objective()
        objective = finding.next_objective_id
        # The responsible is who proposed it, without one.
        self.assertEqual(objective.user_id, self.user_maria)
        with self.assertRaises(AccessError):
            objective.with_user(self.user_admin).write({"is_proposed": False})
        with self.assertRaisesText(ValidationError, "is proposed"):
            objective.with_user(self.user_maria).write(
                {"parent_id": self.company_2032.id}
            )
        objective.with_user(self.user_admin).action_confirm_target()
        self.assertFalse(objective.is_proposed)
        # An administrator's own finding makes a confirmed objective at once.
        second = self._finding(name="Price list per segment")
        second.with_user(self.user_admin).action_create_objective()
        self.assertFalse(second.next_objective_id.is_proposed)

    def test_findings_become_tasks_of_her_unit_objective(self):
        finding = self._finding(responsible_id=self.emp_paul.id)
        # The objectives of the unit in FY 2032 are offered, not another's.
        offered = self.env["perf.objective"].search(
            finding.with_user(self.user_maria).next_objective_domain
        )
        self.assertIn(self.sales_2032, offered)
        self.assertNotIn(self.ops_2032, offered)
        finding.next_objective_id = self.sales_2032
        finding.action_create_task()
        task = finding.next_task_id
        self.assertEqual(task.objective_id, self.sales_2032)
        self.assertEqual(task.employee_id, self.emp_paul)
        self.assertEqual(task.create_uid, self.user_maria)
        self.assertEqual(task.completion_standard, "No quote older than two days")
        # Not an objective outside her unit, with a clear error.
        other = self._finding(name="Ship samples faster")
        other.next_objective_id = self.company_2032
        with self.assertRaisesText(UserError, "cannot hold the task"):
            other.action_create_task()
        with self.assertRaisesText(UserError, "an objective of Sales (test)"):
            other.action_create_task()
        self.assertFalse(other.next_task_id)
        # Olga, who manages another department, does not follow it up.
        with self.assertRaises(AccessError):
            other.with_user(self.user_olga).action_create_task()
        # A task of her own is set from above: she assigns it in her unit.
        own = self._finding(name="Coach the sellers", responsible_id=self.emp_maria.id)
        own.next_objective_id = self.sales_2032
        with self.assertRaisesText(AccessError, "not to you or your post"):
            own.action_create_task()
        self.assertFalse(own.next_task_id)

    def test_done_review_findings_still_follow_up_in_the_form(self):
        first = self._finding(responsible_id=self.emp_paul.id)
        self.review.action_done()
        with Form(self.review.with_user(self.user_maria)) as form:
            with form.finding_ids.edit(0) as line:
                line.next_objective_id = self.sales_2032
                with self.assertRaises(AssertionError):
                    line.finding = "Rewritten"
        self.assertEqual(first.next_objective_id, self.sales_2032)
        first.with_user(self.user_maria).action_create_task()
        self.assertEqual(first.next_task_id.objective_id, self.sales_2032)
        self.assertEqual(first.finding, "Quotes take a week")

    def test_no_objective_to_attach_to_is_a_clear_error(self):
        finding = self._finding()
        with self.assertRaisesText(UserError, "Choose the objective"):
            finding.action_create_task()
        (self.sales_2032 | self.ops_2032).with_user(self.user_admin).write(
            {"active": False}
        )
        with self.assertRaisesText(UserError, "has no objective to become a task"):
            finding.action_create_task()
        self.assertFalse(finding.next_task_id)
