from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

QUESTIONS = [
    ("goals", "Strategic goals"),
    ("values", "Values and behaviours"),
    ("capabilities", "Capabilities"),
    ("posts", "Allocation of posts"),
    ("results", "Results"),
]
#: What still changes on a finding of a done review: its follow-up.
FOLLOW_UP_FIELDS = {"state", "next_objective_id", "next_task_id"}


class PerfOrgReviewFinding(models.Model):
    """A finding of an organisational review and the action it calls for,
    which becomes an objective (of the reviewed department, or of the
    company) or a task of an objective of the unit in the next cycle.

    Whoever changes the review changes its findings (see
    ``perf.org.review``); once the review is done only their follow-up
    changes: marked done or cancelled, turned into an objective or a task.
    The manager of the reviewed department carries its findings into the
    next cycle as tasks of her unit's objectives (which she plans), or as an
    objective of her unit she proposes, whose target the level above
    confirms (see the access policy on perf.team.mixin).
    """

    _name = "perf.org.review.finding"
    _description = "Organisational Review Finding"
    _inherit = ["perf.improvement.action.mixin"]
    _order = "review_id, date_deadline, id"
    _check_company_auto = True

    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    review_id = fields.Many2one(
        "perf.org.review",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="review_id.company_id", store=True, index=True, precompute=True
    )
    question = fields.Selection(
        QUESTIONS, help="The organisational question the finding answers."
    )
    finding = fields.Text(required=True, help="What the review found.")

    # ------------------------------------------------------------------
    # Mixin hooks
    # ------------------------------------------------------------------

    def _get_action_cycle(self):
        return self.review_id.sudo().cycle_id

    def _get_action_thread(self):
        return self.review_id

    def _ensure_action_editable(self):
        reviews = self.review_id
        reviews._ensure_reviewer()
        reviews._ensure_cycle_not_closed()

    def _get_action_depends(self):
        return ["review_id"]

    def _prepare_next_objective_values(self, period):
        """The reviewed department's objective, or the company's; followed up
        by the responsible (else by who creates it). Proposed when it would
        be the user's own: the objective of the department they manage."""
        department = self.review_id.department_id
        Objective = self.env["perf.objective"]
        return {
            "level": "department" if department else "company",
            "department_id": department.id,
            "user_id": (self.responsible_id.user_id or self.env.user).id,
            "is_proposed": bool(department)
            and not Objective._perf_is_admin()
            and department in Objective._perf_own_unit_departments(),
        }

    def _get_task_objective_domain(self):
        """The next cycle's objectives of the reviewed unit: the department
        and its sub-departments, or the whole company."""
        domain = super()._get_task_objective_domain()
        department = self.review_id.sudo().department_id
        if department:
            domain = expression.AND(
                [domain, [("department_id", "child_of", department.id)]]
            )
        return domain

    def _describe_task_objectives(self):
        department = self.review_id.sudo().department_id
        next_cycle = self._find_next_cycle(self._get_action_cycle())
        if not department or not next_cycle:
            return super()._describe_task_objectives()
        return self.env._(
            "an objective of %(department)s (or of its sub-departments, posts "
            "and people) in %(cycle)s",
            department=department.name,
            cycle=next_cycle.name,
        )

    def _prepare_next_task_values(self, objective):
        if self.responsible_id:
            return {
                "assignee_level": "employee",
                "employee_id": self.responsible_id.id,
            }
        department = self.review_id.department_id or objective.department_id
        if not department:
            raise UserError(
                self.env._(
                    "Choose who is responsible for finding %(finding)s: a task of "
                    "the company is assigned to an employee or a department.",
                    finding=self.name,
                )
            )
        return {
            "assignee_level": "department",
            "department_id": department.id,
        }

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        findings = super().create(vals_list)
        findings.review_id._ensure_editable()
        return findings

    def write(self, vals):
        if not self.env.su:
            if set(vals) <= FOLLOW_UP_FIELDS:
                self._ensure_action_editable()
            else:
                self.review_id._ensure_editable()
        result = super().write(vals)
        if "review_id" in vals and not self.env.su:
            # Moved to another review: it must be the user's to change too.
            self.check_access("write")
            self.review_id._ensure_editable()
        return result

    def unlink(self):
        self.review_id._ensure_editable()
        return super().unlink()
