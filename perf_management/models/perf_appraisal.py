from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("self_review", "Self Review"),
    ("manager_review", "Manager Review"),
    ("calibration", "Calibration"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
ANSWERS = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]
#: What the appraised employee writes, and only in self review (their own
#: skill levels are guarded line by line, see ``perf.appraisal.skill``).
SELF_FIELDS = {"self_review", "skill_line_ids"}
#: What the appraising manager writes, and only in manager review (their
#: private note in any state, the skill lines as guarded line by line).
REVIEW_FIELDS = {"goals_reasonable", "motivated", "post_right", "manager_feedback"}
#: Set by the workflow only (as superuser), besides the fields declared
#: readonly: see ``_get_workflow_fields``.
WORKFLOW_FIELDS = {"state", "reopen_reason"}
#: Who is appraised, by whom, for what and with which weights: set by an
#: administrator only (a manager choosing them would choose the result).
ADMIN_FIELDS = {
    "employee_id",
    "department_id",
    "job_id",
    "period_id",
    "manager_id",
    "weight_result",
    "weight_process",
    "weight_competency",
}


class PerfAppraisal(models.Model):
    """The appraisal of one employee for one period (PDCA Check).

    The employee reviews themselves, then their manager (the employee's
    ``parent_id`` when the appraisal starts, kept afterwards: a manager's own
    appraisal goes to their own manager, so nobody appraises themselves)
    scores and gives feedback, an administrator calibrates and closes it.
    Scores come from the employee's indicators (see
    ``perf_appraisal_score.py``).

    Who sees what: the employee their own appraisals, never the manager's
    private note; a manager the appraisals of the employees they manage,
    and the self review only once it is submitted; administrators every
    appraisal of their companies.
    """

    _name = "perf.appraisal"
    _description = "Appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.input.mixin"]
    _order = "period_id desc, employee_id, id"
    _check_company_auto = True

    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee User"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    period_id = fields.Many2one(
        "perf.period",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('period_type', 'in', ('quarter', 'year'))]",
    )
    # Where the employee stood when appraised: kept when they move later, so
    # that a period's distribution by department stays what it was.
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_post",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Job Position",
        compute="_compute_post",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    manager_id = fields.Many2one(
        "hr.employee",
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", store=True, string="Manager User"
    )
    state = fields.Selection(
        STATES, required=True, default="draft", tracking=True, copy=False
    )
    # Stored away from everyone's reads, system administrators' included
    # (``groups="."``: the superuser only): ``self_review`` shows it to the
    # employee, and to the others once submitted.
    self_review_stored = fields.Text(groups=".", copy=False)
    self_review = fields.Text(
        compute="_compute_self_review",
        inverse="_inverse_self_review",
        help="The employee's own view of the period, seen by the manager once "
        "submitted.",
    )
    is_self_review_visible = fields.Boolean(compute="_compute_is_self_review_visible")
    goals_reasonable = fields.Selection(
        ANSWERS, string="Were the personal goals reasonable?", tracking=True
    )
    motivated = fields.Selection(
        ANSWERS, string="Is the employee motivated?", tracking=True
    )
    post_right = fields.Selection(
        ANSWERS, string="Is the post allocation right?", tracking=True
    )
    manager_feedback = fields.Text(help="Shared with the employee.")
    # Stored away from everyone's reads, system administrators' included (an
    # appraised one would read their own); ``manager_note`` shows it to the
    # appraising manager and administrators only.
    manager_note_stored = fields.Text(groups=".", copy=False)
    manager_note = fields.Text(
        string="Private Note",
        compute="_compute_manager_note",
        inverse="_inverse_manager_note",
        help="Never shown to the employee.",
    )
    reopen_reason = fields.Text(copy=False)

    _sql_constraints = [
        (
            "employee_period_uniq",
            "unique(employee_id, period_id)",
            "An employee has one appraisal per period.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_post(self):
        for appraisal in self:
            appraisal.department_id = appraisal.employee_id.department_id
            appraisal.job_id = appraisal.employee_id.job_id

    # The employee's manager when the appraisal starts, kept afterwards: a
    # transfer does not rewrite who conducted it (see perf_appraisal_manager).
    @api.depends("employee_id")
    def _compute_manager_id(self):
        for appraisal in self:
            appraisal.manager_id = appraisal.employee_id.parent_id

    @api.depends("employee_id", "period_id")
    def _compute_display_name(self):
        for appraisal in self:
            appraisal.display_name = self.env._(
                "%(employee)s - %(period)s",
                employee=appraisal.employee_id.name or "",
                period=appraisal.period_id.name or "",
            )

    @api.depends_context("uid")
    @api.depends("state", "employee_user_id")
    def _compute_is_self_review_visible(self):
        for appraisal in self:
            appraisal.is_self_review_visible = (
                appraisal.state not in ("draft", "self_review")
                or appraisal.employee_user_id == self.env.user
            )

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_self_review(self):
        for appraisal in self:
            appraisal.self_review = (
                appraisal.sudo().self_review_stored
                if appraisal.is_self_review_visible
                else False
            )

    def _inverse_self_review(self):
        user = self.env.user
        for appraisal in self:
            if not self.env.su and (
                appraisal.employee_user_id != user or appraisal.state != "self_review"
            ):
                raise AccessError(
                    self.env._(
                        "Only %(employee)s writes their self review, while the "
                        "appraisal is in self review.",
                        employee=appraisal.employee_id.name,
                    )
                )
            appraisal.sudo().self_review_stored = appraisal.self_review

    @api.depends_context("uid")
    def _compute_manager_note(self):
        allowed = self._get_note_readers()
        for appraisal in self:
            appraisal.manager_note = (
                appraisal.sudo().manager_note_stored if appraisal in allowed else False
            )

    def _inverse_manager_note(self):
        refused = self - self._get_note_readers()
        if refused:
            raise AccessError(
                self.env._(
                    "Only the appraising manager or a performance administrator "
                    "can write the private note of %(name)s.",
                    name=refused[0].display_name,
                )
            )
        for appraisal in self:
            appraisal.sudo().manager_note_stored = appraisal.manager_note

    def _is_admin(self):
        """Whether the user is a performance administrator (or superuser):
        what they may do on an appraisal depends on whether they are
        appraised in it, see :meth:`_get_administered`."""
        return self.env.su or self.env.user.has_group(
            "perf_management.group_perf_admin"
        )

    def _get_administered(self):
        """The appraisals of ``self`` that the user administers: all of them
        as superuser; as a performance administrator, those they are not
        appraised in (on their own appraisal an administrator has an
        employee's rights, as for their own objectives); none otherwise."""
        if self.env.su:
            return self
        if not self._is_admin():
            return self.browse()
        user = self.env.user
        return self.filtered(lambda appraisal: appraisal.employee_user_id != user)

    def _ensure_administered(self, message):
        """Refuse with ``message`` unless the user administers every
        appraisal of ``self`` (see :meth:`_get_administered`)."""
        if self - self._get_administered():
            raise AccessError(message)

    def _get_note_readers(self):
        """Appraisals of ``self`` whose private note the user may read: as
        their appraising manager, or as an administrator not appraised in it."""
        user = self.env.user
        administered = self._get_administered()
        return self.filtered(
            lambda appraisal: appraisal in administered
            or (
                appraisal.manager_user_id == user and appraisal.employee_user_id != user
            )
        )

    @api.constrains("employee_id", "manager_id")
    def _check_not_self_appraised(self):
        for appraisal in self:
            if appraisal.manager_id and appraisal.manager_id == appraisal.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot appraise themselves. Choose their own "
                        "manager.",
                        employee=appraisal.employee_id.name,
                    )
                )

    @api.constrains("period_id")
    def _check_period_type(self):
        for appraisal in self:
            if appraisal.period_id.period_type not in ("quarter", "year"):
                raise ValidationError(
                    self.env._(
                        "An appraisal covers a quarter or a year, not %(period)s.",
                        period=appraisal.period_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._ensure_allowed_create(self._get_unadministered_vals(vals_list))
        appraisals = super().create(vals_list)
        appraisals._ensure_cycle_open()
        started = appraisals - appraisals._get_administered()
        if started:
            # A manager starts the appraisals they conduct, of their own
            # reports: not their own, their manager's or another team's (nor
            # does an administrator start their own).
            wrong = started.filtered(
                lambda appraisal: appraisal.manager_id
                != appraisal.employee_id.parent_id
            )
            if wrong:
                raise AccessError(
                    self.env._(
                        "The appraisal of %(employee)s is conducted by their "
                        "manager: only a performance administrator can choose "
                        "another one.",
                        employee=wrong[0].employee_id.name,
                    )
                )
            wrong = started.filtered(
                lambda appraisal: appraisal.manager_user_id != self.env.user
            )
            if wrong:
                raise AccessError(
                    self.env._(
                        "You start the appraisals of the employees you manage "
                        "only: %(employee)s's is started by their manager or a "
                        "performance administrator.",
                        employee=wrong[0].employee_id.name,
                    )
                )
        return appraisals

    def _get_unadministered_vals(self, vals_list):
        """The values of ``vals_list`` that create an appraisal the user
        would not administer: all of them but for an administrator, who is
        an employee for their own appraisal."""
        if not self._is_admin():
            return vals_list
        employees = (
            self.env["hr.employee"]
            .sudo()
            .browse({vals.get("employee_id") for vals in vals_list} - {False, None})
        )
        own = set((employees.filtered(lambda e: e.user_id == self.env.user)).ids)
        return [vals for vals in vals_list if vals.get("employee_id") in own]

    def write(self, vals):
        self._ensure_allowed_write(vals)
        if set(vals) - self._get_mail_fields():
            self._ensure_cycle_open()
        return super().write(vals)

    def _ensure_cycle_open(self):
        """Everything of a closed cycle is read-only, its appraisals too: a
        performance administrator moves the cycle back to Act first."""
        closed = self.sudo().filtered(
            lambda appraisal: appraisal.period_id.cycle_id.phase == "closed"
        )
        if closed:
            raise UserError(
                self.env._(
                    "Cycle %(cycle)s is closed: appraisal %(name)s can no longer "
                    "change. A performance administrator can move the cycle back "
                    "to Act first.",
                    cycle=closed[0].period_id.cycle_id.name,
                    name=closed[0].display_name,
                )
            )

    def _get_workflow_fields(self):
        """Fields that the workflow alone sets (as superuser): the state, the
        reopening reason and every stored field declared readonly (scores,
        rating, payroll coefficient, campaign...)."""
        return WORKFLOW_FIELDS | {
            name
            for name, field in self._fields.items()
            if field.store and field.readonly and not field.compute
        }

    def _get_mail_fields(self):
        """Fields of the chatter and activities, guarded by the mail models."""
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _ensure_allowed_create(self, vals_list):
        """Who is not an administrator starts an appraisal in draft, with no
        state, score, rating or review of its own choosing."""
        workflow = self._get_workflow_fields() - {"state"}
        for vals in vals_list:
            chosen = {
                fname for fname in (workflow | REVIEW_FIELDS) & set(vals) if vals[fname]
            }
            if chosen or (vals.get("state") or "draft") != "draft":
                raise AccessError(
                    self.env._(
                        "An appraisal starts in draft, with no score, rating or "
                        "review: only a performance administrator can create "
                        "one otherwise."
                    )
                )

    def _ensure_allowed_write(self, vals):
        """Who writes what, besides the record rules. Nobody, administrators
        included, the state, reopening reason, scores and rating (see
        ``_get_workflow_fields``): the workflow's buttons do. An administrator
        the rest of the appraisals they administer (see
        :meth:`_get_administered`). Nobody else who is appraised, by whom,
        for which period and with which weights. The employee their self
        review (and skill levels), in self review only; the appraising
        manager their review in manager review only (their private note and
        skill levels are guarded by their own checks). Nobody writes the
        manager's part of their own appraisal, administrators included."""
        if self.env.su:
            return
        fnames = set(vals) - self._get_mail_fields()
        if self._get_workflow_fields() & fnames:
            raise AccessError(
                self.env._(
                    "The state, scores and rating of an appraisal follow its "
                    "workflow: use its buttons."
                )
            )
        unadministered = self - self._get_administered()
        if not unadministered:
            return
        if ADMIN_FIELDS & fnames:
            raise AccessError(
                self.env._(
                    "Only a performance administrator can change who is "
                    "appraised, by whom, for which period and with which "
                    "weights, and nobody in their own appraisal."
                )
            )
        user = self.env.user
        own = unadministered.filtered(
            lambda appraisal: appraisal.employee_user_id == user
        )
        if own:
            forbidden = fnames - SELF_FIELDS
            if forbidden or any(a.state != "self_review" for a in own):
                raise AccessError(
                    self.env._(
                        "In your own appraisal you can only write your self "
                        "review, while it is in self review."
                    )
                )
        others = unadministered - own
        if (
            others
            and fnames & REVIEW_FIELDS
            and any(a.state != "manager_review" for a in others)
        ):
            raise AccessError(
                self.env._(
                    "As the manager of %(employee)s you write your review while "
                    "the appraisal is in manager review.",
                    employee=others[0].employee_id.name,
                )
            )
