from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalRights(CascadeCommon):
    """Who runs which step of an appraisal. Hanna administers performance and
    is appraised herself, by Olga; Ines, a second administrator, runs
    Hanna's appraisal. Paul's appraisal is conducted by Maria."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_ines = new_test_user(
            cls.env,
            login="perf_ines_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Ines HR",
        )
        cls.emp_hanna = cls.env["hr.employee"].create(
            {
                "name": "Hanna HR",
                "user_id": cls.user_admin.id,
                "parent_id": cls.emp_olga.id,
            }
        )
        cls.scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        cls.band = {band.name: band for band in cls.scale.band_ids}
        cls.ind_paul = cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80)

    def _appraisal(self, employee, state, period=None):
        """An appraisal of ``employee`` walked to ``state`` by the people
        whose turn it is."""
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_ines)
            .create({"employee_id": employee.id, "period_id": (period or self.q1).id})
        )
        if state == "draft":
            return appraisal
        appraisal.action_start()
        if state == "self_review":
            return appraisal
        write_self_review(appraisal)
        appraisal.with_user(employee.user_id).action_submit_self_review()
        if state == "manager_review":
            return appraisal
        write_manager_review(appraisal)
        appraisal.with_user(employee.parent_id.user_id).action_submit_manager_review()
        if state == "calibration":
            return appraisal
        appraisal.action_done()
        return appraisal

    # ------------------------------------------------------------------
    # An appraised administrator
    # ------------------------------------------------------------------

    def test_appraised_admin_writes_nothing_of_the_manager_part(self):
        own = self._appraisal(self.emp_hanna, "manager_review")
        as_hanna = own.with_user(self.user_admin)
        cheats = {
            "state": "done",
            "weight_result": 100.0,
            "manager_id": self.emp_maria.id,
            "goals_reasonable": "yes",
            "motivated": "yes",
            "post_right": "yes",
            "manager_feedback": "Hanna is the best",
            "reopen_reason": "Mine",
            "employee_id": self.emp_paul.id,
        }
        before = own.sudo().read(list(cheats))[0]
        for fname, value in cheats.items():
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                as_hanna.write({fname: value})
        own.invalidate_recordset()
        self.assertEqual(own.sudo().read(list(cheats))[0], before)
        self.assertFalse(as_hanna.can_edit_weights)
        # Paul's appraisal she administers.
        paul = self._appraisal(self.emp_paul, "manager_review")
        self.assertTrue(paul.with_user(self.user_admin).can_edit_weights)
        paul.with_user(self.user_admin).weight_result = 7
        self.assertEqual(paul.weight_result, 7)

    def test_appraised_admin_does_not_create_or_run_own_appraisal(self):
        with self.assertRaises(AccessError):
            self.env["perf.appraisal"].with_user(self.user_admin).create(
                {"employee_id": self.emp_hanna.id, "period_id": self.q1.id}
            )
        own = self._appraisal(self.emp_hanna, "draft")
        as_hanna = own.with_user(self.user_admin)
        for method in ("action_start", "action_cancel"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(as_hanna, method)()
        self.assertEqual(own.state, "draft")
        own.action_start()
        write_self_review(own)
        # Her own self review she submits, as any employee.
        as_hanna.action_submit_self_review()
        for method in (
            "action_update_scores",
            "action_submit_manager_review",
            "action_cancel",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(as_hanna, method)()
        self.assertEqual(own.state, "manager_review")

    def test_appraised_admin_does_not_calibrate_own_rating(self):
        own = self._appraisal(self.emp_hanna, "calibration")
        band_before = own.rating_band_id
        as_hanna = own.with_user(self.user_admin)
        with self.assertRaises(AccessError):
            as_hanna._calibrate(self.band["A"], "I deserve it", accept_break=True)
        with self.assertRaises(AccessError):
            as_hanna.action_open_calibrate_wizard()
        Wizard = self.env["perf.appraisal.calibrate.wizard"].with_user(self.user_admin)
        with self.assertRaises(AccessError):
            Wizard.create(
                {
                    "appraisal_id": own.id,
                    "band_id": self.band["A"].id,
                    "reason": "I deserve it",
                    "accept_break": True,
                }
            )
        # The wizard's form shows nothing of her own rating either.
        form = Form(Wizard.with_context(default_appraisal_id=own.id))
        self.assertFalse(form.current_band_id)
        self.assertFalse(form.earned_band_id)
        for method in ("action_done", "action_open_done_wizard", "action_cancel"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(as_hanna, method)()
        self.assertEqual(own.rating_band_id, band_before)
        self.assertEqual(own.state, "calibration")
        # Ines calibrates it.
        own.with_user(self.user_ines)._calibrate(
            self.band["A"], "Took over payroll", accept_break=True
        )
        self.assertEqual(own.rating_band_id, self.band["A"])

    def test_appraised_admin_does_not_reopen_own_appraisal(self):
        own = self._appraisal(self.emp_hanna, "done")
        as_hanna = own.with_user(self.user_admin).with_context(
            perf_change_reason="I want a better rating"
        )
        with self.assertRaises(AccessError):
            as_hanna.action_reopen()
        with self.assertRaises(AccessError):
            self.env["perf.appraisal.reopen.wizard"].with_user(self.user_admin).create(
                {"appraisal_id": own.id, "reason": "I want a better rating"}
            )
        self.assertEqual(own.state, "done")
        self.assertFalse(own.reopen_reason)
        own.with_user(self.user_ines).with_context(
            perf_change_reason="Payroll figures corrected"
        ).action_reopen()
        self.assertEqual(own.state, "manager_review")

    # ------------------------------------------------------------------
    # The workflow's buttons, for everyone
    # ------------------------------------------------------------------

    def test_admin_cannot_write_the_state_or_reopen_reason(self):
        done = self._appraisal(self.emp_paul, "done")
        oscar = self._appraisal(self.emp_oscar, "calibration")
        as_ines = self.env["perf.appraisal"].with_user(self.user_ines)
        for appraisal, vals in (
            (done, {"state": "draft"}),
            (done, {"reopen_reason": "No reason"}),
            (oscar, {"state": "done"}),
            (oscar, {"state": "cancel"}),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesText(AccessError, "use its buttons"),
            ):
                as_ines.browse(appraisal.id).write(vals)
        self.assertEqual(done.state, "done")
        self.assertFalse(done.reopen_reason)
        self.assertEqual(oscar.state, "calibration")

    def test_manager_cannot_cancel_from_calibration_on(self):
        paul = self._appraisal(self.emp_paul, "calibration")
        with self.assertRaisesText(AccessError, "is in calibration"):
            paul.with_user(self.user_maria).action_cancel()
        self.assertEqual(paul.state, "calibration")
        # Before calibration she still can.
        oscar = self._appraisal(self.emp_oscar, "manager_review")
        oscar.with_user(self.user_olga).action_cancel()
        self.assertEqual(oscar.state, "cancel")
        # An administrator can in calibration.
        paul.with_user(self.user_ines).action_cancel()
        self.assertEqual(paul.state, "cancel")

    def test_other_company_admin_cannot_reopen(self):
        done = self._appraisal(self.emp_paul, "done")
        other = self.env["res.company"].create({"name": "Other Reopen Co"})
        other_admin = new_test_user(
            self.env,
            login="perf_other_reopen",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        messages = len(done.message_ids)
        for reason in ("", "Not mine"):
            with self.subTest(reason=reason), self.assertRaises(AccessError):
                done.with_user(other_admin).with_context(
                    perf_change_reason=reason
                ).action_reopen()
        with self.assertRaises(AccessError):
            self.env["perf.appraisal.reopen.wizard"].with_user(other_admin).create(
                {"appraisal_id": done.id, "reason": "Not mine"}
            )
        self.assertEqual(done.state, "done")
        self.assertEqual(len(done.message_ids), messages)

    def test_reopen_needs_a_reason(self):
        done = self._appraisal(self.emp_paul, "done")
        with self.assertRaisesText(UserError, "needs a reason"):
            done.with_user(self.user_ines).action_reopen()
