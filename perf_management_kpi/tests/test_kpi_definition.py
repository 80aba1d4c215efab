from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiDefinition(KpiCommon):
    def _assert_refused(self, definition, values, message_part):
        before = {fname: definition[fname] for fname in values}
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            definition.write(values)
        self.assertIn(message_part, str(caught.exception))
        definition.invalidate_recordset()
        for fname, value in before.items():
            self.assertEqual(definition[fname], value, f"{fname} must not change")

    def test_valid_definition_links_model_and_fields(self):
        definition = self._create_definition()
        self.assertEqual(definition.model_id.model, "hr.employee.skill.log")
        self.assertEqual(definition.measure_field_id.name, "level_progress")
        self.assertEqual(definition.date_field_id.name, "date")
        self.assertEqual(definition.attribution_field_id.name, "employee_id")
        self.assertEqual(definition.attribution, "employee")
        self.assertEqual(
            sorted(definition.band_ids.mapped("color")), ["amber", "green", "red"]
        )

    def test_form_sets_names_from_fields(self):
        with Form(self.env["perf.kpi.definition"]) as form:
            form.code = "FORM_KPI"
            form.name = "Skill records"
            form.source = "computed"
            form.model_id = self.env["ir.model"]._get("hr.employee.skill.log")
            form.measure = "count"
            form.date_field_id = self.env["ir.model.fields"]._get(
                "hr.employee.skill.log", "date"
            )
            form.attribution_field_id = self.env["ir.model.fields"]._get(
                "hr.employee.skill.log", "department_id"
            )
            form.domain = "[('level_progress', '>=', 50)]"
        definition = form.record
        self.assertEqual(definition.model_name, "hr.employee.skill.log")
        self.assertEqual(definition.date_field_name, "date")
        self.assertEqual(definition.attribution_field_name, "department_id")
        self.assertEqual(definition.attribution, "department")

    def test_unparsable_domain_is_refused(self):
        definition = self._create_definition()
        self._assert_refused(
            definition, {"domain": "[('date', '=', "}, "cannot be read"
        )

    def test_domain_with_unknown_field_is_refused(self):
        definition = self._create_definition()
        self._assert_refused(
            definition, {"domain": "[('no_such_field', '=', 1)]"}, "has no field"
        )

    def test_domain_that_is_not_a_list_is_refused(self):
        definition = self._create_definition()
        self._assert_refused(definition, {"domain": "42"}, "list of conditions")

    def test_refused_creation_creates_nothing(self):
        Definition = self.env["perf.kpi.definition"]
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_definition(code="BAD", domain="[('nope', '=', 1)]")
        self.assertFalse(Definition.search([("code", "=", "BAD")]))

    def test_non_numeric_measure_is_refused(self):
        definition = self._create_definition()
        self._assert_refused(
            definition, {"measure_field_name": "skill_id"}, "not a stored number"
        )

    def test_wrong_attribution_model_is_refused(self):
        definition = self._create_definition()
        # A many2one, but to skills: not an employee, user, department, company.
        self._assert_refused(
            definition, {"attribution_field_name": "skill_id"}, "cannot be attributed"
        )
        self._assert_refused(
            definition, {"attribution_field_name": "date"}, "cannot be attributed"
        )

    def test_date_field_must_be_a_date(self):
        definition = self._create_definition()
        self._assert_refused(
            definition, {"date_field_name": "level_progress"}, "date or date-time"
        )

    def test_code_unique_per_company(self):
        self._create_definition(code="UNIQUE")
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self._create_definition(code="UNIQUE")
            self.env.flush_all()
        other = self.env["res.company"].create({"name": "KPI Other Co"})
        self.assertTrue(self._create_definition(code="UNIQUE", company_id=other.id))

    def test_model_not_installed_is_kept_and_skipped(self):
        definition = self._create_definition(
            code="SALE_REV",
            model_name="sale.order.not.installed",
            measure_field_name="amount_untaxed",
            date_field_name="date_order",
            attribution_field_name="user_id",
        )
        failed = definition._update_actuals()
        self.assertFalse(failed)
        self.assertIn("not installed", definition.last_error)
        self.assertTrue(definition.last_computed)
        self.assertFalse(self._values(definition))

    def test_manual_definition_needs_no_model(self):
        definition = self.env["perf.kpi.definition"].create(
            {"code": "MANUAL", "name": "Training hours", "source": "manual"}
        )
        self.assertFalse(definition.model_id)
        self.assertFalse(definition._update_actuals())


@tagged("post_install", "-at_install")
class TestKpiDomainSafety(KpiCommon):
    """A KPI domain is plain values over fields its author may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.perf_admin = new_test_user(
            cls.env,
            login="kpi_domain_admin",
            groups="base.group_user,perf_management.group_perf_admin",
        )
        cls.definition = cls._create_definition(code="DOMAIN_SAFE").with_user(
            cls.perf_admin
        )

    def _refused(self, domain, message_part):
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self.definition.write({"domain": domain})
        self.assertIn(message_part, str(caught.exception))

    def test_code_in_the_domain_is_refused(self):
        system = self.env.ref("base.group_system")
        for domain in (
            "[('id', '!=', [user.sudo().write({'groups_id': [(4, "
            "user.env.ref('base.group_system').id)]}), 0][1])]",
            "[('id', '!=', user.env.cr.execute('SELECT 1'))]",
            "[('employee_id.user_id', '=', uid)]",
            "[('id', 'in', ().__class__.__bases__)]",
        ):
            self._refused(domain, "cannot use")
        self.assertNotIn(system, self.perf_admin.groups_id)
        # A domain saved before these checks is not run by the computation.
        self.env.cr.execute(
            "UPDATE perf_kpi_definition SET domain = %s WHERE id = %s",
            [
                "[('id', '!=', [user.sudo().write({'groups_id': [(4, %s)]}), 0][1])]"
                % system.id,
                self.definition.id,
            ],
        )
        self.definition.invalidate_recordset()
        self.assertEqual(self.definition.sudo()._update_actuals(), self.definition)
        self.assertNotIn(system, self.perf_admin.groups_id)
        self.assertIn("cannot use", self.definition.sudo().last_error)

    def test_plain_values_are_accepted(self):
        self.definition.write(
            {
                "domain": "[('date', '>=', (context_today() - relativedelta(years="
                "10)).strftime('%Y-%m-%d')), ('department_id.company_id', 'in', "
                "allowed_company_ids), ('level_progress', '>', -1), "
                "('employee_id', 'in', [1, 2])]"
            }
        )
        self.assertEqual(self.definition.computed_as_user_id, self.perf_admin)

    def test_fields_outside_the_authors_reach_are_refused(self):
        # Employees are read by HR officers only.
        self._refused("[('employee_id.name', '=', 'x')]", "cannot read the records")
        self._refused("[('employee_id', '=', 'Alice')]", "cannot read the records")
        self._refused("[('date.x', '=', 1)]", "links to no other record")
        users_definition = self.env["perf.kpi.definition"].create(
            {
                "code": "DOMAIN_USERS",
                "name": "Users",
                "source": "computed",
                "model_name": "res.users",
                "measure": "count",
                "date_field_name": "create_date",
            }
        )
        self.definition = users_definition.with_user(self.perf_admin)
        # Not searchable: Odoo would drop the condition and count everything.
        self._refused(
            "[('password', '=like', '$pbkdf2%')]", "neither stored nor searchable"
        )
        # A field readable by system administrators only.
        self.definition.sudo().write({"model_name": "discuss.channel", "domain": "[]"})
        self.definition = self.definition.sudo().with_user(self.perf_admin)
        self._refused("[('sfu_server_url', '!=', False)]", "cannot read the field")
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self.definition.write({"domain": "[('no_such', '=', 1)]"})
        self.assertNotIn("admin", str(caught.exception).lower())
