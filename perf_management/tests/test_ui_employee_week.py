from odoo import http
from odoo.tests import HttpCase, tagged

from ..models.perf_indicator_my_checkin import MY_CHECKINS_ORDER


@tagged("post_install", "-at_install")
class TestEmployeeWeekPhone(HttpCase):
    """Lucas, account executive of the demo, on a phone (390 x 844, touch):
    the app opens on his check-ins, three taps check in, the card opens its
    history, and he submits his self review after a confirmation.

    His current quarter's revenue was checked in at 8 000 earlier: the 9 000
    he types is near it, whatever the day of the quarter the demo runs on.
    """

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The browser's first requests come in parallel: read the manifests
        # once before it starts (see test_ui_appraisal.py).
        http.root.get_static_file("/perf_management/static/description/icon.png")
        cls.lucas = cls.env.ref("perf_management.user_lucas")
        cards = (
            cls.env["perf.indicator"]
            .with_user(cls.lucas)
            .search([("is_my_checkin", "=", True)], order=MY_CHECKINS_ORDER)
        )
        cls.revenue = cards[0].sudo()
        cls.env["perf.checkin"].with_user(cls.lucas).create(
            {"indicator_id": cls.revenue.id, "value": 8000}
        )
        cls.appraisal = cls.env["perf.appraisal"].search(
            [("employee_user_id", "=", cls.lucas.id), ("state", "=", "self_review")]
        )

    def test_session_opens_my_checkins(self):
        self.authenticate("lucas", "lucas")
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(
            info["home_action_id"],
            self.env.ref("perf_management.perf_checkin_action_my").id,
        )
        # Not for the administrator.
        self.authenticate("admin", "admin")
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertFalse(info["home_action_id"])

    def test_employee_week_on_a_phone(self):
        # The demo as the tour expects it: the current quarter's revenue
        # first, checked in on by hand, and a self review waiting.
        self.assertEqual(self.revenue.name, "Revenue")
        self.assertEqual(self.revenue.period_id.period_type, "quarter")
        self.assertFalse(self.revenue.is_period_over)
        self.assertEqual(len(self.appraisal), 1)
        self.start_tour("/odoo", "perf_employee_week_phone", login="lucas")
        checkin = self.revenue.last_checkin_id
        self.assertEqual(checkin.user_id, self.lucas)
        self.assertEqual(checkin.value, 9000)
        self.assertEqual(checkin.previous_value, 8000)
        self.assertEqual(self.revenue.actual_value, 9000)
        self.assertEqual(self.appraisal.state, "manager_review")
        self.assertIn("renewals first", self.appraisal.self_review)
