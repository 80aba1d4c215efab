from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestProgressExplanation(CascadeCommon):
    """An employee reads the explanation of their team's objective."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_pia, cls.emp_pete = Employee.create(
            [
                {
                    "name": name,
                    "department_id": cls.dep_north.id,
                    "job_id": cls.job_seller.id,
                }
                for name in ("Pia Seller", "Pete Seller")
            ]
        )
        cls.obj_pia = cls._objective(
            "Pia opens Lyon",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pia.id,
            user_id=cls.user_maria.id,
        )
        cls.obj_pete = cls._objective(
            "Pete opens Nice",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pete.id,
            user_id=cls.user_maria.id,
        )
        # Pia: 30 of 80 (37.5 %); Pete: his task done (100 %); Paul: 0 %.
        indicator = cls._indicator(cls.obj_pia, target_value=80.0, dimension="process")
        indicator.actual_value = 30.0
        cls._task(cls.obj_pete).action_done()
        cls._task(cls.obj_paul_q1)

    def _explanation_as_paul(self):
        self.env.invalidate_all()
        return self.obj_seller.with_user(self.user_paul).progress_explanation

    def test_colleagues_combined_when_two_or_more(self):
        self.assertAlmostEqual(self.obj_pia.progress, 37.5)
        explanation = self._explanation_as_paul()
        self.assertIn("Paul wins 3 accounts", explanation)
        for secret in ("Pia", "Pete", "Lyon", "Nice", "37.50"):
            self.assertNotIn(secret, explanation)
        self.assertIn("2 other sub-objectives you cannot see, combined", explanation)
        self.assertIn("68.75 %", explanation)  # (37.5 + 100) / 2
        # The manager reads every child.
        self.env.invalidate_all()
        explanation = self.obj_seller.with_user(self.user_maria).progress_explanation
        self.assertIn("Pia opens Lyon", explanation)
        self.assertIn("37.50 %", explanation)

    def test_one_colleague_gives_no_figure(self):
        self.obj_pete.action_archive()
        explanation = self._explanation_as_paul()
        self.assertIn("1 other sub-objective(s) you cannot see", explanation)
        self.assertNotIn("combined", explanation)
        self.assertNotIn("37.50", explanation)
        self.assertNotIn("Pia", explanation)
        # Two objectives of one colleague are still one colleague's figures.
        self.obj_pete.action_unarchive()
        self.obj_pete.employee_id = self.emp_pia
        explanation = self._explanation_as_paul()
        self.assertIn("2 other sub-objective(s) you cannot see", explanation)
        self.assertNotIn("68.75", explanation)

    def test_derived_actual_shows_only_readable_parts(self):
        """The post's actual derives from its holders' parts: Paul reads his
        own figure, his colleagues' only combined, and never one colleague's
        figure alone."""
        post = self._indicator(
            self.obj_seller, name="Accounts opened", target_value=9.0
        )
        for objective, actual in (
            (self.obj_paul_q1, 2.0),
            (self.obj_pia, 3.0),
            (self.obj_pete, 1.0),
        ):
            self._indicator(
                objective,
                name="Accounts opened",
                target_value=3.0,
                decomposition_key=f"indicator:{post.id}",
            ).actual_value = actual
        self.assertEqual(post.actual_value, 6.0)
        # Measured by its own indicator: the post's progress is 6 of 9.
        self.assertAlmostEqual(self.obj_seller.progress, 6 / 9 * 100, places=4)
        paul = f"Paul Seller in {self.q1.name}"
        explanation = self._explanation_as_paul()
        self.assertIn(
            f"Accounts opened: 6 = {paul} 2 + 2 other parts you cannot see, "
            "combined 4",
            explanation,
        )
        for secret in ("Pia", "Pete", "Lyon", "Nice"):
            self.assertNotIn(secret, explanation)
        # The manager reads every part.
        self.env.invalidate_all()
        explanation = self.obj_seller.with_user(self.user_maria).progress_explanation
        self.assertIn(
            f"6 = {paul} 2 + Pia Seller in {self.q1.name} 3 + "
            f"Pete Seller in {self.q1.name} 1",
            explanation,
        )
        # One colleague left: no figure for the part Paul cannot read.
        self.obj_pete.action_archive()
        self.assertEqual(post.actual_value, 5.0)
        explanation = self._explanation_as_paul()
        self.assertIn(
            f"Accounts opened: 5 = {paul} 2 + 1 other part(s) you cannot see",
            explanation,
        )
        self.assertNotIn("combined", explanation)
        self.assertNotIn("Pia", explanation)
