from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPerformanceApp(HttpCase):
    def test_admin_opens_the_performance_app(self):
        self.start_tour("/odoo", "perf_management_open_app", login="admin")

    def test_employee_opens_the_performance_app(self):
        new_test_user(self.env, login="perf_ui_employee", groups="base.group_user")
        self.start_tour("/odoo", "perf_management_open_app", login="perf_ui_employee")
