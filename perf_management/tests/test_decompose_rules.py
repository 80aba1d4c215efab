from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import DecomposeCase


@tagged("post_install", "-at_install")
class TestDecomposeAsManager(DecomposeCase):
    """A Performance Manager who is no HR officer manages their department's
    cascade; responsibles and weights follow the method."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.manager = new_test_user(
            cls.env,
            login="perf_decompose_head",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Sales Head",
            **company_values,
        )
        cls.sellers = [
            new_test_user(
                cls.env,
                login=f"perf_decompose_seller_{index}",
                groups="base.group_user",
                name=employee.name,
                **company_values,
            )
            for index, employee in enumerate(cls.employees)
        ]
        cls.head = cls.env["hr.employee"].create(
            {
                "name": "Sales Head",
                "company_id": cls.company.id,
                "user_id": cls.manager.id,
                "department_id": cls.dep_sales.id,
                "job_id": cls.job_manager.id,
            }
        )
        cls.dep_sales.manager_id = cls.head
        for employee, user in zip(cls.employees, cls.sellers, strict=True):
            employee.user_id = user
        # Seller 0 manages the three others.
        cls.employees[1:].parent_id = cls.employees[0]
        cls.sales_objective = cls._make_objective(
            "Sell more",
            level="department",
            department_id=cls.dep_sales.id,
            parent_id=cls.objective.id,
            user_id=cls.manager.id,
        )

    def test_manager_decomposes_to_posts_without_hr_rights(self):
        self.assertFalse(self.manager.has_group("hr.group_hr_user"))
        wizard = self.env["perf.decompose.space.wizard"].with_user(self.manager)
        with Form(
            wizard.with_context(default_objective_id=self.sales_objective.id)
        ) as form:
            self.assertEqual(form.target_level, "post")
            # Her own post's objective is set from above: she gets no share.
            self.assertEqual(len(form.line_ids), 1)
        form.record.action_decompose()
        self.assertEqual(self._children(self.sales_objective).job_id, self.job_rep)

    def test_manager_splits_department_task_into_posts(self):
        task = self.env["perf.task"].create(
            {
                "name": "Review the key accounts",
                "objective_id": self.sales_objective.id,
                "assignee_level": "department",
                "department_id": self.dep_sales.id,
                "completion_standard": "Every key account has a plan.",
            }
        )
        task.with_user(self.manager).action_split_into_posts()
        # Her own post's task is set from above, like her post's objective.
        self.assertEqual(task.child_ids.job_id, self.job_rep)

    def test_nobody_verifies_their_own_objective(self):
        rep_objective = self._make_objective(
            "Representatives sell",
            level="post",
            job_id=self.job_rep.id,
            parent_id=self.sales_objective.id,
            user_id=self.manager.id,
        )
        self.env["perf.decomposition.space"].with_user(
            self.manager
        )._decompose_objectives(rep_objective, "employee")
        children = self._children(rep_objective)
        self.assertEqual(len(children), 3)
        # Their manager (Seller 0) follows the three representatives.
        self.assertEqual(children.user_id, self.sellers[0])
        # Seller 0 reports to nobody and is the responsible of the post
        # objective: the department's head follows Seller 0.
        manager_post = self._make_objective(
            "Managers sell",
            level="post",
            job_id=self.job_manager.id,
            parent_id=self.sales_objective.id,
            user_id=self.sellers[0].id,
        )
        self.env["perf.decomposition.space"]._decompose_objectives(
            manager_post, "employee", targets={manager_post.id: self.employees[0]}
        )
        child = self._children(manager_post)
        self.assertEqual(child.employee_id, self.employees[0])
        self.assertEqual(child.user_id, self.manager)
        for objective in self.env["perf.objective"].search(
            [("level", "=", "employee"), ("company_id", "=", self.company.id)]
        ):
            self.assertNotEqual(objective.user_id, objective.employee_id.user_id)

    def test_post_held_by_its_department_head(self):
        """The head holds the Sales Manager post: the parent's responsible
        follows that post, not the head."""
        self.sales_objective.user_id = self.env.user
        self.env["perf.decomposition.space"]._decompose_objectives(
            self.sales_objective, "post"
        )
        children = self._children(self.sales_objective)
        by_job = {child.job_id: child for child in children}
        self.assertEqual(by_job[self.job_manager].user_id, self.env.user)
        self.assertEqual(by_job[self.job_rep].user_id, self.manager)

    def test_children_take_their_level_policy_weight(self):
        """A department's result indicator weighs what the department policy
        gives results (60), not the company's weight."""
        self._as_admin("perf.decomposition.space")._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: self.dep_sales | self.dep_ops},
        )
        children = self._children(self.objective).filtered("decomposition_key")
        self.assertEqual(
            set(children.indicator_ids.mapped("weight")), {60.0}, "result at 60 %"
        )
        # Posts weigh process and competency only: a result indicator, which
        # the post policy ignores, keeps the parent's weight.
        self.env["perf.decomposition.space"]._decompose_objectives(children[0], "post")
        self.assertEqual(
            set(self._children(children[0]).indicator_ids.mapped("weight")), {60.0}
        )


@tagged("post_install", "-at_install")
class TestDecomposePrecision(DecomposeCase):
    def _objective_with(self, **indicator):
        return self.env["perf.objective"].create(
            {
                "name": "Precise",
                "company_id": self.company.id,
                "level": "company",
                "period_id": self.year.id,
                "indicator_ids": [
                    Command.create({"name": "Target", "weight": 1.0, **indicator})
                ],
            }
        )

    def _split(self, objective, departments):
        self._as_admin("perf.decomposition.space")._decompose_objectives(
            objective, "department", targets={objective.id: departments}
        )
        return [child.indicator_ids.target_value for child in self._children(objective)]

    def test_count_splits_into_whole_numbers(self):
        objective = self._objective_with(target_value=10.0, unit_type="count")
        self.assertEqual(objective.indicator_ids.decimal_places, 0)
        parts = self._split(objective, self.dep_sales | self.dep_ops | self.dep_people)
        self.assertEqual(sorted(parts), [3.0, 3.0, 4.0])

    def test_amount_in_the_currency_precision(self):
        objective = self._objective_with(target_value=100.0, unit_type="amount")
        self.assertEqual(
            objective.indicator_ids.decimal_places,
            self.company.currency_id.decimal_places,
        )
        parts = self._split(objective, self.dep_sales | self.dep_ops | self.dep_people)
        self.assertEqual(sum(parts), 100.0)
        self.assertEqual(sorted(parts), [33.33, 33.33, 33.34])

    def test_parent_precision_is_kept(self):
        objective = self._objective_with(target_value=1000.555)
        parts = self._split(objective, self.dep_sales | self.dep_ops)
        self.assertEqual(sorted(parts), [500.277, 500.278])
        self.assertAlmostEqual(sum(parts), 1000.555, places=9)


@tagged("post_install", "-at_install")
class TestDecomposeShape(TransactionCase):
    def test_engine_on_models_wizards_thin(self):
        for name in (
            "perf.decomposition",
            "perf.decomposition.space",
            "perf.decomposition.time",
        ):
            self.assertTrue(self.env[name]._abstract, name)
        for name in ("perf.decompose.space.wizard", "perf.decompose.time.wizard"):
            self.assertTrue(self.env[name]._transient, name)


@tagged("post_install", "-at_install")
class TestDecomposeSubDepartments(DecomposeCase):
    def test_department_objective_to_its_sub_departments(self):
        root = self._make_objective(
            "Company-wide service",
            level="department",
            department_id=self.dep_root.id,
        )
        space = self.env["perf.decomposition.space"]
        results = space._decompose_objectives(
            root,
            "department",
            targets={root.id: self.dep_sales | self.dep_ops},
            shares={root.id: [70, 30]},
        )
        children = self._children(root)
        self.assertEqual(results[root.id]["created"], children)
        self.assertEqual(children.department_id, self.dep_sales | self.dep_ops)
        self.assertEqual(set(children.mapped("level")), {"department"})
        self.assertEqual(
            self._indicator_named(children[0], "Revenue").target_value, 840_000.0
        )

    def test_default_targets_never_a_department_and_its_children(self):
        dep_north = self.env["hr.department"].create(
            {
                "name": "Sales North",
                "company_id": self.company.id,
                "parent_id": self.dep_sales.id,
            }
        )
        other_company = self.env["res.company"].create({"name": "Holding"})
        holding = self.env["hr.department"].create(
            {"name": "Holding board", "company_id": other_company.id}
        )
        # A department of the company under a department of another company
        # is at the top of the company's tree.
        branch = self.env["hr.department"].create(
            {
                "name": "Branch",
                "company_id": self.company.id,
                "parent_id": holding.id,
            }
        )
        space = self.env["perf.decomposition.space"]
        top = self.dep_root | branch
        self.assertEqual(
            space._get_default_targets(self.objective, "department")[self.objective.id],
            top,
        )
        # A department objective: its direct sub-departments only.
        root = self._make_objective(
            "Company-wide service", level="department", department_id=self.dep_root.id
        )
        children = self.dep_sales | self.dep_ops | self.dep_people
        self.assertEqual(
            space._get_default_targets(root, "department")[root.id], children
        )
        wizard = self.env["perf.decompose.space.wizard"]
        with Form(wizard.with_context(default_objective_id=root.id)) as form:
            form.target_level = "department"
            self.assertEqual(form.department_scope, "children")
            self.assertEqual(len(form.line_ids), 3)
        form.record.action_decompose()
        self.assertEqual(self._children(root).department_id, children)
        self.assertNotIn(dep_north, self._children(root).department_id)
        # Decomposed without targets, the company objective goes to the top
        # departments, never to a department and its own sub-departments.
        space._decompose_objectives(self.objective, "department")
        self.assertEqual(self._children(self.objective).department_id, top)

    def test_same_department_is_still_refused(self):
        root = self._make_objective(
            "Sales service", level="department", department_id=self.dep_sales.id
        )
        with self.assertRaises(ValidationError):
            self._make_objective(
                "Sales service again",
                level="department",
                department_id=self.dep_sales.id,
                parent_id=root.id,
            )
        self.assertFalse(self._children(root))
