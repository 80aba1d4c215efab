from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    """The three access levels and the menus each of them sees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_user = new_test_user(
            cls.env, login="perf_groups_employee", groups="base.group_user"
        )
        cls.admin_user = new_test_user(
            cls.env,
            login="perf_groups_admin",
            groups="base.group_user,perf_management.group_perf_admin",
        )
        cls.menu = lambda self, xmlid: self.env.ref(f"perf_management.{xmlid}")

    def _visible(self, user):
        return set(self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())

    def test_groups_imply_each_other(self):
        user = self.env.ref("perf_management.group_perf_user")
        manager = self.env.ref("perf_management.group_perf_manager")
        admin = self.env.ref("perf_management.group_perf_admin")
        self.assertIn(user, manager.implied_ids)
        self.assertIn(manager, admin.implied_ids)
        self.assertEqual(admin.category_id, user.category_id)
        self.assertEqual(user.category_id.name, "Performance")

    def test_every_employee_is_a_performance_user(self):
        self.assertTrue(self.employee_user.has_group("perf_management.group_perf_user"))
        self.assertFalse(
            self.employee_user.has_group("perf_management.group_perf_manager")
        )
        self.assertTrue(self.admin_user.has_group("perf_management.group_perf_manager"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "perf_management.group_perf_admin"
            )
        )

    def test_employee_menus(self):
        visible = self._visible(self.employee_user)
        self.assertIn(self.menu("menu_perf_root").id, visible)
        self.assertIn(self.menu("menu_perf_objectives").id, visible)
        self.assertNotIn(self.menu("menu_perf_team").id, visible)
        self.assertNotIn(self.menu("menu_perf_reporting").id, visible)
        self.assertNotIn(self.menu("menu_perf_config").id, visible)

    def test_administrator_menus(self):
        visible = self._visible(self.admin_user)
        for xmlid in (
            "menu_perf_root",
            "menu_perf_objectives",
            "menu_perf_team",
            "menu_perf_reporting",
            "menu_perf_config",
        ):
            self.assertIn(self.menu(xmlid).id, visible, xmlid)

    def test_portal_user_is_not_a_performance_user(self):
        portal = new_test_user(
            self.env, login="perf_groups_portal", groups="base.group_portal"
        )
        self.assertFalse(portal.has_group("perf_management.group_perf_user"))
