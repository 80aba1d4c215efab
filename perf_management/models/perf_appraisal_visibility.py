from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .perf_appraisal import REVIEW_FIELDS
from .perf_appraisal_calibration import RATING_FIELDS
from .perf_hidden_fields_mixin import field_names

#: The states from which the appraised employee reads each part of their own
#: appraisal: the manager's review once submitted, the results (scores,
#: rating, payroll coefficient, calibration) once the appraisal is done.
SHOWN_TO_EMPLOYEE = {
    **dict.fromkeys(REVIEW_FIELDS, ("calibration", "done")),
    **dict.fromkeys(RATING_FIELDS, ("done",)),
}


class PerfAppraisal(models.Model):
    """What the appraised employee reads of their own appraisal, and when.

    The manager's review (the method's three answers and the feedback) is
    shown to the employee once submitted, as the self review is to the
    manager; the results (scores, rating, payroll coefficient, whether it was
    calibrated) once the appraisal is done. Until then they are empty for
    them in every read path (``read`` and the web client's reads, searches,
    groupings and their aggregates, exports) and in the chatter's tracked
    values, whatever their groups: an appraised administrator or a manager
    appraised by their own manager is an employee there. The tracked values
    of the results are never shown to the employee (the closing message
    says what was paid), so that no rating seen before calibration shows.

    The rule is per appraisal, which field groups cannot say: see
    ``perf.hidden.fields.mixin``, which keeps these stored fields out of
    every read path.
    """

    _name = "perf.appraisal"
    _inherit = ["perf.appraisal", "perf.hidden.fields.mixin"]

    is_manager_review_visible = fields.Boolean(compute="_compute_visible_parts")
    is_result_visible = fields.Boolean(compute="_compute_visible_parts")

    @api.depends_context("uid")
    @api.depends("state", "employee_user_id")
    def _compute_visible_parts(self):
        hidden = self._get_hidden_fields()
        for appraisal in self:
            fnames = hidden.get(appraisal.id, set())
            appraisal.is_manager_review_visible = not REVIEW_FIELDS & fnames
            appraisal.is_result_visible = not RATING_FIELDS & fnames

    @api.model
    def _get_guarded_fields(self):
        return set(SHOWN_TO_EMPLOYEE)

    def _get_hidden_fields(self):
        """``{appraisal id: names of the fields hidden from the user}``: on
        their own appraisal, the parts not shown yet (see
        :data:`SHOWN_TO_EMPLOYEE`); nothing for anyone else."""
        if self.env.su:
            return {}
        user = self.env.user
        hidden = {}
        for appraisal in self:
            if appraisal.employee_user_id != user:
                continue
            fnames = {
                fname
                for fname, states in SHOWN_TO_EMPLOYEE.items()
                if appraisal.state not in states
            }
            if fnames:
                hidden[appraisal.id] = fnames
        return hidden

    @api.model
    def _get_shown_domain(self, fnames):
        """The appraisals on which the user may read all of ``fnames``: those
        they are not appraised in, and their own from the states that show
        these fields (empty when ``fnames`` hides nothing)."""
        if self.env.su:
            return []
        domains = [
            ["|", ("employee_user_id", "!=", self.env.uid), ("state", "in", states)]
            for states in {
                SHOWN_TO_EMPLOYEE[fname]
                for fname in fnames
                if fname in SHOWN_TO_EMPLOYEE
            }
        ]
        return expression.AND(domains) if domains else []

    def export_data(self, fields_to_export):
        fnames = field_names(name.replace("/", ".") for name in fields_to_export)
        hidden = self._get_hidden_fields()
        refused = [
            appraisal_id
            for appraisal_id, hidden_fnames in hidden.items()
            if hidden_fnames & fnames
        ]
        if refused:
            raise AccessError(
                self.env._(
                    "%(name)s shows its manager's review once submitted and its "
                    "results once done: export it without these columns.",
                    name=self.browse(refused[0]).display_name,
                )
            )
        return super().export_data(fields_to_export)

    def _track_filter_for_display(self, tracking_values):
        """The employee never reads the tracked results of their appraisal
        (a rating before calibration, for one), and reads the tracked answers
        of the manager's review once it is submitted."""
        tracking_values = super()._track_filter_for_display(tracking_values)
        if self.env.su or self.employee_user_id != self.env.user:
            return tracking_values
        hidden = RATING_FIELDS | self._get_hidden_fields().get(self.id, set())
        return tracking_values.filtered(lambda value: value.field_id.name not in hidden)
