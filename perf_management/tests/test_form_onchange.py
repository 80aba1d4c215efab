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
