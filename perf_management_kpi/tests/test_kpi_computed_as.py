from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..tools import owner_keys
from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiComputedAs(KpiCommon):
    """A computed KPI reads as its author, in its company, whoever runs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "KPI Other Co"})
        cls.perf_admin = new_test_user(
            cls.env,
            login="kpi_as_admin",
            groups="base.group_user,hr.group_hr_user,perf_management.group_perf_admin",
        )
        cls.manager_user, cls.manager = cls._employee_user(
            "kpi_as_manager",
            "base.group_user,perf_management.group_perf_manager",
            cls.dep_sales,
        )
        cls.employees = cls._create_employees(4, cls.dep_sales, "KPI As")
        cls.logs, cls.expected = cls._create_skill_logs(cls.employees | cls.manager)

    def _company_total(self, definition):
        return sum(
            value
            for (_period, key), value in self._values(definition).items()
            if key == owner_keys.company_key(self.company.id)
        )

    def test_kpi_counts_only_what_its_author_reads(self):
        visible = self.employees[:2]
        self.env["ir.rule"].create(
            {
                "name": "Perf admins read the skill logs of two employees",
                "model_id": self.env["ir.model"]._get_id("hr.employee.skill.log"),
                "groups": [(4, self.env.ref("perf_management.group_perf_admin").id)],
                "domain_force": f"[('employee_id', 'in', {visible.ids})]",
            }
        )
        domain = f"[('employee_id', 'in', {self.employees.ids})]"
        author_sees = (
            self.env["hr.employee.skill.log"]
            .with_user(self.perf_admin)
            .search_count([("employee_id", "in", self.employees.ids)])
        )
        definition = (
            self.env["perf.kpi.definition"]
            .with_user(self.perf_admin)
            .create(
                {
                    "code": "AS_AUTHOR",
                    "name": "Skill records",
                    "source": "computed",
                    "model_name": "hr.employee.skill.log",
                    "measure": "count",
                    "date_field_name": "date",
                    "attribution_field_name": "employee_id",
                    "domain": domain,
                }
            )
        )
        self.assertEqual(definition.computed_as_user_id, self.perf_admin)
        self.assertEqual(
            author_sees, len(self.logs.filtered(lambda g: g.employee_id in visible))
        )
        definition.sudo()._update_actuals()
        self.assertEqual(self._company_total(definition), author_sees)
        self.assertNotIn(
            owner_keys.employee_key(self.employees[3].id),
            {key for _p, key in self._values(definition)},
        )

    def test_cron_and_refresh_give_the_same_values(self):
        definition = self._create_definition(
            code="AS_SAME",
            domain="[('employee_id.company_id', 'in', company_ids)]",
        )
        # A domain saved before it was read as plain values.
        self.env.cr.execute(
            "UPDATE perf_kpi_definition SET domain = %s WHERE id = %s",
            ["[('employee_id.user_id', '!=', uid)]", definition.id],
        )
        self.manager.user_id.company_ids = [(4, self.other_company.id)]
        definition.invalidate_recordset()
        self.env["perf.kpi.definition"]._cron_compute_actuals()
        by_cron = self._values(definition)
        definition.with_user(self.manager_user).with_context(
            tz="Pacific/Kiritimati",
            allowed_company_ids=[self.company.id, self.other_company.id],
        ).action_refresh_actuals()
        self.assertEqual(self._values(definition), by_cron)
        definition.write({"domain": "[('employee_id.company_id', 'in', company_ids)]"})
        self.env["perf.kpi.definition"]._cron_compute_actuals()
        by_cron = self._values(definition)
        self.assertTrue(by_cron)
        definition.with_user(self.manager_user).with_context(
            allowed_company_ids=[self.other_company.id, self.company.id]
        ).action_refresh_actuals()
        self.assertEqual(self._values(definition), by_cron)

    def test_refresh_checks_access_to_the_kpi(self):
        foreign = self._create_definition(
            code="AS_FOREIGN", company_id=self.other_company.id
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager_user).action_refresh_actuals()
        self.assertFalse(foreign.last_computed)

    def test_records_of_other_companies_do_not_count(self):
        outsider_user, _outsider = self._employee_user(
            "kpi_as_outsider",
            "base.group_user",
            self.env["hr.department"].create(
                {"name": "KPI Abroad", "company_id": self.other_company.id}
            ),
            company=self.other_company,
        )
        insider_user, insider = self._employee_user(
            "kpi_as_insider", "base.group_user", self.dep_sales
        )
        partner = self.env["res.partner"].create({"name": "KPI As Customer"})
        for user in (outsider_user, insider_user, insider_user):
            self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "user_id": user.id,
                    "date_deadline": f"{self.YEAR}-03-10",
                    "summary": "KPI As visit",
                }
            )
        definition = self._create_definition(
            code="AS_VISITS",
            model_name="mail.activity",
            measure="count",
            date_field_name="date_deadline",
            attribution_field_name="user_id",
            domain="[('summary', '=', 'KPI As visit')]",
        )
        definition._update_actuals()
        self.assertEqual(self._company_total(definition), 2)
        march = self.months[2]
        self.assertEqual(
            self._values(definition)[(march.id, owner_keys.employee_key(insider.id))],
            2,
        )
