from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PerfJobSkill(models.Model):
    """A skill a post expects, at a level: what an appraisal assesses."""

    _name = "perf.job.skill"
    _description = "Expected Skill of a Post"
    _order = "job_id, skill_type_id, skill_id"
    _check_company_auto = True

    job_id = fields.Many2one("hr.job", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True)
    skill_id = fields.Many2one(
        "hr.skill", required=True, domain="[('skill_type_id', '=', skill_type_id)]"
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Expected Level",
        required=True,
        domain="[('skill_type_id', '=', skill_type_id)]",
    )

    _sql_constraints = [
        (
            "job_skill_uniq",
            "unique(job_id, skill_id)",
            "A post expects each skill once.",
        ),
    ]

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_type(self):
        for line in self:
            if (
                line.skill_id.skill_type_id != line.skill_type_id
                or line.skill_level_id.skill_type_id != line.skill_type_id
            ):
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s and its expected level must be of "
                        "the skill type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
