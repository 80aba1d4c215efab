from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils

from ..tools import pace
from ..tools.vocabulary import MONTHS


class ResCompany(models.Model):
    _inherit = "res.company"

    # Same definitions as in the account addon, so that a company running
    # Accounting shares one fiscal year end with its performance cycles.
    fiscalyear_last_day = fields.Integer(default=31, required=True)
    fiscalyear_last_month = fields.Selection(MONTHS, default="12", required=True)
    perf_cycle_lead_days = fields.Integer(
        string="Prepare Next Cycle (days ahead)",
        default=60,
        help="Number of days before the next fiscal year starts when its "
        "performance cycle and periods are created automatically.",
    )
    perf_checkin_reminder_days = fields.Integer(
        string="Check-in Reminder (days)",
        default=7,
        help="An owner whose indicators have had no check-in for this number of "
        "days gets a Check-in due activity.",
    )

    perf_pace_ahead_points = fields.Float(
        string="Ahead From (points)",
        default=5.0,
        digits=(16, 1),
        help="An objective or indicator whose progress is more than this many "
        "points above where it should be today is ahead.",
    )
    perf_pace_behind_points = fields.Float(
        string="Behind From (points)",
        default=5.0,
        digits=(16, 1),
        help="An objective or indicator whose progress is more than this many "
        "points below where it should be today is behind.",
    )

    @api.constrains("fiscalyear_last_day", "fiscalyear_last_month")
    def _check_perf_fiscal_year_end(self):
        for company in self:
            try:
                # 2020 is a leap year: the 29th of February is a valid end.
                date(
                    2020,
                    int(company.fiscalyear_last_month),
                    company.fiscalyear_last_day,
                )
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The fiscal year of %(company)s cannot end on day %(day)s "
                        "of month %(month)s: that date does not exist. Choose a "
                        "valid last day.",
                        company=company.name,
                        day=company.fiscalyear_last_day,
                        month=company.fiscalyear_last_month,
                    )
                ) from error

    @api.constrains("perf_cycle_lead_days")
    def _check_perf_cycle_lead_days(self):
        for company in self:
            if not 0 <= company.perf_cycle_lead_days <= 366:
                raise ValidationError(
                    self.env._(
                        "The number of days ahead to prepare the next cycle must "
                        "be between 0 and 366."
                    )
                )

    @api.constrains("perf_checkin_reminder_days")
    def _check_perf_checkin_reminder_days(self):
        for company in self:
            if company.perf_checkin_reminder_days < 1:
                raise ValidationError(
                    self.env._("The check-in reminder needs a delay of at least 1 day.")
                )

    @api.constrains("perf_pace_ahead_points", "perf_pace_behind_points")
    def _check_perf_pace_points(self):
        for company in self:
            for points in (
                company.perf_pace_ahead_points,
                company.perf_pace_behind_points,
            ):
                if not 0 <= points <= 100:
                    raise ValidationError(
                        self.env._(
                            "The pace limits of %(company)s must be between 0 "
                            "and 100 points of progress.",
                            company=company.name,
                        )
                    )

    def _get_pace_status(self, gap):
        """Pace status of a gap (progress minus expected progress, in points)
        by the company's limits; ``False`` without a gap."""
        self.ensure_one()
        return (
            pace.pace_status(
                gap, self.perf_pace_ahead_points, self.perf_pace_behind_points
            )
            or False
        )

    def _get_perf_fiscal_year(self, day):
        """Return (first day, last day) of the company's fiscal year containing day."""
        self.ensure_one()
        return date_utils.get_fiscal_year(
            day,
            day=self.fiscalyear_last_day,
            month=int(self.fiscalyear_last_month),
        )
