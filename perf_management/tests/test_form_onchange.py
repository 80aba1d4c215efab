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
        # A line added there is not Paul's to fill: the form says so at once.
        line = form.indicator_ids.new()
        self.assertFalse(line.can_edit_targets)
        for fname, value in (("name", "Calls"), ("target_value", 5.0)):
            with self.assertRaisesRegex(AssertionError, "readonly"):
                setattr(line, fname, value)


@tagged("post_install", "-at_install")
class TestObjectiveFormDefaults(CascadeCommon):
    """The buttons that open the form of a new objective give defaults to the
    objective only: the indicators and tasks saved with it keep theirs."""

    def _open(self, action, user, active):
        """The form ``action`` opens, with the context the web client sends."""
        context = dict(
            action.get("context") or {},
            active_id=active.id,
            active_ids=active.ids,
            active_model=active._name,
        )
        return Form(
            self.env[action["res_model"]].with_user(user).with_context(**context)
        )

    def _add_lines(self, form, suffix):
        with form.indicator_ids.new() as line:
            line.name = f"Accounts opened {suffix}"
            line.target_value = 12.0
        with form.task_ids.new() as task:
            task.name = f"Visit the trade fair {suffix}"
            task.completion_standard = "Visit report filed"

    def _assert_lines_kept_their_own(self, objective):
        self.assertEqual(len(objective.indicator_ids), 2)
        self.assertEqual(len(objective.task_ids), 2)
        self.assertFalse(objective.indicator_ids.parent_id)
        self.assertFalse(objective.task_ids.parent_id)
        self.assertEqual(objective.indicator_ids.period_id, objective.period_id)
        self.assertEqual(objective.task_ids.period_id, objective.period_id)
        self.assertEqual(objective.task_ids.department_id, objective.department_id)
        self.assertEqual(objective.task_ids.job_id, objective.job_id)

    def test_new_sub_objective_lines(self):
        """Maria decomposes her department's objective to a post: the lines
        she adds before and after the first save are the new objective's."""
        action = self.obj_sales.with_user(self.user_maria).action_new_child()
        form = self._open(action, self.user_maria, self.obj_sales)
        self.assertEqual(form.parent_id, self.obj_sales)
        self.assertEqual(form.level, "post")
        self.assertEqual(form.period_id, self.year)
        self.assertEqual(form.user_id, self.user_maria)
        form.name = "Key accounts"
        form.job_id = self.job_buyer
        self._add_lines(form, "before saving")
        child = form.save()
        # The web client keeps the action's context for the next saves.
        self._add_lines(form, "after saving")
        form.save()
        self.assertEqual(child.parent_id, self.obj_sales)
        self.assertEqual(child.department_id, self.dep_north)
        self._assert_lines_kept_their_own(child)

    def test_sub_objectives_list_lines(self):
        action = self.obj_seller.with_user(self.user_maria).action_open_children()
        form = self._open(action, self.user_maria, self.obj_seller)
        self.assertEqual(form.parent_id, self.obj_seller)
        form.name = "Paul opens key accounts"
        form.level = "employee"
        form.employee_id = self.emp_paul
        form.period_id = self.q1
        self._add_lines(form, "before saving")
        child = form.save()
        self._add_lines(form, "after saving")
        form.save()
        self.assertEqual(child.parent_id, self.obj_seller)
        self._assert_lines_kept_their_own(child)

    def test_period_objectives_lines(self):
        """Opened from the year, an objective of the first quarter: its
        lines belong to the quarter."""
        action = self.year.with_user(self.user_admin).action_open_objectives()
        form = self._open(action, self.user_admin, self.year)
        self.assertEqual(form.period_id, self.year)
        form.name = "Operations deliver in Q1"
        form.level = "department"
        form.department_id = self.dep_ops
        form.period_id = self.q1
        self._add_lines(form, "before saving")
        objective = form.save()
        self._add_lines(form, "after saving")
        form.save()
        self.assertEqual(objective.period_id, self.q1)
        self._assert_lines_kept_their_own(objective)
