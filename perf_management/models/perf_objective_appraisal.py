from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Changing these moves an objective into or out of an employee's appraisal.
APPRAISED_FIELDS = {"level", "employee_id", "period_id", "active"}


class PerfObjective(models.Model):
    """Once an employee's appraisal is done, the objectives it scored are
    frozen: the employee's own objectives whose period lies within the
    appraisal's period (see ``perf_indicator_appraisal.py`` for the
    indicators). Reopening the appraisal unfreezes them.

    The rule holds for everyone, administrators and the software included,
    as a locked period does: an engine (the KPI computation) leaves the
    frozen indicators out. The figures derived from parts (rollups) are
    recomputed, not written, and are not refused.
    """

    _inherit = "perf.objective"

    def _get_done_appraisals(self):
        """``{objective id: appraisal id}`` of the employee objectives of
        ``self`` that a done appraisal scored, in one query."""
        self.flush_model(["level"])
        return self.env["perf.appraisal"]._get_done_appraisal_by_record(
            self, SQL("record.level = 'employee'")
        )

    def _ensure_not_appraised(self):
        """Raise when a done appraisal scored an objective of ``self``."""
        done = self._get_done_appraisals()
        if not done:
            return
        objective_id, appraisal_id = next(iter(done.items()))
        objective = self.browse(objective_id).sudo()
        appraisal = self.env["perf.appraisal"].sudo().browse(appraisal_id)
        raise UserError(
            self.env._(
                "Objective %(objective)s of %(employee)s is frozen: appraisal "
                "%(appraisal)s is done, and its actuals, targets and weights "
                "can no longer change. Ask a performance administrator to reopen "
                "the appraisal first.",
                objective=objective.name,
                employee=objective.employee_id.name,
                appraisal=appraisal.display_name,
            )
        )

    def write(self, vals):
        frozen = APPRAISED_FIELDS & set(vals)
        if frozen:
            self._ensure_not_appraised()
        result = super().write(vals)
        if frozen:
            # Moved into a frozen appraisal (another employee or period).
            self._ensure_not_appraised()
        return result

    def unlink(self):
        self._ensure_not_appraised()
        return super().unlink()
