from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestMoves(CascadeCommon):
    """Rules checked before a write are checked again when it moves a record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.obj_north = cls._objective(
            "North opens 5 accounts",
            "department",
            cls.q1,
            parent=cls.obj_sales,
            department_id=cls.dep_north.id,
        )
        cls.task_paul = cls._task(cls.obj_paul_jan)
        cls.ind_paul = cls._indicator(cls.obj_paul_jan)

    def test_manager_cannot_move_records_out_of_her_team(self):
        maria = self.user_maria
        north = self.obj_north.with_user(maria)
        self.assertTrue(north.is_my_team)
        with self.assertRaises(AccessError):
            north.write({"department_id": self.dep_ops.id})
        self.assertEqual(self.obj_north.department_id, self.dep_north)
        with self.assertRaises(AccessError):
            self.obj_paul_q1.with_user(maria).write({"employee_id": self.emp_oscar.id})
        self.assertEqual(self.obj_paul_q1.employee_id, self.emp_paul)
        with self.assertRaises(AccessError):
            self.task_paul.with_user(maria).write({"objective_id": self.obj_oscar.id})
        self.assertEqual(self.task_paul.objective_id, self.obj_paul_jan)
        with self.assertRaises(AccessError):
            self.ind_paul.with_user(maria).write({"objective_id": self.obj_oscar.id})
        self.assertEqual(self.ind_paul.objective_id, self.obj_paul_jan)
        # Nor make a record her own, where she would set her own targets.
        with self.assertRaisesText(AccessError, "your own"):
            self.obj_paul_q1.with_user(maria).write({"employee_id": self.emp_maria.id})
        self.assertEqual(self.obj_paul_q1.employee_id, self.emp_paul)
        # Nor hang her objectives under a parent she cannot read.
        with self.assertRaises(AccessError):
            north.write({"parent_id": self.obj_ops.id})
        with self.assertRaises(AccessError):
            self.env["perf.objective"].with_user(maria).create(
                {
                    "name": "North under Ops",
                    "level": "department",
                    "department_id": self.dep_north.id,
                    "period_id": self.q2.id,
                    "parent_id": self.obj_ops.id,
                }
            )
        self.assertEqual(self.obj_north.parent_id, self.obj_sales)
        # Inside her team, moves go through.
        north.write(
            {"department_id": self.dep_north.id, "parent_id": self.obj_sales.id}
        )
        self.task_paul.with_user(maria).write({"objective_id": self.obj_paul_q1.id})
        self.assertEqual(self.task_paul.objective_id, self.obj_paul_q1)

    def test_my_team_follows_a_move(self):
        north = self.obj_north.with_user(self.user_maria)
        self.assertTrue(north.is_my_team)
        self.obj_north.write({"department_id": self.dep_ops.id})
        self.assertFalse(north.is_my_team)
        self.assertTrue(self.obj_north.with_user(self.user_olga).is_my_team)


@tagged("post_install", "-at_install")
class TestOwnersAndLocks(CascadeCommon):
    def test_owner_of_objectives_cannot_be_deleted(self):
        for owner in (self.emp_oscar, self.dep_ops, self.job_seller):
            with self.subTest(owner=owner.display_name):
                with self.assertRaisesText(UserError, "archive"):
                    owner.unlink()
                self.assertTrue(owner.exists())
        task = self._task(
            self.obj_ops, assignee_level="department", department_id=self.dep_ops.id
        )
        self.assertTrue(task)
        # Without objective nor task, they go as before.
        spare = self.env["hr.employee"].create({"name": "Temp (test)"})
        spare.unlink()
        self.assertFalse(spare.exists())

    def test_locked_period_keeps_owners_and_objectives(self):
        spare = self._objective(
            "Paul spare", "employee", self.january, employee_id=self.emp_paul.id
        )
        self.january.action_lock()
        for vals in (
            {"employee_id": self.emp_oscar.id},
            {"level": "post", "employee_id": False, "job_id": self.job_seller.id},
        ):
            with self.assertRaisesText(UserError, "locked"):
                self.obj_paul_jan.write(vals)
        self.assertEqual(self.obj_paul_jan.employee_id, self.emp_paul)
        with self.assertRaisesText(UserError, "locked"):
            spare.unlink()
        self.assertTrue(spare.exists())
