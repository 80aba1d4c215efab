"""Who has to check in now, and who has been silent.

An indicator has a *check-in duty* (``has_checkin_duty``) while someone is
expected to enter its actual by hand: its period is open and covers today,
its objective is active and belongs to an employee (still employed) or to a
post, and its actual is not derived from parts (those show their parts'
figures). Addons add their own exceptions (an actual a KPI computes) by
extending :meth:`PerfIndicator._get_checkin_duty_domain`.

Its *silence* (``checkin_silence``) says how long nobody checked in:
``never``, ``late`` (the last check-in is at least the company's check-in
reminder delay old, the delay after which the owner is reminded) or
``recent``. Managers read it in Who Has Not Checked In, the silent first:
never checked in, then the oldest last check-in.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

CHECKIN_SILENCES = [
    ("never", "Never Checked In"),
    ("late", "Late"),
    ("recent", "Up to Date"),
]


class PerfIndicator(models.Model):
    _inherit = "perf.indicator"

    has_checkin = fields.Boolean(
        string="Checked In",
        compute="_compute_has_checkin",
        store=True,
        help="Someone checked in on the indicator at least once.",
    )
    objective_employee_id = fields.Many2one(
        related="objective_id.employee_id",
        store=True,
        precompute=True,
        string="Employee",
    )
    has_checkin_duty = fields.Boolean(
        string="Check-in Duty",
        compute="_compute_has_checkin_duty",
        search="_search_has_checkin_duty",
        help="Someone has to check in on the indicator now: its period is open "
        "and covers today, it belongs to an employee or a post, and its actual "
        "is entered by hand.",
    )
    checkin_silence = fields.Selection(
        CHECKIN_SILENCES,
        string="Check-in Status",
        compute="_compute_checkin_silence",
        help="Never checked in; late when the last check-in is as old as the "
        "company's check-in reminder delay; up to date otherwise.",
    )

    @api.depends("last_checkin_id")
    def _compute_has_checkin(self):
        for indicator in self:
            indicator.has_checkin = bool(indicator.last_checkin_id)

    @api.depends_context("checkin_today")
    @api.depends("period_id.state", "objective_id.active", "is_actual_derived")
    def _compute_has_checkin_duty(self):
        due = self.browse()
        if self.ids:
            due = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    expression.AND(
                        [[("id", "in", self.ids)], self._get_checkin_duty_domain()]
                    )
                )
            )
        for indicator in self:
            indicator.has_checkin_duty = indicator._origin in due

    def _search_has_checkin_duty(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the check-in duty with yes or no only."))
        domain = self._get_checkin_duty_domain()
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.model
    def _get_checkin_duty_domain(self):
        """Domain of the indicators someone has to check in on today (see the
        module docstring); addons narrow it."""
        today = self._checkin_today()
        return [
            ("period_id.state", "=", "open"),
            ("period_id.date_start", "<=", today),
            ("period_id.date_end", ">=", today),
            ("objective_id.active", "=", True),
            ("is_actual_derived", "=", False),
            "|",
            "&",
            ("objective_id.level", "=", "employee"),
            ("objective_id.employee_id.active", "=", True),
            ("objective_id.level", "=", "post"),
        ]

    @api.depends_context("checkin_today")
    @api.depends("last_checkin_date", "company_id.perf_checkin_reminder_days")
    def _compute_checkin_silence(self):
        today = self._checkin_today()
        for indicator in self:
            if not indicator.last_checkin_date:
                indicator.checkin_silence = "never"
                continue
            delay = indicator.company_id.perf_checkin_reminder_days
            late = (today - indicator.last_checkin_date).days >= delay
            indicator.checkin_silence = "late" if late else "recent"
