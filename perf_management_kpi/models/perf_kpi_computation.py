"""How a KPI actual is computed.

For each computed KPI (``_update_one``), as gamification's ``update_goal``
does for its goals:

1. ``_read_source_rows`` runs one grouped query over the source model, as the
   user the KPI is computed as (``computed_as_user_id``, so record rules
   apply) in the KPI's company only: one row per attribution value and month
   period. Records are placed in the open month periods of the company by the
   periods' own boundaries (a fiscal year may start on any day), not by
   calendar months.
2. ``_get_monthly_values`` spreads the rows over owners: the employee
   (a user is replaced by their employee in the company), their department and
   its parent departments, and the company. Only records attributable to the
   KPI's company count. A month that has ended keeps the department its
   employee values were stored with: a transfer does not move the past.
3. ``perf.kpi.value._store_computed_values`` upserts the monthly values of
   the open months (locked months are never rewritten), as superuser, after
   the checks above.
4. ``_update_indicators`` writes the actual of the open indicators linked to
   the KPI from the monthly values of their owner, aggregated over their
   period (sum, average or last month). Values entered by hand feed only the
   indicators of the owners and periods they touch.
"""

import logging
from collections import defaultdict
from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.perf_management.models.perf_appraisal_freeze import COMPUTED_FIGURES

from ..tools import owner_keys

_logger = logging.getLogger(__name__)


# One concept per file: what a KPI is, which records it may read, how it is
# computed and how it is assigned (as gamification keeps goal definitions and
# update_goal apart).
class PerfKpiDefinition(models.Model):
    _inherit = "perf.kpi.definition"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_compute_actuals(self):
        definitions = self.sudo().search([("source", "=", "computed")])
        done = 0
        for definition in definitions:
            definition._update_actuals()
            done += 1
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(definitions) - done
            )

    def _update_actuals(self):
        """Compute each definition in its own savepoint, so one failure is logged
        on its definition and does not stop the others. Returns the failed ones."""
        failed = self.browse()
        for definition in self.sudo():
            try:
                with self.env.cr.savepoint():
                    definition._update_one()
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

    def _update_one(self):
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
            values = self._get_monthly_values(months)
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

    # ------------------------------------------------------------------ source

    def _get_source_model(self):
        """The source model as the user the KPI is computed as, in the KPI's
        company only, with a context of its own: the result does not depend on
        who runs the computation."""
        self.ensure_one()
        author = self.computed_as_user_id
        if not author:
            raise UserError(
                self.env._(
                    "The KPI %(kpi)s has no user to be computed as: save its domain "
                    "again.",
                    kpi=self.display_name,
                )
            )
        env = self.env(
            user=author.id,
            su=False,
            context={"tz": "UTC", "allowed_company_ids": self.company_id.ids},
        )
        return env[self.model_name]

    def _get_source_domain(self, date_from, date_to):
        """The KPI's domain within [date_from, date_to[, in its company (or
        shared records) when the model has a company."""
        model = self.env[self.model_name]
        domain = expression.normalize_domain(self._parse_domain())
        if model._fields[self.date_field_name].type == "datetime":
            date_from, date_to = (
                datetime.combine(day, datetime.min.time())
                for day in (date_from, date_to)
            )
        bounds = [
            (self.date_field_name, ">=", date_from),
            (self.date_field_name, "<", date_to),
        ]
        if self._has_company_field(model):
            bounds.append(("company_id", "in", [self.company_id.id, False]))
        return expression.AND([domain, bounds])

    @api.model
    def _has_company_field(self, model):
        field = model._fields.get("company_id")
        return bool(
            field is not None and field.store and field.comodel_name == "res.company"
        )

    @api.model
    def _month_thresholds(self, months):
        """(sorted dates, {bucket number: month id}) for ``width_bucket``: bucket
        i holds the dates from the i-th date included to the next excluded.
        Gaps between open months (a locked month) are buckets of no month."""
        bounds = set()
        by_start = {}
        for month in months:
            bounds.add(month.date_start)
            bounds.add(fields.Date.add(month.date_end, days=1))
            by_start[month.date_start] = month
        thresholds = sorted(bounds)
        buckets = {
            index + 1: by_start[day].id
            for index, day in enumerate(thresholds)
            if day in by_start
        }
        return thresholds, buckets

    def _read_source_rows(self, months):
        """The grouped query: [(owner id or None, month id, counts for the company
        whatever the owner, sum, measured count, record count)] per attribution
        value and month period."""
        model = self._get_source_model()
        thresholds, buckets = self._month_thresholds(months)
        domain = self._get_source_domain(thresholds[0], thresholds[-1])
        query = model._search(domain)
        if query.is_empty():
            return []
        table = model._table
        date_sql = model._field_to_sql(table, self.date_field_name, query)
        if model._fields[self.date_field_name].type == "datetime":
            date_sql = SQL("(%s)::date", date_sql)
        bucket_sql = SQL("width_bucket(%s, %s::date[])", date_sql, thresholds)
        owner_sql = (
            model._field_to_sql(table, self.attribution_field_name, query)
            if self.attribution_field_name
            else SQL("NULL::int")
        )
        company_sql = (
            SQL("(%s IS NOT NULL)", model._field_to_sql(table, "company_id", query))
            if self._has_company_field(model)
            else SQL("FALSE")
        )
        if self.measure == "count":
            aggregates = [SQL("COUNT(*)"), SQL("COUNT(*)"), SQL("COUNT(*)")]
        else:
            measure_sql = model._field_to_sql(table, self.measure_field_name, query)
            aggregates = [
                SQL("COALESCE(SUM(%s), 0)", measure_sql),
                SQL("COUNT(%s)", measure_sql),
                SQL("COUNT(*)"),
            ]
        query.groupby = SQL("1, 2, 3")
        rows = self.env.execute_query(
            query.select(owner_sql, bucket_sql, company_sql, *aggregates)
        )
        return [
            (owner, buckets[bucket], company_set, amount, measured, count)
            for owner, bucket, company_set, amount, measured, count in rows
            if bucket in buckets
        ]

    # ------------------------------------------------------------------ owners

    def _get_monthly_values(self, months):
        """Run the one grouped query of the definition and spread its rows over
        owners: {(month period id, owner key): (value, record count, employee id,
        department id)}. Departments include their sub-departments."""
        self.ensure_one()
        if not months:
            return {}
        raw = self._read_source_rows(months)
        resolve = self._get_owner_resolver({row[0] for row in raw if row[0]}, months)

        # (month id, owner key) -> [sum, measured count, record count, employee,
        # department]
        totals = {}
        company_key = owner_keys.company_key(self.company_id.id)
        counts_unattributed = self._counts_unattributed()
        for owner, month_id, company_set, amount, measured, count in raw:
            keys = resolve(owner, month_id) if owner else None
            if keys is None and not (company_set or counts_unattributed):
                # Nothing ties the records to this company.
                continue
            for key, employee_id, department_id in [
                (company_key, False, False),
                *(keys or []),
            ]:
                total = totals.setdefault(
                    (month_id, key), [0.0, 0, 0, employee_id, department_id]
                )
                total[0] += amount
                total[1] += measured
                total[2] += count
        result = {}
        average = self.measure == "avg"
        for key, (
            amount,
            measured,
            count,
            employee_id,
            department_id,
        ) in totals.items():
            if average:
                if not measured:
                    continue
                amount = amount / measured
            result[key] = (amount, count, employee_id, department_id)
        return result

    def _counts_unattributed(self):
        """Records of a model without company and without attribution field can
        only be counted all together."""
        return not self.attribution_field_name and not self._has_company_field(
            self.env[self.model_name]
        )

    def _get_owner_resolver(self, owner_ids, months):
        """A function (attribution id, month id) -> [(owner key, employee id,
        department id)] the record counts for besides the company, or None when
        the owner is not of the KPI's company. Reads employees, departments and
        the departments of past months in a fixed number of queries."""
        attribution = self.attribution
        company = self.company_id
        if attribution == owner_keys.COMPANY:
            return lambda owner, month_id: [] if owner == company.id else None
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        if attribution == owner_keys.DEPARTMENT:
            departments = Department.browse(owner_ids)
            chains = self._department_chains(departments)
            own = {d.id for d in departments if d.company_id.id in (company.id, False)}
            return lambda owner, month_id: (
                self._department_keys(chains, owner) if owner in own else None
            )

        if attribution == owner_keys.EMPLOYEE:
            employees = Employee.browse(owner_ids)
        else:
            employees = Employee.search([("user_id", "in", list(owner_ids))])
        # Plain values: the resolver runs once per row of the grouped query.
        facts = {
            employee.id: (
                employee.user_id.id,
                employee.company_id.id,
                employee.department_id.id,
            )
            for employee in employees
        }
        candidates = defaultdict(list)
        # The employee in the KPI's company first.
        for employee_id, (user_id, _company, _dep) in sorted(
            facts.items(), key=lambda item: item[1][1] != company.id
        ):
            owner = employee_id if attribution == owner_keys.EMPLOYEE else user_id
            candidates[owner].append(employee_id)
        past = self._get_past_departments(employees, months)
        departments = Department.browse(
            {fact[2] for fact in facts.values() if fact[2]}
            | {department_id for department_id in past.values() if department_id}
        )
        chains = self._department_chains(departments)
        known = {}

        def keys_of(employee_id, department_id):
            if (employee_id, department_id) not in known:
                known[(employee_id, department_id)] = [
                    (owner_keys.employee_key(employee_id), employee_id, department_id)
                ] + self._department_keys(chains, department_id)
            return known[(employee_id, department_id)]

        company_id = company.id

        def resolve(owner, month_id):
            for employee_id in candidates.get(owner, []):
                if (month_id, employee_id) in past:
                    return keys_of(employee_id, past[(month_id, employee_id)])
                _user, employee_company_id, department_id = facts[employee_id]
                if employee_company_id == company_id:
                    return keys_of(employee_id, department_id)
            return None

        return resolve

    def _get_past_departments(self, employees, months):
        """{(month id, employee id): department id} of the employee values stored
        for the months that have ended (in UTC, whoever runs the computation):
        their attribution stays."""
        today = fields.Date.today()
        past_months = months.filtered(lambda m: m.date_end < today)
        if not past_months or not employees:
            return {}
        self.env["perf.kpi.value"].flush_model(
            ["definition_id", "period_id", "employee_id", "department_id"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT period_id, employee_id, department_id
                  FROM perf_kpi_value
                 WHERE definition_id = %s
                   AND period_id = ANY(%s)
                   AND employee_id = ANY(%s)
                """,
                self.id,
                past_months.ids,
                employees.ids,
            )
        )
        return {
            (period_id, employee_id): department_id
            for period_id, employee_id, department_id in rows
        }

    @api.model
    def _department_chains(self, departments):
        return {
            d.id: [int(a) for a in (d.parent_path or "").split("/") if a]
            for d in departments
        }

    @api.model
    def _department_keys(self, chains, department_id):
        return [
            (owner_keys.department_key(ancestor), False, ancestor)
            for ancestor in chains.get(department_id, [])
        ]

    # ------------------------------------------------------------------ indicators

    def _update_indicators(self, keys=None, touched_months=None):
        """Write the actual of the open indicators linked to this definition from
        the monthly values of their owner, aggregated over their period.

        ``keys`` (owner keys) and ``touched_months`` restrict the update to the
        indicators of these owners whose period holds one of these months."""
        self.ensure_one()
        domain = [
            ("kpi_definition_id", "=", self.id),
            ("period_id.state", "=", "open"),
        ]
        if touched_months:
            domain += expression.OR(
                [
                    [
                        ("period_id.date_start", "<=", month.date_start),
                        ("period_id.date_end", ">=", month.date_start),
                    ]
                    for month in touched_months
                ]
            )
        if keys:
            domain += self.env["perf.indicator"]._get_kpi_owner_domain(keys)
        # Computed figures come from other data: their changes are
        # corrections of the appraisals in review, whoever runs the job.
        # Values entered by hand are the user's own figures.
        engine_context = {"mail_notrack": True, "perf_kpi_engine": True}
        if self.source == "computed":
            engine_context[COMPUTED_FIGURES] = True
        indicators = (
            self.env["perf.indicator"].sudo().with_context(**engine_context)
        ).search(domain)
        # Scored by a done appraisal: frozen until it is reopened. Those that
        # an appraisal in review scores are written one by one below, as
        # tracked corrections (or refused to their appraised employee).
        frozen, own, reviewed = indicators._get_appraisal_split()
        indicators -= frozen
        if not indicators:
            return
        periods = indicators.period_id
        today = fields.Date.today()
        months = self.env["perf.period"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "month"),
                ("date_start", ">=", min(periods.mapped("date_start"))),
                ("date_start", "<=", min(max(periods.mapped("date_end")), today)),
            ],
            order="date_start",
        )
        indicator_keys = {
            indicator: indicator._get_kpi_owner_key() for indicator in indicators
        }
        stored = (
            self.env["perf.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("definition_id", "=", self.id),
                    ("period_id", "in", months.ids),
                    (
                        "owner_key",
                        "in",
                        list(set(filter(None, indicator_keys.values()))),
                    ),
                ],
                ["period_id", "owner_key", "value"],
            )
        )
        values = {(v.period_id.id, v.owner_key): v.value for v in stored}

        missing_is_zero = self.source == "computed" and self.measure in ("count", "sum")
        by_actual = defaultdict(lambda: self.env["perf.indicator"])
        for indicator, key in indicator_keys.items():
            if not key:
                continue
            period = indicator.period_id
            monthly = []
            for month in months:
                if not period.date_start <= month.date_start <= period.date_end:
                    continue
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
        engine = self.with_context(**engine_context)
        checked = engine.with_context(perf_appraisal_checked=True)
        reviewed = (own | reviewed).with_env(engine.env)
        for actual, to_write in by_actual.items():
            vals = {"actual_value": actual, "has_actual": True}
            (to_write - reviewed).with_env(checked.env).write(vals)
            if to_write & reviewed:
                (to_write & reviewed).with_env(engine.env).write(vals)
        engine.env.flush_all()

    def _aggregate_over_time(self, monthly):
        """Value of a period from the values of its months, in date order."""
        if self.aggregation == "average":
            return sum(monthly) / len(monthly)
        if self.aggregation == "last":
            return monthly[-1]
        return sum(monthly)
