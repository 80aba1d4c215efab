import datetime
import io
import json
from unittest.mock import patch
from urllib.parse import quote

from openpyxl import load_workbook

from odoo import Command
from odoo.http import content_disposition
from odoo.tests import HttpCase, new_test_user, tagged

from ..report.perf_appraisal_payroll_xlsx import PerfAppraisalPayrollXlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestPayrollExportUi(HttpCase):
    """The payroll export from the web client: a campaign of a company of
    its own, with Tina's appraisal done and Tom's in manager review, both
    conducted by Mona; Olaf's (another team) done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Payroll Company"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_admin = new_test_user(
            cls.env,
            login="perf_tour_payroll_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Pia Payroll",
            **company_values,
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_tour_payroll_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mona Payroll",
            **company_values,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_tour_payroll_employee",
            groups="base.group_user",
            name="Tina Team",
            **company_values,
        )
        Employee = cls.env["hr.employee"].with_company(cls.company)
        cls.emp_manager = Employee.create(
            {"name": "Mona Payroll", "user_id": cls.user_manager.id}
        )
        team = Employee.create(
            [
                {"name": name, "parent_id": cls.emp_manager.id, "user_id": user}
                for name, user in (
                    ("Tina Team", cls.user_employee.id),
                    ("Tom Team", False),
                )
            ]
        )
        cls.emp_other = Employee.create({"name": "Olaf Other"})
        cls.env["perf.rating.scale"]._ensure_default_scales(cls.company)
        cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2037 payroll tour",
                "company_id": cls.company.id,
                "date_start": "2037-01-01",
                "date_end": "2037-12-31",
            }
        )
        cls.q1 = cycle.period_ids.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )[0]
        cls.campaign = cls.env["perf.appraisal.campaign"].create(
            {
                "name": "Tour Payroll Q1",
                "company_id": cls.company.id,
                "period_id": cls.q1.id,
                "scope": "employee",
                "employee_ids": [Command.set(team.ids)],
            }
        )
        cls.campaign._launch()
        appraisals = cls.campaign.appraisal_ids.sorted("id")
        appraisals[0].write({"state": "done"})
        appraisals[1].write({"state": "manager_review"})
        cls.env["perf.appraisal"].create(
            {"employee_id": cls.emp_other.id, "period_id": cls.q1.id, "state": "done"}
        )

    def test_administrator_exports_a_campaign_from_its_form(self):
        original = PerfAppraisalPayrollXlsx.generate_xlsx_report
        exported = []

        def generate(report, workbook, data, objs):
            exported.append((report.env.user, objs.employee_id.mapped("name")))
            return original(report, workbook, data, objs)

        with patch.object(PerfAppraisalPayrollXlsx, "generate_xlsx_report", generate):
            self.start_tour(
                "/odoo", "perf_management_payroll_export", login=self.user_admin.login
            )
        self.assertEqual(len(exported), 1)
        user, employees = exported[0]
        self.assertEqual(user, self.user_admin)
        self.assertEqual(sorted(employees), ["Tina Team", "Tom Team"])

    def _download(self, options):
        return self.url_open(
            "/report/xlsx/perf_management.perf_appraisal_payroll_xlsx"
            f"?options={quote(json.dumps(options))}"
        )

    def test_manager_downloads_their_team_only(self):
        self.authenticate(self.user_manager.login, self.user_manager.login)
        response = self._download({"period_id": self.q1.id, "all_states": True})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        # Named after the company, the period and the day.
        today = datetime.date.today().isoformat()
        self.assertEqual(
            response.headers["Content-Disposition"],
            content_disposition(
                f"Payroll - Tour Payroll Company - {self.q1.name} - {today}.xlsx"
            ),
        )
        sheet = load_workbook(io.BytesIO(response.content))["Appraisals"]
        names = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(names, ["Tina Team", "Tom Team"])

    def test_employee_downloads_nothing(self):
        self.authenticate(self.user_employee.login, self.user_employee.login)
        response = self._download({"period_id": self.q1.id, "all_states": True})
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)
        self.assertNotIn(b"Tom Team", response.content)
