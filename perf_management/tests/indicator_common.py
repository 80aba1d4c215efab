from odoo.tests import TransactionCase


class IndicatorCommon(TransactionCase):
    """Objectives of each level in an open yearly period, to hang indicators on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.period = cls._create_period(cls.company)
        cls.department = cls.env["hr.department"].create(
            {"name": "Sales", "company_id": cls.company.id}
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Salesperson", "company_id": cls.company.id}
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Ada Seller",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "job_id": cls.job.id,
            }
        )
        cls.objective_company = cls._create_objective("company")
        cls.objective_department = cls._create_objective(
            "department", department_id=cls.department.id
        )
        cls.objective_post = cls._create_objective(
            "post", department_id=cls.department.id, job_id=cls.job.id
        )
        cls.objective_employee = cls._create_objective(
            "employee", employee_id=cls.employee.id
        )

    @classmethod
    def _create_period(cls, company, year=2031):
        cycle = cls.env["perf.cycle"].create(
            {
                "name": f"Cycle {year} {company.name}",
                "company_id": company.id,
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
            }
        )
        period = cycle.year_period_id or cycle.period_ids.filtered(
            lambda p: p.period_type == "year"
        )
        return period[:1] or cls.env["perf.period"].create(
            {
                "name": str(year),
                "cycle_id": cycle.id,
                "period_type": "year",
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
            }
        )

    @classmethod
    def _create_objective(cls, level, company=None, period=None, **values):
        company = company or cls.company
        return cls.env["perf.objective"].create(
            {
                "name": f"Grow ({level})",
                "level": level,
                "company_id": company.id,
                "period_id": (period or cls.period).id,
                **values,
            }
        )

    @classmethod
    def _create_indicator(cls, objective=None, **values):
        return cls.env["perf.indicator"].create(
            {
                "name": "Net sales",
                "objective_id": (objective or cls.objective_company).id,
                "target_value": 100.0,
                **values,
            }
        )
