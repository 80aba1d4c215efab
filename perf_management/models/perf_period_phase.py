from odoo import models
from odoo.exceptions import UserError


class PerfPeriod(models.Model):
    """Periods of a closed cycle stay read-only.

    Closing a cycle locks its periods; this keeps them so while the cycle is
    closed, whatever their own state says.
    """

    _inherit = "perf.period"

    def _ensure_open(self):
        result = super()._ensure_open()
        self._ensure_cycle_not_closed()
        return result

    def _ensure_cycle_not_closed(self):
        closed = self.sudo().filtered(lambda period: period.cycle_id.phase == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Cycle %(cycle)s is closed: the objectives, indicators, tasks "
                    "and check-ins of its periods can no longer change. A "
                    "performance administrator can move the cycle back to Act "
                    "first.",
                    cycle=closed[0].cycle_id.name,
                )
            )

    def action_reopen(self):
        self._ensure_cycle_not_closed()
        return super().action_reopen()
