import json
import math
import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CascadeCommon

# A colleague's personal figures, chosen so that no total of the employee's
# own, team or company figures can be equal to them by chance.
PIA_ACTUAL = 7311.5
PIA_TARGET = 9137.0
PIA_WEIGHT = 3.7
PIA_KPI_VALUE = 6421.25
# The explanation of a parent lists the sub-objectives the reader cannot open
# row by row, with their weight and progress: a known leak, to be fixed in the
# explanation itself, and left out of this check until then.
NOT_CHECKED = set()


@tagged("post_install", "-at_install")
class TestRpcAccess(CascadeCommon, HttpCase):
    """An employee reads, over the web client's RPC and the external JSON-RPC
    API, every model of the performance addons: their own figures, their
    team's totals and the company's, never a colleague's personal figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_pia = new_test_user(
            cls.env, login="perf_pia_colleague", groups="base.group_user", name="Pia"
        )
        # Paul's colleague: same department, same post, same manager.
        cls.emp_pia = cls.env["hr.employee"].create(
            {
                "name": "Pia Seller",
                "user_id": cls.user_pia.id,
                "department_id": cls.dep_north.id,
                "job_id": cls.job_seller.id,
                "parent_id": cls.emp_maria.id,
            }
        )
        cls.obj_pia = cls._objective(
            "Pia secret accounts",
            "employee",
            cls.q1,
            parent=cls.obj_seller,
            employee_id=cls.emp_pia.id,
            user_id=cls.user_maria.id,
            weight=PIA_WEIGHT,
        )
        cls.ind_pia = cls._indicator(
            cls.obj_pia,
            name="Pia secret revenue",
            target_value=PIA_TARGET,
            actual_value=PIA_ACTUAL,
            weight=PIA_WEIGHT,
        )
        cls.task_pia = cls._task(cls.obj_pia, name="Pia secret visits")
        # Her tasks on objectives Paul reads (their post's, their department's).
        cls.task_pia |= cls._task(
            cls.obj_seller, name="Pia secret calls", employee_id=cls.emp_pia.id
        )
        cls.obj_north = cls._objective(
            "North opens accounts",
            "department",
            cls.q1,
            parent=cls.obj_sales,
            department_id=cls.dep_north.id,
        )
        cls.task_pia |= cls._task(
            cls.obj_north, name="Pia secret fair", employee_id=cls.emp_pia.id
        )
        cls.task_pia.action_done()
        cls._task(
            cls.obj_north,
            name="North fair",
            assignee_level="department",
            department_id=cls.dep_north.id,
        )
        # Paul's own figures and his team's, which he reads.
        cls._indicator(cls.obj_paul_jan, actual_value=40.0)
        cls._task(cls.obj_paul_jan, name="Paul visits")
        cls.pia_records = {
            "perf.objective": cls.obj_pia,
            "perf.indicator": cls.ind_pia,
            "perf.task": cls.task_pia,
        }
        if "perf.kpi.definition" in cls.env:
            definition = cls.env["perf.kpi.definition"].create(
                {"code": "RPC_VISITS", "name": "Visits", "source": "manual"}
            )
            values = cls.env["perf.kpi.value"].create(
                [
                    {
                        "definition_id": definition.id,
                        "period_id": cls.january.id,
                        "employee_id": employee.id,
                        "value": value,
                    }
                    for employee, value in (
                        (cls.emp_pia, PIA_KPI_VALUE),
                        (cls.emp_paul, 12.0),
                    )
                ]
            )
            cls.pia_records["perf.kpi.value"] = values.filtered(
                lambda value: value.employee_id == cls.emp_pia
            )
            cls.env["perf.indicator"].create(
                {
                    "name": "Pia secret visits",
                    "objective_id": cls.obj_pia.id,
                    "kpi_definition_id": definition.id,
                    "target_value": PIA_TARGET,
                }
            )
        cls.env.flush_all()
        figures = [
            PIA_ACTUAL,
            PIA_TARGET,
            PIA_WEIGHT,
            PIA_KPI_VALUE,
            cls.obj_pia.progress,
        ]
        figures += [
            score for score in cls.obj_pia.indicator_ids.mapped("score") if score
        ]
        cls.pia_figures = figures
        cls.pia_texts = [
            re.compile(r"Pia secret"),
            *(
                re.compile(rf"(?<![\d.,]){re.escape(text)}(?![\d])")
                for figure in figures
                for text in (f"{figure:.2f}", f"{figure:,.2f}", f"{figure:g}")
            ),
        ]

    def setUp(self):
        super().setUp()
        self.authenticate("perf_paul", "perf_paul")
        self.models = (
            self.env["ir.model"].search([("model", "=like", "perf.%")]).mapped("model")
        )
        self.assertIn("perf.objective", self.models)

    # ------------------------------------------------------------------
    # Transports
    # ------------------------------------------------------------------

    def _call_kw(self, model, method, args, kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _execute_kw(self, model, method, args, kwargs):
        return self.make_jsonrpc_request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.user_paul.id,
                    "perf_paul",
                    model,
                    method,
                    args,
                    kwargs,
                ],
            },
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _closed(self, call, model):
        """Whether the employee has no read access to ``model`` at all."""
        return not call(model, "has_access", [[], "read"], {})

    def _assert_no_colleague_figures(self, model, rows, where):
        forbidden = self.pia_records.get(model)
        if forbidden:
            returned = {row["id"] for row in rows if "id" in row}
            self.assertFalse(
                returned & set(forbidden.ids),
                f"{where}: {model} returns a colleague's record",
            )
        for row in rows:
            for fname, value in row.items():
                if (model, fname) not in NOT_CHECKED:
                    self._assert_clean_value(value, f"{where}: {model}.{fname}")

    def _assert_clean_value(self, value, where):
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int | float):
            for figure in self.pia_figures:
                self.assertFalse(
                    math.isclose(value, figure, rel_tol=1e-6),
                    f"{where} holds a colleague's figure ({value})",
                )
            return
        text = value if isinstance(value, str) else json.dumps(value)
        for pattern in self.pia_texts:
            self.assertFalse(
                pattern.search(text), f"{where} shows a colleague's figure: {text}"
            )

    def _check_model(self, call, model, transport):
        if not self.env[model]._auto or self._closed(call, model):
            return 0
        fields = call(model, "fields_get", [], {"attributes": ["type", "store"]})
        context = {"active_test": False}
        rows = call(
            model,
            "search_read",
            [[]],
            {"fields": list(fields), "context": context},
        )
        self._assert_no_colleague_figures(model, rows, f"{transport} search_read")
        # A computed field read alone does not share the cache of the others.
        for fname, description in fields.items():
            if not description["store"] and (model, fname) not in NOT_CHECKED:
                alone = call(
                    model, "search_read", [[]], {"fields": [fname], "context": context}
                )
                self._assert_no_colleague_figures(
                    model, alone, f"{transport} search_read {fname}"
                )
        aggregates = [
            f"{fname}:sum"
            for fname, description in fields.items()
            if description["type"] in ("integer", "float", "monetary")
            and self.env[model]._fields[fname].store
        ]
        groupbys = [[]] + [
            [fname]
            for fname in ("employee_id", "objective_id", "department_id")
            if fname in fields and self.env[model]._fields[fname].store
        ]
        for groupby in groupbys:
            groups = call(
                model,
                "read_group",
                [[], aggregates, groupby],
                {"lazy": False, "context": context},
            )
            self._assert_no_colleague_figures(
                model,
                [
                    {k: v for k, v in group.items() if k != "__domain"}
                    for group in groups
                ],
                f"{transport} read_group {groupby}",
            )
            if "employee_id" in groupby:
                employees = {
                    group["employee_id"][0] for group in groups if group["employee_id"]
                }
                self.assertNotIn(self.emp_pia.id, employees, model)
        return len(rows)

    def test_employee_reads_no_colleague_figures(self):
        for transport, call in (
            ("call_kw", self._call_kw),
            ("execute_kw", self._execute_kw),
        ):
            read = {}
            for model in self.models:
                with self.subTest(transport=transport, model=model):
                    read[model] = self._check_model(call, model, transport)
            # What Paul reads is there: the check is not vacuous.
            self.assertGreaterEqual(read["perf.objective"], 4)
            self.assertGreaterEqual(read["perf.indicator"], 1)
            self.assertGreaterEqual(read["perf.task"], 2)

    def test_manager_reads_her_team(self):
        self.authenticate("perf_maria", "perf_maria")
        rows = self._call_kw(
            "perf.indicator",
            "search_read",
            [[("id", "=", self.ind_pia.id)]],
            {"fields": ["actual_value"]},
        )
        self.assertEqual(rows[0]["actual_value"], PIA_ACTUAL)
