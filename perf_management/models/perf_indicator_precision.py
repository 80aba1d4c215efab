from odoo import api, fields, models

# Decimals of each kind of unit; an amount takes its currency's.
UNIT_DIGITS = {"number": 2, "count": 0, "percent": 2}


class PerfIndicator(models.Model):
    """The kind of unit of an indicator and the precision its targets are
    split at: a count splits into whole numbers, an amount into cents (or
    whatever its currency counts in)."""

    _inherit = "perf.indicator"

    unit_type = fields.Selection(
        [
            ("number", "Number"),
            ("count", "Count"),
            ("amount", "Amount"),
            ("percent", "Percentage"),
        ],
        string="Values Are",
        required=True,
        default="number",
        help="Count: whole numbers (visits, units). Amount: money, in the "
        "precision of the company's currency. Decomposed targets are rounded "
        "to this precision and still add up exactly.",
    )
    decimal_places = fields.Integer(
        compute="_compute_decimal_places",
        help="Decimals of the target and actual values of this kind of unit.",
    )

    @api.depends("unit_type", "company_id.currency_id.decimal_places")
    def _compute_decimal_places(self):
        for indicator in self:
            if indicator.unit_type == "amount":
                currency = (indicator.company_id or self.env.company).currency_id
                indicator.decimal_places = currency.decimal_places
            else:
                indicator.decimal_places = UNIT_DIGITS.get(indicator.unit_type, 2)
