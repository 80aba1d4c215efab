from odoo import api, fields, models
from odoo.osv import expression


class PerfOrgReview(models.Model):
    """The unit's results in the cycle, shown on the review.

    The unit is the reviewed department with its sub-departments (or the
    whole company). In the cycle, it counts:

    * objectives: those of the unit's departments (their department, post
      and employee objectives; every objective of the company for a company
      review); ``objective_progress`` is the mean progress of the measured
      ones;
    * indicators of these objectives: how many, how many scored (with an
      actual), their mean score (unweighted) and how many reach their target (score of
      100 or more);
    * appraisals of the cycle's periods kept in the unit's departments
      (cancelled ones aside): their count per rating band;
    * check-ins on the unit's indicators, and the share of the unit's
      employees with at least one check-in of the cycle.

    Figures are read as superuser, after the explicit check that the user
    reviews the unit (:meth:`_may_edit_review`); others see none, whatever
    they may read of the review.
    """

    _inherit = "perf.org.review"

    can_see_results = fields.Boolean(compute="_compute_results")
    objective_count = fields.Integer(compute="_compute_results")
    objective_progress = fields.Float(
        string="Mean Objective Progress (%)",
        compute="_compute_results",
        digits=(16, 1),
    )
    indicator_count = fields.Integer(compute="_compute_results")
    indicator_scored_count = fields.Integer(
        string="Indicators Scored", compute="_compute_results"
    )
    indicator_score = fields.Float(
        string="Mean Indicator Score (%)", compute="_compute_results", digits=(16, 1)
    )
    indicator_on_target_count = fields.Integer(
        string="Indicators on Target", compute="_compute_results"
    )
    appraisal_count = fields.Integer(compute="_compute_results")
    rating_distribution = fields.Text(compute="_compute_results")
    employee_count = fields.Integer(compute="_compute_results")
    checkin_count = fields.Integer(string="Check-ins", compute="_compute_results")
    checkin_employee_count = fields.Integer(
        string="Employees Who Checked In", compute="_compute_results"
    )
    checkin_employee_share = fields.Float(
        string="Share Who Checked In (%)", compute="_compute_results", digits=(16, 1)
    )

    # ------------------------------------------------------------------
    # The unit
    # ------------------------------------------------------------------

    def _get_unit_domain(self, fname="department_id"):
        """Domain on ``fname`` (a department) of the records of the unit."""
        self.ensure_one()
        if not self.department_id:
            return []
        departments = (
            self.env["hr.department"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.department_id.ids)])
        )
        return [(fname, "in", departments.ids)]

    def _get_objective_domain(self):
        self.ensure_one()
        return expression.AND(
            [
                [
                    ("company_id", "=", self.company_id.id),
                    ("cycle_id", "=", self.cycle_id.id),
                ],
                self._get_unit_domain(),
            ]
        )

    def _get_appraisal_domain(self):
        self.ensure_one()
        return expression.AND(
            [
                [
                    ("company_id", "=", self.company_id.id),
                    ("period_id.cycle_id", "=", self.cycle_id.id),
                    ("state", "!=", "cancel"),
                ],
                self._get_unit_domain(),
            ]
        )

    def _get_employee_domain(self):
        self.ensure_one()
        return expression.AND(
            [[("company_id", "=", self.company_id.id)], self._get_unit_domain()]
        )

    def _get_rating_distribution(self):
        """``[(band name, count)]`` of the unit's appraisals, best band first,
        then those without a rating."""
        self.ensure_one()
        groups = (
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(self._get_appraisal_domain(), ["rating_band_id"], ["__count"])
        )
        rated = sorted(
            (group for group in groups if group[0]),
            key=lambda group: (-group[0].min_score, group[0].name),
        )
        result = [(band.name, count) for band, count in rated]
        unrated = sum(count for band, count in groups if not band)
        if unrated:
            result.append((self.env._("Not rated"), unrated))
        return result

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    @api.depends("department_id", "cycle_id", "company_id")
    def _compute_results(self):
        figures = (
            "objective_count",
            "objective_progress",
            "indicator_count",
            "indicator_scored_count",
            "indicator_score",
            "indicator_on_target_count",
            "appraisal_count",
            "employee_count",
            "checkin_count",
            "checkin_employee_count",
            "checkin_employee_share",
        )
        for review in self:
            review.can_see_results = bool(
                review.cycle_id and review._origin and review._may_edit_review()
            )
            review.rating_distribution = False
            for fname in figures:
                review[fname] = 0
            if review.can_see_results:
                review._compute_unit_figures()

    def _compute_unit_figures(self):
        """Fill in the figures of one review, as superuser: the caller
        checked that the user reviews the unit."""
        self.ensure_one()
        env = self.sudo().env
        objective_domain = self._get_objective_domain()
        [(objective_count,)] = env["perf.objective"]._read_group(
            objective_domain, [], ["__count"]
        )
        [(progress,)] = env["perf.objective"]._read_group(
            expression.AND([objective_domain, [("is_measured", "=", True)]]),
            [],
            ["progress:avg"],
        )
        indicator_domain = [("objective_id", "any", objective_domain)]
        [(indicator_count,)] = env["perf.indicator"]._read_group(
            indicator_domain, [], ["__count"]
        )
        scored = expression.AND([indicator_domain, [("has_score", "=", True)]])
        # A plain mean: indicators of different objectives have no common
        # weight.
        [(scored_count, score_sum)] = env["perf.indicator"]._read_group(
            scored, [], ["__count", "score:sum"]
        )
        [(on_target,)] = env["perf.indicator"]._read_group(
            expression.AND([scored, [("score", ">=", 100.0)]]), [], ["__count"]
        )
        distribution = self._get_rating_distribution()
        employees = env["hr.employee"].search(self._get_employee_domain())
        [(checkin_count,)] = env["perf.checkin"]._read_group(
            [
                ("period_id.cycle_id", "=", self.cycle_id.id),
                ("objective_id", "any", objective_domain),
            ],
            [],
            ["__count"],
        )
        checked_in = env["perf.checkin"]._read_group(
            [
                ("period_id.cycle_id", "=", self.cycle_id.id),
                ("employee_id", "in", employees.ids),
            ],
            ["employee_id"],
        )
        self.objective_count = objective_count
        self.objective_progress = progress or 0.0
        self.indicator_count = indicator_count
        self.indicator_scored_count = scored_count
        self.indicator_score = score_sum / scored_count if scored_count else 0.0
        self.indicator_on_target_count = on_target
        self.appraisal_count = sum(count for _name, count in distribution)
        self.rating_distribution = "\n".join(
            self.env._("%(band)s: %(count)s", band=name, count=count)
            for name, count in distribution
        )
        self.employee_count = len(employees)
        self.checkin_count = checkin_count
        self.checkin_employee_count = len(checked_in)
        self.checkin_employee_share = (
            100.0 * len(checked_in) / len(employees) if employees else 0.0
        )

    def action_open_appraisals(self):
        """The unit's appraisals of the cycle, grouped by rating."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_appraisal_action"
        )
        action["domain"] = self._get_appraisal_domain()
        action["context"] = {"search_default_group_rating": 1}
        return action
