import datetime
import io
import json
from contextlib import contextmanager
from urllib.parse import quote

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import KpiCommon

REPORT = "perf_management_kpi.perf_kpi_scorecard_xlsx"
HEADERS = [
    "KPI Code",
    "KPI",
    "Level",
    "Owner",
    "Department",
    "Objective",
    "Period",
    "Start",
    "End",
    "Dimension",
    "Unit",
    "Target",
    "Actual",
    "Achievement",
    "Score",
    "Band",
    "Weight",
    "Company",
]
# Fills of the bands (Excel's good / neutral / bad styles).
GREEN, AMBER, RED = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE"


def export_scorecard(
    env, period=None, include_sub_periods=True, departments=None, indicators=None
):
    """The workbook of the scorecard export run by the user of ``env``."""
    data = {}
    if period:
        data = {
            "period_id": period.id,
            "include_sub_periods": include_sub_periods,
            "department_ids": departments.ids if departments else [],
        }
    content, _file_type = env["ir.actions.report"]._render_xlsx(
        REPORT, indicators.ids if indicators else None, data=data
    )
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(sheet):
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def all_rows(workbook):
    """{(sheet, KPI code, owner): row} of every data sheet."""
    return {
        (name, row["KPI Code"].value, row["Owner"].value): row
        for name in workbook.sheetnames
        if name != "Parameters"
        for row in sheet_rows(workbook[name])
    }


@tagged("post_install", "-at_install")
class TestKpiScorecardExport(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manager_groups = "base.group_user,perf_management.group_perf_manager"
        cls.manager_user, cls.manager = cls._employee_user(
            "kpi_export_manager", manager_groups, cls.dep_sales
        )
        cls.dep_sales.manager_id = cls.manager
        cls.alice_user, cls.alice = cls._employee_user(
            "kpi_export_alice", "base.group_user", cls.dep_field, cls.manager
        )
        cls.dep_other = cls.env["hr.department"].create(
            {"name": "KPI Purchasing", "company_id": cls.company.id}
        )
        cls.other_user, cls.other_manager = cls._employee_user(
            "kpi_export_other", manager_groups, cls.dep_other
        )
        cls.dep_other.manager_id = cls.other_manager
        cls.admin_user = new_test_user(
            cls.env,
            login="kpi_export_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Kim Export Admin",
        )
        Definition = cls.env["perf.kpi.definition"]
        cls.kpi_sales = Definition.create(
            {"code": "SALES", "name": "Net sales", "unit": "EUR", "source": "manual"}
        )
        cls.formula_code = "=CMD|' /C calc'!A0"
        cls.kpi_formula = Definition.create(
            {
                "code": cls.formula_code,
                "name": "+SUM(1,2)",
                "source": "manual",
                "band_ids": [
                    Command.clear(),
                    Command.create(
                        {"name": "@Top", "min_score": 90.0, "color": "green"}
                    ),
                    Command.create({"name": "-Low", "min_score": 0.0, "color": "red"}),
                ],
            }
        )
        cls.obj_company = cls._objective("company", cls.year)
        cls.obj_sales = cls._objective(
            "department", cls.year, department_id=cls.dep_sales.id
        )
        cls.obj_field_q1 = cls._objective(
            "department", cls.quarters[0], department_id=cls.dep_field.id
        )
        cls.obj_alice = cls._objective(
            "employee", cls.quarters[0], employee_id=cls.alice.id
        )
        cls.obj_other = cls._objective(
            "department", cls.year, department_id=cls.dep_other.id
        )
        cls.ind_company = cls._kpi_indicator(cls.obj_company, cls.kpi_sales, 120.0)
        cls.ind_sales = cls._kpi_indicator(cls.obj_sales, cls.kpi_sales, 85.0)
        cls.ind_field = cls._kpi_indicator(cls.obj_field_q1, cls.kpi_sales, None)
        cls.ind_alice = cls._kpi_indicator(cls.obj_alice, cls.kpi_sales, 50.0)
        cls.ind_alice_formula = cls._kpi_indicator(cls.obj_alice, cls.kpi_formula, 95.0)
        cls.ind_other = cls._kpi_indicator(cls.obj_other, cls.kpi_sales, 100.0)
        # An indicator measuring no KPI is not on the scorecard.
        cls.env["perf.indicator"].create(
            {
                "name": "Not a KPI",
                "objective_id": cls.obj_sales.id,
                "target_value": 10.0,
            }
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    @classmethod
    def _kpi_indicator(cls, objective, definition, actual):
        values = {
            "name": definition.name,
            "objective_id": objective.id,
            "kpi_definition_id": definition.id,
            "target_value": 100.0,
        }
        if actual is not None:
            values.update(actual_value=actual, has_actual=True)
        return cls.env["perf.indicator"].create(values)

    def test_sheets_per_department_and_headers(self):
        workbook = export_scorecard(self.env(user=self.admin_user), self.year)
        self.assertEqual(
            workbook.sheetnames,
            ["Company", "KPI Purchasing", "KPI Sales", "KPI Field Sales", "Parameters"],
        )
        for name in workbook.sheetnames[:-1]:
            sheet = workbook[name]
            self.assertEqual([c.value for c in sheet[1]], HEADERS)
            self.assertEqual(sheet.freeze_panes, "A2")
            self.assertTrue(sheet.auto_filter.ref.startswith("A1:R"))
            self.assertFalse(sheet.merged_cells.ranges)
        rows = all_rows(workbook)
        self.assertIn(("Company", "SALES", self.company.name), rows)
        self.assertIn(("KPI Sales", "SALES", "KPI Sales"), rows)
        self.assertIn(("KPI Field Sales", "SALES", "kpi_export_alice"), rows)
        self.assertIn(("KPI Field Sales", "SALES", "KPI Field Sales"), rows)
        self.assertNotIn("Not a KPI", {r["KPI"].value for r in rows.values()})

    def test_cells_typed_and_coloured_by_band(self):
        rows = all_rows(export_scorecard(self.env(user=self.admin_user), self.year))
        company = rows[("Company", "SALES", self.company.name)]
        self.assertEqual(company["KPI"].value, "Net sales")
        self.assertEqual(company["Level"].value, "Company")
        self.assertEqual(company["Unit"].value, "EUR")
        self.assertEqual(company["Target"].value, 100.0)
        self.assertEqual(company["Actual"].value, 120.0)
        self.assertEqual(company["Start"].value, datetime.datetime(2021, 1, 1))
        self.assertTrue(company["Start"].is_date)
        self.assertAlmostEqual(company["Achievement"].value, 1.2)
        self.assertEqual(company["Achievement"].number_format, "0.0%")
        self.assertAlmostEqual(company["Score"].value, self.ind_company.score / 100)
        self.assertEqual(company["Score"].number_format, "0.0%")
        self.assertEqual(company["Band"].value, "On target")
        self.assertEqual(company["Band"].fill.fgColor.rgb, GREEN)
        self.assertEqual(company["Score"].fill.fgColor.rgb, GREEN)
        sales = rows[("KPI Sales", "SALES", "KPI Sales")]
        self.assertEqual(sales["Band"].value, "Watch")
        self.assertEqual(sales["Band"].fill.fgColor.rgb, AMBER)
        self.assertEqual(self.ind_sales.score_color, "amber")
        alice = rows[("KPI Field Sales", "SALES", "kpi_export_alice")]
        self.assertEqual(alice["Band"].value, "Off target")
        self.assertEqual(alice["Score"].fill.fgColor.rgb, RED)
        self.assertEqual(alice["Period"].value, self.quarters[0].name)
        self.assertEqual(alice["Department"].value, self.dep_field.complete_name)
        # No actual: empty cells, no band, not 0.
        field = rows[("KPI Field Sales", "SALES", "KPI Field Sales")]
        self.assertIsNone(field["Actual"].value)
        self.assertIsNone(field["Achievement"].value)
        self.assertIsNone(field["Score"].value)
        self.assertIsNone(field["Band"].value)

    def test_user_text_stays_text(self):
        rows = all_rows(export_scorecard(self.env(user=self.admin_user), self.year))
        row = rows[("KPI Field Sales", self.formula_code, "kpi_export_alice")]
        for header, value in (
            ("KPI Code", self.formula_code),
            ("KPI", "+SUM(1,2)"),
            ("Band", "@Top"),
        ):
            self.assertEqual(row[header].value, value)
            self.assertEqual(row[header].data_type, "s")
        self.assertEqual(row["Band"].fill.fgColor.rgb, GREEN)

    def test_manager_exports_what_they_read(self):
        rows = all_rows(export_scorecard(self.env(user=self.manager_user), self.year))
        sheets = {key[0] for key in rows}
        self.assertNotIn("KPI Purchasing", sheets)
        self.assertIn(("KPI Field Sales", "SALES", "kpi_export_alice"), rows)
        self.assertIn(("Company", "SALES", self.company.name), rows)
        rows = all_rows(export_scorecard(self.env(user=self.other_user), self.year))
        self.assertIn(("KPI Purchasing", "SALES", "KPI Purchasing"), rows)
        self.assertFalse(
            {"KPI Sales", "KPI Field Sales"} & {key[0] for key in rows},
            "another department's KPIs, its employees' above all",
        )
        # Crafted ids of a selection: only the readable ones.
        workbook = export_scorecard(
            self.env(user=self.other_user),
            indicators=self.ind_alice | self.ind_other,
        )
        self.assertEqual(
            set(all_rows(workbook)), {("KPI Purchasing", "SALES", "KPI Purchasing")}
        )
        with self.assertRaisesText(UserError, "There is no KPI to export"):
            export_scorecard(self.env(user=self.other_user), indicators=self.ind_alice)

    def test_employee_is_refused(self):
        with self.assertRaisesText(AccessError, "Only performance managers"):
            export_scorecard(self.env(user=self.alice_user), self.year)

    def test_department_filter_and_sub_periods(self):
        env = self.env(user=self.admin_user)
        rows = all_rows(export_scorecard(env, self.year, departments=self.dep_sales))
        self.assertEqual({key[0] for key in rows}, {"KPI Sales", "KPI Field Sales"})
        rows = all_rows(export_scorecard(env, self.year, include_sub_periods=False))
        self.assertNotIn("KPI Field Sales", {key[0] for key in rows}, "a quarter's")

    def test_other_company_is_absent(self):
        company_b = self.env["res.company"].create({"name": "KPI Export Other Co"})
        cycle_b = self.env["perf.cycle"].create(
            {
                "name": "KPI Other 2021",
                "company_id": company_b.id,
                "date_start": "2021-01-01",
                "date_end": "2021-12-31",
            }
        )
        kpi_b = self.env["perf.kpi.definition"].create(
            {"code": "B_SALES", "name": "B sales", "company_id": company_b.id}
        )
        objective_b = self.env["perf.objective"].create(
            {
                "name": "Company B goal",
                "level": "company",
                "company_id": company_b.id,
                "period_id": cycle_b.year_period_id.id,
            }
        )
        ind_b = self._kpi_indicator(objective_b, kpi_b, 10.0)
        self.admin_user.company_ids = [Command.link(company_b.id)]
        env = self.env(
            user=self.admin_user, context={"allowed_company_ids": self.company.ids}
        )
        workbook = export_scorecard(env, indicators=self.ind_company | ind_b)
        self.assertEqual(
            set(all_rows(workbook)), {("Company", "SALES", self.company.name)}
        )
        with self.assertRaisesText(UserError, "is not one of your companies"):
            export_scorecard(env, cycle_b.year_period_id)

    def test_empty_export_is_refused(self):
        with self.assertRaisesText(UserError, "No KPI of"):
            export_scorecard(self.env(user=self.manager_user), self.quarters[1], False)
        wizard = Form(
            self.env["perf.kpi.scorecard.export.wizard"].with_user(self.manager_user)
        )
        wizard.period_id = self.year
        wizard.department_ids.add(self.dep_other)
        with self.assertRaisesText(UserError, "or of its sub-periods is visible"):
            wizard.save().action_export()

    def test_wizard_and_parameters(self):
        wizard = Form(
            self.env["perf.kpi.scorecard.export.wizard"].with_user(self.manager_user)
        )
        wizard.period_id = self.year
        wizard.department_ids.add(self.dep_sales)
        action = wizard.save().action_export()
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(action["data"]["department_ids"], self.dep_sales.ids)
        workbook = export_scorecard(
            self.env(user=self.manager_user), self.year, departments=self.dep_sales
        )
        sheet = workbook["Parameters"]
        self.assertEqual([c.value for c in sheet[1]], ["Parameter", "Value"])
        params = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(params["Export"], "KPI scorecard")
        self.assertEqual(params["Exported by"], self.manager_user.name)
        self.assertIsInstance(params["Exported on"], datetime.datetime)
        self.assertEqual(params["Period"], self.year.name)
        self.assertEqual(params["Sub-periods included"], "Yes")
        self.assertIn("KPI Sales", params["Departments"])
        rows = all_rows(workbook)
        self.assertEqual(params["Rows"], len(rows))


@tagged("post_install", "-at_install")
class TestKpiScorecardExportWeb(HttpCase):
    """A manager exports the scorecard from the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "KPI Export Web Co"})
        cls.manager = new_test_user(
            cls.env,
            login="kpi_export_web_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "KPI Web 2033",
                "company_id": cls.company.id,
                "date_start": "2033-01-01",
                "date_end": "2033-12-31",
            }
        )
        kpi = cls.env["perf.kpi.definition"].create(
            {"code": "WEB", "name": "Web KPI", "company_id": cls.company.id}
        )
        objective = cls.env["perf.objective"].create(
            {
                "name": "Web company goal",
                "level": "company",
                "company_id": cls.company.id,
                "period_id": cls.cycle.year_period_id.id,
            }
        )
        cls.indicator = cls.env["perf.indicator"].create(
            {
                "name": "Web KPI",
                "objective_id": objective.id,
                "kpi_definition_id": kpi.id,
                "target_value": 10.0,
            }
        )

    def test_manager_exports_from_the_menu(self):
        self.start_tour(
            "/odoo", "perf_kpi_export_scorecard_from_menu", login=self.manager.login
        )

    def test_manager_downloads_the_scorecard(self):
        menu = self.env.ref("perf_management_kpi.menu_perf_kpi_scorecard_export")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        )
        report = self.env.ref("perf_management_kpi.perf_kpi_scorecard_xlsx_report")
        self.assertEqual(report.binding_model_id.model, "perf.indicator")
        self.authenticate(self.manager.login, self.manager.login)
        options = quote(json.dumps({"period_id": self.cycle.year_period_id.id}))
        context = quote(json.dumps({"allowed_company_ids": self.company.ids}))
        today = datetime.date.today().isoformat()
        for url in (
            f"/report/xlsx/{REPORT}?options={options}&context={context}",
            f"/report/xlsx/{REPORT}/{self.indicator.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            self.assertIn("spreadsheetml", response.headers["Content-Type"])
            # Named after the company, the period and the day.
            self.assertEqual(
                response.headers["Content-Disposition"],
                content_disposition(
                    f"KPI Scorecard - KPI Export Web Co - "
                    f"{self.cycle.year_period_id.name} - {today}.xlsx"
                ),
            )
            workbook = openpyxl.load_workbook(io.BytesIO(response.content))
            self.assertEqual(workbook.sheetnames, ["Company", "Parameters"])
            self.assertEqual(
                [r["KPI Code"].value for r in sheet_rows(workbook["Company"])], ["WEB"]
            )
