from odoo import Command
from odoo.tests import tagged

from .common import PerfCase


@tagged("post_install", "-at_install")
class TestAppraisalQueries(PerfCase):
    """Launching a campaign and scoring it costs the same queries for 5 as
    for 20 employees: appraisals, activities, followers and scores are made
    in batch (``benchmarks/bench_appraisal.py`` measures 1,000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cycle = cls._cycle(cls.company, 2033, name="FY 2033 queries")
        cls.quarters = cycle.period_ids.filtered(
            lambda period: period.period_type == "quarter"
        ).sorted("date_start")
        users = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Query user {index}",
                        "login": f"perf_query_{index}",
                        "email": f"perf_query_{index}@example.com",
                        "groups_id": [Command.set(cls.env.ref("base.group_user").ids)],
                    }
                    for index in range(26)
                ]
            )
        )
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Query manager", "user_id": users[0].id})
        cls.employees = Employee.create(
            [
                {
                    "name": f"Query employee {index}",
                    "user_id": user.id,
                    "parent_id": cls.manager.id,
                }
                for index, user in enumerate(users[1:])
            ]
        )
        objectives = cls.env["perf.objective"].create(
            [
                {
                    "name": f"Objective of {employee.name}",
                    "level": "employee",
                    "employee_id": employee.id,
                    "period_id": quarter.id,
                    "indicator_ids": [
                        Command.create(
                            {
                                "name": dimension,
                                "dimension": dimension,
                                "target_value": 100,
                                "actual_value": 70 + index,
                            }
                        )
                        for index, dimension in enumerate(
                            ("result", "process", "competency")
                        )
                    ],
                }
                for employee in cls.employees
                for quarter in cls.quarters
            ]
        )
        # Tasks count in the process score: read in batch too.
        cls.env["perf.task"].create(
            [
                {
                    "name": f"Task {state} of {objective.name}",
                    "objective_id": objective.id,
                    "assignee_level": "employee",
                    "employee_id": objective.employee_id.id,
                    "completion_standard": "Report filed",
                    "state": state,
                }
                for objective in objectives
                for state in ("verified", "done")
            ]
        )

    def _campaign(self, employees, quarter):
        return self.env["perf.appraisal.campaign"].create(
            {
                "name": f"Campaign {quarter.name}",
                "period_id": quarter.id,
                "scope": "employee",
                "employee_ids": [Command.set(employees.ids)],
                "self_deadline": quarter.date_end,
                "manager_deadline": quarter.date_end,
            }
        )

    def _launch(self, campaign):
        """Launch ``campaign`` and score its appraisals, from a cold cache."""
        self.env.invalidate_all()
        campaign.action_launch()
        campaign.appraisal_ids._update_scores()

    def _flush(self):
        # As assertQueryCount does: the ORM, then the hooks run at commit
        # (the chatter's tracking messages).
        self.env.flush_all()
        self.env.cr.flush()

    def _check(self, campaign, employees):
        appraisals = campaign.appraisal_ids
        self.assertEqual(appraisals.employee_id, employees)
        self.assertTrue(all(appraisals.mapped("has_final_score")))
        self.assertEqual(len(appraisals.activity_ids), len(employees))

    def test_launch_queries_do_not_grow_per_employee(self):
        # Warm the caches (models, templates, subtypes) first.
        self._launch(self._campaign(self.employees[:1], self.quarters[0]))
        few, many = self.employees[1:6], self.employees[5:25]
        campaign = self._campaign(few, self.quarters[1])
        self._flush()
        start = self.env.cr.sql_log_count
        self._launch(campaign)
        self._flush()
        five = self.env.cr.sql_log_count - start
        self._check(campaign, few)
        campaign = self._campaign(many, self.quarters[2])
        with self.assertQueryCount(five):
            self._launch(campaign)
        self._check(campaign, many)
