from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestRollupEdges(CascadeCommon):
    def test_unmeasured_children_left_out_and_explained(self):
        """A future quarter with nothing measured is not a 0 % failure."""
        sales = self.obj_sales
        q2 = self._objective(
            "Sales Q2",
            "department",
            self.q2,
            parent=sales,
            department_id=self.dep_sales.id,
        )
        self._task(self.obj_seller, assignee_level="post", job_id=self.job_seller.id)
        self._task(self.obj_seller, assignee_level="post", job_id=self.job_seller.id)
        self.obj_seller.task_ids[0].action_done()
        self.assertTrue(self.obj_seller.is_measured)
        self.assertFalse(q2.is_measured)
        # Only the Seller post counts: 50 %, not (50 + 0) / 2.
        self.assertAlmostEqual(sales.progress, 50.0)
        explanation = sales.progress_explanation
        self.assertIn("Left out", explanation)
        self.assertIn("Sales Q2", explanation)
        self.assertIn("no task", explanation)
        # A parent measured only by unmeasured children has no progress block.
        self.assertFalse(self.obj_paul_q1.is_measured)
        self.assertFalse(self.obj_paul_q1._get_progress_blocks())
        self._task(q2, assignee_level="department")
        self.assertTrue(q2.is_measured)
        self.assertAlmostEqual(sales.progress, 25.0)

    def test_negative_sub_objectives_weight_refused(self):
        for fname in ("sub_objectives_weight", "own_tasks_weight"):
            with self.subTest(fname=fname):
                with self.assertRaisesText(ValidationError, "cannot be negative"):
                    self.obj_sales.write({fname: -1.0})
        self.obj_sales.sub_objectives_weight = 0.0
        self.assertEqual(self.obj_sales.sub_objectives_weight, 0.0)
        with self.assertRaisesText(ValidationError, "greater than 0"):
            self.obj_sales.write({"weight": 0.0})

    def test_moving_a_child_regroups_it(self):
        """A child that changes owner or period moves between the space and
        time groups, and the parent's progress follows at once."""
        sales = self.obj_sales
        sales.write({"own_tasks_weight": 0.0, "own_indicators_weight": 0.0})
        self._task(self.obj_seller, assignee_level="post", job_id=self.job_seller.id)
        q2 = self._objective(
            "Sales Q2",
            "department",
            self.q2,
            parent=sales,
            department_id=self.dep_sales.id,
            weight=3,
        )
        self._task(q2, assignee_level="department").action_done()
        # Space {Seller: 0 %}, time {Q2: 100 %}: the mean of the two groups.
        self.assertAlmostEqual(sales.progress, 50.0)
        # Q2 moves to the sub-department: both in space, weights 1 and 3.
        q2.department_id = self.dep_north
        self.assertAlmostEqual(sales.progress, 75.0)
        q2.department_id = self.dep_sales
        self.assertAlmostEqual(sales.progress, 50.0)
        # The Seller post objective moves to a period: still in space.
        self.obj_seller.period_id = self.q1
        self.assertAlmostEqual(sales.progress, 50.0)


@tagged("post_install", "-at_install")
class TestPolicyWeights(CascadeCommon):
    """Own indicators are weighted by dimension as the level policy says."""

    def _scored(self, objective, dimension, actual, **values):
        indicator = self._indicator(
            objective, name=f"{dimension} {actual}", dimension=dimension, **values
        )
        indicator.write({"actual_value": actual, "has_actual": True})
        return indicator

    def test_dimensions_weighted_by_policy(self):
        objective = self.obj_paul_jan  # employee level: process 60, competency 40
        for _index in range(3):
            self._scored(objective, "process", 100.0)
        self._scored(objective, "competency", 0.0)
        # 60/40 by dimension, not 3 x 60 / (3 x 60 + 40) = 82 %.
        self.assertAlmostEqual(objective.indicator_progress, 60.0)
        self.assertAlmostEqual(objective.progress, 60.0)
        explanation = objective.progress_explanation
        self.assertIn("Process", explanation)
        self.assertIn("60.00 %", explanation)
        self.assertNotIn("counts equally", explanation)
        # Indicator weights weigh indicators inside their dimension.
        process = objective.indicator_ids.filtered(lambda i: i.dimension == "process")
        process.weight = 1.0
        process[0].write({"actual_value": 40.0, "weight": 2.0})
        # Process: (2 x 40 + 100 + 100) / 4 = 70; 0.6 x 70 + 0.4 x 0 = 42.
        self.assertAlmostEqual(objective.indicator_progress, 42.0)

    def test_unweighted_dimension_falls_back_to_equal_weights(self):
        objective = self.obj_paul_jan
        self._scored(objective, "process", 100.0)
        self._scored(objective, "competency", 0.0)
        # Result has no weight in the employee policy: nothing is ignored,
        # each dimension counts equally, and the user is told so.
        self._scored(objective, "result", 50.0)
        self.assertAlmostEqual(objective.indicator_progress, 50.0)
        self.assertIn("counts equally", objective.progress_explanation)
        self.assertIn("counts equally", objective.policy_warning)

    def test_policy_change_recomputes_progress(self):
        objective = self.obj_paul_jan
        self._scored(objective, "process", 100.0)
        self._scored(objective, "competency", 0.0)
        self.assertAlmostEqual(objective.indicator_progress, 60.0)
        self.assertAlmostEqual(self.obj_company.progress, 60.0)
        policy = self.env.ref("perf_management.perf_level_policy_employee")
        policy.write({"weight_process": 80.0, "weight_competency": 20.0})
        self.assertAlmostEqual(objective.indicator_progress, 80.0)
        self.assertAlmostEqual(self.obj_company.progress, 80.0)


@tagged("post_install", "-at_install")
class TestDerivedActuals(CascadeCommon):
    """The actual of a decomposed indicator derives from its parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.months = cls.q1.child_ids.sorted("date_start")
        cls.sales_q1 = cls._objective(
            "Sell more in Q1",
            "department",
            cls.q1,
            parent=cls.obj_sales,
            department_id=cls.dep_sales.id,
            user_id=cls.user_maria.id,
        )
        cls.sales_months = cls.env["perf.objective"].union(
            *(
                cls._objective(
                    f"Sell more in {month.name}",
                    "department",
                    month,
                    parent=cls.sales_q1,
                    department_id=cls.dep_sales.id,
                    user_id=cls.user_maria.id,
                )
                for month in cls.months
            )
        )
        cls.revenue_company = cls._revenue(cls.obj_company, 12_000_000)
        cls.revenue_year = cls._revenue(cls.obj_sales, 12_000_000, cls.revenue_company)
        cls.revenue_q1 = cls._revenue(cls.sales_q1, 3_000_000, cls.revenue_year)
        cls.revenue_months = cls.env["perf.indicator"].union(
            *(
                cls._revenue(month, 1_000_000, cls.revenue_q1)
                for month in cls.sales_months
            )
        )

    @classmethod
    def _revenue(cls, objective, target, parent=None, **values):
        return cls._indicator(
            objective,
            name="Revenue",
            target_value=target,
            unit="EUR",
            decomposition_key=f"indicator:{parent.id}" if parent else False,
            **values,
        )

    def test_actuals_roll_up_the_cascade(self):
        self.assertEqual(self.revenue_q1.parent_id, self.revenue_year)
        self.assertEqual(self.revenue_q1.child_ids, self.revenue_months)
        self.assertTrue(self.revenue_q1.is_actual_derived)
        # No part measured: no actual anywhere above.
        for indicator in (self.revenue_q1, self.revenue_year, self.revenue_company):
            self.assertFalse(indicator.has_actual)
        for month, actual in zip(
            self.revenue_months, (500_000, 600_000, 650_000), strict=True
        ):
            month.with_user(self.user_maria).write({"actual_value": actual})
        for indicator in (self.revenue_q1, self.revenue_year, self.revenue_company):
            self.assertTrue(indicator.has_actual)
            self.assertEqual(indicator.actual_value, 1_750_000)
        # Shown on the cards of every level of the cascade.
        self.assertEqual(
            self.obj_company.indicator_summary, "Revenue: 1.75 M of 12 M EUR"
        )
        self.assertEqual(self.sales_q1.indicator_summary, "Revenue: 1.75 M of 3 M EUR")
        self.assertAlmostEqual(
            self.revenue_q1.score, 1_750_000 / 3_000_000 * 100, places=4
        )
        self.assertAlmostEqual(
            self.revenue_company.score, 1_750_000 / 12_000_000 * 100, places=4
        )
        # Stored: a list or a pivot reads them from the database.
        self.env.flush_all()
        self.assertEqual(
            self.env["perf.indicator"].search_count(
                [("id", "child_of", self.revenue_company.id), ("actual_value", "=", 0)]
            ),
            0,
        )
        # The indicators analysis (a pivot by objective) reads them too.
        groups = (
            self.env["perf.indicator"]
            .with_user(self.user_maria)
            .read_group(
                [("name", "=", "Revenue"), ("company_id", "=", self.company.id)],
                ["actual_measure:sum", "target_measure:sum"],
                ["objective_id"],
            )
        )
        by_objective = {
            group["objective_id"][0]: (group["actual_measure"], group["target_measure"])
            for group in groups
        }
        self.assertEqual(by_objective[self.obj_company.id], (1_750_000, 12_000_000))
        self.assertEqual(by_objective[self.sales_q1.id], (1_750_000, 3_000_000))
        # A part without actual does not count; an archived part neither.
        self.revenue_months[1].action_clear_actual()
        self.assertEqual(self.revenue_company.actual_value, 1_150_000)
        self.sales_months[2].action_archive()
        self.assertEqual(self.revenue_company.actual_value, 500_000)
        self.revenue_months[0].action_clear_actual()
        self.assertFalse(self.revenue_q1.has_actual)
        self.assertFalse(self.revenue_company.has_actual)
        self.assertFalse(self.revenue_company.has_score)

    def test_derived_actual_cannot_be_entered_by_hand(self):
        self.revenue_months[0].actual_value = 100.0
        with self.assertRaisesText(UserError, "comes from its parts"):
            self.revenue_q1.with_user(self.user_maria).write({"actual_value": 5.0})
        with self.assertRaisesText(UserError, "comes from its parts"):
            self.revenue_q1.action_clear_actual()
        self.assertEqual(self.revenue_q1.actual_value, 100.0)

    def test_employee_actual_rolls_up(self):
        """Paul enters his January actual; his quarter shows it at once, and
        he cannot overwrite the quarter's derived actual."""
        quarter = self._indicator(self.obj_paul_q1, name="Visits", target_value=30)
        month = self._indicator(
            self.obj_paul_jan,
            name="Visits",
            target_value=10,
            decomposition_key=f"indicator:{quarter.id}",
        )
        month.with_user(self.user_paul).write({"actual_value": 12.0})
        self.assertEqual(quarter.actual_value, 12.0)
        self.assertAlmostEqual(quarter.score, 40.0)
        with self.assertRaisesText(UserError, "comes from its parts"):
            quarter.with_user(self.user_paul).write({"actual_value": 30.0})

    def test_carried_over_aggregations(self):
        """A carried-over target: last (latest period with an actual), average,
        minimum or maximum of the parts."""
        self.revenue_months[0].actual_value = 10.0
        self.revenue_months[1].actual_value = 30.0
        expected = {
            "last": 30.0,
            "average": 20.0,
            "minimum": 10.0,
            "maximum": 30.0,
            "sum": 40.0,
        }
        for aggregation, actual in expected.items():
            with self.subTest(aggregation=aggregation):
                self.revenue_q1.aggregation = aggregation
                self.assertEqual(self.revenue_q1.actual_value, actual)
        # Last: the latest period with an actual, whatever the entry order.
        self.revenue_q1.aggregation = "last"
        self.revenue_months[0].actual_value = 15.0
        self.assertEqual(self.revenue_q1.actual_value, 30.0)


@tagged("post_install", "-at_install")
class TestCompletionToDate(CascadeCommon):
    """The worked example of the README: a company revenue goal of 12 M split
    50/30/20 to Sales, Operations and Support; Sales' year split into
    quarters, its Q1 into months, evenly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_a, cls.dep_b, cls.dep_c = cls.env["hr.department"].create(
            [{"name": name} for name in ("Sales", "Operations", "Support")]
        )
        cls.goal = cls._objective(
            "Reach 12 M of revenue", "company", cls.year, user_id=cls.user_admin.id
        )
        cls.revenue = cls._indicator(
            cls.goal,
            name="Revenue",
            target_value=12_000_000,
            unit="EUR",
            aggregation="sum",
        )
        departments = cls.dep_a | cls.dep_b | cls.dep_c
        cls.env["perf.decomposition.space"]._decompose_objectives(
            cls.goal,
            "department",
            targets={cls.goal.id: departments},
            shares={cls.goal.id: [50.0, 30.0, 20.0]},
        )
        cls.sales, cls.ops, cls.support = (
            cls.goal.child_ids.filtered(lambda child, d=dep: child.department_id == d)
            for dep in departments
        )
        split = cls.env["perf.decomposition.time"]
        split._split_objectives(cls.sales, "quarter")
        cls.sales_q1 = cls.sales.child_ids.filtered(
            lambda child: child.period_id == cls.q1
        )
        split._split_objectives(cls.sales_q1, "month")
        cls.sales_months = cls.sales_q1.child_ids.sorted("date_start")

    @staticmethod
    def _revenue_of(objective):
        return objective.indicator_ids.filtered(lambda i: i.name == "Revenue")

    def _enter_actuals(self):
        for month, actual in zip(
            self.sales_months, (500_000, 600_000, 650_000), strict=True
        ):
            self._revenue_of(month).actual_value = actual
        self._revenue_of(self.ops).actual_value = 3_240_000
        self._revenue_of(self.support).actual_value = 2_640_000

    def test_targets_of_the_example(self):
        self.assertEqual(
            [self._revenue_of(o).target_value for o in self.goal.child_ids],
            [6_000_000, 3_600_000, 2_400_000],
        )
        self.assertEqual(self._revenue_of(self.sales_q1).target_value, 1_500_000)
        self.assertEqual(
            self.sales_months.mapped(lambda m: self._revenue_of(m).target_value),
            [500_000] * 3,
        )

    def test_progress_is_completion_to_date(self):
        self._enter_actuals()
        # Each figure counts once: the company's revenue derives from its
        # parts (1.75 + 3.24 + 2.64 = 7.63 M of 12 M), and that is its
        # progress; the departments' progress does not count again.
        self.assertEqual(self.revenue.actual_value, 7_630_000)
        self.assertAlmostEqual(self.goal.progress, 7.63 / 12 * 100, places=4)  # 63.58 %
        self.assertAlmostEqual(round(self.goal.progress, 1), 63.6)
        # Sales: 1.75 M made of the year's 6 M, not the pace of Q1 (whose
        # 1.75 M of 1.5 M is 116.7 %), nor the mean of its months.
        self.assertAlmostEqual(self.sales.progress, 1.75 / 6 * 100, places=4)  # 29.17 %
        self.assertAlmostEqual(round(self.sales.progress, 1), 29.2)
        self.assertAlmostEqual(self.sales_q1.progress, 1.75 / 1.5 * 100, places=4)
        # The months keep their own completion (the cap is 120 %).
        self.assertEqual(
            [round(month.progress, 6) for month in self.sales_months],
            [100.0, 120.0, 120.0],
        )
        self.assertAlmostEqual(self.ops.progress, 3.24 / 3.6 * 100, places=4)  # 90 %
        self.assertAlmostEqual(
            self.support.progress, 2.64 / 2.4 * 100, places=4
        )  # 110 %
        # Tasks still count beside the indicators: one done of two on Sales
        # gives (29.17 + 50) / 2.
        self._task(self.sales, assignee_level="department").action_done()
        self._task(self.sales, assignee_level="department")
        self.assertAlmostEqual(
            self.sales.progress, (1.75 / 6 * 100 + 50.0) / 2, places=4
        )
        # The company's progress is still its revenue: the departments' tasks
        # are their own business, in their progress.
        self.assertAlmostEqual(self.goal.progress, 7.63 / 12 * 100, places=4)

    def test_explanation_shows_where_the_actual_comes_from(self):
        self._enter_actuals()
        explanation = self.goal.with_user(self.user_admin).progress_explanation
        self.assertIn(
            "Revenue: 7.63 M = Sales 1.75 M + Operations 3.24 M + Support 2.64 M",
            explanation,
        )
        self.assertIn("do not count a second time", explanation)
        self.assertIn("63.58 %", explanation)
        # Over time, the parts are the sub-periods; the quarters without an
        # actual are said so.
        explanation = self.sales.with_user(self.user_admin).progress_explanation
        self.assertIn(
            f"Revenue: 1.75 M = {self.q1.name} 1.75 M (3 part(s) without an "
            "actual yet)",
            explanation,
        )
        self.assertIn("29.17 %", explanation)
        explanation = self.sales_q1.with_user(self.user_admin).progress_explanation
        months = self.sales_months.period_id.mapped("name")
        self.assertIn(
            f"1.75 M = {months[0]} 500 k + {months[1]} 600 k + {months[2]} 650 k",
            explanation,
        )
        # A carried-over figure says how its parts combine.
        self.revenue.aggregation = "maximum"
        self.assertEqual(self.revenue.actual_value, 3_240_000)
        explanation = self.goal.with_user(self.user_admin).progress_explanation
        self.assertIn(
            "3.24 M = maximum of Sales 1.75 M, Operations 3.24 M, Support 2.64 M",
            explanation,
        )

    def test_employee_reads_no_other_department_figure(self):
        """Paul, in the Sales department, reads the company's explanation:
        his department's figure, the two others combined."""
        self.emp_paul.department_id = self.dep_a
        self._enter_actuals()
        self.env.invalidate_all()
        explanation = self.goal.with_user(self.user_paul).progress_explanation
        self.assertIn(
            "7.63 M = Sales 1.75 M + 2 other parts you cannot see, combined 5.88 M",
            explanation,
        )
        for secret in ("Operations", "Support", "3.24", "2.64"):
            self.assertNotIn(secret, explanation)
