from odoo import fields, models

REPORT = "report.perf_management.perf_cascade_xlsx"


class PerfCascadeExportWizard(models.TransientModel):
    """Export the objective cascade of a period to XLSX."""

    _name = "perf.cascade.export.wizard"
    _description = "Export the Objective Cascade"

    period_id = fields.Many2one(
        "perf.period",
        required=True,
    )
    include_sub_periods = fields.Boolean(
        default=True,
        help="Export the objectives of the quarters and months of the period too.",
    )

    def action_export(self):
        self.ensure_one()
        # Refuses an empty export here, before the download starts.
        self.env[REPORT]._get_cascade_objectives(
            self.period_id, self.include_sub_periods
        )
        report = self.env.ref("perf_management.perf_cascade_xlsx_report")
        return report.report_action(
            None,
            data={
                "period_id": self.period_id.id,
                "include_sub_periods": self.include_sub_periods,
            },
            config=False,
        )
