from odoo import api, fields, models


class PerfOverviewFigure(models.Model):
    """The KPI section of the Performance overview: the KPIs of the running
    periods by colour band."""

    _inherit = "perf.overview.figure"

    section = fields.Selection(
        selection_add=[("kpi", "KPIs"), ("checkin",)],
        ondelete={"kpi": "cascade"},
    )

    @api.model
    def _get_figure_specs(self):
        specs = super()._get_figure_specs()
        today = fields.Date.to_string(self._get_today())
        running = [
            ("kpi_definition_id", "!=", False),
            ("period_id.state", "=", "open"),
            ("period_id.date_start", "<=", today),
            ("period_id.date_end", ">=", today),
        ]
        for color in ("green", "amber", "red", "none"):
            specs[f"kpi_{color}"] = {
                "model": "perf.indicator",
                "domain": [*running, ("score_color", "=", color)],
                "breakdown": "objective_level",
                "action": "perf_management_kpi.perf_kpi_overview_indicator_action",
            }
        return specs
