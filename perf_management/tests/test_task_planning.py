from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestUnitPlanning(CascadeCommon):
    """Maria manages Sales, whose objective "Sell more" the company level
    set: she plans how Sales reaches it (its tasks, split into post tasks);
    its targets, the tasks' weights and their verification stay with the
    level above (Hanna, administrator). Maria holds the post Head of Sales;
    Sales North (Paul's, with the Seller and Key Account posts) is a
    sub-department of Sales. Olga manages Operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_head = cls.env["hr.job"].create(
            {"name": "Head of Sales (test)", "department_id": cls.dep_sales.id}
        )
        cls.emp_maria.job_id = cls.job_head
        cls.ind_revenue = cls._indicator(cls.obj_sales, name="Revenue")
        # Set from above on Sales' objective.
        cls.task_from_above = cls._task(
            cls.obj_sales,
            "Open the northern market",
            assignee_level="department",
            department_id=cls.dep_north.id,
        )

    def _new_task(self, user=None, **values):
        return (
            self.env["perf.task"]
            .with_user(user or self.user_maria)
            .create(
                {
                    "name": "Train the sellers",
                    "objective_id": self.obj_sales.id,
                    "completion_standard": "Every seller passed the quiz",
                    "assignee_level": "department",
                    "department_id": self.dep_north.id,
                    **values,
                }
            )
        )

    def test_unit_objective_is_hers_to_plan_not_to_target(self):
        Objective = self.env["perf.objective"].with_user(self.user_maria)
        self.assertEqual(Objective.search([("is_own_unit", "=", True)]), self.obj_sales)
        self.assertTrue(self.obj_sales.with_user(self.user_maria).is_own)
        self.assertFalse(self.obj_sales.with_user(self.user_olga).is_own_unit)

    def test_manager_adds_tasks_in_the_objective_form(self):
        maria = self.user_maria
        with Form(self.obj_sales.with_user(maria)) as form:
            with form.task_ids.new() as line:
                line.name = "Train the sellers"
                line.completion_standard = "Every seller passed the quiz"
                line.assignee_level = "department"
                line.department_id = self.dep_north
                line.date_deadline = "2031-06-30"
                # The weight stays with the level above.
                self.assertEqual(line.weight, 1.0)
                with self.assertRaises(AssertionError):
                    line.weight = 3
        task = self.obj_sales.task_ids - self.task_from_above
        self.assertEqual(task.name, "Train the sellers")
        self.assertEqual(task.completion_standard, "Every seller passed the quiz")
        self.assertEqual(task.department_id, self.dep_north)
        self.assertEqual(task.weight, 1.0)
        self.assertEqual(task.create_uid, maria)
        # Her own task form: she edits the plan, not the weight.
        with Form(task.with_user(maria)) as form:
            self.assertTrue(form.can_plan)
            self.assertFalse(form.can_manage)
            form.completion_standard = "Every seller passed the quiz with 80 %"
            with self.assertRaises(AssertionError):
                form.weight = 2
        self.assertEqual(
            task.completion_standard, "Every seller passed the quiz with 80 %"
        )

    def test_manager_adds_a_task_from_the_task_form(self):
        Task = (
            self.env["perf.task"]
            .with_user(self.user_maria)
            .with_context(default_objective_id=self.obj_sales.id)
        )
        with Form(Task) as form:
            self.assertTrue(form.can_plan)
            form.name = "Call every lost customer"
            form.completion_standard = "A call note per lost customer in the CRM"
            form.assignee_level = "employee"
            form.employee_id = self.emp_paul
        task = form.record
        self.assertEqual(task.employee_id, self.emp_paul)
        self.assertEqual(task.objective_id, self.obj_sales)

    def test_manager_splits_tasks_into_post_tasks(self):
        maria = self.user_maria
        # A task set from above, and one she added: both split.
        for task in (self.task_from_above, self._new_task()):
            with self.subTest(task=task.name):
                as_maria = task.with_user(maria)
                self.assertTrue(as_maria.can_split)
                as_maria.action_split_into_posts()
                self.assertEqual(
                    task.child_ids.job_id, self.job_seller | self.job_buyer
                )
                self.assertEqual(
                    set(task.child_ids.mapped("completion_standard")),
                    {task.completion_standard},
                )
        # A task of Sales itself: her own post is left out, set from above.
        sales_task = self._new_task(department_id=self.dep_sales.id)
        sales_task.with_user(maria).action_split_into_posts()
        self.assertFalse(sales_task.child_ids)
        self.env["hr.job"].create(
            {"name": "Sales Assistant (test)", "department_id": self.dep_sales.id}
        )
        sales_task.with_user(maria).action_split_into_posts()
        self.assertEqual(sales_task.child_ids.job_id.name, "Sales Assistant (test)")

    def test_weights_verification_and_targets_stay_above(self):
        maria = self.user_maria
        with self.assertRaisesText(AccessError, "set by the level above"):
            self._new_task(weight=3)
        task = self._new_task()
        as_maria = task.with_user(maria)
        self.assertFalse(as_maria.can_manage)
        with self.assertRaises(AccessError):
            as_maria.write({"weight": 4})
        self.assertEqual(task.weight, 1.0)
        as_maria.action_done()
        self.assertFalse(as_maria.can_verify)
        with self.assertRaisesText(UserError, "your own work"):
            as_maria.action_verify()
        with self.assertRaises(AccessError):
            self.ind_revenue.with_user(maria).write({"target_value": 50})
        with self.assertRaises(AccessError):
            self.obj_sales.with_user(maria).write({"own_tasks_weight": 5})
        # The level above weighs and verifies.
        task.with_user(self.user_admin).write({"weight": 2})
        task.with_user(self.user_admin).action_verify()
        self.assertEqual((task.weight, task.state), (2, "verified"))
        # Done or verified, the task is no longer hers to change.
        with self.assertRaises(AccessError):
            as_maria.write({"name": "Renamed"})

    def test_tasks_set_from_above_stay_as_written(self):
        as_maria = self.task_from_above.with_user(self.user_maria)
        self.assertFalse(as_maria.can_plan)
        with self.assertRaises(AccessError):
            as_maria.write({"completion_standard": "Anything"})
        with self.assertRaisesText(AccessError, "cannot delete"):
            as_maria.unlink()
        self.assertEqual(self.task_from_above.completion_standard, "Visit report filed")

    def test_manager_changes_and_deletes_what_she_planned(self):
        task = self._new_task()
        as_maria = task.with_user(self.user_maria)
        as_maria.write({"assignee_level": "employee", "employee_id": self.emp_paul.id})
        self.assertEqual(task.employee_id, self.emp_paul)
        # Not to herself, her post or outside her unit, even by a move.
        for vals in (
            {"employee_id": self.emp_maria.id},
            {"employee_id": self.emp_oscar.id},
            {"assignee_level": "post", "job_id": self.job_head.id},
            {"assignee_level": "department", "department_id": self.dep_ops.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_maria.write(vals)
        self.assertEqual(task.employee_id, self.emp_paul)
        as_maria.unlink()
        self.assertFalse(task.exists())

    def test_tasks_assigned_within_her_unit_only(self):
        for values in (
            {"assignee_level": "employee", "employee_id": self.emp_maria.id},
            {"assignee_level": "post", "job_id": self.job_head.id},
            {"assignee_level": "employee", "employee_id": self.emp_oscar.id},
            {"assignee_level": "department", "department_id": self.dep_ops.id},
        ):
            with self.subTest(values=values):
                with self.assertRaisesText(AccessError, "assigned within it"):
                    self._new_task(**values)
        self.assertEqual(self.obj_sales.task_ids, self.task_from_above)

    def test_another_department_manager_cannot(self):
        olga = self.user_olga
        with self.assertRaises(AccessError):
            self._new_task(user=olga)
        with self.assertRaises(AccessError):
            self.task_from_above.with_user(olga).action_split_into_posts()
        task = self._new_task()
        with self.assertRaises(AccessError):
            task.with_user(olga).write({"name": "Olga's"})
        with self.assertRaises(AccessError):
            task.with_user(olga).unlink()
        # Nor does Paul, her seller.
        with self.assertRaises(AccessError):
            self._new_task(user=self.user_paul)


@tagged("post_install", "-at_install")
class TestUnitPlanningDemo(TransactionCase):
    """In the demo company, Sophie manages Sales & Marketing, whose yearly
    objective the company's revenue goal set: she plans its tasks; Daniel,
    who manages Operations, does not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.sophie = ref("perf_management.user_sophie")
        cls.daniel = ref("perf_management.user_daniel")
        cls.dep_sales = ref("perf_management.dep_sales")
        revenue = ref("perf_management.demo_objective_revenue")
        cls.objective = cls.env["perf.objective"].search(
            [
                ("parent_id", "=", revenue.id),
                ("period_id", "=", revenue.period_id.id),
                ("department_id", "=", cls.dep_sales.id),
            ]
        )

    def test_sophie_plans_her_department_objective(self):
        self.assertEqual(len(self.objective), 1)
        as_sophie = self.objective.with_user(self.sophie)
        self.assertTrue(as_sophie.is_own)
        self.assertTrue(as_sophie.is_own_unit)
        self.assertFalse(as_sophie.can_manage)
        # From the objective's Tasks button.
        action = as_sophie.action_open_tasks()
        Task = self.env["perf.task"].with_user(self.sophie)
        with Form(Task.with_context(**action["context"])) as form:
            form.name = "Quote every lead within two days"
            form.completion_standard = (
                "No lead older than two days without a quotation in the CRM"
            )
            form.assignee_level = "department"
            form.department_id = self.dep_sales
        task = form.record
        self.assertEqual(task.objective_id, self.objective)
        self.assertEqual(task.create_uid, self.sophie)
        task.with_user(self.sophie).action_split_into_posts()
        # Her own post, Sales Manager, gets its tasks from above.
        self.assertEqual(
            task.child_ids.job_id, self.env.ref("perf_management.job_account_executive")
        )
        with self.assertRaises(UserError):
            task.with_user(self.sophie).action_verify()
        with self.assertRaises(AccessError):
            task.with_user(self.sophie).write({"weight": 5})
        indicator = self.objective.indicator_ids[:1].with_user(self.sophie)
        self.assertFalse(indicator.can_edit_targets)
        with self.assertRaises(AccessError):
            indicator.with_context(perf_change_reason="Easier").write(
                {"target_value": 1}
            )

    def test_daniel_cannot_plan_sales(self):
        self.assertFalse(self.objective.with_user(self.daniel).is_own_unit)
        with self.assertRaises(AccessError):
            self.env["perf.task"].with_user(self.daniel).create(
                {
                    "name": "Help Sales",
                    "objective_id": self.objective.id,
                    "completion_standard": "Done",
                    "assignee_level": "department",
                    "department_id": self.dep_sales.id,
                }
            )
