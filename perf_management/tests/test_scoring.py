from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import fiscal
from ..tools.aggregation import aggregate
from ..tools.display import compact_number, export_filename
from ..tools.scoring import (
    DEFAULT_STEPS,
    achievement,
    apply_curve,
    compute_score,
    dimension_mean,
    is_valid_weight,
    task_item_weight,
    task_score,
    weighted_mean,
)


@tagged("post_install", "-at_install")
class TestAchievement(BaseCase):
    def test_higher_is_ratio_of_target(self):
        self.assertAlmostEqual(achievement(200, 150), 75.0)
        self.assertAlmostEqual(achievement(200, 200), 100.0)
        self.assertAlmostEqual(achievement(200, 300), 150.0)

    def test_higher_never_negative(self):
        self.assertEqual(achievement(100, -50), 0.0)

    def test_higher_target_zero(self):
        self.assertEqual(achievement(0, 0), 100.0)
        self.assertEqual(achievement(0, 25), 100.0)
        self.assertEqual(achievement(0, -1), 0.0)

    def test_higher_negative_target(self):
        # Reduce a loss to -100: -50 beats the target by half of it.
        self.assertAlmostEqual(achievement(-100, -100), 100.0)
        self.assertAlmostEqual(achievement(-100, -50), 150.0)
        self.assertAlmostEqual(achievement(-100, -150), 50.0)

    def test_float_noise_meets_target(self):
        self.assertEqual(achievement(0.3, 0.1 + 0.2), 100.0)
        self.assertEqual(compute_score(0.3, 0.1 + 0.2, curve="binary"), 100.0)

    def test_lower_mirrors_higher(self):
        self.assertAlmostEqual(achievement(10, 10, "lower"), 100.0)
        self.assertAlmostEqual(achievement(10, 5, "lower"), 150.0)
        self.assertAlmostEqual(achievement(10, 15, "lower"), 50.0)
        self.assertEqual(achievement(10, 20, "lower"), 0.0)
        self.assertEqual(achievement(10, 40, "lower"), 0.0)

    def test_lower_actual_zero_is_perfect(self):
        self.assertAlmostEqual(achievement(10, 0, "lower"), 200.0)

    def test_lower_target_zero(self):
        self.assertEqual(achievement(0, 0, "lower"), 100.0)
        self.assertEqual(achievement(0, 0.5, "lower"), 0.0)

    def test_range_inside_bounds_included(self):
        for actual in (20, 22, 25):
            self.assertEqual(achievement(22, actual, "range", 20, 25), 100.0)

    def test_range_outside_relative_to_width(self):
        # Width 5: one unit outside loses 20 points, one width outside all.
        self.assertAlmostEqual(achievement(22, 19, "range", 20, 25), 80.0)
        self.assertAlmostEqual(achievement(22, 27.5, "range", 20, 25), 50.0)
        self.assertEqual(achievement(22, 30, "range", 20, 25), 0.0)
        self.assertEqual(achievement(22, 100, "range", 20, 25), 0.0)
        self.assertEqual(achievement(22, -100, "range", 20, 25), 0.0)

    def test_range_without_width_uses_target(self):
        self.assertEqual(achievement(50, 50, "range", 50, 50), 100.0)
        self.assertAlmostEqual(achievement(50, 45, "range", 50, 50), 90.0)

    def test_range_without_width_nor_target_uses_bound(self):
        self.assertAlmostEqual(achievement(0, 8, "range", 10, 10), 80.0)

    def test_range_all_zero_is_exact(self):
        self.assertEqual(achievement(0, 0, "range", 0, 0), 100.0)
        self.assertEqual(achievement(0, 0.1, "range", 0, 0), 0.0)

    def test_range_open_bounds(self):
        self.assertEqual(achievement(10, 1000, "range", 10, None), 100.0)
        self.assertAlmostEqual(achievement(10, 9, "range", 10, None), 90.0)
        self.assertEqual(achievement(10, -5, "range", None, 10), 100.0)
        # Both open: the range is the target itself.
        self.assertEqual(achievement(10, 10, "range"), 100.0)
        self.assertAlmostEqual(achievement(10, 12, "range"), 80.0)

    def test_range_inverted_bounds_refused(self):
        with self.assertRaises(ValueError):
            achievement(10, 10, "range", 20, 10)

    def test_unknown_direction_refused(self):
        with self.assertRaises(ValueError):
            achievement(10, 10, "sideways")

    def test_missing_actual(self):
        self.assertIsNone(achievement(10, None))
        self.assertIsNone(achievement(10, None, "range", 1, 2))


@tagged("post_install", "-at_install")
class TestCurves(BaseCase):
    def test_linear_is_identity(self):
        self.assertEqual(apply_curve(87.5), 87.5)

    def test_default_steps(self):
        self.assertEqual(
            DEFAULT_STEPS, ((50.0, 0.0), (80.0, 50.0), (100.0, 100.0), (120.0, 120.0))
        )
        expected = {
            0: 0,
            49.9: 0,
            50: 0,
            79.9: 0,
            80: 50,
            99.9: 50,
            100: 100,
            119.9: 100,
            120: 120,
            300: 120,
        }
        for value, score in expected.items():
            self.assertEqual(apply_curve(value, "stepped"), score, value)

    def test_custom_steps_any_order(self):
        steps = [(100, 100), (90, 75)]
        self.assertEqual(apply_curve(89, "stepped", steps), 0)
        self.assertEqual(apply_curve(95, "stepped", steps), 75)
        self.assertEqual(apply_curve(130, "stepped", steps), 100)

    def test_binary(self):
        self.assertEqual(apply_curve(99.99, "binary"), 0.0)
        self.assertEqual(apply_curve(100, "binary"), 100.0)
        self.assertEqual(apply_curve(180, "binary"), 100.0)

    def test_unknown_curve_refused(self):
        with self.assertRaises(ValueError):
            apply_curve(100, "exponential")


@tagged("post_install", "-at_install")
class TestComputeScore(BaseCase):
    def test_missing_actual_gives_no_score(self):
        for curve in ("linear", "stepped", "binary"):
            self.assertIsNone(compute_score(100, None, curve=curve))

    def test_zero_actual_gives_zero_not_none(self):
        self.assertEqual(compute_score(100, 0), 0.0)

    def test_linear(self):
        self.assertAlmostEqual(compute_score(100, 85), 85.0)

    def test_cap_clamps(self):
        self.assertEqual(compute_score(100, 150), 120.0)
        self.assertEqual(compute_score(100, 150, cap=100), 100.0)
        self.assertEqual(compute_score(100, 150, cap=200), 150.0)

    def test_no_cap(self):
        self.assertEqual(compute_score(100, 350, cap=0), 350.0)
        self.assertEqual(compute_score(100, 350, cap=None), 350.0)

    def test_lower_actual_zero_limited_by_cap(self):
        self.assertEqual(compute_score(10, 0, direction="lower"), 120.0)
        self.assertEqual(compute_score(10, 0, direction="lower", cap=0), 200.0)

    def test_threshold(self):
        self.assertEqual(compute_score(100, 59, threshold=60), 0.0)
        self.assertEqual(compute_score(100, 60, threshold=60), 60.0)
        self.assertEqual(compute_score(100, 59, threshold=0), 59.0)

    def test_threshold_applies_before_curve(self):
        self.assertEqual(compute_score(100, 85, curve="stepped", threshold=90), 0.0)
        self.assertEqual(compute_score(100, 85, curve="stepped"), 50.0)

    def test_stepped_capped(self):
        self.assertEqual(compute_score(100, 130, curve="stepped", cap=110), 110.0)

    def test_binary(self):
        self.assertEqual(compute_score(100, 99, curve="binary"), 0.0)
        self.assertEqual(compute_score(100, 101, curve="binary"), 100.0)
        self.assertEqual(compute_score(10, 9, direction="lower", curve="binary"), 100.0)
        self.assertEqual(compute_score(10, 11, direction="lower", curve="binary"), 0.0)

    def test_range(self):
        self.assertEqual(
            compute_score(0, 22, direction="range", range_min=20, range_max=25), 100.0
        )
        self.assertAlmostEqual(
            compute_score(0, 26, direction="range", range_min=20, range_max=25), 80.0
        )
        self.assertEqual(
            compute_score(0, 99, direction="range", range_min=20, range_max=25), 0.0
        )

    def test_range_binary(self):
        kwargs = {"direction": "range", "curve": "binary", "range_min": 1}
        self.assertEqual(compute_score(0, 1, range_max=2, **kwargs), 100.0)
        self.assertEqual(compute_score(0, 2.5, range_max=2, **kwargs), 0.0)

    def test_never_negative(self):
        self.assertEqual(compute_score(100, -500), 0.0)
        self.assertEqual(compute_score(10, 500, direction="lower"), 0.0)

    def test_target_none_is_zero(self):
        self.assertEqual(compute_score(None, 5), 100.0)


@tagged("post_install", "-at_install")
class TestWeightedMean(BaseCase):
    def test_weighted(self):
        self.assertAlmostEqual(weighted_mean([(100, 3), (50, 1)]), 87.5)

    def test_skips_missing_scores_and_zero_weights(self):
        self.assertAlmostEqual(weighted_mean([(80, 1), (None, 5), (10, 0)]), 80.0)

    def test_nothing_to_average(self):
        self.assertIsNone(weighted_mean([]))
        self.assertIsNone(weighted_mean([(None, 1)]))


@tagged("post_install", "-at_install")
class TestDimensionMean(BaseCase):
    POLICY = {"process": 60.0, "competency": 40.0}

    def test_policy_weighs_dimensions_not_indicators(self):
        items = [("process", 100, 60)] * 3 + [("competency", 0, 40)]
        mean, means, equal = dimension_mean(items, self.POLICY)
        self.assertAlmostEqual(mean, 60.0)
        self.assertEqual(means, {"process": 100.0, "competency": 0.0})
        self.assertFalse(equal)

    def test_indicator_weights_inside_a_dimension(self):
        items = [("process", 40, 2), ("process", 100, 1), ("competency", 70, 1)]
        mean, _means, _equal = dimension_mean(items, self.POLICY)
        self.assertAlmostEqual(mean, 0.6 * 60 + 0.4 * 70)

    def test_only_present_dimensions_count(self):
        mean, _means, _equal = dimension_mean([("process", 80, 1)], self.POLICY)
        self.assertAlmostEqual(mean, 80.0)
        mean, means, _equal = dimension_mean([("process", None, 1)], self.POLICY)
        self.assertIsNone(mean)
        self.assertEqual(means, {})

    def test_unweighted_dimension_gives_equal_weights(self):
        items = [("process", 100, 1), ("competency", 0, 1), ("result", 50, 1)]
        mean, _means, equal = dimension_mean(items, self.POLICY)
        self.assertAlmostEqual(mean, 50.0)
        self.assertTrue(equal)


@tagged("post_install", "-at_install")
class TestWeightRule(BaseCase):
    def test_positive_or_zero(self):
        self.assertTrue(is_valid_weight(0.5))
        self.assertFalse(is_valid_weight(0))
        self.assertFalse(is_valid_weight(-1))
        self.assertTrue(is_valid_weight(0, zero_allowed=True))
        self.assertFalse(is_valid_weight(-0.01, zero_allowed=True))


@tagged("post_install", "-at_install")
class TestAggregate(BaseCase):
    def test_aggregations(self):
        values = [10.0, None, 30.0, 20.0]
        self.assertEqual(aggregate(values, "sum"), 60.0)
        self.assertEqual(aggregate(values, "average"), 20.0)
        self.assertEqual(aggregate(values, "last"), 20.0)
        self.assertEqual(aggregate(values, "minimum"), 10.0)
        self.assertEqual(aggregate(values, "maximum"), 30.0)
        self.assertIsNone(aggregate([None], "sum"))
        with self.assertRaises(ValueError):
            aggregate([1.0], "median")


@tagged("post_install", "-at_install")
class TestFiscalMonths(BaseCase):
    def test_calendar_year(self):
        months = fiscal.fiscal_months(date(2031, 1, 1), date(2031, 12, 31))
        self.assertEqual(len(months), 12)
        self.assertEqual(months[1], (date(2031, 2, 1), date(2031, 2, 28)))

    def test_year_ending_on_the_25th(self):
        months = fiscal.fiscal_months(date(2030, 3, 26), date(2031, 3, 25))
        self.assertEqual(len(months), 12)
        self.assertTrue(all(end.day == 25 for _start, end in months))
        self.assertTrue(all(start.day == 26 for start, _end in months))
        quarters = fiscal.fiscal_quarters(months)
        self.assertEqual(
            [(start, end) for start, end, _months in quarters][1],
            (date(2030, 6, 26), date(2030, 9, 25)),
        )

    def test_year_ending_on_the_30th(self):
        # February has no 30th: its month ends on its last day.
        months = fiscal.fiscal_months(date(2031, 1, 31), date(2032, 1, 30))
        self.assertEqual(months[0], (date(2031, 1, 31), date(2031, 2, 28)))
        self.assertEqual(months[1], (date(2031, 3, 1), date(2031, 3, 30)))
        for previous, current in zip(months[:-1], months[1:], strict=True):
            self.assertEqual((current[0] - previous[1]).days, 1)

    def test_partial_first_month_refused(self):
        with self.assertRaises(fiscal.LayoutError):
            fiscal.fiscal_months(date(2031, 1, 15), date(2031, 12, 31))


@tagged("post_install", "-at_install")
class TestCompactNumber(BaseCase):
    def test_scales(self):
        self.assertEqual(compact_number(7_630_000), "7.63 M")
        self.assertEqual(compact_number(12_000_000), "12 M")
        self.assertEqual(compact_number(2_500), "2.5 k")
        self.assertEqual(compact_number(85.5), "85.5")
        self.assertEqual(compact_number(0), "0")
        self.assertEqual(compact_number(-1_200_000), "-1.2 M")


@tagged("post_install", "-at_install")
class TestExportFilename(BaseCase):
    def test_parts_and_day(self):
        self.assertEqual(
            export_filename(
                ["Payroll", "YourCompany", "Q3 FY 2026 appraisals"], date(2026, 12, 5)
            ),
            "Payroll - YourCompany - Q3 FY 2026 appraisals - 2026-12-05.xlsx",
        )

    def test_empty_parts_left_out_and_refused_characters_replaced(self):
        self.assertEqual(
            export_filename(["Cascade", "", None, " A/B: C? "], date(2026, 1, 2)),
            "Cascade - A-B- C- - 2026-01-02.xlsx",
        )


@tagged("post_install", "-at_install")
class TestTaskScore(BaseCase):
    def test_weighted_share_of_verified_tasks(self):
        # Verified 2 + 1 of 2 + 1 + 3 + 2.
        tasks = [(True, 2), (True, 1), (False, 3), (False, 2)]
        self.assertAlmostEqual(task_score(tasks), 3 / 8 * 100)

    def test_all_and_none_verified(self):
        self.assertEqual(task_score([(True, 1), (True, 4)]), 100.0)
        self.assertEqual(task_score([(False, 1), (False, 4)]), 0.0)

    def test_no_task_no_score(self):
        self.assertIsNone(task_score([]))
        # Only weights of 0: nothing to share.
        self.assertIsNone(task_score([(True, 0), (False, 0.0)]))

    def test_weight_zero_task_counts_for_nothing(self):
        self.assertEqual(task_score([(True, 1), (False, 0)]), 100.0)

    def test_item_weight_is_mean_indicator_weight(self):
        self.assertEqual(task_item_weight([1, 2, 6]), 3.0)
        self.assertEqual(task_item_weight([0.5]), 0.5)

    def test_item_weight_one_without_indicator(self):
        self.assertEqual(task_item_weight([]), 1.0)
