from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import okr_scoring
from .perf_okr_milestone import NEW_KEY_RESULTS


class PerfIndicator(models.Model):
    """Key results: the indicators of an OKR, scored from 0.0 to 1.0."""

    _inherit = "perf.indicator"

    kr_type = fields.Selection(
        okr_scoring.KR_TYPES,
        string="Key Result Type",
        help="Set on the indicators of an OKR: how the key result is measured "
        "and scored from 0.0 to 1.0.",
    )
    is_okr = fields.Boolean(related="objective_id.is_okr")
    okr_type = fields.Selection(related="objective_id.okr_type")
    okr_start_value = fields.Float(
        string="Start Value",
        tracking=True,
        aggregator=None,
        help="Where a metric key result starts: its score is the share of the "
        "way from the start value to the target.",
    )
    milestone_ids = fields.One2many(
        "perf.okr.milestone", "indicator_id", string="Milestones", copy=True
    )
    okr_score = fields.Float(
        string="OKR Score",
        compute="_compute_score",
        store=True,
        precompute=True,
        digits=(16, 2),
        aggregator="avg",
        help="Score of the key result from 0.0 to 1.0, as OKR practice scores.",
    )
    is_achieved = fields.Boolean(
        string="Achieved",
        compute="_compute_is_achieved",
        help="The score reaches the success line of the OKR (company setting: "
        "1.0 for committed OKRs, 0.7 for aspirational ones by default).",
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
        "kr_type",
        "okr_start_value",
        "milestone_ids",
    )
    def _compute_score(self):
        """Key results are scored the OKR way (see :meth:`_get_value_score`);
        their score in % (used by the rollup) is the OKR score x 100."""
        result = super()._compute_score()
        for indicator in self:
            indicator.okr_score = indicator.score / 100 if indicator.kr_type else 0.0
        return result

    @api.depends("okr_score", "kr_type", "objective_id.okr_type", "company_id")
    def _compute_is_achieved(self):
        for indicator in self:
            indicator.is_achieved = bool(
                indicator.kr_type
                and indicator.has_actual
                and okr_scoring.is_achieved(
                    indicator.okr_score,
                    indicator.company_id._get_okr_success_line(
                        indicator.objective_id.okr_type
                    ),
                )
            )

    @api.constrains("kr_type", "okr_start_value", "target_value")
    def _check_key_result(self):
        for indicator in self:
            if (
                indicator.kr_type == "metric"
                and indicator.okr_start_value == indicator.target_value
            ):
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s starts at its target (%(value)s), "
                        "so there is no way to go. Enter a start value different "
                        "from the target.",
                        name=indicator.name,
                        value=indicator.target_value,
                    )
                )
            if indicator.kr_type == "percentage" and not (
                0 < indicator.target_value <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s is a percentage: enter a target "
                        "between 0 and 100 %%.",
                        name=indicator.name,
                    )
                )

    @api.onchange("kr_type")
    def _onchange_kr_type(self):
        if self.kr_type == "binary":
            self.target_value = 1.0
        elif self.kr_type == "percentage" and not 0 < self.target_value <= 100:
            self.target_value = 100.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("kr_type") == "binary" and "target_value" not in vals:
                vals["target_value"] = 1.0
        indicators = super(
            PerfIndicator, self.with_context(perf_new_key_results=NEW_KEY_RESULTS)
        ).create(vals_list)
        indicators = indicators.with_env(self.env)
        indicators._sync_milestone_target()
        return indicators

    def _is_in_do(self):
        """Whether the key result's cycle is in its Do phase."""
        self.ensure_one()
        return self.sudo().period_id.cycle_id.phase == "do"

    def _ensure_milestones_editable(self, new=False):
        """Refuse a change of the milestones of these key results unless the
        user may set their target (the number of milestones is the target);
        during the Do phase, unless a reason is given (``new``: the key
        results are being created, their milestones are their first target).
        Return the reason, empty when none was given."""
        self._ensure_may_manage(
            self.env._(
                "You cannot change the milestones of key result %(name)s: they "
                "make its target, which only a manager of its team (not the "
                "owner of its objective) or a performance administrator sets."
            )
        )
        self.period_id._ensure_open()
        reason = self._get_change_reason()
        in_do = self.filtered(lambda indicator: indicator._is_in_do())
        if in_do and not reason and not new:
            raise UserError(
                self.env._(
                    "The milestones of key result %(name)s make its target: "
                    "cycle %(cycle)s is in its Do phase, so they change only "
                    "with a reason. Use Change Target and say why.",
                    name=in_do[0].name,
                    cycle=in_do[0].sudo().period_id.cycle_id.name,
                )
            )
        return reason

    def _post_milestone_reason(self, change, reason):
        """Keep a change of milestones made during the Do phase, and its
        reason, in the key result's chatter."""
        self.ensure_one()
        if reason and self._is_in_do():
            self.message_post(
                body=self.env._(
                    "%(change)s during the Do phase: %(reason)s",
                    change=change,
                    reason=reason,
                )
            )

    def _sync_milestone_target(self):
        """The target of a milestone key result is its number of steps."""
        for indicator in self.filtered(lambda i: i.kr_type == "milestone"):
            steps = len(indicator.milestone_ids)
            if indicator.target_value != steps:
                indicator.sudo().with_context(perf_decomposition=True).write(
                    {"target_value": steps}
                )

    def _get_expected_value(self, share):
        if not self.kr_type:
            return super()._get_expected_value(share)
        return okr_scoring.expected_value(
            self.kr_type,
            share,
            target=self.target_value,
            start=self.okr_start_value,
            steps=len(self.milestone_ids),
        )

    def _reaches_target(self, value=None):
        """A key result reaches its target once achieved: its score reaches
        the success line of its OKR (1.0 committed, 0.7 aspirational by
        default)."""
        if not self.kr_type:
            return super()._reaches_target(value)
        if value is None:
            if not self.has_actual:
                return False
            value = self.actual_value
        return okr_scoring.is_achieved(
            (self._get_value_score(value) or 0.0) / 100,
            (self.company_id or self.env.company)._get_okr_success_line(
                self.objective_id.okr_type
            ),
        )

    @api.depends(
        "kr_type",
        "okr_score",
        "objective_id.okr_type",
        "company_id.okr_success_line_committed",
        "company_id.okr_success_line_aspirational",
    )
    def _compute_confidence(self):
        return super()._compute_confidence()

    def _is_unusual_checkin_value(self, value):
        """Steps and done-or-not are counted, never slipped: only metric and
        percentage key results are checked."""
        if self.kr_type in ("milestone", "binary"):
            return False
        return super()._is_unusual_checkin_value(value)

    def _get_value_score(self, value, capped=True):
        """A key result scores the OKR way, its score in % being the OKR score
        x 100 (never above 100, so the cap changes nothing)."""
        if not self.kr_type:
            return super()._get_value_score(value, capped=capped)
        if value is None:
            return None
        return 100 * okr_scoring.okr_score(
            self.kr_type,
            value,
            target=self.target_value,
            start=self.okr_start_value,
            steps=len(self.milestone_ids),
        )

    def _get_checkin_value(self, vals):
        """Milestones: the number of steps reached (or the step reached);
        binary: 0 or 1; percentage: 0 to 100. A check-in names only a step of
        its own milestone key result, never another key result's."""
        if vals.get("milestone_id"):
            milestone = self.milestone_ids.filtered(
                lambda step: step.id == vals["milestone_id"]
            )
            if not milestone or self.kr_type != "milestone":
                raise ValidationError(
                    self.env._(
                        "This milestone is not a step of key result %(name)s. "
                        "Choose one of its own steps.",
                        name=self.name,
                    )
                )
            return float(milestone.position)
        value = super()._get_checkin_value(vals)
        if self.kr_type == "milestone":
            steps = len(self.milestone_ids)
            if value != int(value) or not 0 <= value <= steps:
                raise ValidationError(
                    self.env._(
                        "Key result %(name)s has %(steps)s milestones: enter the "
                        "number of steps reached, from 0 to %(steps)s.",
                        name=self.name,
                        steps=steps,
                    )
                )
        elif self.kr_type == "binary" and value not in (0, 1):
            raise ValidationError(
                self.env._(
                    "Key result %(name)s is done or not: enter 1 when done, 0 "
                    "otherwise.",
                    name=self.name,
                )
            )
        elif self.kr_type == "percentage" and not 0 <= value <= 100:
            raise ValidationError(
                self.env._(
                    "Key result %(name)s is a percentage: enter a value between "
                    "0 and 100.",
                    name=self.name,
                )
            )
        return value

    def _get_checkin_snapshot(self):
        snapshot = super()._get_checkin_snapshot()
        if self.kr_type:
            snapshot["okr_score"] = self.okr_score
        return snapshot
