from odoo import api, fields, models

from odoo.addons.perf_management.tools.scoring import weighted_mean

from ..tools import okr_scoring


class PerfObjective(models.Model):
    """OKRs: objectives whose indicators are key results, aligned to any
    objective of the cascade through their parent."""

    _inherit = "perf.objective"

    is_okr = fields.Boolean(
        string="OKR",
        tracking=True,
        help="An objective with key results, scored from 0.0 to 1.0, aligned "
        "to an objective of the cascade (its parent).",
    )
    okr_type = fields.Selection(
        okr_scoring.OKR_TYPES,
        string="OKR Type",
        default="aspirational",
        tracking=True,
        help="Committed: every key result is expected in full (success line "
        "1.0 by default). Aspirational: a stretch, 0.7 is a success.",
    )
    okr_score = fields.Float(
        string="OKR Score",
        compute="_compute_okr_score",
        store=True,
        digits=(16, 2),
        aggregator="avg",
        help="Weighted mean of the scores (0.0-1.0) of the key results.",
    )
    okr_success_line = fields.Float(
        string="Success Line",
        compute="_compute_okr_success_line",
        digits=(16, 2),
        help="OKR score from which this OKR is achieved (company setting).",
    )
    is_okr_achieved = fields.Boolean(
        string="Achieved", compute="_compute_okr_score", store=True
    )
    key_result_count = fields.Integer(compute="_compute_key_result_count")
    last_checkin_date = fields.Date(
        compute="_compute_last_checkin_date",
        help="Last check-in on one of the key results or indicators.",
    )
    key_results_card = fields.Html(
        compute="_compute_key_results_card",
        sanitize=False,
        help="The key results with their scores, for the OKR board.",
    )

    @api.depends(
        "is_okr",
        "okr_type",
        "company_id.okr_success_line_committed",
        "company_id.okr_success_line_aspirational",
        "indicator_ids.okr_score",
        "indicator_ids.weight",
        "indicator_ids.kr_type",
    )
    def _compute_okr_score(self):
        for objective in self:
            key_results = objective.indicator_ids.filtered("kr_type")
            score = (
                weighted_mean((kr.okr_score, kr.weight) for kr in key_results) or 0.0
            )
            line = objective.company_id._get_okr_success_line(objective.okr_type)
            objective.okr_score = score
            objective.is_okr_achieved = bool(
                objective.is_okr
                and key_results
                and okr_scoring.is_achieved(round(score, 4), line)
            )

    @api.depends("okr_type", "company_id")
    def _compute_okr_success_line(self):
        for objective in self:
            objective.okr_success_line = objective.company_id._get_okr_success_line(
                objective.okr_type
            )

    @api.depends("indicator_ids.kr_type")
    def _compute_key_result_count(self):
        for objective in self:
            objective.key_result_count = len(
                objective.indicator_ids.filtered("kr_type")
            )

    @api.depends("indicator_ids.last_checkin_date")
    def _compute_last_checkin_date(self):
        for objective in self:
            dates = [
                d for d in objective.indicator_ids.mapped("last_checkin_date") if d
            ]
            objective.last_checkin_date = max(dates) if dates else False

    @api.depends(
        "indicator_ids.okr_score",
        "indicator_ids.confidence",
        "indicator_ids.actual_value",
    )
    def _compute_key_results_card(self):
        confidences = dict(
            self.env["perf.indicator"]
            ._fields["confidence"]
            ._description_selection(self.env)
        )
        for objective in self:
            objective.key_results_card = self.env["ir.qweb"]._render(
                "perf_management_okr.okr_key_results_card",
                {
                    "key_results": objective.indicator_ids.filtered("kr_type"),
                    "confidences": confidences,
                },
            )
