from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    perf_fiscalyear_last_day = fields.Integer(
        related="company_id.fiscalyear_last_day", readonly=False
    )
    perf_fiscalyear_last_month = fields.Selection(
        related="company_id.fiscalyear_last_month", readonly=False
    )
    perf_cycle_lead_days = fields.Integer(
        related="company_id.perf_cycle_lead_days", readonly=False
    )
    perf_checkin_reminder_days = fields.Integer(
        related="company_id.perf_checkin_reminder_days", readonly=False
    )
    perf_pace_ahead_points = fields.Float(
        related="company_id.perf_pace_ahead_points", readonly=False
    )
    perf_pace_behind_points = fields.Float(
        related="company_id.perf_pace_behind_points", readonly=False
    )
