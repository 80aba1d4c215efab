from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKpiUi(HttpCase):
    def test_admin_fixes_invalid_domain_of_computed_kpi(self):
        definitions = self.env["perf.kpi.definition"].with_context(active_test=False)
        self.assertFalse(definitions.search([("code", "=", "TOUR_SKILLS")]))
        self.start_tour(
            "/odoo?debug=1", "perf_management_kpi_definition_domain", login="admin"
        )
        definition = definitions.search([("code", "=", "TOUR_SKILLS")])
        self.assertEqual(len(definition), 1)
        self.assertEqual(definition.name, "Tour skill records")
        self.assertEqual(definition.source, "computed")
        self.assertEqual(definition.model_name, "hr.employee.skill.log")
        self.assertEqual(definition.date_field_name, "date")
        self.assertEqual(
            definition.domain,
            "[('level_progress', '>=', 50), "
            "('employee_id.company_id', 'in', allowed_company_ids)]",
        )
