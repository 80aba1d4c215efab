from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    perf_appraisal_auto_launch = fields.Selection(
        related="company_id.perf_appraisal_auto_launch", readonly=False
    )
    perf_appraisal_reminder_days = fields.Integer(
        related="company_id.perf_appraisal_reminder_days", readonly=False
    )
