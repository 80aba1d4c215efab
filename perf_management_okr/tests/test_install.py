from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_on_top_of_the_core(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "perf_management_okr")]
        )
        self.assertEqual(module.state, "installed")
        self.assertIn("perf_management", module.dependencies_id.mapped("name"))
