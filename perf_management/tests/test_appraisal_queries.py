from odoo import Command
from odoo.tests import tagged

from .common import PerfCase


@tagged("post_install", "-at_install")
class TestAppraisalQueries(PerfCase):
    """Launching a campaign and scoring it costs the same queries for 5 as
    for 20 employees: appraisals, activities, followers and scores are made
    in batch (``benchmarks/bench_appraisal.py`` measures 1,000). The
    employees' post expects two skills, which the scores read too."""

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
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Query skills",
                "skill_ids": [
                    Command.create({"name": "Query pricing"}),
                    Command.create({"name": "Query negotiation"}),
                ],
                "skill_level_ids": [
                    Command.create({"name": "Query beginner", "level_progress": 25}),
                    Command.create({"name": "Query expert", "level_progress": 100}),
                ],
            }
        )
        cls.skill_levels = skill_type.skill_level_ids
        job = cls.env["hr.job"].create(
            {
                "name": "Query post",
                "perf_skill_ids": [
                    Command.create(
                        {
                            "skill_type_id": skill_type.id,
                            "skill_id": skill.id,
                            "skill_level_id": cls.skill_levels[0].id,
                        }
                    )
                    for skill in skill_type.skill_ids
                ],
            }
        )
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Query manager", "user_id": users[0].id})
        cls.employees = Employee.create(
            [
                {
                    "name": f"Query employee {index}",
                    "user_id": user.id,
                    "parent_id": cls.manager.id,
                    "job_id": job.id,
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

    def test_scores_with_assessed_skills_do_not_grow_per_appraisal(self):
        """Scoring 20 appraisals whose skills are assessed costs the queries
        of 5: the skill lines and their levels are read for all at once.
        (The chatter's tracking of each appraisal's new score, one message
        per appraisal changed, is left out of the count.)"""
        warm = self._campaign(self.employees[:1], self.quarters[0])
        few = self._campaign(self.employees[1:6], self.quarters[1])
        many = self._campaign(self.employees[5:25], self.quarters[2])
        for campaign in warm | few | many:
            campaign.action_launch()
            lines = campaign.appraisal_ids.skill_line_ids
            self.assertEqual(len(lines), 2 * len(campaign.appraisal_ids))
            # Each skill assessed at another level than the next.
            for index, line in enumerate(lines):
                line.sudo().manager_level_id = self.skill_levels[index % 2]
        self._flush()
        # Warm the caches (models, templates, subtypes) first.
        warm.appraisal_ids.with_context(tracking_disable=True)._update_scores()
        self._flush()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        few.appraisal_ids.with_context(tracking_disable=True)._update_scores()
        self._flush()
        five = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        with self.assertQueryCount(five):
            many.appraisal_ids.with_context(tracking_disable=True)._update_scores()
            self._flush()
        for appraisal in few.appraisal_ids | many.appraisal_ids:
            # Skills: Beginner (25 %) against 25 % expected 100, Expert 120
            # (capped), mean 110, beside the competency indicator (72 of
            # 100, weight 1): (72 + 110) / 2.
            self.assertAlmostEqual(appraisal.score_competency, 91.0, places=4)
