from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from ..tools import owner_keys

# Fields that say whose value it is: only managers move a value to another
# owner, month or KPI.
OWNER_FIELDS = (
    "employee_id",
    "department_id",
    "definition_id",
    "period_id",
    "company_id",
)


class PerfKpiValue(models.Model):
    _name = "perf.kpi.value"
    _description = "KPI Monthly Value"
    _inherit = ["perf.input.mixin"]
    _order = "date desc, definition_id, owner_level, id"
    _check_company_auto = True

    # Indexes: the unique (definition, period, owner) one, and employee and
    # department for the record rules. Each index costs the computation a
    # write per value, every night.
    definition_id = fields.Many2one(
        "perf.kpi.definition",
        string="KPI",
        required=True,
        ondelete="cascade",
        check_company=True,
    )
    period_id = fields.Many2one(
        "perf.period",
        string="Month",
        required=True,
        ondelete="cascade",
        domain="[('period_type', '=', 'month'), ('company_id', '=', company_id)]",
        check_company=True,
    )
    date = fields.Date(string="Month start", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    department_id = fields.Many2one(
        "hr.department",
        index=True,
        check_company=True,
        help="For an employee's value, the employee's department.",
    )
    owner_level = fields.Selection(
        owner_keys.OWNER_LEVELS,
        compute="_compute_owner",
        store=True,
        required=True,
        precompute=True,
    )
    owner_key = fields.Char(
        compute="_compute_owner", store=True, required=True, precompute=True
    )
    value = fields.Float(aggregator="sum", digits=(16, 2))
    record_count = fields.Integer(
        string="Records", aggregator="sum", help="Source records behind the value."
    )
    date_computed = fields.Datetime(readonly=True)
    unit = fields.Char(related="definition_id.unit")
    dimension = fields.Selection(related="definition_id.dimension", store=True)
    is_my_team = fields.Boolean(
        string="My Team",
        compute="_compute_is_my_team",
        search="_search_is_my_team",
        help="Values of the departments managed by the current user (and their "
        "sub-departments) and of the current user and their subordinates.",
    )

    _sql_constraints = [
        (
            "owner_period_unique",
            "unique(definition_id, period_id, owner_key)",
            "A KPI has one value per month and owner: edit the existing value.",
        ),
    ]

    def init(self):
        # Room on each page for the nightly rewrite of the values: the update
        # changes no indexed column, so PostgreSQL keeps it on the same page
        # without touching the indexes (HOT update).
        self.env.cr.execute("ALTER TABLE perf_kpi_value SET (fillfactor = 50)")

    @api.depends("employee_id", "department_id", "company_id")
    def _compute_owner(self):
        for value in self:
            if value.employee_id:
                level, record = owner_keys.EMPLOYEE, value.employee_id
            elif value.department_id:
                level, record = owner_keys.DEPARTMENT, value.department_id
            else:
                level, record = owner_keys.COMPANY, value.company_id
            value.owner_level = level
            value.owner_key = owner_keys.owner_key(level, record.id)

    @api.depends("employee_id", "department_id")
    @api.depends_context("uid")
    def _compute_is_my_team(self):
        team = self.search([("id", "in", self.ids), ("is_my_team", "=", True)])
        for value in self:
            value.is_my_team = value in team

    def _search_is_my_team(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search My Team with yes or no only."))
        # Same team as the objectives' record rules: employee_id and
        # department_id have the same meaning on both models.
        domain = self.env["perf.objective"]._get_my_team_domain()
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.onchange("period_id")
    def _onchange_period_id(self):
        for value in self:
            value.date = value.period_id.date_start

    @api.constrains("period_id")
    def _check_monthly(self):
        for value in self:
            if value.period_id.period_type != "month":
                raise ValidationError(
                    self.env._(
                        "KPI values are kept per month: choose a monthly period "
                        "instead of %(period)s.",
                        period=value.period_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["perf.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        for vals in vals_list:
            if vals.get("period_id") and not vals.get("date"):
                vals["date"] = periods.browse(vals["period_id"]).date_start
            if vals.get("employee_id") and "department_id" not in vals:
                employee = self.env["hr.employee"].browse(vals["employee_id"])
                vals["department_id"] = employee.sudo().department_id.id
        values = super().create(vals_list)
        values.period_id._ensure_open()
        values._propagate_manual_values()
        return values

    def write(self, vals):
        touched = self._get_touched()
        self._ensure_owner_unchanged(vals)
        if vals.get("employee_id") and "department_id" not in vals:
            # As on creation: an employee's value carries their department,
            # which the record rules check below.
            employee = self.env["hr.employee"].browse(vals["employee_id"])
            vals = dict(vals, department_id=employee.sudo().department_id.id)
        self.period_id._ensure_open()
        res = super().write(vals)
        if "period_id" in vals:
            self.period_id._ensure_open()
        # Record rules are checked on the values before the write: check them
        # again on the new owner before the value feeds any indicator.
        self.check_access("write")
        self._propagate_manual_values(touched)
        return res

    def _ensure_owner_unchanged(self, vals):
        """Employees edit the figure of their own values, never whose it is."""
        if self.env.su or self.env.user.has_group("perf_management.group_perf_manager"):
            return
        changed = [
            fname
            for fname in OWNER_FIELDS
            if fname in vals
            and any(value[fname].id != (vals[fname] or False) for value in self)
        ]
        if changed:
            raise AccessError(
                self.env._(
                    "Only managers can change the KPI, month, employee, department "
                    "or company of a KPI value (%(fields)s). Enter a new value "
                    "instead, or ask your manager.",
                    fields=", ".join(self._fields[f].string for f in changed),
                )
            )

    def _get_touched(self):
        """{definition: (owner keys, months)} of these values."""
        touched = {}
        for value in self.sudo():
            keys, months = touched.setdefault(
                value.definition_id, (set(), self.env["perf.period"])
            )
            keys.add(value.owner_key)
            touched[value.definition_id] = (keys, months | value.period_id)
        return touched

    def _propagate_manual_values(self, before=None):
        """Values entered by hand feed the indicators of their KPI right away,
        only those of the owners and months they touch (before and after a
        write); computed ones are propagated by the computation itself."""
        touched = self._get_touched()
        for definition, (keys, months) in (before or {}).items():
            now_keys, now_months = touched.get(
                definition, (set(), self.env["perf.period"])
            )
            touched[definition] = (keys | now_keys, months | now_months)
        for definition, (keys, months) in touched.items():
            if definition.source == "manual":
                definition.sudo()._update_indicators(keys, months)

    @api.model
    def _store_computed_values(self, definition, months, values):
        """Replace the computed values of the given months in two queries, however
        many owners: an upsert of every (month, owner) value, then a delete of
        the values that no longer have source records.

        Computed values are written by the computation, not by the user who
        happens to run it: they have no creating or writing user (which also
        spares two foreign-key checks per value); date_computed says when."""
        self.flush_model()
        keys = list(values)
        rows = [values[key] for key in keys]
        month_dates = {m.id: m.date_start for m in months}
        if keys:
            self.env.cr.execute(
                """
                INSERT INTO perf_kpi_value (
                    definition_id, company_id, period_id, owner_key, owner_level,
                    employee_id, department_id, value, record_count, date,
                    dimension, date_computed, create_uid, create_date, write_uid,
                    write_date
                )
                SELECT %(definition)s, %(company)s, t.period_id, t.owner_key,
                       t.owner_level, t.employee_id,
                       t.department_id, t.value, t.record_count, t.date,
                       %(dimension)s, now() at time zone 'UTC', NULL,
                       now() at time zone 'UTC', NULL, now() at time zone 'UTC'
                  FROM unnest(%(periods)s::int[], %(keys)s::varchar[],
                              %(levels)s::varchar[], %(employees)s::int[],
                              %(departments)s::int[], %(amounts)s::float8[],
                              %(counts)s::int[], %(dates)s::date[])
                       AS t(period_id, owner_key, owner_level, employee_id,
                            department_id, value, record_count, date)
                ON CONFLICT (definition_id, period_id, owner_key) DO UPDATE
                   SET value = EXCLUDED.value,
                       record_count = EXCLUDED.record_count,
                       employee_id = EXCLUDED.employee_id,
                       department_id = EXCLUDED.department_id,
                       dimension = EXCLUDED.dimension,
                       date_computed = EXCLUDED.date_computed,
                       write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date
                 -- An unchanged value is left alone: no write at all.
                 WHERE (perf_kpi_value.value, perf_kpi_value.record_count,
                        perf_kpi_value.employee_id, perf_kpi_value.department_id,
                        perf_kpi_value.dimension)
                       IS DISTINCT FROM
                       (EXCLUDED.value, EXCLUDED.record_count, EXCLUDED.employee_id,
                        EXCLUDED.department_id, EXCLUDED.dimension)
                """,
                {
                    "definition": definition.id,
                    "company": definition.company_id.id,
                    "dimension": definition.dimension,
                    "periods": [key[0] for key in keys],
                    "keys": [key[1] for key in keys],
                    "levels": [owner_keys.split_owner_key(key[1])[0] for key in keys],
                    "employees": [row[2] or None for row in rows],
                    "departments": [row[3] or None for row in rows],
                    "amounts": [row[0] for row in rows],
                    "counts": [row[1] for row in rows],
                    "dates": [month_dates[key[0]] for key in keys],
                },
            )
        self.env.cr.execute(
            """
            DELETE FROM perf_kpi_value v
             WHERE v.definition_id = %(definition)s
               AND v.period_id = ANY(%(months)s)
               -- NOT IN over a subquery is hashed: one pass over the values.
               AND (v.period_id, v.owner_key) NOT IN (
                   SELECT k.period_id, k.owner_key
                     FROM unnest(%(periods)s::int[], %(keys)s::varchar[])
                          AS k(period_id, owner_key)
               )
            """,
            {
                "definition": definition.id,
                "months": list(month_dates),
                "periods": [key[0] for key in keys],
                "keys": [key[1] for key in keys],
            },
        )
        self.invalidate_model()
