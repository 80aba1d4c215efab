from odoo import api, fields, models
from odoo.exceptions import UserError

#: Employees without a code named in the wizard's warning; the others counted.
MAX_NAMES = 20

SOURCES = [
    ("campaign", "Campaign"),
    ("period", "Period"),
    ("selection", "Selected Appraisals"),
]


class PerfPayrollExportWizard(models.TransientModel):
    """Export the appraisals of a campaign, a period or a selection for
    payroll (see ``report.perf_management.perf_appraisal_payroll_xlsx``)."""

    _name = "perf.payroll.export.wizard"
    _description = "Payroll Export of Appraisals"

    source = fields.Selection(SOURCES, required=True, default="period")
    campaign_id = fields.Many2one("perf.appraisal.campaign")
    period_id = fields.Many2one(
        "perf.period", domain="[('period_type', 'in', ('quarter', 'year'))]"
    )
    appraisal_ids = fields.Many2many("perf.appraisal", string="Appraisals")
    all_states = fields.Boolean(
        string="Include Appraisals Not Done",
        help="Export the appraisals of every state, each row showing its "
        "state. Off: only done appraisals, the final ones.",
    )
    appraisal_count = fields.Integer(
        string="Appraisals to Export", compute="_compute_appraisal_count"
    )
    code_warning = fields.Text(
        string="Missing Employee Codes",
        compute="_compute_appraisal_count",
        help="Who would have an empty employee code in the file.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        if model == "perf.appraisal.campaign" and ids:
            values.update(source="campaign", campaign_id=ids[0])
        elif model == "perf.appraisal" and ids:
            values.update(source="selection", appraisal_ids=[fields.Command.set(ids)])
        return values

    def _get_options(self):
        self.ensure_one()
        return {
            "campaign_id": self.campaign_id.id if self.source == "campaign" else False,
            "period_id": self.period_id.id if self.source == "period" else False,
            "appraisal_ids": self.appraisal_ids.ids
            if self.source == "selection"
            else None,
            "all_states": self.all_states,
        }

    @api.depends("source", "campaign_id", "period_id", "appraisal_ids", "all_states")
    def _compute_appraisal_count(self):
        Appraisal = self.env["perf.appraisal"]
        for wizard in self:
            appraisals = Appraisal._search_payroll_export(
                Appraisal._get_payroll_domain(**wizard._get_options())
            )
            wizard.appraisal_count = len(appraisals)
            wizard.code_warning = wizard._get_code_warning(appraisals)

    def _get_code_warning(self, appraisals):
        """The warning telling who would have no employee code, or False."""
        missing, unreadable = appraisals._get_payroll_code_gaps()
        codes = dict(
            self.env["res.company"]
            ._fields["perf_payroll_employee_code"]
            ._description_selection(self.env)
        )
        lines = [
            self.env._(
                "The employee code (%(field)s) of %(company)s is left empty: "
                "you may not read it. Ask an HR officer to export.",
                field=codes.get(company.perf_payroll_employee_code, ""),
                company=company.name,
            )
            for company in unreadable.sudo()
        ]
        if missing:
            names = sorted(missing.mapped("name"))
            shown = ", ".join(names[:MAX_NAMES])
            if len(names) > MAX_NAMES:
                shown = self.env._(
                    "%(names)s and %(count)s more",
                    names=shown,
                    count=len(names) - MAX_NAMES,
                )
            lines.append(
                self.env._(
                    "%(count)s employee(s) have no employee code, their payroll "
                    "row would not match anyone: %(names)s. Set it on their "
                    "employee form (HR Settings tab) before exporting.",
                    count=len(names),
                    names=shown,
                )
            )
        return "\n".join(lines) or False

    def action_export(self):
        """The XLSX file of the appraisals the user may export, or a clear
        message when there is none."""
        self.ensure_one()
        if (
            (self.source == "campaign" and not self.campaign_id)
            or (self.source == "period" and not self.period_id)
            or (self.source == "selection" and not self.appraisal_ids)
        ):
            raise UserError(
                self.env._("Choose what to export: a campaign, a period or appraisals.")
            )
        report = self.env.ref("perf_management.perf_appraisal_payroll_xlsx_report")
        options = self._get_options()
        report_model = self.env[f"report.{report.report_name}"]
        # Refused here rather than as a failed download.
        report_model._get_objs_for_report(None, {"options": options})
        action = report.report_action(None, data=options, config=False)
        # The wizard stays open once the file is downloaded (report_xlsx does
        # not support ``close_on_report_download``): the user closes it.
        action["context"] = {}
        return action
