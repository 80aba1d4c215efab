from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.okr_scoring import DEFAULT_SUCCESS_LINES


class ResCompany(models.Model):
    _inherit = "res.company"

    okr_success_line_committed = fields.Float(
        string="Success Line of Committed OKRs",
        default=DEFAULT_SUCCESS_LINES["committed"],
        help="Score (0-1) from which a key result of a committed OKR is achieved.",
    )
    okr_success_line_aspirational = fields.Float(
        string="Success Line of Aspirational OKRs",
        default=DEFAULT_SUCCESS_LINES["aspirational"],
        help="Score (0-1) from which a key result of an aspirational OKR is "
        "achieved.",
    )

    @api.constrains("okr_success_line_committed", "okr_success_line_aspirational")
    def _check_okr_success_lines(self):
        for company in self:
            lines = (
                company.okr_success_line_committed,
                company.okr_success_line_aspirational,
            )
            if any(not 0 < line <= 1 for line in lines):
                raise ValidationError(
                    self.env._(
                        "The OKR success lines are scores: enter a number above "
                        "0 and at most 1 (e.g. 0.7)."
                    )
                )

    def _get_okr_success_line(self, okr_type):
        self.ensure_one()
        if okr_type == "committed":
            return self.okr_success_line_committed
        return self.okr_success_line_aspirational
