from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CascadeCommon, write_manager_review, write_self_review


@tagged("post_install", "-at_install")
class TestAppraisalFreeze(CascadeCommon):
    """Once an employee's appraisal is done, the actuals it scored are frozen
    for everyone, until an administrator reopens it."""

    # In Q2 2031: Q1 is appraised, Q2 has started.
    run_day = "2031-04-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80)
        cls.calls = cls._indicator(cls.obj_paul_jan, "Calls", actual_value=10)
        cls.shipping = cls._indicator(cls.obj_oscar, "On time", actual_value=90)
        cls.obj_paul_q2 = cls._objective(
            "Paul wins 2 accounts",
            "employee",
            cls.q2,
            parent=cls.obj_seller,
            employee_id=cls.emp_paul.id,
            user_id=cls.user_maria.id,
        )
        cls.later = cls._indicator(cls.obj_paul_q2, "Sales Q2", actual_value=5)
        Appraisal = cls.env["perf.appraisal"].with_user(cls.user_admin)
        cls.appraisal = Appraisal.create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q1.id}
        )
        cls.appraisal.action_start()
        write_self_review(cls.appraisal)
        cls.appraisal.with_user(cls.user_paul).action_submit_self_review()
        write_manager_review(cls.appraisal)
        cls.appraisal.with_user(cls.user_maria).action_submit_manager_review()
        cls.appraisal.action_done()
        cls.oscar_appraisal = Appraisal.create(
            {"employee_id": cls.emp_oscar.id, "period_id": cls.q1.id}
        )

    def _frozen(self):
        return self.assertRaisesText(UserError, self.appraisal.display_name)

    def test_actuals_refused_to_everyone(self):
        for user in (self.user_paul, self.user_maria, self.user_admin):
            for indicator in (self.sales, self.calls):
                with self._frozen():
                    indicator.with_user(user).write({"actual_value": 99})
        with self._frozen():
            self.sales.sudo().write({"actual_value": 99})
        with self._frozen():
            self.sales.with_user(self.user_maria).write({"weight": 3})
        with self._frozen():
            self.sales.with_user(self.user_admin).write({"dimension": "process"})
        self.assertEqual(self.sales.actual_value, 80)
        self.assertEqual(self.calls.actual_value, 10)
        # What does not change a score stays editable.
        self.sales.with_user(self.user_maria).write({"name": "Sales won"})
        self.assertEqual(self.sales.name, "Sales won")

    def test_checkin_refused(self):
        self.assertFalse(self.calls.with_user(self.user_paul).can_checkin)
        self.assertTrue(self.later.with_user(self.user_paul).can_checkin)
        with self._frozen():
            self.env["perf.checkin"].with_user(self.user_paul).create(
                {"indicator_id": self.calls.id, "value": 12}
            )
        self.assertFalse(self.calls.checkin_ids)
        self.assertEqual(self.calls.actual_value, 10)

    def test_indicators_and_objectives_not_added_moved_or_deleted(self):
        with self._frozen():
            self._indicator(self.obj_paul_q1, "New one")
        with self._frozen():
            self.sales.with_user(self.user_admin).unlink()
        with self._frozen():
            self.later.with_user(self.user_admin).write(
                {"objective_id": self.obj_paul_q1.id}
            )
        with self._frozen():
            self.obj_paul_jan.with_user(self.user_admin).write({"active": False})
        with self._frozen():
            self.obj_paul_q2.with_user(self.user_admin).write(
                {"period_id": self.january.id}
            )

    def test_other_employees_and_periods_unaffected(self):
        self.shipping.with_user(self.user_oscar).write({"actual_value": 95})
        self.assertEqual(self.shipping.actual_value, 95)
        self.later.with_user(self.user_paul).write({"actual_value": 7})
        self.assertEqual(self.later.actual_value, 7)
        self.env["perf.checkin"].with_user(self.user_oscar).create(
            {"indicator_id": self.shipping.id, "value": 96}
        )
        self.assertEqual(self.shipping.actual_value, 96)
        # Oscar's appraisal of the same period is not done: nothing frozen.
        self.assertEqual(self.oscar_appraisal.state, "draft")

    def test_reopen_unfreezes(self):
        self.appraisal.with_user(self.user_admin).with_context(
            perf_change_reason="Late sale"
        ).action_reopen()
        self.calls.with_user(self.user_paul).write({"actual_value": 11})
        self.env["perf.checkin"].with_user(self.user_paul).create(
            {"indicator_id": self.sales.id, "value": 85}
        )
        self.assertEqual(self.calls.actual_value, 11)
        self.assertEqual(self.sales.actual_value, 85)

    def test_one_query_per_write(self):
        objectives = (self.shipping | self.later).objective_id
        self.env.flush_all()
        start = self.env.cr.sql_log_count
        objectives._ensure_not_appraised()
        self.assertEqual(self.env.cr.sql_log_count - start, 1)
