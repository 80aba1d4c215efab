from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

ACTION_STATES = [
    ("open", "Open"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
#: Cycle phases in which an action becomes an objective or a task of the
#: next cycle: once results are appraised (Check) and while improving (Act).
#: (A task of a later period of the action's own cycle is made in any phase.)
CONVERT_PHASES = ("check", "act")


class PerfImprovementActionMixin(models.AbstractModel):
    """An improvement action (PDCA Act): what is to be done, who does it, by
    when, and the objective of the cycle it relates to.

    Shared by the actions of an appraisal (``perf.appraisal.action``) and the
    findings of an organisational review (``perf.org.review.finding``). An
    action feeds the next plan: in one click it becomes an objective of the
    *next cycle* (the company's cycle starting after the action's own, by
    dates), or a task under a chosen objective (*Follow-up Objective*): one
    of the next cycle by default, each model saying which ones it offers
    (an appraisal's action also offers the employee's objectives of the
    later periods of the same cycle). The action keeps the link, so a second
    click opens what was created instead of creating it twice.

    Each model says where the action stands and who owns what it creates:

    * ``_get_action_cycle`` - the cycle the action was decided in;
    * ``_get_action_thread`` - the record whose chatter tells the story;
    * ``_ensure_action_editable`` - refuse unless the user may edit the
      action (the access policy of each model is told there);
    * ``_prepare_next_objective_values`` / ``_prepare_next_task_values`` -
      the owner of the objective or task created;
    * ``_get_task_objective_domain`` / ``_describe_task_objectives`` - the
      objectives the task may join, as a domain and in words;
    * ``_get_action_depends`` - the fields these depend on.

    The objective and the task are created with the user's own rights: the
    access policy of objectives and tasks (``perf.team.mixin``) decides
    whether they may set them, exactly as when they create them by hand.
    """

    _name = "perf.improvement.action.mixin"
    _description = "Improvement Action"
    _inherit = ["perf.input.mixin"]

    name = fields.Char(string="Action", required=True)
    description = fields.Text()
    responsible_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        help="Who carries the action out.",
    )
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(ACTION_STATES, required=True, default="open", copy=False)
    completion_standard = fields.Text(
        help="How everyone will know the action is done; the completion "
        "standard of the task it becomes."
    )
    objective_id = fields.Many2one(
        "perf.objective",
        string="Linked Objective",
        check_company=True,
        help="The objective of the cycle the action relates to.",
    )
    next_cycle_id = fields.Many2one(
        "perf.cycle",
        compute="_compute_next_cycle_id",
        help="The cycle following the action's own: where it becomes an "
        "objective or a task.",
    )
    next_objective_id = fields.Many2one(
        "perf.objective",
        string="Follow-up Objective",
        check_company=True,
        copy=False,
        help="The objective of the next cycle created from the action, or the "
        "objective chosen to hold the task created from it.",
    )
    next_objective_domain = fields.Binary(
        compute="_compute_next_objective_domain",
        help="The objectives the task created from the action may join.",
    )
    next_task_id = fields.Many2one(
        "perf.task", string="Follow-up Task", check_company=True, copy=False
    )
    can_create_objective = fields.Boolean(
        compute="_compute_can_create",
        help="Whether the action would become an objective of the next cycle "
        "now, for the current user (the checks of Make Next Cycle Objective).",
    )
    can_create_task = fields.Boolean(
        compute="_compute_can_create",
        help="Whether the action would become a task of its next cycle "
        "objective now, for the current user (the checks of Make Next Cycle "
        "Task).",
    )

    # ------------------------------------------------------------------
    # Hooks of each model
    # ------------------------------------------------------------------

    def _get_action_cycle(self):
        """The cycle the action was decided in."""
        raise NotImplementedError

    def _get_action_thread(self):
        """The record (with a chatter) the action belongs to."""
        raise NotImplementedError

    def _ensure_action_editable(self):
        """Refuse unless the current user may edit every action of ``self``."""
        raise NotImplementedError

    def _prepare_next_objective_values(self, period):
        """Owner values of the objective created from the action in
        ``period`` (level, department, employee, responsible)."""
        raise NotImplementedError

    def _prepare_next_task_values(self, objective):
        """Assignee values of the task created under ``objective``."""
        raise NotImplementedError

    def _get_action_depends(self):
        """Fields the action's cycle and follow-up objectives depend on."""
        return []

    def _get_task_objective_domain(self):
        """The objectives the task created from the action may join: those of
        the next cycle."""
        self.ensure_one()
        next_cycle = self._find_next_cycle(self._get_action_cycle())
        if not next_cycle:
            return expression.FALSE_DOMAIN
        return [("cycle_id", "=", next_cycle.id)]

    def _describe_task_objectives(self):
        """The objectives of :meth:`_get_task_objective_domain`, in words for
        the user."""
        self.ensure_one()
        next_cycle = self._find_next_cycle(self._get_action_cycle())
        if not next_cycle:
            return self.env._(
                "an objective of the next cycle, once a performance "
                "administrator creates it"
            )
        return self.env._("an objective of %(cycle)s", cycle=next_cycle.name)

    # ------------------------------------------------------------------
    # Next cycle
    # ------------------------------------------------------------------

    @api.depends(lambda self: self._get_action_depends())
    @api.depends_context("uid")
    def _compute_next_cycle_id(self):
        for action in self:
            action.next_cycle_id = action._find_next_cycle(action._get_action_cycle())

    @api.depends(lambda self: self._get_action_depends())
    @api.depends_context("uid")
    def _compute_next_objective_domain(self):
        for action in self:
            action.next_objective_domain = action._get_task_objective_domain()

    @api.model
    def _find_next_cycle(self, cycle):
        """The company's first cycle starting after ``cycle`` ends."""
        if not cycle:
            return self.env["perf.cycle"]
        return self.env["perf.cycle"].search(
            [
                ("company_id", "=", cycle.company_id.id),
                ("date_start", ">", cycle.date_end),
            ],
            order="date_start",
            limit=1,
        )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "next_objective_id",
        "next_task_id",
        "completion_standard",
    )
    def _compute_can_create(self):
        """The buttons are offered exactly when the actions would pass their
        checks: the same ``_ensure_*_creatable`` guards decide both."""
        for action in self:
            saved = action._origin
            action.can_create_objective = bool(
                saved
                and not action.next_objective_id
                and saved._passes("_ensure_objective_creatable")
            )
            action.can_create_task = bool(
                saved
                and not action.next_task_id
                and saved._passes("_ensure_task_creatable")
            )

    def _passes(self, guard):
        """Whether the guard method named ``guard`` accepts the action (it
        raises a user error, access errors included, otherwise)."""
        try:
            getattr(self, guard)()
        except UserError:
            return False
        return True

    def _get_next_cycle(self):
        """The next cycle, or a clear error telling how to get one."""
        self.ensure_one()
        cycle = self._get_action_cycle()
        labels = dict(cycle._fields["phase"]._description_selection(self.env))
        if cycle.phase not in CONVERT_PHASES:
            raise UserError(
                self.env._(
                    "Cycle %(cycle)s is in its %(phase)s phase: its improvement "
                    "actions become objectives or tasks of the next cycle in the "
                    "Check or Act phase.",
                    cycle=cycle.name,
                    phase=labels[cycle.phase],
                )
            )
        next_cycle = self._find_next_cycle(cycle)
        if not next_cycle:
            raise UserError(
                self.env._(
                    "There is no cycle after %(cycle)s yet: a performance "
                    "administrator creates the next cycle (Configuration > "
                    "Cycles) first, then the action can become one of its "
                    "objectives or tasks.",
                    cycle=cycle.name,
                )
            )
        return next_cycle

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _ensure_open_action(self):
        closed = self.filtered(lambda action: action.state != "open")
        if closed:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Action %(action)s is %(state)s: only an open action becomes "
                    "an objective or a task of the next cycle. Reopen it first.",
                    action=closed[0].name,
                    state=labels[closed[0].state].lower(),
                )
            )

    def _open_record(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _ensure_objective_creatable(self):
        """Refuse unless the action may become an objective of the next cycle
        now; return that cycle."""
        self.ensure_one()
        self._ensure_action_editable()
        self._ensure_open_action()
        return self._get_next_cycle()

    def _ensure_task_creatable(self):
        """Refuse unless the action may become a task of its follow-up
        objective now (see :meth:`_get_task_objective`), with a completion
        standard; return that objective."""
        self.ensure_one()
        self._ensure_action_editable()
        self._ensure_open_action()
        objective = self._get_task_objective()
        if not (self.completion_standard or "").strip():
            raise UserError(
                self.env._(
                    "Give action %(action)s a completion standard (how everyone "
                    "will know it is done) before it becomes a task.",
                    action=self.name,
                )
            )
        return objective

    def action_create_objective(self):
        """Create the objective of the next cycle that carries the action out
        (its year), link it and tell it in the chatter. An action that
        already has one opens it."""
        self.ensure_one()
        if self.next_objective_id:
            return self._open_record(self.next_objective_id)
        next_cycle = self._ensure_objective_creatable()
        period = next_cycle.year_period_id
        objective = self.env["perf.objective"].create(
            {
                "name": self.name,
                "description": self.description,
                "company_id": next_cycle.company_id.id,
                "period_id": period.id,
                **self._prepare_next_objective_values(period),
            }
        )
        self.next_objective_id = objective
        values = {
            "action": self.name,
            "objective": objective.display_name,
            "cycle": next_cycle.name,
        }
        self._get_action_thread().message_post(
            body=self.env._(
                "Improvement action %(action)s became objective %(objective)s "
                "of %(cycle)s, proposed: the level above confirms its target.",
                **values,
            )
            if objective.is_proposed
            else self.env._(
                "Improvement action %(action)s became objective %(objective)s "
                "of %(cycle)s.",
                **values,
            )
        )
        objective.message_post(
            body=self.env._(
                "Created from the improvement action %(action)s of %(origin)s.",
                action=self.name,
                origin=self._get_action_thread().display_name,
            )
        )
        return self._open_record(objective)

    def _get_task_objective(self):
        """The follow-up objective the task will join, or a clear error
        telling which objectives the action takes and what to do when there
        is none."""
        self.ensure_one()
        objective = self.next_objective_id
        allowed = self._get_task_objective_domain()
        Objective = self.env["perf.objective"]
        if not objective:
            if not Objective.search_count(allowed, limit=1):
                raise UserError(
                    self.env._(
                        "Action %(action)s has no objective to become a task of: "
                        "it takes %(where)s, and there is none yet. Create that "
                        "objective first, or make the action an objective of the "
                        "next cycle.",
                        action=self.name,
                        where=self._describe_task_objectives(),
                    )
                )
            raise UserError(
                self.env._(
                    "Choose the objective the task of action %(action)s serves "
                    "(Follow-up Objective): %(where)s.",
                    action=self.name,
                    where=self._describe_task_objectives(),
                )
            )
        if not Objective.sudo().search_count(
            expression.AND([[("id", "=", objective.id)], allowed]), limit=1
        ):
            raise UserError(
                self.env._(
                    "Objective %(objective)s cannot hold the task of action "
                    "%(action)s: choose %(where)s.",
                    objective=objective.display_name,
                    action=self.name,
                    where=self._describe_task_objectives(),
                )
            )
        if objective.cycle_id != self._get_action_cycle():
            # Into the next cycle: only once the results are appraised.
            self._get_next_cycle()
        return objective

    def action_create_task(self):
        """Create a task under the follow-up objective of the action (chosen
        among those :meth:`_get_task_objective_domain` offers, or created from
        the action), link it and tell it in the chatter. An action that
        already has one opens it."""
        self.ensure_one()
        if self.next_task_id:
            return self._open_record(self.next_task_id)
        objective = self._ensure_task_creatable()
        standard = self.completion_standard.strip()
        deadline = self.date_deadline
        if deadline and not (objective.date_start <= deadline <= objective.date_end):
            deadline = False
        task = self.env["perf.task"].create(
            {
                "name": self.name,
                "objective_id": objective.id,
                "completion_standard": standard,
                "date_deadline": deadline,
                **self._prepare_next_task_values(objective),
            }
        )
        self.next_task_id = task
        self._get_action_thread().message_post(
            body=self.env._(
                "Improvement action %(action)s became task %(task)s of objective "
                "%(objective)s (%(cycle)s).",
                action=self.name,
                task=task.name,
                objective=objective.display_name,
                cycle=objective.cycle_id.name,
            )
        )
        return self._open_record(task)

    def action_mark_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel_action(self):
        self.write({"state": "cancelled"})
        return True

    def action_reopen_action(self):
        self.write({"state": "open"})
        return True
