from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import CascadeCommon, web_client_search

#: "Today" of the check-in duty in these tests: mid-February of FY 2031.
TODAY = "2031-02-15"


@tagged("post_install", "-at_install")
class TestCheckinDuty(CascadeCommon):
    """Who has not checked in, on the cascade of CascadeCommon (FY 2031):
    Maria manages Sales, where Paul sells; Olga manages Operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_calls = cls._indicator(cls.obj_paul_q1, "Calls", target_value=90)
        cls.ind_demos = cls._indicator(cls.obj_paul_q1, "Demos", target_value=30)
        cls.ind_visits = cls._indicator(cls.obj_seller, "Visits", target_value=40)
        cls.ind_revenue = cls._indicator(cls.obj_sales, "Revenue", target_value=900)
        cls.ind_january = cls._indicator(cls.obj_paul_jan, "Leads", target_value=10)
        cls.ind_shipments = cls._indicator(cls.obj_oscar, "Shipments")
        # Meetings of the quarter are decomposed into January's: the quarter
        # shows January's figure, nobody checks in on it.
        cls.ind_meetings = cls._indicator(cls.obj_paul_q1, "Meetings")
        cls._indicator(cls.obj_paul_jan, "Meetings", parent_id=cls.ind_meetings.id)
        cls.late = cls._checkin_on(cls.ind_demos, "2031-01-20")
        cls.recent = cls._checkin_on(cls.ind_visits, "2031-02-14")
        cls._checkin_on(cls.ind_shipments, "2031-01-02", user=cls.user_oscar)

    @classmethod
    def _checkin_on(cls, indicator, day, user=None, comment=False):
        # Taken within the quarter, then dated ``day`` (which the filters
        # below compare with the real today).
        with freeze_time(TODAY):
            checkin = (
                cls.env["perf.checkin"]
                .with_user(user or cls.user_paul)
                .create({"indicator_id": indicator.id, "value": 5, "comment": comment})
            )
        checkin.sudo().date = day
        return checkin

    def _duty_rows(self, user):
        """The rows of Who Has Not Checked In as ``user`` opens it: the
        action's domain, in the order of its card view."""
        env = self.env(user=user, context={"checkin_today": TODAY})
        domain, _groupby = web_client_search(
            env, "perf_management.perf_indicator_action_checkin_duty"
        )
        view = self.env.ref("perf_management.perf_indicator_view_kanban_checkin_duty")
        order = etree.fromstring(view.arch).get("default_order")
        return env["perf.indicator"].search(domain, order=order)

    def test_silent_people_first_never_then_oldest(self):
        rows = self._duty_rows(self.user_maria)
        self.assertEqual(rows, self.ind_calls | self.ind_demos | self.ind_visits)
        self.assertEqual(list(rows), [self.ind_calls, self.ind_demos, self.ind_visits])
        self.assertEqual(rows.mapped("checkin_silence"), ["never", "late", "recent"])
        self.assertEqual(rows[0].objective_employee_id, self.emp_paul)
        # Since the start of Q1 (1 January) for the one never checked in.
        self.assertEqual(rows[0].days_since_checkin, 45)
        self.assertEqual(rows[1].days_since_checkin, 26)

    def test_only_what_someone_checks_in_on_now(self):
        Indicator = self.env["perf.indicator"].with_context(checkin_today=TODAY)
        due = Indicator.search([("has_checkin_duty", "=", True)])
        # The department's figure, January's (ended) and the quarter's
        # derived meetings have no duty.
        for indicator in (self.ind_revenue, self.ind_january, self.ind_meetings):
            self.assertNotIn(indicator, due)
            self.assertFalse(
                indicator.with_context(checkin_today=TODAY).has_checkin_duty
            )
        self.assertIn(self.ind_calls, due)
        self.assertTrue(
            self.ind_visits.with_context(checkin_today=TODAY).has_checkin_duty
        )
        self.assertEqual(
            Indicator.search([("has_checkin_duty", "=", False)]) & due,
            Indicator.browse(),
        )
        # An archived employee, or a locked period, ends the duty.
        self.emp_paul.active = False
        self.assertNotIn(
            self.ind_calls, Indicator.search([("has_checkin_duty", "=", True)])
        )
        self.emp_paul.active = True
        self.q1.sudo().action_lock()
        self.assertNotIn(
            self.ind_calls, Indicator.search([("has_checkin_duty", "=", True)])
        )

    def test_each_manager_sees_their_team(self):
        self.assertEqual(self._duty_rows(self.user_olga), self.ind_shipments)
        self.assertEqual(self._duty_rows(self.user_olga).checkin_silence, "late")

    def test_team_checkins_stale_filter_narrows_the_latest(self):
        """Team Check-ins opens on the latest check-in of each indicator of
        the team; "No check-in for 7 days" keeps those older than 7 days
        (both filters apply, in the domain the web client builds)."""
        today = date.today()
        referrals = self._indicator(self.obj_paul_q1, "Referrals")
        old = self._checkin_on(self.ind_calls, today - timedelta(days=20))
        fresh = self._checkin_on(self.ind_calls, today - timedelta(days=2))
        stale = self._checkin_on(referrals, today - timedelta(days=10))
        env = self.env(user=self.user_maria)
        xmlid = "perf_management.perf_checkin_action_team"
        Checkin = env["perf.checkin"]
        domain, groupby = web_client_search(env, xmlid)
        latest = Checkin.search(domain)
        self.assertIn(fresh, latest)
        self.assertNotIn(old, latest)
        domain, groupby = web_client_search(env, xmlid, toggle=["stale"])
        self.assertEqual(Checkin.search(domain), stale)
