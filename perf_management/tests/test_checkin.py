from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, new_test_user, tagged, users

from ..tools import pace
from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCheckin(CascadeCommon):
    """Check-ins on the cascade of CascadeCommon (FY 2031)."""

    run_day = "2031-01-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_paul = cls._indicator(cls.obj_paul_jan, "Accounts won", target_value=10)
        cls.ind_paul_q1 = cls._indicator(cls.obj_paul_q1, "Calls", target_value=90)
        cls.ind_oscar = cls._indicator(cls.obj_oscar, "Shipments", target_value=50)
        cls.ind_sales = cls._indicator(cls.obj_sales, "Revenue", target_value=1000)
        cls.ind_seller = cls._indicator(
            cls.obj_seller, "Seller visits", target_value=40
        )
        cls.ind_company = cls._indicator(cls.obj_company, "Margin", target_value=30)
        cls.env.flush_all()

    def _checkin(
        self, indicator, value, confidence="on_track", comment=False, user=None
    ):
        env = self.env(user=user) if user else self.env
        return env["perf.checkin"].create(
            {
                "indicator_id": indicator.id,
                "value": value,
                "confidence": confidence,
                "comment": comment,
            }
        )

    # ------------------------------------------------------------------
    # Recording
    # ------------------------------------------------------------------

    def test_employee_checkin_sets_actual_and_history(self):
        checkin = self._checkin(
            self.ind_paul, 4, "at_risk", "Two deals slipped", user=self.user_paul
        )
        self.assertEqual(checkin.user_id, self.user_paul)
        self.assertEqual(checkin.employee_id, self.emp_paul)
        self.assertEqual(checkin.previous_value, 0.0)
        self.assertEqual(checkin.value, 4.0)
        self.assertEqual(self.ind_paul.actual_value, 4.0)
        self.assertTrue(self.ind_paul.has_actual)
        self.assertEqual(self.ind_paul.score, 40.0)
        self.assertEqual(checkin.score, 40.0)
        self.assertEqual(self.ind_paul.last_checkin_id, checkin)
        self.assertEqual(self.ind_paul.confidence, "at_risk")
        self.assertGreater(self.obj_paul_jan.progress, 0.0)
        self.assertGreater(self.obj_company.progress, 0.0)
        # A correction is a new check-in: the history keeps both.
        correction = self._checkin(self.ind_paul, 5, "on_track", user=self.user_paul)
        self.assertEqual(correction.previous_value, 4.0)
        self.assertEqual(self.ind_paul.checkin_count, 2)
        self.assertEqual(self.ind_paul.last_checkin_id, correction)
        self.assertTrue(correction.is_latest)
        self.assertFalse(checkin.is_latest)
        self.assertEqual(self.ind_paul.confidence, "on_track")
        self.assertEqual(self.ind_paul.actual_value, 5.0)

    def test_checkin_through_the_short_form(self):
        wizard = (
            self.env["perf.checkin.wizard"]
            .with_user(self.user_paul)
            .with_context(default_indicator_id=self.ind_paul.id)
            .create({"value": 7, "confidence": "off_track", "comment": "Lost a bid"})
        )
        action = wizard.action_confirm()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(self.ind_paul.actual_value, 7.0)
        self.assertEqual(self.ind_paul.checkin_ids.comment, "Lost a bid")
        self.assertEqual(self.ind_paul.confidence, "off_track")

    def test_action_checkin_opens_a_dialog(self):
        action = self.ind_paul.with_user(self.user_paul).action_checkin()
        self.assertEqual(action["res_model"], "perf.checkin.wizard")
        self.assertEqual(action["target"], "new")
        history = self.ind_paul.action_open_checkins()
        self.assertEqual(history["domain"], [("indicator_id", "=", self.ind_paul.id)])

    def test_checkins_are_never_deleted_but_archived(self):
        checkin = self._checkin(self.ind_paul, 3, user=self.user_paul)
        for user in (self.user_paul, self.user_maria, self.user_admin):
            with self.assertRaises(AccessError):
                checkin.with_user(user).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            checkin.sudo().unlink()
        with self.assertRaisesText(UserError, "cannot be changed"):
            checkin.with_user(self.user_paul).write({"value": 9})
        with self.assertRaisesText(UserError, "administrator"):
            checkin.with_user(self.user_maria).write({"active": False})
        checkin.with_user(self.user_admin).write({"active": False})
        self.assertFalse(checkin.active)
        self.assertFalse(self.ind_paul.last_checkin_id)
        self.assertEqual(self.ind_paul.checkin_count, 0)

    def test_archiving_a_checkin_leaves_a_trace(self):
        checkin = self._checkin(self.ind_paul, 3.5, user=self.user_paul)
        # The check-in was recorded in a transaction of its own.
        self.env.flush_all()
        self.env.cr.precommit.run()
        checkin.with_user(self.user_admin).action_archive()
        # On the indicator: who archived which check-in, and its value.
        trace = self.ind_paul.message_ids.filtered(lambda m: "archived" in m.body)
        self.assertEqual(len(trace), 1)
        self.assertEqual(trace.author_id, self.user_admin.partner_id)
        self.assertIn("Paul Seller", trace.body)
        self.assertIn("3.5", trace.body)
        # On the check-in: its active flag is tracked (once the transaction
        # ends, as tracking is).
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "perf.checkin"),
                ("mail_message_id.res_id", "=", checkin.id),
                ("field_id.name", "=", "active"),
            ]
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.mail_message_id.author_id, self.user_admin.partner_id)
        checkin.with_user(self.user_admin).action_unarchive()
        self.assertTrue(
            self.ind_paul.message_ids.filtered(lambda m: "restored" in m.body)
        )

    def test_no_checkin_before_the_period_starts(self):
        # The tests run on 15 January 2031: April has not started.
        objective = self._objective(
            "Paul wins in April",
            "employee",
            self.april,
            parent=self.obj_seller,
            employee_id=self.emp_paul.id,
            user_id=self.user_maria.id,
        )
        indicator = self._indicator(objective, "April accounts", target_value=5)
        for user in (self.user_paul, self.user_maria, self.user_admin):
            self.assertFalse(indicator.with_user(user).can_checkin)
            with self.assertRaisesText(UserError, "check in once it has started"):
                self._checkin(indicator, 2, user=user)
            with self.assertRaisesText(UserError, "check in once it has started"):
                indicator.with_user(user).action_checkin()
        # The day is the server's: a context does not move it.
        with self.assertRaisesText(UserError, "check in once it has started"):
            self.env["perf.checkin"].with_user(self.user_paul).with_context(
                checkin_today="2031-04-15"
            ).create({"indicator_id": indicator.id, "value": 2})
        self.assertFalse(indicator.checkin_ids)
        self.assertFalse(indicator.has_actual)

    # ------------------------------------------------------------------
    # Who checks in, who reads
    # ------------------------------------------------------------------

    def test_employee_checks_in_only_on_own_and_post(self):
        self._checkin(self.ind_paul, 1, user=self.user_paul)
        # Paul holds the Seller post: he checks in on its indicator.
        self._checkin(self.ind_seller, 12, user=self.user_paul)
        self.assertEqual(self.ind_seller.actual_value, 12.0)
        for indicator in (self.ind_oscar, self.ind_sales, self.ind_company):
            with self.assertRaises(AccessError):
                self._checkin(indicator, 1, user=self.user_paul)
        self.assertFalse(self.ind_oscar.has_actual)
        self.assertFalse(self.ind_oscar.checkin_ids)

    def test_manager_checks_in_for_team_and_own(self):
        self._checkin(self.ind_paul, 2, comment="From the review", user=self.user_maria)
        self.assertEqual(self.ind_paul.actual_value, 2.0)
        # Her own department objective: a check-in enters an actual only.
        self._checkin(self.ind_sales, 300, user=self.user_maria)
        self.assertEqual(self.ind_sales.actual_value, 300.0)
        self.assertEqual(self.ind_sales.target_value, 1000.0)
        with self.assertRaises(AccessError):
            self._checkin(self.ind_oscar, 5, user=self.user_maria)
        with self.assertRaises(AccessError):
            self._checkin(self.ind_paul, 5, user=self.user_olga)
        self.assertEqual(self.ind_paul.actual_value, 2.0)

    def test_other_company_admin_cannot_check_in(self):
        other = self.env["res.company"].create({"name": "Other Co (checkin)"})
        admin = new_test_user(
            self.env,
            login="perf_other_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.assertRaises(AccessError):
            self._checkin(self.ind_paul, 3, user=admin)
        self.assertFalse(self.ind_paul.checkin_ids)

    def test_employees_read_checkins_they_may_read(self):
        own = self._checkin(self.ind_paul, 1, user=self.user_paul)
        company = self._checkin(self.ind_company, 10, user=self.user_admin)
        oscar = self._checkin(self.ind_oscar, 3, user=self.user_oscar)
        Checkin = self.env["perf.checkin"]
        self.assertEqual(
            Checkin.with_user(self.user_paul).search(
                [("id", "in", (own | company | oscar).ids)]
            ),
            own | company,
        )
        with self.assertRaises(AccessError):
            oscar.with_user(self.user_paul).read(["value"])
        # Managers read their team's.
        self.assertIn(own, Checkin.with_user(self.user_maria).search([]))
        self.assertNotIn(own, Checkin.with_user(self.user_olga).search([]))

    def test_manager_comment_notifies_the_employee(self):
        checkin = self._checkin(self.ind_paul, 4, "at_risk", user=self.user_paul)
        self.assertIn(self.user_paul.partner_id, checkin.message_partner_ids)
        message = checkin.with_user(self.user_maria).message_post(
            body="Let us look at the pipeline on Monday",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertIn(self.user_paul.partner_id, message.notified_partner_ids)
        with self.assertRaises(AccessError):
            checkin.with_user(self.user_olga).message_post(body="Not my team")

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_bad_input_changes_nothing(self):
        self._checkin(self.ind_paul, 3, user=self.user_paul)
        with self.assertRaisesText(ValidationError, "not a number"):
            self._checkin(self.ind_paul, "lots", user=self.user_paul)
        with self.assertRaisesText(ValidationError, "not a number"):
            self._checkin(self.ind_paul, float("nan"), user=self.user_paul)
        with self.assertRaisesText(ValidationError, "not a confidence"):
            self._checkin(self.ind_paul, 4, "great", user=self.user_paul)
        self.assertEqual(self.ind_paul.actual_value, 3.0)
        self.assertEqual(self.ind_paul.checkin_count, 1)

    def test_no_checkin_on_locked_period(self):
        self.january.action_lock()
        with self.assertRaisesText(UserError, "locked"):
            self._checkin(self.ind_paul, 3, user=self.user_paul)
        self.assertFalse(self.ind_paul.checkin_ids)

    def test_no_checkin_for_archived_employee(self):
        self.emp_paul.action_archive()
        with self.assertRaisesText(UserError, "archived"):
            self._checkin(self.ind_paul, 3, user=self.user_maria)
        self.assertFalse(self.ind_paul.has_actual)

    def test_checkin_hook_refuses(self):
        # Addons refuse check-ins through _ensure_checkin_allowed.
        self.assertTrue(hasattr(self.ind_paul, "_ensure_checkin_allowed"))
        self.ind_paul.with_user(self.user_paul)._ensure_checkin_allowed()
        with self.assertRaises(AccessError):
            self.ind_oscar.with_user(self.user_paul)._ensure_checkin_allowed()

    # ------------------------------------------------------------------
    # Pace and confidence
    # ------------------------------------------------------------------

    def test_expected_progress_linear(self):
        # Q1 2031 has 90 days; on the 45th, half of the target is expected.
        indicator = self.ind_paul_q1.with_context(checkin_today="2031-02-14")
        self.assertAlmostEqual(indicator.expected_progress, 50.0)
        self.assertAlmostEqual(indicator.expected_value, 45.0)
        self._checkin(self.ind_paul_q1, 30, user=self.user_paul)
        indicator.invalidate_recordset()
        self.assertAlmostEqual(indicator.checkin_gap, -15.0)
        # 30 of 90 scores 33.3, 16.7 points below the 50 expected: behind.
        self.assertAlmostEqual(indicator.pace_gap, 100 / 3 - 50, places=4)
        self.assertEqual(indicator.pace_status, "behind")
        self.assertTrue(indicator.is_behind)
        # On 10 January, 10 of the 90 calls are expected: 33.3 is ahead.
        early = self.ind_paul_q1.with_context(checkin_today="2031-01-10")
        self.assertAlmostEqual(early.expected_progress, 100 / 9, places=4)
        self.assertEqual(early.pace_status, "ahead")
        self.assertFalse(early.is_behind)
        # A rate is expected at its target all along: 100 %.
        self.ind_paul_q1.aggregation = "average"
        self.assertEqual(early.expected_value, 90.0)
        self.assertEqual(early.expected_progress, 100.0)
        self.assertEqual(early.pace_status, "behind")

    def test_expected_progress_follows_the_time_split(self):
        # The year of Sales split unevenly: Q1 weighs 10 %, Q2 to Q4 30 % each.
        quarters = self.cycle.period_ids.filtered(
            lambda p: p.period_type == "quarter"
        ).sorted("date_start")
        for quarter, weight in zip(quarters, (10, 30, 30, 30), strict=True):
            self._objective(
                f"Sell more {quarter.name}",
                "department",
                quarter,
                parent=self.obj_sales,
                department_id=self.dep_sales.id,
                weight=weight,
            )
        indicator = self.ind_sales.with_context(checkin_today="2031-03-31")
        self.assertAlmostEqual(indicator.expected_progress, 10.0)
        self.assertAlmostEqual(indicator.expected_value, 100.0)
        self.assertAlmostEqual(
            self.ind_company.with_context(checkin_today="2031-03-31").expected_progress,
            pace.elapsed_share(date(2031, 1, 1), date(2031, 12, 31), date(2031, 3, 31))
            * 100,
            places=4,
        )

    def test_objective_shows_worst_confidence(self):
        self._checkin(self.ind_company, 10, "on_track", user=self.user_admin)
        self.assertEqual(self.obj_company.confidence, "on_track")
        self._checkin(self.ind_paul, 1, "off_track", user=self.user_paul)
        self._checkin(self.ind_sales, 100, "at_risk", user=self.user_maria)
        self.obj_company.invalidate_recordset(["confidence"])
        # Each objective with a confidence of its own shows the worst of its
        # own indicators: Paul's January does not make the company's, nor
        # Sales's, off track.
        self.assertEqual(self.obj_company.confidence, "on_track")
        self.assertEqual(self.obj_sales.confidence, "at_risk")
        # Without one, the worst of the nearest objectives below that have one.
        self.assertEqual(self.obj_seller.confidence, "off_track")
        self.assertEqual(self.obj_paul_q1.confidence, "off_track")
        self.assertFalse(self.obj_ops.confidence)
        # Oscar does not learn about Paul's confidence through the post.
        self.assertEqual(
            self.obj_company.with_user(self.user_oscar).confidence, "on_track"
        )
        self.assertFalse(self.obj_ops.with_user(self.user_oscar).confidence)

    def test_my_checkins(self):
        Indicator = self.env["perf.indicator"]
        mine = Indicator.with_user(self.user_paul).search(
            [("is_my_checkin", "=", True)]
        )
        self.assertEqual(mine, self.ind_paul | self.ind_paul_q1 | self.ind_seller)
        # The card's button: the post holder may check in, a colleague not.
        self.assertTrue(all(mine.with_user(self.user_paul).mapped("can_checkin")))
        self.assertFalse(self.ind_seller.with_user(self.user_oscar).can_checkin)
        self.assertTrue(self.ind_seller.with_user(self.user_maria).can_checkin)
        self.january.action_lock()
        mine = Indicator.with_user(self.user_paul).search(
            [("is_my_checkin", "=", True)]
        )
        self.assertEqual(mine, self.ind_paul_q1 | self.ind_seller)

    # ------------------------------------------------------------------
    # Query budget
    # ------------------------------------------------------------------

    @users("perf_paul")
    def test_checkin_query_budget(self):
        indicator = self.ind_paul.with_env(self.env)
        self.env["perf.checkin"].create({"indicator_id": indicator.id, "value": 1})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(40):
            self.env["perf.checkin"].create(
                {"indicator_id": indicator.id, "value": 2, "comment": "Second"}
            )
            self.env.flush_all()


class TestPaceFunctions(BaseCase):
    """Where a figure should be, without the database."""

    def test_elapsed_share(self):
        start, end = date(2031, 1, 1), date(2031, 1, 10)
        self.assertEqual(pace.elapsed_share(start, end, date(2030, 12, 31)), 0.0)
        self.assertEqual(pace.elapsed_share(start, end, date(2031, 1, 5)), 0.5)
        self.assertEqual(pace.elapsed_share(start, end, date(2031, 2, 1)), 1.0)

    def test_weighted_share_and_expected_value(self):
        parts = [(1, lambda d: 1.0), (3, lambda d: 0.5), (0, lambda d: 1.0)]
        self.assertEqual(pace.weighted_share(parts, None), 0.625)
        self.assertEqual(pace.weighted_share([], None), 0.0)
        self.assertEqual(pace.expected_value(100, 0.25), 25)
        self.assertEqual(pace.expected_value(100, 0.25, start=20), 40)
        self.assertEqual(pace.expected_value(100, 0.25, accumulates=False), 100)
        self.assertEqual(pace.parse_value("3.5"), 3.5)
        self.assertIsNone(pace.parse_value(True))
        self.assertIsNone(pace.parse_value("x"))

    def test_pace_status(self):
        # Progress minus expected progress, in points; limits excluded.
        self.assertEqual(pace.pace_status(5.01, 5, 5), "ahead")
        self.assertEqual(pace.pace_status(5.0, 5, 5), "on_track")
        self.assertEqual(pace.pace_status(0.0, 0, 0), "on_track")
        self.assertEqual(pace.pace_status(-5.0, 5, 5), "on_track")
        self.assertEqual(pace.pace_status(-5.01, 5, 5), "behind")
        self.assertEqual(pace.pace_status(-3.0, 10, 2), "behind")
        self.assertEqual(pace.pace_status(3.0, 2, 10), "ahead")
        # 0.1 + 0.2 - 0.3 is not above a limit of 0.
        self.assertEqual(pace.pace_status(0.1 + 0.2 - 0.3, 0, 0), "on_track")
        self.assertIsNone(pace.pace_status(None, 5, 5))
