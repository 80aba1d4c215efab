from odoo import api, fields, models

from ..tools.vocabulary import DIMENSIONS, LEVELS


class PerfSetupWizardPolicy(models.TransientModel):
    """The policy of one level in the setup: what the level is measured on,
    in one line, and the weight of each dimension."""

    _name = "perf.setup.wizard.policy"
    _description = "Level Policy in the Setup"
    _order = "id"

    wizard_id = fields.Many2one(
        "perf.setup.wizard", required=True, ondelete="cascade", index=True
    )
    level = fields.Selection(LEVELS, required=True)
    explanation = fields.Char(
        string="Measured On", compute="_compute_explanation", readonly=True
    )
    weight_result = fields.Float(string="Result (%)", digits=(16, 2))
    weight_process = fields.Float(string="Process (%)", digits=(16, 2))
    weight_competency = fields.Float(string="Competency (%)", digits=(16, 2))

    @api.depends("level")
    def _compute_explanation(self):
        texts = {
            "company": self.env._(
                "Results: outcomes count, effort does not (KPIs such as "
                "revenue, profit, margin)."
            ),
            "department": self.env._(
                "Results and the processes that make them, KPIs and OKRs " "together."
            ),
            "post": self.env._(
                "Processes (how the work is done) and the growth of the "
                "abilities the post needs."
            ),
            "employee": self.env._(
                "As the post: processes and ability growth, the skills being "
                "assessed in the appraisal."
            ),
        }
        for line in self:
            line.explanation = texts.get(line.level, "")

    def _get_weights(self):
        """``{dimension: weight}`` of the line."""
        self.ensure_one()
        return {dimension: self[f"weight_{dimension}"] for dimension, _l in DIMENSIONS}
