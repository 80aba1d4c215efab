import ast
import logging
from collections import defaultdict
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

_logger = logging.getLogger(__name__)

NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")
# Models a KPI can be attributed to, and the owner level each one feeds.
ATTRIBUTION_MODELS = {
    "hr.employee": "employee",
    "res.users": "user",
    "hr.department": "department",
    "res.company": "company",
}


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
    _inherit = ["mail.thread"]
    _order = "sequence, code, id"
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
        help="Records of the model that count for this KPI. Besides values, it "
        "may use uid, user, company_id, company_ids, allowed_company_ids, "
        "context_today(), datetime, time and relativedelta.",
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
        [
            ("employee", "Employee"),
            ("user", "User"),
            ("department", "Department"),
            ("company", "Company"),
        ],
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

    def _get_domain_eval_context(self):
        return {
            "datetime": safe_datetime,
            "time": safe_time,
            "relativedelta": relativedelta,
            "context_today": lambda: fields.Date.context_today(self),
            "uid": self.env.uid,
            "user": self.env.user,
            "company_id": self.company_id.id,
            "company_ids": self.env.companies.ids,
            # The name the domain editor of the web client knows: the KPI is
            # computed for its own company.
            "allowed_company_ids": self.company_id.ids or self.env.companies.ids,
        }

    def _parse_domain(self):
        """The domain as a list, or a ValidationError saying why it cannot be read."""
        self.ensure_one()
        text = (self.domain or "").strip() or "[]"
        try:
            try:
                domain = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                domain = safe_eval(text, self._get_domain_eval_context())
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s cannot be read (%(error)s). Write "
                    "it as a list of conditions, for example [('state', '=', 'sale')].",
                    kpi=self.display_name,
                    error=error,
                )
            ) from error
        if not isinstance(domain, list | tuple):
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s must be a list of conditions, for "
                    "example [('state', '=', 'sale')].",
                    kpi=self.display_name,
                )
            )
        return list(domain)

    @api.constrains(
        "source",
        "model_name",
        "model_id",
        "domain",
        "measure",
        "measure_field_name",
        "measure_field_id",
        "date_field_name",
        "date_field_id",
        "attribution_field_name",
        "attribution_field_id",
    )
    def _check_computation_setup(self):
        for definition in self.filtered(lambda d: d.source == "computed"):
            if not definition.model_name:
                raise ValidationError(
                    self.env._(
                        "The KPI %(kpi)s is computed from Odoo data: choose the model "
                        "its records come from.",
                        kpi=definition.display_name,
                    )
                )
            if not definition._is_model_available():
                # A model of an application that is not installed: nothing to check
                # now, the computation skips it and says so on the KPI.
                continue
            definition._check_measure_field()
            definition._check_date_field()
            definition._check_attribution_field()
            definition._check_domain()
            definition._check_source_access()

    def _check_measure_field(self):
        model = self.env[self.model_name]
        if self.measure == "count":
            return
        field = model._fields.get(self.measure_field_name or "")
        if field is None:
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s adds up or averages a field: choose the numeric "
                    "field of %(model)s to measure.",
                    kpi=self.display_name,
                    model=self.model_name,
                )
            )
        if field.type not in NUMERIC_TYPES or not field.store:
            raise ValidationError(
                self.env._(
                    "The field %(field)s of %(model)s is not a stored number, so the "
                    "KPI %(kpi)s cannot add it up or average it. Choose an integer, "
                    "decimal or monetary field.",
                    field=field.string,
                    model=self.model_name,
                    kpi=self.display_name,
                )
            )

    def _check_date_field(self):
        field = self.env[self.model_name]._fields.get(self.date_field_name or "")
        if field is None or field.type not in DATE_TYPES or not field.store:
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s needs a stored date or date-time field of "
                    "%(model)s that places each record in a month.",
                    kpi=self.display_name,
                    model=self.model_name,
                )
            )

    def _check_attribution_field(self):
        if not self.attribution_field_name:
            return
        field = self.env[self.model_name]._fields.get(self.attribution_field_name)
        if (
            field is None
            or field.type != "many2one"
            or field.comodel_name not in ATTRIBUTION_MODELS
            or not field.store
        ):
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s cannot be attributed through the field "
                    "%(field)s: choose a stored field of %(model)s that links to an "
                    "employee, a user, a department or a company, or leave it empty "
                    "to count for the whole company.",
                    kpi=self.display_name,
                    field=self.attribution_field_name,
                    model=self.model_name,
                )
            )

    def _check_domain(self):
        domain = self._parse_domain()
        model = self.env[self.model_name].sudo()
        try:
            domain = expression.normalize_domain(domain)
            model._where_calc(domain)
            with self.env.cr.savepoint():
                model.search_count(domain, limit=1)
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s does not fit the model %(model)s "
                    "(%(error)s). Check the field names and values of each condition.",
                    kpi=self.display_name,
                    model=self.model_name,
                    error=error,
                )
            ) from error

    def _check_source_access(self):
        """The computation reads its model as superuser: whoever sets it up must
        be able to read that model, the fields it uses and its domain's fields,
        or a KPI would reveal totals of records they may not see."""
        self.ensure_one()
        if self.env.su:
            return
        model = self.env[self.model_name]
        try:
            model.check_access("read")
            model.check_field_access_rights(
                "read",
                [
                    fname
                    for fname in (
                        self.measure_field_name,
                        self.date_field_name,
                        self.attribution_field_name,
                    )
                    if fname
                ],
            )
            model.search_count(
                expression.normalize_domain(self._parse_domain()), limit=1
            )
        except AccessError as error:
            raise AccessError(
                self.env._(
                    "You cannot read the records of %(model)s, so the KPI %(kpi)s "
                    "cannot be computed from them: choose a model you can read, or "
                    "ask an administrator who can read it to set up this KPI.",
                    model=self.model_name,
                    kpi=self.display_name,
                )
            ) from error

    # ------------------------------------------------------------------ actions

    @api.model
    def _check_refresh_allowed(self):
        """Refreshing recomputes whole KPIs company-wide as superuser: managers
        only; the others see the values of the nightly computation."""
        if self.env.su or self.env.user.has_group("perf_management.group_perf_manager"):
            return
        raise AccessError(
            self.env._(
                "Only performance managers can refresh the KPIs now. The actual "
                "values are recomputed every night; ask your manager if they are "
                "needed sooner."
            )
        )

    def action_refresh_actuals(self):
        self._check_refresh_allowed()
        failed = self._compute_actuals()
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

    # ------------------------------------------------------------------ computation

    @api.model
    def _cron_compute_actuals(self):
        definitions = self.sudo().search([("source", "=", "computed")])
        done = 0
        for definition in definitions:
            definition._compute_actuals()
            done += 1
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(definitions) - done
            )

    def _compute_actuals(self):
        """Compute each definition in its own savepoint, so one failure is logged
        on its definition and does not stop the others. Returns the failed ones."""
        failed = self.browse()
        for definition in self.sudo():
            try:
                with self.env.cr.savepoint():
                    definition._compute_one()
            except Exception as error:  # noqa: BLE001 - isolate any failure
                _logger.warning(
                    "KPI %s (id %s) could not be computed: %s",
                    definition.code,
                    definition.id,
                    error,
                )
                failed |= definition
                definition._log_computation(self._error_text(error))
            else:
                definition._log_computation(definition._skip_reason())
        return failed

    @api.model
    def _error_text(self, error):
        if isinstance(error, UserError | ValidationError):
            return str(error.args[0]) if error.args else str(error)
        return f"{type(error).__name__}: {error}"

    def _skip_reason(self):
        if self.source == "computed" and not self._is_model_available():
            return self.env._(
                "The model %(model)s is not installed in this database: the KPI was "
                "skipped. Install its application or change the model.",
                model=self.model_name,
            )
        return False

    def _log_computation(self, error):
        self.ensure_one()
        previous = self.last_error
        self.write(
            {"last_computed": fields.Datetime.now(), "last_error": error or False}
        )
        if error and error != previous:
            self.message_post(
                body=self.env._("The actual values could not be computed: %s", error)
            )
        elif previous and not error:
            self.message_post(body=self.env._("The actual values are computed again."))

    def _compute_one(self):
        """Refresh the monthly values and the linked indicators of one definition."""
        self.ensure_one()
        if self.source == "computed":
            if not self._is_model_available():
                _logger.info(
                    "KPI %s skipped: model %s is not installed",
                    self.code,
                    self.model_name,
                )
                return
            months = self._get_open_months()
            values = self._compute_monthly_values(months)
            self.env["perf.kpi.value"]._store_computed_values(self, months, values)
        self._update_indicators()

    def _get_open_months(self):
        return self.env["perf.period"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "month"),
                ("state", "=", "open"),
            ],
            order="date_start",
        )

    def _get_source_domain(self, date_from, date_to):
        model = self.env[self.model_name]
        domain = expression.normalize_domain(self._parse_domain())
        date_field = model._fields[self.date_field_name]
        if date_field.type == "datetime":
            bounds = [
                (
                    self.date_field_name,
                    ">=",
                    datetime.combine(date_from, datetime.min.time()),
                ),
                (
                    self.date_field_name,
                    "<",
                    datetime.combine(date_to, datetime.min.time()),
                ),
            ]
        else:
            bounds = [
                (self.date_field_name, ">=", date_from),
                (self.date_field_name, "<", date_to),
            ]
        company_field = model._fields.get("company_id")
        if company_field is not None and company_field.comodel_name == "res.company":
            bounds.append(("company_id", "in", [self.company_id.id, False]))
        return expression.AND([domain, bounds])

    def _compute_monthly_values(self, months):
        """Run the one grouped query of the definition and spread its rows over
        owners: {(month period id, owner key): (value, record count, employee id,
        department id)} where owner keys are "employee:<id>", "department:<id>"
        and "company:<id>". Departments include their sub-departments; the company
        includes every record, attributed or not."""
        self.ensure_one()
        if not months:
            return {}
        raw = self._read_source_rows(months)
        owner_keys = self._get_owner_keys({owner for owner, *__ in raw if owner})

        # (month start, owner key) -> [sum, measured count, record count]
        totals = defaultdict(lambda: [0.0, 0, 0])
        company_keys = [(f"company:{self.company_id.id}", False, False)]
        for owner, month_start, amount, measured, count in raw:
            keys = owner_keys.get(owner, []) if owner else []
            if keys is None:
                # Attributed to another company.
                continue
            for key in company_keys + keys:
                total = totals[(month_start, key)]
                total[0] += amount
                total[1] += measured
                total[2] += count

        month_by_start = defaultdict(list)
        for month in months:
            month_by_start[month.date_start.replace(day=1)].append(month.id)
        result = {}
        for (month_start, key), (amount, measured, count) in totals.items():
            if self.measure == "avg":
                if not measured:
                    continue
                value = amount / measured
            else:
                value = amount
            owner_key, employee_id, department_id = key
            for period_id in month_by_start.get(month_start, []):
                result[(period_id, owner_key)] = (
                    value,
                    count,
                    employee_id,
                    department_id,
                )
        return result

    def _read_source_rows(self, months):
        """The grouped query: [(owner id or False, month start, sum, measured
        count, record count)] per attribution value and month."""
        model = self.env[self.model_name].sudo().with_context(tz="UTC")
        date_from = min(months.mapped("date_start"))
        date_to = max(months.mapped("date_end")) + relativedelta(days=1)
        domain = self._get_source_domain(date_from, date_to)
        groupby = [f"{self.date_field_name}:month"]
        if self.attribution_field_name:
            groupby.insert(0, self.attribution_field_name)
        if self.measure == "count":
            aggregates = ["__count"]
        else:
            aggregates = [
                f"{self.measure_field_name}:sum",
                f"{self.measure_field_name}:count",
                "__count",
            ]
        raw = []
        for row in model._read_group(domain, groupby, aggregates):
            if self.attribution_field_name:
                owner, month_value, *aggs = row
                owner = owner.id
            else:
                owner = False
                month_value, *aggs = row
            if not month_value:
                continue
            if isinstance(month_value, datetime):
                month_value = month_value.date()
            if self.measure == "count":
                amount = measured = count = aggs[0]
            else:
                amount, measured, count = aggs[0] or 0.0, aggs[1] or 0, aggs[2]
            raw.append((owner, month_value.replace(day=1), amount, measured, count))
        return raw

    def _get_owner_keys(self, owner_ids):
        """{attribution id: [(owner key, employee id, department id)] it counts
        for besides the company}, or None for an owner of another company.
        Reads employees and departments in a fixed number of queries."""
        attribution = self.attribution
        company = self.company_id
        if attribution == "company":
            return {cid: ([] if cid == company.id else None) for cid in owner_ids}
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        employees_by_owner = {}
        if attribution == "employee":
            employees = Employee.browse(owner_ids)
            employees_by_owner = {e.id: e for e in employees}
        elif attribution == "user":
            employees = Employee.search(
                [("user_id", "in", list(owner_ids)), ("company_id", "=", company.id)]
            )
            employees_by_owner = {e.user_id.id: e for e in employees}
        else:
            employees = Employee
        if attribution == "department":
            departments = self.env["hr.department"].sudo().browse(owner_ids)
        else:
            departments = employees.department_id
        departments = departments.with_context(active_test=False)
        chains = {
            d.id: [int(a) for a in (d.parent_path or "").split("/") if a]
            for d in departments
        }
        company_ids = {d.id: d.company_id.id for d in departments}

        def department_keys(department_id):
            return [
                (f"department:{ancestor}", False, ancestor)
                for ancestor in chains.get(department_id, [])
            ]

        keys = {}
        if attribution == "department":
            for department_id in owner_ids:
                if company_ids.get(department_id) not in (company.id, False):
                    keys[department_id] = None
                else:
                    keys[department_id] = department_keys(department_id)
            return keys
        for owner_id in owner_ids:
            employee = employees_by_owner.get(owner_id)
            if not employee:
                keys[owner_id] = []
                continue
            if employee.company_id != company:
                keys[owner_id] = None
                continue
            department_id = employee.department_id.id
            keys[owner_id] = [
                (f"employee:{employee.id}", employee.id, department_id or False)
            ] + department_keys(department_id)
        return keys

    def _update_indicators(self):
        """Write the actual of the open indicators linked to this definition from
        the monthly values of their owner, aggregated over their period."""
        self.ensure_one()
        indicators = (
            self.env["perf.indicator"]
            .sudo()
            .search(
                [
                    ("kpi_definition_id", "=", self.id),
                    ("period_id.state", "=", "open"),
                ]
            )
        )
        if not indicators:
            return
        periods = indicators.period_id
        today = fields.Date.context_today(self)
        months = self.env["perf.period"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "month"),
                ("date_start", ">=", min(periods.mapped("date_start"))),
                ("date_start", "<=", min(max(periods.mapped("date_end")), today)),
            ],
            order="date_start",
        )
        stored = (
            self.env["perf.kpi.value"]
            .sudo()
            .search_fetch(
                [("definition_id", "=", self.id), ("period_id", "in", months.ids)],
                ["period_id", "owner_key", "value"],
            )
        )
        values = {(v.period_id.id, v.owner_key): v.value for v in stored}

        missing_is_zero = self.source == "computed" and self.measure in ("count", "sum")
        by_actual = defaultdict(lambda: self.env["perf.indicator"])
        for indicator in indicators:
            key = indicator._get_kpi_owner_key()
            if not key:
                continue
            period = indicator.period_id
            period_months = [
                m
                for m in months
                if period.date_start <= m.date_start <= period.date_end
            ]
            monthly = []
            for month in period_months:
                value = values.get((month.id, key))
                if value is None and missing_is_zero:
                    value = 0.0
                if value is not None:
                    monthly.append(value)
            if not monthly:
                continue
            actual = self._aggregate_over_time(monthly)
            if indicator.has_actual and indicator.actual_value == actual:
                continue
            by_actual[actual] |= indicator
        # Computed actuals change every night: tracking them (and the progress
        # of their objectives) would post one message per indicator and per
        # objective. The monthly values keep the history instead.
        untracked = self.with_context(mail_notrack=True)
        for actual, to_write in by_actual.items():
            to_write.with_env(untracked.env).write(
                {"actual_value": actual, "has_actual": True}
            )
        untracked.env.flush_all()

    def _aggregate_over_time(self, monthly):
        """Value of a period from the values of its months, in date order."""
        if self.aggregation == "average":
            return sum(monthly) / len(monthly)
        if self.aggregation == "last":
            return monthly[-1]
        return sum(monthly)

    def _get_period_value(self, period, owner_key):
        """Value of any period (month, quarter, year) for one owner, derived from
        the stored monthly values with the definition's aggregation."""
        self.ensure_one()
        if period.period_type == "month":
            months = period
        else:
            months = self.env["perf.period"].search(
                [
                    ("company_id", "=", period.company_id.id),
                    ("period_type", "=", "month"),
                    ("date_start", ">=", period.date_start),
                    ("date_start", "<=", period.date_end),
                ],
                order="date_start",
            )
        today = fields.Date.context_today(self)
        months = months.filtered(lambda m: m.date_start <= today) or months[:0]
        stored = {
            v.period_id.id: v.value
            for v in self.env["perf.kpi.value"]
            .sudo()
            .search(
                [
                    ("definition_id", "=", self.id),
                    ("period_id", "in", months.ids),
                    ("owner_key", "=", owner_key),
                ]
            )
        }
        missing_is_zero = self.source == "computed" and self.measure in ("count", "sum")
        monthly = [stored.get(m.id, 0.0 if missing_is_zero else None) for m in months]
        monthly = [v for v in monthly if v is not None]
        return self._aggregate_over_time(monthly) if monthly else None

    # ------------------------------------------------------------------ demo

    @api.model
    def _demo_assign_kpis(self):
        """Hang the demo KPIs on the demo cascade's objectives, if any, with a few
        values entered by hand, then compute the others."""

        def kpi(xmlid):
            return self.env.ref(
                f"perf_management_kpi.{xmlid}", raise_if_not_found=False
            )

        # The cascade's own indicators measure what these KPIs measure: they
        # are linked to the KPI rather than doubled.
        existing_names = {
            "kpi_sales_revenue": "Revenue",
            "kpi_gross_margin": "Gross margin",
        }
        plan = {
            "company": [
                ("kpi_sales_revenue", 600000.0, None),
                ("kpi_gross_margin", 35.0, 32.5),
                ("kpi_new_customers", 24.0, None),
            ],
            "department": [
                ("kpi_customer_visits", 60.0, None),
                ("kpi_new_hires", 2.0, None),
                ("kpi_on_time_delivery", 95.0, 91.0),
            ],
            "employee": [
                ("kpi_customer_visits", 15.0, None),
                ("kpi_skill_growth", 70.0, None),
                ("kpi_training_hours", 20.0, 12.0),
            ],
        }
        Objective = self.env["perf.objective"]
        company = self.env.ref("base.main_company")
        vals_list = []
        for level, kpis in plan.items():
            objectives = Objective.search(
                [
                    ("company_id", "=", company.id),
                    ("level", "=", level),
                    ("period_id.state", "=", "open"),
                ],
                limit=12,
                order="id",
            )
            for index, objective in enumerate(objectives):
                present = objective.indicator_ids.kpi_definition_id
                for xmlid, target, actual in kpis:
                    definition = kpi(xmlid)
                    if not definition or definition in present:
                        continue
                    same = objective.indicator_ids.filtered(
                        lambda indicator, xmlid=xmlid: not indicator.kpi_definition_id
                        and indicator.name == existing_names.get(xmlid)
                    )[:1]
                    if same:
                        same.kpi_definition_id = definition
                        continue
                    vals = {
                        **definition._get_indicator_values(),
                        "objective_id": objective.id,
                        "kpi_definition_id": definition.id,
                        "target_value": target,
                    }
                    # Hand-entered actuals on some indicators only, so that the
                    # scorecard shows indicators still waiting for their value.
                    if actual is not None and index % 2 == 0:
                        vals["actual_value"] = actual + index
                    vals_list.append(vals)
        self.env["perf.indicator"].create(vals_list)
        self.search([("source", "=", "computed")])._compute_actuals()
        return True
