from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import split
from ..tools.vocabulary import LEVEL_RANKS

TARGET_MODELS = {
    "department": "hr.department",
    "post": "hr.job",
    "employee": "hr.employee",
}


class PerfDecompositionSpace(models.AbstractModel):
    """Decomposition of objectives to departments, posts or employees.

    Job positions are read by Performance Managers who are not HR officers:
    the module grants them read access to ``hr.job`` (which Odoo's ``hr``
    keeps to HR officers), since their posts are what they decompose their
    departments' objectives into; employees are read through Odoo's public
    employee data.
    """

    _name = "perf.decomposition.space"
    _description = "Objective Decomposition to Departments, Posts or Employees"

    @api.model
    def _get_default_targets(
        self, objectives, level, scope=None, department=None, job=None
    ):
        """{objective id: departments, posts or employees receiving a share}.

        Who gets a share by default, for the wizard as for data files:

        * to departments: the top of the company's department tree (under a
          single root, its sub-departments), or with ``scope`` "children" the
          direct sub-departments of the objective's department;
        * to posts: the job positions of the objective's department (or of
          ``department``);
        * to employees: the employees of the objective's department (or of
          ``department``), only those holding the post of a post objective
          (or ``job``).
        """
        result = {}
        if level not in TARGET_MODELS:
            return dict.fromkeys(objectives.ids, self.env["hr.department"])
        companies = objectives.company_id.ids
        departments = department or objectives.department_id
        jobs = job or objectives.filtered(lambda o: o.level == "post").job_id
        if level == "department":
            domain = [("company_id", "in", [*companies, False])]
        elif level == "post":
            domain = [
                ("company_id", "in", [*companies, False]),
                ("department_id", "in", departments.ids),
            ]
        else:
            domain = [
                ("company_id", "in", companies),
                "|",
                ("department_id", "in", departments.ids),
                ("job_id", "in", jobs.ids),
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
        for objective in objectives:
            own_department = department or objective.department_id
            own_job = job or (objective.job_id if objective.level == "post" else None)
            if level == "department" and (
                scope == "company" or not objective.department_id
            ):
                ids = self._top_departments(
                    records.browse(
                        by_company[objective.company_id.id] + by_company[False]
                    )
                ).ids
            elif level == "department":
                ids = by_department[objective.department_id.id]
            elif level == "employee" and own_job:
                ids = by_job[own_job.id]
                if own_department:
                    in_department = set(by_department[own_department.id])
                    ids = [id_ for id_ in ids if id_ in in_department]
            else:
                ids = by_department[own_department.id] if own_department else []
            result[objective.id] = self._leave_out_own(
                objective, level, records.browse(ids)
            )
        return result

    @api.model
    def _leave_out_own(self, objective, level, records):
        """``records`` without those whose share would be the current user's
        own objective: its targets are set from above (see the access policy
        on ``perf.team.mixin``), so a manager decomposing leaves them out."""
        # The wizard's lines are computed as superuser: ask about its user.
        objectives = self.env["perf.objective"].sudo(False)
        if objectives._perf_is_admin() or not records:
            return records
        employees = objectives._perf_user_employees()
        if level == "employee":
            return records - employees
        if level == "post":
            return records - employees.job_id
        set_from_above = objective.level == "company" or not (
            objective.sudo(False).is_my_team
        )
        if level == "department" and set_from_above:
            return records.filtered(
                lambda department: department.manager_id not in employees
            )
        return records

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
    def _get_current_split(self, objective, digits=None):
        """(level, targets, shares) of the active children of the objective's
        space decomposition, shares in percent totalling 100 (rounded to
        ``digits``); or None."""
        children = self.env["perf.decomposition"]._get_decomposed_children(
            objective, "space"
        )
        if not children:
            return None
        level = children[0].decomposition_key.split(":")[1]
        children = children.filtered(
            lambda child: child.decomposition_key.split(":")[1] == level
        )
        ids = [int(child.decomposition_key.split(":")[2]) for child in children]
        targets = self.env[TARGET_MODELS[level]].browse(ids).exists()
        weights = {
            int(child.decomposition_key.split(":")[2]): child.weight
            for child in children
        }
        shares = split.normalize_weights(
            [weights[target.id] for target in targets], digits=digits
        )
        return level, targets, shares

    @api.model
    def _ensure_level(self, objective, level, targets):
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
    def _get_post_holders(self, jobs):
        """{job id: users of the employees holding it}, in one search."""
        holders = defaultdict(set)
        if jobs:
            employees = self.env["hr.employee"].search_fetch(
                [("job_id", "in", jobs.ids)], ["job_id", "user_id"]
            )
            for employee in employees:
                holders[employee.job_id.id].add(employee.user_id.id)
        return holders

    @api.model
    def _get_responsible(self, objective, level, target, holders):
        """Responsible of the child objective for ``target``.

        Nobody verifies their own work: an employee's objective is followed
        by their manager (else their department's manager, else the parent
        objective's responsible), never by the employee; a post's by its
        department's manager unless that manager holds the post.
        """
        parent_user = objective.user_id
        if level == "department":
            return target.manager_id.user_id or parent_user
        if level == "post":
            department = target.department_id or objective.department_id
            own = holders[target.id]
            candidates = [department.manager_id.user_id, parent_user]
        else:
            own = {target.user_id.id} if target.user_id else set()
            department = target.department_id
            candidates = [target.parent_id.user_id]
            while department:
                candidates.append(department.manager_id.user_id)
                department = department.parent_id
            candidates.append(parent_user)
        for user in candidates:
            if user and user.id not in own:
                return user
        return self.env["res.users"]

    @api.model
    def _child_values(self, objective, level, target, origin_name, holders):
        if level == "department":
            department, job, employee = target, False, False
        elif level == "post":
            department = target.department_id or objective.department_id
            job, employee = target, False
        else:
            department, job, employee = target.department_id, target.job_id, target
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
            "user_id": self._get_responsible(objective, level, target, holders).id,
            "period_id": objective.period_id.id,
        }

    @api.model
    def _plan_objectives(
        self, objectives, level, targets=None, shares=None, method=None
    ):
        """Plans decomposing ``objectives`` into ``level`` (see
        :meth:`_decompose_objectives`), checked but not applied."""
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
        objectives.period_id._ensure_open()
        origin_names = decomposition._get_origin_names(objectives)
        missing = objectives.filtered(lambda objective: objective.id not in targets)
        if missing:
            targets = {**targets, **self._get_default_targets(missing, level)}
        holders = (
            self._get_post_holders(
                self.env["hr.job"].union(*(targets[o.id] for o in objectives))
            )
            if level == "post"
            else {}
        )
        plans = []
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
            self._ensure_level(objective, level, objective_targets)
            objective_shares = shares.get(objective.id)
            if objective_shares is None:
                objective_shares = split.equal_shares(
                    len(objective_targets), digits=None
                )
            elif len(objective_shares) != len(objective_targets):
                raise UserError(
                    self.env._(
                        "Give one share per target of objective %(objective)s.",
                        objective=objective.name,
                    )
                )
            decomposition._ensure_shares(objective_shares, objective_targets)
            plans.append(
                {
                    "objective": objective,
                    "kind": "space",
                    "method": {
                        "space_share_method": method
                        or ("equal" if objective.id not in shares else "manual")
                    },
                    "children": [
                        {
                            "key": f"space:{level}:{target.id}",
                            "share": share,
                            "values": self._child_values(
                                objective,
                                level,
                                target,
                                origin_names[objective.id],
                                holders,
                            ),
                        }
                        for target, share in zip(
                            objective_targets, objective_shares, strict=True
                        )
                    ],
                }
            )
        return plans

    @api.model
    def _decompose_objectives(
        self, objectives, level, targets=None, shares=None, method=None
    ):
        """Decompose many objectives at once into ``level``.

        ``targets`` maps an objective id to the departments, jobs or employees
        receiving a share (default: see :meth:`_get_default_targets`);
        ``shares`` maps an objective id to the list of shares in percent, in
        the order of its targets (default: equal shares). Nothing is changed
        when any objective cannot be decomposed.
        """
        plans = self._plan_objectives(
            objectives, level, targets=targets, shares=shares, method=method
        )
        return self.env["perf.decomposition"]._apply_plans(plans)

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
