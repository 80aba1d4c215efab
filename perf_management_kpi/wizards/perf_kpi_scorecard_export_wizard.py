from odoo import fields, models

REPORT = "report.perf_management_kpi.perf_kpi_scorecard_xlsx"


class PerfKpiScorecardExportWizard(models.TransientModel):
    """Export the KPI scorecard of a period to XLSX."""

    _name = "perf.kpi.scorecard.export.wizard"
    _description = "Export the KPI Scorecard"

    period_id = fields.Many2one("perf.period", required=True)
    include_sub_periods = fields.Boolean(
        default=True,
        help="Export the KPIs of the quarters and months of the period too.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Only the KPIs of these departments and their sub-departments. "
        "Empty: every KPI you may read.",
    )

    def action_export(self):
        self.ensure_one()
        # Refuses an empty export here, before the download starts.
        self.env[REPORT]._get_scorecard_indicators(
            self.period_id, self.include_sub_periods, self.department_ids
        )
        report = self.env.ref("perf_management_kpi.perf_kpi_scorecard_xlsx_report")
        return report.report_action(
            None,
            data={
                "period_id": self.period_id.id,
                "include_sub_periods": self.include_sub_periods,
                "department_ids": self.department_ids.ids,
            },
            config=False,
        )
