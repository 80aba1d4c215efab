from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalCampaign(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80, weight=1)
        cls.Campaign = cls.env["perf.appraisal.campaign"].with_user(cls.user_admin)

    def _campaign(self, **values):
        return self.Campaign.create(
            {
                "name": "Q1 appraisals",
                "period_id": self.q1.id,
                "scope": "employee",
                "employee_ids": [Command.set((self.emp_paul | self.emp_oscar).ids)],
                "self_deadline": "2031-04-10",
                "manager_deadline": "2031-04-20",
                **values,
            }
        )

    def _activities(self, appraisal, user):
        return appraisal.activity_ids.filtered(lambda a: a.user_id == user)

    def test_launch_twice_creates_nothing_new(self):
        campaign = self._campaign()
        campaign.action_launch()
        appraisals = campaign.appraisal_ids
        self.assertEqual(appraisals.employee_id, self.emp_paul | self.emp_oscar)
        self.assertEqual(set(appraisals.mapped("state")), {"self_review"})
        campaign.action_launch()
        self.assertEqual(campaign.appraisal_ids, appraisals)
        self.assertEqual(
            self.env["perf.appraisal"].search_count([("period_id", "=", self.q1.id)]),
            2,
        )
        # Oscar has no indicator in Q1: launched anyway, and named.
        warnings = campaign.message_ids.mapped("body")
        self.assertTrue(any("Oscar Ops" in body for body in warnings))
        self.assertFalse(any("Paul Seller" in body for body in warnings))

    def test_activities_follow_the_turns(self):
        campaign = self._campaign()
        campaign.action_launch()
        paul = campaign.appraisal_ids.filtered(lambda a: a.employee_id == self.emp_paul)
        todo = self._activities(paul, self.user_paul)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.date_deadline, date(2031, 4, 10))
        self.assertFalse(self._activities(paul, self.user_maria))
        write_self_review(paul)
        paul.with_user(self.user_paul).action_submit_self_review()
        self.assertFalse(self._activities(paul, self.user_paul))
        manager_todo = self._activities(paul, self.user_maria)
        self.assertEqual(manager_todo.date_deadline, date(2031, 4, 20))
        write_manager_review(paul)
        paul.with_user(self.user_maria).action_submit_manager_review()
        self.assertFalse(paul.activity_ids)

    def test_progress_counts_each_step_with_the_readers_rights(self):
        campaign = self._campaign()
        self.assertEqual((campaign.progress, campaign.progress_summary), (0.0, False))
        campaign.action_launch()
        self.assertEqual(campaign.progress_summary, "Self Review: 2")
        paul, oscar = campaign.appraisal_ids.sorted(lambda a: a.employee_id.name)[::-1]
        self.assertEqual(paul.employee_id, self.emp_paul)
        write_self_review(paul)
        paul.with_user(self.user_paul).action_submit_self_review()
        write_manager_review(paul)
        paul.with_user(self.user_maria).action_submit_manager_review()
        paul.with_user(self.user_admin).action_done()
        campaign.invalidate_recordset(["progress", "progress_summary"])
        # Done 1 of 2: 50 %.
        self.assertEqual(campaign.progress, 50.0)
        self.assertEqual(campaign.progress_summary, "Self Review: 1 · Done: 1")
        # A cancelled appraisal counts in neither the share nor its total.
        oscar.with_user(self.user_admin).action_cancel()
        campaign.invalidate_recordset(["progress", "progress_summary"])
        self.assertEqual(campaign.progress, 100.0)
        self.assertEqual(campaign.progress_summary, "Done: 1 · Cancelled: 1")
        # Paul reads where his own appraisal is, not the others'.
        as_paul = campaign.with_user(self.user_paul)
        self.assertEqual(as_paul.progress_summary, "Done: 1")

    def test_scopes_and_weights(self):
        campaign = self._campaign(
            scope="department",
            department_ids=[Command.set(self.dep_sales.ids)],
            use_custom_weights=True,
            weight_result=1,
            weight_process=0,
            weight_competency=0,
        )
        campaign.action_launch()
        # Sales and its sub-department Sales North.
        self.assertEqual(
            campaign.appraisal_ids.employee_id, self.emp_maria | self.emp_paul
        )
        self.assertEqual(set(campaign.appraisal_ids.mapped("weight_result")), {1.0})
        job = self._campaign(
            name="Sellers", scope="job", job_ids=[Command.set(self.job_seller.ids)]
        )
        job.action_launch()
        # Paul already has his Q1 appraisal: nothing new.
        self.assertFalse(job.appraisal_ids)

    def test_only_administrators_launch(self):
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_maria).action_launch()
        with self.assertRaises(ValidationError):
            self._campaign(manager_deadline="2031-04-01")

    def test_cron_isolates_each_company(self):
        """The fixtures' company closed its cycle FY 2031 before the launch;
        another company's launch goes on all the same."""
        company_b = self.env["res.company"].create({"name": "Launch B Co"})
        emp_bea = self.env["hr.employee"].create(
            {"name": "Bea Launched", "company_id": company_b.id}
        )
        self._cycle(company_b, 2031)
        (self.company | company_b).write({"perf_appraisal_auto_launch": "quarter"})
        for action in ("action_do", "action_check", "action_act", "action_close"):
            getattr(self.cycle, action)()
        self.assertEqual(self.cycle.phase, "closed")
        Campaign = self.env["perf.appraisal.campaign"]
        Campaign._cron_launch_period_campaigns(today=date(2031, 4, 2))
        launched = Campaign.search([("company_id", "=", company_b.id)])
        self.assertEqual(launched.appraisal_ids.employee_id, emp_bea)
        self.assertTrue(launched.launch_date)
        # The closed cycle's campaign is there, not launched, and says why
        # to the company's performance administrators.
        failed = Campaign.search([("period_id", "=", self.q1.id)])
        self.assertEqual(len(failed), 1)
        self.assertFalse(failed.appraisal_ids)
        self.assertFalse(failed.launch_date)
        message = failed.message_ids.filtered(
            lambda m: "scheduled launch failed" in m.body
        )
        self.assertEqual(len(message), 1)
        self.assertIn("is closed", message.body)
        self.assertIn(self.user_admin.partner_id, message.partner_ids)
        self.assertTrue(
            failed.user_id.has_group("perf_management.group_perf_admin"), failed.user_id
        )
        self.assertEqual(failed.activity_ids.user_id, failed.user_id)
        # Run again: the failed campaign is not created twice.
        Campaign._cron_launch_period_campaigns(today=date(2031, 4, 3))
        self.assertEqual(Campaign.search([("period_id", "=", self.q1.id)]), failed)

    def test_started_campaign_is_archived_not_deleted(self):
        campaign = self._campaign()
        campaign.action_launch()
        appraisals = campaign.appraisal_ids
        with self.assertRaisesText(UserError, "Archive the campaign"):
            campaign.unlink()
        self.assertEqual(appraisals.campaign_id, campaign)
        campaign.action_archive()
        self.assertFalse(campaign.active)
        self.assertEqual(appraisals.campaign_id, campaign)
        self.assertFalse(self.Campaign.search([("id", "=", campaign.id)]))
        # A campaign nothing started in is deleted.
        draft = self._campaign(name="Not launched")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_cron_launches_once_per_ended_period(self):
        self.company.perf_appraisal_auto_launch = "quarter"
        Campaign = self.env["perf.appraisal.campaign"]
        Campaign._cron_launch_period_campaigns(today=date(2031, 3, 15))
        self.assertFalse(Campaign.search([("period_id", "=", self.q1.id)]))
        Campaign._cron_launch_period_campaigns(today=date(2031, 4, 2))
        campaigns = Campaign.search([("period_id", "=", self.q1.id)])
        self.assertEqual(len(campaigns), 1)
        appraisals = campaigns.appraisal_ids
        self.assertIn(self.emp_paul, appraisals.employee_id)
        Campaign._cron_launch_period_campaigns(today=date(2031, 4, 3))
        self.assertEqual(Campaign.search([("period_id", "=", self.q1.id)]), campaigns)
        self.assertEqual(campaigns.appraisal_ids, appraisals)


@tagged("post_install", "-at_install")
class TestAppraisalReopenWizard(CascadeCommon):
    def test_reopen_with_a_reason(self):
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": self.emp_paul.id, "period_id": self.q1.id}
        )
        appraisal.action_cancel()
        wizard = (
            self.env["perf.appraisal.reopen.wizard"]
            .with_user(self.user_admin)
            .create({"appraisal_id": appraisal.id, "reason": "Cancelled by mistake"})
        )
        wizard.action_confirm()
        self.assertEqual(appraisal.state, "manager_review")
        self.assertEqual(appraisal.reopen_reason, "Cancelled by mistake")
