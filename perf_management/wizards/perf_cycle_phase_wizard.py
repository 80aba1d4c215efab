from odoo import api, fields, models

from ..models.perf_cycle import PHASE_ORDER, PHASES


class PerfCyclePhaseWizard(models.TransientModel):
    """Move a cycle back to an earlier phase, with the reason for the chatter."""

    _name = "perf.cycle.phase.wizard"
    _description = "Move a Cycle Back"
    _inherit = ["perf.input.mixin"]

    cycle_id = fields.Many2one("perf.cycle", required=True, readonly=True)
    current_phase = fields.Selection(related="cycle_id.phase")
    phase = fields.Selection(PHASES, string="Back To", required=True)
    reason = fields.Text(required=True)

    @api.onchange("cycle_id")
    def _onchange_cycle_id(self):
        if self.cycle_id and self.cycle_id.phase != "plan":
            self.phase = PHASE_ORDER[PHASE_ORDER.index(self.cycle_id.phase) - 1]

    def action_confirm(self):
        self.ensure_one()
        self.cycle_id.with_context(perf_change_reason=self.reason)._set_phase(
            self.phase
        )
        return {"type": "ir.actions.act_window_close"}
