import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PerfCase, write_manager_review, write_self_review

# Every text written in an appraisal of the fixture, by key; each user may
# read some of them (``ALLOWED``), and no other.
TEXTS = {
    "self_e1": "Evan self review: a steady quarter",
    "feedback_e1": "Evan feedback: well done on renewals",
    "note_e1": "Private about Evan: not ready for promotion",
    "note_e1_done": "Private about Evan last quarter: asked for a raise",
    "self_e2": "Secret draft of Emma: thinking of leaving",
    "self_m": "Mark self review: the team grew",
    "feedback_m": "Mark feedback: delegate more",
    "note_m": "Private about Mark: lacks delegation",
    "self_r": "Rita self review: hidden from other teams",
    "feedback_r": "Rita feedback: on track",
    "note_r": "Private about Rita: under watch",
    "self_s": "Sam self review: the servers never went down",
    "note_s": "Private about Sam: paid above the band",
    "self_b": "Bert self review: other company",
    "note_b": "Private about Bert: other company",
}
ALLOWED = {
    # The employee: their own self review, and their manager's feedback once
    # submitted (not yet here), never a private note.
    "perf_rpc_evan": {"self_e1"},
    # Their manager: the team's notes and submitted self reviews, and his own
    # appraisal as an employee (his manager's feedback not submitted yet).
    "perf_rpc_mark": {"self_e1", "feedback_e1", "note_e1", "note_e1_done"} | {"self_m"},
    # Another department's manager: her team only.
    "perf_rpc_mona": {"self_r", "feedback_r", "note_r"},
    # A system and performance administrator: the whole company, except the
    # private note of his own appraisal and drafts of self reviews.
    "perf_rpc_sam": {"self_e1", "feedback_e1", "note_e1", "note_e1_done"}
    | {"self_m", "feedback_m", "note_m", "self_r", "feedback_r", "note_r"}
    | {"self_s"},
    # Another company's administrator: that company only.
    "perf_rpc_bob": {"self_b", "note_b"},
}


class RpcAppraisalCase(PerfCase, HttpCase):
    """People read and write appraisals over the web client's RPC and the
    external JSON-RPC API: each reads the appraisals, texts and private notes
    their role allows, and nobody changes what the workflow decides.

    Company A: Tom manages Mark (Sales) and Mona (Operations); Mark manages
    Evan and Emma, Mona manages Rita; Sam, a system and performance
    administrator, is appraised by Tom. Company B: Bob administers it and
    appraises Bert.
    """

    track_changes = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "RPC Appraisal A"})
        cls.company_b = cls.env["res.company"].create({"name": "RPC Appraisal B"})
        manager_groups = "base.group_user,perf_management.group_perf_manager"
        cls.users = {}
        for login, name, groups, company in (
            ("perf_rpc_tom", "Tom Top", manager_groups, cls.company),
            ("perf_rpc_mark", "Mark Sales", manager_groups, cls.company),
            ("perf_rpc_mona", "Mona Ops", manager_groups, cls.company),
            ("perf_rpc_evan", "Evan Seller", "base.group_user", cls.company),
            ("perf_rpc_emma", "Emma Seller", "base.group_user", cls.company),
            ("perf_rpc_rita", "Rita Ops", "base.group_user", cls.company),
            (
                "perf_rpc_sam",
                "Sam Sysadmin",
                "base.group_user,base.group_system,perf_management.group_perf_admin",
                cls.company,
            ),
            ("perf_rpc_bert", "Bert B", "base.group_user", cls.company_b),
            (
                "perf_rpc_bob",
                "Bob B Admin",
                "base.group_user,perf_management.group_perf_admin",
                cls.company_b,
            ),
        ):
            cls.users[login] = new_test_user(
                cls.env,
                login=login,
                groups=groups,
                name=name,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
        Employee = cls.env["hr.employee"]

        def employee(login, parent=None):
            user = cls.users[login]
            return Employee.create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "company_id": user.company_id.id,
                    "parent_id": parent.id if parent else False,
                }
            )

        cls.emp_tom = employee("perf_rpc_tom")
        cls.emp_mark = employee("perf_rpc_mark", cls.emp_tom)
        cls.emp_mona = employee("perf_rpc_mona", cls.emp_tom)
        cls.emp_evan = employee("perf_rpc_evan", cls.emp_mark)
        cls.emp_emma = employee("perf_rpc_emma", cls.emp_mark)
        cls.emp_rita = employee("perf_rpc_rita", cls.emp_mona)
        cls.emp_sam = employee("perf_rpc_sam", cls.emp_tom)
        cls.emp_bob = employee("perf_rpc_bob")
        cls.emp_bert = employee("perf_rpc_bert", cls.emp_bob)

        # Emma holds a skill: her appraisal has a line to assess.
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "RPC Selling",
                "skill_ids": [Command.create({"name": "RPC Pricing"})],
                "skill_level_ids": [
                    Command.create({"name": "RPC Beginner", "level_progress": 20}),
                    Command.create({"name": "RPC Expert", "level_progress": 90}),
                ],
            }
        )
        cls.beginner, cls.expert = cls.skill_type.skill_level_ids.sorted(
            "level_progress"
        )
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.emp_emma.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill_type.skill_ids.id,
                "skill_level_id": cls.beginner.id,
            }
        )

        cycle = cls._cycle(cls.company, 2033)
        quarters = cycle.period_ids.filtered(
            lambda p: p.period_type == "quarter"
        ).sorted("date_start")
        cls.q1, cls.q2, cls.q3 = quarters[:3]
        cycle_b = cls._cycle(cls.company_b, 2033)
        q2_b = cycle_b.period_ids.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )[1]
        # Evan's indicator of Q2 scores his appraisal.
        cls.env["perf.objective"].create(
            {
                "name": "RPC renewals of Evan",
                "level": "employee",
                "employee_id": cls.emp_evan.id,
                "company_id": cls.company.id,
                "period_id": cls.q2.id,
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "RPC renewals",
                            "dimension": "process",
                            "target_value": 50,
                            "actual_value": 40,
                        }
                    )
                ],
            }
        )

        def appraisal(emp, period, state, self_review=None, feedback=None, note=None):
            record = cls.env["perf.appraisal"].create(
                {"employee_id": emp.id, "period_id": period.id}
            )
            record.action_start()
            if self_review:
                record.self_review = TEXTS[self_review]
            if state == "self_review":
                return record
            write_self_review(record)
            record.action_submit_self_review()
            record.write(
                {
                    "manager_feedback": TEXTS[feedback] if feedback else False,
                    "manager_note": TEXTS[note] if note else False,
                }
            )
            if state in ("calibration", "done"):
                write_manager_review(record)
                record.action_submit_manager_review()
            if state == "done":
                record.action_done()
            return record

        cls.ap_evan_done = appraisal(cls.emp_evan, cls.q1, "done", note="note_e1_done")
        cls.ap_evan = appraisal(
            cls.emp_evan, cls.q2, "manager_review", "self_e1", "feedback_e1", "note_e1"
        )
        cls.ap_emma = appraisal(cls.emp_emma, cls.q2, "self_review", "self_e2")
        cls.ap_mark = appraisal(
            cls.emp_mark, cls.q2, "manager_review", "self_m", "feedback_m", "note_m"
        )
        cls.ap_rita = appraisal(
            cls.emp_rita, cls.q2, "manager_review", "self_r", "feedback_r", "note_r"
        )
        cls.ap_sam = appraisal(
            cls.emp_sam, cls.q2, "calibration", "self_s", note="note_s"
        )
        cls.ap_bert = appraisal(
            cls.emp_bert, q2_b, "manager_review", "self_b", note="note_b"
        )
        cls.visible = {
            "perf_rpc_evan": cls.ap_evan | cls.ap_evan_done,
            "perf_rpc_mark": cls.ap_evan | cls.ap_evan_done | cls.ap_emma | cls.ap_mark,
            "perf_rpc_mona": cls.ap_rita,
            "perf_rpc_sam": cls.ap_evan
            | cls.ap_evan_done
            | cls.ap_emma
            | cls.ap_mark
            | cls.ap_rita
            | cls.ap_sam,
            "perf_rpc_bob": cls.ap_bert,
        }
        cls.env.flush_all()

    # ------------------------------------------------------------------
    # Transports
    # ------------------------------------------------------------------

    def _call_kw(self, login, model, method, args, kwargs=None):
        if getattr(self, "_rpc_login", None) != login:
            self.authenticate(login, login)
            self._rpc_login = login
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _execute_kw(self, login, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.users[login].id,
                    login,
                    model,
                    method,
                    args,
                    kwargs or {},
                ],
            },
        )

    def _refused(self, login, model, method, args, kwargs=None, error="AccessError"):
        """Call over RPC and check that it is refused with ``error``."""
        with (
            mute_logger("odoo.http"),
            self.assertRaises(JsonRpcException) as catcher,
        ):
            self._call_kw(login, model, method, args, kwargs)
        self.assertIn(error, str(catcher.exception))

    def _snapshot(self, appraisal, fnames):
        appraisal.invalidate_recordset()
        return appraisal.sudo().read(fnames)[0]


@tagged("post_install", "-at_install")
class TestRpcAppraisal(RpcAppraisalCase):
    """Who reads which appraisal and text, and who cannot change the result."""

    # ------------------------------------------------------------------
    # What each person reads
    # ------------------------------------------------------------------

    def _assert_no_secret(self, login, payload, where):
        text = json.dumps(payload)
        for key in TEXTS.keys() - ALLOWED[login]:
            self.assertFalse(TEXTS[key] in text, f"{login}, {where}: {key} leaks")

    def _read_everything(self, login, call):
        """Read appraisals, their skill lines and chatter every way the API
        allows, check that no secret is in it; return the appraisal rows."""
        rows_by_model = {}
        for model in ("perf.appraisal", "perf.appraisal.skill"):
            fields = call(login, model, "fields_get", [], {"attributes": ["store"]})
            rows = call(login, model, "search_read", [[]], {"fields": list(fields)})
            self._assert_no_secret(login, rows, f"{model} search_read")
            rows_by_model[model] = rows
            # A computed field read alone does not share the cache of others.
            for fname, description in fields.items():
                if not description["store"]:
                    alone = call(login, model, "search_read", [[]], {"fields": [fname]})
                    self._assert_no_secret(login, alone, f"{model}.{fname} alone")
            for groupby in (["employee_id"], ["state"], ["appraisal_id"]):
                if not fields.get(groupby[0], {}).get("store"):
                    continue
                groups = call(
                    login,
                    model,
                    "read_group",
                    [[], [], groupby],
                    {"lazy": False},
                )
                self._assert_no_secret(login, groups, f"{model} read_group")
                if model == "perf.appraisal" and groupby == ["employee_id"]:
                    self.assertEqual(
                        {group["employee_id"][0] for group in groups},
                        set(self.visible[login].employee_id.ids),
                        f"{login} groups appraisals of other employees",
                    )
        messages = call(
            login,
            "mail.message",
            "search_read",
            [[("model", "=", "perf.appraisal")]],
            {"fields": ["body", "subject", "preview", "res_id"]},
        )
        self._assert_no_secret(login, messages, "mail.message")
        if call == self._call_kw:
            # The chatter as the web client loads it, tracked values included.
            for appraisal in self.visible[login]:
                chatter = self.make_jsonrpc_request(
                    "/mail/thread/messages",
                    {"thread_model": "perf.appraisal", "thread_id": appraisal.id},
                )
                self._assert_no_secret(login, chatter, "chatter")
        lines = rows_by_model["perf.appraisal.skill"]
        self.assertLessEqual(
            {line["appraisal_id"][0] for line in lines}, set(self.visible[login].ids)
        )
        return {row["id"]: row for row in rows_by_model["perf.appraisal"]}

    def _check_user(self, login):
        for transport, call in (
            ("call_kw", self._call_kw),
            ("execute_kw", self._execute_kw),
        ):
            with self.subTest(login=login, transport=transport):
                rows = self._read_everything(login, call)
                self.assertEqual(set(rows), set(self.visible[login].ids))
        return rows

    def test_employee_reads_own_appraisals_only(self):
        rows = self._check_user("perf_rpc_evan")
        row = rows[self.ap_evan.id]
        self.assertEqual(row["self_review"], TEXTS["self_e1"])
        # Mark has not submitted his review: Evan reads neither it nor his
        # results, which he reads on the appraisal done.
        self.assertFalse(row["manager_feedback"])
        self.assertFalse(row["manager_note"])
        self.assertNotIn("manager_note_stored", row)
        self.assertNotIn("self_review_stored", row)
        self.assertEqual(row["final_score"], 0)
        self.assertFalse(row["rating_band_id"])
        self.assertGreater(self.ap_evan.sudo().final_score, 0)
        # The stored private fields cannot be read, searched or grouped.
        self._refused(
            "perf_rpc_evan",
            "perf.appraisal",
            "read",
            [self.ap_evan.ids, ["manager_note_stored"]],
        )
        self._refused(
            "perf_rpc_evan",
            "perf.appraisal",
            "search",
            [[("manager_note_stored", "ilike", "promotion")]],
        )

    def test_employee_cannot_open_colleague_appraisal(self):
        self._refused(
            "perf_rpc_evan", "perf.appraisal", "read", [self.ap_emma.ids, ["state"]]
        )
        self._refused(
            "perf_rpc_evan",
            "perf.appraisal.skill",
            "read",
            [self.ap_emma.skill_line_ids.ids, ["self_level_id"]],
        )
        self._refused(
            "perf_rpc_evan",
            "perf.appraisal",
            "read",
            [self.ap_mark.ids, ["manager_feedback"]],
        )
        self.assertFalse(
            self._call_kw(
                "perf_rpc_evan",
                "perf.appraisal",
                "search",
                [[("id", "in", (self.ap_emma | self.ap_rita).ids)]],
            )
        )

    def test_manager_reads_team_and_own_as_employee(self):
        rows = self._check_user("perf_rpc_mark")
        self.assertEqual(rows[self.ap_evan.id]["manager_note"], TEXTS["note_e1"])
        self.assertEqual(rows[self.ap_evan.id]["self_review"], TEXTS["self_e1"])
        # Emma has not submitted her self review: Mark does not read it.
        self.assertFalse(rows[self.ap_emma.id]["self_review"])
        # His own appraisal, conducted by Tom: as an employee.
        own = rows[self.ap_mark.id]
        self.assertEqual(own["self_review"], TEXTS["self_m"])
        self.assertFalse(own["manager_feedback"])
        self.assertFalse(own["manager_note"])
        # ...and not among the appraisals he conducts.
        conducted = self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "search",
            [[("manager_user_id", "=", self.users["perf_rpc_mark"].id)]],
        )
        self.assertEqual(set(conducted), rows.keys() - {self.ap_mark.id})

    def test_manager_reads_self_review_once_submitted(self):
        def emma_self_review():
            return self._call_kw(
                "perf_rpc_mark",
                "perf.appraisal",
                "read",
                [self.ap_emma.ids, ["self_review"]],
            )[0]["self_review"]

        self.assertFalse(emma_self_review())
        self._call_kw(
            "perf_rpc_emma",
            "perf.appraisal",
            "action_submit_self_review",
            [self.ap_emma.ids],
        )
        self.assertEqual(emma_self_review(), TEXTS["self_e2"])

    def test_other_department_manager_reads_her_team_only(self):
        rows = self._check_user("perf_rpc_mona")
        self.assertEqual(rows[self.ap_rita.id]["manager_note"], TEXTS["note_r"])
        self._refused(
            "perf_rpc_mona", "perf.appraisal", "read", [self.ap_evan.ids, ["state"]]
        )

    def test_other_company_admin_reads_nothing_of_company_a(self):
        self._check_user("perf_rpc_bob")
        self._refused(
            "perf_rpc_bob",
            "perf.appraisal",
            "read",
            [self.ap_evan.ids, ["manager_feedback"]],
        )

    def test_system_admin_never_reads_own_private_note(self):
        # Sam administers the system and the appraisals, and is appraised.
        rows = self._check_user("perf_rpc_sam")
        self.assertFalse(rows[self.ap_sam.id]["manager_note"])
        self.assertEqual(rows[self.ap_rita.id]["manager_note"], TEXTS["note_r"])
        fields = self._call_kw("perf_rpc_sam", "perf.appraisal", "fields_get", [])
        self.assertNotIn("manager_note_stored", fields)
        self.assertNotIn("self_review_stored", fields)
        for args in (
            [self.ap_sam.ids, ["manager_note_stored"]],
            [self.ap_emma.ids, ["self_review_stored"]],
        ):
            self._refused("perf_rpc_sam", "perf.appraisal", "read", args)
        self._refused(
            "perf_rpc_sam",
            "perf.appraisal",
            "search_read",
            [[("manager_note_stored", "ilike", "band")], ["id"]],
        )
        self._refused(
            "perf_rpc_sam",
            "perf.appraisal",
            "read_group",
            [[], [], ["manager_note_stored"]],
        )
        # No user at all holds the right to read them.
        field = self.env["perf.appraisal"]._fields["manager_note_stored"]
        for user in self.env["res.users"].search([]):
            self.assertFalse(
                field.is_accessible(self.env(user=user, su=False)), user.login
            )

    # ------------------------------------------------------------------
    # Cheating
    # ------------------------------------------------------------------

    def test_employee_cannot_write_results_of_own_appraisal(self):
        top_band = self.ap_evan.rating_band_id.scale_id.band_ids.sorted("min_score")[-1]
        cheats = {
            "final_score": 100.0,
            "has_final_score": True,
            "score_result": 100.0,
            "rating_band_id": top_band.id,
            "payroll_coefficient": 9.99,
            "is_calibrated": True,
            "state": "done",
            "manager_feedback": "Evan is the best",
            "goals_reasonable": "no",
            "weight_result": 100.0,
            "weight_process": 0.0,
            "weight_competency": 0.0,
            "manager_id": self.emp_evan.id,
        }
        before = self._snapshot(self.ap_evan, list(cheats))
        self.assertNotEqual(before["rating_band_id"][0], top_band.id)
        for fname, value in cheats.items():
            with self.subTest(fname=fname):
                self._refused(
                    "perf_rpc_evan",
                    "perf.appraisal",
                    "write",
                    [self.ap_evan.ids, {fname: value}],
                )
        self.assertEqual(self._snapshot(self.ap_evan, list(cheats)), before)

    def test_employee_cannot_run_the_manager_steps(self):
        for method in (
            "action_start",
            "action_submit_manager_review",
            "action_update_scores",
            "action_done",
            "action_cancel",
        ):
            with self.subTest(method=method):
                self._refused(
                    "perf_rpc_evan", "perf.appraisal", method, [self.ap_evan.ids]
                )
        self._refused(
            "perf_rpc_evan",
            "perf.appraisal",
            "action_reopen",
            [self.ap_evan_done.ids],
            {"context": {"perf_change_reason": "I want a better rating"}},
        )
        self.env.invalidate_all()
        self.assertEqual(self.ap_evan.state, "manager_review")
        self.assertEqual(self.ap_evan_done.state, "done")

    def test_manager_cannot_close_or_rewrite_the_result(self):
        # Mark answers and submits his review (allowed), then tries what
        # administrators do.
        write_manager_review(self.ap_evan)
        self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "action_submit_manager_review",
            [self.ap_evan.ids],
        )
        self.env.invalidate_all()
        self.assertEqual(self.ap_evan.state, "calibration")
        self._refused(
            "perf_rpc_mark", "perf.appraisal", "action_done", [self.ap_evan.ids]
        )
        cheats = {
            "state": "done",
            "final_score": 100.0,
            "rating_band_id": self.ap_evan.rating_band_id.scale_id.band_ids[0].id,
            "payroll_coefficient": 2.5,
            "is_calibrated": True,
            # The review is over: the feedback stays what was submitted.
            "manager_feedback": "Rewritten after calibration",
            "motivated": "no",
            "weight_result": 1.0,
        }
        before = self._snapshot(self.ap_evan, list(cheats))
        for fname, value in cheats.items():
            with self.subTest(fname=fname):
                self._refused(
                    "perf_rpc_mark",
                    "perf.appraisal",
                    "write",
                    [self.ap_evan.ids, {fname: value}],
                )
        self.assertEqual(self._snapshot(self.ap_evan, list(cheats)), before)
        self.assertEqual(before["state"], "calibration")
        # The workflow still works for an administrator.
        self._call_kw(
            "perf_rpc_sam", "perf.appraisal", "action_done", [self.ap_evan.ids]
        )
        self.env.invalidate_all()
        self.assertEqual(self.ap_evan.state, "done")

    def test_manager_cannot_take_another_team_appraisal(self):
        mark = self.emp_mark.id
        self._refused(
            "perf_rpc_mark",
            "perf.appraisal",
            "write",
            [self.ap_rita.ids, {"manager_id": mark}],
        )
        self._refused(
            "perf_rpc_mark",
            "perf.appraisal",
            "write",
            [self.ap_rita.ids, {"manager_note": "Mine now"}],
        )
        self.env.invalidate_all()
        self.assertEqual(self.ap_rita.manager_id, self.emp_mona)
        self.assertEqual(self.ap_rita.sudo().manager_note_stored, TEXTS["note_r"])
        # Nor hand his own team's appraisal to someone else.
        self._refused(
            "perf_rpc_mark",
            "perf.appraisal",
            "write",
            [self.ap_emma.ids, {"manager_id": self.emp_mona.id}],
        )
        self.assertEqual(self.ap_emma.manager_id, self.emp_mark)

    def test_manager_cannot_create_outside_team_or_preset_result(self):
        Appraisal = self.env["perf.appraisal"]
        for vals in (
            # Another department's employee, with or without himself as manager.
            {"employee_id": self.emp_rita.id},
            {"employee_id": self.emp_rita.id, "manager_id": self.emp_mark.id},
            # His manager, his own appraisal.
            {"employee_id": self.emp_tom.id},
            {"employee_id": self.emp_mark.id},
            # His own report, but already rated, done or reviewed.
            {"employee_id": self.emp_emma.id, "state": "done"},
            {"employee_id": self.emp_emma.id, "payroll_coefficient": 3.0},
            {"employee_id": self.emp_emma.id, "final_score": 100.0},
            {"employee_id": self.emp_emma.id, "manager_feedback": "Pre-filled"},
            {"employee_id": self.emp_emma.id, "weight_result": 100.0},
        ):
            with self.subTest(vals=vals):
                self._refused(
                    "perf_rpc_mark",
                    "perf.appraisal",
                    "create",
                    [{"period_id": self.q3.id, **vals}],
                )
        self.env.invalidate_all()
        self.assertFalse(Appraisal.search([("period_id", "=", self.q3.id)]))
        # His own report, as it should be: allowed.
        [new_id] = self._call_kw(
            "perf_rpc_mark",
            "perf.appraisal",
            "create",
            [[{"employee_id": self.emp_emma.id, "period_id": self.q3.id}]],
        )
        new = Appraisal.browse(new_id)
        self.assertEqual((new.state, new.manager_id), ("draft", self.emp_mark))

    def test_skill_levels_through_the_appraisal_form(self):
        # The form saves skill lines through the appraisal: each person sets
        # their own column, in their own step.
        line = self.ap_emma.skill_line_ids
        self.assertEqual(len(line), 1)
        self._call_kw(
            "perf_rpc_emma",
            "perf.appraisal",
            "write",
            [
                self.ap_emma.ids,
                {
                    "skill_line_ids": [
                        Command.update(line.id, {"self_level_id": self.expert.id})
                    ]
                },
            ],
        )
        self.env.invalidate_all()
        self.assertEqual(line.self_level_id, self.expert)
        for login in ("perf_rpc_emma", "perf_rpc_mark"):
            with self.subTest(login=login):
                self._refused(
                    login,
                    "perf.appraisal",
                    "write",
                    [
                        self.ap_emma.ids,
                        {
                            "skill_line_ids": [
                                Command.update(
                                    line.id, {"manager_level_id": self.expert.id}
                                )
                            ]
                        },
                    ],
                )
        self._refused(
            "perf_rpc_emma",
            "perf.appraisal",
            "write",
            [
                self.ap_emma.ids,
                {
                    "skill_line_ids": [
                        Command.create(
                            {
                                "skill_type_id": self.skill_type.id,
                                "skill_id": self.skill_type.skill_ids.id,
                            }
                        )
                    ]
                },
            ],
        )
        self.env.invalidate_all()
        self.assertFalse(line.manager_level_id)
        self.assertEqual(len(self.ap_emma.skill_line_ids), 1)
