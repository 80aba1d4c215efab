from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class DecomposeCase(TransactionCase):
    """A company of its own with departments, posts, employees and a cycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Decompose Co"})
        cls.env.user.company_ids = [Command.link(cls.company.id)]
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        department_model = cls.env["hr.department"]
        cls.dep_root = department_model.create(
            {"name": "Headquarters", "company_id": cls.company.id}
        )
        cls.dep_sales, cls.dep_ops, cls.dep_people = department_model.create(
            [
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "parent_id": cls.dep_root.id,
                }
                for name in ("Sales", "Operations", "People")
            ]
        )
        cls.departments = cls.dep_root | cls.dep_sales | cls.dep_ops | cls.dep_people
        cls.job_manager, cls.job_rep = cls.env["hr.job"].create(
            [
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": cls.dep_sales.id,
                }
                for name in ("Sales Manager", "Sales Representative")
            ]
        )
        cls.employees = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Seller {index}",
                    "company_id": cls.company.id,
                    "department_id": cls.dep_sales.id,
                    "job_id": (cls.job_manager if index == 0 else cls.job_rep).id,
                }
                for index in range(4)
            ]
        )
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2030",
                "company_id": cls.company.id,
                "date_start": date(2030, 1, 1),
                "date_end": date(2030, 12, 31),
            }
        )
        periods = cls.cycle.period_ids.sorted("date_start")
        cls.year = cls.cycle.year_period_id
        cls.quarters = periods.filtered(lambda p: p.period_type == "quarter")
        cls.months = periods.filtered(lambda p: p.period_type == "month")
        cls.objective = cls._make_objective("Grow profitable revenue")
        # Decomposes the company's objectives: performance administrator,
        # not an HR officer.
        cls.perf_admin = new_test_user(
            cls.env,
            login="perf_decompose_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Petra Performance",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _make_objective(cls, name, level="company", period=None, **values):
        return cls.env["perf.objective"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "level": level,
                "period_id": (period or cls.year).id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "Revenue",
                            "unit": "EUR",
                            "target_value": 1_200_000.0,
                            "aggregation": "sum",
                            "weight": 2.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Gross margin",
                            "unit": "%",
                            "target_value": 35.0,
                            "aggregation": "average",
                            "weight": 1.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Stock value",
                            "unit": "EUR",
                            "direction": "range",
                            "range_min": 40_000.0,
                            "range_max": 60_000.0,
                            "aggregation": "sum",
                            "weight": 1.0,
                        }
                    ),
                ],
                **values,
            }
        )

    def _as_admin(self, model):
        """``model`` used by the performance administrator."""
        return self.env[model].with_user(self.perf_admin)

    def _indicator(self, objective, name):
        return objective.indicator_ids.filtered(lambda ind: ind.name == name)

    def _children(self, objective):
        return self.env["perf.objective"].search(
            [("parent_id", "=", objective.id)], order="id"
        )
