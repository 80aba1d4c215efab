from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

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

# Weights of the blocks of the progress: 0 leaves a block out.
BLOCK_WEIGHT_FIELDS = (
    "own_indicators_weight",
    "own_tasks_weight",
    "sub_objectives_weight",
)
WEIGHT_FIELDS = ("weight", *BLOCK_WEIGHT_FIELDS)


def ensure_number_input(env, vals, fnames):
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

# Context key of the buttons that open the form of a new sub-objective: the
# objective it decomposes. ``default_parent_id`` and the like would also be
# the defaults of the indicators, key results and tasks the form saves with
# it, whose ``parent_id`` is another model's; no field has this name, and the
# web client drops it, as every ``default_*`` key, when it opens the next
# action.
SUB_OBJECTIVE_KEY = "default_sub_objective_of"


class PerfObjective(models.Model):
    """An objective of the cascade, owned by the company, a department, a post
    or an employee, for one period.

    A child decomposes its parent in space (a lower level), in time (a
    sub-period of the parent's period) or both.

    How its progress is computed (own indicators weighted by the level
    policy, own tasks, measured sub-objectives by kind of decomposition) is
    told and done in ``models/perf_objective_rollup.py``.
    """

    _name = "perf.objective"
    _description = "Performance Objective"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.team.mixin",
        "perf.owner.mixin",
        "perf.input.mixin",
    ]
    _parent_store = True
    # Room for the owner and period a decomposition adds to its children's
    # names (see perf.decomposition._child_name).
    _perf_text_limits = {"name": 512}
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
    # The owner's department and post are tracked too (see perf.owner.mixin).
    department_id = fields.Many2one(tracking=True)
    job_id = fields.Many2one(tracking=True)
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
    decomposition_key = fields.Char(
        copy=False,
        index=True,
        help="Identifies a child made by a decomposition, e.g. "
        "space:department:12 or time:period:57.",
    )
    is_own_unit = fields.Boolean(
        string="My Unit's",
        compute="_compute_is_own_unit",
        search="_search_is_own_unit",
        help="The objectives of the departments the current user manages, set "
        "from above: they plan the tasks that reach them, the level above "
        "sets their targets.",
    )
    is_manually_edited = fields.Boolean(
        string="Targets Changed by Hand",
        copy=False,
        help="Set when the weight or targets of a decomposed objective are "
        "edited by hand: decomposing the parent again keeps them.",
    )

    # ------------------------------------------------------------------
    # Owner and period
    # ------------------------------------------------------------------

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
    # Team (the access policy itself is on perf.team.mixin)
    # ------------------------------------------------------------------

    def _get_team_domain(self):
        return self._get_objective_team_domain()

    def _get_own_domain(self):
        return self._get_objective_own_domain()

    @api.depends(lambda self: self._perf_team_depends())
    @api.depends_context("uid")
    def _compute_is_own_unit(self):
        units = self._perf_search_in(self._get_objective_own_unit_domain())
        for objective in self:
            objective.is_own_unit = objective._origin in units

    def _search_is_own_unit(self, operator, value):
        return self._perf_boolean_search(
            operator, value, self._get_objective_own_unit_domain()
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        """A new sub-objective of the objective named by ``SUB_OBJECTIVE_KEY``
        in the context starts as its parent says (see
        ``_get_sub_objective_defaults``); a ``default_<field>`` key of the
        context still wins."""
        defaults = super().default_get(fields_list)
        parent = self.browse(self.env.context.get(SUB_OBJECTIVE_KEY) or [])
        if not parent:
            return defaults
        for fname, value in parent._get_sub_objective_defaults().items():
            if fname in fields_list and f"default_{fname}" not in self.env.context:
                defaults[fname] = value
        return defaults

    def _get_sub_objective_defaults(self):
        """Defaults of a new sub-objective: under this objective, in its
        company and period, at the next level down, for its department,
        followed by its responsible."""
        self.ensure_one()
        next_level = LEVELS[min(LEVEL_RANKS[self.level] + 1, len(LEVELS) - 1)][0]
        return {
            "parent_id": self.id,
            "company_id": self.company_id.id,
            "period_id": self.period_id.id,
            "level": next_level,
            "department_id": self.department_id.id,
            "user_id": self.user_id.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            ensure_number_input(self.env, vals, WEIGHT_FIELDS)
        objectives = super().create(vals_list)
        objectives.period_id._ensure_open()
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
        ensure_number_input(self.env, vals, WEIGHT_FIELDS)
        # The weight is compared below: a figure that is no number is refused
        # first.
        self._ensure_typed_values(vals)
        free = FREE_FIELDS
        if "task_ids" in vals and all(self.mapped("is_own_unit")):
            # The tasks a manager plans for their unit, from the objective's
            # form: the tasks' own guards check them.
            free = FREE_FIELDS | {"task_ids"}
        self._ensure_employee_fields(
            vals,
            free,
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
            self.period_id._ensure_open()
            if vals.get("period_id"):
                self.env["perf.period"].browse(vals["period_id"])._ensure_open()
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
        self.period_id._ensure_open()

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
            "perf_management.perf_objective_action"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {SUB_OBJECTIVE_KEY: self.id}
        return action

    def action_new_child(self):
        """Open the form of a new sub-objective, at the next level down."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Sub-objective"),
            "res_model": "perf.objective",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {SUB_OBJECTIVE_KEY: self.id},
        }

    def action_open_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_task_action"
        )
        action["domain"] = [("objective_id", "=", self.id)]
        action["context"] = {"default_objective_id": self.id}
        return action
