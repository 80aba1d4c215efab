from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import IndicatorCommon


@tagged("post_install", "-at_install")
class TestIndicatorScore(IndicatorCommon):
    def test_score_computed_from_actual(self):
        indicator = self._create_indicator(actual_value=85.0)
        self.assertTrue(indicator.has_actual)
        self.assertTrue(indicator.has_score)
        self.assertAlmostEqual(indicator.score, 85.0)

    def test_no_actual_no_score(self):
        indicator = self._create_indicator()
        self.assertFalse(indicator.has_actual)
        self.assertFalse(indicator.has_score)
        self.assertEqual(indicator.score, 0.0)

    def test_actual_zero_is_a_score(self):
        # A form or a copy sends 0 for an untouched actual: not an actual yet.
        indicator = self._create_indicator(actual_value=0.0)
        self.assertFalse(indicator.has_actual)
        self.assertFalse(indicator.has_score)
        confirmed = self._create_indicator(actual_value=0.0, has_actual=True)
        self.assertTrue(confirmed.has_score)
        self.assertEqual(confirmed.score, 0.0)
        # Writing 0 is an explicit entry.
        indicator.actual_value = 0.0
        self.assertTrue(indicator.has_actual)
        self.assertTrue(indicator.has_score)
        self.assertEqual(indicator.score, 0.0)

    def test_score_recomputed_when_actual_changes(self):
        indicator = self._create_indicator()
        indicator.actual_value = 50.0
        self.assertTrue(indicator.has_actual)
        self.assertTrue(indicator.has_score)
        self.assertAlmostEqual(indicator.score, 50.0)
        indicator.write({"actual_value": 150.0})
        self.assertEqual(indicator.score, 120.0, "Clamped to the default cap")
        # Stored: the database holds the new score.
        indicator.flush_recordset()
        self.assertEqual(
            self.env["perf.indicator"].search_count(
                [("id", "=", indicator.id), ("score", "=", 120.0)]
            ),
            1,
        )

    def test_score_recomputed_when_scoring_settings_change(self):
        indicator = self._create_indicator(actual_value=150.0)
        indicator.cap = 0.0
        self.assertEqual(indicator.score, 150.0)
        indicator.curve = "binary"
        self.assertEqual(indicator.score, 100.0)
        indicator.write({"curve": "stepped", "target_value": 200.0})
        self.assertEqual(indicator.score, 0.0, "75 % of the target: below 80 %")
        indicator.threshold = 80.0
        indicator.curve = "linear"
        self.assertEqual(indicator.score, 0.0)
        indicator.threshold = 70.0
        self.assertAlmostEqual(indicator.score, 75.0)
        indicator.write({"direction": "lower", "target_value": 100.0, "threshold": 0.0})
        self.assertAlmostEqual(indicator.score, 50.0)
        indicator.write({"direction": "range", "range_min": 140.0, "range_max": 160.0})
        self.assertEqual(indicator.score, 100.0)

    def test_clear_actual(self):
        indicator = self._create_indicator(actual_value=90.0)
        indicator.action_clear_actual()
        self.assertFalse(indicator.has_actual)
        self.assertFalse(indicator.has_score)
        self.assertEqual(indicator.score, 0.0)
        self.assertEqual(indicator.actual_value, 0.0)
        indicator.actual_value = 0.0
        self.assertTrue(indicator.has_actual, "Entering 0 again is an actual")
        self.assertTrue(indicator.has_score)

    def test_explicit_has_actual_wins(self):
        indicator = self._create_indicator(actual_value=10.0, has_actual=False)
        self.assertFalse(indicator.has_actual)
        indicator.write({"actual_value": 20.0, "has_actual": False})
        self.assertFalse(indicator.has_actual)
        self.assertFalse(indicator.has_score)

    def test_form_sets_has_actual_only_when_actual_entered(self):
        form = Form(self.env["perf.indicator"])
        form.name = "Visits"
        form.objective_id = self.objective_company
        form.target_value = 20.0
        indicator = form.save()
        self.assertFalse(indicator.has_actual)
        self.assertFalse(indicator.has_score)
        with Form(indicator) as form:
            form.actual_value = 10.0
        self.assertTrue(indicator.has_actual)
        self.assertAlmostEqual(indicator.score, 50.0)

    def test_form_actual_typed_on_new_indicator(self):
        form = Form(self.env["perf.indicator"])
        form.name = "Visits"
        form.objective_id = self.objective_company
        form.target_value = 20.0
        form.actual_value = 5.0
        self.assertTrue(form.has_actual)
        indicator = form.save()
        self.assertTrue(indicator.has_score)
        self.assertAlmostEqual(indicator.score, 25.0)

    def test_objective_indicator_progress(self):
        objective = self.objective_company
        self._create_indicator(objective, actual_value=50.0, weight=1.0)
        self._create_indicator(objective, actual_value=100.0, weight=3.0)
        unmeasured = self._create_indicator(objective, weight=10.0)
        self.assertAlmostEqual(objective.indicator_progress, 87.5)
        unmeasured.actual_value = 0.0
        self.assertAlmostEqual(objective.indicator_progress, 25.0)
        unmeasured.action_clear_actual()
        self.assertAlmostEqual(objective.indicator_progress, 87.5)

    def test_related_company_and_period(self):
        indicator = self._create_indicator()
        self.assertEqual(indicator.company_id, self.company)
        self.assertEqual(indicator.period_id, self.period)
        self.assertEqual(indicator.level, "company")

    def test_tracking(self):
        indicator = self._create_indicator(actual_value=10.0)
        self.env.cr.precommit.run()
        indicator.write({"actual_value": 40.0, "target_value": 80.0, "weight": 3.0})
        self.env.cr.precommit.run()
        tracked = indicator.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("actual_value", tracked)
        self.assertIn("target_value", tracked)
        self.assertIn("weight", tracked)

    def test_weight_default_from_policy(self):
        # Department level: result 60 %, process 40 %.
        result = self._create_indicator(self.objective_department)
        process = self._create_indicator(self.objective_department, dimension="process")
        explicit = self._create_indicator(
            self.objective_department, dimension="process", weight=2.0
        )
        self.assertEqual(result.weight, 60.0)
        self.assertEqual(process.weight, 40.0)
        self.assertEqual(explicit.weight, 2.0)

    def test_form_weight_default_from_policy(self):
        form = Form(
            self.env["perf.indicator"].with_context(
                default_objective_id=self.objective_post.id
            )
        )
        form.name = "Visits"
        self.assertEqual(form.weight, 1.0, "Result is not expected for a post")
        form.dimension = "process"
        self.assertEqual(form.weight, 60.0)
        form.dimension = "competency"
        self.assertEqual(form.weight, 40.0)
        form.dimension = "result"
        self.assertEqual(form.weight, 1.0)
        form.weight = 2.0
        indicator = form.save()
        self.assertEqual(indicator.weight, 2.0)
        with Form(indicator) as form:
            form.dimension = "process"
        self.assertEqual(indicator.weight, 2.0, "Saved weights are kept")

    def test_weight_default_outside_policy(self):
        # A company objective expects no competency indicator: field default.
        indicator = self._create_indicator(dimension="competency")
        self.assertEqual(indicator.weight, 1.0)


@tagged("post_install", "-at_install")
class TestIndicatorConstraints(IndicatorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls._create_indicator(actual_value=90.0, weight=2.0)

    def _assert_refused(self, values, message):
        indicator = self.indicator
        before = indicator.read(list(values))[0]
        with self.assertRaises(ValidationError) as caught:
            indicator.write(values)
        self.assertRegex(str(caught.exception), message)
        indicator.invalidate_recordset()
        self.assertEqual(indicator.read(list(values))[0], before)
        self.assertAlmostEqual(indicator.score, 90.0)

    def test_weight_must_be_positive(self):
        self._assert_refused({"weight": 0.0}, "weight")
        self._assert_refused({"weight": -1.0}, "weight")

    def test_weight_refused_on_create(self):
        count = self.env["perf.indicator"].search_count([])
        with self.assertRaises(ValidationError):
            self._create_indicator(weight=0.0)
        self.assertEqual(self.env["perf.indicator"].search_count([]), count)

    def test_lower_needs_target_not_negative(self):
        self._assert_refused(
            {"direction": "lower", "target_value": -5.0}, "cannot be negative"
        )
        self.indicator.write({"direction": "lower", "target_value": 0.0})
        self.assertEqual(self.indicator.direction, "lower")

    def test_higher_accepts_negative_target(self):
        self.indicator.target_value = -50.0
        self.assertEqual(self.indicator.target_value, -50.0)

    def test_range_bounds_ordered(self):
        self._assert_refused(
            {"direction": "range", "range_min": 10.0, "range_max": 5.0}, "minimum"
        )
        self.indicator.write({"direction": "range", "range_min": 5.0, "range_max": 5.0})
        self.assertEqual(self.indicator.direction, "range")

    def test_range_needs_its_bounds(self):
        """Without bounds, an actual equal to the target would score 0."""
        self.indicator.write({"range_min": 0.0, "range_max": 0.0})
        self._assert_refused({"direction": "range"}, "enter its range minimum")
        self.indicator.write({"direction": "range", "range_min": 0.0, "range_max": 3.0})
        self.indicator.actual_value = 2.0
        self.assertEqual(self.indicator.score, 100.0)

    def test_cap_at_least_100(self):
        self._assert_refused({"cap": 99.0}, "cap")
        self._assert_refused({"cap": -10.0}, "cap")
        self.indicator.cap = 0.0
        self.assertEqual(self.indicator.cap, 0.0, "0 means no cap")
        self.indicator.cap = 100.0
        self.assertEqual(self.indicator.cap, 100.0)

    def test_threshold_between_0_and_100(self):
        self._assert_refused({"threshold": -1.0}, "threshold")
        self._assert_refused({"threshold": 100.5}, "threshold")
        self.indicator.threshold = 100.0
        self.assertEqual(self.indicator.threshold, 100.0)


@tagged("post_install", "-at_install")
class TestIndicatorLockedPeriod(IndicatorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls._create_indicator(actual_value=90.0, weight=1.0)
        cls.period.write({"state": "locked"})

    def test_locked_period_refuses_new_figures(self):
        for values in (
            {"actual_value": 10.0},
            {"target_value": 10.0},
            {"weight": 5.0},
        ):
            with self.assertRaises(UserError):
                self.indicator.write(values)
            self.indicator.invalidate_recordset()
            self.assertEqual(self.indicator.actual_value, 90.0)
            self.assertEqual(self.indicator.target_value, 100.0)
            self.assertEqual(self.indicator.weight, 1.0)
        with self.assertRaises(UserError):
            self.indicator.action_clear_actual()
        self.assertTrue(self.indicator.has_actual)

    def test_locked_period_refuses_new_indicator(self):
        with self.assertRaises(UserError):
            self._create_indicator(actual_value=10.0)

    def test_locked_period_refuses_new_indicator_without_figures(self):
        # Even with default figures, a new indicator changes the progress.
        with self.assertRaisesRegex(UserError, "locked"):
            self.env["perf.indicator"].create(
                {"name": "Visits", "objective_id": self.objective_department.id}
            )
        self.assertFalse(self.objective_department.indicator_ids)

    def test_locked_period_refuses_deletion(self):
        with self.assertRaisesRegex(UserError, "locked"):
            self.indicator.unlink()
        self.assertTrue(self.indicator.exists())
        self.assertEqual(self.objective_company.indicator_progress, 90.0)

    def test_locked_period_refuses_moving_indicators(self):
        open_objective = self._create_objective(
            "company", period=self._create_period(self.company, year=2032)
        )
        with self.assertRaisesRegex(UserError, "locked"):
            self.indicator.objective_id = open_objective
        self.assertEqual(self.indicator.objective_id, self.objective_company)
        other = self._create_indicator(open_objective)
        with self.assertRaisesRegex(UserError, "locked"):
            other.objective_id = self.objective_department
        self.assertEqual(other.objective_id, open_objective)
        self.assertFalse(self.objective_department.indicator_ids)

    def test_locked_period_allows_renaming(self):
        self.indicator.name = "Net sales (EUR)"
        self.assertEqual(self.indicator.name, "Net sales (EUR)")

    def test_open_period_accepts_figures(self):
        self.period.write({"state": "open"})
        self.indicator.actual_value = 100.0
        self.assertEqual(self.indicator.score, 100.0)
