from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import split
from ..tools.vocabulary import MONTHS


class PerfSeasonalProfileLine(models.Model):
    _name = "perf.seasonal.profile.line"
    _description = "Seasonal Profile Monthly Weight"
    _inherit = ["perf.input.mixin"]
    _order = "profile_id, month_number, id"

    profile_id = fields.Many2one(
        "perf.seasonal.profile", required=True, ondelete="cascade", index=True
    )
    month = fields.Selection(MONTHS, required=True)
    month_number = fields.Integer(compute="_compute_month_number", store=True)
    weight = fields.Float(
        default=1.0,
        help="Relative weight of the month: a month of weight 2 gets twice the "
        "share of a month of weight 1.",
    )
    share = fields.Float(
        string="Share (%)",
        compute="_compute_share",
        digits=(16, 2),
        help="Share of the year that this month receives.",
    )

    _sql_constraints = [
        (
            "month_unique",
            "unique(profile_id, month)",
            "A seasonal profile has one weight per month.",
        ),
    ]

    @api.depends("month")
    def _compute_month_number(self):
        for line in self:
            line.month_number = int(line.month or 0)

    @api.depends("profile_id.line_ids.weight")
    def _compute_share(self):
        for profile in self.profile_id:
            lines = profile.line_ids
            weights = [max(weight, 0.0) for weight in lines.mapped("weight")]
            shares = split.split_amount(100.0, weights, digits=2)
            for line, share in zip(lines, shares, strict=True):
                line.share = share
        (self - self.profile_id.line_ids).share = 0.0

    @api.constrains("weight")
    def _check_weight(self):
        for line in self:
            if line.weight < 0:
                raise ValidationError(
                    self.env._(
                        "The weight of %(month)s cannot be negative. Enter 0 for "
                        "a month without activity.",
                        month=dict(
                            line._fields["month"]._description_selection(self.env)
                        )[line.month],
                    )
                )
