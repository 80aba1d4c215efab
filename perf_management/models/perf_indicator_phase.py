from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .perf_indicator import TARGET_FIELDS


class PerfIndicator(models.Model):
    """During the Do phase targets are set: changing one needs a reason.

    The reason comes in the context key ``perf_change_reason`` (the target
    change wizard sets it) and is posted in the indicator's chatter, next to
    the tracked old and new values. Targets written by the software itself
    (context ``perf_decomposition``: a decomposition, a milestone count)
    follow a source whose own change was checked.
    """

    _inherit = "perf.indicator"

    cycle_phase = fields.Selection(
        related="period_id.cycle_id.phase", string="Cycle Phase"
    )

    def action_open_target_change_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the Target"),
            "res_model": "perf.target.change.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_indicator_id": self.id},
        }

    def write(self, vals):
        # The targets are compared below: a figure that is no number is
        # refused first.
        self._ensure_typed_values(vals)
        changed = self._get_target_changes_in_do(vals)
        reason = self._get_change_reason()
        if changed and not reason:
            raise UserError(
                self.env._(
                    "The target of indicator %(name)s cannot change without a "
                    "reason: cycle %(cycle)s is in its Do phase. Use Change "
                    "Target and say why.",
                    name=changed[0].name,
                    cycle=changed[0].period_id.cycle_id.name,
                )
            )
        result = super().write(vals)
        for indicator in changed:
            indicator.message_post(
                body=self.env._(
                    "Target changed during the Do phase: %(reason)s", reason=reason
                )
            )
        return result

    def _get_target_changes_in_do(self, vals):
        """Indicators of cycles in Do whose target this write really changes."""
        if self.env.context.get("perf_decomposition") or not any(
            field in vals for field in TARGET_FIELDS
        ):
            return self.browse()
        return self.filtered(
            lambda indicator: indicator.sudo().period_id.cycle_id.phase == "do"
            and any(
                field in vals
                and float_compare(indicator[field], float(vals[field] or 0), 6)
                for field in TARGET_FIELDS
            )
        )
