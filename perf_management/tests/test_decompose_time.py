from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DecomposeCase


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
            self.env["perf.decompose.time.wizard"].with_context(
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
            [
                self._indicator_named(child, "Revenue").target_value
                for child in children
            ],
            [300_000.0] * 4,
        )
        self.assertEqual(
            [
                self._indicator_named(child, "Gross margin").target_value
                for child in children
            ],
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
        revenue = [
            self._indicator_named(child, "Revenue").target_value for child in children
        ]
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
            [
                self._indicator_named(child, "Revenue").target_value
                for child in children
            ],
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
        self.assertEqual(
            self._indicator_named(child, "Revenue").target_value, 1_200_000.0
        )
        self.assertEqual(
            self._indicator_named(child, "Stock value").range_max, 15_000.0
        )
        # The choice is kept: the carried-over revenue is not summed over the
        # quarters later (KPI actuals, a further split of a quarter).
        revenues = children.indicator_ids.filtered(lambda i: i.name == "Revenue")
        self.assertEqual(set(revenues.mapped("aggregation")), {"last"})
        self.assertEqual(
            self._indicator_named(self.objective, "Revenue").aggregation, "last"
        )
        self.assertEqual(self._indicator_named(child, "Stock value").aggregation, "sum")

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
        space = self.env["perf.decomposition.space"]
        departments = self.dep_sales | self.dep_ops
        space._decompose_objectives(
            self.objective, "department", targets={self.objective.id: departments}
        )
        department_objectives = self._children(self.objective)
        self.env["perf.decomposition.time"]._split_objectives(
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
        time = self.env["perf.decomposition.time"]
        time._split_objectives(self.objective, "quarter")
        q1, q2, q3, q4 = self._children(self.objective)
        q4.weight = 10.0
        results = time._split_objectives(
            self.objective, "quarter", method="manual", shares=[10, 20, 30, 40]
        )
        self.assertEqual(self._children(self.objective), q1 | q2 | q3 | q4)
        self.assertEqual(results[self.objective.id]["kept"], q4)
        self.assertEqual(results[self.objective.id]["updated"], q1 | q2 | q3)
        # Q4 keeps its 300,000; the other 900,000 go 10/20/30 to Q1-Q3.
        self.assertEqual(self._indicator_named(q1, "Revenue").target_value, 150_000.0)
        self.assertEqual(self._indicator_named(q4, "Revenue").target_value, 300_000.0)
        self.assertEqual(
            sum(
                self._children(self.objective)
                .indicator_ids.filtered(lambda i: i.name == "Revenue")
                .mapped("target_value")
            ),
            1_200_000.0,
        )
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
            self.env["perf.decomposition.time"]._split_objectives(
                month_objective, "month"
            )
        with self.assertRaisesRegex(UserError, "cannot be split into Quarters"):
            self.env["perf.decomposition.time"]._split_objectives(
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
        time = self.env["perf.decomposition.time"]
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
        time = self.env["perf.decomposition.time"]
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
            self.env["perf.decomposition.time"]._split_objectives(
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
            self.env["perf.decomposition.time"]._split_objectives(
                quarter_objective, "month", method="profile", profile=profile
            )

    def test_quarters_and_months_are_not_both_made(self):
        time = self._as_admin("perf.decomposition.time")
        time._split_objectives(self.objective, "quarter")
        with self.assertRaisesRegex(UserError, "already split into Quarters"):
            time._split_objectives(self.objective, "month")
        self.assertEqual(self._children(self.objective).period_id, self.quarters)
        # Archived quarters no longer count: the year may then go to months.
        self._children(self.objective).action_archive()
        time._split_objectives(self.objective, "month")
        self.assertEqual(self._children(self.objective).period_id, self.months)

    def test_wizard_proposes_the_profile_used(self):
        self._as_admin("perf.decomposition.time")._split_objectives(
            self.objective, "month", method="profile", profile=self.profile
        )
        self.assertEqual(self.objective.time_profile_id, self.profile)
        with Form(
            self._as_admin("perf.decompose.time.wizard").with_context(
                active_model="perf.objective", active_ids=self.objective.ids
            )
        ) as form:
            self.assertEqual(form.period_type, "month")
            self.assertEqual(form.method, "profile")
            self.assertEqual(form.profile_id, self.profile)
            self.assertEqual(form.line_ids._records[11]["share"], 18.75)
            self.assertIn("December 2030: 18.75 % → 18.75 %", form.preview)
            form.method = "even"
            self.assertIn(
                "December 2030: 18.75 % → 8.33 %, 225,000 → 100,000", form.preview
            )

    def test_month_of_weight_zero_gets_a_zero_target(self):
        self.profile.line_ids.filtered(lambda line: line.month == "7").weight = 0.0
        results = self._as_admin("perf.decomposition.time")._split_objectives(
            self.objective, "month", method="profile", profile=self.profile
        )
        children = self._children(self.objective)
        july = children.filtered(lambda child: child.period_id == self.months[6])
        self.assertEqual(self._indicator_named(july, "Revenue").target_value, 0.0)
        self.assertAlmostEqual(
            sum(
                children.indicator_ids.filtered(lambda i: i.name == "Revenue").mapped(
                    "target_value"
                )
            ),
            1_200_000.0,
            places=2,
        )
        self.assertIn(
            self.months[6].name, " ".join(results[self.objective.id]["notes"])
        )
        self.assertIn("a target of 0", self.objective.message_ids[:1].body)
