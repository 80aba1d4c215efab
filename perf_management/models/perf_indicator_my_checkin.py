from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

#: The order of the cards of My Check-ins (see the class).
MY_CHECKINS_ORDER = (
    "is_period_over, period_date_end, period_date_start desc, "
    "is_actual_derived, objective_id, sequence, id"
)


class PerfIndicator(models.Model):
    """My Check-ins: the indicators a person checks in on, phone first.

    The cards of the current periods come first, the period ending first
    first (this month, this quarter, then the year; of two ending together,
    the shorter), what people enter before what comes from parts; periods
    that ended but are still open to check-ins come last, marked overdue
    (``is_period_over``, which orders by today's date). Tapping a card opens
    its history; its button checks in.
    """

    _inherit = "perf.indicator"

    # Stored for the order of the cards (a period's own order puts the year
    # before its months).
    period_date_start = fields.Date(
        related="period_id.date_start", store=True, string="Period Start"
    )
    period_date_end = fields.Date(
        related="period_id.date_end", store=True, string="Period End"
    )
    is_period_over = fields.Boolean(
        string="Period Ended",
        compute="_compute_is_period_over",
        help="The period has ended but is still open to check-ins: its final "
        "figure is overdue.",
    )
    is_my_checkin = fields.Boolean(
        compute="_compute_is_my_checkin",
        search="_search_is_my_checkin",
        help="Indicators of open periods that have started, that the current "
        "user owns: those of their own objectives and of the post they hold.",
    )

    @api.depends("period_date_end", "period_id.state")
    @api.depends_context("checkin_today")
    def _compute_is_period_over(self):
        today = self._checkin_today()
        for indicator in self:
            indicator.is_period_over = bool(
                indicator.period_id.state == "open"
                and indicator.period_date_end
                and indicator.period_date_end < today
            )

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name == "is_period_over":
            period_end = self._field_to_sql(alias, "period_date_end", query)
            sql_field = SQL(
                "COALESCE(%s < %s, FALSE)", period_end, self._checkin_today()
            )
            return SQL("%s %s %s", sql_field, direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    @api.depends_context("uid")
    def _compute_is_my_checkin(self):
        mine = self.search([("id", "in", self.ids), ("is_my_checkin", "=", True)])
        for indicator in self:
            indicator.is_my_checkin = indicator in mine

    def _search_is_my_checkin(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search my check-ins with yes or no only."))
        employees = self.env.user.sudo().employee_ids.filtered("active")
        # Periods open to check-ins that have started (nobody checks in on
        # one before it starts).
        domain = [
            ("period_id.state", "=", "open"),
            ("period_id.date_start", "<=", self._checkin_today()),
            "|",
            ("objective_id.employee_id", "in", employees.ids),
            "&",
            ("objective_id.level", "=", "post"),
            ("objective_id.job_id", "in", employees.job_id.ids),
        ]
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    def action_open_checkins(self):
        """History of the indicator's check-ins (cards on a phone, a list on
        a desktop), with their trend; for an indicator whose actual comes
        from its parts, the check-ins of the parts the user reads."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_checkin_action_history"
        )
        if self.is_actual_derived:
            action["domain"] = [("indicator_id", "child_of", self.id)]
            action["context"] = {}
            action["name"] = self.env._(
                "Check-ins of %(name)s: %(parts)s",
                name=self.name,
                parts=self.actual_source,
            )
            return action
        action["domain"] = [("indicator_id", "=", self.id)]
        action["context"] = {"search_default_indicator_id": self.id}
        action["name"] = self.env._("Check-ins of %(name)s", name=self.name)
        return action
