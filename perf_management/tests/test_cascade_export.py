import datetime
import io
import json
from urllib.parse import quote

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import CascadeCommon

REPORT = "perf_management.perf_cascade_xlsx"
LEVEL_SHEETS = ["Company", "Department", "Post", "Employee"]
OBJECTIVE_HEADERS = [
    "ID",
    "Objective",
    "Department",
    "Post",
    "Employee",
    "Responsible",
    "Parent ID",
    "Parent Objective",
    "Period",
    "Start",
    "End",
    "Weight",
    "Progress",
    "Rating",
    "Indicator Progress",
    "Task Progress",
    "Confidence",
    "Indicators",
    "Period State",
    "Company",
]


def export_cascade(env, period=None, include_sub_periods=True, objectives=None):
    """The workbook of the cascade export run by the user of ``env``."""
    data = {}
    if period:
        data = {"period_id": period.id, "include_sub_periods": include_sub_periods}
    content, file_type = env["ir.actions.report"]._render_xlsx(
        REPORT, objectives.ids if objectives else None, data=data
    )
    assert file_type == "xlsx"
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(sheet):
    """{header: cell} per data row of ``sheet``."""
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def exported_ids(workbook):
    """IDs of the objectives of every level sheet."""
    return {
        row["ID"].value for name in LEVEL_SHEETS for row in sheet_rows(workbook[name])
    }


class TestCascadeExport(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_won = cls._indicator(
            cls.obj_paul_q1,
            "Accounts won",
            target_value=3.0,
            actual_value=2.0,
            has_actual=True,
            unit="accounts",
        )
        cls.ind_visits = cls._indicator(
            cls.obj_sales, "Customer visits", target_value=200.0, weight=2.0
        )
        cls.ind_late = cls._indicator(
            cls.obj_oscar,
            "Late shipments",
            direction="lower",
            target_value=5.0,
            actual_value=4.0,
            has_actual=True,
        )
        cls.formula_name = '=HYPERLINK("http://evil.example","Click")'
        cls.obj_formula = cls._objective(
            cls.formula_name,
            "department",
            cls.year,
            parent=cls.obj_sales,
            department_id=cls.dep_north.id,
            user_id=cls.user_maria.id,
        )
        cls._indicator(cls.obj_formula, "@SUM(A1:A9)", unit="-1+2", target_value=1.0)
        cls.env.flush_all()

    def _row(self, workbook, sheet, objective):
        rows = [
            row
            for row in sheet_rows(workbook[sheet])
            if row["ID"].value == objective.id
        ]
        self.assertEqual(len(rows), 1, f"{objective.name} once in {sheet}")
        return rows[0]

    def test_sheets_headers_and_frozen_filtered_header(self):
        workbook = export_cascade(self.env(user=self.user_admin), self.year)
        self.assertEqual(
            workbook.sheetnames, [*LEVEL_SHEETS, "Indicators", "Parameters"]
        )
        for name in LEVEL_SHEETS:
            sheet = workbook[name]
            self.assertEqual([c.value for c in sheet[1]], OBJECTIVE_HEADERS)
            self.assertEqual(sheet.freeze_panes, "A2")
            self.assertTrue(sheet.auto_filter.ref.startswith("A1:T"))
            self.assertFalse(sheet.merged_cells.ranges)
            self.assertGreater(sheet.column_dimensions["B"].width, 10)
        self.assertEqual(
            [c.value for c in workbook["Indicators"][1]],
            [
                "Objective ID",
                "Objective",
                "Level",
                "Period",
                "Indicator",
                "Dimension",
                "Direction",
                "Unit",
                "Target",
                "Actual",
                "Weight",
                "Achievement",
                "Score",
                "Company",
            ],
        )
        # Each objective in the sheet of its level, the sub-periods' too.
        self._row(workbook, "Company", self.obj_company)
        self._row(workbook, "Department", self.obj_ops)
        self._row(workbook, "Post", self.obj_seller)
        self._row(workbook, "Employee", self.obj_paul_jan)

    def test_cells_are_typed_and_match_the_records(self):
        workbook = export_cascade(self.env(user=self.user_admin), self.year)
        objective = self.obj_paul_q1
        row = self._row(workbook, "Employee", objective)
        self.assertEqual(row["Objective"].value, objective.name)
        self.assertEqual(row["Employee"].value, "Paul Seller")
        self.assertEqual(row["Responsible"].value, "Maria Manager")
        self.assertEqual(row["Parent ID"].value, self.obj_seller.id)
        self.assertEqual(row["Parent Objective"].value, self.obj_seller.name)
        self.assertEqual(row["Period"].value, self.q1.name)
        self.assertEqual(row["Start"].value, datetime.datetime(2031, 1, 1))
        self.assertTrue(row["Start"].is_date)
        self.assertEqual(row["End"].value.date(), self.q1.date_end)
        self.assertEqual(row["Weight"].value, 1.0)
        self.assertEqual(row["Indicators"].value, 1)
        # Progress: a number with a % format, 2 of 3 accounts won.
        self.assertTrue(objective.is_measured)
        self.assertAlmostEqual(row["Progress"].value, objective.progress / 100)
        self.assertAlmostEqual(row["Progress"].value, 2 / 3, places=4)
        self.assertEqual(row["Progress"].number_format, "0.0%")
        self.assertEqual(row["Progress"].data_type, "n")
        scale = self.env["perf.rating.scale"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(row["Rating"].value, scale._get_band(objective.progress).name)
        self.assertEqual(row["Period State"].value, "Open")
        # No actual measures the formula objective yet: no progress, not 0.
        row = self._row(workbook, "Department", self.obj_formula)
        self.assertFalse(self.obj_formula.is_measured)
        self.assertIsNone(row["Progress"].value)
        self.assertIsNone(row["Rating"].value)
        self.assertEqual(row["Parent ID"].value, self.obj_sales.id)

        indicators = {
            r["Indicator"].value: r for r in sheet_rows(workbook["Indicators"])
        }
        won = indicators["Accounts won"]
        self.assertEqual(won["Objective ID"].value, objective.id)
        self.assertEqual(won["Level"].value, "Employee")
        self.assertEqual(won["Target"].value, 3.0)
        self.assertEqual(won["Actual"].value, 2.0)
        self.assertAlmostEqual(won["Achievement"].value, 2 / 3, places=4)
        self.assertAlmostEqual(won["Score"].value, self.ind_won.score / 100)
        self.assertEqual(won["Score"].number_format, "0.0%")
        self.assertEqual(won["Unit"].value, "accounts")
        self.assertEqual(won["Dimension"].value, "Result")
        visits = indicators["Customer visits"]
        self.assertIsNone(visits["Actual"].value, "no actual: an empty cell, not 0")
        self.assertIsNone(visits["Score"].value)
        self.assertEqual(visits["Weight"].value, 2.0)
        late = indicators["Late shipments"]
        self.assertEqual(late["Direction"].value, "Lower is better")
        self.assertAlmostEqual(late["Achievement"].value, 1.2)

    def test_progress_is_coloured_by_band(self):
        workbook = export_cascade(self.env(user=self.user_admin), self.year)
        sheet = workbook["Employee"]
        ranges = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
        progress = next(r for r in ranges if r.startswith("M2:M"))
        formulas = [rule.formula[0] for rule in ranges[progress]]
        self.assertEqual(len(formulas), 3)
        self.assertIn("M2>=1", formulas[0])
        self.assertIn("ISNUMBER(M2)", formulas[2])

    def test_user_text_stays_text(self):
        workbook = export_cascade(self.env(user=self.user_admin), self.year)
        row = self._row(workbook, "Department", self.obj_formula)
        self.assertEqual(row["Objective"].value, self.formula_name)
        self.assertEqual(row["Objective"].data_type, "s")
        indicator = next(
            r
            for r in sheet_rows(workbook["Indicators"])
            if r["Objective ID"].value == self.obj_formula.id
        )
        self.assertEqual(indicator["Indicator"].value, "@SUM(A1:A9)")
        self.assertEqual(indicator["Indicator"].data_type, "s")
        self.assertEqual(indicator["Unit"].value, "-1+2")
        self.assertEqual(indicator["Unit"].data_type, "s")
        self.assertEqual(indicator["Objective"].data_type, "s")

    def test_manager_exports_what_they_read(self):
        env = self.env(user=self.user_maria)
        ids = exported_ids(export_cascade(env, self.year))
        self.assertEqual(
            ids,
            set(
                env["perf.objective"]
                .search([])
                .filtered(
                    lambda o: o.period_id.parent_path.startswith(self.year.parent_path)
                )
                .ids
            ),
        )
        self.assertTrue(
            {self.obj_company.id, self.obj_sales.id, self.obj_paul_jan.id} <= ids
        )
        self.assertNotIn(self.obj_ops.id, ids)
        self.assertNotIn(self.obj_oscar.id, ids)
        workbook = export_cascade(env, self.year)
        names = {r["Indicator"].value for r in sheet_rows(workbook["Indicators"])}
        self.assertNotIn("Late shipments", names)
        self.assertIn("Accounts won", names)
        # Olga, Operations' manager, does not get Sales' objectives.
        ids = exported_ids(export_cascade(self.env(user=self.user_olga), self.year))
        self.assertIn(self.obj_oscar.id, ids)
        self.assertFalse({self.obj_sales.id, self.obj_paul_q1.id} & ids)

    def test_selected_objectives_only_those_read(self):
        # Olga selects (by crafting the ids) Sales' objectives with hers.
        selection = self.obj_sales | self.obj_ops | self.obj_oscar
        workbook = export_cascade(self.env(user=self.user_olga), objectives=selection)
        self.assertEqual(exported_ids(workbook), {self.obj_ops.id, self.obj_oscar.id})
        with self.assertRaisesText(UserError, "There is no objective to export"):
            export_cascade(self.env(user=self.user_olga), objectives=self.obj_sales)

    def test_parent_not_read_is_not_named(self):
        # A post of Sales North decomposes an objective of Operations: Maria
        # reads the post's objective (her team), not its parent.
        child = self._objective(
            "Sellers help the warehouse",
            "post",
            self.year,
            parent=self.obj_ops,
            department_id=self.dep_north.id,
            job_id=self.job_buyer.id,
        )
        env = self.env(user=self.user_maria)
        self.assertFalse(env["perf.objective"].search([("id", "=", self.obj_ops.id)]))
        workbook = export_cascade(env, objectives=child)
        row = self._row(workbook, "Post", child)
        self.assertIsNone(row["Parent ID"].value)
        self.assertIsNone(row["Parent Objective"].value)

    def test_employee_is_refused(self):
        with self.assertRaisesText(AccessError, "Only performance managers"):
            export_cascade(self.env(user=self.user_paul), self.year)

    def test_other_company_is_absent(self):
        company_b = self.env["res.company"].create({"name": "Export Other Co"})
        cycle_b = self._cycle(company_b, 2031, name="FY 2031 Other")
        obj_b = self._objective(
            "Other company goal",
            "company",
            cycle_b.year_period_id,
            company_id=company_b.id,
        )
        self.user_admin.company_ids = [Command.link(company_b.id)]
        env = self.env(
            user=self.user_admin, context={"allowed_company_ids": self.company.ids}
        )
        ids = exported_ids(export_cascade(env, objectives=self.obj_company | obj_b))
        self.assertEqual(ids, {self.obj_company.id})
        with self.assertRaisesText(UserError, "is not one of your companies"):
            export_cascade(env, cycle_b.year_period_id)
        env = self.env(
            user=self.user_admin, context={"allowed_company_ids": company_b.ids}
        )
        ids = exported_ids(export_cascade(env, cycle_b.year_period_id))
        self.assertEqual(ids, {obj_b.id})

    def test_empty_export_is_refused(self):
        with self.assertRaisesText(UserError, "There is no objective of April 2031"):
            export_cascade(self.env(user=self.user_maria), self.april, False)
        wizard = Form(self.env["perf.cascade.export.wizard"].with_user(self.user_maria))
        wizard.period_id = self.q2
        wizard.include_sub_periods = True
        with self.assertRaisesText(UserError, "or of its sub-periods"):
            wizard.save().action_export()

    def test_wizard_returns_the_download(self):
        wizard = Form(self.env["perf.cascade.export.wizard"].with_user(self.user_maria))
        wizard.period_id = self.year
        action = wizard.save().action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(
            action["data"], {"period_id": self.year.id, "include_sub_periods": True}
        )

    def test_parameters_explain_the_file(self):
        workbook = export_cascade(self.env(user=self.user_maria), self.year, False)
        sheet = workbook["Parameters"]
        self.assertEqual([c.value for c in sheet[1]], ["Parameter", "Value"])
        params = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(params["Exported by"].value, "Maria Manager")
        self.assertIsInstance(params["Exported on"].value, datetime.datetime)
        self.assertEqual(params["Period"].value, self.year.name)
        self.assertEqual(params["Period start"].value, datetime.datetime(2031, 1, 1))
        self.assertEqual(params["Sub-periods included"].value, "No")
        ids = exported_ids(workbook)
        self.assertEqual(params["Objectives"].value, len(ids))
        self.assertNotIn(self.obj_paul_q1.id, ids, "a sub-period's objective")
        self.assertIn(self.obj_sales.id, ids)


@tagged("post_install", "-at_install")
class TestCascadeExportWeb(HttpCase):
    """A manager exports the cascade from the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Export Tour Co"})
        cls.manager = new_test_user(
            cls.env,
            login="perf_export_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mia Export Manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Export Sales", "company_id": cls.company.id}
        )
        cls.env["hr.employee"].create(
            {
                "name": "Mia Export Manager",
                "user_id": cls.manager.id,
                "department_id": cls.department.id,
                "company_id": cls.company.id,
            }
        )
        cls.department.manager_id = cls.manager.employee_ids
        cycle = cls.env["perf.cycle"].create(
            {
                "name": "Export FY 2032",
                "company_id": cls.company.id,
                "date_start": "2032-01-01",
                "date_end": "2032-12-31",
            }
        )
        cls.period = cycle.year_period_id
        Objective = cls.env["perf.objective"]
        cls.obj_company = Objective.create(
            {
                "name": "Export company goal",
                "level": "company",
                "period_id": cls.period.id,
                "company_id": cls.company.id,
            }
        )
        cls.obj_sales = Objective.create(
            {
                "name": "Export sales goal",
                "level": "department",
                "department_id": cls.department.id,
                "parent_id": cls.obj_company.id,
                "period_id": cls.period.id,
                "company_id": cls.company.id,
            }
        )

    def test_manager_exports_from_the_menu(self):
        self.start_tour(
            "/odoo", "perf_export_cascade_from_menu", login="perf_export_manager"
        )

    def test_export_downloads_over_http(self):
        self.authenticate("perf_export_manager", "perf_export_manager")
        options = quote(
            json.dumps({"period_id": self.period.id, "include_sub_periods": True})
        )
        context = quote(json.dumps({"allowed_company_ids": self.company.ids}))
        response = self.url_open(
            f"/report/xlsx/{REPORT}?options={options}&context={context}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        # Named after the company, the period and the day.
        today = datetime.date.today().isoformat()
        self.assertEqual(
            response.headers["Content-Disposition"],
            content_disposition(
                f"Cascade - Export Tour Co - {self.period.name} - {today}.xlsx"
            ),
        )
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            exported_ids(workbook), {self.obj_company.id, self.obj_sales.id}
        )
        # The Print menu of the objectives offers it to managers.
        report = self.env.ref("perf_management.perf_cascade_xlsx_report")
        self.assertEqual(report.binding_model_id.model, "perf.objective")
        response = self.url_open(f"/report/xlsx/{REPORT}/{self.obj_sales.id}")
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(exported_ids(workbook), {self.obj_sales.id})
