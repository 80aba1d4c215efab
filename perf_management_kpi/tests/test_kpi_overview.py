from odoo import Command
from odoo.tests import tagged

from odoo.addons.perf_management.tests.test_overview import OverviewCase


@tagged("post_install", "-at_install")
class TestKpiOverview(OverviewCase):
    """The KPI cards of the overview, on the core's overview fixture: one KPI
    (Calls, target 100, the default bands green from 100, amber from 80)
    measured on five objectives of the year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calls = cls.env["perf.kpi.definition"].create(
            {
                "code": "OVERVIEW_CALLS",
                "name": "Calls",
                "source": "manual",
                "company_id": cls.company.id,
            }
        )
        cls.kpis = {}
        for objective, actual in (
            (cls.obj_sam, 95.0),  # amber
            (cls.obj_otto, 120.0),  # green
            (cls.obj_sales, 50.0),  # red
            (cls.obj_ops, None),  # no score
            (cls.obj_seller, 100.0),  # green
        ):
            values = {"kpi_definition_id": calls.id, "target_value": 100.0}
            if actual is not None:
                values.update(actual_value=actual, has_actual=True)
            objective.indicator_ids = [Command.create(values)]
            cls.kpis[objective.name] = objective.indicator_ids.filtered(
                "kpi_definition_id"
            )

    def _kpis(self, *names):
        return self.env["perf.indicator"].union(*(self.kpis[name] for name in names))

    def test_colour_bands_match_hand_counts(self):
        self.assertEqual(
            {name: kpi.score_color for name, kpi in self.kpis.items()},
            {
                "Sam": "amber",
                "Otto": "green",
                "Sales": "red",
                "Operations": "none",
                "Sellers": "green",
            },
        )
        figures = self._figures(self.user_admin)
        self.assertEqual(
            {
                color: figures[f"kpi_{color}"].value
                for color in ("green", "amber", "red", "none")
            },
            {"green": 2.0, "amber": 1.0, "red": 1.0, "none": 1.0},
        )
        self.assertEqual(figures["kpi_green"].detail, "Post: 1 · Employee: 1")
        self.assertEqual(figures["kpi_green"].section, "kpi")
        self.assertEqual(
            self._opened(figures["kpi_green"]), self._kpis("Otto", "Sellers")
        )
        self.assertEqual(self._opened(figures["kpi_red"]), self._kpis("Sales"))
        action = figures["kpi_red"].action_open()
        self.assertEqual(action["res_model"], "perf.indicator")
        self.assertEqual(action["views"][0][1], "list")

    def test_manager_sees_their_team_s_kpis(self):
        # Not Otto's nor Operations': Mia reads her department's, her team's.
        figures = self._figures(self.user_mia)
        self.assertEqual(
            {
                color: figures[f"kpi_{color}"].value
                for color in ("green", "amber", "red", "none")
            },
            {"green": 1.0, "amber": 1.0, "red": 1.0, "none": 0.0},
        )
        self.assertEqual(self._opened(figures["kpi_green"]), self._kpis("Sellers"))
        self.assertEqual(self._opened(figures["kpi_amber"]), self._kpis("Sam"))

    def test_kpi_section_comes_after_the_cascade(self):
        groups = (
            self.env["perf.overview.figure"]
            .with_user(self.user_admin)
            .web_read_group([], ["section"], ["section"])["groups"]
        )
        self.assertEqual(
            [group["section"] for group in groups],
            ["cascade", "kpi", "checkin", "appraisal"],
        )
