from odoo.tests import Form, tagged

from .common import DecomposeCase


@tagged("post_install", "-at_install")
class TestDecomposeRerun(DecomposeCase):
    def _revenue_total(self, objective):
        return sum(
            self._children(objective)
            .indicator_ids.filtered(lambda ind: ind.name == "Revenue")
            .mapped("target_value")
        )

    def test_fewer_targets_archive_the_dropped_children(self):
        space = self._as_admin("perf.decomposition.space")
        three = self.dep_sales | self.dep_ops | self.dep_people
        space._decompose_objectives(
            self.objective, "department", targets={self.objective.id: three}
        )
        people = self._children(self.objective).filtered(
            lambda child: child.department_id == self.dep_people
        )
        space._decompose_objectives(
            people, "employee", targets={people.id: self.employees}
        )
        results = space._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: self.dep_sales | self.dep_ops},
        )
        self.assertEqual(results[self.objective.id]["archived"], people)
        self.assertFalse(people.active)
        self.assertFalse(
            any(people.with_context(active_test=False).child_ids.mapped("active"))
        )
        self.assertEqual(self._revenue_total(self.objective), 1_200_000.0)
        body = self.objective.message_ids[:1].body
        self.assertIn("Archived (no longer in the split): 1.", body)
        self.assertIn(people.name, body)
        # Back in the split: the archived child is reactivated and updated.
        results = space._decompose_objectives(
            self.objective, "department", targets={self.objective.id: three}
        )
        self.assertTrue(people.active)
        self.assertEqual(results[self.objective.id]["reactivated"], people)
        self.assertEqual(len(self._children(self.objective)), 3)
        self.assertEqual(self._revenue_total(self.objective), 1_200_000.0)

    def test_wizard_proposes_the_current_split_and_previews_it(self):
        three = self.dep_sales | self.dep_ops | self.dep_people
        wizard = self._as_admin("perf.decompose.space.wizard")
        self._as_admin("perf.decomposition.space")._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: three},
            shares={self.objective.id: [50.0, 30.0, 20.0]},
        )
        with Form(wizard.with_context(default_objective_id=self.objective.id)) as form:
            self.assertEqual(form.share_method, "manual")
            self.assertEqual(
                [
                    (line["department_id"], line["share"])
                    for line in form.line_ids._records
                ],
                [
                    (self.dep_sales.id, 50.0),
                    (self.dep_ops.id, 30.0),
                    (self.dep_people.id, 20.0),
                ],
            )
            with form.line_ids.edit(0) as line:
                line.share = 40.0
            with form.line_ids.edit(1) as line:
                line.share = 40.0
            self.assertIn("Sales: 50 % → 40 %, 600,000 → 480,000", form.preview)
            self.assertIn("People: 20 % → 20 %, 240,000 → 240,000", form.preview)
        form.record.action_decompose()
        sales = self._children(self.objective)[0]
        self.assertEqual(sales.weight, 40.0)

    def test_outdated_children_flagged_and_split_again(self):
        space = self._as_admin("perf.decomposition.space")
        three = self.dep_sales | self.dep_ops | self.dep_people
        space._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: three},
            shares={self.objective.id: [50.0, 30.0, 20.0]},
        )
        sales = self._children(self.objective)[0]
        self._as_admin("perf.decomposition.time")._split_objectives(sales, "quarter")
        q1, q2, q3, q4 = self._children(sales)
        # Edited by hand.
        self._indicator_named(q4, "Revenue").with_user(
            self.perf_admin
        ).target_value = 200_000.0
        self.assertTrue(q4.is_manually_edited)
        self.assertTrue(sales.is_split_outdated)
        space._decompose_objectives(
            self.objective,
            "department",
            targets={self.objective.id: three},
            shares={self.objective.id: [40.0, 40.0, 20.0]},
        )
        self.assertFalse(self.objective.is_split_outdated)
        self.assertTrue(sales.is_split_outdated)
        self.assertIn(
            sales,
            self._as_admin("perf.objective").search([("is_split_outdated", "=", True)]),
        )
        self.objective.with_user(self.perf_admin).action_reapply_decomposition()
        self.assertFalse(sales.is_split_outdated)
        # Q4 keeps its 200,000; Q1-Q3 share the other 280,000 evenly.
        self.assertEqual(self._indicator_named(q4, "Revenue").target_value, 200_000.0)
        self.assertEqual(
            [self._indicator_named(q, "Revenue").target_value for q in (q1, q2, q3)],
            [93_333.33, 93_333.33, 93_333.34],
        )
        self.assertEqual(self._revenue_total(sales), 480_000.0)
