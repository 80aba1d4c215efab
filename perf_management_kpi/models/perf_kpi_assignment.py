"""How a KPI is hung on objectives: one indicator per objective, with a
target, created or updated in batches. The assignment wizard and the demo
data call these methods."""

from odoo import models


# One concept per file: what a KPI is, which records it may read, how it is
# computed and how it is assigned (as gamification keeps goal definitions and
# update_goal apart).
class PerfKpiDefinition(models.Model):
    _inherit = "perf.kpi.definition"  # pylint: disable=consider-merging-classes-inherited

    def _assign_to_objectives(self, objectives, target_values):
        """Give each objective an indicator of this KPI with ``target_values``
        (target, range, weight). Existing indicators of the KPI are updated,
        unless their objective was edited by hand (as decompositions do).
        Return (created, updated, kept) indicators."""
        self.ensure_one()
        Indicator = self.env["perf.indicator"]
        existing = Indicator.search(
            [
                ("objective_id", "in", objectives.ids),
                ("kpi_definition_id", "=", self.id),
            ]
        )
        kept = existing.filtered(lambda i: i.objective_id.is_manually_edited)
        updated = existing - kept
        updated.write(target_values)
        created = Indicator.create(
            [
                {
                    **self._get_indicator_values(),
                    **target_values,
                    "objective_id": objective.id,
                    "kpi_definition_id": self.id,
                }
                for objective in objectives - existing.objective_id
            ]
        )
        if self.source == "computed":
            self._update_actuals()
        return created, updated, kept

    def _assign_to_objective_domain(self, domain, target_value, limit=None):
        """Assign each KPI of ``self`` to the objectives matching ``domain``
        that do not measure it yet (for data files)."""
        for definition in self:
            objectives = self.env["perf.objective"].search(
                domain, limit=limit, order="id"
            )
            objectives = objectives.filtered(
                lambda o, d=definition: d not in o.indicator_ids.kpi_definition_id
            )
            definition._assign_to_objectives(objectives, {"target_value": target_value})
        return True

    def _get_or_create_employee_objectives(
        self, employees, period, parent=None, name=None
    ):
        """The employee-level objective of each employee in ``period``, created
        in one batch for those who have none, under ``parent``. Its
        responsible is the employee's manager, never the employee."""
        self.ensure_one()
        Objective = self.env["perf.objective"]
        found = Objective.search(
            [
                ("level", "=", "employee"),
                ("employee_id", "in", employees.ids),
                ("period_id", "=", period.id),
            ],
            order="id",
        )
        by_employee = {}
        # An objective under the chosen parent wins over any other one.
        for objective in found:
            current = by_employee.get(objective.employee_id.id)
            if not current or (
                parent and objective.parent_id == parent and current.parent_id != parent
            ):
                by_employee[objective.employee_id.id] = objective
        missing = employees.filtered(lambda e: e.id not in by_employee)
        created = Objective.create(
            [
                {
                    "name": name or self.name,
                    "level": "employee",
                    "employee_id": employee.id,
                    "department_id": employee.department_id.id,
                    "job_id": employee.job_id.id,
                    "user_id": self._get_responsible(employee).id,
                    "period_id": period.id,
                    "parent_id": parent.id if parent else False,
                    "company_id": period.company_id.id,
                }
                for employee in missing
            ]
        )
        for objective in created:
            by_employee[objective.employee_id.id] = objective
        return Objective.browse([by_employee[e.id].id for e in employees])

    def _get_responsible(self, employee):
        """Who follows up an employee's objective: their manager, else their
        department's manager, else the current user; never the employee."""
        employee = employee.sudo()
        for user in (
            employee.parent_id.user_id,
            employee.department_id.manager_id.user_id,
            self.env.user,
        ):
            if user and user != employee.user_id:
                return user
        return self.env["res.users"]
