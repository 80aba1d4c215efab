import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from ..tools import fiscal

_logger = logging.getLogger(__name__)

PHASES = [
    ("plan", "Plan"),
    ("do", "Do"),
    ("check", "Check"),
    ("act", "Act"),
    ("closed", "Closed"),
]
PHASE_ORDER = [phase for phase, _label in PHASES]


class PerfCycle(models.Model):
    """The performance cycle of a company for one fiscal year.

    It owns the period tree (the year, its 4 quarters and 12 months, laid
    out on the fiscal year's month end day, see ``tools/fiscal.py``) and
    follows the PDCA phases: Plan (set goals and targets), Do (act and check
    in), Check (appraise), Act (improve), then Closed.
    """

    _name = "perf.cycle"
    _description = "Performance Cycle"
    _inherit = ["mail.thread", "perf.input.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    year = fields.Integer(
        compute="_compute_year",
        store=True,
        aggregator=None,
        help="Calendar year in which the fiscal year starts.",
    )
    phase = fields.Selection(
        PHASES, required=True, default="plan", tracking=True, copy=False
    )
    phase_help = fields.Text(
        string="What This Phase Allows", compute="_compute_phase_help"
    )
    period_ids = fields.One2many("perf.period", "cycle_id", string="Periods")
    year_period_id = fields.Many2one(
        "perf.period",
        compute="_compute_year_period_id",
        store=True,
    )
    period_count = fields.Integer(compute="_compute_counts")
    objective_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "company_year_uniq",
            "unique(company_id, year)",
            "A company has one performance cycle per fiscal year.",
        ),
    ]

    @api.depends("date_start")
    def _compute_year(self):
        for cycle in self:
            cycle.year = cycle.date_start.year if cycle.date_start else 0

    @api.depends("period_ids.period_type", "period_ids.parent_id")
    def _compute_year_period_id(self):
        for cycle in self:
            cycle.year_period_id = cycle.period_ids.filtered(
                lambda period: period.period_type == "year" and not period.parent_id
            )[:1]

    @api.depends("phase")
    def _compute_phase_help(self):
        texts = {
            "plan": self.env._(
                "Plan: set the goals, decompose them and give every indicator its "
                "target and weight. Nothing is appraised yet."
            ),
            "do": self.env._(
                "Do: people act and check in on their progress. Targets are set: "
                "changing one needs a reason, kept in the indicator's chatter."
            ),
            "check": self.env._(
                "Check: appraise. Results are scored against the targets in self "
                "and manager reviews."
            ),
            "act": self.env._(
                "Act: decide the improvement actions that feed the next plan."
            ),
            "closed": self.env._(
                "Closed: the cycle is over. Its periods are locked: objectives, "
                "indicators, tasks and check-ins can no longer change."
            ),
        }
        for cycle in self:
            cycle.phase_help = texts.get(cycle.phase, "")

    def _compute_counts(self):
        objective_counts = dict(
            self.env["perf.objective"]._read_group(
                [("cycle_id", "in", self.ids)],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.period_count = len(cycle.period_ids)
            cycle.objective_count = objective_counts.get(cycle, 0)

    def _get_used(self):
        """Cycles of ``self`` whose periods hold objectives, archived ones included.

        Archived objectives still reference the periods, so the periods of such
        a cycle cannot be rebuilt or deleted.
        """
        groups = (
            self.env["perf.objective"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("cycle_id", "in", self.ids)], ["cycle_id"])
        )
        used_ids = {cycle.id for (cycle,) in groups}
        return self.filtered(lambda cycle: cycle.id in used_ids)

    @api.constrains("date_start", "date_end", "company_id")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_start > cycle.date_end:
                raise ValidationError(
                    self.env._(
                        "Cycle %(cycle)s ends before it starts. Enter an end date "
                        "after the start date.",
                        cycle=cycle.name,
                    )
                )
            # Twelve months at most: one more day would make a fifth quarter
            # and a thirteenth month.
            if cycle.date_end >= cycle.date_start + relativedelta(years=1):
                raise ValidationError(
                    self.env._(
                        "Cycle %(cycle)s is longer than a year. A cycle covers one "
                        "fiscal year of at most 12 months: end it before "
                        "%(limit)s.",
                        cycle=cycle.name,
                        limit=format_date(
                            self.env, cycle.date_start + relativedelta(years=1)
                        ),
                    )
                )
            overlapping = self.search(
                [
                    ("id", "!=", cycle.id),
                    ("company_id", "=", cycle.company_id.id),
                    ("date_start", "<=", cycle.date_end),
                    ("date_end", ">=", cycle.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Cycle %(cycle)s overlaps cycle %(other)s of the same "
                        "company. Change its dates.",
                        cycle=cycle.name,
                        other=overlapping.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cycles = super().create(vals_list)
        cycles._generate_periods()
        return cycles

    def write(self, vals):
        if "phase" in vals:
            self._ensure_phase_change(vals["phase"])
        dates_changed = {"date_start", "date_end"} & set(vals)
        if dates_changed:
            used = self._get_used()
            if used:
                raise UserError(
                    self.env._(
                        "The dates of cycle %(cycle)s cannot change: its periods "
                        "already have objectives. Create a new cycle instead.",
                        cycle=used[0].name,
                    )
                )
        result = super().write(vals)
        if dates_changed:
            # Periods follow the cycle's dates: rebuild them while unused.
            self.period_ids.filtered(lambda period: not period.parent_id).unlink()
            self._generate_periods()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self._get_used()
        if used:
            raise UserError(
                self.env._(
                    "Cycle %(cycle)s has objectives and cannot be deleted. Close it "
                    "instead.",
                    cycle=used[0].name,
                )
            )

    def _generate_periods(self):
        """Create the year, quarter and month periods of cycles that have none.

        The months follow the fiscal year's end day (see ``tools/fiscal.py``)
        and the quarters group them three by three, so every month lies in
        one quarter and the months of a quarter cover it exactly.
        """
        period_model = self.env["perf.period"]
        for cycle in self.filtered(lambda cycle: not cycle.period_ids):
            layout = fiscal.fiscal_quarters(cycle._get_fiscal_months())
            year = period_model.create(
                {
                    "name": cycle.name,
                    "cycle_id": cycle.id,
                    "period_type": "year",
                    "date_start": cycle.date_start,
                    "date_end": cycle.date_end,
                }
            )
            quarters = period_model.create(
                [
                    {
                        "name": self.env._(
                            "Q%(quarter)s %(cycle)s",
                            quarter=index + 1,
                            cycle=cycle.name,
                        ),
                        "cycle_id": cycle.id,
                        "parent_id": year.id,
                        "period_type": "quarter",
                        "date_start": start,
                        "date_end": end,
                    }
                    for index, (start, end, _months) in enumerate(layout)
                ]
            )
            period_model.create(
                [
                    {
                        # Named after the calendar month holding most of it.
                        "name": format_date(
                            self.env, start + (end - start) / 2, date_format="MMMM y"
                        ),
                        "cycle_id": cycle.id,
                        "parent_id": quarter.id,
                        "period_type": "month",
                        "date_start": start,
                        "date_end": end,
                    }
                    for quarter, (_start, _end, months) in zip(
                        quarters, layout, strict=True
                    )
                    for start, end in months
                ]
            )

    def _get_fiscal_months(self):
        """``(start, end)`` of the cycle's fiscal months, or a clear error."""
        self.ensure_one()
        try:
            return fiscal.fiscal_months(self.date_start, self.date_end)
        except fiscal.LayoutError as error:
            day = fiscal.month_end_day(self.date_end)
            if day is None:
                rule = self.env._("the last day of each month")
            else:
                rule = self.env._("day %(day)s of each month", day=day)
            raise ValidationError(
                self.env._(
                    "Cycle %(cycle)s cannot be cut into whole fiscal months: its "
                    "months end on %(rule)s, as the cycle does on %(end)s, so it "
                    "must start the day after such a month end (not on "
                    "%(start)s) and hold at most 12 months. Change its start or "
                    "end date.",
                    cycle=self.name,
                    rule=rule,
                    end=format_date(self.env, self.date_end),
                    start=format_date(self.env, self.date_start),
                )
            ) from error

    @api.model
    def _prepare_cycle_values(self, company, date_start, date_end):
        if date_start.year == date_end.year:
            name = self.env._("FY %(year)s", year=date_start.year)
        else:
            name = self.env._(
                "FY %(start)s-%(end)s", start=date_start.year, end=date_end.year
            )
        return {
            "name": name,
            "company_id": company.id,
            "date_start": date_start,
            "date_end": date_end,
        }

    @api.model
    def _ensure_cycle(self, company, day):
        """Return the cycle of the company's fiscal year containing ``day``.

        Create it with its periods when no cycle of the company covers any day
        of that fiscal year yet; an overlapping cycle made by hand is returned
        as is, so that running this twice never creates anything twice.
        """
        date_start, date_end = company._get_perf_fiscal_year(day)
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("date_start", "<=", date_end),
                ("date_end", ">=", date_start),
            ],
            limit=1,
        )
        if existing:
            return existing
        return self.create(self._prepare_cycle_values(company, date_start, date_end))

    @api.model
    def _cron_prepare_next_cycles(self, today=None):
        """Make sure every company has the cycle of the running fiscal year, and
        the next one as soon as it starts within the company's lead days.

        Each company is prepared in its own savepoint: a company whose cycle
        cannot be made is logged and skipped, the others are still prepared.
        """
        today = today or fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        cron = self.env["ir.cron"]
        for done, company in enumerate(companies, start=1):
            try:
                with self.env.cr.savepoint():
                    self._prepare_company_cycles(company, today)
            except Exception:
                # One company must not stop the others: log it and go on.
                _logger.exception(
                    "Performance cycles of company %s (id %s) not prepared",
                    company.name,
                    company.id,
                )
            cron._notify_progress(done=done, remaining=len(companies) - done)
        return True

    @api.model
    def _prepare_company_cycles(self, company, today):
        """The cycle of ``company`` for ``today`` and, within the company's
        lead days, the next one."""
        self._ensure_cycle(company, today)
        __, current_end = company._get_perf_fiscal_year(today)
        next_start = current_end + relativedelta(days=1)
        if today >= next_start - relativedelta(days=company.perf_cycle_lead_days):
            self._ensure_cycle(company, next_start)

    def _ensure_phase_change(self, phase):
        """Refuse a phase change the PDCA order does not allow.

        A cycle moves forward one phase at a time (no skipping). It goes back
        only by a performance administrator giving a reason (context key
        ``perf_change_reason``), which is kept in the chatter.
        """
        if phase not in PHASE_ORDER:
            raise ValidationError(
                self.env._("Unknown cycle phase %(phase)s.", phase=phase)
            )
        target = PHASE_ORDER.index(phase)
        reason = self._get_change_reason()
        labels = dict(self._fields["phase"]._description_selection(self.env))
        for cycle in self:
            current = PHASE_ORDER.index(cycle.phase)
            if target == current:
                continue
            if target > current + 1:
                raise UserError(
                    self.env._(
                        "Cycle %(cycle)s is in phase %(current)s and cannot skip to "
                        "%(phase)s: move it to %(next)s first.",
                        cycle=cycle.name,
                        current=labels[cycle.phase],
                        phase=labels[phase],
                        next=labels[PHASE_ORDER[current + 1]],
                    )
                )
            if target < current:
                if not self.env.user.has_group("perf_management.group_perf_admin"):
                    raise UserError(
                        self.env._(
                            "Only a performance administrator can move cycle "
                            "%(cycle)s back to %(phase)s.",
                            cycle=cycle.name,
                            phase=labels[phase],
                        )
                    )
                if not reason:
                    raise UserError(
                        self.env._(
                            "Moving cycle %(cycle)s back from %(current)s to "
                            "%(phase)s needs a reason: give one, it is kept in "
                            "the chatter.",
                            cycle=cycle.name,
                            current=labels[cycle.phase],
                            phase=labels[phase],
                        )
                    )
        if reason:
            for cycle in self.filtered(
                lambda cycle: PHASE_ORDER.index(cycle.phase) > target
            ):
                cycle.message_post(
                    body=self.env._(
                        "Moved back from %(current)s to %(phase)s: %(reason)s",
                        current=labels[cycle.phase],
                        phase=labels[phase],
                        reason=reason,
                    )
                )

    def _set_phase(self, phase):
        self.write({"phase": phase})
        return True

    def action_plan(self):
        return self._set_phase("plan")

    def action_do(self):
        return self._set_phase("do")

    def action_check(self):
        return self._set_phase("check")

    def action_act(self):
        return self._set_phase("act")

    def action_close(self):
        """Close the cycle: its periods are locked, their appraisals being done."""
        self._ensure_phase_change("closed")
        self.period_ids.action_lock()
        return self._set_phase("closed")

    def action_open_phase_back_wizard(self):
        """Ask the administrator for the earlier phase and the reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move the Cycle Back"),
            "res_model": "perf.cycle.phase.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cycle_id": self.id},
        }

    def action_open_periods(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_period_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"default_cycle_id": self.id}
        return action

    def action_open_objectives(self):
        self.ensure_one()
        return self.year_period_id.action_open_objectives()
