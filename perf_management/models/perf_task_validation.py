"""What makes a task valid: a positive weight, the assignee its level asks
for, a completion standard, and a parent task of the same objective (never
itself or one of its sub-tasks)."""

from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools.scoring import is_valid_weight


class PerfTask(models.Model):
    _inherit = "perf.task"

    @api.constrains("weight")
    def _check_weight(self):
        for task in self:
            if not is_valid_weight(task.weight):
                raise ValidationError(
                    self.env._(
                        "The weight of task %(name)s must be greater than 0. Enter "
                        "a positive weight.",
                        name=task.name,
                    )
                )

    @api.constrains("assignee_level", "department_id", "job_id", "employee_id")
    def _check_assignee(self):
        for task in self:
            missing = {
                "department": not task.department_id,
                "post": not task.job_id,
                "employee": not task.employee_id,
            }[task.assignee_level]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Task %(name)s is assigned to a %(level)s: choose which one.",
                        name=task.name,
                        level=dict(
                            self._fields["assignee_level"]._description_selection(
                                self.env
                            )
                        )[task.assignee_level].lower(),
                    )
                )

    def _loop_error(self):
        return self.env._(
            "A task cannot be a sub-task of itself or of its own sub-tasks. Choose "
            "another parent task."
        )

    def _ensure_completion_standard(self, vals):
        if (
            "completion_standard" in vals
            and not (vals["completion_standard"] or "").strip()
        ):
            raise ValidationError(
                self.env._(
                    "Every task needs a completion standard: describe how everyone "
                    "will know the task is done."
                )
            )

    @api.constrains("parent_id", "objective_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self._loop_error())
        for task in (self | self.child_ids).filtered("parent_id"):
            if task.objective_id != task.parent_id.objective_id:
                raise ValidationError(
                    self.env._(
                        "Sub-task %(name)s must belong to the objective of its "
                        "parent task, %(objective)s.",
                        name=task.name,
                        objective=task.parent_id.objective_id.name,
                    )
                )
