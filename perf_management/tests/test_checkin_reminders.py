from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CascadeCommon, write_self_review


@tagged("post_install", "-at_install")
class TestCheckinReminders(CascadeCommon):
    """Check-in reminders on the cascade of CascadeCommon (FY 2031): only for
    what their person may check in on, and seen by that person only.

    Pia holds the Seller post beside Paul: the post objective, its
    indicators and its reminders are shared by the two of them. The post's
    revenue is decomposed to Paul's first quarter: its actual comes from
    that part, and nobody checks in on it.
    """

    #: Check-ins are taken within the periods they remind of.
    run_day = "2031-01-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_pia = new_test_user(
            cls.env, login="perf_pia", groups="base.group_user", name="Pia Seller"
        )
        cls.emp_pia = cls.env["hr.employee"].create(
            {
                "name": "Pia Seller",
                "user_id": cls.user_pia.id,
                "department_id": cls.dep_north.id,
                "job_id": cls.job_seller.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        # Created first: the most stale of all by its id.
        cls.ind_seller_revenue = cls._indicator(
            cls.obj_seller, "Seller revenue", target_value=4000
        )
        cls.ind_seller = cls._indicator(
            cls.obj_seller, "Seller visits", target_value=40
        )
        cls.ind_paul_revenue = cls._indicator(
            cls.obj_paul_q1,
            "Paul revenue",
            target_value=1000,
            decomposition_key=f"indicator:{cls.ind_seller_revenue.id}",
        )
        cls.ind_paul = cls._indicator(cls.obj_paul_jan, "Accounts won", target_value=10)
        cls.ind_paul_q1 = cls._indicator(cls.obj_paul_q1, "Calls", target_value=90)
        cls.ind_oscar = cls._indicator(cls.obj_oscar, "Shipments", target_value=50)
        cls.env.flush_all()

    def _checkin(self, indicator, value, user=None, date=None):
        env = self.env(user=user) if user else self.env
        checkin = env["perf.checkin"].create(
            {"indicator_id": indicator.id, "value": value}
        )
        if date:
            checkin.sudo().date = date
        return checkin

    def _remind(self, today="2031-01-20"):
        return (
            self.env["perf.indicator"]
            .with_context(checkin_today=today)
            ._cron_checkin_reminders()
        )

    # ------------------------------------------------------------------
    # Only what can be done
    # ------------------------------------------------------------------

    def test_derived_actual_offers_no_checkin(self):
        self.assertTrue(self.ind_seller_revenue.is_actual_derived)
        self.assertEqual(self.ind_seller_revenue.actual_source, "Sum of 1 person")
        self.assertFalse(self.ind_seller.actual_source)
        for user in (self.user_paul, self.user_maria, self.user_admin):
            revenue = self.ind_seller_revenue.with_user(user)
            self.assertFalse(revenue.can_checkin)
            self.assertTrue(self.ind_seller.with_user(user).can_checkin)
            with self.assertRaisesText(UserError, "Check in on the parts instead"):
                revenue.action_checkin()
            with self.assertRaisesText(UserError, "Sum of 1 person"):
                self._checkin(self.ind_seller_revenue, 500, user=user)
        self.assertFalse(self.ind_seller_revenue.checkin_ids)
        # Its part is checked in on, and makes its actual.
        self._checkin(self.ind_paul_revenue, 300, user=self.user_paul)
        self.assertEqual(self.ind_seller_revenue.actual_value, 300)

    def test_reminders_point_at_what_can_be_checked_in(self):
        self._remind()
        for user in (self.user_paul, self.user_pia):
            reminder = self._due_activities(user)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.summary, "Check in on Seller visits")
            self.assertEqual(reminder.res_id, self.obj_seller.id)
        # Once the post's own indicator is checked in, Pia has nothing left
        # to check in on: the post's revenue comes from Paul's part.
        self._due_activities().sudo().unlink()
        self._checkin(self.ind_seller, 12, user=self.user_pia, date="2031-01-19")
        self._remind()
        self.assertFalse(self._due_activities(self.user_pia))
        self.assertEqual(
            self._due_activities(self.user_paul).summary, "Check in on Paul revenue"
        )

    def test_reminders_skip_what_an_appraisal_froze(self):
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q1.id})
        )
        appraisal.action_start()
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        # Paul's first quarter is the most stale, but in review: his reminder
        # is for the post's visits.
        self._checkin(self.ind_seller, 12, user=self.user_pia, date="2031-01-02")
        self._remind()
        self.assertEqual(
            self._due_activities(self.user_paul).summary, "Check in on Seller visits"
        )

    # ------------------------------------------------------------------
    # Personal reminders
    # ------------------------------------------------------------------

    def test_reminders_are_personal(self):
        self._remind()
        paul = self._due_activities(self.user_paul)
        pia = self._due_activities(self.user_pia)
        self.assertEqual(paul.res_id, pia.res_id)
        for user, own, other in (
            (self.user_paul, paul, pia),
            (self.user_pia, pia, paul),
        ):
            objective = self.obj_seller.with_user(user)
            self.assertEqual(objective.activity_ids, own.with_user(user))
            Activity = self.env["mail.activity"].with_user(user)
            self.assertNotIn(other.id, Activity.search([]).ids)
            with self.assertRaises(AccessError):
                other.with_user(user).read(["summary"])
            with self.assertRaises(AccessError):
                other.with_user(user).write({"date_deadline": "2031-02-01"})
            with self.assertRaises(AccessError):
                other.with_user(user).action_feedback("Not mine")
            with self.assertRaises(AccessError):
                other.with_user(user).unlink()
        # Their manager writes the objective, and still does not act on them.
        with self.assertRaises(AccessError):
            paul.with_user(self.user_maria).action_cancel()
        self.assertFalse(self.obj_seller.with_user(self.user_maria).activity_ids)
        self.assertTrue(paul.exists() and pia.exists())
        # Each closes their own.
        pia.with_user(self.user_pia).action_feedback("Done")
        self.assertFalse(pia.exists())
        self.assertTrue(paul.exists())

    def test_other_activities_stay_shared(self):
        todo = self.obj_seller.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_maria.id
        )
        self.assertIn(todo, self.obj_seller.with_user(self.user_paul).activity_ids)

    def _due_activities(self, user=None):
        domain = [
            (
                "activity_type_id",
                "=",
                self.env.ref("perf_management.mail_activity_type_checkin_due").id,
            )
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_reminders_once_per_owner(self):
        Indicator = self.env["perf.indicator"].with_context(checkin_today="2031-01-20")
        Indicator._cron_checkin_reminders()
        paul = self._due_activities(self.user_paul)
        self.assertEqual(len(paul), 1)
        self.assertEqual(paul.res_model, "perf.objective")
        self.assertEqual(len(self._due_activities(self.user_oscar)), 1)
        # Twice: no duplicate.
        Indicator._cron_checkin_reminders()
        self.assertEqual(len(self._due_activities(self.user_paul)), 1)
        self.assertEqual(len(self._due_activities(self.user_oscar)), 1)
        # Checking in closes it.
        self._checkin(self.ind_paul, 1, user=self.user_paul)
        self.assertFalse(self._due_activities(self.user_paul))
        done = self.env["mail.message"].search(
            [("model", "=", "perf.objective"), ("mail_activity_type_id", "!=", False)]
        )
        self.assertTrue(done)

    def test_reminders_respect_delay_locks_and_archives(self):
        Indicator = self.env["perf.indicator"].with_context(checkin_today="2031-01-05")
        Indicator._cron_checkin_reminders()
        self.assertFalse(self._due_activities())
        self.company.perf_checkin_reminder_days = 3
        self.q1.action_lock()
        self.emp_oscar.action_archive()
        Indicator._cron_checkin_reminders()
        # Paul's Q1 and January objectives are locked; Oscar is archived; his
        # post objective (year) remains.
        self.assertFalse(self._due_activities(self.user_oscar))
        paul = self._due_activities(self.user_paul)
        self.assertEqual(len(paul), 1)
        self.assertEqual(paul.res_id, self.obj_seller.id)
        with self.assertRaises(ValidationError):
            self.company.perf_checkin_reminder_days = 0

    def test_recent_checkin_means_no_reminder(self):
        Indicator = self.env["perf.indicator"].with_context(checkin_today="2031-01-20")
        for indicator in (
            self.ind_paul,
            self.ind_paul_q1,
            self.ind_seller,
            self.ind_paul_revenue,
        ):
            self.env["perf.checkin"].with_context(checkin_today="2031-01-20").create(
                {"indicator_id": indicator.id, "value": 1}
            )
        self.env["perf.checkin"].search([]).sudo().write({"date": "2031-01-18"})
        Indicator._cron_checkin_reminders()
        self.assertFalse(self._due_activities(self.user_paul))
