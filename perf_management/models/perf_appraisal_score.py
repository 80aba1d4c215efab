from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.competency import skill_item
from ..tools.scoring import task_item_weight, task_score, weighted_mean
from ..tools.vocabulary import DIMENSIONS

DIMENSION_KEYS = tuple(dimension for dimension, _label in DIMENSIONS)
#: The states in which the dimension weights change: until the manager's
#: review is submitted (what it scored is what is paid).
WEIGHTED_STATES = ("draft", "self_review", "manager_review")


class PerfAppraisal(models.Model):
    """The scores of an appraisal, from the employee's indicators, tasks and
    skills.

    A dimension's score is the weighted mean of the scores of the employee's
    indicators of that dimension, in their own objectives of the period and
    its sub-periods (an indicator with no actual has no score and does not
    count). The employee's tasks of the period and its sub-periods count in
    the process dimension as one more item (see :meth:`_get_task_item`), the
    skills the post expects, as the manager assessed them, in the competency
    dimension (see :meth:`_get_skill_item`). The final score is the weighted
    mean of the dimensions that have a score, with the weights of the
    employee level policy (overridable per appraisal), mapped to a band of
    the company's rating scale.
    """

    _inherit = "perf.appraisal"

    weight_result = fields.Float(aggregator=None, tracking=True)
    weight_process = fields.Float(aggregator=None, tracking=True)
    weight_competency = fields.Float(aggregator=None, tracking=True)
    can_edit_weights = fields.Boolean(compute="_compute_can_edit_weights")
    score_result = fields.Float(readonly=True, aggregator=None)
    score_process = fields.Float(readonly=True, aggregator=None)
    score_competency = fields.Float(readonly=True, aggregator=None)
    has_score_result = fields.Boolean(readonly=True)
    has_score_process = fields.Boolean(readonly=True)
    has_score_competency = fields.Boolean(readonly=True)
    final_score = fields.Float(readonly=True, aggregator="avg", tracking=True)
    has_final_score = fields.Boolean(readonly=True)
    # A band that rated an appraisal is archived, never deleted.
    rating_band_id = fields.Many2one(
        "perf.rating.band",
        string="Rating",
        readonly=True,
        tracking=True,
        ondelete="restrict",
    )
    is_calibrated = fields.Boolean(
        string="Calibrated",
        readonly=True,
        copy=False,
        tracking=True,
        help="The rating was moved in calibration: it is no longer the band "
        "the final score earns.",
    )
    payroll_coefficient = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator=None,
        tracking=True,
        help="Coefficient of the rating, stored for payroll.",
    )

    def write(self, vals):
        if not self.env.su and any(f"weight_{dim}" in vals for dim in DIMENSION_KEYS):
            # Who may not write weights at all is refused as such (see
            # perf.appraisal._ensure_allowed_write).
            late = self._get_administered().filtered(
                lambda appraisal: appraisal.state not in WEIGHTED_STATES
            )
            if late:
                raise UserError(
                    self.env._(
                        "The dimension weights of %(name)s change until its "
                        "manager review is submitted: they scored what is "
                        "paid. Reopen the appraisal to change them.",
                        name=late[0].display_name,
                    )
                )
        return super().write(vals)

    @api.constrains("weight_result", "weight_process", "weight_competency")
    def _check_weights(self):
        for appraisal in self:
            weights = [appraisal[f"weight_{dim}"] for dim in DIMENSION_KEYS]
            if any(weight < 0 for weight in weights) or not any(weights):
                raise ValidationError(
                    self.env._(
                        "The dimension weights of appraisal %(name)s must be 0 or "
                        "more, and at least one of them more than 0.",
                        name=appraisal.display_name,
                    )
                )

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_edit_weights(self):
        administered = self._get_administered()
        for appraisal in self:
            appraisal.can_edit_weights = (
                appraisal in administered and appraisal.state in WEIGHTED_STATES
            )

    @api.onchange("employee_id")
    def _onchange_policy_weights(self):
        # Forms send the weights an administrator may edit: a new appraisal
        # takes the employee level policy's here rather than in create.
        if self._origin or not self.employee_id:
            return
        weights = (
            self.env["perf.level.policy"]
            ._get_policy(self.employee_id.company_id, "employee")
            ._get_dimension_weights()
        )
        for dim in DIMENSION_KEYS:
            self[f"weight_{dim}"] = weights.get(dim, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        policies = {}
        # Read in one query: each employee's company gives its policy.
        employees = self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        )
        company_of = {employee.id: employee.company_id for employee in employees}
        for vals in vals_list:
            if any(f"weight_{dim}" in vals for dim in DIMENSION_KEYS):
                if not self._is_admin():
                    raise AccessError(
                        self.env._(
                            "An appraisal takes the weights of the employee "
                            "level policy: only a performance administrator can "
                            "choose others."
                        )
                    )
                continue
            company = company_of.get(vals.get("employee_id")) or self.env.company
            if company not in policies:
                policies[company] = (
                    self.env["perf.level.policy"]
                    ._get_policy(company, "employee")
                    ._get_dimension_weights()
                )
            for dim in DIMENSION_KEYS:
                vals[f"weight_{dim}"] = policies[company].get(dim, 0.0)
        return super().create(vals_list)

    def _get_scored_indicators(self):
        """The employee's scored indicators of the appraisal's period tree.

        Read as superuser: the callers have checked that the user takes part
        in the appraisal (its employee, manager or an administrator), who may
        read these figures.
        """
        self.ensure_one()
        return self._get_scored_indicators_by_appraisal()[self]

    def _get_scored_indicators_by_appraisal(self):
        """``{appraisal: indicators}``: :meth:`_get_scored_indicators` of each
        appraisal of ``self``, from one search for them all."""
        Indicator = self.env["perf.indicator"].sudo()
        indicators = Indicator.search(
            [
                ("objective_id.level", "=", "employee"),
                ("objective_id.employee_id", "in", self.employee_id.ids),
                ("period_id", "child_of", self.period_id.ids),
                ("has_score", "=", True),
            ]
        )
        by_employee = defaultdict(list)
        for indicator in indicators:
            by_employee[indicator.objective_id.employee_id.id].append(indicator)
        return {
            appraisal: Indicator.union(
                *(
                    indicator
                    for indicator in by_employee[appraisal.employee_id.id]
                    if indicator.period_id.parent_path.startswith(
                        appraisal.period_id.parent_path
                    )
                )
            )
            for appraisal in self
        }

    def _get_tasks_by_appraisal(self):
        """``{appraisal: tasks}``: the active tasks assigned to the appraised
        employee in the appraisal's period tree, from one search for all the
        appraisals of ``self``, read as superuser (as the indicators, see
        :meth:`_get_scored_indicators`).

        A sub-task of one of these tasks is part of it: it is left out, so
        that the same work does not count twice (its parent's weight is the
        one that counts, among the tasks of the objective).
        """
        Task = self.env["perf.task"].sudo()
        tasks = Task.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("active", "=", True),
                ("period_id", "child_of", self.period_id.ids),
            ]
        )
        by_employee = defaultdict(list)
        for task in tasks:
            by_employee[task.employee_id.id].append(task)
        result = {}
        for appraisal in self:
            path = appraisal.period_id.parent_path
            own = Task.union(
                *(
                    task
                    for task in by_employee[appraisal.employee_id.id]
                    if task.period_id.parent_path.startswith(path)
                )
            )
            own_ids = set(own.ids)
            result[appraisal] = own.filtered(
                lambda task, own_ids=own_ids: task.parent_id.id not in own_ids
            )
        return result

    @api.model
    def _get_task_item(self, tasks, indicators):
        """The item ``tasks`` make in the process dimension, next to the
        scored ``indicators`` of the appraisal, as a dict (count, verified,
        score, weight), or ``None`` when they have no score (no task).

        Its score is the weighted share (by task weight) of the verified
        tasks, in percent: a task only marked done is self-declared and earns
        nothing until verified. It weighs as much as the mean process
        indicator, or 1 without any.
        """
        score = task_score((task.state == "verified", task.weight) for task in tasks)
        if score is None:
            return None
        return {
            "count": len(tasks),
            "verified": len(tasks.filtered(lambda task: task.state == "verified")),
            "score": score,
            "weight": task_item_weight(
                indicator.weight
                for indicator in indicators
                if indicator.dimension == "process"
            ),
        }

    def _get_expected_skill_lines_by_appraisal(self):
        """``{appraisal: skill lines}``: the lines of the skills the post
        expects, from one search for all the appraisals of ``self``, read as
        superuser (as the indicators, see :meth:`_get_scored_indicators`)."""
        lines = (
            self.env["perf.appraisal.skill"]
            .sudo()
            .search(
                [
                    ("appraisal_id", "in", self.ids),
                    ("expected_level_id", "!=", False),
                ]
            )
        )
        by_appraisal = defaultdict(list)
        for line in lines:
            by_appraisal[line.appraisal_id.id].append(line.id)
        # Each appraisal's lines keep prefetching the levels of them all.
        return {
            appraisal: lines.browse(by_appraisal[appraisal.id]).with_prefetch(
                lines._prefetch_ids
            )
            for appraisal in self
        }

    @api.model
    def _get_skill_item(self, skill_lines, indicators):
        """The item the skills the post expects (``skill_lines``) make in the
        competency dimension, next to the scored ``indicators`` of the
        appraisal, as a dict (see ``tools/competency.py``: score, weight,
        growth, count, assessed), or ``None`` while none is assessed.

        Each assessed skill achieves the manager's level's progress against
        the expected level's (capped as an indicator score); the item scores
        their mean and weighs as much as the mean competency indicator, or 1
        without any. The employee's own assessment does not count.
        """
        return skill_item(
            (
                (
                    line.expected_level_id.level_progress,
                    line.manager_level_id.level_progress
                    if line.manager_level_id
                    else None,
                    line.previous_level_id.level_progress,
                )
                for line in skill_lines
            ),
            (
                indicator.weight
                for indicator in indicators
                if indicator.dimension == "competency"
            ),
        )

    def _update_scores(self):
        """Compute and store the dimension and final scores, the rating and
        the payroll coefficient.

        A calibrated appraisal keeps the band an administrator moved it to
        (and its coefficient): its scores still update, and when the score
        comes to earn that very band the calibration is no longer needed and
        is cleared. Only reopening the appraisal gives it back the band its
        score earns (see ``action_reopen``)."""
        scales = {}
        indicators_by_appraisal = self._get_scored_indicators_by_appraisal()
        tasks_by_appraisal = self._get_tasks_by_appraisal()
        skills_by_appraisal = self._get_expected_skill_lines_by_appraisal()
        # Appraisals with the same results (none measured, for one) are
        # written together.
        by_vals = defaultdict(list)
        for appraisal in self:
            indicators = indicators_by_appraisal[appraisal]
            task_item = self._get_task_item(tasks_by_appraisal[appraisal], indicators)
            skills_item = self._get_skill_item(
                skills_by_appraisal[appraisal], indicators
            )
            vals = {}
            pairs = []
            for dim in DIMENSION_KEYS:
                items = [
                    (indicator.score, indicator.weight)
                    for indicator in indicators
                    if indicator.dimension == dim
                ]
                if dim == "process" and task_item:
                    items.append((task_item["score"], task_item["weight"]))
                if dim == "competency" and skills_item:
                    items.append((skills_item["score"], skills_item["weight"]))
                score = weighted_mean(items)
                vals[f"score_{dim}"] = score or 0.0
                vals[f"has_score_{dim}"] = score is not None
                pairs.append((score, appraisal[f"weight_{dim}"]))
            final = weighted_mean(pairs)
            company = appraisal.company_id
            if company not in scales:
                scales[company] = self.env["perf.rating.scale"]._get_company_scale(
                    company
                )
            band = scales[company]._get_band(final)
            if appraisal.is_calibrated:
                vals["is_calibrated"] = band != appraisal.rating_band_id
                band = appraisal.rating_band_id
            vals.update(
                final_score=final or 0.0,
                has_final_score=final is not None,
                rating_band_id=band.id,
                payroll_coefficient=band.payroll_coefficient,
            )
            by_vals[tuple(sorted(vals.items()))].append(appraisal.id)
        for items, ids in by_vals.items():
            self.browse(ids).sudo().write(dict(items))
        return True

    def action_update_scores(self):
        """The manager's review scores the figures of now; from calibration
        on, the scores are those reviewed (a corrected figure sends the
        appraisal back to the manager review)."""
        self._ensure_manager()
        self._ensure_state(("manager_review",))
        return self._update_scores()
