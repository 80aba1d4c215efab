from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    perf_appraisal_auto_launch = fields.Selection(
        [("quarter", "Each Quarter"), ("year", "Each Year")],
        string="Launch Appraisals",
        help="Launch the appraisals of the whole company automatically when "
        "each quarter (or each year) ends. Leave empty to launch campaigns by "
        "hand.",
    )
    perf_appraisal_reminder_days = fields.Integer(
        string="Appraisal Reminder (days)",
        default=3,
        help="Remind the employee of their self review, and the manager of "
        "their review, this many days before the campaign's deadline (once).",
    )

    @api.constrains("perf_appraisal_reminder_days")
    def _check_perf_appraisal_reminder_days(self):
        for company in self:
            if company.perf_appraisal_reminder_days < 0:
                raise ValidationError(
                    self.env._(
                        "The appraisal reminder of %(company)s is sent a number "
                        "of days before the deadline: enter 0 or more.",
                        company=company.name,
                    )
                )
