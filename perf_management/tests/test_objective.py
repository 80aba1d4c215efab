from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestObjective(CascadeCommon):
    def test_form_fills_owner_and_period(self):
        with Form(self.env["perf.objective"]) as form:
            form.name = "Paul keeps his accounts"
            form.parent_id = self.obj_seller
            self.assertEqual(form.period_id, self.year)
            form.level = "employee"
            form.employee_id = self.emp_paul
            self.assertEqual(form.department_id, self.dep_north)
            self.assertEqual(form.job_id, self.job_seller)
            form.period_id = self.q2
        objective = form.save()
        self.assertEqual(objective.parent_id, self.obj_seller)
        self.assertEqual(objective.cycle_id, self.cycle)
        # Down to the post level: the employee is cleared.
        with Form(objective) as form:
            form.level = "post"
            self.assertFalse(form.employee_id)
            form.job_id = self.job_buyer
            self.assertEqual(form.department_id, self.dep_north)

    def test_owner_required_by_level(self):
        cases = [
            ("department", {}),
            ("post", {"department_id": self.dep_sales.id}),
            ("employee", {"department_id": self.dep_sales.id}),
        ]
        for level, values in cases:
            with self.subTest(level=level), self.assertRaises(ValidationError):
                self._objective("Orphan", level, self.year, **values)
        with self.assertRaises(ValidationError):
            self.obj_company.write({"department_id": self.dep_sales.id})
        self.assertFalse(self.obj_company.department_id)

    def test_weight_must_be_a_positive_number(self):
        for weight in (-1.0, 0.0):
            with self.subTest(weight=weight), self.assertRaises(ValidationError):
                self.obj_sales.write({"weight": weight})
        with self.assertRaisesText(ValidationError, "not a number"):
            self.obj_sales.write({"weight": "heavy"})
        with self.assertRaisesText(ValidationError, "not a number"):
            self._objective(
                "Bad",
                "department",
                self.year,
                parent=self.obj_company,
                department_id=self.dep_ops.id,
                weight="a lot",
            )
        self.assertEqual(self.obj_sales.weight, 1.0)
        with self.assertRaises(ValidationError):
            self.obj_sales.write({"own_tasks_weight": -2})
        self.obj_sales.write({"weight": "2.5"})
        self.assertEqual(self.obj_sales.weight, 2.5)

    def test_child_outside_parent_period_refused(self):
        with self.assertRaisesText(ValidationError, "outside the period"):
            self._objective(
                "April",
                "employee",
                self.april,
                parent=self.obj_paul_q1,
                employee_id=self.emp_paul.id,
            )
        with self.assertRaisesText(ValidationError, "outside the period"):
            self.obj_paul_jan.write({"period_id": self.april.id})
        self.assertEqual(self.obj_paul_jan.period_id, self.january)
        # Moving the parent out of its children's periods is refused too.
        with self.assertRaisesText(ValidationError, "outside the period"):
            self.obj_paul_q1.write({"period_id": self.q2.id})
        self.assertEqual(self.obj_paul_q1.period_id, self.q1)

    def test_child_above_parent_level_refused(self):
        with self.assertRaisesText(ValidationError, "above"):
            self._objective("Upwards", "company", self.q1, parent=self.obj_sales)
        with self.assertRaisesText(ValidationError, "above"):
            self.obj_seller.write({"level": "company"})
        self.assertEqual(self.obj_seller.level, "post")
        # Same level: only as a strict sub-period (decomposition in time), or
        # for a department, to one of its sub-departments.
        with self.assertRaisesText(ValidationError, "same level and period"):
            self._objective(
                "Again",
                "department",
                self.year,
                parent=self.obj_sales,
                department_id=self.dep_ops.id,
            )
        north = self._objective(
            "Sales North",
            "department",
            self.year,
            parent=self.obj_sales,
            department_id=self.dep_north.id,
        )
        self.assertEqual(north.parent_id, self.obj_sales)
        quarter = self._objective(
            "Sales Q2",
            "department",
            self.q2,
            parent=self.obj_sales,
            department_id=self.dep_sales.id,
        )
        self.assertEqual(quarter.parent_id, self.obj_sales)

    def test_loop_refused(self):
        with self.assertRaisesText(ValidationError, "itself"):
            self.obj_company.write({"parent_id": self.obj_paul_jan.id})
        self.assertFalse(self.obj_company.parent_id)

    def test_other_company_parent_refused(self):
        other = self.env["res.company"].create({"name": "Elsewhere"})
        other_cycle = self.env["perf.cycle"].create(
            {
                "name": "FY 2031",
                "company_id": other.id,
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
            }
        )
        with self.assertRaises(UserError):
            self.env["perf.objective"].create(
                {
                    "name": "Cross-company",
                    "company_id": other.id,
                    "period_id": other_cycle.year_period_id.id,
                    "level": "department",
                    "department_id": self.dep_sales.id,
                }
            )
        with self.assertRaises(UserError):
            self.env["perf.objective"].create(
                {
                    "name": "Cross-company",
                    "company_id": self.company.id,
                    "period_id": other_cycle.year_period_id.id,
                }
            )

    def test_unlink_used_objective_refused_archive_instead(self):
        with self.assertRaisesText(UserError, "Archive it"):
            self.obj_paul_q1.unlink()
        self.assertTrue(self.obj_paul_q1.exists())
        self._task(self.obj_paul_jan)
        with self.assertRaisesText(UserError, "Archive it"):
            self.obj_paul_jan.unlink()
        # An unused objective can still be deleted.
        draft = self._objective(
            "Draft",
            "employee",
            self.q2,
            parent=self.obj_seller,
            employee_id=self.emp_paul.id,
        )
        draft.unlink()
        self.assertFalse(draft.exists())
        # Archiving takes the branch out of the rollup.
        self.obj_paul_q1.action_archive()
        self.assertFalse(self.obj_paul_jan.active)
        self.assertNotIn(self.obj_paul_q1, self.obj_seller.child_ids)

    def test_archived_child_leaves_the_rollup(self):
        task = self._task(self.obj_oscar)
        task.action_done()
        self._task(self.obj_paul_jan)
        self.assertEqual(self.obj_ops.progress, 100.0)
        # Company: Sales 0 % (a task to do) and Operations 100 %.
        self.assertEqual(self.obj_company.progress, 50.0)
        self.obj_sales.action_archive()
        self.assertEqual(self.obj_company.progress, 100.0)
        self.obj_sales.action_unarchive()
        # Its archived branch leaves Sales measured by nothing: still left out.
        self.assertFalse(self.obj_sales.is_measured)
        self.assertEqual(self.obj_company.progress, 100.0)
        (self.obj_seller | self.obj_paul_q1 | self.obj_paul_jan).action_unarchive()
        self.assertEqual(self.obj_company.progress, 50.0)

    def test_weight_edited_by_hand_is_flagged(self):
        self.obj_paul_jan.decomposition_key = "time:period:%s" % self.january.id
        self.obj_paul_jan.with_context(perf_decomposition=True).write({"weight": 2})
        self.assertFalse(self.obj_paul_jan.is_manually_edited)
        self.obj_paul_jan.write({"weight": 3})
        self.assertTrue(self.obj_paul_jan.is_manually_edited)
        # Objectives not made by a decomposition are never flagged.
        self.obj_sales.write({"weight": 2})
        self.assertFalse(self.obj_sales.is_manually_edited)

    def test_weights_tracked_not_recomputed_progress(self):
        """Weights are what people decide: tracked. Progress is recomputed from
        every change below: not tracked, or one actual would post a message on
        every ancestor."""
        self.obj_ops.write({"weight": 2, "sub_objectives_weight": 3})
        task = self._task(self.obj_oscar)
        task.action_done()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        self.assertEqual(self.obj_ops.progress, 100.0)
        tracked = self.obj_ops.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("weight", tracked)
        self.assertIn("sub_objectives_weight", tracked)
        self.assertNotIn("progress", tracked)
        ancestors = self.obj_company | self.obj_ops | self.obj_oscar
        self.assertFalse(
            ancestors.message_ids.tracking_value_ids.filtered(
                lambda value: value.field_id.name in ("progress", "is_measured")
            )
        )

    def test_my_team_and_policy_warning_searches(self):
        Objective = self.env["perf.objective"].with_user(self.user_maria)
        team = Objective.search([("is_my_team", "=", True)])
        self.assertIn(self.obj_sales, team)
        self.assertIn(self.obj_seller, team)  # in Sales North, a sub-department
        self.assertIn(self.obj_paul_jan, team)
        self.assertNotIn(self.obj_ops, team)
        self.assertNotIn(self.obj_company, team)
        outside = (
            self.env["perf.objective"]
            .with_user(self.user_olga)
            .sudo()
            .search(
                [
                    ("is_my_team", "=", False),
                    ("id", "in", (self.obj_sales | self.obj_ops).ids),
                ]
            )
        )
        self.assertEqual(outside, self.obj_sales)
        # No indicator yet: every level policy expects some, so all warn.
        self.assertTrue(self.obj_sales.policy_warning)
        warned = self.env["perf.objective"].search([("policy_warning", "!=", False)])
        self.assertIn(self.obj_sales, warned)
        self._indicator(self.obj_company, dimension="result")
        self.assertFalse(self.obj_company.policy_warning)
        self.assertNotIn(
            self.obj_company,
            self.env["perf.objective"].search([("policy_warning", "!=", False)]),
        )

    def test_new_child_action(self):
        action = self.obj_sales.action_new_child()
        with Form(self.env["perf.objective"].with_context(**action["context"])) as form:
            self.assertEqual(form.level, "post")
            self.assertEqual(form.parent_id, self.obj_sales)
            self.assertEqual(form.department_id, self.dep_sales)
            form.name = "Key accounts"
            form.job_id = self.job_buyer
            # The post belongs to Sales North: the department follows it.
            self.assertEqual(form.department_id, self.dep_north)
        child = form.save()
        self.assertEqual(child.period_id, self.year)
        self.assertEqual(child.level, "post")
        self.assertEqual(self.obj_sales.child_count, 2)
