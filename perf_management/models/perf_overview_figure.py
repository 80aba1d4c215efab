from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import formatLang

from ..tools.vocabulary import LEVELS

SECTIONS = [
    ("cascade", "Cascade"),
    ("checkin", "Check-ins"),
    ("appraisal", "Appraisals"),
]
TONES = [
    ("neutral", "Neutral"),
    ("success", "Good"),
    ("warning", "Watch"),
    ("danger", "Alert"),
]
#: States of an appraisal still to finish.
OPEN_APPRAISAL_STATES = ("draft", "self_review", "manager_review", "calibration")


class PerfOverviewFigure(models.Model):
    """A card of the Performance overview: one figure over the records a
    domain selects, and the action that opens those records.

    The figures are defined in Python (:meth:`_get_figure_specs`, which
    addons extend) and named by the ``code`` of a record of this model,
    which gives the card its title, section and order. Every figure is read
    with the user's own rights: a manager's overview counts what the record
    rules let them read (their team's records, the company's objectives),
    an administrator's what their selected companies hold. Nothing is read
    as superuser.
    """

    _name = "perf.overview.figure"
    _description = "Performance Overview Figure"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True)
    code = fields.Char(
        required=True,
        help="Names the definition of the figure (see _get_figure_specs).",
    )
    section = fields.Selection(
        SECTIONS, required=True, group_expand="_group_expand_section"
    )
    sequence = fields.Integer(default=10)
    tone = fields.Selection(TONES, required=True, default="neutral")
    value = fields.Float(compute="_compute_value")
    value_display = fields.Char(string="Figure", compute="_compute_value")
    detail = fields.Char(compute="_compute_value")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each overview figure has its own code."),
    ]

    @api.model
    def _group_expand_section(self, sections, domain):
        # The sections in the order of the method, not alphabetically.
        order = [value for value, _label in self._fields["section"].selection]
        return sorted(set(sections), key=order.index)

    # ------------------------------------------------------------------
    # What each figure counts
    # ------------------------------------------------------------------

    @api.model
    def _get_today(self):
        """Today for the figures (a context key lets tests move it)."""
        today = self.env.context.get("perf_overview_today")
        return fields.Date.to_date(today) if today else fields.Date.context_today(self)

    @api.model
    def _get_figure_specs(self):
        """``{code: spec}`` of every figure. A spec is a dict:

        * ``model`` and ``domain``: the records behind the figure, read with
          the user's rights; ``action`` (xml id of a window action) and
          ``context`` open them;
        * ``measure``: the aggregate shown, ``__count`` by default, or an
          average such as ``progress:avg`` with ``unit`` ``%``;
        * ``details``: ``[(label, aggregate, unit)]`` shown under the figure;
        * ``breakdown``: a field whose values are counted under the figure;
        * ``note``: a few words shown first (the time span, say).

        Addons add their figures by extending this method.
        """
        today = self._get_today()
        return {
            **self._get_cascade_specs(today),
            **self._get_checkin_specs(today),
            **self._get_appraisal_specs(today),
        }

    @api.model
    def _get_running_year_domain(self, today):
        """Objectives (or indicators) of the year period running ``today``."""
        return [
            ("period_id.period_type", "=", "year"),
            ("period_id.date_start", "<=", fields.Date.to_string(today)),
            ("period_id.date_end", ">=", fields.Date.to_string(today)),
        ]

    @api.model
    def _get_cascade_specs(self, today):
        """The progress of the year's objectives by level (completion to
        date, averaged over the measured objectives), those nothing measures
        yet, and the decompositions whose children no longer add up."""
        running_year = self._get_running_year_domain(today)
        specs = {
            f"progress_{level}": {
                "model": "perf.objective",
                "domain": [
                    *running_year,
                    ("level", "=", level),
                    ("is_measured", "=", True),
                ],
                "measure": "progress:avg",
                "unit": "%",
                # Each measure of the objectives is one more line here, e.g.
                # (self.env._("Expected"), "expected_progress:avg", "%").
                "details": [(self.env._("Measured objectives"), "__count", None)],
                "action": "perf_management.perf_overview_objective_action",
            }
            for level, _label in LEVELS
        }
        specs["not_measured"] = {
            "model": "perf.objective",
            "domain": [*running_year, ("is_measured", "=", False)],
            "breakdown": "level",
            "action": "perf_management.perf_objective_action",
        }
        specs["split_outdated"] = {
            "model": "perf.objective",
            "domain": [
                ("period_id.state", "=", "open"),
                ("is_split_outdated", "=", True),
            ],
            "action": "perf_management.perf_objective_action",
        }
        return specs

    @api.model
    def _get_checkin_specs(self, today):
        """Check-ins of the last days (the company's reminder delay), and the
        people who have not checked in for that long on indicators they own:
        those whom the reminder job reminds (see ``_get_stale_indicators``)."""
        days = self.env.company.perf_checkin_reminder_days
        since = today - timedelta(days=days)
        silent = self._get_silent_employees(today)
        return {
            "checkins": {
                "model": "perf.checkin",
                "domain": [
                    ("date", ">", fields.Date.to_string(since)),
                    ("date", "<=", fields.Date.to_string(today)),
                ],
                "details": [
                    (self.env._("People"), "user_id:count_distinct", None),
                ],
                "note": self.env._("Last %(days)s days", days=days),
                "action": "perf_management.perf_overview_checkin_action",
            },
            "silent": {
                "model": "hr.employee.public",
                "domain": [("id", "in", silent.ids)],
                "note": self.env._("No check-in for %(days)s days", days=days),
                "action": "perf_management.perf_overview_silent_action",
            },
        }

    @api.model
    def _get_silent_employees(self, today):
        """Employees with a check-in duty who have not checked in lately.

        Their duty: indicators of running periods that nobody has checked in
        on for the company's reminder delay (those the reminder job reminds
        of, see ``_get_stale_indicators``), whose owner they are (the
        employee of the objective, or a holder of its post) and on which
        they may check in (they have a user). Silent: no check-in of theirs
        in the last days. Everything is read with the current user's rights.
        """
        indicators = self.env["perf.indicator"]._get_stale_indicators(today)
        objectives = indicators.objective_id
        domains = [[("id", "in", objectives.employee_id.ids)]]
        for objective in objectives.filtered(
            lambda objective: objective.level == "post" and objective.job_id
        ):
            domain = [("job_id", "=", objective.job_id.id)]
            if objective.department_id:
                domain.append(("department_id", "=", objective.department_id.id))
            domains.append(domain)
        owners = self.env["hr.employee.public"].search(
            expression.AND([expression.OR(domains), [("user_id", "!=", False)]])
        )
        since = today - timedelta(days=self.env.company.perf_checkin_reminder_days)
        authors = {
            user
            for (user,) in self.env["perf.checkin"]._read_group(
                [
                    ("user_id", "in", owners.user_id.ids),
                    ("date", ">", fields.Date.to_string(since)),
                    ("date", "<=", fields.Date.to_string(today)),
                ],
                ["user_id"],
            )
        }
        return owners.filtered(lambda employee: employee.user_id not in authors)

    @api.model
    def _get_appraisal_specs(self, today):
        """Appraisals of the cycles not closed yet: those to finish by state,
        those done, and the distribution of the ratings given."""
        running = [("period_id.cycle_id.phase", "!=", "closed")]
        return {
            "appraisals_open": {
                "model": "perf.appraisal",
                "domain": [*running, ("state", "in", OPEN_APPRAISAL_STATES)],
                "breakdown": "state",
                "action": "perf_management.perf_overview_appraisal_action",
            },
            "appraisals_done": {
                "model": "perf.appraisal",
                "domain": [*running, ("state", "=", "done")],
                "details": [
                    (self.env._("Campaigns"), "campaign_id:count_distinct", None),
                ],
                "action": "perf_management.perf_overview_appraisal_action",
            },
            "ratings": {
                "model": "perf.appraisal",
                "domain": [
                    *running,
                    ("state", "!=", "cancel"),
                    ("rating_band_id", "!=", False),
                ],
                "breakdown": "rating_band_id",
                "action": "perf_management.perf_overview_rating_action",
            },
        }

    # ------------------------------------------------------------------
    # Reading and opening a figure
    # ------------------------------------------------------------------

    @api.depends_context("uid", "allowed_company_ids", "perf_overview_today")
    def _compute_value(self):
        specs = self._get_figure_specs() if self else {}
        for figure in self:
            spec = specs.get(figure.code)
            if spec is None:
                figure.value, figure.value_display, figure.detail = 0.0, "", ""
                continue
            figure.value, figure.value_display, figure.detail = figure._read_figure(
                spec
            )

    def _format_number(self, value, unit=None):
        if value is None:
            return "-"
        text = formatLang(self.env, value, digits=0)
        return f"{text} {unit}" if unit else text

    def _read_figure(self, spec):
        """(value, its text, the detail line) of a figure, in one grouped
        query (and one more for a breakdown)."""
        model = self.env[spec["model"]]
        details = spec.get("details", [])
        measure = spec.get("measure", "__count")
        aggregates = [measure, *(aggregate for _label, aggregate, _unit in details)]
        [(value, *detail_values, count)] = model._read_group(
            spec["domain"], [], [*aggregates, "__count"]
        )
        if not count and measure != "__count":
            # An average of nothing is no figure, not 0.
            value = None
        parts = [spec["note"]] if spec.get("note") else []
        parts += [
            f"{label}: {self._format_number(detail_value, unit)}"
            for (label, _aggregate, unit), detail_value in zip(
                details, detail_values, strict=True
            )
        ]
        breakdown = spec.get("breakdown")
        if breakdown:
            parts += [
                f"{label}: {number}"
                for label, number in self._read_breakdown(
                    model, spec["domain"], breakdown
                )
            ]
        return (
            value or 0.0,
            self._format_number(value, spec.get("unit")),
            " · ".join(parts),
        )

    def _read_breakdown(self, model, domain, fname):
        """``[(label, count)]`` of the records of ``domain`` by ``fname``, in
        the order of the field's selection or of the related records."""
        groups = model._read_group(domain, [fname], ["__count"])
        field = model._fields[fname]
        if field.type != "selection":
            return [
                (value.display_name or self.env._("None"), count)
                for value, count in groups
            ]
        labels = dict(field._description_selection(self.env))
        order = list(labels)
        return [
            (labels.get(value) or self.env._("None"), count)
            for value, count in sorted(
                groups,
                key=lambda group: order.index(group[0])
                if group[0] in order
                else len(order),
            )
        ]

    def action_open(self):
        """Open the records behind the figure."""
        self.ensure_one()
        spec = self._get_figure_specs().get(self.code)
        if spec is None:
            raise UserError(
                self.env._(
                    "The figure %(name)s has no definition any more: the module "
                    "that computed it may have been uninstalled.",
                    name=self.name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(spec["action"])
        action.update(
            name=self.name,
            display_name=self.name,
            domain=spec["domain"],
            context=dict(spec.get("context") or {}),
        )
        return action
