from odoo import api, models

from .perf_indicator import SCORE_FIELDS

# What changes the indicator's score in an appraisal, or its dimension there.
APPRAISED_FIELDS = {*SCORE_FIELDS, "dimension"}


class PerfIndicator(models.Model):
    """The indicators of an employee's objectives follow the appraisals that
    score them (see ``perf_objective_appraisal.py``): from the submission of
    the self review, no actual, check-in, target or weight changes, no
    indicator is added or deleted by the appraised employee, and a change by
    anybody else is a correction posted on the appraisal; once it is done,
    nobody changes them until it is reopened. One query per write, whatever
    its size."""

    _inherit = "perf.indicator"

    @api.model_create_multi
    def create(self, vals_list):
        objectives = self.env["perf.objective"].browse(
            {vals["objective_id"] for vals in vals_list if vals.get("objective_id")}
        )
        corrected = objectives._ensure_not_appraised()
        indicators = super().create(vals_list)
        if corrected:
            self.env["perf.appraisal"]._post_record_event(
                indicators,
                indicators._by_objective(corrected),
                self.env._("added"),
            )
        return indicators

    def write(self, vals):
        # Engines running as superuser that have already left the appraised
        # indicators out (see _get_appraisal_frozen) skip the query; users
        # cannot: the superuser flag does not come from a request.
        checked = self.env.su and self.env.context.get("perf_appraisal_checked")
        fnames = sorted(APPRAISED_FIELDS & set(vals))
        if not fnames or checked:
            return super().write(vals)
        objectives = self.sudo().objective_id
        if vals.get("objective_id"):
            objectives |= objectives.browse(vals["objective_id"])
        by_objective = objectives._ensure_not_appraised()
        corrected = self._by_objective(by_objective)
        moved_to = by_objective.get(vals.get("objective_id"), set())
        if moved_to:
            # Moved into an objective that an appraisal in review scores.
            corrected = {
                indicator.id: corrected.get(indicator.id, set()) | moved_to
                for indicator in self
            }
        if not corrected:
            return super().write(vals)
        Appraisal = self.env["perf.appraisal"]
        before = Appraisal._snapshot_figures(self, fnames)
        result = super().write(vals)
        Appraisal._post_figure_changes(self, corrected, before, fnames)
        return result

    def _by_objective(self, by_objective):
        """``{indicator id: appraisal ids}`` from the ``{objective id:
        appraisal ids}`` of their objectives."""
        return {
            indicator.id: by_objective[indicator.objective_id.id]
            for indicator in self.sudo()
            if indicator.objective_id.id in by_objective
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraised(self):
        corrected = self.sudo().objective_id._ensure_not_appraised()
        self.env["perf.appraisal"]._post_record_event(
            self, self._by_objective(corrected), self.env._("deleted")
        )

    def _get_correction_label(self):
        self.ensure_one()
        return self.env._(
            "Indicator %(name)s (%(objective)s)",
            name=self.name,
            objective=self.objective_id.name,
        )

    def _ensure_checkin_allowed(self):
        result = super()._ensure_checkin_allowed()
        self.sudo().objective_id._ensure_not_appraised()
        return result

    @api.depends_context("uid")
    @api.depends("objective_id", "period_id.state")
    def _compute_can_checkin(self):
        result = super()._compute_can_checkin()
        done, own = self._get_appraisal_split()[:2]
        for indicator in done | own:
            indicator.can_checkin = False
        return result

    def _get_appraisal_split(self):
        """``(done, own, reviewed)``: the indicators of ``self`` that a done
        appraisal scored, those the user may not change as the appraised
        employee of an appraisal in review, and those whose change is a
        correction of an appraisal in review (see
        ``perf_appraisal_freeze.py``), from one query."""
        indicators = self._origin.sudo()
        done, own, corrected = self.env["perf.appraisal"]._split_reviewed(
            indicators.objective_id._get_appraisals()
        )

        def of(by_objective):
            return self.filtered(
                lambda indicator: indicator._origin.sudo().objective_id.id
                in by_objective
            )

        return of(done), of(own), of(corrected)

    def _get_appraisal_frozen(self):
        """The indicators of ``self`` that a done appraisal scored."""
        return self._get_appraisal_split()[0]
