from odoo import api, fields, models
from odoo.tools import float_round

from ..tools.competency import skill_achievement, skill_growth
from ..tools.scoring import DEFAULT_CAP
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
        weights, the item of the employee's tasks in the process dimension
        and the item of the skills the post expects in the competency
        dimension, skill by skill. Only the appraisal's employee, manager and
        administrators read the appraisal, and they may read these
        figures."""
        self.ensure_one()
        indicators = self._get_scored_indicators() if self.id else []
        task_item = (
            self._get_task_item(self._get_tasks_by_appraisal()[self], indicators)
            if self.id
            else None
        )
        skill_lines = (
            self._get_expected_skill_lines_by_appraisal()[self]
            if self.id
            else self.env["perf.appraisal.skill"]
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
                    "skills": self._get_skill_explanation(skill_lines, indicators)
                    if dim == "competency" and skill_lines
                    else None,
                }
            )
        return {"dimensions": dimensions}

    def _get_skill_explanation(self, skill_lines, indicators):
        """The skills' item of the competency dimension and its lines, each
        with its levels (and their progress), achievement and growth, rounded
        as shown."""
        item = self._get_skill_item(skill_lines, indicators)
        rows = []
        for line in skill_lines:
            assessed = line.manager_level_id
            achievement = skill_achievement(
                line.expected_level_id.level_progress,
                assessed.level_progress if assessed else None,
            )
            growth = skill_growth(
                assessed.level_progress if assessed else None,
                line.previous_level_id.level_progress,
            )
            rows.append(
                {
                    "name": line.skill_id.name,
                    "expected": line.expected_level_id.name,
                    "expected_progress": line.expected_level_id.level_progress,
                    "assessed": assessed.name,
                    "assessed_progress": assessed.level_progress,
                    "previous": line.previous_level_id.name,
                    "previous_progress": line.previous_level_id.level_progress,
                    "achievement": None
                    if achievement is None
                    else float_round(achievement, 2),
                    "growth": None if growth is None else float_round(growth, 2),
                }
            )
        return {
            "count": len(skill_lines),
            "assessed": item["assessed"] if item else 0,
            "score": float_round(item["score"], 2) if item else None,
            "weight": float_round(item["weight"], 2) if item else None,
            "growth": float_round(item["growth"], 2) if item else None,
            "cap": f"{DEFAULT_CAP:g}",
            "rows": rows,
        }
