from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OkrCommon


@tagged("post_install", "-at_install")
class TestKeyResult(OkrCommon):
    def test_metric_scored_from_start_to_target(self):
        self.kr_metric.actual_value = 30
        self.assertEqual(self.kr_metric.okr_score, 0.5)
        # The score in % that the rollup uses follows the OKR score.
        self.assertEqual(self.kr_metric.score, 50.0)
        self.assertTrue(self.kr_metric.has_score)
        self.assertFalse(self.kr_metric.is_achieved)
        self.kr_metric.actual_value = 50
        self.assertTrue(self.kr_metric.is_achieved)
        self.assertGreater(self.okr_paul.progress, 0)
        self.assertGreater(self.obj_company.progress, 0)

    def test_metric_start_equal_to_target_refused(self):
        with self.assertRaises(ValidationError):
            self._key_result(
                self.okr_paul, "Flat", "metric", okr_start_value=5, target_value=5
            )

    def test_milestones_set_target_and_reached_steps(self):
        self.assertEqual(self.kr_milestone.target_value, 4)
        self.kr_milestone.actual_value = 2
        self.assertEqual(self.kr_milestone.okr_score, 0.5)
        steps = self.kr_milestone.milestone_ids.sorted("sequence")
        self.assertEqual(steps.mapped("is_reached"), [True, True, False, False])
        self.assertEqual(steps.mapped("position"), [1, 2, 3, 4])
        steps[-1].unlink()
        self.assertEqual(self.kr_milestone.target_value, 3)

    def test_milestones_of_equal_sequence_in_the_form(self):
        """The manager adds a step to a key result whose steps share their
        sequence: the form orders them as they were created."""
        self.kr_milestone.milestone_ids.sequence = 10
        self.kr_milestone.actual_value = 2
        with Form(self.kr_milestone.with_user(self.user_maria)) as form:
            with form.milestone_ids.new() as line:
                line.name = "Celebrated"
                self.assertFalse(line.is_reached)
            self.assertEqual(
                [vals["is_reached"] for vals in form.milestone_ids._records],
                [True, True, False, False, False],
            )
        steps = self.kr_milestone.milestone_ids.sorted("id")
        self.assertEqual(steps.mapped("position"), [1, 2, 3, 4, 5])
        self.assertEqual(steps[-1].name, "Celebrated")
        self.assertEqual(self.kr_milestone.target_value, 5)

    def test_binary_target_is_one(self):
        self.assertEqual(self.kr_binary.target_value, 1)
        self.kr_binary.actual_value = 1
        self.assertEqual(self.kr_binary.okr_score, 1.0)

    def test_success_lines_per_company_and_type(self):
        # Aspirational (0.7): 60 of 80 = 0.75 is a success.
        self.kr_percent.actual_value = 60
        self.assertEqual(self.kr_percent.okr_score, 0.75)
        self.assertTrue(self.kr_percent.is_achieved)
        self.assertTrue(self.okr_sales.is_okr_achieved)
        self.company.okr_success_line_aspirational = 0.8
        self.kr_percent.invalidate_recordset(["is_achieved"])
        self.assertFalse(self.kr_percent.is_achieved)
        self.assertFalse(self.okr_sales.is_okr_achieved)
        # Committed (1.0): 0.9 is not.
        self.kr_metric.actual_value = 46
        self.assertFalse(self.kr_metric.is_achieved)
        with self.assertRaises(ValidationError):
            self.company.okr_success_line_committed = 1.5

    def test_objective_score_is_weighted_mean(self):
        self.kr_metric.write({"actual_value": 30, "weight": 1})
        self.kr_milestone.write({"actual_value": 4, "weight": 2})
        self.kr_binary.write({"actual_value": 0, "has_actual": True, "weight": 1})
        self.assertAlmostEqual(
            self.okr_paul.okr_score, (0.5 + 2 * 1.0 + 0) / 4, delta=0.01
        )
        self.assertEqual(self.okr_paul.key_result_count, 3)
        self.assertIn("Partner programme", self.okr_paul.key_results_card)

    def test_expected_value_of_metric(self):
        kr = self.kr_metric.with_context(checkin_today="2032-02-15")
        # Q1 2032 has 91 days; on 15 February, 46 have passed.
        self.assertAlmostEqual(kr.expected_value, 10 + 40 * 46 / 91)

    def test_pace_of_key_results(self):
        """A key result's pace compares its OKR score with the score of the
        value expected today, whichever way the metric goes."""
        share = 46 / 91  # 15 February of Q1 2032
        self.kr_metric.actual_value = 20  # from 10 to 50: 0.25
        kr = self.kr_metric.with_context(checkin_today="2032-02-15")
        self.assertAlmostEqual(kr.expected_progress, share * 100, places=2)
        self.assertAlmostEqual(kr.pace_gap, 25 - share * 100, places=2)
        self.assertEqual(kr.pace_status, "behind")
        self.kr_metric.actual_value = 34  # 0.6: 9.45 points ahead
        self.assertEqual(kr.pace_status, "ahead")
        # Going down, from 50 to 10: 40 is a quarter of the way.
        down = self._key_result(
            self.okr_paul, "Open tickets", "metric", okr_start_value=50, target_value=10
        )
        down.actual_value = 40
        down = down.with_context(checkin_today="2032-02-15")
        self.assertAlmostEqual(down.expected_value, 50 - 40 * share)
        self.assertAlmostEqual(down.pace_gap, 25 - share * 100, places=2)
        self.assertEqual(down.pace_status, "behind")
        # Done or not: not behind before the end of the period.
        self.kr_binary.write({"actual_value": 0, "has_actual": True})
        binary = self.kr_binary.with_context(checkin_today="2032-02-15")
        self.assertEqual(binary.expected_progress, 0.0)
        self.assertEqual(binary.pace_status, "on_track")
        binary = self.kr_binary.with_context(checkin_today="2032-03-31")
        self.assertEqual(binary.pace_status, "behind")
