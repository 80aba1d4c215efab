from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CascadeCommon, web_client_search

TODAY = "2031-02-15"


@tagged("post_install", "-at_install")
class TestTeamOverview(CascadeCommon):
    """My Team This Period, Team Objectives and Team Appraisals as Maria
    (who manages Sales, where Paul sells) opens them; Olga manages
    Operations."""

    run_day = TODAY

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ind_calls = cls._indicator(
            cls.obj_paul_q1, "Calls", target_value=90, actual_value=30
        )
        cls.ind_visits = cls._indicator(cls.obj_seller, "Visits", target_value=40)
        cls.ind_revenue = cls._indicator(cls.obj_sales, "Revenue", target_value=900)
        cls.ind_shipments = cls._indicator(cls.obj_oscar, "Shipments")
        # The quarter's meetings show through January's.
        cls.ind_meetings = cls._indicator(cls.obj_paul_q1, "Meetings")
        cls._indicator(cls.obj_paul_jan, "Meetings", parent_id=cls.ind_meetings.id)
        cls.obj_maria = cls._objective(
            "Maria coaches",
            "employee",
            cls.q1,
            employee_id=cls.emp_maria.id,
            user_id=cls.user_olga.id,
        )
        cls.ind_maria = cls._indicator(cls.obj_maria, "Coaching hours")

    def _overview(self, user):
        env = self.env(user=user, context={"checkin_today": TODAY})
        return env["perf.team.overview"].browse(user.id)

    def test_figures_of_the_team_for_today(self):
        overview = self._overview(self.user_maria)
        self.assertEqual(overview.today, date(2031, 2, 15))
        self.assertEqual(overview.period_names, "February 2031 · Q1 FY 2031 · FY 2031")
        # Paul's quarter and his post's year; not the department's figure,
        # not the quarter's meetings (January's show them, and January is
        # over), not Maria's own, not Operations'.
        self.assertEqual(overview.indicator_ids, self.ind_calls | self.ind_visits)
        calls = overview.indicator_ids.filtered(lambda i: i.name == "Calls")
        # At the end of 15 February, 46 of Q1's 90 days are over: 90 x 46 /
        # 90 = 46 calls expected.
        self.assertAlmostEqual(calls.expected_value, 46.0)
        self.assertEqual(calls.actual_value, 30.0)
        self.assertEqual(calls.objective_employee_id, self.emp_paul)
        self.assertEqual(
            self._overview(self.user_olga).indicator_ids, self.ind_shipments
        )

    def test_what_waits_for_the_manager(self):
        Appraisal = self.env["perf.appraisal"]
        # Of Q2: an appraisal of Q1 in review would freeze Paul's figures.
        waiting = Appraisal.create(
            {"employee_id": self.emp_paul.id, "period_id": self.q2.id}
        )
        waiting.state = "manager_review"
        task = self._task(self.obj_paul_q1, state="done")
        self._task(self.obj_paul_q1, "Plan the visits")
        checkin = (
            self.env["perf.checkin"]
            .with_user(self.user_paul)
            .create(
                {"indicator_id": self.ind_calls.id, "value": 35, "comment": "Slow week"}
            )
        )
        checkin.sudo().date = "2031-02-12"
        old = (
            self.env["perf.checkin"]
            .with_user(self.user_paul)
            .create(
                {"indicator_id": self.ind_calls.id, "value": 20, "comment": "Started"}
            )
        )
        old.sudo().date = "2031-01-12"
        self.env["perf.checkin"].with_user(self.user_paul).create(
            {"indicator_id": self.ind_visits.id, "value": 3}
        ).sudo().date = "2031-02-13"
        overview = self._overview(self.user_maria)
        self.assertEqual(overview.appraisal_count, 1)
        self.assertEqual(overview.task_count, 1)
        self.assertEqual(overview.checkin_comment_count, 1)
        # Calls checked in 3 days ago, visits 2 days ago: nobody is silent.
        self.assertEqual(overview.silent_count, 0)
        # Each count opens what it counts.
        for method, model, records in (
            ("action_open_tasks", "perf.task", task),
            ("action_open_checkin_comments", "perf.checkin", checkin),
        ):
            action = getattr(overview, method)()
            found = self.env[model].with_user(self.user_maria).search(action["domain"])
            self.assertEqual(found, records, method)
        action = overview.action_open_appraisals()
        self.assertEqual(action["res_model"], "perf.appraisal")
        # Olga has nothing waiting: not her team.
        olga = self._overview(self.user_olga)
        self.assertEqual(
            (olga.appraisal_count, olga.task_count, olga.checkin_comment_count),
            (0, 0, 0),
        )
        # Oscar's indicator was never checked in.
        self.assertEqual(olga.silent_count, 1)

    def test_each_user_reads_their_own_screen_only(self):
        Overview = self.env["perf.team.overview"]
        self.assertEqual(
            Overview.with_user(self.user_maria).search([]).user_id, self.user_maria
        )
        with self.assertRaises(AccessError):
            Overview.with_user(self.user_olga).browse(self.user_maria.id).read(
                ["indicator_ids"]
            )
        # Employees have no team screen.
        with self.assertRaises(AccessError):
            Overview.with_user(self.user_paul).browse(self.user_paul.id).read(
                ["appraisal_count"]
            )
        action = Overview.with_user(self.user_maria).action_open_my_overview()
        self.assertEqual(action["res_id"], self.user_maria.id)


@tagged("post_install", "-at_install")
class TestTeamScreens(CascadeCommon):
    """Team Objectives and Team Appraisals open on what matters now."""

    def test_team_objectives_open_on_the_quarter_by_person(self):
        today = date.today()
        cycle = self.env["perf.cycle"]._ensure_cycle(self.company, today)
        periods = cycle.period_ids
        quarter = periods.filtered(
            lambda p: p.period_type == "quarter" and p.date_start <= today <= p.date_end
        )
        month = periods.filtered(
            lambda p: p.period_type == "month" and p.date_start <= today <= p.date_end
        )
        other_quarter = (
            periods.filtered(lambda p: p.period_type == "quarter") - quarter
        )[0]
        values = {"employee_id": self.emp_paul.id, "user_id": self.user_maria.id}
        year_obj = self._objective(
            "Paul's year", "employee", cycle.year_period_id, **values
        )
        quarter_obj = self._objective("Paul's quarter", "employee", quarter, **values)
        self._objective("Paul's month", "employee", month, **values)
        self._objective("Paul's other quarter", "employee", other_quarter, **values)
        env = self.env(user=self.user_maria)
        xmlid = "perf_management.perf_objective_action_team"
        Objective = env["perf.objective"]
        domain, groupby = web_client_search(env, xmlid)
        self.assertEqual(Objective.search(domain), quarter_obj)
        self.assertEqual(groupby, ["employee_id"])
        # The year is a filter away.
        domain, groupby = web_client_search(env, xmlid, untoggle=["period_quarter"])
        found = Objective.search(domain)
        self.assertIn(year_obj, found)
        self.assertEqual(len(found), 3)

    def test_team_appraisals_open_on_what_waits_for_the_manager(self):
        Appraisal = self.env["perf.appraisal"]
        states = ("self_review", "manager_review", "calibration", "done")
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Seller {state}", "parent_id": self.emp_maria.id}
                for state in states
            ]
        )
        appraisals = Appraisal.create(
            [
                {"employee_id": employee.id, "period_id": self.q1.id}
                for employee in employees
            ]
        )
        for appraisal, state in zip(appraisals, states, strict=True):
            appraisal.state = state
        env = self.env(user=self.user_maria)
        domain, _groupby = web_client_search(
            env, "perf_management.perf_appraisal_action_team"
        )
        self.assertEqual(env["perf.appraisal"].search(domain), appraisals[1])
        # Without the filter, the columns follow the workflow.
        groups = env["perf.appraisal"].read_group(
            [("manager_user_id", "=", self.user_maria.id)], ["state"], ["state"]
        )
        self.assertEqual([group["state"] for group in groups], list(states))
