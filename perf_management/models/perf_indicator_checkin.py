from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import bounds, pace
from ..tools.ordering import creation_key
from .perf_checkin import CONFIDENCES


class PerfIndicator(models.Model):
    """Check-ins of an indicator: its history, where it should be today, and
    who may check in on it.

    Where it should be today: ``expected_value`` (the target in proportion to
    the period elapsed for a figure that adds up, by the days or by the
    weights of the sub-periods; the target all along for a rate or a level),
    ``expected_progress`` (the score of that value) and ``pace_status``
    (ahead, on track or behind, see ``tools/pace.py``) from ``pace_gap``: the
    score of the actual minus the score of the expected value, both without
    the cap, so that a budget spent ahead of time is behind even when both
    scores reach the cap. No actual, no pace status.
    """

    _name = "perf.indicator"
    _inherit = ["perf.indicator", "perf.pace.mixin"]

    checkin_ids = fields.One2many("perf.checkin", "indicator_id", string="Check-ins")
    checkin_count = fields.Integer(compute="_compute_checkin_count")
    last_checkin_id = fields.Many2one(
        "perf.checkin",
        string="Last Check-in",
        compute="_compute_last_checkin_id",
        store=True,
        index="btree_not_null",
    )
    last_checkin_date = fields.Date(related="last_checkin_id.date", store=True)
    confidence = fields.Selection(
        CONFIDENCES,
        compute="_compute_confidence",
        store=True,
        help="The confidence of the last check-in in reaching the target: the "
        "author's own statement, except that an actual reaching the target is "
        "on track, whatever was said before.",
    )
    days_since_checkin = fields.Integer(
        string="Days Since Last Check-in",
        compute="_compute_days_since_checkin",
        help="Days since the last check-in, or since the period started when "
        "nobody checked in yet.",
    )
    expected_progress = fields.Float(
        string="Expected Progress (%)",
        compute="_compute_expected",
        aggregator=None,
        help="The score the indicator should have today: the score of the "
        "value expected today. A figure that adds up is expected in proportion "
        "to the period elapsed (evenly over the days, or by the weights of the "
        "sub-periods when the objective was split over time, e.g. by a "
        "seasonal profile); a rate or a level at its target all along.",
    )
    expected_value = fields.Float(
        string="Expected Today",
        compute="_compute_expected",
        aggregator=None,
        help="Where the actual should be today to reach the target on time.",
    )
    checkin_gap = fields.Float(
        string="Gap",
        compute="_compute_expected",
        aggregator=None,
        help="Actual minus the value expected today.",
    )
    pace_gap = fields.Float(
        string="Gap to Expected (points)",
        compute="_compute_expected",
        aggregator=None,
        help="Score of the actual minus the score of the value expected today, "
        "both without the cap, in points.",
    )
    is_behind = fields.Boolean(
        string="Behind",
        compute="_compute_expected",
        help="The pace of the indicator is behind: its actual is further "
        "below where it should be today than the company's limit.",
    )
    pace_status = fields.Selection(
        pace.PACE_STATUSES,
        string="Pace",
        compute="_compute_expected",
        search="_search_pace_status",
        help="Ahead, on track or behind where the indicator should be today, "
        "by the limits of the company's settings. Empty without an actual.",
    )
    can_checkin = fields.Boolean(
        compute="_compute_can_checkin",
        help="Whether the current user may check in on the indicator now.",
    )

    @api.depends("checkin_ids")
    def _compute_checkin_count(self):
        counts = dict(
            self.env["perf.checkin"]._read_group(
                [("indicator_id", "in", self.ids)], ["indicator_id"], ["__count"]
            )
        )
        for indicator in self:
            indicator.checkin_count = counts.get(indicator._origin, 0)

    @api.depends("checkin_ids.active", "checkin_ids.date")
    def _compute_last_checkin_id(self):
        for indicator in self:
            checkins = indicator.checkin_ids.filtered("active")
            indicator.last_checkin_id = (
                max(checkins, key=lambda c: (c.date, creation_key(c)))
                if checkins
                else False
            )

    @api.depends("last_checkin_id.confidence", "has_actual", "actual_value", "score")
    def _compute_confidence(self):
        for indicator in self:
            confidence = indicator.last_checkin_id.confidence
            if confidence and indicator._reaches_target():
                confidence = "on_track"
            indicator.confidence = confidence

    def _reaches_target(self, value=None):
        """Whether ``value`` (by default the actual, ``False`` without one)
        reaches the target: it scores 100 % or more. Then there is nothing
        left to doubt, and its confidence is on track."""
        self.ensure_one()
        if value is None:
            if not self.has_actual:
                return False
            value = self.actual_value
        return (self._get_value_score(value) or 0.0) >= 100.0

    def _is_unusual_checkin_value(self, value):
        """Whether a check-in of ``value`` looks like a slip: far from both the
        current actual and the value expected today (from the target when
        both are 0), see ``tools/pace.py``. The check-in form asks to confirm
        it."""
        self.ensure_one()
        references = [
            self.actual_value if self.has_actual else 0.0,
            self.expected_value,
        ]
        if not any(references):
            references = [self.target_value]
        return pace.is_unusual_value(value, references)

    @api.depends("last_checkin_date", "period_id.date_start")
    @api.depends_context("checkin_today")
    def _compute_days_since_checkin(self):
        today = self._checkin_today()
        for indicator in self:
            since = indicator.last_checkin_date or indicator.period_id.date_start
            indicator.days_since_checkin = max((today - since).days, 0) if since else 0

    @api.depends(
        "target_value",
        "actual_value",
        "has_actual",
        "direction",
        "aggregation",
        "range_min",
        "range_max",
        "threshold",
        "cap",
        "curve",
        "company_id.perf_pace_ahead_points",
        "company_id.perf_pace_behind_points",
    )
    @api.depends_context("checkin_today")
    def _compute_expected(self):
        today = self._checkin_today()
        shares = {}
        for indicator in self:
            objective = indicator.objective_id
            if objective not in shares:
                shares[objective] = objective._get_elapsed_share(today)
            expected = indicator._get_expected_value(shares[objective])
            indicator.expected_value = expected
            indicator.expected_progress = indicator._get_value_score(expected) or 0.0
            indicator.checkin_gap = indicator.actual_value - expected
            gap = None
            if indicator.has_actual:
                gap = indicator._get_value_score(
                    indicator.actual_value, capped=False
                ) - indicator._get_value_score(expected, capped=False)
            indicator.pace_gap = gap or 0.0
            indicator.pace_status = (
                indicator.company_id._get_pace_status(gap)
                if indicator.company_id
                else False
            )
            indicator.is_behind = indicator.pace_status == "behind"

    def _checkin_today(self):
        """Today for the pace of check-ins (a context key lets tests move it)."""
        today = self.env.context.get("checkin_today")
        return fields.Date.to_date(today) if today else fields.Date.context_today(self)

    def _get_expected_value(self, share):
        """Value expected once ``share`` (0-1) of the period is elapsed."""
        self.ensure_one()
        return pace.expected_value(
            self.target_value, share, accumulates=self.aggregation == "sum"
        )

    def _search_pace_status(self, operator, value):
        return self._search_by_pace_status(operator, value, [("has_actual", "=", True)])

    @api.depends_context("uid")
    @api.depends("objective_id", "period_id.state", "is_actual_derived")
    def _compute_can_checkin(self):
        user = self.env.user
        today = fields.Date.context_today(self)
        for indicator in self:
            indicator.can_checkin = bool(
                indicator._origin
                and indicator.period_id.state == "open"
                and indicator.period_id.date_start <= today
                and indicator._is_entered_by_hand()
                and (self.env.su or indicator._origin._may_checkin(user))
            )

    def _is_entered_by_hand(self):
        """Whether people enter the actual of this indicator (check in on it):
        not when it comes from its parts. Addons add their own sources (e.g.
        a KPI computed from other data)."""
        self.ensure_one()
        return not self.is_actual_derived

    # ------------------------------------------------------------------
    # Who checks in
    # ------------------------------------------------------------------

    def _may_checkin(self, user):
        """Whether ``user`` may check in on this indicator.

        The whole policy: the employee of the objective and, for a post
        objective, whoever holds the post; the objective's responsible; a
        manager for the objectives of their team (their departments and
        sub-departments and their subordinates), their own included, since a
        check-in only enters an actual, never a target; a performance
        administrator of the company. Nobody else, and nobody outside the
        companies they may read (the caller checks read access first).
        """
        self.ensure_one()
        objective = self.sudo().objective_id
        if user.has_group("perf_management.group_perf_admin"):
            return True
        if objective.user_id == user:
            return True
        employees = user.sudo().employee_ids
        if objective.employee_id and objective.employee_id in employees:
            return True
        if objective.level == "post" and objective.job_id in employees.job_id:
            return True
        return (
            user.has_group("perf_management.group_perf_manager")
            and objective.with_user(user).is_my_team
        )

    def _ensure_checkin_allowed(self):
        """Raise when the current user may not check in on this indicator now.

        Addons extend it with their own refusals (e.g. actuals computed from
        other data, which nobody enters by hand).
        """
        self.ensure_one()
        if not self.env.su:
            if not self._filtered_access("read") or not self._may_checkin(
                self.env.user
            ):
                raise AccessError(
                    self.env._(
                        "You cannot check in on indicator %(name)s: only the "
                        "employee who owns it, the holder of its post, its "
                        "responsible or a manager of the team can.",
                        name=self.sudo().name,
                    )
                )
        if self.is_actual_derived:
            raise UserError(
                self.env._(
                    "The actual of %(name)s comes from its parts (%(parts)s): "
                    "nobody checks in on it. Check in on the parts instead.",
                    name=self.name,
                    parts=self.sudo().actual_source,
                )
            )
        self.period_id._ensure_open()
        self._ensure_period_started()
        employee = self.sudo().objective_id.employee_id
        if employee and not employee.active:
            raise UserError(
                self.env._(
                    "%(employee)s is archived: nobody checks in on their "
                    "indicator %(name)s any more.",
                    employee=employee.name,
                    name=self.name,
                )
            )

    def _ensure_period_started(self):
        """A check-in says where a figure stands today: nobody checks in on
        a period that has not started yet (the day is the server's, as the
        check-in's date, never one the caller chooses)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        period = self.sudo().period_id
        if period.date_start and period.date_start > today:
            raise UserError(
                self.env._(
                    "Period %(period)s of indicator %(name)s starts on %(date)s: "
                    "check in once it has started.",
                    period=period.name,
                    name=self.name,
                    date=period.date_start,
                )
            )

    def _get_checkin_value(self, vals):
        """The actual a check-in enters, from its ``value`` (or what addons add)."""
        self.ensure_one()
        value = pace.parse_value(vals.get("value"))
        if value is None or not bounds.is_valid_figure(value):
            raise ValidationError(
                self.env._(
                    "%(value)s is not a number in range. Enter the value that "
                    "indicator %(name)s reached, as a number between -%(max)s and "
                    "%(max)s.",
                    value=str(vals.get("value"))[:40],
                    name=self.name,
                    max=f"{bounds.MAX_FIGURE:,.0f}",
                )
            )
        return value

    def _get_checkin_snapshot(self):
        """Values of the indicator that a check-in keeps, right after it."""
        self.ensure_one()
        return {"score": self.score}

    def _write_checkin_actual(self, value):
        """Enter the check-in's value as the actual, with the author's rights.

        The holder of a post is not among the writers of its indicators: their
        right was checked by _ensure_checkin_allowed, so the actual alone is
        written as superuser.
        """
        self.ensure_one()
        vals = {"actual_value": value, "has_actual": True}
        if self._filtered_access("write"):
            self.write(vals)
        else:
            self.sudo().write(vals)

    def _get_checkin_owners(self):
        """Users who check in on these indicators: the active employee of the
        objective, or the active holders of the post."""
        users = self.env["res.users"]
        for indicator in self.sudo():
            objective = indicator.objective_id
            if objective.employee_id:
                employees = objective.employee_id
            elif objective.level == "post":
                employees = objective.job_id.employee_ids
                if objective.department_id:
                    employees = employees.filtered(
                        lambda e, d=objective.department_id: e.department_id == d
                    )
            else:
                continue
            users |= employees.filtered("active").user_id
        return users

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_checkin(self):
        """Open the short check-in form (value, confidence, comment)."""
        self.ensure_one()
        self._ensure_checkin_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check in on %(name)s", name=self.name),
            "res_model": "perf.checkin.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_indicator_id": self.id},
        }
