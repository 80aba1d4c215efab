from odoo import fields, models


class PerfTargetChangeWizardMilestone(models.TransientModel):
    """A milestone of the key result as it will be: kept (renamed or moved
    in the order), or new."""

    _name = "perf.target.change.wizard.milestone"
    _description = "New Milestone of a Key Result"
    _inherit = ["perf.input.mixin"]
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "perf.target.change.wizard", required=True, ondelete="cascade"
    )
    milestone_id = fields.Many2one("perf.okr.milestone")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
