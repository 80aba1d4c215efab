from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import IndicatorCommon

DEFAULTS = {
    "company": {"result": 100.0},
    "department": {"result": 60.0, "process": 40.0},
    "post": {"process": 60.0, "competency": 40.0},
    "employee": {"process": 60.0, "competency": 40.0},
}


@tagged("post_install", "-at_install")
class TestLevelPolicyDefaults(IndicatorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["perf.level.policy"]
        cls.other_company = cls.env["res.company"].create({"name": "Branch"})

    def test_main_company_defaults(self):
        for level, weights in DEFAULTS.items():
            policy = self.Policy.search(
                [("company_id", "=", self.company.id), ("level", "=", level)]
            )
            self.assertEqual(len(policy), 1, level)
            self.assertEqual(policy._get_dimension_weights(), weights, level)

    def test_default_values_follow_the_method(self):
        for level, weights in DEFAULTS.items():
            values = self.Policy._default_values(level)
            for dim in ("result", "process", "competency"):
                self.assertEqual(values[f"expect_{dim}"], dim in weights)
                self.assertEqual(values[f"weight_{dim}"], weights.get(dim, 0.0))

    def test_new_company_falls_back_to_defaults(self):
        self.assertFalse(
            self.Policy.search([("company_id", "=", self.other_company.id)])
        )
        for level, weights in DEFAULTS.items():
            policy = self.Policy._get_policy(self.other_company, level)
            self.assertEqual(policy.company_id, self.other_company)
            self.assertEqual(policy.level, level)
            self.assertEqual(policy._get_dimension_weights(), weights, level)
        self.assertFalse(
            self.Policy.search([("company_id", "=", self.other_company.id)]),
            "Reading a default policy does not write one",
        )

    def test_configured_policy_wins(self):
        policy = self.Policy.create(
            {
                "company_id": self.other_company.id,
                "level": "company",
                "expect_result": True,
                "weight_result": 70.0,
                "expect_process": True,
                "weight_process": 30.0,
            }
        )
        self.assertEqual(self.Policy._get_policy(self.other_company, "company"), policy)
        self.assertEqual(
            self.Policy._get_policy(
                self.other_company, "department"
            )._get_dimension_weights(),
            DEFAULTS["department"],
        )

    def test_user_reads_policy(self):
        user = new_test_user(
            self.env, login="perf_policy_user", groups="perf_management.group_perf_user"
        )
        policy = self.Policy.with_user(user)._get_policy(self.company, "department")
        self.assertEqual(policy._get_dimension_weights(), DEFAULTS["department"])

    def test_policies_of_other_companies_invisible(self):
        user = new_test_user(
            self.env,
            login="perf_policy_branch_admin",
            groups="perf_management.group_perf_admin",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        self.assertFalse(self.Policy.with_user(user).search([]))
        policy = self.Policy.with_user(user)._get_policy(self.other_company, "post")
        self.assertEqual(policy._get_dimension_weights(), DEFAULTS["post"])


@tagged("post_install", "-at_install")
class TestLevelPolicyConstraints(IndicatorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("perf_management.perf_level_policy_department")

    def _assert_refused(self, values, message):
        fields = list(values) + [
            "expect_result",
            "expect_process",
            "weight_result",
            "weight_process",
        ]
        before = self.policy.read(fields)[0]
        with self.assertRaises(ValidationError) as caught:
            self.policy.write(values)
        self.assertRegex(str(caught.exception), message)
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.read(fields)[0], before)

    def test_weights_must_add_up_to_100(self):
        self._assert_refused({"weight_result": 70.0}, "add up to 100")
        self._assert_refused(
            {"expect_competency": True, "weight_competency": 10.0}, "add up to 100"
        )

    def test_weights_not_negative(self):
        self._assert_refused(
            {"weight_result": 140.0, "weight_process": -40.0}, "negative"
        )

    def test_at_least_one_dimension(self):
        self._assert_refused(
            {"expect_result": False, "expect_process": False}, "at least one"
        )

    def test_valid_change(self):
        self.policy.write({"weight_result": 50.0, "weight_process": 50.0})
        self.assertEqual(
            self.policy._get_dimension_weights(), {"result": 50.0, "process": 50.0}
        )

    def test_unique_company_level(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["perf.level.policy"].create(
                {
                    "company_id": self.company.id,
                    "level": "department",
                    "expect_result": True,
                    "weight_result": 100.0,
                }
            )

    def test_unticking_a_dimension_clears_its_weight(self):
        with Form(
            self.policy, view="perf_management.perf_level_policy_view_list"
        ) as form:
            form.expect_process = False
            self.assertEqual(form.weight_process, 0.0)
            form.weight_result = 100.0
        self.assertEqual(self.policy._get_dimension_weights(), {"result": 100.0})


@tagged("post_install", "-at_install")
class TestObjectiveWarnings(IndicatorCommon):
    def _warning(self, objective):
        return self.env["perf.level.policy"]._get_objective_warnings(objective)[
            objective.id
        ]

    def test_fitting_objectives_have_no_warning(self):
        self._create_indicator(self.objective_company)
        self._create_indicator(self.objective_department)
        self._create_indicator(self.objective_department, dimension="process")
        for objective in (self.objective_post, self.objective_employee):
            self._create_indicator(objective, dimension="process")
            self._create_indicator(objective, dimension="competency")
        objectives = (
            self.objective_company
            | self.objective_department
            | self.objective_post
            | self.objective_employee
        )
        warnings = self.env["perf.level.policy"]._get_objective_warnings(objectives)
        self.assertEqual(warnings, dict.fromkeys(objectives.ids, ""))

    def test_unexpected_dimension(self):
        self._create_indicator(self.objective_company)
        self._create_indicator(self.objective_company, dimension="competency")
        warning = self._warning(self.objective_company)
        self.assertIn("Company level", warning)
        self.assertIn("Not expected at this level: Competency", warning)
        self.assertNotIn("Missing", warning)

    def test_missing_dimension(self):
        self._create_indicator(self.objective_department)
        warning = self._warning(self.objective_department)
        self.assertIn("Department level", warning)
        self.assertIn("expects Result, Process indicators", warning)
        self.assertIn("Missing: Process", warning)
        self.assertNotIn("Not expected", warning)

    def test_missing_and_unexpected(self):
        self._create_indicator(self.objective_employee, dimension="result")
        self._create_indicator(self.objective_employee, dimension="process")
        warning = self._warning(self.objective_employee)
        self.assertIn("Employee level", warning)
        self.assertIn("Missing: Competency", warning)
        self.assertIn("Not expected at this level: Result", warning)

    def test_no_indicator(self):
        warning = self._warning(self.objective_post)
        self.assertIn("Post level", warning)
        self.assertIn("Missing: Process, Competency", warning)

    def test_policy_change_changes_warning(self):
        self._create_indicator(self.objective_company)
        self._create_indicator(self.objective_company, dimension="process")
        self.assertIn("Process", self._warning(self.objective_company))
        self.env.ref("perf_management.perf_level_policy_company").write(
            {"expect_process": True, "weight_result": 80.0, "weight_process": 20.0}
        )
        self.assertEqual(self._warning(self.objective_company), "")

    def test_other_company_uses_default_policy(self):
        company = self.env["res.company"].create({"name": "Branch"})
        period = self._create_period(company, year=2032)
        department = self.env["hr.department"].create(
            {"name": "Branch sales", "company_id": company.id}
        )
        objective = self._create_objective(
            "department", company=company, period=period, department_id=department.id
        )
        self._create_indicator(objective, dimension="process")
        self.assertIn("Missing: Result", self._warning(objective))

    def test_objective_policy_warning_field(self):
        self._create_indicator(self.objective_company)
        self._create_indicator(self.objective_department)
        self.assertFalse(self.objective_company.policy_warning)
        self.assertIn("Missing: Process", self.objective_department.policy_warning)
        warned = self.env["perf.objective"].search([("policy_warning", "!=", False)])
        self.assertIn(self.objective_department, warned)
        self.assertNotIn(self.objective_company, warned)

    def test_policy_warning_search_reads_no_objective_in_python(self):
        """The filter is a domain of subqueries: correct for every case, and no
        warning is built in Python for the objectives searched."""
        self._create_indicator(self.objective_company)  # fits
        self._create_indicator(self.objective_department)  # process missing
        self._create_indicator(self.objective_post, dimension="process")
        self._create_indicator(self.objective_post, dimension="competency")  # fits
        self._create_indicator(self.objective_employee, dimension="process")
        self._create_indicator(self.objective_employee, dimension="competency")
        self._create_indicator(self.objective_employee, dimension="result")
        objectives = (
            self.objective_company
            | self.objective_department
            | self.objective_post
            | self.objective_employee
        )
        Policy = type(self.env["perf.level.policy"])
        with patch.object(
            Policy, "_get_objective_warnings", side_effect=AssertionError("loop")
        ):
            warned = self.env["perf.objective"].search(
                [("id", "in", objectives.ids), ("policy_warning", "!=", False)]
            )
            fitting = self.env["perf.objective"].search(
                [("id", "in", objectives.ids), ("policy_warning", "=", False)]
            )
        self.assertEqual(warned, self.objective_department | self.objective_employee)
        self.assertEqual(fitting, self.objective_company | self.objective_post)
        # The same objectives as the computed field says.
        self.assertEqual(objectives.filtered("policy_warning"), warned)

    def test_unweighted_dimension_warned(self):
        """A dimension expected with a weight of 0 counts equally: said so."""
        self.env.ref("perf_management.perf_level_policy_department").write(
            {"expect_process": True, "weight_result": 100.0, "weight_process": 0.0}
        )
        self._create_indicator(self.objective_department)
        self._create_indicator(self.objective_department, dimension="process")
        warning = self.objective_department.policy_warning
        self.assertIn("No weight in the policy: Process", warning)
        self.assertIn("counts equally", warning)
        self.assertIn(
            self.objective_department,
            self.env["perf.objective"].search([("policy_warning", "!=", False)]),
        )

    def test_settings_link_to_policies(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        action = self.env.ref("perf_management.perf_level_policy_action")
        self.assertIn(f'name="{action.id}"', arch)
