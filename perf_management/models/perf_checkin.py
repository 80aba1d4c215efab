from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CONFIDENCES = [
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("off_track", "Off track"),
]
# Worst first: the confidence of an objective is the worst of what it holds.
CONFIDENCE_RANKS = {"off_track": 0, "at_risk": 1, "on_track": 2}
# What an administrator may change on a check-in: it is never edited, only
# archived; a correction is a new check-in.
ADMIN_FIELDS = {"active"}


class PerfCheckin(models.Model):
    """A check-in: the value an indicator reached on a day, with the author's
    confidence in meeting the target and a comment.

    Creating a check-in writes the indicator's actual as the author, so the
    indicator's own access rules, locked periods and the rollup apply; the
    check-in itself is only created after that write succeeded.

    The confidence is the author's own statement about reaching the target,
    except that a check-in whose value reaches the target (the indicator
    scores 100 % or more, a key result is achieved) is on track: a done
    figure is never "off track".
    """

    _name = "perf.checkin"
    _description = "Check-in"
    _inherit = ["mail.thread", "perf.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # Managers comment on the check-ins of their team, which they only read.
    _mail_post_access = "read"
    _rec_name = "indicator_id"

    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    indicator_id = fields.Many2one(
        "perf.indicator",
        required=True,
        ondelete="cascade",
        index=True,
    )
    objective_id = fields.Many2one(
        related="indicator_id.objective_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="indicator_id.company_id", store=True, index=True, precompute=True
    )
    period_id = fields.Many2one(
        related="indicator_id.period_id", store=True, index=True, precompute=True
    )
    unit = fields.Char(related="indicator_id.unit")
    target_value = fields.Float(related="indicator_id.target_value", string="Target")
    pace_status = fields.Selection(
        related="indicator_id.pace_status",
        string="Pace Today",
        help="Where the indicator stands today against where it should be: "
        "ahead, on track or behind.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        precompute=True,
        index=True,
        help="Whose figure the check-in is: the employee of the objective, or "
        "the author for objectives of a post, department or the company.",
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    value = fields.Float(required=True, aggregator="avg")
    previous_value = fields.Float(readonly=True, aggregator=None)
    has_previous_value = fields.Boolean(
        readonly=True,
        help="The indicator had an actual before this check-in: undoing the "
        "check-in puts it back.",
    )
    confidence = fields.Selection(CONFIDENCES, required=True, default="on_track")
    comment = fields.Text()
    score = fields.Float(
        string="Score after (%)",
        readonly=True,
        aggregator="avg",
        help="Score of the indicator right after the check-in.",
    )
    # Archiving a check-in takes a figure out of the history: tracked here,
    # and said on the indicator (see write).
    active = fields.Boolean(default=True, tracking=True)
    is_latest = fields.Boolean(
        string="Latest",
        compute="_compute_is_latest",
        store=True,
        help="The latest active check-in of its indicator.",
    )

    @api.depends("indicator_id.last_checkin_id")
    def _compute_is_latest(self):
        for checkin in self:
            checkin.is_latest = checkin.indicator_id.last_checkin_id == checkin

    @api.depends("indicator_id", "user_id")
    def _compute_employee_id(self):
        for checkin in self:
            objective = checkin.indicator_id.objective_id.sudo()
            checkin.employee_id = (
                objective.employee_id
                or (
                    checkin.user_id.sudo().employee_ids.filtered(
                        lambda employee, c=objective.company_id: employee.company_id
                        == c
                    )[:1]
                )
            )

    @api.model
    def _ensure_confidence(self, confidence):
        if confidence not in CONFIDENCE_RANKS:
            raise ValidationError(
                self.env._(
                    "%(confidence)r is not a confidence. Choose on track, at risk "
                    "or off track.",
                    confidence=confidence,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        """Every check-in enters its actual, whoever creates it: the author's
        right is checked and the actual written as the author first; only
        then is the check-in itself recorded, as superuser."""
        for vals in vals_list:
            # Before the actual is entered: a comment too long refuses all.
            self._ensure_typed_values(vals)
        prepared = [self._prepare_checkin(vals) for vals in vals_list]
        checkins = super(
            PerfCheckin,
            self.sudo().with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True
            ),
        ).create(prepared)
        for checkin in checkins:
            indicator = checkin.indicator_id
            followers = (
                self.env.user.partner_id | indicator._get_checkin_owners().partner_id
            )
            checkin.message_subscribe(partner_ids=followers.ids)
        checkins.indicator_id._close_checkin_activities(self.env.user)
        return checkins.sudo(False)

    @api.model
    def _prepare_checkin(self, vals):
        """Check the check-in and enter its actual; return the values to record."""
        vals = dict(vals)
        if not vals.get("indicator_id"):
            raise UserError(self.env._("Choose the indicator to check in on."))
        indicator = self.env["perf.indicator"].browse(vals["indicator_id"]).exists()
        if not indicator:
            raise UserError(
                self.env._("The indicator to check in on no longer exists.")
            )
        vals.setdefault("confidence", "on_track")
        self._ensure_confidence(vals["confidence"])
        indicator._ensure_checkin_allowed()
        vals["value"] = indicator._get_checkin_value(vals)
        had_actual = indicator.has_actual
        previous = indicator.actual_value if had_actual else 0.0
        indicator._write_checkin_actual(vals["value"])
        if indicator._reaches_target():
            # Nothing left to doubt: a figure at its target is on track.
            vals["confidence"] = "on_track"
        vals.update(
            user_id=self.env.uid,
            date=fields.Date.context_today(self),
            previous_value=previous,
            has_previous_value=had_actual,
            active=True,
            **indicator._get_checkin_snapshot(),
        )
        return vals

    def write(self, vals):
        if not self.env.su:
            forbidden = {
                f for f in set(vals) - ADMIN_FIELDS if not f.startswith("message_")
            }
            if forbidden:
                raise UserError(
                    self.env._(
                        "A check-in cannot be changed once recorded. To correct "
                        "it, check in again: the history keeps both."
                    )
                )
            if not self.env.user.has_group("perf_management.group_perf_admin"):
                raise UserError(
                    self.env._("Only a performance administrator archives check-ins.")
                )
        moved = (
            self.filtered(lambda checkin: checkin.active != bool(vals["active"]))
            if "active" in vals
            else self.browse()
        )
        result = super().write(vals)
        moved._post_archiving()
        return result

    def _post_archiving(self):
        """Say on each indicator which of its check-ins was archived (or
        restored), with its value: the chatter's author is who did it."""
        for checkin in self:
            params = {
                "date": checkin.date,
                "author": checkin.user_id.name,
                "value": checkin.value,
            }
            if checkin.active:
                body = self.env._(
                    "Check-in of %(date)s by %(author)s (value %(value)s) restored.",
                    **params,
                )
            else:
                body = self.env._(
                    "Check-in of %(date)s by %(author)s (value %(value)s) archived.",
                    **params,
                )
            checkin.indicator_id.sudo().message_post(
                body=body, author_id=self.env.user.partner_id.id
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Check-ins are part of the history and cannot be deleted. An "
                "administrator may archive a wrong one; to correct it, check in "
                "again."
            )
        )

    def action_open_trend(self):
        """The trend of the indicators of these check-ins (of those the list
        shows, ``active_domain``, when none is selected): the value each held
        day by day, a line per indicator."""
        checkins = self or self.search(self.env.context.get("active_domain") or [])
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_checkin_trend_action"
        )
        indicators = checkins.indicator_id
        action["domain"] = [("indicator_id", "in", indicators.ids)]
        if len(indicators) == 1:
            action["name"] = self.env._("Trend of %(name)s", name=indicators.name)
        return action
