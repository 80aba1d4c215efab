from odoo import api, models
from odoo.osv import expression

#: Who reads each assessment of a skill line, and from which states of its
#: appraisal: the employee's own level is shown to the others (their manager,
#: administrators) once the self review is submitted, as the self review is;
#: the manager's level, and the growth it gives, to the employee once the
#: manager review is submitted, as the manager's answers are.
SHOWN = {
    "self_level_id": ("others", ("manager_review", "calibration", "done")),
    "manager_level_id": ("employee", ("calibration", "done")),
    "growth": ("employee", ("calibration", "done")),
}


class PerfAppraisalSkill(models.Model):
    """Each side's assessment of a skill is read by the other side once it is
    submitted, in every read path (reads, searches, groupings), whatever the
    reader's groups: an appraised administrator is an employee there (see
    ``perf.hidden.fields.mixin``)."""

    _name = "perf.appraisal.skill"
    _inherit = ["perf.appraisal.skill", "perf.hidden.fields.mixin"]

    @api.model
    def _get_guarded_fields(self):
        return set(SHOWN)

    def _get_hidden_fields(self):
        """``{line id: names of the fields hidden from the user}``."""
        if self.env.su:
            return {}
        user = self.env.user
        hidden = {}
        for line in self.sudo():
            appraisal = line.appraisal_id
            role = "employee" if appraisal.employee_user_id == user else "others"
            fnames = {
                fname
                for fname, (reader, states) in SHOWN.items()
                if reader == role and appraisal.state not in states
            }
            if fnames:
                hidden[line.id] = fnames
        return hidden

    @api.model
    def _get_shown_domain(self, fnames):
        """The lines on which the user may read all of ``fnames``."""
        if self.env.su:
            return []
        domains = []
        for fname in fnames & SHOWN.keys():
            reader, states = SHOWN[fname]
            own = ("appraisal_id.employee_user_id", "=", self.env.uid)
            if reader == "employee":
                domains.append(["|", "!", own, ("appraisal_id.state", "in", states)])
            else:
                domains.append(["|", own, ("appraisal_id.state", "in", states)])
        return expression.AND(domains) if domains else []
