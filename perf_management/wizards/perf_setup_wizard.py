from odoo import Command, api, fields, models
from odoo.tools.misc import format_date

from ..tools import fiscal
from ..tools.vocabulary import LEVELS


class PerfSetupWizard(models.TransientModel):
    """The first run of the app, as one form over ``perf.setup``: the cycle,
    the level policies, the rating scale and the first company objectives."""

    _name = "perf.setup.wizard"
    _description = "Set Up Performance Management"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    cycle_summary = fields.Text(string="Cycle", compute="_compute_cycle_summary")
    policy_ids = fields.One2many(
        "perf.setup.wizard.policy",
        "wizard_id",
        string="Level Policies",
        compute="_compute_policy_ids",
        store=True,
        readonly=False,
    )
    band_ids = fields.Many2many(
        "perf.rating.band", string="Rating Bands", compute="_compute_band_ids"
    )
    objective_ids = fields.One2many(
        "perf.setup.wizard.objective", "wizard_id", string="First Objectives"
    )
    decompose = fields.Boolean(
        string="Decompose to the departments",
        default=True,
        help="Split each first objective to the departments below in equal "
        "shares: a department objective each, whose targets add up to the "
        "company's.",
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", compute="_compute_department_ids"
    )
    decompose_summary = fields.Text(
        string="Decomposition", compute="_compute_department_ids"
    )

    @api.depends("company_id")
    def _compute_cycle_summary(self):
        setup = self.env["perf.setup"]
        today = fields.Date.context_today(self)
        for wizard in self:
            company = wizard.company_id
            if not company:
                wizard.cycle_summary = False
                continue
            cycle = setup._get_cycle(company, today)
            if cycle:
                wizard.cycle_summary = self.env._(
                    "Cycle %(cycle)s already covers the fiscal year, from "
                    "%(start)s to %(end)s, with %(count)s periods: the setup "
                    "uses it.",
                    cycle=cycle.name,
                    start=format_date(self.env, cycle.date_start),
                    end=format_date(self.env, cycle.date_end),
                    count=len(cycle.period_ids),
                )
                continue
            start, end = company._get_perf_fiscal_year(today)
            months = fiscal.fiscal_months(start, end)
            quarters = fiscal.fiscal_quarters(months)
            values = self.env["perf.cycle"]._prepare_cycle_values(company, start, end)
            wizard.cycle_summary = self.env._(
                "Cycle %(cycle)s will follow the company's fiscal year, from "
                "%(start)s to %(end)s: one year, %(quarters)s quarters and "
                "%(months)s months, %(count)s periods in all. Goals are set on "
                "the year and split over the quarters and months.",
                cycle=values["name"],
                start=format_date(self.env, start),
                end=format_date(self.env, end),
                quarters=len(quarters),
                months=len(months),
                count=1 + len(quarters) + len(months),
            )

    @api.depends("company_id")
    def _compute_policy_ids(self):
        policy_model = self.env["perf.level.policy"]
        for wizard in self:
            commands = [Command.clear()]
            for level, _label in LEVELS:
                weights = policy_model._get_policy(
                    wizard.company_id, level
                )._get_dimension_weights()
                commands.append(
                    Command.create(
                        {
                            "level": level,
                            **{
                                f"weight_{dimension}": weight
                                for dimension, weight in weights.items()
                            },
                        }
                    )
                )
            wizard.policy_ids = commands

    @api.depends("company_id")
    def _compute_band_ids(self):
        for wizard in self:
            wizard.band_ids = (
                self.env["perf.rating.scale"]
                .search([("company_id", "=", wizard.company_id.id)], limit=1)
                .band_ids
            )

    @api.depends("company_id", "decompose")
    def _compute_department_ids(self):
        setup = self.env["perf.setup"]
        for wizard in self:
            departments = (
                setup._get_departments(wizard.company_id)
                if wizard.company_id
                else self.env["hr.department"]
            )
            wizard.department_ids = departments
            if not departments:
                wizard.decompose_summary = self.env._(
                    "The company has no department yet: the objectives are "
                    "created at the company level only. Create the departments "
                    "(Employees > Departments), then decompose each objective "
                    "from its form."
                )
            else:
                wizard.decompose_summary = self.env._(
                    "Each of these %(count)s departments gets an equal share "
                    "of the targets that add up (amounts, counts, numbers) and "
                    "the same target in %%; its manager is responsible for its "
                    "part. To share differently afterwards, decompose the "
                    "objective again from its form with typed shares.",
                    count=len(departments),
                )

    def _get_policies(self):
        """``{level: {dimension: weight}}`` of the policy lines."""
        return {line.level: line._get_weights() for line in self.policy_ids}

    def action_setup(self):
        """Set the company up and show the cascade it starts with."""
        self.ensure_one()
        result = self.env["perf.setup"]._setup_company(
            self.company_id,
            policies=self._get_policies(),
            objectives=[line._get_values() for line in self.objective_ids],
            decompose=self.decompose,
        )
        if not result["objectives"]:
            return self.action_skip()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_objective_action_cascade"
        )
        action["domain"] = [("cycle_id", "=", result["cycle"].id)]
        action["target"] = "main"
        return action

    def action_skip(self):
        """Leave the setup for later: the objectives, as the app shows them."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_objective_action"
        )
        action["target"] = "main"
        return action
