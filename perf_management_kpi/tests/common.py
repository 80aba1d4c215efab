import random
from collections import defaultdict
from datetime import date

from odoo.tests import TransactionCase, new_test_user


class KpiCommon(TransactionCase):
    """A 2021 cycle (open), two departments (one inside the other), employees,
    and skill history records to compute KPIs from.

    hr.employee.skill.log is always installed (hr_skills is a dependency of the
    core) and has what a computed KPI needs: an employee, a department, a date
    and a stored number (level_progress).
    """

    YEAR = 2021

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": f"Cycle {cls.YEAR}",
                "company_id": cls.company.id,
                "date_start": f"{cls.YEAR}-01-01",
                "date_end": f"{cls.YEAR}-12-31",
            }
        )
        periods = cls.cycle.period_ids
        cls.year = periods.filtered(lambda p: p.period_type == "year")
        cls.quarters = periods.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )
        cls.months = periods.filtered(lambda p: p.period_type == "month").sorted(
            "date_start"
        )
        cls.dep_sales = cls.env["hr.department"].create(
            {"name": "KPI Sales", "company_id": cls.company.id}
        )
        cls.dep_field = cls.env["hr.department"].create(
            {
                "name": "KPI Field Sales",
                "parent_id": cls.dep_sales.id,
                "company_id": cls.company.id,
            }
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "KPI Account Executive", "company_id": cls.company.id}
        )
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "KPI Languages",
                "skill_ids": [(0, 0, {"name": f"KPI Language {i}"}) for i in range(12)],
                "skill_level_ids": [
                    (0, 0, {"name": f"L{p}", "level_progress": p})
                    for p in (10, 25, 50, 75, 100)
                ],
            }
        )
        cls.skills = cls.skill_type.skill_ids
        cls.levels = cls.skill_type.skill_level_ids

    @classmethod
    def _employee_user(cls, login, groups, department, manager=None, company=None):
        """A user of ``groups`` and their employee in ``department``."""
        company = company or cls.company
        user = new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        employee = cls.env["hr.employee"].create(
            {
                "name": login,
                "user_id": user.id,
                "department_id": department.id,
                "company_id": company.id,
                "parent_id": manager.id if manager else False,
            }
        )
        return user, employee

    @classmethod
    def _create_employees(cls, count, department=None, prefix="KPI Employee"):
        return cls.env["hr.employee"].create(
            [
                {
                    "name": f"{prefix} {i}",
                    "company_id": cls.company.id,
                    "department_id": (department or cls.dep_sales).id,
                    "job_id": cls.job.id,
                }
                for i in range(count)
            ]
        )

    @classmethod
    def _create_skill_logs(cls, employees, per_employee=8, months=6, seed=7):
        """Skill history records spread over the first months of the year;
        returns them with the expected sums and counts computed by hand:
        {(employee id, month number): [sum of level_progress, count]}."""
        rnd = random.Random(seed)
        vals_list = []
        expected = defaultdict(lambda: [0, 0])
        for employee in employees:
            days = rnd.sample(range(0, 28 * months), per_employee)
            for index, day in enumerate(days):
                month = day // 28 + 1
                level = rnd.choice(cls.levels)
                vals_list.append(
                    {
                        "employee_id": employee.id,
                        "department_id": employee.department_id.id,
                        "skill_type_id": cls.skill_type.id,
                        "skill_id": cls.skills[index % len(cls.skills)].id,
                        "skill_level_id": level.id,
                        "date": date(cls.YEAR, month, day % 28 + 1),
                    }
                )
                expected[(employee.id, month)][0] += level.level_progress
                expected[(employee.id, month)][1] += 1
        logs = cls.env["hr.employee.skill.log"].create(vals_list)
        return logs, expected

    @classmethod
    def _create_definition(cls, **values):
        return cls.env["perf.kpi.definition"].create(
            {
                "code": values.pop("code", "SKILL_SUM"),
                "name": values.pop("name", "Skill progress points"),
                "source": "computed",
                "model_name": "hr.employee.skill.log",
                "domain": "[]",
                "measure": "sum",
                "measure_field_name": "level_progress",
                "date_field_name": "date",
                "attribution_field_name": "employee_id",
                "dimension": "competency",
                **values,
            }
        )

    def _values(self, definition):
        """{(period id, owner key): value} of the stored monthly values."""
        return {
            (v.period_id.id, v.owner_key): v.value
            for v in self.env["perf.kpi.value"].search(
                [("definition_id", "=", definition.id)]
            )
        }

    @classmethod
    def _objective(cls, level, period, **values):
        return cls.env["perf.objective"].create(
            {
                "name": f"KPI objective ({level})",
                "level": level,
                "company_id": cls.company.id,
                "period_id": period.id,
                **values,
            }
        )
