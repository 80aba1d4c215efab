from odoo import api, fields, models

from odoo.addons.perf_management.tools.ordering import creation_key


class PerfOkrMilestone(models.Model):
    """An ordered step of a milestone key result: reached once the key
    result's actual (the number of steps reached) covers its position."""

    _name = "perf.okr.milestone"
    _description = "Key Result Milestone"
    _order = "indicator_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    indicator_id = fields.Many2one(
        "perf.indicator",
        string="Key Result",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="indicator_id.company_id", store=True)
    position = fields.Integer(compute="_compute_position")
    is_reached = fields.Boolean(string="Reached", compute="_compute_position")

    @api.depends(
        "sequence",
        "indicator_id.milestone_ids",
        "indicator_id.actual_value",
        "indicator_id.has_actual",
    )
    def _compute_position(self):
        for milestone in self:
            # The form orders new milestones too: never compare their ids.
            steps = milestone.indicator_id.milestone_ids.sorted(
                lambda step: (step.sequence, creation_key(step))
            )
            position = next(
                (index for index, step in enumerate(steps, 1) if step == milestone),
                0,
            )
            milestone.position = position
            indicator = milestone.indicator_id
            milestone.is_reached = bool(
                position and indicator.has_actual and indicator.actual_value >= position
            )

    @api.model_create_multi
    def create(self, vals_list):
        milestones = super().create(vals_list)
        milestones.indicator_id._sync_milestone_target()
        return milestones

    def unlink(self):
        indicators = self.indicator_id
        result = super().unlink()
        indicators.exists()._sync_milestone_target()
        return result
