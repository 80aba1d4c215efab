from lxml import etree

from odoo import Command
from odoo.tests import new_test_user, tagged

from ..models.perf_indicator_my_checkin import MY_CHECKINS_ORDER
from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestMyCheckins(CascadeCommon):
    """My Check-ins as Paul finds them on 10 February 2031: January is over
    but still open, the first quarter and the year run. The Seller post's
    revenue is decomposed to Paul's first quarter (its actual comes from
    there)."""

    TODAY = "2031-02-10"
    run_day = TODAY

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller_revenue = cls._indicator(cls.obj_seller, "Seller revenue")
        cls.seller_visits = cls._indicator(cls.obj_seller, "Seller visits")
        cls.q1_revenue = cls._indicator(
            cls.obj_paul_q1,
            "Q1 revenue",
            decomposition_key=f"indicator:{cls.seller_revenue.id}",
        )
        cls.q1_calls = cls._indicator(cls.obj_paul_q1, "Q1 calls")
        cls.january_accounts = cls._indicator(cls.obj_paul_jan, "January accounts")

    def _my_cards(self, user=None):
        return (
            self.env["perf.indicator"]
            .with_user(user or self.user_paul)
            .with_context(checkin_today=self.TODAY)
            .search([("is_my_checkin", "=", True)], order=MY_CHECKINS_ORDER)
        )

    def _kanban(self):
        view = self.env.ref("perf_management.perf_indicator_view_kanban_checkin")
        arch = self.env["perf.indicator"].get_view(view.id, "kanban")["arch"]
        return etree.fromstring(arch)

    def test_current_periods_first_overdue_last(self):
        cards = self._my_cards()
        self.assertEqual(
            cards.mapped("name"),
            [
                # The quarter ends first...
                "Q1 revenue",
                "Q1 calls",
                # ...then the year, what Paul enters before what comes from
                # its parts...
                "Seller visits",
                "Seller revenue",
                # ...and January, over but still open, last.
                "January accounts",
            ],
        )
        self.assertEqual(
            cards.filtered("is_period_over"),
            self.january_accounts.with_user(self.user_paul),
        )
        # The cards are shown in that order.
        self.assertEqual(self._kanban().get("default_order"), MY_CHECKINS_ORDER)
        # Once January is locked, it leaves.
        self.january.action_lock()
        self.assertNotIn(self.january_accounts, self._my_cards())

    def test_card_opens_its_history_and_its_button_checks_in(self):
        kanban = self._kanban()
        self.assertEqual(kanban.get("action"), "action_open_checkins")
        self.assertEqual(kanban.get("type"), "object")
        button = kanban.find(".//button[@name='action_checkin']")
        self.assertIn("btn-primary", button.get("class"))
        # A derived figure shows where it comes from, with no button.
        self.assertEqual(
            self.seller_revenue.with_user(self.user_paul).actual_source,
            "Sum of 1 person",
        )
        self.assertFalse(self.seller_revenue.with_user(self.user_paul).can_checkin)
        Checkin = self.env["perf.checkin"].with_user(self.user_paul)
        calls = Checkin.create({"indicator_id": self.q1_calls.id, "value": 12})
        revenue = Checkin.create({"indicator_id": self.q1_revenue.id, "value": 40})
        history = self.q1_calls.with_user(self.user_paul).action_open_checkins()
        self.assertEqual(Checkin.search(history["domain"]), calls)
        # Cards on a phone.
        self.assertEqual(history["mobile_view_mode"], "kanban")
        self.assertIn("kanban", [mode for _view, mode in history["views"]])
        # The history of a derived figure: its parts' check-ins.
        history = self.seller_revenue.with_user(self.user_paul).action_open_checkins()
        self.assertEqual(Checkin.search(history["domain"]), revenue)
        self.assertIn("Sum of 1 person", history["name"])

    def test_trend_holds_the_value_between_checkins(self):
        Checkin = self.env["perf.checkin"].with_user(self.user_paul)
        for day, value in (("2031-01-05", 10), ("2031-01-08", 25), ("2031-01-09", 5)):
            checkin = Checkin.create({"indicator_id": self.q1_calls.id, "value": value})
            checkin.sudo().date = day
        # The last one is archived: it does not count.
        checkin.with_user(self.user_admin).active = False
        # From the history's button: the check-ins the history shows.
        action = Checkin.with_context(
            active_domain=[("indicator_id", "=", self.q1_calls.id)]
        ).action_open_trend()
        rows = (
            self.env[action["res_model"]]
            .with_user(self.user_paul)
            .search(action["domain"])
        )
        self.assertEqual(
            [(str(row.date), row.value) for row in rows],
            [
                ("2031-01-05", 10.0),
                ("2031-01-06", 10.0),
                ("2031-01-07", 10.0),
                ("2031-01-08", 25.0),
            ],
        )
        # Read as the check-ins are: not by a colleague.
        self.assertFalse(
            self.env["perf.checkin.trend"]
            .with_user(self.user_oscar)
            .search([("indicator_id", "=", self.q1_calls.id)])
        )

    # ------------------------------------------------------------------
    # Where the web client opens
    # ------------------------------------------------------------------

    def test_employees_land_in_my_checkins(self):
        my_checkins = self.env.ref("perf_management.perf_checkin_action_my")
        self.assertEqual(self.user_paul._get_perf_home_action(), my_checkins)
        # Managers and administrators keep Odoo's own landing.
        for user in (self.user_maria, self.user_admin):
            self.assertIsNone(user._get_perf_home_action())
        # A home action set for the user wins.
        self.user_oscar.action_id = self.env.ref("base.action_res_users").id
        self.assertIsNone(self.user_oscar._get_perf_home_action())
        # A user who is nobody's employee has nothing to check in on.
        stranger = new_test_user(
            self.env, login="perf_stranger", groups="base.group_user"
        )
        self.assertIsNone(stranger._get_perf_home_action())
        # A new employee lands there from the start; promoted, no longer.
        newcomer = new_test_user(
            self.env, login="perf_newcomer", groups="base.group_user"
        )
        self.env["hr.employee"].create({"name": "Newcomer", "user_id": newcomer.id})
        self.assertEqual(newcomer._get_perf_home_action(), my_checkins)
        newcomer.groups_id = [
            Command.link(self.env.ref("perf_management.group_perf_manager").id)
        ]
        self.assertIsNone(newcomer._get_perf_home_action())
