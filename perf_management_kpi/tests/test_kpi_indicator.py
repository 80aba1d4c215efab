from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..models.perf_kpi_band import color_for_score
from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiIndicator(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employees = cls._create_employees(3, cls.dep_field, "KPI Indicator")
        cls.logs, cls.expected = cls._create_skill_logs(cls.employees)
        cls.definition = cls._create_definition(
            code="IND_SKILL",
            unit="points",
            direction="higher",
            curve="linear",
            threshold=10.0,
            cap=150.0,
            aggregation="sum",
        )
        cls.q1 = cls.quarters[0]
        cls.objective = cls._objective(
            "employee", cls.q1, employee_id=cls.employees[0].id
        )

    def _indicator(self, objective=None, **values):
        return self.env["perf.indicator"].create(
            {
                "objective_id": (objective or self.objective).id,
                "kpi_definition_id": self.definition.id,
                "target_value": 100.0,
                **values,
            }
        )

    def test_create_copies_definition_settings(self):
        indicator = self._indicator()
        self.assertEqual(indicator.name, "Skill progress points")
        self.assertEqual(indicator.unit, "points")
        self.assertEqual(indicator.dimension, "competency")
        self.assertEqual(indicator.threshold, 10.0)
        self.assertEqual(indicator.cap, 150.0)
        self.assertEqual(indicator.aggregation, "sum")

    def test_onchange_copies_definition_settings(self):
        with Form(self.env["perf.indicator"]) as form:
            form.objective_id = self.objective
            form.kpi_definition_id = self.definition
            self.assertEqual(form.name, "Skill progress points")
            self.assertEqual(form.unit, "points")
            self.assertEqual(form.cap, 150.0)
            form.target_value = 50.0
        self.assertEqual(form.record.kpi_definition_id, self.definition)

    def test_computation_writes_quarter_actual(self):
        indicator = self._indicator()
        self.definition._update_actuals()
        employee = self.employees[0]
        expected = sum(
            self.expected.get((employee.id, month), [0, 0])[0] for month in (1, 2, 3)
        )
        self.assertTrue(indicator.has_actual)
        self.assertEqual(indicator.actual_value, expected)
        self.assertTrue(indicator.has_score)

    def test_department_and_company_indicators(self):
        dep_objective = self._objective(
            "department", self.months[0], department_id=self.dep_sales.id
        )
        company_objective = self._objective("company", self.year)
        dep_indicator = self._indicator(dep_objective)
        company_indicator = self._indicator(company_objective)
        self.definition._update_actuals()
        january = sum(
            total for (__, month), (total, __c) in self.expected.items() if month == 1
        )
        self.assertEqual(dep_indicator.actual_value, january)
        company_total = sum(
            log.level_progress
            for log in self.env["hr.employee.skill.log"].search(
                [("date", ">=", "2021-01-01"), ("date", "<=", "2021-12-31")]
            )
        )
        self.assertEqual(company_indicator.actual_value, company_total)

    def test_objective_refresh_button(self):
        indicator = self._indicator()
        self.assertFalse(indicator.has_actual)
        self.objective.action_refresh_kpi_actuals()
        self.assertTrue(indicator.has_actual)

    def test_post_objective_actual_is_entered_by_hand(self):
        post_objective = self._objective(
            "post",
            self.q1,
            job_id=self.job.id,
            department_id=self.dep_field.id,
        )
        indicator = self._indicator(post_objective)
        employee_indicator = self._indicator()
        self.definition._update_actuals()
        # The department's value counts every post: not this post's actual.
        self.assertTrue(employee_indicator.has_actual)
        self.assertFalse(indicator.has_actual)
        self.assertTrue(indicator.kpi_actual_by_hand)
        self.assertFalse(employee_indicator.kpi_actual_by_hand)
        indicator.actual_value = 42.0
        self.definition._update_actuals()
        self.assertEqual(indicator.actual_value, 42.0)
        arch = self.env["perf.indicator"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn("post-level objective", arch)

    def test_manual_monthly_values_feed_indicator(self):
        manual = self.env["perf.kpi.definition"].create(
            {
                "code": "TRAINING_H",
                "name": "Training hours",
                "source": "manual",
                "aggregation": "sum",
            }
        )
        indicator = self.env["perf.indicator"].create(
            {
                "objective_id": self.objective.id,
                "kpi_definition_id": manual.id,
                "target_value": 20.0,
            }
        )
        self.env["perf.kpi.value"].create(
            [
                {
                    "definition_id": manual.id,
                    "period_id": self.months[i].id,
                    "employee_id": self.employees[0].id,
                    "value": hours,
                }
                for i, hours in ((0, 4.0), (1, 6.0))
            ]
        )
        self.assertEqual(indicator.actual_value, 10.0)
        self.assertEqual(indicator.score, 50.0)

    def test_kpi_figures_are_finite_and_bounded(self):
        user, employee = self._employee_user(
            "kpi_bounds_eve", "base.group_user", self.dep_field
        )
        manual = self.env["perf.kpi.definition"].create(
            {"code": "BOUNDS_H", "name": "Bounded hours", "source": "manual"}
        )
        value = (
            self.env["perf.kpi.value"]
            .with_user(user)
            .create(
                {
                    "definition_id": manual.id,
                    "period_id": self.months[0].id,
                    "employee_id": employee.id,
                    "value": 4.0,
                }
            )
        )
        Value = self.env["perf.kpi.value"].with_user(user)
        for bad in (float("nan"), float("inf"), 1e308):
            with self.assertRaisesRegex(ValidationError, "is not a number between"):
                value.with_user(user).write({"value": bad})
            with self.assertRaisesRegex(ValidationError, "is not a number between"):
                Value.create(
                    {
                        "definition_id": manual.id,
                        "period_id": self.months[1].id,
                        "employee_id": employee.id,
                        "value": bad,
                    }
                )
            for record, fname in (
                (self.definition, "threshold"),
                (self.definition, "cap"),
                (self.definition.band_ids[:1], "min_score"),
            ):
                with self.assertRaisesRegex(ValidationError, "is not a number between"):
                    record.write({fname: bad})
        self.assertEqual(value.value, 4.0)

    def test_colours_from_bands(self):
        self.assertEqual(color_for_score(50, None), "red")
        self.assertEqual(color_for_score(80, None), "amber")
        self.assertEqual(color_for_score(99.9, None), "amber")
        self.assertEqual(color_for_score(100, None), "green")
        indicator = self._indicator(actual_value=85.0)
        self.assertEqual(indicator.score, 85.0)
        self.assertEqual(indicator.score_color, "amber")
        indicator.actual_value = 40.0
        self.assertEqual(indicator.score_color, "red")
        indicator.actual_value = 120.0
        self.assertEqual(indicator.score_color, "green")
        # Custom bands of the definition: green from 70 %.
        self.definition.band_ids.filtered(lambda b: b.color == "green").min_score = 70
        self.definition.band_ids.filtered(lambda b: b.color == "amber").min_score = 50
        indicator.actual_value = 75.0
        self.assertEqual(indicator.score_color, "green")
        no_actual = self._indicator()
        self.assertEqual(no_actual.score_color, "none")

    def test_scorecard_columns_from_red_to_no_score(self):
        """Grouped by colour (the scorecard's cards), what needs attention
        comes first and the KPIs without a score last, not in the order of
        the values' names."""
        for actual in (120.0, 85.0, 40.0, None):
            self._indicator(**({} if actual is None else {"actual_value": actual}))
        groups = self.env["perf.indicator"].read_group(
            [("kpi_definition_id", "=", self.definition.id)],
            ["score_color"],
            ["score_color"],
        )
        self.assertEqual(
            [group["score_color"] for group in groups],
            ["red", "amber", "green", "none"],
        )

    def test_target_of_wrong_sign_is_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._indicator(target_value=-5.0)
        self.assertFalse(
            self.env["perf.indicator"].search(
                [("kpi_definition_id", "=", self.definition.id)]
            )
        )
        indicator = self._indicator()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            indicator.target_value = 0.0
            indicator.flush_recordset()
        indicator.invalidate_recordset()
        self.assertEqual(indicator.target_value, 100.0)
        # A KPI that may be negative (a profit that can be a loss) accepts it.
        self.definition.allow_negative = True
        indicator.target_value = -10.0
        self.assertEqual(indicator.target_value, -10.0)


@tagged("post_install", "-at_install")
class TestKpiAssignWizard(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employees = cls._create_employees(4, cls.dep_sales, "KPI Assignee")
        cls.field_employee = cls._create_employees(1, cls.dep_field, "KPI Field")
        cls.definition = cls._create_definition(code="ASSIGN")
        cls.parent = cls._objective(
            "department", cls.quarters[0], department_id=cls.dep_sales.id
        )
        cls.existing = cls._objective(
            "employee", cls.quarters[0], employee_id=cls.employees[0].id
        )

    def _wizard(self, **values):
        return self.env["perf.kpi.assign.wizard"].create(
            {
                "definition_id": self.definition.id,
                "assign_by": "department",
                "department_id": self.dep_sales.id,
                "period_id": self.quarters[0].id,
                "parent_objective_id": self.parent.id,
                "target_value": 120.0,
                **values,
            }
        )

    def _kpi_indicators(self):
        return self.env["perf.indicator"].search(
            [("kpi_definition_id", "=", self.definition.id)]
        )

    def test_assign_to_department(self):
        wizard = self._wizard()
        everyone = self.employees | self.field_employee
        self.assertEqual(wizard.employee_count, len(everyone))
        wizard.action_assign()
        indicators = self._kpi_indicators()
        self.assertEqual(indicators.objective_id.employee_id, everyone)
        self.assertEqual(set(indicators.mapped("target_value")), {120.0})
        self.assertIn(
            self.existing, indicators.objective_id, "existing objective reused"
        )
        created = indicators.objective_id - self.existing
        self.assertEqual(created.parent_id, self.parent)
        self.assertEqual(set(created.mapped("level")), {"employee"})
        # Running it again updates the target instead of duplicating.
        self._wizard(target_value=150.0).action_assign()
        again = self._kpi_indicators()
        self.assertEqual(again, indicators)
        self.assertEqual(set(again.mapped("target_value")), {150.0})

    def test_assign_keeps_hand_edited_targets(self):
        self._wizard().action_assign()
        edited = self._kpi_indicators().filtered(
            lambda i: i.objective_id == self.existing
        )
        edited.write({"target_value": 80.0, "weight": 3.0})
        self.existing.is_manually_edited = True
        result = self._wizard(target_value=150.0).action_assign()
        self.assertEqual((edited.target_value, edited.weight), (80.0, 3.0))
        others = self._kpi_indicators() - edited
        self.assertEqual(set(others.mapped("target_value")), {150.0})
        message = result["params"]["message"]
        self.assertIn(f"0 indicator(s) created, {len(others)} updated", message)
        self.assertIn("1 kept", message)
        self.assertEqual(result["params"]["next"]["res_model"], "perf.indicator")

    def test_assign_by_job(self):
        wizard = self._wizard(assign_by="job", job_id=self.job.id, department_id=False)
        self.assertGreaterEqual(wizard.employee_count, 5)
        wizard.action_assign()
        self.assertTrue(
            (self.employees | self.field_employee)
            <= self._kpi_indicators().objective_id.employee_id
        )

    def test_responsible_is_the_manager_not_the_employee(self):
        manager_user, manager = self._employee_user(
            "kpi_assign_manager",
            "base.group_user,perf_management.group_perf_manager",
            self.dep_sales,
        )
        employee_user, employee = self._employee_user(
            "kpi_assign_employee", "base.group_user", self.dep_sales, manager
        )
        head_user, head = self._employee_user(
            "kpi_assign_head", "base.group_user", self.dep_field
        )
        self.dep_field.manager_id = head
        loner_user, loner = self._employee_user(
            "kpi_assign_loner", "base.group_user", self.dep_field
        )
        admin_user = new_test_user(
            self.env,
            login="kpi_assign_admin",
            groups="base.group_user,hr.group_hr_user,perf_management.group_perf_admin",
        )
        wizard = self.env["perf.kpi.assign.wizard"].with_user(admin_user)
        wizard.create(
            {
                "definition_id": self.definition.id,
                "assign_by": "department",
                "department_id": self.dep_sales.id,
                "period_id": self.quarters[1].id,
                "target_value": 10.0,
            }
        ).action_assign()
        objectives = self.env["perf.objective"].search(
            [("period_id", "=", self.quarters[1].id), ("level", "=", "employee")]
        )
        by_employee = {o.employee_id: o.user_id for o in objectives}
        self.assertEqual(by_employee[employee], manager_user)
        self.assertEqual(by_employee[loner], head_user)
        self.assertEqual(by_employee[head], admin_user)
        for objective in objectives:
            if objective.employee_id.user_id:
                self.assertNotEqual(objective.user_id, objective.employee_id.user_id)

    def test_bad_input_changes_nothing(self):
        objectives_before = self.env["perf.objective"].search_count([])
        for values, message in (
            ({"weight": 0.0}, "greater than zero"),
            ({"weight": -1.0}, "greater than zero"),
            ({"target_value": -10.0}, "positive number"),
        ):
            with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                self._wizard(**values).action_assign()
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self._kpi_indicators())
        self.assertEqual(self.env["perf.objective"].search_count([]), objectives_before)


@tagged("post_install", "-at_install")
class TestKpiIndicatorTrust(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_user, cls.manager = cls._employee_user(
            "kpi_trust_manager",
            "base.group_user,perf_management.group_perf_manager",
            cls.dep_sales,
        )
        cls.alice_user, cls.alice = cls._employee_user(
            "kpi_trust_alice", "base.group_user", cls.dep_sales, cls.manager
        )
        cls.bob_user, cls.bob = cls._employee_user(
            "kpi_trust_bob", "base.group_user", cls.dep_sales, cls.manager
        )
        cls._create_skill_logs(cls.alice | cls.bob)
        cls.computed = cls._create_definition(code="TRUST_COMPUTED")
        cls.manual = cls.env["perf.kpi.definition"].create(
            {"code": "TRUST_MANUAL", "name": "Calls", "source": "manual"}
        )
        cls.q1 = cls.quarters[0]

    def _indicator(self, definition, employee, **values):
        objective = self._objective(
            "employee", self.q1, employee_id=employee.id, user_id=self.manager_user.id
        )
        return self.env["perf.indicator"].create(
            {
                "objective_id": objective.id,
                "kpi_definition_id": definition.id,
                "target_value": 100.0,
                **values,
            }
        )

    def test_employee_cannot_overwrite_a_computed_actual(self):
        indicator = self._indicator(self.computed, self.alice)
        self.computed._update_actuals()
        computed_actual = indicator.actual_value
        as_alice = indicator.with_user(self.alice_user)
        for vals in ({"actual_value": 1e6}, {"has_actual": False}):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                as_alice.write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            indicator.with_user(self.manager_user).write({"actual_value": 1e6})
        self.assertEqual(indicator.actual_value, computed_actual)
        # The actual of a KPI entered by hand stays hers to enter.
        manual = self._indicator(self.manual, self.alice)
        manual.with_user(self.alice_user).write({"actual_value": 7.0})
        self.assertEqual(manual.actual_value, 7.0)

    def test_nobody_checks_in_on_a_computed_actual(self):
        indicator = self._indicator(self.computed, self.alice)
        self.computed._update_actuals()
        computed_actual = indicator.actual_value
        Checkin = self.env["perf.checkin"]
        for user in (self.alice_user, self.manager_user):
            # Nor is it offered: no Check in button, no reminder.
            self.assertFalse(indicator.with_user(user).can_checkin)
            with self.assertRaisesRegex(UserError, "nobody checks in"):
                Checkin.with_user(user).create(
                    {"indicator_id": indicator.id, "value": 1e6}
                )
        self.assertFalse(Checkin.search([("indicator_id", "=", indicator.id)]))
        self.assertEqual(indicator.actual_value, computed_actual)
        # A KPI entered by hand is checked in like any indicator.
        manual = self._indicator(self.manual, self.alice)
        self.assertTrue(manual.with_user(self.alice_user).can_checkin)
        stale = self.env["perf.indicator"]._get_stale_indicators(
            manual.period_id.date_end
        )
        self.assertIn(manual, stale)
        self.assertNotIn(indicator, stale)
        Checkin.with_user(self.alice_user).create(
            {"indicator_id": manual.id, "value": 7.0}
        )
        self.assertEqual(manual.actual_value, 7.0)

    def test_group_scores_are_weighted_means_of_scored_indicators(self):
        zero = self._indicator(self.manual, self.alice, weight=1.0)
        zero.write({"actual_value": 0.0, "has_actual": True})
        self._indicator(self.manual, self.alice, weight=5.0)
        self._indicator(self.manual, self.alice, weight=3.0, actual_value=90.0)
        groups = (
            self.env["perf.indicator"]
            .with_user(self.manager_user)
            .read_group(
                [("kpi_definition_id", "=", self.manual.id)],
                ["score:avg"],
                ["objective_employee_id"],
            )
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["score"], (0 * 1 + 90 * 3) / 4)

    def test_a_manual_value_updates_only_its_owner(self):
        alice_indicator = self._indicator(self.manual, self.alice)
        bob_indicator = self._indicator(self.manual, self.bob)
        Value = self.env["perf.kpi.value"]
        Value.create(
            {
                "definition_id": self.manual.id,
                "period_id": self.months[0].id,
                "employee_id": self.bob.id,
                "value": 5.0,
            }
        )
        self.assertEqual(bob_indicator.actual_value, 5.0)
        # Bob's actual, corrected by hand since: Alice's value leaves it alone.
        bob_indicator.actual_value = 6.0
        Value.with_user(self.alice_user).create(
            {
                "definition_id": self.manual.id,
                "period_id": self.months[1].id,
                "employee_id": self.alice.id,
                "value": 4.0,
            }
        )
        self.assertEqual(alice_indicator.actual_value, 4.0)
        self.assertEqual(bob_indicator.actual_value, 6.0)

    def test_decomposed_kpi_indicators_keep_their_kpi(self):
        company_objective = self._objective("company", self.year)
        indicator = self.env["perf.indicator"].create(
            {
                "objective_id": company_objective.id,
                "kpi_definition_id": self.computed.id,
                "target_value": 1000.0,
            }
        )
        with Form(
            self.env["perf.decompose.space.wizard"].with_context(
                default_objective_id=company_objective.id
            )
        ) as form:
            form.target_level = "department"
            while len(form.line_ids):
                form.line_ids.remove(0)
            with form.line_ids.new() as line:
                line.department_id = self.dep_sales
        form.record.action_decompose()
        children = self.env["perf.indicator"].search(
            [("decomposition_key", "=", f"indicator:{indicator.id}")]
        )
        self.assertTrue(children)
        self.assertEqual(children.kpi_definition_id, self.computed)
        self.computed._update_actuals()
        self.assertTrue(all(children.mapped("has_actual")))
        # Each level takes the KPI's own figure, not the sum of its parts:
        # the computation writes it without being refused.
        self.assertFalse(indicator.is_actual_derived)
        self.assertTrue(indicator.has_actual)
