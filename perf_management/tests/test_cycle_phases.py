from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCyclePhases(CascadeCommon):
    """PDCA phases: forward one at a time, back only by an administrator with
    a reason, targets changed in Do only with a reason, closed is read-only."""

    def _as(self, user, record):
        return record.with_user(user)

    def test_forward_one_phase_at_a_time(self):
        cycle = self._as(self.user_admin, self.cycle)
        with self.assertRaisesText(UserError, "cannot skip"):
            cycle.action_check()
        with self.assertRaisesText(UserError, "cannot skip"):
            cycle.action_close()
        with self.assertRaisesText(UserError, "cannot skip"):
            cycle.write({"phase": "act"})
        self.assertEqual(self.cycle.phase, "plan")
        self.assertEqual(set(self.cycle.period_ids.mapped("state")), {"open"})
        for action, phase in (
            ("action_do", "do"),
            ("action_check", "check"),
            ("action_act", "act"),
            ("action_close", "closed"),
        ):
            getattr(cycle, action)()
            self.assertEqual(self.cycle.phase, phase)
            self.assertIn(phase.capitalize(), self.cycle.phase_help)

    def test_only_an_administrator_moves_forward(self):
        with self.assertRaises(AccessError):
            self._as(self.user_maria, self.cycle).action_do()
        self.assertEqual(self.cycle.phase, "plan")

    def test_back_needs_administrator_and_reason(self):
        self.cycle.action_do()
        self.cycle.action_check()
        admin_cycle = self._as(self.user_admin, self.cycle)
        with self.assertRaisesText(UserError, "needs a reason"):
            admin_cycle.action_do()
        with self.assertRaisesText(UserError, "needs a reason"):
            admin_cycle.with_context(perf_change_reason="  ").action_plan()
        self.assertEqual(self.cycle.phase, "check")
        # A manager cannot, even with a reason: the phase rule says so before
        # the access rights do.
        with self.assertRaisesText(UserError, "Only a performance administrator"):
            self._as(self.user_maria, self.cycle).with_context(
                perf_change_reason="Oops"
            )._ensure_phase_change("do")

        wizard = Form(
            self.env["perf.cycle.phase.wizard"]
            .with_user(self.user_admin)
            .with_context(default_cycle_id=self.cycle.id)
        )
        self.assertEqual(wizard.phase, "do")
        wizard.phase = "plan"
        wizard.reason = "Sales targets set before the price increase"
        wizard.save().action_confirm()
        self.assertEqual(self.cycle.phase, "plan")
        messages = self.cycle.message_ids.mapped("body")
        self.assertTrue(
            any("Sales targets set before the price increase" in m for m in messages)
        )

    def test_target_change_in_do_needs_reason(self):
        indicator = self._indicator(self.obj_paul_q1)
        # In Plan targets change freely.
        indicator.with_user(self.user_maria).target_value = 120.0
        self.cycle.action_do()
        manager_indicator = indicator.with_user(self.user_maria)
        with self.assertRaisesText(UserError, "without a reason"):
            manager_indicator.write({"target_value": 130.0})
        self.assertEqual(indicator.target_value, 120.0)
        # The same value again is not a change; the actual is no target.
        manager_indicator.write({"target_value": 120.0, "actual_value": 50.0})

        wizard = Form(
            self.env["perf.target.change.wizard"]
            .with_user(self.user_maria)
            .with_context(default_indicator_id=indicator.id)
        )
        self.assertEqual(wizard.target_value, 120.0)
        wizard.target_value = 90.0
        wizard.reason = "Largest customer went bankrupt in February"
        wizard.save().action_confirm()
        self.assertEqual(indicator.target_value, 90.0)
        self.assertTrue(
            any(
                "Largest customer went bankrupt" in body
                for body in indicator.message_ids.mapped("body")
            )
        )
        # An employee still cannot change it, reason or not.
        with self.assertRaises(AccessError):
            indicator.with_user(self.user_paul).with_context(
                perf_change_reason="I want to"
            ).write({"target_value": 10.0})

    def test_closed_cycle_is_read_only(self):
        indicator = self._indicator(self.obj_paul_q1)
        task = self._task(self.obj_paul_q1)
        for action in ("action_do", "action_check", "action_act", "action_close"):
            getattr(self.cycle, action)()
        self.assertEqual(set(self.cycle.period_ids.mapped("state")), {"locked"})
        with self.assertRaises(UserError):
            indicator.write({"actual_value": 10.0})
        with self.assertRaises(UserError):
            task.write({"state": "done"})
        with self.assertRaises(UserError):
            self._indicator(self.obj_paul_q1, name="Late indicator")
        with self.assertRaises(UserError):
            self.obj_paul_q1.write({"weight": 3.0})
        # A period cannot be reopened while its cycle is closed.
        with self.assertRaisesText(UserError, "is closed"):
            self.year.action_reopen()
        # Moved back to Act (with a reason), the administrator reopens periods.
        self.cycle.with_user(self.user_admin).with_context(
            perf_change_reason="Q4 actuals came late"
        ).action_act()
        self.year.with_user(self.user_admin).action_reopen()
        indicator.write({"actual_value": 10.0})
        self.assertEqual(indicator.actual_value, 10.0)

    def test_closed_cycle_appraisals_are_read_only(self):
        """Appraisals of a closed cycle change no more: not their review, not
        their state, not a new one; back in Act, the workflow goes on."""
        self.emp_maria.parent_id = self.emp_olga
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": self.emp_paul.id, "period_id": self.q1.id}
        )
        appraisal.action_start()
        appraisal.with_user(self.user_paul).self_review = "Before the close"
        for action in ("action_do", "action_check", "action_act", "action_close"):
            getattr(self.cycle, action)()
        with self.assertRaisesText(UserError, "is closed"):
            appraisal.with_user(self.user_paul).self_review = "After the close"
        with self.assertRaisesText(UserError, "is closed"):
            appraisal.with_user(self.user_paul).action_submit_self_review()
        with self.assertRaisesText(UserError, "is closed"):
            appraisal.with_user(self.user_admin).action_cancel()
        with self.assertRaisesText(UserError, "is closed"):
            self.env["perf.appraisal"].create(
                {"employee_id": self.emp_maria.id, "period_id": self.q1.id}
            )
        self.assertEqual(appraisal.state, "self_review")
        self.assertEqual(
            appraisal.with_user(self.user_paul).self_review, "Before the close"
        )
        self.cycle.with_user(self.user_admin).with_context(
            perf_change_reason="Paul's review was forgotten"
        ).action_act()
        appraisal.with_user(self.user_paul).action_submit_self_review()
        self.assertEqual(appraisal.state, "manager_review")
