from dateutil.relativedelta import relativedelta

from odoo import Command, fields, models

SELF_ACTIVITY = "perf_management.mail_activity_type_self_review"
MANAGER_ACTIVITY = "perf_management.mail_activity_type_manager_review"


class PerfAppraisal(models.Model):
    """Activities tell the employee, then the manager, that it is their turn;
    each is closed when they submit.

    A campaign starts hundreds of appraisals at once: their activities and
    the followers they bring are created in one batch each (see
    ``_schedule_turn_activities``), not appraisal by appraisal.
    """

    _inherit = "perf.appraisal"

    def _set_state(self, state):
        result = super()._set_state(state)
        appraisals = self.sudo()
        if state == "self_review":
            appraisals._schedule_turn_activities(
                SELF_ACTIVITY, "employee_user_id", "self_deadline"
            )
        elif state == "manager_review":
            appraisals.activity_feedback([SELF_ACTIVITY])
            appraisals._schedule_turn_activities(
                MANAGER_ACTIVITY, "manager_user_id", "manager_deadline"
            )
        else:
            appraisals.activity_feedback([SELF_ACTIVITY, MANAGER_ACTIVITY])
        return result

    def _get_deadline(self, fname):
        self.ensure_one()
        return self.campaign_id[fname] or (
            fields.Date.context_today(self) + relativedelta(days=14)
        )

    def _schedule_turn_activities(self, xmlid, user_field, deadline_field):
        """Give each appraisal of ``self`` the activity ``xmlid``, assigned to
        its ``user_field`` and due at its ``deadline_field``, as
        ``activity_schedule`` would, in one create.

        The users become followers first, in one insert: the activity would
        subscribe them user by user. Odoo's "activity assigned" email is not
        sent: the appraisal's own "your turn" email says it (see
        ``perf_appraisal_mail.py``).
        """
        appraisals = self.filtered(user_field)
        if not appraisals:
            return self.env["mail.activity"]
        activity_type = self.env.ref(xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        appraisals._subscribe_each(
            {
                appraisal.id: appraisal[user_field].partner_id.id
                for appraisal in appraisals
            }
        )
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(
                mail_activity_quick_update=True, perf_followers_subscribed=True
            )
            .create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "summary": activity_type.summary,
                        "automated": True,
                        "note": activity_type.default_note,
                        "date_deadline": appraisal._get_deadline(deadline_field),
                        "res_model_id": model_id,
                        "res_id": appraisal.id,
                        "user_id": appraisal[user_field].id,
                    }
                    for appraisal in appraisals
                ]
            )
        )

    def _subscribe_each(self, partner_by_appraisal):
        """Make each partner of ``{appraisal id: partner id}`` a follower of
        its appraisal (with the default subtypes), in one insert."""
        partner_ids = list(set(filter(None, partner_by_appraisal.values())))
        if not partner_ids:
            return
        Followers = self.env["mail.followers"].sudo()
        existing = {
            (res_id, partner_id)
            for _id, res_id, partner_id, _subtypes in Followers._get_subscription_data(
                [(self._name, list(partner_by_appraisal))], partner_ids
            )
        }
        subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        Followers.create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [Command.set(subtypes.ids)],
                }
                for res_id, partner_id in partner_by_appraisal.items()
                if partner_id and (res_id, partner_id) not in existing
            ]
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # The activities of _schedule_turn_activities subscribe their users,
        # who already follow: skip the check, one per user.
        if self.env.context.get("perf_followers_subscribed"):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
