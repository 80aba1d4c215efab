"""The fixture base of the core's tests: :class:`PerfCase` (a cycle maker,
the objective, task and indicator makers, ``assertRaisesText``),
:func:`web_client_search` (the domain a window action opens on) and the
fixtures built on it, one per topic: the organisation and objective cascade
(:class:`CascadeCommon`), a company of its own to decompose objectives in
(:class:`DecomposeCase`), objectives of each level to hang indicators on
(:class:`IndicatorCommon`)."""

from contextlib import contextmanager

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.osv import expression
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.safe_eval import datetime, safe_eval, time


def web_client_search(env, xmlid, toggle=(), untoggle=()):
    """The domain and the group-by that the web client builds when the window
    action ``xmlid`` opens: its search defaults (``search_default_*`` of its
    context), with the filters named in ``toggle`` switched on and those in
    ``untoggle`` off. As the web client's search arch parser does, filters
    form groups split by separators, fields, ``<group>`` and a change of
    kind; the active filters of a group are ORed, the groups ANDed, then the
    action's domain. Filters are evaluated as of today, as ``env.uid``."""
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    eval_context = {
        "uid": env.uid,
        "context_today": datetime.date.today,
        "relativedelta": relativedelta,
        "datetime": datetime,
        "time": time,
    }
    context = safe_eval(action.get("context") or "{}", eval_context)
    search_view = action.get("search_view_id")
    search_view_id = search_view[0] if search_view else False
    arch = env[action["res_model"]].get_views([(search_view_id, "search")])["views"][
        "search"
    ]["arch"]
    active = {
        key[len("search_default_") :]
        for key, value in context.items()
        if key.startswith("search_default_") and value
    }
    active = (active | set(toggle)) - set(untoggle)
    groups, group, kind = [], [], None

    def close():
        nonlocal group
        if group:
            groups.append((kind, group))
        group = []

    for node in etree.fromstring(arch).iter("filter", "separator", "field", "group"):
        if node.tag != "filter":
            close()
            kind = None
            continue
        node_context = safe_eval(node.get("context") or "{}", eval_context)
        node_kind = "groupby" if "group_by" in node_context else "filter"
        if node_kind != kind:
            close()
            kind = node_kind
        group.append(node)
    close()
    domains = [safe_eval(action.get("domain") or "[]", eval_context)]
    groupby = []
    for group_kind, nodes in groups:
        chosen = [node for node in nodes if node.get("name") in active]
        if not chosen:
            continue
        if group_kind == "groupby":
            groupby += [
                safe_eval(node.get("context"), eval_context)["group_by"]
                for node in chosen
            ]
        else:
            domains.append(
                expression.OR(
                    [safe_eval(node.get("domain"), eval_context) for node in chosen]
                )
            )
    return expression.AND(domains), groupby


class PerfCase(TransactionCase):
    """Helpers shared by every test of the core."""

    # Changes are tracked in the chatter, as for a user: tests read it.
    track_changes = True
    #: The day each test runs on, when set (the fixtures' periods lie in the
    #: future, and a check-in is taken only once its period has started).
    run_day = None

    def setUp(self):
        super().setUp()
        if self.run_day:
            self.startPatcher(freeze_time(self.run_day))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.track_changes:
            cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # Rating scales start without a target distribution, whatever the
        # demo data set: tests that need targets set their own.
        cls.env["perf.rating.band"].search([("target_share", "!=", 0)]).write(
            {"target_share": 0}
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the savepoint back) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    @classmethod
    def _cycle(cls, company, year, name=None):
        """The cycle of the calendar ``year``, with its periods."""
        return cls.env["perf.cycle"].create(
            {
                "name": name or f"Cycle {year} {company.name}",
                "company_id": company.id,
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
            }
        )

    @classmethod
    def _objective(cls, name, level, period, parent=None, **values):
        return cls.env["perf.objective"].create(
            {
                "name": name,
                "level": level,
                "period_id": period.id,
                "parent_id": parent.id if parent else False,
                **values,
            }
        )

    @classmethod
    def _task(cls, objective, name="Call customers", **values):
        values.setdefault("assignee_level", "employee")
        if values["assignee_level"] == "employee":
            values.setdefault("employee_id", objective.employee_id.id)
        return cls.env["perf.task"].create(
            {
                "name": name,
                "objective_id": objective.id,
                "completion_standard": "Visit report filed",
                **values,
            }
        )

    def _indicator_named(self, objective, name):
        """The indicator ``name`` of ``objective``."""
        return objective.indicator_ids.filtered(lambda ind: ind.name == name)

    @classmethod
    def _indicator(cls, objective, name="Accounts won", **values):
        return cls.env["perf.indicator"].create(
            {
                "name": name,
                "objective_id": objective.id,
                "target_value": 100.0,
                **values,
            }
        )


class CascadeCommon(PerfCase):
    """A cycle, an organisation with managers, and a small objective cascade.

    Sales (managed by Maria) has a sub-department Sales North; Paul, a seller
    in Sales North, reports to Maria. Operations is managed by Olga, whose
    report is Oscar. Objectives: company (year) > Sales (year) > Seller post
    (year) > Paul (Q1) > Paul (January); and Operations (year) under the
    company objective.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.cycle = cls._cycle(cls.company, 2031, name="FY 2031")
        periods = cls.cycle.period_ids
        cls.year = cls.cycle.year_period_id
        quarters = periods.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )
        months = periods.filtered(lambda p: p.period_type == "month").sorted(
            "date_start"
        )
        cls.q1, cls.q2 = quarters[0], quarters[1]
        cls.january, cls.april = months[0], months[3]

        users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.user_maria = new_test_user(
            users.env,
            login="perf_maria",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Maria Manager",
        )
        cls.user_paul = new_test_user(
            users.env, login="perf_paul", groups="base.group_user", name="Paul Seller"
        )
        cls.user_olga = new_test_user(
            users.env,
            login="perf_olga",
            groups="base.group_user,perf_management.group_perf_manager",
            name="Olga Operations",
        )
        cls.user_oscar = new_test_user(
            users.env, login="perf_oscar", groups="base.group_user", name="Oscar Ops"
        )
        cls.user_admin = new_test_user(
            users.env,
            login="perf_hr_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Hanna HR",
        )

        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dep_sales = Department.create({"name": "Sales (test)"})
        cls.dep_north = Department.create(
            {"name": "Sales North (test)", "parent_id": cls.dep_sales.id}
        )
        cls.dep_ops = Department.create({"name": "Operations (test)"})
        cls.job_seller = cls.env["hr.job"].create(
            {"name": "Seller (test)", "department_id": cls.dep_north.id}
        )
        cls.job_buyer = cls.env["hr.job"].create(
            {"name": "Key Account (test)", "department_id": cls.dep_north.id}
        )
        cls.emp_maria = Employee.create(
            {
                "name": "Maria Manager",
                "user_id": cls.user_maria.id,
                "department_id": cls.dep_sales.id,
            }
        )
        cls.emp_paul = Employee.create(
            {
                "name": "Paul Seller",
                "user_id": cls.user_paul.id,
                "department_id": cls.dep_north.id,
                "job_id": cls.job_seller.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        cls.emp_olga = Employee.create(
            {
                "name": "Olga Operations",
                "user_id": cls.user_olga.id,
                "department_id": cls.dep_ops.id,
            }
        )
        cls.emp_oscar = Employee.create(
            {
                "name": "Oscar Ops",
                "user_id": cls.user_oscar.id,
                "department_id": cls.dep_ops.id,
                "parent_id": cls.emp_olga.id,
            }
        )
        cls.dep_sales.manager_id = cls.emp_maria
        cls.dep_ops.manager_id = cls.emp_olga

        cls.obj_company = cls._objective(
            "Grow revenue", "company", cls.year, user_id=cls.user_admin.id
        )
        cls.obj_sales = cls._objective(
            "Sell more",
            "department",
            cls.year,
            parent=cls.obj_company,
            department_id=cls.dep_sales.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_ops = cls._objective(
            "Deliver on time",
            "department",
            cls.year,
            parent=cls.obj_company,
            department_id=cls.dep_ops.id,
            user_id=cls.user_olga.id,
        )
        cls.obj_seller = cls._objective(
            "Sellers win accounts",
            "post",
            cls.year,
            parent=cls.obj_sales,
            job_id=cls.job_seller.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_paul_q1 = cls._objective(
            "Paul wins 3 accounts",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_paul_jan = cls._objective(
            "Paul wins 1 account",
            "employee",
            cls.january,
            parent=cls.obj_paul_q1,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_oscar = cls._objective(
            "Oscar ships on time",
            "employee",
            cls.q1,
            parent=cls.obj_ops,
            employee_id=cls.emp_oscar.id,
            user_id=cls.user_olga.id,
        )
        # End the "creation" of the fixtures as a real transaction would, so
        # that later changes are tracked in the chatter.
        cls.env.flush_all()
        cls.env.cr.precommit.run()


class DecomposeCase(PerfCase):
    """A company of its own with departments, posts, employees and a cycle."""

    # Fixtures of their own, with the chatter as quiet as Odoo's tests have it.
    track_changes = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Decompose Co"})
        cls.env.user.company_ids = [Command.link(cls.company.id)]
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        department_model = cls.env["hr.department"]
        cls.dep_root = department_model.create(
            {"name": "Headquarters", "company_id": cls.company.id}
        )
        cls.dep_sales, cls.dep_ops, cls.dep_people = department_model.create(
            [
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "parent_id": cls.dep_root.id,
                }
                for name in ("Sales", "Operations", "People")
            ]
        )
        cls.departments = cls.dep_root | cls.dep_sales | cls.dep_ops | cls.dep_people
        cls.job_manager, cls.job_rep = cls.env["hr.job"].create(
            [
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": cls.dep_sales.id,
                }
                for name in ("Sales Manager", "Sales Representative")
            ]
        )
        cls.employees = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Seller {index}",
                    "company_id": cls.company.id,
                    "department_id": cls.dep_sales.id,
                    "job_id": (cls.job_manager if index == 0 else cls.job_rep).id,
                }
                for index in range(4)
            ]
        )
        cls.cycle = cls._cycle(cls.company, 2030, name="FY 2030")
        periods = cls.cycle.period_ids.sorted("date_start")
        cls.year = cls.cycle.year_period_id
        cls.quarters = periods.filtered(lambda p: p.period_type == "quarter")
        cls.months = periods.filtered(lambda p: p.period_type == "month")
        cls.objective = cls._make_objective("Grow profitable revenue")
        # Decomposes the company's objectives: performance administrator,
        # not an HR officer.
        cls.perf_admin = new_test_user(
            cls.env,
            login="perf_decompose_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Petra Performance",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _make_objective(cls, name, level="company", period=None, **values):
        return cls._objective(
            name,
            level,
            period or cls.year,
            company_id=cls.company.id,
            indicator_ids=[
                Command.create(
                    {
                        "name": "Revenue",
                        "unit": "EUR",
                        "target_value": 1_200_000.0,
                        "aggregation": "sum",
                        "weight": 2.0,
                    }
                ),
                Command.create(
                    {
                        "name": "Gross margin",
                        "unit": "%",
                        "target_value": 35.0,
                        "aggregation": "average",
                        "weight": 1.0,
                    }
                ),
                Command.create(
                    {
                        "name": "Stock value",
                        "unit": "EUR",
                        "direction": "range",
                        "range_min": 40_000.0,
                        "range_max": 60_000.0,
                        "aggregation": "sum",
                        "weight": 1.0,
                    }
                ),
            ],
            **values,
        )

    def _as_admin(self, model):
        """``model`` used by the performance administrator."""
        return self.env[model].with_user(self.perf_admin)

    def _children(self, objective):
        return self.env["perf.objective"].search(
            [("parent_id", "=", objective.id)], order="id"
        )


class IndicatorCommon(PerfCase):
    """Objectives of each level in an open yearly period, to hang indicators on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.period = cls._create_period(cls.company)
        cls.department = cls.env["hr.department"].create(
            {"name": "Sales", "company_id": cls.company.id}
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Salesperson", "company_id": cls.company.id}
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Ada Seller",
                "company_id": cls.company.id,
                "department_id": cls.department.id,
                "job_id": cls.job.id,
            }
        )
        cls.objective_company = cls._create_objective("company")
        cls.objective_department = cls._create_objective(
            "department", department_id=cls.department.id
        )
        cls.objective_post = cls._create_objective(
            "post", department_id=cls.department.id, job_id=cls.job.id
        )
        cls.objective_employee = cls._create_objective(
            "employee", employee_id=cls.employee.id
        )

    @classmethod
    def _create_period(cls, company, year=2031):
        return cls._cycle(company, year).year_period_id

    @classmethod
    def _create_objective(cls, level, company=None, period=None, **values):
        return cls._objective(
            f"Grow ({level})",
            level,
            period or cls.period,
            company_id=(company or cls.company).id,
            **values,
        )

    @classmethod
    def _create_indicator(cls, objective=None, **values):
        values.setdefault("name", "Net sales")
        return cls._indicator(objective or cls.objective_company, **values)


def write_self_review(appraisal, text="A quarter of steady work."):
    """Give ``appraisal`` the self review its employee must write before
    submitting it, unless they wrote one."""
    appraisal = appraisal.sudo()
    if not appraisal.self_review_stored:
        appraisal.self_review_stored = text


def write_manager_review(appraisal, feedback="Thank you for the quarter."):
    """Answer what the manager review of ``appraisal`` leaves unanswered
    (its three questions and the feedback) before it is submitted."""
    appraisal = appraisal.sudo()
    vals = {
        fname: "yes"
        for fname in ("goals_reasonable", "motivated", "post_right")
        if not appraisal[fname]
    }
    if not appraisal.manager_feedback:
        vals["manager_feedback"] = feedback
    appraisal.write(vals)
