from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


class CheckinTourCommon(HttpCase):
    """An employee with an indicator of the running year, and her manager,
    in a company of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Check-in Company"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_checkin_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mona Check-in Manager",
            **company_values,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_checkin_employee",
            groups="base.group_user",
            name="Eva Tour Employee",
            **company_values,
        )
        department = cls.env["hr.department"].create(
            {"name": "Tour Check-in Sales", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"]
        manager = Employee.create(
            {
                "name": "Mona Check-in Manager",
                "user_id": cls.user_manager.id,
                "department_id": department.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee = Employee.create(
            {
                "name": "Eva Tour Employee",
                "user_id": cls.user_employee.id,
                "department_id": department.id,
                "parent_id": manager.id,
                "company_id": cls.company.id,
            }
        )
        department.manager_id = manager
        today = cls.env.cr.now().date()
        cycle = cls.env["perf.cycle"].create(
            {
                "name": f"FY {today.year} (tour)",
                "company_id": cls.company.id,
                "date_start": today.replace(month=1, day=1),
                "date_end": today.replace(month=12, day=31),
            }
        )
        cls.objective = cls.env["perf.objective"].create(
            {
                "name": "Tour demos of Eva",
                "level": "employee",
                "employee_id": cls.employee.id,
                "company_id": cls.company.id,
                "period_id": cycle.year_period_id.id,
                "user_id": cls.user_manager.id,
                "indicator_ids": [
                    Command.create({"name": "Tour weekly demos", "target_value": 100})
                ],
            }
        )
        cls.indicator = cls.objective.indicator_ids


@tagged("post_install", "-at_install")
class TestCheckinPhone(CheckinTourCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_employee_checks_in_on_a_phone(self):
        self.start_tour("/odoo", "perf_checkin_phone", login="perf_checkin_employee")
        checkin = self.indicator.checkin_ids
        self.assertEqual(len(checkin), 1)
        self.assertEqual(checkin.user_id, self.user_employee)
        self.assertEqual(checkin.value, 30.0)
        self.assertEqual(checkin.confidence, "at_risk")
        self.assertEqual(checkin.comment, "Two demos moved to next week")
        self.assertEqual(self.indicator.actual_value, 30.0)
        self.assertEqual(self.indicator.score, 30.0)


@tagged("post_install", "-at_install")
class TestCheckinTeamFeed(CheckinTourCommon):
    def test_manager_reads_feed_and_comments(self):
        Checkin = self.env["perf.checkin"].with_user(self.user_employee)
        Checkin.create(
            {"indicator_id": self.indicator.id, "value": 10, "comment": "First week"}
        )
        latest = Checkin.create(
            {
                "indicator_id": self.indicator.id,
                "value": 12,
                "confidence": "off_track",
                "comment": "Behind on demos",
            }
        )
        self.start_tour("/odoo", "perf_checkin_team_feed", login="perf_checkin_manager")
        message = latest.message_ids.filtered(
            lambda m: "plan the demos" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.user_manager.partner_id)
        self.assertIn(self.user_employee.partner_id, message.notified_partner_ids)
