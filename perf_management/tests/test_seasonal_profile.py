from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSeasonalProfile(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = cls.env["perf.seasonal.profile"].create({"name": "Retail"})
        # December counts three times as much as any other month.
        cls.profile.line_ids.filtered(lambda line: line.month == "12").weight = 3.0

    def test_default_lines_one_per_month(self):
        self.assertEqual(len(self.profile.line_ids), 12)
        self.assertEqual(
            sorted(int(month) for month in self.profile.line_ids.mapped("month")),
            list(range(1, 13)),
        )
        self.assertEqual(self.profile.company_id, self.env.company)

    def test_normalised_preview(self):
        shares = {int(line.month): line.share for line in self.profile.line_ids}
        self.assertAlmostEqual(sum(shares.values()), 100.0, places=6)
        # 14 weight units: 3/14 for December, 1/14 for the other months.
        self.assertAlmostEqual(shares[12], 21.43, places=2)
        self.assertAlmostEqual(shares[1], 7.14, places=2)

    def test_preview_follows_the_form(self):
        with Form(self.env["perf.seasonal.profile"]) as form:
            form.name = "Summer"
            with form.line_ids.edit(6) as line:
                line.weight = 13.0
            self.assertAlmostEqual(form.line_ids._records[6]["share"], 54.17, places=2)
        profile = form.record
        self.assertEqual(len(profile.line_ids), 12)
        self.assertEqual(profile.total_weight, 24.0)

    def test_period_weights(self):
        cycle = self.env["perf.cycle"].create(
            {
                "name": "Profile cycle",
                "date_start": date(2031, 1, 1),
                "date_end": date(2031, 12, 31),
            }
        )
        quarters = cycle.period_ids.filtered(lambda p: p.period_type == "quarter")
        weights = self.profile._get_period_weights(quarters.sorted("date_start"))
        self.assertEqual(weights, [3.0, 3.0, 3.0, 5.0])

    def test_negative_weight_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.profile.line_ids[0].weight = -1.0
            self.profile.flush_recordset()
            self.profile.line_ids.flush_recordset()

    def test_all_zero_refused(self):
        with self.assertRaisesRegex(ValidationError, "all 0"):
            self.profile.write(
                {
                    "line_ids": [
                        Command.update(line.id, {"weight": 0.0})
                        for line in self.profile.line_ids
                    ]
                }
            )

    def test_missing_month_refused(self):
        with self.assertRaisesRegex(ValidationError, "12 months"):
            self.profile.write(
                {"line_ids": [Command.unlink(self.profile.line_ids[0].id)]}
            )

    def test_copy_keeps_weights(self):
        copy = self.profile.copy()
        self.assertEqual(len(copy.line_ids), 12)
        self.assertEqual(copy._get_month_weights(), self.profile._get_month_weights())
