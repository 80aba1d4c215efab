from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.competency import skill_growth


class PerfAppraisalSkill(models.Model):
    """One skill assessed in an appraisal: the level the post expects, the
    employee's own view, the manager's (which becomes the employee's level
    when the appraisal is done) and the growth since the level before."""

    _name = "perf.appraisal.skill"
    _description = "Appraisal Skill"
    _order = "appraisal_id, skill_type_id, skill_id"

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    state = fields.Selection(related="appraisal_id.state")
    skill_type_id = fields.Many2one("hr.skill.type", required=True)
    skill_id = fields.Many2one("hr.skill", required=True)
    expected_level_id = fields.Many2one("hr.skill.level", string="Expected")
    previous_level_id = fields.Many2one(
        "hr.skill.level",
        string="Before",
        help="The manager's level of the previous appraisal, else the "
        "employee's level when the appraisal started.",
    )
    self_level_id = fields.Many2one(
        "hr.skill.level",
        string="Self Assessed",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    manager_level_id = fields.Many2one(
        "hr.skill.level",
        string="Manager's Level",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    growth = fields.Integer(
        compute="_compute_growth",
        store=True,
        aggregator="avg",
        help="Progress points gained since the level before (manager's level).",
    )

    _sql_constraints = [
        (
            "appraisal_skill_uniq",
            "unique(appraisal_id, skill_id)",
            "An appraisal assesses each skill once.",
        ),
    ]

    @api.depends("manager_level_id", "previous_level_id")
    def _compute_growth(self):
        for line in self:
            line.growth = (
                skill_growth(
                    line.manager_level_id.level_progress,
                    line.previous_level_id.level_progress,
                )
                if line.manager_level_id
                else 0
            )

    @api.constrains("self_level_id", "manager_level_id", "skill_type_id")
    def _check_levels(self):
        for line in self:
            for level in line.self_level_id | line.manager_level_id:
                if level.skill_type_id != line.skill_type_id:
                    raise ValidationError(
                        self.env._(
                            "Level %(level)s is not a level of %(type)s.",
                            level=level.name,
                            type=line.skill_type_id.name,
                        )
                    )

    def write(self, vals):
        self._ensure_allowed_write(vals)
        return super().write(vals)

    def _ensure_allowed_write(self, vals):
        """The employee sets their own level in self review; the appraising
        manager theirs in manager review; nothing else changes by hand."""
        if self.env.su:
            return
        user = self.env.user
        for line in self:
            appraisal = line.appraisal_id
            own = appraisal.employee_user_id == user
            if set(vals) == {"self_level_id"} and own:
                allowed = appraisal.state == "self_review"
            elif set(vals) == {"manager_level_id"} and not own:
                allowed = appraisal.state == "manager_review" and (
                    appraisal.manager_user_id == user or appraisal._is_admin()
                )
            else:
                allowed = appraisal._is_admin() and not own
            if not allowed:
                raise AccessError(
                    self.env._(
                        "In the appraisal of %(employee)s the employee assesses "
                        "their skills during self review, and their manager "
                        "during manager review.",
                        employee=appraisal.employee_id.name,
                    )
                )


class PerfAppraisal(models.Model):
    """Competency: the skills of the employee's post and their own."""

    _inherit = "perf.appraisal"

    skill_line_ids = fields.One2many(
        "perf.appraisal.skill", "appraisal_id", string="Skills"
    )

    @api.model_create_multi
    def create(self, vals_list):
        appraisals = super().create(vals_list)
        appraisals._create_skill_lines()
        return appraisals

    def _create_skill_lines(self):
        """One line per skill the post expects or the employee has."""
        commands = []
        appraisals = self.sudo()
        previous_appraisals = appraisals._get_previous_appraisals() if self else {}
        for appraisal in appraisals:
            employee = appraisal.employee_id
            current = {skill.skill_id: skill for skill in employee.employee_skill_ids}
            expected = {line.skill_id: line for line in employee.job_id.perf_skill_ids}
            previous = previous_appraisals[appraisal]
            previous_levels = {
                line.skill_id: line.manager_level_id
                for line in previous.skill_line_ids
                if line.manager_level_id
            }
            for skill in {**expected, **current}:
                commands.append(
                    {
                        "appraisal_id": appraisal.id,
                        "skill_type_id": skill.skill_type_id.id,
                        "skill_id": skill.id,
                        "expected_level_id": expected[skill].skill_level_id.id
                        if skill in expected
                        else False,
                        "previous_level_id": (
                            previous_levels.get(skill)
                            or current.get(
                                skill, self.env["hr.employee.skill"]
                            ).skill_level_id
                        ).id,
                    }
                )
        self.env["perf.appraisal.skill"].sudo().create(commands)

    def _get_previous_appraisal(self):
        """The employee's latest done appraisal of an earlier period."""
        self.ensure_one()
        return self._get_previous_appraisals()[self]

    def _get_previous_appraisals(self):
        """``{appraisal: previous}``: :meth:`_get_previous_appraisal` of each
        appraisal of ``self``, from one search for them all."""
        done = self.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "=", "done"),
                ("period_id.date_end", "<", max(self.period_id.mapped("date_start"))),
            ],
            order="period_id desc",
        )
        by_employee = defaultdict(list)
        for earlier in done:
            by_employee[earlier.employee_id.id].append(earlier)
        return {
            appraisal: next(
                (
                    earlier
                    for earlier in by_employee[appraisal.employee_id.id]
                    if earlier.period_id.date_end < appraisal.period_id.date_start
                ),
                self.browse(),
            )
            for appraisal in self
        }

    def action_done(self):
        result = super().action_done()
        self._update_employee_skills()
        return result

    def _update_employee_skills(self):
        """The manager's levels become the employee's (hr_skills logs the
        change). Called once the appraisal is done, by who closed it."""
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        for line in self.skill_line_ids.filtered("manager_level_id"):
            employee = line.appraisal_id.employee_id
            existing = employee.sudo().employee_skill_ids.filtered(
                lambda skill, line=line: skill.skill_id == line.skill_id
            )
            if existing:
                existing.skill_level_id = line.manager_level_id
            else:
                EmployeeSkill.create(
                    {
                        "employee_id": employee.id,
                        "skill_type_id": line.skill_type_id.id,
                        "skill_id": line.skill_id.id,
                        "skill_level_id": line.manager_level_id.id,
                    }
                )
