from odoo import fields, models


class PerfIndicator(models.Model):
    """Measures of the indicators analysis (a pivot).

    Targets and actuals of different indicators are in different units, so
    their own fields have no aggregator and lists show no totals of them. The
    analysis groups the cascade's indicators by name, level and period, where
    a cell holds one indicator, and a total over owners or sub-periods means
    what the decomposition means: these stored copies are its measures.
    """

    _inherit = "perf.indicator"

    target_measure = fields.Float(
        related="target_value",
        store=True,
        string="Target (total)",
        aggregator="sum",
        tracking=False,
    )
    actual_measure = fields.Float(
        related="actual_value",
        store=True,
        string="Actual (total)",
        aggregator="sum",
        tracking=False,
    )
