from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools.ordering import creation_key

#: Appraisal states in which the improvement plan is written: once the
#: manager reviews, and after (the plan is followed in the next period).
PLAN_STATES = ("manager_review", "calibration", "done")


class PerfAppraisalAction(models.Model):
    """An improvement action agreed in an appraisal (PDCA Act): what, who, by
    when, for which skill or objective; followed in the next period, where it
    shows in the employee's next appraisal until done. It becomes a task of
    one of the employee's objectives of a later period of the same cycle
    (Q1's action in the Q2 objective, during Q2), in any phase of the cycle,
    or of an objective of the next cycle (see the mixin).

    Who may do what (the guards below, the record rules in
    ``security/perf_appraisal_rules.xml``):

    * the appraising manager, the employee's current manager and
      administrators of the company write the plan (never their own), while
      the appraisal is in manager review, calibration or done;
    * the appraised employee reads their plan and marks their own actions
      done, nothing else;
    * nobody else sees it;
    * once the appraisal's cycle is closed, the plan is read-only.
    """

    _name = "perf.appraisal.action"
    _description = "Improvement Action"
    _inherit = ["perf.improvement.action.mixin"]
    _order = "appraisal_id, date_deadline, id"
    _check_company_auto = True

    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    appraisal_id = fields.Many2one(
        "perf.appraisal",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", string="Appraised Employee"
    )
    period_id = fields.Many2one(related="appraisal_id.period_id")
    responsible_id = fields.Many2one(
        compute="_compute_responsible_id", store=True, readonly=False, precompute=True
    )
    skill_id = fields.Many2one(
        "hr.skill",
        string="Linked Skill",
        help="The skill the action develops.",
    )
    carried_from_id = fields.Many2one(
        "perf.appraisal.action",
        string="Carried Over From",
        index=True,
        ondelete="set null",
        copy=False,
        readonly=True,
        help="The open action of the previous appraisal this one continues.",
    )

    @api.depends("appraisal_id")
    def _compute_responsible_id(self):
        for action in self:
            action.responsible_id = (
                action.responsible_id or action.appraisal_id.employee_id
            )

    # ------------------------------------------------------------------
    # Mixin hooks
    # ------------------------------------------------------------------

    def _get_action_cycle(self):
        return self.appraisal_id.sudo().period_id.cycle_id

    def _get_action_thread(self):
        return self.appraisal_id

    def _ensure_action_editable(self):
        self.appraisal_id._ensure_improvement_plan_editable()

    def _prepare_next_objective_values(self, period):
        """The objective is the appraised employee's, followed up by their
        manager (never by the employee)."""
        employee = self.appraisal_id.employee_id
        responsible = (
            employee.sudo().parent_id.user_id
            or self.appraisal_id.manager_user_id
            or self.env.user
        )
        return {
            "level": "employee",
            "employee_id": employee.id,
            "user_id": responsible.id,
        }

    def _get_action_depends(self):
        return ["appraisal_id"]

    def _get_task_objective_domain(self):
        """Also the appraised employee's own objectives of the later periods
        of the same cycle (ending after the appraisal's period) that are
        still open."""
        domain = super()._get_task_objective_domain()
        appraisal = self.appraisal_id.sudo()
        period = appraisal.period_id
        if not period:
            return domain
        later = [
            ("level", "=", "employee"),
            ("employee_id", "=", appraisal.employee_id.id),
            ("cycle_id", "=", period.cycle_id.id),
            ("period_id.date_end", ">", fields.Date.to_string(period.date_end)),
            ("period_id.state", "=", "open"),
        ]
        return expression.OR([later, domain])

    def _describe_task_objectives(self):
        appraisal = self.appraisal_id.sudo()
        return self.env._(
            "one of %(employee)s's objectives of a period after %(period)s in "
            "%(cycle)s, or %(next)s",
            employee=appraisal.employee_id.name,
            period=appraisal.period_id.name,
            cycle=appraisal.period_id.cycle_id.name,
            next=super()._describe_task_objectives(),
        )

    def _prepare_next_task_values(self, objective):
        return {
            "assignee_level": "employee",
            "employee_id": (self.responsible_id or self.appraisal_id.employee_id).id,
        }

    # ------------------------------------------------------------------
    # CRUD and the guards
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._ensure_action_editable()
        return actions

    def write(self, vals):
        self._ensure_allowed_write(vals)
        result = super().write(vals)
        if "appraisal_id" in vals and not self.env.su:
            # Moved to another appraisal: its plan must be the user's too.
            self.check_access("write")
            self._ensure_action_editable()
        return result

    def unlink(self):
        self._ensure_action_editable()
        return super().unlink()

    def _ensure_allowed_write(self, vals):
        """The appraised employee marks their own open actions done; any
        other change is the plan's editors' (see the class docstring)."""
        if self.env.su:
            return
        user = self.env.user
        own = self.filtered(lambda action: action.appraisal_id.employee_user_id == user)
        if own:
            if set(vals) != {"state"} or vals["state"] != "done":
                raise AccessError(
                    self.env._(
                        "In your own improvement plan you can only mark your "
                        "actions done: your manager writes the plan."
                    )
                )
            own.appraisal_id._ensure_cycle_open()
        (self - own)._ensure_action_editable()

    def action_carry_over(self):
        """Continue these open actions in the appraisal given by the context
        key ``perf_carry_to_appraisal_id`` (the employee's next one)."""
        target = self.env["perf.appraisal"].browse(
            self.env.context.get("perf_carry_to_appraisal_id")
        )
        if not target.exists():
            raise UserError(
                self.env._("Open the appraisal the actions are carried over to.")
            )
        target._ensure_improvement_plan_editable()
        done = target.action_ids.carried_from_id
        values = [
            {
                "appraisal_id": target.id,
                "carried_from_id": action.id,
                "name": action.name,
                "description": action.description,
                "responsible_id": action.responsible_id.id,
                "completion_standard": action.completion_standard,
                "skill_id": action.skill_id.id,
                "objective_id": action.objective_id.id,
            }
            for action in self
            if action not in done
            and action.state == "open"
            and action.appraisal_id.employee_id == target.employee_id
        ]
        self.create(values)
        return True


class PerfAppraisal(models.Model):
    """The improvement plan of an appraisal, and the open actions of the
    employee's previous appraisal, to follow up."""

    _inherit = "perf.appraisal"

    action_ids = fields.One2many(
        "perf.appraisal.action", "appraisal_id", string="Improvement Plan"
    )
    previous_action_ids = fields.Many2many(
        "perf.appraisal.action",
        compute="_compute_previous_action_ids",
        string="Open Actions of the Previous Appraisal",
        help="The open actions of the employee's previous appraisal (by the end "
        "of its period) not carried over yet.",
    )
    can_edit_improvement_plan = fields.Boolean(
        compute="_compute_can_edit_improvement_plan"
    )

    @api.depends_context("uid")
    @api.depends("state", "period_id")
    def _compute_can_edit_improvement_plan(self):
        for appraisal in self:
            appraisal.can_edit_improvement_plan = (
                appraisal.state in PLAN_STATES
                and appraisal.sudo().period_id.cycle_id.phase != "closed"
                and appraisal._may_edit_improvement_plan()
            )

    @api.depends_context("uid")
    @api.depends("employee_id", "period_id", "action_ids.carried_from_id")
    def _compute_previous_action_ids(self):
        for appraisal in self:
            previous = appraisal._get_previous_plan_appraisal()
            actions = previous.action_ids.filtered(
                lambda action, appraisal=appraisal: action.state == "open"
                and action not in appraisal.sudo().action_ids.carried_from_id
            )
            # Only what the user reads themselves.
            appraisal.previous_action_ids = actions.with_env(self.env)._filtered_access(
                "read"
            )

    def _get_previous_plan_appraisal(self):
        """The employee's appraisal whose period ends last before this one's
        ends (cancelled ones aside), as superuser: callers filter."""
        self.ensure_one()
        if not self.employee_id or not self.period_id:
            return self.browse()
        candidates = (
            self.sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("state", "!=", "cancel"),
                    ("period_id.date_end", "<", self.period_id.date_end),
                ]
            )
            .filtered(lambda appraisal: appraisal.id != self._origin.id)
        )
        return candidates.sorted(
            lambda appraisal: (appraisal.period_id.date_end, creation_key(appraisal))
        )[-1:]

    def _may_edit_improvement_plan(self):
        """Whether the user writes the improvement plan of this appraisal: an
        administrator, the appraising manager or the employee's current
        manager, never the appraised employee."""
        self.ensure_one()
        user = self.env.user
        if self.env.su:
            return True
        if self.employee_user_id == user:
            return False
        if self._is_admin():
            return True
        return user.has_group("perf_management.group_perf_manager") and user in (
            self.manager_user_id | self.sudo().employee_id.parent_id.user_id
        )

    def _ensure_improvement_plan_editable(self):
        """Refuse unless the user may write the improvement plan of every
        appraisal of ``self`` now (see ``perf.appraisal.action``)."""
        refused = self.filtered(
            lambda appraisal: not appraisal._may_edit_improvement_plan()
        )
        if refused:
            raise AccessError(
                self.env._(
                    "Only the manager of %(employee)s or a performance "
                    "administrator writes their improvement plan, and nobody "
                    "their own.",
                    employee=refused[0].employee_id.name,
                )
            )
        wrong = self.filtered(lambda appraisal: appraisal.state not in PLAN_STATES)
        if wrong:
            raise UserError(
                self.env._(
                    "The improvement plan of %(appraisal)s is written from the "
                    "manager review on: it cannot change now.",
                    appraisal=wrong[0].display_name,
                )
            )
        self._ensure_cycle_open()
