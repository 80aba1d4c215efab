from odoo import api, fields, models


class PerfCheckinWizard(models.TransientModel):
    _inherit = "perf.checkin.wizard"

    kr_type = fields.Selection(related="indicator_id.kr_type")
    milestone_id = fields.Many2one(
        "perf.okr.milestone",
        string="Milestone Reached",
        domain="[('indicator_id', '=', indicator_id)]",
    )

    @api.onchange("milestone_id")
    def _onchange_milestone_id(self):
        if self.milestone_id:
            self.value_input = str(self.milestone_id.position)

    def _get_checkin_values(self):
        values = super()._get_checkin_values()
        if self.milestone_id:
            values["milestone_id"] = self.milestone_id.id
        return values
