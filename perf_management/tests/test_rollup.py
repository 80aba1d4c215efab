import logging
from contextlib import nullcontext
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.perf_management.models.perf_objective_rollup import PerfObjective

from .common import CascadeCommon

_logger = logging.getLogger(__name__)

QUERY_BUDGET = 20
BIG_TREE = [4, 4, 4, 4]
SMALL_TREE = [2, 2, 2, 2]


# Creating many records without chatter noise keeps the fixtures fast.
QUIET = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def build_tree(env, branching, org):
    """A depth-5 objective tree built with one batched create per level:
    company/year, department/year, post/year, employee/quarter,
    employee/month. ``branching`` gives the children per node at each level;
    ``org`` holds the year, Q1, Sales department, Seller post, Paul and Maria
    (a :class:`CascadeCommon`). Return the root and the last leaf."""
    Objective = env["perf.objective"].with_context(**QUIET)
    months = org.q1.child_ids.sorted("date_start")
    root = Objective.create(
        {"name": "Root", "level": "company", "period_id": org.year.id}
    )
    shapes = [
        {"level": "department", "department_id": org.dep_sales.id},
        {"level": "post", "job_id": org.job_seller.id},
        {"level": "employee", "employee_id": org.emp_paul.id},
        {"level": "employee", "employee_id": org.emp_paul.id},
    ]
    periods = [org.year, org.year, org.q1, None]
    parents = root
    for depth, (count, shape) in enumerate(zip(branching, shapes, strict=True)):
        parents = Objective.create(
            [
                {
                    "name": f"Node {depth}.{index}",
                    "parent_id": parent.id,
                    "period_id": (periods[depth] or months[index % 3]).id,
                    "user_id": org.user_maria.id,
                    **shape,
                }
                for parent in parents
                for index in range(count)
            ]
        )
    return root, parents[-1]


@tagged("post_install", "-at_install")
class TestRollup(CascadeCommon):
    def test_formula(self):
        """Own indicators, own tasks and children, weighted and normalised."""
        objective = self.obj_sales
        objective.write({"own_indicators_weight": 2.0, "own_tasks_weight": 1.0})
        # Indicators: scores 50 (weight 3) and 100 (weight 1) -> 62.5;
        # the third has no actual, so it has no score and does not count.
        self._indicator(objective, name="Revenue", target_value=100, weight=3)
        self._indicator(objective, name="Margin", target_value=10, weight=1)
        self._indicator(objective, name="Churn", target_value=5, weight=5)
        revenue, margin, churn = objective.indicator_ids.sorted("id")
        revenue.actual_value = 50
        margin.actual_value = 10
        self.assertFalse(churn.has_score)
        self.assertAlmostEqual(objective.indicator_progress, 62.5)
        # Tasks: one done of two, weights 1 and 3 -> 25.
        done = self._task(
            objective, assignee_level="department", department_id=self.dep_sales.id
        )
        self._task(
            objective,
            assignee_level="department",
            department_id=self.dep_sales.id,
            weight=3,
        )
        done.action_done()
        self.assertAlmostEqual(objective.task_progress, 25.0)
        # Children: the Seller post (in space, a task to do: 0 %) and Sales Q2
        # (over time, weight 4, 100 %): each kind is a whole view of the
        # objective, so the sub-objectives' progress is the mean of the two.
        self._task(self.obj_seller, assignee_level="post", job_id=self.job_seller.id)
        quarter = self._objective(
            "Sales Q2",
            "department",
            self.q2,
            parent=objective,
            department_id=self.dep_sales.id,
            weight=4,
        )
        self._task(
            quarter, assignee_level="department", department_id=self.dep_sales.id
        ).action_done()
        self.assertEqual(quarter.progress, 100.0)
        children = (0.0 + 100.0) / 2
        expected = (2 * 62.5 + 1 * 25.0 + 1 * children) / (2 + 1 + 1)
        self.assertAlmostEqual(objective.progress, expected)
        # Company: Operations is measured by nothing yet, so it is left out
        # rather than counted as 0 %.
        self.assertFalse(self.obj_ops.is_measured)
        self.assertAlmostEqual(self.obj_company.progress, expected)
        self.assertIn("Deliver on time", self.obj_company.progress_explanation)
        self.assertIn("Left out", self.obj_company.progress_explanation)
        explanation = objective.progress_explanation
        for text in (
            "Own indicators",
            "Own tasks",
            "Sub-objectives",
            "Over time",
            "In space",
            "Sellers win accounts",
            "Sales Q2",
        ):
            self.assertIn(text, explanation)
        self.assertIn("Revenue", explanation)
        self.assertNotIn("Churn", explanation)
        self.assertIn(f"{expected:.2f} %", explanation)
        self.assertIn("12.50 %", explanation)  # contribution of the children: 1/4 x 50

    def test_decomposition_shares_do_not_drown_own_indicators(self):
        """Children weighted by shares (summing to 100) count as one block."""
        objective = self.obj_ops
        self._indicator(objective, name="Deliveries", target_value=10)
        objective.indicator_ids.actual_value = 8
        self.assertAlmostEqual(objective.indicator_progress, 80.0)
        for weight, month in ((60, self.january), (40, self.april)):
            self._objective(
                f"Ops {month.name}",
                "department",
                month,
                parent=objective,
                department_id=self.dep_ops.id,
                weight=weight,
            )
        january, april = objective.child_ids.filtered(
            lambda child: child.period_id in (self.january, self.april)
        ).sorted("date_start")
        # Nothing measures the months yet: they are left out, not 0 %.
        self.assertAlmostEqual(objective.progress, 80.0)
        self._task(january, assignee_level="department").action_done()
        self._task(april, assignee_level="department")
        # (1 x 80 + 1 x (60 x 100 + 40 x 0) / 100) / 2, not
        # (80 + 60 x 100 + 40 x 0) / 101
        self.assertAlmostEqual(objective.progress, 70.0)
        objective.sub_objectives_weight = 0
        self.assertAlmostEqual(objective.progress, 80.0)

    def test_no_block_gives_zero(self):
        self.assertEqual(self.obj_paul_jan.progress, 0.0)
        self.assertFalse(self.obj_paul_jan.is_measured)
        self.assertIn("Nothing measures", self.obj_paul_jan.progress_explanation)
        self.obj_paul_jan.own_tasks_weight = 0
        self._task(self.obj_paul_jan).action_done()
        # Own tasks weighted 0: they do not count.
        self.assertEqual(self.obj_paul_jan.progress, 0.0)
        self.assertFalse(self.obj_paul_jan.is_measured)
        self.obj_paul_jan.own_tasks_weight = 1
        self.assertEqual(self.obj_paul_jan.progress, 100.0)
        self.assertTrue(self.obj_paul_jan.is_measured)

    def test_leaf_change_recomputes_the_branch_only(self):
        task = self._task(self.obj_paul_jan)
        self._task(self.obj_oscar)
        self._task(self.obj_ops, assignee_level="department")
        self.env.flush_all()
        computed = self.env["perf.objective"]
        original = PerfObjective._compute_progress

        def spy(records):
            nonlocal computed
            computed |= records
            return original(records)

        with patch.object(PerfObjective, "_compute_progress", spy):
            task.action_done()
            self.env.flush_all()
        branch = (
            self.obj_paul_jan
            | self.obj_paul_q1
            | self.obj_seller
            | self.obj_sales
            | self.obj_company
        )
        self.assertEqual(computed, branch)
        self.assertEqual(
            [o.progress for o in reversed(branch.sorted("parent_path"))],
            [100.0, 100.0, 100.0, 100.0, 50.0],
        )
        # Operations has a task to do: measured, 0 %, counted by the company.
        self.assertEqual(self.obj_ops.progress, 0.0)
        self.assertAlmostEqual(self.obj_company.progress, 50.0)


@tagged("post_install", "-at_install")
class TestRollupQueryBudget(CascadeCommon):
    """A change on a leaf costs the same number of queries whatever the tree
    size. Two small trees here; benchmarks/bench_rollup.py measures the same
    change on trees of 1,000 and 10,000 objectives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 1 + 4 + 16 + 64 + 256 = 341 objectives on 5 levels.
        cls.big_root, cls.big_leaf = cls._build_tree(BIG_TREE)
        # 1 + 2 + 4 + 8 + 16 = 31 objectives.
        cls.small_root, cls.small_leaf = cls._build_tree(SMALL_TREE)
        cls.big_task = cls._task(cls.big_leaf)
        cls.small_task = cls._task(cls.small_leaf)
        cls.big_indicator = cls._indicator(cls.big_leaf, dimension="process")
        cls.small_indicator = cls._indicator(cls.small_leaf, dimension="process")
        # Same change on another branch first, so that both measures start with
        # the same warm caches (access rights, registry lookups).
        warm_leaf = cls.obj_paul_jan
        cls.warm_task = cls._task(warm_leaf)
        cls.warm_indicator = cls._indicator(warm_leaf, dimension="process")
        cls.env.flush_all()

    @classmethod
    def _build_tree(cls, branching):
        return build_tree(cls.env, branching, cls)

    def _measure(self, record, vals, budget=QUERY_BUDGET, user=None):
        """Queries of the write and the flush of what it recomputes, then of the
        chatter tracking done at commit time (precommit hooks); the budget
        covers both. Without budget, only warm the caches up. ``user`` makes
        the write as that user, record rules included."""
        if user:
            record = record.with_user(user)
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        counter = (
            self.assertQueryCount(budget, flush=False) if budget else nullcontext()
        )
        with counter:
            count0 = self.cr.sql_log_count
            record.write(vals)
            self.env.flush_all()
            count1 = self.cr.sql_log_count
            self.env.cr.precommit.run()
            count2 = self.cr.sql_log_count
        if budget:
            self.assertLessEqual(count2 - count0, budget)
        return count1 - count0, count2 - count1

    def test_tree_sizes(self):
        Objective = self.env["perf.objective"]
        self.assertEqual(
            Objective.search_count([("id", "child_of", self.big_root.id)]), 341
        )
        self.assertEqual(
            Objective.search_count([("id", "child_of", self.small_root.id)]), 31
        )
        self.assertEqual(len(self.big_leaf.parent_path.strip("/").split("/")), 5)

    def test_task_state_on_leaf_query_budget(self):
        self._measure(self.warm_task, {"state": "done"}, budget=None)
        big, big_tracking = self._measure(self.big_task, {"state": "done"})
        small, small_tracking = self._measure(self.small_task, {"state": "done"})
        _logger.info(
            "Task done on a leaf: %s queries (10k tree), %s (1k tree); chatter "
            "tracking at commit: %s (10k), %s (1k)",
            big,
            small,
            big_tracking,
            small_tracking,
        )
        self.assertLessEqual(big, QUERY_BUDGET)
        self.assertEqual(big, small)
        # One message per changed record of the branch: independent of the size.
        self.assertEqual(big_tracking, small_tracking)
        # The change went up the whole branch; the other leaves, measured by
        # nothing, are left out.
        self.assertEqual(self.big_leaf.progress, 100.0)
        self.assertEqual(self.big_leaf.parent_id.progress, 100.0)
        self.assertEqual(self.big_root.progress, 100.0)
        self.assertFalse(self.big_leaf.parent_id.child_ids[0].is_measured)

    def test_indicator_actual_on_leaf_query_budget(self):
        self._measure(self.warm_indicator, {"actual_value": 50.0}, budget=None)
        big, big_tracking = self._measure(self.big_indicator, {"actual_value": 50.0})
        small, small_tracking = self._measure(
            self.small_indicator, {"actual_value": 50.0}
        )
        _logger.info(
            "Indicator actual on a leaf: %s queries (10k tree), %s (1k tree); "
            "chatter tracking at commit: %s (10k), %s (1k)",
            big,
            small,
            big_tracking,
            small_tracking,
        )
        self.assertLessEqual(big, QUERY_BUDGET)
        self.assertEqual(big, small)
        self.assertEqual(big_tracking, small_tracking)
        self.assertEqual(self.big_leaf.indicator_progress, 50.0)
        # The leaf: indicator 50 % and its task still to do (0 %), equal weights.
        self.assertAlmostEqual(self.small_leaf.progress, 25.0)
        self.assertAlmostEqual(self.small_root.progress, 25.0)

    def test_employee_actual_on_leaf_query_budget(self):
        """Paul enters the actual of his month: his record rules are checked,
        the branch recomputed and one message posted, in the same number of
        queries whatever the size of the tree."""
        vals = {"actual_value": 40.0}
        self._measure(self.warm_indicator, vals, budget=None, user=self.user_paul)
        big, big_tracking = self._measure(self.big_indicator, vals, user=self.user_paul)
        small, small_tracking = self._measure(
            self.small_indicator, vals, user=self.user_paul
        )
        _logger.info(
            "Employee actual on a leaf: %s + %s queries (10k tree), %s + %s (1k)",
            big,
            big_tracking,
            small,
            small_tracking,
        )
        self.assertEqual((big, big_tracking), (small, small_tracking))
        self.assertLessEqual(big + big_tracking, QUERY_BUDGET)
        self.assertEqual(self.big_leaf.indicator_progress, 40.0)
        # One tracking message, on the indicator: none on the five objectives.
        branch = self.env["perf.objective"].browse(
            [int(i) for i in self.big_leaf.parent_path.strip("/").split("/")]
        )
        self.assertFalse(branch.message_ids.tracking_value_ids)
        # The actual and its "entered" flag, both tracked.
        self.assertEqual(len(self.big_indicator.message_ids.tracking_value_ids), 2)

    def test_big_tree_recomputes_the_branch_only(self):
        computed = self.env["perf.objective"]
        original = PerfObjective._compute_progress

        def spy(records):
            nonlocal computed
            computed |= records
            return original(records)

        with patch.object(PerfObjective, "_compute_progress", spy):
            self.big_task.write({"state": "done"})
            self.env.flush_all()
        branch_ids = [int(i) for i in self.big_leaf.parent_path.strip("/").split("/")]
        self.assertEqual(sorted(computed.ids), sorted(branch_ids))
        self.assertEqual(self.big_leaf.parent_id.child_ids[0].progress, 0.0)


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
class TestProgressExplanation(CascadeCommon):
    """An employee reads the explanation of their team's objective."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_pia, cls.emp_pete = Employee.create(
            [
                {
                    "name": name,
                    "department_id": cls.dep_north.id,
                    "job_id": cls.job_seller.id,
                }
                for name in ("Pia Seller", "Pete Seller")
            ]
        )
        cls.obj_pia = cls._objective(
            "Pia opens Lyon",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pia.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_pete = cls._objective(
            "Pete opens Nice",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pete.id,
            user_id=cls.user_maria.id,
        )
        # Pia: 30 of 80 (37.5 %); Pete: his task done (100 %); Paul: 0 %.
        indicator = cls._indicator(cls.obj_pia, target_value=80.0, dimension="process")
        indicator.actual_value = 30.0
        cls._task(cls.obj_pete).action_done()
        cls._task(cls.obj_paul_q1)

    def _explanation_as_paul(self):
        self.env.invalidate_all()
        return self.obj_seller.with_user(self.user_paul).progress_explanation

    def test_colleagues_combined_when_two_or_more(self):
        self.assertAlmostEqual(self.obj_pia.progress, 37.5)
        explanation = self._explanation_as_paul()
        self.assertIn("Paul wins 3 accounts", explanation)
        for secret in ("Pia", "Pete", "Lyon", "Nice", "37.50"):
            self.assertNotIn(secret, explanation)
        self.assertIn("2 other sub-objectives you cannot see, combined", explanation)
        self.assertIn("68.75 %", explanation)  # (37.5 + 100) / 2
        # The manager reads every child.
        self.env.invalidate_all()
        explanation = self.obj_seller.with_user(self.user_maria).progress_explanation
        self.assertIn("Pia opens Lyon", explanation)
        self.assertIn("37.50 %", explanation)

    def test_one_colleague_gives_no_figure(self):
        self.obj_pete.action_archive()
        explanation = self._explanation_as_paul()
        self.assertIn("1 other sub-objective(s) you cannot see", explanation)
        self.assertNotIn("combined", explanation)
        self.assertNotIn("37.50", explanation)
        self.assertNotIn("Pia", explanation)
        # Two objectives of one colleague are still one colleague's figures.
        self.obj_pete.action_unarchive()
        self.obj_pete.employee_id = self.emp_pia
        explanation = self._explanation_as_paul()
        self.assertIn("2 other sub-objective(s) you cannot see", explanation)
        self.assertNotIn("68.75", explanation)


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
