from dateutil.relativedelta import relativedelta

from odoo import fields, models

SELF_ACTIVITY = "perf_management.mail_activity_type_self_review"
MANAGER_ACTIVITY = "perf_management.mail_activity_type_manager_review"


class PerfAppraisal(models.Model):
    """Activities tell the employee, then the manager, that it is their turn;
    each is closed when they submit."""

    _inherit = "perf.appraisal"

    def _set_state(self, state):
        result = super()._set_state(state)
        appraisals = self.sudo()
        if state == "self_review":
            for appraisal in appraisals.filtered("employee_user_id"):
                appraisal.activity_schedule(
                    SELF_ACTIVITY,
                    date_deadline=appraisal._get_deadline("self_deadline"),
                    user_id=appraisal.employee_user_id.id,
                )
        elif state == "manager_review":
            appraisals.activity_feedback([SELF_ACTIVITY])
            for appraisal in appraisals.filtered("manager_user_id"):
                appraisal.activity_schedule(
                    MANAGER_ACTIVITY,
                    date_deadline=appraisal._get_deadline("manager_deadline"),
                    user_id=appraisal.manager_user_id.id,
                )
        else:
            appraisals.activity_feedback([SELF_ACTIVITY, MANAGER_ACTIVITY])
        return result

    def _get_deadline(self, fname):
        self.ensure_one()
        return self.campaign_id[fname] or (
            fields.Date.context_today(self) + relativedelta(days=14)
        )
