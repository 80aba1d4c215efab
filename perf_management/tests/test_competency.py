from odoo import Command
from odoo.tests import BaseCase, tagged

from ..tools.competency import skill_achievement, skill_growth, skill_item
from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestSkillFormulas(BaseCase):
    """The skills' formulas of ``tools/competency.py``, by hand."""

    def test_achievement_is_assessed_over_expected_progress(self):
        # Expected Intermediate (50 %), assessed Intermediate: met.
        self.assertEqual(skill_achievement(50, 50), 100.0)
        # Expected Advanced (75 %), assessed Intermediate (50 %): 50 / 75.
        self.assertAlmostEqual(skill_achievement(75, 50), 66.666667, places=5)
        # Expected Intermediate, assessed Beginner (25 %): half of it.
        self.assertEqual(skill_achievement(50, 25), 50.0)

    def test_achievement_capped_like_an_indicator(self):
        # Expert (100 %) where Intermediate is expected: 200, capped at 120.
        self.assertEqual(skill_achievement(50, 100), 120.0)
        self.assertEqual(skill_achievement(50, 100, cap=0), 200.0)

    def test_not_assessed_has_no_achievement(self):
        self.assertIsNone(skill_achievement(50, None))
        self.assertIsNone(skill_growth(None, 25))

    def test_nothing_expected_is_met_by_any_level(self):
        self.assertEqual(skill_achievement(0, 0), 100.0)
        self.assertEqual(skill_achievement(None, 25), 100.0)

    def test_growth_since_the_level_before(self):
        # Beginner (25 %) to Intermediate (50 %).
        self.assertEqual(skill_growth(50, 25), 25.0)
        # No level before counts as 0 %; a lower level is a negative growth.
        self.assertEqual(skill_growth(50, None), 50.0)
        self.assertEqual(skill_growth(25, 50), -25.0)

    def test_item_is_the_mean_of_assessed_skills(self):
        item = skill_item(
            [(50, 50, 25), (75, 50, None), (100, None, 50)], indicator_weights=[2, 4]
        )
        # (100 + 66.67) / 2, the third skill not assessed; it weighs as the
        # mean competency indicator, (2 + 4) / 2; growth (25 + 50) / 2.
        self.assertAlmostEqual(item["score"], (100 + 50 / 75 * 100) / 2, places=6)
        self.assertAlmostEqual(item["score"], 83.333333, places=5)
        self.assertEqual(item["weight"], 3.0)
        self.assertEqual(item["growth"], 37.5)
        self.assertEqual((item["count"], item["assessed"]), (3, 2))

    def test_item_weighs_one_without_indicator(self):
        self.assertEqual(skill_item([(50, 50, 25)], [])["weight"], 1.0)

    def test_no_assessed_skill_no_item(self):
        self.assertIsNone(skill_item([], [1.0]))
        self.assertIsNone(skill_item([(50, None, 25)], [1.0]))


@tagged("post_install", "-at_install")
class TestAppraisalCompetency(CascadeCommon):
    """The skills the post expects score the competency dimension.

    Levels of "Selling (test)": Beginner 25 %, Intermediate 50 %, Advanced
    75 %, Expert 100 %. The Seller post (Paul) expects Pricing at
    Intermediate and Negotiation at Advanced; Paul has Negotiation at
    Beginner. Paul's Q1: Sales (result, 80 of 100, weight 1) and Pricing
    course (competency, 3 of 4, weight 2). The Packer post (Oscar) expects
    Pricing at Intermediate; Oscar has Pricing at Beginner and no indicator.
    Appraisal weights: result 50, process 30, competency 20.
    """

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
                    Command.create({"name": "Advanced", "level_progress": 75}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
            }
        )
        skills = {skill.name: skill for skill in cls.skill_type.skill_ids}
        cls.pricing, cls.negotiation = skills["Pricing"], skills["Negotiation"]
        levels = cls.skill_type.skill_level_ids.sorted("level_progress")
        cls.beginner, cls.intermediate, cls.advanced, cls.expert = levels
        cls.job_packer = cls.env["hr.job"].create(
            {"name": "Packer (test)", "department_id": cls.dep_ops.id}
        )
        cls.emp_oscar.job_id = cls.job_packer
        expect = [
            (cls.job_seller, cls.pricing, cls.intermediate),
            (cls.job_seller, cls.negotiation, cls.advanced),
            (cls.job_packer, cls.pricing, cls.intermediate),
        ]
        cls.env["perf.job.skill"].create(
            [
                {
                    "job_id": job.id,
                    "skill_type_id": cls.skill_type.id,
                    "skill_id": skill.id,
                    "skill_level_id": level.id,
                }
                for job, skill, level in expect
            ]
        )
        cls.env["hr.employee.skill"].create(
            [
                {
                    "employee_id": employee.id,
                    "skill_type_id": cls.skill_type.id,
                    "skill_id": skill.id,
                    "skill_level_id": cls.beginner.id,
                }
                for employee, skill in (
                    (cls.emp_paul, cls.negotiation),
                    (cls.emp_oscar, cls.pricing),
                )
            ]
        )
        ind = cls._indicator
        ind(cls.obj_paul_q1, "Sales", target_value=100, actual_value=80, weight=1)
        cls.ind_course = ind(
            cls.obj_paul_q1,
            "Pricing course",
            dimension="competency",
            target_value=4,
            actual_value=3,
            weight=2,
        )
        weights = {"weight_result": 50, "weight_process": 30, "weight_competency": 20}
        Appraisal = cls.env["perf.appraisal"].with_user(cls.user_admin)
        cls.appraisal_paul = Appraisal.create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q1.id, **weights}
        )
        cls.appraisal_oscar = Appraisal.create(
            {"employee_id": cls.emp_oscar.id, "period_id": cls.q1.id, **weights}
        )

    def _line(self, appraisal, skill):
        return appraisal.skill_line_ids.filtered(lambda line: line.skill_id == skill)

    def _to_manager_review(self, appraisal, manager, employee, self_level=None):
        """Start ``appraisal`` and submit the self review, where the
        employee rates each skill ``self_level``."""
        appraisal.with_user(manager).action_start()
        if self_level:
            for line in appraisal.skill_line_ids.with_user(employee):
                line.self_level_id = self_level
        write_self_review(appraisal)
        appraisal.with_user(employee).action_submit_self_review()

    def test_expected_skill_at_expected_level_scores_competency(self):
        """Oscar, with no competency indicator, assessed at the expected
        level (Beginner to Intermediate): competency 100, growth 25."""
        appraisal = self.appraisal_oscar
        self._to_manager_review(appraisal, self.user_olga, self.user_oscar)
        self.assertFalse(appraisal.has_score_competency)
        line = self._line(appraisal, self.pricing).with_user(self.user_olga)
        line.manager_level_id = self.intermediate
        write_manager_review(appraisal)
        appraisal.with_user(self.user_olga).action_submit_manager_review()
        self.assertEqual(line.growth, 25)
        self.assertTrue(appraisal.has_score_competency)
        self.assertAlmostEqual(appraisal.score_competency, 100.0, places=4)
        # The only dimension with a score: the final score is its score.
        self.assertTrue(appraisal.has_final_score)
        self.assertAlmostEqual(appraisal.final_score, 100.0, places=4)
        # The manager reads it; Oscar once the appraisal is done.
        self.assertFalse(appraisal.with_user(self.user_oscar).score_explanation)
        explanation = str(appraisal.with_user(self.user_olga).score_explanation)
        self.assertIn("Skills: 1 assessed of 1 expected", explanation)
        self.assertIn("+25 since Beginner (25 %)", explanation)

    def test_skills_join_the_competency_indicators(self):
        appraisal = self.appraisal_paul
        # Paul rates himself Expert everywhere: his own view scores nothing.
        self._to_manager_review(
            appraisal, self.user_maria, self.user_paul, self_level=self.expert
        )
        appraisal.with_user(self.user_maria).action_update_scores()
        self.assertAlmostEqual(appraisal.score_competency, 75.0, places=4)
        pricing = self._line(appraisal, self.pricing).with_user(self.user_maria)
        negotiation = self._line(appraisal, self.negotiation).with_user(self.user_maria)
        pricing.manager_level_id = self.intermediate
        negotiation.manager_level_id = self.intermediate
        write_manager_review(appraisal)
        appraisal.with_user(self.user_maria).action_submit_manager_review()
        # By hand: Pricing 50 / 50 = 100, Negotiation 50 / 75 = 66.667; the
        # skills' item (100 + 66.667) / 2 = 83.333 weighs as the mean
        # competency indicator (2), beside Pricing course (3 / 4 = 75,
        # weight 2): competency = (75 * 2 + 83.333 * 2) / 4 = 79.167.
        # No process score: final = (80 * 50 + 79.167 * 20) / 70 = 79.762.
        skills = (100 + 50 / 75 * 100) / 2
        competency = (75 * 2 + skills * 2) / 4
        self.assertAlmostEqual(competency, 79.166667, places=5)
        self.assertAlmostEqual(appraisal.score_result, 80.0, places=4)
        self.assertAlmostEqual(appraisal.score_competency, competency, places=4)
        self.assertFalse(appraisal.has_score_process)
        final = (80 * 50 + competency * 20) / 70
        self.assertAlmostEqual(final, 79.761905, places=5)
        self.assertAlmostEqual(appraisal.final_score, final, places=4)
        self.assertEqual(
            appraisal.rating_band_id,
            self.env["perf.rating.scale"]
            ._get_company_scale(self.company)
            ._get_band(final),
        )
        # Growth beside it: Pricing from no level (0 %) +50, Negotiation
        # from Beginner +25.
        self.assertEqual((pricing.growth, negotiation.growth), (50, 25))

        explanation = str(appraisal.with_user(self.user_maria).score_explanation)
        for text in (
            "Skills: 2 assessed of 2 expected",
            "83.33",
            "66.67",
            "79.17",
            "Mean growth since the level before: +37.5 points",
            "+50 since no level (0 %)",
            "+25 since Beginner (25 %)",
            "Intermediate (50 %) ÷ expected Advanced (75 %)",
        ):
            self.assertIn(text, explanation)

    def test_skill_not_assessed_does_not_count(self):
        appraisal = self.appraisal_paul
        self._to_manager_review(appraisal, self.user_maria, self.user_paul)
        self._line(appraisal, self.pricing).with_user(
            self.user_maria
        ).manager_level_id = self.expert
        appraisal.with_user(self.user_maria).action_update_scores()
        # Pricing: 100 / 50 = 200, capped at 120; Negotiation not assessed:
        # competency = (75 * 2 + 120 * 2) / 4 = 97.5.
        self.assertAlmostEqual(appraisal.score_competency, 97.5, places=4)
        explanation = str(appraisal.score_explanation)
        self.assertIn("Skills: 1 assessed of 2 expected", explanation)
        self.assertIn("not assessed yet", explanation)

    def test_employee_own_assessment_scores_nothing(self):
        appraisal = self.appraisal_oscar
        self._to_manager_review(
            appraisal, self.user_olga, self.user_oscar, self_level=self.expert
        )
        self.assertFalse(appraisal.has_score_competency)
        self.assertFalse(appraisal.has_final_score)

    def test_final_score_with_the_employee_policy_weights(self):
        """Maria's appraisal of Paul takes the weights of the employee level
        policy (process 60, competency 40 by default, result 0)."""
        self._indicator(
            self.obj_paul_q1,
            "Visits",
            dimension="process",
            target_value=10,
            actual_value=9,
        )
        self.appraisal_paul.unlink()
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_maria)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q1.id})
        )
        weights = (
            self.env["perf.level.policy"]
            ._get_policy(self.company, "employee")
            ._get_dimension_weights()
        )
        self.assertEqual(
            (appraisal.weight_result, appraisal.weight_process),
            (weights.get("result", 0.0), weights.get("process", 0.0)),
        )
        self.assertEqual(appraisal.weight_competency, weights.get("competency", 0.0))
        self._to_manager_review(appraisal, self.user_maria, self.user_paul)
        for skill in (self.pricing, self.negotiation):
            self._line(appraisal, skill).with_user(
                self.user_maria
            ).manager_level_id = self.intermediate
        appraisal.with_user(self.user_maria).action_update_scores()
        # Result 80, process 90 (Visits), competency (75 * 2 + 83.333 * 2) /
        # 4 = 79.167, weighed by the policy (a weight of 0 leaves a
        # dimension out).
        scores = {
            "result": 80.0,
            "process": 90.0,
            "competency": (75 * 2 + (100 + 50 / 75 * 100) / 2 * 2) / 4,
        }
        total = sum(weights.get(dim, 0.0) for dim in scores)
        final = sum(score * weights.get(dim, 0.0) for dim, score in scores.items())
        self.assertAlmostEqual(appraisal.score_competency, 79.166667, places=4)
        self.assertAlmostEqual(appraisal.final_score, final / total, places=4)
        # With the default policy: (90 * 60 + 79.167 * 40) / 100.
        self.assertEqual(weights, {"process": 60.0, "competency": 40.0})
        self.assertAlmostEqual(appraisal.final_score, 85.666667, places=4)
