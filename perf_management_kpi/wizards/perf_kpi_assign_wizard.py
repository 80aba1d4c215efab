from odoo import api, fields, models
from odoo.exceptions import UserError


class PerfKpiAssignWizard(models.TransientModel):
    _name = "perf.kpi.assign.wizard"
    _description = "Assign a KPI to employees"
    _check_company_auto = True

    definition_id = fields.Many2one(
        "perf.kpi.definition", string="KPI", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    assign_by = fields.Selection(
        [("department", "Department"), ("job", "Job position")],
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

    def _check_input(self):
        self.ensure_one()
        if self.weight <= 0:
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
        self.period_id._check_open()

    def action_assign(self):
        self.ensure_one()
        self._check_input()
        employees = self._get_employees()
        if not employees:
            raise UserError(
                self.env._(
                    "No employee of %(company)s matches this department or job "
                    "position: choose another one.",
                    company=self.company_id.name,
                )
            )
        objectives = self._get_or_create_objectives(employees)
        Indicator = self.env["perf.indicator"]
        existing = Indicator.search(
            [
                ("objective_id", "in", objectives.ids),
                ("kpi_definition_id", "=", self.definition_id.id),
            ]
        )
        # Targets and weights edited by hand on an objective are kept, as the
        # decomposition wizards do.
        kept = existing.filtered(lambda i: i.objective_id.is_manually_edited)
        updated = existing - kept
        updated.write(self._get_target_values())
        to_create = objectives - existing.objective_id
        created = Indicator.create(
            [
                {
                    **self.definition_id._get_indicator_values(),
                    **self._get_target_values(),
                    "objective_id": objective.id,
                    "kpi_definition_id": self.definition_id.id,
                }
                for objective in to_create
            ]
        )
        if self.definition_id.source == "computed":
            self.definition_id._compute_actuals()
        indicators = existing | created
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
                "next": self._get_indicators_action(indicators),
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

    def _get_or_create_objectives(self, employees):
        """The employee-level objective of each employee in the period, created in
        one batch for those who have none."""
        Objective = self.env["perf.objective"]
        domain = [
            ("level", "=", "employee"),
            ("employee_id", "in", employees.ids),
            ("period_id", "=", self.period_id.id),
        ]
        found = Objective.search(domain, order="id")
        by_employee = {}
        # An objective under the chosen parent wins over any other one.
        for objective in found:
            current = by_employee.get(objective.employee_id.id)
            if not current or (
                self.parent_objective_id
                and objective.parent_id == self.parent_objective_id
                and current.parent_id != self.parent_objective_id
            ):
                by_employee[objective.employee_id.id] = objective
        missing = employees.filtered(lambda e: e.id not in by_employee)
        name = self.objective_name or self.definition_id.name
        created = Objective.create(
            [
                {
                    "name": name,
                    "level": "employee",
                    "employee_id": employee.id,
                    "department_id": employee.department_id.id,
                    "job_id": employee.job_id.id,
                    "user_id": employee.user_id.id,
                    "period_id": self.period_id.id,
                    "parent_id": self.parent_objective_id.id,
                    "company_id": self.company_id.id,
                }
                for employee in missing
            ]
        )
        for objective in created:
            by_employee[objective.employee_id.id] = objective
        return Objective.browse([by_employee[e.id].id for e in employees])
