from odoo import api, fields, models

from ..tools import split


class PerfDecomposeSpaceWizardLine(models.TransientModel):
    _name = "perf.decompose.space.wizard.line"
    _description = "Share of a Department, Post or Employee in a Decomposition"
    _inherit = ["perf.input.mixin"]
    _order = "id"

    wizard_id = fields.Many2one(
        "perf.decompose.space.wizard", required=True, ondelete="cascade", index=True
    )
    department_id = fields.Many2one("hr.department")
    job_id = fields.Many2one("hr.job", string="Post")
    employee_id = fields.Many2one("hr.employee")
    share = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        compute="_compute_share",
        store=True,
        readonly=False,
        help="Part of the objective's targets and weight given to this line.",
    )

    @api.model
    def _target_field(self, level):
        return {
            "department": "department_id",
            "post": "job_id",
            "employee": "employee_id",
        }.get(level, "department_id")

    @api.depends("wizard_id.share_method", "wizard_id.line_ids")
    def _compute_share(self):
        # Typed shares are kept as they are; equal shares follow the lines.
        for line in self:
            line.share = line.share
        for wizard in self.wizard_id.filtered(lambda w: w.share_method == "equal"):
            lines = wizard.line_ids
            shares = split.equal_shares(len(lines))
            for line, share in zip(lines, shares, strict=True):
                line.share = share
