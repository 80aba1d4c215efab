"""Who may edit a target?

An administrator (Performance Administrators), on any objective of their
companies; a manager, on the objectives of their team that are not their own;
nobody else. Employees, and managers on their own objectives, enter actuals
and move their tasks to done, and that is all.

The answer is :meth:`PerfTeamMixin._perf_may_manage`. The record rules in
``security/perf_management_rules.xml`` say which records each group reads,
writes, creates and deletes; :meth:`PerfTeamMixin._ensure_employee_fields`
refuses the fields that only who may manage writes (called by ``write`` of
objectives, tasks and indicators), and
:meth:`PerfTeamMixin._ensure_access_after_move` checks a moved record again
where it lands. The class docstring below states the whole policy.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools.vocabulary import LEVEL_RANKS

#: Fields that say whose a record is or where it hangs: a write that changes
#: them moves the record, and access is checked again on where it lands.
MOVE_FIELDS = {
    "level",
    "department_id",
    "job_id",
    "employee_id",
    "assignee_level",
    "parent_id",
    "objective_id",
    "company_id",
}


class PerfTeamMixin(models.AbstractModel):
    """Who may do what on objectives, tasks and indicators: the whole access
    policy, in one place.

    * **Employee** (every internal user): reads the company's objectives, those
      of their department and post, their own, and the tasks and indicators of
      these (record rules). On what they own they enter the actual values of
      indicators and move the state of tasks between to do and done; nothing
      else. They correct an actual, never clear it.
    * **Manager**: everything an employee does, and on *their team* (see
      ``is_my_team``: the departments they manage and their sub-departments,
      their subordinates, their own employee record and post) they set
      targets, weights and scoring settings, create and delete objectives,
      indicators and tasks, verify tasks and clear actuals.
    * **Own objectives**: for their own objectives a manager has an employee's
      rights, whatever their group. Their own objectives are their employee
      objectives, the objectives of the post they hold, and their unit's
      objectives set from above: a department objective of a department they
      manage whose parent is at a higher level, outside their team, or none.
      They decompose these downwards (creating sub-objectives that are not
      their own is allowed) but do not set their targets or weights, create or
      delete their indicators, or verify their tasks. Nobody verifies their
      own work: the assignee of a task, the employee of its objective and the
      holder of its post never verify it.
    * **Planning their unit** (``is_own_unit``): on their unit's objectives
      set from above a manager plans *how* the unit reaches them: they add
      its tasks (with their completion standards and deadlines) assigned
      within the unit (the departments they manage, their posts, their
      team), never to themselves or their own post, and split tasks into post
      tasks; while a task they added is to do they change these and delete
      it (:meth:`_perf_may_plan`). The weights of these tasks (left at the
      default), their verification and the objective's targets stay with the
      level above; tasks set from above stay as the level above wrote them.
      On their own employee and post objectives they add no task.
    * **Proposals** (``is_proposed``): a manager proposes an objective of
      their own unit (from an organisational review's finding, see
      ``perf.improvement.action.mixin``); while it is proposed they set it up
      as on their team's objectives (indicators and targets, tasks and
      weights) but never verify its tasks. Whoever may manage it without it
      being their own (an administrator, a manager of a unit above) confirms
      its target (*Confirm Target*, :meth:`_perf_may_confirm`); from then on
      it is their own objective like any other set from above. A proposal
      has no parent until it is confirmed: it counts nowhere before.
    * **Administrator** (Performance Administrators, and the superuser): all of
      the company's records, own ones included.
    * **Multi-company**: every record is seen only in the companies the user
      has selected (record rules on ``company_id``).
    * **Moves**: a write that changes the owner, the parent or the company
      (``MOVE_FIELDS``) is checked again on the new values, so nobody moves a
      record out of what they may manage, or makes it their own; and an
      objective is only put under a parent its author reads.

    The record rules (``security/perf_management_rules.xml``) say which
    records each group reads, writes, creates and deletes; field-level rights
    (what an employee, or a manager on their own objectives, may write) are
    the guards below, called by ``write``, ``create`` and ``unlink`` of each
    model. :meth:`_perf_may_manage` is the single answer to "may this user
    set targets and weights of this record", :meth:`_perf_may_plan` to "may
    this manager plan this task of their own unit".
    """

    _name = "perf.team.mixin"
    _description = "Performance Team Access"

    is_my_team = fields.Boolean(
        string="My Team",
        compute="_compute_is_my_team",
        search="_search_is_my_team",
        help="Records of the departments managed by the current user (and their "
        "sub-departments), of the current user and of their subordinates.",
    )
    is_own = fields.Boolean(
        string="My Own",
        compute="_compute_is_own",
        search="_search_is_own",
        help="The current user's own work: on it they have an employee's rights, "
        "whatever their group.",
    )
    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="Whether the current user may set the targets, weights and owner "
        "of the record (see the access policy); forms show them read-only "
        "otherwise.",
    )

    # ------------------------------------------------------------------
    # Team and own records, as domains (used by the record rules too)
    # ------------------------------------------------------------------

    def _perf_team_depends(self):
        """Fields whose change moves a record in or out of a team."""
        return ["department_id", "employee_id", "job_id", "level", "parent_id"]

    @api.model
    def _perf_user_employees(self, user=None):
        user = (user or self.env.user).sudo()
        return (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("user_id", "=", user.id)])
        )

    @api.model
    def _perf_team(self, user=None):
        """The team of ``user``, as ``(departments, employees)``: the
        departments they manage (and their sub-departments), themselves and
        their subordinates."""
        user = (user or self.env.user).sudo()
        departments = self.env["hr.department"].sudo().with_context(active_test=False)
        managed = departments.search([("manager_id.user_id", "=", user.id)])
        if managed:
            managed = departments.search([("id", "child_of", managed.ids)])
        employees = self.env["hr.employee"].sudo().with_context(active_test=False)
        mine = self._perf_user_employees(user)
        if mine:
            mine = employees.search([("id", "child_of", mine.ids)])
        return managed, mine

    @api.model
    def _get_my_team_domain(self, user=None):
        """Domain on ``department_id`` and ``employee_id`` of the records of
        the team of ``user`` (see :meth:`_perf_team`)."""
        managed, mine = self._perf_team(user)
        domains = []
        if managed:
            domains.append([("department_id", "in", managed.ids)])
        if mine:
            domains.append([("employee_id", "in", mine.ids)])
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _get_objective_team_domain(self):
        """The team's objectives: the team domain and the user's own posts."""
        jobs = self._perf_user_employees().job_id
        domain = self._get_my_team_domain()
        if jobs:
            domain = expression.OR(
                [domain, [("level", "=", "post"), ("job_id", "in", jobs.ids)]]
            )
        return domain

    @api.model
    def _get_objective_own_domain(self):
        """The current user's own objectives, as documented on the class."""
        employees = self._perf_user_employees()
        if not employees:
            return expression.FALSE_DOMAIN
        domains = [
            [("level", "=", "employee"), ("employee_id", "in", employees.ids)],
            self._get_objective_own_unit_domain(),
        ]
        if employees.job_id:
            domains.append(
                [("level", "=", "post"), ("job_id", "in", employees.job_id.ids)]
            )
        return expression.OR(domains)

    @api.model
    def _perf_own_unit_departments(self):
        """The departments whose objectives set from above are the current
        user's own: those they manage themselves (not their
        sub-departments)."""
        employees = self._perf_user_employees()
        departments = self.env["hr.department"].sudo().with_context(active_test=False)
        if not employees:
            return departments
        return departments.search([("manager_id", "in", employees.ids)])

    @api.model
    def _get_objective_own_unit_domain(self):
        """The current user's unit's objectives set from above: department
        objectives of a department they manage whose parent is at a higher
        level, outside their team, or none. Their own, whose tasks they plan
        (see the class docstring)."""
        managed = self._perf_own_unit_departments()
        if not managed:
            return expression.FALSE_DOMAIN
        higher = [
            level
            for level, rank in LEVEL_RANKS.items()
            if rank < LEVEL_RANKS["department"]
        ]
        set_from_above = expression.OR(
            [
                [("parent_id", "=", False)],
                [("parent_id.level", "in", higher)],
                [("parent_id", "not any", self._get_objective_team_domain())],
            ]
        )
        return expression.AND(
            [
                [("level", "=", "department")],
                [("department_id", "in", managed.ids)],
                set_from_above,
            ]
        )

    def _get_team_domain(self):
        """Domain of the records of the current user's team (per model)."""
        raise NotImplementedError

    def _get_own_domain(self):
        """Domain of the current user's own records (per model)."""
        raise NotImplementedError

    @api.depends(lambda self: self._perf_team_depends())
    @api.depends_context("uid")
    def _compute_is_my_team(self):
        team = self._perf_search_in(self._get_team_domain())
        for record in self:
            record.is_my_team = record._origin in team

    def _search_is_my_team(self, operator, value):
        return self._perf_boolean_search(operator, value, self._get_team_domain())

    @api.depends(lambda self: self._perf_team_depends())
    @api.depends_context("uid")
    def _compute_is_own(self):
        own = self._perf_search_in(self._get_own_domain())
        for record in self:
            record.is_own = record._origin in own

    def _search_is_own(self, operator, value):
        return self._perf_boolean_search(operator, value, self._get_own_domain())

    @api.depends(lambda self: self._perf_team_depends())
    @api.depends_context("uid")
    def _compute_can_manage(self):
        managed = self._origin._perf_may_manage()
        new = self.filtered(lambda record: not record._origin)
        creatable = new._perf_may_create() if new else new
        for record in self:
            if record._origin:
                record.can_manage = record._origin in managed
            else:
                record.can_manage = record in creatable

    def _perf_may_create(self):
        """The new records of ``self`` the current user may fill in (before
        the record rules check them on save)."""
        if self._perf_is_admin() or self.env.user.has_group(
            "perf_management.group_perf_manager"
        ):
            return self
        return self.browse()

    def _perf_search_in(self, domain):
        ids = [record_id for record_id in self._origin.ids if record_id]
        if not ids:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(expression.AND([[("id", "in", ids)], domain]))
        )

    def _perf_boolean_search(self, operator, value, domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search this filter with yes or no only."))
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    # ------------------------------------------------------------------
    # The policy
    # ------------------------------------------------------------------

    def _perf_is_admin(self):
        return self.env.su or self.env.user.has_group(
            "perf_management.group_perf_admin"
        )

    def _perf_is_own(self):
        """The records of ``self`` that are the current user's own work (an
        administrator has none: they manage everything)."""
        if self._perf_is_admin():
            return self.browse()
        return self.filtered("is_own")

    def _perf_objective(self):
        """The objective each record of ``self`` is, or belongs to."""
        return self.objective_id

    def _perf_may_manage(self):
        """The records of ``self`` on which the current user may set targets,
        weights and scoring settings, create and delete, verify and clear
        actuals: all of them for an administrator; for a manager those of
        their team that are not their own, and the proposals of their own
        unit; none for an employee. See the class docstring for the whole
        policy."""
        if self._perf_is_admin():
            return self
        if not self.env.user.has_group("perf_management.group_perf_manager"):
            return self.browse()

        def managed(record):
            if not record.is_my_team:
                return False
            if not record.is_own:
                return True
            objective = record._perf_objective()
            return objective.is_proposed and objective.is_own_unit

        return self.filtered(managed)

    def _perf_may_confirm(self):
        """The records of ``self`` whose proposed targets the current user may
        confirm: those they manage, never as their own (see the class
        docstring)."""
        return self._perf_may_manage() - self._perf_is_own()

    def _perf_may_plan(self):
        """The records of ``self`` the current user may not manage but plans,
        as the manager of the unit whose objective set from above they serve
        (see the class docstring): only tasks are planned (see
        ``perf.task``)."""
        return self.browse()

    def _ensure_may_manage(self, message):
        """Refuse unless the user may manage all of ``self``. ``message``
        takes ``%(name)s``, the first refused record."""
        refused = self - self._perf_may_manage()
        if refused and not self.env.su:
            raise AccessError(message % {"name": refused[0].display_name})

    def _ensure_not_own(self, message):
        """Refuse the current user's own records, but the proposals of their
        own unit. ``message`` takes ``%(name)s``, the first of them."""
        own = self._perf_is_own() - self._perf_may_manage()
        if own:
            raise AccessError(message % {"name": own[0].display_name})

    def _ensure_employee_fields(self, vals, allowed, message):
        """Refuse a write of fields outside ``allowed`` on records the user may
        not manage. ``message`` takes ``%(fields)s``, the refused labels."""
        if self.env.su:
            return
        # Followers and activities are the chatter's, not figures.
        restricted = {
            fname
            for fname in set(vals) - set(allowed)
            if not fname.startswith(("message_", "activity_"))
        }
        if not restricted:
            return
        managed = self._perf_may_manage()
        if managed == self:
            return
        labels = ", ".join(
            self._fields[fname].get_description(self.env)["string"]
            for fname in sorted(restricted)
            if fname in self._fields
        )
        raise AccessError(message % {"fields": labels})

    def _ensure_access_after_move(self, vals):
        """After a write that moves records (see ``MOVE_FIELDS``), check the
        record rules and the policy again on the new values: Odoo checks
        the rules before the write only."""
        if self.env.su or not MOVE_FIELDS & set(vals):
            return
        self.invalidate_recordset()
        self.check_access("write")
        if self - self._perf_may_manage() - self._perf_may_plan():
            raise AccessError(
                self.env._(
                    "You cannot move %(name)s there: it would leave what you "
                    "manage, or become your own. Ask your manager or a "
                    "performance administrator.",
                    name=self[:1].display_name,
                )
            )

    @api.model
    def _ensure_no_owner_deleted(self, fname, owners, message):
        """Refuse to delete ``owners`` (employees, departments or posts, in
        ``fname`` of objectives and tasks) while objectives or tasks, archived
        ones included, belong to them. ``message`` takes ``%(name)s``."""
        for model in ("perf.objective", "perf.task"):
            used = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(fname, "in", owners.ids)], [fname])
            )
            if used:
                raise UserError(message % {"name": used[0][0].display_name})
