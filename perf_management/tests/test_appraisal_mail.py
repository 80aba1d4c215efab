from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalMail(CascadeCommon):
    """The "your turn" emails and the reminders before the deadlines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80, weight=1)
        cls.Appraisal = cls.env["perf.appraisal"]
        cls.campaign = (
            cls.env["perf.appraisal.campaign"]
            .with_user(cls.user_admin)
            .create(
                {
                    "name": "Q1 appraisals",
                    "period_id": cls.q1.id,
                    "scope": "employee",
                    "employee_ids": [Command.set((cls.emp_paul | cls.emp_oscar).ids)],
                    "self_deadline": "2031-04-10",
                    "manager_deadline": "2031-04-20",
                }
            )
        )
        cls.campaign.action_launch()
        appraisals = cls.campaign.appraisal_ids
        cls.paul = appraisals.filtered(lambda a: a.employee_id == cls.emp_paul)
        cls.oscar = appraisals.filtered(lambda a: a.employee_id == cls.emp_oscar)
        cls.partner_paul = cls.user_paul.partner_id
        cls.partner_maria = cls.user_maria.partner_id

    def _mails(self, appraisal, partner, reminder=False):
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "perf.appraisal"),
                ("res_id", "=", appraisal.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )
        return mails.filtered(
            lambda mail: mail.subject.startswith("Reminder") == reminder
        )

    def _cron(self, today=None):
        return self.Appraisal._cron_send_review_mails(today=today)

    def test_turn_emails_go_once_to_whose_turn_it_is(self):
        self.assertTrue(self.paul.review_mail_pending)
        # Queued by the email job, which the launch triggered.
        self.assertFalse(self._mails(self.paul, self.partner_paul))
        self._cron(today=date(2031, 3, 1))
        self._cron(today=date(2031, 3, 1))
        mail = self._mails(self.paul, self.partner_paul)
        self.assertEqual(len(mail), 1)
        self.assertIn("your self review", mail.subject)
        self.assertIn("Q1", mail.subject)
        self.assertEqual(mail.recipient_ids, self.partner_paul)
        self.assertFalse(self._mails(self.paul, self.partner_maria))
        self.assertEqual(len(self._mails(self.oscar, self.user_oscar.partner_id)), 1)

        self.paul.with_user(self.user_paul).self_review = "SECRET-SELF-REVIEW"
        write_self_review(self.paul)
        self.paul.with_user(self.user_paul).action_submit_self_review()
        self.paul.with_user(self.user_maria).manager_note = "SECRET-PRIVATE-NOTE"
        self._cron(today=date(2031, 3, 1))
        self._cron(today=date(2031, 3, 1))
        mail = self._mails(self.paul, self.partner_maria)
        self.assertEqual(len(mail), 1)
        self.assertIn("Paul Seller", mail.subject)
        self.assertIn("20", mail.body_html)
        self.assertEqual(len(self._mails(self.paul, self.partner_paul)), 1)
        for mail in self._mails(self.paul, self.partner_paul | self.partner_maria):
            self.assertNotIn("SECRET", mail.body_html)

    def test_one_reminder_per_step_before_the_deadline(self):
        self._cron(today=date(2031, 3, 1))
        # Self review deadline 10 April, reminder 3 days before.
        self._cron(today=date(2031, 4, 6))
        self.assertFalse(self._mails(self.paul, self.partner_paul, reminder=True))
        self._cron(today=date(2031, 4, 7))
        self._cron(today=date(2031, 4, 7))
        self._cron(today=date(2031, 4, 9))
        reminder = self._mails(self.paul, self.partner_paul, reminder=True)
        self.assertEqual(len(reminder), 1)
        self.assertIn("Your self review", reminder.body_html)
        self.assertTrue(self.paul.self_reminder_sent)
        self.assertEqual(
            len(self._mails(self.oscar, self.user_oscar.partner_id, reminder=True)), 1
        )
        self.assertFalse(self._mails(self.paul, self.partner_maria, reminder=True))

        # The manager's turn: reminded once before 20 April, Paul no more.
        write_self_review(self.paul)
        self.paul.with_user(self.user_paul).action_submit_self_review()
        self._cron(today=date(2031, 4, 17))
        self._cron(today=date(2031, 4, 18))
        self._cron(today=date(2031, 4, 19))
        self.assertEqual(
            len(self._mails(self.paul, self.partner_maria, reminder=True)), 1
        )
        self.assertEqual(
            len(self._mails(self.paul, self.partner_paul, reminder=True)), 1
        )

    def test_reminder_days_setting(self):
        self._cron(today=date(2031, 3, 1))
        self.company.perf_appraisal_reminder_days = 7
        self._cron(today=date(2031, 4, 2))
        self.assertFalse(self._mails(self.paul, self.partner_paul, reminder=True))
        self._cron(today=date(2031, 4, 3))
        self.assertEqual(
            len(self._mails(self.paul, self.partner_paul, reminder=True)), 1
        )
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.perf_appraisal_reminder_days, 7)

    def test_nothing_for_overdue_done_or_cancelled(self):
        self._cron(today=date(2031, 3, 1))
        # Past the deadline: the overdue activity says it, no daily email.
        self._cron(today=date(2031, 4, 11))
        self._cron(today=date(2031, 4, 12))
        self.assertFalse(self._mails(self.paul, self.partner_paul, reminder=True))

        self.oscar.with_user(self.user_admin).action_cancel()
        write_self_review(self.paul)
        self.paul.with_user(self.user_paul).action_submit_self_review()
        write_manager_review(self.paul)
        self.paul.with_user(self.user_maria).action_submit_manager_review()
        self.paul.with_user(self.user_admin).action_done()
        self.assertFalse(self.paul.review_mail_pending)
        self._cron(today=date(2031, 4, 8))
        self._cron(today=date(2031, 4, 18))
        self.assertFalse(self._mails(self.paul, self.partner_paul, reminder=True))
        self.assertFalse(self._mails(self.paul, self.partner_maria, reminder=True))
        self.assertFalse(
            self._mails(self.oscar, self.user_oscar.partner_id, reminder=True)
        )

    def test_recipient_language(self):
        template = self.env.ref("perf_management.mail_template_appraisal_reminder")
        self.partner_paul.lang = "en_US"
        self.assertEqual(template._render_lang(self.paul.ids)[self.paul.id], "en_US")
        write_self_review(self.paul)
        self.paul.with_user(self.user_paul).action_submit_self_review()
        self.partner_maria.lang = False
        self.assertEqual(
            template._render_field("partner_to", self.paul.ids)[self.paul.id],
            str(self.partner_maria.id),
        )
