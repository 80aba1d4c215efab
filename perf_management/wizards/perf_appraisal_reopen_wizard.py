from odoo import api, fields, models


class PerfAppraisalReopenWizard(models.TransientModel):
    """Reopen an appraisal, with the reason kept in its chatter."""

    _name = "perf.appraisal.reopen.wizard"
    _description = "Reopen an Appraisal"
    _inherit = ["perf.input.mixin"]

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    reason = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.appraisal_id._ensure_reopener()
        return wizards

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id.with_context(perf_change_reason=self.reason).action_reopen()
        return {"type": "ir.actions.act_window_close"}
