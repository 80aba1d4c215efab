from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

from ..tools import scoring
from ..tools.aggregation import AGGREGATIONS

# Changing any of these changes the score, or the objective it counts for, so
# they are frozen once the period is locked.
SCORE_FIELDS = (
    "target_value",
    "actual_value",
    "has_actual",
    "direction",
    "range_min",
    "range_max",
    "weight",
    "threshold",
    "cap",
    "curve",
    # Moving an indicator changes the progress of both objectives.
    "objective_id",
)
# What a user who may not manage an indicator (see perf.team.mixin) changes on
# the indicators they own: the actual, which they correct but never clear, and
# the order of the list.
EMPLOYEE_FIELDS = {"actual_value", "has_actual", "sequence"}
# Targets that a decomposition wrote: changed by hand, the next decomposition
# keeps them.
TARGET_FIELDS = ("target_value", "range_min", "range_max")


class PerfIndicator(models.Model):
    _name = "perf.indicator"
    _description = "Performance Indicator"
    _inherit = ["mail.thread", "perf.team.mixin", "perf.input.mixin"]
    _order = "objective_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    objective_id = fields.Many2one(
        "perf.objective",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True, precompute=True
    )
    period_id = fields.Many2one(
        related="objective_id.period_id", store=True, index=True, precompute=True
    )
    level = fields.Selection(related="objective_id.level", string="Objective Level")
    dimension = fields.Selection(
        [
            ("result", "Result"),
            ("process", "Process"),
            ("competency", "Competency"),
        ],
        required=True,
        default="result",
        help="Result: outcomes (sales, margin). Process: how the work is done "
        "(visits, on-time delivery). Competency: growth of abilities.",
    )
    unit = fields.Char(help="Unit of the target and actual values, e.g. EUR, %, h.")
    # Indicators of different units are listed together: a total of their
    # targets or actuals would mean nothing.
    target_value = fields.Float(string="Target", tracking=True, aggregator=None)
    actual_value = fields.Float(string="Actual", tracking=True, aggregator=None)
    has_actual = fields.Boolean(
        string="Actual Entered",
        default=False,
        # Clearing an actual takes the indicator out of the score: tracked.
        tracking=True,
        help="Set as soon as an actual value is entered or computed (tick it to "
        "confirm an actual of 0). Without an actual the indicator has no score "
        "(rather than a score of 0).",
    )
    direction = fields.Selection(
        [
            ("higher", "Higher is better"),
            ("lower", "Lower is better"),
            ("range", "Within a range"),
        ],
        required=True,
        default="higher",
    )
    range_min = fields.Float(string="Range Minimum", aggregator=None, tracking=True)
    range_max = fields.Float(string="Range Maximum", aggregator=None, tracking=True)
    weight = fields.Float(default=1.0, tracking=True, aggregator="sum")
    threshold = fields.Float(
        string="Threshold (%)",
        default=0.0,
        aggregator="avg",
        help="Achievement (in % of the target) below which the score is 0.",
    )
    cap = fields.Float(
        string="Cap (%)",
        default=120.0,
        aggregator="avg",
        help="Highest score the indicator can reach, in %. 0 means no cap.",
    )
    curve = fields.Selection(
        [
            ("linear", "Linear"),
            ("stepped", "Stepped bands"),
            ("binary", "Achieved or not"),
        ],
        string="Scoring Curve",
        required=True,
        default="linear",
        help="Linear: the score is the achievement. Stepped bands: below 80 % of "
        "the target 0, from 80 % 50, from 100 % 100, from 120 % 120. Achieved or "
        "not: 100 once the target is met, else 0.",
    )
    # Precomputed: a batch of new indicators is inserted with its scores, with
    # no UPDATE afterwards.
    score = fields.Float(
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
        help="Score in % (100 = target met); 0 with no score while no actual "
        "is entered.",
    )
    has_score = fields.Boolean(compute="_compute_score", store=True, precompute=True)
    aggregation = fields.Selection(
        AGGREGATIONS,
        string="Parts Combined By",
        required=True,
        default="sum",
        help="How the actuals of the parts of a decomposed indicator (over "
        "sub-periods or lower levels) make its actual. Sum: the target is split "
        "among the parts and their actuals add up. Average, Last value (the "
        "latest period's), Minimum, Maximum: the target is carried over "
        "unchanged to the parts.",
    )
    decomposition_key = fields.Char(
        copy=False,
        index=True,
        help="Identifies the indicator this one was decomposed from.",
    )
    can_edit_targets = fields.Boolean(
        compute="_compute_can_edit_targets",
        help="Whether the current user may change the target and the scoring "
        "settings, and clear the actual value.",
    )
    can_clear_actual = fields.Boolean(
        compute="_compute_can_clear_actual",
        help="Whether the current user may clear the actual value (an actual "
        "once entered is otherwise only corrected).",
    )
    can_enter_actual = fields.Boolean(
        compute="_compute_can_enter_actual",
        help="Whether the current user may enter or correct the actual value.",
    )

    def _perf_team_depends(self):
        return ["objective_id"]

    def _get_team_domain(self):
        return [("objective_id", "any", self._get_objective_team_domain())]

    def _get_own_domain(self):
        return [("objective_id", "any", self._get_objective_own_domain())]

    def _perf_may_create(self):
        # Who manages an indicator is who manages its objective; on an
        # objective not saved yet, whoever may create it.
        return self.filtered(lambda indicator: indicator.objective_id.can_manage)

    @api.depends_context("uid")
    @api.depends("can_manage")
    def _compute_can_edit_targets(self):
        for indicator in self:
            indicator.can_edit_targets = indicator.can_manage

    @api.depends_context("uid")
    @api.depends("has_actual", "can_manage")
    def _compute_can_clear_actual(self):
        for indicator in self:
            indicator.can_clear_actual = indicator.has_actual and indicator.can_manage

    @api.depends_context("uid")
    @api.depends("objective_id", "can_edit_targets")
    def _compute_can_enter_actual(self):
        # The record rules decide who writes a saved indicator.
        writable = self._origin._filtered_access("write")
        for indicator in self:
            origin = indicator._origin
            indicator.can_enter_actual = (
                origin in writable if origin else indicator.can_edit_targets
            )

    @api.depends(
        "target_value",
        "actual_value",
        "has_actual",
        "direction",
        "range_min",
        "range_max",
        "threshold",
        "cap",
        "curve",
    )
    def _compute_score(self):
        for indicator in self:
            score = indicator._get_value_score(
                indicator.actual_value if indicator.has_actual else None
            )
            indicator.has_score = score is not None
            indicator.score = score or 0.0

    def _get_value_score(self, value, capped=True):
        """Score (in %) the indicator gets for the actual ``value`` (``None``
        for ``None``), by its own scoring; without its cap when ``capped`` is
        false (the pace compares figures beyond the cap too)."""
        self.ensure_one()
        # Inverted bounds are refused by _check_target; until then they must
        # not break the computation.
        range_min, range_max = sorted((self.range_min, self.range_max))
        return scoring.compute_score(
            self.target_value,
            value,
            direction=self.direction or "higher",
            curve=self.curve or "linear",
            threshold=self.threshold,
            cap=self.cap if capped else 0.0,
            range_min=range_min,
            range_max=range_max,
            steps=self._get_score_steps(),
        )

    def _get_score_steps(self):
        """Bands used by the stepped curve; ``None`` uses the default bands."""
        self.ensure_one()
        return None

    @api.constrains("weight")
    def _check_weight(self):
        for indicator in self:
            if not scoring.is_valid_weight(indicator.weight):
                raise ValidationError(
                    self.env._(
                        "The weight of indicator %(name)s must be greater than 0. "
                        "Enter a positive weight.",
                        name=indicator.name,
                    )
                )

    @api.constrains("direction", "target_value", "range_min", "range_max")
    def _check_target(self):
        for indicator in self:
            if indicator.direction == "lower" and indicator.target_value < 0:
                raise ValidationError(
                    self.env._(
                        "Indicator %(name)s is lower-is-better, so its target "
                        "cannot be negative. Enter a target of 0 or more.",
                        name=indicator.name,
                    )
                )
            if indicator.direction != "range":
                continue
            # Float bounds cannot be empty: 0 and 0 means no range was entered,
            # and would score an actual equal to the target 0. A decomposed
            # child takes its bounds from its parent's: a month of weight 0
            # gets the range 0 to 0 on purpose.
            if (
                not indicator.range_min
                and not indicator.range_max
                and not indicator.decomposition_key
            ):
                raise ValidationError(
                    self.env._(
                        "Indicator %(name)s is scored within a range: enter its "
                        "range minimum and maximum (both are 0 now).",
                        name=indicator.name,
                    )
                )
            if indicator.range_min > indicator.range_max:
                raise ValidationError(
                    self.env._(
                        "The range minimum of indicator %(name)s is above its "
                        "maximum. Enter a minimum lower than or equal to the "
                        "maximum.",
                        name=indicator.name,
                    )
                )

    @api.constrains("cap", "threshold")
    def _check_cap_threshold(self):
        for indicator in self:
            if indicator.cap and indicator.cap < 100:
                raise ValidationError(
                    self.env._(
                        "The cap of indicator %(name)s must be at least 100 %% "
                        "(or 0 for no cap).",
                        name=indicator.name,
                    )
                )
            if not 0 <= indicator.threshold <= 100:
                raise ValidationError(
                    self.env._(
                        "The threshold of indicator %(name)s must be between "
                        "0 %% and 100 %%.",
                        name=indicator.name,
                    )
                )

    @api.onchange("actual_value")
    def _onchange_actual_value(self):
        # The form sends has_actual with the record, so reflect the edit here.
        # Comparing with the saved value ignores the onchange of a new record's
        # defaults; an actual of 0 is confirmed by ticking has_actual.
        if self.actual_value != self._origin.actual_value:
            self.has_actual = True

    @api.onchange("objective_id", "dimension")
    def _onchange_policy_weight(self):
        # Forms always send a weight, so a new indicator takes the policy's
        # weight here rather than in create.
        if self._origin or not self.objective_id:
            return
        self.weight = self._get_policy_weight(self.objective_id, self.dimension) or 1.0

    @api.model
    def _get_policy_weight(self, objective, dimension, policies=None):
        """Weight the level policy of ``objective`` gives ``dimension`` (or 0).

        ``policies`` is an optional dict caching the policies by company and level.
        """
        policies = {} if policies is None else policies
        key = (objective.company_id.id, objective.level)
        if key not in policies:
            policies[key] = self.env["perf.level.policy"]._get_policy(
                objective.company_id, objective.level
            )
        return policies[key]._get_dimension_weights().get(dimension, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        objectives = self.env["perf.objective"].browse(
            {vals["objective_id"] for vals in vals_list if vals.get("objective_id")}
        )
        objectives._ensure_not_own(
            self.env._(
                "You cannot add indicators to %(name)s: it is your own objective "
                "and its targets are set from above. Ask your manager or a "
                "performance administrator."
            )
        )
        # Even with default values, a new indicator changes the progress of
        # its objective.
        objectives.period_id._ensure_open()
        policies = {}
        for vals in vals_list:
            # Forms and copies send an actual of 0 for a figure nobody entered:
            # on creation only a non-zero actual (or has_actual) counts.
            if "has_actual" not in vals and vals.get("actual_value"):
                vals["has_actual"] = True
            if "weight" not in vals and vals.get("objective_id"):
                weight = self._get_policy_weight(
                    self.env["perf.objective"].browse(vals["objective_id"]),
                    vals.get("dimension") or "result",
                    policies,
                )
                if weight:
                    vals["weight"] = weight
        return super().create(vals_list)

    def write(self, vals):
        self._ensure_typed_values(vals)
        self._ensure_employee_fields(
            vals,
            EMPLOYEE_FIELDS,
            self.env._(
                "You can only enter the actual value of your indicators. Ask "
                "your manager to change %(fields)s."
            ),
        )
        self._ensure_actual_kept(vals)
        if any(field in vals for field in SCORE_FIELDS):
            # The stored period comes with the indicator's own row: no join.
            self.period_id._ensure_open()
            if vals.get("objective_id"):
                self.env["perf.objective"].browse(
                    vals["objective_id"]
                ).period_id._ensure_open()
        if "actual_value" in vals and "has_actual" not in vals:
            vals = dict(vals, has_actual=True)
        edited = self._get_hand_edited_targets(vals)
        result = super().write(vals)
        self._ensure_access_after_move(vals)
        if edited:
            edited.objective_id.write({"is_manually_edited": True})
        return result

    def _ensure_actual_kept(self, vals):
        """An actual once entered is corrected, never cleared, except by whoever
        manages the indicator: clearing it would take a bad result out of the
        score."""
        if "has_actual" not in vals or vals["has_actual"] or self.env.su:
            return
        refused = self.filtered("has_actual") - self._perf_may_manage()
        if refused:
            raise AccessError(
                self.env._(
                    "You cannot clear the actual value of indicator %(name)s: "
                    "correct it instead. Only a manager of the team (for another "
                    "person's objective) or a performance administrator can clear "
                    "it.",
                    name=refused[0].name,
                )
            )

    def _get_hand_edited_targets(self, vals):
        """Decomposed indicators whose targets this write changes by hand."""
        if self.env.context.get("perf_decomposition") or not any(
            field in vals for field in TARGET_FIELDS
        ):
            return self.browse()
        return self.filtered(
            lambda indicator: indicator.decomposition_key
            and any(
                field in vals
                and float_compare(indicator[field], float(vals[field] or 0), 6)
                for field in TARGET_FIELDS
            )
        )

    def unlink(self):
        self._ensure_may_manage(
            self.env._(
                "You cannot delete indicator %(name)s: only a manager of its team "
                "(not the owner of its objective) or a performance administrator "
                "can."
            )
        )
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        # Deleting an indicator changes the frozen progress of its objective.
        self.period_id._ensure_open()

    def action_enter_actual(self):
        """Open the indicator in a dialog: an employee, who cannot edit the
        objective itself, enters the actual of their indicator there."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enter the actual of %(name)s", name=self.name),
            "res_model": "perf.indicator",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_clear_actual(self):
        """Forget the actual value: the indicator has no score until a new one.

        Only for who manages the indicator (see ``_ensure_actual_kept``)."""
        self.write({"actual_value": 0.0, "has_actual": False})
        return True
