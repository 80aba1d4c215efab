from odoo import api, models

from .perf_indicator import SCORE_FIELDS

# What changes the indicator's score in an appraisal, or its dimension there.
APPRAISED_FIELDS = {*SCORE_FIELDS, "dimension"}


class PerfIndicator(models.Model):
    """The indicators of an employee's objectives are frozen once a done
    appraisal scored them (see ``perf_objective_appraisal.py``): no actual,
    check-in, target or weight changes, no indicator added or deleted, until
    the appraisal is reopened. One query per write, whatever its size."""

    _inherit = "perf.indicator"

    @api.model_create_multi
    def create(self, vals_list):
        self.env["perf.objective"].browse(
            {vals["objective_id"] for vals in vals_list if vals.get("objective_id")}
        )._ensure_not_appraised()
        return super().create(vals_list)

    def write(self, vals):
        # Engines running as superuser that have already left the frozen
        # indicators out (see _get_appraisal_frozen) skip the query; users
        # cannot: the superuser flag does not come from a request.
        checked = self.env.su and self.env.context.get("perf_appraisal_checked")
        if APPRAISED_FIELDS & set(vals) and not checked:
            objectives = self.sudo().objective_id
            if vals.get("objective_id"):
                objectives |= objectives.browse(vals["objective_id"])
            objectives._ensure_not_appraised()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraised(self):
        self.sudo().objective_id._ensure_not_appraised()

    def _ensure_checkin_allowed(self):
        result = super()._ensure_checkin_allowed()
        self.sudo().objective_id._ensure_not_appraised()
        return result

    @api.depends_context("uid")
    @api.depends("objective_id", "period_id.state")
    def _compute_can_checkin(self):
        result = super()._compute_can_checkin()
        frozen = self._get_appraisal_frozen()
        for indicator in frozen:
            indicator.can_checkin = False
        return result

    def _get_appraisal_frozen(self):
        """The indicators of ``self`` that a done appraisal scored."""
        indicators = self._origin.sudo()
        done = indicators.objective_id._get_done_appraisals()
        return self.filtered(
            lambda indicator: indicator._origin.sudo().objective_id.id in done
        )
