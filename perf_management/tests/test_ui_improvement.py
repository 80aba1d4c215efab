from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestImprovementPlanTour(HttpCase):
    """A manager opens her report's Q2 appraisal in the browser, carries over
    the open action of his Q1 appraisal and adds a new one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Tour Act Company"})
        values = {
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
        }
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_act_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mara Act Manager",
            **values,
        )
        Employee = cls.env["hr.employee"]
        manager = Employee.create(
            {
                "name": "Mara Act Manager",
                "user_id": cls.user_manager.id,
                "company_id": company.id,
            }
        )
        employee = Employee.create(
            {"name": "Pablo Act", "parent_id": manager.id, "company_id": company.id}
        )
        cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2031 (act tour)",
                "company_id": company.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        q1, q2 = cycle.period_ids.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )[:2]
        Appraisal = cls.env["perf.appraisal"]
        previous = Appraisal.create({"employee_id": employee.id, "period_id": q1.id})
        previous.state = "done"
        cls.env["perf.appraisal.action"].create(
            {"appraisal_id": previous.id, "name": "Tour shadow a key account"}
        )
        cls.appraisal = Appraisal.create(
            {"employee_id": employee.id, "period_id": q2.id}
        )
        cls.appraisal.state = "manager_review"

    def test_manager_carries_over_and_adds_actions(self):
        self.start_tour(
            f"/odoo/action-perf_management.perf_appraisal_action_team/{self.appraisal.id}",
            "perf_improvement_plan",
            login="perf_act_manager",
        )
        actions = self.appraisal.action_ids
        self.assertEqual(
            sorted(actions.mapped("name")),
            ["Tour pricing course", "Tour shadow a key account"],
        )
        self.assertTrue(
            actions.filtered(
                lambda a: a.name == "Tour shadow a key account"
            ).carried_from_id
        )


@tagged("post_install", "-at_install")
class TestOrgReviewTour(HttpCase):
    """A department manager reviews her department in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Tour Review Company"})
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_review_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Rita Review Manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        manager = cls.env["hr.employee"].create(
            {
                "name": "Rita Review Manager",
                "user_id": cls.user_manager.id,
                "company_id": company.id,
            }
        )
        department = cls.env["hr.department"].create(
            {
                "name": "Tour Review Sales",
                "company_id": company.id,
                "manager_id": manager.id,
            }
        )
        manager.department_id = department
        cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2031 (review tour)",
                "company_id": company.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        cls.env["perf.objective"].create(
            {
                "name": "Tour review sells",
                "level": "department",
                "department_id": department.id,
                "company_id": company.id,
                "period_id": cycle.year_period_id.id,
            }
        )
        cls.review = (
            cls.env["perf.org.review"]
            .with_user(cls.user_manager)
            .create(
                {
                    "company_id": company.id,
                    "department_id": department.id,
                    "cycle_id": cycle.id,
                }
            )
        )

    def test_manager_reviews_her_department(self):
        self.start_tour(
            f"/odoo/action-perf_management.perf_org_review_action/{self.review.id}",
            "perf_org_review",
            login="perf_review_manager",
        )
        self.assertEqual(self.review.capabilities_match, "partly")
        self.assertEqual(self.review.finding_ids.finding, "Tour quotes are slow")
        self.assertEqual(self.review.finding_ids.name, "Tour quote template")
