import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CascadeCommon, write_manager_review, write_self_review

REPORT = "perf_management.perf_appraisal_payroll_xlsx"


@tagged("post_install", "-at_install")
class TestAppraisalManager(CascadeCommon):
    """Paul's Q1 appraisal is conducted by Maria, who keeps a private note;
    then Paul moves to Olga's team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._indicator(cls.obj_paul_q1, "Sales", actual_value=80)
        Appraisal = cls.env["perf.appraisal"]
        cls.done = Appraisal.with_user(cls.user_maria).create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q1.id}
        )
        cls.done.action_start()
        write_self_review(cls.done)
        cls.done.with_user(cls.user_paul).action_submit_self_review()
        cls.done.manager_note = "Paul asked for a raise: not before Q3."
        write_manager_review(cls.done)
        cls.done.action_submit_manager_review()
        cls.done.with_user(cls.user_admin).action_done()
        cls.running = Appraisal.with_user(cls.user_maria).create(
            {"employee_id": cls.emp_paul.id, "period_id": cls.q2.id}
        )
        cls.running.action_start()
        cls.running.manager_note = "Struggles with the new territory."
        cls.done, cls.running = (
            cls.done.with_env(cls.env),
            cls.running.with_env(cls.env),
        )
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _transfer_paul(self):
        self.emp_paul.write(
            {"parent_id": self.emp_olga.id, "department_id": self.dep_ops.id}
        )
        self.env.invalidate_all()

    def test_transfer_keeps_who_conducted_the_appraisals(self):
        self._transfer_paul()
        for appraisal in (self.done, self.running):
            self.assertEqual(appraisal.manager_id, self.emp_maria)
            self.assertEqual(appraisal.manager_user_id, self.user_maria)
        # Maria still reads what she wrote; Olga neither the appraisals nor
        # the notes.
        self.assertEqual(
            self.done.with_user(self.user_maria).manager_note,
            "Paul asked for a raise: not before Q3.",
        )
        with self.assertRaises(AccessError):
            self.done.with_user(self.user_olga).read(["manager_note"])
        self.assertFalse(
            self.env["perf.appraisal"]
            .with_user(self.user_olga)
            .search([("employee_id", "=", self.emp_paul.id)])
        )
        # The payroll file of the paid appraisal says who conducted it.
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_admin)
            ._render_xlsx(REPORT, None, data={"period_id": self.q1.id})
        )
        sheet = load_workbook(io.BytesIO(content))["Appraisals"]
        headers = [cell.value for cell in sheet[1]]
        rows = [
            dict(zip(headers, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        self.assertEqual(
            [row["Manager"] for row in rows if row["Employee"] == "Paul Seller"],
            ["Maria Manager"],
        )
        # A new appraisal starts with his manager of now.
        q3 = self.cycle.period_ids.filtered(
            lambda p: p.period_type == "quarter"
        ).sorted("date_start")[2]
        new = (
            self.env["perf.appraisal"]
            .with_user(self.user_olga)
            .create({"employee_id": self.emp_paul.id, "period_id": q3.id})
        )
        self.assertEqual(new.manager_id, self.emp_olga)

    def test_manager_is_not_written_directly(self):
        for user in (self.user_maria, self.user_admin):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.running.with_user(user).write({"manager_id": self.emp_olga.id})
        with self.assertRaises(AccessError):
            self.running.with_user(self.user_admin).write(
                {"employee_id": self.emp_oscar.id}
            )
        self.assertEqual(self.running.manager_id, self.emp_maria)

    def test_admin_changes_the_manager_with_a_reason(self):
        self._transfer_paul()
        action = self.running.with_user(self.user_admin).action_open_manager_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.user_admin)
        with Form(Wizard.with_context(**action["context"])) as form:
            self.assertEqual(form.current_manager_id, self.emp_maria)
            form.manager_id = self.emp_olga
            form.reason = "Paul moved to Operations"
        form.record.action_confirm()
        self.assertEqual(self.running.manager_id, self.emp_olga)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.running.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "manager_id"
        )
        self.assertEqual(
            (tracked.old_value_char, tracked.new_value_char),
            ("Maria Manager", "Olga Operations"),
        )
        self.assertTrue(
            any(
                "Paul moved to Operations" in body
                for body in self.running.message_ids.mapped("body")
            )
        )
        # Olga conducts it now, without Maria's private note.
        as_olga = self.running.with_user(self.user_olga)
        self.assertFalse(as_olga.manager_note)
        self.assertFalse(as_olga.former_notes)
        as_olga.manager_note = "Settling in."
        self.assertEqual(as_olga.manager_note, "Settling in.")
        # The administrators keep Maria's.
        as_admin = self.running.with_user(self.user_admin)
        self.assertIn("Struggles with the new territory.", as_admin.former_notes)
        self.assertIn("Maria Manager", as_admin.former_notes)
        self.assertFalse(self.running.with_user(self.user_paul).former_notes)
        self.assertIn(self.user_olga.partner_id, self.running.message_partner_ids)

    def test_manager_change_refused(self):
        Wizard = self.env["perf.appraisal.manager.wizard"]
        # Not by a manager, nor without a reason, nor on a done appraisal.
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_maria).create(
                {
                    "appraisal_id": self.running.id,
                    "manager_id": self.emp_olga.id,
                    "reason": "Mine",
                }
            )
        with self.assertRaises(AccessError):
            self.running.with_user(self.user_maria)._change_manager(
                self.emp_olga, "Mine"
            )
        as_admin = self.env["perf.appraisal"].with_user(self.user_admin)
        with self.assertRaisesText(UserError, "needs a reason"):
            as_admin.browse(self.running.id)._change_manager(self.emp_olga, " ")
        with self.assertRaisesText(UserError, "not possible now"):
            as_admin.browse(self.done.id)._change_manager(self.emp_olga, "Late")
        # Nor in a closed cycle.
        admin_cycle = self.cycle.with_user(self.user_admin)
        admin_cycle.action_do()
        admin_cycle.action_check()
        admin_cycle.action_act()
        admin_cycle.action_close()
        with self.assertRaisesText(UserError, "is closed"):
            as_admin.browse(self.running.id)._change_manager(self.emp_olga, "Late")
        self.assertEqual(self.running.manager_id, self.emp_maria)
        self.assertEqual(self.done.manager_id, self.emp_maria)

    def test_appraised_admin_does_not_choose_own_manager(self):
        emp_hanna = self.env["hr.employee"].create(
            {
                "name": "Hanna HR",
                "user_id": self.user_admin.id,
                "parent_id": self.emp_olga.id,
            }
        )
        own = self.env["perf.appraisal"].create(
            {"employee_id": emp_hanna.id, "period_id": self.q1.id}
        )
        with self.assertRaises(AccessError):
            own.with_user(self.user_admin)._change_manager(self.emp_maria, "Nicer")
        with self.assertRaises(AccessError):
            own.with_user(self.user_admin).action_open_manager_wizard()
        self.assertEqual(own.manager_id, self.emp_olga)
