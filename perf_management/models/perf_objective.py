from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from ..tools.vocabulary import LEVEL_RANKS, LEVELS

# Fields that change a progress or an appraisal, or whose it is: frozen once
# the period is locked.
LOCKED_FIELDS = {
    "level",
    "department_id",
    "job_id",
    "employee_id",
    "company_id",
    "weight",
    "own_indicators_weight",
    "own_tasks_weight",
    "sub_objectives_weight",
    "period_id",
    "parent_id",
    "active",
}
WEIGHT_FIELDS = (
    "weight",
    "own_indicators_weight",
    "own_tasks_weight",
    "sub_objectives_weight",
)


def check_number_input(env, vals, fnames):
    """Refuse a non-numeric value for the numeric fields ``fnames`` of ``vals``."""
    for fname in fnames:
        value = vals.get(fname)
        if value is None or value is False or isinstance(value, int | float):
            continue
        try:
            float(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                env._(
                    "%(value)r is not a number. Enter a number for the %(field)s.",
                    value=value,
                    field=fname.replace("_", " "),
                )
            ) from error


# What a user who may not manage an objective (see perf.team.mixin) still
# writes on it: nothing that changes a target, a weight or whose it is.
FREE_FIELDS = {"description", "sequence"}


class PerfObjective(models.Model):
    """An objective of the cascade, owned by the company, a department, a post
    or an employee, for one period.

    A child decomposes its parent in space (a lower level), in time (a
    sub-period of the parent's period) or both.

    Progress (in %) is a weighted mean of the blocks that apply::

        progress = (a * indicator_progress + b * task_progress
                    + c * sub_objectives_progress) / (a + b + c)

    where ``a`` is ``own_indicators_weight`` and counts only when at least one
    indicator has a score, ``b`` is ``own_tasks_weight`` and counts only when
    the objective has tasks, ``c`` is ``sub_objectives_weight`` and counts only
    when the objective has active sub-objectives. An objective with no block
    has a progress of 0.

    * ``sub_objectives_progress``: the sub-objectives are grouped by how they
      decompose the objective, in space (another owner or level) or in time
      (the same owner, a sub-period). Each group is a whole view of the
      objective, so its progress is ``sum(w_c * progress_c) / sum(w_c)`` over
      its children (``w_c`` their weights, e.g. the shares of a
      decomposition), and the sub-objectives' progress is the mean of the
      groups present: a department objective split both to its posts and over
      its quarters is not counted twice.
    * ``indicator_progress = sum(w_i * score_i) / sum(w_i)`` over the
      indicators that have a score (no actual means no score, not 0);
    * ``task_progress = sum(w_t * completion_t) / sum(w_t)`` over the active
      top-level tasks, a task being 100 % when done or verified, or the
      weighted completion of its sub-tasks when it has some.

    Every term is stored, so a change on a leaf recomputes the leaf and then
    its ancestors only, one level at a time.
    """

    _name = "perf.objective"
    _description = "Performance Objective"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.team.mixin"]
    _parent_store = True
    _order = "period_id, sequence, id"
    _check_company_auto = True
    # Employees comment on objectives they may only read.
    _mail_post_access = "read"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Html()
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    level = fields.Selection(
        LEVELS,
        required=True,
        default="company",
        tracking=True,
        help="Who owns the objective: the whole company, a department, a post "
        "(job position) or an employee.",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Post",
        compute="_compute_job_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    period_id = fields.Many2one(
        "perf.period",
        compute="_compute_period_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    cycle_id = fields.Many2one(
        related="period_id.cycle_id",
        store=True,
        precompute=True,
        index=True,
        string="Cycle",
    )
    period_type = fields.Selection(related="period_id.period_type")
    period_state = fields.Selection(related="period_id.state", string="Period State")
    date_start = fields.Date(related="period_id.date_start")
    date_end = fields.Date(related="period_id.date_end")
    parent_id = fields.Many2one(
        "perf.objective",
        string="Parent Objective",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    child_ids = fields.One2many("perf.objective", "parent_id", string="Sub-objectives")
    parent_path = fields.Char(index=True)
    child_count = fields.Integer(compute="_compute_child_count")
    weight = fields.Float(
        default=1.0,
        tracking=True,
        digits=(16, 2),
        aggregator="sum",
        help="Weight of this objective in the progress of its parent, relative "
        "to its sibling objectives.",
    )
    own_indicators_weight = fields.Float(
        string="Weight of Own Indicators",
        default=1.0,
        digits=(16, 2),
        aggregator=None,
        tracking=True,
        help="Weight of this objective's own indicators in its progress, beside "
        "its own tasks and its sub-objectives. 0 ignores them.",
    )
    own_tasks_weight = fields.Float(
        string="Weight of Own Tasks",
        default=1.0,
        digits=(16, 2),
        aggregator=None,
        tracking=True,
        help="Weight of this objective's own tasks in its progress, beside its "
        "own indicators and its sub-objectives. 0 ignores them.",
    )
    sub_objectives_weight = fields.Float(
        string="Weight of Sub-objectives",
        default=1.0,
        digits=(16, 2),
        aggregator=None,
        tracking=True,
        help="Weight of the progress of the sub-objectives in this objective's "
        "progress, beside its own indicators and tasks. 0 ignores them.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        check_company=True,
        help="Follows the objective up and verifies its tasks.",
    )
    indicator_ids = fields.One2many(
        "perf.indicator", "objective_id", string="Indicators"
    )
    task_ids = fields.One2many("perf.task", "objective_id", string="Tasks")
    indicator_count = fields.Integer(compute="_compute_counts")
    task_count = fields.Integer(compute="_compute_counts")
    indicator_progress = fields.Float(
        string="Indicator Progress (%)",
        compute="_compute_indicator_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_indicator_score = fields.Boolean(
        compute="_compute_indicator_progress", store=True, precompute=True
    )
    task_progress = fields.Float(
        string="Task Progress (%)",
        compute="_compute_task_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_tasks = fields.Boolean(
        compute="_compute_task_progress", store=True, precompute=True
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        # Precomputed, like the blocks it combines: a batch of new objectives
        # is inserted with its progress, with no UPDATE afterwards.
        precompute=True,
        recursive=True,
        aggregator="avg",
        tracking=True,
    )
    progress_explanation = fields.Html(
        string="How Progress Is Computed",
        compute="_compute_progress_explanation",
        # Computed on all the blocks, as the stored progress is; the names of
        # sub-objectives the user may not read are hidden.
        compute_sudo=True,
        sanitize=False,
    )
    decomposition_key = fields.Char(
        copy=False,
        index=True,
        help="Identifies a child made by a decomposition, e.g. "
        "space:department:12 or time:period:57.",
    )
    is_manually_edited = fields.Boolean(
        string="Edited by Hand",
        copy=False,
        help="Set when the weight or targets of a decomposed objective are "
        "edited by hand: decomposing the parent again keeps them.",
    )
    policy_warning = fields.Char(
        compute="_compute_policy_warning",
        search="_search_policy_warning",
        help="Set when the dimensions of the indicators do not fit the policy "
        "of the objective's level.",
    )

    # ------------------------------------------------------------------
    # Owner and period
    # ------------------------------------------------------------------

    @api.depends("level", "job_id", "employee_id")
    def _compute_department_id(self):
        for objective in self:
            if objective.level == "company":
                objective.department_id = False
            elif objective.level == "post" and objective.job_id.department_id:
                objective.department_id = objective.job_id.department_id
            elif objective.level == "employee" and objective.employee_id:
                objective.department_id = (
                    objective.employee_id.department_id or objective.department_id
                )
            else:
                objective.department_id = objective.department_id

    @api.depends("level", "employee_id")
    def _compute_job_id(self):
        for objective in self:
            if objective.level in ("company", "department"):
                objective.job_id = False
            elif objective.level == "employee" and objective.employee_id:
                objective.job_id = objective.employee_id.job_id or objective.job_id
            else:
                objective.job_id = objective.job_id

    @api.depends("level")
    def _compute_employee_id(self):
        for objective in self:
            if objective.level != "employee":
                objective.employee_id = False
            else:
                objective.employee_id = objective.employee_id

    @api.depends("parent_id")
    def _compute_period_id(self):
        for objective in self:
            objective.period_id = objective.period_id or objective.parent_id.period_id

    @api.depends("child_ids")
    def _compute_child_count(self):
        for objective in self:
            objective.child_count = len(objective.child_ids)

    @api.depends("indicator_ids", "task_ids")
    def _compute_counts(self):
        for objective in self:
            objective.indicator_count = len(objective.indicator_ids)
            objective.task_count = len(objective.task_ids)

    # ------------------------------------------------------------------
    # Progress rollup
    # ------------------------------------------------------------------

    @api.depends(
        "indicator_ids.score", "indicator_ids.has_score", "indicator_ids.weight"
    )
    def _compute_indicator_progress(self):
        for objective in self:
            scored = objective.indicator_ids.filtered("has_score")
            total = sum(scored.mapped("weight"))
            objective.has_indicator_score = bool(scored) and total > 0
            objective.indicator_progress = (
                sum(indicator.weight * indicator.score for indicator in scored) / total
                if total > 0
                else 0.0
            )

    @api.depends(
        "task_ids.completion",
        "task_ids.weight",
        "task_ids.parent_id",
        "task_ids.active",
    )
    def _compute_task_progress(self):
        for objective in self:
            tasks = objective._get_top_tasks()
            total = sum(tasks.mapped("weight"))
            objective.has_tasks = bool(tasks) and total > 0
            objective.task_progress = (
                sum(task.weight * task.completion for task in tasks) / total
                if total > 0
                else 0.0
            )

    def _get_top_tasks(self):
        """Active tasks of the objective that are not sub-tasks of another one."""
        self.ensure_one()
        return self.task_ids.filtered(lambda task: task.active and not task.parent_id)

    @api.depends(
        "own_indicators_weight",
        "own_tasks_weight",
        "indicator_progress",
        "has_indicator_score",
        "task_progress",
        "has_tasks",
        "child_ids.progress",
        "child_ids.weight",
        "child_ids.active",
        "sub_objectives_weight",
    )
    def _compute_progress(self):
        for objective in self:
            blocks = objective._get_progress_blocks()
            total = sum(block["weight"] for block in blocks)
            objective.progress = (
                sum(block["weight"] * block["value"] for block in blocks) / total
                if total > 0
                else 0.0
            )

    def _get_progress_blocks(self):
        """The weighted terms of the progress, as documented on the class.

        Return a list of dicts with ``kind`` (indicators, tasks or child),
        ``label``, ``weight``, ``value`` (in %) and ``record``.
        """
        self.ensure_one()
        blocks = []
        if self.has_indicator_score and self.own_indicators_weight > 0:
            blocks.append(
                {
                    "kind": "indicators",
                    "label": self.env._("Own indicators"),
                    "weight": self.own_indicators_weight,
                    "value": self.indicator_progress,
                    "record": self.indicator_ids.filtered("has_score"),
                }
            )
        if self.has_tasks and self.own_tasks_weight > 0:
            blocks.append(
                {
                    "kind": "tasks",
                    "label": self.env._("Own tasks"),
                    "weight": self.own_tasks_weight,
                    "value": self.task_progress,
                    "record": self._get_top_tasks(),
                }
            )
        groups = self._get_sub_objective_groups()
        if groups and self.sub_objectives_weight > 0:
            means = [
                sum(child.weight * child.progress for child in children)
                / sum(children.mapped("weight"))
                for children in groups.values()
            ]
            blocks.append(
                {
                    "kind": "children",
                    "label": self.env._("Sub-objectives"),
                    "weight": self.sub_objectives_weight,
                    "value": sum(means) / len(means),
                    "record": self.browse().union(*groups.values()),
                    "groups": groups,
                }
            )
        return blocks

    def _get_sub_objective_groups(self):
        """The active, weighted children by decomposition kind.

        Return ``{"space": children, "time": children}`` with the kinds present.
        """
        self.ensure_one()
        groups = {}
        for child in self.child_ids:
            # The context may disable the active filter: archived children never count.
            if not child.active or child.weight <= 0:
                continue
            kind = "time" if child._is_time_decomposition_of(self) else "space"
            groups[kind] = groups.get(kind, self.browse()) | child
        return groups

    def _is_time_decomposition_of(self, parent):
        """Same owner as its parent, for a sub-period of the parent's period."""
        return (
            self.period_id != parent.period_id
            and self.level == parent.level
            and self.department_id == parent.department_id
            and self.job_id == parent.job_id
            and self.employee_id == parent.employee_id
        )

    @api.depends(
        "progress",
        "indicator_progress",
        "task_progress",
        "child_ids.progress",
        "child_ids.weight",
        "own_indicators_weight",
        "own_tasks_weight",
        "sub_objectives_weight",
    )
    @api.depends_context("uid")
    def _compute_progress_explanation(self):
        for objective in self:
            objective.progress_explanation = objective._render_progress_explanation()

    def _render_progress_explanation(self):
        self.ensure_one()
        blocks = self._get_progress_blocks()
        total = sum(block["weight"] for block in blocks)
        children = self.browse().union(
            *(block["record"] for block in blocks if block["kind"] == "children")
        )
        readable = children.sudo(False)._filtered_access("read")
        group_labels = {
            "space": self.env._("In space (lower levels or sub-departments)"),
            "time": self.env._("Over time (sub-periods)"),
        }

        def number(value):
            return f"{float_round(value, 2):.2f}"

        row = Markup(
            "<tr class='%s'><td>%s</td><td class='text-end'>%s</td>"
            "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
            "<td class='text-end'>%s</td></tr>"
        )
        indent = Markup("&#160;&#160;&#160;&#160;")

        def detail(items, value_of, label_of, depth=1):
            """Rows of the items of a block: their weight, share and value."""
            items_total = sum(items.mapped("weight")) or 1.0
            return [
                row
                % (
                    "text-muted",
                    indent * depth + label_of(item),
                    number(item.weight),
                    f"{number(item.weight / items_total * 100)} %",
                    f"{number(value_of(item))} %",
                    "",
                )
                for item in items
            ]

        def child_label(child):
            if child in readable:
                return child.name
            return self.env._("Sub-objective you cannot access")

        rows = []
        for block in blocks:
            share = block["weight"] / total
            rows.append(
                row
                % (
                    "fw-bold",
                    block["label"],
                    number(block["weight"]),
                    f"{number(share * 100)} %",
                    f"{number(block['value'])} %",
                    f"{number(share * block['value'])} %",
                )
            )
            if block["kind"] == "indicators":
                rows += detail(block["record"], lambda i: i.score, lambda i: i.name)
            elif block["kind"] == "tasks":
                rows += detail(
                    block["record"], lambda t: t.completion, lambda t: t.name
                )
            else:
                groups = block["groups"]
                for kind, group in groups.items():
                    depth = 1
                    if len(groups) > 1:
                        # Each kind of decomposition is a whole view of the
                        # objective: the sub-objectives' progress is their mean.
                        group_value = sum(c.weight * c.progress for c in group) / sum(
                            group.mapped("weight")
                        )
                        rows.append(
                            row
                            % (
                                "",
                                indent + group_labels[kind],
                                "",
                                f"{number(100 / len(groups))} %",
                                f"{number(group_value)} %",
                                "",
                            )
                        )
                        depth = 2
                    rows += detail(group, lambda c: c.progress, child_label, depth)
        if not rows:
            return Markup("<p>%s</p>") % self.env._(
                "Nothing contributes to the progress yet: add indicators with an "
                "actual value, tasks or sub-objectives."
            )
        header = Markup(
            "<p>%s</p><table class='table table-sm'><thead><tr><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>"
        ) % (
            self.env._(
                "Progress = sum of (weight x progress) / sum of weights over the "
                "blocks below: the own indicators (weighted mean of the scores of "
                "the indicators that have an actual), the own tasks (weighted mean "
                "of their completion; done or verified = 100 %) and the "
                "sub-objectives (weighted mean of their progress; when they "
                "decompose the objective both in space and over time, the mean of "
                "the two)."
            ),
            self.env._("Contribution of"),
            self.env._("Weight"),
            self.env._("Share"),
            self.env._("Progress"),
            self.env._("Contribution"),
        )
        footer = Markup(
            "</tbody><tfoot><tr class='fw-bold'><td>%s</td><td class='text-end'>%s"
            "</td><td class='text-end'>100.00 %%</td><td></td>"
            "<td class='text-end'>%s</td></tr></tfoot></table>"
        ) % (
            self.env._("Progress"),
            number(total),
            f"{number(self.progress)} %",
        )
        return header + Markup("").join(rows) + footer

    # ------------------------------------------------------------------
    # Policy and team (the access policy itself is on perf.team.mixin)
    # ------------------------------------------------------------------

    @api.depends("level", "company_id", "indicator_ids.dimension")
    def _compute_policy_warning(self):
        warnings = self.env["perf.level.policy"]._get_objective_warnings(self)
        for objective in self:
            objective.policy_warning = warnings.get(objective.id) or False

    def _search_policy_warning(self, operator, value):
        if operator not in ("=", "!=") or value not in (False, True):
            raise UserError(
                self.env._("Search objectives with or without a policy warning only.")
            )
        objectives = self.search([])
        warnings = self.env["perf.level.policy"]._get_objective_warnings(objectives)
        warned = [objective_id for objective_id, text in warnings.items() if text]
        with_warning = (operator == "!=") != (value is True)
        return [("id", "in" if with_warning else "not in", warned)]

    def _get_team_domain(self):
        return self._get_objective_team_domain()

    def _get_own_domain(self):
        return self._get_objective_own_domain()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains(*WEIGHT_FIELDS)
    def _check_weight(self):
        for objective in self:
            if objective.weight <= 0:
                raise ValidationError(
                    self.env._(
                        "The weight of objective %(name)s must be greater than 0. "
                        "Enter a positive weight, or archive the objective to take "
                        "it out of its parent's progress.",
                        name=objective.name,
                    )
                )
            if objective.own_indicators_weight < 0 or objective.own_tasks_weight < 0:
                raise ValidationError(
                    self.env._(
                        "The weights of the own indicators and tasks of objective "
                        "%(name)s cannot be negative. Enter 0 or more.",
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_number_input(self.env, vals, WEIGHT_FIELDS)
        objectives = super().create(vals_list)
        objectives.period_id._check_open()
        # A child changes its parent's progress: only under a parent one reads.
        objectives.parent_id.check_access("read")
        objectives._ensure_not_own(
            self.env._(
                "Objective %(name)s would be your own: its targets are set from "
                "above. Ask your manager or a performance administrator to "
                "create it; you decompose it into sub-objectives afterwards."
            )
        )
        return objectives

    def write(self, vals):
        check_number_input(self.env, vals, WEIGHT_FIELDS)
        self._ensure_employee_fields(
            vals,
            FREE_FIELDS,
            self.env._(
                "You cannot change %(fields)s of this objective: it is your own "
                "objective, or not one of your team's. Ask your manager or a "
                "performance administrator."
            ),
        )
        if vals.get("parent_id") and self.browse(vals["parent_id"])._is_descendant_of(
            self
        ):
            raise ValidationError(self._loop_error())
        if LOCKED_FIELDS & set(vals):
            self.period_id._check_open()
            if vals.get("period_id"):
                self.env["perf.period"].browse(vals["period_id"])._check_open()
        # A weight edited by hand is kept when the parent is decomposed again.
        flag_manual = (
            "weight" in vals
            and "is_manually_edited" not in vals
            and not self.env.context.get("perf_decomposition")
        )
        edited = self.browse()
        if flag_manual:
            edited = self.filtered(
                lambda objective: objective.decomposition_key
                and float_compare(objective.weight, float(vals["weight"] or 0), 2)
            )
        result = super().write(vals)
        self._ensure_access_after_move(vals)
        if vals.get("parent_id"):
            self.parent_id.check_access("read")
        if edited:
            super(PerfObjective, edited).write({"is_manually_edited": True})
        if vals.get("active") is False:
            descendants = self.search(
                [("id", "child_of", self.ids), ("id", "not in", self.ids)]
            )
            if descendants:
                descendants.write({"active": False})
        return result

    def unlink(self):
        self._ensure_may_manage(
            self.env._(
                "You cannot delete objective %(name)s: only a manager of its team "
                "(not its owner) or a performance administrator can."
            )
        )
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        # Even an objective without progress is part of a frozen appraisal.
        self.period_id._check_open()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for objective in self.with_context(active_test=False):
            if (
                objective.child_ids
                or objective.task_ids
                or objective.progress
                or any(objective.indicator_ids.mapped("has_actual"))
            ):
                raise UserError(
                    self.env._(
                        "Objective %(name)s is already used (it has sub-objectives, "
                        "tasks or progress) and cannot be deleted. Archive it "
                        "instead.",
                        name=objective.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.action_perf_objective"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {
            "default_parent_id": self.id,
            "default_company_id": self.company_id.id,
            "default_period_id": self.period_id.id,
        }
        return action

    def action_new_child(self):
        """Open the form of a new sub-objective, at the next level down."""
        self.ensure_one()
        next_level = LEVELS[min(LEVEL_RANKS[self.level] + 1, len(LEVELS) - 1)][0]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Sub-objective"),
            "res_model": "perf.objective",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_parent_id": self.id,
                "default_company_id": self.company_id.id,
                "default_period_id": self.period_id.id,
                "default_level": next_level,
                "default_department_id": self.department_id.id,
                "default_user_id": self.user_id.id,
            },
        }

    def action_open_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.action_perf_task"
        )
        action["domain"] = [("objective_id", "=", self.id)]
        action["context"] = {"default_objective_id": self.id}
        return action
