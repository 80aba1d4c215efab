from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, Form, tagged

from ..tools import pace
from .common import CascadeCommon, write_self_review


@tagged("post_install", "-at_install")
class TestCheckinWizard(CascadeCommon):
    """The short check-in form as Paul fills it in: his revenue of the first
    quarter of FY 2031, 100 000 to reach, 26 000 made so far (checked in).
    Paul checks in on the first day of the quarter: the value expected today
    is that of one day of 90 (1 111)."""

    run_day = "2031-01-01"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.revenue = cls._indicator(
            cls.obj_paul_q1, "Revenue", target_value=100000, unit="EUR"
        )
        with freeze_time(cls.run_day):
            cls.env["perf.checkin"].with_user(cls.user_paul).create(
                {"indicator_id": cls.revenue.id, "value": 26000}
            )

    def _form(self, indicator=None, user=None, lang=None):
        Wizard = (
            self.env["perf.checkin.wizard"]
            .with_user(user or self.user_paul)
            .with_context(default_indicator_id=(indicator or self.revenue).id)
        )
        if lang:
            Wizard = Wizard.with_context(lang=lang)
        return Form(Wizard)

    def _check_in(self, form):
        wizard = form.save()
        wizard.action_confirm()
        return self.revenue.last_checkin_id

    def test_the_number_typed_is_the_number_stored(self):
        form = self._form()
        # Empty, with the current value beside it.
        self.assertFalse(form.value_input)
        self.assertEqual(form.current_value, 26000)
        self.assertTrue(form.has_current_value)
        form.value_input = "9000"
        self.assertFalse(form.is_unusual)
        checkin = self._check_in(form)
        self.assertEqual(checkin.value, 9000)
        self.assertEqual(checkin.previous_value, 26000)
        self.assertEqual(self.revenue.actual_value, 9000)

    def test_numbers_as_the_language_writes_them(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        form = self._form(lang="fr_FR")
        form.value_input = "31\u202f500,5"
        self.assertEqual(self._check_in(form).value, 31500.5)
        form = self._form()
        form.value_input = "32,000.25"
        self.assertEqual(self._check_in(form).value, 32000.25)

    def test_not_a_number_changes_nothing(self):
        form = self._form()
        form.value_input = "lots"
        wizard = form.save()
        with self.assertRaisesText(ValidationError, "'lots' is not a number"):
            wizard.action_confirm()
        self.assertEqual(self.revenue.actual_value, 26000)
        self.assertEqual(self.revenue.checkin_count, 1)

    def test_unusual_value_is_confirmed_first(self):
        for typed in ("260000", "0.01", "-26000"):
            form = self._form()
            form.value_input = typed
            self.assertTrue(form.is_unusual, typed)
            wizard = form.save()
            with self.assertRaisesText(UserError, "Yes, this is the value reached"):
                wizard.action_confirm()
        self.assertEqual(self.revenue.actual_value, 26000)
        form = self._form()
        form.value_input = "260000"
        form.confirm_unusual = True
        # A new value is confirmed anew.
        form.value_input = "270000"
        self.assertFalse(form.confirm_unusual)
        form.confirm_unusual = True
        self.assertEqual(self._check_in(form).value, 270000)

    def test_a_value_reaching_the_target_is_on_track(self):
        form = self._form()
        form.confidence = "off_track"
        form.value_input = "100000"
        # The confidence is not asked any more.
        self.assertTrue(form.reaches_target)
        checkin = self._check_in(form)
        self.assertEqual(checkin.confidence, "on_track")
        self.assertEqual(self.revenue.confidence, "on_track")
        # Through the API too, and the indicator follows its actual.
        self.env["perf.checkin"].with_user(self.user_paul).create(
            {"indicator_id": self.revenue.id, "value": 120000, "confidence": "at_risk"}
        )
        self.assertEqual(self.revenue.confidence, "on_track")
        self.env["perf.checkin"].with_user(self.user_paul).create(
            {"indicator_id": self.revenue.id, "value": 90000, "confidence": "at_risk"}
        )
        self.assertEqual(self.revenue.confidence, "at_risk")
        self.revenue.with_user(self.user_maria).target_value = 90000
        self.assertEqual(self.revenue.confidence, "on_track")

    # ------------------------------------------------------------------
    # Undo
    # ------------------------------------------------------------------

    def _typo(self, value=9):
        return (
            self.env["perf.checkin"]
            .with_user(self.user_paul)
            .create({"indicator_id": self.revenue.id, "value": value})
        )

    def test_author_undoes_a_typo(self):
        typo = self._typo()
        self.assertEqual(self.revenue.actual_value, 9)
        self.assertTrue(typo.with_user(self.user_paul).can_undo)
        typo.with_user(self.user_paul).action_undo()
        self.assertEqual(self.revenue.actual_value, 26000)
        self.assertTrue(self.revenue.has_actual)
        self.assertFalse(typo.active)
        self.assertEqual(self.revenue.last_checkin_id.value, 26000)
        self.assertIn("back to 26,000.00", typo.message_ids[0].body)
        # The check-in before it was the first: undoing it would erase the
        # actual, so it is corrected by checking in again.
        first = self.revenue.last_checkin_id.with_user(self.user_paul)
        self.assertFalse(first.can_undo)
        with self.assertRaisesText(UserError, "cannot be undone"):
            first.action_undo()
        self.assertEqual(self.revenue.actual_value, 26000)

    def test_nobody_else_undoes_and_not_late(self):
        typo = self._typo()
        for user in (self.user_maria, self.user_admin):
            self.assertFalse(typo.with_user(user).can_undo)
            with self.assertRaisesText(UserError, "Only the author"):
                typo.with_user(user).action_undo()
        with self.assertRaises(AccessError):
            typo.with_user(self.user_oscar).action_undo()
        late = self.env.cr.now() - timedelta(minutes=16)
        self.env.cr.execute(
            "UPDATE perf_checkin SET create_date = %s WHERE id = %s", (late, typo.id)
        )
        typo.invalidate_recordset(["create_date"])
        with self.assertRaisesText(UserError, "during 15 minutes"):
            typo.with_user(self.user_paul).action_undo()
        self.assertEqual(self.revenue.actual_value, 9)

    def test_only_the_latest_and_unchanged_since(self):
        typo = self._typo()
        self._typo(12)
        with self.assertRaisesText(UserError, "Only the latest"):
            typo.with_user(self.user_paul).action_undo()
        latest = self.revenue.last_checkin_id
        self.revenue.with_user(self.user_paul).actual_value = 15
        with self.assertRaisesText(UserError, "changed since"):
            latest.with_user(self.user_paul).action_undo()

    def test_no_undo_once_an_appraisal_froze_it(self):
        typo = self._typo()
        appraisal = (
            self.env["perf.appraisal"]
            .with_user(self.user_admin)
            .create({"employee_id": self.emp_paul.id, "period_id": self.q1.id})
        )
        appraisal.action_start()
        write_self_review(appraisal)
        appraisal.with_user(self.user_paul).action_submit_self_review()
        with self.assertRaisesText(UserError, "no longer check in"):
            typo.with_user(self.user_paul).action_undo()
        self.assertEqual(self.revenue.actual_value, 9)


class TestTypedNumbers(BaseCase):
    """How typed numbers are read and when a value looks like a slip,
    without the database."""

    def test_parse_typed_number(self):
        parse = pace.parse_typed_number
        self.assertEqual(parse("9000"), 9000)
        self.assertEqual(parse(" 9,000.50 "), 9000.5)
        self.assertEqual(parse("9 000,5", ",", "\u202f"), 9000.5)
        self.assertEqual(parse("9.000,5", ",", "."), 9000.5)
        self.assertEqual(parse("-12"), -12)
        self.assertIsNone(parse(""))
        self.assertIsNone(parse("   "))
        self.assertIsNone(parse("12 visits"))
        self.assertIsNone(parse("nan"))
        self.assertIsNone(parse(None))

    def test_unusual_values(self):
        unusual = pace.is_unusual_value
        # Far from both the current 26 000 and the 25 000 expected.
        self.assertTrue(unusual(260000, [26000, 25000]))
        self.assertTrue(unusual(0.01, [26000, 25000]))
        self.assertTrue(unusual(0, [26000, 25000]))
        self.assertTrue(unusual(-5, [26000]))
        # Near one of them is enough.
        self.assertFalse(unusual(9000, [26000, 0]))
        self.assertFalse(unusual(120000, [26000, 25000 * 5]))
        self.assertFalse(unusual(5.0 * 26000, [26000]))
        # Nothing to compare with.
        self.assertFalse(unusual(1e9, [0, 0]))
