from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, Form, new_test_user, tagged

from ..tools.rating import RatingError, distribution, over_target, validate_targets
from .common import CascadeCommon, write_manager_review


@tagged("post_install", "-at_install")
class TestTargetDistribution(BaseCase):
    def test_distribution_and_bands_over_target(self):
        counts = {"A": 3, "B": 5, "C": 2}
        self.assertEqual(distribution(counts), {"A": 30.0, "B": 50.0, "C": 20.0})
        self.assertEqual(distribution({"A": 0}), {"A": 0.0})
        targets = {"A": 20.0, "B": 50.0, "C": None, "D": 10.0}
        # B at exactly its target is not over; D has no rating at all.
        self.assertEqual(over_target(counts, targets), ["A"])
        # One of three is 33.33 %: not over a 33.34 % target, over 33.33.
        self.assertEqual(over_target({"A": 1, "B": 2}, {"A": 33.34}), [])
        self.assertEqual(over_target({"A": 1, "B": 2}, {"A": 33.33}), ["A"])
        self.assertEqual(over_target({}, {"A": 0.0}), [])

    def test_valid_and_invalid_targets(self):
        validate_targets([("A", 20.0), ("B", None), ("C", 30.0)])
        validate_targets([("A", 20.0), ("B", 80.0)])
        validate_targets([("A", None), ("B", None)])
        cases = {
            "target_out_of_range": [("A", 120.0), ("B", None)],
            "targets_over_100": [("A", 60.0), ("B", 50.0), ("C", None)],
            "targets_not_100": [("A", 60.0), ("B", 30.0)],
        }
        for kind, targets in cases.items():
            with self.subTest(kind=kind), self.assertRaises(RatingError) as catcher:
                validate_targets(targets)
            self.assertEqual(catcher.exception.kind, kind)
        with self.assertRaises(RatingError):
            validate_targets([("A", -5.0), ("B", None)])


@tagged("post_install", "-at_install")
class TestAppraisalCalibration(CascadeCommon):
    """A Q1 campaign of ten rated appraisals in two departments, against
    the targets A 20 %, B 30 %, C 30 % (D and E without target).

    Sales North: Paul B (scored by his indicator), S1 A, S2 C, S3 C, S4 D.
    Operations: Oscar C, O1 A, O2 B, O3 B, O4 E; and O5 (A, cancelled) and
    O6 (not rated yet), who do not count.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_maria.parent_id = cls.emp_olga
        cls.scale = cls.env["perf.rating.scale"]._get_company_scale(cls.company)
        cls.band = {band.name: band for band in cls.scale.band_ids}
        cls.scale.write(
            {
                "band_ids": [
                    Command.update(cls.band[code].id, {"target_share": share})
                    for code, share in (("A", 20), ("B", 30), ("C", 30))
                ]
            }
        )
        cls.ind_paul = cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80)
        cls.campaign = cls.env["perf.appraisal.campaign"].create(
            {"name": "Q1 calibration", "period_id": cls.q1.id, "scope": "company"}
        )
        # Each generated employee scores the minimum of their band on one
        # indicator of their own Q1 objective.
        scores = {"A": 95.0, "B": 80.0, "C": 65.0, "D": 50.0, "E": 20.0}

        def appraisal(employee, code=None, state="calibration"):
            if code and employee != cls.emp_oscar:
                parent = (
                    cls.obj_seller
                    if employee.parent_id == cls.emp_maria
                    else cls.obj_ops
                )
                objective = cls._objective(
                    f"{employee.name} Q1",
                    "employee",
                    cls.q1,
                    parent=parent,
                    employee_id=employee.id,
                    user_id=parent.user_id.id,
                )
                cls._indicator(objective, "Result", actual_value=scores[code])
            return cls.env["perf.appraisal"].create(
                {
                    "employee_id": employee.id,
                    "period_id": cls.q1.id,
                    "campaign_id": cls.campaign.id,
                    "state": state,
                    # The indicators are results: the rating is their score.
                    "weight_result": 100,
                    "weight_process": 0,
                    "weight_competency": 0,
                }
            )

        def employee(name, department, manager):
            return cls.env["hr.employee"].create(
                {"name": name, "department_id": department.id, "parent_id": manager.id}
            )

        cls._indicator(cls.obj_oscar, "Parcels", actual_value=scores["C"])
        cls.paul = appraisal(cls.emp_paul)
        cls.s1, cls.s2, cls.s3, cls.s4 = (
            appraisal(employee(f"S{index}", cls.dep_north, cls.emp_maria), code)
            for index, code in enumerate("ACCD", start=1)
        )
        cls.oscar = appraisal(cls.emp_oscar, "C")
        cls.o1, cls.o2, cls.o3, cls.o4 = (
            appraisal(employee(f"O{index}", cls.dep_ops, cls.emp_olga), code)
            for index, code in enumerate("ABBE", start=1)
        )
        cls.o5 = appraisal(employee("O5", cls.dep_ops, cls.emp_olga), "A", "cancel")
        cls.o6 = appraisal(
            employee("O6", cls.dep_ops, cls.emp_olga), None, "manager_review"
        )
        cls.campaign.appraisal_ids._update_scores()

        cls.other_company = cls.env["res.company"].create({"name": "Other Perf Co"})
        cls.user_other_admin = new_test_user(
            cls.env,
            login="perf_other_admin",
            groups="base.group_user,perf_management.group_perf_admin",
            name="Otto Other",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.other_band = (
            cls.env["perf.rating.scale"]
            ._get_company_scale(cls.other_company)
            .band_ids.filtered(lambda band: band.name == "A")
        )
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _calibrate(self, appraisal, code, reason="Calibration meeting", **kwargs):
        band = self.band[code] if isinstance(code, str) else code
        return appraisal.with_user(self.user_admin)._calibrate(band, reason, **kwargs)

    def _wizard(self, appraisal, code, user=None, **values):
        return (
            self.env["perf.appraisal.calibrate.wizard"]
            .with_user(user or self.user_admin)
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "band_id": self.band[code].id,
                    "reason": "Calibration meeting",
                    **values,
                }
            )
        )

    def _bodies(self, appraisal):
        return appraisal.message_ids.mapped("body")

    def _notes(self, appraisal):
        """The calibration notes, as the appraising manager reads them."""
        return appraisal.with_user(appraisal.manager_user_id).calibration_notes or ""

    def _cells(self, row):
        return {
            cell["band"].name: (cell["count"], cell["share"], cell["over"])
            for cell in row["cells"]
        }

    def test_target_shares_validated(self):
        scale = self.scale.with_user(self.user_admin)
        cases = {
            "between 0 and 100": {"A": 120},
            "sum to 110": {"A": 50, "B": 30, "C": 30},
            "make them sum to 100": {"D": 10, "E": 5},
        }
        for text, shares in cases.items():
            with self.subTest(text=text), self.assertRaisesText(ValidationError, text):
                scale.write(
                    {
                        "band_ids": [
                            Command.update(self.band[code].id, {"target_share": share})
                            for code, share in shares.items()
                        ]
                    }
                )
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            self.band["E"].with_user(self.user_admin).target_share = -5
        self.assertEqual(self.band["A"].target_share, 20)
        # One save that moves two targets passes through 40 + 30 + 30 = 100
        # (fine) and a full scale at 100 is accepted.
        scale.write(
            {
                "band_ids": [
                    Command.update(self.band[code].id, {"target_share": share})
                    for code, share in (("A", 10), ("B", 40), ("D", 10), ("E", 10))
                ]
            }
        )
        self.assertEqual(sum(scale.band_ids.mapped("target_share")), 100)
        with self.assertRaises(AccessError):
            self.band["A"].with_user(self.user_maria).target_share = 5

    def test_distribution_by_department(self):
        campaign = self.campaign.with_user(self.user_admin)
        values = campaign._get_calibration_values()
        rows = {row["label"]: row for row in values["rows"]}
        self.assertEqual(
            list(rows),
            [
                "Operations (test)",
                "Sales (test) / Sales North (test)",
                "Whole campaign",
            ],
        )
        self.assertEqual(values["unrated"], 1)
        total = rows["Whole campaign"]
        self.assertEqual(total["total"], 10)
        self.assertEqual(
            self._cells(total),
            {
                "A": (2, 20.0, False),
                "B": (3, 30.0, False),
                "C": (3, 30.0, False),
                "D": (1, 10.0, False),
                "E": (1, 10.0, False),
            },
        )
        self.assertEqual(
            self._cells(rows["Sales (test) / Sales North (test)"]),
            {
                "A": (1, 20.0, False),
                "B": (1, 20.0, False),
                "C": (2, 40.0, True),
                "D": (1, 20.0, False),
                "E": (0, 0.0, False),
            },
        )
        ops = self._cells(rows["Operations (test)"])
        self.assertEqual(ops["B"], (2, 40.0, True))
        self.assertEqual(ops["A"], (1, 20.0, False))
        self.assertFalse(campaign.is_target_broken)
        html = str(campaign.calibration_html)
        for text in (
            "Whole campaign",
            "Sales (test) / Sales North (test)",
            "target 20.0%",
            "40.0",
        ):
            self.assertIn(text, html)
        # Everybody's ratings: for administrators only.
        as_maria = self.campaign.with_user(self.user_maria)
        self.assertFalse(as_maria.calibration_html)
        with self.assertRaises(AccessError):
            as_maria.action_open_calibration_analysis()
        action = campaign.action_open_calibration_analysis()
        self.assertIn(("campaign_id", "=", self.campaign.id), action["domain"])
        groups = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .read_group(action["domain"], ["department_id"], ["department_id"])
        )
        # Department by rating, as the pivot shows it: O5 cancelled is out,
        # O6 (not rated) is in.
        self.assertEqual(
            {g["department_id"][1]: g["department_id_count"] for g in groups},
            {"Sales (test) / Sales North (test)": 5, "Operations (test)": 6},
        )

    def test_move_a_rating_with_a_reason(self):
        with self.assertRaisesText(UserError, "needs a reason"):
            self._calibrate(self.s4, "E", reason="  ")
        self.assertEqual(self.s4.rating_band_id, self.band["D"])
        wizard = self._wizard(self.s4, "E")
        self.assertEqual(wizard.earned_band_id, self.band["D"])
        self.assertEqual(wizard.current_band_id, self.band["D"])
        self.assertFalse(wizard.breaks_target)
        self.assertIn(
            "Sales (test) / Sales North (test)", str(wizard.distribution_html)
        )
        wizard.action_confirm()
        self.assertEqual(self.s4.rating_band_id, self.band["E"])
        self.assertEqual(self.s4.payroll_coefficient, 0.8)
        self.assertTrue(self.s4.is_calibrated)
        self.assertIn(
            "Rating calibrated from D to E: Calibration meeting", self._notes(self.s4)
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.s4.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "rating_band_id"
        )
        self.assertEqual(tracked.old_value_char, "D")
        self.assertEqual(tracked.new_value_char, "E")
        # Back to the band the score earns: no longer calibrated.
        self._calibrate(self.s4, "D", reason="Second look")
        self.assertFalse(self.s4.is_calibrated)
        self.assertEqual(self.s4.payroll_coefficient, 0.9)

    def test_rating_outside_the_scale(self):
        with self.assertRaisesText(ValidationError, "outside the scale"):
            self._calibrate(self.s4, self.other_band)
        with self.assertRaisesText(ValidationError, "outside the scale"):
            self._calibrate(self.s4, self.env["perf.rating.band"])
        self.assertEqual(self.s4.rating_band_id, self.band["D"])
        # Only in calibration.
        with self.assertRaisesText(UserError, "not possible now"):
            self._calibrate(self.o6, "C")

    def test_breaking_the_target_warns_and_needs_a_reason(self):
        # S2 from C to A: the campaign has 3 A of 10, 30 % for a 20 % target,
        # and Sales North 2 of 5.
        wizard = self._wizard(self.s2, "A")
        self.assertTrue(wizard.breaks_target)
        self.assertIn("A at 30.0% for a target of 20.0%", wizard.broken_description)
        self.assertIn("Sales North (test): A at 40.0%", wizard.broken_description)
        with self.assertRaisesText(UserError, "breaks the target distribution"):
            wizard.action_confirm()
        self.assertEqual(self.s2.rating_band_id, self.band["C"])
        wizard.accept_break = True
        wizard.action_confirm()
        self.assertEqual(self.s2.rating_band_id, self.band["A"])
        self.assertIn("breaking the target distribution", self._notes(self.s2))
        self.assertTrue(self.campaign.with_user(self.user_admin).is_target_broken)
        # Only the new band counts: moving S3 to E breaks nothing more.
        self.assertFalse(self._wizard(self.s3, "E").breaks_target)

        # Closing now needs a reason.
        as_admin = self.o1.with_user(self.user_admin)
        self.assertTrue(as_admin.is_target_broken)
        with self.assertRaisesText(UserError, "Give a reason to close it anyway"):
            as_admin.action_done()
        self.assertEqual(self.o1.state, "calibration")
        as_admin.with_context(perf_change_reason="Strong quarter").action_done()
        self.assertEqual(self.o1.state, "done")
        notes = self._notes(self.o1)
        self.assertIn("Closed although the target distribution is broken", notes)
        self.assertIn("Strong quarter", notes)
        # The campaign closes the rest with one reason.
        action = self.campaign.with_user(self.user_admin).action_close_calibration()
        done_wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_admin)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(len(done_wizard.appraisal_ids), 9)
        self.assertTrue(done_wizard.breaks_target)
        with self.assertRaisesText(UserError, "Give a reason"):
            done_wizard.action_confirm()
        done_wizard.reason = "Agreed by the board"
        done_wizard.action_confirm()
        self.assertEqual(
            set(self.campaign.appraisal_ids.mapped("state")),
            {"done", "cancel", "manager_review"},
        )

    def test_closing_within_the_targets_needs_no_reason(self):
        self.s3.with_user(self.user_admin).action_done()
        self.assertEqual(self.s3.state, "done")
        self.assertFalse(
            any("target distribution" in body for body in self._bodies(self.s3))
        )
        self.assertNotIn("target distribution", self._notes(self.s3))

    def test_recomputing_keeps_the_calibrated_rating(self):
        self._calibrate(self.paul, "C", accept_break=True)
        self.assertTrue(self.paul.is_calibrated)
        # A figure corrected after calibration sends the appraisal back to
        # the manager review, whose new scores keep the calibrated band.
        self.ind_paul.actual_value = 95
        self.assertEqual(self.paul.state, "manager_review")
        write_manager_review(self.paul)
        self.paul.with_user(self.user_maria).action_submit_manager_review()
        self.assertAlmostEqual(self.paul.final_score, 95.0)
        self.assertEqual(self.paul.rating_band_id, self.band["C"])
        self.assertEqual(self.paul.payroll_coefficient, 1.0)
        self.assertTrue(self.paul.is_calibrated)
        # Closing keeps it.
        self.paul.with_user(self.user_admin).with_context(
            perf_change_reason="C agreed"
        ).action_done()
        self.assertEqual(self.paul.rating_band_id, self.band["C"])
        # Reopened: back to the band the score earns, said in the chatter.
        self.paul.with_user(self.user_admin).with_context(
            perf_change_reason="Sales corrected"
        ).action_reopen()
        self.assertFalse(self.paul.is_calibrated)
        self.assertEqual(self.paul.rating_band_id, self.band["A"])
        self.assertEqual(self.paul.payroll_coefficient, 1.2)
        self.assertIn("Calibration cleared", self._notes(self.paul))

    def test_score_catching_up_clears_the_calibration(self):
        self._calibrate(self.paul, "A", accept_break=True)
        self.ind_paul.actual_value = 92
        self.paul._update_scores()
        self.assertEqual(self.paul.rating_band_id, self.band["A"])
        self.assertFalse(self.paul.is_calibrated)

    def test_only_administrators_calibrate(self):
        for user in (self.user_maria, self.user_paul):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    self._wizard(self.paul, "A", user=user)
                with self.assertRaises(AccessError):
                    self.paul.with_user(user)._calibrate(self.band["A"], "I say so")
                with self.assertRaises(AccessError):
                    self.paul.with_user(user).action_open_calibrate_wizard()
        # Another company's administrator does not see the appraisal.
        with self.assertRaises(AccessError):
            self.paul.with_user(self.user_other_admin)._calibrate(
                self.band["A"], "Not mine"
            )
        with self.assertRaises(AccessError):
            self._wizard(self.paul, "A", user=self.user_other_admin).action_confirm()
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.user_other_admin).calibration_html  # noqa: B018
        with self.assertRaises(AccessError):
            self.paul.with_user(self.user_maria).action_open_done_wizard()
        self.assertEqual(self.paul.rating_band_id, self.band["B"])
        self.assertFalse(self.paul.is_calibrated)

    def test_rating_fields_cannot_be_written(self):
        as_maria = self.paul.with_user(self.user_maria)
        self.assertEqual(as_maria.rating_band_id, self.band["B"])
        cheats = [
            {"rating_band_id": self.band["A"].id},
            {"is_calibrated": True},
            {"payroll_coefficient": 3.0},
            {"final_score": 99.0},
        ]
        for user in (self.user_maria, self.user_admin):
            for vals in cheats:
                with self.subTest(user=user.name, vals=vals):
                    with self.assertRaisesText(AccessError, "Calibrate Rating"):
                        self.paul.with_user(user).write(vals)
        # A manager does not create an appraisal with its rating either.
        self.paul.unlink()
        with self.assertRaisesText(AccessError, "Calibrate Rating"):
            self.env["perf.appraisal"].with_user(self.user_maria).create(
                {
                    "employee_id": self.emp_paul.id,
                    "period_id": self.q1.id,
                    "rating_band_id": self.band["A"].id,
                }
            )

    def test_forms(self):
        Wizard = self.env["perf.appraisal.calibrate.wizard"].with_user(self.user_admin)
        action = self.s2.with_user(self.user_admin).action_open_calibrate_wizard()
        with Form(Wizard.with_context(**action["context"])) as form:
            self.assertEqual(form.current_band_id, self.band["C"])
            form.band_id = self.band["A"]
            self.assertTrue(form.breaks_target)
            self.assertIn("A at 30.0% for a target of 20.0%", form.broken_description)
            form.reason = "Best seller of the quarter"
            form.accept_break = True
            wizard = form.save()
        wizard.action_confirm()
        self.assertEqual(self.s2.rating_band_id, self.band["A"])
        # The appraisal's Mark Done now opens the wizard asking a reason.
        action = self.s3.with_user(self.user_admin).action_open_done_wizard()
        Done = self.env[action["res_model"]].with_user(self.user_admin)
        with Form(Done.with_context(**action["context"])) as form:
            self.assertTrue(form.breaks_target)
            form.reason = "Board decision"
        form.record.action_confirm()
        self.assertEqual(self.s3.state, "done")
        with self.assertRaisesText(UserError, "not possible now"):
            self.s3.with_user(self.user_admin).action_open_done_wizard()
        with Form(self.campaign.with_user(self.user_admin)) as form:
            self.assertTrue(form.is_target_broken)
        with Form(self.scale.with_user(self.user_admin)) as form:
            with form.band_ids.edit(0) as band:
                band.target_share = 15
        self.assertEqual(self.band["A"].target_share, 15)
        views = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .get_views([(False, "pivot"), (False, "graph"), (False, "search")])
        )
        self.assertIn("department_id", views["views"]["pivot"]["arch"])
        self.assertIn("group_department", views["views"]["search"]["arch"])
