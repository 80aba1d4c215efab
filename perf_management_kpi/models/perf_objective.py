from odoo import models


class PerfObjective(models.Model):
    _inherit = "perf.objective"

    def action_refresh_kpi_actuals(self):
        """Recompute the KPIs measured by this objective and its sub-objectives."""
        self.check_access("read")
        self.env["perf.kpi.definition"]._ensure_refresh_allowed()
        objectives = self.search([("id", "child_of", self.ids)])
        definitions = objectives.indicator_ids.kpi_definition_id
        return definitions.action_refresh_actuals()
