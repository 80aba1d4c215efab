from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from . import decomposition_split
from .perf_decomposition import LEVEL_RANKS

TARGET_MODELS = {
    "department": "hr.department",
    "post": "hr.job",
    "employee": "hr.employee",
}


class PerfDecomposeSpace(models.TransientModel):
    _name = "perf.decompose.space"
    _description = "Decompose an Objective to Departments, Posts or Employees"
    _check_company_auto = True

    objective_id = fields.Many2one(
        "perf.objective", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="objective_id.company_id")
    objective_level = fields.Selection(related="objective_id.level")
    target_level = fields.Selection(
        [
            ("department", "Departments"),
            ("post", "Posts"),
            ("employee", "Employees"),
        ],
        string="Decompose to",
        required=True,
        compute="_compute_target_level",
        store=True,
        readonly=False,
    )
    department_scope = fields.Selection(
        [
            ("company", "All departments of the company"),
            ("children", "Sub-departments of the objective's department"),
        ],
        compute="_compute_department_scope",
        store=True,
        readonly=False,
    )
    department_id = fields.Many2one(
        "hr.department",
        help="Posts or employees of this department receive a share.",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Post",
        help="Only the employees holding this post receive a share.",
        check_company=True,
    )
    share_method = fields.Selection(
        [("equal", "Equal shares"), ("manual", "Typed per line")],
        required=True,
        default="equal",
    )
    line_ids = fields.One2many(
        "perf.decompose.space.line",
        "wizard_id",
        string="Targets",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    total_share = fields.Float(string="Total (%)", compute="_compute_total_share")

    @api.depends("objective_id")
    def _compute_target_level(self):
        for wizard in self:
            rank = LEVEL_RANKS.get(wizard.objective_id.level, 0)
            wizard.target_level = (
                "employee" if rank >= 2 else ("department", "post")[rank]
            )

    @api.depends("objective_id")
    def _compute_department_scope(self):
        for wizard in self:
            wizard.department_scope = (
                "children" if wizard.objective_id.department_id else "company"
            )

    @api.depends("objective_id")
    def _compute_department_id(self):
        for wizard in self:
            wizard.department_id = wizard.objective_id.department_id

    @api.depends("target_level", "department_scope", "department_id", "job_id")
    def _compute_line_ids(self):
        for wizard in self:
            targets = self._get_default_targets(
                wizard.objective_id,
                wizard.target_level,
                department_scope=wizard.department_scope,
                department=wizard.department_id,
                job=wizard.job_id,
            )
            field = self.env["perf.decompose.space.line"]._target_field(
                wizard.target_level
            )
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create({field: target.id}) for target in targets
            ]

    @api.depends("line_ids.share")
    def _compute_total_share(self):
        for wizard in self:
            wizard.total_share = sum(wizard.line_ids.mapped("share"))

    @api.model
    def _get_default_targets(
        self, objective, level, department_scope=None, department=None, job=None
    ):
        """Departments, jobs or employees that receive a share by default."""
        company = objective.company_id or self.env.company
        company_domain = [("company_id", "in", [company.id, False])]
        department = department or objective.department_id
        if not level:
            return self.env["hr.department"]
        if level == "department":
            if department_scope == "company" or not objective.department_id:
                return self._top_departments(
                    self.env["hr.department"].search(company_domain)
                )
            return self.env["hr.department"].search(
                [("parent_id", "=", objective.department_id.id)]
            )
        if level == "post":
            if not department:
                return self.env["hr.job"]
            return self.env["hr.job"].search(
                company_domain + [("department_id", "=", department.id)]
            )
        job = job or (objective.job_id if objective.level == "post" else job)
        if not department and not job:
            return self.env["hr.employee"]
        domain = [("company_id", "=", company.id)]
        if department:
            domain.append(("department_id", "=", department.id))
        if job:
            domain.append(("job_id", "=", job.id))
        return self.env["hr.employee"].search(domain)

    @api.model
    def _top_departments(self, departments):
        """The departments of ``departments`` whose parent is not among them.

        A share goes either to a department or to its sub-departments, never
        to both: by default the top of the company's tree gets the shares.
        """
        tops = departments.filtered(
            lambda department: department.parent_id not in departments
        )
        # A single root (a management or holding department over the whole
        # company) would take every share: its sub-departments get them.
        while len(tops) == 1 and tops.child_ids & departments:
            tops = tops.child_ids & departments
        return tops

    @api.model
    def _get_default_targets_many(self, objectives, level):
        """{objective id: default targets} of many objectives in one search.

        Same rules as :meth:`_get_default_targets` with the objectives' own
        department (and post, for post objectives split to employees).
        """
        companies = objectives.company_id.ids
        departments = objectives.department_id
        if level == "department":
            domain = [("company_id", "in", [*companies, False])]
        elif level == "post":
            domain = [
                ("company_id", "in", [*companies, False]),
                ("department_id", "in", departments.ids),
            ]
        else:
            posts = objectives.filtered(lambda objective: objective.level == "post")
            domain = [
                ("company_id", "in", companies),
                "|",
                ("department_id", "in", departments.ids),
                ("job_id", "in", posts.job_id.ids),
            ]
        records = self.env[TARGET_MODELS[level]].search(domain)
        # Index the records by the department (or parent department) and post
        # they belong to, so that each objective picks its own in one lookup.
        parent_field = "parent_id" if level == "department" else "department_id"
        by_department = defaultdict(list)
        by_company = defaultdict(list)
        by_job = defaultdict(list)
        for record in records:
            by_department[record[parent_field].id].append(record.id)
            by_company[record.company_id.id].append(record.id)
            if level == "employee":
                by_job[record.job_id.id].append(record.id)
        result = {}
        for objective in objectives:
            department = objective.department_id
            job = objective.job_id if objective.level == "post" else None
            if level == "department" and not department:
                ids = self._top_departments(
                    records.browse(
                        by_company[objective.company_id.id] + by_company[False]
                    )
                ).ids
            elif level == "employee" and job:
                ids = by_job[job.id]
                if department:
                    in_department = set(by_department[department.id])
                    ids = [id_ for id_ in ids if id_ in in_department]
            else:
                ids = by_department[department.id] if department else []
            result[objective.id] = records.browse(ids)
        return result

    @api.model
    def _check_level(self, objective, level, targets):
        """Refuse to decompose into a higher (or the same) level."""
        parent_rank = LEVEL_RANKS[objective.level]
        rank = LEVEL_RANKS[level]
        levels = dict(
            self.env["perf.objective"]._fields["level"]._description_selection(self.env)
        )
        if rank < parent_rank or (rank == parent_rank and level != "department"):
            raise UserError(
                self.env._(
                    "Objective %(objective)s is at the %(level)s level: it can only "
                    "be decomposed into a lower level. Choose a lower level, or "
                    "decompose its parent objective instead.",
                    objective=objective.name,
                    level=levels.get(objective.level),
                )
            )
        if rank == parent_rank:
            allowed = self.env["hr.department"].search(
                [
                    ("id", "child_of", objective.department_id.id),
                    ("id", "!=", objective.department_id.id),
                ]
            )
            if not objective.department_id or targets - allowed:
                raise UserError(
                    self.env._(
                        "A department objective can only be decomposed into the "
                        "sub-departments of its department. Choose posts or "
                        "employees, or only sub-departments of %(department)s.",
                        department=objective.department_id.name or "",
                    )
                )

    @api.model
    def _child_values(self, objective, level, target, origin_name):
        if level == "department":
            department, job, employee = target, False, False
            user = target.manager_id.user_id
        elif level == "post":
            department = target.department_id or objective.department_id
            job, employee = target, False
            user = department.manager_id.user_id
        else:
            department, job, employee = target.department_id, target.job_id, target
            user = target.user_id or target.parent_id.user_id
        return {
            "name": self.env["perf.decomposition"]._child_name(
                origin_name,
                owner=target.name,
                period=objective.period_id.name
                if objective.period_id.period_type != "year"
                else None,
            ),
            "level": level,
            "department_id": department.id if department else False,
            "job_id": job.id if job else False,
            "employee_id": employee.id if employee else False,
            "user_id": (user or objective.user_id).id,
            "period_id": objective.period_id.id,
        }

    @api.model
    def _decompose_objectives(self, objectives, level, targets=None, shares=None):
        """Decompose many objectives at once into ``level``.

        ``targets`` maps an objective id to the departments, jobs or employees
        receiving a share (default: see :meth:`_get_default_targets`);
        ``shares`` maps an objective id to the list of shares in percent, in
        the order of its targets (default: equal shares). Nothing is changed
        when any objective cannot be decomposed.
        """
        targets = targets or {}
        shares = shares or {}
        # Prefetch over these objectives, whatever recordset they were taken
        # from, so that reading them costs one query per field set, not one
        # per objective.
        objectives = objectives.with_prefetch()
        if level not in TARGET_MODELS:
            raise UserError(
                self.env._("Choose departments, posts or employees to decompose to.")
            )
        decomposition = self.env["perf.decomposition"]
        objectives.period_id._check_open()
        plans = []
        origin_names = decomposition._get_origin_names(objectives)
        missing = objectives.filtered(lambda objective: objective.id not in targets)
        if missing:
            targets = {**targets, **self._get_default_targets_many(missing, level)}
        for objective in objectives:
            objective_targets = targets[objective.id]
            if not objective_targets:
                raise UserError(
                    self.env._(
                        "No department, post or employee was found to decompose "
                        "objective %(objective)s into. Select the targets by hand.",
                        objective=objective.name,
                    )
                )
            self._check_level(objective, level, objective_targets)
            objective_shares = shares.get(objective.id)
            if objective_shares is None:
                objective_shares = decomposition_split.equal_shares(
                    len(objective_targets), digits=None
                )
            elif len(objective_shares) != len(objective_targets):
                raise UserError(
                    self.env._(
                        "Give one share per target of objective %(objective)s.",
                        objective=objective.name,
                    )
                )
            decomposition._check_shares(objective_shares, objective_targets)
            plans.append(
                {
                    "objective": objective,
                    "children": [
                        {
                            "key": f"space:{level}:{target.id}",
                            "share": share,
                            "values": self._child_values(
                                objective, level, target, origin_names[objective.id]
                            ),
                        }
                        for target, share in zip(
                            objective_targets, objective_shares, strict=True
                        )
                    ],
                }
            )
        return decomposition._apply_plans(plans)

    @api.model
    def _decompose_domain(self, domain, level, target_ids=None, shares=None):
        """Decompose the objectives matching ``domain`` (for data files).

        ``target_ids`` (ids of departments, jobs or employees) and ``shares``
        apply to every matching objective when given.
        """
        objectives = self.env["perf.objective"].search(domain)
        targets = shares_by_objective = None
        if target_ids is not None:
            records = self.env[TARGET_MODELS[level]].browse(target_ids)
            targets = dict.fromkeys(objectives.ids, records)
        if shares is not None:
            shares_by_objective = dict.fromkeys(objectives.ids, shares)
        return self._decompose_objectives(
            objectives, level, targets=targets, shares=shares_by_objective
        )

    def action_decompose(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "There is no department, post or employee to decompose into. "
                    "Change the selection or add lines."
                )
            )
        field = self.line_ids._target_field(self.target_level)
        if any(not line[field] for line in self.line_ids):
            raise UserError(
                self.env._("Every line needs a target of the chosen level.")
            )
        targets = self.line_ids.mapped(field)
        if len(targets) != len(self.line_ids):
            raise UserError(
                self.env._("A target appears on two lines. Remove the duplicate.")
            )
        shares = (
            decomposition_split.equal_shares(len(targets), digits=None)
            if self.share_method == "equal"
            else self.line_ids.mapped("share")
        )
        results = self._decompose_objectives(
            self.objective_id,
            self.target_level,
            targets={self.objective_id.id: targets},
            shares={self.objective_id.id: shares},
        )
        return self.env["perf.decomposition"]._notification_action(results)
