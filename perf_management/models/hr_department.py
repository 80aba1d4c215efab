from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_performance_owner(self):
        # Objectives without their department would fall to the company level
        # of the KPIs: the department is archived instead.
        self.env["perf.objective"]._ensure_no_owner_deleted(
            "department_id",
            self,
            self.env._(
                "Department %(name)s owns objectives or tasks and cannot be "
                "deleted: archive the department instead."
            ),
        )
