from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.perf_checkin import CONFIDENCES
from ..tools import pace


class PerfCheckinWizard(models.TransientModel):
    """The short check-in form: a value, a confidence and a comment.

    The number typed is the number stored: the value starts empty, with the
    current actual shown beside it, and is read as the person's language
    writes numbers. A value far from both the current actual and the value
    expected today asks to be confirmed first (see ``tools/pace.py``). A
    value reaching the target is on track, whatever the confidence chosen.
    """

    _name = "perf.checkin.wizard"
    _description = "Check In"
    _inherit = ["perf.input.mixin"]

    indicator_id = fields.Many2one("perf.indicator", required=True, readonly=True)
    unit = fields.Char(related="indicator_id.unit")
    target_value = fields.Float(related="indicator_id.target_value", string="Target")
    expected_value = fields.Float(
        related="indicator_id.expected_value", string="Expected Today"
    )
    current_value = fields.Float(related="indicator_id.actual_value", string="Now")
    has_current_value = fields.Boolean(related="indicator_id.has_actual")
    value_input = fields.Char(
        string="New Value",
        size=32,
        help="The value the indicator reached, as a number.",
    )
    value = fields.Float(
        string="Value Reached",
        compute="_compute_value",
        store=True,
        readonly=False,
        aggregator=None,
    )
    is_value_typed = fields.Boolean(compute="_compute_value", store=True)
    is_unusual = fields.Boolean(
        compute="_compute_checks",
        help="The value is far from both the current actual and the value "
        "expected today: confirm it before checking in.",
    )
    confirm_unusual = fields.Boolean(string="Yes, this is the value reached")
    reaches_target = fields.Boolean(
        compute="_compute_checks",
        help="The value reaches the target: the check-in is on track.",
    )
    confidence = fields.Selection(CONFIDENCES, required=True, default="on_track")
    comment = fields.Text()

    @api.depends("value_input")
    def _compute_value(self):
        for wizard in self:
            typed = wizard._parse_value_input()
            wizard.is_value_typed = typed is not None
            # Nothing typed keeps the value a caller gave (forms require one).
            wizard.value = wizard.value if typed is None else typed

    @api.depends("value", "is_value_typed", "indicator_id")
    def _compute_checks(self):
        for wizard in self:
            indicator = wizard.indicator_id
            known = bool(indicator) and wizard.is_value_typed
            wizard.is_unusual = known and indicator._is_unusual_checkin_value(
                wizard.value
            )
            wizard.reaches_target = known and indicator._reaches_target(wizard.value)

    @api.onchange("value_input")
    def _onchange_value_input(self):
        # A new value is confirmed anew.
        self.confirm_unusual = False

    def _parse_value_input(self):
        """The number typed in ``value_input``, or ``None`` (nothing typed, or
        not a number)."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        return pace.parse_typed_number(
            self.value_input or "",
            decimal_point=lang.decimal_point or ".",
            thousands_sep=lang.thousands_sep or "",
        )

    def _ensure_value(self):
        """Refuse a check-in whose value is not a number, or unusual and not
        confirmed."""
        self.ensure_one()
        if self.value_input and self._parse_value_input() is None:
            raise ValidationError(
                self.env._(
                    "%(value)r is not a number. Type the value that %(name)s "
                    "reached, e.g. 1250 or 12.5.",
                    value=self.value_input,
                    name=self.indicator_id.name,
                )
            )
        if self.is_unusual and not self.confirm_unusual:
            raise UserError(
                self.env._(
                    "%(value)s is far from the current value and from the value "
                    'expected today. If it is right, tick "Yes, this is the '
                    'value reached" and check in again.',
                    value=self.value_input or self.value,
                )
            )

    def _get_checkin_values(self):
        self.ensure_one()
        return {
            "indicator_id": self.indicator_id.id,
            "value": self.value,
            "confidence": "on_track" if self.reaches_target else self.confidence,
            "comment": self.comment,
        }

    def action_confirm(self):
        self._ensure_value()
        self.env["perf.checkin"].create([self._get_checkin_values()])
        return {"type": "ir.actions.act_window_close"}
