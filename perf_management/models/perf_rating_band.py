from odoo import api, fields, models
from odoo.exceptions import UserError


class PerfRatingBand(models.Model):
    """One rating of a scale: from its minimum score up to the next band's.

    A band that rated an appraisal is never deleted (the appraisal, and the
    payroll export of it, keep their rating): it is archived, which takes it
    out of the scale for the ratings to come.
    """

    _name = "perf.rating.band"
    _description = "Rating Band"
    _inherit = ["perf.input.mixin"]
    _order = "scale_id, min_score desc, id"

    scale_id = fields.Many2one(
        "perf.rating.scale", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="scale_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(string="Rating", required=True, help="e.g. A, B, C")
    active = fields.Boolean(
        default=True,
        help="An archived band rates no more appraisals; those it rated keep it.",
    )
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
    # 0 is "no target": a float cannot tell an empty cell from 0, and a band
    # that nobody may get is a band to remove from the scale.
    target_share = fields.Float(
        string="Target Share (%)",
        digits=(16, 2),
        aggregator=None,
        help="Share of a campaign's appraisals that calibration aims at for this "
        "rating, in percent. Leave at 0 for no target. The targets of a scale "
        "sum to at most 100, and to 100 when every band has one.",
    )

    @api.constrains(
        "name", "min_score", "payroll_coefficient", "target_share", "active"
    )
    def _check_scale(self):
        if not self.env.context.get("perf_rating_scale_check_later"):
            self.scale_id._ensure_valid()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        self._ensure_not_rated()

    def _ensure_not_rated(self):
        """Refuse to delete bands that rated an appraisal: archive them."""
        rated = (
            self.env["perf.appraisal"]
            .sudo()
            ._read_group([("rating_band_id", "in", self.ids)], ["rating_band_id"])
        )
        if rated:
            band = rated[0][0]
            raise UserError(
                self.env._(
                    "Band %(band)s of rating scale %(scale)s is the rating of "
                    "appraisals: deleting it would erase what they were rated "
                    "and paid. Archive the band (or the scale) instead.",
                    band=band.name,
                    scale=band.scale_id.name,
                )
            )

    def _get_target(self):
        """The target share of the band, ``None`` when it has none."""
        self.ensure_one()
        return self.target_share or None
