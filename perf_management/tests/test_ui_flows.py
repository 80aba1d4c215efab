from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPerformanceFlows(HttpCase):
    """People use the main features of the app in the web client.

    The data lives in a company of its own, so that the lists the tours read
    (departments offered by the decomposition, objectives) hold only it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Flows Company"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_tour_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mona Tour Manager",
            **company_values,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_tour_employee",
            groups="base.group_user",
            name="Eva Tour Employee",
            **company_values,
        )
        Department = cls.env["hr.department"]
        cls.dep_sales = Department.create(
            {"name": "Tour Sales", "company_id": cls.company.id}
        )
        cls.dep_marketing = Department.create(
            {"name": "Tour Marketing", "company_id": cls.company.id}
        )
        cls.dep_warehouse = Department.create(
            {"name": "Tour Warehouse", "company_id": cls.company.id}
        )
        Employee = cls.env["hr.employee"]
        cls.emp_manager = Employee.create(
            {
                "name": "Mona Tour Manager",
                "user_id": cls.user_manager.id,
                "department_id": cls.dep_sales.id,
                "company_id": cls.company.id,
            }
        )
        cls.emp_employee = Employee.create(
            {
                "name": "Eva Tour Employee",
                "user_id": cls.user_employee.id,
                "department_id": cls.dep_sales.id,
                "parent_id": cls.emp_manager.id,
                "company_id": cls.company.id,
            }
        )
        (cls.dep_sales | cls.dep_marketing).manager_id = cls.emp_manager
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2035",
                "company_id": cls.company.id,
                "date_start": "2035-01-01",
                "date_end": "2035-12-31",
            }
        )
        cls.year = cls.cycle.year_period_id

    @classmethod
    def _objective(cls, name, level, indicator_name, target=1000.0, **values):
        return cls.env["perf.objective"].create(
            {
                "name": name,
                "level": level,
                "company_id": cls.company.id,
                "period_id": cls.year.id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": indicator_name,
                            "target_value": target,
                            "aggregation": "sum",
                        }
                    )
                ],
                **values,
            }
        )

    def test_company_level_decomposes_company_objective_to_departments(self):
        # The company level sets the departments' objectives: their managers
        # would be setting their own targets (they decompose them further).
        new_test_user(
            self.env,
            login="perf_tour_hr_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        objective = self._objective(
            "Tour Revenue 2035", "company", "Tour revenue (kEUR)"
        )
        self.start_tour(
            "/odoo", "perf_management_decompose_space", login="perf_tour_hr_admin"
        )
        children = objective.child_ids
        self.assertEqual(children.department_id, self.dep_sales | self.dep_marketing)
        self.assertEqual(children.mapped("level"), ["department", "department"])
        self.assertEqual(children.indicator_ids.mapped("target_value"), [500.0, 500.0])

    def test_manager_splits_yearly_objective_into_quarters(self):
        objective = self._objective(
            "Tour Sales Plan 2035",
            "department",
            "Tour orders",
            target=400.0,
            department_id=self.dep_sales.id,
        )
        self.start_tour(
            "/odoo", "perf_management_split_time", login="perf_tour_manager"
        )
        children = objective.child_ids
        self.assertEqual(len(children), 4)
        self.assertEqual(set(children.period_id.mapped("period_type")), {"quarter"})
        self.assertEqual(children.indicator_ids.mapped("target_value"), [100.0] * 4)

    def test_employee_enters_actual_and_completes_task(self):
        objective = self._objective(
            "Tour Customer Visits of Eva",
            "employee",
            "Tour customer visits",
            employee_id=self.emp_employee.id,
        )
        task = self.env["perf.task"].create(
            {
                "name": "Tour visit the ten largest customers",
                "objective_id": objective.id,
                "completion_standard": "Visit reports filed in the CRM",
                "assignee_level": "employee",
                "employee_id": self.emp_employee.id,
            }
        )
        indicator = objective.indicator_ids
        self.assertFalse(indicator.has_actual)
        self.assertEqual(objective.progress, 0.0)
        self.start_tour(
            "/odoo", "perf_management_employee_actual", login="perf_tour_employee"
        )
        self.assertTrue(indicator.has_actual)
        self.assertEqual(indicator.actual_value, 800.0)
        self.assertEqual(indicator.score, 80.0)
        self.assertGreater(objective.progress, 0.0)
        self.assertEqual(task.state, "done")
