import io
import math

import xlsxwriter
from openpyxl import load_workbook

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, Form, tagged

from ..report import xlsx_common
from ..tools import aggregation, bounds, scoring
from .common import CascadeCommon, write_self_review

#: What no figure may be: not a number, infinite, beyond the bound.
NOT_FIGURES = (
    float("nan"),
    float("inf"),
    float("-inf"),
    1.5e308,
    -2e15,
    "NaN",
    "Infinity",
    10**400,
)


class TestBoundsTools(BaseCase):
    def test_figures_within_the_bound(self):
        for value in (0, 0.0, None, False, 1e15, -1e15, 12.5, "3.5"):
            self.assertTrue(bounds.is_valid_figure(value), value)
        for value in (*NOT_FIGURES, "lots", [1]):
            self.assertFalse(bounds.is_valid_figure(value), value)

    def test_bounded_computed_figures(self):
        self.assertEqual(bounds.bounded(math.inf), bounds.MAX_FIGURE)
        self.assertEqual(bounds.bounded(-math.inf), -bounds.MAX_FIGURE)
        self.assertEqual(bounds.bounded(math.nan), 0.0)
        self.assertEqual(bounds.bounded(42.0), 42.0)

    def test_score_of_a_tiny_target_stays_finite(self):
        # 10^15 against a target of 10^-300 overflows the ratio: the
        # achievement is bounded, the score a number, with or without a cap.
        for cap in (0, 120):
            score = scoring.compute_score(1e-300, 1e15, cap=cap)
            self.assertTrue(math.isfinite(score), score)
        self.assertEqual(scoring.compute_score(1e-300, 1e15, cap=0), bounds.MAX_FIGURE)

    def test_sum_of_many_bounded_parts_stays_finite(self):
        total = aggregation.aggregate([bounds.MAX_FIGURE] * 100_000, "sum")
        self.assertEqual(total, bounds.MAX_FIGURE * 100_000)
        self.assertTrue(math.isfinite(total))

    def test_texts_by_kind(self):
        self.assertEqual(bounds.text_limit("char"), 256)
        self.assertEqual(bounds.text_limit("text"), 10_000)
        self.assertTrue(bounds.is_text_within("x" * 256, 256))
        self.assertFalse(bounds.is_text_within("x" * 257, 256))
        self.assertTrue(bounds.is_text_within(False, 256))

    def test_sheet_never_meets_a_non_finite_number(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, xlsx_common.WORKBOOK_OPTIONS)
        sheet = xlsx_common.DataSheet(
            workbook,
            "Figures",
            [
                xlsx_common.Column("Number", xlsx_common.NUMBER),
                xlsx_common.Column("Percent", xlsx_common.PERCENT),
            ],
        )
        sheet.write_rows([(math.nan, math.inf), (-math.inf, 50.0), (1.5, math.nan)])
        sheet.close()
        workbook.close()
        rows = list(
            load_workbook(io.BytesIO(output.getvalue()))["Figures"].iter_rows(
                min_row=2, values_only=True
            )
        )
        self.assertEqual(rows, [(None, None), (None, 0.5), (1.5, None)])


@tagged("post_install", "-at_install")
class TestFigureBounds(CascadeCommon):
    """Every figure a user types is a finite number within the bound, on every
    path: form, wizard, write, create, import, check-in."""

    run_day = "2031-01-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_paul = cls._indicator(cls.obj_paul_jan, "Accounts", target_value=10)

    def _refused(self, record, fname, values=NOT_FIGURES):
        before = record[fname]
        for value in values:
            with self.assertRaisesText(ValidationError, "is not a number between"):
                record.write({fname: value})
        record.invalidate_recordset()
        self.assertEqual(record[fname], before)

    def test_employee_cannot_enter_a_non_figure_as_actual(self):
        self._refused(self.ind_paul.with_user(self.user_paul), "actual_value")
        self.assertFalse(self.ind_paul.has_actual)
        form = Form(self.ind_paul.with_user(self.user_paul))
        form.actual_value = 1.5e308
        with self.assertRaisesText(ValidationError, "is not a number between"):
            form.save()
        self.ind_paul.with_user(self.user_paul).write({"actual_value": 1e15})
        self.assertEqual(self.ind_paul.actual_value, 1e15)

    def test_checkins_of_non_figures_refused(self):
        for value in NOT_FIGURES:
            with self.assertRaisesText(ValidationError, "not a number"):
                self.env["perf.checkin"].with_user(self.user_paul).create(
                    {"indicator_id": self.ind_paul.id, "value": value}
                )
        wizard = (
            self.env["perf.checkin.wizard"]
            .with_user(self.user_paul)
            .with_context(default_indicator_id=self.ind_paul.id)
        )
        with self.assertRaisesText(ValidationError, "is not a number between"):
            wizard.create({"value": 1.5e308})
        self.assertFalse(self.ind_paul.checkin_ids)
        self.assertFalse(self.ind_paul.has_actual)

    def test_manager_settings_are_figures(self):
        indicator = self.ind_paul.with_user(self.user_maria)
        for fname in ("target_value", "weight", "range_min", "range_max", "cap"):
            self._refused(indicator, fname, (float("nan"), float("inf"), 2e15))
        self._refused(indicator, "threshold", (float("nan"),))
        self._refused(
            self.obj_paul_jan.with_user(self.user_maria), "weight", (float("inf"),)
        )
        with self.assertRaisesText(ValidationError, "is not a number between"):
            self.env["perf.indicator"].with_user(self.user_maria).create(
                {
                    "name": "Infinite",
                    "objective_id": self.obj_paul_jan.id,
                    "target_value": float("inf"),
                }
            )
        with self.assertRaisesText(ValidationError, "is not a number between"):
            self.env["perf.target.change.wizard"].with_user(self.user_maria).create(
                {
                    "indicator_id": self.ind_paul.id,
                    "target_value": float("nan"),
                    "reason": "Bigger",
                }
            )
        self.assertEqual(self.ind_paul.target_value, 10)

    def test_configuration_figures(self):
        admin = self.user_admin
        scale = self.env["perf.rating.scale"]._get_company_scale(self.company)
        band = scale.band_ids[:1].with_user(admin)
        self._refused(band, "payroll_coefficient", (float("nan"), 1e308))
        self._refused(band, "min_score", (float("inf"),))
        policy = (
            self.env["perf.level.policy"]
            ._get_policy(self.company, "employee")
            .with_user(admin)
        )
        self._refused(policy, "weight_result", (float("nan"),))
        profile = self.env["perf.seasonal.profile"].create(
            {"name": "Flat (bounds)", "company_id": self.company.id}
        )
        self._refused(profile.line_ids[:1].with_user(admin), "weight", (float("inf"),))
        campaign = (
            self.env["perf.appraisal.campaign"]
            .with_user(admin)
            .create({"name": "Q1 (bounds)", "period_id": self.q1.id})
        )
        self._refused(campaign, "weight_result", (float("nan"),))

    def test_import_refuses_non_figures(self):
        result = (
            self.env["perf.indicator"]
            .with_user(self.user_maria)
            .load(
                ["name", "objective_id/.id", "target_value"],
                [["Imported", str(self.obj_paul_jan.id), "inf"]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn(
            "is not a number between",
            " ".join(message["message"] for message in result["messages"]),
        )


@tagged("post_install", "-at_install")
class TestTextLimits(CascadeCommon):
    """Every text a user types has a size limit by kind: 256 characters for
    a name, 10,000 for a long text. Over it, refused, never cut."""

    run_day = "2031-01-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_paul = cls._indicator(cls.obj_paul_jan, "Accounts", target_value=10)

    def _too_long(self):
        return self.assertRaisesText(ValidationError, "characters, more than the")

    def test_checkin_comment(self):
        Checkin = self.env["perf.checkin"].with_user(self.user_paul)
        with self._too_long():
            Checkin.create(
                {"indicator_id": self.ind_paul.id, "value": 3, "comment": "x" * 10_001}
            )
        self.assertFalse(self.ind_paul.has_actual)
        self.assertFalse(self.ind_paul.checkin_ids)
        with self._too_long():
            self.env["perf.checkin.wizard"].with_user(self.user_paul).create(
                {
                    "indicator_id": self.ind_paul.id,
                    "value": 3,
                    "comment": "x" * 1_000_000,
                }
            )
        checkin = Checkin.create(
            {"indicator_id": self.ind_paul.id, "value": 3, "comment": "x" * 10_000}
        )
        self.assertEqual(len(checkin.comment), 10_000)

    def test_self_review_and_manager_texts(self):
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": self.emp_paul.id, "period_id": self.q1.id}
        )
        appraisal.action_start()
        with self._too_long():
            appraisal.with_user(self.user_paul).write({"self_review": "x" * 10_001})
        self.assertFalse(appraisal.sudo().self_review_stored)
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        for fname in ("manager_feedback", "manager_note"):
            with self._too_long():
                appraisal.with_user(self.user_maria).write({fname: "x" * 10_001})
        appraisal.with_user(self.user_maria).write({"manager_feedback": "Good"})
        self.assertEqual(appraisal.manager_feedback, "Good")

    def test_names_and_descriptions(self):
        maria = self.user_maria
        # Objectives and tasks: room for what a decomposition adds.
        with self._too_long():
            self.obj_paul_jan.with_user(maria).write({"name": "x" * 513})
        with self._too_long():
            self.ind_paul.with_user(maria).write({"name": "x" * 257})
        with self._too_long():
            self._task(self.obj_paul_jan, completion_standard="x" * 10_001)
        self.obj_paul_jan.with_user(maria).write({"name": "x" * 512})
        self.assertEqual(len(self.obj_paul_jan.name), 512)

    def test_reason_of_a_target_change(self):
        self.cycle.action_do()
        with self._too_long():
            self.ind_paul.with_user(self.user_maria).with_context(
                perf_change_reason="x" * 10_001
            ).write({"target_value": 12})
        with self._too_long():
            self.env["perf.target.change.wizard"].with_user(self.user_maria).create(
                {"indicator_id": self.ind_paul.id, "reason": "x" * 10_001}
            )
        self.assertEqual(self.ind_paul.target_value, 10)
        with self._too_long():
            self.cycle.with_user(self.user_admin).with_context(
                perf_change_reason="x" * 10_001
            ).action_plan()
        self.assertEqual(self.cycle.phase, "do")

    def test_import_refuses_long_texts(self):
        result = (
            self.env["perf.indicator"]
            .with_user(self.user_maria)
            .load(
                ["name", "objective_id/.id"],
                [["x" * 300, str(self.obj_paul_jan.id)]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn(
            "characters, more than the",
            " ".join(message["message"] for message in result["messages"]),
        )
