import unittest
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.perf_management.wizards import decomposition_split as split

from .common_decompose import DecomposeCase


class TestSplitArithmetic(unittest.TestCase):
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


@tagged("post_install", "-at_install")
class TestDecomposeTime(DecomposeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = cls.env["perf.seasonal.profile"].create(
            {"name": "Year-end peak", "company_id": cls.company.id}
        )
        # November and December weigh 3 each, the other months 1 (16 in all).
        cls.profile.line_ids.filtered(
            lambda line: line.month in ("11", "12")
        ).weight = 3.0

    def _wizard(self, objectives):
        return Form(
            self.env["perf.decompose.time"].with_context(
                active_model="perf.objective", active_ids=objectives.ids
            )
        )

    def test_year_into_quarters_evenly(self):
        with self._wizard(self.objective) as form:
            self.assertEqual(form.period_type, "quarter")
            self.assertEqual(len(form.line_ids), 4)
            self.assertEqual(form.total_share, 100.0)
        action = form.record.action_split()
        self.assertEqual(action["tag"], "display_notification")

        children = self._children(self.objective)
        self.assertEqual(children.period_id, self.quarters)
        self.assertEqual(
            children[0].name, f"Grow profitable revenue - {self.quarters[0].name}"
        )
        self.assertEqual(set(children.mapped("level")), {"company"})
        self.assertEqual(children.mapped("weight"), [25.0] * 4)
        self.assertEqual(
            [self._indicator(child, "Revenue").target_value for child in children],
            [300_000.0] * 4,
        )
        self.assertEqual(
            [self._indicator(child, "Gross margin").target_value for child in children],
            [35.0] * 4,
        )
        self.assertEqual(
            children[0].decomposition_key, f"time:period:{self.quarters[0].id}"
        )

    def test_year_into_months_by_profile(self):
        with self._wizard(self.objective) as form:
            form.period_type = "month"
            form.method = "profile"
            form.profile_id = self.profile
            self.assertEqual(len(form.line_ids), 12)
            self.assertEqual(form.line_ids._records[11]["share"], 18.75)
        form.record.action_split()
        children = self._children(self.objective)
        self.assertEqual(children.period_id, self.months)
        revenue = [self._indicator(child, "Revenue").target_value for child in children]
        self.assertEqual(revenue[0], 75_000.0)
        self.assertEqual(revenue[11], 225_000.0)
        self.assertAlmostEqual(sum(revenue), 1_200_000.0, places=2)
        self.assertEqual(children[11].weight, 18.75)

    def test_quarter_into_months_typed(self):
        quarter_objective = self._make_objective(
            "Q1 revenue", period=self.quarters[0], parent_id=self.objective.id
        )
        with self._wizard(quarter_objective) as form:
            self.assertEqual(form.period_type, "month")
            form.method = "manual"
            for index, share in enumerate((20.0, 30.0, 50.0)):
                with form.line_ids.edit(index) as line:
                    line.share = share
        form.record.action_split()
        children = self._children(quarter_objective)
        self.assertEqual(children.period_id, self.months[:3])
        self.assertEqual(
            [self._indicator(child, "Revenue").target_value for child in children],
            [240_000.0, 360_000.0, 600_000.0],
        )

    def test_aggregation_overridden_in_the_wizard(self):
        with self._wizard(self.objective) as form:
            self.assertEqual(len(form.indicator_line_ids), 3)
            for index in range(3):
                with form.indicator_line_ids.edit(index) as line:
                    if line.indicator_id.name == "Revenue":
                        self.assertEqual(line.aggregation, "sum")
                        line.aggregation = "last"
        form.record.action_split()
        children = self._children(self.objective)
        child = children[0]
        self.assertEqual(self._indicator(child, "Revenue").target_value, 1_200_000.0)
        self.assertEqual(self._indicator(child, "Stock value").range_max, 15_000.0)
        # The choice is kept: the carried-over revenue is not summed over the
        # quarters later (KPI actuals, a further split of a quarter).
        revenues = children.indicator_ids.filtered(lambda i: i.name == "Revenue")
        self.assertEqual(set(revenues.mapped("aggregation")), {"last"})
        self.assertEqual(self._indicator(self.objective, "Revenue").aggregation, "last")
        self.assertEqual(self._indicator(child, "Stock value").aggregation, "sum")

    def test_several_objectives_at_once(self):
        other = self._make_objective("Cut costs")
        with self._wizard(self.objective | other) as form:
            form.method = "profile"
            form.profile_id = self.profile
        form.record.action_split()
        self.assertEqual(len(self._children(self.objective)), 4)
        self.assertEqual(len(self._children(other)), 4)
        self.assertEqual(
            self._children(other).mapped("weight"), [18.75, 18.75, 18.75, 43.75]
        )

    def test_space_then_time(self):
        space = self.env["perf.decompose.space"]
        departments = self.dep_sales | self.dep_ops
        space._decompose_objectives(
            self.objective, "department", targets={self.objective.id: departments}
        )
        department_objectives = self._children(self.objective)
        self.env["perf.decompose.time"]._split_objectives(
            department_objectives, "month", method="profile", profile=self.profile
        )
        sales_january = self._children(department_objectives[0])[:1]
        self.assertEqual(
            sales_january.name,
            f"Grow profitable revenue - {department_objectives[0].department_id.name}, "
            f"{self.months[0].name}",
        )
        for department_objective in department_objectives:
            months = self._children(department_objective)
            self.assertEqual(months.period_id, self.months)
            self.assertEqual(set(months.mapped("level")), {"department"})
            self.assertEqual(months.department_id, department_objective.department_id)
            self.assertAlmostEqual(
                sum(
                    months.indicator_ids.filtered(lambda i: i.name == "Revenue").mapped(
                        "target_value"
                    )
                ),
                600_000.0,
                places=2,
            )

    def test_rerun_updates_and_keeps(self):
        time = self.env["perf.decompose.time"]
        time._split_objectives(self.objective, "quarter")
        q1, q2, q3, q4 = self._children(self.objective)
        q4.weight = 10.0
        results = time._split_objectives(
            self.objective, "quarter", method="manual", shares=[10, 20, 30, 40]
        )
        self.assertEqual(self._children(self.objective), q1 | q2 | q3 | q4)
        self.assertEqual(results[self.objective.id]["kept"], q4)
        self.assertEqual(results[self.objective.id]["updated"], q1 | q2 | q3)
        self.assertEqual(self._indicator(q1, "Revenue").target_value, 120_000.0)
        self.assertEqual(self._indicator(q4, "Revenue").target_value, 300_000.0)
        self.assertEqual(q3.weight, 30.0)
        self.assertIn(
            "Kept (edited by hand, left unchanged): 1.",
            self.objective.message_ids[:1].body,
        )

    def test_month_cannot_be_split(self):
        month_objective = self._make_objective(
            "January", period=self.months[0], parent_id=self.objective.id
        )
        with self.assertRaisesRegex(UserError, "cannot be split into Months"):
            self.env["perf.decompose.time"]._split_objectives(month_objective, "month")
        with self.assertRaisesRegex(UserError, "cannot be split into Quarters"):
            self.env["perf.decompose.time"]._split_objectives(
                self._make_objective(
                    "Q2", period=self.quarters[1], parent_id=self.objective.id
                ),
                "quarter",
            )
        self.assertFalse(self._children(month_objective))

    def test_typed_shares_not_totalling_100(self):
        with self._wizard(self.objective) as form:
            form.method = "manual"
            with form.line_ids.edit(0) as line:
                line.share = 40.0
        with self.assertRaisesRegex(UserError, "total 115.0 %, not 100 %"):
            form.record.action_split()
        self.assertFalse(self._children(self.objective))

    def test_negative_and_non_numeric_shares(self):
        time = self.env["perf.decompose.time"]
        with self.assertRaisesRegex(UserError, "must be greater than 0"):
            time._split_objectives(
                self.objective, "quarter", method="manual", shares=[50, 50, 20, -20]
            )
        with self.assertRaisesRegex(UserError, "is not a number"):
            time._split_objectives(
                self.objective, "quarter", method="manual", shares=[25, 25, 25, "x"]
            )
        with self.assertRaisesRegex(UserError, "one share per period"):
            time._split_objectives(
                self.objective, "quarter", method="manual", shares=[50, 50]
            )
        self.assertFalse(self._children(self.objective))

    def test_no_numeric_target_to_split(self):
        objective = self.env["perf.objective"].create(
            {
                "name": "Be the preferred employer",
                "company_id": self.company.id,
                "level": "company",
                "period_id": self.year.id,
                "indicator_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Satisfaction",
                            "target_value": 8.0,
                            "aggregation": "average",
                            "weight": 1.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Hires",
                            "target_value": 0.0,
                            "aggregation": "sum",
                            "weight": 1.0,
                        },
                    ),
                ],
            }
        )
        time = self.env["perf.decompose.time"]
        with self.assertRaisesRegex(UserError, "no numeric target that adds up"):
            time._split_objectives(
                objective, "month", method="profile", profile=self.profile
            )
        self.assertFalse(self._children(objective))
        # An even split carries the targets over: nothing needs to add up.
        time._split_objectives(objective, "quarter")
        self.assertEqual(len(self._children(objective)), 4)

    def test_profile_required(self):
        with self.assertRaisesRegex(UserError, "Choose the seasonal profile"):
            self.env["perf.decompose.time"]._split_objectives(
                self.objective, "quarter", method="profile"
            )

    def test_profile_without_weight_for_the_periods(self):
        profile = self.env["perf.seasonal.profile"].create(
            {"name": "Winter only", "company_id": self.company.id}
        )
        profile.line_ids.filtered(
            lambda line: line.month not in ("1", "2")
        ).weight = 0.0
        quarter_objective = self._make_objective(
            "Q3 revenue", period=self.quarters[2], parent_id=self.objective.id
        )
        with self.assertRaisesRegex(UserError, "gives no weight"):
            self.env["perf.decompose.time"]._split_objectives(
                quarter_objective, "month", method="profile", profile=profile
            )
