from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.display import export_filename
from .xlsx_common import (
    WORKBOOK_OPTIONS,
    Column,
    DataSheet,
    Formats,
    write_parameters,
)


class PerfAppraisalPayrollXlsx(models.AbstractModel):
    """The payroll export of appraisals: a sheet of appraisals (one row per
    employee, what a payroll system takes), a sheet of the scored indicators
    behind them and a sheet of the export's parameters.

    ``data`` holds the options of the export wizard: ``campaign_id``,
    ``period_id``, ``appraisal_ids`` (a selection) and ``all_states``
    (done appraisals only unless true). Printed on records (``docids``), the
    records are the selection. The appraisals are searched again here as the
    user: only what they may export is written.
    """

    _name = "report.perf_management.perf_appraisal_payroll_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Payroll Export of Appraisals"

    def get_workbook_options(self):
        return dict(super().get_workbook_options(), **WORKBOOK_OPTIONS)

    def create_xlsx_report(self, docids, data):
        options = self._get_payroll_options(docids, data)
        return super().create_xlsx_report(docids, dict(data or {}, options=options))

    def _get_objs_for_report(self, docids, data):
        options = data["options"]
        Appraisal = self.env["perf.appraisal"]
        appraisals = Appraisal._search_payroll_export(
            Appraisal._get_payroll_domain(**options)
        )
        if not appraisals:
            raise UserError(self._get_empty_message(options))
        return appraisals

    def _get_payroll_options(self, docids, data):
        data = data or {}
        if data.get("appraisal_ids") is not None:
            # An empty selection selects nothing, not everything.
            appraisal_ids = [int(i) for i in data["appraisal_ids"]]
        else:
            appraisal_ids = [int(i) for i in docids] if docids else None
        return {
            "campaign_id": data.get("campaign_id") or False,
            "period_id": data.get("period_id") or False,
            "appraisal_ids": appraisal_ids,
            "all_states": bool(data.get("all_states")),
        }

    def _get_export_filename(self, docids, data):
        """``Payroll - <company> - <campaign, period or selection> - <day>.xlsx``."""
        options = self._get_payroll_options(docids, data)
        env = self.env
        campaign = env["perf.appraisal.campaign"].browse(options["campaign_id"])
        period = env["perf.period"].browse(options["period_id"])
        source = campaign or period
        company = source.sudo().company_id if source else env.company
        if campaign:
            label = campaign.sudo().name
        elif period:
            label = period.sudo().name
        else:
            label = env._("Selected Appraisals")
        return export_filename(
            [env._("Payroll"), company.name, label], fields.Date.context_today(self)
        )

    def _get_empty_message(self, options):
        if options["all_states"]:
            return self.env._(
                "There is no appraisal you may export in this choice: nothing to "
                "send to payroll."
            )
        return self.env._(
            "There is no done appraisal you may export in this choice: nothing "
            "to send to payroll. Close the appraisals first, or include the "
            "appraisals not done yet."
        )

    def generate_xlsx_report(self, workbook, data, objs):
        Appraisal = self.env["perf.appraisal"]
        formats = Formats(workbook)
        _ = self.env._
        appraisal_sheet = DataSheet(
            workbook,
            _("Appraisals"),
            [Column(label, kind) for label, kind in Appraisal._get_payroll_columns()],
            formats,
        )
        indicator_sheet = DataSheet(
            workbook,
            _("Indicators"),
            [
                Column(label, kind)
                for label, kind in Appraisal._get_payroll_indicator_columns()
            ],
            formats,
        )
        for rows, indicator_rows in objs._get_payroll_batches():
            for row in rows:
                appraisal_sheet.write_row(row)
            for row in indicator_rows:
                indicator_sheet.write_row(row)
        appraisal_sheet.close()
        indicator_sheet.close()
        write_parameters(
            workbook,
            _("Parameters"),
            self._get_parameters(
                data["options"],
                appraisal_sheet.row,
                indicator_sheet.row,
            ),
            formats,
        )

    def _get_parameters(self, options, appraisal_count, indicator_count):
        """(label, value) lines saying who exported what, when and how."""
        _ = self.env._
        env = self.env
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        campaign = env["perf.appraisal.campaign"].browse(options["campaign_id"])
        period = env["perf.period"].browse(options["period_id"])
        codes = dict(
            env["res.company"]
            ._fields["perf_payroll_employee_code"]
            ._description_selection(env)
        )
        employee_fields = env["hr.employee"]._fields
        companies = env.companies

        def code_label(company):
            field = company.perf_payroll_employee_code
            if employee_fields[field].is_accessible(env):
                return f"{company.name}: {codes[field]}"
            return _(
                "%(company)s: %(field)s (left empty: you may not read it)",
                company=company.name,
                field=codes[field],
            )

        return [
            (_("Exported By"), env.user.name),
            (_("Exported On"), now.replace(tzinfo=None)),
            (_("Time Zone"), env.user.tz or "UTC"),
            (_("Companies"), ", ".join(companies.mapped("name"))),
            (_("Campaign"), campaign.display_name if campaign else None),
            (_("Period"), period.display_name if period else None),
            (
                _("Selected Appraisals"),
                len(options["appraisal_ids"]) if options["appraisal_ids"] else None,
            ),
            (
                _("States"),
                _("All states") if options["all_states"] else _("Done only"),
            ),
            (
                _("Employee Code"),
                ", ".join(code_label(company) for company in companies),
            ),
            (_("Appraisals Exported"), appraisal_count),
            (_("Indicator Rows"), indicator_count),
        ]
