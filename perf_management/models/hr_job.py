from odoo import api, models


class HrJob(models.Model):
    _inherit = "hr.job"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_performance_owner(self):
        # A post objective without its post has no owner left.
        self.env["perf.objective"]._ensure_no_owner_deleted(
            "job_id",
            self,
            self.env._(
                "Post %(name)s owns objectives or tasks and cannot be deleted: "
                "archive the job position instead."
            ),
        )
