from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .common import write_manager_review, write_self_review

FEEDBACK = "Tour feedback: the north region opened well"


class DemoTourCase(HttpCase):
    """Tours on the demo company, as its people log in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server reads every addon's manifest on its first request, and
        # the browser's first requests come in parallel: read them once here
        # (Python 3.11's ast parser is not thread-safe).
        http.root.get_static_file("/perf_management/static/description/icon.png")

    @classmethod
    def _demo(cls, name):
        return cls.env.ref(f"perf_management.{name}")


@tagged("post_install", "-at_install")
class TestManagerWeekPhone(DemoTourCase):
    """Sophie, who manages Sales & Marketing in the demo, on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_manager_finds_the_silent_and_reviews_on_a_phone(self):
        appraisal = self.env["perf.appraisal"].search(
            [
                ("employee_id", "=", self._demo("employee_emma").id),
                ("state", "=", "manager_review"),
            ]
        )
        self.assertEqual(appraisal.manager_user_id, self._demo("user_sophie"))
        self.start_tour("/odoo", "perf_manager_week_phone", login="sophie")
        self.assertEqual(appraisal.state, "calibration")
        self.assertEqual(appraisal.manager_feedback, FEEDBACK)
        self.assertEqual(
            (appraisal.goals_reasonable, appraisal.motivated, appraisal.post_right),
            ("yes", "yes", "yes"),
        )


@tagged("post_install", "-at_install")
class TestCascadeBoxes(DemoTourCase):
    """The cascade of objectives with long names and large figures."""

    def test_cascade_boxes_hold_their_content(self):
        cycle = self.env["perf.cycle"].create(
            {
                "name": "Tour FY 2039",
                "company_id": self.env.ref("base.main_company").id,
                "date_start": "2039-01-01",
                "date_end": "2039-12-31",
            }
        )
        root = self.env["perf.objective"].create(
            {
                "name": "Tour company objective with a long name that never "
                "fits on one line of a box of the cascade",
                "level": "company",
                "period_id": cycle.year_period_id.id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "Recurring revenue of every product line",
                            "unit": "EUR",
                            "target_value": 123_456_789,
                            "actual_value": 98_765_432,
                        }
                    )
                ],
            }
        )
        for name in ("Sales and Marketing", "Operations and Logistics", "People"):
            self.env["perf.objective"].create(
                {
                    "name": f"Tour {name}: grow the revenue of the department "
                    "with the customers we serve well",
                    "level": "department",
                    "department_id": self.env["hr.department"]
                    .create({"name": f"Tour {name}"})
                    .id,
                    "parent_id": root.id,
                    "period_id": cycle.year_period_id.id,
                    "indicator_ids": [
                        Command.create(
                            {
                                "name": f"Revenue of {name} with every customer",
                                "unit": "EUR",
                                "target_value": 41_152_263,
                                "actual_value": 12_345_678,
                            }
                        ),
                        Command.create(
                            {"name": "Gross margin", "unit": "%", "target_value": 38}
                        ),
                    ],
                }
            )
        self.start_tour("/odoo", "perf_cascade_boxes_fit", login="admin")


@tagged("post_install", "-at_install")
class TestCampaignAdmin(DemoTourCase):
    """The administrator runs a campaign for People & Finance over the first
    quarter of a cycle of its own, where each person has a measured plan."""

    def test_administrator_launches_calibrates_and_exports(self):
        company = self.env.ref("base.main_company")
        cycle = self.env["perf.cycle"].create(
            {
                "name": "Tour FY 2038",
                "company_id": company.id,
                "date_start": "2038-01-01",
                "date_end": "2038-12-31",
            }
        )
        quarter = cycle.period_ids.filtered(lambda p: p.name == "Q1 Tour FY 2038")
        people = self.env["hr.employee"].search(
            [("department_id", "=", self._demo("dep_people").id)]
        )
        self.assertEqual(len(people), 6)
        demo = self.env["perf.appraisal.demo"]
        for index, employee in enumerate(people.sorted("name")):
            demo._measure_quarter(employee, quarter, 70 + 5 * index, 80)
        self._demo("employee_victor").barcode = False

        self.start_tour("/odoo", "perf_campaign_launch", login="admin")
        campaign = self.env["perf.appraisal.campaign"].search(
            [("name", "=", "Tour People Q1")]
        )
        self.assertEqual(campaign.period_id, quarter)
        self.assertEqual(len(campaign.appraisal_ids), 6)
        self.assertEqual(set(campaign.appraisal_ids.mapped("state")), {"self_review"})

        # Ines and Victor submit their self reviews, Hannah her reviews.
        hannah = self._demo("user_hannah")
        for xmlid in ("employee_ines", "employee_victor"):
            appraisal = campaign.appraisal_ids.filtered(
                lambda a, x=xmlid: a.employee_id == self._demo(x)
            )
            write_self_review(appraisal)
            appraisal.with_user(appraisal.employee_user_id).action_submit_self_review()
            write_manager_review(appraisal)
            appraisal.with_user(hannah).action_submit_manager_review()
        self.assertEqual(
            sorted(campaign.appraisal_ids.mapped("state")),
            ["calibration"] * 2 + ["self_review"] * 4,
        )

        self.start_tour("/odoo", "perf_campaign_calibrate_and_export", login="admin")
        ines = campaign.appraisal_ids.filtered(
            lambda a: a.employee_id == self._demo("employee_ines")
        )
        self.assertEqual(ines.state, "done")
        self.assertEqual(ines.rating_band_id.name, "A")
        self.assertTrue(ines.is_calibrated)
        self.assertAlmostEqual(campaign.progress, 100 * 2 / 6)
