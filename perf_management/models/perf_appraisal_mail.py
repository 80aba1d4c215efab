from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

SELF_TEMPLATE = "perf_management.mail_template_appraisal_self_review"
MANAGER_TEMPLATE = "perf_management.mail_template_appraisal_manager_review"
REMINDER_TEMPLATE = "perf_management.mail_template_appraisal_reminder"
MAIL_CRON = "perf_management.ir_cron_appraisal_mails"
#: The steps with a deadline: the state, whose turn it is, the campaign's
#: deadline field and the flag of the reminder sent.
REMINDER_STEPS = (
    ("self_review", "employee_id", "self_deadline", "self_reminder_sent"),
    ("manager_review", "manager_id", "manager_deadline", "manager_reminder_sent"),
)


class PerfAppraisal(models.Model):
    """Emails that tell the employee, then the manager, that it is their
    turn, and remind them once before the deadline of their step.

    The templates (``data/perf_appraisal_mail_templates.xml``) are rendered in
    the recipient's language and show who is appraised, for which period and
    by when: never the self review nor the private note. Emails go to the
    work contact of the employee or manager; who has none gets none.

    A step that starts marks its appraisals' email as pending and triggers
    the email job (``_cron_send_review_mails``), which renders them in
    batches: a campaign of a thousand employees is launched at once, and
    their emails leave in the background, as Odoo's mail queue sends them
    anyway.
    """

    _inherit = "perf.appraisal"

    review_mail_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="The email telling whose turn it is is waiting to be sent.",
    )
    self_reminder_sent = fields.Boolean(
        readonly=True,
        copy=False,
        help="The employee was reminded of the self review deadline.",
    )
    manager_reminder_sent = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager was reminded of the manager review deadline.",
    )

    def _set_state(self, state):
        result = super()._set_state(state)
        vals = {"review_mail_pending": False}
        for step_state, _recipient, _deadline, flag in REMINDER_STEPS:
            if state == step_state:
                # A step started again (a reopened review) is reminded again.
                vals.update({"review_mail_pending": True, flag: False})
        appraisals = self.sudo()
        if vals["review_mail_pending"] or any(appraisals.mapped("review_mail_pending")):
            appraisals.write(vals)
        if vals["review_mail_pending"]:
            self.env.ref(MAIL_CRON).sudo()._trigger()
        return result

    def _send_review_mail(self, template_xmlid, recipient_field):
        """Queue the email ``template_xmlid`` of each appraisal of ``self``
        whose ``recipient_field`` (employee or manager) has a work contact,
        rendered in batch."""
        appraisals = self.filtered(
            lambda appraisal: appraisal[recipient_field].work_contact_id
        )
        if not appraisals:
            return self.env["mail.mail"]
        template = self.env.ref(template_xmlid).sudo()
        return template.send_mail_batch(
            appraisals.ids, email_layout_xmlid="mail.mail_notification_light"
        )

    @api.model
    def _cron_send_review_mails(self, batch_size=500, today=None):
        """Send the pending "your turn" emails, ``batch_size`` at a time (the
        job runs again while some remain), then the reminders due today.
        Returns the number of emails queued."""
        Appraisal = self.sudo()
        domain = [("review_mail_pending", "=", True)]
        pending = Appraisal.search(domain, limit=batch_size, order="id")
        sent = 0
        for state, recipient, _deadline, _flag in REMINDER_STEPS:
            template = SELF_TEMPLATE if state == "self_review" else MANAGER_TEMPLATE
            step = pending.filtered(lambda appraisal, s=state: appraisal.state == s)
            sent += len(step._send_review_mail(template, recipient))
        pending.write({"review_mail_pending": False})
        remaining = Appraisal.search_count(domain)
        if not remaining:
            sent += self._send_review_reminders(today)
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return sent

    @api.model
    def _send_review_reminders(self, today=None):
        """Remind the employee of their self review, and the manager of their
        review, once, when the campaign's deadline of the step is at most the
        company's reminder delay away. Past deadlines are not reminded (the
        overdue activity says it), and the flag of each step keeps a second
        run from sending anything twice. Returns the number of emails."""
        today = today or fields.Date.context_today(self)
        Appraisal = self.sudo()
        sent = 0
        for company in self.env["res.company"].sudo().search([]):
            limit = today + relativedelta(days=company.perf_appraisal_reminder_days)
            for state, recipient, deadline, flag in REMINDER_STEPS:
                appraisals = Appraisal.search(
                    [
                        ("company_id", "=", company.id),
                        ("state", "=", state),
                        (flag, "=", False),
                        (f"campaign_id.{deadline}", ">=", today),
                        (f"campaign_id.{deadline}", "<=", limit),
                    ]
                )
                if appraisals:
                    sent += len(
                        appraisals._send_review_mail(REMINDER_TEMPLATE, recipient)
                    )
                    appraisals.write({flag: True})
        return sent
