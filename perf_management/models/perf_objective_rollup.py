"""How the progress of an objective is computed.

Progress (in %) is completion to date: how much of the objective's own
target is achieved so far, against the whole target. Each figure counts
once. It is the weighted mean of the blocks that are measured::

    progress = (a * indicator_progress + b * task_progress
                + c * sub_objectives_progress) / (a + b + c)

``a``, ``b`` and ``c`` are ``own_indicators_weight``, ``own_tasks_weight``
and ``sub_objectives_weight``; a block counts only when it is measured and
its weight is above 0. An objective with no measured block has no progress
(``is_measured`` is False, ``progress`` 0) and is left out of its parent.

* ``indicator_progress``: the indicators with a score (an actual, entered or
  derived from the parts the indicator was decomposed into; no actual means
  no score, not 0) are averaged by dimension, weighted by the level policy
  of the objective's company and level, and by their own weights inside
  each dimension (:func:`..tools.scoring.dimension_mean`). A dimension with
  scores but no policy weight makes every dimension count equally.
* ``task_progress``: the weighted mean of the completion of the active
  top-level tasks (done or verified: 100 %; with sub-tasks: their weighted
  completion).
* ``sub_objectives_progress`` counts only for an objective whose indicator
  block does not count (no indicator with an actual, or own indicators
  weighted 0). An objective measured by its own indicators already holds
  its children's figures: a decomposed indicator's actual derives from its
  parts (``models/perf_indicator_rollup.py``), and a year's revenue target
  against the revenue made so far is completion to date, where the mean of
  the measured quarters would only say how good those quarters were. For
  the others, the measured active children are grouped by how they
  decompose the objective, in space (another owner) or in time (the same
  owner, a sub-period). Each group is a whole view of the objective,
  weighted by the children's weights (the shares of a decomposition); the
  block is the mean of the groups present, so an objective decomposed both
  to posts and over quarters is not counted twice. A child nothing measures
  yet is left out. An OKR aligned under an objective is one of its children:
  it counts only this way.

Worked example: a company revenue goal of 12 M is split to Sales, Operations
and Support (50/30/20: 6 M, 3.6 M and 2.4 M); Sales' year is split into
quarters, its Q1 into months. With 1.75 M entered in Q1's months and 3.24 M
and 2.64 M on Operations and Support, the revenue of Sales' Q1 and year
derives as 1.75 M, the company's as 7.63 M: Sales shows 1.75 / 6 = 29.2 %
and the company 7.63 / 12 = 63.6 %. Q1 (1.75 M of 1.5 M, 116.7 %) and its
months keep their own progress against their own targets; they do not count
a second time in Sales' or the company's (averaged again, they would show
Sales at 72.1 % and the company at 74.3 %).

Every mean is :func:`..tools.scoring.weighted_mean`. Every term is stored, and
the progress is a function of the objective's own stored terms and its
children's stored progress only, so a change on a leaf recomputes the leaf
and then its ancestors. ``progress_explanation``
(``models/perf_objective_explanation.py``) shows the same computation to the
reader, with the figures of the sub-objectives and parts they may read only.
Where the objective should be today is a separate figure, never mixed into
the progress (``models/perf_objective_pace.py``).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools.scoring import dimension_mean, weighted_mean

# Fields of a child that decide whether it decomposes its parent in space or
# in time.
OWNER_FIELDS = ("period_id", "level", "department_id", "job_id", "employee_id")


class PerfObjective(models.Model):
    _inherit = "perf.objective"

    indicator_progress = fields.Float(
        string="Indicator Progress (%)",
        compute="_compute_indicator_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_indicator_score = fields.Boolean(
        compute="_compute_indicator_progress", store=True, precompute=True
    )
    task_progress = fields.Float(
        string="Task Progress (%)",
        compute="_compute_task_progress",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    has_tasks = fields.Boolean(
        compute="_compute_task_progress", store=True, precompute=True
    )
    # Precomputed, like the blocks it combines: a batch of new objectives is
    # inserted with its progress, with no UPDATE afterwards. Not tracked: it
    # changes with every actual below, which the leaves' chatter records.
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        precompute=True,
        recursive=True,
        aggregator="avg",
    )
    is_measured = fields.Boolean(
        string="Measured",
        compute="_compute_progress",
        store=True,
        precompute=True,
        recursive=True,
        help="Whether something measures the objective yet: an indicator with "
        "an actual, a task or a measured sub-objective. An objective measured "
        "by nothing is left out of its parent's progress.",
    )
    policy_warning = fields.Char(
        compute="_compute_policy_warning",
        search="_search_policy_warning",
        help="Set when the dimensions of the indicators do not fit the policy "
        "of the objective's level.",
    )

    # ------------------------------------------------------------------
    # Blocks
    # ------------------------------------------------------------------

    @api.depends(
        "level",
        "company_id",
        "indicator_ids.score",
        "indicator_ids.has_score",
        "indicator_ids.weight",
        "indicator_ids.dimension",
    )
    def _compute_indicator_progress(self):
        policies = {}
        for objective in self:
            mean, _means, _equal = objective._get_indicator_means(policies)
            objective.has_indicator_score = mean is not None
            objective.indicator_progress = mean or 0.0

    def _get_indicator_means(self, policies=None):
        """``(mean, {dimension: mean}, equal)`` of the scored indicators, as
        :func:`..tools.scoring.dimension_mean` returns it."""
        self.ensure_one()
        return dimension_mean(
            (
                (indicator.dimension, indicator.score, indicator.weight)
                for indicator in self.indicator_ids
                if indicator.has_score
            ),
            self._get_policy_weights(policies),
        )

    def _get_policy_weights(self, policies=None):
        """``{dimension: weight}`` of the level policy of the objective.

        ``policies`` optionally caches them by company and level.
        """
        self.ensure_one()
        policies = {} if policies is None else policies
        key = (self.company_id.id, self.level)
        if key not in policies:
            policies[key] = (
                self.env["perf.level.policy"]._get_level_weights(*key)
                if self.level
                else {}
            )
        return policies[key]

    @api.depends(
        "task_ids.completion",
        "task_ids.weight",
        "task_ids.parent_id",
        "task_ids.active",
    )
    def _compute_task_progress(self):
        for objective in self:
            mean = weighted_mean(
                (task.completion, task.weight) for task in objective._get_top_tasks()
            )
            objective.has_tasks = mean is not None
            objective.task_progress = mean or 0.0

    def _get_top_tasks(self):
        """Active tasks of the objective that are not sub-tasks of another one."""
        self.ensure_one()
        return self.task_ids.filtered(lambda task: task.active and not task.parent_id)

    @api.depends(
        "own_indicators_weight",
        "own_tasks_weight",
        "sub_objectives_weight",
        "indicator_progress",
        "has_indicator_score",
        "task_progress",
        "has_tasks",
        *OWNER_FIELDS,
        "child_ids.progress",
        "child_ids.is_measured",
        "child_ids.weight",
        "child_ids.active",
        *(f"child_ids.{fname}" for fname in OWNER_FIELDS),
    )
    def _compute_progress(self):
        for objective in self:
            blocks = objective._get_progress_blocks()
            mean = weighted_mean((block["value"], block["weight"]) for block in blocks)
            objective.is_measured = mean is not None
            objective.progress = mean or 0.0

    def _get_progress_blocks(self):
        """The measured blocks of the progress, as documented on the module.

        Return a list of dicts with ``kind`` (indicators, tasks or children),
        ``label``, ``weight``, ``value`` (in %) and ``records``; the children
        block also has ``groups`` (see :meth:`_get_sub_objective_groups`).
        The children block is never there with the indicators block.
        """
        self.ensure_one()
        blocks = []
        if self._counts_own_indicators():
            blocks.append(
                {
                    "kind": "indicators",
                    "label": self.env._("Own indicators"),
                    "weight": self.own_indicators_weight,
                    "value": self.indicator_progress,
                    "records": self.indicator_ids.filtered("has_score"),
                }
            )
        if self.has_tasks and self.own_tasks_weight > 0:
            blocks.append(
                {
                    "kind": "tasks",
                    "label": self.env._("Own tasks"),
                    "weight": self.own_tasks_weight,
                    "value": self.task_progress,
                    "records": self._get_top_tasks(),
                }
            )
        if self._counts_own_indicators():
            return blocks
        groups = self._get_sub_objective_groups()
        if groups and self.sub_objectives_weight > 0:
            blocks.append(
                {
                    "kind": "children",
                    "label": self.env._("Sub-objectives"),
                    "weight": self.sub_objectives_weight,
                    "value": weighted_mean(
                        (self._get_group_progress(children), 1.0)
                        for children in groups.values()
                    ),
                    "records": self.browse().union(*groups.values()),
                    "groups": groups,
                }
            )
        return blocks

    def _counts_own_indicators(self):
        """Whether the indicator block counts (an indicator with an actual,
        own indicators weighted above 0): then the sub-objectives do not, as
        their figures are in the indicators already."""
        self.ensure_one()
        return self.has_indicator_score and self.own_indicators_weight > 0

    def _get_sub_objective_groups(self):
        """The active, weighted and measured children by decomposition kind.

        Return ``{"space": children, "time": children}`` with the kinds present.
        """
        self.ensure_one()
        groups = {}
        for child in self._get_counted_children():
            if child.is_measured:
                kind = "time" if child._is_time_decomposition_of(self) else "space"
                groups[kind] = groups.get(kind, self.browse()) | child
        return groups

    def _prefetch_branch(self):
        """Read the objectives and all their ancestors in one query: a change
        on a leaf walks up its branch, which would read one parent at a time."""
        ids = {
            int(ident)
            for path in self.mapped("parent_path")
            for ident in (path or "").split("/")
            if ident
        }
        self.browse(ids).mapped("parent_id")

    def _get_counted_children(self):
        """Children that count once measured: active, with a weight above 0."""
        self.ensure_one()
        # The context may disable the active filter: archived children never count.
        return self.child_ids.filtered(lambda child: child.active and child.weight > 0)

    @api.model
    def _get_group_progress(self, children):
        return weighted_mean((child.progress, child.weight) for child in children)

    def _is_time_decomposition_of(self, parent):
        """Same owner as its parent, for a sub-period of the parent's period."""
        return (
            self.period_id != parent.period_id
            and self.level == parent.level
            and self.department_id == parent.department_id
            and self.job_id == parent.job_id
            and self.employee_id == parent.employee_id
        )

    # ------------------------------------------------------------------
    # Policy warning
    # ------------------------------------------------------------------

    @api.depends("level", "company_id", "indicator_ids.dimension")
    def _compute_policy_warning(self):
        warnings = self.env["perf.level.policy"]._get_objective_warnings(self)
        for objective in self:
            objective.policy_warning = warnings.get(objective.id) or False

    def _search_policy_warning(self, operator, value):
        if operator not in ("=", "!=") or value not in (False, True):
            raise UserError(
                self.env._("Search objectives with or without a policy warning only.")
            )
        domain = self.env["perf.level.policy"]._get_warning_domain()
        with_warning = (operator == "!=") != (value is True)
        if with_warning:
            return domain
        return ["!", *expression.normalize_domain(domain)]
