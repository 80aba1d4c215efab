from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools import bounds


class PerfInputMixin(models.AbstractModel):
    """What a user types is of a sane size, whatever the path (form, wizard,
    RPC, import): every figure is a finite number within
    ``bounds.MAX_FIGURE``, every text within its kind's limit
    (``bounds.TEXT_LIMITS``). Over the limit, the write is refused with a
    clear message and nothing changes; nothing is ever cut.

    The guard runs on ``create`` and ``write`` of the models that inherit
    this mixin, on the values written: the figures and texts a user may type
    (fields not declared read-only). Figures the software computes (a score,
    the sum of decomposed actuals) are not typed and not refused. A model
    gives a text field a limit other than its kind's in
    ``_perf_text_limits``; an override of ``write`` that reads typed values
    before calling ``super()`` calls :meth:`_ensure_typed_values` first.
    """

    _name = "perf.input.mixin"
    _description = "Typed Figures and Texts of a Sane Size"

    #: {field name: characters} for the texts whose limit is not their kind's.
    _perf_text_limits = {}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ensure_typed_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ensure_typed_values(vals)
        return super().write(vals)

    @api.model
    def _ensure_typed_values(self, vals):
        """Refuse a figure that is not finite or beyond the bound, and a text
        over its limit, among ``vals``."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if (
                field is None
                or field.readonly
                or fname.startswith(("message_", "activity_"))
            ):
                continue
            if field.type == "float" and not bounds.is_valid_figure(value):
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(value)s is not a number between -%(max)s "
                        "and %(max)s. Enter a real figure.",
                        field=self._perf_field_label(fname),
                        max=f"{bounds.MAX_FIGURE:,.0f}",
                        value=str(value)[:40],
                    )
                )
            if field.type in bounds.TEXT_LIMITS:
                self._ensure_text_size(
                    value,
                    self._perf_field_label(fname),
                    self._perf_text_limits.get(fname) or bounds.text_limit(field.type),
                )

    @api.model
    def _ensure_text_size(self, value, label, limit=bounds.TEXT_LIMITS["text"]):
        """Refuse the text ``value`` (of the field or reason ``label``) over
        ``limit`` characters: also for texts that come another way than a
        field, such as a reason given in the context."""
        if not bounds.is_text_within(value, limit):
            raise ValidationError(
                self.env._(
                    "%(field)s holds %(length)s characters, more than the "
                    "%(limit)s allowed. Shorten it (nothing was saved).",
                    field=label,
                    length=f"{len(value):,}",
                    limit=f"{limit:,}",
                )
            )

    @api.model
    def _get_change_reason(self):
        """The reason given for a change in the context (``perf_change_reason``,
        which the wizards asking for a reason set), stripped, of a long text's
        size at most."""
        reason = self.env.context.get("perf_change_reason") or ""
        reason = reason.strip() if isinstance(reason, str) else str(reason)
        self._ensure_text_size(reason, self.env._("The reason"))
        return reason

    @api.model
    def _perf_field_label(self, fname):
        return self._fields[fname].get_description(self.env)["string"]
