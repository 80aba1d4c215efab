from odoo import api, models
from odoo.exceptions import UserError

# What changes a task's part in an appraisal's process score, or whose it is.
APPRAISED_FIELDS = {
    "state",
    "weight",
    "active",
    "parent_id",
    "objective_id",
    "assignee_level",
    "employee_id",
}
# What may also move a task into an appraisal (another employee or period, or
# back from the archive): checked again after the write.
MOVING_FIELDS = {"active", "objective_id", "assignee_level", "employee_id"}


class PerfTask(models.Model):
    """Once an employee's appraisal is done, the tasks it scored are frozen
    as its indicators are (see ``perf_objective_appraisal.py``): the tasks
    assigned to the employee in the appraisal's period tree keep their state
    and weight, none is added, moved, archived or deleted, until the appraisal
    is reopened. One query per write, whatever its size."""

    _inherit = "perf.task"

    def _get_done_appraisals(self):
        """``{task id: appraisal id}`` of the tasks of ``self`` that a done
        appraisal scored, in one query."""
        return self.env["perf.appraisal"]._get_done_appraisal_by_record(self)

    def _ensure_not_appraised(self):
        """Raise when a done appraisal scored a task of ``self``."""
        done = self._get_done_appraisals()
        if not done:
            return
        task_id, appraisal_id = next(iter(done.items()))
        task = self.browse(task_id).sudo()
        appraisal = self.env["perf.appraisal"].sudo().browse(appraisal_id)
        raise UserError(
            self.env._(
                "Task %(task)s of %(employee)s is frozen: appraisal "
                "%(appraisal)s is done and scored it, and its state and weight "
                "can no longer change. Ask a performance administrator to "
                "reopen the appraisal first.",
                task=task.name,
                employee=task.employee_id.name,
                appraisal=appraisal.display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._ensure_not_appraised()
        return tasks

    def write(self, vals):
        if APPRAISED_FIELDS & set(vals):
            self._ensure_not_appraised()
        result = super().write(vals)
        if MOVING_FIELDS & set(vals):
            # Moved into a frozen appraisal (another employee or period).
            self._ensure_not_appraised()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraised(self):
        self._ensure_not_appraised()
