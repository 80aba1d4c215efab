from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_performance_owner(self):
        # An objective without its owner would count the whole department's
        # figures: the employee is archived instead.
        self.env["perf.objective"]._ensure_no_owner_deleted(
            "employee_id",
            self,
            self.env._(
                "Employee %(name)s owns objectives or tasks and cannot be "
                "deleted: archive the employee instead."
            ),
        )
