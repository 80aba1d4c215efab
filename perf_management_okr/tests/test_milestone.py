from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OkrCommon


@tagged("post_install", "-at_install")
class TestMilestone(OkrCommon):
    """The milestones of a key result make its target (their number): they
    follow the target's rights. Maria manages Paul's key results; her own
    "Team launch" key result, with four steps, is set by her manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.okr_maria = cls.env["perf.objective"].create(
            {
                "name": "Maria grows the team",
                "is_okr": True,
                "okr_type": "committed",
                "level": "employee",
                "employee_id": cls.emp_maria.id,
                "period_id": cls.q1.id,
                "parent_id": cls.okr_sales.id,
            }
        )
        cls.kr_maria = cls._key_result(
            cls.okr_maria,
            "Team launch",
            "milestone",
            actual_value=3,
            milestone_ids=[
                Command.create({"name": name, "sequence": seq})
                for seq, name in enumerate(("Hire", "Train", "Launch", "Review"))
            ],
        )
        cls.Milestone = cls.env["perf.okr.milestone"]

    def _steps(self, key_result):
        return key_result.milestone_ids.sorted("sequence")

    def _as(self, user, records):
        return records.with_user(user)

    def test_owner_cannot_change_own_milestones(self):
        self.assertEqual(self.kr_maria.target_value, 4)
        self.assertEqual(self.kr_maria.okr_score, 0.75)
        steps = self._steps(self.kr_maria)
        with self.assertRaisesRegex(AccessError, "make its target"):
            self._as(self.user_maria, steps[-1]).unlink()
        with self.assertRaisesRegex(AccessError, "make its target"):
            self.Milestone.with_user(self.user_maria).create(
                {"name": "Celebrate", "indicator_id": self.kr_maria.id}
            )
        with self.assertRaisesRegex(AccessError, "make its target"):
            self._as(self.user_maria, steps[0]).write({"name": "Hire one"})
        # Nor through her key result's form.
        with self.assertRaises(AccessError):
            self._as(self.user_maria, self.kr_maria).write(
                {"milestone_ids": [Command.delete(steps[-1].id)]}
            )
        self.assertEqual(len(self.kr_maria.milestone_ids), 4)
        self.assertEqual(self.kr_maria.target_value, 4)
        self.assertEqual(self.kr_maria.okr_score, 0.75)
        self.assertEqual(steps[0].name, "Hire")

    def test_employee_cannot_change_milestones(self):
        steps = self._steps(self.kr_milestone)
        with self.assertRaises(AccessError):
            self._as(self.user_paul, steps[-1]).unlink()
        with self.assertRaises(AccessError):
            self.Milestone.with_user(self.user_paul).create(
                {"name": "Extra", "indicator_id": self.kr_milestone.id}
            )
        self.assertEqual(self.kr_milestone.target_value, 4)

    def test_manager_sets_team_milestones(self):
        self.Milestone.with_user(self.user_maria).create(
            {"name": "Extended", "sequence": 9, "indicator_id": self.kr_milestone.id}
        )
        self.assertEqual(self.kr_milestone.target_value, 5)
        self._as(self.user_maria, self._steps(self.kr_milestone)[:2]).unlink()
        self.assertEqual(self.kr_milestone.target_value, 3)

    def test_do_phase_needs_a_reason(self):
        self.cycle.action_do()
        steps = self._steps(self.kr_milestone)
        self.kr_milestone.actual_value = 3
        self.assertEqual(self.kr_milestone.okr_score, 0.75)
        maria_steps = self._as(self.user_maria, steps)
        with self.assertRaisesRegex(UserError, "Do phase"):
            maria_steps[-1].unlink()
        with self.assertRaisesRegex(UserError, "Do phase"):
            self.Milestone.with_user(self.user_maria).create(
                {"name": "Extra", "indicator_id": self.kr_milestone.id}
            )
        with self.assertRaisesRegex(UserError, "Do phase"):
            maria_steps[0].write({"name": "Drafted"})
        self.assertEqual(self.kr_milestone.target_value, 4)
        self.assertEqual(self.kr_milestone.okr_score, 0.75)
        # With a reason: changed, and the reason kept in the chatter.
        maria_steps[-1].with_context(
            perf_change_reason="The review moved to next quarter"
        ).unlink()
        self.assertEqual(self.kr_milestone.target_value, 3)
        self.assertEqual(self.kr_milestone.okr_score, 1.0)
        bodies = self.kr_milestone.message_ids.mapped("body")
        self.assertTrue(
            any(
                "Reviewed" in body and "moved to next quarter" in body
                for body in bodies
            ),
            bodies,
        )

    def test_new_key_result_in_do_gets_its_milestones(self):
        self.cycle.action_do()
        key_result = (
            self.env["perf.indicator"]
            .with_user(self.user_maria)
            .create(
                {
                    "name": "Pilot",
                    "objective_id": self.okr_paul.id,
                    "kr_type": "milestone",
                    "milestone_ids": [
                        Command.create({"name": "Start"}),
                        Command.create({"name": "Finish"}),
                    ],
                }
            )
        )
        self.assertEqual(key_result.target_value, 2)

    def test_target_change_form_edits_milestones_in_do(self):
        self.cycle.action_do()
        with Form(
            self.env["perf.target.change.wizard"]
            .with_user(self.user_maria)
            .with_context(default_indicator_id=self.kr_milestone.id)
        ) as wizard:
            self.assertEqual(len(wizard.milestone_line_ids), 4)
            wizard.milestone_line_ids.remove(3)
            with wizard.milestone_line_ids.edit(0) as line:
                line.name = "Designed with sales"
            with wizard.milestone_line_ids.new() as line:
                line.name = "Extended"
                line.sequence = 10
            with wizard.milestone_line_ids.new() as line:
                line.name = "Audited"
                line.sequence = 11
            wizard.reason = "A partner asked for an audit"
        wizard.record.action_confirm()
        self.assertEqual(
            self._steps(self.kr_milestone).mapped("name"),
            ["Designed with sales", "Signed", "Live", "Extended", "Audited"],
        )
        self.assertEqual(self.kr_milestone.target_value, 5)
        self.assertIn(
            "A partner asked for an audit",
            "".join(self.kr_milestone.message_ids.mapped("body")),
        )

    def test_milestone_never_moves_to_another_key_result(self):
        other = self._key_result(
            self.okr_paul,
            "Second programme",
            "milestone",
            milestone_ids=[Command.create({"name": "Only step"})],
        )
        step = self._steps(self.kr_milestone)[0]
        for env_step in (
            self._as(self.user_maria, step),
            step.with_user(self.env.ref("base.user_admin")),
            step,
        ):
            with self.assertRaisesRegex(UserError, "cannot move"):
                env_step.write({"indicator_id": other.id})
        self.assertEqual(step.indicator_id, self.kr_milestone)
        self.assertEqual(self.kr_milestone.target_value, 4)
        self.assertEqual(other.target_value, 1)
