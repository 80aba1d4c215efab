from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

#: How long after checking in its author may undo a check-in typed by mistake.
UNDO_MINUTES = 15


class PerfCheckin(models.Model):
    """Undoing a check-in typed by mistake.

    Its author may undo their own latest check-in of an indicator within
    ``UNDO_MINUTES``, while they may still check in on it (open period, no
    appraisal froze it) and nothing changed the actual since: the actual goes
    back to the one before, and the check-in is archived with a note in its
    chatter, never deleted. An actual is corrected, never erased: a first
    check-in (no actual before it) is not undone but corrected by checking in
    again.
    """

    _inherit = "perf.checkin"

    can_undo = fields.Boolean(
        compute="_compute_can_undo",
        help="Whether the current user may undo this check-in now.",
    )

    @api.depends_context("uid")
    @api.depends("user_id", "active", "is_latest", "has_previous_value")
    def _compute_can_undo(self):
        for checkin in self:
            checkin.can_undo = bool(checkin._origin) and not checkin._get_undo_refusal()

    def _get_undo_refusal(self):
        """Why the current user may not undo this check-in now, or ``False``."""
        self.ensure_one()
        checkin = self.sudo()
        indicator = self.indicator_id
        if checkin.user_id != self.env.user:
            return self.env._("Only the author of a check-in may undo it.")
        if not checkin.active or not checkin.is_latest:
            return self.env._(
                "Only the latest check-in of an indicator can be undone: check "
                "in again to correct it."
            )
        # The clock that dated the check-in: the database's.
        limit = self.env.cr.now() - timedelta(minutes=UNDO_MINUTES)
        if checkin.create_date < limit:
            return self.env._(
                "A check-in can be undone during %(minutes)s minutes: check in "
                "again to correct it.",
                minutes=UNDO_MINUTES,
            )
        if not checkin.has_previous_value:
            return self.env._(
                "The first check-in of an indicator cannot be undone, which "
                "would erase its actual: check in again with the right value."
            )
        if (
            not indicator.sudo().has_actual
            or indicator.sudo().actual_value != checkin.value
        ):
            return self.env._(
                "The actual of %(name)s changed since this check-in: check in "
                "again to correct it.",
                name=indicator.sudo().name,
            )
        if not indicator.with_env(self.env).can_checkin:
            return self.env._(
                "You can no longer check in on %(name)s, so this check-in stays.",
                name=indicator.sudo().name,
            )
        return False

    def action_undo(self):
        """Put the actual back to what it was before this check-in, and
        archive the check-in (see the class)."""
        self.ensure_one()
        self.check_access("read")
        refusal = self._get_undo_refusal()
        if refusal:
            raise UserError(refusal)
        indicator = self.indicator_id
        indicator._ensure_checkin_allowed()
        checkin = self.sudo()
        indicator._write_checkin_actual(checkin.previous_value)
        checkin.write({"active": False})
        checkin.message_post(
            body=self.env._(
                "Undone by %(user)s: the actual of %(name)s is back to %(value)s.",
                user=self.env.user.name,
                name=indicator.sudo().name,
                value=formatLang(self.env, checkin.previous_value),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True
