from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_core_installed_with_its_groups(self):
        module = self.env["ir.module.module"].search([("name", "=", "perf_management")])
        self.assertEqual(module.state, "installed")
        for xmlid in ("group_perf_user", "group_perf_manager", "group_perf_admin"):
            self.assertTrue(self.env.ref(f"perf_management.{xmlid}"))
        # the demo company: 3 departments, 6 job positions, 20 employees with users
        departments = (
            self.env.ref("perf_management.dep_sales")
            | self.env.ref("perf_management.dep_operations")
            | self.env.ref("perf_management.dep_people")
        )
        employees = self.env["hr.employee"].search(
            [("department_id", "in", departments.ids)]
        )
        self.assertEqual(len(employees), 20)
        self.assertEqual(len(employees.job_id), 6)
        self.assertTrue(all(employees.user_id))
        self.assertTrue(all(departments.manager_id))

    def test_demo_payroll_export_has_every_employee_code(self):
        """Each demo employee has a badge number, the payroll export's
        employee code: the demo campaign exports with no code missing."""
        campaign = self.env["perf.appraisal.campaign"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(
            self.env.ref("base.main_company").perf_payroll_employee_code, "barcode"
        )
        self.assertTrue(all(campaign.appraisal_ids.employee_id.mapped("barcode")))
        wizard = (
            self.env["perf.payroll.export.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"source": "campaign", "campaign_id": campaign.id})
        )
        self.assertGreater(wizard.appraisal_count, 0)
        self.assertFalse(wizard.code_warning)

    def test_demo_quarter_has_appraisals_in_every_state(self):
        """The demo's last completed quarter is measured and appraised: its
        campaign holds an appraisal in each state of the workflow, scored
        from the quarter's actuals and rated where the review went on."""
        campaign = self.env["perf.appraisal.campaign"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(len(campaign), 1)
        self.assertLess(campaign.period_id.date_end, campaign.create_date.date())
        appraisals = campaign.appraisal_ids
        states = {state for state, _label in appraisals._fields["state"].selection}
        self.assertEqual(set(appraisals.mapped("state")), states)
        reviewed = appraisals.filtered(
            lambda a: a.state in ("manager_review", "calibration", "done")
        )
        self.assertTrue(all(reviewed.mapped("has_final_score")))
        self.assertTrue(all(reviewed.rating_band_id))
        done = appraisals.filtered(lambda a: a.state == "done")
        self.assertGreater(len(set(done.rating_band_id.mapped("name"))), 2)
        self.assertTrue(
            all(coefficient > 0 for coefficient in done.mapped("payroll_coefficient"))
        )
        # calibrated with a reason, improvement plans agreed, the unit reviewed
        self.assertTrue(done.filtered("is_calibrated"))
        self.assertTrue(done.action_ids)
        review = self.env["perf.org.review"].search(
            [("department_id", "=", self.env.ref("perf_management.dep_sales").id)]
        )
        self.assertEqual(review.state, "in_progress")
        self.assertTrue(review.finding_ids)
