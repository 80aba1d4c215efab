from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _get_perf_home_action(self):
        """The action the web client opens after login when the user chose no
        home action: My Check-ins for an employee (an internal user with an
        active employee in the current company) who manages nobody's
        performance (not a performance manager or administrator: they keep
        Odoo's own landing). ``None`` otherwise.

        Nothing is stored: a home action the user or an administrator sets
        wins, new users get it as soon as they are employees, and a promotion
        to manager gives them Odoo's landing back."""
        self.ensure_one()
        user = self.sudo()
        if (
            user.action_id
            or not user._is_internal()
            or user.has_group("perf_management.group_perf_manager")
        ):
            return None
        employees = user.employee_ids.filtered(
            lambda employee: employee.active and employee.company_id == self.env.company
        )
        if not employees:
            return None
        return self.env.ref(
            "perf_management.perf_checkin_action_my", raise_if_not_found=False
        )
