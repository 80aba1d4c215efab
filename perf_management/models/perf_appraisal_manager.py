from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .perf_appraisal_activity import MANAGER_ACTIVITY

#: Who is appraised and by whom: chosen when the appraisal starts, then kept.
KEPT_FIELDS = {"employee_id", "manager_id"}


class PerfAppraisal(models.Model):
    """Who conducts an appraisal: the employee's manager when it starts,
    kept whatever happens to the organisation afterwards. A transfer does
    not rewrite who conducted a past appraisal, who reads the notes written
    then, nor the Manager column of an appraisal already paid.

    An administrator hands an appraisal in progress (not done, in an open
    cycle) to another manager explicitly, with a reason kept in the chatter
    (:meth:`_change_manager`). The private note of the former manager is
    then kept for the administrators not appraised in it, never shown to
    the new manager, who starts a note of their own.
    """

    _inherit = "perf.appraisal"

    # Stored away from everyone's reads, as the private note it comes from;
    # ``former_notes`` shows it to administrators.
    former_notes_stored = fields.Text(groups=".", copy=False)
    former_notes = fields.Text(
        string="Former Managers' Notes",
        compute="_compute_former_notes",
        help="The private notes of the managers who conducted the appraisal "
        "before, for performance administrators only.",
    )

    @api.depends_context("uid")
    def _compute_former_notes(self):
        administered = self._get_administered()
        for appraisal in self:
            appraisal.former_notes = (
                appraisal.sudo().former_notes_stored
                if appraisal in administered
                else False
            )

    def write(self, vals):
        if not self.env.su and KEPT_FIELDS & set(vals):
            raise AccessError(
                self.env._(
                    "An appraisal keeps the employee and the manager it started "
                    "with. A performance administrator hands it to another "
                    "manager with Change Manager and a reason."
                )
            )
        return super().write(vals)

    def _change_manager(self, manager, reason):
        """Hand the appraisals of ``self`` to ``manager`` (an employee), for
        ``reason``, posted in their chatter (the manager field is tracked).

        Performance administrators only, never on their own appraisal; not
        on a done or cancelled appraisal, nor in a closed cycle. The former
        manager's private note moves to the former notes (administrators
        only), their review activity goes to the new manager, who follows
        the appraisal instead of them.
        """
        self._ensure_manager_changeable()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Changing who conducts an appraisal needs a reason.")
            )
        manager = manager.sudo()
        for appraisal in self.sudo():
            former = appraisal.manager_id
            if former == manager:
                raise UserError(
                    self.env._(
                        "%(manager)s already conducts appraisal %(name)s.",
                        manager=manager.name,
                        name=appraisal.display_name,
                    )
                )
            vals = {"manager_id": manager.id}
            if (appraisal.manager_note_stored or "").strip():
                vals.update(
                    manager_note_stored=False,
                    former_notes_stored=appraisal._get_former_notes_with(former),
                )
            appraisal.write(vals)
            appraisal.activity_ids.filtered(
                lambda activity: activity.activity_type_id
                == self.env.ref(MANAGER_ACTIVITY)
            ).write({"user_id": manager.user_id.id or self.env.uid})
            if former.user_id.partner_id:
                appraisal.message_unsubscribe(former.user_id.partner_id.ids)
            if manager.user_id.partner_id:
                appraisal.message_subscribe(manager.user_id.partner_id.ids)
            appraisal.message_post(
                body=self.env._(
                    "Conducted by %(manager)s instead of %(former)s from now on: "
                    "%(reason)s",
                    manager=manager.name,
                    former=former.name or "-",
                    reason=reason,
                )
            )
        return True

    def _ensure_manager_changeable(self):
        """Refuse unless the user may hand ``self`` to another manager: an
        administrator of its company not appraised in it, while it is in
        progress in an open cycle."""
        self.check_access("write")
        self._ensure_administered(
            self.env._(
                "Only a performance administrator changes who conducts an "
                "appraisal, and nobody for their own."
            )
        )
        self._ensure_state(("draft", "self_review", "manager_review", "calibration"))

    def _get_former_notes_with(self, former):
        """The former notes with the current private note of ``former``
        added, dated."""
        self.ensure_one()
        header = self.env._(
            "Private note of %(manager)s, who conducted the appraisal until "
            "%(date)s:",
            manager=former.name or "-",
            date=fields.Date.to_string(fields.Date.context_today(self)),
        )
        entry = f"{header}\n{self.manager_note_stored.strip()}"
        return "\n\n".join(filter(None, [self.former_notes_stored, entry]))

    def action_open_manager_wizard(self):
        self.ensure_one()
        self._ensure_manager_changeable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Manager"),
            "res_model": "perf.appraisal.manager.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }
