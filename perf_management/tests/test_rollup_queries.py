import logging
from contextlib import nullcontext
from unittest.mock import patch

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
        """Own indicators, own tasks and children, weighted and normalised;
        the children count only while no own indicator is measured."""
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
        # Measured by its own indicators, Sales takes its progress from its
        # indicators and tasks only: (2 x 62.5 + 1 x 25) / (2 + 1).
        expected = (2 * 62.5 + 1 * 25.0) / (2 + 1)
        self.assertAlmostEqual(objective.progress, expected)
        explanation = objective.progress_explanation
        self.assertIn("do not count a second time", explanation)
        self.assertNotIn("Sales Q2", explanation)
        self.assertNotIn("Left out", explanation)
        self.assertIn(f"{expected:.2f} %", explanation)
        # Without an actual on its indicators, the sub-objectives count:
        # (1 x 25 + 1 x (0 + 100) / 2) / (1 + 1).
        (revenue | margin).action_clear_actual()
        self.assertFalse(objective.has_indicator_score)
        children = (0.0 + 100.0) / 2
        expected = (1 * 25.0 + 1 * children) / (1 + 1)
        self.assertAlmostEqual(objective.progress, expected)
        # Company: Operations is measured by nothing yet, so it is left out
        # rather than counted as 0 %.
        self.assertFalse(self.obj_ops.is_measured)
        self.assertAlmostEqual(self.obj_company.progress, expected)
        self.assertIn("Deliver on time", self.obj_company.progress_explanation)
        self.assertIn("Left out", self.obj_company.progress_explanation)
        explanation = objective.progress_explanation
        for text in (
            "Own tasks",
            "Sub-objectives",
            "Over time",
            "In space",
            "Sellers win accounts",
            "Sales Q2",
        ):
            self.assertIn(text, explanation)
        self.assertNotIn("Own indicators", explanation)
        self.assertNotIn("Churn", explanation)
        self.assertIn(f"{expected:.2f} %", explanation)
        self.assertIn("25.00 %", explanation)  # contribution of the children: 1/2 x 50

    def test_decomposition_shares_do_not_drown_own_indicators(self):
        """Children weighted by shares (summing to 100) count as one block,
        and only while no own indicator is measured."""
        objective = self.obj_ops
        self._indicator(objective, name="Deliveries", target_value=10)
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
        self.assertFalse(objective.is_measured)
        self._task(january, assignee_level="department").action_done()
        self._task(april, assignee_level="department")
        # (60 x 100 + 40 x 0) / 100, not (60 x 100 + 40 x 0) / 101 + ...
        self.assertAlmostEqual(objective.progress, 60.0)
        objective.sub_objectives_weight = 0
        self.assertFalse(objective.is_measured)
        objective.sub_objectives_weight = 1
        # Its own indicator measured, the months do not count again.
        objective.indicator_ids.actual_value = 8
        self.assertAlmostEqual(objective.indicator_progress, 80.0)
        self.assertAlmostEqual(objective.progress, 80.0)
        # Own indicators weighted 0: the sub-objectives measure it again.
        objective.own_indicators_weight = 0
        self.assertAlmostEqual(objective.progress, 60.0)

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
