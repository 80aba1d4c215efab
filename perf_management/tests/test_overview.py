from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PerfCase

TODAY = "2031-06-15"
#: The figures of the core (the KPI addon adds its own).
CORE_FIGURES = (
    "progress_company",
    "progress_department",
    "progress_post",
    "progress_employee",
    "not_measured",
    "split_outdated",
    "checkins",
    "silent",
    "appraisals_open",
    "appraisals_done",
    "ratings",
)


class OverviewCase(PerfCase):
    """A company of its own in mid-June 2031, with two departments.

    Sales is managed by Mia, with the sellers Sam and Sue reporting to her;
    Operations by Olaf, with Otto and Oda. Objectives of the year, each
    scored by one indicator (target 100, so its progress is its actual):

    * company: Grow 50 %, Hire not measured;
    * department: Sales 80 %, Operations 40 %;
    * post: Seller (in Sales, held by Sam and Sue) not measured;
    * employee: Sam 30 % (checked in on the 12th and the 14th), Otto 90 %
      (checked in on 26 May).

    Appraisals of the Q2 campaign: Sam in self review, Sue done (A), Otto in
    calibration (B), Oda cancelled (E, not counted).
    """

    track_changes = False
    run_day = TODAY

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Overview Co"})
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=cls.company.ids,
                perf_overview_today=TODAY,
            )
        )
        company_values = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }

        def user(login, name, group="base.group_user"):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{group}",
                name=name,
                **company_values,
            )

        manager = "perf_management.group_perf_manager"
        cls.user_admin = user(
            "perf_overview_admin", "Ada Admin", "perf_management.group_perf_admin"
        )
        cls.user_mia = user("perf_overview_mia", "Mia Sales", manager)
        cls.user_olaf = user("perf_overview_olaf", "Olaf Ops", manager)
        cls.user_sam = user("perf_overview_sam", "Sam Seller")
        cls.user_sue = user("perf_overview_sue", "Sue Seller")
        cls.user_otto = user("perf_overview_otto", "Otto Ops")
        cls.user_employee = cls.user_sam

        Department = cls.env["hr.department"]
        cls.dep_sales = Department.create(
            {"name": "Overview Sales", "company_id": cls.company.id}
        )
        cls.dep_ops = Department.create(
            {"name": "Overview Operations", "company_id": cls.company.id}
        )
        cls.job_seller = cls.env["hr.job"].create(
            {
                "name": "Overview Seller",
                "company_id": cls.company.id,
                "department_id": cls.dep_sales.id,
            }
        )

        def employee(name, department, user=None, manager=None, job=None):
            return cls.env["hr.employee"].create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": department.id,
                    "user_id": user.id if user else False,
                    "parent_id": manager.id if manager else False,
                    "job_id": job.id if job else False,
                }
            )

        cls.emp_mia = employee("Mia Sales", cls.dep_sales, cls.user_mia)
        cls.emp_olaf = employee("Olaf Ops", cls.dep_ops, cls.user_olaf)
        cls.emp_sam = employee(
            "Sam Seller", cls.dep_sales, cls.user_sam, cls.emp_mia, cls.job_seller
        )
        cls.emp_sue = employee(
            "Sue Seller", cls.dep_sales, cls.user_sue, cls.emp_mia, cls.job_seller
        )
        cls.emp_otto = employee("Otto Ops", cls.dep_ops, cls.user_otto, cls.emp_olaf)
        cls.emp_oda = employee("Oda Ops", cls.dep_ops, manager=cls.emp_olaf)
        cls.dep_sales.manager_id = cls.emp_mia
        cls.dep_ops.manager_id = cls.emp_olaf

        cls.cycle = cls._cycle(cls.company, 2031, name="FY 2031 Overview")
        cls.year = cls.cycle.year_period_id
        cls.q2 = cls.cycle.period_ids.filtered(
            lambda period: period.period_type == "quarter"
        ).sorted("date_start")[1]

        def objective(name, level, dimension, actual=None, **values):
            indicator = {"name": name, "target_value": 100.0, "dimension": dimension}
            if actual is not None:
                indicator.update(actual_value=actual, has_actual=True)
            return cls._objective(
                name,
                level,
                cls.year,
                company_id=cls.company.id,
                user_id=cls.user_admin.id,
                indicator_ids=[Command.create(indicator)],
                **values,
            )

        cls.obj_grow = objective("Grow", "company", "result", 50.0)
        cls.obj_hire = objective("Hire", "company", "result")
        cls.obj_sales = objective(
            "Sales", "department", "result", 80.0, department_id=cls.dep_sales.id
        )
        cls.obj_ops = objective(
            "Operations", "department", "result", 40.0, department_id=cls.dep_ops.id
        )
        cls.obj_seller = objective(
            "Sellers",
            "post",
            "process",
            department_id=cls.dep_sales.id,
            job_id=cls.job_seller.id,
        )
        cls.obj_sam = objective(
            "Sam", "employee", "process", employee_id=cls.emp_sam.id
        )
        cls.obj_otto = objective(
            "Otto", "employee", "process", employee_id=cls.emp_otto.id
        )
        cls.checkins = cls.env["perf.checkin"]
        for user, obj, value, day in (
            (cls.user_sam, cls.obj_sam, 20.0, "2031-06-12"),
            (cls.user_sam, cls.obj_sam, 30.0, "2031-06-14"),
            (cls.user_otto, cls.obj_otto, 90.0, "2031-05-26"),
        ):
            # Made, and recorded, on that day.
            with freeze_time(day):
                checkin = (
                    cls.env["perf.checkin"]
                    .with_user(user)
                    .create({"indicator_id": obj.indicator_ids.id, "value": value})
                )
            cls.checkins |= checkin

        scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        band = {band.name: band for band in scale.band_ids}
        cls.campaign = cls.env["perf.appraisal.campaign"].create(
            {"name": "Q2 2031 Overview", "period_id": cls.q2.id, "scope": "company"}
        )
        cls.appraisals = {}
        for emp, state, rating in (
            (cls.emp_sam, "self_review", None),
            (cls.emp_sue, "done", "A"),
            (cls.emp_otto, "calibration", "B"),
            (cls.emp_oda, "cancel", "E"),
        ):
            cls.appraisals[emp.name.split()[0]] = cls.env["perf.appraisal"].create(
                {
                    "employee_id": emp.id,
                    "period_id": cls.q2.id,
                    "campaign_id": cls.campaign.id,
                    "state": state,
                    "rating_band_id": band[rating].id if rating else False,
                }
            )

        # Another company's figures, which nobody here sees.
        other = cls.env["res.company"].create({"name": "Other Overview Co"})
        other_cycle = cls._cycle(other, 2031, name="FY 2031 Other")
        cls._objective(
            "Other grow",
            "company",
            other_cycle.year_period_id,
            company_id=other.id,
            indicator_ids=[
                Command.create(
                    {"name": "Other", "target_value": 100.0, "actual_value": 10.0}
                )
            ],
        )

    def _figures(self, user):
        """{code: figure} of the overview as ``user`` sees it."""
        figures = self.env["perf.overview.figure"].with_user(user).search([])
        return {figure.code: figure for figure in figures}

    def _opened(self, figure):
        """The records the figure's action opens, searched as its user."""
        action = figure.action_open()
        return (
            self.env[action["res_model"]]
            .with_user(figure.env.user)
            .search(action["domain"])
        )


@tagged("post_install", "-at_install")
class TestOverview(OverviewCase):
    def test_fixture_progress(self):
        # The figures below are averages of these.
        self.assertEqual(
            [
                (objective.progress, objective.is_measured)
                for objective in (
                    self.obj_grow,
                    self.obj_hire,
                    self.obj_sales,
                    self.obj_ops,
                    self.obj_seller,
                    self.obj_sam,
                    self.obj_otto,
                )
            ],
            [
                (50.0, True),
                (0.0, False),
                (80.0, True),
                (40.0, True),
                (0.0, False),
                (30.0, True),
                (90.0, True),
            ],
        )

    def test_administrator_figures_match_hand_counts(self):
        figures = self._figures(self.user_admin)
        self.assertEqual(
            {
                code: (figures[code].value, figures[code].value_display)
                for code in CORE_FIGURES
            },
            {
                "progress_company": (50.0, "50 %"),
                # (80 + 40) / 2, (30 + 90) / 2
                "progress_department": (60.0, "60 %"),
                "progress_post": (0.0, "-"),
                "progress_employee": (60.0, "60 %"),
                "not_measured": (2.0, "2"),
                "split_outdated": (0.0, "0"),
                # Sam's two check-ins of the last 7 days.
                "checkins": (2.0, "2"),
                # Sue (holds the Seller post nobody checked in on), Otto
                # (last check-in on 26 May); Sam checked in on the 14th.
                "silent": (2.0, "2"),
                "appraisals_open": (2.0, "2"),
                "appraisals_done": (1.0, "1"),
                # Sue A, Otto B; Oda's appraisal is cancelled.
                "ratings": (2.0, "2"),
            },
        )
        self.assertEqual(
            figures["progress_department"].detail, "Measured objectives: 2"
        )
        self.assertEqual(figures["not_measured"].detail, "Company: 1 · Post: 1")
        self.assertEqual(figures["checkins"].detail, "Last 7 days · People: 1")
        self.assertEqual(
            figures["appraisals_open"].detail, "Self Review: 1 · Calibration: 1"
        )
        self.assertEqual(figures["appraisals_done"].detail, "Campaigns: 1")
        self.assertEqual(figures["ratings"].detail, "A: 1 · B: 1")

    def test_administrator_opens_the_records_behind_each_figure(self):
        figures = self._figures(self.user_admin)
        expected = {
            "progress_company": self.obj_grow,
            "progress_department": self.obj_sales | self.obj_ops,
            "progress_post": self.env["perf.objective"],
            "progress_employee": self.obj_sam | self.obj_otto,
            "not_measured": self.obj_hire | self.obj_seller,
            "checkins": self.checkins[:2],
            "silent": self.env["hr.employee.public"].browse(
                (self.emp_sue | self.emp_otto).ids
            ),
            "appraisals_open": self.appraisals["Sam"] | self.appraisals["Otto"],
            "appraisals_done": self.appraisals["Sue"],
            "ratings": self.appraisals["Sue"] | self.appraisals["Otto"],
        }
        for code, records in expected.items():
            with self.subTest(code=code):
                opened = self._opened(figures[code])
                self.assertEqual(set(opened.ids), set(records.ids))
                if not figures[code].value_display.endswith("%"):
                    self.assertEqual(len(opened), figures[code].value)
        action = figures["appraisals_open"].action_open()
        self.assertEqual(action["name"], "Appraisals to finish")
        self.assertEqual(action["views"][0][1], "graph")

    def test_manager_figures_are_their_team_s(self):
        # Mia reads the company's objectives, her department's and her
        # team's: not Operations, nor Otto, nor the appraisals she does not
        # conduct.
        figures = self._figures(self.user_mia)
        self.assertEqual(
            {code: figures[code].value for code in CORE_FIGURES},
            {
                "progress_company": 50.0,
                "progress_department": 80.0,
                "progress_post": 0.0,
                "progress_employee": 30.0,
                "not_measured": 2.0,
                "split_outdated": 0.0,
                "checkins": 2.0,
                # Sue only: Otto is not in her team.
                "silent": 1.0,
                "appraisals_open": 1.0,
                "appraisals_done": 1.0,
                "ratings": 1.0,
            },
        )
        expected = {
            "progress_department": self.obj_sales,
            "progress_employee": self.obj_sam,
            "silent": self.env["hr.employee.public"].browse(self.emp_sue.ids),
            "appraisals_open": self.appraisals["Sam"],
            "ratings": self.appraisals["Sue"],
        }
        for code, records in expected.items():
            with self.subTest(code=code):
                self.assertEqual(self._opened(figures[code]), records)
        # Olaf's overview is his own team's.
        figures = self._figures(self.user_olaf)
        self.assertEqual(figures["progress_department"].value, 40.0)
        self.assertEqual(figures["progress_employee"].value, 90.0)
        self.assertEqual(self._opened(figures["silent"]).ids, self.emp_otto.ids)
        self.assertEqual(self._opened(figures["ratings"]), self.appraisals["Otto"])

    def test_figures_move_with_the_records(self):
        figures = self._figures(self.user_admin)
        self.assertEqual(figures["silent"].value, 2.0)
        # Sue checks in on her post's indicator: she is no longer silent.
        self.env["perf.checkin"].with_user(self.user_sue).create(
            {"indicator_id": self.obj_seller.indicator_ids.id, "value": 60.0}
        ).sudo().date = TODAY
        self.env.invalidate_all()
        figures = self._figures(self.user_admin)
        self.assertEqual(self._opened(figures["silent"]).ids, self.emp_otto.ids)
        self.assertEqual(figures["progress_post"].value, 60.0)
        self.assertEqual(figures["checkins"].value, 3.0)

    def test_employees_have_no_overview(self):
        with self.assertRaises(AccessError):
            self.env["perf.overview.figure"].with_user(self.user_employee).search([])

    def test_one_grouped_query_per_figure(self):
        overview = self.env["perf.overview.figure"].with_user(self.user_admin)
        specs = overview._get_figure_specs()
        # Warm the caches of the record rules and of the bands' names.
        for code in ("appraisals_done", "ratings"):
            overview._read_figure(specs[code])
        with self.assertQueryCount(1):
            overview._read_figure(specs["appraisals_done"])
        # A breakdown is one more grouped query.
        with self.assertQueryCount(2):
            overview._read_figure(specs["ratings"])

    def test_overview_views_are_no_other_screen_s_default(self):
        overview_views = {
            "perf.objective": (
                "perf_overview_objective_view_pivot",
                "perf_overview_objective_view_graph",
            ),
            "perf.checkin": ("perf_overview_checkin_view_graph",),
            "perf.appraisal": (
                "perf_overview_appraisal_view_pivot",
                "perf_overview_appraisal_view_graph",
                "perf_overview_rating_view_graph",
            ),
        }
        for model, xmlids in overview_views.items():
            views = self.env[model].get_views([(False, "pivot"), (False, "graph")])
            defaults = {views["views"][kind]["id"] for kind in ("pivot", "graph")}
            for xmlid in xmlids:
                with self.subTest(view=xmlid):
                    self.assertNotIn(
                        self.env.ref(f"perf_management.{xmlid}").id, defaults
                    )
