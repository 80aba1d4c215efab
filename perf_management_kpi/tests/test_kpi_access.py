from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiAccess(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def employee_user(login, groups, department, manager=None):
            user = new_test_user(cls.env, login=login, groups=groups)
            employee = cls.env["hr.employee"].create(
                {
                    "name": login,
                    "user_id": user.id,
                    "department_id": department.id,
                    "company_id": cls.company.id,
                    "parent_id": manager.id if manager else False,
                }
            )
            return user, employee

        cls.manager_user, cls.manager = employee_user(
            "kpi_manager",
            "base.group_user,perf_management.group_perf_manager",
            cls.dep_sales,
        )
        cls.alice_user, cls.alice = employee_user(
            "kpi_alice", "base.group_user", cls.dep_sales, cls.manager
        )
        cls.bob_user, cls.bob = employee_user(
            "kpi_bob", "base.group_user", cls.dep_sales, cls.manager
        )
        cls.other_dep = cls.env["hr.department"].create(
            {"name": "KPI Other", "company_id": cls.company.id}
        )
        cls._create_skill_logs(cls.manager | cls.alice | cls.bob)
        cls.env["hr.employee.skill.log"].create(
            {
                "employee_id": cls.bob.id,
                "department_id": cls.other_dep.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skills[0].id,
                "skill_level_id": cls.levels[0].id,
                "date": f"{cls.YEAR}-01-15",
            }
        )
        cls.definition = cls._create_definition(code="ACCESS")
        cls.dep_definition = cls._create_definition(
            code="ACCESS_DEP", attribution_field_name="department_id"
        )
        (cls.definition | cls.dep_definition)._compute_actuals()

    def _visible_keys(self, user):
        values = (
            self.env["perf.kpi.value"]
            .with_user(user)
            .search(
                [("definition_id", "in", (self.definition | self.dep_definition).ids)]
            )
        )
        return set(values.mapped("owner_key"))

    def test_employee_sees_own_department_company_not_colleague(self):
        keys = self._visible_keys(self.alice_user)
        self.assertIn(f"employee:{self.alice.id}", keys)
        self.assertIn(f"department:{self.dep_sales.id}", keys)
        self.assertIn(f"company:{self.company.id}", keys)
        self.assertNotIn(f"employee:{self.bob.id}", keys)
        self.assertNotIn(f"employee:{self.manager.id}", keys)
        self.assertNotIn(f"department:{self.other_dep.id}", keys)

    def test_manager_sees_subordinates(self):
        keys = self._visible_keys(self.manager_user)
        self.assertTrue(
            {f"employee:{self.alice.id}", f"employee:{self.bob.id}"} <= keys
        )

    def test_admin_sees_everything(self):
        all_keys = set(
            self.env["perf.kpi.value"]
            .search(
                [("definition_id", "in", (self.definition | self.dep_definition).ids)]
            )
            .mapped("owner_key")
        )
        self.assertEqual(self._visible_keys(self.env.ref("base.user_admin")), all_keys)

    def test_employee_cannot_change_computed_values(self):
        value = self.env["perf.kpi.value"].search(
            [
                ("definition_id", "=", self.definition.id),
                ("employee_id", "=", self.alice.id),
            ],
            limit=1,
        )
        with self.assertRaises(AccessError):
            value.with_user(self.alice_user).write({"value": 1.0})

    def test_definitions_readable_by_all_editable_by_admins(self):
        definition = self.definition.with_user(self.alice_user)
        self.assertEqual(definition.name, "Skill progress points")
        with self.assertRaises(AccessError):
            definition.write({"name": "Hacked"})
        with self.assertRaises(AccessError):
            self.definition.with_user(self.manager_user).write({"name": "Hacked"})
        self.definition.with_user(self.env.ref("base.user_admin")).write(
            {"name": "Renamed"}
        )
        self.assertEqual(self.definition.name, "Renamed")
