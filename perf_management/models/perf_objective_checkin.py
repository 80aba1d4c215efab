from odoo import api, fields, models

from ..tools import pace
from .perf_checkin import CONFIDENCE_RANKS, CONFIDENCES


class PerfObjective(models.Model):
    """Pace and confidence of an objective, from the check-ins below it."""

    _inherit = "perf.objective"

    confidence = fields.Selection(
        CONFIDENCES,
        compute="_compute_confidence",
        help="The worst confidence of the last check-ins of this objective's "
        "own indicators; for an objective none of whose indicators has one, "
        "the worst of its sub-objectives' confidences (by the same rule). An "
        "indicator whose actual reaches its target is on track.",
    )

    @api.depends("indicator_ids.confidence", "child_ids")
    @api.depends_context("uid")
    def _compute_confidence(self):
        # One query for the whole subtrees, read with the user's rights: a
        # confidence never tells about an indicator the user may not read.
        rows = self.env["perf.indicator"]._read_group(
            [
                ("objective_id", "child_of", self.ids),
                ("confidence", "!=", False),
            ],
            ["objective_id", "confidence"],
        )
        own = {}
        for objective, confidence in rows:
            path = objective.sudo().parent_path
            if (
                path not in own
                or CONFIDENCE_RANKS[confidence] < CONFIDENCE_RANKS[own[path]]
            ):
                own[path] = confidence
        for objective in self:
            objective.confidence = pace.worst_own_or_below(
                own, objective.parent_path or "", CONFIDENCE_RANKS
            )

    def _get_elapsed_share(self, day):
        """Share (0-1) of the objective's period elapsed at the end of ``day``.

        Evenly over the days; but when the objective was split over time into
        sub-periods covering its whole period, by their weights (the shares of
        that split, e.g. of a seasonal profile), each sub-period counted by the
        same rule.
        """
        if not self:
            # An indicator being created has no objective yet.
            return 0.0
        self.ensure_one()
        objective = self.sudo()
        period = objective.period_id
        if not period:
            return 0.0
        children = objective.child_ids.filtered(
            lambda child: child.active and child._is_time_decomposition_of(objective)
        )
        covered = sum(
            (child.date_end - child.date_start).days + 1 for child in children
        )
        whole = (period.date_end - period.date_start).days + 1
        if covered != whole or not period.date_start <= day < period.date_end:
            return pace.elapsed_share(period.date_start, period.date_end, day)
        return pace.weighted_share(
            [(child.weight, child._get_elapsed_share) for child in children], day
        )
