from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFirstRunUi(HttpCase):
    """The first run in the browser, in a new company with no cycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Setup Co"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        new_test_user(
            cls.env,
            login="perf_tour_setup_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Ada Tour Setup",
            **company_values,
        )
        new_test_user(
            cls.env,
            login="perf_tour_setup_employee",
            groups="base.group_user",
            name="Eli Tour Setup",
            **company_values,
        )
        cls.departments = cls.env["hr.department"].create(
            [
                {"name": name, "company_id": cls.company.id}
                for name in ("Tour Setup Sales", "Tour Setup Service")
            ]
        )

    def test_administrator_sets_up_to_a_decomposed_objective(self):
        self.start_tour(
            "/odoo", "perf_management_first_run", login="perf_tour_setup_admin"
        )
        cycle = self.env["perf.cycle"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(cycle), 1)
        self.assertEqual(len(cycle.period_ids), 17)
        self.assertEqual(
            self.env["perf.level.policy"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            4,
        )
        objective = self.env["perf.objective"].search(
            [("company_id", "=", self.company.id), ("level", "=", "company")]
        )
        self.assertEqual(objective.name, "Tour grow revenue")
        self.assertEqual(objective.indicator_ids.target_value, 900_000.0)
        self.assertEqual(objective.child_ids.department_id, self.departments)
        self.assertEqual(
            objective.child_ids.indicator_ids.mapped("target_value"),
            [450_000.0, 450_000.0],
        )

    def test_employee_is_told_performance_is_not_set_up(self):
        self.start_tour(
            "/odoo", "perf_management_not_set_up", login="perf_tour_setup_employee"
        )
