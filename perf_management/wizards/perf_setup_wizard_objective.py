from odoo import api, fields, models


class PerfSetupWizardObjective(models.TransientModel):
    """A first company objective typed in the setup: its name, unit and the
    target of the year."""

    _name = "perf.setup.wizard.objective"
    _description = "First Company Objective in the Setup"
    _order = "id"

    wizard_id = fields.Many2one(
        "perf.setup.wizard", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Objective", required=True)
    unit_type = fields.Selection(
        selection="_get_unit_types",
        string="Kind of Unit",
        required=True,
        default="amount",
        help="Amounts, counts and numbers are shared out to the departments "
        "(their targets add up); a percentage is every department's target.",
    )
    unit = fields.Char(compute="_compute_unit", store=True, readonly=False)
    target_value = fields.Float(
        string="Target", help="What the company aims at over the whole year."
    )

    @api.model
    def _get_unit_types(self):
        return (
            self.env["perf.indicator"]
            ._fields["unit_type"]
            ._description_selection(self.env)
        )

    @api.depends("unit_type", "wizard_id.company_id")
    def _compute_unit(self):
        for line in self:
            if line.unit_type == "amount":
                company = line.wizard_id.company_id or self.env.company
                line.unit = company.currency_id.name
            elif line.unit_type == "percent":
                line.unit = "%"
            else:
                line.unit = line.unit or False

    def _get_values(self):
        """The values the setup creates the objective from."""
        self.ensure_one()
        return {
            "name": self.name,
            "unit": self.unit,
            "unit_type": self.unit_type,
            "target_value": self.target_value,
        }
