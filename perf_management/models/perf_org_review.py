from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .perf_appraisal import ANSWERS

REVIEW_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
]


class PerfOrgReview(models.Model):
    """The organisational review of a department (or of the whole company)
    for a cycle: the organisational PDCA cycle's Check and Act.

    It shows the unit's results in the cycle (see
    ``perf_org_review_results.py``), asks the method's organisational
    questions, and records findings whose actions become objectives or tasks
    of the next cycle (``perf.org.review.finding``).

    Who may do what (:meth:`_may_edit_review` and the record rules in
    ``security/perf_improvement_rules.xml``):

    * administrators of the company review any unit and the company;
    * the manager of a department (``manager_id`` of the department or of a
      department above it) reviews that department, never the company;
    * the employees of the unit (and, for a company review, every employee
      of the company) read the review once it is done: its answers, comments
      and findings, not the unit's figures, which show only to who reviews;
    * a done review, or any review of a closed cycle, is read-only; an
      administrator moves a done review back in progress. Until the cycle
      is closed, who reviews the unit still follows its findings up
      (``can_follow_up``: done, cancelled, made an objective or a task).
    """

    _name = "perf.org.review"
    _description = "Organisational Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.input.mixin"]
    _order = "cycle_id desc, department_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        "hr.department",
        index=True,
        check_company=True,
        tracking=True,
        help="The department reviewed, with its sub-departments; empty for "
        "the whole company.",
    )
    cycle_id = fields.Many2one(
        "perf.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    cycle_phase = fields.Selection(related="cycle_id.phase", string="Cycle Phase")
    state = fields.Selection(
        REVIEW_STATES, required=True, default="draft", tracking=True, copy=False
    )
    goals_reasonable = fields.Selection(
        ANSWERS, string="Are the strategic goals reasonable?", tracking=True
    )
    goals_comment = fields.Text(string="Comment on the Goals")
    values_shared = fields.Selection(
        ANSWERS, string="Are values and behaviours shared?", tracking=True
    )
    values_comment = fields.Text(string="Comment on Values and Behaviours")
    capabilities_match = fields.Selection(
        ANSWERS,
        string="Do the unit's capabilities match its goals?",
        tracking=True,
    )
    capabilities_comment = fields.Text(string="Comment on Capabilities")
    posts_right = fields.Selection(
        ANSWERS, string="Is the allocation of posts right?", tracking=True
    )
    posts_comment = fields.Text(string="Comment on the Allocation of Posts")
    finding_ids = fields.One2many(
        "perf.org.review.finding", "review_id", string="Findings"
    )
    can_edit = fields.Boolean(compute="_compute_can_edit")
    can_follow_up = fields.Boolean(
        compute="_compute_can_edit",
        help="Whether the current user carries the findings into the next "
        "cycle (also once the review is done).",
    )
    is_unit_manager = fields.Boolean(
        compute="_compute_is_unit_manager",
        search="_search_is_unit_manager",
        help="Reviews of the departments the current user manages (and of "
        "their sub-departments).",
    )
    is_unit_member = fields.Boolean(
        compute="_compute_is_unit_member",
        search="_search_is_unit_member",
        help="Reviews of the company and of the departments the current user "
        "works in (or above them).",
    )

    # One review per unit and cycle, the whole company (no department)
    # included: a unique constraint would take two empty departments for two
    # units, the exclusion compares them as one.
    _sql_constraints = [
        (
            "unit_cycle_uniq",
            "EXCLUDE USING btree (company_id WITH =, cycle_id WITH =, "
            "(COALESCE(department_id, 0)) WITH =)",
            "A unit has one organisational review per cycle, and the company one "
            "company-wide review: open the existing one.",
        ),
    ]

    @api.depends("department_id", "cycle_id", "company_id")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "%(unit)s - %(cycle)s",
                unit=review.department_id.name or review.company_id.name or "",
                cycle=review.cycle_id.name or "",
            )

    # ------------------------------------------------------------------
    # Unit managers and members, as domains (used by the record rules)
    # ------------------------------------------------------------------

    @api.model
    def _get_managed_departments(self):
        """The departments the user manages, and their sub-departments."""
        departments = self.env["hr.department"].sudo().with_context(active_test=False)
        managed = departments.search([("manager_id.user_id", "=", self.env.uid)])
        if not managed:
            return managed
        return departments.search([("id", "child_of", managed.ids)])

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_is_unit_manager(self):
        managed = self._get_managed_departments()
        for review in self:
            review.is_unit_manager = bool(review.department_id) and (
                review.department_id in managed
            )

    def _search_is_unit_manager(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search this filter with yes or no only."))
        domain = [("department_id", "in", self._get_managed_departments().ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _get_member_departments(self):
        """The departments of the user's employees, and those above them."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("user_id", "=", self.env.uid)])
        )
        if not employees.department_id:
            return employees.department_id
        return (
            self.env["hr.department"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "parent_of", employees.department_id.ids)])
        )

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_is_unit_member(self):
        departments = self._get_member_departments()
        for review in self:
            review.is_unit_member = (
                not review.department_id or review.department_id in departments
            )

    def _search_is_unit_member(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search this filter with yes or no only."))
        domain = [
            "|",
            ("department_id", "=", False),
            ("department_id", "in", self._get_member_departments().ids),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------
    # The policy
    # ------------------------------------------------------------------

    def _is_admin(self):
        return self.env.su or self.env.user.has_group(
            "perf_management.group_perf_admin"
        )

    def _may_edit_review(self):
        """Whether the user reviews this unit: an administrator, or the
        manager of the reviewed department (see the class docstring)."""
        self.ensure_one()
        if self._is_admin():
            return True
        return (
            self.env.user.has_group("perf_management.group_perf_manager")
            and self.is_unit_manager
        )

    @api.depends_context("uid")
    @api.depends("state", "department_id", "cycle_id.phase")
    def _compute_can_edit(self):
        for review in self:
            review.can_follow_up = (
                review.cycle_id.phase != "closed" and review._may_edit_review()
            )
            review.can_edit = review.can_follow_up and review.state != "done"

    def _ensure_reviewer(self):
        refused = self.filtered(lambda review: not review._may_edit_review())
        if refused:
            raise AccessError(
                self.env._(
                    "Only a performance administrator, or the manager of the "
                    "department for its own review, can change %(review)s.",
                    review=refused[0].display_name,
                )
            )

    def _ensure_cycle_not_closed(self):
        closed = self.filtered(lambda review: review.cycle_id.phase == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Cycle %(cycle)s is closed: review %(review)s is read-only.",
                    cycle=closed[0].cycle_id.name,
                    review=closed[0].display_name,
                )
            )

    def _ensure_editable(self):
        """Refuse unless the user may change the review now."""
        self._ensure_reviewer()
        self._ensure_cycle_not_closed()
        done = self.filtered(lambda review: review.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "Review %(review)s is done: an administrator moves it back in "
                    "progress to change it.",
                    review=done[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD and workflow
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews._ensure_editable()
        return reviews

    def write(self, vals):
        # Followers and activities are the chatter's; the state moves by the
        # actions below; the findings check their own changes (their
        # follow-up still moves once the review is done).
        if not self.env.su and any(
            not fname.startswith(("message_", "activity_")) and fname != "finding_ids"
            for fname in vals
        ):
            self._ensure_editable()
        result = super().write(vals)
        if {"department_id", "company_id"} & set(vals):
            # Moved: the user must review where it lands too.
            self.invalidate_recordset(["is_unit_manager"])
            self._ensure_reviewer()
        return result

    def unlink(self):
        self._ensure_editable()
        return super().unlink()

    def _set_state(self, state):
        # Rights were checked by the action.
        self.sudo().write({"state": state})
        return True

    def action_start(self):
        self._ensure_editable()
        return self._set_state("in_progress")

    def action_done(self):
        self._ensure_editable()
        return self._set_state("done")

    def action_reopen(self):
        """Back in progress: administrators only."""
        if not self._is_admin():
            raise AccessError(
                self.env._("Only a performance administrator reopens a review.")
            )
        self._ensure_cycle_not_closed()
        return self._set_state("in_progress")
