from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import split


class PerfSeasonalProfile(models.Model):
    _name = "perf.seasonal.profile"
    _description = "Seasonal Profile"
    _inherit = ["perf.input.mixin"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    line_ids = fields.One2many(
        "perf.seasonal.profile.line",
        "profile_id",
        string="Monthly Weights",
        copy=True,
        default=lambda self: self._default_line_ids(),
    )
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.model
    def _default_line_ids(self):
        return [
            Command.create({"month": str(month), "weight": 1.0})
            for month in range(1, 13)
        ]

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for profile in self:
            profile.total_weight = sum(profile.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_line_ids(self):
        for profile in self:
            months = profile.line_ids.mapped("month")
            if len(months) != 12 or len(set(months)) != 12:
                raise ValidationError(
                    self.env._(
                        "The seasonal profile %(name)s needs exactly one weight for "
                        "each of the 12 months.",
                        name=profile.name,
                    )
                )
            if not sum(profile.line_ids.mapped("weight")):
                raise ValidationError(
                    self.env._(
                        "The weights of the seasonal profile %(name)s are all 0. "
                        "Give at least one month a positive weight.",
                        name=profile.name,
                    )
                )

    def _get_month_weights(self):
        """Weight of each calendar month: {1: weight, ..., 12: weight}."""
        self.ensure_one()
        return {int(line.month): line.weight for line in self.line_ids}

    def _get_period_weights(self, periods):
        """Weight of each of ``periods`` under this profile, in order."""
        self.ensure_one()
        return split.profile_weights(
            self._get_month_weights(),
            [
                split.months_between(period.date_start, period.date_end)
                for period in periods
            ],
        )
