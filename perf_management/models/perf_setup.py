import math

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from ..tools.vocabulary import DIMENSIONS, LEVELS

#: Longest name and unit a first objective takes (they name its indicator too).
MAX_NAME_LENGTH = 200
MAX_UNIT_LENGTH = 32
#: Largest target the setup takes: beyond, a typing slip rather than a goal.
MAX_TARGET = 1e15
#: How each kind of unit carries a target to the departments: an amount, a
#: count or a number is shared out (their targets add up), a percentage is
#: carried over unchanged (a margin of 35 % is every department's 35 %).
UNIT_AGGREGATIONS = {"percent": "average"}


class PerfSetup(models.AbstractModel):
    """The first run of the Performance app for a company, and where the app
    lands.

    A company is set up once it has an objective (archived ones count): until
    then an administrator opening the app gets the setup (the cycle of the
    fiscal year and its periods, the level policies and the rating scale of
    the method, the first company objectives decomposed to the departments),
    and everybody else a screen saying that performance is not set up yet.
    The daily job may have made the cycle already: the setup then uses it.
    Setting up twice creates nothing twice.
    """

    _name = "perf.setup"
    _description = "First-run Setup of Performance Management"

    # ------------------------------------------------------------------
    # Where the app lands
    # ------------------------------------------------------------------

    @api.model
    def _is_set_up(self, company):
        """Whether ``company`` has an objective, archived ones included.

        Counted as superuser: an employee who reads no objective yet must not
        be told that their administrator has set up nothing.
        """
        return bool(
            self.env["perf.objective"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("company_id", "=", company.id)], limit=1)
        )

    @api.model
    def _is_admin(self):
        return self.env.su or self.env.user.has_group(
            "perf_management.group_perf_admin"
        )

    @api.model
    def _get_landing_action(self):
        """The first screen of the app for the current user and company: the
        objectives once the company is set up (for an employee, who manages
        nobody's performance, their check-ins: where they work), else the
        setup for an administrator and the "not set up yet" screen for
        anybody else."""
        company = self.env.company
        if self._is_set_up(company):
            xmlid = (
                "perf_management.perf_objective_action"
                if self.env.user.has_group("perf_management.group_perf_manager")
                else "perf_management.perf_checkin_action_my"
            )
            return self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if self._is_admin():
            return self.env["ir.actions.act_window"]._for_xml_id(
                "perf_management.perf_setup_wizard_action"
            )
        return self._get_pending_action(company)

    @api.model
    def _get_pending_action(self, company):
        """The screen telling a user that performance is not set up yet, with
        the administrators to ask."""
        group = self.env.ref("perf_management.group_perf_admin")
        administrators = self.env["res.users"].search(
            [
                ("groups_id", "in", group.ids),
                ("company_ids", "in", company.ids),
                ("share", "=", False),
            ],
            order="name",
        )
        return {
            "type": "ir.actions.client",
            "tag": "perf_setup_pending",
            "name": self.env._("Performance"),
            "params": {
                "company": company.name,
                "administrators": administrators.mapped("name"),
            },
        }

    # ------------------------------------------------------------------
    # The setup
    # ------------------------------------------------------------------

    @api.model
    def _ensure_admin(self):
        if not self._is_admin():
            raise AccessError(
                self.env._(
                    "Only a performance administrator sets up performance "
                    "management. Ask one to do it."
                )
            )

    @api.model
    def _get_cycle(self, company, day=None):
        """The cycle of the company's fiscal year containing ``day`` (today by
        default), or an empty recordset when it does not exist yet."""
        day = day or fields.Date.context_today(self)
        date_start, date_end = company._get_perf_fiscal_year(day)
        return self.env["perf.cycle"].search(
            [
                ("company_id", "=", company.id),
                ("date_start", "<=", date_end),
                ("date_end", ">=", date_start),
            ],
            limit=1,
        )

    @api.model
    def _get_departments(self, company):
        """The departments the first objectives are decomposed to: the top of
        the company's department tree, as the decomposition proposes them."""
        departments = self.env["hr.department"].search(
            [("company_id", "in", [company.id, False])]
        )
        return self.env["perf.decomposition.space"]._top_departments(departments)

    @api.model
    def _setup_company(
        self, company, policies=None, objectives=(), decompose=True, day=None
    ):
        """Set up ``company`` for the fiscal year containing ``day``.

        Make sure the cycle and its 17 periods, the policy of each level and
        the rating scale exist; create the company objectives ``objectives``
        (dicts with ``name``, ``unit``, ``unit_type`` and ``target_value``) on
        the cycle's year, each measured by one result indicator of the same
        name, and with ``decompose`` split them to the departments in equal
        shares. ``policies`` maps a level to ``{dimension: weight}``; a level
        left out keeps its policy, or gets the method's default.

        Nothing is created twice: an existing cycle, policy or scale is kept
        and a company objective of the same name on the year is not created
        again. Return a dict with ``cycle``, ``objectives`` (created) and
        ``decomposed`` (the objectives split to the departments).
        """
        self._ensure_admin()
        company.ensure_one()
        lines = [self._prepare_objective_line(line) for line in objectives]
        day = day or fields.Date.context_today(self)
        cycle = self.env["perf.cycle"]._ensure_cycle(company, day)
        self._ensure_policies(company, policies or {})
        self.env["perf.rating.scale"]._ensure_default_scales(company)
        created = self._create_objectives(cycle, lines)
        decomposed = created.browse()
        departments = self._get_departments(company)
        if created and decompose and departments:
            self.env["perf.decomposition.space"]._decompose_objectives(
                created,
                "department",
                targets=dict.fromkeys(created.ids, departments),
            )
            decomposed = created
        return {"cycle": cycle, "objectives": created, "decomposed": decomposed}

    @api.model
    def _ensure_policies(self, company, policies):
        """Give ``company`` a policy for every level: the weights of
        ``policies`` ({level: {dimension: weight}}), or the method's default
        for a level that has none. A policy in place is rewritten only where
        ``policies`` gives other weights."""
        policy_model = self.env["perf.level.policy"]
        existing = {
            policy.level: policy
            for policy in policy_model.search([("company_id", "=", company.id)])
        }
        to_create = []
        for level, _label in LEVELS:
            values = policy_model._default_values(level)
            if level in policies:
                for dimension, _dimension_label in DIMENSIONS:
                    weight = policies[level].get(dimension) or 0.0
                    values[f"weight_{dimension}"] = weight
                    values[f"expect_{dimension}"] = weight > 0
            policy = existing.get(level)
            if not policy:
                to_create.append(dict(values, company_id=company.id))
            elif level in policies and self._policy_differs(policy, values):
                policy.write(values)
        return policy_model.create(to_create)

    @api.model
    def _policy_differs(self, policy, values):
        return any(
            policy[f"expect_{dimension}"] != values[f"expect_{dimension}"]
            or float_compare(
                policy[f"weight_{dimension}"],
                values[f"weight_{dimension}"],
                precision_digits=2,
            )
            for dimension, _label in DIMENSIONS
        )

    @api.model
    def _prepare_objective_line(self, line):
        """Values of a first objective, or a clear error on what is wrong."""
        name = (line.get("name") or "").strip()
        if not name:
            raise UserError(
                self.env._("Give each first objective a name, or remove its line.")
            )
        if len(name) > MAX_NAME_LENGTH:
            raise UserError(
                self.env._(
                    "The name of objective %(name)s is longer than %(limit)s "
                    "characters. Shorten it.",
                    name=name[:40],
                    limit=MAX_NAME_LENGTH,
                )
            )
        unit = (line.get("unit") or "").strip()
        if len(unit) > MAX_UNIT_LENGTH:
            raise UserError(
                self.env._(
                    "The unit of objective %(name)s is longer than %(limit)s "
                    "characters. Enter a short unit such as EUR, units or %%.",
                    name=name,
                    limit=MAX_UNIT_LENGTH,
                )
            )
        target = line.get("target_value")
        if (
            isinstance(target, bool)
            or not isinstance(target, int | float)
            or not math.isfinite(target)
            or not 0 < target <= MAX_TARGET
        ):
            raise UserError(
                self.env._(
                    "The target of objective %(name)s must be a number above 0 "
                    "(and below 10^15). Enter the target of the year.",
                    name=name,
                )
            )
        unit_type = line.get("unit_type") or "number"
        return {
            "name": name,
            "unit": unit,
            "unit_type": unit_type,
            "target_value": float(target),
            "aggregation": UNIT_AGGREGATIONS.get(unit_type, "sum"),
        }

    @api.model
    def _create_objectives(self, cycle, lines):
        """Company objectives of the cycle's year, one per line not yet there."""
        year = cycle.year_period_id
        existing = set(
            self.env["perf.objective"]
            .search(
                [
                    ("company_id", "=", cycle.company_id.id),
                    ("period_id", "=", year.id),
                    ("level", "=", "company"),
                ]
            )
            .mapped("name")
        )
        vals_list = []
        for line in lines:
            if line["name"] in existing:
                continue
            existing.add(line["name"])
            vals_list.append(
                {
                    "name": line["name"],
                    "level": "company",
                    "company_id": cycle.company_id.id,
                    "period_id": year.id,
                    "indicator_ids": [
                        Command.create(
                            {
                                "name": line["name"],
                                "dimension": "result",
                                "unit": line["unit"],
                                "unit_type": line["unit_type"],
                                "target_value": line["target_value"],
                                "aggregation": line["aggregation"],
                            }
                        )
                    ],
                }
            )
        return self.env["perf.objective"].create(vals_list)
