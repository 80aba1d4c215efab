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
    """The tasks assigned to an employee in the period tree of one of their
    appraisals follow it as its indicators do (see
    ``perf_objective_appraisal.py``): from the submission of the self
    review, their state and weight do not change, none is added, moved,
    archived or deleted by the appraised employee, and a change by anybody
    else (the manager verifying a task) is a correction posted on the
    appraisal; once it is done, nobody changes them until it is reopened.
    One query per write, whatever its size."""

    _inherit = "perf.task"

    def _get_done_appraisals(self):
        """``{task id: appraisal id}`` of the tasks of ``self`` that a done
        appraisal scored, in one query."""
        return self.env["perf.appraisal"]._get_done_appraisal_by_record(self)

    def _ensure_not_appraised(self):
        """Raise when a done appraisal scored a task of ``self``, or when the
        user is the appraised employee of an appraisal in review that scores
        one. Return ``{task id: appraisal ids}`` of the appraisals in review
        whose figures a change of ``self`` corrects."""
        Appraisal = self.env["perf.appraisal"]
        done, own, corrected = Appraisal._split_reviewed(
            Appraisal._get_appraisals_by_record(self)
        )
        if done:
            task_id, appraisal_id = next(iter(done.items()))
            task = self.browse(task_id).sudo()
            raise UserError(
                self.env._(
                    "Task %(task)s of %(employee)s is frozen: appraisal "
                    "%(appraisal)s is done and scored it, and its state and "
                    "weight can no longer change. Ask a performance "
                    "administrator to reopen the appraisal first.",
                    task=task.name,
                    employee=task.employee_id.name,
                    appraisal=Appraisal.sudo().browse(appraisal_id).display_name,
                )
            )
        if own:
            task_id, appraisal_id = next(iter(own.items()))
            raise UserError(
                self.env._(
                    "Task %(task)s is frozen for you: you submitted your self "
                    "review of appraisal %(appraisal)s, which scores it. If its "
                    "state is wrong, ask your manager to correct it: the "
                    "appraisal then goes back to their review.",
                    task=self.browse(task_id).sudo().name,
                    appraisal=Appraisal.sudo().browse(appraisal_id).display_name,
                )
            )
        return corrected

    def _get_correction_label(self):
        self.ensure_one()
        return self.env._("Task %(name)s", name=self.name)

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        corrected = tasks._ensure_not_appraised()
        self.env["perf.appraisal"]._post_record_event(
            tasks, corrected, self.env._("added")
        )
        return tasks

    def write(self, vals):
        fnames = sorted(APPRAISED_FIELDS & set(vals))
        if not fnames:
            return super().write(vals)
        Appraisal = self.env["perf.appraisal"]
        corrected = self._ensure_not_appraised()
        before = Appraisal._snapshot_figures(self, fnames) if corrected else {}
        result = super().write(vals)
        if MOVING_FIELDS & set(vals):
            # Moved into an appraisal (another employee or period).
            for task_id, appraisal_ids in self._ensure_not_appraised().items():
                corrected.setdefault(task_id, set()).update(appraisal_ids)
        if corrected:
            moved_in = self.filtered(lambda task: task.id not in before)
            Appraisal._post_figure_changes(self - moved_in, corrected, before, fnames)
            Appraisal._post_record_event(moved_in, corrected, self.env._("added"))
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraised(self):
        corrected = self._ensure_not_appraised()
        self.env["perf.appraisal"]._post_record_event(
            self, corrected, self.env._("deleted")
        )
