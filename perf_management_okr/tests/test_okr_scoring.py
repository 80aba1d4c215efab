from odoo.tests import BaseCase

from ..tools.okr_scoring import expected_value, is_achieved, okr_score


class TestOkrScoring(BaseCase):
    """Scores of key results, from 0.0 to 1.0, without the database."""

    def test_metric_up_and_down(self):
        self.assertEqual(okr_score("metric", 30, target=50, start=10), 0.5)
        self.assertEqual(okr_score("metric", 80, target=50, start=10), 1.0)
        self.assertEqual(okr_score("metric", 5, target=50, start=10), 0.0)
        # Down from 20 days to 10 days: 15 days is half-way.
        self.assertEqual(okr_score("metric", 15, target=10, start=20), 0.5)
        self.assertEqual(okr_score("metric", 15, target=15, start=15), 0.0)

    def test_percentage_milestone_binary(self):
        self.assertEqual(okr_score("percentage", 60, target=80), 0.75)
        self.assertEqual(okr_score("milestone", 3, steps=4), 0.75)
        self.assertEqual(okr_score("milestone", 3, steps=0), 0.0)
        self.assertEqual(okr_score("binary", 1), 1.0)
        self.assertEqual(okr_score("binary", 0), 0.0)
        self.assertEqual(okr_score("metric", None, target=50), 0.0)

    def test_success_line(self):
        self.assertTrue(is_achieved(0.7, 0.7))
        self.assertFalse(is_achieved(0.69, 0.7))
        self.assertFalse(is_achieved(0.99, 1.0))

    def test_expected_value_in_the_key_results_terms(self):
        self.assertEqual(expected_value("metric", 0.5, target=50, start=10), 30)
        self.assertEqual(expected_value("percentage", 0.25, target=80), 20)
        # Whole steps only: 4 steps at 72 % of the period is 2 steps done.
        self.assertEqual(expected_value("milestone", 0.72, steps=4), 2)
        self.assertEqual(expected_value("milestone", 0.75, steps=4), 3)
        # Done or not: done by the end, not a fraction on the way.
        self.assertEqual(expected_value("binary", 0.72), 0)
        self.assertEqual(expected_value("binary", 1.0), 1)
