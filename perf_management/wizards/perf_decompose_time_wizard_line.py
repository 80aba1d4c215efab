from odoo import api, fields, models

from ..tools import split


class PerfDecomposeTimeWizardLine(models.TransientModel):
    _name = "perf.decompose.time.wizard.line"
    _description = "Share of a Sub-period in a Split over Time"
    _inherit = ["perf.input.mixin"]
    _order = "date_start, id"

    wizard_id = fields.Many2one(
        "perf.decompose.time.wizard", required=True, ondelete="cascade", index=True
    )
    period_id = fields.Many2one("perf.period", required=True)
    date_start = fields.Date(related="period_id.date_start")
    share = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        compute="_compute_share",
        store=True,
        readonly=False,
        help="Part of the targets that add up given to this period.",
    )

    @api.depends("wizard_id.method", "wizard_id.profile_id", "wizard_id.line_ids")
    def _compute_share(self):
        # Typed shares are kept; the other methods show the shares they apply.
        for line in self:
            line.share = line.share
        for wizard in self.wizard_id.filtered(lambda w: w.method != "manual"):
            lines = wizard.line_ids
            shares = split.equal_shares(len(lines))
            if wizard.method == "profile" and wizard.profile_id:
                try:
                    shares = split.normalize_weights(
                        wizard.profile_id._get_period_weights(lines.period_id)
                    )
                except split.ShareError:
                    shares = [0.0] * len(lines)
            for line, share in zip(lines, shares, strict=True):
                line.share = share
