import ast

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..tools import owner_keys
from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiAccess(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        cls.manager_user, cls.manager = cls._employee_user(
            "kpi_manager",
            "base.group_user,perf_management.group_perf_manager",
            cls.dep_sales,
        )
        cls.alice_user, cls.alice = cls._employee_user(
            "kpi_alice", "base.group_user", cls.dep_sales, cls.manager
        )
        cls.bob_user, cls.bob = cls._employee_user(
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
        (cls.definition | cls.dep_definition)._update_actuals()

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
        self.assertIn(owner_keys.employee_key(self.alice.id), keys)
        self.assertIn(owner_keys.department_key(self.dep_sales.id), keys)
        self.assertIn(owner_keys.company_key(self.company.id), keys)
        self.assertNotIn(owner_keys.employee_key(self.bob.id), keys)
        self.assertNotIn(owner_keys.employee_key(self.manager.id), keys)
        self.assertNotIn(owner_keys.department_key(self.other_dep.id), keys)

    def test_manager_sees_subordinates(self):
        keys = self._visible_keys(self.manager_user)
        self.assertTrue(
            {
                owner_keys.employee_key(self.alice.id),
                owner_keys.employee_key(self.bob.id),
            }
            <= keys
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


@tagged("post_install", "-at_install")
class TestKpiValueAccess(KpiCommon):
    """Who may move, read, set up and refresh KPI values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        manager_groups = "base.group_user,perf_management.group_perf_manager"
        cls.head_user, cls.head = cls._employee_user(
            "kpi_sec_head", manager_groups, cls.dep_sales
        )
        cls.dep_sales.manager_id = cls.head
        cls.alice_user, cls.alice = cls._employee_user(
            "kpi_sec_alice", "base.group_user", cls.dep_sales
        )
        cls.bob_user, cls.bob = cls._employee_user(
            "kpi_sec_bob", "base.group_user", cls.dep_sales
        )
        # In a sub-department and not a subordinate of the head through
        # parent_id: only the department tree links them.
        cls.carol_user, cls.carol = cls._employee_user(
            "kpi_sec_carol", "base.group_user", cls.dep_field
        )
        cls.other_dep = cls.env["hr.department"].create(
            {"name": "KPI Security Other", "company_id": cls.company.id}
        )
        cls.outsider_user, cls.outsider = cls._employee_user(
            "kpi_sec_outsider", "base.group_user", cls.other_dep
        )
        cls.perf_admin_user = new_test_user(
            cls.env,
            login="kpi_sec_perf_admin",
            groups="base.group_user,perf_management.group_perf_admin",
        )
        cls.manual = cls.env["perf.kpi.definition"].create(
            {
                "code": "SEC_MANUAL",
                "name": "Customer calls",
                "source": "manual",
                "aggregation": "sum",
            }
        )
        cls.january = cls.months[0]
        cls.objectives = {
            employee: cls._objective(
                "employee", cls.quarters[0], employee_id=employee.id
            )
            for employee in (cls.alice, cls.bob, cls.carol)
        }
        cls.indicators = {
            employee: cls.env["perf.indicator"].create(
                {
                    "objective_id": objective.id,
                    "kpi_definition_id": cls.manual.id,
                    "target_value": 10.0,
                }
            )
            for employee, objective in cls.objectives.items()
        }

    def _alice_value(self):
        return (
            self.env["perf.kpi.value"]
            .with_user(self.alice_user)
            .create(
                {
                    "definition_id": self.manual.id,
                    "period_id": self.january.id,
                    "employee_id": self.alice.id,
                    "value": 99.0,
                }
            )
        )

    # ------------------------------------------------------------ moving values

    def test_employee_cannot_move_own_value_to_colleague(self):
        value = self._alice_value()
        self.assertEqual(self.indicators[self.alice].actual_value, 99.0)
        with self.assertRaises(AccessError):
            value.write({"employee_id": self.bob.id})
        with self.assertRaises(AccessError):
            value.write({"employee_id": False, "department_id": self.other_dep.id})
        self.assertEqual(value.sudo().owner_key, owner_keys.employee_key(self.alice.id))
        self.assertFalse(self.indicators[self.bob].has_actual)
        # The figure itself stays hers to correct.
        value.write({"value": 12.0})
        self.assertEqual(self.indicators[self.alice].actual_value, 12.0)

    def test_manager_cannot_move_value_out_of_team(self):
        value = self.env["perf.kpi.value"].create(
            {
                "definition_id": self.manual.id,
                "period_id": self.january.id,
                "employee_id": self.bob.id,
                "value": 5.0,
            }
        )
        as_head = value.with_user(self.head_user)
        with self.assertRaises(AccessError):
            as_head.write({"employee_id": self.outsider.id})
        # Within the team (sub-department included) a manager fixes the owner.
        as_head.write({"employee_id": self.carol.id})
        self.assertEqual(value.department_id, self.dep_field)
        self.assertEqual(self.indicators[self.carol].actual_value, 5.0)

    # ------------------------------------------------------------ sub-departments

    def test_parent_department_manager_sees_sub_department_values(self):
        value = self.env["perf.kpi.value"].create(
            {
                "definition_id": self.manual.id,
                "period_id": self.january.id,
                "employee_id": self.carol.id,
                "value": 7.0,
            }
        )
        dep_value = self.env["perf.kpi.value"].create(
            {
                "definition_id": self.manual.id,
                "period_id": self.january.id,
                "department_id": self.dep_field.id,
                "value": 20.0,
            }
        )
        Value = self.env["perf.kpi.value"].with_user(self.head_user)
        visible = Value.search([("definition_id", "=", self.manual.id)])
        self.assertIn(value, visible)
        self.assertIn(dep_value, visible)
        # As for the objectives of the same employee.
        self.assertTrue(
            self.objectives[self.carol].with_user(self.head_user).has_access("read")
        )
        # ... and enters the manual values of the sub-department.
        value.with_user(self.head_user).write({"value": 8.0})
        self.assertEqual(value.value, 8.0)
        # A colleague of the sub-department still does not see Carol's value.
        self.assertNotIn(
            value,
            Value.with_user(self.alice_user).search(
                [("definition_id", "=", self.manual.id)]
            ),
        )

    # ------------------------------------------------------------ computed setup

    def _computed_vals(self, **values):
        return {
            "code": "SEC_COMPUTED",
            "name": "Computed",
            "source": "computed",
            "model_name": "hr.employee.skill.log",
            "domain": "[]",
            "measure": "count",
            "date_field_name": "date",
            **values,
        }

    def test_computed_kpi_needs_read_access_to_its_model(self):
        Definition = self.env["perf.kpi.definition"].with_user(self.perf_admin_user)
        self.assertFalse(self.perf_admin_user.has_group("base.group_system"))
        with self.assertRaises(AccessError) as caught:
            Definition.create(
                self._computed_vals(
                    model_name="ir.config_parameter", date_field_name="create_date"
                )
            )
        self.assertIn("ir.config_parameter", str(caught.exception))
        # Set up by someone who may read it, it cannot be pointed elsewhere
        # through its domain or model by a user who cannot.
        readable = Definition.create(self._computed_vals())
        self.assertEqual(readable.model_name, "hr.employee.skill.log")
        hidden = self.env["perf.kpi.definition"].create(
            self._computed_vals(
                code="SEC_PARAM",
                model_name="ir.config_parameter",
                date_field_name="create_date",
            )
        )
        with self.assertRaises(AccessError):
            hidden.with_user(self.perf_admin_user).write({"domain": "[('id', '>', 0)]"})
        with self.assertRaises(AccessError):
            readable.write(
                {"model_name": "ir.config_parameter", "date_field_name": "create_date"}
            )
        # Other settings of such a KPI stay editable, and it still computes.
        hidden.with_user(self.perf_admin_user).write({"name": "Parameters"})
        self.assertFalse(hidden._update_actuals())

    # ------------------------------------------------------------ refresh

    def test_refresh_is_for_managers(self):
        objective = self.objectives[self.alice]
        with self.assertRaises(AccessError):
            objective.with_user(self.alice_user).action_refresh_kpi_actuals()
        with self.assertRaises(AccessError):
            self.manual.with_user(self.alice_user).action_refresh_actuals()
        indicator = self.indicators[self.alice].with_user(self.alice_user)
        with self.assertRaises(AccessError):
            indicator.action_refresh_kpi_actuals()
        arch = (
            self.env["perf.objective"]
            .with_user(self.alice_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("action_refresh_kpi_actuals", arch)
        objective.with_user(self.head_user).action_refresh_kpi_actuals()
        arch = (
            self.env["perf.objective"]
            .with_user(self.head_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("action_refresh_kpi_actuals", arch)

    # ------------------------------------------------------------ My KPIs

    def test_my_kpis_menu_for_employees(self):
        menu = self.env.ref("perf_management_kpi.menu_perf_kpi_my_scorecard")
        visible = self.env["ir.ui.menu"].with_user(self.alice_user)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        # What the web client loads when the menu is clicked.
        action = (
            self.env["ir.actions.actions"]
            .with_user(self.alice_user)
            ._for_xml_id("perf_management_kpi.perf_kpi_my_scorecard_action")
        )
        self.assertEqual(action["id"], menu.action.id)
        self.assertEqual(action["res_model"], "perf.indicator")
        Indicator = self.env["perf.indicator"].with_user(self.alice_user)
        views = Indicator.get_views(
            [*action["views"], (action["search_view_id"][0], "search")],
            {"load_filters": True},
        )
        self.assertIn("list", views["views"])
        self.assertIn('name="mine"', views["views"]["search"]["arch"])
        self.assertIn("search_default_mine", action["context"])
        company_objective = self._objective("company", self.quarters[0])
        company_indicator = self.env["perf.indicator"].create(
            {
                "objective_id": company_objective.id,
                "kpi_definition_id": self.manual.id,
                "target_value": 100.0,
            }
        )
        mine = [("objective_id.employee_id.user_id", "=", self.alice_user.id)]
        action_domain = ast.literal_eval(action["domain"])
        domain = [*action_domain, *mine]
        found = Indicator.web_search_read(domain, {"display_name": {}})
        self.assertEqual(
            [r["id"] for r in found["records"]], self.indicators[self.alice].ids
        )
        # Without the filter: what the rules let her see, not her colleagues'.
        seen = Indicator.search(action_domain)
        self.assertIn(company_indicator, seen)
        self.assertNotIn(self.indicators[self.bob], seen)
