from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class OkrData:
    """A company objective of FY 2032, a Sales department managed by Maria,
    and Paul, a seller, each with an OKR for Q1 aligned to it."""

    @classmethod
    def _setup_okr_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2032",
                "company_id": cls.company.id,
                "date_start": "2032-01-01",
                "date_end": "2032-12-31",
            }
        )
        cls.year = cls.cycle.year_period_id
        cls.q1 = cls.cycle.period_ids.filtered(
            lambda p: p.period_type == "quarter"
        ).sorted("date_start")[0]
        users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.user_maria = new_test_user(
            users.env,
            login="okr_maria",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Maria OKR",
        )
        cls.user_paul = new_test_user(
            users.env, login="okr_paul", groups="base.group_user", name="Paul OKR"
        )
        cls.user_rita = new_test_user(
            users.env, login="okr_rita", groups="base.group_user", name="Rita OKR"
        )
        cls.dep_sales = cls.env["hr.department"].create({"name": "OKR Sales"})
        Employee = cls.env["hr.employee"]
        cls.emp_maria = Employee.create(
            {
                "name": "Maria OKR",
                "user_id": cls.user_maria.id,
                "department_id": cls.dep_sales.id,
            }
        )
        cls.emp_paul = Employee.create(
            {
                "name": "Paul OKR",
                "user_id": cls.user_paul.id,
                "department_id": cls.dep_sales.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        cls.emp_rita = Employee.create(
            {
                "name": "Rita OKR",
                "user_id": cls.user_rita.id,
                "department_id": cls.dep_sales.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        cls.dep_sales.manager_id = cls.emp_maria
        Objective = cls.env["perf.objective"]
        cls.obj_company = Objective.create(
            {
                "name": "Grow revenue (KPI)",
                "level": "company",
                "period_id": cls.year.id,
                "indicator_ids": [
                    Command.create({"name": "Revenue", "target_value": 1000})
                ],
            }
        )
        cls.okr_sales = Objective.create(
            {
                "name": "Win OKR test accounts",
                "is_okr": True,
                "okr_type": "aspirational",
                "level": "department",
                "department_id": cls.dep_sales.id,
                "period_id": cls.q1.id,
                "parent_id": cls.obj_company.id,
                "user_id": cls.user_maria.id,
            }
        )
        cls.okr_paul = Objective.create(
            {
                "name": "Paul opens accounts",
                "is_okr": True,
                "okr_type": "committed",
                "level": "employee",
                "employee_id": cls.emp_paul.id,
                "period_id": cls.q1.id,
                "parent_id": cls.okr_sales.id,
                "user_id": cls.user_maria.id,
            }
        )
        cls.kr_metric = cls._key_result(
            cls.okr_paul,
            "Customer meetings",
            "metric",
            okr_start_value=10,
            target_value=50,
        )
        cls.kr_milestone = cls._key_result(
            cls.okr_paul,
            "Partner programme",
            "milestone",
            dimension="process",
            milestone_ids=[
                Command.create({"name": name, "sequence": seq})
                for seq, name in enumerate(("Designed", "Signed", "Live", "Reviewed"))
            ],
        )
        cls.kr_binary = cls._key_result(
            cls.okr_paul, "Certified", "binary", dimension="competency"
        )
        cls.kr_percent = cls._key_result(
            cls.okr_sales, "Deals with a pricing review", "percentage", target_value=80
        )
        cls.env.flush_all()

    @classmethod
    def _key_result(cls, objective, name, kr_type, **values):
        return cls.env["perf.indicator"].create(
            {
                "name": name,
                "objective_id": objective.id,
                "kr_type": kr_type,
                **values,
            }
        )

    def _checkin(self, indicator, value=None, user=None, **values):
        env = self.env(user=user) if user else self.env
        vals = {"indicator_id": indicator.id, **values}
        if value is not None:
            vals["value"] = value
        return env["perf.checkin"].create(vals)


class OkrCommon(OkrData, TransactionCase):
    #: The day each test runs on, when set (FY 2032 lies in the future, and
    #: a check-in is taken only once its period has started).
    run_day = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_okr_data()

    def setUp(self):
        super().setUp()
        if self.run_day:
            self.startPatcher(freeze_time(self.run_day))
