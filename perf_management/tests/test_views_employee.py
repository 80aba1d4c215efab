from lxml import etree

from odoo.tests import Form, tagged

from .common import CascadeCommon

PHONE_ACTIONS = "//div[contains(@class, 'o_perf_phone_actions')]"


@tagged("post_install", "-at_install")
class TestViewsEmployee(CascadeCommon):
    """What the employee's screens show, read from the views as the web
    client gets them: the decisive buttons in sight on a phone, cards where a
    list would be cut, plain words, and read-only what is read-only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls._indicator(cls.obj_paul_q1, "Calls", target_value=90)

    def _arch(self, model, xmlid=None, view_type="form", user=None):
        Model = self.env[model].with_user(user or self.user_paul)
        view_id = self.env.ref(xmlid).id if xmlid else None
        return etree.fromstring(Model.get_view(view_id, view_type)["arch"])

    # ------------------------------------------------------------------
    # On the phone, the decisive button is the visible one
    # ------------------------------------------------------------------

    def test_decisive_buttons_stay_in_sight_and_ask_to_confirm(self):
        cases = [
            (
                "perf.appraisal",
                self.user_maria,
                ("action_submit_self_review", "action_submit_manager_review"),
            ),
            ("perf.appraisal.campaign", self.user_admin, ("action_launch",)),
            ("perf.indicator", self.user_paul, ("action_checkin",)),
        ]
        for model, user, buttons in cases:
            arch = self._arch(model, user=user)
            # Header buttons fold into the gear menu on a phone: each
            # decisive one is also in the sheet, shown on small screens only.
            for name in buttons:
                header = arch.xpath(f"//header/button[@name='{name}']")
                phone = arch.xpath(f"{PHONE_ACTIONS}//button[@name='{name}']")
                self.assertTrue(header and phone, (model, name))
                self.assertIn("btn-primary", phone[0].get("class"))
                self.assertIn("d-md-none", phone[0].getparent().get("class"))
                if name != "action_checkin":
                    self.assertTrue(header[0].get("confirm"), name)
                    self.assertEqual(header[0].get("confirm"), phone[0].get("confirm"))

    def test_lists_become_cards_on_a_phone(self):
        # The history: cards first on a phone.
        action = self.env.ref("perf_management.perf_checkin_action_history")
        self.assertEqual(action.mobile_view_mode, "kanban")
        self.assertIn("kanban", action.view_mode.split(","))
        # The objective's indicators, with their actual and Check in.
        arch = self._arch("perf.objective")
        kanban = arch.xpath("//field[@name='indicator_ids']/kanban")
        self.assertTrue(kanban)
        for name in ("actual_value", "target_value", "score"):
            self.assertTrue(kanban[0].xpath(f".//field[@name='{name}']"), name)
        self.assertTrue(kanban[0].xpath(".//button[@name='action_checkin']"))
        # The rating scale's coefficients.
        arch = self._arch("perf.rating.scale", user=self.user_admin)
        kanban = arch.xpath("//field[@name='band_ids']/kanban")
        self.assertTrue(kanban[0].xpath(".//field[@name='payroll_coefficient']"))

    def test_scores_above_100_fill_their_bar(self):
        # A score of 104 % draws a full bar, not an empty grey one.
        for model, xmlid, view_type in (
            (
                "perf.indicator",
                "perf_management.perf_indicator_view_kanban_checkin",
                "kanban",
            ),
            ("perf.indicator", None, "form"),
            ("perf.indicator", None, "list"),
            ("perf.objective", None, "form"),
            ("perf.objective", None, "list"),
            ("perf.objective", None, "kanban"),
        ):
            arch = self._arch(model, xmlid, view_type)
            bars = arch.xpath("//field[@widget='progressbar']")
            self.assertTrue(bars, (model, view_type))
            for bar in bars:
                if bar.get("name") in ("completion", "share", "task_progress"):
                    continue  # never above 100 %
                self.assertIn(
                    "overflow_class", bar.get("options") or "", (model, bar.get("name"))
                )

    # ------------------------------------------------------------------
    # No jargon an employee cannot act on
    # ------------------------------------------------------------------

    def test_plain_labels(self):
        labels = {
            ("perf.indicator", "days_since_checkin"): "Days Since Last Check-in",
            ("perf.indicator", "parent_id"): "Part of",
            ("perf.indicator", "aggregation"): "Parts Combined By",
            ("perf.indicator", "unit_type"): "Values Are",
            ("perf.objective", "is_manually_edited"): "Targets Changed by Hand",
        }
        for (model, fname), label in labels.items():
            self.assertEqual(self.env[model]._fields[fname].string, label)

    def test_employee_sees_no_settings_they_cannot_change(self):
        indicator_form = self._arch("perf.indicator")
        objective_form = self._arch("perf.objective")
        for arch, fname in (
            (indicator_form, "aggregation"),
            (indicator_form, "unit_type"),
            (objective_form, "is_manually_edited"),
        ):
            self.assertFalse(arch.xpath(f"//field[@name='{fname}']"), fname)
        # A manager sees them.
        self.assertTrue(
            self._arch("perf.indicator", user=self.user_maria).xpath(
                "//field[@name='aggregation']"
            )
        )
        # The level policy's warning is for who sets the indicators.
        warning = objective_form.xpath("//field[@name='policy_warning']/..")[0]
        self.assertIn("not can_manage", warning.get("invisible"))

    def test_read_only_looks_read_only(self):
        # Paul's own objective: he enters actuals, nothing else.
        objective = Form(self.obj_paul_q1.with_user(self.user_paul))
        for fname in ("name", "description", "level", "weight"):
            with self.assertRaises(AssertionError, msg=fname):
                setattr(objective, fname, False)
        with objective.indicator_ids.edit(0) as line:
            for fname in ("name", "dimension", "unit", "target_value", "weight"):
                with self.assertRaises(AssertionError, msg=fname):
                    setattr(line, fname, "x")
        indicator = Form(self.indicator.with_user(self.user_paul))
        for fname in ("name", "dimension", "unit", "objective_id", "target_value"):
            with self.assertRaises(AssertionError, msg=fname):
                setattr(indicator, fname, False)
        # What he may change stays editable.
        indicator.actual_value = 30
        indicator.save()
        self.assertEqual(self.indicator.actual_value, 30)
        # His manager sets them.
        manager = Form(self.indicator.with_user(self.user_maria))
        manager.name = "Customer calls"
        manager.save()
        self.assertEqual(self.indicator.name, "Customer calls")
