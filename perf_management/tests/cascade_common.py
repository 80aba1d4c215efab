from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

# Creating many records without chatter noise keeps the fixtures fast.
QUIET = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class CascadeCommon(TransactionCase):
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
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "FY 2031",
                "company_id": cls.company.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
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

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the savepoint back) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

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


def build_tree(env, branching, org):
    """A depth-5 objective tree built with one batched create per level:
    company/year, department/year, post/year, employee/quarter,
    employee/month. ``branching`` gives the children per node at each level;
    ``org`` holds the year, Q1, Sales department, Seller post, Paul and Maria
    (a :class:`CascadeCommon`). Return the root and the last leaf."""
    Objective = env["perf.objective"].with_context(**QUIET)
    months = org.q1.child_ids.sorted("date_start")
    root = Objective.create(
        {"name": "Root", "level": "company", "period_id": org.year.id}
    )
    shapes = [
        {"level": "department", "department_id": org.dep_sales.id},
        {"level": "post", "job_id": org.job_seller.id},
        {"level": "employee", "employee_id": org.emp_paul.id},
        {"level": "employee", "employee_id": org.emp_paul.id},
    ]
    periods = [org.year, org.year, org.q1, None]
    parents = root
    for depth, (count, shape) in enumerate(zip(branching, shapes, strict=True)):
        parents = Objective.create(
            [
                {
                    "name": f"Node {depth}.{index}",
                    "parent_id": parent.id,
                    "period_id": (periods[depth] or months[index % 3]).id,
                    "user_id": org.user_maria.id,
                    **shape,
                }
                for parent in parents
                for index in range(count)
            ]
        )
    return root, parents[-1]
