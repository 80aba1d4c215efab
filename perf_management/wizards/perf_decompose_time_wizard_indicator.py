from odoo import fields, models


class PerfDecomposeTimeWizardIndicator(models.TransientModel):
    _name = "perf.decompose.time.wizard.indicator"
    _description = "How a Target is Split over Time"
    _order = "id"

    wizard_id = fields.Many2one(
        "perf.decompose.time.wizard", required=True, ondelete="cascade", index=True
    )
    indicator_id = fields.Many2one("perf.indicator", required=True)
    objective_id = fields.Many2one(related="indicator_id.objective_id")
    target_value = fields.Float(related="indicator_id.target_value")
    unit = fields.Char(related="indicator_id.unit")
    # Offered the indicator's own aggregations: any but Sum is carried over.
    aggregation = fields.Selection(
        selection=lambda self: self.env["perf.indicator"]
        ._fields["aggregation"]
        ._description_selection(self.env),
        string="Over Time",
        required=True,
        help="Sum: the target is split by the shares. Any other aggregation: "
        "the target is carried over unchanged.",
    )
