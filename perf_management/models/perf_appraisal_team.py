from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .perf_appraisal import STATES

#: States in which an appraisal waits for its manager: to start it, to review it.
MANAGER_STATES = ("draft", "manager_review")


class PerfAppraisal(models.Model):
    """Team Appraisals as a manager opens them: what waits for them first,
    the others in the order of the workflow."""

    _inherit = "perf.appraisal"

    state = fields.Selection(group_expand="_read_group_state_in_workflow_order")
    is_waiting_for_me = fields.Boolean(
        string="Waiting for Me",
        compute="_compute_is_waiting_for_me",
        search="_search_is_waiting_for_me",
        help="Appraisals whose next step is the current user's as their "
        "manager: to start (draft) or to review (manager review). Never their "
        "own appraisal.",
    )

    @api.model
    def _read_group_state_in_workflow_order(self, states, domain):
        """Columns by state in the order of the workflow (draft, self review,
        manager review, ...), not in the alphabetical order of the values;
        only the states that have appraisals."""
        order = [state for state, _label in STATES]
        return sorted(states, key=order.index)

    @api.model
    def _get_waiting_for_me_domain(self):
        uid = self.env.uid
        return [
            ("manager_user_id", "=", uid),
            ("employee_user_id", "!=", uid),
            ("state", "in", MANAGER_STATES),
        ]

    @api.depends_context("uid")
    @api.depends("state", "manager_user_id", "employee_user_id")
    def _compute_is_waiting_for_me(self):
        uid = self.env.uid
        for appraisal in self:
            appraisal.is_waiting_for_me = (
                appraisal.manager_user_id.id == uid
                and appraisal.employee_user_id.id != uid
                and appraisal.state in MANAGER_STATES
            )

    def _search_is_waiting_for_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search the appraisals waiting for you with yes or no.")
            )
        domain = self._get_waiting_for_me_domain()
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain
