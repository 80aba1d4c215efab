import logging
from contextlib import nullcontext
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.perf_management.models.perf_objective import PerfObjective

from .cascade_common import QUIET, CascadeCommon

_logger = logging.getLogger(__name__)

QUERY_BUDGET = 30


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
        # Children: the Seller post (in space, 0 %) and Sales Q2 (over time,
        # weight 4, 100 %): each kind is a whole view of the objective, so the
        # sub-objectives' progress is the mean of the two kinds.
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
        # Company: Sales and Operations (0 %) with equal weights.
        self.assertAlmostEqual(self.obj_company.progress, expected / 2)
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
        # (1 x 80 + 1 x 0) / 2, not (80 + 60 x 0 + 40 x 0) / 101
        self.assertAlmostEqual(objective.progress, 40.0)
        objective.sub_objectives_weight = 0
        self.assertAlmostEqual(objective.progress, 80.0)

    def test_no_block_gives_zero(self):
        self.assertEqual(self.obj_paul_jan.progress, 0.0)
        self.assertIn("Nothing contributes", self.obj_paul_jan.progress_explanation)
        self.obj_paul_jan.own_tasks_weight = 0
        self._task(self.obj_paul_jan).action_done()
        # Own tasks weighted 0: they do not count.
        self.assertEqual(self.obj_paul_jan.progress, 0.0)
        self.obj_paul_jan.own_tasks_weight = 1
        self.assertEqual(self.obj_paul_jan.progress, 100.0)

    def test_leaf_change_recomputes_the_branch_only(self):
        task = self._task(self.obj_paul_jan)
        self._task(self.obj_oscar)
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
        self.assertEqual(self.obj_ops.progress, 0.0)


@tagged("post_install", "-at_install")
class TestRollupQueryBudget(CascadeCommon):
    """A change on a leaf costs the same number of queries whatever the tree size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 1 + 10 + 100 + 1,000 + 9,000 = 10,111 objectives on 5 levels.
        cls.big_root, cls.big_leaf = cls._build_tree([10, 10, 10, 9])
        # 1 + 5 + 25 + 125 + 875 = 1,031 objectives.
        cls.small_root, cls.small_leaf = cls._build_tree([5, 5, 5, 7])
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
        """One batched create per level: company/year, department/year,
        post/year, employee/quarter, employee/month."""
        Objective = cls.env["perf.objective"].with_context(**QUIET)
        months = cls.q1.child_ids.sorted("date_start")
        root = Objective.create(
            {"name": "Root", "level": "company", "period_id": cls.year.id}
        )
        shapes = [
            {"level": "department", "department_id": cls.dep_sales.id},
            {"level": "post", "job_id": cls.job_seller.id},
            {"level": "employee", "employee_id": cls.emp_paul.id},
            {"level": "employee", "employee_id": cls.emp_paul.id},
        ]
        parents = root
        for depth, (count, shape) in enumerate(zip(branching, shapes, strict=True)):
            vals_list = []
            for parent in parents:
                for index in range(count):
                    if depth < 2:
                        period = cls.year
                    elif depth == 2:
                        period = cls.q1
                    else:
                        period = months[index % 3]
                    vals_list.append(
                        {
                            "name": f"Node {depth}.{index}",
                            "parent_id": parent.id,
                            "period_id": period.id,
                            "user_id": cls.user_maria.id,
                            **shape,
                        }
                    )
            parents = Objective.create(vals_list)
        return root, parents[-1]

    def _measure(self, record, vals, budget=QUERY_BUDGET):
        """Queries of the write and the flush of what it recomputes, then of the
        chatter tracking done at commit time (precommit hooks); the budget
        covers both. Without budget, only warm the caches up."""
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
            Objective.search_count([("id", "child_of", self.big_root.id)]), 10111
        )
        self.assertEqual(
            Objective.search_count([("id", "child_of", self.small_root.id)]), 1031
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
        # The change went up the whole branch.
        self.assertEqual(self.big_leaf.progress, 100.0)
        self.assertAlmostEqual(self.big_leaf.parent_id.progress, 100 / 9)
        self.assertAlmostEqual(self.big_root.progress, 100 / 9 / 1000)

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
        self.assertAlmostEqual(self.small_root.progress, 25.0 / 7 / 125)

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
