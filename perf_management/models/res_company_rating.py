from odoo import api, models


class ResCompany(models.Model):
    """A new company rates its appraisals on the default scale from the start."""

    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["perf.rating.scale"].sudo()._ensure_default_scales(companies)
        return companies
