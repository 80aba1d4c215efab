from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import OkrCommon


@tagged("post_install", "-at_install")
class TestOkrAlignment(OkrCommon):
    def test_okr_aligned_under_kpi_objective(self):
        hierarchy = self.env["perf.objective"].search(
            [("id", "child_of", self.obj_company.id)]
        )
        self.assertIn(self.okr_sales, hierarchy)
        self.assertIn(self.okr_paul, hierarchy)
        self.assertEqual(self.obj_company.child_ids, self.okr_sales)

    def test_aligned_okr_counts_only_without_measured_indicator(self):
        """An aligned OKR is a sub-objective: it counts in the progress of an
        objective none of whose own indicators is measured, never beside them."""
        revenue = self.obj_company.indicator_ids
        # Paul's OKR measured by nothing yet: left out of the Sales OKR.
        self.kr_percent.actual_value = 40
        # Sales OKR: its key result 40 of 80 scores 0.5, i.e. 50 %.
        self.assertAlmostEqual(self.okr_sales.progress, 50.0)
        # The company's revenue has no actual yet: the aligned OKR measures it.
        self.assertFalse(revenue.has_actual)
        self.assertAlmostEqual(self.obj_company.progress, 50.0)
        # Revenue measured (250 of 1000): the company shows its own
        # completion, 25 %, not (25 + 50) / 2.
        revenue.actual_value = 250
        self.assertAlmostEqual(self.obj_company.progress, 25.0)
        self.kr_percent.actual_value = 80
        self.assertAlmostEqual(self.okr_sales.progress, 100.0)
        self.assertAlmostEqual(self.obj_company.progress, 25.0)
        explanation = self.obj_company.progress_explanation
        self.assertIn("do not count a second time", explanation)
        self.assertNotIn(self.okr_sales.name, explanation)

    def test_level_policy_counts_key_results_by_dimension(self):
        warnings = self.env["perf.level.policy"]._get_objective_warnings(self.okr_paul)
        # Paul's key results are result, process and competency indicators:
        # the warning names none of them as missing when the policy expects them.
        policy = self.env["perf.level.policy"]._get_policy(self.company, "employee")
        expected = set(policy._get_dimension_weights())
        present = set(self.okr_paul.indicator_ids.mapped("dimension"))
        self.assertEqual(present, {"result", "process", "competency"})
        self.assertEqual(bool(warnings[self.okr_paul.id]), expected != present)

    def test_okr_board_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management_okr.perf_objective_action_okr_board"
        )
        board = self.env["perf.objective"].search(safe_eval(action["domain"]))
        self.assertIn(self.okr_sales, board)
        self.assertNotIn(self.obj_company, board)

    def test_new_sub_objective_key_results(self):
        """Maria aligns an OKR for Rita under her department's OKR from its
        New Sub-objective button: the key results she adds, before and after
        the first save, are decomposed from nothing."""
        action = self.okr_sales.with_user(self.user_maria).action_new_child()
        context = dict(
            action["context"],
            active_id=self.okr_sales.id,
            active_ids=self.okr_sales.ids,
            active_model="perf.objective",
        )
        objective_model = self.env["perf.objective"].with_user(self.user_maria)
        form = Form(objective_model.with_context(**context))
        self.assertEqual(form.parent_id, self.okr_sales)
        form.name = "Rita opens accounts"
        form.is_okr = True
        form.level = "employee"
        form.employee_id = self.emp_rita
        for suffix in ("before saving", "after saving"):
            with form.indicator_ids.new() as line:
                line.name = f"Meetings {suffix}"
                line.kr_type = "metric"
                line.okr_start_value = 0.0
                line.target_value = 20.0
            okr_rita = form.save()
        self.assertEqual(okr_rita.parent_id, self.okr_sales)
        key_results = okr_rita.indicator_ids
        self.assertEqual(len(key_results), 2)
        self.assertEqual(set(key_results.mapped("kr_type")), {"metric"})
        self.assertFalse(key_results.parent_id)
        self.assertFalse(key_results.child_ids)
