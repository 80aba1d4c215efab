from odoo import api, fields, models
from odoo.tools import float_round

from ..tools.vocabulary import DIMENSIONS


class PerfAppraisal(models.Model):
    """How the scores of an appraisal were reached, shown on its form."""

    _inherit = "perf.appraisal"

    score_explanation = fields.Html(
        compute="_compute_score_explanation", sanitize=False
    )

    @api.depends_context("uid")
    @api.depends(
        "final_score", "weight_result", "weight_process", "weight_competency", "state"
    )
    def _compute_score_explanation(self):
        for appraisal in self:
            if not appraisal.is_result_visible:
                # The dimension scores are the employee's once it is done.
                appraisal.score_explanation = False
                continue
            appraisal.score_explanation = self.env["ir.qweb"]._render(
                "perf_management.perf_appraisal_score_explanation",
                appraisal._get_score_explanation_values(),
            )

    def _get_score_explanation_values(self):
        """The employee's scored indicators by dimension, with the dimension
        weights, and the item of the employee's tasks in the process
        dimension. Only the appraisal's employee, manager and administrators
        read the appraisal, and they may read these figures."""
        self.ensure_one()
        indicators = self._get_scored_indicators() if self.id else []
        task_item = (
            self._get_task_item(self._get_tasks_by_appraisal()[self], indicators)
            if self.id
            else None
        )
        labels = dict(DIMENSIONS)
        dimensions = []
        for dim, _label in DIMENSIONS:
            rows = [
                {
                    "name": indicator.name,
                    "objective": indicator.objective_id.name,
                    "period": indicator.period_id.name,
                    "weight": indicator.weight,
                    "score": float_round(indicator.score, 2),
                }
                for indicator in indicators
                if indicator.dimension == dim
            ]
            dimensions.append(
                {
                    "label": labels[dim],
                    "weight": self[f"weight_{dim}"],
                    "score": float_round(self[f"score_{dim}"], 2)
                    if self[f"has_score_{dim}"]
                    else None,
                    "rows": rows,
                    "tasks": dict(
                        task_item,
                        score=float_round(task_item["score"], 2),
                        weight=float_round(task_item["weight"], 2),
                    )
                    if dim == "process" and task_item
                    else None,
                }
            )
        return {"dimensions": dimensions}
