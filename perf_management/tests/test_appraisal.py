from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisal(CascadeCommon):
    """Paul (reporting to Maria) is appraised for Q1 on generated indicators;
    Maria's own appraisal goes to her manager Olga."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_maria.parent_id = cls.emp_olga
        ind = cls._indicator
        # Q1 and January (a sub-period) both count; weights by hand.
        cls.ind_sales = ind(
            cls.obj_paul_q1, "Sales", target_value=100, actual_value=80, weight=2
        )
        cls.ind_visits = ind(
            cls.obj_paul_q1,
            "Visits",
            dimension="process",
            target_value=10,
            actual_value=9,
            weight=1,
        )
        cls.ind_jan_sales = ind(
            cls.obj_paul_jan,
            "January sales",
            target_value=50,
            actual_value=35,
            weight=1,
        )
        cls.ind_skill = ind(
            cls.obj_paul_jan,
            "Pricing course",
            dimension="competency",
            target_value=4,
            actual_value=2,
            weight=1,
        )
        # No actual: no score, it does not count.
        ind(cls.obj_paul_q1, "Referrals", target_value=5, weight=5)
        # Someone else's indicator does not count either.
        ind(cls.obj_oscar, "Parcels", target_value=10, actual_value=1, weight=9)

    def _appraisal(self, employee=None, period=None, user=None, **values):
        return (
            self.env["perf.appraisal"]
            .with_user(user or self.user_maria)
            .create(
                {
                    "employee_id": (employee or self.emp_paul).id,
                    "period_id": (period or self.q1).id,
                    **values,
                }
            )
        )

    def test_workflow_and_scores(self):
        appraisal = self._appraisal(
            user=self.user_admin,
            weight_result=50,
            weight_process=30,
            weight_competency=20,
        ).with_user(self.user_maria)
        self.assertEqual(appraisal.manager_id, self.emp_maria)
        appraisal.action_start()
        as_paul = appraisal.with_user(self.user_paul)
        as_paul.self_review = "A good quarter, January was slow."
        # Not submitted yet: the manager does not see it.
        appraisal.invalidate_recordset()
        self.assertFalse(appraisal.self_review)
        self.assertEqual(as_paul.self_review, "A good quarter, January was slow.")
        with self.assertRaises(AccessError):
            as_paul.manager_feedback = "I rate myself A"
        with self.assertRaises(AccessError):
            as_paul.weight_result = 100
        with self.assertRaises(AccessError):
            appraisal.action_submit_self_review()
        write_self_review(as_paul)
        as_paul.action_submit_self_review()
        self.assertEqual(appraisal.state, "manager_review")
        appraisal.invalidate_recordset()
        self.assertEqual(appraisal.self_review, "A good quarter, January was slow.")
        with self.assertRaises(AccessError):
            as_paul.self_review = "Rewritten after the fact"

        appraisal.write(
            {
                "goals_reasonable": "yes",
                "motivated": "partly",
                "post_right": "yes",
                "manager_feedback": "Strong on visits, sales below target.",
                "manager_note": "Consider for the key account post.",
            }
        )
        with self.assertRaises(AccessError):
            as_paul.action_submit_manager_review()
        write_manager_review(appraisal)
        appraisal.action_submit_manager_review()
        self.assertEqual(appraisal.state, "calibration")
        with self.assertRaises(AccessError):
            appraisal.action_done()
        appraisal.with_user(self.user_admin).action_done()
        self.assertEqual(appraisal.state, "done")

        # By hand: result = (80 * 2 + 70 * 1) / 3, process = 90, competency =
        # 50; final = (76.667 * 50 + 90 * 30 + 50 * 20) / 100 = 75.333: B.
        self.assertEqual(
            [self.ind_sales.score, self.ind_jan_sales.score, self.ind_skill.score],
            [80.0, 70.0, 50.0],
        )
        self.assertAlmostEqual(appraisal.score_result, 230 / 3, places=4)
        self.assertAlmostEqual(appraisal.score_process, 90.0, places=4)
        self.assertAlmostEqual(appraisal.score_competency, 50.0, places=4)
        self.assertAlmostEqual(
            appraisal.final_score, (230 / 3 * 50 + 90 * 30 + 50 * 20) / 100, places=4
        )
        self.assertEqual(appraisal.rating_band_id.name, "B")
        self.assertEqual(appraisal.payroll_coefficient, 1.1)
        # The form explains it, indicator by indicator, to Paul too.
        explanation = str(as_paul.score_explanation)
        for text in ("Sales", "Visits", "January sales", "Pricing course", "76.67"):
            self.assertIn(text, explanation)
        self.assertNotIn("Parcels", explanation)
        self.assertNotIn("Referrals", explanation)

        # The private note: the manager and administrators, never Paul.
        self.assertEqual(appraisal.manager_note, "Consider for the key account post.")
        self.assertFalse(as_paul.manager_note)
        with self.assertRaises(AccessError):
            as_paul.read(["manager_note_stored"])
        with self.assertRaises(AccessError):
            as_paul.manager_note = "Hello"
        self.assertEqual(
            as_paul.manager_feedback, "Strong on visits, sales below target."
        )

        # Reopened by an administrator with a reason only.
        as_admin = appraisal.with_user(self.user_admin)
        with self.assertRaises(UserError):
            as_admin.action_reopen()
        with self.assertRaises(AccessError):
            appraisal.with_context(perf_change_reason="Typo").action_reopen()
        as_admin.with_context(perf_change_reason="Q1 sales corrected").action_reopen()
        self.assertEqual(appraisal.state, "manager_review")
        self.assertTrue(
            any("Q1 sales corrected" in b for b in appraisal.message_ids.mapped("body"))
        )

    def test_forms_as_employee_and_manager(self):
        appraisal = self._appraisal()
        appraisal.action_start()
        with Form(appraisal.with_user(self.user_paul)) as form:
            form.self_review = "Written in the form"
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        with Form(appraisal) as form:
            self.assertEqual(form.self_review, "Written in the form")
            form.manager_feedback = "Thanks"
            form.manager_note = "Private"
            form.motivated = "yes"
        self.assertEqual(appraisal.manager_feedback, "Thanks")
        self.assertFalse(appraisal.with_user(self.user_paul).manager_note)

    def test_dimension_without_score_left_out(self):
        self.ind_skill.unlink()
        appraisal = self._appraisal(
            user=self.user_admin,
            weight_result=50,
            weight_process=30,
            weight_competency=20,
        )
        appraisal._update_scores()
        self.assertFalse(appraisal.has_score_competency)
        self.assertAlmostEqual(
            appraisal.final_score, (230 / 3 * 50 + 90 * 30) / 80, places=4
        )
        self.assertEqual(appraisal.rating_band_id.name, "B")

    def test_weights_from_the_employee_level_policy(self):
        appraisal = self._appraisal()
        weights = (
            self.env["perf.level.policy"]
            ._get_policy(self.company, "employee")
            ._get_dimension_weights()
        )
        for dim in ("result", "process", "competency"):
            self.assertEqual(appraisal[f"weight_{dim}"], weights.get(dim, 0.0))

    def test_new_appraisal_form_takes_the_policy_weights(self):
        """An administrator creates an appraisal in its form, whose weights
        are editable: they start as the level policy's."""
        weights = (
            self.env["perf.level.policy"]
            ._get_policy(self.company, "employee")
            ._get_dimension_weights()
        )
        with Form(self.env["perf.appraisal"].with_user(self.user_admin)) as form:
            form.employee_id = self.emp_paul
            form.period_id = self.q1
            self.assertEqual(form.weight_result, weights.get("result", 0.0))
        appraisal = form.record
        for dim in ("result", "process", "competency"):
            self.assertEqual(appraisal[f"weight_{dim}"], weights.get(dim, 0.0))

    def test_nobody_appraises_themselves(self):
        # Maria's own appraisal goes to Olga, her manager.
        own = self._appraisal(employee=self.emp_maria, user=self.user_admin)
        self.assertEqual(own.manager_id, self.emp_olga)
        as_maria = own.with_user(self.user_maria)
        with self.assertRaises(AccessError):
            as_maria.action_start()
        own.with_user(self.user_olga).action_start()
        write_self_review(as_maria)
        as_maria.action_submit_self_review()
        with self.assertRaises(AccessError):
            as_maria.action_submit_manager_review()
        with self.assertRaises(AccessError):
            as_maria.manager_feedback = "Excellent"
        self.assertFalse(as_maria.manager_note)
        team = (
            self.env["perf.appraisal"]
            .with_user(self.user_maria)
            .search([("manager_user_id", "=", self.user_maria.id)])
        )
        self.assertNotIn(own, team)
        with self.assertRaises(ValidationError):
            self._appraisal(
                employee=self.emp_olga,
                user=self.user_admin,
                manager_id=self.emp_olga.id,
            )

    def test_visibility(self):
        appraisal = self._appraisal()
        for user in (self.user_oscar, self.user_olga):
            with self.assertRaises(AccessError):
                appraisal.with_user(user).read(["final_score"])
        self.assertEqual(
            self.env["perf.appraisal"]
            .with_user(self.user_paul)
            .search([("id", "=", appraisal.id)]),
            appraisal,
        )
        self.assertTrue(appraisal.with_user(self.user_admin).read(["final_score"]))
        # Paul cannot create or delete appraisals.
        with self.assertRaises(AccessError):
            self._appraisal(period=self.year, user=self.user_paul)
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_paul).unlink()
        # Another company's administrator sees nothing.
        other = self.env["res.company"].create({"name": "Other Ltd"})
        admin_other = self.user_admin.copy(
            {
                "login": "perf_other_admin",
                "company_id": other.id,
                "company_ids": [other.id],
            }
        )
        self.assertFalse(
            self.env["perf.appraisal"]
            .with_user(admin_other)
            .search([("id", "=", appraisal.id)])
        )

    def test_manager_cannot_choose_who_or_how(self):
        # Olga is not Paul's manager: she cannot make herself his appraiser.
        with self.assertRaises(AccessError):
            self._appraisal(user=self.user_olga, manager_id=self.emp_olga.id)
        with self.assertRaises(AccessError):
            self._appraisal(weight_result=100)
        appraisal = self._appraisal()
        for vals in (
            {"weight_competency": 0},
            {"employee_id": self.emp_oscar.id},
            {"manager_id": self.emp_olga.id},
        ):
            with self.assertRaises(AccessError):
                appraisal.write(vals)
        appraisal.with_user(self.user_admin).weight_competency = 0
        with self.assertRaises(ValidationError):
            appraisal.with_user(self.user_admin).weight_result = -1
        with self.assertRaises(ValidationError):
            appraisal.with_user(self.user_admin).write(
                {"weight_result": 0, "weight_process": 0}
            )

    def test_bad_inputs(self):
        self._appraisal()
        with self.assertRaises(ValidationError):
            self._appraisal(period=self.january, user=self.user_admin)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._appraisal(user=self.user_admin)

    def test_submitting_with_answers_missing_refused(self):
        """A self review is written before it is submitted, and a manager
        review answers the method's three questions and gives feedback:
        refused otherwise, with what is missing, and nothing changes."""
        appraisal = self._appraisal()
        appraisal.action_start()
        as_paul = appraisal.with_user(self.user_paul)
        with self.assertRaisesText(UserError, "Write the self review"):
            as_paul.action_submit_self_review()
        self.assertEqual(appraisal.state, "self_review")
        as_paul.self_review = "   "
        with self.assertRaisesText(UserError, "Write the self review"):
            as_paul.action_submit_self_review()
        as_paul.self_review = "Renewals picked up in March."
        as_paul.action_submit_self_review()
        appraisal.write({"goals_reasonable": "yes", "motivated": "partly"})
        with self.assertRaises(UserError) as catcher:
            appraisal.action_submit_manager_review()
        message = str(catcher.exception)
        self.assertIn("Is the post allocation right?", message)
        self.assertIn("Manager Feedback", message)
        self.assertNotIn("Is the employee motivated?", message)
        self.assertEqual(appraisal.state, "manager_review")
        self.assertEqual(appraisal.motivated, "partly")
        appraisal.write({"post_right": "no", "manager_feedback": "Thanks."})
        appraisal.action_submit_manager_review()
        self.assertEqual(appraisal.state, "calibration")

    def test_wrong_state_refused(self):
        appraisal = self._appraisal()
        with self.assertRaises(UserError):
            appraisal.action_submit_manager_review()
        appraisal.action_cancel()
        with self.assertRaises(UserError):
            appraisal.action_start()


@tagged("post_install", "-at_install")
class TestAppraisalSkills(CascadeCommon):
    """Paul's post expects Pricing at Intermediate; he already has Negotiation
    at Beginner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Selling (test)",
                "skill_ids": [
                    Command.create({"name": "Pricing"}),
                    Command.create({"name": "Negotiation"}),
                ],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 25}),
                    Command.create({"name": "Intermediate", "level_progress": 50}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
            }
        )
        cls.pricing, cls.negotiation = cls.skill_type.skill_ids.sorted("name")[::-1]
        levels = cls.skill_type.skill_level_ids.sorted("level_progress")
        cls.beginner, cls.intermediate, cls.expert = levels
        cls.env["perf.job.skill"].create(
            {
                "job_id": cls.job_seller.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.pricing.id,
                "skill_level_id": cls.intermediate.id,
            }
        )
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.emp_paul.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.negotiation.id,
                "skill_level_id": cls.beginner.id,
            }
        )

    def _line(self, appraisal, skill):
        return appraisal.skill_line_ids.filtered(lambda line: line.skill_id == skill)

    def test_skills_assessed_and_updated_on_done(self):
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_maria)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q1.id})
        )
        self.assertEqual(
            appraisal.skill_line_ids.skill_id, self.pricing | self.negotiation
        )
        pricing = self._line(appraisal, self.pricing)
        negotiation = self._line(appraisal, self.negotiation)
        self.assertEqual(pricing.expected_level_id, self.intermediate)
        self.assertFalse(pricing.previous_level_id)
        self.assertEqual(negotiation.previous_level_id, self.beginner)

        appraisal.action_start()
        with self.assertRaises(AccessError):
            negotiation.manager_level_id = self.expert
        negotiation.with_user(self.user_paul).self_level_id = self.expert
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        with self.assertRaises(AccessError):
            negotiation.with_user(self.user_paul).manager_level_id = self.expert
        with self.assertRaises(AccessError):
            negotiation.self_level_id = self.beginner
        negotiation.manager_level_id = self.intermediate
        pricing.manager_level_id = self.intermediate
        self.assertEqual(negotiation.growth, 25)
        write_manager_review(appraisal)
        appraisal.action_submit_manager_review()
        appraisal.with_user(self.user_admin).action_done()

        skills = {
            skill.skill_id: skill.skill_level_id
            for skill in self.emp_paul.employee_skill_ids
        }
        self.assertEqual(
            skills,
            {self.pricing: self.intermediate, self.negotiation: self.intermediate},
        )
        # The next appraisal starts from the levels this one set.
        q2 = (
            self.env["perf.appraisal"]
            .with_user(self.user_maria)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q2.id})
        )
        self.assertEqual(
            self._line(q2, self.negotiation).previous_level_id, self.intermediate
        )

    def test_each_side_reads_the_other_assessment_once_submitted(self):
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_maria)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q1.id})
        )
        appraisal.action_start()
        line = self._line(appraisal, self.negotiation)
        line.with_user(self.user_paul).self_level_id = self.expert
        as_maria = line.with_user(self.user_maria)
        as_paul = line.with_user(self.user_paul)
        Lines = self.env["perf.appraisal.skill"]
        # In self review Maria does not read Paul's level, nor finds it.
        self.assertFalse(as_maria.read(["self_level_id"])[0]["self_level_id"])
        self.assertFalse(
            Lines.with_user(self.user_maria).search(
                [("id", "=", line.id), ("self_level_id", "=", self.expert.id)]
            )
        )
        self.assertEqual(
            as_paul.read(["self_level_id"])[0]["self_level_id"][0], self.expert.id
        )
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        self.assertEqual(
            as_maria.read(["self_level_id"])[0]["self_level_id"][0], self.expert.id
        )
        # In manager review Paul does not read Maria's level nor its growth.
        line.manager_level_id = self.intermediate
        values = as_paul.read(["manager_level_id", "growth"])[0]
        self.assertEqual((values["manager_level_id"], values["growth"]), (False, 0))
        self.assertFalse(
            Lines.with_user(self.user_paul).search(
                [("manager_level_id", "!=", False), ("id", "=", line.id)]
            )
        )
        write_manager_review(appraisal)
        appraisal.action_submit_manager_review()
        values = as_paul.read(["manager_level_id", "growth"])[0]
        self.assertEqual(values["manager_level_id"][0], self.intermediate.id)
        self.assertEqual(values["growth"], 25)

    def test_skill_lines_hidden_from_colleagues(self):
        appraisal = self.env["perf.appraisal"].create(
            {"employee_id": self.emp_paul.id, "period_id": self.q1.id}
        )
        with self.assertRaises(AccessError):
            appraisal.skill_line_ids.with_user(self.user_oscar).read(["growth"])
