from odoo import api, fields, models

BAND_COLORS = [
    ("red", "Red"),
    ("amber", "Amber"),
    ("green", "Green"),
]

# Used when an indicator has no KPI definition or its definition has no bands.
DEFAULT_BANDS = [(100.0, "green"), (80.0, "amber"), (0.0, "red")]


def band_for_score(score, bands):
    """The band of a score (in %) among ``bands``, tuples whose first item
    is the band's lower bound (``(min_score, color, ...)``).

    The band with the highest lower bound not above the score wins; a score
    below every band takes the lowest band.
    """
    ordered = sorted(bands or DEFAULT_BANDS, key=lambda band: band[0], reverse=True)
    for band in ordered:
        if score >= band[0]:
            return band
    return ordered[-1]


def color_for_score(score, bands):
    """Colour of a score (in %) given bands as (min_score, color) pairs (see
    :func:`band_for_score`)."""
    return band_for_score(score, bands)[1]


class PerfKpiBand(models.Model):
    _name = "perf.kpi.band"
    _description = "KPI Colour Band"
    _inherit = ["perf.input.mixin"]
    _order = "definition_id, min_score desc"

    definition_id = fields.Many2one(
        "perf.kpi.definition", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(
        string="From score (%)",
        help="Scores from this value up to the next band's value take this colour.",
    )
    color = fields.Selection(BAND_COLORS, required=True, default="green")

    @api.model
    def _default_band_commands(self):
        return [
            fields.Command.create(
                {"name": self.env._("On target"), "min_score": 100.0, "color": "green"}
            ),
            fields.Command.create(
                {"name": self.env._("Watch"), "min_score": 80.0, "color": "amber"}
            ),
            fields.Command.create(
                {"name": self.env._("Off target"), "min_score": 0.0, "color": "red"}
            ),
        ]
