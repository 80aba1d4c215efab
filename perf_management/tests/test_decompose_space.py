from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import DecomposeCase, PerfCase


@tagged("post_install", "-at_install")
class TestDecomposeSpace(DecomposeCase):
    def _wizard(self, objective, **values):
        return Form(
            self.env["perf.decompose.space.wizard"].with_context(
                default_objective_id=objective.id
            )
        )

    def _set_departments(self, form, departments):
        while len(form.line_ids):
            form.line_ids.remove(0)
        for department in departments:
            with form.line_ids.new() as line:
                line.department_id = department

    def test_equal_shares_to_departments(self):
        with self._wizard(self.objective) as form:
            self.assertEqual(form.target_level, "department")
            self.assertEqual(form.department_scope, "company")
            # By default the top of the company's tree: under its single root
            # (Headquarters), the three operational departments.
            self.assertEqual(
                {line["department_id"] for line in form.line_ids._records},
                set((self.dep_sales | self.dep_ops | self.dep_people).ids),
            )
            self._set_departments(form, self.dep_sales | self.dep_ops | self.dep_people)
        form.record.action_decompose()

        children = self._children(self.objective)
        self.assertEqual(len(children), 3)
        self.assertEqual(
            children.department_id, self.dep_sales | self.dep_ops | self.dep_people
        )
        self.assertEqual(set(children.mapped("level")), {"department"})
        self.assertEqual(children.period_id, self.year)
        self.assertEqual(children.mapped("weight"), [33.33, 33.33, 33.33])
        revenue = children.indicator_ids.filtered(lambda ind: ind.name == "Revenue")
        self.assertEqual(len(revenue), 3)
        self.assertAlmostEqual(sum(revenue.mapped("target_value")), 1_200_000.0)
        self.assertEqual(
            revenue.mapped("target_value"), [400_000.0, 400_000.0, 400_000.0]
        )
        # An average is carried over unchanged to every department.
        margin = children.indicator_ids.filtered(lambda ind: ind.name == "Gross margin")
        self.assertEqual(margin.mapped("target_value"), [35.0] * 3)
        self.assertEqual(set(margin.mapped("aggregation")), {"average"})
        # Range bounds that add up are scaled as well.
        stock = children.indicator_ids.filtered(lambda ind: ind.name == "Stock value")
        self.assertEqual(
            sorted(stock.mapped("range_min")), [13_333.33, 13_333.33, 13_333.34]
        )
        self.assertEqual(stock.mapped("range_max"), [20_000.0] * 3)
        self.assertEqual(set(stock.mapped("direction")), {"range"})
        parent_revenue = self._indicator_named(self.objective, "Revenue")
        self.assertEqual(
            set(revenue.mapped("decomposition_key")), {f"indicator:{parent_revenue.id}"}
        )
        sales = children.filtered(lambda child: child.department_id == self.dep_sales)
        self.assertEqual(sales.name, "Grow profitable revenue - Sales")
        self.assertEqual(
            sales.decomposition_key, f"space:department:{self.dep_sales.id}"
        )
        # The parent's chatter lists what was done.
        body = self.objective.message_ids[:1].body
        self.assertIn("Created: 3.", body)

    def test_typed_shares_to_posts(self):
        department_objective = self._make_objective(
            "Sell more",
            level="department",
            department_id=self.dep_sales.id,
            parent_id=self.objective.id,
            weight=50.0,
        )
        with self._wizard(department_objective) as form:
            form.target_level = "post"
            self.assertEqual(form.department_id, self.dep_sales)
            form.share_method = "manual"
            self.assertEqual(len(form.line_ids), 2)
            with form.line_ids.edit(0) as line:
                line.share = 30.0
            with form.line_ids.edit(1) as line:
                line.share = 70.0
            self.assertEqual(form.total_share, 100.0)
        action = form.record.action_decompose()
        self.assertEqual(action["params"]["type"], "success")

        children = self._children(department_objective)
        self.assertEqual(children.job_id, self.job_manager | self.job_rep)
        self.assertEqual(set(children.mapped("level")), {"post"})
        self.assertEqual(children.department_id, self.dep_sales)
        by_job = {child.job_id: child for child in children}
        self.assertEqual(by_job[self.job_manager].weight, 30.0)
        self.assertEqual(
            self._indicator_named(by_job[self.job_rep], "Revenue").target_value,
            840_000.0,
        )

    def test_employees_of_a_job(self):
        objective = self._make_objective(
            "Sell more",
            level="post",
            job_id=self.job_rep.id,
            parent_id=self.objective.id,
        )
        with self._wizard(objective) as form:
            self.assertEqual(form.target_level, "employee")
            form.job_id = self.job_rep
            self.assertEqual(len(form.line_ids), 3)
        form.record.action_decompose()
        children = self._children(objective)
        self.assertEqual(children.employee_id, self.employees[1:])
        self.assertEqual(set(children.mapped("level")), {"employee"})
        self.assertEqual(children.job_id, self.job_rep)

    def test_decompose_many_objectives_at_once(self):
        posts = self.env["perf.objective"]
        for job in (self.job_manager, self.job_rep):
            posts |= self._make_objective(
                job.name, level="post", job_id=job.id, parent_id=self.objective.id
            )
        results = self.env["perf.decomposition.space"]._decompose_objectives(
            posts, "employee"
        )
        self.assertEqual(len(results[posts[0].id]["created"]), 1)
        self.assertEqual(len(results[posts[1].id]["created"]), 3)
        self.assertEqual(
            self._children(posts[1]).mapped("weight"), [33.33, 33.33, 33.33]
        )

    def _decompose_to_sales_and_ops(self, shares):
        """Decompose the company objective to Sales and Operations."""
        return self.env["perf.decomposition.space"]._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: self.dep_sales | self.dep_ops},
            shares={self.objective.id: shares},
        )

    def test_target_edited_by_hand_is_kept(self):
        self._decompose_to_sales_and_ops([50, 50])
        sales, ops = self._children(self.objective)
        self.assertFalse(sales.is_manually_edited)
        # Writing the same value is no edit; a new target is.
        revenue = self._indicator_named(sales, "Revenue")
        revenue.target_value = revenue.target_value
        self.assertFalse(sales.is_manually_edited)
        revenue.target_value = 777_000.0
        self.assertTrue(sales.is_manually_edited)
        self.assertFalse(ops.is_manually_edited)
        results = self._decompose_to_sales_and_ops([40, 60])
        self.assertEqual(results[self.objective.id]["kept"], sales)
        self.assertEqual(revenue.target_value, 777_000.0)

    def test_rerun_updates_and_keeps_edited_children(self):
        self._decompose_to_sales_and_ops([50, 50])
        sales, ops = self._children(self.objective)
        # A manager edits the weight of the sales objective by hand.
        sales.weight = 80.0
        self.assertTrue(sales.is_manually_edited)
        self._indicator_named(self.objective, "Revenue").target_value = 2_000_000.0
        results = self._decompose_to_sales_and_ops([40, 60])
        self.assertEqual(self._children(self.objective), sales | ops)
        self.assertEqual(results[self.objective.id]["kept"], sales)
        self.assertEqual(results[self.objective.id]["updated"], ops)
        self.assertFalse(results[self.objective.id]["created"])
        self.assertEqual(sales.weight, 80.0)
        self.assertEqual(
            self._indicator_named(sales, "Revenue").target_value, 600_000.0
        )
        self.assertEqual(ops.weight, 60.0)
        self.assertFalse(ops.is_manually_edited)
        # The kept child holds 600,000 of the 2,000,000: the rest goes to the
        # others, so that the active children still add up to the parent.
        self.assertEqual(
            self._indicator_named(ops, "Revenue").target_value, 1_400_000.0
        )
        self.assertEqual(len(ops.indicator_ids), 3)
        body = self.objective.message_ids[:1].body
        self.assertIn("Updated: 1.", body)
        self.assertIn("Kept (edited by hand, left unchanged): 1.", body)
        self.assertIn(sales.name, body)
        # A hand-added indicator of a child is left alone.
        extra = self.env["perf.indicator"].create(
            {"name": "Visits", "objective_id": ops.id, "target_value": 10, "weight": 1}
        )
        self._decompose_to_sales_and_ops([40, 60])
        self.assertTrue(extra.exists())
        self.assertEqual(len(ops.indicator_ids), 4)

    def test_notification_reports_kept_children(self):
        departments = self.dep_sales | self.dep_ops | self.dep_people
        with self._wizard(self.objective) as form:
            self._set_departments(form, departments)
        form.record.action_decompose()
        child = self._children(self.objective)[0]
        child.weight = 5.0
        with self._wizard(self.objective) as form:
            self._set_departments(form, departments)
        action = form.record.action_decompose()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn(
            "0 objectives created, 2 updated, 1 kept", action["params"]["message"]
        )
        self.assertIn(child.name, action["params"]["message"])

    def _assert_nothing_created(self):
        self.assertFalse(self._children(self.objective))

    def test_shares_not_totalling_100(self):
        with self._wizard(self.objective) as form:
            self._set_departments(form, self.departments)
            form.share_method = "manual"
            for index in range(4):
                with form.line_ids.edit(index) as line:
                    line.share = 20.0
        with self.assertRaisesRegex(UserError, "total 80.0 %, not 100 %"):
            form.record.action_decompose()
        self._assert_nothing_created()

    def test_negative_share(self):
        with self.assertRaisesRegex(UserError, "must be greater than 0"):
            self.env["perf.decomposition.space"]._decompose_objectives(
                self.objective,
                "department",
                targets={self.objective.id: self.dep_sales | self.dep_ops},
                shares={self.objective.id: [120.0, -20.0]},
            )
        self._assert_nothing_created()

    def test_non_numeric_share(self):
        with self.assertRaisesRegex(UserError, "is not a number"):
            self.env["perf.decomposition.space"]._decompose_objectives(
                self.objective,
                "department",
                targets={self.objective.id: self.dep_sales | self.dep_ops},
                shares={self.objective.id: ["half", 50.0]},
            )
        self._assert_nothing_created()

    def test_higher_level_refused(self):
        employee_objective = self._make_objective(
            "Personal sales",
            level="employee",
            employee_id=self.employees[0].id,
            parent_id=self.objective.id,
        )
        space = self.env["perf.decomposition.space"]
        with self.assertRaisesRegex(UserError, "only be decomposed into a lower level"):
            space._decompose_objectives(
                employee_objective,
                "department",
                targets={employee_objective.id: self.dep_sales},
            )
        with self.assertRaisesRegex(UserError, "only be decomposed into a lower level"):
            space._decompose_objectives(employee_objective, "employee")
        self.assertFalse(self._children(employee_objective))

    def test_no_target_found(self):
        empty = self.env["hr.department"].create(
            {"name": "Empty", "company_id": self.company.id}
        )
        objective = self._make_objective(
            "Empty",
            level="department",
            department_id=empty.id,
            parent_id=self.objective.id,
        )
        with self.assertRaisesRegex(UserError, "No department, post or employee"):
            self.env["perf.decomposition.space"]._decompose_objectives(
                objective, "employee"
            )

    def test_duplicate_target_refused(self):
        wizard = self.env["perf.decompose.space.wizard"].create(
            {
                "objective_id": self.objective.id,
                "target_level": "department",
                "line_ids": [
                    Command.clear(),
                    Command.create({"department_id": self.dep_sales.id}),
                    Command.create({"department_id": self.dep_sales.id}),
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "appears on two lines"):
            wizard.action_decompose()
        self._assert_nothing_created()

    def test_locked_period_refused(self):
        self.year.action_lock()
        with self.assertRaisesRegex(UserError, "locked"):
            self.env["perf.decomposition.space"]._decompose_objectives(
                self.objective, "department"
            )

    def test_manager_runs_the_wizard(self):
        manager = new_test_user(
            self.env,
            login="perf_decompose_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.dep_sales.manager_id = self.env["hr.employee"].create(
            {"name": "Sales Head", "company_id": self.company.id, "user_id": manager.id}
        )
        objective = self._make_objective(
            "Sell more",
            level="department",
            department_id=self.dep_sales.id,
            parent_id=self.objective.id,
        )
        with Form(
            self.env["perf.decompose.space.wizard"]
            .with_user(manager)
            .with_context(default_objective_id=objective.id)
        ) as form:
            form.target_level = "employee"
        form.record.action_decompose()
        children = self._children(objective)
        self.assertEqual(len(children), 4)
        self.assertEqual(children.employee_id, self.employees)

    def test_query_count_does_not_grow_with_children(self):
        """Decomposing into 40 children costs the queries of 10 children."""
        many = self.env["hr.employee"].create(
            [
                {
                    "name": f"Agent {index}",
                    "company_id": self.company.id,
                    "department_id": self.dep_ops.id,
                }
                for index in range(50)
            ]
        )
        space = self.env["perf.decomposition.space"]
        parents = [
            self._make_objective(
                f"Deliver {index}",
                level="department",
                department_id=self.dep_ops.id,
                parent_id=self.objective.id,
            )
            for index in range(3)
        ]
        # Warm the caches of the registry (views, rules, fields) once.
        space._decompose_objectives(
            parents[0], "employee", targets={parents[0].id: many[:5]}
        )

        def run(parent, employees):
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            count = self.cr.sql_log_count
            space._decompose_objectives(
                parent, "employee", targets={parent.id: employees}
            )
            self.env.flush_all()
            self.env.cr.flush()
            return self.cr.sql_log_count - count

        queries_10 = run(parents[1], many[:10])
        self.env.invalidate_all()
        # The only difference allowed: Odoo inserts 100 rows per INSERT query,
        # so the 120 indicators of 40 children take one INSERT more than 30.
        with self.assertQueryCount(queries_10 + 1):
            space._decompose_objectives(
                parents[2], "employee", targets={parents[2].id: many[10:50]}
            )
        self.assertEqual(len(self._children(parents[1])), 10)
        self.assertEqual(len(self._children(parents[2])), 40)
        self.assertEqual(len(self._children(parents[2]).indicator_ids), 120)


@tagged("post_install", "-at_install")
class TestDecomposeDemo(PerfCase):
    def test_demo_cascade_made_by_the_wizards(self):
        """The demo company objective was cascaded by the decomposition engine."""
        objective = self.env.ref("perf_management.demo_objective_revenue")
        departments = objective.child_ids.filtered(
            lambda child: (child.decomposition_key or "").startswith(
                "space:department:"
            )
        )
        sales = self.env.ref("perf_management.dep_sales")
        self.assertEqual(len(departments), 3)
        self.assertEqual(departments.mapped("weight"), [50.0, 30.0, 20.0])
        sales_objective = departments.filtered(
            lambda child: child.department_id == sales
        )
        self.assertEqual(
            self._indicator_named(sales_objective, "Revenue").target_value, 1_200_000.0
        )
        self.assertEqual(
            self._indicator_named(sales_objective, "Gross margin").target_value, 38.0
        )
        self.assertTrue(sales_objective.task_ids.completion_standard)
        posts = sales_objective.child_ids.filtered(lambda child: child.level == "post")
        self.assertEqual(len(posts), 2)
        quarters = sales_objective.child_ids.filtered(
            lambda child: child.period_id.period_type == "quarter"
        )
        self.assertEqual(len(quarters), 4)
        months = quarters.child_ids
        self.assertEqual(len(months), 12)
        self.assertAlmostEqual(
            sum(
                self._indicator_named(month, "Revenue").target_value for month in months
            ),
            1_200_000.0,
            places=2,
        )
        executives = posts.child_ids
        self.assertEqual(set(executives.mapped("level")), {"employee"})
        self.assertEqual(len(executives.child_ids), 4 * len(executives))
