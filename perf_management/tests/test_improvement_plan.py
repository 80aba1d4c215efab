from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CascadeCommon, write_self_review


@tagged("post_install", "-at_install")
class TestImprovementPlan(CascadeCommon):
    """Paul (reporting to Maria) has his Q1 appraisal in manager review; the
    cycle FY 2031 is in its Check phase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.with_user(cls.user_admin).action_do()
        cls.cycle.with_user(cls.user_admin).action_check()
        cls.appraisal = cls._appraisal_in_review(cls.q1)
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Selling (test)",
                "skill_ids": [Command.create({"name": "Negotiation"})],
                "skill_level_ids": [
                    Command.create({"name": "Basic", "level_progress": 20}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
            }
        )
        cls.skill = cls.skill_type.skill_ids
        cls.company_b = cls.env["res.company"].create({"name": "Other Co (act)"})
        cls.user_admin_b = new_test_user(
            cls.env,
            login="perf_act_admin_b",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.Action = cls.env["perf.appraisal.action"]

    @classmethod
    def _appraisal_in_review(cls, period):
        appraisal = (
            cls.env["perf.appraisal"]
            .with_user(cls.user_admin)
            .create({"employee_id": cls.emp_paul.id, "period_id": period.id})
        )
        appraisal.with_user(cls.user_maria).action_start()
        write_self_review(appraisal)
        appraisal.with_user(cls.user_paul).action_submit_self_review()
        return appraisal

    def _action(self, appraisal=None, user=None, **values):
        return self.Action.with_user(user or self.user_maria).create(
            {
                "appraisal_id": (appraisal or self.appraisal).id,
                "name": "Negotiation course",
                "date_deadline": "2031-06-30",
                **values,
            }
        )

    def _next_cycle(self):
        return self._cycle(self.company, 2032, name="FY 2032")

    # ------------------------------------------------------------------
    # Who writes and who sees the plan
    # ------------------------------------------------------------------

    def test_manager_writes_the_plan_employee_reads_it(self):
        action = self._action(skill_id=self.skill.id)
        self.assertEqual(action.responsible_id, self.emp_paul)
        self.assertEqual(self.appraisal.action_ids, action)
        action.date_deadline = "2031-07-15"

        as_paul = action.with_user(self.user_paul)
        self.assertEqual(as_paul.name, "Negotiation course")
        self.assertEqual(self.appraisal.with_user(self.user_paul).action_ids, as_paul)
        with self.assertRaises(AccessError):
            self._action(user=self.user_paul, name="I give myself a raise")
        with self.assertRaises(AccessError):
            as_paul.name = "Nothing to do"
        with self.assertRaises(AccessError):
            as_paul.action_cancel_action()
        with self.assertRaises(AccessError):
            as_paul.unlink()
        self.assertTrue(as_paul.exists())
        self.assertFalse(
            self.appraisal.with_user(self.user_paul).can_edit_improvement_plan
        )
        self.assertTrue(
            self.appraisal.with_user(self.user_maria).can_edit_improvement_plan
        )
        as_paul.action_mark_done()
        self.assertEqual(action.state, "done")

    def test_nobody_else_sees_the_plan(self):
        action = self._action()
        for user in (self.user_olga, self.user_oscar, self.user_admin_b):
            Action = self.Action.with_user(user)
            self.assertFalse(Action.search([("id", "=", action.id)]), user.name)
            with self.assertRaises(AccessError):
                action.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self._action(user=user, name="Cheat")
        # Olga manages another department: she cannot write it either.
        with self.assertRaises(AccessError):
            action.with_user(self.user_olga).write({"name": "Cheat"})
        # Nor does Maria move it to an appraisal she does not conduct.
        oscar = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .create({"employee_id": self.emp_oscar.id, "period_id": self.q1.id})
        )
        oscar.with_user(self.user_olga).action_start()
        write_self_review(oscar)
        oscar.with_user(self.user_oscar).action_submit_self_review()
        with self.assertRaises(AccessError):
            action.write({"appraisal_id": oscar.id})
        self.assertEqual(action.appraisal_id, self.appraisal)
        # The administrator of the company sees and edits it.
        action.with_user(self.user_admin).name = "Negotiation course (2 days)"
        self.assertEqual(action.name, "Negotiation course (2 days)")

    def test_managers_own_plan_is_not_theirs_to_write(self):
        self.emp_maria.parent_id = self.emp_olga
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .create({"employee_id": self.emp_maria.id, "period_id": self.q1.id})
        )
        appraisal.with_user(self.user_olga).action_start()
        write_self_review(appraisal)
        appraisal.with_user(self.user_maria).action_submit_self_review()
        with self.assertRaises(AccessError):
            self._action(appraisal=appraisal, user=self.user_maria)
        action = self._action(appraisal=appraisal, user=self.user_olga)
        with self.assertRaises(AccessError):
            action.with_user(self.user_maria).write({"name": "Easier"})
        with self.assertRaises(AccessError):
            action.with_user(self.user_maria).action_create_objective()

    def test_plan_is_written_from_manager_review_on(self):
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q2.id})
        )
        with self.assertRaisesText(UserError, "from the manager review on"):
            self._action(appraisal=appraisal)
        self.assertFalse(appraisal.action_ids)

    def test_closed_cycle_plan_is_read_only(self):
        action = self._action()
        admin_cycle = self.cycle.with_user(self.user_admin)
        admin_cycle.action_act()
        admin_cycle.action_close()
        with self.assertRaisesText(UserError, "is closed"):
            action.write({"name": "Later"})
        with self.assertRaisesText(UserError, "is closed"):
            action.with_user(self.user_paul).action_mark_done()
        with self.assertRaisesText(UserError, "is closed"):
            self._action(name="Another")
        self.assertEqual(action.state, "open")
        self.assertFalse(
            self.appraisal.with_user(self.user_maria).can_edit_improvement_plan
        )

    # ------------------------------------------------------------------
    # Followed in the next appraisal
    # ------------------------------------------------------------------

    def test_open_actions_show_in_the_next_appraisal(self):
        still_open = self._action(name="Shadow a key account manager")
        done = self._action(name="Read the pricing guide")
        done.action_mark_done()
        self._action(name="Dropped").action_cancel_action()
        q2 = self._appraisal_in_review(self.q2)

        as_maria = q2.with_user(self.user_maria)
        self.assertEqual(as_maria.previous_action_ids, still_open)
        self.assertEqual(q2.with_user(self.user_paul).previous_action_ids, still_open)
        # Oscar's appraisals are not Paul's previous ones: nothing for him.
        with self.assertRaises(AccessError):
            q2.with_user(self.user_oscar).read(["previous_action_ids"])

        # The employee cannot carry it over into the new plan.
        with self.assertRaises(AccessError):
            still_open.with_user(self.user_paul).with_context(
                perf_carry_to_appraisal_id=q2.id
            ).action_carry_over()
        carry = still_open.with_user(self.user_maria).with_context(
            perf_carry_to_appraisal_id=q2.id
        )
        carry.action_carry_over()
        carry.action_carry_over()
        self.assertEqual(len(q2.action_ids), 1)
        self.assertEqual(q2.action_ids.carried_from_id, still_open)
        self.assertEqual(q2.action_ids.name, "Shadow a key account manager")
        q2.invalidate_recordset()
        self.assertFalse(as_maria.previous_action_ids)

    def test_previous_action_marked_done_leaves_the_list(self):
        action = self._action()
        q2 = self._appraisal_in_review(self.q2)
        self.assertEqual(q2.previous_action_ids, action)
        action.with_user(self.user_paul).action_mark_done()
        q2.invalidate_recordset()
        self.assertFalse(q2.previous_action_ids)

    # ------------------------------------------------------------------
    # One click to the next cycle
    # ------------------------------------------------------------------

    def test_action_becomes_objective_then_task_of_next_cycle(self):
        next_cycle = self._next_cycle()
        action = self._action(
            objective_id=self.obj_paul_q1.id, description="Two days with a trainer."
        )
        Objective = self.env["perf.objective"]
        before = Objective.search_count([])
        with self.assertRaises(AccessError):
            action.with_user(self.user_paul).action_create_objective()

        result = action.action_create_objective()
        objective = action.next_objective_id
        self.assertEqual(result["res_id"], objective.id)
        self.assertEqual(objective.name, "Negotiation course")
        self.assertEqual(objective.level, "employee")
        self.assertEqual(objective.employee_id, self.emp_paul)
        self.assertEqual(objective.period_id, next_cycle.year_period_id)
        self.assertEqual(objective.cycle_id, next_cycle)
        self.assertEqual(objective.user_id, self.user_maria)
        self.assertTrue(
            any(
                "became objective" in body
                for body in self.appraisal.message_ids.mapped("body")
            )
        )
        # Twice does not create twice.
        self.assertEqual(action.action_create_objective()["res_id"], objective.id)
        self.assertEqual(Objective.search_count([]), before + 1)

        with self.assertRaisesText(UserError, "completion standard"):
            action.action_create_task()
        action.completion_standard = "Certificate uploaded"
        action.action_create_task()
        task = action.next_task_id
        self.assertEqual(task.objective_id, objective)
        self.assertEqual(task.assignee_level, "employee")
        self.assertEqual(task.employee_id, self.emp_paul)
        self.assertEqual(task.completion_standard, "Certificate uploaded")
        # The deadline lies in the old cycle: the task gets none.
        self.assertFalse(task.date_deadline)
        action.action_create_task()
        self.assertEqual(
            self.env["perf.task"].search_count([("objective_id", "=", objective.id)]), 1
        )

    def test_task_under_a_chosen_objective_of_the_next_cycle(self):
        next_cycle = self._next_cycle()
        sales_2032 = self._objective(
            "Sell more in 2032",
            "department",
            next_cycle.year_period_id,
            department_id=self.dep_north.id,
        )
        action = self._action(
            completion_standard="Three joint visits reported",
            date_deadline="2032-03-31",
        )
        # Sales' objective of this cycle is not Paul's: refused, saying which.
        action.next_objective_id = self.obj_sales
        with self.assertRaisesText(UserError, "an objective of FY 2032"):
            action.action_create_task()
        self.assertFalse(action.next_task_id)
        action.next_objective_id = sales_2032
        action.action_create_task()
        self.assertEqual(action.next_task_id.objective_id, sales_2032)
        self.assertEqual(action.next_task_id.employee_id, self.emp_paul)
        self.assertEqual(str(action.next_task_id.date_deadline), "2032-03-31")

    def test_only_open_actions_move_to_the_next_cycle(self):
        self._next_cycle()
        action = self._action()
        action.action_cancel_action()
        with self.assertRaisesText(UserError, "only an open action"):
            action.action_create_objective()
        self.assertFalse(action.next_objective_id)
        action.action_reopen_action()
        action.with_user(self.user_admin).action_create_objective()
        # Followed up by Paul's manager, whoever clicked.
        self.assertEqual(action.next_objective_id.user_id, self.user_maria)

    def test_no_next_cycle_clear_error_nothing_created(self):
        action = self._action()
        count = self.env["perf.objective"].search_count([])
        with self.assertRaisesText(UserError, "There is no cycle after FY 2031"):
            action.action_create_objective()
        self.assertFalse(action.next_objective_id)
        self.assertEqual(self.env["perf.objective"].search_count([]), count)

    def test_objective_only_in_check_or_act(self):
        self._next_cycle()
        action = self._action()
        self.cycle.with_user(self.user_admin).with_context(
            perf_change_reason="Targets revised"
        ).action_do()
        with self.assertRaisesText(UserError, "Check or Act phase"):
            action.action_create_objective()
        self.assertFalse(action.next_objective_id)
