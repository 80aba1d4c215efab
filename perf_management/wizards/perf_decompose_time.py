from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from . import decomposition_split

# Period types an objective's period can be split into.
SPLITS = {"year": ("quarter", "month"), "quarter": ("month",)}


class PerfDecomposeTime(models.TransientModel):
    _name = "perf.decompose.time"
    _description = "Split Objectives over Time"
    _check_company_auto = True

    objective_ids = fields.Many2many(
        "perf.objective",
        string="Objectives",
        required=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True
    )
    period_type = fields.Selection(
        [("quarter", "Quarters"), ("month", "Months")],
        string="Split into",
        required=True,
        compute="_compute_period_type",
        store=True,
        readonly=False,
    )
    method = fields.Selection(
        [
            ("even", "Evenly"),
            ("profile", "By a seasonal profile"),
            ("manual", "Typed per period"),
        ],
        string="Split",
        required=True,
        default="even",
    )
    profile_id = fields.Many2one(
        "perf.seasonal.profile", string="Seasonal Profile", check_company=True
    )
    line_ids = fields.One2many(
        "perf.decompose.time.line",
        "wizard_id",
        string="Periods",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    indicator_line_ids = fields.One2many(
        "perf.decompose.time.indicator",
        "wizard_id",
        string="Targets",
        compute="_compute_indicator_line_ids",
        store=True,
        readonly=False,
    )
    total_share = fields.Float(string="Total (%)", compute="_compute_total_share")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "objective_ids" in fields_list
            and not values.get("objective_ids")
            and context.get("active_model") == "perf.objective"
            and context.get("active_ids")
        ):
            values["objective_ids"] = [Command.set(context["active_ids"])]
        return values

    @api.depends("objective_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.objective_ids[:1].company_id

    @api.depends("objective_ids")
    def _compute_period_type(self):
        for wizard in self:
            period_type = wizard.objective_ids[:1].period_id.period_type
            wizard.period_type = "month" if period_type == "quarter" else "quarter"

    @api.depends("objective_ids", "period_type")
    def _compute_line_ids(self):
        for wizard in self:
            period = wizard.objective_ids[:1].period_id
            periods = self.env["perf.period"]
            if period and wizard.period_type in SPLITS.get(period.period_type, ()):
                periods = self._get_sub_periods(period, wizard.period_type)[period]
            wizard.line_ids = [Command.clear()] + [
                Command.create({"period_id": sub_period.id}) for sub_period in periods
            ]

    @api.depends("objective_ids")
    def _compute_indicator_line_ids(self):
        for wizard in self:
            indicators = wizard.objective_ids.indicator_ids
            wizard.indicator_line_ids = [Command.clear()] + [
                Command.create(
                    {"indicator_id": indicator.id, "aggregation": indicator.aggregation}
                )
                for indicator in indicators
            ]

    @api.depends("line_ids.share")
    def _compute_total_share(self):
        for wizard in self:
            wizard.total_share = sum(wizard.line_ids.mapped("share"))

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
    def _check_split(self, objective, period_type):
        period = objective.period_id
        types = dict(
            self.env["perf.period"]
            ._fields["period_type"]
            ._description_selection(self.env)
        )
        into = dict(self._fields["period_type"]._description_selection(self.env))
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
                    into=into.get(period_type, period_type or ""),
                )
            )

    @api.model
    def _get_shares(self, objective, periods, method, profile=None, shares=None):
        decomposition = self.env["perf.decomposition"]
        if method == "even":
            return decomposition_split.equal_shares(len(periods), digits=None)
        if method == "profile":
            if not profile:
                raise UserError(self.env._("Choose the seasonal profile to split by."))
            try:
                return decomposition_split.normalize_weights(
                    profile._get_period_weights(periods), digits=None
                )
            except decomposition_split.ShareError as error:
                decomposition._raise_share_error(error, periods.mapped("name"))
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
        decomposition._check_shares(shares, periods)
        return shares

    @api.model
    def _check_numeric_target(self, objective, aggregations):
        """A split by shares needs a target that adds up to be split."""
        for indicator in objective.indicator_ids:
            aggregation = aggregations.get(indicator.id) or indicator.aggregation
            if aggregation == "sum" and decomposition_split.has_numeric_target(
                {fname: indicator[fname] for fname in decomposition_split.SPLIT_FIELDS}
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
        some indicators: {indicator id: "sum"/"average"/"last"}. Nothing is
        changed when any objective cannot be split.
        """
        aggregations = aggregations or {}
        # Prefetch over these objectives, whatever recordset they were taken from.
        objectives = objectives.with_prefetch()
        if not objectives:
            raise UserError(self.env._("Select the objectives to split over time."))
        for objective in objectives:
            self._check_split(objective, period_type)
        sub_periods = self._get_sub_periods(objectives.period_id, period_type)
        periods_to_fill = self.env["perf.period"].union(*sub_periods.values())
        periods_to_fill._check_open()
        plans = []
        shares_cache = {}
        decomposition = self.env["perf.decomposition"]
        origin_names = decomposition._get_origin_names(objectives)
        owner_names = {
            objective.id: (
                objective.employee_id or objective.job_id or objective.department_id
            ).name
            for objective in objectives
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
                self._check_numeric_target(objective, aggregations)
            if periods not in shares_cache:
                shares_cache[periods] = self._get_shares(
                    objective, periods, method, profile=profile, shares=shares
                )
            plans.append(
                {
                    "objective": objective,
                    "aggregations": aggregations,
                    "children": [
                        {
                            "key": f"time:period:{period.id}",
                            "share": share,
                            "values": {
                                "name": decomposition._child_name(
                                    origin_names[objective.id],
                                    owner=owner_names[objective.id],
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
                        for period, share in zip(
                            periods, shares_cache[periods], strict=True
                        )
                    ],
                }
            )
        return decomposition._apply_plans(plans)

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

    def action_split(self):
        self.ensure_one()
        shares = None
        if self.method == "manual":
            if len(self.objective_ids.period_id) > 1:
                raise UserError(
                    self.env._(
                        "Shares typed per period apply to objectives of the same "
                        "period. Select objectives of one period, or split evenly "
                        "or by a seasonal profile."
                    )
                )
            shares = self.line_ids.mapped("share")
        aggregations = {
            line.indicator_id.id: line.aggregation
            for line in self.indicator_line_ids
            if line.indicator_id
        }
        results = self._split_objectives(
            self.objective_ids,
            self.period_type,
            method=self.method,
            profile=self.profile_id,
            shares=shares,
            aggregations=aggregations,
        )
        return self.env["perf.decomposition"]._notification_action(results)
