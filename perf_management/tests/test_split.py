from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import split


@tagged("post_install", "-at_install")
class TestSplitArithmetic(BaseCase):
    def test_equal_shares_total_100(self):
        self.assertEqual(split.equal_shares(3), [33.33, 33.33, 33.34])
        self.assertEqual(split.equal_shares(4), [25.0] * 4)
        self.assertAlmostEqual(sum(split.equal_shares(12)), 100.0, places=9)
        self.assertAlmostEqual(sum(split.equal_shares(7)), 100.0, places=9)
        self.assertEqual(split.equal_shares(0), [])
        # Rounded shares would bias the split: 8.33 % of 1,000,000 is 83,300.
        self.assertEqual(split.split_amount(1e6, split.equal_shares(12))[0], 83_300.0)

    def test_split_amount_is_exact(self):
        parts = split.split_amount(1_000_000.0, split.equal_shares(12, digits=None))
        self.assertAlmostEqual(sum(parts), 1_000_000.0, places=6)
        self.assertEqual(parts[0], 83_333.33)
        self.assertEqual(parts[-1], 83_333.34)
        self.assertEqual(split.split_amount(-10.0, [1, 1, 1]), [-3.34, -3.33, -3.33])
        self.assertEqual(split.split_amount(100.0, [0.0, 0.0]), [0.0, 0.0])
        self.assertEqual(split.split_amount(10.0, [1, 3], digits=None), [2.5, 7.5])

    def test_check_shares(self):
        self.assertTrue(split.check_shares([33.33, 33.33, 33.33]))
        cases = {
            "empty": [],
            "not_number": [50.0, "50"],
            "not_positive": [110.0, -10.0],
            "total": [50.0, 40.0],
        }
        for code, shares in cases.items():
            with self.subTest(code=code), self.assertRaises(split.ShareError) as error:
                split.check_shares(shares)
            self.assertEqual(error.exception.code, code)
        with self.assertRaises(split.ShareError):
            split.check_shares([float("nan"), 100.0])
        with self.assertRaises(split.ShareError):
            split.check_shares([True, 99.0])

    def test_normalize_weights(self):
        self.assertEqual(split.normalize_weights([1, 1, 2]), [25.0, 25.0, 50.0])
        for weights, code in (([0, 0], "zero_total"), ([1, -1], "negative")):
            with self.assertRaises(split.ShareError) as error:
                split.normalize_weights(weights)
            self.assertEqual(error.exception.code, code)

    def test_split_indicator_values(self):
        values = {"target_value": 900.0, "range_min": 30.0, "range_max": 60.0}
        self.assertEqual(
            split.split_indicator_values(values, [50.0, 30.0, 20.0], "sum"),
            [
                {"target_value": 450.0, "range_min": 15.0, "range_max": 30.0},
                {"target_value": 270.0, "range_min": 9.0, "range_max": 18.0},
                {"target_value": 180.0, "range_min": 6.0, "range_max": 12.0},
            ],
        )
        for aggregation in ("average", "last"):
            self.assertEqual(
                split.split_indicator_values(values, [50.0, 50.0], aggregation),
                [values, values],
            )

    def test_months_and_profile_weights(self):
        self.assertEqual(
            split.months_between(date(2030, 11, 1), date(2031, 2, 28)), [11, 12, 1, 2]
        )
        weights = {month: 1.0 for month in range(1, 13)} | {12: 4.0}
        self.assertEqual(
            split.profile_weights(weights, [[10, 11, 12], [1]]), [6.0, 1.0]
        )
