from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import float_compare

from ..tools.scoring import weighted_mean
from ..tools.vocabulary import level_selection
from .perf_objective import ensure_number_input

ASSIGNEE_LEVELS = level_selection("department", "post", "employee")
# The level of the objective gives the usual assignee of its tasks.
ASSIGNEE_LEVEL_BY_OBJECTIVE_LEVEL = {
    "company": "department",
    "department": "department",
    "post": "post",
    "employee": "employee",
}
# Changing these changes the progress of the objective, or whose work the
# task is: frozen once locked.
LOCKED_FIELDS = {
    "state",
    "weight",
    "parent_id",
    "objective_id",
    "active",
    "assignee_level",
    "department_id",
    "job_id",
    "employee_id",
}
# What a user who may not manage a task (see perf.team.mixin) changes on the
# tasks they own: its state (the verification aside), and the order of the list.
EMPLOYEE_FIELDS = {"state", "sequence"}
# What a manager changes on the tasks they plan for their unit (see
# perf.team.mixin): what, who, by when, and how everyone knows it is done;
# never the weight.
PLAN_FIELDS = {
    "name",
    "completion_standard",
    "date_deadline",
    "parent_id",
    "assignee_level",
    "department_id",
    "job_id",
    "employee_id",
    "sequence",
}


class PerfTask(models.Model):
    """A task or measure that achieves an objective, with its completion
    standard (how everyone knows it is done).

    A task assigned to a department is split into tasks of its posts; a task
    with sub-tasks is as complete as the weighted mean of its sub-tasks.

    Its assignee marks it done; someone else verifies it (see ``_can_verify``
    and the access policy on perf.team.mixin).
    """

    _name = "perf.task"
    _description = "Performance Task"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.team.mixin",
        "perf.owner.mixin",
        "perf.input.mixin",
    ]
    _owner_level_field = "assignee_level"
    _parent_store = True
    # Room for the post a split task adds to its parts' names.
    _perf_text_limits = {"name": 512}
    _order = "sequence, id"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(string="Task", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    objective_id = fields.Many2one(
        "perf.objective",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True, precompute=True
    )
    period_id = fields.Many2one(
        related="objective_id.period_id", store=True, index=True, string="Period"
    )
    objective_user_id = fields.Many2one(
        related="objective_id.user_id", string="Objective Responsible"
    )
    completion_standard = fields.Text(
        required=True,
        tracking=True,
        help="How everyone will know the task is done, e.g. 'signed contract "
        "uploaded' or 'report approved by the board'.",
    )
    assignee_level = fields.Selection(
        ASSIGNEE_LEVELS,
        string="Assigned To",
        compute="_compute_assignee_level",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        compute="_compute_user_id",
        store=True,
        index=True,
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("verified", "Verified")],
        required=True,
        default="todo",
        tracking=True,
        copy=False,
        help="Done: the assignee says the completion standard is met. Verified: "
        "the responsible of the objective confirms it.",
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    parent_id = fields.Many2one(
        "perf.task",
        string="Parent Task",
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    child_ids = fields.One2many("perf.task", "parent_id", string="Sub-tasks")
    parent_path = fields.Char(index=True)
    weight = fields.Float(
        default=1.0,
        digits=(16, 2),
        tracking=True,
        aggregator="sum",
        help="Weight of the task among the tasks of its objective (or among the "
        "sub-tasks of its parent task).",
    )
    can_change_state = fields.Boolean(
        compute="_compute_can_change_state",
        help="Whether the current user may mark the task as done or back to do.",
    )
    can_verify = fields.Boolean(
        compute="_compute_can_verify",
        help="Whether the current user may verify the task or undo its "
        "verification.",
    )
    can_plan = fields.Boolean(
        compute="_compute_can_plan",
        help="Whether the current user may change what the task is, who does "
        "it, by when and its completion standard: who may manage it, or the "
        "manager of the unit who planned it.",
    )
    can_split = fields.Boolean(
        compute="_compute_can_plan",
        help="Whether the current user may split the task into post tasks: "
        "who may manage it, or the manager of the unit whose objective it "
        "serves.",
    )
    completion = fields.Float(
        string="Completion (%)",
        compute="_compute_completion",
        store=True,
        # Precomputed so that the objectives' progress can be, at creation.
        precompute=True,
        recursive=True,
        aggregator="avg",
        help="100 % when done or verified; for a task with sub-tasks, the "
        "weighted completion of its sub-tasks.",
    )

    @api.depends("objective_id")
    def _compute_assignee_level(self):
        for task in self:
            task.assignee_level = (
                ASSIGNEE_LEVEL_BY_OBJECTIVE_LEVEL.get(task.objective_id.level)
                or task.assignee_level
                or "department"
            )

    def _owner_depends(self):
        return [*super()._owner_depends(), "objective_id"]

    def _get_owner_fallback(self, fname):
        # A task the level does not place belongs where its objective is.
        return super()._get_owner_fallback(fname) or self.objective_id[fname]

    @api.depends("employee_id.user_id")
    def _compute_user_id(self):
        for task in self:
            task.user_id = task.employee_id.user_id

    @api.depends(
        "state", "child_ids.completion", "child_ids.weight", "child_ids.active"
    )
    def _compute_completion(self):
        for task in self:
            children = task.child_ids.filtered("active")
            completion = weighted_mean(
                (child.completion, child.weight) for child in children
            )
            if completion is None:
                completion = 100.0 if task.state in ("done", "verified") else 0.0
            task.completion = completion

    def _perf_team_depends(self):
        return [
            "objective_id",
            "assignee_level",
            "department_id",
            "job_id",
            "employee_id",
        ]

    def _get_team_domain(self):
        return [("objective_id", "any", self._get_objective_team_domain())]

    def _get_own_domain(self):
        """Tasks assigned to the user or to their post, and the tasks of their
        own objectives."""
        employees = self._perf_user_employees()
        domains = [[("objective_id", "any", self._get_objective_own_domain())]]
        if employees:
            domains.append([("employee_id", "in", employees.ids)])
        if employees.job_id:
            domains.append(
                [
                    ("assignee_level", "=", "post"),
                    ("job_id", "in", employees.job_id.ids),
                ]
            )
        return expression.OR(domains)

    @api.depends_context("uid")
    @api.depends("objective_id")
    def _compute_can_change_state(self):
        writable = self._origin._filtered_access("write")
        for task in self:
            task.can_change_state = bool(task._origin) and task._origin in writable

    @api.depends_context("uid")
    @api.depends("objective_id.user_id", "can_change_state")
    def _compute_can_verify(self):
        for task in self:
            task.can_verify = task.can_change_state and task._origin._can_verify()

    @api.depends_context("uid")
    @api.depends("objective_id", "state", "can_manage")
    def _compute_can_plan(self):
        planned = self._origin._perf_may_plan()
        units = self.objective_id._origin.filtered("is_own_unit")
        if not self.env.user.has_group("perf_management.group_perf_manager"):
            # A department's head plans it as a performance manager only.
            units = units.browse()
        for task in self:
            unit = task.objective_id._origin in units
            task.can_split = task.can_manage or unit
            if task._origin:
                task.can_plan = task.can_manage or task._origin in planned
            else:
                task.can_plan = task.can_manage or unit

    def _perf_may_create(self):
        # A task being created is its objective's business: whoever manages
        # the objective or, on an objective not saved yet, may create it.
        return self.filtered(lambda task: task.objective_id.can_manage)

    def _perf_may_plan(self):
        """The tasks of ``self`` the current user plans as the manager of their
        unit (see the access policy on perf.team.mixin): to do, added by
        them to their unit's objective set from above, and assigned within
        their team (``_perf_team``: a department they manage, one of its
        posts, a subordinate or an employee of these departments), neither
        to them nor to their own post."""
        if self.env.su or not self.env.user.has_group(
            "perf_management.group_perf_manager"
        ):
            return self.browse()
        units = self.objective_id.filtered("is_own_unit")
        candidates = self.filtered(
            lambda task: task.objective_id in units
            and task.state == "todo"
            and task.create_uid == self.env.user
        )
        if not candidates:
            return self.browse()
        departments, members = self._perf_team()
        mine = self._perf_user_employees()
        planned = candidates.sudo().filtered(
            lambda task: task._is_assigned_within(departments, members)
            and not task._is_assigned_to(mine)
        )
        return planned.with_env(self.env)

    def _is_assigned_within(self, departments, employees):
        """Whether the task is assigned to one of ``departments``, to a post
        of one of them, or to one of ``employees`` or an employee of these
        departments."""
        self.ensure_one()
        if self.assignee_level == "employee":
            return (
                self.employee_id in employees
                or self.employee_id.department_id in departments
            )
        if self.assignee_level == "post":
            return (self.job_id.department_id or self.department_id) in departments
        return self.department_id in departments

    def _is_assigned_to(self, employees):
        """Whether the task is assigned to one of ``employees`` or to the post
        of one of them."""
        self.ensure_one()
        if self.assignee_level == "employee":
            return self.employee_id in employees
        return self.assignee_level == "post" and self.job_id in employees.job_id

    def _can_verify(self):
        """Whether the current user may verify (or un-verify) all tasks of self.

        A performance administrator verifies any task. Nobody else verifies
        their own work (``is_own``: a task assigned to them or to their post,
        or a task of their own objective), whatever their group; otherwise the
        responsible of the objective and the managers of the team verify.
        """
        if self._perf_is_admin():
            return True
        if self._perf_is_own():
            return False
        managed = self._perf_may_manage()
        return all(
            task in managed or task.objective_id.user_id == self.env.user
            for task in self
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            ensure_number_input(self.env, vals, ("weight",))
            self._ensure_completion_standard(
                {"completion_standard": vals.get("completion_standard")}
            )
        tasks = super().create(vals_list)
        tasks.period_id._ensure_open()
        tasks._ensure_added_to_own_objective()
        if "verified" in tasks.mapped("state") and not tasks._can_verify():
            raise UserError(tasks._verify_error())
        return tasks

    def _ensure_added_to_own_objective(self):
        """New tasks of the user's own objectives: only those they plan for
        their unit, at the default weight, and the post tasks that split a
        task into other posts than theirs (both decompose the objective
        downwards); anything else is set from above (see the access
        policy)."""
        if self.env.su:
            return
        # A proposal of their unit is set up as a team's objective.
        own_objectives = (
            self.objective_id._perf_is_own() - self.objective_id._perf_may_manage()
        )
        own = self.filtered(lambda task: task.objective_id in own_objectives)
        if not own:
            return
        jobs = self._perf_user_employees().job_id
        split = own.filtered(
            lambda task: task.parent_id
            and task.assignee_level == "post"
            and task.job_id
            and task.job_id not in jobs
        )
        refused = own - split - own._perf_may_plan()
        if refused:
            task = refused[0]
            if task.objective_id.is_own_unit:
                raise AccessError(
                    self.env._(
                        "You cannot add task %(task)s to %(name)s: the tasks you "
                        "plan for your unit are to do and assigned within it (your "
                        "department, its posts or your team), not to you or your "
                        "post. Your own tasks come from your manager.",
                        task=task.name,
                        name=task.objective_id.display_name,
                    )
                )
            raise AccessError(
                self.env._(
                    "You cannot add tasks to %(name)s: it is your own objective. "
                    "Ask your manager or a performance administrator, or "
                    "decompose the objective into sub-objectives for your team.",
                    name=task.objective_id.display_name,
                )
            )
        default_weight = self._fields["weight"].default(self)
        weighted = own.filtered(
            lambda task: float_compare(task.weight, default_weight, 2) != 0
        )
        if weighted:
            raise AccessError(
                self.env._(
                    "You cannot weigh task %(task)s: the weights of the tasks of "
                    "%(name)s are set by the level above. Leave it at "
                    "%(weight)s.",
                    task=weighted[0].name,
                    name=weighted[0].objective_id.display_name,
                    weight=default_weight,
                )
            )

    def write(self, vals):
        ensure_number_input(self.env, vals, ("weight",))
        self._ensure_employee_fields(
            vals,
            EMPLOYEE_FIELDS | PLAN_FIELDS
            if set(vals) - EMPLOYEE_FIELDS
            and set(vals) <= EMPLOYEE_FIELDS | PLAN_FIELDS
            and self._perf_may_plan() == self
            else EMPLOYEE_FIELDS,
            self.env._(
                "You can only change the state of your tasks (and of the tasks of "
                "your own objectives). Ask your manager to change %(fields)s."
            ),
        )
        self._ensure_completion_standard(vals)
        if vals.get("parent_id"):
            parent_path = self.browse(vals["parent_id"]).parent_path or ""
            if any(
                task.parent_path and parent_path.startswith(task.parent_path)
                for task in self
            ):
                raise ValidationError(self._loop_error())
        if LOCKED_FIELDS & set(vals):
            self.period_id._ensure_open()
            if vals.get("objective_id"):
                self.env["perf.objective"].browse(
                    vals["objective_id"]
                ).period_id._ensure_open()
        if "state" in vals:
            touches_verified = vals["state"] == "verified" or any(
                task.state == "verified" for task in self
            )
            if touches_verified and not self._can_verify():
                raise UserError(self._verify_error())
            if vals["state"] == "verified":
                vals = dict(vals, verified_by_id=self.env.uid)
            elif any(task.verified_by_id for task in self):
                vals = dict(vals, verified_by_id=False)
        result = super().write(vals)
        self._ensure_access_after_move(vals)
        return result

    def unlink(self):
        (self - self._perf_may_plan())._ensure_may_manage(
            self.env._(
                "You cannot delete task %(name)s: only a manager of its team (not "
                "its assignee, nor the owner of its objective), a performance "
                "administrator, or the manager who planned it for their unit "
                "while it is to do can."
            )
        )
        return super().unlink()

    def _verify_error(self):
        if not self._perf_is_admin() and self._perf_is_own():
            return self.env._(
                "You cannot verify task %(name)s or undo its verification: it is "
                "your own work (assigned to you or your post, or part of your own "
                "objective), and nobody verifies their own work. Mark it as done "
                "and ask %(user)s or a performance administrator to verify it.",
                name=self._perf_is_own()[0].name,
                user=self._verifier_names(),
            )
        return self.env._(
            "Only the responsible of the objective, a manager or an administrator "
            "can verify a task or undo its verification. Mark it as done and ask "
            "%(user)s to verify it.",
            user=self._verifier_names(),
        )

    def _verifier_names(self):
        users = self.objective_id.user_id - self.env.user
        return ", ".join(users.mapped("name")) or self.env._(
            "the manager of the objective's owner"
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        # Even a task to do counts in the frozen progress of its objective.
        self.period_id._ensure_open()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for task in self.with_context(active_test=False):
            if task.state != "todo" or task.child_ids:
                raise UserError(
                    self.env._(
                        "Task %(name)s is done or has sub-tasks and cannot be "
                        "deleted. Archive it instead.",
                        name=task.name,
                    )
                )

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_verify(self):
        self.write({"state": "verified"})
        return True

    def action_reset(self):
        self.write({"state": "todo"})
        return True

    def action_split_into_posts(self):
        """Create one sub-task per post (job position) of the task's department.

        The completion standard is copied; posts that already have a sub-task
        are skipped, so splitting twice creates nothing new.
        """
        for task in self:
            if task.assignee_level != "department" or not task.department_id:
                raise UserError(
                    self.env._(
                        "Only a task assigned to a department can be split into "
                        "post tasks. Task %(name)s is not.",
                        name=task.name,
                    )
                )
            jobs = self.env["hr.job"].search(
                [
                    ("department_id", "=", task.department_id.id),
                    ("company_id", "in", [task.company_id.id, False]),
                ]
            )
            if not jobs:
                raise UserError(
                    self.env._(
                        "Department %(department)s has no post (job position) to "
                        "split task %(name)s into. Create its job positions first.",
                        department=task.department_id.name,
                        name=task.name,
                    )
                )
            existing = task.with_context(active_test=False).child_ids.job_id
            if task.objective_id._perf_is_own():
                # The task of one's own post is set from above.
                existing |= self._perf_user_employees().job_id
            self.create(
                [
                    {
                        "name": f"{task.name} - {job.name}",
                        "objective_id": task.objective_id.id,
                        "parent_id": task.id,
                        "assignee_level": "post",
                        "department_id": task.department_id.id,
                        "job_id": job.id,
                        "completion_standard": task.completion_standard,
                        "date_deadline": task.date_deadline,
                    }
                    for job in jobs - existing
                ]
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_task_action"
        )
        action["domain"] = [("parent_id", "in", self.ids)]
        action["context"] = {}
        return action
