from odoo import http
from odoo.tests import HttpCase, tagged

FEEDBACK = "Tour feedback: the north region opened well"


class DemoTourCase(HttpCase):
    """Tours on the demo company, as its people log in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server reads every addon's manifest on its first request, and
        # the browser's first requests come in parallel: read them once here
        # (Python 3.11's ast parser is not thread-safe).
        http.root.get_static_file("/perf_management/static/description/icon.png")

    @classmethod
    def _demo(cls, name):
        return cls.env.ref(f"perf_management.{name}")


@tagged("post_install", "-at_install")
class TestManagerWeekPhone(DemoTourCase):
    """Sophie, who manages Sales & Marketing in the demo, on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_manager_finds_the_silent_and_reviews_on_a_phone(self):
        appraisal = self.env["perf.appraisal"].search(
            [
                ("employee_id", "=", self._demo("employee_emma").id),
                ("state", "=", "manager_review"),
            ]
        )
        self.assertEqual(appraisal.manager_user_id, self._demo("user_sophie"))
        self.start_tour("/odoo", "perf_manager_week_phone", login="sophie")
        self.assertEqual(appraisal.state, "calibration")
        self.assertEqual(appraisal.manager_feedback, FEEDBACK)
        self.assertEqual(
            (appraisal.goals_reasonable, appraisal.motivated, appraisal.post_right),
            ("yes", "yes", "yes"),
        )
