from odoo import api, fields, models


class PerfAppraisalManagerWizard(models.TransientModel):
    """Hand an appraisal in progress to another manager, with the reason
    kept in its chatter."""

    _name = "perf.appraisal.manager.wizard"
    _description = "Change the Manager of an Appraisal"

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    company_id = fields.Many2one(related="appraisal_id.company_id")
    employee_id = fields.Many2one(related="appraisal_id.employee_id")
    current_manager_id = fields.Many2one(
        related="appraisal_id.manager_id", string="Current Manager"
    )
    manager_id = fields.Many2one(
        "hr.employee",
        string="New Manager",
        required=True,
        domain="[('company_id', '=', company_id), ('id', 'not in', "
        "[employee_id, current_manager_id])]",
    )
    reason = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.appraisal_id._ensure_manager_changeable()
        return wizards

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id._change_manager(self.manager_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
