from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import split

# Sub-trees deeper than this are not re-applied in one click (a cascade is
# company > department > post > employee, each over quarters and months).
MAX_DEPTH = 12


class PerfObjective(models.Model):
    """How an objective was decomposed, and whether its children still add
    up to it."""

    _inherit = "perf.objective"

    space_share_method = fields.Selection(
        [("equal", "Equal shares"), ("manual", "Typed per line")],
        string="Shares to Departments, Posts or Employees",
        copy=False,
        help="How the last decomposition to departments, posts or employees "
        "shared the objective: proposed again by the next one.",
    )
    time_period_type = fields.Selection(
        [("quarter", "Quarters"), ("month", "Months")],
        string="Split into",
        copy=False,
    )
    time_split_method = fields.Selection(
        [
            ("even", "Evenly"),
            ("profile", "By a seasonal profile"),
            ("manual", "Typed per period"),
        ],
        string="Split over Time",
        copy=False,
        help="How the last split over time shared the objective: proposed "
        "again by the next one.",
    )
    time_profile_id = fields.Many2one(
        "perf.seasonal.profile",
        string="Seasonal Profile Used",
        copy=False,
        check_company=True,
    )
    is_split_outdated = fields.Boolean(
        string="Children Do Not Add Up",
        compute="_compute_is_split_outdated",
        search="_search_is_split_outdated",
        help="Set when the targets of the active sub-objectives made by a "
        "decomposition no longer add up to this objective's targets (it was "
        "split again, or a target changed).",
    )

    # ------------------------------------------------------------------
    # Do the children add up?
    # ------------------------------------------------------------------

    @api.model
    def _get_outdated_ids(self, parent_ids=None):
        """Ids of the objectives whose decomposed children no longer add up.

        Per parent, per kind of decomposition (space, time) and per parent
        indicator that adds up, the targets of the active children's
        indicators are summed in one query and compared with the parent's at
        the precision of its unit.
        """
        self.env["perf.objective"].flush_model(
            ["parent_id", "decomposition_key", "active"]
        )
        self.env["perf.indicator"].flush_model(
            ["objective_id", "decomposition_key", *split.SPLIT_FIELDS]
        )
        query = """
            SELECT child.parent_id, split_part(child.decomposition_key, ':', 1),
                   indicator.decomposition_key, SUM(indicator.target_value),
                   SUM(indicator.range_min), SUM(indicator.range_max)
              FROM perf_objective child
              JOIN perf_indicator indicator ON indicator.objective_id = child.id
             WHERE child.active
               AND child.parent_id IS NOT NULL
               AND child.decomposition_key IS NOT NULL
               AND indicator.decomposition_key LIKE 'indicator:%%'
        """
        params = []
        if parent_ids is not None:
            if not parent_ids:
                return set()
            query += " AND child.parent_id IN %s"
            params.append(tuple(parent_ids))
        query += " GROUP BY 1, 2, 3"
        self.env.cr.execute(query, params)
        sums = defaultdict(list)
        for parent_id, _kind, key, *totals in self.env.cr.fetchall():
            indicator_id = key.split(":")[1]
            if indicator_id.isdigit():
                sums[int(indicator_id)].append((parent_id, totals))
        indicators = (
            self.env["perf.indicator"]
            .sudo()
            .browse(sums)
            .exists()
            .filtered(lambda indicator: split.adds_up(indicator.aggregation))
        )
        outdated = set()
        for indicator in indicators:
            for parent_id, totals in sums[indicator.id]:
                if parent_id != indicator.objective_id.id:
                    continue
                for fname, total in zip(split.SPLIT_FIELDS, totals, strict=True):
                    if not split.add_up_exactly(
                        [total or 0.0], indicator[fname], indicator.decimal_places
                    ):
                        outdated.add(parent_id)
        return outdated

    @api.depends(
        "indicator_ids.target_value",
        "indicator_ids.range_min",
        "indicator_ids.range_max",
        "indicator_ids.aggregation",
        "child_ids.active",
        "child_ids.indicator_ids.target_value",
        "child_ids.indicator_ids.range_min",
        "child_ids.indicator_ids.range_max",
    )
    def _compute_is_split_outdated(self):
        outdated = self._get_outdated_ids(self._origin.ids) if self._origin else set()
        for objective in self:
            objective.is_split_outdated = objective._origin.id in outdated

    def _search_is_split_outdated(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search objectives whose children add up or not only.")
            )
        ids = list(self._get_outdated_ids())
        return [("id", "in" if (operator == "=") == value else "not in", ids)]

    # ------------------------------------------------------------------
    # Re-apply down the branch
    # ------------------------------------------------------------------

    def action_reapply_decomposition(self):
        """Split each of these objectives again as it was split last time,
        then each child whose own children no longer add up, down the branch.

        Children edited by hand are kept as a re-run keeps them.
        """
        decomposition = self.env["perf.decomposition"]
        layer, seen, results = self, set(), {}
        for _depth in range(MAX_DEPTH):
            layer = layer.filtered(lambda objective: objective.id not in seen)
            if not layer:
                break
            seen.update(layer.ids)
            plans = self._get_reapply_plans(layer)
            if plans:
                results.update(decomposition._apply_plans(plans))
            children = decomposition._get_decomposed_children(layer)
            layer = children.browse(children._get_outdated_ids(children.ids))
        if not results:
            raise UserError(
                self.env._(
                    "Nothing to split again: these objectives have no sub-objective "
                    "made by a decomposition."
                )
            )
        return decomposition._notification_action(results)

    def _get_reapply_plans(self, objectives):
        """Plans splitting ``objectives`` again with their current shares."""
        space = self.env["perf.decomposition.space"]
        time = self.env["perf.decomposition.time"]
        plans = []
        for objective in objectives:
            current = space._get_current_split(objective)
            if current:
                level, targets, shares = current
                plans += space._plan_objectives(
                    objective,
                    level,
                    targets={objective.id: targets},
                    shares={objective.id: shares},
                    method=objective.space_share_method or "manual",
                )
            current = time._get_current_split(objective)
            if current:
                plans += time._plan_objectives(objective, *current)
        return plans
