"""What a KPI is: its settings and its actions.

Which records a computed KPI may read is checked in ``perf_kpi_source.py``,
how its actual values are computed is told in ``perf_kpi_computation.py``,
how it is hung on objectives in ``perf_kpi_assignment.py``.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.perf_management.tools.vocabulary import level_selection

from ..tools import owner_keys

NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")
# Models a KPI can be attributed to, and the owner level each one feeds.
ATTRIBUTION_MODELS = {
    "hr.employee": owner_keys.EMPLOYEE,
    "res.users": "user",
    "hr.department": owner_keys.DEPARTMENT,
    "res.company": owner_keys.COMPANY,
}
# Settings that say which records a computed KPI reads: whoever saves them
# becomes the user the KPI is computed as.
SOURCE_FIELDS = (
    "source",
    "model_name",
    "model_id",
    "domain",
    "measure_field_name",
    "measure_field_id",
    "date_field_name",
    "date_field_id",
    "attribution_field_name",
    "attribution_field_id",
)


def _indicator_selection(field_name):
    """Selection of a perf.indicator field, so both models stay in step."""

    def selection(self):
        return (
            self.env["perf.indicator"]
            ._fields[field_name]
            ._description_selection(self.env)
        )

    return selection


def _indicator_default(field_name, fallback):
    def default(self):
        field = self.env["perf.indicator"]._fields.get(field_name)
        if field is not None and field.default is not None:
            return field.default(self.env["perf.indicator"])
        return fallback

    return default


class PerfKpiDefinition(models.Model):
    _name = "perf.kpi.definition"
    _description = "KPI Definition"
    _inherit = ["mail.thread", "perf.input.mixin"]
    _order = "sequence, code, id"
    # A domain is a one-line text, but one of several conditions.
    _perf_text_limits = {"domain": 10_000}
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, tracking=True)
    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    dimension = fields.Selection(
        _indicator_selection("dimension"), required=True, default="result"
    )
    unit = fields.Char()
    direction = fields.Selection(
        _indicator_selection("direction"), required=True, default="higher"
    )
    aggregation = fields.Selection(
        _indicator_selection("aggregation"),
        string="Aggregation over time",
        required=True,
        default="sum",
        help="How the value of a quarter or a year is derived from its months: "
        "their sum, their average or the last month's value.",
    )
    curve = fields.Selection(
        _indicator_selection("curve"),
        required=True,
        default=_indicator_default("curve", "linear"),
    )
    threshold = fields.Float(
        string="Threshold (%)", default=_indicator_default("threshold", 0.0)
    )
    cap = fields.Float(string="Cap (%)", default=_indicator_default("cap", 120.0))
    allow_negative = fields.Boolean(
        string="Values can be negative",
        help="Tick it for a KPI such as a profit that can be a loss. Otherwise a "
        "higher-is-better KPI needs a positive target.",
    )
    band_ids = fields.One2many(
        "perf.kpi.band",
        "definition_id",
        string="Colour bands",
        copy=True,
        default=lambda self: self.env["perf.kpi.band"]._default_band_commands(),
    )

    source = fields.Selection(
        [("manual", "Entered by hand"), ("computed", "Computed from Odoo data")],
        required=True,
        default="manual",
        tracking=True,
    )
    model_name = fields.Char(
        string="Model technical name",
        tracking=True,
        help="Technical name of the model the KPI is computed from. It may name a "
        "model of an application that is not installed: the KPI is then skipped.",
    )
    model_id = fields.Many2one(
        "ir.model",
        compute="_compute_model_id",
        inverse="_inverse_model_id",
        store=True,
        readonly=False,
        ondelete="set null",
    )
    domain = fields.Char(
        default="[]",
        tracking=True,
        help="Records of the model that count for this KPI, written with plain "
        "values only: numbers, texts, dates, company_id and allowed_company_ids "
        "(this KPI's company), context_today(), relativedelta(...) and "
        "datetime.date(...). It may only use stored fields that the user saving "
        "it can read.",
    )
    computed_as_user_id = fields.Many2one(
        "res.users",
        string="Computed As",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The KPI only counts the records this user can read: the user who "
        "last saved its model, domain or fields.",
    )
    measure = fields.Selection(
        [
            ("count", "Count of records"),
            ("sum", "Sum of a field"),
            ("avg", "Average of a field"),
        ],
        required=True,
        default="count",
    )
    measure_field_name = fields.Char()
    measure_field_id = fields.Many2one(
        "ir.model.fields",
        string="Measured field",
        compute="_compute_field_ids",
        inverse="_inverse_measure_field_id",
        store=True,
        readonly=False,
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ['integer', 'float', "
        "'monetary']), ('store', '=', True)]",
    )
    date_field_name = fields.Char()
    date_field_id = fields.Many2one(
        "ir.model.fields",
        string="Date field",
        compute="_compute_field_ids",
        inverse="_inverse_date_field_id",
        store=True,
        readonly=False,
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ['date', 'datetime']), "
        "('store', '=', True)]",
        help="Places each record in a month.",
    )
    attribution_field_name = fields.Char()
    attribution_field_id = fields.Many2one(
        "ir.model.fields",
        string="Attributed to",
        compute="_compute_field_ids",
        inverse="_inverse_attribution_field_id",
        store=True,
        readonly=False,
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('store', '=', True), ('relation', 'in', ['hr.employee', 'res.users', "
        "'hr.department', 'res.company'])]",
        help="Field giving the employee, user, department or company a record "
        "counts for. Leave empty to count every record for the company.",
    )
    attribution = fields.Selection(
        # A user counts for the employee linked to them.
        level_selection("employee")
        + [("user", "User")]
        + level_selection("department", "company"),
        compute="_compute_attribution",
        store=True,
    )

    last_computed = fields.Datetime(readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    indicator_ids = fields.One2many("perf.indicator", "kpi_definition_id")
    indicator_count = fields.Integer(compute="_compute_counts")
    value_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "A KPI with this code already exists in this company: choose another code.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("model_name")
    def _compute_model_id(self):
        models_by_name = {
            m.model: m
            for m in self.env["ir.model"]
            .sudo()
            .search(
                [
                    (
                        "model",
                        "in",
                        list(set(self.filtered("model_name").mapped("model_name"))),
                    )
                ]
            )
        }
        for definition in self:
            definition.model_id = models_by_name.get(definition.model_name, False)

    def _inverse_model_id(self):
        for definition in self:
            if definition.model_id:
                definition.model_name = definition.model_id.model

    @api.depends(
        "model_name", "measure_field_name", "date_field_name", "attribution_field_name"
    )
    def _compute_field_ids(self):
        IrFields = self.env["ir.model.fields"].sudo()
        for definition in self:
            for name_field, id_field in (
                ("measure_field_name", "measure_field_id"),
                ("date_field_name", "date_field_id"),
                ("attribution_field_name", "attribution_field_id"),
            ):
                fname = definition[name_field]
                definition[id_field] = (
                    fname
                    and definition.model_name
                    and IrFields._get(definition.model_name, fname)
                ) or False

    def _inverse_measure_field_id(self):
        for definition in self:
            definition.measure_field_name = definition.measure_field_id.name or False

    def _inverse_date_field_id(self):
        for definition in self:
            definition.date_field_name = definition.date_field_id.name or False

    def _inverse_attribution_field_id(self):
        for definition in self:
            definition.attribution_field_name = (
                definition.attribution_field_id.name or False
            )

    @api.depends("model_name", "attribution_field_name")
    def _compute_attribution(self):
        for definition in self:
            comodel = definition._get_attribution_comodel()
            definition.attribution = ATTRIBUTION_MODELS.get(comodel, "company")

    def _compute_counts(self):
        indicator_counts = dict(
            self.env["perf.indicator"]._read_group(
                [("kpi_definition_id", "in", self.ids)],
                ["kpi_definition_id"],
                ["__count"],
            )
        )
        value_counts = dict(
            self.env["perf.kpi.value"]._read_group(
                [("definition_id", "in", self.ids)], ["definition_id"], ["__count"]
            )
        )
        for definition in self:
            definition.indicator_count = indicator_counts.get(definition, 0)
            definition.value_count = value_counts.get(definition, 0)

    @api.onchange("model_id")
    def _onchange_model_id(self):
        # Fields of another model make no sense once the model changes.
        for definition in self:
            if definition.model_id.model == definition.model_name:
                continue
            definition.model_name = definition.model_id.model
            definition.measure_field_id = False
            definition.date_field_id = False
            definition.attribution_field_id = False
            definition.domain = "[]"

    @api.onchange("measure_field_id", "date_field_id", "attribution_field_id")
    def _onchange_field_ids(self):
        for definition in self:
            # Read every field first: assigning a name recomputes the fields.
            names = {
                "measure_field_name": definition.measure_field_id.name,
                "date_field_name": definition.date_field_id.name,
                "attribution_field_name": definition.attribution_field_id.name,
            }
            definition.update(names)

    # ------------------------------------------------------------------ create/write

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["computed_as_user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if any(fname in vals for fname in SOURCE_FIELDS):
            vals = dict(vals, computed_as_user_id=self.env.uid)
        elif "computed_as_user_id" in vals:
            vals = {k: v for k, v in vals.items() if k != "computed_as_user_id"}
        return super().write(vals)

    # ------------------------------------------------------------------ checks

    def _get_attribution_comodel(self):
        self.ensure_one()
        if not self.attribution_field_name or self.model_name not in self.env:
            return False
        field = self.env[self.model_name]._fields.get(self.attribution_field_name)
        return (
            field.comodel_name
            if field is not None and field.type == "many2one"
            else None
        )

    def _is_model_available(self):
        self.ensure_one()
        return bool(self.model_name) and self.model_name in self.env

    # ------------------------------------------------------------------ actions

    def _ensure_refresh_allowed(self):
        """Refreshing recomputes whole KPIs: performance managers only, and only
        KPIs they can read (their companies); the others see the values of the
        nightly computation."""
        if self.env.su:
            return
        if not self.env.user.has_group("perf_management.group_perf_manager"):
            raise AccessError(
                self.env._(
                    "Only performance managers can refresh the KPIs now. The actual "
                    "values are recomputed every night; ask your manager if they are "
                    "needed sooner."
                )
            )
        self.check_access("read")

    def action_refresh_actuals(self):
        self._ensure_refresh_allowed()
        failed = self._update_actuals()
        if failed:
            message = self.env._(
                "%(count)s KPI(s) could not be computed: %(names)s. See the error on "
                "each KPI.",
                count=len(failed),
                names=", ".join(failed.mapped("display_name")),
            )
            notif_type = "warning"
        else:
            message = self.env._("The actual values are up to date.")
            notif_type = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": notif_type,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management_kpi.perf_kpi_value_action"
        )
        action["domain"] = [("definition_id", "=", self.id)]
        action["context"] = {"search_default_group_period": 1}
        return action

    def action_open_indicators(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management_kpi.perf_kpi_scorecard_action"
        )
        action["domain"] = [("kpi_definition_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_open_assign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign to employees"),
            "res_model": "perf.kpi.assign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_definition_id": self.id},
        }

    def _target_error(self, direction, target):
        """Why a target has the wrong sign for this KPI's direction, or False."""
        self.ensure_one()
        if direction == "higher" and target <= 0 and not self.allow_negative:
            return self.env._(
                "The KPI %(kpi)s is better when higher and cannot be negative: its "
                "target must be a positive number (got %(target)s).",
                kpi=self.display_name,
                target=target,
            )
        if direction == "lower" and target < 0 and not self.allow_negative:
            return self.env._(
                "The KPI %(kpi)s is better when lower and cannot be negative: enter "
                "the highest acceptable value, 0 or more (got %(target)s).",
                kpi=self.display_name,
                target=target,
            )
        return False

    def _get_indicator_values(self):
        """Values an indicator linked to this definition starts from."""
        self.ensure_one()
        return {
            "name": self.name,
            "dimension": self.dimension,
            "unit": self.unit,
            "direction": self.direction,
            "curve": self.curve,
            "threshold": self.threshold,
            "cap": self.cap,
            "aggregation": self.aggregation,
        }
