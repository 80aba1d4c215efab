from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.perf_management.tools.ordering import creation_key

#: Set in the context while key results are created (see
#: ``perf.indicator.create``): their milestones are their first target. An
#: object, not a flag: no request can carry it.
NEW_KEY_RESULTS = object()


class PerfOkrMilestone(models.Model):
    """An ordered step of a milestone key result: reached once the key
    result's actual (the number of steps reached) covers its position.

    The milestones make the key result's target (its number of steps), so
    they follow the target's rules: only who may set the target adds,
    changes or deletes them (a manager of the team, not the owner of their
    own objective; an administrator); during the Do phase only with a reason
    (context ``perf_change_reason``, given in Change Target), posted in the
    key result's chatter; never in a locked period. A milestone stays on its
    key result: moving it to another one is refused.
    """

    _name = "perf.okr.milestone"
    _description = "Key Result Milestone"
    _inherit = ["perf.input.mixin"]
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
        indicators = self.env["perf.indicator"].browse(
            {vals["indicator_id"] for vals in vals_list if vals.get("indicator_id")}
        )
        # The milestones of a key result being created are its first target.
        new = self.env.context.get("perf_new_key_results") is NEW_KEY_RESULTS
        reason = indicators._ensure_milestones_editable(new=new)
        milestones = super().create(vals_list)
        milestones.indicator_id._sync_milestone_target()
        for milestone in milestones:
            milestone._post_change(
                self.env._("Milestone %(name)s added", name=milestone.name), reason
            )
        return milestones

    def write(self, vals):
        if "indicator_id" in vals and any(
            milestone.indicator_id.id != vals["indicator_id"] for milestone in self
        ):
            raise UserError(
                self.env._(
                    "Milestone %(name)s belongs to key result %(key_result)s: it "
                    "cannot move to another one (that would change both targets). "
                    "Delete it and add a milestone to the other key result.",
                    name=self[:1].name,
                    key_result=self[:1].indicator_id.display_name,
                )
            )
        changed = {"name", "sequence"} & set(vals)
        reason = self.indicator_id._ensure_milestones_editable() if changed else ""
        renamed = {milestone: milestone.name for milestone in self}
        result = super().write(vals)
        if changed:
            for milestone in self:
                milestone._post_change(
                    self.env._(
                        "Milestone %(old)s changed to %(name)s",
                        old=renamed[milestone],
                        name=milestone.name,
                    ),
                    reason,
                )
        return result

    def unlink(self):
        indicators = self.indicator_id
        reason = indicators._ensure_milestones_editable()
        posts = [(milestone.indicator_id, milestone.name) for milestone in self]
        result = super().unlink()
        indicators.exists()._sync_milestone_target()
        for indicator, name in posts:
            indicator._post_milestone_reason(
                self.env._("Milestone %(name)s deleted", name=name), reason
            )
        return result

    def _post_change(self, change, reason):
        self.ensure_one()
        self.indicator_id._post_milestone_reason(change, reason)
