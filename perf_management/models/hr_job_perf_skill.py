from odoo import fields, models


class HrJob(models.Model):
    """The skills a post expects, assessed in its holders' appraisals."""

    _inherit = "hr.job"

    perf_skill_ids = fields.One2many(
        "perf.job.skill", "job_id", string="Expected Skills"
    )
