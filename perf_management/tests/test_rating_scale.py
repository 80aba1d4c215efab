from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, TransactionCase, new_test_user, tagged

from ..tools.rating import DEFAULT_BANDS, Band, RatingError, find_band, validate_bands


@tagged("post_install", "-at_install")
class TestRatingBands(BaseCase):
    def test_default_bands_are_valid(self):
        validate_bands(DEFAULT_BANDS)

    def test_band_lookup_at_and_between_thresholds(self):
        cases = {
            0.0: "E",
            39.99: "E",
            40.0: "D",
            59.9: "D",
            60.0: "C",
            75.0: "B",
            89.999: "B",
            90.0: "A",
            150.0: "A",
        }
        for score, code in cases.items():
            with self.subTest(score=score):
                self.assertEqual(find_band(DEFAULT_BANDS, score).code, code)
        self.assertEqual(find_band(DEFAULT_BANDS, 95).coefficient, 1.2)

    def test_order_of_bands_does_not_matter(self):
        shuffled = [DEFAULT_BANDS[i] for i in (3, 0, 4, 2, 1)]
        self.assertEqual(find_band(shuffled, 80).code, "B")

    def test_no_score_no_band(self):
        self.assertIsNone(find_band(DEFAULT_BANDS, None))

    def test_score_below_the_scale(self):
        bands = [Band("Good", 50.0, 1.0), Band("Great", 100.0, 1.5)]
        with self.assertRaises(RatingError) as catcher:
            find_band(bands, 49.0)
        self.assertEqual(catcher.exception.kind, "below_scale")
        with self.assertRaises(RatingError):
            find_band(DEFAULT_BANDS, -1.0)
        with self.assertRaises(RatingError):
            find_band([], 50.0)

    def test_invalid_scales(self):
        cases = {
            "empty": [],
            "negative_coefficient": [Band("A", 0.0, -0.1)],
            "negative_minimum": [Band("A", -5.0, 1.0)],
            "duplicate_code": [Band("A", 0.0, 1.0), Band("A", 50.0, 1.1)],
            "duplicate_minimum": [Band("A", 50.0, 1.0), Band("B", 50.0, 1.1)],
        }
        for kind, bands in cases.items():
            with self.subTest(kind=kind), self.assertRaises(RatingError) as catcher:
                validate_bands(bands)
            self.assertEqual(catcher.exception.kind, kind)
        # A coefficient of 0 is allowed (no variable pay).
        validate_bands([Band("E", 0.0, 0.0)])


@tagged("post_install", "-at_install")
class TestRatingScale(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Rated Ltd"})
        cls.scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        cls.user_admin = new_test_user(
            cls.env,
            login="perf_rating_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_rating_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the savepoint back) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    def test_new_company_gets_the_default_scale(self):
        bands = self.scale.band_ids.sorted("min_score", reverse=True)
        self.assertEqual(
            [(b.name, b.min_score, b.payroll_coefficient) for b in bands],
            [
                ("A", 90.0, 1.2),
                ("B", 75.0, 1.1),
                ("C", 60.0, 1.0),
                ("D", 40.0, 0.9),
                ("E", 0.0, 0.8),
            ],
        )
        # Asked again, nothing more is created.
        self.assertFalse(
            self.env["perf.rating.scale"]._ensure_default_scales(self.company)
        )
        self.assertEqual(
            self.env["perf.rating.scale"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )
        # Every company has one, the main company included (installed data).
        main = self.env.ref("base.main_company")
        self.assertTrue(self.env["perf.rating.scale"]._get_company_scale(main))

    def test_band_of_a_score(self):
        self.assertEqual(self.scale._get_band(91.5).name, "A")
        self.assertEqual(self.scale._get_band(74.9).payroll_coefficient, 1.0)
        self.assertFalse(self.scale._get_band(None))

    def test_score_outside_the_scale(self):
        self.scale.band_ids.filtered(lambda b: b.name == "E").unlink()
        with self.assertRaisesText(UserError, "below the lowest band"):
            self.scale._get_band(20.0)

    def test_bad_bands_refused(self):
        band_b = self.scale.band_ids.filtered(lambda b: b.name == "B")
        with self.assertRaisesText(ValidationError, "start at the score 90.0"):
            band_b.min_score = 90.0
        with self.assertRaisesText(ValidationError, "negative payroll coefficient"):
            band_b.payroll_coefficient = -0.5
        with self.assertRaisesText(ValidationError, "two bands named A"):
            band_b.name = "A"
        with self.assertRaisesText(ValidationError, "has no band"):
            self.env["perf.rating.scale"].create(
                {"name": "Empty", "company_id": self.company.id, "active": False}
            )
        with self.assertRaisesText(ValidationError, "already has the rating scale"):
            self.env["perf.rating.scale"].create(
                {
                    "name": "Second",
                    "company_id": self.company.id,
                    "band_ids": [Command.create({"name": "X", "min_score": 0.0})],
                }
            )

    def _rated_appraisal(self, band):
        """An appraisal of the company rated ``band``."""
        employee = self.env["hr.employee"].create(
            {"name": "Rita Rated", "company_id": self.company.id}
        )
        cycle = self.env["perf.cycle"].create(
            {
                "name": "FY 2031 (rated)",
                "company_id": self.company.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": employee.id, "period_id": cycle.year_period_id.id}
        )
        appraisal.sudo().write(
            {"rating_band_id": band.id, "payroll_coefficient": band.payroll_coefficient}
        )
        return appraisal

    def test_used_bands_and_scales_are_archived_not_deleted(self):
        band_b = self.scale.band_ids.filtered(lambda b: b.name == "B")
        appraisal = self._rated_appraisal(band_b)
        scale = self.scale.with_user(self.user_admin)
        with self.assertRaisesText(UserError, "Archive the band"):
            band_b.with_user(self.user_admin).unlink()
        with self.assertRaisesText(UserError, "Archive the band"):
            scale.write({"band_ids": [Command.delete(band_b.id)]})
        with self.assertRaisesText(UserError, "Archive the band"):
            scale.unlink()
        self.assertTrue(band_b.exists())
        self.assertEqual(appraisal.rating_band_id, band_b)
        # Archived, the band rates nobody more; the appraisal keeps it.
        band_b.with_user(self.user_admin).action_archive()
        self.assertEqual(scale._get_band(80.0).name, "C")
        self.assertNotIn(band_b, scale.band_ids)
        self.assertEqual(appraisal.rating_band_id, band_b)
        self.assertEqual(appraisal.payroll_coefficient, 1.1)
        # A band nobody got is simply deleted.
        scale.band_ids.filtered(lambda b: b.name == "A").unlink()
        self.assertEqual(scale._get_band(95.0).name, "C")

    def test_only_administrators_configure(self):
        scale = self.scale.with_user(self.user_employee)
        self.assertEqual(len(scale.band_ids), 5)
        with self.assertRaises(AccessError):
            scale.band_ids[0].payroll_coefficient = 2.0
        self.scale.with_user(self.user_admin).band_ids[0].payroll_coefficient = 1.3
        # Another company's scale is not visible.
        other = self.env["perf.rating.scale"]._get_company_scale(
            self.env.ref("base.main_company")
        )
        with self.assertRaises(AccessError):
            other.with_user(self.user_admin).read(["name"])
