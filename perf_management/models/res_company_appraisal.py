from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    perf_appraisal_auto_launch = fields.Selection(
        [("quarter", "Each Quarter"), ("year", "Each Year")],
        string="Launch Appraisals",
        help="Launch the appraisals of the whole company automatically when "
        "each quarter (or each year) ends. Leave empty to launch campaigns by "
        "hand.",
    )
