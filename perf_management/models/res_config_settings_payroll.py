from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    perf_payroll_employee_code = fields.Selection(
        related="company_id.perf_payroll_employee_code", readonly=False
    )
