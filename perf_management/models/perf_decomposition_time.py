from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import split
from ..tools.ordering import creation_key

# Period types an objective's period can be split into.
SPLITS = {"year": ("quarter", "month"), "quarter": ("month",)}


class PerfDecompositionTime(models.AbstractModel):
    """Split of objectives over the sub-periods of their period."""

    _name = "perf.decomposition.time"
    _description = "Objective Split over Time"

    @api.model
    def _get_sub_periods(self, periods, period_type):
        """{period: its sub-periods of ``period_type``, by date}, in one query."""
        candidates = self.env["perf.period"].search(
            [
                ("cycle_id", "in", periods.cycle_id.ids),
                ("period_type", "=", period_type),
            ],
            order="date_start, id",
        )
        by_cycle = defaultdict(list)
        for candidate in candidates:
            by_cycle[candidate.cycle_id.id].append(candidate)
        return {
            period: self.env["perf.period"].union(
                *(
                    candidate
                    for candidate in by_cycle[period.cycle_id.id]
                    if candidate.date_start >= period.date_start
                    and candidate.date_end <= period.date_end
                )
            )
            for period in periods
        }

    @api.model
    def _get_period_type_labels(self):
        return dict(
            self.env["perf.period"]
            ._fields["period_type"]
            ._description_selection(self.env)
        )

    @api.model
    def _ensure_split(self, objective, period_type, current_types):
        """Refuse a period type the objective's period cannot be split into,
        or another one than its sub-periods already use."""
        period = objective.period_id
        types = self._get_period_type_labels()
        if not period:
            raise UserError(
                self.env._(
                    "Objective %(objective)s has no period to split. Set its "
                    "period first.",
                    objective=objective.name,
                )
            )
        if period_type not in SPLITS.get(period.period_type, ()):
            raise UserError(
                self.env._(
                    "The period %(period)s of objective %(objective)s is a "
                    "%(type)s: it cannot be split into %(into)s. Split a year "
                    "into quarters or months, or a quarter into months.",
                    period=period.name,
                    objective=objective.name,
                    type=types.get(period.period_type, ""),
                    into=self._get_plural(period_type),
                )
            )
        other = current_types.get(objective.id, period_type)
        if other != period_type:
            # Quarters and months of the same year would count its targets
            # twice: an objective's sub-periods are all of one type.
            raise UserError(
                self.env._(
                    "Objective %(objective)s is already split into %(current)s: "
                    "it cannot also be split into %(into)s, which would count its "
                    "targets twice. Split it into %(current)s again, or split each "
                    "of its %(current)s into months.",
                    objective=objective.name,
                    current=self._get_plural(other),
                    into=self._get_plural(period_type),
                )
            )

    @api.model
    def _get_plural(self, period_type):
        return {
            "quarter": self.env._("Quarters"),
            "month": self.env._("Months"),
        }.get(period_type, period_type or "")

    @api.model
    def _get_current_types(self, objectives):
        """{objective id: period type of its active sub-period children}."""
        children = self.env["perf.decomposition"]._get_decomposed_children(
            objectives, "time"
        )
        return {child.parent_id.id: child.period_id.period_type for child in children}

    @api.model
    def _get_current_split(self, objective, digits=None):
        """(period type, method, profile, shares) of the objective's last split
        over time, shares from its active children (rounded to ``digits``);
        or None when it has no active sub-period children."""
        children = self.env["perf.decomposition"]._get_decomposed_children(
            objective, "time"
        )
        if not children:
            return None
        children = children.sorted(
            lambda child: (child.period_id.date_start, creation_key(child))
        )
        method = objective.time_split_method or "manual"
        profile = objective.time_profile_id if method == "profile" else None
        shares = None
        if method == "manual":
            shares = split.normalize_weights(children.mapped("weight"), digits=digits)
        return children[0].period_id.period_type, method, profile, shares

    @api.model
    def _get_shares(self, objective, periods, method, profile=None, shares=None):
        """Shares of ``periods`` and the notes of the report about them."""
        decomposition = self.env["perf.decomposition"]
        if method == "even":
            return split.equal_shares(len(periods), digits=None), []
        if method == "profile":
            if not profile:
                raise UserError(self.env._("Choose the seasonal profile to split by."))
            try:
                weights = profile._get_period_weights(periods)
                result = split.normalize_weights(weights, digits=None)
            except split.ShareError as error:
                decomposition._raise_share_error(error, periods.mapped("name"))
            notes = [
                self.env._(
                    "%(period)s has a weight of 0 in the seasonal profile "
                    "%(profile)s: its objective gets a target of 0.",
                    period=period.name,
                    profile=profile.name,
                )
                for period, weight in zip(periods, weights, strict=True)
                if not weight
            ]
            return result, notes
        if method != "manual":
            raise UserError(self.env._("Choose how to split the objective."))
        shares = list(shares or [])
        if len(shares) != len(periods):
            raise UserError(
                self.env._(
                    "Give one share per period of objective %(objective)s "
                    "(%(count)s periods).",
                    objective=objective.name,
                    count=len(periods),
                )
            )
        decomposition._ensure_shares(shares, periods)
        return shares, []

    @api.model
    def _ensure_numeric_target(self, objective, aggregations):
        """A split by shares needs a target that adds up to be split."""
        for indicator in objective.indicator_ids:
            aggregation = aggregations.get(indicator.id) or indicator.aggregation
            if split.adds_up(aggregation) and split.has_numeric_target(
                {fname: indicator[fname] for fname in split.SPLIT_FIELDS}
            ):
                return
        raise UserError(
            self.env._(
                "Objective %(objective)s has no numeric target that adds up over "
                "time, so there is nothing to split by shares. Add an indicator "
                "with a target and the Sum aggregation, or split evenly.",
                objective=objective.name,
            )
        )

    @api.model
    def _plan_objectives(
        self,
        objectives,
        period_type,
        method="even",
        profile=None,
        shares=None,
        aggregations=None,
    ):
        """Plans splitting ``objectives`` (see :meth:`_split_objectives`),
        checked but not applied."""
        aggregations = aggregations or {}
        # Prefetch over these objectives, whatever recordset they were taken from.
        objectives = objectives.with_prefetch()
        if not objectives:
            raise UserError(self.env._("Select the objectives to split over time."))
        current_types = self._get_current_types(objectives)
        for objective in objectives:
            self._ensure_split(objective, period_type, current_types)
        sub_periods = self._get_sub_periods(objectives.period_id, period_type)
        periods_to_fill = self.env["perf.period"].union(*sub_periods.values())
        periods_to_fill._ensure_open()
        plans = []
        shares_cache = {}
        decomposition = self.env["perf.decomposition"]
        origin_names = decomposition._get_origin_names(objectives)
        remembered = {
            "time_period_type": period_type,
            "time_split_method": method,
            "time_profile_id": profile.id if profile and method == "profile" else False,
        }
        for objective in objectives:
            periods = sub_periods[objective.period_id]
            if not periods:
                raise UserError(
                    self.env._(
                        "The period %(period)s has no sub-periods to split "
                        "objective %(objective)s into. Generate the periods of "
                        "the cycle first.",
                        period=objective.period_id.name,
                        objective=objective.name,
                    )
                )
            if method != "even":
                self._ensure_numeric_target(objective, aggregations)
            if periods not in shares_cache:
                shares_cache[periods] = self._get_shares(
                    objective, periods, method, profile=profile, shares=shares
                )
            period_shares, notes = shares_cache[periods]
            owner = objective.employee_id or objective.job_id or objective.department_id
            plans.append(
                {
                    "objective": objective,
                    "kind": "time",
                    "aggregations": aggregations,
                    "method": remembered,
                    "notes": notes,
                    "children": [
                        {
                            "key": f"time:period:{period.id}",
                            "share": share,
                            "values": {
                                "name": decomposition._child_name(
                                    origin_names[objective.id],
                                    owner=owner.name,
                                    period=period.name,
                                ),
                                "level": objective.level,
                                "department_id": objective.department_id.id,
                                "job_id": objective.job_id.id,
                                "employee_id": objective.employee_id.id,
                                "user_id": objective.user_id.id,
                                "period_id": period.id,
                            },
                        }
                        for period, share in zip(periods, period_shares, strict=True)
                    ],
                }
            )
        return plans

    @api.model
    def _split_objectives(
        self,
        objectives,
        period_type,
        method="even",
        profile=None,
        shares=None,
        aggregations=None,
    ):
        """Split many objectives at once into sub-periods of ``period_type``.

        ``method`` is "even", "profile" (by the seasonal ``profile``) or
        "manual" (``shares``: list of shares in percent, one per sub-period,
        used for every objective). ``aggregations`` overrides the aggregation of
        some indicators: {indicator id: "sum"/"average"/"last"...}. Nothing is
        changed when any objective cannot be split.
        """
        plans = self._plan_objectives(
            objectives,
            period_type,
            method=method,
            profile=profile,
            shares=shares,
            aggregations=aggregations,
        )
        return self.env["perf.decomposition"]._apply_plans(plans)

    @api.model
    def _split_domain(
        self, domain, period_type, method="even", profile_id=None, shares=None
    ):
        """Split the objectives matching ``domain`` (for data files)."""
        return self._split_objectives(
            self.env["perf.objective"].search(domain),
            period_type,
            method=method,
            profile=self.env["perf.seasonal.profile"].browse(profile_id),
            shares=shares,
        )
