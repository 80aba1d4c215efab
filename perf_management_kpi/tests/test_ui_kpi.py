from odoo.tests import HttpCase, tagged

from odoo.addons.perf_management.tests.common import web_client_search


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


@tagged("post_install", "-at_install")
class TestKpiScorecardPhone(HttpCase):
    """The demo's scorecard as Sophie, manager of Sales & Marketing, opens it
    on a phone: most KPIs belong to no one person (a department's, the
    company's), so grouping by employee opened on a "None" column."""

    browser_size = "390x844"
    touch_enabled = True

    def test_scorecard_opens_on_the_red_kpis(self):
        sophie = self.env.ref("perf_management.user_sophie")
        env = self.env(user=sophie)
        domain, groupby = web_client_search(
            env, "perf_management_kpi.perf_kpi_scorecard_action"
        )
        self.assertEqual(groupby, [])
        self.assertTrue(
            env["perf.indicator"].search_count(domain + [("score_color", "=", "red")])
        )
        self.start_tour("/odoo", "perf_kpi_scorecard_phone", login="sophie")
