from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Changing these moves an objective into or out of an employee's appraisal.
APPRAISED_FIELDS = {"level", "employee_id", "period_id", "active"}


class PerfObjective(models.Model):
    """The employee's own objectives whose period lies within the period of
    one of their appraisals are what the appraisal scores (with their
    indicators, see ``perf_indicator_appraisal.py``). From the submission of
    the self review, changing them is refused to the appraised employee and
    a correction for anybody else; once the appraisal is done it is refused
    to everyone, administrators and the software included, as a locked
    period is, until the appraisal is reopened (see
    ``perf_appraisal_freeze.py``). An engine (the KPI computation) leaves
    the frozen indicators out. The figures derived from parts (rollups) are
    recomputed, not written, and are not refused.
    """

    _inherit = "perf.objective"

    def _get_appraisals(self):
        """``{objective id: [(appraisal id, state, user id)]}`` of the
        employee objectives of ``self`` that an appraisal past its self
        review scores, in one query."""
        self.flush_model(["level"])
        return self.env["perf.appraisal"]._get_appraisals_by_record(
            self, SQL("record.level = 'employee'")
        )

    def _get_done_appraisals(self):
        """``{objective id: appraisal id}`` of the employee objectives of
        ``self`` that a done appraisal scored, in one query."""
        self.flush_model(["level"])
        return self.env["perf.appraisal"]._get_done_appraisal_by_record(
            self, SQL("record.level = 'employee'")
        )

    def _ensure_not_appraised(self):
        """Raise when a done appraisal scored an objective of ``self``, or
        when the user is the appraised employee of an appraisal in review
        that scores one. Return ``{objective id: appraisal ids}`` of the
        appraisals in review whose figures a change of ``self`` corrects."""
        done, own, corrected = self.env["perf.appraisal"]._split_reviewed(
            self._get_appraisals()
        )
        if done:
            objective_id, appraisal_id = next(iter(done.items()))
            objective = self.browse(objective_id).sudo()
            appraisal = self.env["perf.appraisal"].sudo().browse(appraisal_id)
            raise UserError(
                self.env._(
                    "Objective %(objective)s of %(employee)s is frozen: appraisal "
                    "%(appraisal)s is done, and its actuals, targets and weights "
                    "can no longer change. Ask a performance administrator to "
                    "reopen the appraisal first.",
                    objective=objective.name,
                    employee=objective.employee_id.name,
                    appraisal=appraisal.display_name,
                )
            )
        if own:
            objective_id, appraisal_id = next(iter(own.items()))
            raise UserError(
                self.env._(
                    "Objective %(objective)s is frozen for you: you submitted "
                    "your self review of appraisal %(appraisal)s, which scores "
                    "it. If a figure is wrong, ask your manager to correct it: "
                    "the appraisal then goes back to their review.",
                    objective=self.browse(objective_id).sudo().name,
                    appraisal=self.env["perf.appraisal"]
                    .sudo()
                    .browse(appraisal_id)
                    .display_name,
                )
            )
        return corrected

    def _get_correction_label(self):
        self.ensure_one()
        return self.env._("Objective %(name)s", name=self.name)

    def write(self, vals):
        fnames = sorted(APPRAISED_FIELDS & set(vals))
        if not fnames:
            return super().write(vals)
        Appraisal = self.env["perf.appraisal"]
        corrected = self._ensure_not_appraised()
        before = Appraisal._snapshot_figures(self, fnames) if corrected else {}
        result = super().write(vals)
        # Moved into an appraisal (another employee or period): checked again.
        for objective_id, appraisal_ids in self._ensure_not_appraised().items():
            corrected.setdefault(objective_id, set()).update(appraisal_ids)
        if corrected:
            moved_in = self.filtered(lambda objective: objective.id not in before)
            Appraisal._post_figure_changes(self - moved_in, corrected, before, fnames)
            Appraisal._post_record_event(moved_in, corrected, self.env._("added"))
        return result

    def unlink(self):
        corrected = self._ensure_not_appraised()
        self.env["perf.appraisal"]._post_record_event(
            self, corrected, self.env._("deleted")
        )
        return super().unlink()
