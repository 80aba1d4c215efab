from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import OkrCommon


@tagged("post_install", "-at_install")
class TestOkrCheckin(OkrCommon):
    run_day = "2032-02-15"

    def test_employee_checks_in_on_key_results(self):
        checkin = self._checkin(
            self.kr_metric, 30, user=self.user_paul, confidence="at_risk"
        )
        self.assertEqual(checkin.okr_score, 0.5)
        self.assertEqual(self.kr_metric.confidence, "at_risk")
        self.assertEqual(self.okr_paul.confidence, "at_risk")
        self.assertEqual(self.okr_sales.confidence, "at_risk")
        self.assertTrue(self.okr_paul.last_checkin_date)

    def test_milestone_checkin_by_step_or_count(self):
        steps = self.kr_milestone.milestone_ids.sorted("sequence")
        self._checkin(self.kr_milestone, user=self.user_paul, milestone_id=steps[1].id)
        self.assertEqual(self.kr_milestone.actual_value, 2)
        self.assertTrue(steps[1].is_reached)
        self._checkin(self.kr_milestone, 3, user=self.user_paul)
        self.assertEqual(self.kr_milestone.okr_score, 0.75)
        with self.assertRaisesRegex(ValidationError, "from 0 to 4"):
            self._checkin(self.kr_milestone, 5, user=self.user_paul)
        with self.assertRaisesRegex(ValidationError, "from 0 to 4"):
            self._checkin(self.kr_milestone, 1.5, user=self.user_paul)
        other = self.kr_metric.copy({"kr_type": "milestone", "okr_start_value": 0})
        foreign = self.env["perf.okr.milestone"].create(
            {"name": "Elsewhere", "indicator_id": other.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a step"):
            self._checkin(
                self.kr_milestone, user=self.user_paul, milestone_id=foreign.id
            )
        self.assertEqual(self.kr_milestone.actual_value, 3)

    def test_no_milestone_of_another_key_result(self):
        step = self.kr_milestone.milestone_ids[:1]
        for key_result in (self.kr_metric, self.kr_binary):
            with self.assertRaisesRegex(ValidationError, "not a step"):
                self._checkin(key_result, 1, user=self.user_paul, milestone_id=step.id)
            self.assertFalse(key_result.checkin_ids)
            self.assertFalse(key_result.has_actual)
        self.assertFalse(
            self.env["perf.checkin"].search([("milestone_id", "=", step.id)])
        )

    def test_binary_and_percentage_values(self):
        with self.assertRaises(ValidationError):
            self._checkin(self.kr_binary, 0.5, user=self.user_paul)
        self._checkin(self.kr_binary, 1, user=self.user_paul)
        self.assertTrue(self.kr_binary.is_achieved)
        with self.assertRaises(ValidationError):
            self._checkin(self.kr_percent, 120, user=self.user_maria)
        self._checkin(self.kr_percent, 64, user=self.user_maria)
        self.assertEqual(self.kr_percent.okr_score, 0.8)

    def test_colleague_cannot_check_in(self):
        with self.assertRaises(AccessError):
            self._checkin(self.kr_metric, 20, user=self.user_rita)
        self.assertFalse(self.kr_metric.has_actual)

    def test_checkin_form_offers_milestones(self):
        steps = self.kr_milestone.milestone_ids.sorted("sequence")
        wizard = (
            self.env["perf.checkin.wizard"]
            .with_user(self.user_paul)
            .with_context(default_indicator_id=self.kr_milestone.id)
            .create({"milestone_id": steps[2].id, "confidence": "on_track"})
        )
        wizard.action_confirm()
        self.assertEqual(self.kr_milestone.actual_value, 3)
        self.assertEqual(self.kr_milestone.last_checkin_id.milestone_id, steps[2])


@tagged("post_install", "-at_install")
class TestOkrDemo(OkrCommon):
    """The demo data checks in on the running quarter: today, not frozen."""

    def test_demo_creates_okrs_with_checkins(self):
        # The test database holds the demo data, which this builds on.
        self.assertTrue(self.env.ref("perf_management.demo_objective_revenue"))
        before = self.env["perf.checkin"].search_count([])
        self.env["perf.okr.demo"]._create_demo()
        self.assertGreater(self.env["perf.checkin"].search_count([]), before)


@tagged("post_install", "-at_install")
class TestOkrSignals(OkrCommon):
    """Signals agree with the figures: check-ins of Q1 2032, taken within
    it."""

    run_day = "2032-02-15"

    def test_done_key_result_is_on_track(self):
        # Paul is sure to miss it, and then gets certified.
        self._checkin(self.kr_binary, 0, user=self.user_paul, confidence="off_track")
        self.assertEqual(self.kr_binary.confidence, "off_track")
        done = self._checkin(
            self.kr_binary, 1, user=self.user_paul, confidence="off_track"
        )
        self.assertEqual(done.confidence, "on_track")
        self.assertEqual(self.kr_binary.confidence, "on_track")
        self._checkin(self.kr_metric, 50, user=self.user_paul, confidence="at_risk")
        self.assertEqual(self.kr_metric.confidence, "on_track")
        self.assertEqual(self.okr_paul.confidence, "on_track")
        # An aspirational OKR's key result is achieved from 0.7.
        self._checkin(self.kr_percent, 56, user=self.user_maria, confidence="at_risk")
        self.assertEqual(self.kr_percent.okr_score, 0.7)
        self.assertEqual(self.kr_percent.confidence, "on_track")

    def test_checkin_form_on_a_done_or_not_key_result(self):
        Wizard = (
            self.env["perf.checkin.wizard"]
            .with_user(self.user_paul)
            .with_context(default_indicator_id=self.kr_binary.id)
        )
        form = Form(Wizard)
        form.confidence = "off_track"
        form.value_input = "1"
        self.assertTrue(form.reaches_target)
        self.assertFalse(form.is_unusual)
        form.save().action_confirm()
        self.assertEqual(self.kr_binary.last_checkin_id.confidence, "on_track")
        # Not done yet is no slip either.
        form = Form(Wizard)
        form.value_input = "0"
        self.assertFalse(form.is_unusual)
        self.assertFalse(form.reaches_target)

    def test_parent_shows_its_own_key_results_confidence(self):
        self._checkin(self.kr_percent, 40, user=self.user_maria, confidence="on_track")
        self._checkin(self.kr_metric, 20, user=self.user_paul, confidence="off_track")
        self.assertEqual(self.okr_paul.confidence, "off_track")
        # All of the department's own key results are on track: so is it.
        self.assertEqual(self.okr_sales.confidence, "on_track")

    def test_done_or_not_is_expected_done_by_the_end(self):
        kr = self.kr_binary.with_context(checkin_today="2032-03-06")
        self.assertEqual(kr.expected_value, 0.0)
        self.assertEqual(
            self.kr_binary.with_context(checkin_today="2032-03-31").expected_value,
            1.0,
        )
        # Milestones expected in whole steps: on 15 February, 46 of the 91
        # days of Q1 2032 are elapsed, 4 x 46 / 91 = 2.02 steps: 2.
        milestone = self.kr_milestone.with_context(checkin_today="2032-02-15")
        self.assertEqual(milestone.expected_value, 2.0)
