from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class PerfObjective(models.Model):
    """Proposed objectives: a manager proposes an objective of their own unit
    (from a finding of its organisational review) and the level above
    confirms its target (see the access policy on perf.team.mixin)."""

    _inherit = "perf.objective"

    is_proposed = fields.Boolean(
        string="Proposed",
        readonly=True,
        copy=False,
        tracking=True,
        help="Proposed by the manager of its unit: its targets are theirs to "
        "propose until an administrator or a manager of a unit above confirms "
        "them (Confirm Target).",
    )
    can_confirm_target = fields.Boolean(
        compute="_compute_can_confirm_target",
        help="Whether the current user may confirm the proposed target.",
    )

    def _perf_objective(self):
        return self

    @api.depends_context("uid")
    @api.depends("is_proposed", "can_manage")
    def _compute_can_confirm_target(self):
        confirmable = self._origin.filtered("is_proposed")._perf_may_confirm()
        for objective in self:
            objective.can_confirm_target = objective._origin in confirmable

    @api.constrains("is_proposed", "parent_id")
    def _check_proposal_alone(self):
        for objective in self:
            if objective.is_proposed and objective.parent_id:
                raise ValidationError(
                    self.env._(
                        "Objective %(name)s is proposed: it is put under a parent "
                        "objective once its target is confirmed, so that it "
                        "counts nowhere before.",
                        name=objective.display_name,
                    )
                )

    def write(self, vals):
        if "is_proposed" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "An objective is proposed when it is created, and its target "
                    "confirmed with Confirm Target: it cannot be marked by hand."
                )
            )
        return super().write(vals)

    def action_confirm_target(self):
        """Confirm the target of these proposed objectives: from then on their
        unit's manager has an employee's rights on them."""
        proposals = self.filtered("is_proposed")
        refused = proposals - proposals._perf_may_confirm()
        if refused:
            raise AccessError(
                self.env._(
                    "Only a performance administrator or a manager of a unit above "
                    "confirms the target of %(name)s, never the manager who "
                    "proposed it.",
                    name=refused[0].display_name,
                )
            )
        proposals.period_id._ensure_open()
        proposals.sudo().write({"is_proposed": False})
        for objective in proposals:
            objective.message_post(
                body=self.env._(
                    "Target confirmed by %(user)s.", user=self.env.user.name
                )
            )
        return True
