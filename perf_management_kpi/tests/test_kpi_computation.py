from collections import defaultdict

from odoo.tests import tagged

from odoo.addons.perf_management.tests.common import (
    write_manager_review,
    write_self_review,
)

from ..tools import owner_keys
from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiComputation(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_people = cls._create_employees(3, cls.dep_sales, "KPI Seller")
        cls.field_people = cls._create_employees(4, cls.dep_field, "KPI Rep")
        cls.employees = cls.sales_people | cls.field_people
        cls.logs, cls.expected = cls._create_skill_logs(cls.employees)
        cls.month_by_number = {m.date_start.month: m for m in cls.months}

    def test_sum_per_employee_department_and_company(self):
        definition = self._create_definition()
        self.assertFalse(definition._update_actuals())
        values = self._values(definition)

        by_department = defaultdict(float)
        by_company = defaultdict(float)
        for (employee_id, month), (total, __) in self.expected.items():
            period = self.month_by_number[month]
            self.assertEqual(
                values[(period.id, owner_keys.employee_key(employee_id))], total
            )
            employee = self.env["hr.employee"].browse(employee_id)
            by_department[(month, employee.department_id.id)] += total
            by_company[month] += total
            if employee.department_id == self.dep_field:
                # Sub-departments count for the department above them.
                by_department[(month, self.dep_sales.id)] += total
        for (month, department_id), total in by_department.items():
            period = self.month_by_number[month]
            self.assertEqual(
                values[(period.id, owner_keys.department_key(department_id))], total
            )
        for month, total in by_company.items():
            period = self.month_by_number[month]
            self.assertEqual(
                values[(period.id, owner_keys.company_key(self.company.id))], total
            )
        self.assertFalse(definition.last_error)
        self.assertTrue(definition.last_computed)

    def test_count_and_average(self):
        count_def = self._create_definition(code="SKILL_COUNT", measure="count")
        avg_def = self._create_definition(code="SKILL_AVG", measure="avg")
        (count_def | avg_def)._update_actuals()
        counts = self._values(count_def)
        averages = self._values(avg_def)
        for (employee_id, month), (total, count) in self.expected.items():
            key = (self.month_by_number[month].id, owner_keys.employee_key(employee_id))
            self.assertEqual(counts[key], count)
            self.assertAlmostEqual(averages[key], total / count, places=2)

    def test_domain_filters_records(self):
        # only this test's employees: the database may hold other skill logs
        definition = self._create_definition(
            code="SKILL_HIGH",
            measure="count",
            domain="[('level_progress', '>=', 75), ('employee_id', 'in', %s)]"
            % self.employees.ids,
        )
        definition._update_actuals()
        expected = sum(1 for log in self.logs if log.level_progress >= 75)
        company_total = sum(
            v.value
            for v in self.env["perf.kpi.value"].search(
                [("definition_id", "=", definition.id), ("owner_level", "=", "company")]
            )
        )
        self.assertEqual(company_total, expected)

    def test_attribution_to_department(self):
        definition = self._create_definition(
            code="SKILL_DEP", attribution_field_name="department_id"
        )
        self.assertEqual(definition.attribution, "department")
        definition._update_actuals()
        values = self._values(definition)
        month = self.month_by_number[1]
        field_total = sum(
            log.level_progress
            for log in self.logs
            if log.department_id == self.dep_field and log.date.month == 1
        )
        all_total = sum(log.level_progress for log in self.logs if log.date.month == 1)
        self.assertEqual(
            values[(month.id, owner_keys.department_key(self.dep_field.id))],
            field_total,
        )
        self.assertEqual(
            values[(month.id, owner_keys.department_key(self.dep_sales.id))], all_total
        )
        self.assertFalse(
            [key for key in values if key[1].startswith("employee:")],
            "a department attribution gives no employee values",
        )

    def test_attribution_to_company_only(self):
        definition = self._create_definition(
            code="SKILL_CO",
            attribution_field_name=False,
            domain="[('employee_id', 'in', %s)]" % self.employees.ids,
        )
        self.assertEqual(definition.attribution, "company")
        definition._update_actuals()
        values = self._values(definition)
        self.assertEqual(
            {key[1] for key in values}, {owner_keys.company_key(self.company.id)}
        )
        self.assertEqual(sum(values.values()), sum(self.logs.mapped("level_progress")))

    def test_attribution_to_user_goes_to_the_employee(self):
        user = self.env["res.users"].create(
            {"name": "KPI Activity User", "login": "kpi_activity_user"}
        )
        employee = self.employees[0]
        employee.user_id = user
        partner = self.env["res.partner"].create({"name": "KPI Customer"})
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for day in (3, 9, 17):
            self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": f"{self.YEAR}-02-{day:02d}",
                    "summary": "Visit",
                }
            )
        definition = self._create_definition(
            code="VISITS",
            model_name="mail.activity",
            measure="count",
            date_field_name="date_deadline",
            attribution_field_name="user_id",
            domain="[('summary', '=', 'Visit')]",
        )
        self.assertEqual(definition.attribution, "user")
        definition._update_actuals()
        values = self._values(definition)
        february = self.month_by_number[2]
        self.assertEqual(values[(february.id, owner_keys.employee_key(employee.id))], 3)
        self.assertEqual(
            values[(february.id, owner_keys.department_key(employee.department_id.id))],
            3,
        )

    def test_recompute_updates_and_removes_values(self):
        definition = self._create_definition()
        definition._update_actuals()
        first = self._values(definition)
        log = self.logs[0]
        key = (
            self.month_by_number[log.date.month].id,
            owner_keys.employee_key(log.employee_id.id),
        )
        same_owner_month = self.logs.filtered(
            lambda lg: lg.employee_id == log.employee_id
            and lg.date.month == log.date.month
        )
        same_owner_month.unlink()
        definition._update_actuals()
        second = self._values(definition)
        self.assertIn(key, first)
        self.assertNotIn(key, second, "a value without records left is removed")
        self.assertEqual(
            len(
                self.env["perf.kpi.value"].search(
                    [("definition_id", "=", definition.id)]
                )
            ),
            len(second),
        )

    def test_locked_month_is_not_recomputed(self):
        definition = self._create_definition()
        definition._update_actuals()
        january = self.month_by_number[1]
        before = {
            k: v for k, v in self._values(definition).items() if k[0] == january.id
        }
        january.action_lock()
        self.logs.filtered(lambda lg: lg.date.month == 1).unlink()
        definition._update_actuals()
        after = {
            k: v for k, v in self._values(definition).items() if k[0] == january.id
        }
        self.assertEqual(before, after)

    def test_appraised_indicator_is_not_rewritten(self):
        """A done appraisal freezes the employee's computed actual: the
        computation skips it, and writes it again once reopened."""
        employee = self.employees[0]
        definition = self._create_definition(aggregation="sum")
        indicators = self.env["perf.indicator"].create(
            [
                {
                    "objective_id": self._objective(
                        "employee", quarter, employee_id=other.id
                    ).id,
                    "kpi_definition_id": definition.id,
                    "target_value": 100.0,
                }
                for other in (employee, self.employees[1])
                for quarter in self.quarters[:1]
            ]
        )
        frozen, other = indicators
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": employee.id, "period_id": self.quarters[0].id}
        )
        appraisal.action_start()
        write_self_review(appraisal)
        appraisal.action_submit_self_review()
        write_manager_review(appraisal)
        appraisal.action_submit_manager_review()
        appraisal.action_done()
        self.assertFalse(definition._update_actuals())
        self.assertFalse(frozen.has_actual)
        self.assertTrue(other.has_actual)
        appraisal.with_context(perf_change_reason="Late figures").action_reopen()
        definition._update_actuals()
        self.assertTrue(frozen.has_actual)

    def test_computed_actual_in_review_is_a_correction(self):
        """Once the self review is submitted, a new computed actual of the
        employee is a correction: written, posted on the appraisal with the
        old and new figures, and the appraisal in calibration goes back to
        the manager review."""
        employee = self.employees[0]
        definition = self._create_definition(aggregation="sum")
        indicator = self.env["perf.indicator"].create(
            {
                "name": "KPI computed sales",
                "objective_id": self._objective(
                    "employee", self.quarters[0], employee_id=employee.id
                ).id,
                "kpi_definition_id": definition.id,
                "target_value": 100.0,
            }
        )
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": employee.id, "period_id": self.quarters[0].id}
        )
        appraisal.action_start()
        write_self_review(appraisal)
        appraisal.action_submit_self_review()
        write_manager_review(appraisal)
        appraisal.action_submit_manager_review()
        self.assertEqual(appraisal.state, "calibration")
        self.assertFalse(definition._update_actuals())
        self.assertTrue(indicator.has_actual)
        self.assertEqual(appraisal.state, "manager_review")
        self.assertTrue(
            any(
                "computed again" in body and "KPI computed sales" in body
                for body in appraisal.message_ids.mapped("body")
            )
        )

    def test_quarter_and_year_from_months(self):
        employee = self.employees[0]
        monthly = {
            month: self.expected.get((employee.id, month), [0, 0])[0]
            for month in range(1, 13)
        }
        indicators = {}
        for period in (self.quarters[0], self.quarters[1], self.year):
            objective = self._objective("employee", period, employee_id=employee.id)
            indicators[period] = objective
        definition = self._create_definition(aggregation="sum")
        for period, objective in indicators.items():
            indicators[period] = self.env["perf.indicator"].create(
                {
                    "objective_id": objective.id,
                    "kpi_definition_id": definition.id,
                    "target_value": 100.0,
                }
            )
        definition._update_actuals()
        q1, q2 = self.quarters[0], self.quarters[1]
        self.assertEqual(
            indicators[q1].actual_value, sum(monthly[m] for m in (1, 2, 3))
        )
        self.assertEqual(indicators[self.year].actual_value, sum(monthly.values()))
        definition.aggregation = "average"
        definition._update_actuals()
        self.assertAlmostEqual(
            indicators[q2].actual_value, sum(monthly[m] for m in (4, 5, 6)) / 3
        )
        definition.aggregation = "last"
        definition._update_actuals()
        self.assertEqual(indicators[q2].actual_value, monthly[6])
        self.assertEqual(indicators[self.year].actual_value, monthly[12])

    def test_failure_is_isolated_per_definition(self):
        good = self._create_definition(code="GOOD")
        broken = self._create_definition(code="BROKEN")
        # A domain that became wrong after it was saved (e.g. a field removed
        # by an upgrade) fails at computation time only.
        self.env.cr.execute(
            "UPDATE perf_kpi_definition SET domain = %s WHERE id = %s",
            ["[('field_gone', '=', 1)]", broken.id],
        )
        broken.invalidate_recordset()
        messages_before = len(broken.message_ids)
        failed = (broken | good)._update_actuals()
        self.assertEqual(failed, broken)
        self.assertTrue(broken.last_error)
        self.assertTrue(broken.last_computed)
        self.assertEqual(len(broken.message_ids), messages_before + 1)
        self.assertFalse(self._values(broken))
        self.assertFalse(good.last_error)
        self.assertTrue(self._values(good))
        # The same error again does not flood the chatter.
        broken._update_actuals()
        self.assertEqual(len(broken.message_ids), messages_before + 1)

    def test_cron_computes_every_computed_definition(self):
        definition = self._create_definition(code="CRON")
        self.env["perf.kpi.definition"]._cron_compute_actuals()
        self.assertTrue(self._values(definition))
        cron = self.env.ref("perf_management_kpi.ir_cron_perf_kpi_compute_actuals")
        self.assertEqual(cron.code, "model._cron_compute_actuals()")

    def _count_queries(self, definition):
        # A computation within the same second as the previous one would not
        # write last_computed again: one query less, whatever the size.
        definition.last_computed = False
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        definition._update_actuals()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow_with_employees(self):
        """Computing one definition costs the same number of queries for N and
        for 3N employees, indicators included."""
        counts = []
        for size, code in ((4, "QC_SMALL"), (12, "QC_LARGE")):
            department = self.env["hr.department"].create(
                {"name": f"KPI QC {size}", "company_id": self.company.id}
            )
            employees = self._create_employees(size, department, f"KPI QC {size}")
            self._create_skill_logs(employees, per_employee=6, seed=size)
            definition = self._create_definition(
                code=code, domain=f"[('department_id', '=', {department.id})]"
            )
            objectives = self.env["perf.objective"].create(
                [
                    {
                        "name": f"Grow {employee.name}",
                        "level": "employee",
                        "employee_id": employee.id,
                        "company_id": self.company.id,
                        "period_id": self.quarters[0].id,
                    }
                    for employee in employees
                ]
            )
            self.env["perf.indicator"].create(
                [
                    {
                        "objective_id": objective.id,
                        "kpi_definition_id": definition.id,
                        # Far away, so every score changes and stays red.
                        "target_value": 100000.0,
                    }
                    for objective in objectives
                ]
            )
            # First run creates the values; measure a refresh that changes them.
            definition._update_actuals()
            self.env["hr.employee.skill.log"].search(
                [("employee_id", "in", employees.ids)]
            ).skill_level_id = self.levels[-1]
            counts.append(self._count_queries(definition))
            indicators = definition.indicator_ids
            self.assertTrue(all(indicators.mapped("has_actual")))
        self.assertEqual(counts[0], counts[1], f"queries for N and 3N: {counts}")


@tagged("post_install", "-at_install")
class TestKpiPeriods(KpiCommon):
    def test_transfer_keeps_past_months_in_their_department(self):
        employee = self._create_employees(1, self.dep_field, "KPI Mover")
        logs, expected = self._create_skill_logs(employee, months=3)
        definition = self._create_definition(code="MOVER", measure="count")
        definition._update_actuals()
        before = self._values(definition)
        other = self.env["hr.department"].create(
            {"name": "KPI Elsewhere", "company_id": self.company.id}
        )
        employee.department_id = other
        definition._update_actuals()
        after = self._values(definition)
        for month in self.months[:3]:
            for department in (self.dep_field, self.dep_sales):
                key = (month.id, owner_keys.department_key(department.id))
                self.assertEqual(after.get(key), before.get(key))
            self.assertNotIn((month.id, owner_keys.department_key(other.id)), after)
        self.assertEqual(
            self.env["perf.kpi.value"]
            .search(
                [
                    ("definition_id", "=", definition.id),
                    ("employee_id", "=", employee.id),
                ]
            )
            .department_id,
            self.dep_field,
        )

    def test_fiscal_months_group_records_by_their_bounds(self):
        cycle = self.env["perf.cycle"].create(
            {
                "name": "Fiscal 2022",
                "company_id": self.company.id,
                "date_start": "2022-04-15",
                "date_end": "2023-04-14",
            }
        )
        first = cycle.period_ids.filtered(lambda p: p.period_type == "month").sorted(
            "date_start"
        )[0]
        self.assertEqual(str(first.date_end), "2022-05-14")
        employee = self._create_employees(1, self.dep_sales, "KPI Fiscal")
        self.env["hr.employee.skill.log"].create(
            [
                {
                    "employee_id": employee.id,
                    "department_id": self.dep_sales.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.skills[index].id,
                    "skill_level_id": self.levels[0].id,
                    "date": day,
                }
                for index, day in enumerate(("2022-04-20", "2022-05-10", "2022-05-20"))
            ]
        )
        definition = self._create_definition(
            code="FISCAL",
            measure="count",
            domain=f"[('employee_id', '=', {employee.id})]",
        )
        definition._update_actuals()
        values = self._values(definition)
        key = owner_keys.employee_key(employee.id)
        self.assertEqual(values[(first.id, key)], 2)
        self.assertEqual(sum(v for (_p, k), v in values.items() if k == key), 3)
