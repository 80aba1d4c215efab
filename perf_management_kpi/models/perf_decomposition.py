from odoo import api, models


class PerfDecomposition(models.AbstractModel):
    _inherit = "perf.decomposition"

    @api.model
    def _get_indicator_copy_fields(self):
        # The parts of a KPI indicator measure the same KPI, for their owner
        # and period: the KPI gives each its own actual.
        return [*super()._get_indicator_copy_fields(), "kpi_definition_id"]
