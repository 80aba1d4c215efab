from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestTask(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_paul = cls._task(cls.obj_paul_jan, name="Visit 10 prospects")
        cls.task_sales = cls._task(
            cls.obj_sales,
            name="Run the spring campaign",
            assignee_level="department",
            department_id=cls.dep_north.id,
            completion_standard="Campaign report approved",
        )

    def test_completion_standard_required(self):
        form = Form(self.env["perf.task"])
        form.name = "No standard"
        form.objective_id = self.obj_paul_jan
        with self.assertRaises(AssertionError):
            form.save()
        with self.assertRaisesText(ValidationError, "completion standard"):
            self.env["perf.task"].create(
                {
                    "name": "No standard",
                    "objective_id": self.obj_paul_jan.id,
                    "completion_standard": " ",
                }
            )
        with self.assertRaisesText(ValidationError, "completion standard"):
            self.task_paul.write({"completion_standard": False})
        self.assertEqual(self.task_paul.completion_standard, "Visit report filed")

    def test_form_defaults_assignee_from_objective(self):
        with Form(self.env["perf.task"]) as form:
            form.name = "Follow up"
            form.objective_id = self.obj_paul_jan
            self.assertEqual(form.assignee_level, "employee")
            self.assertEqual(form.employee_id, self.emp_paul)
            self.assertEqual(form.department_id, self.dep_north)
            form.completion_standard = "CRM updated"
        task = form.save()
        self.assertEqual(task.user_id, self.user_paul)
        with self.assertRaisesText(ValidationError, "choose which one"):
            task.write({"assignee_level": "post", "job_id": False})
        self.assertEqual(task.assignee_level, "employee")

    def test_assignee_marks_done_responsible_verifies(self):
        task = self.task_paul.with_user(self.user_paul)
        task.action_done()
        self.assertEqual(self.task_paul.state, "done")
        self.assertEqual(self.obj_paul_jan.task_progress, 100.0)
        with self.assertRaisesText(UserError, "verify"):
            task.action_verify()
        self.assertEqual(self.task_paul.state, "done")
        # Maria is the objective's responsible (and a manager).
        self.task_paul.with_user(self.user_maria).action_verify()
        self.assertEqual(self.task_paul.state, "verified")
        self.assertEqual(self.task_paul.verified_by_id, self.user_maria)
        self.assertEqual(self.obj_paul_jan.task_progress, 100.0)
        # Undoing a verification is the verifier's call too.
        with self.assertRaisesText(UserError, "verify"):
            task.action_reset()
        self.assertEqual(self.task_paul.state, "verified")

    def test_responsible_user_who_is_not_manager_can_verify(self):
        self.obj_paul_jan.user_id = self.user_oscar
        self.task_paul.state = "done"
        self.task_paul.with_user(self.user_oscar).action_verify()
        self.assertEqual(self.task_paul.state, "verified")

    def test_nobody_verifies_own_work(self):
        # Decompositions make each employee responsible of their own objective.
        self.obj_paul_jan.user_id = self.user_paul
        self.obj_seller.user_id = self.user_paul
        post_task = self._task(
            self.obj_seller,
            name="Seller post task",
            assignee_level="post",
            job_id=self.job_seller.id,
        )
        # A manager assigned a task of her team's objective.
        maria_task = self._task(
            self.obj_paul_q1,
            name="Maria joins the visit",
            employee_id=self.emp_maria.id,
        )
        for user, task in (
            (self.user_paul, self.task_paul),
            (self.user_paul, post_task),
            (self.user_maria, maria_task),
        ):
            with self.subTest(user=user.login, task=task.name):
                self.env.invalidate_all()
                task = task.with_user(user)
                task.action_done()
                self.assertFalse(task.can_verify)
                with self.assertRaisesText(UserError, "your own work"):
                    task.action_verify()
                with self.assertRaisesText(UserError, "your own work"):
                    task.write({"state": "verified"})
                self.assertEqual(task.state, "done")
        # "To Verify by Me" leaves out one's own work.
        Task = self.env["perf.task"].with_user(self.user_paul)
        search_view = Task.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("('is_own', '=', False)", search_view)
        to_verify = Task.search(
            [
                ("state", "=", "done"),
                ("objective_id.user_id", "=", self.user_paul.id),
                ("is_own", "=", False),
            ]
        )
        self.assertFalse(to_verify & (self.task_paul | post_task))
        # Someone else verifies: the manager of the team, or an administrator.
        self.task_paul.with_user(self.user_maria).action_verify()
        self.assertEqual(self.task_paul.verified_by_id, self.user_maria)
        maria_task.with_user(self.user_admin).action_verify()
        self.assertEqual(maria_task.state, "verified")
        # An administrator verifies even her own work.
        admin_task = self._task(
            self.obj_company,
            assignee_level="department",
            department_id=self.dep_sales.id,
        )
        self.obj_company.user_id = self.user_admin
        admin_task.with_user(self.user_admin).action_verify()
        self.assertEqual(admin_task.state, "verified")

    def test_employee_changes_only_the_state(self):
        task = self.task_paul.with_user(self.user_paul)
        with self.assertRaisesText(AccessError, "only change the state"):
            task.write({"weight": 5})
        with self.assertRaisesText(AccessError, "only change the state"):
            task.write({"completion_standard": "Nothing to do"})
        self.assertEqual(self.task_paul.weight, 1.0)
        self.assertEqual(self.task_paul.completion_standard, "Visit report filed")
        # A manager of the team may change the task.
        self.task_paul.with_user(self.user_maria).write({"weight": 2})
        self.assertEqual(self.task_paul.weight, 2.0)

    def test_weight_must_be_a_positive_number(self):
        with self.assertRaises(ValidationError):
            self.task_paul.write({"weight": -1})
        with self.assertRaisesText(ValidationError, "not a number"):
            self.task_paul.write({"weight": "x"})
        self.assertEqual(self.task_paul.weight, 1.0)

    def test_split_into_post_tasks(self):
        action = self.task_sales.action_split_into_posts()
        children = self.task_sales.child_ids
        self.assertEqual(children.job_id, self.job_seller | self.job_buyer)
        self.assertEqual(set(children.mapped("assignee_level")), {"post"})
        self.assertEqual(
            set(children.mapped("completion_standard")), {"Campaign report approved"}
        )
        self.assertEqual(children.objective_id, self.obj_sales)
        self.assertEqual(self.env["perf.task"].search(action["domain"]), children)
        # Splitting again creates nothing new.
        self.task_sales.action_split_into_posts()
        self.assertEqual(self.task_sales.child_ids, children)
        # Only a department task can be split.
        with self.assertRaises(UserError):
            self.task_paul.action_split_into_posts()
        # A department without posts cannot be split either.
        task_ops = self._task(
            self.obj_ops, assignee_level="department", department_id=self.dep_ops.id
        )
        with self.assertRaisesText(UserError, "no post"):
            task_ops.action_split_into_posts()

    def test_parent_task_counts_by_its_children(self):
        self.task_sales.action_split_into_posts()
        seller, buyer = self.task_sales.child_ids.sorted("id")
        seller.weight = 3
        self.assertEqual(self.obj_sales.task_progress, 0.0)
        seller.action_done()
        self.assertEqual(self.task_sales.completion, 75.0)
        # The sub-tasks count through their parent only.
        self.assertEqual(self.obj_sales.task_progress, 75.0)
        buyer.action_done()
        self.assertEqual(self.task_sales.completion, 100.0)
        self.assertEqual(self.obj_sales.task_progress, 100.0)
        buyer.action_archive()
        self.assertEqual(self.task_sales.completion, 100.0)
        seller.action_reset()
        self.assertEqual(self.obj_sales.task_progress, 0.0)

    def test_sub_task_of_another_objective_refused(self):
        with self.assertRaisesText(ValidationError, "must belong"):
            self._task(self.obj_paul_jan, parent_id=self.task_sales.id)

    def test_task_loop_refused(self):
        child = self._task(self.obj_paul_jan, parent_id=self.task_paul.id)
        with self.assertRaisesText(ValidationError, "sub-task of itself"):
            self.task_paul.parent_id = child
        self.assertFalse(self.task_paul.parent_id)

    def test_done_task_archived_not_deleted(self):
        self.task_paul.action_done()
        with self.assertRaisesText(UserError, "Archive it"):
            self.task_paul.unlink()
        self.task_paul.action_archive()
        self.assertEqual(self.obj_paul_jan.task_progress, 0.0)
        self.assertFalse(self.obj_paul_jan.has_tasks)
        fresh = self._task(self.obj_paul_jan, name="Typo")
        fresh.unlink()
        self.assertFalse(fresh.exists())

    def test_locked_period_refuses_deleting_and_moving_tasks(self):
        fresh = self._task(self.obj_paul_jan, name="Typo")
        other = self._task(self.obj_paul_q1, name="Quarter review")
        self.january.action_lock()
        # Even a task to do counts in the frozen progress.
        with self.assertRaisesText(UserError, "locked"):
            fresh.unlink()
        self.assertTrue(fresh.exists())
        with self.assertRaisesText(UserError, "locked"):
            fresh.objective_id = self.obj_paul_q1
        with self.assertRaisesText(UserError, "locked"):
            other.objective_id = self.obj_paul_jan
        self.assertEqual(other.objective_id, self.obj_paul_q1)
        self.assertEqual(fresh.objective_id, self.obj_paul_jan)

    def test_state_buttons_follow_access(self):
        for user, task, can_change, can_verify in (
            # The assignee marks his task done; the responsible verifies it.
            (self.user_paul, self.task_paul, True, False),
            (self.user_maria, self.task_paul, True, True),
            # Paul reads the task of his department but it is not his.
            (self.user_paul, self.task_sales, False, False),
            # A manager of another team.
            (self.user_olga, self.task_paul, False, False),
        ):
            with self.subTest(user=user.login, task=task.name):
                # "My Team" of the objectives is cached per record, not per user.
                self.env.invalidate_all()
                task = task.with_user(user)
                self.assertEqual(task.can_change_state, can_change)
                self.assertEqual(task.can_verify, can_verify)
        # The responsible of the objective verifies, manager or not.
        self.obj_paul_jan.user_id = self.user_oscar
        task = self.task_paul.with_user(self.user_oscar)
        self.assertTrue(task.can_change_state)
        self.assertTrue(task.can_verify)
        arch = (
            self.env["perf.task"]
            .with_user(self.user_paul)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("state != 'done' or not can_verify", arch)
        self.assertIn("state != 'todo' or not can_change_state", arch)
        # The assignee sees the task itself read-only; the manager edits it.
        with Form(self.task_paul.with_user(self.user_paul)) as form:
            for fname, value in (
                ("weight", 3.0),
                ("completion_standard", "Nothing"),
                ("employee_id", self.emp_oscar),
            ):
                with self.assertRaisesRegex(AssertionError, "readonly"):
                    setattr(form, fname, value)
        self.obj_paul_jan.user_id = self.user_maria
        with Form(self.task_paul.with_user(self.user_maria)) as form:
            form.weight = 3.0
        self.assertEqual(self.task_paul.weight, 3.0)
