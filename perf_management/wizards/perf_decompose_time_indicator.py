from odoo import fields, models


class PerfDecomposeTimeIndicator(models.TransientModel):
    _name = "perf.decompose.time.indicator"
    _description = "How a Target is Split over Time"
    _order = "id"

    wizard_id = fields.Many2one(
        "perf.decompose.time", required=True, ondelete="cascade", index=True
    )
    indicator_id = fields.Many2one("perf.indicator", required=True)
    objective_id = fields.Many2one(related="indicator_id.objective_id")
    target_value = fields.Float(related="indicator_id.target_value")
    unit = fields.Char(related="indicator_id.unit")
    aggregation = fields.Selection(
        [
            ("sum", "Adds up: split by the shares"),
            ("average", "Carried over (average)"),
            ("last", "Carried over (last value)"),
        ],
        string="Over Time",
        required=True,
    )
