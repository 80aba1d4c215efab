from odoo import api, fields, models


class PerfAppraisalDoneWizard(models.TransientModel):
    """Close appraisals in calibration; a reason is needed when the ratings
    of their campaign break the target distribution."""

    _name = "perf.appraisal.done.wizard"
    _description = "Close Appraisals"
    _inherit = ["perf.input.mixin"]

    appraisal_ids = fields.Many2many("perf.appraisal", readonly=True)
    breaks_target = fields.Boolean(compute="_compute_breaks_target")
    reason = fields.Text()

    @api.depends("appraisal_ids")
    def _compute_breaks_target(self):
        for wizard in self:
            wizard.breaks_target = any(
                wizard.appraisal_ids._origin.mapped("is_target_broken")
            )

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_ids.with_context(perf_change_reason=self.reason).action_done()
        return {"type": "ir.actions.act_window_close"}
