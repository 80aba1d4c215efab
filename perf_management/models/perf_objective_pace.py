"""Where an objective should be today, beside its progress and never in it.

``expected_progress`` is the progress the objective should have today: the
same weighted mean as its progress (``models/perf_objective_rollup.py``),
block by block and with the same weights, where

* each scored indicator counts with its expected progress, the score of the
  value expected today (``models/perf_indicator_checkin.py``): a figure that
  adds up is expected in proportion to the period elapsed, by the days or by
  the weights of the sub-periods it was split into; a rate or a level at its
  target all along;
* the tasks count at their own completion: they have no pace, so they put
  the objective neither ahead nor behind;
* the sub-objectives (for an objective with no measured indicator of its
  own) count with their expected progress, or their progress when nothing
  paces them.

``pace_status`` comes from the gap, progress minus expected progress, in
points: more than the company's *ahead* limit above is ``ahead``, more than
its *behind* limit below is ``behind``, on track in between (see
:func:`..tools.pace.pace_status`). An objective that nothing measures, or
that only tasks measure, has no pace status.

Example: on 31 March, the year's revenue objective of 6 M split into four
quarters of equal weight is expected at 25 % (Q1 elapsed); with 1.75 M made
its progress is 29.2 %, 4.2 points ahead of where it should be: on track
with the default limits of 5 points.

Both depend on today (the ``checkin_today`` context key moves it) and are not
stored; they are computed as superuser, like the stored progress they stand
beside.
"""

from odoo import api, fields, models

from ..tools.pace import PACE_STATUSES
from ..tools.scoring import dimension_mean, weighted_mean


class PerfObjective(models.Model):
    _name = "perf.objective"
    _inherit = ["perf.objective", "perf.pace.mixin"]

    expected_progress = fields.Float(
        string="Expected Progress (%)",
        compute="_compute_pace",
        compute_sudo=True,
        recursive=True,
        aggregator=None,
        help="The progress the objective should have today, weighted like its "
        "progress from where its indicators should be today. Tasks count at "
        "their completion.",
    )
    pace_status = fields.Selection(
        PACE_STATUSES,
        string="Pace",
        compute="_compute_pace",
        compute_sudo=True,
        recursive=True,
        search="_search_pace_status",
        help="Ahead, on track or behind where the objective should be today "
        "(progress against expected progress, by the limits of the company's "
        "settings). Empty when nothing paces it.",
    )

    @api.depends(
        "progress",
        "is_measured",
        "indicator_ids.expected_progress",
        "child_ids.expected_progress",
        "child_ids.pace_status",
        "company_id.perf_pace_ahead_points",
        "company_id.perf_pace_behind_points",
    )
    @api.depends_context("checkin_today")
    def _compute_pace(self):
        for objective in self:
            expected = objective._get_expected_progress()
            objective.expected_progress = expected or 0.0
            objective.pace_status = (
                objective.company_id._get_pace_status(objective.progress - expected)
                if expected is not None
                else False
            )

    def _get_expected_progress(self):
        """The expected progress as the module says, or ``None`` when nothing
        paces the objective (no block with an indicator)."""
        self.ensure_one()
        paced = False
        pairs = []
        for block in self._get_progress_blocks():
            value = block["value"]
            if block["kind"] == "indicators":
                paced = True
                value = dimension_mean(
                    (
                        (
                            indicator.dimension,
                            indicator.expected_progress,
                            indicator.weight,
                        )
                        for indicator in block["records"]
                    ),
                    self._get_policy_weights(),
                )[0]
            elif block["kind"] == "children":
                paced = any(child.pace_status for child in block["records"])
                value = weighted_mean(
                    (self._get_group_expected_progress(children), 1.0)
                    for children in block["groups"].values()
                )
            pairs.append((value, block["weight"]))
        return weighted_mean(pairs) if paced else None

    @api.model
    def _get_group_expected_progress(self, children):
        """Weighted expected progress of ``children``; those nothing paces
        count at their progress."""
        return weighted_mean(
            (
                child.expected_progress if child.pace_status else child.progress,
                child.weight,
            )
            for child in children
        )

    def _search_pace_status(self, operator, value):
        return self._search_by_pace_status(
            operator, value, [("is_measured", "=", True)]
        )
