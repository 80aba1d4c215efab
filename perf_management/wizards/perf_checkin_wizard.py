from odoo import fields, models

from ..models.perf_checkin import CONFIDENCES


class PerfCheckinWizard(models.TransientModel):
    """The short check-in form: a value, a confidence and a comment."""

    _name = "perf.checkin.wizard"
    _description = "Check In"
    _inherit = ["perf.input.mixin"]

    indicator_id = fields.Many2one("perf.indicator", required=True, readonly=True)
    unit = fields.Char(related="indicator_id.unit")
    target_value = fields.Float(related="indicator_id.target_value", string="Target")
    expected_value = fields.Float(
        related="indicator_id.expected_value", string="Expected Today"
    )
    value = fields.Float(
        string="New Value",
        default=lambda self: self._default_value(),
        aggregator=None,
    )
    confidence = fields.Selection(CONFIDENCES, required=True, default="on_track")
    comment = fields.Text()

    def _default_value(self):
        indicator = self.env["perf.indicator"].browse(
            self.env.context.get("default_indicator_id")
        )
        return indicator.actual_value if indicator.exists() else 0.0

    def _get_checkin_values(self):
        self.ensure_one()
        return {
            "indicator_id": self.indicator_id.id,
            "value": self.value,
            "confidence": self.confidence,
            "comment": self.comment,
        }

    def action_confirm(self):
        self.env["perf.checkin"].create([self._get_checkin_values()])
        return {"type": "ir.actions.act_window_close"}
