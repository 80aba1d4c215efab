from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.perf_management.tools.scoring import is_valid_weight
from odoo.addons.perf_management.tools.vocabulary import level_selection


class PerfKpiAssignWizard(models.TransientModel):
    _name = "perf.kpi.assign.wizard"
    _description = "Assign a KPI to employees"
    _inherit = ["perf.input.mixin"]
    _check_company_auto = True

    definition_id = fields.Many2one(
        "perf.kpi.definition", string="KPI", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    assign_by = fields.Selection(
        level_selection("department") + [("job", "Job position")],
        required=True,
        default="department",
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    include_sub_departments = fields.Boolean(default=True)
    job_id = fields.Many2one("hr.job", string="Job position", check_company=True)
    period_id = fields.Many2one("perf.period", required=True, check_company=True)
    parent_objective_id = fields.Many2one(
        "perf.objective",
        string="Parent objective",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Objectives created for employees who have none in the period are "
        "placed under this objective.",
    )
    objective_name = fields.Char(
        help="Name of the objectives created for employees who have none in the "
        "period. Defaults to the KPI name.",
    )
    direction = fields.Selection(related="definition_id.direction")
    target_value = fields.Float(string="Target")
    range_min = fields.Float()
    range_max = fields.Float()
    weight = fields.Float(default=1.0)
    employee_count = fields.Integer(compute="_compute_employee_ids")
    employee_ids = fields.Many2many("hr.employee", compute="_compute_employee_ids")

    @api.onchange("definition_id")
    def _onchange_definition_id(self):
        if self.definition_id:
            self.company_id = self.definition_id.company_id

    @api.depends(
        "assign_by", "department_id", "include_sub_departments", "job_id", "company_id"
    )
    def _compute_employee_ids(self):
        for wizard in self:
            wizard.employee_ids = wizard._get_employees()
            wizard.employee_count = len(wizard.employee_ids)

    def _get_employees(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.assign_by == "department":
            if not self.department_id:
                return self.env["hr.employee"]
            operator = "child_of" if self.include_sub_departments else "="
            domain.append(("department_id", operator, self.department_id.id))
        else:
            if not self.job_id:
                return self.env["hr.employee"]
            domain.append(("job_id", "=", self.job_id.id))
        return self.env["hr.employee"].search(domain)

    def _ensure_valid_input(self):
        self.ensure_one()
        if not is_valid_weight(self.weight):
            raise UserError(
                self.env._(
                    "The weight of an indicator must be greater than zero (got "
                    "%(weight)s): give it a positive weight.",
                    weight=self.weight,
                )
            )
        message = self.definition_id._target_error(
            self.definition_id.direction, self.target_value
        )
        if message:
            raise UserError(message)
        self.period_id._ensure_open()

    def action_assign(self):
        self.ensure_one()
        self._ensure_valid_input()
        employees = self._get_employees()
        if not employees:
            raise UserError(
                self.env._(
                    "No employee of %(company)s matches this department or job "
                    "position: choose another one.",
                    company=self.company_id.name,
                )
            )
        definition = self.definition_id
        objectives = definition._get_or_create_employee_objectives(
            employees,
            self.period_id,
            parent=self.parent_objective_id,
            name=self.objective_name,
        )
        created, updated, kept = definition._assign_to_objectives(
            objectives, self._get_target_values()
        )
        message = self.env._(
            "%(created)s indicator(s) created, %(updated)s updated, %(kept)s kept "
            "(edited by hand).",
            created=len(created),
            updated=len(updated),
            kept=len(kept),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if kept else "success",
                "sticky": False,
                "next": self._get_indicators_action(created | updated | kept),
            },
        }

    def _get_indicators_action(self, indicators):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assigned KPI"),
            "res_model": "perf.indicator",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(
                        "perf_management_kpi.perf_indicator_view_list_scorecard"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [("id", "in", indicators.ids)],
        }

    def _get_target_values(self):
        return {
            "target_value": self.target_value,
            "range_min": self.range_min,
            "range_max": self.range_max,
            "weight": self.weight,
        }
