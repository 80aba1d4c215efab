from datetime import timedelta

from odoo import api, models

from ..tools.ordering import creation_key


class PerfIndicator(models.Model):
    """Check-in reminders: one "Check-in due" activity per person whose
    indicators have had no check-in for the company's delay.

    A reminder points only at what its person may check in on (never at an
    indicator whose actual comes from its parts or from a computation, nor
    at one an appraisal froze for them), and it is theirs alone: nobody else
    reads, edits, marks done or cancels it (see ``mail_activity.py``), even
    on an objective shared by everyone holding a post.
    """

    _inherit = "perf.indicator"

    @api.model
    def _checkin_activity_type(self):
        return self.env.ref("perf_management.mail_activity_type_checkin_due")

    def _close_checkin_activities(self, user):
        """Mark the user's open "Check-in due" activity done: they checked in."""
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("activity_type_id", "=", self._checkin_activity_type().id),
                    ("user_id", "=", user.id),
                    ("res_model", "=", "perf.objective"),
                ]
            )
        )
        if activities:
            objectives = (
                self.env["perf.objective"].sudo().browse(activities.mapped("res_id"))
            )
            objectives.activity_feedback(
                ["perf_management.mail_activity_type_checkin_due"],
                user_id=user.id,
                feedback=self.env._(
                    "Checked in on %(names)s.", names=", ".join(self.mapped("name"))
                ),
            )

    @api.model
    def _get_stale_indicators(self, today):
        """Indicators of open, started periods whose last check-in (or the
        start of the period) is older than the company's reminder delay, and
        whose actual people enter (not derived from parts)."""
        stale = self.browse()
        for company in self.env["res.company"].search([]):
            limit = today - timedelta(days=company.perf_checkin_reminder_days)
            stale |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("period_id.state", "=", "open"),
                    ("period_id.date_start", "<=", limit),
                    ("period_id.date_end", ">=", today),
                    ("objective_id.active", "=", True),
                    ("is_actual_derived", "=", False),
                    "|",
                    ("last_checkin_date", "=", False),
                    ("last_checkin_date", "<=", limit),
                ]
            )
        return stale.filtered(lambda indicator: indicator._is_entered_by_hand())

    @api.model
    def _get_reminder_targets(self, stale, users):
        """``{user: indicator}``: for each of ``users``, the most stale of
        ``stale`` (sorted most stale first) that they own and may check in on
        now, as themselves (appraisals frozen for them left out)."""
        by_owner = {}
        for indicator in stale:
            for user in indicator._get_checkin_owners():
                if user in users:
                    by_owner.setdefault(user, self.browse())
                    by_owner[user] |= indicator
        targets = {}
        for user, indicators in by_owner.items():
            allowed = indicators.with_user(user).filtered("can_checkin")
            if allowed:
                targets[user] = allowed[0].sudo()
        return targets

    @api.model
    def _cron_checkin_reminders(self, batch_size=200):
        """Give each owner of stale indicators one "Check-in due" activity,
        on the objective of the most stale indicator they may check in on;
        never a second while one is open."""
        today = self._checkin_today()
        activity_type = self._checkin_activity_type()
        stale = self._get_stale_indicators(today).sorted(
            lambda i: (i.last_checkin_date or i.period_id.date_start, creation_key(i))
        )
        owners = stale._get_checkin_owners()
        open_users = (
            self.env["mail.activity"]
            .search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("res_model", "=", "perf.objective"),
                    ("user_id", "in", owners.ids),
                ]
            )
            .user_id
        )
        todo = list(self._get_reminder_targets(stale, owners - open_users).items())
        cron = self.env["ir.cron"]
        for start in range(0, len(todo), batch_size):
            for user, indicator in todo[start : start + batch_size]:
                indicator.objective_id.activity_schedule(
                    "perf_management.mail_activity_type_checkin_due",
                    date_deadline=today,
                    summary=self.env._("Check in on %(name)s", name=indicator.name),
                    user_id=user.id,
                )
            done = min(start + batch_size, len(todo))
            cron._notify_progress(done=done, remaining=len(todo) - done)
        return len(todo)
