from odoo import api, fields, models


class PerfRatingBand(models.Model):
    """One rating of a scale: from its minimum score up to the next band's."""

    _name = "perf.rating.band"
    _description = "Rating Band"
    _order = "scale_id, min_score desc, id"

    scale_id = fields.Many2one(
        "perf.rating.scale", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="scale_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(string="Rating", required=True, help="e.g. A, B, C")
    description = fields.Char(help="e.g. Exceeds expectations")
    min_score = fields.Float(
        string="Minimum Score",
        required=True,
        aggregator=None,
        help="A final score of at least this (in % of the targets) earns the "
        "band, up to the next band's minimum.",
    )
    payroll_coefficient = fields.Float(
        required=True,
        default=1.0,
        digits=(16, 2),
        aggregator=None,
        help="Multiplier of the variable pay that payroll applies for this rating.",
    )

    @api.constrains("name", "min_score", "payroll_coefficient")
    def _check_scale(self):
        self.scale_id._ensure_valid()
