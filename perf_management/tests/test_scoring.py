from odoo.tests import BaseCase, tagged

from ..tools.scoring import (
    DEFAULT_STEPS,
    achievement,
    apply_curve,
    compute_score,
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
