from odoo import Command, http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import write_manager_review, write_self_review

SELF_REVIEW = "Tour self review: renewals picked up in March"
FEEDBACK = "Tour feedback: great renewals, keep the pace"
PRIVATE_NOTE = "Tour private note: ready for the key account post"


@tagged("post_install", "-at_install")
class TestAppraisalTours(HttpCase):
    """A manager reviews the appraisal of their report in the web client,
    then the report reads it. The data lives in a company of its own.

    Eva's indicators of Q1: visits (process, weight 60 of the employee
    level policy) at 40 of 100 and a course (competency, weight 40) at 50
    of 100: her appraisal scores (40 * 60 + 50 * 40) / 100 = 44 (D) when she
    submits her self review. Her visits then reach 80: updated, the score is
    (80 * 60 + 50 * 40) / 100 = 68 (C).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server reads every addon's manifest on its first request; the
        # browser's first requests come in parallel, and Python 3.11's ast
        # parser is not thread-safe ("AST constructor recursion depth
        # mismatch"): read them once here, before the browser starts.
        http.root.get_static_file("/perf_management/static/description/icon.png")
        cls.company = cls.env["res.company"].create({"name": "Tour Appraisal Company"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_appraisal_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Mona Appraisal Manager",
            **company_values,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_appraisal_employee",
            groups="base.group_user",
            name="Eva Appraised",
            **company_values,
        )
        Employee = cls.env["hr.employee"]
        manager = Employee.create(
            {
                "name": "Mona Appraisal Manager",
                "user_id": cls.user_manager.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee = Employee.create(
            {
                "name": "Eva Appraised",
                "user_id": cls.user_employee.id,
                "parent_id": manager.id,
                "company_id": cls.company.id,
            }
        )
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Tour Selling",
                "skill_ids": [Command.create({"name": "Tour Negotiation"})],
                "skill_level_ids": [
                    Command.create({"name": "Tour Beginner", "level_progress": 20}),
                    Command.create({"name": "Tour Expert", "level_progress": 90}),
                ],
            }
        )
        cls.beginner, cls.expert = skill_type.skill_level_ids.sorted("level_progress")
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.employee.id,
                "skill_type_id": skill_type.id,
                "skill_id": skill_type.skill_ids.id,
                "skill_level_id": cls.beginner.id,
            }
        )
        cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2036 (tour)",
                "company_id": cls.company.id,
                "date_start": "2036-01-01",
                "date_end": "2036-12-31",
            }
        )
        cls.q1 = cycle.period_ids.filtered(
            lambda period: period.period_type == "quarter"
        ).sorted("date_start")[0]
        objective = cls.env["perf.objective"].create(
            {
                "name": "Tour renewals of Eva",
                "level": "employee",
                "employee_id": cls.employee.id,
                "company_id": cls.company.id,
                "period_id": cls.q1.id,
                "user_id": cls.user_manager.id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "Tour customer visits",
                            "dimension": "process",
                            "target_value": 100,
                            "actual_value": 40,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Tour pricing course",
                            "dimension": "competency",
                            "target_value": 100,
                            "actual_value": 50,
                        }
                    ),
                ],
            }
        )
        cls.visits = objective.indicator_ids.filtered(
            lambda indicator: indicator.dimension == "process"
        )

    def _appraisal_in_manager_review(self):
        """Started by the manager, the self review written and submitted by
        the employee, as they would."""
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_manager)
            .create({"employee_id": self.employee.id, "period_id": self.q1.id})
        )
        appraisal.action_start()
        as_employee = appraisal.with_user(self.user_employee)
        as_employee.self_review = SELF_REVIEW
        write_self_review(as_employee)
        as_employee.action_submit_self_review()
        self.assertEqual(appraisal.state, "manager_review")
        self.assertAlmostEqual(appraisal.final_score, 44.0)
        self.assertEqual(appraisal.rating_band_id.name, "D")
        return appraisal.sudo()

    def test_manager_reviews_the_appraisal_of_a_report(self):
        appraisal = self._appraisal_in_manager_review()
        # Her visits went up after she submitted: the scores are out of date
        # until the manager updates them.
        self.visits.actual_value = 80
        self.start_tour(
            "/odoo", "perf_appraisal_manager_review", login="perf_appraisal_manager"
        )
        appraisal.invalidate_recordset()
        self.assertEqual(appraisal.state, "calibration")
        self.assertEqual(
            (appraisal.goals_reasonable, appraisal.motivated, appraisal.post_right),
            ("yes", "partly", "no"),
        )
        self.assertEqual(appraisal.manager_feedback, FEEDBACK)
        self.assertEqual(appraisal.manager_note_stored, PRIVATE_NOTE)
        self.assertEqual(appraisal.self_review_stored, SELF_REVIEW)
        self.assertEqual(appraisal.skill_line_ids.manager_level_id, self.expert)
        self.assertEqual(appraisal.skill_line_ids.growth, 70)
        self.assertAlmostEqual(appraisal.final_score, 68.0)
        self.assertEqual(appraisal.rating_band_id.name, "C")
        self.assertEqual(
            appraisal.payroll_coefficient, appraisal.rating_band_id.payroll_coefficient
        )
        # The note is the manager's: the employee's read of it is empty.
        self.assertFalse(appraisal.with_user(self.user_employee).manager_note)

    def test_employee_reads_feedback_not_private_note(self):
        appraisal = self._appraisal_in_manager_review()
        appraisal.with_user(self.user_manager).write(
            {
                "goals_reasonable": "yes",
                "motivated": "yes",
                "post_right": "yes",
                "manager_feedback": FEEDBACK,
                "manager_note": PRIVATE_NOTE,
            }
        )
        write_manager_review(appraisal)
        appraisal.with_user(self.user_manager).action_submit_manager_review()
        self.start_tour(
            "/odoo", "perf_appraisal_employee_reads", login="perf_appraisal_employee"
        )
        # Reading changed nothing.
        appraisal.invalidate_recordset()
        self.assertEqual(appraisal.state, "calibration")
        self.assertEqual(appraisal.manager_note_stored, PRIVATE_NOTE)
