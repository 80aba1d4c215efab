from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestAccess(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.obj_north = cls._objective(
            "North opens 5 accounts",
            "department",
            cls.q1,
            parent=cls.obj_sales,
            department_id=cls.dep_north.id,
            user_id=cls.user_maria.id,
        )
        cls.task_paul = cls._task(cls.obj_paul_jan)
        cls.task_oscar = cls._task(cls.obj_oscar)
        cls.task_north = cls._task(
            cls.obj_sales,
            name="North trade fair",
            assignee_level="department",
            department_id=cls.dep_north.id,
        )
        cls.ind_paul = cls._indicator(cls.obj_paul_jan)
        cls.ind_oscar = cls._indicator(cls.obj_oscar)
        cls.all_objectives = (
            cls.obj_company
            | cls.obj_sales
            | cls.obj_ops
            | cls.obj_seller
            | cls.obj_paul_q1
            | cls.obj_paul_jan
            | cls.obj_oscar
            | cls.obj_north
        )

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_employee_reads_company_department_post_and_own(self):
        visible = self._visible(self.user_paul, self.all_objectives)
        self.assertEqual(
            visible,
            self.obj_company
            | self.obj_north
            | self.obj_seller
            | self.obj_paul_q1
            | self.obj_paul_jan,
        )
        with self.assertRaises(AccessError):
            self.obj_oscar.with_user(self.user_paul).read(["name"])
        # Tasks of visible objectives, his own, his department's.
        tasks = self.task_paul | self.task_oscar | self.task_north
        self.assertEqual(
            self._visible(self.user_paul, tasks), self.task_paul | self.task_north
        )
        indicators = self.ind_paul | self.ind_oscar
        self.assertEqual(self._visible(self.user_paul, indicators), self.ind_paul)

    def test_employee_writes_only_actuals_and_task_states_he_owns(self):
        with self.assertRaises(AccessError):
            self.obj_paul_jan.with_user(self.user_paul).write({"weight": 5})
        with self.assertRaises(AccessError):
            self.env["perf.objective"].with_user(self.user_paul).create(
                {
                    "name": "Self-made",
                    "level": "employee",
                    "employee_id": self.emp_paul.id,
                    "period_id": self.q1.id,
                }
            )
        self.ind_paul.with_user(self.user_paul).write({"actual_value": 40})
        self.assertEqual(self.ind_paul.actual_value, 40)
        self.assertEqual(self.obj_paul_jan.indicator_progress, 40.0)
        with self.assertRaises(AccessError):
            self.ind_oscar.with_user(self.user_paul).write({"actual_value": 40})
        # His own indicator, but its target is his manager's decision.
        target = self.ind_paul.target_value
        with self.assertRaisesText(AccessError, "Target"):
            self.ind_paul.with_user(self.user_paul).write({"target_value": 1})
        with self.assertRaises(AccessError):
            self.ind_paul.with_user(self.user_paul).write({"weight": 9})
        self.assertEqual(self.ind_paul.target_value, target)
        self.task_paul.with_user(self.user_paul).write({"state": "done"})
        self.assertEqual(self.task_paul.state, "done")
        # Visible (his department's) but not his: read only.
        with self.assertRaises(AccessError):
            self.task_north.with_user(self.user_paul).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.task_oscar.with_user(self.user_paul).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.task_paul.with_user(self.user_paul).unlink()
        self.assertEqual(self.task_north.state, "todo")

    def test_employee_changes_state_of_his_post_tasks(self):
        # Paul holds the Seller post in Sales North.
        seller_task = self._task(
            self.obj_seller,
            name="Call the seller leads",
            assignee_level="post",
            job_id=self.job_seller.id,
        )
        buyer_task = self._task(
            self.obj_seller,
            name="Plan the key accounts",
            assignee_level="post",
            job_id=self.job_buyer.id,
        )
        self.assertEqual(seller_task.department_id, self.dep_north)
        tasks = seller_task | buyer_task
        self.assertEqual(self._visible(self.user_paul, tasks), tasks)
        self.assertTrue(seller_task.with_user(self.user_paul).can_change_state)
        seller_task.with_user(self.user_paul).write({"state": "done"})
        self.assertEqual(seller_task.state, "done")
        # Another post of his department: read only.
        self.assertFalse(buyer_task.with_user(self.user_paul).can_change_state)
        with self.assertRaises(AccessError):
            buyer_task.with_user(self.user_paul).write({"state": "done"})
        self.assertEqual(buyer_task.state, "todo")
        # Oscar holds no post: the seller task is not his either.
        with self.assertRaises(AccessError):
            seller_task.with_user(self.user_oscar).write({"state": "todo"})
        # Still only the state.
        with self.assertRaises(AccessError):
            seller_task.with_user(self.user_paul).write({"weight": 3})

    def test_indicator_form_follows_access(self):
        self.ind_paul.write({"actual_value": 30.0})
        ind_seller = self._indicator(self.obj_seller, actual_value=50.0)
        for user, indicator, can_enter, can_edit in (
            (self.user_paul, self.ind_paul, True, False),
            # The post objective: Paul reads it, his manager decides it.
            (self.user_paul, ind_seller, False, False),
            (self.user_maria, self.ind_paul, True, True),
            (self.user_admin, self.ind_oscar, True, True),
        ):
            with self.subTest(user=user.login, indicator=indicator.id):
                # "My Team" of the objectives is cached per record, not per user.
                self.env.invalidate_all()
                indicator = indicator.with_user(user)
                self.assertEqual(indicator.can_enter_actual, can_enter)
                self.assertEqual(indicator.can_edit_targets, can_edit)
        # The form shows the targets read-only to the employee.
        with Form(self.ind_paul.with_user(self.user_paul)) as form:
            form.actual_value = 40.0
            for fname, value in (
                ("target_value", 1.0),
                ("direction", "lower"),
                ("weight", 9.0),
                ("threshold", 10.0),
                ("cap", 150.0),
                ("curve", "binary"),
                ("name", "Renamed"),
                ("dimension", "process"),
                ("unit", "calls"),
                ("objective_id", self.obj_paul_q1),
            ):
                with self.assertRaisesRegex(AssertionError, "readonly"):
                    setattr(form, fname, value)
            # How parts combine is no business of an employee's.
            with self.assertRaisesRegex(AssertionError, "not found in the view"):
                form.aggregation = "last"
        self.assertEqual(self.ind_paul.actual_value, 40.0)
        self.assertEqual(self.ind_paul.target_value, 100.0)
        with Form(self.ind_paul.with_user(self.user_maria)) as form:
            form.target_value = 120.0
        self.assertEqual(self.ind_paul.target_value, 120.0)
        # So does the indicator list of the objective form.
        form = Form(self.obj_paul_jan.with_user(self.user_paul))
        with self.assertRaisesRegex(AssertionError, "readonly"):
            form.name = "Renamed"
        with form.indicator_ids.edit(0) as line:
            for fname, value in (
                ("target_value", 1.0),
                ("weight", 9.0),
                ("name", "Renamed"),
                ("unit", "calls"),
            ):
                with self.assertRaisesRegex(AssertionError, "readonly"):
                    setattr(line, fname, value)
        # Clearing the actual is for those who manage the indicator.
        with self.assertRaisesRegex(AccessError, "cannot clear the actual"):
            ind_seller.with_user(self.user_paul).action_clear_actual()
        self.assertTrue(ind_seller.has_actual)
        with self.assertRaisesRegex(AccessError, "cannot clear the actual"):
            self.ind_paul.with_user(self.user_paul).action_clear_actual()
        self.assertTrue(self.ind_paul.has_actual)
        self.ind_paul.with_user(self.user_maria).action_clear_actual()
        self.assertFalse(self.ind_paul.has_actual)
        arch = (
            self.env["perf.indicator"]
            .with_user(self.user_paul)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        # The button follows the same rule as the server.
        self.assertIn('invisible="not can_clear_actual', arch)
        self.assertFalse(self.ind_paul.with_user(self.user_paul).can_clear_actual)

    def test_manager_edits_departments_and_subordinates(self):
        maria = self.user_maria
        team = (
            self.obj_sales
            | self.obj_north
            | self.obj_seller
            | self.obj_paul_q1
            | self.obj_paul_jan
        )
        self.assertEqual(
            self._visible(maria, self.all_objectives), team | self.obj_company
        )
        team.with_user(maria).write({"description": "<p>Reviewed</p>"})
        child = (
            self.env["perf.objective"]
            .with_user(maria)
            .create(
                {
                    "name": "North Q2",
                    "level": "department",
                    "department_id": self.dep_north.id,
                    "period_id": self.q2.id,
                    "parent_id": self.obj_sales.id,
                }
            )
        )
        self.assertEqual(child.parent_id, self.obj_sales)
        self.task_paul.with_user(maria).write({"weight": 2, "name": "Visit more"})
        self.ind_paul.with_user(maria).write({"target_value": 120})
        # Not her department, nor the company objective.
        with self.assertRaises(AccessError):
            self.obj_company.with_user(maria).write({"weight": 2})
        with self.assertRaises(AccessError):
            self.obj_ops.with_user(maria).write({"weight": 2})
        with self.assertRaises(AccessError):
            self.env["perf.objective"].with_user(maria).create(
                {
                    "name": "Ops Q2",
                    "level": "department",
                    "department_id": self.dep_ops.id,
                    "period_id": self.q2.id,
                    "parent_id": self.obj_ops.id,
                }
            )
        with self.assertRaises(AccessError):
            self.ind_oscar.with_user(maria).write({"target_value": 1})
        # Olga sees her subordinate Oscar's objective, not Paul's.
        olga_view = self._visible(self.user_olga, self.all_objectives)
        self.assertIn(self.obj_oscar, olga_view)
        self.assertNotIn(self.obj_paul_jan, olga_view)
        self.obj_oscar.with_user(self.user_olga).write({"weight": 2})
        self.assertEqual(self.obj_oscar.weight, 2)

    def test_subordinate_outside_managed_department(self):
        # Paul moves to Operations but still reports to Maria.
        self.emp_paul.write(
            {"department_id": self.dep_ops.id, "parent_id": self.emp_maria.id}
        )
        objective = self._objective(
            "Paul in Ops",
            "employee",
            self.q2,
            parent=self.obj_ops,
            employee_id=self.emp_paul.id,
        )
        self.assertEqual(objective.department_id, self.dep_ops)
        self.assertIn(objective, self._visible(self.user_maria, objective))
        self.assertIn(objective, self._visible(self.user_olga, objective))

    def test_admin_does_everything(self):
        admin = self.user_admin
        self.assertEqual(self._visible(admin, self.all_objectives), self.all_objectives)
        self.obj_ops.with_user(admin).write({"weight": 3})
        self.task_oscar.with_user(admin).write({"state": "verified"})
        cycle = (
            self.env["perf.cycle"]
            .with_user(admin)
            .create(
                {
                    "name": "FY 2050",
                    "date_start": "2050-01-01",
                    "date_end": "2050-12-31",
                }
            )
        )
        self.assertEqual(len(cycle.period_ids), 17)
        objective = (
            self.env["perf.objective"]
            .with_user(admin)
            .create(
                {
                    "name": "Admin made",
                    "period_id": cycle.year_period_id.id,
                }
            )
        )
        objective.with_user(admin).unlink()
        # Managers and employees cannot configure cycles.
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_maria).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.january.with_user(self.user_maria).action_lock()

    def test_other_companies_invisible(self):
        other = self.env["res.company"].create({"name": "Subsidiary"})
        other_cycle = self.env["perf.cycle"].create(
            {
                "name": "FY 2031",
                "company_id": other.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        other_objective = self.env["perf.objective"].create(
            {
                "name": "Subsidiary grows",
                "company_id": other.id,
                "period_id": other_cycle.year_period_id.id,
            }
        )
        other_task = self._task(
            other_objective,
            assignee_level="department",
            department_id=self.env["hr.department"]
            .create({"name": "Sub dept", "company_id": other.id})
            .id,
        )
        admin = self.user_admin
        self.assertFalse(self._visible(admin, other_objective))
        self.assertFalse(self._visible(admin, other_task))
        self.assertFalse(self._visible(admin, other_cycle))
        self.assertFalse(self._visible(admin, other_cycle.period_ids))
        # Allowed in both companies, the subsidiary shows only when selected.
        both = new_test_user(
            self.env,
            login="perf_group_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=self.company.id,
            company_ids=[(6, 0, (self.company | other).ids)],
        )
        Objective = self.env["perf.objective"].with_user(both)
        domain = [("id", "=", other_objective.id)]
        self.assertFalse(
            Objective.with_context(allowed_company_ids=[self.company.id]).search(domain)
        )
        self.assertEqual(
            Objective.with_context(
                allowed_company_ids=[self.company.id, other.id]
            ).search(domain),
            other_objective,
        )

    def test_explanation_hides_what_the_employee_cannot_read(self):
        self.task_oscar.action_done()
        explanation = self.obj_company.with_user(self.user_paul).progress_explanation
        self.assertNotIn("Deliver on time", explanation)
        self.assertIn("sub-objectives you cannot see", explanation)
        self.assertIn(f"{self.obj_company.progress:.2f} %", explanation)
        self.assertIn("Deliver on time", self.obj_company.progress_explanation)

    def test_views_load_for_each_group(self):
        for user in (self.user_paul, self.user_maria, self.user_admin):
            for model, types in (
                ("perf.objective", ["list", "form", "kanban", "hierarchy", "search"]),
                ("perf.task", ["list", "form", "kanban", "search"]),
                ("perf.period", ["list", "form", "search"]),
                ("perf.cycle", ["list", "form", "search"]),
            ):
                with self.subTest(user=user.login, model=model):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, view_type) for view_type in types])
                    )
                    self.assertEqual(set(views["views"]), set(types))
        settings = self.env["res.config.settings"].with_user(
            self.env.ref("base.user_admin")
        )
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="perf_cycle_lead_days"', arch)
