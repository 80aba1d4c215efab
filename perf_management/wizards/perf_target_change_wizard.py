from odoo import api, fields, models


class PerfTargetChangeWizard(models.TransientModel):
    """Change an indicator's target with a reason (required in the Do phase)."""

    _name = "perf.target.change.wizard"
    _description = "Change a Target"
    _inherit = ["perf.input.mixin"]

    indicator_id = fields.Many2one("perf.indicator", required=True, readonly=True)
    direction = fields.Selection(related="indicator_id.direction")
    target_value = fields.Float(string="New Target", aggregator=None)
    range_min = fields.Float(string="New Range Minimum", aggregator=None)
    range_max = fields.Float(string="New Range Maximum", aggregator=None)
    reason = fields.Text(required=True)

    @api.onchange("indicator_id")
    def _onchange_indicator_id(self):
        for field in ("target_value", "range_min", "range_max"):
            self[field] = self.indicator_id[field]

    def action_confirm(self):
        self.ensure_one()
        vals = {"target_value": self.target_value}
        if self.direction == "range":
            vals.update(range_min=self.range_min, range_max=self.range_max)
        self.indicator_id.with_context(perf_change_reason=self.reason).write(vals)
        return {"type": "ir.actions.act_window_close"}
