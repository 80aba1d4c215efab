from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

#: Appraisals read (and their indicators) per batch of the payroll export.
PAYROLL_BATCH_SIZE = 1000
APPRAISAL_FIELDS = [
    "employee_id",
    "company_id",
    "department_id",
    "job_id",
    "manager_id",
    "period_id",
    "score_result",
    "score_process",
    "score_competency",
    "has_score_result",
    "has_score_process",
    "has_score_competency",
    "final_score",
    "has_final_score",
    "rating_band_id",
    "rating_name",
    "payroll_coefficient",
    "is_calibrated",
    "state",
]
INDICATOR_FIELDS = [
    "objective_id",
    "name",
    "dimension",
    "unit",
    "target_value",
    "actual_value",
    "score",
    "weight",
]


class PerfAppraisal(models.Model):
    """The payroll export of appraisals: which ones a user may export, and
    their rows (one per appraisal, one per scored indicator) read in batches
    (a few queries per batch of :data:`PAYROLL_BATCH_SIZE` appraisals, none
    per row)."""

    _inherit = "perf.appraisal"

    # What payroll reads is what was rated: the band's name and coefficient
    # as they were when the appraisal got them, whatever the band becomes.
    rating_name = fields.Char(
        string="Rating Paid",
        readonly=True,
        copy=False,
        groups="perf_management.group_perf_manager",
        help="The name of the rating when the appraisal got it, as the payroll "
        "export writes it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "rating_band_id" in vals:
                vals["rating_name"] = self._get_rating_name(vals["rating_band_id"])
        return super().create(vals_list)

    def write(self, vals):
        if "rating_band_id" in vals:
            vals = dict(vals, rating_name=self._get_rating_name(vals["rating_band_id"]))
        return super().write(vals)

    @api.model
    def _get_rating_name(self, band_id):
        return self.env["perf.rating.band"].sudo().browse(band_id).name or False

    @api.model
    def _get_payroll_domain(
        self, campaign_id=False, period_id=False, appraisal_ids=None, all_states=False
    ):
        """The appraisals of a campaign, a period or a selection: done only,
        unless ``all_states``."""
        domain = [] if all_states else [("state", "=", "done")]
        if campaign_id:
            domain.append(("campaign_id", "=", campaign_id))
        if period_id:
            domain.append(("period_id", "=", period_id))
        if appraisal_ids is not None:
            domain.append(("id", "in", list(appraisal_ids)))
        return domain

    @api.model
    def _search_payroll_export(self, domain):
        """The appraisals of ``domain`` the user may export for payroll.

        Exporting for payroll is for performance administrators (every
        appraisal their record rules show them, in their allowed companies)
        and managers (the appraisals they conduct: their team, never their
        own appraisal). Employees export nothing. The search runs as the
        user, so the record rules and the multi-company rules hold.
        """
        if not self.env.su and not self.env.user.has_group(
            "perf_management.group_perf_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only managers and performance administrators export "
                    "appraisals for payroll."
                )
            )
        if not self._is_admin():
            uid = self.env.uid
            domain = [
                *domain,
                ("manager_user_id", "=", uid),
                ("employee_user_id", "!=", uid),
            ]
        return self.search(domain)

    def _get_payroll_code_gaps(self):
        """What the payroll export of ``self`` leaves without an employee
        code: the employees whose code (the field their company exports) is
        empty, and the companies whose code field the user may not read (the
        export leaves it empty for everyone there)."""
        Employee = self.env["hr.employee"]
        missing = Employee.sudo()
        unreadable = self.env["res.company"]
        for company, appraisals in self.sudo().grouped("company_id").items():
            field = company.perf_payroll_employee_code
            if not field or not Employee._fields[field].is_accessible(self.env):
                unreadable |= company
                continue
            missing |= appraisals.employee_id.filtered(
                lambda employee, field=field: not employee[field]
            )
        return missing, unreadable

    @api.model
    def _get_payroll_columns(self):
        """(header, kind) of the appraisal sheet's columns, in the order of
        the rows of :meth:`_get_payroll_batches`."""
        _ = self.env._
        return [
            (_("Employee Code"), "text"),
            (_("Employee"), "text"),
            (_("Company"), "text"),
            (_("Department"), "text"),
            (_("Job Position"), "text"),
            (_("Manager"), "text"),
            (_("Period"), "text"),
            (_("Period Start"), "date"),
            (_("Period End"), "date"),
            (_("Result Score"), "number"),
            (_("Process Score"), "number"),
            (_("Competency Score"), "number"),
            (_("Final Score"), "number"),
            (_("Rating"), "text"),
            (_("Payroll Coefficient"), "number"),
            (_("Calibrated"), "boolean"),
            (_("State"), "text"),
        ]

    @api.model
    def _get_payroll_indicator_columns(self):
        """(header, kind) of the indicator sheet's columns."""
        _ = self.env._
        return [
            (_("Employee Code"), "text"),
            (_("Employee"), "text"),
            (_("Period"), "text"),
            (_("Objective"), "text"),
            (_("Indicator"), "text"),
            (_("Dimension"), "text"),
            (_("Unit"), "text"),
            (_("Target"), "number"),
            (_("Actual"), "number"),
            (_("Score"), "number"),
            (_("Weight"), "number"),
        ]

    def _get_payroll_batches(self):
        """Yield, per batch of appraisals of ``self`` (in their order), the
        rows of the appraisal sheet and those of the indicator sheet.

        The appraisals are read as the user; the names of what they point to
        (employee, department, ...) and the scored indicators are read as
        superuser, as the appraisal form shows them to whoever may read the
        appraisal. The employee code (the field chosen by each company) is
        left empty for a user who may not read that field of employees.
        """
        names = _NameCache(self.env)
        states = dict(self._fields["state"]._description_selection(self.env))
        for start in range(0, len(self), PAYROLL_BATCH_SIZE):
            batch = self[start : start + PAYROLL_BATCH_SIZE]
            records = batch.read(APPRAISAL_FIELDS, load=None)
            names.load_appraisals(records)
            indicators = batch._get_payroll_indicators(records)
            rows, indicator_rows = [], []
            for rec in records:
                employee_id = rec["employee_id"]
                code, employee = names.employees[employee_id]
                period, date_start, date_end = names.periods[rec["period_id"]]
                rows.append(
                    (
                        code,
                        employee,
                        names.get("res.company", rec["company_id"]),
                        names.get("hr.department", rec["department_id"]),
                        names.get("hr.job", rec["job_id"]),
                        names.get("hr.employee", rec["manager_id"]),
                        period,
                        date_start,
                        date_end,
                        rec["score_result"] if rec["has_score_result"] else None,
                        rec["score_process"] if rec["has_score_process"] else None,
                        rec["score_competency"]
                        if rec["has_score_competency"]
                        else None,
                        rec["final_score"] if rec["has_final_score"] else None,
                        # Rated before the name was kept: the band's.
                        rec["rating_name"]
                        or names.get("perf.rating.band", rec["rating_band_id"]),
                        rec["payroll_coefficient"]
                        if rec["rating_band_id"] or rec["rating_name"]
                        else None,
                        rec["is_calibrated"],
                        states.get(rec["state"]),
                    )
                )
                indicator_rows.extend(
                    (code, employee, period, *line)
                    for line in indicators.get((employee_id, rec["period_id"]), ())
                )
            yield rows, indicator_rows
            # Keep the memory of one batch at a time.
            self.env.invalidate_all()
            names.employees.clear()

    def _get_payroll_indicators(self, records):
        """The scored indicators of the appraisals ``records`` (as read by
        :meth:`_get_payroll_batches`), as rows (objective, indicator,
        dimension, unit, target, actual, score, weight) by (employee id,
        period id): those ``_get_scored_indicators`` gives each appraisal,
        with two queries per period of the batch (objectives, indicators).

        The values are selected from the ORM's query of that domain rather
        than read through ``read()``, which formats each of the export's
        hundred thousand values one by one.
        """
        employees_by_period = {}
        for rec in records:
            employees_by_period.setdefault(rec["period_id"], set()).add(
                rec["employee_id"]
            )
        Indicator = self.env["perf.indicator"].sudo()
        dimensions = dict(
            Indicator._fields["dimension"]._description_selection(self.env)
        )
        lines = {}
        for period_id, employee_ids in employees_by_period.items():
            # Objectives first: filtering the indicators by their objective's
            # employee would scan every indicator of the period.
            objectives = {
                objective["id"]: (objective["employee_id"], objective["name"])
                for objective in self.env["perf.objective"]
                .sudo()
                .search_read(
                    [
                        ("level", "=", "employee"),
                        ("employee_id", "in", list(employee_ids)),
                        ("period_id", "child_of", period_id),
                    ],
                    ["employee_id", "name"],
                    load=None,
                )
            }
            query = Indicator._search(
                [("objective_id", "in", list(objectives)), ("has_score", "=", True)]
            )
            columns = [
                Indicator._field_to_sql(Indicator._table, fname, query)
                for fname in INDICATOR_FIELDS
            ]
            query.order = SQL(
                "%s, %s, %s",
                columns[0],
                Indicator._field_to_sql(Indicator._table, "sequence", query),
                Indicator._field_to_sql(Indicator._table, "id", query),
            )
            indicators = self.env.execute_query(query.select(*columns))
            for objective_id, name, dimension, unit, *values in indicators:
                employee_id, objective = objectives[objective_id]
                # An empty number reads 0.0 through the ORM: the same here.
                lines.setdefault((employee_id, period_id), []).append(
                    (
                        objective,
                        name,
                        dimensions.get(dimension),
                        unit or None,
                        *(value or 0.0 for value in values),
                    )
                )
        return lines


class _NameCache:
    """Names of the records the appraisals point to, read once per batch of
    new ids (periods, companies, bands: once per export)."""

    NAME_FIELDS = {
        "res.company": "name",
        "hr.department": "complete_name",
        "hr.job": "name",
        "hr.employee": "name",
        "perf.rating.band": "name",
    }

    def __init__(self, env):
        self.env = env
        self.names = {model: {} for model in self.NAME_FIELDS}
        self.periods = {}
        self.employees = {}
        self.code_fields = {}

    def get(self, model, record_id):
        return self.names[model].get(record_id) if record_id else None

    def _load(self, model, ids):
        known = self.names[model]
        missing = [
            record_id for record_id in ids if record_id and record_id not in known
        ]
        if missing:
            field = self.NAME_FIELDS[model]
            for rec in self.env[model].sudo().browse(missing).read([field]):
                known[rec["id"]] = rec[field] or None

    def load_appraisals(self, records):
        env = self.env
        periods = {rec["period_id"] for rec in records} - set(self.periods)
        for period in (
            env["perf.period"]
            .sudo()
            .browse(periods)
            .read(["name", "date_start", "date_end"])
        ):
            self.periods[period["id"]] = (
                period["name"],
                period["date_start"],
                period["date_end"],
            )
        for model, key in (
            ("res.company", "company_id"),
            ("hr.department", "department_id"),
            ("hr.job", "job_id"),
            ("hr.employee", "manager_id"),
            ("perf.rating.band", "rating_band_id"),
        ):
            self._load(model, {rec[key] for rec in records})
        self._load_code_fields({rec["company_id"] for rec in records})
        employee_ids = {rec["employee_id"] for rec in records}
        code_fields = sorted({f for f in self.code_fields.values() if f})
        employees = (
            env["hr.employee"]
            .sudo()
            .browse(employee_ids)
            .read(["name", "company_id", *code_fields], load=None)
        )
        for employee in employees:
            code_field = self.code_fields.get(employee["company_id"])
            code = employee[code_field] if code_field else None
            self.employees[employee["id"]] = (code or None, employee["name"])

    def _load_code_fields(self, company_ids):
        """The employee field each company uses as employee code, or None
        when the user may not read it."""
        missing = company_ids - set(self.code_fields)
        if not missing:
            return
        Employee = self.env["hr.employee"]
        for company in self.env["res.company"].sudo().browse(missing):
            field = company.perf_payroll_employee_code
            readable = field and Employee._fields[field].is_accessible(self.env)
            self.code_fields[company.id] = field if readable else None
