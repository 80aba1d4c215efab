from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import PerfCase

DAY = date(2031, 5, 10)
REVENUE = {
    "name": "Grow revenue",
    "unit": "EUR",
    "unit_type": "amount",
    "target_value": 1_000_000.0,
}
MARGIN = {
    "name": "Keep the gross margin",
    "unit": "%",
    "unit_type": "percent",
    "target_value": 35.0,
}


class SetupCase(PerfCase):
    """A new company with no cycle: three departments (Sales, Marketing and
    Operations, under no common root), their managers, an employee and a
    performance administrator, manager and user of their own."""

    track_changes = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Setup Co"})
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_admin = new_test_user(
            cls.env,
            login="perf_setup_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Ada Setup",
            **company_values,
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="perf_setup_manager",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Max Setup",
            **company_values,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="perf_setup_employee",
            groups="base.group_user",
            name="Eve Setup",
            **company_values,
        )
        cls.departments = cls.env["hr.department"].create(
            [
                {"name": name, "company_id": cls.company.id}
                for name in ("Setup Sales", "Setup Marketing", "Setup Operations")
            ]
        )
        cls.emp_manager = cls.env["hr.employee"].create(
            {
                "name": "Max Setup",
                "user_id": cls.user_manager.id,
                "company_id": cls.company.id,
                "department_id": cls.departments[0].id,
            }
        )
        cls.departments[0].manager_id = cls.emp_manager

    def _setup(self, user=None, **kwargs):
        kwargs.setdefault("day", DAY)
        return (
            self.env["perf.setup"]
            .with_user(user or self.user_admin)
            ._setup_company(self.company, **kwargs)
        )

    def _cycles(self):
        return self.env["perf.cycle"].search([("company_id", "=", self.company.id)])

    def _objectives(self, **domain):
        return self.env["perf.objective"].search(
            [("company_id", "=", self.company.id)]
            + [(fname, "=", value) for fname, value in domain.items()],
            order="id",
        )

    def _counts(self):
        """What the setup makes, counted: cycles, periods, policies, scales,
        objectives by level."""
        return {
            "cycles": len(self._cycles()),
            "periods": len(self._cycles().period_ids),
            "policies": self.env["perf.level.policy"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            "scales": self.env["perf.rating.scale"]
            .with_context(active_test=False)
            .search_count([("company_id", "=", self.company.id)]),
            "company objectives": len(self._objectives(level="company")),
            "department objectives": len(self._objectives(level="department")),
        }


@tagged("post_install", "-at_install")
class TestSetup(SetupCase):
    def test_setup_makes_cycle_policies_scale_and_decomposed_objectives(self):
        self.assertFalse(self._cycles())
        result = self._setup(objectives=[REVENUE, MARGIN])

        cycle = self._cycles()
        self.assertEqual(result["cycle"], cycle)
        self.assertEqual(
            (cycle.date_start, cycle.date_end), (date(2031, 1, 1), date(2031, 12, 31))
        )
        periods = cycle.period_ids
        self.assertEqual(len(periods), 17)
        self.assertEqual(
            [
                len(periods.filtered(lambda p, kind=kind: p.period_type == kind))
                for kind in ("year", "quarter", "month")
            ],
            [1, 4, 12],
        )

        # The method's mix, one policy per level, now in Configuration.
        policies = self.env["perf.level.policy"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(
            {policy.level: policy._get_dimension_weights() for policy in policies},
            {
                "company": {"result": 100.0},
                "department": {"result": 60.0, "process": 40.0},
                "post": {"process": 60.0, "competency": 40.0},
                "employee": {"process": 60.0, "competency": 40.0},
            },
        )
        scale = self.env["perf.rating.scale"]._get_company_scale(self.company)
        self.assertEqual(
            [
                (band.name, band.min_score, band.payroll_coefficient)
                for band in scale.band_ids
            ],
            [
                ("A", 90.0, 1.2),
                ("B", 75.0, 1.1),
                ("C", 60.0, 1.0),
                ("D", 40.0, 0.9),
                ("E", 0.0, 0.8),
            ],
        )

        revenue, margin = self._objectives(level="company")
        self.assertEqual(result["objectives"], revenue | margin)
        self.assertEqual(result["decomposed"], revenue | margin)
        self.assertEqual(revenue.period_id, cycle.year_period_id)
        self.assertEqual(revenue.user_id, self.user_admin)
        indicator = revenue.indicator_ids
        self.assertEqual(
            (
                indicator.name,
                indicator.unit,
                indicator.target_value,
                indicator.dimension,
            ),
            ("Grow revenue", "EUR", 1_000_000.0, "result"),
        )
        self.assertEqual(indicator.aggregation, "sum")
        self.assertEqual(margin.indicator_ids.aggregation, "average")

        # One department objective per department; the revenue targets add
        # up exactly to the company's, the margin is everyone's.
        children = revenue.child_ids.sorted("id")
        self.assertEqual(children.department_id, self.departments)
        self.assertEqual(set(children.mapped("level")), {"department"})
        targets = children.indicator_ids.mapped("target_value")
        self.assertEqual(sorted(targets), [333_333.33, 333_333.33, 333_333.34])
        self.assertEqual(round(sum(targets), 2), 1_000_000.0)
        self.assertFalse(revenue.is_split_outdated)
        self.assertEqual(
            margin.child_ids.indicator_ids.mapped("target_value"), [35.0] * 3
        )
        # The department manager follows their department's part.
        sales = children.filtered(
            lambda child: child.department_id == self.departments[0]
        )
        self.assertEqual(sales.user_id, self.user_manager)

    def test_setup_writes_the_weights_given(self):
        self._setup(
            policies={
                "department": {"result": 50.0, "process": 30.0, "competency": 20.0}
            }
        )
        policy = self.env["perf.level.policy"]._get_policy(self.company, "department")
        self.assertEqual(
            policy._get_dimension_weights(),
            {"result": 50.0, "process": 30.0, "competency": 20.0},
        )
        # The other levels get the method's default.
        policy = self.env["perf.level.policy"]._get_policy(self.company, "post")
        self.assertEqual(
            policy._get_dimension_weights(), {"process": 60.0, "competency": 40.0}
        )
        # Set up again with the default: the policy follows.
        self._setup(policies={"department": {"result": 60.0, "process": 40.0}})
        policy = self.env["perf.level.policy"]._get_policy(self.company, "department")
        self.assertEqual(
            policy._get_dimension_weights(), {"result": 60.0, "process": 40.0}
        )

    def test_wrong_weights_or_objectives_leave_nothing(self):
        with self.assertRaisesText(ValidationError, "add up to 90"):
            self._setup(policies={"company": {"result": 90.0}}, objectives=[REVENUE])
        with self.assertRaisesText(ValidationError, "expects no dimension"):
            self._setup(policies={"post": {}})
        wrong_lines = {
            "no name": dict(REVENUE, name="  "),
            "no target": dict(REVENUE, target_value=0.0),
            "negative target": dict(REVENUE, target_value=-5.0),
            "infinite target": dict(REVENUE, target_value=float("inf")),
            "not a number": dict(REVENUE, target_value=float("nan")),
            "text target": dict(REVENUE, target_value="a million"),
            "huge target": dict(REVENUE, target_value=1e16),
            "long name": dict(REVENUE, name="x" * 201),
            "long unit": dict(REVENUE, unit="y" * 33),
        }
        for case, line in wrong_lines.items():
            with self.subTest(case=case), self.assertRaises(UserError):
                self._setup(objectives=[line])
        self.assertEqual(
            self._counts(),
            {
                "cycles": 0,
                "periods": 0,
                "policies": 0,
                # A new company gets its scale when it is created.
                "scales": 1,
                "company objectives": 0,
                "department objectives": 0,
            },
        )

    def test_setting_up_twice_creates_nothing_twice(self):
        self._setup(objectives=[REVENUE])
        counts = self._counts()
        self.assertEqual(
            counts,
            {
                "cycles": 1,
                "periods": 17,
                "policies": 4,
                "scales": 1,
                "company objectives": 1,
                "department objectives": 3,
            },
        )
        result = self._setup(objectives=[REVENUE])
        self.assertFalse(result["objectives"])
        self.assertEqual(self._counts(), counts)
        # A new goal the second time is added, and decomposed, alone.
        result = self._setup(objectives=[REVENUE, MARGIN])
        self.assertEqual(result["objectives"].name, MARGIN["name"])
        self.assertEqual(self._counts()["department objectives"], 6)

    def test_setup_uses_the_cycle_the_daily_job_made(self):
        self.env["perf.cycle"]._prepare_company_cycles(self.company, DAY)
        cycle = self._cycles()
        self.assertEqual(len(cycle), 1)
        result = self._setup(objectives=[REVENUE])
        self.assertEqual(result["cycle"], cycle)
        self.assertEqual(self._counts()["cycles"], 1)
        self.assertEqual(self._counts()["periods"], 17)

    def test_only_administrators_set_up(self):
        for user in (self.user_manager, self.user_employee):
            with self.subTest(user=user.login):
                with self.assertRaisesText(
                    AccessError, "Only a performance administrator"
                ):
                    self._setup(user=user, objectives=[REVENUE])
                with self.assertRaises(AccessError):
                    self.env["perf.setup.wizard"].with_user(user).create({})
        self.assertFalse(self._cycles())

    def test_company_without_department_gets_its_objectives_only(self):
        self.departments.action_archive()
        result = self._setup(objectives=[REVENUE])
        self.assertEqual(len(result["objectives"]), 1)
        self.assertFalse(result["decomposed"])
        self.assertFalse(result["objectives"].child_ids)
        form = Form(self.env["perf.setup.wizard"].with_user(self.user_admin))
        self.assertIn("no department", form.decompose_summary)

    def test_decomposition_can_be_left_for_later(self):
        result = self._setup(objectives=[REVENUE], decompose=False)
        self.assertFalse(result["decomposed"])
        self.assertFalse(result["objectives"].child_ids)


@tagged("post_install", "-at_install")
class TestSetupWizard(SetupCase):
    def test_wizard_prefills_explains_and_sets_up(self):
        form = Form(self.env["perf.setup.wizard"].with_user(self.user_admin))
        self.assertEqual(form.company_id, self.company)
        self.assertIn("17 periods", form.cycle_summary)
        lines = form.policy_ids._records
        self.assertEqual(
            [line["level"] for line in lines],
            ["company", "department", "post", "employee"],
        )
        self.assertEqual(
            [
                (
                    line["weight_result"],
                    line["weight_process"],
                    line["weight_competency"],
                )
                for line in lines
            ],
            [
                (100.0, 0.0, 0.0),
                (60.0, 40.0, 0.0),
                (0.0, 60.0, 40.0),
                (0.0, 60.0, 40.0),
            ],
        )
        self.assertTrue(all(line["explanation"] for line in lines))
        self.assertEqual(
            form.band_ids[:].mapped("payroll_coefficient"), [1.2, 1.1, 1.0, 0.9, 0.8]
        )
        self.assertEqual(set(form.department_ids[:].ids), set(self.departments.ids))
        self.assertIn("3 departments", form.decompose_summary)
        with form.policy_ids.edit(1) as line:
            line.weight_result = 70.0
            line.weight_process = 30.0
        with form.objective_ids.new() as line:
            line.name = "Grow revenue"
            self.assertEqual(line.unit, self.company.currency_id.name)
            line.target_value = 900_000.0
        with form.objective_ids.new() as line:
            line.name = "Keep the gross margin"
            line.unit_type = "percent"
            self.assertEqual(line.unit, "%")
            line.target_value = 35.0
        action = form.save().action_setup()

        cycle = self._cycles()
        self.assertEqual(len(cycle.period_ids), 17)
        self.assertEqual(action["res_model"], "perf.objective")
        self.assertEqual(action["domain"], [("cycle_id", "=", cycle.id)])
        self.assertEqual(action["target"], "main")
        revenue, margin = self._objectives(level="company")
        self.assertEqual(revenue.indicator_ids.unit_type, "amount")
        self.assertEqual(
            sorted(revenue.child_ids.indicator_ids.mapped("target_value")),
            [300_000.0] * 3,
        )
        self.assertEqual(margin.indicator_ids.aggregation, "average")
        policy = self.env["perf.level.policy"]._get_policy(self.company, "department")
        self.assertEqual(
            policy._get_dimension_weights(), {"result": 70.0, "process": 30.0}
        )

    def test_wizard_with_a_cycle_uses_it(self):
        self.env["perf.cycle"]._ensure_cycle(self.company, date.today())
        form = Form(self.env["perf.setup.wizard"].with_user(self.user_admin))
        self.assertIn("already covers", form.cycle_summary)
        with form.objective_ids.new() as line:
            line.name = "Grow revenue"
            line.target_value = 900_000.0
        form.save().action_setup()
        self.assertEqual(len(self._cycles()), 1)

    def test_not_now_sets_nothing_up(self):
        action = (
            Form(self.env["perf.setup.wizard"].with_user(self.user_admin))
            .save()
            .action_skip()
        )
        self.assertEqual(action["res_model"], "perf.objective")
        self.assertFalse(self._cycles())

    def test_no_goal_makes_the_rest(self):
        form = Form(self.env["perf.setup.wizard"].with_user(self.user_admin))
        action = form.save().action_setup()
        self.assertEqual(action["res_model"], "perf.objective")
        self.assertEqual(self._counts()["periods"], 17)
        self.assertEqual(self._counts()["policies"], 4)


@tagged("post_install", "-at_install")
class TestLanding(SetupCase):
    def _landing(self, user):
        action = self.env.ref("perf_management.perf_landing_action")
        return (
            action.with_user(user)
            .with_context(allowed_company_ids=self.company.ids)
            .run()
        )

    def test_app_lands_on_setup_then_on_objectives(self):
        action = self._landing(self.user_admin)
        self.assertEqual(action["res_model"], "perf.setup.wizard")
        for user in (self.user_manager, self.user_employee):
            with self.subTest(user=user.login):
                action = self._landing(user)
                self.assertEqual(action["type"], "ir.actions.client")
                self.assertEqual(action["tag"], "perf_setup_pending")
                self.assertEqual(action["params"]["company"], "Setup Co")
                self.assertEqual(action["params"]["administrators"], ["Ada Setup"])

        # A cycle alone (the daily job makes it) sets nothing up.
        self.env["perf.cycle"]._prepare_company_cycles(self.company, date.today())
        self.assertEqual(
            self._landing(self.user_admin)["res_model"], "perf.setup.wizard"
        )

        self._setup(objectives=[REVENUE], day=date.today())
        for user in (self.user_admin, self.user_manager):
            with self.subTest(user=user.login):
                action = self._landing(user)
                self.assertEqual(
                    action["xml_id"], "perf_management.perf_objective_action"
                )
        # An employee opens the app where they work: their check-ins.
        self.assertEqual(
            self._landing(self.user_employee)["xml_id"],
            "perf_management.perf_checkin_action_my",
        )

    def test_archived_objectives_still_count_as_set_up(self):
        result = self._setup(objectives=[REVENUE], decompose=False)
        result["objectives"].action_archive()
        action = self._landing(self.user_manager)
        self.assertEqual(action["res_model"], "perf.objective")
