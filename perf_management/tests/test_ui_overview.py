from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOverviewUi(HttpCase):
    """A manager loads the Performance overview in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Overview Co"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_tour_overview_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mona Tour Overview",
            **company_values,
        )
        department = cls.env["hr.department"].create(
            {"name": "Tour Overview Sales", "company_id": cls.company.id}
        )
        manager = cls.env["hr.employee"].create(
            {
                "name": "Mona Tour Overview",
                "user_id": cls.user_manager.id,
                "department_id": department.id,
                "company_id": cls.company.id,
            }
        )
        department.manager_id = manager
        seller = cls.env["hr.employee"].create(
            {
                "name": "Tom Tour Overview",
                "department_id": department.id,
                "parent_id": manager.id,
                "company_id": cls.company.id,
            }
        )
        cycle = cls.env["perf.cycle"]._ensure_cycle(
            cls.company, fields.Date.context_today(cls.env["perf.cycle"])
        )
        cls.env["perf.objective"].create(
            {
                "name": "Tom sells",
                "level": "employee",
                "employee_id": seller.id,
                "company_id": cls.company.id,
                "period_id": cycle.year_period_id.id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "Tom's sales",
                            "dimension": "process",
                            "target_value": 100.0,
                            "actual_value": 40.0,
                            "has_actual": True,
                        }
                    )
                ],
            }
        )
        cls.env["perf.appraisal"].create(
            {
                "employee_id": seller.id,
                "period_id": cycle.year_period_id.id,
                "state": "self_review",
            }
        )

    def test_manager_loads_the_overview(self):
        self.start_tour(
            "/odoo", "perf_management_overview", login="perf_tour_overview_manager"
        )
