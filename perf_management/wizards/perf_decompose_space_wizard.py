from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import split
from ..tools.vocabulary import LEVEL_RANKS


class PerfDecomposeSpaceWizard(models.TransientModel):
    """Form over ``perf.decomposition.space``: who gets which share."""

    _name = "perf.decompose.space.wizard"
    _description = "Decompose an Objective to Departments, Posts or Employees"
    _inherit = ["perf.input.mixin"]
    _check_company_auto = True

    # The record's company is this field's: a company check would offer
    # nothing to pick on a new record (its company is still empty).
    objective_id = fields.Many2one("perf.objective", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="objective_id.company_id")
    objective_level = fields.Selection(related="objective_id.level")
    target_level = fields.Selection(
        [("department", "Departments"), ("post", "Posts"), ("employee", "Employees")],
        string="Decompose to",
        required=True,
        compute="_compute_current_split",
        store=True,
        precompute=True,
        readonly=False,
    )
    department_scope = fields.Selection(
        [
            ("company", "All departments of the company"),
            ("children", "Sub-departments of the objective's department"),
        ],
        compute="_compute_scope",
        store=True,
        readonly=False,
    )
    department_id = fields.Many2one(
        "hr.department",
        help="Posts or employees of this department receive a share.",
        compute="_compute_scope",
        store=True,
        readonly=False,
        check_company=True,
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Post",
        help="Only the employees holding this post receive a share.",
        check_company=True,
    )
    share_method = fields.Selection(
        [("equal", "Equal shares"), ("manual", "Typed per line")],
        required=True,
        compute="_compute_current_split",
        store=True,
        precompute=True,
        readonly=False,
    )
    line_ids = fields.One2many(
        "perf.decompose.space.wizard.line",
        "wizard_id",
        string="Targets",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    total_share = fields.Float(string="Total (%)", compute="_compute_total_share")
    preview = fields.Text(string="What Will Change", compute="_compute_preview")

    def _get_current_split(self):
        return self.env["perf.decomposition.space"]._get_current_split(
            self.objective_id, digits=2
        )

    @api.depends("objective_id")
    def _compute_current_split(self):
        # Opened again, the wizard proposes the split in place.
        for wizard in self:
            current = wizard._get_current_split()
            rank = LEVEL_RANKS.get(wizard.objective_id.level, 0)
            default_level = "employee" if rank >= 2 else ("department", "post")[rank]
            wizard.target_level = current[0] if current else default_level
            wizard.share_method = (
                current and wizard.objective_id.space_share_method
            ) or "equal"

    @api.depends("objective_id")
    def _compute_scope(self):
        for wizard in self:
            department = wizard.objective_id.department_id
            wizard.department_scope = "children" if department else "company"
            wizard.department_id = department

    @api.depends("target_level", "department_scope", "department_id", "job_id")
    def _compute_line_ids(self):
        space = self.env["perf.decomposition.space"]
        for wizard in self:
            objective = wizard.objective_id
            current = wizard._get_current_split()
            shares = []
            if (
                current
                and current[0] == wizard.target_level
                and wizard.department_id == objective.department_id
                and not wizard.job_id
            ):
                # Opened again: the split in place, not a new default.
                _level, targets, shares = current
            else:
                targets = space._get_default_targets(
                    objective,
                    wizard.target_level,
                    scope=wizard.department_scope,
                    department=wizard.department_id,
                    job=wizard.job_id,
                )[objective.id]
            field = self.line_ids._target_field(wizard.target_level)
            wizard.line_ids = [Command.clear()] + [
                Command.create(
                    {field: target.id, **({"share": shares[index]} if shares else {})}
                )
                for index, target in enumerate(targets)
            ]

    @api.depends("line_ids.share")
    def _compute_total_share(self):
        for wizard in self:
            wizard.total_share = sum(wizard.line_ids.mapped("share"))

    @api.depends(
        "target_level",
        "share_method",
        "line_ids.share",
        "line_ids.department_id",
        "line_ids.job_id",
        "line_ids.employee_id",
    )
    def _compute_preview(self):
        for wizard in self:
            objective = wizard.objective_id._origin
            wizard.preview = (
                objective
                and wizard._get_current_split()
                and self.env["perf.decomposition"]._preview(
                    "perf.decomposition.space", objective, wizard._get_plan_args
                )
            )

    def _get_plan_args(self):
        """Arguments of the engine: the targets of the lines and their shares."""
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "There is no department, post or employee to decompose into. "
                    "Change the selection or add lines."
                )
            )
        field = self.line_ids._target_field(self.target_level)
        if any(not line[field] for line in self.line_ids):
            raise UserError(
                self.env._("Every line needs a target of the chosen level.")
            )
        targets = self.line_ids.mapped(field)
        if len(targets) != len(self.line_ids):
            raise UserError(
                self.env._("A target appears on two lines. Remove the duplicate.")
            )
        shares = (
            split.equal_shares(len(targets), digits=None)
            if self.share_method == "equal"
            else self.line_ids.mapped("share")
        )
        objective_id = self.objective_id._origin.id
        return {
            "level": self.target_level,
            "targets": {objective_id: targets},
            "shares": {objective_id: shares},
            "method": self.share_method,
        }

    def action_decompose(self):
        self.ensure_one()
        results = self.env["perf.decomposition.space"]._decompose_objectives(
            self.objective_id, **self._get_plan_args()
        )
        return self.env["perf.decomposition"]._notification_action(results)
