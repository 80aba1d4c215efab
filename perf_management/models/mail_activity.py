from odoo import api, models
from odoo.osv import expression


class MailActivity(models.Model):
    """Check-in reminders are personal.

    A "Check-in due" activity sits on the objective of the indicator to check
    in on, which everyone holding a post, a department or the company reads.
    Odoo shows the activities of a record to whoever reads it, and lets whoever
    writes it edit or close them: for these reminders, only the person they
    are assigned to reads, edits, marks done or cancels them (the superuser,
    which runs the scheduled job, too). Other activities are left as Odoo
    has them.
    """

    _inherit = "mail.activity"

    @api.model
    def _get_personal_reminder_domain(self):
        """Domain of the activities the current user may see among the
        personal reminders: all but the other people's reminders."""
        activity_type = self.env.ref(
            "perf_management.mail_activity_type_checkin_due", raise_if_not_found=False
        )
        if not activity_type:
            return []
        return [
            "|",
            ("activity_type_id", "!=", activity_type.id),
            ("user_id", "=", self.env.uid),
        ]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._get_personal_reminder_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not self:
            return result
        personal = self._get_personal_reminder_domain()
        if not personal:
            return result
        allowed = set(self.sudo().filtered_domain(personal).ids)
        others = self.browse(
            activity_id for activity_id in self.ids if activity_id not in allowed
        )
        if result:
            others -= result[0]
        if not others:
            return result
        forbidden = (result[0] if result else self.browse()) + others
        return forbidden, lambda: forbidden._make_access_error(operation)
