from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.perf_decomposition_time import SPLITS


class PerfDecomposeTimeWizard(models.TransientModel):
    """Form over ``perf.decomposition.time``: which sub-periods, which shares."""

    _name = "perf.decompose.time.wizard"
    _description = "Split Objectives over Time"
    _inherit = ["perf.input.mixin"]
    _check_company_auto = True

    objective_ids = fields.Many2many(
        "perf.objective", string="Objectives", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True
    )
    period_type = fields.Selection(
        [("quarter", "Quarters"), ("month", "Months")],
        string="Split into",
        required=True,
        compute="_compute_current_split",
        store=True,
        readonly=False,
    )
    method = fields.Selection(
        [
            ("even", "Evenly"),
            ("profile", "By a seasonal profile"),
            ("manual", "Typed per period"),
        ],
        string="Split",
        required=True,
        compute="_compute_current_split",
        store=True,
        readonly=False,
    )
    profile_id = fields.Many2one(
        "perf.seasonal.profile",
        string="Seasonal Profile",
        compute="_compute_current_split",
        store=True,
        readonly=False,
        check_company=True,
    )
    line_ids = fields.One2many(
        "perf.decompose.time.wizard.line",
        "wizard_id",
        string="Periods",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    indicator_line_ids = fields.One2many(
        "perf.decompose.time.wizard.indicator",
        "wizard_id",
        string="Targets",
        compute="_compute_indicator_line_ids",
        store=True,
        readonly=False,
    )
    total_share = fields.Float(string="Total (%)", compute="_compute_total_share")
    preview = fields.Text(string="What Will Change", compute="_compute_preview")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "objective_ids" in fields_list
            and not values.get("objective_ids")
            and context.get("active_model") == "perf.objective"
            and context.get("active_ids")
        ):
            values["objective_ids"] = [Command.set(context["active_ids"])]
        return values

    def _get_current_split(self):
        objective = self.objective_ids[:1]._origin
        return objective and self.env["perf.decomposition.time"]._get_current_split(
            objective, digits=2
        )

    @api.depends("objective_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.objective_ids[:1].company_id

    @api.depends("objective_ids")
    def _compute_current_split(self):
        # Opened again, the wizard proposes the split in place.
        for wizard in self:
            current = wizard._get_current_split()
            if current:
                wizard.period_type, wizard.method, profile, _shares = current
                wizard.profile_id = profile or False
                continue
            period_type = wizard.objective_ids[:1].period_id.period_type
            wizard.period_type = "month" if period_type == "quarter" else "quarter"
            wizard.method = "even"
            wizard.profile_id = False

    @api.depends("objective_ids", "period_type")
    def _compute_line_ids(self):
        for wizard in self:
            period = wizard.objective_ids[:1].period_id
            periods = self.env["perf.period"]
            if period and wizard.period_type in SPLITS.get(period.period_type, ()):
                periods = self.env["perf.decomposition.time"]._get_sub_periods(
                    period, wizard.period_type
                )[period]
            current = wizard._get_current_split()
            shares = current and current[0] == wizard.period_type and current[3]
            if not shares or len(shares) != len(periods):
                shares = None
            wizard.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "period_id": sub_period.id,
                        **({"share": shares[index]} if shares else {}),
                    }
                )
                for index, sub_period in enumerate(periods)
            ]

    @api.depends("objective_ids")
    def _compute_indicator_line_ids(self):
        for wizard in self:
            wizard.indicator_line_ids = [Command.clear()] + [
                Command.create(
                    {"indicator_id": indicator.id, "aggregation": indicator.aggregation}
                )
                for indicator in wizard.objective_ids.indicator_ids
            ]

    @api.depends("line_ids.share")
    def _compute_total_share(self):
        for wizard in self:
            wizard.total_share = sum(wizard.line_ids.mapped("share"))

    @api.depends("period_type", "method", "profile_id", "line_ids.share")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = wizard._get_current_split() and self.env[
                "perf.decomposition"
            ]._preview(
                "perf.decomposition.time",
                wizard.objective_ids._origin,
                wizard._get_split_args,
            )

    def _get_split_args(self):
        shares = None
        if self.method == "manual":
            if len(self.objective_ids.period_id) > 1:
                raise UserError(
                    self.env._(
                        "Shares typed per period apply to objectives of the same "
                        "period. Select objectives of one period, or split evenly "
                        "or by a seasonal profile."
                    )
                )
            shares = self.line_ids.mapped("share")
        return {
            "period_type": self.period_type,
            "method": self.method,
            "profile": self.profile_id,
            "shares": shares,
            "aggregations": {
                line.indicator_id.id: line.aggregation
                for line in self.indicator_line_ids
                if line.indicator_id
            },
        }

    def action_split(self):
        self.ensure_one()
        results = self.env["perf.decomposition.time"]._split_objectives(
            self.objective_ids, **self._get_split_args()
        )
        return self.env["perf.decomposition"]._notification_action(results)
