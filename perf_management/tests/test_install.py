from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_core_installed_with_its_groups(self):
        module = self.env["ir.module.module"].search([("name", "=", "perf_management")])
        self.assertEqual(module.state, "installed")
        for xmlid in ("group_perf_user", "group_perf_manager", "group_perf_admin"):
            self.assertTrue(self.env.ref(f"perf_management.{xmlid}"))
        # the demo company: 3 departments, 6 job positions, 20 employees with users
        departments = (
            self.env.ref("perf_management.dep_sales")
            | self.env.ref("perf_management.dep_operations")
            | self.env.ref("perf_management.dep_people")
        )
        employees = self.env["hr.employee"].search(
            [("department_id", "in", departments.ids)]
        )
        self.assertEqual(len(employees), 20)
        self.assertEqual(len(employees.job_id), 6)
        self.assertTrue(all(employees.user_id))
        self.assertTrue(all(departments.manager_id))
