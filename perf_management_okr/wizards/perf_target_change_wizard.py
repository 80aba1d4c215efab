from odoo import Command, api, fields, models


class PerfTargetChangeWizard(models.TransientModel):
    """The target of a milestone key result is its milestones: during the Do
    phase they change here, with the reason the wizard asks for."""

    _inherit = "perf.target.change.wizard"

    kr_type = fields.Selection(related="indicator_id.kr_type")
    milestone_line_ids = fields.One2many(
        "perf.target.change.wizard.milestone",
        "wizard_id",
        string="New Milestones",
    )

    @api.onchange("indicator_id")
    def _onchange_indicator_id(self):
        result = super()._onchange_indicator_id()
        self.milestone_line_ids = [Command.clear()] + [
            Command.create(
                {
                    "milestone_id": milestone.id,
                    "name": milestone.name,
                    "sequence": milestone.sequence,
                }
            )
            for milestone in self.indicator_id.milestone_ids
        ]
        return result

    def action_confirm(self):
        self.ensure_one()
        if self.kr_type != "milestone":
            return super().action_confirm()
        Milestone = self.env["perf.okr.milestone"].with_context(
            perf_change_reason=self.reason
        )
        kept = self.milestone_line_ids.milestone_id
        removed = self.indicator_id.milestone_ids - kept
        if removed:
            removed.with_env(Milestone.env).unlink()
        for line in self.milestone_line_ids.filtered("milestone_id"):
            milestone = line.milestone_id.with_env(Milestone.env)
            if (milestone.name, milestone.sequence) != (line.name, line.sequence):
                milestone.write({"name": line.name, "sequence": line.sequence})
        new = self.milestone_line_ids.filtered(lambda line: not line.milestone_id)
        if new:
            Milestone.create(
                [
                    {
                        "indicator_id": self.indicator_id.id,
                        "name": line.name,
                        "sequence": line.sequence,
                    }
                    for line in new
                ]
            )
        return {"type": "ir.actions.act_window_close"}
