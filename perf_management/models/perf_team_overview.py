from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

#: Days back that the team screen shows the team's check-in comments.
COMMENT_DAYS = 7


class PerfTeamOverview(models.Model):
    """My Team This Period: a manager's team on one screen.

    * the figures of each person of the team for the periods covering today:
      the indicators of their own and their post's objectives, each with its
      target, its actual so far, the value expected today and its pace;
      a figure counts once, so an indicator whose actual is derived from its
      parts (the year of the quarters) is left for its parts;
    * what waits for the manager: the appraisals to start or review
      (``perf.appraisal.is_waiting_for_me``), the tasks to verify (done, not
      their own, of their team or of an objective they are responsible for),
      the check-ins with a comment of the last :data:`COMMENT_DAYS` days, and
      the indicators nobody checked in on lately (``checkin_silence``).

    Everything is searched with the manager's rights. There is one record per
    user, the user itself (a view on ``res_users``: nothing is stored), and
    each user reads only their own (record rule): the screen opens on it.
    """

    _name = "perf.team.overview"
    _description = "My Team This Period"
    _auto = False
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", readonly=True)
    today = fields.Date(compute="_compute_today")
    period_names = fields.Char(
        string="Periods", compute="_compute_today", help="The periods covering today."
    )
    indicator_ids = fields.Many2many(
        "perf.indicator",
        string="Figures of the Team",
        compute="_compute_indicator_ids",
    )
    appraisal_count = fields.Integer(
        string="Appraisals to Review", compute="_compute_waiting"
    )
    task_count = fields.Integer(string="Tasks to Verify", compute="_compute_waiting")
    checkin_comment_count = fields.Integer(
        string="Check-ins with Comments", compute="_compute_waiting"
    )
    silent_count = fields.Integer(
        string="Not Checked In Lately", compute="_compute_waiting"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (SELECT id, id AS user_id FROM res_users)",
                SQL.identifier(self._table),
            )
        )

    @api.depends("user_id")
    def _compute_display_name(self):
        for overview in self:
            overview.display_name = self.env._("My Team This Period")

    def _get_today(self):
        return self.env["perf.indicator"]._checkin_today()

    @api.depends_context("uid", "checkin_today")
    def _compute_today(self):
        today = self._get_today()
        periods = self.env["perf.period"].search(
            [("date_start", "<=", today), ("date_end", ">=", today)]
        )
        names = " · ".join(
            periods.sorted(lambda p: (p.date_end - p.date_start).days).mapped("name")
        )
        for overview in self:
            overview.today = today
            overview.period_names = names

    # ------------------------------------------------------------------
    # What the screen lists, with the user's rights
    # ------------------------------------------------------------------

    @api.model
    def _get_indicator_domain(self):
        """The figures of the user's team for the periods covering today."""
        today = self._get_today()
        return [
            ("is_my_team", "=", True),
            ("is_own", "=", False),
            ("objective_id.level", "in", ("employee", "post")),
            ("objective_id.active", "=", True),
            ("period_id.date_start", "<=", today),
            ("period_id.date_end", ">=", today),
            ("is_actual_derived", "=", False),
        ]

    @api.model
    def _get_task_domain(self):
        """Done tasks the user verifies: of their team or of an objective they
        are responsible for, never their own work."""
        return [
            ("state", "=", "done"),
            ("is_own", "=", False),
            "|",
            ("is_my_team", "=", True),
            ("objective_id.user_id", "=", self.env.uid),
        ]

    @api.model
    def _get_checkin_comment_domain(self):
        """Check-ins of the team commented in the last days, by others."""
        since = self._get_today() - timedelta(days=COMMENT_DAYS)
        return [
            ("user_id", "!=", self.env.uid),
            ("objective_id.is_my_team", "=", True),
            ("comment", "!=", False),
            ("date", ">=", since),
        ]

    @api.model
    def _get_silent_domain(self):
        """Indicators of the team someone has to check in on now."""
        return [
            ("has_checkin_duty", "=", True),
            ("is_my_team", "=", True),
            ("is_own", "=", False),
        ]

    @api.depends_context("uid", "checkin_today")
    def _compute_indicator_ids(self):
        indicators = self.env["perf.indicator"].search(
            self._get_indicator_domain(),
            order="objective_employee_id, objective_id, sequence, id",
        )
        for overview in self:
            overview.indicator_ids = indicators

    @api.depends_context("uid", "checkin_today")
    def _compute_waiting(self):
        env = self.env
        appraisals = env["perf.appraisal"].search_count(
            [("is_waiting_for_me", "=", True)]
        )
        tasks = env["perf.task"].search_count(self._get_task_domain())
        comments = env["perf.checkin"].search_count(self._get_checkin_comment_domain())
        silent = len(
            env["perf.indicator"]
            .search(self._get_silent_domain())
            .filtered(lambda indicator: indicator.checkin_silence != "recent")
        )
        for overview in self:
            overview.appraisal_count = appraisals
            overview.task_count = tasks
            overview.checkin_comment_count = comments
            overview.silent_count = silent

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.model
    def action_open_my_overview(self):
        """The screen of the current user."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My Team This Period"),
            "res_model": self._name,
            "res_id": self.env.uid,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _open_list(self, xmlid, name, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["name"] = name
        if domain is not None:
            action["domain"] = domain
        if context is not None:
            action["context"] = context
        return action

    def action_open_appraisals(self):
        """Team Appraisals, on those waiting for the user (its default)."""
        return self._open_list(
            "perf_management.perf_appraisal_action_team",
            self.env._("Appraisals to Review"),
        )

    def action_open_tasks(self):
        return self._open_list(
            "perf_management.perf_task_action",
            self.env._("Tasks to Verify"),
            domain=self._get_task_domain(),
            context={},
        )

    def action_open_checkin_comments(self):
        return self._open_list(
            "perf_management.perf_checkin_action_team",
            self.env._("Check-ins with Comments"),
            domain=self._get_checkin_comment_domain(),
            context={"search_default_group_employee": 1},
        )

    def action_open_silent(self):
        return self._open_list(
            "perf_management.perf_indicator_action_checkin_duty",
            self.env._("Who Has Not Checked In"),
        )
