"""Forms driven as the web client drives them: every field change runs the
onchange on a new record (a ``NewId`` wrapping the saved one), whose computed
fields, up the cascade too, must work on records that have no id yet."""

from types import SimpleNamespace

from odoo.tests import BaseCase, Form, tagged

from ..tools.ordering import creation_key
from .common import CascadeCommon


def _record(origin_id):
    """A stand-in for a record whose ``_origin`` has ``origin_id``."""
    return SimpleNamespace(_origin=SimpleNamespace(id=origin_id))


@tagged("post_install", "-at_install")
class TestCreationKey(BaseCase):
    def test_saved_by_id_then_new_in_their_order(self):
        new_a, new_b = _record(False), _record(False)
        records = [new_a, _record(7), new_b, _record(3)]
        ordered = sorted(records, key=lambda record: ("same", creation_key(record)))
        self.assertEqual(
            [record._origin.id for record in ordered], [3, 7, False, False]
        )
        self.assertIs(ordered[2], new_a)
        self.assertIs(ordered[3], new_b)


@tagged("post_install", "-at_install")
class TestDerivedActualForms(CascadeCommon):
    """The post's visits are split between two sellers for the same quarter:
    the post's actual derives from two parts of the same period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_pia = cls.env["hr.employee"].create(
            {
                "name": "Pia Seller",
                "department_id": cls.dep_north.id,
                "job_id": cls.job_seller.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        cls.obj_pia_q1 = cls._objective(
            "Pia wins 3 accounts",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pia.id,
            user_id=cls.user_maria.id,
        )
        cls.visits_post = cls._indicator(
            cls.obj_seller, name="Visits", target_value=60.0, aggregation="sum"
        )
        key = f"indicator:{cls.visits_post.id}"
        cls.visits_paul = cls._indicator(
            cls.obj_paul_q1, name="Visits", target_value=30.0, decomposition_key=key
        )
        cls.visits_pia = cls._indicator(
            cls.obj_pia_q1,
            name="Visits",
            target_value=30.0,
            decomposition_key=key,
            actual_value=10.0,
        )
        cls.env.flush_all()

    def test_parts_of_one_period(self):
        self.assertEqual(self.visits_post.child_ids, self.visits_paul | self.visits_pia)
        self.assertEqual(self.visits_paul.period_id, self.visits_pia.period_id)
        self.assertEqual(self.visits_post.actual_value, 10.0)

    def test_employee_enters_actual_in_dialog(self):
        """Paul's Enter Actual dialog saves what he typed, and the post's
        actual adds it to Pia's."""
        action = self.visits_paul.with_user(self.user_paul).action_enter_actual()
        indicator = (
            self.env[action["res_model"]]
            .with_user(self.user_paul)
            .browse(action["res_id"])
        )
        with Form(indicator) as form:
            form.actual_value = 12.0
        self.assertEqual(self.visits_paul.actual_value, 12.0)
        self.assertTrue(self.visits_paul.has_actual)
        self.assertEqual(self.visits_post.actual_value, 22.0)

    def test_manager_enters_actual_in_objective_list(self):
        with Form(self.obj_paul_q1.with_user(self.user_maria)) as form:
            with form.indicator_ids.edit(0) as line:
                line.actual_value = 14.0
        self.assertEqual(self.visits_paul.actual_value, 14.0)
        self.assertEqual(self.visits_post.actual_value, 24.0)

    def test_manager_changes_aggregation(self):
        self.visits_paul.actual_value = 14.0
        with Form(self.visits_post.with_user(self.user_maria)) as form:
            form.aggregation = "maximum"
            self.assertEqual(form.actual_value, 14.0)
            form.aggregation = "last"
            # The same period: the part saved last counts.
            self.assertEqual(form.actual_value, 10.0)
        self.assertEqual(self.visits_post.aggregation, "last")
        self.assertEqual(self.visits_post.actual_value, 10.0)


@tagged("post_install", "-at_install")
class TestNewObjectiveForm(CascadeCommon):
    """Whoever may create an objective fills its indicators in the same form,
    before the objective is saved."""

    def _fill_indicator(self, form, name, target, direction="higher", weight=1.0):
        with form.indicator_ids.new() as line:
            self.assertTrue(line.can_edit_targets)
            line.name = name
            line.direction = direction
            line.target_value = target
            line.weight = weight

    def test_administrator_fills_indicators_of_new_objective(self):
        form = Form(self.env["perf.objective"].with_user(self.user_admin))
        form.name = "Grow margin"
        form.level = "company"
        form.period_id = self.year
        self._fill_indicator(form, "Gross margin", 35.0, weight=2.0)
        self._fill_indicator(form, "Returns", 3.0, direction="lower")
        objective = form.save()
        self.assertEqual(
            [
                (ind.name, ind.direction, ind.target_value, ind.weight)
                for ind in objective.indicator_ids
            ],
            [
                ("Gross margin", "higher", 35.0, 2.0),
                ("Returns", "lower", 3.0, 1.0),
            ],
        )

    def test_manager_fills_indicators_of_new_team_objective(self):
        form = Form(self.env["perf.objective"].with_user(self.user_maria))
        form.name = "Sellers visit customers"
        form.level = "post"
        form.job_id = self.job_seller
        form.parent_id = self.obj_sales
        form.period_id = self.year
        self._fill_indicator(form, "Visits", 120.0)
        self._fill_indicator(form, "Days to answer", 2.0, direction="lower")
        objective = form.save()
        self.assertEqual(objective.department_id, self.dep_north)
        self.assertEqual(
            [
                (ind.name, ind.direction, ind.target_value)
                for ind in objective.indicator_ids
            ],
            [("Visits", "higher", 120.0), ("Days to answer", "lower", 2.0)],
        )

    def test_employee_does_not_fill_targets_of_saved_objective(self):
        """The rule for saved objectives stays: Paul enters actuals only."""
        self._indicator(self.obj_paul_jan, name="Visits")
        form = Form(self.obj_paul_jan.with_user(self.user_paul))
        with form.indicator_ids.edit(0) as line:
            self.assertFalse(line.can_edit_targets)
        with form.indicator_ids.new() as line:
            line.name = "Calls"
            self.assertFalse(line.can_edit_targets)
            with self.assertRaisesRegex(AssertionError, "readonly"):
                line.target_value = 5.0
