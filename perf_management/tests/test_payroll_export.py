import datetime
import io

from openpyxl import load_workbook

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CascadeCommon

REPORT = "perf_management.perf_appraisal_payroll_xlsx"
HEADERS = [
    "Employee Code",
    "Employee",
    "Company",
    "Department",
    "Job Position",
    "Manager",
    "Period",
    "Period Start",
    "Period End",
    "Result Score",
    "Process Score",
    "Competency Score",
    "Final Score",
    "Rating",
    "Payroll Coefficient",
    "Calibrated",
    "State",
]
INDICATOR_HEADERS = [
    "Employee Code",
    "Employee",
    "Period",
    "Objective",
    "Indicator",
    "Dimension",
    "Unit",
    "Target",
    "Actual",
    "Score",
    "Weight",
]


@tagged("post_install", "-at_install")
class TestPayrollExport(CascadeCommon):
    """Q1 appraisals: Paul's (conducted by Maria, done, scored), Oscar's
    (conducted by Olga, done, no indicator: no score), Maria's own
    (conducted by Olga, in manager review)."""

    track_changes = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_maria.parent_id = cls.emp_olga
        # The payroll clerk: performance administrator and HR officer.
        cls.user_admin.groups_id = [Command.link(cls.env.ref("hr.group_hr_user").id)]
        cls.emp_paul.barcode = "0042"
        cls.emp_oscar.identification_id = "-1+1"
        cls.emp_oscar.name = "=SUM(A1)"
        ind = cls._indicator
        cls.ind_sales = ind(
            cls.obj_paul_q1, "Sales", unit="EUR", target_value=100, actual_value=80
        )
        cls.ind_jan = ind(
            cls.obj_paul_jan,
            "@cmd|' /C calc'!A0",
            dimension="process",
            target_value=10,
            actual_value=9,
            weight=2,
        )
        ind(cls.obj_paul_q1, "No actual", target_value=5)
        cls.obj_paul_jan.name = "+Paul wins 1 account"
        cls.campaign = cls.env["perf.appraisal.campaign"].create(
            {"name": "Q1 2031", "period_id": cls.q1.id}
        )
        Appraisal = cls.env["perf.appraisal"]
        cls.app_paul, cls.app_oscar, cls.app_maria = Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "period_id": cls.q1.id,
                    "campaign_id": cls.campaign.id,
                }
                for employee in (cls.emp_paul, cls.emp_oscar, cls.emp_maria)
            ]
        )
        (cls.app_paul | cls.app_oscar | cls.app_maria)._update_scores()
        (cls.app_paul | cls.app_oscar).write({"state": "done"})
        cls.app_maria.write({"state": "manager_review"})
        cls.app_paul.is_calibrated = True

    def _export(self, user, **data):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(REPORT, None, data=data)
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _rows(self, sheet):
        return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]

    def _employees(self, workbook):
        return sorted(row[1] for row in self._rows(workbook["Appraisals"]))

    def test_file_is_typed_and_matches_the_appraisals(self):
        workbook = self._export(self.user_admin, period_id=self.q1.id)
        self.assertEqual(
            workbook.sheetnames, ["Appraisals", "Indicators", "Parameters"]
        )
        sheet = workbook["Appraisals"]
        self.assertEqual([cell.value for cell in sheet[1]], HEADERS)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:Q3")
        self.assertFalse(sheet.merged_cells.ranges)
        self.assertTrue(
            all(sheet.column_dimensions[col].width for col in "ABCDEFGHIJKLMNOPQ")
        )
        rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(set(rows), {"Paul Seller", "=SUM(A1)"})
        paul = self.app_paul
        self.assertTrue(paul.has_final_score)
        cells = rows["Paul Seller"]
        values = [cell.value for cell in cells]
        self.assertEqual(
            values,
            [
                "0042",
                "Paul Seller",
                paul.company_id.name,
                "Sales (test) / Sales North (test)",
                "Seller (test)",
                "Maria Manager",
                self.q1.name,
                datetime.datetime.combine(self.q1.date_start, datetime.time()),
                datetime.datetime.combine(self.q1.date_end, datetime.time()),
                paul.score_result,
                paul.score_process,
                None,
                paul.final_score,
                paul.rating_band_id.name,
                paul.payroll_coefficient,
                True,
                "Done",
            ],
        )
        self.assertEqual(
            [cell.data_type for cell in cells],
            ["s"] * 7 + ["d", "d"] + ["n"] * 4 + ["s", "n", "b", "s"],
        )
        self.assertEqual(cells[7].number_format, "yyyy-mm-dd")
        self.assertEqual(cells[12].number_format, "0.00")
        # No indicator, no score: empty cells, not zeros.
        oscar = [cell.value for cell in rows["=SUM(A1)"]]
        self.assertEqual(oscar[9:13], [None, None, None, None])
        self.assertIs(oscar[15], False)

        indicators = workbook["Indicators"]
        self.assertEqual([cell.value for cell in indicators[1]], INDICATOR_HEADERS)
        self.assertEqual(indicators.freeze_panes, "A2")
        expected = sorted(
            (
                ind.objective_id.name,
                ind.name,
                ind.dimension.capitalize(),
                ind.target_value,
                ind.actual_value,
                ind.score,
                ind.weight,
            )
            for ind in paul._get_scored_indicators()
        )
        self.assertEqual(len(expected), 2)
        got = self._rows(indicators)
        self.assertTrue(
            all(row[:3] == ["0042", "Paul Seller", self.q1.name] for row in got)
        )
        self.assertEqual(sorted((*row[3:6], *row[7:]) for row in got), expected)

        parameters = dict(
            row for row in workbook["Parameters"].iter_rows(values_only=True)
        )
        self.assertEqual(parameters["Exported By"], "Hanna HR")
        self.assertIsInstance(parameters["Exported On"], datetime.datetime)
        self.assertEqual(parameters["Period"], self.q1.display_name)
        self.assertEqual(parameters["States"], "Done only")
        self.assertEqual(parameters["Appraisals Exported"], 2)
        self.assertEqual(parameters["Indicator Rows"], 2)

    def test_export_pays_the_rating_stored(self):
        band = self.app_paul.rating_band_id
        name, coefficient = band.name, self.app_paul.payroll_coefficient
        admin_band = band.with_user(self.user_admin)
        with self.assertRaisesText(UserError, "Archive the band"):
            admin_band.unlink()
        # The scale changes after the appraisal was paid: renamed, another
        # coefficient, then archived.
        admin_band.write({"name": "Z", "payroll_coefficient": 9.9})
        admin_band.action_archive()
        rows = {
            row[1]: row
            for row in self._rows(
                self._export(self.user_admin, period_id=self.q1.id)["Appraisals"]
            )
        }
        paul = rows["Paul Seller"]
        self.assertEqual(paul[HEADERS.index("Rating")], name)
        self.assertEqual(paul[HEADERS.index("Payroll Coefficient")], coefficient)

    def test_a_figure_that_is_no_number_leaves_an_empty_cell(self):
        # No figure can be NaN or infinite any more; one stored before (or
        # in the database by hand) still never breaks the file.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE perf_appraisal SET final_score = 'NaN', score_result = "
            "'Infinity' WHERE id = %s",
            [self.app_paul.id],
        )
        self.env.cr.execute(
            "UPDATE perf_indicator SET actual_value = '-Infinity' WHERE id = %s",
            [self.ind_sales.id],
        )
        self.env.invalidate_all()
        workbook = self._export(self.user_admin, period_id=self.q1.id)
        paul = next(
            row for row in self._rows(workbook["Appraisals"]) if row[1] == "Paul Seller"
        )
        self.assertIsNone(paul[HEADERS.index("Final Score")])
        self.assertIsNone(paul[HEADERS.index("Result Score")])
        sales = next(
            row for row in self._rows(workbook["Indicators"]) if row[4] == "Sales"
        )
        self.assertIsNone(sales[INDICATOR_HEADERS.index("Actual")])
        self.assertEqual(sales[INDICATOR_HEADERS.index("Target")], 100)

    def test_user_text_never_becomes_a_formula(self):
        self.company.perf_payroll_employee_code = "identification_id"
        workbook = self._export(self.user_admin, campaign_id=self.campaign.id)
        cells = {
            cell.value: cell
            for sheet in ("Appraisals", "Indicators")
            for row in workbook[sheet].iter_rows(min_row=2)
            for cell in row
            if isinstance(cell.value, str)
        }
        for text in (
            "=SUM(A1)",
            "-1+1",
            "+Paul wins 1 account",
            "@cmd|' /C calc'!A0",
        ):
            self.assertIn(text, cells)
            self.assertEqual(cells[text].data_type, "s")

    def test_done_only_unless_asked(self):
        self.assertNotIn(
            "Maria Manager",
            self._employees(self._export(self.user_admin, period_id=self.q1.id)),
        )
        workbook = self._export(self.user_admin, period_id=self.q1.id, all_states=True)
        rows = {row[1]: row for row in self._rows(workbook["Appraisals"])}
        self.assertEqual(rows["Maria Manager"][16], "Manager Review")
        self.assertEqual(rows["Paul Seller"][16], "Done")
        parameters = dict(workbook["Parameters"].iter_rows(values_only=True))
        self.assertEqual(parameters["States"], "All states")

    def test_a_manager_exports_only_their_team(self):
        data = {"period_id": self.q1.id, "all_states": True}
        self.assertEqual(
            self._employees(self._export(self.user_maria, **data)), ["Paul Seller"]
        )
        self.assertEqual(
            self._employees(self._export(self.user_olga, **data)),
            ["=SUM(A1)", "Maria Manager"],
        )
        # Asking for appraisals by id does not widen it either.
        every = (self.app_paul | self.app_oscar | self.app_maria).ids
        self.assertEqual(
            self._employees(
                self._export(self.user_maria, appraisal_ids=every, all_states=True)
            ),
            ["Paul Seller"],
        )
        # A manager who is no HR officer may not read badges: empty codes.
        workbook = self._export(self.user_maria, **data)
        self.assertIsNone(self._rows(workbook["Appraisals"])[0][0])
        self.assertIsNone(self._rows(workbook["Indicators"])[0][0])

    def test_employees_do_not_export(self):
        with self.assertRaises(AccessError):
            self._export(self.user_paul, period_id=self.q1.id, all_states=True)

    def test_other_company_exports_nothing(self):
        other = self.env["res.company"].create({"name": "Other Payroll Co"})
        admin_other = new_test_user(
            self.env,
            login="perf_payroll_other_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.assertRaisesText(UserError, "no appraisal you may export"):
            self._export(
                admin_other,
                appraisal_ids=self.app_paul.ids,
                all_states=True,
            )

    def test_empty_choice_is_a_message_not_a_file(self):
        with self.assertRaisesText(UserError, "no done appraisal you may export"):
            self._export(self.user_admin, period_id=self.q2.id)
        # An empty selection selects nothing, not every appraisal.
        with self.assertRaisesText(UserError, "no appraisal you may export"):
            self._export(self.user_admin, appraisal_ids=[], all_states=True)

    def test_employee_code_setting(self):
        self.emp_paul.identification_id = "ID-7"
        self.company.perf_payroll_employee_code = "identification_id"
        workbook = self._export(self.user_admin, appraisal_ids=self.app_paul.ids)
        self.assertEqual(self._rows(workbook["Appraisals"])[0][0], "ID-7")

    def test_wizard_from_a_campaign_and_a_selection(self):
        Wizard = self.env["perf.payroll.export.wizard"].with_user(self.user_admin)
        wizard = Form(
            Wizard.with_context(
                active_model="perf.appraisal.campaign", active_ids=self.campaign.ids
            )
        ).save()
        self.assertEqual(wizard.source, "campaign")
        self.assertEqual(wizard.appraisal_count, 2)
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(action["data"]["campaign_id"], self.campaign.id)
        self.assertFalse(action["data"]["all_states"])

        selection = Form(
            Wizard.with_user(self.user_maria).with_context(
                active_model="perf.appraisal", active_ids=self.app_maria.ids
            )
        )
        self.assertEqual(selection.source, "selection")
        self.assertEqual(selection.appraisal_count, 0)
        with self.assertRaisesText(UserError, "Close the appraisals first"):
            selection.save().action_export()

    def test_wizard_warns_of_missing_employee_codes(self):
        """Who would have an empty Employee Code in the file is named before
        the export."""
        Wizard = self.env["perf.payroll.export.wizard"].with_user(self.user_admin)
        wizard = Form(
            Wizard.with_context(
                active_model="perf.appraisal.campaign", active_ids=self.campaign.ids
            )
        )
        # Paul has a badge; Oscar none.
        self.assertIn("1 employee(s) have no employee code", wizard.code_warning)
        self.assertIn("=SUM(A1)", wizard.code_warning)
        self.assertNotIn("Paul", wizard.code_warning)
        wizard.all_states = True
        self.assertIn("2 employee(s)", wizard.code_warning)
        self.assertIn("Maria Manager", wizard.code_warning)
        self.emp_oscar.barcode = "0043"
        self.emp_maria.barcode = "0044"
        wizard.source = "period"
        wizard.period_id = self.q1
        self.assertFalse(wizard.code_warning)
        # A manager who may not read the badges is told they stay empty.
        as_maria = Form(
            Wizard.with_user(self.user_maria).with_context(
                active_model="perf.appraisal", active_ids=self.app_paul.ids
            )
        )
        self.assertIn("you may not read it", as_maria.code_warning)
        self.assertIn("Badge ID", as_maria.code_warning)

    def test_file_named_after_company_source_and_day(self):
        report = self.env[f"report.{REPORT}"].with_user(self.user_admin)
        today = fields.Date.context_today(report).isoformat()
        company = self.company.name
        self.assertEqual(
            report._get_export_filename(None, {"campaign_id": self.campaign.id}),
            f"Payroll - {company} - Q1 2031 - {today}.xlsx",
        )
        self.assertEqual(
            report._get_export_filename(None, {"period_id": self.q1.id}),
            f"Payroll - {company} - {self.q1.name} - {today}.xlsx",
        )
        self.assertEqual(
            report._get_export_filename(self.app_paul.ids, {}),
            f"Payroll - {company} - Selected Appraisals - {today}.xlsx",
        )

    def test_batched_indicators_are_the_scored_ones(self):
        # The export's batched read selects what each appraisal scores on.
        appraisals = self.app_paul | self.app_oscar | self.app_maria
        records = appraisals.read(["employee_id", "period_id"], load=None)
        lines = appraisals._get_payroll_indicators(records)
        for appraisal in appraisals:
            self.assertEqual(
                sorted(
                    line[1]
                    for line in lines.get(
                        (appraisal.employee_id.id, appraisal.period_id.id), []
                    )
                ),
                sorted(appraisal._get_scored_indicators().mapped("name")),
            )

    def test_queries_do_not_grow_with_the_rows(self):
        Report = self.env["ir.actions.report"].with_user(self.user_admin)

        def queries(appraisals):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report._render_xlsx(
                REPORT, None, data={"appraisal_ids": appraisals.ids, "all_states": True}
            )
            return self.env.cr.sql_log_count - before

        every = self.app_paul | self.app_oscar | self.app_maria
        queries(every)  # Caches of the registry (rules, report) warmed.
        self.assertEqual(queries(self.app_paul | self.app_oscar), queries(every))
