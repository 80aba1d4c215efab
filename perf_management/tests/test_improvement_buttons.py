from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CascadeCommon, write_self_review


@tagged("post_install", "-at_install")
class TestImprovementButtons(CascadeCommon):
    """The Objective and Task buttons of an improvement action (of an
    appraisal's plan or of an organisational review's findings) are offered
    exactly when the action would be accepted. Paul (reporting to Maria) has
    his Q1 appraisal in manager review; FY 2032 follows FY 2031."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.with_user(cls.user_admin).action_do()
        cls.cycle.with_user(cls.user_admin).action_check()
        cls.next_cycle = cls._cycle(cls.company, 2032, name="FY 2032")
        appraisal = (
            cls.env["perf.appraisal"]
            .with_user(cls.user_admin)
            .create({"employee_id": cls.emp_paul.id, "period_id": cls.q1.id})
        )
        appraisal.with_user(cls.user_maria).action_start()
        write_self_review(appraisal)
        appraisal.with_user(cls.user_paul).action_submit_self_review()
        cls.action = (
            cls.env["perf.appraisal.action"]
            .with_user(cls.user_maria)
            .create({"appraisal_id": appraisal.id, "name": "Negotiation course"})
        )
        review = (
            cls.env["perf.org.review"]
            .with_user(cls.user_admin)
            .create(
                {
                    "cycle_id": cls.cycle.id,
                    "company_id": cls.company.id,
                    "finding_ids": [
                        Command.create(
                            {
                                "finding": "Quotes take a week",
                                "name": "Quote template",
                                "responsible_id": cls.emp_paul.id,
                            }
                        )
                    ],
                }
            )
        )
        cls.finding = review.finding_ids

    def _back_to_do(self):
        self.cycle.with_user(self.user_admin).with_context(
            perf_change_reason="Targets revised"
        ).action_do()

    def _offered(self, record, user):
        record = record.with_user(user)
        record.invalidate_recordset(["can_create_objective", "can_create_task"])
        return record.can_create_objective, record.can_create_task

    def test_not_offered_in_the_do_phase_where_it_is_refused(self):
        self._back_to_do()
        for record, user in (
            (self.action, self.user_maria),
            (self.finding, self.user_admin),
        ):
            self.assertEqual(self._offered(record, user), (False, False))
            with self.assertRaisesText(UserError, "Check or Act phase"):
                record.with_user(user).action_create_objective()
            self.assertFalse(record.next_objective_id)

    def test_offered_when_accepted_then_the_task_once_it_can_be(self):
        action = self.action
        self.assertEqual(self._offered(action, self.user_maria), (True, False))
        # Neither to Paul, whose plan it is: he may not write it.
        self.assertEqual(self._offered(action, self.user_paul), (False, False))
        with self.assertRaises(AccessError):
            action.with_user(self.user_paul).action_create_objective()
        action.with_user(self.user_maria).action_create_objective()
        # Made an objective: the task needs its completion standard first.
        self.assertEqual(self._offered(action, self.user_maria), (False, False))
        with self.assertRaisesText(UserError, "completion standard"):
            action.with_user(self.user_maria).action_create_task()
        action.with_user(self.user_maria).completion_standard = "Certificate uploaded"
        self.assertEqual(self._offered(action, self.user_maria), (False, True))
        action.with_user(self.user_maria).action_create_task()
        self.assertTrue(action.next_task_id)
        self.assertEqual(self._offered(action, self.user_maria), (False, False))

    def test_closed_actions_offer_nothing(self):
        self.finding.with_user(self.user_admin).action_cancel_action()
        self.assertEqual(self._offered(self.finding, self.user_admin), (False, False))
        with self.assertRaisesText(UserError, "only an open action"):
            self.finding.with_user(self.user_admin).action_create_objective()
        self.finding.with_user(self.user_admin).action_reopen_action()
        self.assertEqual(self._offered(self.finding, self.user_admin), (True, False))
