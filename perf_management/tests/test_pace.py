from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestPace(CascadeCommon):
    """Where objectives and indicators should be today, beside their progress.

    Sales (FY 2031) has a revenue target of 6 M split evenly into quarters,
    and Q1 evenly into months; 1.75 M is made in Q1. Operations is measured
    by tasks only. The company objective has no indicator: its sub-objectives
    measure it. The company's limits are 5 points (the default).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.revenue = cls._indicator(
            cls.obj_sales, name="Revenue", target_value=6_000_000, unit="EUR"
        )
        split = cls.env["perf.decomposition.time"]
        split._split_objectives(cls.obj_sales, "quarter")
        cls.sales_q1 = cls.obj_sales.child_ids.filtered(
            lambda child: child.period_id == cls.q1
        )
        split._split_objectives(cls.sales_q1, "month")
        for month, actual in zip(
            cls.sales_q1.child_ids.sorted("date_start"),
            (500_000, 600_000, 650_000),
            strict=True,
        ):
            month.indicator_ids.actual_value = actual
        cls._task(cls.obj_ops, assignee_level="department").action_done()
        cls._task(cls.obj_ops, assignee_level="department")

    def _on(self, records, day):
        return records.with_context(checkin_today=day)

    def test_indicator_pace_by_the_time_split(self):
        self.assertEqual(self.revenue.actual_value, 1_750_000)
        progress = 1.75 / 6 * 100  # 29.17 %
        # 31 March: Q1 (a quarter of the weight) is elapsed: 1.5 M expected,
        # 25 %; 29.17 - 25 = 4.17 points ahead, within the 5 points.
        revenue = self._on(self.revenue, "2031-03-31")
        self.assertAlmostEqual(revenue.expected_value, 1_500_000, places=2)
        self.assertAlmostEqual(revenue.expected_progress, 25.0, places=4)
        self.assertAlmostEqual(revenue.pace_gap, progress - 25.0, places=4)
        self.assertEqual(revenue.pace_status, "on_track")
        # 14 February: January and half of February, each a third of Q1:
        # (1 + 14 / 28) / 3 x 25 = 12.5 % expected, 16.67 points ahead.
        revenue = self._on(self.revenue, "2031-02-14")
        self.assertAlmostEqual(revenue.expected_progress, 12.5, places=4)
        self.assertEqual(revenue.pace_status, "ahead")
        # 30 June: half the year's weight, 50 % expected: 20.8 points behind.
        revenue = self._on(self.revenue, "2031-06-30")
        self.assertAlmostEqual(revenue.expected_progress, 50.0, places=4)
        self.assertEqual(revenue.pace_status, "behind")
        self.assertTrue(revenue.is_behind)
        # Pace is beside the progress, never in it.
        self.assertAlmostEqual(self.obj_sales.progress, progress, places=4)

    def test_objective_pace_weighted_like_progress(self):
        # A task done of two on Sales: progress (29.17 + 50) / 2 = 39.58 %.
        self._task(self.obj_sales, assignee_level="department").action_done()
        self._task(self.obj_sales, assignee_level="department")
        revenue = 1.75 / 6 * 100
        progress = (revenue + 50.0) / 2
        self.assertAlmostEqual(self.obj_sales.progress, progress, places=4)
        # 31 March: the tasks have no pace and count at their completion:
        # expected (25 + 50) / 2 = 37.5 %, 2.08 points ahead: on track.
        sales = self._on(self.obj_sales, "2031-03-31")
        self.assertAlmostEqual(sales.expected_progress, 37.5, places=4)
        self.assertEqual(sales.pace_status, "on_track")
        # 30 June: (50 + 50) / 2 = 50 % expected, 10.42 points behind.
        sales = self._on(self.obj_sales, "2031-06-30")
        self.assertAlmostEqual(sales.expected_progress, 50.0, places=4)
        self.assertEqual(sales.pace_status, "behind")
        # Operations, measured by tasks only, has no pace.
        ops = self._on(self.obj_ops, "2031-06-30")
        self.assertEqual(ops.progress, 50.0)
        self.assertFalse(ops.pace_status)
        self.assertEqual(ops.expected_progress, 0.0)
        # The company has no indicator: its sub-objectives, Sales at its
        # expected progress and Operations at its progress (no pace), weights
        # 1 and 1. Progress (39.58 + 50) / 2 = 44.79 %.
        company_progress = (progress + 50.0) / 2
        self.assertAlmostEqual(self.obj_company.progress, company_progress, places=4)
        company = self._on(self.obj_company, "2031-03-31")
        self.assertAlmostEqual(company.expected_progress, (37.5 + 50) / 2, places=4)
        self.assertEqual(company.pace_status, "on_track")
        company = self._on(self.obj_company, "2031-06-30")
        # Expected (50 + 50) / 2 = 50 %: 5.21 points behind.
        self.assertAlmostEqual(company.expected_progress, 50.0, places=4)
        self.assertAlmostEqual(company_progress - 50.0, -5.208333, places=4)
        self.assertEqual(company.pace_status, "behind")
        # An objective nothing measures has no pace.
        self.assertFalse(self._on(self.obj_paul_jan, "2031-06-30").pace_status)

    def test_limits_in_settings(self):
        # 31 March: the company is 1.04 points ahead of (44.79 - 43.75).
        self._task(self.obj_sales, assignee_level="department").action_done()
        self._task(self.obj_sales, assignee_level="department")
        settings = Form(self.env["res.config.settings"])
        settings.perf_pace_ahead_points = 1.0
        settings.perf_pace_behind_points = 10.0
        settings.save().execute()
        self.assertEqual(self.company.perf_pace_ahead_points, 1.0)
        self.env.invalidate_all()
        self.assertEqual(self._on(self.obj_company, "2031-03-31").pace_status, "ahead")
        # 30 June, 5.21 points behind: within 10 points, on track.
        self.assertEqual(
            self._on(self.obj_company, "2031-06-30").pace_status, "on_track"
        )
        for points in (-1.0, 101.0):
            with self.assertRaisesText(ValidationError, "between 0 and 100"):
                self.company.perf_pace_behind_points = points
        self.assertEqual(self.company.perf_pace_behind_points, 10.0)

    def test_filters(self):
        Objective = self.env["perf.objective"].with_user(self.user_admin)
        behind = self._on(Objective, "2031-06-30").search(
            [("pace_status", "=", "behind")]
        )
        self.assertIn(self.obj_sales, behind)
        self.assertNotIn(self.obj_ops, behind)
        on_31_march = self._on(Objective, "2031-03-31")
        self.assertNotIn(
            self.obj_sales, on_31_march.search([("pace_status", "=", "behind")])
        )
        self.assertIn(
            self.obj_sales,
            on_31_march.search([("pace_status", "in", ["on_track", "ahead"])]),
        )
        # Without a pace: Operations (tasks only).
        self.assertIn(self.obj_ops, on_31_march.search([("pace_status", "=", False)]))
        self.assertNotIn(
            self.obj_ops, on_31_march.search([("pace_status", "!=", False)])
        )
        # Indicators too; the search view's filters load.
        Indicator = self._on(self.env["perf.indicator"], "2031-06-30")
        self.assertIn(self.revenue, Indicator.search([("pace_status", "=", "behind")]))
        with self.assertRaisesText(UserError, "Search the pace"):
            Objective.search([("pace_status", "ilike", "be")])
        with self.assertRaisesText(UserError, "ahead, on track or behind"):
            Objective.search([("pace_status", "=", "late")])

    def test_employee_reads_the_pace_of_what_he_reads(self):
        # Paul reads the company's objective, and its pace.
        company = self._on(self.obj_company.with_user(self.user_paul), "2031-06-30")
        self.assertEqual(company.pace_status, "behind")
        found = self._on(
            self.env["perf.objective"].with_user(self.user_paul), "2031-06-30"
        )
        behind = found.search([("pace_status", "=", "behind")])
        self.assertIn(self.obj_company, behind)
        # Not the Sales objective, which is not his department's.
        self.assertNotIn(self.obj_sales, behind)

    def test_lower_is_better_sum_beyond_the_cap(self):
        """A budget (lower is better, adding up): its score is capped at 120,
        yet spending ahead of time is behind."""
        budget = self._indicator(
            self.obj_ops,
            name="Travel costs",
            direction="lower",
            target_value=100.0,
            aggregation="sum",
        )
        budget.actual_value = 80.0
        budget = self._on(budget, "2031-06-30")
        # 30 June: 181 of 365 days, 49.59 expected.
        expected = 100 * 181 / 365
        self.assertAlmostEqual(budget.expected_value, expected, places=4)
        # Both scores reach the cap (120 % and 150.4 %, capped), but without
        # the cap: 120 - (200 - 49.59) = -30.4 points: behind.
        self.assertEqual(budget.score, 120.0)
        self.assertEqual(budget.expected_progress, 120.0)
        self.assertAlmostEqual(budget.pace_gap, 120 - (200 - expected), places=4)
        self.assertEqual(budget.pace_status, "behind")
        budget.actual_value = 40.0
        self.assertAlmostEqual(budget.pace_gap, 160 - (200 - expected), places=4)
        self.assertEqual(budget.pace_status, "ahead")

    def test_manager_feed_shows_the_pace(self):
        calls = self._indicator(self.obj_paul_q1, name="Calls", target_value=90)
        with freeze_time("2031-02-14"):
            checkin = (
                self.env["perf.checkin"]
                .with_user(self.user_paul)
                .create({"indicator_id": calls.id, "value": 30})
            )
        # 14 February, half of Q1: 30 of 45 expected calls, behind.
        Checkin = self._on(
            self.env["perf.checkin"].with_user(self.user_maria), "2031-02-14"
        )
        self.assertEqual(Checkin.browse(checkin.id).pace_status, "behind")
        self.assertEqual(Checkin.search([("pace_status", "=", "behind")]), checkin)
        self.assertFalse(Checkin.search([("pace_status", "=", "ahead")]))
        # The feed card and the My Check-ins card show it.
        for model, view in (
            ("perf.checkin", "perf_management.perf_checkin_view_kanban"),
            ("perf.indicator", "perf_management.perf_indicator_view_kanban_checkin"),
        ):
            arch = self.env[model].get_view(self.env.ref(view).id, "kanban")["arch"]
            self.assertIn('name="pace_status"', arch)
