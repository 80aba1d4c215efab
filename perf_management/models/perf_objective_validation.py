"""What makes an objective valid: positive weights, an owner that fits its
level, and a parent it truly decomposes (a lower level, a sub-department or a
sub-period, never itself)."""

from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools.scoring import is_valid_weight
from ..tools.vocabulary import LEVEL_RANKS
from .perf_objective import BLOCK_WEIGHT_FIELDS, WEIGHT_FIELDS


class PerfObjective(models.Model):
    _inherit = "perf.objective"

    @api.constrains(*WEIGHT_FIELDS)
    def _check_weight(self):
        for objective in self:
            if not is_valid_weight(objective.weight):
                raise ValidationError(
                    self.env._(
                        "The weight of objective %(name)s must be greater than 0. "
                        "Enter a positive weight, or archive the objective to take "
                        "it out of its parent's progress.",
                        name=objective.name,
                    )
                )
            if not all(
                is_valid_weight(objective[fname], zero_allowed=True)
                for fname in BLOCK_WEIGHT_FIELDS
            ):
                raise ValidationError(
                    self.env._(
                        "The weights of the own indicators, own tasks and "
                        "sub-objectives of objective %(name)s cannot be negative. "
                        "Enter 0 (to leave a block out) or more.",
                        name=objective.name,
                    )
                )

    @api.constrains("level", "department_id", "job_id", "employee_id")
    def _check_owner(self):
        for objective in self:
            error = False
            if objective.level == "company" and (
                objective.department_id or objective.job_id or objective.employee_id
            ):
                error = self.env._(
                    "Company objective %(name)s cannot have a department, post or "
                    "employee. Clear them or choose another level."
                )
            elif objective.level == "department" and (
                not objective.department_id or objective.employee_id
            ):
                error = self.env._(
                    "Department objective %(name)s needs a department (and no "
                    "employee). Choose the department that owns it."
                )
            elif objective.level == "post" and (
                not objective.job_id or objective.employee_id
            ):
                error = self.env._(
                    "Post objective %(name)s needs a post (job position) and no "
                    "employee. Choose the post that owns it."
                )
            elif objective.level == "employee" and not objective.employee_id:
                error = self.env._(
                    "Employee objective %(name)s needs an employee. Choose the "
                    "employee who owns it."
                )
            if error:
                raise ValidationError(error % {"name": objective.name})

    def _is_descendant_of(self, others):
        """Whether ``self`` is one of ``others`` or below one of them."""
        self.ensure_one()
        path = self.parent_path or ""
        return any(
            other.parent_path and path.startswith(other.parent_path) for other in others
        )

    def _loop_error(self):
        return self.env._(
            "An objective cannot be decomposed into itself or into one of its "
            "parents. Choose another parent objective."
        )

    @api.constrains("parent_id", "period_id", "level")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self._loop_error())
        levels = dict(self._fields["level"]._description_selection(self.env))
        # A change of period or level also concerns the children.
        for child in (self | self.child_ids).filtered("parent_id"):
            parent = child.parent_id
            child_rank = LEVEL_RANKS[child.level]
            parent_rank = LEVEL_RANKS[parent.level]
            inside = (child.period_id.parent_path or "").startswith(
                parent.period_id.parent_path or "/"
            )
            if not inside:
                raise ValidationError(
                    self.env._(
                        "Objective %(child)s is for %(period)s, outside the period "
                        "%(parent_period)s of its parent %(parent)s. Choose "
                        "%(parent_period)s or one of its sub-periods.",
                        child=child.name,
                        period=child.period_id.name,
                        parent_period=parent.period_id.name,
                        parent=parent.name,
                    )
                )
            if child_rank < parent_rank:
                raise ValidationError(
                    self.env._(
                        "Objective %(child)s is at the %(child_level)s level, above "
                        "the %(parent_level)s level of its parent %(parent)s. A "
                        "parent is decomposed from the company to departments, "
                        "posts and employees, never upwards.",
                        child=child.name,
                        child_level=levels[child.level],
                        parent_level=levels[parent.level],
                        parent=parent.name,
                    )
                )
            if (
                child_rank == parent_rank
                and child.period_id == parent.period_id
                and not child._is_sub_department_of(parent)
            ):
                raise ValidationError(
                    self.env._(
                        "Objective %(child)s has the same level and period as its "
                        "parent %(parent)s, so it decomposes nothing. Choose a lower "
                        "level, a sub-department or a sub-period.",
                        child=child.name,
                        parent=parent.name,
                    )
                )

    def _is_sub_department_of(self, parent):
        """A department objective decomposed to one of its sub-departments."""
        self.ensure_one()
        department, parent_department = self.department_id, parent.department_id
        return bool(
            self.level == parent.level == "department"
            and department
            and parent_department
            and department != parent_department
            and (department.parent_path or "").startswith(
                parent_department.parent_path or "/"
            )
        )
