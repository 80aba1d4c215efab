from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    okr_success_line_committed = fields.Float(
        related="company_id.okr_success_line_committed", readonly=False
    )
    okr_success_line_aspirational = fields.Float(
        related="company_id.okr_success_line_aspirational", readonly=False
    )
