import logging

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

SCOPES = [
    ("company", "Whole Company"),
    ("department", "Departments"),
    ("job", "Job Positions"),
    ("employee", "Chosen Employees"),
]


class PerfAppraisalCampaign(models.Model):
    """An administrator launches the appraisals of a period for a scope of
    employees, with deadlines for the self and the manager reviews.

    Launching creates the missing appraisals only: launched twice, nothing
    new. Employees with no indicator in the period are still appraised, and
    listed in the chatter. A campaign whose appraisals have started is
    archived, never deleted: they stay in it.
    """

    _name = "perf.appraisal.campaign"
    _description = "Appraisal Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.input.mixin"]
    _order = "period_id desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="The administrator who follows the campaign: told when its "
        "scheduled launch fails.",
    )
    period_id = fields.Many2one(
        "perf.period",
        required=True,
        index=True,
        check_company=True,
        domain="[('period_type', 'in', ('quarter', 'year'))]",
        tracking=True,
    )
    scope = fields.Selection(SCOPES, required=True, default="company", tracking=True)
    department_ids = fields.Many2many("hr.department", check_company=True)
    job_ids = fields.Many2many("hr.job", string="Job Positions", check_company=True)
    employee_ids = fields.Many2many("hr.employee", check_company=True)
    self_deadline = fields.Date(string="Self Review Deadline", tracking=True)
    manager_deadline = fields.Date(string="Manager Review Deadline", tracking=True)
    use_custom_weights = fields.Boolean(
        string="Own Dimension Weights",
        help="Weigh the dimensions of this campaign's appraisals with the "
        "weights below instead of the employee level policy's.",
    )
    weight_result = fields.Float(aggregator=None)
    weight_process = fields.Float(aggregator=None)
    weight_competency = fields.Float(aggregator=None)
    appraisal_ids = fields.One2many("perf.appraisal", "campaign_id")
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")
    launch_date = fields.Date(readonly=True, copy=False, tracking=True)

    @api.depends("appraisal_ids")
    def _compute_appraisal_count(self):
        for campaign in self:
            campaign.appraisal_count = len(campaign.appraisal_ids)

    @api.constrains("self_deadline", "manager_deadline")
    def _check_deadlines(self):
        for campaign in self:
            if (
                campaign.self_deadline
                and campaign.manager_deadline
                and campaign.manager_deadline < campaign.self_deadline
            ):
                raise ValidationError(
                    self.env._(
                        "The manager review of campaign %(name)s cannot end before "
                        "the self review: move its deadline after %(date)s.",
                        name=campaign.name,
                        date=campaign.self_deadline,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = (
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("state", "!=", "draft")],
                ["campaign_id"],
            )
        )
        if started:
            raise UserError(
                self.env._(
                    "Campaign %(name)s has appraisals under way or done: deleting "
                    "it would take them out of it. Archive the campaign instead.",
                    name=started[0][0].name,
                )
            )

    def _get_employees(self):
        """Active employees of the campaign's company in its scope."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.scope == "department":
            domain.append(("department_id", "child_of", self.department_ids.ids))
        elif self.scope == "job":
            domain.append(("job_id", "in", self.job_ids.ids))
        elif self.scope == "employee":
            domain.append(("id", "in", self.employee_ids.ids))
        return self.env["hr.employee"].search(domain)

    def action_launch(self):
        """Create the missing appraisals of the scope and start their self
        review. Administrators only."""
        if not (
            self.env.su or self.env.user.has_group("perf_management.group_perf_admin")
        ):
            raise AccessError(
                self.env._("Only a performance administrator launches campaigns.")
            )
        for campaign in self:
            campaign._launch()
        return True

    def _launch(self):
        self.ensure_one()
        employees = self._get_employees()
        Appraisal = self.env["perf.appraisal"].sudo()
        existing = Appraisal.search(
            [
                ("employee_id", "in", employees.ids),
                ("period_id", "=", self.period_id.id),
            ]
        )
        new_employees = employees - existing.employee_id
        vals_list = []
        for employee in new_employees:
            vals = {
                "employee_id": employee.id,
                "period_id": self.period_id.id,
                "campaign_id": self.id,
            }
            if self.use_custom_weights:
                vals.update(
                    weight_result=self.weight_result,
                    weight_process=self.weight_process,
                    weight_competency=self.weight_competency,
                )
            vals_list.append(vals)
        appraisals = Appraisal.create(vals_list)
        appraisals.action_start()
        if not self.launch_date:
            self.launch_date = fields.Date.context_today(self)
        without = new_employees - self._get_employees_with_indicators(new_employees)
        if without:
            self.message_post(
                body=self.env._(
                    "Launched, but these employees have no indicator in %(period)s: "
                    "their appraisal will have no score until they get some. "
                    "%(names)s",
                    period=self.period_id.name,
                    names=", ".join(without.mapped("name")),
                )
            )
        return appraisals

    def _get_employees_with_indicators(self, employees):
        groups = (
            self.env["perf.indicator"]
            .sudo()
            ._read_group(
                [
                    ("objective_id.level", "=", "employee"),
                    ("objective_id.employee_id", "in", employees.ids),
                    ("period_id", "child_of", self.period_id.id),
                ],
                ["objective_id"],
            )
        )
        return self.env["hr.employee"].union(
            *(objective.employee_id for (objective,) in groups)
        )

    def action_open_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_appraisal_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _cron_launch_period_campaigns(self, today=None):
        """Launch the campaign of each period that ended in the last 30 days,
        for the companies whose setting asks for it. A period that already
        has a campaign is skipped, so running twice creates nothing twice.

        Each company, and each campaign, runs in its own savepoint: a failure
        (a closed cycle, say) is logged and told on its campaign, and the
        other campaigns and companies are launched all the same."""
        today = today or fields.Date.context_today(self)
        companies = self.env["res.company"].search(
            [("perf_appraisal_auto_launch", "!=", False)]
        )
        for company in companies:
            try:
                with self.env.cr.savepoint():
                    self._create_period_campaigns(company, today)._launch_isolated()
            except Exception:  # noqa: BLE001 - one company never stops the others
                _logger.exception(
                    "The appraisal campaigns of company %s (id %s) could not be "
                    "created",
                    company.name,
                    company.id,
                )
        return True

    @api.model
    def _create_period_campaigns(self, company, today):
        """The campaigns of ``company``'s periods that ended in the last 30
        days and have none yet."""
        periods = self.env["perf.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", company.perf_appraisal_auto_launch),
                ("date_end", "<", today),
                ("date_end", ">=", today - relativedelta(days=30)),
            ]
        )
        done = {
            period
            for (period,) in self.with_context(active_test=False)._read_group(
                [("period_id", "in", periods.ids)], ["period_id"]
            )
        }
        responsible = self._get_default_responsible(company)
        return self.create(
            [
                {
                    "name": period.name,
                    "company_id": company.id,
                    "user_id": responsible.id,
                    "period_id": period.id,
                    "self_deadline": today + relativedelta(days=7),
                    "manager_deadline": today + relativedelta(days=14),
                }
                for period in periods
                if period not in done
            ]
        )

    @api.model
    def _get_default_responsible(self, company):
        """The responsible of a campaign the schedule creates: a performance
        administrator of ``company`` (the first one), if any."""
        return self.env["res.users"].search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("perf_management.group_perf_admin").id,
                ),
                ("company_ids", "in", company.id),
                ("share", "=", False),
                ("id", "!=", SUPERUSER_ID),
            ],
            order="id",
            limit=1,
        )

    def _launch_isolated(self):
        """Launch each campaign in its own savepoint; tell a failure on the
        campaign, to its responsible and the company's administrators."""
        for campaign in self:
            try:
                with self.env.cr.savepoint():
                    campaign._launch()
            except Exception as error:  # noqa: BLE001 - isolate any failure
                _logger.warning(
                    "Appraisal campaign %s (id %s) could not be launched: %s",
                    campaign.name,
                    campaign.id,
                    error,
                )
                campaign._post_launch_failure(error)

    def _post_launch_failure(self, error):
        self.ensure_one()
        if isinstance(error, UserError | ValidationError | AccessError):
            reason = str(error.args[0]) if error.args else str(error)
        else:
            reason = f"{type(error).__name__}: {error}"
        body = self.env._(
            "The scheduled launch failed: %(reason)s Fix it, then launch the "
            "campaign with its Launch button.",
            reason=reason,
        )
        admins = self.env["res.users"].search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("perf_management.group_perf_admin").id,
                ),
                ("company_ids", "in", self.company_id.id),
                ("share", "=", False),
            ]
        )
        self.message_post(body=body, partner_ids=admins.partner_id.ids)
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Launch the campaign: its scheduled launch failed"),
                note=body,
                user_id=self.user_id.id,
            )


class PerfAppraisal(models.Model):
    _inherit = "perf.appraisal"

    campaign_id = fields.Many2one(
        "perf.appraisal.campaign", index=True, check_company=True, readonly=True
    )
